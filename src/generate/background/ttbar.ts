/**
 * tt̄ + soft pair: p p → t t̄ at LO (g g and q q̄), narrow-width decays t → b W⁺, W⁺ → ℓ⁺ν / q q̄′
 * (t̄ likewise), and a soft γ* → ℓ′⁺ℓ′⁻ radiated off one charged W-decay fermion in the factorised
 * approximation of emission.ts (validated on W + soft pair, docs/backgrounds.md).
 *
 * Production |M|² (averaged over initial spins and colours; B. L. Combridge, Nucl. Phys. B 151 (1979)
 * 429; in the form of Ellis, Stirling & Webber, "QCD and Collider Physics" (1996), eq. 10.12), with
 * τ₁ = 2p₁·p_t/ŝ, τ₂ = 2p₂·p_t/ŝ, ρ = 4m_t²/ŝ:
 *   q q̄ → t t̄:  g⁴ (4/9) (τ₁² + τ₂² + ρ/2)
 *   g g → t t̄:  g⁴ (1/(6τ₁τ₂) − 3/8) (τ₁² + τ₂² + ρ − ρ²/(4τ₁τ₂)),   g² = 4π α_s(μ).
 * Top decay t → b ℓ⁺ν (and b q̄′q with ℓ⁺ → q̄′ (down-type), ν → q): the LO distribution of an
 * unpolarised top, |M|² ∝ (p_t·p_ℓ)(p_b·p_ν) with the W on shell (e.g. Jeżabek & Kühn, Nucl. Phys. B
 * 314 (1989) 1), normalised to its mean B m_W²/4 + B²/6 over the W decay angles (B = p_b·p_W =
 * (m_t² − m_W²)/2, massless b) so that Γ and the branching ratios are unchanged. Production–decay spin
 * correlations are not included (the tops are unpolarised). W branching ratios: PDG 2024 (e ν 10.71 %,
 * μ ν 10.63 %, hadrons 67.41 %, shared equally by u d̄′ and c s̄′); W → τν is not generated (its
 * leptonic τ decays would add ≈ 4 % to the leptonic modes).
 * Soft pair: emitter chosen among the charged W-decay fermions with probability ∝ Q_f² (weight
 * Σ Q² / Q_f²), spectator its W partner (the W and top momenta are unchanged). Emission off the b
 * quarks (≈ 12 % of the collinear emission probability in semileptonic events) and off t, W is left out.
 */

import { PDG } from "../../core/constants.js";
import type { EventBatch } from "../../core/events.js";
import { pairMass2 } from "../../core/fourvector.js";
import type { RandomStream } from "../../core/rng.js";
import { GEV2_PB } from "../../core/units.js";
import type { ElectroweakParameters } from "../../model/electroweak.js";
import { twoBodyDecay } from "../../phasespace/decay.js";
import { collinearFractions, powerDensity, powerSample } from "../../phasespace/mappings.js";
import { VegasGrid } from "../../phasespace/vegas.js";
import type { PartonDensities, Process, ScaleChoice } from "../types.js";
import { type GenerationCuts, passesLeptonCuts } from "./cuts.js";
import { emitSoftPair } from "./emission.js";

/** W branching ratios, PDG 2024 (Review of Particle Physics, W boson listing). */
export const W_BR = { e: 0.1071, mu: 0.1063, hadrons: 0.6741 } as const;

export interface TTbarOptions {
  sqrtS: number;
  pairPdg: 11 | 13;
  ew: ElectroweakParameters;
  pdf: PartonDensities;
  scale: ScaleChoice;
  cuts: GenerationCuts;
  /** false: plain t t̄ with decays (no soft pair, no generation cuts) — the LO cross-check. */
  emission?: boolean;
  processId?: number;
}

/**
 * Averaged |M|²/g⁴ of q q̄ → t t̄ and g g → t t̄ (header) for τ₁, τ₂, ρ.
 */
export function ttbarQQ(tau1: number, tau2: number, rho: number): number {
  return (4 / 9) * (tau1 * tau1 + tau2 * tau2 + rho / 2);
}
export function ttbarGG(tau1: number, tau2: number, rho: number): number {
  const tt = tau1 * tau2;
  return (1 / (6 * tt) - 3 / 8) * (tau1 * tau1 + tau2 * tau2 + rho - (rho * rho) / (4 * tt));
}

