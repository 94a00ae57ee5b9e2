/**
 * The in-process integration engine: VEGAS/multichannel warm-up, production chunks on a frozen
 * grid, and the merge of chunk results. The worker pool (generate.ts) runs exactly `runChunk`,
 * so results do not depend on where a chunk ran.
 *
 * Estimator: for N production points with weights wₖ (pb, mean over the unit cube),
 * σ = Σwₖ/N and δσ² = (Σwₖ²/N − σ²)/(N − 1) (plain Monte-Carlo variance of the mean on the frozen
 * grid; Lepage 1978 eq. 2). Events carry wₖ/N so that Σ (event weights) = σ.
 */
import { allocateFixedEventBatch, type EventBatch } from "../core/events.js";
import { randomStream } from "../core/rng.js";
import { NeumaierSum } from "../core/sum.js";
import type { Process } from "./types.js";

/**
 * RNG stream layout of a seed: chunk k draws its points from stream k, and its accept-reject and
 * per-event choices (W charge, flavours, flight) from EVENT_STREAM_BASE + k, so that unweighting
 * or a weight floor thins the events without moving the points (σ and its error are then the same
 * with or without them); warm-up iteration i uses WARMUP_STREAM_BASE + i; the shower uses
 * shower/run.ts SHOWER_STREAM (above both ranges).
 */
export const WARMUP_STREAM_BASE = 2 ** 40;
export const EVENT_STREAM_BASE = 2 ** 42;

export interface WarmupOptions {
  seed: number;
  iterations: number;
  pointsPerIteration: number;
  /** VEGAS damping exponent α (Lepage 1978: 1 … 2; 1.5 default). */
  alpha: number;
}

export interface WarmupIteration {
  sigmaPb: number;
  sigmaErrPb: number;
  /** Channel weights after this iteration (empty without a multichannel). */
  alphas: number[];
}

export interface WarmupResult {
  iterations: WarmupIteration[];
  /** Largest weight seen in the last (frozen-grid) iteration: the declared unweighting maximum. */
  maxWeightPb: number;
}

/**
 * Adapts the process's grid and channel weights: iterations 1 … n−1 refine after accumulating; the
 * last iteration runs on the final grid and only measures σ and the maximum weight.
 */
export function warmUp(process: Process, o: WarmupOptions): WarmupResult {
  const y = new Float64Array(process.nDim);
  const iterations: WarmupIteration[] = [];
  let maxWeight = 0;
  const mc = process.multichannel;
  for (let it = 0; it < o.iterations; it++) {
    const rng = randomStream(o.seed, WARMUP_STREAM_BASE + it);
    const last = it === o.iterations - 1;
    const sw = new NeumaierSum();
    const sw2 = new NeumaierSum();
    const n = o.pointsPerIteration;
    for (let k = 0; k < n; k++) {
      rng.fillUniform(y);
      const uc = rng.uniform();
      const w = process.evaluate(y, uc);
      sw.add(w);
      sw2.add(w * w);
      if (last) {
        if (w > maxWeight) maxWeight = w;
      } else {
        const wa = w > 0 && process.adaptationFactor ? w * process.adaptationFactor() : w;
        process.grid.accumulate(wa);
        if (mc) mc.accumulate(wa, process.lastChannelDensity);
      }
    }
    const mean = sw.value / n;
    const variance = Math.max(0, (sw2.value / n - mean * mean) / (n - 1));
    if (!last) {
      process.grid.refine(o.alpha);
      if (mc && mc.channels.length > 1) mc.adapt();
    }
    iterations.push({
      sigmaPb: mean,
      sigmaErrPb: Math.sqrt(variance),
      alphas: mc ? Array.from(mc.alphas) : [],
    });
  }
  return { iterations, maxWeightPb: maxWeight };
}

export interface ChunkSpec {
  seed: number;
  chunk: number;
  /** Points in this chunk. */
  points: number;
  /** Total production points N (event weights are w/N). */
  totalPoints: number;
  /**
   * Hit-or-miss unweighting against this weight (pb, per point): the maximum (full unweighting) or
   * a floor (partial unweighting); null = weighted.
   */
  unweightMaxPb: number | null;
}

export interface ChunkResult {
  chunk: number;
  points: number;
  /** Neumaier-compensated Σw and Σw² as (sum, compensation-included value) — the plain values. */
  sumW: number;
  sumW2: number;
  /** Points with w > declared maximum (unweighting only). */
  violations: number;
  maxWeightPb: number;
  batch: EventBatch;
}

