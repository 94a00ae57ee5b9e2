/**
 * Paper Figs. 3 and 4: expected distributions at 150 fb⁻¹ after the pre-selection (Fig. 3) and
 * after the signal-region selection (Fig. 4), electron channel, electron pT > 1 GeV. SM backgrounds
 * stacked by group (W, Z, top), signals overlaid as step lines at |U|² = 1e-4 (Fig. 3) or 1e-6
 * (Fig. 4); "overflow values falling below (above) the x-axis limits are included in the first
 * (last) bin" (captions); log y.
 *
 * The builders take already-analysed samples (observables + selected weights, see
 * src/analysis/pipeline.ts) so that `reproduce` can re-use them; `fig34Samples` produces them from
 * batches.
 */
import type { TopLevelSpec } from "vega-lite";
import { correlatedSquares } from "../analysis/copies.js";
import type { LazyEventHT } from "../analysis/deferredHT.js";
import type { Observables } from "../analysis/observables.js";
import {
  binsWithFlowFolded,
  DEFAULT_HISTOGRAMS,
  fillHistograms,
  type HistogramDefinition,
  type ProcessGroup,
} from "../analysis/pipeline.js";
import { InputError } from "../core/errors.js";
import type { EventBatch, EventBatchInfo } from "../core/events.js";
import { niceLogBound } from "./fig2.js";

/** One analysed sample for the distribution figures. */
export interface DistributionSample {
  /** Legend label (signals: e.g. "m_N = 0.3 GeV, m_Z_D = 0.1 GeV"). */
  label: string;
  group: ProcessGroup;
  observables: Observables;
  /** Per entry: weight (pb) after the selection (0 for rejected entries). */
  weights: Float64Array;
  /** Multiplies the weights (e.g. |U|²_plot / |U|²_generated for a signal); default 1. */
  scale?: number;
  /** Per entry, its contribution to Σw² (pb²) when entries are correlated (shower copies); default w². */
  weightSquares?: Float64Array;
}

export interface DistributionRow {
  panel: string;
  /** "W", "Z", "top" for stacked backgrounds, the sample label for signals. */
  series: string;
  group: ProcessGroup;
  lo: number;
  hi: number;
  /** Expected events in the bin (under/overflow folded into the edge bins) and MC error. */
  events: number;
  eventsErr: number;
}

/** Panels of Figs. 3–4 (the paper's lepton pT's, m_ℓℓ, m(3ℓ), pT(3ℓ), dφ, dR). */
export const FIG34_PANELS: readonly HistogramDefinition[] = DEFAULT_HISTOGRAMS.filter((d) =>
  ["pt1", "pt2", "pt3", "mll", "m3l", "pt3l", "dPhi1Z", "dR1Z"].includes(d.name),
);

const BACKGROUND_ORDER: readonly ProcessGroup[] = ["W", "Z", "top"];
const BACKGROUND_COLOURS: Record<string, string> = { W: "#f6b26b", Z: "#76b7b2", top: "#9fa8da" };
const SIGNAL_COLOURS = ["#c0392b", "#1f4e9c", "#2d2d2d", "#7b3294"];

/**
 * Table of expected events per panel, bin and series: backgrounds summed per group, signals per
 * label; weights × scale × L (fb⁻¹) × 1000 (pb → events).
 */
