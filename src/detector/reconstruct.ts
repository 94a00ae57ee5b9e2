/**
 * Detector response: generated final-state electrons and muons → reconstructed leptons.
 *
 * Per event: dress the leptons (photon recombination, below), then, in particle order: smear
 * (resolution.ts), apply the acceptance |η| < η_max and the
 * flavour's pT threshold to the *smeared* kinematics, then the identification/isolation
 * efficiency ε per lepton (paper Sec. IV: 85 %). Output: "entries", each a set of reconstructed
 * leptons of one generated event with a weight in pb, leptons sorted by descending pT.
 *
 * Efficiency modes:
 *  - "weight" (default, noise-free): every subset S of the n accepted leptons with |S| ≥ 3 becomes
 *    an entry of weight w · Π_{i∈S} ε_i · Π_{i∉S} (1 − ε_i) (so an event with four accepted
 *    leptons also contributes its four "one lepton lost" configurations, the paper's Z → 4ℓ
 *    background mechanism, Sec. V); all outcomes with fewer than three leptons are merged into
 *    one entry with no leptons and their total probability. Entry weights of an event sum to w.
 *  - "random": each accepted lepton is kept with probability ε (one uniform draw each); one entry
 *    per event, weight w.
 * The four-lepton veto inefficiency is applied by the selection (analysis/cuts.ts), which reads it
 * from the card.
 *
 * Dressing (card `leptonDressingDeltaR`, R; default 0.1, 0 disables): every final-state photon
 * (status 1, pdg 22) that does not come from a hadron or τ decay is added to the four-momentum of
 * the nearest final-state e or μ in ΔR = √(Δη² + Δφ²) (pseudorapidity, bare lepton and photon at
 * generator level) if that distance is below R; a photon goes to one lepton at most and photons
 * outside every cone are ignored. This is the LHC "dressed lepton" (Rivet DressedLeptons: A. Buckley
 * et al., Comput. Phys. Commun. 184 (2013) 2803; used with R = 0.1 by e.g. ATLAS, Eur. Phys. J. C 76
 * (2016) 291, Rivet analysis ATLAS_2015_I1408516), standing for the calorimeter cluster that
 * collects an electron's collinear bremsstrahlung and final-state photons. The dressed four-vector
 * is then smeared: electrons keep their dressed invariant mass in E = √(p² + m²) (so a truth-level
 * card returns bare + photons exactly), muons are scaled as a whole. An event without such photons
 * (e.g. QED FSR off) is reconstructed exactly as without dressing: same numbers, same random draws.
 */
import { InputError } from "../core/errors.js";
import { type EventBatch, Status } from "../core/events.js";
import { etaOfMomentum, norm2 } from "../core/fourvector.js";
import type { RandomStream } from "../core/rng.js";
import { type DetectorCard, type DisplacementMeasure, leptonDressingDeltaR } from "./card.js";
import {
  electronCotThetaResolution,
  electronPhiResolution,
  electronPtResolution,
  type ResolutionParams,
  resolutionParams,
} from "./resolution.js";

export type EfficiencyMode = "weight" | "random";

export interface ReconstructOptions {
  /** How the per-lepton efficiency is applied (default "weight"; see the module comment). */
  efficiencyMode?: EfficiencyMode;
}

/** Reconstructed leptons as struct-of-arrays, CSR by entry. */
export interface RecoLeptons {
  readonly nEntries: number;
  /** Index of the generated event in the input batch. */
  readonly event: Uint32Array;
  /** Entry weight in pb (event weight × efficiency probability of this outcome). */
  readonly weight: Float64Array;
  /**
   * Leptons of the entry's event inside the acceptance (smeared pT above threshold, |η| below the
   * maximum) before the identification efficiency: the paper's "four leptons within the detector
   * acceptance" that a loose-lepton or track veto removes (Sec. IV). With a card's
   * `fourLeptonVetoPtMinGeV`, leptons in the |η| range above that looser threshold count as well.
   */
  readonly nAccepted: Uint8Array;
  /** Lepton ranges per entry: length nEntries + 1. */
  readonly offsets: Uint32Array;
  /** Per-lepton columns (sorted by descending pT within an entry). */
  readonly pdg: Int32Array;
  readonly E: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  readonly pt: Float64Array;
  readonly eta: Float64Array;
  readonly phi: Float64Array;
  /** True production vertex (mm); vertices are not smeared (the paper gives no vertex resolution). */
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly vz: Float64Array;
  /** Index of the generating particle in the batch's particle columns. */
  readonly particle: Uint32Array;
  /** From the card: how the displacement of a vertex is measured. */
  readonly displacementMeasure: DisplacementMeasure;
  readonly efficiencyMode: EfficiencyMode;
}

