/**
 * Validation helpers: the published Z pT measurement (data/measurements/, see its SOURCE.md), its
 * fiducial selection applied to generated dileptons, and a unit-area shape comparison.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FileFormatError, InputError } from "../core/errors.js";
import type { EventBatch } from "../core/events.js";

/** Directory of the digitised measurements shipped with the package. */
export const MEASUREMENTS_DIR = fileURLToPath(new URL("../../data/measurements/", import.meta.url));

export interface BinnedMeasurement {
  lo: Float64Array;
  hi: Float64Array;
  /** Value per bin (for the Z pT table: 1/σ dσ/dpT in GeV⁻¹). */
  value: Float64Array;
  /** Total relative uncertainty (correlated ⊕ uncorrelated), as a fraction. */
  relErr: Float64Array;
}

/**
 * Reads a measurement CSV (`#` comments, a header line, then rows lo,hi,value,corr %,uncorr %).
 * Default: ATLAS Z pT at 13 TeV, Eur. Phys. J. C 80 (2020) 616, HEPData ins1768911 Table 4a.
 */
export function loadBinnedMeasurement(
  file = `${MEASUREMENTS_DIR}atlas_zpt_13tev_table4a.csv`,
): BinnedMeasurement {
  const lines = readFileSync(file, "utf8").split("\n");
  const rows: number[][] = [];
  let header = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === "" || t.startsWith("#")) continue;
    if (!header) {
      header = true;
      continue;
    }
    const f = t.split(",").map(Number);
    if (f.length !== 5 || f.some((v) => !Number.isFinite(v)) || !(f[1]! > f[0]!)) {
      throw new FileFormatError(file, i + 1, "5 finite numbers lo,hi,value,corr%,uncorr% with hi > lo");
    }
    rows.push(f);
  }
  if (rows.length === 0) throw new FileFormatError(file, undefined, "at least one data row");
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
    m.relErr[k] = Math.hypot(r[3]!, r[4]!) / 100;
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
    if (!(pt > cuts.leptonPtMin) || !(Math.abs(Math.asinh(batch.pz[i]! / pt)) < cuts.leptonAbsEtaMax))
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
