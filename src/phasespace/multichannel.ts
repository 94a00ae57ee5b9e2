/**
 * Multichannel sampling of one invariant mass² s (R. Kleiss and R. Pittau, "Weight optimization in
 * multichannel Monte Carlo", Comput. Phys. Commun. 83 (1994) 141).
 *
 * Channel i maps a unit number u to s with density gᵢ(s) (Breit–Wigner, power law or flat; see
 * mappings.ts). A channel is chosen with probability αᵢ; the point's density is
 * g(s) = Σᵢ αᵢ gᵢ(s) pᵢ(s), where pᵢ(s) is the density of the VEGAS map of the u dimension evaluated
 * at u = Gᵢ⁻¹(s) (1 without a VEGAS grid), so the weight f/g is exact whichever channel produced s.
 * During warm-up αᵢ is updated as αᵢ ← αᵢ √Wᵢ / Σ (Kleiss–Pittau eq. 14), Wᵢ = ⟨gᵢ f² / g³⟩ estimated
 * from the sampled points (the derivative of the variance with respect to αᵢ).
 */
import {
  breitWignerDensity,
  breitWignerInverse,
  breitWignerSample,
  powerDensity,
  powerInverse,
  powerSample,
  uniformSample,
} from "./mappings.js";
import type { VegasGrid } from "./vegas.js";

export type MassChannel =
  | { kind: "breit-wigner"; m: number; width: number }
  | { kind: "power"; nu: number }
  | { kind: "flat" };

export interface MultichannelState {
  channels: MassChannel[];
  alphas: number[];
}

export class MassMultichannel {
  readonly channels: readonly MassChannel[];
  readonly alphas: Float64Array;
  private readonly wAcc: Float64Array;
  /** Scratch: per-channel density gᵢ(s) pᵢ(s) of the last point. */
  private readonly gi: Float64Array;
  /** Minimum channel weight kept after adaptation (so no channel dies; Kleiss–Pittau Sec. 4). */
  readonly alphaMin: number;

  constructor(channels: readonly MassChannel[], alphas?: ArrayLike<number>, alphaMin = 1e-3) {
    if (channels.length === 0) throw new RangeError("a multichannel needs at least one channel");
    this.channels = channels;
    this.alphas = new Float64Array(channels.length);
    for (let i = 0; i < channels.length; i++) this.alphas[i] = alphas ? alphas[i]! : 1 / channels.length;
    this.wAcc = new Float64Array(channels.length);
    this.gi = new Float64Array(channels.length);
    this.alphaMin = alphaMin;
  }

  static fromState(s: MultichannelState): MassMultichannel {
    return new MassMultichannel(s.channels, s.alphas);
  }

  state(): MultichannelState {
    return { channels: [...this.channels], alphas: Array.from(this.alphas) };
  }

  /** The channel chosen by uChoice ∈ [0, 1) (cumulative α). */
  chooseChannel(uChoice: number): number {
    let c = 0;
    let acc = this.alphas[0]!;
    while (uChoice >= acc && c < this.channels.length - 1) {
      c++;
      acc += this.alphas[c]!;
    }
    return c;
  }

  /** s from channel c at u. */
  sample(c: number, u: number, sMin: number, sMax: number): number {
    const ch = this.channels[c]!;
    if (ch.kind === "breit-wigner") return breitWignerSample(u, ch.m, ch.width, sMin, sMax);
    if (ch.kind === "power") return powerSample(u, ch.nu, sMin, sMax);
    return uniformSample(u, sMin, sMax);
  }

  /**
   * Total density g(s) = Σ αᵢ gᵢ(s) pᵢ(s), where pᵢ is the VEGAS density of dimension `dim` of
   * `grid` at Gᵢ⁻¹(s) (omit the grid for none). Stores each gᵢ pᵢ for `accumulate`.
   */
  density(s: number, sMin: number, sMax: number, grid?: VegasGrid, dim = 0): number {
    let g = 0;
    for (let i = 0; i < this.channels.length; i++) {
      const ch = this.channels[i]!;
      let gs: number;
      let u: number;
      if (ch.kind === "breit-wigner") {
        gs = breitWignerDensity(s, ch.m, ch.width, sMin, sMax);
        u = grid ? breitWignerInverse(s, ch.m, ch.width, sMin, sMax) : 0;
      } else if (ch.kind === "power") {
        gs = powerDensity(s, ch.nu, sMin, sMax);
        u = grid ? powerInverse(s, ch.nu, sMin, sMax) : 0;
      } else {
        gs = s >= sMin && s <= sMax ? 1 / (sMax - sMin) : 0;
        u = grid ? (s - sMin) / (sMax - sMin) : 0;
      }
      const pv = grid ? grid.densityAt(dim, Math.min(Math.max(u, 0), 1 - 1e-16)) : 1;
      this.gi[i] = gs * pv;
      g += this.alphas[i]! * gs * pv;
    }
    return g;
  }

  /**
   * Accumulates the weight w = f/g of the last point whose density was computed by `density`
   * (g = total density): Wᵢ += gᵢ w² / g.
   */
  accumulate(w: number, g: number): void {
    if (!(g > 0)) return;
    for (let i = 0; i < this.channels.length; i++) this.wAcc[i]! += (this.gi[i]! * w * w) / g;
  }

  /** Kleiss–Pittau update αᵢ ← αᵢ √Wᵢ, normalised, with a floor `alphaMin`; clears the sums. */
  adapt(): void {
    let norm = 0;
    const n = this.channels.length;
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      next[i] = this.alphas[i]! * Math.sqrt(Math.max(0, this.wAcc[i]!));
      norm += next[i]!;
    }
    if (!(norm > 0)) {
      this.wAcc.fill(0);
      return;
    }
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      next[i] = Math.max(next[i]! / norm, this.alphaMin);
      norm2 += next[i]!;
    }
    for (let i = 0; i < n; i++) this.alphas[i] = next[i]! / norm2;
    this.wAcc.fill(0);
  }
}
