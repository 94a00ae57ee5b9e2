/**
 * Paper Fig. 5: Z_D displacement distributions normalised to unity. Left: several (m_N, m_Z_D) at
 * the benchmark αε² = 2e-10, all events (solid) and events passing the full selection (dashed).
 * Right: one mass point after the full selection for several αε² (the sample is re-used through
 * `rescaleZDFlight`: the lab decay length ∝ 1/(αε²), src/analysis/pipeline.ts). "Events falling
 * below or above the displayed range … are added to the first or last bin" (caption). Log x (mm).
 *
 * The "full event selection" here is the baseline plus the Table II signal-region cuts without a
 * vertex category (selection "sr"), since the displacement is what is shown.
 */
import type { TopLevelSpec } from "vega-lite";
import { binsWithFlowFolded } from "../analysis/pipeline.js";
import { InputError } from "../core/errors.js";
import { type Binning, Histogram1D } from "../core/histogram.js";
import type { RawSample } from "./distributions.js";

export const FIG5_BINNING: Binning = { kind: "log", lo: 1e-4, hi: 1e4, bins: 40 };

/** One displacement distribution: values (mm) and weights. */
export interface DisplacementSeries {
  panel: "masses" | "mixing";
  /** Legend label of the colour (mass point or αε²). */
  series: string;
  selection: "all events" | "full selection";
  displacementMm: ArrayLike<number>;
  weights: ArrayLike<number>;
}

export interface Fig5Row {
  panel: "masses" | "mixing";
  series: string;
  selection: "all events" | "full selection";
  loMm: number;
  hiMm: number;
  /** Fraction of the series' total weight in the bin (flow folded into the edge bins). */
  fraction: number;
  fractionErr: number;
}

/** Normalised histograms (flow folded) of each series. */
export function fig5Table(series: readonly DisplacementSeries[], binning: Binning = FIG5_BINNING): Fig5Row[] {
  const rows: Fig5Row[] = [];
  for (const s of series) {
    if (s.displacementMm.length !== s.weights.length)
      throw new InputError(
        `${s.series}.weights.length`,
        `= displacementMm.length = ${s.displacementMm.length}`,
        s.weights.length,
      );
    const h = new Histogram1D(binning);
    for (let i = 0; i < s.weights.length; i++) {
      const w = s.weights[i]!;
      if (w !== 0) h.fill(s.displacementMm[i]!, w);
    }
    const total = h.integral(true);
    for (const b of binsWithFlowFolded(h)) {
      rows.push({
        panel: s.panel,
        series: s.series,
        selection: s.selection,
        loMm: b.lo,
        hiMm: b.hi,
        fraction: total > 0 ? b.value / total : 0,
        fractionErr: total > 0 ? b.err / total : 0,
      });
    }
  }
  return rows;
}

export function fig5Csv(rows: readonly Fig5Row[]): string {
  const head = "panel,series,selection,lo_mm,hi_mm,fraction,fractionErr";
  return `${[head, ...rows.map((r) => `${r.panel},"${r.series}",${r.selection},${r.loMm},${r.hiMm},${r.fraction},${r.fractionErr}`)].join("\n")}\n`;
}

const COLOURS = ["#c0392b", "#1f4e9c", "#2ca02c", "#2d2d2d", "#7b3294"];

