/**
 * Charged-current initial state q q̄′ → W*(ŝ): the partonic invariant mass through the multichannel
 * (Breit–Wigner for the W by default), the rapidity, the collinear momenta, and the CKM-weighted
 * parton luminosity for both beam orientations.
 *
 * Factorisation (e.g. Ellis, Stirling & Webber, "QCD and Collider Physics" (1996), eq. 9.1):
 * σ = Σ_ij ∫ dx₁ dx₂ fᵢ(x₁) fⱼ(x₂) σ̂ᵢⱼ(x₁x₂S), with dx₁ dx₂ = dτ dy, τ = ŝ/S. The PDFs are given as
 * x f(x), so fᵢ(x₁) fⱼ(x₂) = (x₁fᵢ)(x₂fⱼ)/τ.
 *
 * Flavours: for massless quarks the q q̄′ → W* amplitude depends on the flavours only through |V_qq′|
 * (and the orientation), so |M|² is evaluated once per orientation for a reference pair
 * (u d̄ for W⁺, d ū for W⁻) and rescaled by Σ |V_ij|² (x₁fᵢ)(x₂f̄ⱼ) / |V_ref|²_in_ME. Top is excluded.
 */
import { CKM_ABS } from "../core/constants.js";
import type { RandomStream } from "../core/rng.js";
import { collinearFractions } from "../phasespace/mappings.js";
import type { MassMultichannel } from "../phasespace/multichannel.js";
import type { VegasGrid } from "../phasespace/vegas.js";
import type { PartonDensities, ScaleChoice } from "./types.js";

export type WCharge = 1 | -1;

/** Massless incoming partons along +z and −z with momentum fractions x₁, x₂ into p[0…7]. */
export function setIncomingPartons(p: Float64Array, x1: number, x2: number, sqrtS: number): void {
  const eb = 0.5 * sqrtS;
  p[0] = x1 * eb;
  p[1] = 0;
  p[2] = 0;
  p[3] = x1 * eb;
  p[4] = x2 * eb;
  p[5] = 0;
  p[6] = 0;
  p[7] = -x2 * eb;
}

/** μ_F = μ_R of a scale choice: √ŝ ("dynamic"), the reference boson mass ("mW"), or fixed. */
export function scaleOf(choice: ScaleChoice, sHat: number, mRef: number): number {
  return choice.kind === "dynamic" ? Math.sqrt(sHat) : choice.kind === "mW" ? mRef : choice.muGeV;
}

const UP = [2, 4] as const; // u, c (t excluded: no top PDF at these scales)
const DOWN = [1, 3, 5] as const; // d, s, b
const N_PAIRS = UP.length * DOWN.length;

export class ChargedCurrentInitialState {
  readonly sqrtS: number;
  readonly pdf: PartonDensities;
  readonly scale: ScaleChoice;
  readonly mW: number;
  /** CKM matrix (|V_ij| [u,c,t][d,s,b]). */
  readonly ckm: readonly (readonly [number, number, number])[];
  /** |V|² already contained in the matrix element of the reference pair (1 if the ME has none). */
  readonly ckmInMatrixElement2: number;
  /** Lower and upper limits of ŝ. */
  readonly sMin: number;
  readonly sMax: number;
  /** Last point: ŝ, τ, x₁, x₂, μ, α_s, Jacobian 1/g(ŝ) × dy/du × (1/S). */
  s = 0;
  tau = 0;
  readonly x = new Float64Array(2);
  mu = 0;
  alphaS = 0;
  /**
   * Parton luminosities per charge (index 0: W⁺, 1: W⁻), pair and orientation:
   * lum[c][2k] (quark from beam 1), lum[c][2k+1] (quark from beam 2); lumA[c], lumB[c] their sums
   * divided by the |V|² inside the matrix element.
   */
  readonly lum = [new Float64Array(2 * N_PAIRS), new Float64Array(2 * N_PAIRS)] as const;
  readonly lumA = new Float64Array(2);
  readonly lumB = new Float64Array(2);
  private readonly f1 = new Float64Array(14);
  private readonly f2 = new Float64Array(14);

  constructor(opts: {
    sqrtS: number;
    pdf: PartonDensities;
    scale: ScaleChoice;
    mW: number;
    sMin: number;
    ckm?: readonly (readonly [number, number, number])[];
    ckmInMatrixElement2?: number;
  }) {
    this.sqrtS = opts.sqrtS;
    this.pdf = opts.pdf;
    this.scale = opts.scale;
    this.mW = opts.mW;
    this.ckm = opts.ckm ?? CKM_ABS;
    this.ckmInMatrixElement2 = opts.ckmInMatrixElement2 ?? 1;
    this.sMin = opts.sMin;
    this.sMax = opts.sqrtS * opts.sqrtS;
  }

