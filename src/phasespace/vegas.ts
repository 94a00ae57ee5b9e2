/**
 * VEGAS adaptive importance-sampling grid (G. P. Lepage, J. Comput. Phys. 27 (1978) 192; the
 * refinement of Sec. 3 with smoothing and damping exponent α, as in Lepage's CLNS-80/447 (1980)
 * report and the GSL/Cuba implementations' description).
 *
 * The grid is a separable piecewise-linear map y ∈ [0,1)ᵈ → x ∈ [0,1)ᵈ: each dimension has `nBins`
 * bins of equal probability and adaptive widths Δᵢ; x = xᵢ + (y nBins − i) Δᵢ with Jacobian
 * Πd nBins Δᵢ. During warm-up the squared weights are accumulated per bin and the bins are
 * refined so that each carries an equal share of Σ (f J)²; then the grid is frozen for the
 * production run, so production results are reproducible and combinable across workers.
 */

export interface VegasGridState {
  nDim: number;
  nBins: number;
  /** Bin edges, (nBins + 1) per dimension, dimension-major. */
  edges: number[];
}

export class VegasGrid {
  readonly nDim: number;
  readonly nBins: number;
  /** Edges, dimension-major: edges[d (nBins + 1) + i]. */
  readonly edges: Float64Array;
  /** Accumulated Σ (f J)² per bin during adaptation. */
  private readonly acc: Float64Array;
  /** Scratch: bin index of the last mapped point per dimension. */
  readonly bins: Int32Array;

  constructor(nDim: number, nBins = 50, edges?: ArrayLike<number>) {
    if (!Number.isInteger(nDim) || nDim < 1) throw new RangeError(`nDim must be ≥ 1 (got ${nDim})`);
    if (!Number.isInteger(nBins) || nBins < 2) throw new RangeError(`nBins must be ≥ 2 (got ${nBins})`);
    this.nDim = nDim;
    this.nBins = nBins;
    this.edges = new Float64Array(nDim * (nBins + 1));
    if (edges) {
      if (edges.length !== this.edges.length) throw new RangeError("VEGAS edges have the wrong length");
      for (let i = 0; i < edges.length; i++) this.edges[i] = edges[i]!;
    } else {
      for (let d = 0; d < nDim; d++)
        for (let i = 0; i <= nBins; i++) this.edges[d * (nBins + 1) + i] = i / nBins;
    }
    this.acc = new Float64Array(nDim * nBins);
    this.bins = new Int32Array(nDim);
  }

  static fromState(state: VegasGridState): VegasGrid {
    return new VegasGrid(state.nDim, state.nBins, state.edges);
  }

  state(): VegasGridState {
    return { nDim: this.nDim, nBins: this.nBins, edges: Array.from(this.edges) };
  }

  /**
   * Maps y (uniform, length ≥ nDim) to x in place and returns the Jacobian Πd nBins Δᵢ. Records the
   * bins in `this.bins` for `accumulate`.
   */
  map(y: Float64Array, x: Float64Array): number {
    const nb = this.nBins;
    let jac = 1;
    for (let d = 0; d < this.nDim; d++) {
      const z = y[d]! * nb;
      let i = Math.floor(z);
      if (i >= nb) i = nb - 1;
      const base = d * (nb + 1);
      const lo = this.edges[base + i]!;
      const width = this.edges[base + i + 1]! - lo;
      x[d] = lo + (z - i) * width;
      jac *= nb * width;
      this.bins[d] = i;
    }
    return jac;
  }

  /** Probability density of the grid map in dimension d at x: 1 / (nBins Δᵢ) for the bin holding x. */
  densityAt(d: number, x: number): number {
    const base = d * (this.nBins + 1);
    const i = this.binAt(base, x);
    return 1 / (this.nBins * (this.edges[base + i + 1]! - this.edges[base + i]!));
  }

