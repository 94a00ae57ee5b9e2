/**
 * The generator driver: σ with its MC error and a batch of weighted (or unweighted) events.
 *
 * 1. Warm-up, in the calling thread, on reserved RNG streams: VEGAS grid and channel weights adapt
 *    (engine.ts `warmUp`), then both are frozen.
 * 2. Production: N points split into fixed-size chunks; chunk k uses randomStream(seed, k) for its
 *    points (and stream EVENT_STREAM_BASE + k for accept-reject and per-event choices) and the
 *    frozen grid, wherever it runs (a worker_threads pool of `workers` threads, or in-process for
 *    `workers: 0`). Chunk results are merged in chunk order with compensated sums, so σ, δσ and the
 *    event batch are identical for any number of workers.
 * 3. The k-factor multiplies σ and the event weights (Σ weights = k σ_LO); σ_LO is reported too.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { checkRange, InputError } from "../core/errors.js";
import { concatEventBatches, type EventBatch, type EventBatchInfo } from "../core/events.js";
import {
  type ChunkResult,
  type ChunkSpec,
  type MergedResult,
  mergeChunks,
  runChunk,
  type WarmupResult,
  warmUp,
} from "./engine.js";
import { buildProcess, type ProcessInfo, type ProcessSpec } from "./processes.js";
import type { Process } from "./types.js";
import type { WorkerInit, WorkerMessage, WorkerReply } from "./worker.js";

export interface GenerateOptions {
  /** Production phase-space points (= events in weighted mode, minus the rare zero-weight points). */
  nEvents: number;
  seed: number;
  /** Worker threads (default os.availableParallelism()); 0 runs the chunks in this thread. */
  workers?: number;
  /** Warm-up iterations (default 5; the last one only measures) and points per iteration. */
  warmupIterations?: number;
  warmupPoints?: number;
  /** Points per production chunk (default 10 000); part of the reproducibility key with the seed. */
  chunkSize?: number;
  /** VEGAS damping α (default 1.5). */
  vegasAlpha?: number;
  /** Hit-or-miss unweighting against the warm-up's maximum weight. */
  unweight?: boolean;
  /**
   * Partial unweighting (default 0, off): a point lighter than `weightFloor` × σ (σ from the
   * warm-up, i.e. its mean weight per point) is kept with probability w/(weightFloor σ) at weight
   * weightFloor σ; heavier points keep their weight. Σ weights stays an unbiased σ, and the many
   * light events of a weighted sample — which cost a shower and a detector pass each but carry
   * little of σ — become a few events of weight weightFloor σ (docs/backgrounds.md, "Cheaper events").
   * Not with `unweight`.
   */
  weightFloor?: number;
  /** Multiplies σ and the weights (default 1). */
  kFactor?: number;
  /** Called after every finished chunk with (points done, total points). */
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  /** k σ_LO and its MC error (pb). */
  sigmaPb: number;
  sigmaErrPb: number;
  /** σ_LO and its MC error (pb). */
  sigmaLOPb: number;
  sigmaLOErrPb: number;
  kFactor: number;
  /**
   * Signal only: σ(pp → ℓ N_D) before BR(N_D → ν Z_D) BR(Z_D → ℓ′ℓ′), i.e. σ divided by those
   * branching ratios (k-normalised and LO).
   */
  sigmaProductionPb?: number;
  sigmaProductionLOPb?: number;
  nEvents: number;
  points: number;
  batch: EventBatch;
  info: EventBatchInfo;
  processInfo: ProcessInfo;
  warmup: WarmupResult;
  /** Unweighting statistics (STYLE 17), null for weighted generation. */
  unweighting: { maxWeightPb: number; violations: number; acceptedFraction: number } | null;
  /** Partial unweighting (`weightFloor`): the floor weight per point and the fraction of points kept. */
  weightFloor: { floorPb: number; keptFraction: number } | null;
}

interface ResolvedOptions {
  nEvents: number;
  seed: number;
  workers: number;
  warmupIterations: number;
  warmupPoints: number;
  chunkSize: number;
  vegasAlpha: number;
  unweight: boolean;
  weightFloor: number;
  kFactor: number;
}

