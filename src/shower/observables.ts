/**
 * Event observables the shower stage provides: the paper's charged-hadron H_T and the boson pT.
 */
import type { EventBatch } from "../core/events.js";
import { etaOfMomentum, norm2 } from "../core/fourvector.js";

export interface HtCuts {
  /** Minimum charged-hadron pT (paper Sec. V A: 2 GeV). */
  ptMinGeV: number;
  /** Maximum |η| (paper Sec. V A: 2.5). */
  absEtaMax: number;
  /** Scale factor for the neglected underlying event and pile-up (ShowerOptions.htScale). */
  htScale: number;
}

export const PAPER_HT_CUTS: HtCuts = { ptMinGeV: 2, absEtaMax: 2.5, htScale: 1 };

/**
 * Charged H_T of event e: the scalar pT sum of status-1 charged hadrons (|pdg| = 211, 321, 2212)
 * with pT > ptMin and |η| < absEtaMax (paper Sec. V A "Event selection", the quantity of its
 * H_T < 30 GeV veto), times htScale.
 */
export function chargedHt(batch: EventBatch, e: number, cuts: HtCuts = PAPER_HT_CUTS): number {
  let ht = 0;
  const ptMin2 = cuts.ptMinGeV * cuts.ptMinGeV;
  for (let i = batch.offsets[e]!; i < batch.offsets[e + 1]!; i++) {
    if (batch.status[i] !== 1) continue;
    const a = Math.abs(batch.pdg[i]!);
    if (a !== 211 && a !== 321 && a !== 2212) continue;
    const px = batch.px[i]!;
    const py = batch.py[i]!;
    const pt2 = px * px + py * py;
    if (pt2 <= ptMin2) continue;
    const pt = Math.sqrt(pt2);
    if (Math.abs(etaOfMomentum(px, py, batch.pz[i]!)) >= cuts.absEtaMax) continue;
    ht += pt;
  }
  return ht * cuts.htScale;
}

/** Charged H_T of every event. */
export function chargedHtAll(batch: EventBatch, cuts: HtCuts = PAPER_HT_CUTS): Float64Array {
  const out = new Float64Array(batch.nEvents);
  for (let e = 0; e < batch.nEvents; e++) out[e] = chargedHt(batch, e, cuts);
  return out;
}

function isLeptonOrBoson(a: number): boolean {
  return (a >= 11 && a <= 16) || a === 22 || a >= 9900000;
}

/**
 * Transverse momentum of the electroweak boson of event e: the W or Z (|pdg| 24, 23) if the record
 * has one, else the vector sum of the final-state leptons, neutrinos, photons and dark-sector
 * particles (the colour-singlet hard system of q q̄′ → ℓν, ℓℓ, ℓ N_D …; status 1, excluding decay
 * products of status-2 dark states would double count, so only status-1 ones are summed).
 */
export function bosonPt(batch: EventBatch, e: number): number {
  let sx = 0;
  let sy = 0;
  for (let i = batch.offsets[e]!; i < batch.offsets[e + 1]!; i++) {
    const a = Math.abs(batch.pdg[i]!);
    if ((a === 24 || a === 23) && batch.status[i] === 2) return norm2(batch.px[i]!, batch.py[i]!);
  }
  for (let i = batch.offsets[e]!; i < batch.offsets[e + 1]!; i++) {
    if (batch.status[i] !== 1 || !isLeptonOrBoson(Math.abs(batch.pdg[i]!))) continue;
    sx += batch.px[i]!;
    sy += batch.py[i]!;
  }
  return norm2(sx, sy);
}

/**
 * Weighted mean and median of the boson pT over the batch (event weights; negative weights count
 * as zero; with no positive weight every event counts once). The `bosonPtGeV` block of `dnreach generate --shower on --json`.
 */
export function bosonPtSummary(batch: EventBatch): { mean: number; median: number } {
  const n = batch.nEvents;
  if (n === 0) return { mean: 0, median: 0 };
  const pts = new Float64Array(n);
  let sw = 0;
  let swx = 0;
  for (let e = 0; e < n; e++) {
    const w = Math.max(batch.weight[e]!, 0);
    pts[e] = bosonPt(batch, e);
    sw += w;
    swx += w * pts[e]!;
  }
  if (!(sw > 0)) {
    // Unit weights (e.g. a batch built without weights).
    const sorted = Float64Array.from(pts).sort();
    let s = 0;
    for (let e = 0; e < n; e++) s += pts[e]!;
    return { mean: s / n, median: sorted[n >> 1]! };
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => pts[i]! - pts[j]!);
  let acc = 0;
  let median = pts[order[n - 1]!]!;
  for (const i of order) {
    acc += Math.max(batch.weight[i]!, 0);
    if (acc >= sw / 2) {
      median = pts[i]!;
      break;
    }
  }
  return { mean: swx / sw, median };
}