  /**
   * Samples ŝ (dimension `dim` of the grid, value x0 after the VEGAS map) from the multichannel and
   * the rapidity (uy after the map), writes the incoming momenta at p[0..7] (beam 1 along +z) and
   * computes the luminosities. Returns the Jacobian factor (1/S) × (1/g(ŝ)) × ln(1/τ) / τ that
   * multiplies σ̂-density |M|²/(2ŝ) dΦ, times the VEGAS Jacobian of the y dimension passed in `jy`;
   * 0 outside the allowed range. The Jacobian of the ŝ dimension is inside g (multichannel density).
   */
  sample(
    p: Float64Array,
    mc: MassMultichannel,
    grid: VegasGrid,
    dim: number,
    uChannel: number,
    x0: number,
    uy: number,
    jy: number,
  ): number {
    const c = mc.chooseChannel(uChannel);
    const s = mc.sample(c, x0, this.sMin, this.sMax);
    const g = mc.density(s, this.sMin, this.sMax, grid, dim);
    this.lastDensity = g;
    if (!(g > 0) || s <= this.sMin * (1 - 1e-15)) return 0;
    const S = this.sMax;
    const tau = s / S;
    if (tau >= 1) return 0;
    this.s = s;
    this.tau = tau;
    const dy = collinearFractions(tau, uy, this.x, 0);
    const x1 = this.x[0]!;
    const x2 = this.x[1]!;
    if (!(x1 < 1 && x2 < 1)) return 0;
    this.setPartons(p, x1, x2, s);
    return (dy * jy) / (g * S * tau);
  }

  /**
   * Sets the point from the momentum fractions directly (for phase-space maps that build the final
   * state in the lab and solve for x₁, x₂): the incoming momenta at p[0..7], ŝ = x₁x₂S, τ, the scale,
   * α_s and the luminosities. Returns false (point unusable) unless 0 < xᵢ < 1 and ŝ ≥ sMin.
   */
  setMomentumFractions(p: Float64Array, x1: number, x2: number): boolean {
    if (!(x1 > 0 && x1 < 1 && x2 > 0 && x2 < 1)) return false;
    const s = x1 * x2 * this.sMax;
    if (!(s >= this.sMin)) return false;
    this.s = s;
    this.tau = x1 * x2;
    this.x[0] = x1;
    this.x[1] = x2;
    this.setPartons(p, x1, x2, s);
    return true;
  }

  private setPartons(p: Float64Array, x1: number, x2: number, s: number): void {
    setIncomingPartons(p, x1, x2, this.sqrtS);
    const mu = scaleOf(this.scale, s, this.mW);
    this.mu = mu;
    this.alphaS = this.pdf.alphaS(mu);
    this.pdf.xfxQAll(x1, mu, this.f1);
    this.pdf.xfxQAll(x2, mu, this.f2);
    this.luminosities();
  }

  /** Density of the last ŝ under the multichannel (including the VEGAS factor). */
  lastDensity = 0;

  /** Σ |V|² (x₁f)(x₂f) per charge, pair and orientation, and the totals lumA, lumB. */
  private luminosities(): void {
    const f1 = this.f1;
    const f2 = this.f2;
    for (let c = 0; c < 2; c++) {
      const lum = this.lum[c]!;
      let a = 0;
      let b = 0;
      let k = 0;
      for (let i = 0; i < UP.length; i++) {
        for (let j = 0; j < DOWN.length; j++) {
          const v = this.ckm[i]![j]!;
          const v2 = v * v;
          // W⁺: up-type quark + down-type antiquark; W⁻: down-type quark + up-type antiquark.
          const q = c === 0 ? UP[i]! : DOWN[j]!;
          const qb = c === 0 ? -DOWN[j]! : -UP[i]!;
          const la = v2 * f1[q + 6]! * f2[qb + 6]!;
          const lb = v2 * f2[q + 6]! * f1[qb + 6]!;
          lum[2 * k] = la;
          lum[2 * k + 1] = lb;
          a += la;
          b += lb;
          k++;
        }
      }
      this.lumA[c] = a / this.ckmInMatrixElement2;
      this.lumB[c] = b / this.ckmInMatrixElement2;
    }
  }

  /**
   * Chooses the flavours of the last point for W charge `charge` with probability ∝ lum × |M|²; writes
   * (id1, id2) into out[0], out[1] (beam 1, beam 2).
   */
  chooseFlavours(charge: WCharge, meA: number, meB: number, rng: RandomStream, out: Int32Array): void {
    const c = charge === 1 ? 0 : 1;
    const lum = this.lum[c]!;
    let total = 0;
    for (let k = 0; k < N_PAIRS; k++) total += lum[2 * k]! * meA + lum[2 * k + 1]! * meB;
    let r = rng.uniform() * total;
    for (let k = 0; k < N_PAIRS; k++) {
      const i = Math.floor(k / DOWN.length);
      const j = k % DOWN.length;
      const q = c === 0 ? UP[i]! : DOWN[j]!;
      const qb = c === 0 ? -DOWN[j]! : -UP[i]!;
      const wa = lum[2 * k]! * meA;
      if (r < wa) {
        out[0] = q;
        out[1] = qb;
        return;
      }
      r -= wa;
      const wb = lum[2 * k + 1]! * meB;
      if (r < wb) {
        out[0] = qb;
        out[1] = q;
        return;
      }
      r -= wb;
    }
    // Rounding at the very end: the reference pair in orientation A.
    out[0] = c === 0 ? 2 : 1;
    out[1] = c === 0 ? -1 : -2;
  }
}
