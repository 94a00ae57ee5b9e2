import { describe, expect, it } from "vitest";
import { miniBooNERegions, priorConstraints } from "../src/plot/externalData.js";
import { limitFigure, limitPanel } from "../src/plot/limits.js";
import { renderSvg } from "../src/plot/render.js";
import type { LimitRecord } from "../src/scan/types.js";

function record(mN: number, u2: number, analysis: "prompt" | "displaced"): LimitRecord {
  return {
    scenario: "run2",
    analysis,
    channel: "combined",
    mN,
    mZD: 0.03,
    alphaEps2: 2e-10,
    U2Excl: u2,
    U2ExclLow: u2 / 2,
    U2ExclHigh: u2 * 2,
  };
}

describe("limit figures", () => {
  it("render with log axes, bands, priors and the MiniBooNE contours; points without a limit are left out", async () => {
    const prompt = [0.05, 0.1, 0.3, 1].map((m, i) => record(m, 1e-6 / (i + 1), "prompt"));
    const displaced = [
      ...[0.05, 0.1, 0.3].map((m) => record(m, 1e-8, "displaced")),
      record(1, Infinity, "displaced"),
    ];
    const panel = limitPanel({
      title: "Run 2",
      xField: "mN",
      xTitle: "m_N [GeV]",
      xDomain: [0.03, 2],
      series: [
        { label: "prompt", records: prompt, dashed: false },
        { label: "displaced", records: displaced, dashed: true },
      ],
      priors: priorConstraints(),
      regions: miniBooNERegions(),
    });
    const layers = (panel as { layer: { data: { values: { y: number }[] } }[] }).layer;
    const lineLayer = layers[layers.length - 1]!;
    // 4 prompt points + 3 finite displaced points: the Infinity record is not drawn
    expect(lineLayer.data.values.length).toBe(7);
    const svg = await renderSvg(limitFigure("Fig. test", [[panel]]));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("m_N [GeV]");
    expect(svg).toContain("|U_μ4|²");
    expect(svg).toContain("1e-8");
  });
});