// Momentum slots (×4): 0 p1, 1 p2, 2 t, 3 t̄, 4 W⁺, 5 W⁻, 6 b, 7 b̄, 8 f⁺ (ℓ⁺ or q̄′… see below),
// 9 f⁺ partner, 10 f⁻, 11 f⁻ partner, 12 ℓ′⁻, 13 ℓ′⁺, 14 P.
// W⁺ decay: slot 8 = the "ℓ⁺-like" fermion (ℓ⁺ or down-type antiquark), 9 = the "ν-like" (ν or up quark).
// W⁻ decay: slot 10 = ℓ⁻-like (ℓ⁻ or down-type quark), 11 = ν̄-like (ν̄ or up-type antiquark).
const N_SLOTS = 15;
const DIMS = 21;
/** Decay modes: 0 e, 1 μ, 2 u d̄′, 3 c s̄′. */
const MODE_BR = [W_BR.e, W_BR.mu, W_BR.hadrons / 2, W_BR.hadrons / 2];
const MODE_SUM = W_BR.e + W_BR.mu + W_BR.hadrons;

export class TTbarProcess implements Process {
  readonly name: string;
  readonly processId: number;
  readonly nDim = DIMS;
  readonly nParticles: number;
  readonly grid = new VegasGrid(DIMS, 30);
  readonly multichannel = null;
  readonly lastChannelDensity = 1;
  private readonly o: TTbarOptions;
  private readonly emission: boolean;
  private readonly p = new Float64Array(4 * N_SLOTS);
  private readonly x = new Float64Array(DIMS);
  private readonly xs = new Float64Array(2);
  private readonly f1 = new Float64Array(14);
  private readonly f2 = new Float64Array(14);
  private readonly mt: number;
  private readonly mW: number;
  private readonly mp: number;
  private readonly decayNorm: number;
  private readonly sMin: number;
  private readonly sMax: number;
  // last point
  private mu = 0;
  private alphaS = 0;
  private x1 = 0;
  private x2 = 0;
  private wGG = 0;
  private wQQ = 0;
  private modeP = 0;
  private modeM = 0;
  private emitter = -1;

  constructor(o: TTbarOptions) {
    this.o = o;
    this.emission = o.emission ?? true;
    this.mt = o.ew.mTop;
    this.mW = o.ew.mW;
    this.mp = o.pairPdg === 11 ? o.ew.mElectron : o.ew.mMuon;
    const B = (this.mt * this.mt - this.mW * this.mW) / 2;
    this.decayNorm = (B * this.mW * this.mW) / 4 + (B * B) / 6;
    this.sMin = 4 * this.mt * this.mt;
    this.sMax = o.sqrtS * o.sqrtS;
    this.processId = o.processId ?? 40;
    this.nParticles = this.emission ? 14 : 12;
    const pair = o.pairPdg === 11 ? "e" : "mu";
    this.name = this.emission
      ? `p p > t t~, t > b W, W > f f', f > f (γ* > ${pair}+ ${pair}-) [factorised]`
      : "p p > t t~, t > b W, W > f f'";
  }

  /** Mode k of u ∈ [0,1) by the branching ratios (normalised to MODE_SUM). */
  private static mode(u: number): number {
    let acc = 0;
    for (let k = 0; k < 4; k++) {
      acc += MODE_BR[k]! / MODE_SUM;
      if (u < acc) return k;
    }
    return 3;
  }

  /** Masses of the W-decay fermions for mode k (leptons with the scheme's masses, quarks massless). */
  private leptonMass(mode: number): number {
    return mode === 0 ? this.o.ew.mElectron : mode === 1 ? this.o.ew.mMuon : 0;
  }

  /** Decay weight (p_t·p_a)(p_b·p_c)/⟨…⟩ for top slot t, b slot, ℓ-like slot a, ν-like slot c. */
  private decayWeight(t: number, b: number, a: number, c: number): number {
    const p = this.p;
    const d = (i: number, j: number): number =>
      p[4 * i]! * p[4 * j]! -
      p[4 * i + 1]! * p[4 * j + 1]! -
      p[4 * i + 2]! * p[4 * j + 2]! -
      p[4 * i + 3]! * p[4 * j + 3]!;
    return (d(t, a) * d(b, c)) / this.decayNorm;
  }

