/**
 * Resolution summaries of smeared distributions. The paper's Fig. 2 quotes "the smallest interval
 * containing 68 % of the smeared mass values"; its half-width is the Gaussian σ for a Gaussian.
 */
import { InputError } from "../core/errors.js";

/**
 * Smallest interval [lo, hi] holding at least `fraction` of the total weight of `values`
 * (unit weights when `weights` is omitted). Weights must be ≥ 0 with a positive sum.
 */
export function smallestInterval(
  values: ArrayLike<number>,
  fraction = 0.68,
  weights?: ArrayLike<number>,
): { lo: number; hi: number; halfWidth: number } {
  const n = values.length;
  if (n === 0) throw new InputError("values", "a non-empty array", n);
  if (!(fraction > 0 && fraction <= 1)) throw new InputError("fraction", "a number in (0, 1]", fraction);
  if (weights && weights.length !== n)
    throw new InputError("weights.length", `equal to values.length = ${n}`, weights.length);
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const x = new Float64Array(n);
  const cum = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const w = weights ? weights[i]! : 1;
    if (!(w >= 0)) throw new InputError(`weights[${i}]`, "a number ≥ 0", w);
    x[k] = values[i]!;
    cum[k + 1] = cum[k]! + w;
  }
  const total = cum[n]!;
  if (!(total > 0)) throw new InputError("sum of weights", "> 0", total);
  const need = fraction * total * (1 - 1e-12);
  let best = { lo: x[0]!, hi: x[n - 1]! };
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (j < i) j = i;
    while (j < n && cum[j + 1]! - cum[i]! < need) j++;
    if (j >= n) break;
    if (x[j]! - x[i]! < best.hi - best.lo) best = { lo: x[i]!, hi: x[j]! };
  }
  return { ...best, halfWidth: 0.5 * (best.hi - best.lo) };
}