function resolveOptions(o: GenerateOptions): ResolvedOptions {
  const int = (field: string, v: number, min: number, max: number): number => {
    if (!Number.isSafeInteger(v) || v < min || v > max) {
      throw new InputError(field, `an integer in [${min}, ${max}]`, v);
    }
    return v;
  };
  const r: ResolvedOptions = {
    nEvents: int("n", o.nEvents, 1, 1e9),
    seed: int("seed", o.seed, 0, Number.MAX_SAFE_INTEGER),
    workers: int("workers", o.workers ?? availableParallelism(), 0, 1024),
    warmupIterations: int("warmup-iterations", o.warmupIterations ?? 5, 1, 100),
    warmupPoints: int("warmup-points", o.warmupPoints ?? 10000, 100, 1e8),
    chunkSize: int("chunk-size", o.chunkSize ?? 10000, 1, 1e8),
    vegasAlpha: checkRange("vegas-alpha", o.vegasAlpha ?? 1.5, { min: 0, max: 5 }),
    unweight: o.unweight ?? false,
    weightFloor: checkRange("weight-floor", o.weightFloor ?? 0, { min: 0, max: 100 }),
    kFactor: checkRange("k-factor", o.kFactor ?? 1, { min: 0, minExclusive: true, max: 100 }),
  };
  if (r.unweight && r.weightFloor > 0) {
    throw new InputError(
      "weight-floor",
      "0 when unweighting (every unweighted event has one weight)",
      r.weightFloor,
    );
  }
  return r;
}

/** A run after its warm-up: the process with frozen grid and channel weights, and its chunk list. */
interface PreparedRun {
  process: Process;
  processInfo: ProcessInfo;
  warmup: WarmupResult;
  /** Partial unweighting (`weightFloor`): the floor per point, or null when off. */
  floorPb: number | null;
  /** The accept-reject threshold of every chunk: the maximum, the floor, or null (weighted). */
  unweightMaxPb: number | null;
  chunks: ChunkSpec[];
}

/** Warms `process` up (VEGAS grid and channel weights, then frozen) and lists the production chunks. */
function prepareRun(process: Process, processInfo: ProcessInfo, o: ResolvedOptions): PreparedRun {
  const warmup = warmUp(process, {
    seed: o.seed,
    iterations: o.warmupIterations,
    pointsPerIteration: o.warmupPoints,
    alpha: o.vegasAlpha,
  });
  // Partial unweighting is the same accept-reject against a threshold below the maximum.
  const floor = o.weightFloor * (warmup.iterations.at(-1)?.sigmaPb ?? 0);
  const floorPb = floor > 0 ? floor : null;
  const unweightMaxPb = o.unweight ? warmup.maxWeightPb : floorPb;
  const chunks: ChunkSpec[] = [];
  const nChunks = Math.ceil(o.nEvents / o.chunkSize);
  for (let k = 0; k < nChunks; k++) {
    chunks.push({
      seed: o.seed,
      chunk: k,
      points: Math.min(o.chunkSize, o.nEvents - k * o.chunkSize),
      totalPoints: o.nEvents,
      unweightMaxPb,
    });
  }
  return { process, processInfo, warmup, floorPb, unweightMaxPb, chunks };
}

/** The info block of a run's events, with σ (LO, before the k-factor) as `sigma`. */
function runInfo(
  spec: ProcessSpec,
  o: ResolvedOptions,
  run: PreparedRun,
  sigma: { sigmaPb: number; sigmaErrPb: number; points: number },
): EventBatchInfo {
  const sqrtS = spec.kind === "camel" ? 0 : spec.sqrtS;
  return {
    processes: { [run.process.processId]: run.process.name },
    beamEnergyGeV: [sqrtS / 2, sqrtS / 2],
    beamPdg: [2212, 2212],
    sigmaPb: sigma.sigmaPb * o.kFactor,
    sigmaErrPb: sigma.sigmaErrPb * o.kFactor,
    meta: {
      generator: "dnreach generate",
      spec,
      seed: o.seed,
      points: sigma.points,
      chunkSize: o.chunkSize,
      warmupIterations: o.warmupIterations,
      warmupPoints: o.warmupPoints,
      vegasAlpha: o.vegasAlpha,
      kFactor: o.kFactor,
      sigmaLOPb: sigma.sigmaPb,
      sigmaLOErrPb: sigma.sigmaErrPb,
      unweighted: o.unweight,
      ...(run.floorPb !== null ? { weightFloorPb: run.floorPb } : {}),
      ...run.processInfo,
    },
  };
}

