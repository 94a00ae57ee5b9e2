/**
 * Diagram-based ("single-diagram-enhanced") multichannel integration with one VEGAS grid per
 * channel (F. Maltoni and T. Stelzer, "MadEvent: automatic event generation with MadGraph",
 * JHEP 02 (2003) 027, Sec. 3).
 *
 * The integrand is split as f = Σᵢ fᵢ with fᵢ = f Aᵢ / Σⱼ Aⱼ, where Aᵢ ≥ 0 is a cheap approximation
 * of the square of the diagrams channel i is built for (products of propagator factors, see the
 * processes). Channel i integrates fᵢ with its own phase-space parametrisation gᵢ (a complete map of
 * phase space, so no region is missed) and its own VEGAS grid. A point is produced by channel i with
 * probability αᵢ and carries the weight w = fᵢ / (αᵢ gᵢ): E[w] = Σᵢ ∫ fᵢ = σ, whatever the αᵢ.
 * No channel needs the density of another (unlike Kleiss–Pittau weights, which need the inverse map
 * of every channel at every point).
 *
 * Channel weights: the variance of w is Σᵢ Vᵢ/αᵢ − σ², Vᵢ = ∫ fᵢ²/gᵢ; it is minimal for
 * αᵢ ∝ √Vᵢ (Lagrange multiplier; the same optimum as Kleiss & Pittau, Comput. Phys. Commun. 83
 * (1994) 141, eq. 14, for disjoint channels). Vᵢ is estimated as the mean of (αᵢ w)² over the points
 * of channel i; the update is damped (geometric mean with the old α) and floored at `alphaMin`.
 *
 * Engine compatibility: `StratifiedMultichannel` extends `MassMultichannel` (the engine calls
 * `accumulate`, `adapt` and the workers copy `alphas`), and `BlockVegasGrid` extends `VegasGrid`
 * (the engine calls `accumulate`, `refine`, and copies `edges`): the per-channel grids are blocks
 * (views) of one edge array of dimension nChannels × nDimPerChannel.
 */
import { MassMultichannel } from "../multichannel.js";
import { VegasGrid } from "../vegas.js";

export class StratifiedMultichannel extends MassMultichannel {
  /** Channel of the last point (set by the process through `choose`). */
  active = 0;
  private readonly sumW2: Float64Array;
  private readonly count: Float64Array;

  constructor(nChannels: number, alphas?: ArrayLike<number>, alphaMin = 0.01 / Math.max(1, nChannels)) {
    const flat = Array.from({ length: nChannels }, () => ({ kind: "flat" as const }));
    super(flat, alphas, alphaMin);
    this.sumW2 = new Float64Array(nChannels);
    this.count = new Float64Array(nChannels);
  }

  /**
   * Uniform number in [0, 1) left over from the last choice: (uChoice − Σ_{j<i} αⱼ)/αᵢ is uniform and
   * independent of the chosen channel i, so a process can spend it on one more discrete choice.
   */
  residual = 0;

  /** Chooses (and records) the channel for uChoice ∈ [0, 1). */
  choose(uChoice: number): number {
    let c = 0;
    let lo = 0;
    const n = this.channels.length;
    while (c < n - 1 && uChoice >= lo + this.alphas[c]!) {
      lo += this.alphas[c]!;
      c++;
    }
    this.active = c;
    this.residual = Math.min(Math.max((uChoice - lo) / this.alphas[c]!, 0), 1 - 1e-16);
    return c;
  }

  /** Accumulates the weight w of the last point (channel `active`); `g` is unused here. */
  override accumulate(w: number, _g: number): void {
    const a = this.alphas[this.active]! * w;
    this.sumW2[this.active]! += a * a;
    this.count[this.active]! += 1;
  }

  /** αᵢ ← √(αᵢ √V̂ᵢ) normalised and floored (damped optimum αᵢ ∝ √Vᵢ); clears the sums. */
  override adapt(): void {
    const n = this.channels.length;
    const next = new Float64Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const v = this.count[i]! > 0 ? this.sumW2[i]! / this.count[i]! : 0;
      next[i] = Math.sqrt(this.alphas[i]! * Math.sqrt(v));
      norm += next[i]!;
    }
    this.sumW2.fill(0);
    this.count.fill(0);
    if (!(norm > 0)) return;
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      next[i] = Math.max(next[i]! / norm, this.alphaMin);
      norm2 += next[i]!;
    }
    for (let i = 0; i < n; i++) this.alphas[i] = next[i]! / norm2;
  }
}

/**
 * One VEGAS grid per channel, stored as consecutive blocks of `dimsPerChannel` dimensions of one
 * `VegasGrid` edge array (so the engine's warm-up, refinement and worker hand-over work unchanged).
 * `mapBlock(c, y, x)` maps y[0 … d) through block c; `accumulate` then only feeds block c.
 */
export class BlockVegasGrid extends VegasGrid {
  readonly nChannels: number;
  readonly dimsPerChannel: number;
  private readonly blocks: VegasGrid[];
  private active = 0;

  constructor(nChannels: number, dimsPerChannel: number, nBins = 50) {
    super(nChannels * dimsPerChannel, nBins);
    this.nChannels = nChannels;
    this.dimsPerChannel = dimsPerChannel;
    const per = dimsPerChannel * (nBins + 1);
    this.blocks = [];
    for (let c = 0; c < nChannels; c++) {
      const g = new VegasGrid(dimsPerChannel, nBins);
      // The block's edges are a view into this grid's edge array (one storage, shared with the
      // engine and the workers); VegasGrid only ever writes its edges element-wise.
      (g as unknown as { edges: Float64Array }).edges = this.edges.subarray(c * per, (c + 1) * per);
      this.blocks.push(g);
    }
  }

  /** The grid of channel c (a view of this grid's edges). */
  block(c: number): VegasGrid {
    return this.blocks[c]!;
  }

  /** Maps y through the grid of channel c (first `dimsPerChannel` entries); returns the Jacobian. */
  mapBlock(c: number, y: Float64Array, x: Float64Array): number {
    this.active = c;
    return this.blocks[c]!.map(y, x);
  }

  override accumulate(weight: number): void {
    this.blocks[this.active]!.accumulate(weight);
  }

  override refine(alpha = 1.5): void {
    for (const b of this.blocks) b.refine(alpha);
  }
}
