/**
 * Variance bookkeeping for batches of shower copies (core/events.ts `repeatEvents`): the entries
 * of one generated event — its copies, each showered and smeared on its own, and their efficiency
 * outcomes — are correlated, so Σw² over entries would understate the MC variance of a yield.
 */

/**
 * Per entry i, its share w_i·W of the variance of its generated event, W = Σ of that event's
 * selected weights (`source[event[i]]` names the event; entries need not be adjacent). Summed over
 * the entries of any set of bins the shares give Σ_events W·(Σ_{i∈set} w_i) ≥ Σ_events
 * (Σ_{i∈set} w_i)² for w ≥ 0: the exact variance when a set holds all of each event's entries (a
 * whole spectrum, a window wider than the smearing), never less than it otherwise.
 */
export function correlatedSquares(
  weights: Float64Array,
  event: Uint32Array,
  source: Uint32Array,
): Float64Array {
  let nSource = 0;
  for (let e = 0; e < source.length; e++) nSource = Math.max(nSource, source[e]! + 1);
  const total = new Float64Array(nSource);
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w !== 0) total[source[event[i]!]!]! += w;
  }
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = weights[i]! * total[source[event[i]!]!]!;
  return out;
}

/** Σ over generated events of (Σ of its selected weights)²: the MC variance of Σw, exactly. */
export function eventVariance(weights: Float64Array, event: Uint32Array, source: Uint32Array): number {
  const squares = correlatedSquares(weights, event, source);
  let s = 0;
  for (let i = 0; i < squares.length; i++) s += squares[i]!;
  return s;
}
