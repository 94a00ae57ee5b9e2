/**
 * Variance shares of correlated entries (src/analysis/copies.ts). References: the definitions —
 * share_i = w_i · W_event(i); Σ shares over all entries = Σ_events W² (the exact variance of Σw); over
 * any subset of entries the shares are at least the subset's exact variance Σ_events (Σ_{i∈set} w_i)²
 * (w ≥ 0).
 */
import { describe, expect, it } from "vitest";
import { correlatedSquares, eventVariance } from "../src/analysis/copies.js";
import { randomStream } from "../src/core/rng.js";

describe("correlatedSquares", () => {
  it("gives each entry w·W of its generated event", () => {
    // Batch events 0–4 copy generated events 0, 0, 1, 1, 2; entries point at batch events.
    const source = Uint32Array.from([0, 0, 1, 1, 2]);
    const event = Uint32Array.from([0, 1, 1, 2, 3, 4]);
    const w = Float64Array.from([1, 2, 0, 3, 4, 5]);
    // W: event 0 → 1 + 2 = 3, event 1 → 3 + 4 = 7, event 2 → 5.
    expect(Array.from(correlatedSquares(w, event, source))).toEqual([3, 6, 0, 21, 28, 25]);
    expect(eventVariance(w, event, source)).toBe(9 + 49 + 25);
  });

  it("never understates the variance of a subset of the entries", () => {
    const rng = randomStream(3, 0);
    const nEvents = 200;
    const source = Uint32Array.from({ length: 4 * nEvents }, (_, k) => Math.floor(k / 4));
    const event = Uint32Array.from({ length: 4 * nEvents }, (_, k) => k);
    const w = Float64Array.from(event, () => (rng.uniform() < 0.4 ? rng.uniform() : 0));
    const squares = correlatedSquares(w, event, source);
    for (let trial = 0; trial < 50; trial++) {
      const inSet = Array.from(event, () => rng.uniform() < 0.5);
      const perEvent = new Float64Array(nEvents);
      let shares = 0;
      for (let i = 0; i < w.length; i++) {
        if (!inSet[i]) continue;
        perEvent[source[event[i]!]!]! += w[i]!;
        shares += squares[i]!;
      }
      const exact = perEvent.reduce((a, x) => a + x * x, 0);
      expect(shares).toBeGreaterThanOrEqual(exact * (1 - 1e-12));
    }
  });
});