export function distributionTable(
  samples: readonly DistributionSample[],
  lumiInvFb: number,
  panels: readonly HistogramDefinition[] = FIG34_PANELS,
): DistributionRow[] {
  const rows: DistributionRow[] = [];
  const series = new Map<string, { group: ProcessGroup; hists: ReturnType<typeof fillHistograms> }>();
  for (const s of samples) {
    if (s.weights.length !== s.observables.n)
      throw new InputError(
        `samples[${s.label}].weights.length`,
        `= observables.n = ${s.observables.n}`,
        s.weights.length,
      );
    const scale = s.scale ?? 1;
    const w = scale === 1 ? s.weights : s.weights.map((x) => x * scale);
    const w2 =
      s.weightSquares && (scale === 1 ? s.weightSquares : s.weightSquares.map((x) => x * scale * scale));
    const hists = fillHistograms(s.observables, w, lumiInvFb, panels, w2);
    const key = s.group === "signal" ? s.label : s.group;
    const prev = series.get(key);
    if (prev) for (const d of panels) prev.hists[d.name]!.add(hists[d.name]!);
    else series.set(key, { group: s.group, hists });
  }
  for (const d of panels) {
    for (const [key, s] of series) {
      for (const b of binsWithFlowFolded(s.hists[d.name]!)) {
        rows.push({
          panel: d.name,
          series: key,
          group: s.group,
          lo: b.lo,
          hi: b.hi,
          events: b.value,
          eventsErr: b.err,
        });
      }
    }
  }
  return rows;
}

/** CSV of a distribution table. */
export function distributionCsv(rows: readonly DistributionRow[]): string {
  const head = "panel,series,group,lo,hi,events,eventsErr";
  return `${[head, ...rows.map((r) => `${r.panel},"${r.series}",${r.group},${r.lo},${r.hi},${r.events},${r.eventsErr}`)].join("\n")}\n`;
}

export interface DistributionSpecOptions {
  title: string;
  subtitle?: string;
  panels?: readonly HistogramDefinition[];
  columns?: number;
}

/**
 * Vega-Lite spec: one panel per observable; backgrounds as a stack of rectangles (cumulative
 * W, then Z, then top, computed here so that the log y axis needs no zero baseline), signals as
 * step lines; shared colour legend on top; log y with a floor (bins below it are drawn at it).
 */
export function distributionSpec(rows: readonly DistributionRow[], o: DistributionSpecOptions): TopLevelSpec {
  const panels = o.panels ?? FIG34_PANELS;
  const signalNames = [...new Set(rows.filter((r) => r.group === "signal").map((r) => r.series))];
  const bgNames = BACKGROUND_ORDER.filter((g) => rows.some((r) => r.series === g));
  const domain = [...bgNames, ...signalNames];
  const range = [
    ...bgNames.map((g) => BACKGROUND_COLOURS[g]!),
    ...signalNames.map((_, i) => SIGNAL_COLOURS[i % SIGNAL_COLOURS.length]!),
  ];
  const colour = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain, range },
    legend: { orient: "top", direction: "horizontal", labelLimit: 0, symbolStrokeWidth: 2.5 },
  };
  const charts = panels.map((d) => {
    const pr = rows.filter((r) => r.panel === d.name);
    // Cumulative background stack per bin.
    const stack: { series: string; lo: number; hi: number; y0: number; y1: number; events: number }[] = [];
    const bins = [...new Set(pr.map((r) => r.lo))].sort((a, b) => a - b);
    let maxTotal = 0;
    let minPositive = Number.POSITIVE_INFINITY;
    for (const lo of bins) {
      let cum = 0;
      for (const g of bgNames) {
        const r = pr.find((x) => x.series === g && x.lo === lo);
        if (!r || !(r.events > 0)) continue;
        stack.push({ series: g, lo: r.lo, hi: r.hi, y0: cum, y1: cum + r.events, events: r.events });
        cum += r.events;
        minPositive = Math.min(minPositive, r.events);
      }
      maxTotal = Math.max(maxTotal, cum);
    }
    const signalRows = pr.filter((r) => r.group === "signal");
    for (const r of signalRows) {
      if (r.events > 0) minPositive = Math.min(minPositive, r.events);
      maxTotal = Math.max(maxTotal, r.events);
    }
    const yMax = maxTotal > 0 ? niceLogBound(maxTotal * 30, "up") : 10;
    const yMin = Number.isFinite(minPositive)
      ? Math.max(niceLogBound(minPositive / 2, "down"), yMax * 1e-8)
      : 0.1;
    for (const s of stack) s.y0 = Math.max(s.y0, yMin);
    // Step lines: one point per bin low edge, plus the last bin's high edge.
    const steps: { series: string; x: number; y: number }[] = [];
    for (const name of signalNames) {
      const sr = signalRows.filter((r) => r.series === name).sort((a, b) => a.lo - b.lo);
      for (const r of sr) steps.push({ series: name, x: r.lo, y: Math.max(r.events, yMin) });
      const last = sr[sr.length - 1];
      if (last) steps.push({ series: name, x: last.hi, y: Math.max(last.events, yMin) });
    }
    const edges = bins.length > 0 ? [bins[0]!, Math.max(...pr.map((r) => r.hi))] : [0, 1];
    const x = {
      field: "lo",
      type: "quantitative",
      title: d.title,
      scale: { type: d.xScale, domain: edges, nice: false },
      axis: d.xScale === "log" ? { format: "~g" } : {},
    };
    const decades: number[] = [];
    for (let e = Math.ceil(Math.log10(yMin) - 1e-9); 10 ** e <= yMax * (1 + 1e-9); e++) decades.push(10 ** e);
    const y = {
      type: "quantitative",
      title: "Events / bin",
      scale: { type: "log", domain: [yMin, yMax], clamp: true },
      axis: { format: "~e", values: decades, grid: true },
    };
    return {
      width: 300,
      height: 220,
      layer: [
        {
          data: { values: stack },
          mark: { type: "rect", stroke: "#555", strokeWidth: 0.3 },
          encoding: { x, x2: { field: "hi" }, y: { ...y, field: "y0" }, y2: { field: "y1" }, color: colour },
        },
        {
          data: { values: steps },
          mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
          encoding: {
            x: { ...x, field: "x" },
            y: { ...y, field: "y" },
            color: colour,
          },
        },
      ],
    };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: o.title, ...(o.subtitle ? { subtitle: o.subtitle } : {}) },
    columns: o.columns ?? 4,
    concat: charts,
    resolve: { scale: { y: "independent", x: "independent" } },
  } as TopLevelSpec;
}

