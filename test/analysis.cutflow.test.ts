/**
 * Weighted cut flows with non-unit weights (STYLE.md item 19: every row, the first included, is
 * Σw — an old Rivet cut-flow class counted its first step by events). References: the
 * definitions σ = Σw, δσ = √Σw², N = σ L (1 fb⁻¹ = 1000 pb⁻¹), computed by hand below.
 */
import { describe, expect, it } from "vitest";
import { cutFlow, cutFlowsByProcess, formatCutFlow } from "../src/analysis/cutflow.js";
import {
  type Cut,
  exactlyThreeLeptons,
  leadingPt,
  predicateCut,
  promptSignalRegionCuts,
  selectedWeights,
} from "../src/analysis/cuts.js";
import { batchFromEvents, momentumFromPtEtaPhi } from "../src/analysis/handbuilt.js";
import { computeObservables, emptyObservables } from "../src/analysis/observables.js";
import { randomStream } from "../src/core/rng.js";
import { loadCard } from "../src/detector/card.js";
import { reconstructLeptons } from "../src/detector/reconstruct.js";

/** Five hand-made entries: weights, lepton multiplicities, leading pT, process codes. */
function table() {
  const w = [0.5, 2, 3.25, 1e-3, 7];
  const nLep = [3, 3, 4, 3, 2];
  const pt1 = [30, 20, 40, 26, 50];
  const pid = [1, 2, 1, 2, 1];
  const o = emptyObservables(5);
  for (let i = 0; i < 5; i++) {
    o.event[i] = i; // one entry per generated event
    o.weight[i] = w[i]!;
    o.nLeptons[i] = nLep[i]!;
    o.valid[i] = nLep[i]! >= 3 ? 1 : 0;
    o.pt1[i] = pt1[i]!;
    o.processId[i] = pid[i]!;
  }
  return o;
}

const cuts: Cut[] = [exactlyThreeLeptons(0.05), leadingPt(25)];

describe("weighted cut flow", () => {
  it("rows hold Σw and √Σw² after each cut, the first row included; the veto factor multiplies the weight", () => {
    const f = cutFlow(table(), cuts);
    // all: Σw = 0.5 + 2 + 3.25 + 0.001 + 7 (not the entry count 5)
    expect(f.rows[0]!.sigmaPb).toBeCloseTo(12.751, 12);
    expect(f.rows[0]!.sigmaErrPb).toBeCloseTo(Math.sqrt(0.25 + 4 + 3.25 ** 2 + 1e-6 + 49), 12);
    expect(f.rows[0]!.entries).toBe(5);
    // nLeptons: entries 0, 1, 3 (×1) and entry 2 (4 leptons, ×0.05); entry 4 fails.
    const w1 = [0.5, 2, 3.25 * 0.05, 1e-3];
    expect(f.rows[1]!.sigmaPb).toBeCloseTo(
      w1.reduce((a, b) => a + b),
      12,
    );
    expect(f.rows[1]!.sigmaErrPb).toBeCloseTo(Math.sqrt(w1.reduce((a, b) => a + b * b, 0)), 12);
    // leadingPt > 25: entries 0 (30), 2 (40), 3 (26); entry 1 (20) fails.
    const w2 = [0.5, 3.25 * 0.05, 1e-3];
    expect(f.rows[2]!.sigmaPb).toBeCloseTo(
      w2.reduce((a, b) => a + b),
      12,
    );
    expect(f.rows[2]!.sigmaErrPb).toBeCloseTo(Math.sqrt(w2.reduce((a, b) => a + b * b, 0)), 12);
    expect(f.rows[2]!.entries).toBe(3);
    expect(f.rows[2]!.efficiency).toBeCloseTo(f.rows[2]!.sigmaPb / f.rows[1]!.sigmaPb, 14);
    expect(f.rows.map((r) => r.cut)).toEqual(["all", "nLeptons", "leadingPt"]);
    expect(f.rows[1]!.reference).toContain("Table II");
  });

  it("entries of one event are correlated: their weights add before squaring (MC error)", () => {
    const o = table();
    // Entries 0 and 1 become two efficiency outcomes of the same generated event.
    o.event[1] = 0;
    const f = cutFlow(o, []);
    expect(f.rows[0]!.sigmaErrPb).toBeCloseTo(Math.sqrt((0.5 + 2) ** 2 + 3.25 ** 2 + 1e-6 + 49), 12);
  });

  it("expected events at a luminosity: N = σ[pb] × L[fb⁻¹] × 1000, error likewise", () => {
    const f = cutFlow(table(), cuts, { lumiInvFb: 150 });
    for (const r of f.rows) {
      expect(r.events).toBeCloseTo(r.sigmaPb * 150e3, 6);
      expect(r.eventsErr).toBeCloseTo(r.sigmaErrPb * 150e3, 6);
    }
    expect(() => cutFlow(table(), cuts, { lumiInvFb: -1 })).toThrow(/lumiInvFb/);
  });

  it("per-process cut flows add up to the total, row by row; the last row equals Σ selectedWeights (twin)", () => {
    const flows = cutFlowsByProcess(table(), cuts, { 1: "W", 2: "Z" }, 150);
    expect(flows.map((f) => f.process)).toEqual(["W", "Z", "all"]);
    for (let k = 0; k < 3; k++) {
      expect(flows[0]!.rows[k]!.sigmaPb + flows[1]!.rows[k]!.sigmaPb).toBeCloseTo(
        flows[2]!.rows[k]!.sigmaPb,
        12,
      );
    }
    const sel = selectedWeights(table(), cuts);
    expect(sel.reduce((a, b) => a + b)).toBeCloseTo(flows[2]!.rows[2]!.sigmaPb, 14);
    expect(formatCutFlow(flows[2]!)).toContain("leadingPt");
  });

  it("a cut removing everything gives zero rows and efficiency 0 after it, without NaN", () => {
    const f = cutFlow(table(), [predicateCut("none", "test", () => false), leadingPt(25)]);
    expect(f.rows[1]!.sigmaPb).toBe(0);
    expect(f.rows[2]!.efficiency).toBe(0);
    expect(f.rows.every((r) => Number.isFinite(r.sigmaPb) && Number.isFinite(r.efficiency))).toBe(true);
  });
});

