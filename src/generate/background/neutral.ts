/**
 * Neutral-current initial state q q̄ → γ* or Z (ŝ) and the partonic kinematics shared by the
 * background processes: ŝ from a mass map (fourBody.ts), rapidity uniform, collinear momenta, and the
 * parton luminosities of up-type (u, c) and down-type (d, s, b) quarks for both beam orientations.
 * Factorisation: σ = Σ ∫ dτ dy (x₁f)(x₂f)/τ σ̂ (Ellis, Stirling & Webber, "QCD and Collider Physics"
 * (1996), eq. 9.1, as in src/generate/initial.ts); massless quarks couple to γ and Z by type only,
 * so |M|² is evaluated once per type and orientation.
 */
import type { RandomStream } from "../../core/rng.js";
import { type MassMap, massDensity, sampleMass } from "../../phasespace/channels/fourBody.js";
import { collinearFractions } from "../../phasespace/mappings.js";
import { scaleOf, setIncomingPartons } from "../initial.js";
import type { PartonDensities, ScaleChoice } from "../types.js";

const UP = [2, 4] as const;
const DOWN = [1, 3, 5] as const;

export class NeutralCurrentInitialState {
  readonly sqrtS: number;
  readonly pdf: PartonDensities;
  readonly scale: ScaleChoice;
  readonly sMin: number;
  readonly sMax: number;
  /** Reference mass for the "mW" scale choice (GeV). */
  readonly mRef: number;
  s = 0;
  mu = 0;
  alphaS = 0;
  readonly x = new Float64Array(2);
  /** Luminosity per type (0 up, 1 down) and orientation: lum[2t] quark from beam 1, lum[2t+1] from beam 2. */
  readonly lum = new Float64Array(4);
  readonly f1 = new Float64Array(14);
  readonly f2 = new Float64Array(14);

  constructor(o: { sqrtS: number; pdf: PartonDensities; scale: ScaleChoice; sMin: number; mRef: number }) {
    this.sqrtS = o.sqrtS;
    this.pdf = o.pdf;
    this.scale = o.scale;
    this.sMin = o.sMin;
    this.sMax = o.sqrtS * o.sqrtS;
    this.mRef = o.mRef;
  }

  /**
   * ŝ from `map` at u0 and y from uy; incoming momenta to p[0 … 7] (beam 1 along +z). Returns the
   * Jacobian (1/S)(1/g(ŝ)) ln(1/τ)/τ (0 outside the range) and fills the PDFs (not the luminosities).
   */
  sample(p: Float64Array, map: MassMap, u0: number, uy: number): number {
    const s = sampleMass(map, u0, this.sMin, this.sMax);
    const g = massDensity(map, s, this.sMin, this.sMax);
    if (!(g > 0)) return 0;
    const S = this.sMax;
    const tau = s / S;
    if (!(tau < 1)) return 0;
    this.s = s;
    const dy = collinearFractions(tau, uy, this.x, 0);
    const x1 = this.x[0]!;
    const x2 = this.x[1]!;
    if (!(x1 < 1 && x2 < 1)) return 0;
    setIncomingPartons(p, x1, x2, this.sqrtS);
    const mu = scaleOf(this.scale, s, this.mRef);
    this.mu = mu;
    this.alphaS = this.pdf.alphaS(mu);
    this.pdf.xfxQAll(x1, mu, this.f1);
    this.pdf.xfxQAll(x2, mu, this.f2);
    return dy / (g * S * tau);
  }

  /** q q̄ luminosities per type and orientation (after `sample`). */
  quarkLuminosities(): void {
    const f1 = this.f1;
    const f2 = this.f2;
    for (let t = 0; t < 2; t++) {
      const qs = t === 0 ? UP : DOWN;
      let a = 0;
      let b = 0;
      for (const q of qs) {
        a += f1[q + 6]! * f2[6 - q]!;
        b += f2[q + 6]! * f1[6 - q]!;
      }
      this.lum[2 * t] = a;
      this.lum[2 * t + 1] = b;
    }
  }

  /**
   * Chooses the incoming flavours (id1, id2) for type t and orientation weights wa (quark from beam 1)
   * and wb, ∝ the per-flavour luminosity.
   */
  chooseQuarks(t: number, wa: number, wb: number, rng: RandomStream, out: Int32Array): void {
    const qs = t === 0 ? UP : DOWN;
    const f1 = this.f1;
    const f2 = this.f2;
    let total = 0;
    for (const q of qs) total += wa * f1[q + 6]! * f2[6 - q]! + wb * f2[q + 6]! * f1[6 - q]!;
    let r = rng.uniform() * total;
    for (const q of qs) {
      const a = wa * f1[q + 6]! * f2[6 - q]!;
      if (r < a) {
        out[0] = q;
        out[1] = -q;
        return;
      }
      r -= a;
      const b = wb * f2[q + 6]! * f1[6 - q]!;
      if (r < b) {
        out[0] = -q;
        out[1] = q;
        return;
      }
      r -= b;
    }
    out[0] = qs[0]!;
    out[1] = -qs[0]!;
  }
}
