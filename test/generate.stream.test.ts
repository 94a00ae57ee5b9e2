/**
 * `generateStream`: a run consumed chunk by chunk. Reference: `generate` itself — chunk k draws its
 * points from randomStream(seed, k) whoever runs it, so the streamed chunks, concatenated, must be
 * `generate`'s batch (workers: 0) event for event, and σ, δσ and the floor bookkeeping identical to
 * the last bit.
 */
import { describe, expect, it } from "vitest";
import { concatEventBatches, type EventBatch } from "../src/core/events.js";
import { generate, generateStream } from "../src/generate/generate.js";
import { backgroundSpecs } from "../src/scan/processes.js";

const spec = {
  ...backgroundSpecs(13000).find((p) => p.process === "wgamma-mu-e")!.spec,
  region: "core" as const,
};
const options = {
  nEvents: 9000,
  seed: 7,
  chunkSize: 2500,
  warmupIterations: 3,
  warmupPoints: 3000,
  weightFloor: 1,
  kFactor: 1.25,
} as const;

/** A copy that outlives the chunk (the stream reuses nothing, but the test must not rely on it). */
function copyBatch(b: EventBatch): EventBatch {
  const out = { ...b } as Record<string, unknown>;
  for (const [k, v] of Object.entries(b)) if (ArrayBuffer.isView(v)) out[k] = (v as Float64Array).slice();
  return out as unknown as EventBatch;
}

describe("generateStream", () => {
  it("hands out generate's chunks in order, with generate's σ and floor", async () => {
    const whole = await generate(spec, { ...options, workers: 0 });
    const chunks: EventBatch[] = [];
    const seen: number[] = [];
    const streamed = await generateStream(spec, options, (c) => {
      seen.push(c.chunk);
      expect(c.nChunks).toBe(4);
      // The info block carries the run's settings and the warm-up's σ (LO × k).
      expect(c.info.meta.seed).toBe(7);
      expect(c.info.sigmaPb).toBe(whole.warmup.iterations.at(-1)!.sigmaPb * 1.25);
      // The mean weight per point: σ_warm-up × k over the 9000 points; with the floor at 1 × σ it is
      // the lightest weight of the chunk (the events below the floor were raised to it).
      expect(c.meanWeightPb).toBeCloseTo((whole.warmup.iterations.at(-1)!.sigmaPb * 1.25) / 9000, 15);
      expect(Math.min(...c.batch.weight)).toBeCloseTo(c.meanWeightPb, 15);
      chunks.push(copyBatch(c.batch));
    });
    expect(seen).toEqual([0, 1, 2, 3]);
    const joined = concatEventBatches(chunks);
    expect(joined.nEvents).toBe(whole.batch.nEvents);
    expect(Array.from(joined.weight)).toEqual(Array.from(whole.batch.weight));
    expect(Array.from(joined.px)).toEqual(Array.from(whole.batch.px));
    expect(Array.from(joined.pdg)).toEqual(Array.from(whole.batch.pdg));
    expect(streamed.sigmaPb).toBe(whole.sigmaPb);
    expect(streamed.sigmaErrPb).toBe(whole.sigmaErrPb);
    expect(streamed.nEvents).toBe(whole.nEvents);
    expect(streamed.weightFloor).toEqual(whole.weightFloor);
    expect(streamed.info).toEqual(whole.info);
    expect("batch" in streamed).toBe(false);
  });

  it("waits for an asynchronous consumer and reports progress after each chunk", async () => {
    const order: string[] = [];
    const progress: number[] = [];
    await generateStream(spec, { ...options, onProgress: (done) => progress.push(done) }, async (c) => {
      await new Promise((r) => setTimeout(r, 5));
      order.push(`done ${c.chunk}`);
    });
    expect(order).toEqual(["done 0", "done 1", "done 2", "done 3"]);
    expect(progress).toEqual([2500, 5000, 7500, 9000]);
  });

  it("rejects bad options before any work, naming the field", async () => {
    await expect(generateStream(spec, { ...options, chunkSize: 0 }, () => {})).rejects.toThrow(/chunk-size/);
  });
});
