/**
 * Signal event samples of a scan: the request that determines a sample's events (process spec,
 * statistics, seed, shower), its cache key, and the generation (optionally showered). The scan
 * caches what it derives from a sample (products.ts), not the events.
 */
import type { EventBatch, EventBatchInfo } from "../core/events.js";
import { type GenerateResult, generate } from "../generate/generate.js";
import type { ProcessSpec } from "../generate/processes.js";
import { showerGenerated } from "../shower/index.js";

/** How a sample's cross section scales between scenarios (data/scenarios/*.yaml). */
export type ProcessGroup = "W" | "Z" | "top" | "signal";

export interface SampleRequest {
  /** Short unique label, e.g. "wgamma-mu-e" or "signal-0.3-0.1". */
  label: string;
  group: ProcessGroup;
  spec: ProcessSpec;
  nEvents: number;
  seed: number;
  shower: boolean;
  /** Normalisation to higher order (src/generate/kfactors.ts and the background k-factors). */
  kFactor: number;
  workers?: number;
}

/** Settings that determine a sample's events (the cache key). */
export function sampleKey(req: SampleRequest, version: string): unknown {
  return {
    what: "sample",
    version,
    spec: req.spec,
    nEvents: req.nEvents,
    seed: req.seed,
    shower: req.shower,
    // σ and the weights are k-normalised: a k-factor change must not reuse the old products.
    kFactor: req.kFactor,
  };
}

/** The hard events of a sample, with the sample's label, group and shower flag in the info block. */
async function generateHard(req: SampleRequest): Promise<{ batch: EventBatch; info: EventBatchInfo }> {
  const result: GenerateResult = await generate(req.spec, {
    nEvents: req.nEvents,
    seed: req.seed,
    kFactor: req.kFactor,
    ...(req.workers !== undefined ? { workers: req.workers } : {}),
  });
  const info: EventBatchInfo = {
    ...result.info,
    meta: { ...result.info.meta, label: req.label, group: req.group, shower: req.shower },
  };
  return { batch: result.batch, info };
}

/** Generates one sample (and showers it when asked), without touching the cache. */
export async function generateSample(
  req: SampleRequest,
): Promise<{ batch: EventBatch; info: EventBatchInfo }> {
  const { batch, info } = await generateHard(req);
  // The shower takes the PDF set and √s from the batch info and its own RNG stream of the seed,
  // exactly as `dnreach generate --shower on` does (src/shower/run.ts).
  return { batch: req.shower ? showerGenerated(batch, info, req.seed).batch : batch, info };
}