  evaluate(y: Float64Array, _u: number): number {
    const o = this.o;
    const p = this.p;
    const x = this.x;
    const jVeg = this.grid.map(y, x);
    // ŝ ∝ 1/ŝ² on [4m_t², S] (power map; VEGAS refines), then y.
    const s = powerSample(x[0]!, 2, this.sMin, this.sMax);
    const g = powerDensity(s, 2, this.sMin, this.sMax);
    if (!(g > 0)) return 0;
    const S = this.sMax;
    const tau = s / S;
    const xs = this.xs;
    const dy = collinearFractions(tau, x[1]!, xs, 0);
    const x1 = xs[0]!;
    const x2 = xs[1]!;
    if (!(x1 < 1 && x2 < 1)) return 0;
    this.x1 = x1;
    this.x2 = x2;
    const eb = 0.5 * o.sqrtS;
    p.set([x1 * eb, 0, 0, x1 * eb, x2 * eb, 0, 0, -x2 * eb], 0);
    const P = 56;
    p[P] = p[0]! + p[4]!;
    p[P + 1] = 0;
    p[P + 2] = 0;
    p[P + 3] = p[3]! + p[7]!;
    const mt = this.mt;
    const mW = this.mW;
    const ps = twoBodyDecay(p, P, Math.sqrt(s), mt, mt, x[2]!, x[3]!, 8, 12);
    if (ps === 0) return 0;
    const mu = o.scale.kind === "dynamic" ? Math.sqrt(s) : o.scale.kind === "mW" ? mW : o.scale.muGeV;
    this.mu = mu;
    const as = o.pdf.alphaS(mu);
    this.alphaS = as;
    o.pdf.xfxQAll(x1, mu, this.f1);
    o.pdf.xfxQAll(x2, mu, this.f2);
    const f1 = this.f1;
    const f2 = this.f2;
    // τ₁ = 2 p₁·p_t / ŝ, τ₂ = 2 p₂·p_t / ŝ
    const dot = (i: number, j: number): number =>
      p[4 * i]! * p[4 * j]! -
      p[4 * i + 1]! * p[4 * j + 1]! -
      p[4 * i + 2]! * p[4 * j + 2]! -
      p[4 * i + 3]! * p[4 * j + 3]!;
    const tau1 = (2 * dot(0, 2)) / s;
    const tau2 = (2 * dot(1, 2)) / s;
    const rho = (4 * mt * mt) / s;
    const g4 = (4 * Math.PI * as) ** 2;
    let lqq = 0;
    for (let q = 1; q <= 5; q++) lqq += f1[6 + q]! * f2[6 - q]! + f1[6 - q]! * f2[6 + q]!;
    const lgg = f1[6]! * f2[6]!;
    this.wGG = lgg * ttbarGG(tau1, tau2, rho);
    this.wQQ = lqq * ttbarQQ(tau1, tau2, rho);
    const born = (GEV2_PB * jVeg * dy * ps * g4 * (this.wGG + this.wQQ)) / (g * S * tau * 2 * s);
    if (!(born > 0)) return 0;
    // Decays: t → b W⁺ (slots 6, 4), t̄ → b̄ W⁻ (7, 5); W⁺ → 8 + 9, W⁻ → 10 + 11.
    const mP = TTbarProcess.mode(x[12]!);
    const mM = TTbarProcess.mode(x[13]!);
    this.modeP = mP;
    this.modeM = mM;
    if (twoBodyDecay(p, 8, mt, 0, mW, x[4]!, x[5]!, 24, 16) === 0) return 0;
    if (twoBodyDecay(p, 12, mt, 0, mW, x[6]!, x[7]!, 28, 20) === 0) return 0;
    if (twoBodyDecay(p, 16, mW, this.leptonMass(mP), 0, x[8]!, x[9]!, 32, 36) === 0) return 0;
    if (twoBodyDecay(p, 20, mW, this.leptonMass(mM), 0, x[10]!, x[11]!, 40, 44) === 0) return 0;
    // Two-body decays at fixed masses: the unit-cube angles carry weight 1 when the decay is
    // normalised to its branching ratio (narrow width), times the normalised top-decay distribution.
    const wDec = this.decayWeight(2, 6, 8, 9) * this.decayWeight(3, 7, 10, 11) * MODE_SUM * MODE_SUM;
    let w = born * wDec;
    this.emitter = -1;
    if (!this.emission) return w;
    // Emitter: charged W-decay fermions with Q²: ℓ (1), up-type (4/9), down-type (1/9).
    const qP = mP < 2 ? [1, 0] : [1 / 9, 4 / 9]; // slots 8 (ℓ⁺ / d̄-like), 9 (ν / u-like)
    const qM = mM < 2 ? [1, 0] : [1 / 9, 4 / 9]; // slots 10 (ℓ⁻ / d-like), 11 (ν̄ / ū-like)
    const q2 = [qP[0]!, qP[1]!, qM[0]!, qM[1]!];
    const sumQ2 = q2[0]! + q2[1]! + q2[2]! + q2[3]!;
    let r = x[14]! * sumQ2;
    let e = 0;
    while (e < 3 && (q2[e] === 0 || r >= q2[e]!)) {
      r -= q2[e]!;
      e++;
    }
    if (q2[e] === 0) return 0;
    this.emitter = e;
    const slot = 8 + e;
    const partner = e % 2 === 0 ? slot + 1 : slot - 1;
    const mF = slot === 8 ? this.leptonMass(mP) : slot === 10 ? this.leptonMass(mM) : 0;
    const we = emitSoftPair(
      p,
      4 * slot,
      mF,
      4 * partner,
      q2[e]!,
      o.ew.alpha,
      o.cuts.mSfosMin ** 2,
      this.mp,
      x,
      15,
      48,
      52,
    );
    if (we === 0) return 0;
    w *= (we * sumQ2) / q2[e]!;
    // Generation cuts on all charged leptons; m(SFOS) on every same-flavour opposite-sign pair.
    const cuts = o.cuts;
    const lep: number[] = [48, 52];
    if (mP < 2) lep.push(32);
    if (mM < 2) lep.push(40);
    for (const l of lep) if (!passesLeptonCuts(p, l, cuts)) return 0;
    const m2 = cuts.mSfosMin * cuts.mSfosMin;
    if (pairMass2(p, 48, p, 52) < m2) return 0;
    const pairFlavour = o.pairPdg === 11 ? 0 : 1;
    if (mP === pairFlavour && pairMass2(p, 48, p, 32) < m2) return 0; // ℓ′⁻ with W⁺'s ℓ⁺
    if (mM === pairFlavour && pairMass2(p, 40, p, 52) < m2) return 0; // W⁻'s ℓ⁻ with ℓ′⁺
    if (mP === mM && mP < 2 && pairMass2(p, 40, p, 32) < m2) return 0;
    return w;
  }

