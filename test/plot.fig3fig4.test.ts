/**
 * Paper Figs. 3–4 builders (src/plot/distributions.ts): expected events per bin (σ × L, flow folded
 * into the edge bins as the captions say), backgrounds summed per group, signal scaling, and the
 * spec (panels with unit-bearing axis titles, log y, shared legend).
 */
import { describe, expect, it } from "vitest";
import { emptyObservables } from "../src/analysis/observables.js";
import {
  type DistributionSample,
  distributionCsv,
  distributionSpec,
  distributionTable,
  FIG34_PANELS,
} from "../src/plot/distributions.js";

/** n valid entries with pt1 = values[i], the other columns mid-range. */
function sample(
  label: string,
  group: DistributionSample["group"],
  pt1: number[],
  w: number[],
  scale?: number,
): DistributionSample {
  const o = emptyObservables(pt1.length);
  pt1.forEach((x, i) => {
    o.valid[i] = 1;
    o.weight[i] = w[i]!;
    o.pt1[i] = x;
    o.pt2[i] = 10;
    o.pt3[i] = 5;
    o.mll[i] = 0.5;
    o.m3l[i] = 60;
    o.pt3l[i] = 20;
    o.dPhi1Z[i] = 3;
    o.dR1Z[i] = 3;
  });
  return {
    label,
    group,
    observables: o,
    weights: Float64Array.from(w),
    ...(scale !== undefined ? { scale } : {}),
  };
}

/** The parts of a Vega-Lite encoding channel the tests read. */
type Channel = { title?: string | null; scale: { type?: string; domain: (number | string)[] } };

describe("distributionTable", () => {
  it("bins σ × L (1 fb⁻¹ = 1000 pb⁻¹), folds overflow, sums backgrounds per group, scales signals", () => {
    // Reference: expected events = w [pb] × 150 fb⁻¹ × 1000 pb⁻¹/fb⁻¹, by hand.
    const samples = [
      sample("W a", "W", [30, 250], [1e-3, 2e-3]), // 250 GeV: overflow of the 0–100 GeV pT(ℓ1) axis
      sample("W b", "W", [30], [4e-3]),
      sample("Z", "Z", [50], [1e-4]),
      sample("m_N = 0.3 GeV, m_Z_D = 0.1 GeV", "signal", [30], [0.5], 0.01),
    ];
    const rows = distributionTable(samples, 150);
    const pt1 = rows.filter((r) => r.panel === "pt1");
    const bin = (series: string, x: number) => pt1.find((r) => r.series === series && r.lo <= x && x < r.hi)!;
    expect(bin("W", 30).events).toBeCloseTo((1e-3 + 4e-3) * 150e3, 9);
    expect(bin("W", 99.9).events).toBeCloseTo(2e-3 * 150e3, 9); // overflow in the last bin
    expect(bin("Z", 50).events).toBeCloseTo(1e-4 * 150e3, 9);
    expect(bin("m_N = 0.3 GeV, m_Z_D = 0.1 GeV", 30).events).toBeCloseTo(0.5 * 0.01 * 150e3, 9);
    // Every panel holds every series' total.
    for (const p of FIG34_PANELS) {
      const tot = rows
        .filter((r) => r.panel === p.name && r.series === "W")
        .reduce((s, r) => s + r.events, 0);
      expect(tot).toBeCloseTo(7e-3 * 150e3, 9);
    }
    expect(distributionCsv(rows).trim().split("\n")).toHaveLength(rows.length + 1);
  });
});

