/**
 * Validation helpers: the published boson-pT measurements (data/measurements/, see its SOURCE.md),
 * their fiducial selections applied to generated leptons, and a unit-area shape comparison.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FileFormatError, InputError } from "../core/errors.js";
import type { EventBatch } from "../core/events.js";
import { etaOfMomentum } from "../core/fourvector.js";

/** Directory of the digitised measurements shipped with the package. */
export const MEASUREMENTS_DIR = fileURLToPath(new URL("../../data/measurements/", import.meta.url));

/** ATLAS Z pT at 13 TeV, Eur. Phys. J. C 80 (2020) 616, HEPData ins1768911 v3 Table 4a. */
export const ATLAS_ZPT_13TEV_FILE = `${MEASUREMENTS_DIR}atlas_zpt_13tev_table4a.csv`;
/** CMS W → μν pT at 8 TeV, JHEP 02 (2017) 096, HEPData ins1471281 v2 Table 2. */
export const CMS_WPT_8TEV_FILE = `${MEASUREMENTS_DIR}cms_wpt_8tev_mu_table2.csv`;

export interface BinnedMeasurement {
  lo: Float64Array;
  hi: Float64Array;
  /** Value per bin (for the pT tables: 1/σ dσ/dpT in GeV⁻¹). */
  value: Float64Array;
  /** Total relative uncertainty, as a fraction. */
  relErr: Float64Array;
}

/**
 * Uncertainty layouts of the measurement CSVs, chosen by the names of columns 4 and 5 in the
 * header: relative correlated and uncorrelated errors in per cent (added in quadrature), or one
 * published absolute error as +/− (the larger magnitude is taken).
 */
const ERROR_LAYOUTS: Record<string, (value: number, a: number, b: number) => number> = {
  "corr_unc_percent,uncorr_unc_percent": (_v, a, b) => Math.hypot(a, b) / 100,
  "err_plus_per_gev,err_minus_per_gev": (v, a, b) => Math.max(Math.abs(a), Math.abs(b)) / Math.abs(v),
};

/**
 * Reads a measurement CSV: `#` comments, a header line, then rows lo,hi,value,e1,e2 where the
 * header's last two names select the error layout (`ERROR_LAYOUTS`). Default: ATLAS Z pT at
 * 13 TeV, Eur. Phys. J. C 80 (2020) 616, HEPData ins1768911 Table 4a.
 */
export function loadBinnedMeasurement(file = ATLAS_ZPT_13TEV_FILE): BinnedMeasurement {
  const lines = readFileSync(file, "utf8").split("\n");
  const rows: number[][] = [];
  let relErrOf: ((value: number, a: number, b: number) => number) | undefined;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === "" || t.startsWith("#")) continue;
    if (relErrOf === undefined) {
      const names = t.split(",").map((x) => x.trim());
      relErrOf = names.length === 5 ? ERROR_LAYOUTS[`${names[3]},${names[4]}`] : undefined;
      if (relErrOf === undefined) {
        throw new FileFormatError(
          file,
          i + 1,
          `a header of 5 names ending in one of: ${Object.keys(ERROR_LAYOUTS).join(" | ")}`,
        );
      }
      continue;
    }
    const f = t.split(",").map(Number);
    if (f.length !== 5 || f.some((v) => !Number.isFinite(v)) || !(f[1]! > f[0]!) || f[2] === 0) {
      throw new FileFormatError(file, i + 1, "5 finite numbers lo,hi,value,e1,e2 with hi > lo and value ≠ 0");
    }
    rows.push(f);
  }
  if (relErrOf === undefined || rows.length === 0) {
    throw new FileFormatError(file, undefined, "a header line and at least one data row");
  }
  const n = rows.length;
  const m: BinnedMeasurement = {
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    value: new Float64Array(n),
    relErr: new Float64Array(n),
  };
  rows.forEach((r, k) => {
    m.lo[k] = r[0]!;
    m.hi[k] = r[1]!;
    m.value[k] = r[2]!;
    m.relErr[k] = relErrOf(r[2]!, r[3]!, r[4]!);
  });
  return m;
}

/** The ATLAS 13 TeV Z pT fiducial volume (Eur. Phys. J. C 80 (2020) 616). */
export const ATLAS_ZPT_FIDUCIAL = { leptonPtMin: 27, leptonAbsEtaMax: 2.5, mllMin: 66, mllMax: 116 } as const;

/**
 * pT of the two status-1 charged leptons of event e if they pass the fiducial cuts, else −1.
 */
