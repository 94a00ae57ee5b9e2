/**
 * Binned expected yields, the input of the statistics layer.
 *
 * A yield is a fine m_ℓℓ histogram of *expected events* at a given luminosity (sum of weights per
 * bin, and optionally the sum of squared weights for the MC error). `Histogram1D` from
 * `src/core/histogram.ts` satisfies the interface as it is; raw (value, weight) arrays are binned
 * with `yieldFromSamples`. Windows are contiguous ranges of fine bins, so the caller chooses the
 * window granularity with the binning (1 MeV uniform or log-spaced fine bins both work).
 */
import { InputError } from "../core/errors.js";
import { type Binning, Histogram1D } from "../core/histogram.js";
import { NeumaierSum } from "../core/sum.js";

/** Expected events per bin (structurally compatible with `Histogram1D`). */
export interface BinnedYield {
  /** Bin edges in GeV, strictly increasing, length = bins + 1. */
  readonly edges: ArrayLike<number>;
  /** Expected events per bin (sum of weights). */
  readonly sumW: ArrayLike<number>;
  /** Sum of squared weights per bin (MC variance); optional. */
  readonly sumW2?: ArrayLike<number>;
}

/** A plain, owned copy of a yield (what the helpers below return). */
export interface OwnedYield {
  readonly edges: Float64Array;
  readonly sumW: Float64Array;
  readonly sumW2: Float64Array;
}

/**
 * Checks a yield: edges strictly increasing and finite, sumW (and sumW2) of the right length,
 * finite and non-negative. Throws InputError naming `field`.
 */
export function checkYield(field: string, y: BinnedYield): void {
  const n = y.sumW.length;
  if (n < 1) throw new InputError(`${field}.sumW`, "at least one bin", n);
  if (y.edges.length !== n + 1) {
    throw new InputError(`${field}.edges`, `of length bins + 1 = ${n + 1}`, y.edges.length);
  }
  for (let i = 0; i <= n; i++) {
    const e = y.edges[i]!;
    if (!Number.isFinite(e)) throw new InputError(`${field}.edges[${i}]`, "finite", e);
    if (i > 0 && !(e > y.edges[i - 1]!))
      throw new InputError(`${field}.edges[${i}]`, "strictly increasing", e);
  }
  for (let i = 0; i < n; i++) {
    const w = y.sumW[i]!;
    if (!(Number.isFinite(w) && w >= 0)) {
      throw new InputError(`${field}.sumW[${i}]`, "a finite number ≥ 0 (expected events)", w);
    }
  }
  if (y.sumW2 !== undefined) {
    if (y.sumW2.length !== n) throw new InputError(`${field}.sumW2`, `of length ${n}`, y.sumW2.length);
    for (let i = 0; i < n; i++) {
      const w2 = y.sumW2[i]!;
      if (!(Number.isFinite(w2) && w2 >= 0))
        throw new InputError(`${field}.sumW2[${i}]`, "a finite number ≥ 0", w2);
    }
  }
}

/** Throws unless two yields share identical edges (signal and background must be binned alike). */
export function checkSameEdges(fieldA: string, a: BinnedYield, fieldB: string, b: BinnedYield): void {
  if (a.edges.length !== b.edges.length) {
    throw new InputError(
      `${fieldB}.edges`,
      `the same binning as ${fieldA} (${a.edges.length} edges)`,
      b.edges.length,
    );
  }
  for (let i = 0; i < a.edges.length; i++) {
    if (a.edges[i] !== b.edges[i]) {
      throw new InputError(
        `${fieldB}.edges[${i}]`,
        `equal to ${fieldA}.edges[${i}] = ${a.edges[i]}`,
        b.edges[i],
      );
    }
  }
}

/**
 * Prefix sums P[k] = Σ_{i<k} w_i (length bins + 1), accumulated with Neumaier compensation so that
 * window sums P[j] − P[i] keep their precision for long fine histograms.
 */
export function prefixSums(w: ArrayLike<number>, out = new Float64Array(w.length + 1)): Float64Array {
  const acc = new NeumaierSum();
  out[0] = 0;
  for (let i = 0; i < w.length; i++) {
    acc.add(w[i]!);
    out[i + 1] = acc.value;
  }
  return out;
}

/** A copy of `y` with every weight multiplied by `factor` (variance by factor²). */
export function scaleYield(y: BinnedYield, factor: number): OwnedYield {
  if (!(Number.isFinite(factor) && factor >= 0))
    throw new InputError("factor", "a finite number ≥ 0", factor);
  const n = y.sumW.length;
  const sumW = new Float64Array(n);
  const sumW2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sumW[i] = y.sumW[i]! * factor;
    sumW2[i] = (y.sumW2 === undefined ? 0 : y.sumW2[i]!) * factor * factor;
  }
  return { edges: Float64Array.from(y.edges), sumW, sumW2 };
}

/**
 * Bins unbinned (value, weight) samples, e.g. m_ℓℓ in GeV and per-event weights; every weight is
 * multiplied by `weightScale` (e.g. weights in pb × luminosity in pb⁻¹ = expected events).
 */
export function yieldFromSamples(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  binning: Binning,
  weightScale = 1,
): Histogram1D {
  if (!(Number.isFinite(weightScale) && weightScale >= 0)) {
    throw new InputError("weightScale", "a finite number ≥ 0", weightScale);
  }
  if (values.length !== weights.length) {
    throw new InputError("weights", `of the same length as values (${values.length})`, weights.length);
  }
  const h = new Histogram1D(binning);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const w = weights[i]!;
    if (!Number.isFinite(v)) throw new InputError(`values[${i}]`, "finite", v);
    if (!Number.isFinite(w)) throw new InputError(`weights[${i}]`, "finite", w);
    h.fill(v, w * weightScale);
  }
  return h;
}

/** Sum of weights and of squared weights in bins [loBin, hiBin). */
export function windowSum(y: BinnedYield, loBin: number, hiBin: number): { sum: number; sumW2: number } {
  const s = new NeumaierSum();
  const s2 = new NeumaierSum();
  for (let i = loBin; i < hiBin; i++) {
    s.add(y.sumW[i]!);
    if (y.sumW2 !== undefined) s2.add(y.sumW2[i]!);
  }
  return { sum: s.value, sumW2: s2.value };
}