/** Largest number of accepted leptons per event in weight mode (2^n subsets are enumerated). */
export const MAX_LEPTONS_WEIGHT_MODE = 12;

/** A growable typed-array column (doubling), finalised by slicing. */
class Column<T extends Float64Array | Int32Array | Uint32Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
const u32 = (n: number) => new Uint32Array(n);

/** Scratch of the accepted leptons of one event (grown on demand, reused across events). */
class Scratch {
  cap = 0;
  pdg = new Int32Array(0);
  E = new Float64Array(0);
  px = new Float64Array(0);
  py = new Float64Array(0);
  pz = new Float64Array(0);
  pt = new Float64Array(0);
  eta = new Float64Array(0);
  phi = new Float64Array(0);
  eff = new Float64Array(0);
  particle = new Uint32Array(0);
  order = new Int32Array(0);
  // Dressing, indexed by particle − (first particle of the event): dressed four-momenta of the
  // leptons and whether a photon was added; and the event's candidate leptons and photons.
  dE = new Float64Array(0);
  dPx = new Float64Array(0);
  dPy = new Float64Array(0);
  dPz = new Float64Array(0);
  dressed = new Uint8Array(0);
  lep = new Int32Array(0);
  lepEta = new Float64Array(0);
  lepPhi = new Float64Array(0);
  photon = new Int32Array(0);
  ensure(n: number): void {
    if (n <= this.cap) return;
    const c = Math.max(16, 2 * n);
    this.cap = c;
    this.pdg = new Int32Array(c);
    this.E = new Float64Array(c);
    this.px = new Float64Array(c);
    this.py = new Float64Array(c);
    this.pz = new Float64Array(c);
    this.pt = new Float64Array(c);
    this.eta = new Float64Array(c);
    this.phi = new Float64Array(c);
    this.eff = new Float64Array(c);
    this.particle = new Uint32Array(c);
    this.order = new Int32Array(c);
    this.dE = new Float64Array(c);
    this.dPx = new Float64Array(c);
    this.dPy = new Float64Array(c);
    this.dPz = new Float64Array(c);
    this.dressed = new Uint8Array(c);
    this.lep = new Int32Array(c);
    this.lepEta = new Float64Array(c);
    this.lepPhi = new Float64Array(c);
    this.photon = new Int32Array(c);
  }
}

/**
 * True for a hadron code of the PDG numbering scheme (PDG 2024 review "Monte Carlo particle
 * numbering scheme": ±n n_r n_L n_q1 n_q2 n_q3 n_J with n = 0, n_J > 0 and quark digits n_q2, n_q3
 * non-zero). Not hadrons: leptons, bosons, and the model's new states (1023 has n_q2 = 0, 9900012
 * has n ≠ 0).
 */
function isHadronCode(pdg: number): boolean {
  const a = pdg < 0 ? -pdg : pdg;
  if (a < 100 || a >= 1_000_000) return false;
  return a % 10 !== 0 && Math.floor(a / 10) % 10 !== 0 && Math.floor(a / 100) % 10 !== 0;
}

/**
 * Lepton dressing of event [p0, p1) (see the module comment) into the scratch: for every final e/μ
 * with non-zero pT, s.dE…s.dPz[p − p0] hold its dressed four-momentum and s.dressed[p − p0] is 1 if
 * a photon was added. Returns false, writing nothing else, when the event has no eligible photon
 * (the caller then reads the bare momenta). `r2` = R² > 0. Allocates nothing.
 */