/** A sample as batch + info + what to show, for `fig34Samples`. */
export interface RawSample {
  label: string;
  group: ProcessGroup;
  batch: EventBatch;
  info?: EventBatchInfo;
  scale?: number;
  /**
   * For a deferred shower's batch (partons, no hadrons: Shower.runDeferred): the charged H_T of its
   * events on demand (analysis/deferredHT.ts). Without it H_T comes from the batch's hadrons.
   */
  lazyHT?: LazyEventHT;
  /** The generated event of each batch event when the batch holds shower copies (`repeatEvents`). */
  source?: Uint32Array;
}

/**
 * Analyses each raw sample with the figure's selection (electron channel, electron pT > 1 GeV,
 * detector stream `seed`, chunk k = sample index) and returns the builder inputs.
 */
export async function fig34Samples(
  raw: readonly RawSample[],
  o: {
    selection: "prompt-baseline" | "prompt-sr";
    cardName?: string;
    seed?: number;
    electronPtMinGeV?: number;
  },
): Promise<DistributionSample[]> {
  const sets = await fig34SampleSets(raw, { ...o, selections: [o.selection] });
  return sets[o.selection]!;
}

/**
 * As `fig34Samples` for several selections at once: the detector response and the observables of
 * each sample are computed once (they do not depend on the selection; same detector stream), then
 * each selection's weights — the same numbers as one `fig34Samples` call per selection.
 */