  writeEvent(batch: EventBatch, e: number, weightPb: number, rng: RandomStream): void {
    const b0 = batch.offsets[e]!;
    const p = this.p;
    const gg = rng.uniform() * (this.wGG + this.wQQ) < this.wGG;
    let id1 = 21; // gluon
    let id2 = 21;
    if (!gg) {
      // q q̄ flavour and orientation ∝ luminosity (|M|² is orientation- and flavour-independent).
      let tot = 0;
      for (let q = 1; q <= 5; q++)
        tot += this.f1[6 + q]! * this.f2[6 - q]! + this.f1[6 - q]! * this.f2[6 + q]!;
      let r = rng.uniform() * tot;
      for (let q = 1; q <= 5; q++) {
        const a = this.f1[6 + q]! * this.f2[6 - q]!;
        id1 = q;
        id2 = -q;
        if (r < a) break;
        r -= a;
        const b = this.f1[6 - q]! * this.f2[6 + q]!;
        id1 = -q;
        id2 = q;
        if (r < b) break;
        r -= b;
      }
    }
    const lepP = this.modeP === 0 ? 11 : 13;
    const lepM = this.modeM === 0 ? 11 : 13;
    // W⁺ → (ℓ⁺, ν) or (d̄′, u′); W⁻ → (ℓ⁻, ν̄) or (d′, ū′).
    const fP = this.modeP < 2 ? [-lepP, lepP + 1] : this.modeP === 2 ? [-1, 2] : [-3, 4];
    const fM = this.modeM < 2 ? [lepM, -(lepM + 1)] : this.modeM === 2 ? [1, -2] : [3, -4];
    const pdgs = [id1, id2, PDG.t, -PDG.t, PDG.W, -PDG.W, PDG.b, -PDG.b, fP[0]!, fP[1]!, fM[0]!, fM[1]!];
    const status = [-1, -1, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1];
    const m1 = [-1, -1, 0, 0, 2, 3, 2, 3, 4, 4, 5, 5];
    const m2 = [-1, -1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1];
    const masses = [
      0,
      0,
      this.mt,
      this.mt,
      this.mW,
      this.mW,
      0,
      0,
      this.leptonMass(this.modeP),
      0,
      this.leptonMass(this.modeM),
      0,
    ];
    const src = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const n = this.emission ? 14 : 12;
    if (this.emission) {
      const emitterMother = this.emitter < 2 ? 4 : 5;
      pdgs.push(this.o.pairPdg, -this.o.pairPdg);
      status.push(1, 1);
      m1.push(emitterMother, emitterMother);
      m2.push(-1, -1);
      masses.push(this.mp, this.mp);
      src.push(12, 13);
    }
    for (let k = 0; k < n; k++) {
      const i = b0 + k;
      const s4 = 4 * src[k]!;
      batch.pdg[i] = pdgs[k]!;
      batch.status[i] = status[k]! as -1 | 1 | 2;
      batch.mother1[i] = m1[k]!;
      batch.mother2[i] = m2[k]!;
      batch.E[i] = p[s4]!;
      batch.px[i] = p[s4 + 1]!;
      batch.py[i] = p[s4 + 2]!;
      batch.pz[i] = p[s4 + 3]!;
      batch.m[i] = masses[k]!;
      batch.colour[i] = 0;
      batch.anticolour[i] = 0;
      batch.vx[i] = 0;
      batch.vy[i] = 0;
      batch.vz[i] = 0;
    }
    // Colour flow (LHE tags): t carries colour c_t, t̄ anticolour a_t; b, b̄ inherit them.
    let ct = 501;
    let at = 502;
    if (gg) {
      // One of the two planar flows, 50/50: g1(501, 502) g2(503, 501) → t(503) t̄(502), or
      // g1(501, 502) g2(502, 503) → t(501) t̄(503).
      batch.colour[b0] = 501;
      batch.anticolour[b0] = 502;
      if (rng.uniform() < 0.5) {
        batch.colour[b0 + 1] = 503;
        batch.anticolour[b0 + 1] = 501;
        ct = 503;
        at = 502;
      } else {
        batch.colour[b0 + 1] = 502;
        batch.anticolour[b0 + 1] = 503;
        ct = 501;
        at = 503;
      }
    } else {
      const q = id1 > 0 ? b0 : b0 + 1;
      const qb = id1 > 0 ? b0 + 1 : b0;
      batch.colour[q] = 501;
      batch.anticolour[qb] = 502;
    }
    batch.colour[b0 + 2] = ct;
    batch.anticolour[b0 + 3] = at;
    batch.colour[b0 + 6] = ct;
    batch.anticolour[b0 + 7] = at;
    // Hadronic W decays: colour singlets with their own tags.
    if (this.modeP >= 2) {
      batch.colour[b0 + 9] = 504; // up quark
      batch.anticolour[b0 + 8] = 504; // down-type antiquark
    }
    if (this.modeM >= 2) {
      batch.colour[b0 + 10] = 505; // down-type quark
      batch.anticolour[b0 + 11] = 505; // up-type antiquark
    }
    batch.weight[e] = weightPb;
    batch.processId[e] = this.processId;
    batch.scale[e] = this.mu;
    batch.alphaS[e] = this.alphaS;
    batch.x1[e] = this.x1;
    batch.x2[e] = this.x2;
    batch.id1[e] = id1;
    batch.id2[e] = id2;
  }
}