function dressEventLeptons(batch: EventBatch, p0: number, p1: number, r2: number, s: Scratch): boolean {
  let nPhoton = 0;
  for (let p = p0; p < p1; p++) {
    if (batch.pdg[p] !== 22 || batch.status[p] !== Status.final) continue;
    const mother = batch.mother1[p]!;
    if (mother >= 0 && p0 + mother < p1) {
      const mid = batch.pdg[p0 + mother]!;
      // Photons from hadron or τ decays are not dressed (Rivet DressedLeptons' default).
      if (mid === 15 || mid === -15 || isHadronCode(mid)) continue;
    }
    if (batch.px[p] === 0 && batch.py[p] === 0) continue; // along the beam: no η
    s.photon[nPhoton++] = p;
  }
  if (nPhoton === 0) return false;
  let nLep = 0;
  for (let p = p0; p < p1; p++) {
    if (batch.status[p] !== Status.final) continue;
    const id = batch.pdg[p]!;
    const a = id < 0 ? -id : id;
    if (a !== 11 && a !== 13) continue;
    const px = batch.px[p]!;
    const py = batch.py[p]!;
    if (px === 0 && py === 0) continue; // never reconstructed (see reconstructLeptons)
    const k = p - p0;
    s.dE[k] = batch.E[p]!;
    s.dPx[k] = px;
    s.dPy[k] = py;
    s.dPz[k] = batch.pz[p]!;
    s.dressed[k] = 0;
    s.lep[nLep] = p;
    s.lepEta[nLep] = etaOfMomentum(px, py, batch.pz[p]!);
    s.lepPhi[nLep] = Math.atan2(py, px);
    nLep++;
  }
  if (nLep === 0) return true;
  for (let i = 0; i < nPhoton; i++) {
    const g = s.photon[i]!;
    const gx = batch.px[g]!;
    const gy = batch.py[g]!;
    const gEta = etaOfMomentum(gx, gy, batch.pz[g]!);
    const gPhi = Math.atan2(gy, gx);
    // Nearest lepton strictly inside the cone (ties: the first in particle order).
    let best = -1;
    let bestR2 = r2;
    for (let l = 0; l < nLep; l++) {
      const dEta = gEta - s.lepEta[l]!;
      let dPhi = Math.abs(gPhi - s.lepPhi[l]!);
      if (dPhi > Math.PI) dPhi = 2 * Math.PI - dPhi;
      const d2 = dEta * dEta + dPhi * dPhi;
      if (d2 < bestR2) {
        bestR2 = d2;
        best = l;
      }
    }
    if (best < 0) continue;
    const k = s.lep[best]! - p0;
    s.dE[k] = s.dE[k]! + batch.E[g]!;
    s.dPx[k] = s.dPx[k]! + gx;
    s.dPy[k] = s.dPy[k]! + gy;
    s.dPz[k] = s.dPz[k]! + batch.pz[g]!;
    s.dressed[k] = 1;
  }
  return true;
}

/** Smeared (E, px, py, pz) written by the smearing kernels. */
const out4 = new Float64Array(4);

/**
 * Electron smearing (paper Sec. IV): pT → pT(1 + σ_pT z₁), φ → φ + σ_φ z₂, cot θ → cot θ + σ_cot z₃,
 * σ's at the true pT (resolution.ts); E from |p| and the generated mass. A non-positive smeared
 * pT (possible only for σ_pT ≳ 0.2) is redrawn, i.e. the pT response is a Gaussian truncated at 0.
 * Writes out4; consumes three or more normal deviates.
 */
export function smearElectron(
  res: ResolutionParams,
  rng: RandomStream,
  px: number,
  py: number,
  pz: number,
  mass: number,
  out: Float64Array = out4,
): void {
  const pt = norm2(px, py);
  const sPt = electronPtResolution(res, pt);
  const sPhi = electronPhiResolution(res, pt);
  const sCot = electronCotThetaResolution(res, pt);
  let scale = 1 + sPt * rng.normal();
  while (scale <= 0) scale = 1 + sPt * rng.normal();
  const ptNew = pt * scale;
  const phiNew = Math.atan2(py, px) + sPhi * rng.normal();
  const cotNew = pz / pt + sCot * rng.normal();
  const x = ptNew * Math.cos(phiNew);
  const y = ptNew * Math.sin(phiNew);
  const z = ptNew * cotNew;
  out[0] = Math.sqrt(x * x + y * y + z * z + mass * mass);
  out[1] = x;
  out[2] = y;
  out[3] = z;
}

/**
 * Muon smearing: the four-momentum scaled by 1 + σ_r z (σ_r = √2 σ_m/m, see resolution.ts),
 * redrawn if non-positive. Writes out4; consumes one or more normal deviates.
 */