export async function fig34SampleSets<S extends "prompt-baseline" | "prompt-sr">(
  raw: readonly RawSample[],
  o: {
    selections: readonly S[];
    cardName?: string;
    seed?: number;
    /** Detector stream of the first sample (default 0; sample k uses stream + k). */
    stream?: number;
    electronPtMinGeV?: number;
  },
): Promise<Record<S, DistributionSample[]>> {
  const [
    { loadCard },
    { cardWithElectronThreshold, observeBatch, selectionCuts },
    cuts,
    { randomStream },
    { fillDeferredHT },
  ] = await Promise.all([
    import("../detector/card.js"),
    import("../analysis/pipeline.js"),
    import("../analysis/cuts.js"),
    import("../core/rng.js"),
    import("../analysis/deferredHT.js"),
  ]);
  // The same steps as analysis/pipeline.ts analyzeBatch (weight-mode efficiencies, no htScale).
  const card = cardWithElectronThreshold(loadCard(o.cardName ?? "paper"), o.electronPtMinGeV ?? 1);
  const selOpts = cuts.selectionOptionsFromCard(card, { channel: "ee" });
  const out = {} as Record<S, DistributionSample[]>;
  for (const sel of o.selections) out[sel] = [];
  raw.forEach((s, k) => {
    const rng = randomStream(o.seed ?? 1, (o.stream ?? 0) + k);
    const lazy = s.lazyHT;
    const observables = observeBatch(
      s.batch,
      card,
      rng,
      lazy ? { htPerEvent: new Float64Array(s.batch.nEvents) } : {},
    );
    if (lazy) {
      fillDeferredHT(
        observables,
        o.selections.map((sel) => selectionCuts(sel, selOpts)),
        lazy,
      );
    }
    for (const sel of o.selections) {
      const weights = cuts.selectedWeights(observables, selectionCuts(sel, selOpts));
      out[sel].push({
        label: s.label,
        group: s.group,
        observables,
        weights,
        ...(s.scale !== undefined ? { scale: s.scale } : {}),
        ...(s.source ? { weightSquares: correlatedSquares(weights, observables.event, s.source) } : {}),
      });
    }
  });
  return out;
}

/** Default signal points (m_N, m_Z_D) in GeV for the overlays of Figs. 3–5. */
export const SIGNAL_POINTS: readonly [number, number][] = [
  [0.3, 0.1],
  [1, 0.3],
  [10, 3],
];

/**
 * Generates the default signal overlays (electron channel: Z_D → e⁺e⁻; W → μ N_D, |U_μ4|² = 1e-4,
 * αε² = 2e-10, g_D = 0.25, the paper's benchmark, Sec. IV).
 */
export async function generateSignalSamples(
  points: readonly [number, number][],
  o: { nEvents: number; seed?: number; workers?: number; quick?: boolean; alphaEps2?: number },
): Promise<RawSample[]> {
  const { generate } = await import("../generate/generate.js");
  const out: RawSample[] = [];
  for (let k = 0; k < points.length; k++) {
    const [mN, mZD] = points[k]!;
    const g = await generate(
      {
        kind: "signal",
        charge: "both",
        lepton: "mu",
        decayLepton: "e",
        mN,
        mZD,
        U2: 1e-4,
        alphaEps2: o.alphaEps2 ?? 2e-10,
        gD: 0.25,
        nature: "dirac",
        sqrtS: 13000,
        scale: { kind: "dynamic" },
        ewInputs: "default",
        mHatMinGeV: 10,
      },
      {
        nEvents: o.nEvents,
        seed: (o.seed ?? 1) + k,
        workers: o.workers ?? 0,
        ...(o.quick ? { warmupPoints: 1000, warmupIterations: 2 } : {}),
      },
    );
    out.push({ label: `m_N = ${mN} GeV, m_Z_D = ${mZD} GeV`, group: "signal", batch: g.batch, info: g.info });
  }
  return out;
}

export interface Fig34Options {
  /** Background (and optionally signal) samples, e.g. read from `dnreach generate … --out` directories. */
  samples?: readonly RawSample[];
  quick?: boolean;
  nEvents?: number;
  seed?: number;
  workers?: number;
  lumiInvFb?: number;
}

/**
 * Fig. 3 (pre-selection, |U|² = 1e-4) or Fig. 4 (signal region, |U|² = 1e-6): analyses the samples
 * (signals generated with the default points when none is given), draws and writes
 * `fig3|fig4.svg/.png/.json` and `.csv` into `dir`.
 */