function panelSpec(
  rows: readonly Fig5Row[],
  title: string,
  colourTitle: string,
  domain: [number, number],
): Record<string, unknown> {
  // Step lines: a point at every bin's low edge and one at the last high edge.
  const steps: { series: string; selection: string; x: number; y: number }[] = [];
  const keys = [...new Set(rows.map((r) => `${r.series}\u0000${r.selection}`))];
  for (const key of keys) {
    const [series, selection] = key.split("\u0000") as [string, string];
    const sr = rows
      .filter((r) => r.series === series && r.selection === selection)
      .sort((a, b) => a.loMm - b.loMm);
    for (const r of sr) steps.push({ series, selection, x: r.loMm, y: r.fraction });
    const last = sr[sr.length - 1];
    if (last) steps.push({ series, selection, x: last.hiMm, y: last.fraction });
  }
  const seriesNames = [...new Set(rows.map((r) => r.series))];
  const selections = [...new Set(rows.map((r) => r.selection))];
  const yMax = Math.max(0.05, ...rows.map((r) => r.fraction)) * 1.15;
  const x = {
    field: "x",
    type: "quantitative",
    title: "Z_D displacement [mm]",
    scale: { type: "log", domain, nice: false },
    axis: { format: "~g", values: [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4] },
  };
  return {
    title,
    width: 420,
    height: 300,
    layer: [
      {
        // The displaced search window, 1 mm–10 cm (paper Sec. V C).
        data: { values: [{ x: 1 }, { x: 100 }] },
        mark: { type: "rule", color: "#888", strokeDash: [3, 3] },
        encoding: { x: { field: "x", type: "quantitative", scale: { type: "log", domain } } },
      },
      {
        data: { values: steps },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: "y",
            type: "quantitative",
            title: "Fraction of events / bin",
            scale: { domain: [0, yMax] },
          },
          color: {
            field: "series",
            type: "nominal",
            title: colourTitle,
            scale: { domain: seriesNames, range: COLOURS.slice(0, seriesNames.length) },
            legend: { orient: "bottom", columns: 1, labelLimit: 0 },
          },
          strokeDash: {
            field: "selection",
            type: "nominal",
            title: null,
            scale: {
              domain: selections,
              range: selections.map((s) => (s === "all events" ? [1, 0] : [6, 3])),
            },
            legend:
              selections.length > 1 ? { orient: "top", direction: "horizontal", symbolStrokeWidth: 2 } : null,
          },
        },
      },
    ],
    resolve: { scale: { color: "independent", strokeDash: "independent" } },
  };
}

/** Two panels side by side: mass points (left), αε² variations after the selection (right). */
export function fig5Spec(
  rows: readonly Fig5Row[],
  mixingTitle = "after the full selection",
  massesTitle = "αε² = 2×10⁻¹⁰",
): TopLevelSpec {
  const domain: [number, number] = [
    FIG5_BINNING.kind === "edges" ? 1e-4 : FIG5_BINNING.lo,
    FIG5_BINNING.kind === "edges" ? 1e4 : FIG5_BINNING.hi,
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: "Z_D displacement, normalised to unity",
      subtitle: "dashed grey lines: displaced search window 1 mm – 10 cm",
    },
    hconcat: [
      panelSpec(
        rows.filter((r) => r.panel === "masses"),
        massesTitle,
        "(m_N, m_Z_D)",
        domain,
      ),
      panelSpec(
        rows.filter((r) => r.panel === "mixing"),
        mixingTitle,
        "αε²",
        domain,
      ),
    ],
    resolve: { scale: { color: "independent", strokeDash: "independent" } },
  } as unknown as TopLevelSpec;
}

/** Default mass points (m_N, m_Z_D) in GeV of the left panel and the mixing variations of the right. */
export const FIG5_POINTS: readonly [number, number][] = [
  [0.09, 0.03],
  [0.3, 0.1],
  [1, 0.3],
  [10, 3],
];
export const FIG5_ALPHA_EPS2: readonly number[] = [2e-9, 2e-10, 2e-11];