/** Multiplies the event weights by the k-factor (in place). */
function applyKFactor(batch: EventBatch, kFactor: number): void {
  if (kFactor !== 1) for (let e = 0; e < batch.nEvents; e++) batch.weight[e] = batch.weight[e]! * kFactor;
}

/** The result of a finished run of `nEvents` events (everything but the batch itself). */
function runResult(
  spec: ProcessSpec,
  o: ResolvedOptions,
  run: PreparedRun,
  merged: MergedResult,
  nEvents: number,
): Omit<GenerateResult, "batch"> {
  const br =
    spec.kind === "signal"
      ? (run.processInfo.brZDToLeptons ?? 1) * (run.processInfo.brNToNuZD ?? 1)
      : undefined;
  return {
    sigmaPb: merged.sigmaPb * o.kFactor,
    sigmaErrPb: merged.sigmaErrPb * o.kFactor,
    sigmaLOPb: merged.sigmaPb,
    sigmaLOErrPb: merged.sigmaErrPb,
    kFactor: o.kFactor,
    ...(br !== undefined
      ? { sigmaProductionPb: (merged.sigmaPb * o.kFactor) / br, sigmaProductionLOPb: merged.sigmaPb / br }
      : {}),
    nEvents,
    points: merged.points,
    info: runInfo(spec, o, run, merged),
    processInfo: run.processInfo,
    warmup: run.warmup,
    weightFloor:
      run.floorPb !== null ? { floorPb: run.floorPb, keptFraction: nEvents / merged.points } : null,
    unweighting:
      run.unweightMaxPb === null || !o.unweight
        ? null
        : {
            maxWeightPb: run.unweightMaxPb,
            violations: merged.violations,
            acceptedFraction: nEvents / merged.points,
          },
  };
}

/** Generates events for `spec` (see processes.ts). */
export async function generate(spec: ProcessSpec, options: GenerateOptions): Promise<GenerateResult> {
  const o = resolveOptions(options);
  const { process, info: processInfo } = buildProcess(spec);
  const nChunks = Math.ceil(o.nEvents / o.chunkSize);
  // Workers start now and build their process while this thread warms up.
  const workers = o.workers > 0 && nChunks > 1 ? startWorkers(spec, Math.min(o.workers, nChunks)) : [];
  let run: PreparedRun;
  let results: ChunkResult[];
  try {
    run = prepareRun(process, processInfo, o);
    results =
      workers.length === 0
        ? runInProcess(process, run.chunks, options.onProgress)
        : await runInWorkers(workers, process, run.chunks, options.onProgress);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  results.sort((a, b) => a.chunk - b.chunk);
  const batch = concatEventBatches(results.map((r) => r.batch));
  applyKFactor(batch, o.kFactor);
  return { ...runResult(spec, o, run, mergeChunks(results), batch.nEvents), batch };
}

/** One production chunk of `generateStream`: its events (k-factor applied) and the run's info block. */
export interface GeneratedChunk {
  /** Chunk number k (points from randomStream(seed, k)), 0 … nChunks − 1. */
  chunk: number;
  nChunks: number;
  batch: EventBatch;
  /**
   * The run's info block (PDF set, beams, settings) for the shower and the analysis. Its σ
   * (`sigmaPb`, `meta.sigmaLOPb` …) is the warm-up's frozen-grid estimate and `meta.points` is 0:
   * the production σ is known only after the last chunk, in the result of `generateStream`.
   */
  info: EventBatchInfo;
  /**
   * The mean weight per point (pb, k-factor applied): σ of the warm-up over the run's points. With
   * `weightFloor` c, the events below the floor weigh c × this, the lightest weight a chunk holds.
   */
  meanWeightPb: number;
}

/**
 * `generate` for samples too large to hold: one warm-up, then the chunks one after another in this
 * thread, each handed to `consume` (and dropped when it returns) — the same chunks, events and σ as
 * `generate` with the same options and `workers: 0`, so memory stays that of one chunk. The result
 * is `generate`'s without the batch.
 */
export async function generateStream(
  spec: ProcessSpec,
  options: Omit<GenerateOptions, "workers">,
  consume: (chunk: GeneratedChunk) => void | Promise<void>,
): Promise<Omit<GenerateResult, "batch">> {
  const o = resolveOptions({ ...options, workers: 0 });
  const { process, info: processInfo } = buildProcess(spec);
  const run = prepareRun(process, processInfo, o);
  const last = run.warmup.iterations.at(-1);
  const warmupInfo = runInfo(spec, o, run, {
    sigmaPb: last?.sigmaPb ?? 0,
    sigmaErrPb: last?.sigmaErrPb ?? 0,
    points: 0,
  });
  const meanWeightPb = ((last?.sigmaPb ?? 0) * o.kFactor) / o.nEvents;
  const results: Omit<ChunkResult, "batch">[] = [];
  let nEvents = 0;
  let done = 0;
  for (const c of run.chunks) {
    const r = runChunk(process, c);
    applyKFactor(r.batch, o.kFactor);
    nEvents += r.batch.nEvents;
    await consume({
      chunk: c.chunk,
      nChunks: run.chunks.length,
      batch: r.batch,
      info: warmupInfo,
      meanWeightPb,
    });
    const { batch: _dropped, ...sums } = r; // keep the sums, not the events
    results.push(sums);
    done += c.points;
    options.onProgress?.(done, o.nEvents);
  }
  return runResult(spec, o, run, mergeChunks(results), nEvents);
}

function runInProcess(
  process: Process,
  chunks: readonly ChunkSpec[],
  onProgress?: (done: number, total: number) => void,
): ChunkResult[] {
  const total = chunks.reduce((a, c) => a + c.points, 0);
  let done = 0;
  const out: ChunkResult[] = [];
  for (const c of chunks) {
    out.push(runChunk(process, c));
    done += c.points;
    onProgress?.(done, total);
  }
  return out;
}

/**
 * The worker script: `./worker.js` next to this module in dist/. When this module runs from the
 * TypeScript sources (vitest), the built copy in dist/ is used (the test script builds first).
 */
export function workerScriptUrl(): URL {
  const here = import.meta.url;
  const url = here.endsWith(".ts")
    ? new URL("../../dist/generate/worker.js", here)
    : new URL("./worker.js", here);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(
      `worker script ${fileURLToPath(url)} not found: run \`npm run build\` (or use workers: 0)`,
    );
  }
  return url;
}

