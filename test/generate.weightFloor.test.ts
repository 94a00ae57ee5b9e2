/**
 * Partial unweighting (`generate`'s weightFloor): unbiased, lighter on events. Reference: the
 * accept-reject rule itself — a point of weight w < T kept with probability w/T at weight T has
 * expectation w, so Σ event weights estimates the same σ as the weighted sample; the extra variance
 * per point is w(T − w) ≤ wT, so |Σw′ − Σw| has a standard deviation ≤ √(T σ / N) (per-point units
 * divided by N).
 */
import { describe, expect, it } from "vitest";
import { generate } from "../src/generate/generate.js";
import { backgroundSpecs } from "../src/scan/processes.js";

// W(μν) + ee in the selection core: a weighted sample whose weights span orders of magnitude.
const spec = {
  ...backgroundSpecs(13000).find((p) => p.process === "wgamma-mu-e")!.spec,
  region: "core" as const,
};
const fast = { seed: 4, workers: 0, warmupIterations: 3, warmupPoints: 4000 } as const;

describe("partial unweighting (weightFloor)", () => {
  it("keeps Σ weights an unbiased σ with fewer events, none lighter than the floor", async () => {
    const n = 30000;
    const r = await generate(spec, { nEvents: n, ...fast, weightFloor: 1 });
    const floorPb = r.weightFloor!.floorPb;
    expect(floorPb).toBeCloseTo(r.warmup.iterations.at(-1)!.sigmaPb, 10);
    let sum = 0;
    let heavy = 0;
    for (let e = 0; e < r.batch.nEvents; e++) {
      const w = r.batch.weight[e]!;
      // Kept light points carry exactly T/N; heavier ones their own weight.
      expect(w * n).toBeGreaterThanOrEqual(floorPb * (1 - 1e-12));
      if (w * n > floorPb * (1 + 1e-12)) heavy++;
      sum += w;
    }
    // r.sigmaLOPb is the weighted estimate from every point's weight (the floor acts after it).
    const sd = Math.sqrt((floorPb * r.sigmaLOPb) / n);
    expect(Math.abs(sum - r.sigmaLOPb)).toBeLessThan(5 * sd);
    // Most points are light and dropped: 0.218 kept for this seed (warm-up σ as the floor).
    expect(r.weightFloor!.keptFraction).toBeLessThan(0.4);
    expect(r.weightFloor!.keptFraction).toBeCloseTo(r.nEvents / n, 12);
    expect(heavy).toBeGreaterThan(0);
    expect(r.info.meta.weightFloorPb).toBe(floorPb);
    expect(r.unweighting).toBeNull();
  });

  it("rejects a negative floor and a floor with full unweighting, naming the field", async () => {
    await expect(generate(spec, { nEvents: 10, ...fast, weightFloor: -1 })).rejects.toThrow(/weight-floor/);
    await expect(generate(spec, { nEvents: 10, ...fast, weightFloor: 1, unweight: true })).rejects.toThrow(
      /weight-floor.*unweighting/,
    );
  });
});
