/**
 * Figs. 6–9 of the paper from the limit records of a scan (`limits.json`): which records go into
 * which panel and series. Drawing details are in limits.ts.
 */
import type { TopLevelSpec } from "vega-lite";
import type { LimitRecord } from "../scan/types.js";
import { miniBooNERegions, priorConstraints } from "./externalData.js";
import { type LimitSeries, limitFigure, limitPanel } from "./limits.js";

export interface LineDefinition {
  /** Fig. 6 line: fixed m_Z_D; Fig. 7 line: m_N = ratio × m_Z_D. */
  fig6MZD: number;
  fig7Ratio: number;
  alphaEps2Nominal: number;
  alphaEps2Variants: readonly number[];
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

function select(
  records: readonly LimitRecord[],
  line: "fig6" | "fig7",
  def: LineDefinition,
  f: { scenario: string; analysis: LimitRecord["analysis"]; channel: string; alphaEps2: number },
): LimitRecord[] {
  return records.filter(
    (r) =>
      r.scenario === f.scenario &&
      r.analysis === f.analysis &&
      r.channel === f.channel &&
      close(r.alphaEps2, f.alphaEps2) &&
      (line === "fig6" ? close(r.mZD, def.fig6MZD) : close(r.mN, def.fig7Ratio * r.mZD)),
  );
}

const SCENARIO_LABEL: Record<string, string> = { run2: "Run 2", hllhc: "HL-LHC" };
const scen = (s: string) => SCENARIO_LABEL[s] ?? s;

function axis(line: "fig6" | "fig7", def: LineDefinition) {
  return line === "fig6"
    ? {
        xField: "mN" as const,
        xTitle: `m_N [GeV]  (m_Z_D = ${def.fig6MZD * 1000} MeV)`,
        xDomain: [0.03, 3] as [number, number],
      }
    : {
        xField: "mZD" as const,
        xTitle: `m_Z_D [GeV]  (m_N = ${def.fig7Ratio} m_Z_D)`,
        xDomain: [0.003, 4] as [number, number],
      };
}

/** Figs. 6 and 7: Run 2 and HL-LHC, prompt and displaced, with bands. */
export function fig6or7(
  records: readonly LimitRecord[],
  def: LineDefinition,
  line: "fig6" | "fig7",
): TopLevelSpec {
  const series: LimitSeries[] = [];
  for (const scenario of ["run2", "hllhc"]) {
    for (const analysis of ["prompt", "displaced"] as const) {
      series.push({
        label: `${scen(scenario)} ${analysis}`,
        records: select(records, line, def, {
          scenario,
          analysis,
          channel: "combined",
          alphaEps2: def.alphaEps2Nominal,
        }),
        dashed: analysis === "displaced",
      });
    }
  }
  const panel = limitPanel({
    title: line === "fig6" ? "Expected exclusion, m_Z_D = 30 MeV" : "Expected exclusion, m_N = 3 m_Z_D",
    ...axis(line, def),
    series,
    ...(line === "fig6" ? { priors: priorConstraints(), regions: miniBooNERegions() } : {}),
    width: 560,
    height: 400,
  });
  return limitFigure(line === "fig6" ? "Fig. 6" : "Fig. 7", [[panel]]);
}

/** Fig. 8: αε² variations; rows Run 2 / HL-LHC, columns the two lines. */
export function fig8(records: readonly LimitRecord[], def: LineDefinition): TopLevelSpec {
  const rows = ["run2", "hllhc"].map((scenario) =>
    (["fig6", "fig7"] as const).map((line) =>
      limitPanel({
        title: `${scen(scenario)}, ${line === "fig6" ? "m_Z_D = 30 MeV" : "m_N = 3 m_Z_D"}`,
        ...axis(line, def),
        series: def.alphaEps2Variants.flatMap((a) =>
          (["prompt", "displaced"] as const).map((analysis) => ({
            label: `αε² = ${a.toExponential(0)} ${analysis}`,
            records: select(records, line, def, { scenario, analysis, channel: "combined", alphaEps2: a }),
            dashed: analysis === "displaced",
          })),
        ),
      }),
    ),
  );
  return limitFigure("Fig. 8: kinetic-mixing variations", rows);
}

/** Fig. 9: electron pT thresholds 5 vs 1 GeV, prompt and displaced. */
export function fig9(records: readonly LimitRecord[], def: LineDefinition): TopLevelSpec {
  const variants = [
    { label: "prompt (e > 5, μ > 3 GeV)", analysis: "prompt" as const, channel: "combined" },
    { label: "prompt (e > 1 GeV)", analysis: "prompt" as const, channel: "combined:e1GeV" },
    { label: "displaced (ℓ > 5 GeV)", analysis: "displaced" as const, channel: "combined" },
    { label: "displaced (e > 1 GeV)", analysis: "displaced" as const, channel: "combined:e1GeV" },
  ];
  const rows = ["run2", "hllhc"].map((scenario) =>
    (["fig6", "fig7"] as const).map((line) =>
      limitPanel({
        title: `${scen(scenario)}, ${line === "fig6" ? "m_Z_D = 30 MeV" : "m_N = 3 m_Z_D"}`,
        ...axis(line, def),
        series: variants.map((v) => ({
          label: v.label,
          records: select(records, line, def, {
            scenario,
            analysis: v.analysis,
            channel: v.channel,
            alphaEps2: def.alphaEps2Nominal,
          }),
          dashed: v.analysis === "displaced",
        })),
      }),
    ),
  );
  return limitFigure("Fig. 9: lepton pT thresholds", rows);
}

export const LIMIT_FIGURES = ["fig6", "fig7", "fig8", "fig9"] as const;
export type LimitFigure = (typeof LIMIT_FIGURES)[number];

/** The spec of one of Figs. 6–9 from limit records. */
export function limitFigureSpec(
  name: LimitFigure,
  records: readonly LimitRecord[],
  def: LineDefinition,
): TopLevelSpec {
  if (name === "fig6" || name === "fig7") return fig6or7(records, def, name);
  return name === "fig8" ? fig8(records, def) : fig9(records, def);
}
