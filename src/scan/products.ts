/**
 * The cached products of a scan — per sample its yields under every card, the Figs. 3–4 rows and σ;
 * the events themselves are analysed and dropped — computed identically in the main thread and in
 * the product workers (productWorker.ts), which fill the content-addressed cache in parallel.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PAPER_SELECTION } from "../analysis/cuts.js";
import { LazyEventHT } from "../analysis/deferredHT.js";
import { splitZDFlight } from "../analysis/pipeline.js";
import { copiesUnderCap, type EventBatch, repeatEvents } from "../core/events.js";
import type { DetectorCard } from "../detector/card.js";
import { type GenerateOptions, generateStream } from "../generate/generate.js";
import type { DecayLeptonChoice, ProcessSpec } from "../generate/processes.js";
import { writeFileAtomic } from "../io/atomic.js";
import { type DistributionRow, distributionTable, fig34SampleSets } from "../plot/distributions.js";
import { SHOWER_STREAM, showerGeneratedDeferred } from "../shower/run.js";
import type { ContentCache } from "./cache.js";
import { BAND_CARDS, type BandCard } from "./limits.js";
import { type BackgroundStream, SIGNAL_REFERENCE } from "./processes.js";
import { generateSample, type SampleRequest, sampleKey } from "./samples.js";
import {
  addCardYields,
  type CardYields,
  type CardYieldsJson,
  cardYieldsFromJson,
  cardYieldsOf,
  cardYieldsToJson,
} from "./yields.js";

/**
 * The signal spec of one point at the reference couplings (paper Sec. IV benchmark couplings); Z_D
 * decays to both lepton flavours unless `decayLepton` says otherwise.
 */
export function signalSpec(
  p: { mN: number; mZD: number; decayLepton?: DecayLeptonChoice },
  sqrtS: number,
): ProcessSpec {
  return {
    kind: "signal",
    charge: "both",
    lepton: "mu",
    decayLepton: p.decayLepton ?? "both",
    mN: p.mN,
    mZD: p.mZD,
    U2: SIGNAL_REFERENCE.u2Ref,
    alphaEps2: SIGNAL_REFERENCE.alphaEps2Ref,
    gD: SIGNAL_REFERENCE.gD,
    nature: "dirac",
    sqrtS,
    scale: { kind: "dynamic" },
    ewInputs: "default",
    mHatMinGeV: 10,
  };
}

/** Figs. 3–4 rows of one signal sample: its series label and the |U|² of each figure (paper). */
export interface SignalFig34 {
  label: string;
  fig3U2: number;
  fig4U2: number;
}

/** What a scan keeps of one signal sample. */
export interface SignalProducts {
  /** Yields under every band card at the reference couplings. */
  yields: Partial<Record<BandCard, CardYields>>;
  /** Yields under the paper card with the Z_D flight scaled by each of `flightScales` (αε² variants). */
  flightYields: Partial<Record<BandCard, CardYields>>[];
  /** Figs. 3–4 rows at the figures' |U|², when asked for. */
  fig34: Fig34Rows | null;
  sigmaPb: number;
  sigmaErrPb: number;
  brZDToLeptons: number;
  ctauZDMm: number;
  generated: boolean;
}

/** Where `signalProducts` splits the Z_D flight: the paper's prompt boundary (1 mm, Sec. IV). */
const PROMPT_SPLIT_MM = PAPER_SELECTION.promptMaxMm;

/**
 * Products of one signal sample: generated and showered, analysed under every card, with the Z_D
 * flight rescaled for each αε² variant (L ∝ cτ ∝ 1/(αε²), paper eq. 8), and for Figs. 3–4 — and
 * dropped. Only the products are cached (a showered signal sample is ≈ 0.2 GB on disk). Every
 * analysis runs on the two flight pieces of each event (`splitZDFlight` at 1 mm), so that the prompt
 * yields of a long-lived Z_D rest on all generated events.
 */
