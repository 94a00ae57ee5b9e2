/**
 * Event-batch operations of src/core/events.ts: `repeatEvents` and `copiesUnderCap` (shower copies).
 * References: the definitions — K_e copies in a row at weight w_e/K_e each (Σ weight unchanged),
 * every particle column copied bit for bit, `source` mapping copies back; K_e = min(max, ⌈w/cap⌉).
 */
import { describe, expect, it } from "vitest";
import {
  allocateEventBatch,
  copiesUnderCap,
  EVENT_COLUMNS,
  type EventBatch,
  PARTICLE_COLUMNS,
  particleCount,
  repeatEvents,
} from "../src/core/events.js";

/** Three events with 2, 3 and 1 particles and distinct values in every column. */
function smallBatch(): EventBatch {
  const counts = [2, 3, 1];
  const b = allocateEventBatch(3, 6);
  let p = 0;
  counts.forEach((n, e) => {
    for (let k = 0; k < n; k++, p++) {
      for (const c of PARTICLE_COLUMNS) (b[c] as Float64Array)[p] = 10 * e + k + 1;
    }
    b.offsets[e + 1] = p;
    for (const c of EVENT_COLUMNS) (b[c] as Float64Array)[e] = 100 + e;
  });
  b.weight.set([0.6, 3.0, 1.2]);
  return b;
}

describe("repeatEvents", () => {
  it("copies each event K_e times in a row at weight w/K_e", () => {
    const b = smallBatch();
    const { batch: r, source } = repeatEvents(b, [1, 3, 2]);
    expect(r.nEvents).toBe(6);
    expect(Array.from(source)).toEqual([0, 1, 1, 1, 2, 2]);
    expect(Array.from(r.weight)).toEqual([0.6, 1.0, 1.0, 1.0, 0.6, 0.6]);
    for (let e = 0; e < r.nEvents; e++) {
      const s = source[e]!;
      expect(particleCount(r, e)).toBe(particleCount(b, s));
      for (const c of PARTICLE_COLUMNS) {
        const got = (r[c] as Float64Array).subarray(r.offsets[e]!, r.offsets[e + 1]!);
        const want = (b[c] as Float64Array).subarray(b.offsets[s]!, b.offsets[s + 1]!);
        expect(Array.from(got)).toEqual(Array.from(want));
      }
      for (const c of EVENT_COLUMNS) if (c !== "weight") expect((r[c] as Float64Array)[e]).toBe(100 + s);
    }
  });

  it("takes one number for every event, and 1 returns the events as they are", () => {
    const b = smallBatch();
    const two = repeatEvents(b, 2);
    expect(Array.from(two.source)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(two.batch.weight.reduce((a, w) => a + w, 0)).toBeCloseTo(4.8, 14);
    const one = repeatEvents(b, 1);
    expect(one.batch).toBe(b);
    expect(Array.from(one.source)).toEqual([0, 1, 2]);
  });

  it("rejects copies that are not integers ≥ 1 or not one per event, naming the field", () => {
    const b = smallBatch();
    expect(() => repeatEvents(b, 0)).toThrow(/copies\[0\] must be an integer ≥ 1/);
    expect(() => repeatEvents(b, [1, 1.5, 1])).toThrow(/copies\[1\]/);
    expect(() => repeatEvents(b, [1, 1])).toThrow(/copies.length must be the number of events \(3\)/);
  });
});

describe("copiesUnderCap", () => {
  it("gives ⌈w/cap⌉ copies, at least 1 and at most maxCopies", () => {
    const w = Float64Array.from([0.1, 1.0, 1.01, 2.5, 100]);
    expect(Array.from(copiesUnderCap(w, 1, 8))).toEqual([1, 1, 2, 3, 8]);
  });

  it("rejects a cap ≤ 0 or a maxCopies below 1, naming the field", () => {
    const w = Float64Array.from([1]);
    expect(() => copiesUnderCap(w, 0, 8)).toThrow(/capPb/);
    expect(() => copiesUnderCap(w, Number.NaN, 8)).toThrow(/capPb/);
    expect(() => copiesUnderCap(w, 1, 0)).toThrow(/maxCopies/);
  });
});