  /**
   * Probability that the grid map puts dimension d below x: its inverse V⁻¹(x) = (i + (x − xᵢ)/Δᵢ)
   * / nBins for the bin i holding x (the map is piecewise linear and monotonic).
   */
  cdfAt(d: number, x: number): number {
    if (!(x > 0)) return 0;
    if (!(x < 1)) return 1;
    const base = d * (this.nBins + 1);
    const i = this.binAt(base, x);
    const e0 = this.edges[base + i]!;
    return (i + (x - e0) / (this.edges[base + i + 1]! - e0)) / this.nBins;
  }

  /** The bin i with edges[i] ≤ x < edges[i + 1] of the dimension whose edges start at `base` (binary search). */
  private binAt(base: number, x: number): number {
    let lo = 0;
    let hi = this.nBins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.edges[base + mid]! <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Adds (f J)² of the last mapped point to its bins. */
  accumulate(weight: number): void {
    const w2 = weight * weight;
    const nb = this.nBins;
    for (let d = 0; d < this.nDim; d++) this.acc[d * nb + this.bins[d]!]! += w2;
  }

  /**
   * Refines the grid from the accumulated squared weights and clears them (Lepage 1978, Sec. 3):
   * the per-bin values are smoothed over neighbours, compressed as rᵢ = ((1 − dᵢ)/ln(1/dᵢ))^α
   * with dᵢ the bin's share, and new edges are placed so that every new bin holds Σr / nBins.
   */
  refine(alpha = 1.5): void {
    const nb = this.nBins;
    const d = new Float64Array(nb);
    const r = new Float64Array(nb);
    const newEdges = new Float64Array(nb + 1);
    for (let dim = 0; dim < this.nDim; dim++) {
      const a = this.acc.subarray(dim * nb, (dim + 1) * nb);
      // Smoothing: average with the neighbours (ends: two-point average).
      for (let i = 0; i < nb; i++) {
        const prev = i > 0 ? a[i - 1]! : a[i]!;
        const next = i < nb - 1 ? a[i + 1]! : a[i]!;
        d[i] = i === 0 || i === nb - 1 ? (a[i]! + (i === 0 ? next : prev)) / 2 : (prev + a[i]! + next) / 3;
      }
      let sum = 0;
      for (let i = 0; i < nb; i++) sum += d[i]!;
      if (!(sum > 0)) {
        a.fill(0);
        continue;
      }
      let rSum = 0;
      for (let i = 0; i < nb; i++) {
        const f = d[i]! / sum;
        r[i] = f > 0 && f < 1 ? ((1 - f) / -Math.log(f)) ** alpha : f >= 1 ? 1 : 0;
        rSum += r[i]!;
      }
      if (!(rSum > 0)) {
        a.fill(0);
        continue;
      }
      // New edges: equal shares of Σr, interpolating linearly inside old bins.
      const base = dim * (nb + 1);
      const per = rSum / nb;
      newEdges[0] = 0;
      newEdges[nb] = 1;
      let j = 0;
      let accR = 0;
      for (let k = 1; k < nb; k++) {
        const target = k * per;
        while (j < nb - 1 && accR + r[j]! < target) {
          accR += r[j]!;
          j++;
        }
        const lo = this.edges[base + j]!;
        const hi = this.edges[base + j + 1]!;
        const frac = r[j]! > 0 ? Math.min(1, Math.max(0, (target - accR) / r[j]!)) : 0;
        newEdges[k] = lo + frac * (hi - lo);
      }
      // Keep edges strictly increasing (a degenerate bin would give a zero Jacobian).
      for (let k = 1; k <= nb; k++) {
        if (newEdges[k]! <= newEdges[k - 1]!) newEdges[k] = Math.min(1, newEdges[k - 1]! + 1e-15);
      }
      for (let k = 0; k <= nb; k++) this.edges[base + k] = newEdges[k]!;
      a.fill(0);
    }
  }
}
