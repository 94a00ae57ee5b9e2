import { describe, expect, test } from "vitest";
import { pyhfWorkspaceSchema, toHistFactoryWorkspace, workspaceProblems } from "../src/stats/histfactory.js";
import { normalCdf } from "../src/stats/normal.js";
import {
  fakeBackgroundVariations,
  leptonEfficiencyVariations,
  type PromptChannel,
} from "../src/stats/prompt.js";
import { promptClsLimit, promptCountingModel, promptWorkspace } from "../src/stats/promptModel.js";

function edgesUniform(lo: number, hi: number, bins: number): Float64Array {
  return Float64Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
}

function channels(): PromptChannel[] {
  const edges = edgesUniform(0.2, 0.8, 600);
  const n = 600;
  const gauss = (sigma: number, total: number) => {
    const sumW = Float64Array.from({ length: n }, (_, i) => {
      return total * (normalCdf((edges[i + 1]! - 0.5) / sigma) - normalCdf((edges[i]! - 0.5) / sigma));
    });
    return { edges, sumW, sumW2: sumW.map((w) => w * 1e-3) };
  };
  const flat = (density: number) => {
    const sumW = new Float64Array(n).fill(density * 0.001);
    return { edges, sumW, sumW2: sumW.map((w) => w * 0.02) };
  };
  return [
    { name: "ee", signal: gauss(0.02, 40), background: flat(5e4) },
    { name: "mumu", signal: gauss(0.01, 30), background: flat(2e4) },
  ];
}

