/**
 * Event samples for a scan: generated once (optionally showered), stored in the content-addressed
 * cache as native event directories, and read back on reruns. The cache key holds everything that
 * determines the events (process spec, statistics, seed, shower settings, package version).
 */
import type { EventBatch, EventBatchInfo } from "../core/events.js";
import { type GenerateResult, generate } from "../generate/generate.js";
import { readEventBatchDir, writeEventBatchDir } from "../generate/output.js";
import type { ProcessSpec } from "../generate/processes.js";
import { showerGenerated } from "../shower/index.js";
import type { ContentCache } from "./cache.js";

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

export interface Sample {
  label: string;
  group: ProcessGroup;
  batch: EventBatch;
  info: EventBatchInfo;
  /** Cache directory holding the events. */
  dir: string;
  /** Whether this run generated it (false: read from the cache). */
  generated: boolean;
  seconds: number;
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

/** Generates (or reads from the cache) one sample, keeping its events in the cache. */
export async function obtainSample(
  req: SampleRequest,
  cache: ContentCache,
  version: string,
): Promise<Sample> {
  const t0 = performance.now();
  let generated = false;
  const dir = await cache.getOrCreate(sampleKey(req, version), async (tmp) => {
    generated = true;
    const { batch, info } = await generateSample(req);
    await writeEventBatchDir(tmp, batch, info);
  });
  const { batch, info } = await readEventBatchDir(dir);
  return {
    label: req.label,
    group: req.group,
    batch,
    info,
    dir,
    generated,
    seconds: (performance.now() - t0) / 1000,
  };
}
