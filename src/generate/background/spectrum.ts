/**
 * Soft-pair mass spectra of background samples: dσ/dm_ℓℓ (10 MeV – 10 GeV, log bins) with MC errors,
 * the MC error in sliding m_ℓℓ windows (the precision target of the background issue), and the
 * figure builder (Vega-Lite via src/plot/render.ts `writeFigure`).
 *
 * Generator-level observables. Two pairings (`SoftPairing`):
 *  "candidate"     as the paper's Sec. V A defines them on reconstructed leptons: the charged leptons
 *                  ordered by p_T, ℓ1 the leading one, the Z_D candidate ℓ2 + ℓ3 (the two next; for
 *                  four-lepton events the three leading ones, i.e. the softest lepton "lost"); no
 *                  flavour or charge requirement, events with < 3 charged leptons skipped;
 *  "lightest-sfos" the same-flavour opposite-sign pair of lowest mass — the pair the generation cut
 *                  m(SFOS) > 10 MeV acts on (paper Sec. IV), so m ≥ 10 MeV in every generated event —
 *                  with ℓ1 the highest-p_T charged lepton outside the pair (p_T(ℓ1) = 0 and no Table II
 *                  pass when there is none, e.g. all-hadronic tt̄ + pair); events without an SFOS pair
 *                  skipped.
 * Levels:
 *  "pt1"    p_T(ℓ1) > 25 GeV (the interim requirement);
 *  "table2" in addition the kinematic cuts of Table II: dφ(ℓ1, ℓ2ℓ3) > 2.7, 2.7 < dR < 3.5,
 *           m(ℓ1ℓ2ℓ3) < 80.3 GeV, p_T(ℓ1ℓ2ℓ3) < m_W/2 = 40.2 GeV (generator level: no smearing,
 *           efficiencies or H_T veto — those need the detector and shower stages).
 */
import { type EventBatch, Status } from "../../core/events.js";
import { etaOfMomentum, norm2 } from "../../core/fourvector.js";
import { Histogram1D } from "../../core/histogram.js";

export type SpectrumLevel = "none" | "pt1" | "table2";

/** Which two leptons form the soft pair (module comment). */
export type SoftPairing = "candidate" | "lightest-sfos";

export interface SoftPairEvent {
  mll: number;
  pt1: number;
  weight: number;
  passTable2: boolean;
}

function transverse(batch: EventBatch, i: number): number {
  return norm2(batch.px[i]!, batch.py[i]!);
}

function pairMass(batch: EventBatch, a: number, b: number): number {
  const E = batch.E[a]! + batch.E[b]!;
  const px = batch.px[a]! + batch.px[b]!;
  const py = batch.py[a]! + batch.py[b]!;
  const pz = batch.pz[a]! + batch.pz[b]!;
  return Math.sqrt(Math.max(0, E * E - px * px - py * py - pz * pz));
}

/**
 * Observables of the pair (l2, l3) with the lepton l1 (−1: none): m_ℓℓ, p_T(ℓ1) and the Table II
 * kinematics (dφ(ℓ1, pair) > 2.7, 2.7 < dR < 3.5, m(ℓ1ℓ2ℓ3) < 80.3 GeV, p_T(ℓ1ℓ2ℓ3) < 40.2 GeV).
 */
function pairObservables(batch: EventBatch, e: number, l1: number, l2: number, l3: number): SoftPairEvent {
  const mll = pairMass(batch, l2, l3);
  const weight = batch.weight[e]!;
  if (l1 < 0) return { mll, pt1: 0, weight, passTable2: false };
  const E = batch.E[l2]! + batch.E[l3]!;
  const px = batch.px[l2]! + batch.px[l3]!;
  const py = batch.py[l2]! + batch.py[l3]!;
  const pz = batch.pz[l2]! + batch.pz[l3]!;
  const phi = (x: number, y: number): number => Math.atan2(y, x);
  let dphi = Math.abs(phi(batch.px[l1]!, batch.py[l1]!) - phi(px, py));
  if (dphi > Math.PI) dphi = 2 * Math.PI - dphi;
  const deta = etaOfMomentum(batch.px[l1]!, batch.py[l1]!, batch.pz[l1]!) - etaOfMomentum(px, py, pz);
  const dR = norm2(dphi, deta);
  const E3 = E + batch.E[l1]!;
  const x3 = px + batch.px[l1]!;
  const y3 = py + batch.py[l1]!;
  const z3 = pz + batch.pz[l1]!;
  const m3 = Math.sqrt(Math.max(0, E3 * E3 - x3 * x3 - y3 * y3 - z3 * z3));
  const pt3 = norm2(x3, y3);
  return {
    mll,
    pt1: transverse(batch, l1),
    weight,
    passTable2: dphi > 2.7 && dR > 2.7 && dR < 3.5 && m3 < 80.3 && pt3 < 40.2,
  };
}

