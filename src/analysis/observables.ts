/**
 * Event observables of the paper's selection (Sec. V A, Table II, Figs. 3–5), one row per
 * reconstructed entry (detector/reconstruct.ts), as a struct-of-arrays table of typed columns.
 *
 * Leptons ℓ1, ℓ2, ℓ3 are the three highest-pT reconstructed leptons (paper: "labeled l1, l2, l3 in
 * order of descending pT"); the Z_D candidate is ℓ2 + ℓ3, "the two leptons with the lowest
 * transverse momenta" (Sec. V A). For entries with four or more leptons (which pass the
 * multiplicity cut only through the veto inefficiency) the three leading ones are used.
 * Entries with fewer than three leptons have `valid = 0` and all kinematic columns 0: the table
 * never holds NaN.
 */
import { InputError } from "../core/errors.js";
import { type EventBatch, Status } from "../core/events.js";
import { deltaPhi, etaOfMomentum, norm2, norm3 } from "../core/fourvector.js";
import type { RecoLeptons } from "../detector/reconstruct.js";
import { isChargedHadron } from "./hadrons.js";

/** Flavour channel of the soft pair (ℓ2, ℓ3). */
export const Channel = { none: -1, ee: 0, mumu: 1, emu: 2 } as const;
export type ChannelName = "ee" | "mumu";

export interface Observables {
  readonly n: number;
  /** Generated-event index, entry weight (pb) and process code. */
  readonly event: Uint32Array;
  readonly weight: Float64Array;
  readonly processId: Int32Array;
  /** 1 when the entry has at least three leptons (the kinematic columns are then meaningful). */
  readonly valid: Uint8Array;
  /** Number of reconstructed leptons in the entry. */
  readonly nLeptons: Int32Array;
  /** Leptons of the event inside the acceptance before the identification efficiency (veto input). */
  readonly nAccepted: Int32Array;
  /** PDG codes, pT (GeV) and η of ℓ1, ℓ2, ℓ3. */
  readonly pdg1: Int32Array;
  readonly pdg2: Int32Array;
  readonly pdg3: Int32Array;
  readonly pt1: Float64Array;
  readonly pt2: Float64Array;
  readonly pt3: Float64Array;
  readonly eta1: Float64Array;
  readonly eta2: Float64Array;
  readonly eta3: Float64Array;
  /** m_ℓℓ of the two softest leptons (ℓ2, ℓ3). */
  readonly mll: Float64Array;
  /** m(ℓ1ℓ2ℓ3) and pT(ℓ1ℓ2ℓ3). */
  readonly m3l: Float64Array;
  readonly pt3l: Float64Array;
  /** dφ and dR = √(dφ² + dη²) between ℓ1 and the Z_D candidate ℓ2 + ℓ3 (Table II). */
  readonly dPhi1Z: Float64Array;
  readonly dR1Z: Float64Array;
  /** Charged H_T: scalar pT sum of final charged hadrons (Sec. V A). */
  readonly htCharged: Float64Array;
  /** Displacement (mm) of the soft-pair vertex from the origin (3-D or transverse per card). */
  readonly displacementMm: Float64Array;
  /** Soft-pair flavour: Channel.ee, .mumu, .emu (none for invalid entries). */
  readonly channel: Int8Array;
  /** Sum of the electric charges of ℓ2 and ℓ3 (0 for an opposite-sign pair). */
  readonly softPairCharge: Int8Array;
}

export interface ObservableOptions {
  /** Charged-hadron pT threshold for H_T (paper Sec. V A: 2 GeV). */
  htMinPtGeV?: number;
  /** Charged-hadron |η| acceptance for H_T (paper Sec. V A: 2.5). */
  htAbsEtaMax?: number;
  /**
   * Factor multiplying the charged H_T (default 1), e.g. the shower stage's `htScale` standing for
   * underlying event and pile-up that are not simulated.
   */
  htScale?: number;
  /**
   * H_T per generated event as `chargedHT(batch, htMinPtGeV, htAbsEtaMax)` returns it (before
   * `htScale`), when the caller has it already — e.g. one batch analysed under several detector
   * cards, since H_T does not depend on the card. Computed here when absent.
   */
  htPerEvent?: Float64Array;
}