export async function writeFig34(
  dir: string,
  which: "fig3" | "fig4",
  o: Fig34Options = {},
): Promise<{ svg: string; png: string; data: string; csv: string }> {
  const [{ writeFigure }, { writeFileAtomic }, { join }] = await Promise.all([
    import("./render.js"),
    import("../io/atomic.js"),
    import("node:path"),
  ]);
  const lumi = o.lumiInvFb ?? 150;
  const targetU2 = which === "fig3" ? 1e-4 : 1e-6;
  const given = o.samples ?? [];
  const signals = given.some((s) => s.group === "signal")
    ? given.filter((s) => s.group === "signal")
    : await generateSignalSamples(SIGNAL_POINTS, {
        nEvents: o.nEvents ?? (o.quick ? 5000 : 50000),
        quick: o.quick ?? false,
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.workers !== undefined ? { workers: o.workers } : {}),
      });
  // σ ∝ |U|² exactly (paper Sec. V B): rescale from the generated mixing.
  const scaled = signals.map((s) => {
    const spec = s.info?.meta?.spec as { U2?: unknown } | undefined;
    const u2 = typeof spec?.U2 === "number" ? spec.U2 : 1e-4;
    return { ...s, scale: (s.scale ?? 1) * (targetU2 / u2) };
  });
  const backgrounds = given.filter((s) => s.group !== "signal");
  const samples = await fig34Samples([...backgrounds, ...scaled], {
    selection: which === "fig3" ? "prompt-baseline" : "prompt-sr",
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
  });
  const rows = distributionTable(samples, lumi);
  const title =
    which === "fig3"
      ? `Pre-selection, electron channel (electron pT > 1 GeV), ${lumi} fb⁻¹, 13 TeV`
      : `Signal region, electron channel (electron pT > 1 GeV), ${lumi} fb⁻¹, 13 TeV`;
  const subtitle = `SM backgrounds stacked (${backgrounds.length > 0 ? [...new Set(backgrounds.map((b) => b.group))].join(", ") : "none supplied"}); signals at |U_μ4|² = ${targetU2 === 1e-4 ? "10⁻⁴" : "10⁻⁶"}, αε² = 2×10⁻¹⁰, g_D = 0.25; under/overflow in the first/last bin`;
  const written = await writeFigure(dir, which, distributionSpec(rows, { title, subtitle }), {
    description: `Paper ${which === "fig3" ? "Fig. 3" : "Fig. 4"}: expected events per bin at ${lumi} fb⁻¹ (paper card, electron pT > 1 GeV, soft pair ee)`,
    selection: which === "fig3" ? "prompt-baseline" : "prompt-sr",
    signalU2: targetU2,
    backgrounds: backgrounds.map((b) => ({
      label: b.label,
      group: b.group,
      sigmaPb: b.info?.sigmaPb ?? null,
    })),
    panels: FIG34_PANELS.map((p) => ({ name: p.name, title: p.title })),
    rows,
  });
  const csv = join(dir, `${which}.csv`);
  await writeFileAtomic(csv, distributionCsv(rows));
  return { ...written, csv };
}

/**
 * Reads sample paths (native directories, LHE or HepMC3 files) into raw samples grouped by
 * `processGroup` (W, Z, top, signal); a sample of unknown group throws an InputError naming it.
 */
export async function readRawSamples(paths: readonly string[]): Promise<RawSample[]> {
  const { openEventSource, readEventSource, processGroup } = await import("../analysis/pipeline.js");
  const out: RawSample[] = [];
  for (const path of paths) {
    const src = await openEventSource(path);
    const group = processGroup(src.info);
    if (!group)
      throw new InputError(
        "samples",
        "samples whose generator spec or process names identify W, Z, top or signal",
        path,
      );
    const batch = await readEventSource(src);
    const spec = src.info.meta?.spec as { mN?: unknown; mZD?: unknown } | undefined;
    const label =
      group === "signal" && typeof spec?.mN === "number" && typeof spec.mZD === "number"
        ? `m_N = ${spec.mN} GeV, m_Z_D = ${spec.mZD} GeV`
        : group;
    out.push({ label, group, batch, info: src.info });
  }
  return out;
}