export async function signalProducts(
  req: SampleRequest,
  flightScales: readonly number[],
  fig34: SignalFig34 | null,
  cards: Record<BandCard, DetectorCard>,
  cache: ContentCache,
  version: string,
  seed: number,
): Promise<SignalProducts> {
  let generated = false;
  const key = {
    what: "signal-products",
    sample: sampleKey(req, version),
    cards: BAND_CARDS,
    flightScales,
    fig34,
    fig34Lumi: FIG34_LUMI,
    seed,
  };
  const dir = await cache.getOrCreate(key, async (tmp) => {
    generated = true;
    const { batch, info } = await generateSample(req);
    const ctauZDMm = typeof info.meta.ctauZDMm === "number" ? info.meta.ctauZDMm : Number.NaN;
    // Each event twice, its Z_D decaying before and after the prompt boundary, with the weights of
    // the two sides (pipeline.ts `splitZDFlight`): the prompt selection sees every event, not only
    // the few percent whose light Z_D decays within 1 mm.
    const pieces = (f: number) => {
      const { near, far } = splitZDFlight(batch, ctauZDMm, f, PROMPT_SPLIT_MM);
      return [near, far];
    };
    const yieldsOf = (flightPieces: readonly EventBatch[], names: readonly BandCard[]) => {
      const y: Record<string, CardYields> = {};
      for (const piece of flightPieces) addCardYields(y, cardYieldsOf(piece, cards, names, seed));
      return cardYieldsToJson(y);
    };
    const nominal = pieces(1);
    const products: StoredSignalProducts = {
      yields: yieldsOf(nominal, BAND_CARDS),
      flightYields: flightScales.map((f) => yieldsOf(pieces(f), ["paper"])),
      fig34: null,
      sigmaPb: info.sigmaPb,
      sigmaErrPb: info.sigmaErrPb,
      brZDToLeptons: typeof info.meta.brZDToLeptons === "number" ? info.meta.brZDToLeptons : Number.NaN,
      ctauZDMm,
    };
    if (fig34) {
      // One detector pass per piece, the two selections, each scaled to its figure's mixing.
      const raw = nominal.map((b) => ({ label: fig34.label, group: "signal" as const, batch: b, info }));
      const sets = await fig34SampleSets(raw, { selections: ["prompt-baseline", "prompt-sr"], seed });
      const table = (selection: "prompt-baseline" | "prompt-sr", u2: number) =>
        distributionTable(
          sets[selection].map((d) => ({ ...d, scale: u2 / SIGNAL_REFERENCE.u2Ref })),
          FIG34_LUMI,
        );
      products.fig34 = {
        fig3: table("prompt-baseline", fig34.fig3U2),
        fig4: table("prompt-sr", fig34.fig4U2),
      };
    }
    // NaN is not JSON: the two model numbers are written as null when absent.
    await writeFileAtomic(join(tmp, "products.json"), JSON.stringify(products));
  });
  const stored = JSON.parse(readFileSync(join(dir, "products.json"), "utf8")) as StoredSignalProducts;
  return {
    yields: cardYieldsFromJson(stored.yields),
    flightYields: stored.flightYields.map(cardYieldsFromJson),
    fig34: stored.fig34,
    sigmaPb: stored.sigmaPb,
    sigmaErrPb: stored.sigmaErrPb,
    brZDToLeptons: stored.brZDToLeptons ?? Number.NaN,
    ctauZDMm: stored.ctauZDMm ?? Number.NaN,
    generated,
  };
}

/** `SignalProducts` as cached (yields as JSON). */
interface StoredSignalProducts {
  yields: CardYieldsJson;
  flightYields: CardYieldsJson[];
  fig34: Fig34Rows | null;
  sigmaPb: number;
  sigmaErrPb: number;
  brZDToLeptons: number | null;
  ctauZDMm: number | null;
}

/**
 * RNG streams of chunk c of a background run, all of the run's own seed: points c and accept-reject
 * 2⁴² + c (generate/engine.ts), warm-up 2⁴⁰ + iteration, shower SHOWER_STREAM (2⁴³) + c, and the
 * detector passes DETECTOR_STREAM_BASE + 16 c + card index (Figs. 3–4: + 15).
 */
const DETECTOR_STREAM_BASE = 2 ** 44;
const DETECTOR_STREAMS_PER_CHUNK = 16;
const FIG34_DETECTOR_STREAM = 15;
if (BAND_CARDS.length >= FIG34_DETECTOR_STREAM) {
  throw new Error(`${BAND_CARDS.length} band cards: the detector streams of a chunk hold at most 15`);
}

/** The RNG streams of chunk `chunk` of a background run (see above). */
export function chunkStreams(chunk: number): { shower: number; detector: number; fig34: number } {
  const detector = DETECTOR_STREAM_BASE + DETECTOR_STREAMS_PER_CHUNK * chunk;
  return { shower: SHOWER_STREAM + chunk, detector, fig34: detector + FIG34_DETECTOR_STREAM };
}

/**
 * Analysis products of one background run (processes.ts `BackgroundStream`): one warm-up, then
 * chunk by chunk generated, showered with hadrons on demand, analysed under every card and for
 * Figs. 3–4, and dropped — only the yields, the figure rows and σ are cached (the events of the
 * large background runs would fill memory and disk).
 */