/**
 * Per-event soft-pair observables of a batch with the chosen pairing (module comment; default the
 * paper's Z_D candidate ℓ2 + ℓ3). Events without a pair of that kind are skipped.
 */
export function softPairEvents(batch: EventBatch, pairing: SoftPairing = "candidate"): SoftPairEvent[] {
  const out: SoftPairEvent[] = [];
  const idx: number[] = [];
  for (let e = 0; e < batch.nEvents; e++) {
    idx.length = 0;
    for (let i = batch.offsets[e]!; i < batch.offsets[e + 1]!; i++) {
      const a = Math.abs(batch.pdg[i]!);
      if (batch.status[i] === Status.final && (a === 11 || a === 13)) idx.push(i);
    }
    if (pairing === "candidate") {
      if (idx.length < 3) continue;
      idx.sort((x, y) => transverse(batch, y) - transverse(batch, x));
      const [l1, l2, l3] = idx as [number, number, number];
      out.push(pairObservables(batch, e, l1, l2, l3));
      continue;
    }
    // Lightest SFOS pair (pdg codes ±11 or ±13 of opposite sign).
    let a = -1;
    let b = -1;
    let mMin = Number.POSITIVE_INFINITY;
    for (let i = 0; i < idx.length; i++) {
      for (let j = i + 1; j < idx.length; j++) {
        if (batch.pdg[idx[i]!] !== -batch.pdg[idx[j]!]!) continue;
        const m = pairMass(batch, idx[i]!, idx[j]!);
        if (m < mMin) {
          mMin = m;
          a = idx[i]!;
          b = idx[j]!;
        }
      }
    }
    if (a < 0) continue;
    let l1 = -1;
    for (const i of idx) {
      if (i !== a && i !== b && (l1 < 0 || transverse(batch, i) > transverse(batch, l1))) l1 = i;
    }
    out.push(pairObservables(batch, e, l1, a, b));
  }
  return out;
}

function passes(ev: SoftPairEvent, level: SpectrumLevel): boolean {
  if (level === "none") return true;
  if (ev.pt1 <= 25) return false;
  return level === "pt1" || ev.passTable2;
}

/** dσ/dm_ℓℓ histogram (Σ weights per bin, pb; divide by the bin width for the density). */
export function mllHistogram(
  events: readonly SoftPairEvent[],
  level: SpectrumLevel,
  loGeV = 0.01,
  hiGeV = 10,
  bins = 60,
): Histogram1D {
  const h = new Histogram1D({ kind: "log", lo: loGeV, hi: hiGeV, bins });
  for (const ev of events) if (passes(ev, level)) h.fill(ev.mll, ev.weight);
  return h;
}

export interface WindowError {
  /** Window [loGeV, loGeV + widthGeV). */
  loGeV: number;
  widthGeV: number;
  sigmaPb: number;
  errPb: number;
  relErr: number;
}

/**
 * σ and MC error (√Σw²) in windows [m, m + width(m)) for m on a grid from loGeV to hiGeV (nWindows
 * starting points, log-spaced).
 */
export function windowErrors(
  events: readonly SoftPairEvent[],
  level: SpectrumLevel,
  loGeV: number,
  hiGeV: number,
  width: (mGeV: number) => number,
  nWindows = 25,
): WindowError[] {
  const sel = events.filter((e) => passes(e, level)).sort((a, b) => a.mll - b.mll);
  const ms = Float64Array.from(sel, (e) => e.mll);
  const lowerBound = (x: number): number => {
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out: WindowError[] = [];
  for (let k = 0; k < nWindows; k++) {
    const m = loGeV * (hiGeV / loGeV) ** (k / Math.max(1, nWindows - 1));
    const w = width(m);
    const a = lowerBound(m);
    const b = lowerBound(m + w);
    let s = 0;
    let s2 = 0;
    for (let i = a; i < b; i++) {
      s += sel[i]!.weight;
      s2 += sel[i]!.weight ** 2;
    }
    out.push({
      loGeV: m,
      widthGeV: w,
      sigmaPb: s,
      errPb: Math.sqrt(s2),
      relErr: s > 0 ? Math.sqrt(s2) / s : Infinity,
    });
  }
  return out;
}

/** Window widths of the issue: 10 MeV for electrons; 3 → 100 MeV (linear in m over 0.2–10 GeV) for muons. */
export function electronWindow(): number {
  return 0.01;
}
export function muonWindow(mGeV: number): number {
  const f = Math.min(1, Math.max(0, (mGeV - 0.2) / 9.8));
  return 0.003 + f * 0.097;
}