export function smearMuon(
  res: ResolutionParams,
  rng: RandomStream,
  e: number,
  px: number,
  py: number,
  pz: number,
  out: Float64Array = out4,
): void {
  let scale = 1 + res.muonScaleSigma * rng.normal();
  while (scale <= 0) scale = 1 + res.muonScaleSigma * rng.normal();
  out[0] = e * scale;
  out[1] = px * scale;
  out[2] = py * scale;
  out[3] = pz * scale;
}

/**
 * Runs the detector response on a batch. The same (batch, card, RNG stream, options) give the same
 * output; give each chunk of a large sample its own stream (`randomStream(seed, chunk)`).
 */
export function reconstructLeptons(
  batch: EventBatch,
  card: DetectorCard,
  rng: RandomStream,
  options: ReconstructOptions = {},
): RecoLeptons {
  const mode: EfficiencyMode = options.efficiencyMode ?? "weight";
  if (mode !== "weight" && mode !== "random") {
    throw new InputError("efficiencyMode", '"weight" or "random"', mode);
  }
  const res = resolutionParams(card);
  const ePtMin = card.electron.ptMinGeV.value;
  const eEtaMax = card.electron.absEtaMax.value;
  const eEff = card.electron.efficiency.value;
  const mPtMin = card.muon.ptMinGeV.value;
  // Loose veto threshold (card.ts): a lepton below the acceptance threshold but above this one still
  // counts for the four-lepton veto; +∞ when the card has none.
  const vetoPtMin = card.fourLeptonVetoPtMinGeV?.value ?? Number.POSITIVE_INFINITY;
  const mEtaMax = card.muon.absEtaMax.value;
  const mEff = card.muon.efficiency.value;
  const rDress = leptonDressingDeltaR(card);
  const rDress2 = rDress * rDress;

  const entEvent = new Column(u32);
  const entWeight = new Column(f64);
  const entAccepted = new Column(f64);
  const entOffsets = new Column(u32);
  entOffsets.push(0);
  const cPdg = new Column(i32);
  const cE = new Column(f64);
  const cPx = new Column(f64);
  const cPy = new Column(f64);
  const cPz = new Column(f64);
  const cPt = new Column(f64);
  const cEta = new Column(f64);
  const cPhi = new Column(f64);
  const cVx = new Column(f64);
  const cVy = new Column(f64);
  const cVz = new Column(f64);
  const cParticle = new Column(u32);
  const s = new Scratch();

  const pushLepton = (k: number): void => {
    const p = s.particle[k]!;
    cPdg.push(s.pdg[k]!);
    cE.push(s.E[k]!);
    cPx.push(s.px[k]!);
    cPy.push(s.py[k]!);
    cPz.push(s.pz[k]!);
    cPt.push(s.pt[k]!);
    cEta.push(s.eta[k]!);
    cPhi.push(s.phi[k]!);
    cVx.push(batch.vx[p]!);
    cVy.push(batch.vy[p]!);
    cVz.push(batch.vz[p]!);
    cParticle.push(p);
  };
  const closeEntry = (e: number, w: number, accepted: number): void => {
    entEvent.push(e);
    entWeight.push(w);
    entAccepted.push(accepted);
    entOffsets.push(cPdg.length);
  };

  for (let e = 0; e < batch.nEvents; e++) {
    const p0 = batch.offsets[e]!;
    const p1 = batch.offsets[e + 1]!;
    s.ensure(p1 - p0);
    const dressing = rDress2 > 0 && dressEventLeptons(batch, p0, p1, rDress2, s);
    let n = 0;
    let nLooseOnly = 0;
    for (let p = p0; p < p1; p++) {
      if (batch.status[p] !== Status.final) continue;
      const id = batch.pdg[p]!;
      const a = id < 0 ? -id : id;
      if (a !== 11 && a !== 13) continue;
      let px = batch.px[p]!;
      let py = batch.py[p]!;
      if (px === 0 && py === 0) continue; // along the beam: never in acceptance
      let pz = batch.pz[p]!;
      let en = batch.E[p]!;
      let mass = batch.m[p]!;
      if (dressing && s.dressed[p - p0] === 1) {
        const k = p - p0;
        en = s.dE[k]!;
        px = s.dPx[k]!;
        py = s.dPy[k]!;
        pz = s.dPz[k]!;
        // Invariant mass of lepton + photons (≥ m_ℓ up to rounding; never NaN).
        const m2 = en * en - px * px - py * py - pz * pz;
        mass = m2 > 0 ? Math.sqrt(m2) : 0;
      }
      if (a === 11) smearElectron(res, rng, px, py, pz, mass);
      else smearMuon(res, rng, en, px, py, pz);
      const pt = norm2(out4[1]!, out4[2]!);
      const eta = etaOfMomentum(out4[1]!, out4[2]!, out4[3]!);
      const ptMin = a === 11 ? ePtMin : mPtMin;
      const etaMax = a === 11 ? eEtaMax : mEtaMax;
      if (!(Math.abs(eta) < etaMax)) continue;
      if (!(pt > ptMin)) {
        if (pt > vetoPtMin) nLooseOnly++;
        continue;
      }
      s.pdg[n] = id;
      s.E[n] = out4[0]!;
      s.px[n] = out4[1]!;
      s.py[n] = out4[2]!;
      s.pz[n] = out4[3]!;
      s.pt[n] = pt;
      s.eta[n] = eta;
      s.phi[n] = Math.atan2(out4[2]!, out4[1]!);
      s.eff[n] = a === 11 ? eEff : mEff;
      s.particle[n] = p;
      n++;
    }
    // Leptons the four-lepton veto sees: the accepted ones and the loose-only ones.
    const nVeto = n + nLooseOnly;
    // Sort accepted leptons by descending pT (insertion sort: n is small).
    const order = s.order;
    for (let i = 0; i < n; i++) {
      let j = i;
      while (j > 0 && s.pt[order[j - 1]!]! < s.pt[i]!) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = i;
    }
    const w = batch.weight[e]!;
    if (mode === "random") {
      for (let i = 0; i < n; i++) {
        const k = order[i]!;
        if (rng.uniform() < s.eff[k]!) pushLepton(k);
      }
      closeEntry(e, w, nVeto);
      continue;
    }
    // Weight mode: enumerate subsets with at least three leptons.
    if (n > MAX_LEPTONS_WEIGHT_MODE) {
      throw new InputError(
        `event ${e}: number of accepted leptons`,
        `at most ${MAX_LEPTONS_WEIGHT_MODE} in efficiency mode "weight" (use "random")`,
        n,
      );
    }
    if (n >= 3) {
      const nMasks = 1 << n;
      for (let mask = nMasks - 1; mask > 0; mask--) {
        let count = 0;
        let prob = 1;
        for (let i = 0; i < n; i++) {
          const eff = s.eff[order[i]!]!;
          if (mask & (1 << i)) {
            count++;
            prob *= eff;
          } else prob *= 1 - eff;
        }
        if (count < 3 || prob === 0) continue;
        for (let i = 0; i < n; i++) if (mask & (1 << i)) pushLepton(order[i]!);
        closeEntry(e, w * prob, nVeto);
      }
    }
    // Probability of fewer than three reconstructed leptons: Poisson-binomial P(0)+P(1)+P(2) by
    // the standard recursion over leptons (exact, no cancellation).
    let q0 = 1;
    let q1 = 0;
    let q2 = 0;
    for (let i = 0; i < n; i++) {
      const eff = s.eff[i]!;
      q2 = q2 * (1 - eff) + q1 * eff;
      q1 = q1 * (1 - eff) + q0 * eff;
      q0 = q0 * (1 - eff);
    }
    const below3 = q0 + q1 + q2;
    if (below3 > 0) closeEntry(e, w * below3, nVeto);
  }

  return {
    nEntries: entEvent.length,
    event: entEvent.done(),
    weight: entWeight.done(),
    nAccepted: Uint8Array.from(entAccepted.done()),
    offsets: entOffsets.done(),
    pdg: cPdg.done(),
    E: cE.done(),
    px: cPx.done(),
    py: cPy.done(),
    pz: cPz.done(),
    pt: cPt.done(),
    eta: cEta.done(),
    phi: cPhi.done(),
    vx: cVx.done(),
    vy: cVy.done(),
    vz: cVz.done(),
    particle: cParticle.done(),
    displacementMeasure: card.displacement.measure.value,
    efficiencyMode: mode,
  };
}