export async function backgroundProducts(
  run: BackgroundStream,
  cards: Record<BandCard, DetectorCard>,
  cache: ContentCache,
  version: string,
): Promise<{
  yields: Partial<Record<BandCard, CardYields>>;
  fig34: Fig34Rows;
  sigmaPb: number;
  sigmaErrPb: number;
  generated: boolean;
}> {
  let generated = false;
  const key = { what: "background-products", version, run, cards: BAND_CARDS, fig34Lumi: FIG34_LUMI };
  const dir = await cache.getOrCreate(key, async (tmp) => {
    generated = true;
    const yields: Record<string, CardYields> = {};
    const fig3 = new Map<string, DistributionRow>();
    const fig4 = new Map<string, DistributionRow>();
    const result = await generateStream(
      run.spec,
      generationOptions(run),
      async ({ chunk, batch: generatedBatch, info, meanWeightPb }) => {
        // Heavy events showered several times at a share of their weight each (`ShowerCopies`).
        const { batch: hard, source } =
          run.showerCopies && meanWeightPb > 0
            ? repeatEvents(
                generatedBatch,
                copiesUnderCap(
                  generatedBatch.weight,
                  run.showerCopies.capMeanWeights * meanWeightPb,
                  run.showerCopies.maxCopies,
                ),
              )
            : { batch: generatedBatch, source: undefined };
        let batch = hard;
        let lazyHT: LazyEventHT | undefined;
        const streams = chunkStreams(chunk);
        if (run.shower) {
          // Hadrons only for the events some selection keeps on its other cuts (same yields as the
          // eager shower's: docs/shower.md "Hadronisation streams").
          const { deferred, shower } = showerGeneratedDeferred(hard, info, run.seed, {}, streams.shower);
          batch = deferred.batch;
          lazyHT = new LazyEventHT(batch.nEvents, (e) => shower.hadronsOf(deferred, e));
        }
        addCardYields(
          yields,
          cardYieldsOf(batch, cards, BAND_CARDS, run.seed, lazyHT, streams.detector, source),
        );
        const raw = [
          {
            label: run.process,
            group: run.group,
            batch,
            info,
            ...(lazyHT ? { lazyHT } : {}),
            ...(source ? { source } : {}),
          },
        ];
        const sets = await fig34SampleSets(raw, {
          selections: ["prompt-baseline", "prompt-sr"],
          seed: run.seed,
          stream: streams.fig34,
        });
        accumulateRows(fig3, distributionTable(sets["prompt-baseline"], FIG34_LUMI));
        accumulateRows(fig4, distributionTable(sets["prompt-sr"], FIG34_LUMI));
      },
    );
    await writeFileAtomic(join(tmp, "yields.json"), JSON.stringify(cardYieldsToJson(yields)));
    const fig34: Fig34Rows = { fig3: [...fig3.values()], fig4: [...fig4.values()] };
    await writeFileAtomic(join(tmp, "fig34.json"), JSON.stringify(fig34));
    const summary: BackgroundRunSummary = {
      sigmaPb: result.sigmaPb,
      sigmaErrPb: result.sigmaErrPb,
      points: result.points,
      nEvents: result.nEvents,
      weightFloor: result.weightFloor,
    };
    await writeFileAtomic(join(tmp, "info.json"), JSON.stringify(summary));
  });
  const read = <T>(f: string) => JSON.parse(readFileSync(join(dir, f), "utf8")) as T;
  const summary = read<BackgroundRunSummary>("info.json");
  return {
    yields: cardYieldsFromJson(read<CardYieldsJson>("yields.json")),
    fig34: read<Fig34Rows>("fig34.json"),
    sigmaPb: summary.sigmaPb,
    sigmaErrPb: summary.sigmaErrPb,
    generated,
  };
}

/** The generator settings of a background run (`generateStream`'s options). */
export function generationOptions(run: BackgroundStream): Omit<GenerateOptions, "workers"> {
  return {
    nEvents: run.points,
    seed: run.seed,
    chunkSize: run.chunkPoints,
    warmupIterations: run.warmup.iterations,
    warmupPoints: run.warmup.points,
    vegasAlpha: run.warmup.alpha,
    weightFloor: run.weightFloor,
    kFactor: run.kFactor,
  };
}

/** What a background run leaves beside its yields: σ (k-normalised) and its event bookkeeping. */
interface BackgroundRunSummary {
  sigmaPb: number;
  sigmaErrPb: number;
  points: number;
  nEvents: number;
  weightFloor: { floorPb: number; keptFraction: number } | null;
}

/** Luminosity of Figs. 3–4 (paper: 150 fb⁻¹). */
export const FIG34_LUMI = 150;

export interface Fig34Rows {
  fig3: DistributionRow[];
  fig4: DistributionRow[];
}

/** Adds `rows` into `acc` (bins keyed by panel, series and edges; errors in quadrature). */
export function accumulateRows(acc: Map<string, DistributionRow>, rows: readonly DistributionRow[]): void {
  for (const r of rows) {
    const key = `${r.panel}|${r.series}|${r.lo}|${r.hi}`;
    const a = acc.get(key);
    if (a) {
      a.events += r.events;
      a.eventsErr = Math.hypot(a.eventsErr, r.eventsErr);
    } else acc.set(key, { ...r });
  }
}