function sci(x: number): string {
  const e = Math.floor(Math.log10(x));
  const m = x / 10 ** e;
  const sup = String(e).replace(/[-0-9]/g, (c) => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"["-0123456789".indexOf(c)]!);
  return `${Number(m.toPrecision(3))}×10${sup}`;
}

/**
 * The Fig. 5 series from signal samples generated at αε²_ref (`alphaEps2Ref`): the first
 * `mixingSample` index is re-used for the αε² variations of the right panel.
 */
export async function fig5Series(
  samples: readonly RawSample[],
  o: {
    alphaEps2Ref: number;
    alphaEps2?: readonly number[];
    mixingSample?: number;
    seed?: number;
    cardName?: string;
  },
): Promise<DisplacementSeries[]> {
  const [{ loadCard }, p, { randomStream }] = await Promise.all([
    import("../detector/card.js"),
    import("../analysis/pipeline.js"),
    import("../core/rng.js"),
  ]);
  const card = loadCard(o.cardName ?? "paper");
  const out: DisplacementSeries[] = [];
  const analyse = (batch: RawSample["batch"], k: number) =>
    p.analyzeBatch(batch, undefined, {
      card,
      lumiInvFb: 0,
      rng: randomStream(o.seed ?? 1, k),
      selection: "sr",
      histograms: [],
    });
  samples.forEach((s, k) => {
    out.push({
      panel: "masses",
      series: s.label,
      selection: "all events",
      displacementMm: p.zdDecayDistanceMm(s.batch),
      weights: s.batch.weight,
    });
    const r = analyse(s.batch, k);
    out.push({
      panel: "masses",
      series: s.label,
      selection: "full selection",
      displacementMm: r.observables.displacementMm,
      weights: r.selectedWeights,
    });
  });
  const base = samples[o.mixingSample ?? 0];
  if (base) {
    for (const [j, ae] of (o.alphaEps2 ?? FIG5_ALPHA_EPS2).entries()) {
      // cτ ∝ 1/(αε²) (paper eq. 8): flight × αε²_ref / αε².
      const batch = p.rescaleZDFlight(base.batch, o.alphaEps2Ref / ae);
      const r = analyse(batch, 100 + j);
      out.push({
        panel: "mixing",
        series: sci(ae),
        selection: "full selection",
        displacementMm: r.observables.displacementMm,
        weights: r.selectedWeights,
      });
    }
  }
  return out;
}

/**
 * Generates the default signal samples (αε²_ref = 2e-10; `quick`: 5000 events each and a short
 * warm-up), draws and writes Fig. 5 (`fig5.svg/.png/.json`, `fig5.csv`) into `dir`.
 */
export async function writeFig5(
  dir: string,
  o: {
    quick?: boolean;
    nEvents?: number;
    seed?: number;
    workers?: number;
    samples?: readonly RawSample[];
  } = {},
): Promise<{ svg: string; png: string; data: string; csv: string }> {
  const [{ writeFigure }, { writeFileAtomic }, { join }, { generateSignalSamples }] = await Promise.all([
    import("./render.js"),
    import("../io/atomic.js"),
    import("node:path"),
    import("./distributions.js"),
  ]);
  // Supplied samples carry their αε² in the generator spec (info.meta.spec.alphaEps2); all must share it.
  const given = (o.samples ?? []).map(
    (s) => (s.info?.meta?.spec as { alphaEps2?: unknown } | undefined)?.alphaEps2,
  );
  const alphaEps2Ref = typeof given[0] === "number" ? given[0] : 2e-10;
  if (given.some((a) => a !== given[0]))
    throw new InputError("samples", "signal samples generated with one αε²", given.join(", "));
  const samples =
    o.samples ??
    (await generateSignalSamples(FIG5_POINTS, {
      nEvents: o.nEvents ?? (o.quick ? 5000 : 50000),
      alphaEps2: alphaEps2Ref,
      quick: o.quick ?? false,
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
    }));
  const rows = fig5Table(
    await fig5Series(samples, { alphaEps2Ref, ...(o.seed !== undefined ? { seed: o.seed } : {}) }),
  );
  const written = await writeFigure(
    dir,
    "fig5",
    fig5Spec(rows, `${samples[0]?.label ?? ""}, after the full selection`, `αε² = ${sci(alphaEps2Ref)}`),
    {
      description:
        "Paper Fig. 5: Z_D displacement (3-D distance of the Z_D decay vertex from the origin, mm), normalised to unity; all generated events (truth) and entries passing the full selection (baseline + Table II, no vertex category, paper card); right: αε² variations by rescaling the Z_D flight of the first sample (cτ ∝ 1/αε²)",
      alphaEps2Ref,
      binning: FIG5_BINNING,
      rows,
    },
  );
  const csv = join(dir, "fig5.csv");
  await writeFileAtomic(csv, fig5Csv(rows));
  return { ...written, csv };
}
