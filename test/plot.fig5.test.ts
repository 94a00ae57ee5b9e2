/**
 * Paper Fig. 5 builder (src/plot/fig5.ts): normalised displacement histograms (flow folded into the
 * edge bins, caption), the αε² variations through rescaleZDFlight, and the spec (log x in mm).
 */
import { describe, expect, it } from "vitest";
import { batchFromEvents } from "../src/analysis/handbuilt.js";
import { FIG5_BINNING, fig5Csv, fig5Series, fig5Spec, fig5Table } from "../src/plot/fig5.js";

/** The parts of a Vega-Lite encoding channel the tests read. */
type Channel = { title?: string | null; scale: { type?: string; domain: (number | string)[] } };

describe("fig5Table", () => {
  it("each series sums to 1 with under/overflow in the edge bins", () => {
    // Reference: normalisation to unity (caption) — Σ fractions = 1 to round-off.
    const rows = fig5Table([
      {
        panel: "masses",
        series: "a",
        selection: "all events",
        displacementMm: [1e-6, 0.5, 3, 1e6],
        weights: [1, 2, 3, 4],
      },
      {
        panel: "mixing",
        series: "b",
        selection: "full selection",
        displacementMm: [10, 20],
        weights: [0, 5],
      },
    ]);
    const sum = (s: string) => rows.filter((r) => r.series === s).reduce((t, r) => t + r.fraction, 0);
    expect(sum("a")).toBeCloseTo(1, 12);
    expect(sum("b")).toBeCloseTo(1, 12);
    const a = rows.filter((r) => r.series === "a");
    expect(a[0]!.fraction).toBeCloseTo(0.1, 12); // 1e-6 mm below the 1e-4 mm edge
    expect(a[a.length - 1]!.fraction).toBeCloseTo(0.4, 12); // 1e6 mm above 1e4 mm
    expect(fig5Csv(rows).trim().split("\n")).toHaveLength(rows.length + 1);
    expect(a).toHaveLength(FIG5_BINNING.kind === "log" ? FIG5_BINNING.bins : 0);
  });
});

describe("fig5Series + fig5Spec", () => {
  it("αε² variations move the displacement by αε²_ref/αε² exactly; spec has a log mm axis", async () => {
    // Reference: cτ ∝ 1/(αε²) (paper eq. 8): the mean displacement of the "all events" truth
    // scales by the factor; for the selected entries the weights are unchanged (no vertex cut in
    // the "sr" selection), so their weighted mean displacement scales the same way (1e-9 relative).
    const zdEvent = (flight: number) => {
      // ℓ1 along +x, Z_D back to back (dφ ≈ π, dR ≈ 3.15), electrons 8 and 6 GeV: passes "sr".
      const p = { px: -14, py: 0, pz: 3 };
      const n = Math.hypot(p.px, p.pz);
      const v = { vx: (flight * p.px) / n, vy: 0, vz: (flight * p.pz) / n };
      return {
        weight: 1,
        particles: [
          { pdg: -13, px: 40, py: 0, pz: 1 },
          { pdg: 9900022, ...p, m: 0.1, status: 2 },
          { pdg: 11, px: -8, py: 0.01, pz: 1.7, ...v },
          { pdg: -11, px: -6, py: -0.01, pz: 1.3, ...v },
        ],
      };
    };
    const batch = batchFromEvents([zdEvent(2), zdEvent(5), zdEvent(0.3)]);
    for (let e = 0; e < 3; e++) {
      batch.mother1[batch.offsets[e]! + 2] = 1;
      batch.mother1[batch.offsets[e]! + 3] = 1;
    }
    const series = await fig5Series([{ label: "pt", group: "signal", batch }], {
      alphaEps2Ref: 2e-10,
      alphaEps2: [2e-9, 2e-10],
    });
    expect(series.map((s) => `${s.panel}/${s.selection}`)).toEqual([
      "masses/all events",
      "masses/full selection",
      "mixing/full selection",
      "mixing/full selection",
    ]);
    const mean = (s: (typeof series)[number]) => {
      let sw = 0;
      let sx = 0;
      for (let i = 0; i < s.weights.length; i++) {
        sw += s.weights[i]!;
        sx += s.weights[i]! * s.displacementMm[i]!;
      }
      return sx / sw;
    };
    expect(mean(series[0]!)).toBeCloseTo((2 + 5 + 0.3) / 3, 12);
    const m1 = mean(series[2]!);
    const m0 = mean(series[3]!);
    expect(Number.isFinite(m1) && m0 > 0).toBe(true);
    expect(m1 / m0).toBeCloseTo(0.1, 9);
    const spec = fig5Spec(fig5Table(series)) as unknown as {
      hconcat: { layer: { encoding: { x: Channel; y: Channel; color: Channel } }[] }[];
    };
    expect(spec.hconcat).toHaveLength(2);
    for (const panel of spec.hconcat) {
      const enc = panel.layer[1]!.encoding;
      expect(enc.x.title).toBe("Z_D displacement [mm]");
      expect(enc.x.scale.type).toBe("log");
      expect(enc.y.title).toMatch(/Fraction/);
    }
  });
});
