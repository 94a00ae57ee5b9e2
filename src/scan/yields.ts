/**
 * From event samples to the inputs of the statistics layer: for each detector card, the prompt
 * signal-region m_ℓℓ spectra per channel (ee, μμ) and electron threshold, and the displaced
 * signal-region totals — all in pb (Σ weights), so each scenario scales them by its luminosity and
 * cross-section ratio. Pure apart from the seeded RNG streams of the detector.
 */

import { correlatedSquares, eventVariance } from "../analysis/copies.js";
import { type CutFlow, cutFlow } from "../analysis/cutflow.js";
import {
  displacedSignalRegionCuts,
  promptSignalRegionCuts,
  type SelectionOptions,
  selectedWeights,
  selectionOptionsFromCard,
} from "../analysis/cuts.js";
import { fillDeferredHT, type LazyEventHT } from "../analysis/deferredHT.js";
import { chargedHT, type Observables } from "../analysis/observables.js";
import { observeBatch } from "../analysis/pipeline.js";
import type { EventBatch } from "../core/events.js";
import { Histogram1D } from "../core/histogram.js";
import { randomStream } from "../core/rng.js";
import { NeumaierSum } from "../core/sum.js";
import type { DetectorCard } from "../detector/card.js";

/** Fine m_ℓℓ binning for window optimisation: log-spaced 1 MeV – 10 GeV, 0.58 % per bin. */
export const MLL_BINNING = { kind: "log", lo: 0.001, hi: 10, bins: 1600 } as const;

/** Electron pT thresholds of the paper (Table II: 5 GeV nominal, 1 GeV variant; Fig. 9). */
export const ELECTRON_THRESHOLDS_GEV = [5, 1] as const;
export type ElectronThreshold = (typeof ELECTRON_THRESHOLDS_GEV)[number];

export interface Total {
  sumW: number;
  sumW2: number;
}

/** Yields of one sample under one detector card, in pb. */
export interface CardYields {
  /** Prompt signal region: m_ℓℓ spectra keyed "ee:5", "mumu:5", "ee:1", "mumu:1". */
  prompt: Record<string, Histogram1D>;
  /** Displaced signal region (ee + μμ), keyed by electron threshold "5" or "1". */
  displaced: Record<string, Total>;
}

export function promptKey(channel: "ee" | "mumu", electronPtMinGeV: number): string {
  return `${channel}:${electronPtMinGeV}`;
}

/**
 * Weighted total of the selected weights (compensated) and its MC variance. With `source` (the
 * generated event of each batch event, when the batch holds shower copies: `repeatEvents`) the
 * entries of one generated event enter Σw² as one, (Σw)² (analysis/copies.ts).
 */
function total(w: Float64Array, obs: Observables, source?: Uint32Array): Total {
  const s = new NeumaierSum();
  let s2 = 0;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (x !== 0) {
      s.add(x);
      s2 += x * x;
    }
  }
  return { sumW: s.value, sumW2: source ? eventVariance(w, obs.event, source) : s2 };
}

/**
 * Fills `h` with the selected entries' m_ℓℓ. With `source` (as in `total`) an entry adds its share
 * of its generated event's variance to its bin's Σw² (`correlatedSquares`): the copies of one event
 * are smeared on their own and spread over neighbouring bins, so a window gets at least, and over
 * all of an event's entries exactly, that event's (Σw)² — never less, as counting the copies as
 * independent would.
 */
function fillSelected(h: Histogram1D, w: Float64Array, obs: Observables, source?: Uint32Array): void {
  const squares = source ? correlatedSquares(w, obs.event, source) : undefined;
  for (let i = 0; i < obs.n; i++) if (w[i]! !== 0) h.fill(obs.mll[i]!, w[i]!, squares?.[i]);
}

/** Reconstructs and computes observables (one detector pass) with a stream fixed by `streamIndex`. */
export function observe(
  batch: EventBatch,
  card: DetectorCard,
  seed: number,
  streamIndex: number,
  htPerEvent?: Float64Array,
): Observables {
  return observeBatch(batch, card, randomStream(seed, streamIndex), htPerEvent ? { htPerEvent } : {});
}

/** Selection options for a card and electron threshold. */
export function selectionFor(card: DetectorCard, electronPtMinGeV: number): SelectionOptions {
  return selectionOptionsFromCard(card, {
    electronPtMinGeV,
    displacedElectronPtMinGeV: Math.min(electronPtMinGeV, 5),
  });
}

/** The selections behind `yieldsFromObservables`: prompt per channel and threshold, displaced per threshold. */
function yieldSelections(
  card: DetectorCard,
): { kind: "prompt" | "displaced"; key: string; cuts: ReturnType<typeof promptSignalRegionCuts> }[] {
  const out: {
    kind: "prompt" | "displaced";
    key: string;
    cuts: ReturnType<typeof promptSignalRegionCuts>;
  }[] = [];
  for (const eMin of ELECTRON_THRESHOLDS_GEV) {
    for (const channel of ["ee", "mumu"] as const) {
      out.push({
        kind: "prompt",
        key: promptKey(channel, eMin),
        cuts: promptSignalRegionCuts({ ...selectionFor(card, eMin), channel }),
      });
    }
    out.push({
      kind: "displaced",
      key: String(eMin),
      cuts: displacedSignalRegionCuts(selectionFor(card, eMin)),
    });
  }
  return out;
}