export function fiducialDileptonPt(batch: EventBatch, e: number, cuts = ATLAS_ZPT_FIDUCIAL): number {
  let n = 0;
  let E = 0;
  let px = 0;
  let py = 0;
  let pz = 0;
  for (let i = batch.offsets[e]!; i < batch.offsets[e + 1]!; i++) {
    const a = Math.abs(batch.pdg[i]!);
    if (batch.status[i] !== 1 || (a !== 11 && a !== 13)) continue;
    const pt = Math.hypot(batch.px[i]!, batch.py[i]!);
    if (
      !(pt > cuts.leptonPtMin) ||
      !(Math.abs(etaOfMomentum(batch.px[i]!, batch.py[i]!, batch.pz[i]!)) < cuts.leptonAbsEtaMax)
    )
      return -1;
    n++;
    E += batch.E[i]!;
    px += batch.px[i]!;
    py += batch.py[i]!;
    pz += batch.pz[i]!;
  }
  if (n !== 2) return -1;
  const m = Math.sqrt(Math.max(E * E - px * px - py * py - pz * pz, 0));
  if (!(m > cuts.mllMin && m < cuts.mllMax)) return -1;
  return Math.hypot(px, py);
}

/**
 * The CMS 8 TeV W → μν pT fiducial volume (JHEP 02 (2017) 096; cuts as in the Rivet analysis
 * CMS_2016_I1471281, data/measurements/SOURCE.md): charged lepton pT > 20 GeV, |η| < 2.1, no
 * requirement on the neutrino or the transverse mass.
 */
export const CMS_WPT_FIDUCIAL = { leptonPtMin: 20, leptonAbsEtaMax: 2.1 } as const;

/**
 * W pT = |pT(ℓ) + pT(ν)| of event e (exactly one status-1 charged lepton e/μ and one status-1
 * neutrino ν_e/ν_μ), if the charged lepton passes the fiducial cuts, else −1. The leptons are
 * taken as they are in the record (Born level: the shower adds no QED radiation).
 */
export function fiducialWPt(
  batch: EventBatch,
  e: number,
  cuts: { leptonPtMin: number; leptonAbsEtaMax: number } = CMS_WPT_FIDUCIAL,
): number {
  let lep = -1;
  let nu = -1;
  for (let i = batch.offsets[e]!; i < batch.offsets[e + 1]!; i++) {
    if (batch.status[i] !== 1) continue;
    const a = Math.abs(batch.pdg[i]!);
    if (a === 11 || a === 13) {
      if (lep >= 0) return -1;
      lep = i;
    } else if (a === 12 || a === 14) {
      if (nu >= 0) return -1;
      nu = i;
    }
  }
  if (lep < 0 || nu < 0) return -1;
  const pt = Math.hypot(batch.px[lep]!, batch.py[lep]!);
  if (
    !(pt > cuts.leptonPtMin) ||
    !(Math.abs(etaOfMomentum(batch.px[lep]!, batch.py[lep]!, batch.pz[lep]!)) < cuts.leptonAbsEtaMax)
  )
    return -1;
  return Math.hypot(batch.px[lep]! + batch.px[nu]!, batch.py[lep]! + batch.py[nu]!);
}

export interface ShapeComparison {
  lo: number[];
  hi: number[];
  /** Unit-area densities (per GeV) of the measurement and of the model in [lo₀, hi_last]. */
  data: number[];
  model: number[];
  /** MC error of the model density. */
  modelErr: number[];
  /** model / data per bin. */
  ratio: number[];
}

/**
 * Compares a weighted sample (values, weights) with a binned density measurement over the bins
 * lying inside [xMin, xMax]: both are normalised to unit area over those bins.
 */
export function compareShape(
  m: BinnedMeasurement,
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  xMin: number,
  xMax: number,
): ShapeComparison {
  const idx: number[] = [];
  for (let k = 0; k < m.lo.length; k++) if (m.lo[k]! >= xMin && m.hi[k]! <= xMax) idx.push(k);
  if (idx.length === 0)
    throw new InputError("compareShape range", "a range containing at least one bin", `${xMin}–${xMax}`);
  const sw = new Float64Array(idx.length);
  const sw2 = new Float64Array(idx.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    for (let j = 0; j < idx.length; j++) {
      const k = idx[j]!;
      if (v >= m.lo[k]! && v < m.hi[k]!) {
        sw[j] = sw[j]! + weights[i]!;
        sw2[j] = sw2[j]! + weights[i]! * weights[i]!;
        break;
      }
    }
  }
  let totModel = 0;
  let totData = 0;
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j]!;
    totModel += sw[j]!;
    totData += m.value[k]! * (m.hi[k]! - m.lo[k]!);
  }
  const out: ShapeComparison = { lo: [], hi: [], data: [], model: [], modelErr: [], ratio: [] };
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j]!;
    const w = m.hi[k]! - m.lo[k]!;
    const d = m.value[k]! / totData;
    const mo = sw[j]! / totModel / w;
    out.lo.push(m.lo[k]!);
    out.hi.push(m.hi[k]!);
    out.data.push(d);
    out.model.push(mo);
    out.modelErr.push(Math.sqrt(sw2[j]!) / totModel / w);
    out.ratio.push(mo / d);
  }
  return out;
}