/**
 * Charged H_T per generated event: Σ pT of final-state charged hadrons with pT > htMinPtGeV and
 * |η| < htAbsEtaMax (paper Sec. V A). Zero for events without hadrons (unshowered events).
 * Hadrons are taken at generator level (the paper gives no hadron response).
 */
export function chargedHT(batch: EventBatch, htMinPtGeV = 2, htAbsEtaMax = 2.5): Float64Array {
  const out = new Float64Array(batch.nEvents);
  for (let e = 0; e < batch.nEvents; e++) {
    out[e] = chargedPtSum(batch, batch.offsets[e]!, batch.offsets[e + 1]!, htMinPtGeV, htAbsEtaMax);
  }
  return out;
}

/** Particle columns that charged H_T reads; without `status` every particle counts as final. */
export interface HadronColumns {
  readonly pdg: Int32Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  readonly status?: Int8Array;
}

/**
 * Σ pT of the final charged hadrons among particles [from, to) of `p` with pT > htMinPtGeV and
 * |η| < htAbsEtaMax (paper Sec. V A): the sum behind `chargedHT`, also for hadrons held outside a
 * batch (analysis/deferredHT.ts).
 */
export function chargedPtSum(
  p: HadronColumns,
  from: number,
  to: number,
  htMinPtGeV: number,
  htAbsEtaMax: number,
): number {
  // |η| < η_max ⇔ |p_z| < p_T sinh(η_max) (p_T > 0): no asinh per hadron.
  const sinhMax = Math.sinh(htAbsEtaMax);
  const ptMin2 = htMinPtGeV * htMinPtGeV;
  const status = p.status;
  let sum = 0;
  for (let k = from; k < to; k++) {
    if ((status && status[k] !== Status.final) || !isChargedHadron(p.pdg[k]!)) continue;
    const px = p.px[k]!;
    const py = p.py[k]!;
    const pt2 = px * px + py * py;
    if (!(pt2 > ptMin2)) continue;
    const pt = Math.sqrt(pt2);
    if (!(Math.abs(p.pz[k]!) < pt * sinhMax)) continue;
    sum += pt;
  }
  return sum;
}

/** Electric charge of a charged lepton from its PDG code (11, 13 are ℓ⁻). */
function leptonCharge(pdg: number): number {
  return pdg > 0 ? -1 : 1;
}

function massOf(e: number, px: number, py: number, pz: number): number {
  const m2 = e * e - px * px - py * py - pz * pz;
  return m2 > 0 ? Math.sqrt(m2) : 0;
}

/**
 * A table of `n` invalid entries (weight 0, all columns 0, channel none), to be filled by
 * computeObservables or by hand in tests.
 */
export function emptyObservables(n: number): Observables {
  if (!Number.isInteger(n) || n < 0) throw new InputError("n", "an integer ≥ 0", n);
  return {
    n,
    event: new Uint32Array(n),
    weight: new Float64Array(n),
    processId: new Int32Array(n),
    valid: new Uint8Array(n),
    nLeptons: new Int32Array(n),
    nAccepted: new Int32Array(n),
    pdg1: new Int32Array(n),
    pdg2: new Int32Array(n),
    pdg3: new Int32Array(n),
    pt1: new Float64Array(n),
    pt2: new Float64Array(n),
    pt3: new Float64Array(n),
    eta1: new Float64Array(n),
    eta2: new Float64Array(n),
    eta3: new Float64Array(n),
    mll: new Float64Array(n),
    m3l: new Float64Array(n),
    pt3l: new Float64Array(n),
    dPhi1Z: new Float64Array(n),
    dR1Z: new Float64Array(n),
    htCharged: new Float64Array(n),
    displacementMm: new Float64Array(n),
    channel: new Int8Array(n).fill(Channel.none),
    softPairCharge: new Int8Array(n),
  };
}