/**
 * Yields of observables under the paper's prompt and displaced selections (pb). `source`: the
 * generated event of each event of the batch when it holds shower copies (`repeatEvents`).
 */
export function yieldsFromObservables(
  obs: Observables,
  card: DetectorCard,
  source?: Uint32Array,
): CardYields {
  const prompt: Record<string, Histogram1D> = {};
  const displaced: Record<string, Total> = {};
  for (const sel of yieldSelections(card)) {
    const w = selectedWeights(obs, sel.cuts);
    if (sel.kind === "displaced") {
      displaced[sel.key] = total(w, obs, source);
      continue;
    }
    const h = new Histogram1D(MLL_BINNING);
    fillSelected(h, w, obs, source);
    prompt[sel.key] = h;
  }
  return { prompt, displaced };
}

/** Cut flows (paper card, nominal thresholds) for the report. */
export function reportCutFlows(
  obs: Observables,
  card: DetectorCard,
  lumiInvFb: number,
): {
  prompt: CutFlow;
  displaced: CutFlow;
} {
  const sel = selectionFor(card, 5);
  return {
    prompt: cutFlow(obs, promptSignalRegionCuts(sel), { lumiInvFb }),
    displaced: cutFlow(obs, displacedSignalRegionCuts(sel), { lumiInvFb }),
  };
}

/** Serialisable form of per-card yields (histograms as edges, Σw, Σw²). */
export type CardYieldsJson = Record<
  string,
  {
    prompt: Record<string, { edges: number[]; sumW: number[]; sumW2: number[] }>;
    displaced: Record<string, Total>;
  }
>;

export function cardYieldsToJson(y: Record<string, CardYields>): CardYieldsJson {
  const out: CardYieldsJson = {};
  for (const [name, c] of Object.entries(y)) {
    out[name] = {
      prompt: Object.fromEntries(
        Object.entries(c.prompt).map(([k, h]) => [
          k,
          { edges: Array.from(h.edges), sumW: Array.from(h.sumW), sumW2: Array.from(h.sumW2) },
        ]),
      ),
      displaced: c.displaced,
    };
  }
  return out;
}

export function cardYieldsFromJson(json: CardYieldsJson): Record<string, CardYields> {
  const out: Record<string, CardYields> = {};
  for (const [name, c] of Object.entries(json)) {
    const prompt: Record<string, Histogram1D> = {};
    for (const [k, h] of Object.entries(c.prompt)) {
      const hist = new Histogram1D({ kind: "edges", edges: h.edges });
      hist.sumW.set(h.sumW);
      hist.sumW2.set(h.sumW2);
      prompt[k] = hist;
    }
    out[name] = { prompt, displaced: c.displaced };
  }
  return out;
}

/** Adds `y` into `acc` (same cards and selections): histograms and totals sum, as for disjoint samples. */
export function addCardYields(
  acc: Record<string, CardYields>,
  y: Readonly<Record<string, CardYields>>,
): void {
  for (const [name, c] of Object.entries(y)) {
    const a = acc[name];
    if (!a) {
      acc[name] = c;
      continue;
    }
    for (const [k, h] of Object.entries(c.prompt)) a.prompt[k]!.add(h);
    for (const [k, t] of Object.entries(c.displaced)) {
      const d = a.displaced[k]!;
      a.displaced[k] = { sumW: d.sumW + t.sumW, sumW2: d.sumW2 + t.sumW2 };
    }
  }
}

/**
 * Yields of one batch under each named card; card k uses detector stream `streamBase` + k of `seed`. With `lazyHT`
 * the batch is a deferred shower's (Shower.runDeferred: partons, no hadrons) and charged H_T is
 * computed only for the events some selection keeps on its other cuts (analysis/deferredHT.ts); the
 * yields are those of the eagerly hadronised batch. `source`: the generated event of each event
 * of `batch` when it holds shower copies (`repeatEvents`; see `yieldsFromObservables`).
 */
export function cardYieldsOf(
  batch: EventBatch,
  cards: Readonly<Record<string, DetectorCard>>,
  names: readonly string[],
  seed: number,
  lazyHT?: LazyEventHT,
  streamBase = 0,
  source?: Uint32Array,
): Record<string, CardYields> {
  const out: Record<string, CardYields> = {};
  if (lazyHT) {
    const placeholder = new Float64Array(batch.nEvents); // overwritten by fillDeferredHT
    names.forEach((name, k) => {
      const card = cards[name]!;
      const obs = observe(batch, card, seed, streamBase + k, placeholder);
      fillDeferredHT(
        obs,
        yieldSelections(card).map((s) => s.cuts),
        lazyHT,
      );
      out[name] = yieldsFromObservables(obs, card, source);
    });
    return out;
  }
  // Charged H_T depends on the hadrons only, not on the card: computed once for all cards.
  const ht = chargedHT(batch);
  names.forEach((name, k) => {
    const card = cards[name]!;
    out[name] = yieldsFromObservables(observe(batch, card, seed, streamBase + k, ht), card, source);
  });
  return out;
}