describe("distributionSpec", () => {
  it("one panel per observable, titles with units, log y, stacked W → Z with cumulative edges", () => {
    const rows = distributionTable(
      [sample("W", "W", [30], [1e-3]), sample("Z", "Z", [30], [2e-3]), sample("sig", "signal", [30], [1e-3])],
      150,
    );
    const spec = distributionSpec(rows, { title: "t" }) as unknown as {
      concat: {
        layer: {
          data: { values: Record<string, number | string>[] };
          encoding: { x: Channel; y: Channel; color: Channel };
        }[];
      }[];
    };
    expect(spec.concat).toHaveLength(FIG34_PANELS.length);
    const titles = spec.concat.map((c) => c.layer[0]!.encoding.x.title as string);
    expect(titles).toContain("p_T(ℓ1) [GeV]");
    expect(titles).toContain("m_ℓℓ(ℓ2, ℓ3) [GeV]");
    expect(titles).toContain("dφ(ℓ1, Z_D) [rad]");
    for (const c of spec.concat) {
      expect(c.layer[0]!.encoding.y.scale.type).toBe("log");
      expect(c.layer[0]!.encoding.y.title).toBe("Events / bin");
    }
    const mll = spec.concat[titles.indexOf("m_ℓℓ(ℓ2, ℓ3) [GeV]")]!;
    expect(mll.layer[0]!.encoding.x.scale.type).toBe("log");
    // Stack in the pT(ℓ1) 28–32 GeV bin: W from the floor to 150, Z from 150 to 450 events.
    const stack = spec.concat[0]!.layer[0]!.data.values;
    const w = stack.find((s) => s.series === "W")!;
    const z = stack.find((s) => s.series === "Z")!;
    expect(w.y1).toBeCloseTo(150, 9);
    expect(z.y0).toBeCloseTo(150, 9);
    expect(z.y1).toBeCloseTo(450, 9);
    // Signal step line: one point per bin plus the closing edge.
    expect(spec.concat[0]!.layer[1]!.data.values).toHaveLength(
      FIG34_PANELS[0]!.binning.kind === "uniform" ? 26 : 0,
    );
    // Legend domain: backgrounds first, then signals.
    expect(spec.concat[0]!.layer[0]!.encoding.color.scale.domain).toEqual(["W", "Z", "sig"]);
  });
});

describe("fig34SampleSets", () => {
  it("gives each selection exactly the weights of the full analysis chain (analyzeBatch) on the same stream", async () => {
    // Reference: analysis/pipeline.ts analyzeBatch with the figure's settings (paper card, electron
    // channel, electrons > 1 GeV, detector stream (seed, k)); one detector pass serving both
    // selections must reproduce it bit for bit.
    const { generate } = await import("../src/generate/index.js");
    const { analyzeBatch } = await import("../src/analysis/pipeline.js");
    const { loadCard } = await import("../src/detector/card.js");
    const { randomStream } = await import("../src/core/rng.js");
    const { fig34SampleSets } = await import("../src/plot/distributions.js");
    const { signalSpec } = await import("../src/scan/products.js");
    // The scan's signal sample at the paper's benchmark point (m_N, m_Z_D) = (0.3, 0.1) GeV.
    const spec = signalSpec({ mN: 0.3, mZD: 0.1 }, 13000);
    const r = await generate(spec, { nEvents: 3000, seed: 3, workers: 0 });
    const raw = [{ label: "signal", group: "signal" as const, batch: r.batch, info: r.info }];
    const sets = await fig34SampleSets(raw, { selections: ["prompt-baseline", "prompt-sr"], seed: 9 });
    for (const selection of ["prompt-baseline", "prompt-sr"] as const) {
      const ref = analyzeBatch(r.batch, r.info, {
        card: loadCard("paper"),
        lumiInvFb: 0,
        rng: randomStream(9, 0),
        selection,
        channel: "ee",
        electronPtMinGeV: 1,
        histograms: [],
      });
      expect(Array.from(sets[selection][0]!.weights)).toEqual(Array.from(ref.selectedWeights));
      expect(Array.from(sets[selection][0]!.observables.mll)).toEqual(Array.from(ref.observables.mll));
    }
    // Something passes the baseline: the comparison is not between empty arrays.
    expect(sets["prompt-baseline"][0]!.weights.some((w) => w > 0)).toBe(true);
  });
});
