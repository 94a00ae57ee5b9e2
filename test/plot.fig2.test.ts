/**
 * Paper Fig. 2 (src/plot/fig2.ts): the numbers (smallest 68 % interval of the smeared m_ee) and the
 * spec (log x in GeV, log y in %, band + line).
 */
import { describe, expect, it } from "vitest";
import { type Fig2Row, fig2Csv, fig2Data, fig2Spec, niceLogBound } from "../src/plot/fig2.js";

/** The parts of a Vega-Lite encoding channel the tests read. */
type Channel = { title?: string | null; scale: { type?: string; domain: (number | string)[] } };

describe("fig2Data", () => {
  it("at m_Z_D = 8 GeV the optimistic card gives σ_m/m = 2.5 %/√2; optimistic < paper < pessimistic at 0.1 GeV", async () => {
    // Reference: at fixed angles m ∝ √(pT₁ pT₂) (paper Sec. IV smearing scales pT at fixed φ, cot θ),
    // so δm/m = (δ₁ + δ₂)/2 and σ_m/m = σ_pT/√2 = 1.77 % for the optimistic 2.5 % card; a wide
    // 8 GeV pair from a 10 GeV N_D has an opening angle ~1 rad, so the 0.001 rad angular terms add
    // < 0.2 %. Tolerance 12 %: the 68 % interval of ~900 events has a relative MC error of ≈ 4 %
    // (3σ). The ordering at 0.1 GeV is checked with margins far above that error (×2 spread).
    const rows = await fig2Data({ masses: [0.1, 8], nEvents: 2000, size: "quick", seed: 5 });
    const at = (m: number, c: Fig2Row["card"]) => rows.find((r) => r.mZD === m && r.card === c)!;
    expect(at(8, "optimistic").resolutionPct).toBeGreaterThan(1.77 * 0.88);
    expect(at(8, "optimistic").resolutionPct).toBeLessThan(1.77 * 1.12);
    // Pessimistic card: 8 %/√2 = 5.66 % from pT alone, same tolerance.
    expect(Math.abs(at(8, "pessimistic").resolutionPct / 5.66 - 1)).toBeLessThan(0.12);
    expect(at(0.1, "optimistic").resolutionPct).toBeLessThan(at(0.1, "paper").resolutionPct);
    expect(at(0.1, "paper").resolutionPct).toBeLessThan(at(0.1, "pessimistic").resolutionPct);
    for (const r of rows) {
      expect(r.nEvents).toBeGreaterThan(500);
      expect(r.loGeV).toBeLessThan(r.mZD);
      expect(r.hiGeV).toBeGreaterThan(r.mZD);
    }
    expect(fig2Csv(rows).trim().split("\n")).toHaveLength(1 + rows.length);
  });
});

describe("fig2Spec", () => {
  const rows: Fig2Row[] = [];
  for (const [m, p, o, s] of [
    [0.05, 20, 10, 26],
    [1, 4.2, 1.9, 6.1],
    [8, 3.1, 1.8, 5.6],
  ] as const) {
    for (const [card, v] of [
      ["paper", p],
      ["optimistic", o],
      ["pessimistic", s],
    ] as const)
      rows.push({
        mZD: m,
        card,
        halfWidthGeV: (v * m) / 100,
        resolutionPct: v,
        loGeV: m,
        hiGeV: m,
        nEvents: 1,
      });
  }
  it("has a log x axis in GeV, a log y axis in %, one band point and one line point per mass", () => {
    const spec = fig2Spec(rows) as unknown as {
      layer: { data: { values: unknown[] }; encoding: { x: Channel; y: Channel; color: Channel } }[];
    };
    const [band, line] = spec.layer;
    expect(band!.data.values).toHaveLength(3);
    expect(line!.data.values).toHaveLength(3);
    expect(line!.encoding.x.title).toBe("m_Z_D [GeV]");
    expect(line!.encoding.x.scale.type).toBe("log");
    expect(line!.encoding.y.title).toMatch(/\[%\]/);
    expect(line!.encoding.y.scale.type).toBe("log");
    // The y domain encloses every value.
    const [lo, hi] = line!.encoding.y.scale.domain as [number, number];
    expect(lo).toBeLessThanOrEqual(1.8);
    expect(hi).toBeGreaterThanOrEqual(26);
    // Band edges are min/max of optimistic and pessimistic.
    expect(band!.data.values[0]).toMatchObject({ lo: 10, hi: 26 });
  });
  it("niceLogBound rounds to 1, 2, 5 × 10^k", () => {
    expect(niceLogBound(26 * 1.2, "up")).toBe(50);
    expect(niceLogBound(1.5, "down")).toBe(1);
    expect(niceLogBound(0.03, "down")).toBeCloseTo(0.02, 15);
  });
});
