import { describe, expect, it } from "vitest";
import { generate } from "../src/generate/generate.js";
import type { ProcessSpec } from "../src/generate/processes.js";

// Reference: DESIGN "same seed and settings → same numbers, independent of the number of workers".
// Chunk k always uses randomStream(seed, k) on the frozen grid; chunk sums are merged in chunk
// order, so the results must be bit-identical (exact equality, no tolerance). The worker path runs
// the built dist/generate/worker.js (the test script builds before vitest).
const W_SPEC: ProcessSpec = {
  kind: "w-lnu",
  charge: "both",
  lepton: "mu",
  sqrtS: 13000,
  scale: { kind: "dynamic" },
  ewInputs: "default",
  mHatMinGeV: 10,
};

describe("worker parallelism", () => {
  it("1 worker and 2 workers give identical σ, δσ and events", async () => {
    // Both runs use the built dist/ workers. (The in-process path, workers: 0, runs the same
    // runChunk; comparing it here would compare src/ under vitest with dist/, which differ whenever
    // dist/ is stale during development.)
    const opts = { nEvents: 12000, seed: 1, chunkSize: 3000, warmupPoints: 2000, warmupIterations: 3 };
    const r0 = await generate(W_SPEC, { ...opts, workers: 1 });
    const r2 = await generate(W_SPEC, { ...opts, workers: 2 });
    for (const r of [r2]) {
      expect(r.sigmaPb).toBe(r0.sigmaPb);
      expect(r.sigmaErrPb).toBe(r0.sigmaErrPb);
      expect(r.nEvents).toBe(r0.nEvents);
      expect(Buffer.from(r.batch.weight.buffer).equals(Buffer.from(r0.batch.weight.buffer))).toBe(true);
      expect(Buffer.from(r.batch.pz.buffer).equals(Buffer.from(r0.batch.pz.buffer))).toBe(true);
      expect(Buffer.from(r.batch.pdg.buffer).equals(Buffer.from(r0.batch.pdg.buffer))).toBe(true);
    }
    // A different seed gives different numbers (the test is not vacuous).
    const r3 = await generate(W_SPEC, { ...opts, seed: 2, workers: 2 });
    expect(r3.sigmaPb).not.toBe(r0.sigmaPb);
  });

  it("unweighting declares its maximum, counts violations and keeps Σw an unbiased σ", async () => {
    // Reference: hit-or-miss with acceptance w/wMax; accepted events carry max(w, wMax)/N, so
    // E[Σw] = σ. Tolerance: 4 × the unweighted sample's error ≈ 4 σ_LO/√N_acc (one weight per event).
    const r = await generate(W_SPEC, { nEvents: 30000, seed: 5, workers: 0, unweight: true });
    expect(r.unweighting).not.toBeNull();
    const u = r.unweighting!;
    expect(u.maxWeightPb).toBeGreaterThan(0);
    expect(u.violations).toBeGreaterThanOrEqual(0);
    let sum = 0;
    for (let e = 0; e < r.batch.nEvents; e++) sum += r.batch.weight[e]!;
    expect(Math.abs(sum - r.sigmaPb)).toBeLessThan((4 * r.sigmaPb) / Math.sqrt(r.batch.nEvents));
    expect(u.acceptedFraction).toBeGreaterThan(0.05);
    expect(u.acceptedFraction).toBeLessThan(1);
  });
});