/**
 * Starts `n` workers; each builds its process from `spec` while the caller warms up (the grid
 * follows in the first message).
 */
const earlyErrors = new WeakMap<Worker, Error>();

function startWorkers(spec: ProcessSpec, n: number): Worker[] {
  const url = workerScriptUrl();
  const init: WorkerInit = { spec };
  const workers: Worker[] = [];
  for (let i = 0; i < n; i++) {
    const w = new Worker(url, { workerData: init });
    // An error before the pool is in use must not crash the process: keep it for runInWorkers.
    w.once("error", (err) => earlyErrors.set(w, err));
    workers.push(w);
  }
  return workers;
}

async function runInWorkers(
  workers: readonly Worker[],
  process: Process,
  chunks: readonly ChunkSpec[],
  onProgress?: (done: number, total: number) => void,
): Promise<ChunkResult[]> {
  const grid: WorkerMessage = {
    kind: "grid",
    gridEdges: Array.from(process.grid.edges),
    alphas: process.multichannel ? Array.from(process.multichannel.alphas) : [],
  };
  const total = chunks.reduce((a, c) => a + c.points, 0);
  const results: ChunkResult[] = [];
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    let active = 0;
    const feed = (w: Worker): void => {
      if (next < chunks.length) {
        const msg: WorkerMessage = { kind: "chunk", chunk: chunks[next++]! };
        w.postMessage(msg);
        active++;
      }
    };
    for (const w of workers) {
      const early = earlyErrors.get(w);
      if (early) {
        reject(early);
        return;
      }
      w.on("message", (msg: WorkerReply) => {
        if (msg.kind === "error") {
          reject(new Error(`generator worker failed: ${msg.message}`));
          return;
        }
        results.push(msg.result);
        active--;
        done += msg.result.points;
        onProgress?.(done, total);
        feed(w);
        if (active === 0 && next >= chunks.length) resolve();
      });
      w.on("error", reject);
      w.postMessage(grid);
      feed(w);
    }
  });
  return results;
}
