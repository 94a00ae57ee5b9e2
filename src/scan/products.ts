/**
 * The cached products of a scan — event samples, their per-card yields, the background
 * distributions of Figs. 3–4 — computed identically in the main thread and in the product workers
 * (productWorker.ts), which fill the content-addressed cache in parallel.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rescaleZDFlight } from "../analysis/pipeline.js";
import type { DetectorCard } from "../detector/card.js";
import type { DecayLeptonChoice, ProcessSpec } from "../generate/processes.js";
import { writeFileAtomic } from "../io/atomic.js";
import { type DistributionRow, distributionTable, fig34SampleSets } from "../plot/distributions.js";
import type { ContentCache } from "./cache.js";
import { BAND_CARDS, type BandCard } from "./limits.js";
import { SIGNAL_REFERENCE } from "./processes.js";
import { generateSampleDeferred, type Sample, type SampleRequest, sampleKey } from "./samples.js";
import {
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

/** Yields of a sample under the named cards, cached as JSON (keyed by the sample's cache entry). */
export async function cardYields(
  sample: Sample,
  cards: Record<BandCard, DetectorCard>,
  cardNames: readonly BandCard[],
  cache: ContentCache,
  version: string,
  seed: number,
  flightScale = 1,
): Promise<Partial<Record<BandCard, CardYields>>> {
  const key = { what: "yields", version, sample: sample.dir, cards: cardNames, seed, flightScale };
  const dir = await cache.getOrCreate(key, async (tmp) => {
    const batch = flightScale === 1 ? sample.batch : rescaleZDFlight(sample.batch, flightScale);
    const y = cardYieldsOf(batch, cards, cardNames, seed);
    await writeFileAtomic(join(tmp, "yields.json"), JSON.stringify(cardYieldsToJson(y)));
  });
  return cardYieldsFromJson(JSON.parse(readFileSync(join(dir, "yields.json"), "utf8")) as CardYieldsJson);
}

/**
 * Analysis products of one background part: generated, analysed under every card, and dropped —
 * only the yields are cached (the events of large background samples would fill the disk).
 */
export async function backgroundProducts(
  req: SampleRequest,
  cards: Record<BandCard, DetectorCard>,
  cache: ContentCache,
  version: string,
  seed: number,
): Promise<{
  yields: Partial<Record<BandCard, CardYields>>;
  fig34: Fig34Rows;
  sigmaPb: number;
  generated: boolean;
}> {
  let generated = false;
  const key = {
    what: "background-products",
    sample: sampleKey(req, version),
    cards: BAND_CARDS,
    seed,
    fig34Lumi: FIG34_LUMI,
  };
  const dir = await cache.getOrCreate(key, async (tmp) => {
    generated = true;
    // Hadrons only for the events some selection keeps on its other cuts (same yields as the eager
    // shower's, a fraction of its cost and memory: docs/shower.md "Hadronisation streams").
    const { batch, info, lazyHT } = await generateSampleDeferred(req);
    const y = cardYieldsOf(batch, cards, BAND_CARDS, seed, lazyHT);
    await writeFileAtomic(join(tmp, "yields.json"), JSON.stringify(cardYieldsToJson(y)));
    await writeFileAtomic(join(tmp, "info.json"), JSON.stringify(info));
    const raw = [{ label: req.label, group: req.group, batch, info, ...(lazyHT ? { lazyHT } : {}) }];
    const sets = await fig34SampleSets(raw, { selections: ["prompt-baseline", "prompt-sr"], seed });
    const fig34: Fig34Rows = {
      fig3: distributionTable(sets["prompt-baseline"], FIG34_LUMI),
      fig4: distributionTable(sets["prompt-sr"], FIG34_LUMI),
    };
    await writeFileAtomic(join(tmp, "fig34.json"), JSON.stringify(fig34));
  });
  const read = <T>(f: string) => JSON.parse(readFileSync(join(dir, f), "utf8")) as T;
  return {
    yields: cardYieldsFromJson(read<CardYieldsJson>("yields.json")),
    fig34: read<Fig34Rows>("fig34.json"),
    sigmaPb: read<{ sigmaPb: number }>("info.json").sigmaPb,
    generated,
  };
}

/** Luminosity of Figs. 3–4 (paper: 150 fb⁻¹). */
export const FIG34_LUMI = 150;

export interface Fig34Rows {
  fig3: DistributionRow[];
  fig4: DistributionRow[];
}

/** Adds `rows` scaled by `f` into `acc` (bins keyed by panel, series and edges; errors in quadrature). */
export function accumulateRows(
  acc: Map<string, DistributionRow>,
  rows: readonly DistributionRow[],
  f: number,
): void {
  for (const r of rows) {
    const key = `${r.panel}|${r.series}|${r.lo}|${r.hi}`;
    const a = acc.get(key);
    if (a) {
      a.events += r.events * f;
      a.eventsErr = Math.hypot(a.eventsErr, r.eventsErr * f);
    } else acc.set(key, { ...r, events: r.events * f, eventsErr: r.eventsErr * f });
  }
}
