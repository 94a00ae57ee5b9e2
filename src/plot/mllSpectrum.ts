/**
 * dσ/dm_ℓℓ of the background samples (issue: backgrounds, "dσ/dm_ℓℓ from 10 MeV to 10 GeV plotted"):
 * rows per process from the soft-pair histograms of src/generate/background/spectrum.ts, and their
 * log–log figure.
 */
import type { TopLevelSpec } from "vega-lite";
import type { EventBatch } from "../core/events.js";
import type { Histogram1D } from "../core/histogram.js";
import { mllHistogram, type SpectrumLevel, softPairEvents } from "../generate/background/spectrum.js";
import { type WrittenFigure, writeFigure } from "./render.js";

export interface SpectrumRow {
  process: string;
  mGeV: number;
  dsigmaPbPerGeV: number;
  lo: number;
  hi: number;
}

/** Rows of dσ/dm (pb/GeV) per process at the bin centres (geometric), with ±1σ MC bands. */
export function spectrumRows(process: string, h: Histogram1D): SpectrumRow[] {
  const rows: SpectrumRow[] = [];
  for (let i = 0; i < h.bins; i++) {
    const w = h.edges[i + 1]! - h.edges[i]!;
    const v = h.sumW[i]! / w;
    if (!(v > 0)) continue;
    const e = h.error(i) / w;
    rows.push({
      process,
      mGeV: Math.sqrt(h.edges[i]! * h.edges[i + 1]!),
      dsigmaPbPerGeV: v,
      lo: Math.max(v - e, v * 1e-3),
      hi: v + e,
    });
  }
  return rows;
}

/** Vega-Lite spec: dσ/dm_ℓℓ on log–log axes, one line and MC band per process. */
export function mllSpectrumSpec(rows: SpectrumRow[], title: string): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: 640,
    height: 400,
    data: { values: rows },
    encoding: {
      x: {
        field: "mGeV",
        type: "quantitative",
        title: "m_ℓℓ (soft pair) [GeV]",
        scale: { type: "log", domain: [0.01, 10] },
        axis: { format: "~g" },
      },
      color: { field: "process", type: "nominal", title: "process" },
    },
    layer: [
      {
        mark: { type: "area", opacity: 0.25 },
        encoding: {
          y: { field: "lo", type: "quantitative", scale: { type: "log" }, title: "dσ/dm_ℓℓ [pb/GeV]" },
          y2: { field: "hi" },
        },
      },
      {
        mark: { type: "line", strokeWidth: 1.6, interpolate: "step-after" },
        encoding: { y: { field: "dsigmaPbPerGeV", type: "quantitative", scale: { type: "log" } } },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Writes `<name>.svg/.png/.json` with dσ/dm_ℓℓ (10 MeV – 10 GeV) of each sample at `level` — the
 * function the lead calls with the generated batches.
 */
export async function writeMllFigure(
  dir: string,
  name: string,
  samples: readonly { label: string; batch: EventBatch }[],
  level: SpectrumLevel = "none",
): Promise<WrittenFigure> {
  const rows: SpectrumRow[] = [];
  for (const s of samples) rows.push(...spectrumRows(s.label, mllHistogram(softPairEvents(s.batch), level)));
  const what =
    level === "none" ? "generation cuts" : level === "pt1" ? "p_T(ℓ1) > 25 GeV" : "Table II kinematics";
  return writeFigure(
    dir,
    name,
    mllSpectrumSpec(rows, `Soft-pair mass spectrum of the backgrounds (13 TeV, ${what})`),
    {
      level,
      rows,
    },
  );
}