/** Computes the observables of every entry of `reco` (whose events come from `batch`). */
export function computeObservables(
  reco: RecoLeptons,
  batch: EventBatch,
  options: ObservableOptions = {},
): Observables {
  const htMin = options.htMinPtGeV ?? 2;
  const htEta = options.htAbsEtaMax ?? 2.5;
  if (!(htMin >= 0) || !Number.isFinite(htMin)) throw new InputError("htMinPtGeV", "a number ≥ 0", htMin);
  if (!(htEta > 0)) throw new InputError("htAbsEtaMax", "a number > 0", htEta);
  const htScale = options.htScale ?? 1;
  if (!(htScale >= 0) || !Number.isFinite(htScale))
    throw new InputError("htScale", "a finite number ≥ 0", htScale);
  if (options.htPerEvent && options.htPerEvent.length !== batch.nEvents) {
    throw new InputError("htPerEvent.length", `batch.nEvents = ${batch.nEvents}`, options.htPerEvent.length);
  }
  const ht = options.htPerEvent ?? chargedHT(batch, htMin, htEta);
  const n = reco.nEntries;
  const o = emptyObservables(n);
  o.event.set(reco.event);
  o.weight.set(reco.weight);
  const transverse = reco.displacementMeasure === "transverse";
  for (let i = 0; i < n; i++) {
    const ev = reco.event[i]!;
    if (ev >= batch.nEvents)
      throw new InputError(`reco.event[${i}]`, `< batch.nEvents = ${batch.nEvents}`, ev);
    o.processId[i] = batch.processId[ev]!;
    o.htCharged[i] = ht[ev]! * htScale;
    const l0 = reco.offsets[i]!;
    const nl = reco.offsets[i + 1]! - l0;
    o.nLeptons[i] = nl;
    o.nAccepted[i] = reco.nAccepted[i]!;
    if (nl < 3) continue;
    o.valid[i] = 1;
    const a = l0;
    const b = l0 + 1;
    const c = l0 + 2;
    o.pdg1[i] = reco.pdg[a]!;
    o.pdg2[i] = reco.pdg[b]!;
    o.pdg3[i] = reco.pdg[c]!;
    o.pt1[i] = reco.pt[a]!;
    o.pt2[i] = reco.pt[b]!;
    o.pt3[i] = reco.pt[c]!;
    o.eta1[i] = reco.eta[a]!;
    o.eta2[i] = reco.eta[b]!;
    o.eta3[i] = reco.eta[c]!;
    // Z_D candidate ℓ2 + ℓ3.
    const zE = reco.E[b]! + reco.E[c]!;
    const zx = reco.px[b]! + reco.px[c]!;
    const zy = reco.py[b]! + reco.py[c]!;
    const zz = reco.pz[b]! + reco.pz[c]!;
    o.mll[i] = massOf(zE, zx, zy, zz);
    const tE = zE + reco.E[a]!;
    const tx = zx + reco.px[a]!;
    const ty = zy + reco.py[a]!;
    const tz = zz + reco.pz[a]!;
    o.m3l[i] = massOf(tE, tx, ty, tz);
    o.pt3l[i] = norm2(tx, ty);
    // dφ in [0, π]; dR = √(dφ² + dη²) (paper Sec. V A).
    const dphi = deltaPhi(reco.phi[a]!, Math.atan2(zy, zx));
    const deta = reco.eta[a]! - etaOfMomentum(zx, zy, zz);
    o.dPhi1Z[i] = dphi;
    o.dR1Z[i] = Math.sqrt(dphi * dphi + deta * deta);
    // Soft-pair vertex: mean of the production vertices of ℓ2 and ℓ3 (they coincide for a Z_D
    // decay), measured from the origin, the generated primary vertex.
    const vx = 0.5 * (reco.vx[b]! + reco.vx[c]!);
    const vy = 0.5 * (reco.vy[b]! + reco.vy[c]!);
    const vz = 0.5 * (reco.vz[b]! + reco.vz[c]!);
    o.displacementMm[i] = transverse ? norm2(vx, vy) : norm3(vx, vy, vz);
    const f2 = Math.abs(reco.pdg[b]!);
    const f3 = Math.abs(reco.pdg[c]!);
    o.channel[i] = f2 === 11 && f3 === 11 ? Channel.ee : f2 === 13 && f3 === 13 ? Channel.mumu : Channel.emu;
    o.softPairCharge[i] = leptonCharge(reco.pdg[b]!) + leptonCharge(reco.pdg[c]!);
  }
  return o;
}
