/**
 * Figures 6–9 of the paper: expected upper limits on |U_μ4|² versus m_N or m_Z_D, with bands,
 * prompt and displaced, Run 2 and HL-LHC; Fig. 6 adds the prior constraints and the
 * MiniBooNE-favoured region. Spec builders only: numbers in, Vega-Lite out.
 */
import type { TopLevelSpec } from "vega-lite";
import type { LimitRecord } from "../scan/types.js";
import type { Curve, FavouredRegion } from "./externalData.js";

export const U2_AXIS_TITLE = "|U_μ4|²";
const U2_DOMAIN: [number, number] = [1e-10, 1e-2];

export interface LimitSeries {
  /** Legend label. */
  label: string;
  records: LimitRecord[];
  /** Line style: solid for prompt, dashed for displaced. */
  dashed: boolean;
}

interface Row {
  x: number;
  y: number;
  lo: number;
  hi: number;
  series: string;
  dashed: boolean;
}

function rows(series: LimitSeries[], xField: "mN" | "mZD"): Row[] {
  const out: Row[] = [];
  for (const s of series) {
    for (const r of [...s.records].sort((a, b) => a[xField] - b[xField])) {
      if (!Number.isFinite(r.U2Excl)) continue; // nothing excluded at this point: no line segment
      const hi = Math.max(r.U2ExclLow, r.U2ExclHigh);
      out.push({
        x: r[xField],
        y: r.U2Excl,
        lo: Math.min(r.U2ExclLow, r.U2ExclHigh),
        // A band whose weak edge has no sensitivity is open upwards: drawn to the top of the axis.
        hi: Number.isFinite(hi) ? hi : U2_DOMAIN[1],
        series: s.label,
        dashed: s.dashed,
      });
    }
  }
  return out;
}

export interface PanelOptions {
  title: string;
  xField: "mN" | "mZD";
  xTitle: string;
  xDomain: [number, number];
  series: LimitSeries[];
  priors?: Curve[];
  regions?: FavouredRegion[];
  width?: number;
  height?: number;
}

/** One limit panel as a layered Vega-Lite spec (no top-level config). */
export function limitPanel(o: PanelOptions): Record<string, unknown> {
  const data = rows(o.series, o.xField);
  const x = {
    field: "x",
    type: "quantitative",
    title: o.xTitle,
    scale: { type: "log", domain: o.xDomain, clamp: true },
    axis: { format: "~g" },
  };
  const y = {
    field: "y",
    type: "quantitative",
    title: U2_AXIS_TITLE,
    scale: { type: "log", domain: U2_DOMAIN, clamp: true },
    axis: { format: ".0e" },
  };
  const colour = {
    field: "series",
    type: "nominal",
    title: null,
    legend: { orient: "bottom", columns: 2, labelLimit: 400 },
  };
  const layers: Record<string, unknown>[] = [];
  if (o.priors && o.priors.length > 0) {
    const priorRows = o.priors.flatMap((c) =>
      c.mN.map((m, i) => ({ x: m, y: c.u2[i]!, top: U2_DOMAIN[1], curve: c.label })),
    );
    layers.push({
      data: { values: priorRows },
      mark: { type: "area", color: "#888", opacity: 0.18, clip: true },
      encoding: { x, y, y2: { field: "top" }, detail: { field: "curve" } },
    });
  }
  for (const r of o.regions ?? []) {
    // 1σ darkest, 5σ lightest; a text label marks the innermost contour
    const opacity = r.sigma <= 1 ? 1 : r.sigma <= 3 ? 0.7 : 0.45;
    layers.push({
      data: { values: r.mN.map((m, i) => ({ x: m, y: r.u2[i]!, order: i })) },
      mark: { type: "line", color: "#b8860b", strokeWidth: 1.3, opacity, clip: true },
      encoding: { x, y, order: { field: "order", type: "quantitative" } },
    });
  }
  if (o.regions && o.regions.length > 0) {
    const inner = o.regions[0]!;
    const i = inner.mN.indexOf(Math.max(...inner.mN));
    layers.push({
      data: {
        values: [
          {
            x: inner.mN[i]!,
            y: inner.u2[i]!,
            text: `MiniBooNE ${o.regions.map((r) => r.sigma).join(", ")}σ`,
          },
        ],
      },
      mark: { type: "text", align: "left", dx: 6, color: "#8b6508", fontSize: 11 },
      encoding: { x, y, text: { field: "text" } },
    });
  }
  if (o.priors && o.priors.length > 0) {
    layers.push({
      data: { values: [{ x: o.xDomain[0], y: U2_DOMAIN[1], text: "grey: existing constraints" }] },
      mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 4, color: "#555", fontSize: 11 },
      encoding: { x, y, text: { field: "text" } },
    });
  }
  layers.push(
    {
      data: { values: data },
      mark: { type: "area", opacity: 0.18, clip: true },
      encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, color: colour },
    },
    {
      data: { values: data },
      mark: { type: "line", point: true, strokeWidth: 2, clip: true },
      encoding: {
        x,
        y,
        color: colour,
        strokeDash: {
          field: "dashed",
          type: "nominal",
          scale: {
            domain: [false, true],
            range: [
              [1, 0],
              [6, 3],
            ],
          },
          legend: null,
        },
      },
    },
  );
  return { title: o.title, width: o.width ?? 420, height: o.height ?? 320, layer: layers };
}

/** A whole figure from panels laid out in rows. */
export function limitFigure(title: string, panelRows: Record<string, unknown>[][]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    vconcat: panelRows.map((row) => ({ hconcat: row })),
    resolve: { scale: { color: "independent", strokeDash: "independent" } },
  } as unknown as TopLevelSpec;
}