describe("HistFactory JSON workspace export (pyhf schema 1.0.0)", () => {
  const nominal = { channels: channels(), u2Ref: 1e-6 };
  const variations = [
    ...fakeBackgroundVariations(nominal.channels).variations,
    ...leptonEfficiencyVariations(nominal.channels),
  ];

  test("the prompt-search workspace satisfies the pyhf schema's required structure", () => {
    // Reference: scikit-hep.org/pyhf/schemas/1.0.0/workspace.json (defs.json): required keys,
    // additionalProperties false, minItems 1, modifier data shapes, version "1.0.0".
    const ws = promptWorkspace(nominal, variations);
    const parsed = pyhfWorkspaceSchema.safeParse(JSON.parse(JSON.stringify(ws)));
    expect(parsed.success).toBe(true);
    expect(workspaceProblems(ws)).toEqual([]);
    expect(ws.version).toBe("1.0.0");
    expect(ws.measurements[0]!.config).toEqual({ poi: "mu", parameters: [] });
    expect(ws.channels.map((c) => c.name)).toEqual(["ee", "mumu"]);
    const ee = ws.channels[0]!;
    const sig = ee.samples.find((s) => s.name === "signal")!;
    const bkg = ee.samples.find((s) => s.name === "background")!;
    expect(sig.modifiers).toContainEqual({ name: "mu", type: "normfactor", data: null });
    // Fake background: one-sided normsys on the background only (hi = 1.5, lo = 1).
    expect(bkg.modifiers).toContainEqual({
      name: "fake-nonprompt-background",
      type: "normsys",
      data: { hi: 1.5, lo: 1 },
    });
    expect(sig.modifiers.some((m) => m.name === "fake-nonprompt-background")).toBe(false);
    // Lepton efficiency: correlated normsys on both samples, ((0.85 ± 0.05)/0.85)³.
    for (const s of [sig, bkg]) {
      const m = s.modifiers.find((x) => x.name === "lepton-efficiency");
      expect(m?.type).toBe("normsys");
      if (m?.type === "normsys") {
        expect(m.data.hi).toBeCloseTo((0.9 / 0.85) ** 3, 12);
        expect(m.data.lo).toBeCloseTo((0.8 / 0.85) ** 3, 12);
      }
    }
    // staterror shared by the samples of a channel, one entry per bin.
    expect(bkg.modifiers.find((m) => m.type === "staterror")).toMatchObject({ name: "staterror_ee" });
    // Observations = background-only Asimov data = the background window yield.
    const pm = promptCountingModel(nominal, variations);
    expect(ws.observations[0]).toEqual({ name: "ee", data: [pm.windows[0]!.nB] });
    expect(bkg.data).toEqual([pm.windows[0]!.nB]);
    expect(sig.data).toEqual([pm.windows[0]!.nS]);
  });

  test("structural checks reject broken workspaces (the schema is not vacuous)", () => {
    const ws = JSON.parse(JSON.stringify(promptWorkspace(nominal, variations)));
    expect(pyhfWorkspaceSchema.safeParse({ ...ws, version: "2.0.0" }).success).toBe(false);
    expect(pyhfWorkspaceSchema.safeParse({ ...ws, extra: 1 }).success).toBe(false);
    const { observations: _o, ...noObs } = ws;
    expect(pyhfWorkspaceSchema.safeParse(noObs).success).toBe(false);
    const badMod = structuredClone(ws);
    badMod.channels[0].samples[0].modifiers.push({ name: "x", type: "normsys", data: { hi: 1.1 } });
    expect(pyhfWorkspaceSchema.safeParse(badMod).success).toBe(false);
    const emptyData = structuredClone(ws);
    emptyData.channels[0].samples[0].data = [];
    expect(pyhfWorkspaceSchema.safeParse(emptyData).success).toBe(false);
    const wrongBins = structuredClone(ws);
    wrongBins.observations[0].data = [1, 2];
    expect(pyhfWorkspaceSchema.safeParse(wrongBins).success).toBe(true);
    expect(workspaceProblems(wrongBins)).toEqual(["observations[0].data: 2 bins, expected 1"]);
  });

  test("histosys and μ bounds are exported in pyhf's form", () => {
    const ws = toHistFactoryWorkspace(
      {
        channels: [
          {
            name: "sr",
            samples: [
              {
                name: "sig",
                data: [1, 2],
                signal: true,
                modifiers: [{ kind: "histosys", name: "res", hi: [0.8, 2.2], lo: [1.2, 1.8] }],
              },
              { name: "bkg", data: [10, 20] },
            ],
          },
        ],
      },
      { muBounds: [0, 50] },
    );
    expect(pyhfWorkspaceSchema.safeParse(ws).success).toBe(true);
    expect(ws.channels[0]!.samples[0]!.modifiers).toContainEqual({
      name: "res",
      type: "histosys",
      data: { hi_data: [0.8, 2.2], lo_data: [1.2, 1.8] },
    });
    expect(ws.measurements[0]!.config.parameters).toEqual([{ name: "mu", bounds: [[0, 50]] }]);
    expect(ws.observations).toEqual([{ name: "sr", data: [10, 20] }]);
  });

  test("CLs limit on |U|² from the same model, reported beside the S = 2 limit", () => {
    // Reference: for one bin per channel without nuisances and b ≫ s, the combined CLs median
    // limit is 1.96/2 of the S = 2 rule's (both are ∝ 1/√(Σ s²/b)); the nuisances here only
    // weaken it. Tolerance 2 % (b ≈ 1000–2000: O(s/b) corrections).
    const plain = promptClsLimit(nominal);
    const s2 = plain.promptModel.nominal.u2Excl;
    expect(plain.u2ExclCls / ((1.959964 / 2) * s2) - 1).toBeLessThan(0.02);
    expect(plain.u2ExclCls / ((1.959964 / 2) * s2) - 1).toBeGreaterThan(-0.02);
    const syst = promptClsLimit(nominal, variations);
    expect(syst.u2ExclCls).toBeGreaterThan(plain.u2ExclCls);
    expect(syst.discoverySignificanceRef).toBeLessThan(plain.discoverySignificanceRef);
    // Asimov Z at |U_ref|² without nuisances ≈ combined S (b ≫ s), 2 %.
    expect(plain.discoverySignificanceRef / plain.promptModel.nominal.combinedSignificance - 1).toBeLessThan(
      0.02,
    );
  });
});