/** A batch that exposes the first `n` events of `b` (views, no copy). */
export function truncateBatch(b: EventBatch, n: number): EventBatch {
  const np = b.offsets[n]!;
  return {
    nEvents: n,
    offsets: b.offsets.subarray(0, n + 1),
    pdg: b.pdg.subarray(0, np),
    status: b.status.subarray(0, np),
    mother1: b.mother1.subarray(0, np),
    mother2: b.mother2.subarray(0, np),
    colour: b.colour.subarray(0, np),
    anticolour: b.anticolour.subarray(0, np),
    E: b.E.subarray(0, np),
    px: b.px.subarray(0, np),
    py: b.py.subarray(0, np),
    pz: b.pz.subarray(0, np),
    m: b.m.subarray(0, np),
    vx: b.vx.subarray(0, np),
    vy: b.vy.subarray(0, np),
    vz: b.vz.subarray(0, np),
    weight: b.weight.subarray(0, n),
    processId: b.processId.subarray(0, n),
    scale: b.scale.subarray(0, n),
    alphaS: b.alphaS.subarray(0, n),
    x1: b.x1.subarray(0, n),
    x2: b.x2.subarray(0, n),
    id1: b.id1.subarray(0, n),
    id2: b.id2.subarray(0, n),
  };
}

/**
 * Runs production chunk `chunk` on the (frozen) grid of `process`: points from randomStream(seed,
 * chunk), accept-reject and per-event choices from randomStream(seed, EVENT_STREAM_BASE + chunk).
 * Weighted mode keeps every point with w ≠ 0 (weight w/N); unweighted mode accepts a point with
 * probability min(1, w/wMax) and gives it weight max(w, wMax)/N, so Σ weights stays an unbiased σ
 * (points above wMax are kept with their own weight and counted as violations). With wMax a floor
 * well below the maximum (generate's `weightFloor`) the same rule is partial unweighting.
 */
export function runChunk(process: Process, c: ChunkSpec): ChunkResult {
  const rng = randomStream(c.seed, c.chunk);
  const eventRng = randomStream(c.seed, EVENT_STREAM_BASE + c.chunk);
  const y = new Float64Array(process.nDim);
  const batch = allocateFixedEventBatch(c.points, process.nParticles);
  const sw = new NeumaierSum();
  const sw2 = new NeumaierSum();
  const invN = 1 / c.totalPoints;
  let nEv = 0;
  let violations = 0;
  let maxW = 0;
  const wMax = c.unweightMaxPb;
  for (let k = 0; k < c.points; k++) {
    rng.fillUniform(y);
    const uc = rng.uniform();
    const w = process.evaluate(y, uc);
    sw.add(w);
    sw2.add(w * w);
    if (w > maxW) maxW = w;
    if (w === 0) continue;
    if (wMax === null) {
      process.writeEvent(batch, nEv, w * invN, eventRng);
      nEv++;
    } else {
      if (w > wMax) violations++;
      if (eventRng.uniform() * wMax < w) {
        process.writeEvent(batch, nEv, Math.max(w, wMax) * invN, eventRng);
        nEv++;
      }
    }
  }
  return {
    chunk: c.chunk,
    points: c.points,
    sumW: sw.value,
    sumW2: sw2.value,
    violations,
    maxWeightPb: maxW,
    batch: truncateBatch(batch, nEv),
  };
}

export interface MergedResult {
  sigmaPb: number;
  sigmaErrPb: number;
  points: number;
  violations: number;
  maxWeightPb: number;
}

/** Combines chunk results in chunk order (compensated sums), independent of who computed them. */
export function mergeChunks(results: readonly Omit<ChunkResult, "batch">[]): MergedResult {
  const sorted = [...results].sort((a, b) => a.chunk - b.chunk);
  const sw = new NeumaierSum();
  const sw2 = new NeumaierSum();
  let n = 0;
  let violations = 0;
  let maxW = 0;
  for (const r of sorted) {
    sw.add(r.sumW);
    sw2.add(r.sumW2);
    n += r.points;
    violations += r.violations;
    if (r.maxWeightPb > maxW) maxW = r.maxWeightPb;
  }
  const mean = n > 0 ? sw.value / n : 0;
  const variance = n > 1 ? Math.max(0, (sw2.value / n - mean * mean) / (n - 1)) : 0;
  return { sigmaPb: mean, sigmaErrPb: Math.sqrt(variance), points: n, violations, maxWeightPb: maxW };
}