describe("end to end: EventBatch with non-unit weights → paper card → prompt signal region", () => {
  it("the 'all' row equals σ of the batch (weight-mode entries partition each event's weight)", () => {
    const lep = (pdg: number, pt: number, eta: number, phi: number) => ({
      pdg,
      m: 0,
      ...momentumFromPtEtaPhi(pt, eta, phi),
    });
    const sig = [lep(13, 40, 0, 0), lep(11, 10, 0.3, 3.0), lep(-11, 8, 0.35, -3.1)];
    const batch = batchFromEvents([
      { weight: 0.7, processId: 1, particles: sig },
      { weight: 2.2, processId: 2, particles: [...sig, lep(-13, 20, 1, 1.5)] },
      { weight: 1.1, processId: 1, particles: sig.slice(0, 2) },
    ]);
    const reco = reconstructLeptons(batch, loadCard("paper"), randomStream(3, 0));
    const obs = computeObservables(reco, batch);
    const f = cutFlow(obs, promptSignalRegionCuts(), { lumiInvFb: 150 });
    expect(f.rows[0]!.sigmaPb).toBeCloseTo(0.7 + 2.2 + 1.1, 12);
    // After the multiplicity cut: event 0 contributes 0.7 ε³; event 1 has four leptons in acceptance,
    // so the loose veto (paper Sec. IV, 5 % inefficiency) applies to all its ≥ 3-lepton outcomes:
    // 2.2 × 0.05 × [ε⁴ + 4 ε³(1−ε)].
    const e = 0.85;
    expect(f.rows[1]!.sigmaPb).toBeCloseTo(0.7 * e ** 3 + 2.2 * 0.05 * (e ** 4 + 4 * e ** 3 * (1 - e)), 12);
    // Monotone non-increasing down the flow.
    for (let k = 1; k < f.rows.length; k++)
      expect(f.rows[k]!.sigmaPb).toBeLessThanOrEqual(f.rows[k - 1]!.sigmaPb);
  });
});
