/**
 * One call for the generate command (`dnreach generate … --shower on`): showers a generated batch
 * with the PDF set and collider energy recorded in its info block, on a dedicated RNG stream, and
 * returns the JSON summary the CLI prints (`bosonPtGeV: {mean, median}`, H_T < 30 GeV fraction,
 * shower statistics).
 */
import type { EventBatch, EventBatchInfo } from "../core/events.js";
import { randomStream } from "../core/rng.js";
import { loadPdfSet } from "../pdf/index.js";
import { bosonPtSummary, chargedHt, PAPER_HT_CUTS } from "./observables.js";
import type { ShowerOptions } from "./settings.js";
import { type DeferredShower, Shower, type ShowerStats } from "./showerBatch.js";

/**
 * RNG stream index used by the shower for seed s, so `--shower on` does not change the hard
 * events: above the generator's chunk (0, 1, 2 …), warm-up (2⁴⁰ + iteration) and event
 * (2⁴² + chunk) streams (generate/engine.ts). Until this version it was 2⁴⁰, the first warm-up
 * iteration's stream.
 */
export const SHOWER_STREAM = 2 ** 43;

export interface ShowerRunResult {
  batch: EventBatch;
  stats: ShowerStats;
  /** Weighted mean and median of the W/Z (hard colour-singlet system) transverse momentum. */
  bosonPtGeV: { mean: number; median: number };
  /** Weighted fraction of events with charged H_T < 30 GeV (paper Sec. V A), htScale applied. */
  htBelow30Fraction: number;
}

/** The shower for a generated batch: PDF set from `info.meta.pdfSet` (else the default), √s from the beams. */
function showerFor(info: EventBatchInfo, options: Partial<ShowerOptions>): Shower {
  const pdfName = typeof info.meta.pdfSet === "string" ? info.meta.pdfSet : undefined;
  return new Shower(loadPdfSet(pdfName), {
    sqrtSGeV: info.beamEnergyGeV[0] + info.beamEnergyGeV[1],
    ...options,
  });
}

/** A generated batch showered with its hadronisation deferred (see `Shower.runDeferred`). */
export interface DeferredShowerRun {
  deferred: DeferredShower;
  /** The shower that made it: `shower.hadronsOf(deferred, e)` gives event e's hadrons. */
  shower: Shower;
}

/**
 * `showerGenerated` without the hadrons: the same events (same seed, same stream, same random
 * numbers) with the final partons left unhadronised, for an analysis that computes charged H_T
 * only where its other cuts pass (analysis/deferredHT.ts). `stream` (default SHOWER_STREAM) lets
 * the chunks of one run shower on streams of their own (SHOWER_STREAM + chunk).
 */
export function showerGeneratedDeferred(
  batch: EventBatch,
  info: EventBatchInfo,
  seed: number,
  options: Partial<ShowerOptions> = {},
  stream = SHOWER_STREAM,
): DeferredShowerRun {
  const shower = showerFor(info, options);
  return { deferred: shower.runDeferred(batch, randomStream(seed, stream)), shower };
}

/** Showers a generated batch; PDF set from `info.meta.pdfSet` (else the default), √s from the beams. */
export function showerGenerated(
  batch: EventBatch,
  info: EventBatchInfo,
  seed: number,
  options: Partial<ShowerOptions> = {},
): ShowerRunResult {
  const shower = showerFor(info, options);
  const out = shower.run(batch, randomStream(seed, SHOWER_STREAM));
  const cuts = { ...PAPER_HT_CUTS, htScale: shower.options.htScale };
  let sw = 0;
  let pass = 0;
  for (let e = 0; e < out.nEvents; e++) {
    const w = Math.max(out.weight[e]!, 0);
    sw += w;
    if (chargedHt(out, e, cuts) < 30) pass += w;
  }
  return {
    batch: out,
    stats: shower.stats,
    bosonPtGeV: bosonPtSummary(out),
    htBelow30Fraction: sw > 0 ? pass / sw : 0,
  };
}
