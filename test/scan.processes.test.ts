import { describe, expect, it } from "vitest";
import { backgroundStreams, W_REGIONS } from "../src/scan/processes.js";
import { sampleSizes } from "../src/scan/reproduce.js";

describe("background samples of a scan (scan/processes.ts)", () => {
  const sizes = sampleSizes(false).background;
  const runs = backgroundStreams(13000, sizes, 1, true);

  it("hold every final state of the paper's backgrounds exactly once", () => {
    // Paper Sec. IV: W(→ℓν) + soft ℓ′ℓ′ for ℓ, ℓ′ ∈ {e, μ} (4), Z/γ* + soft pair (4e, 4μ, μμee: the
    // mixed final state once — its matrix element holds every diagram whichever pair is "soft"),
    // tt̄ + soft ee / μμ (2). A final state listed twice would be counted twice in N_B.
    const finalState = (spec: (typeof runs)[number]["spec"]): string => {
      if (spec.kind === "wgamma") return `W ${spec.lepton} nu ${spec.pair} ${spec.pair}`;
      if (spec.kind === "zll")
        return `Z ${[spec.lepton, spec.lepton, spec.pair, spec.pair].sort().join(" ")}`;
      return `tt ${spec.pair} ${spec.pair}`;
    };
    const processes = new Map<string, string>();
    for (const r of runs) processes.set(r.process, finalState(r.spec));
    const states = [...processes.values()];
    expect(new Set(states).size).toBe(states.length);
    expect(states.sort()).toEqual(
      [
        "W e nu e e",
        "W e nu mu mu",
        "W mu nu e e",
        "W mu nu mu mu",
        "Z e e e e",
        "Z e e mu mu",
        "Z mu mu mu mu",
        "tt e e",
        "tt mu mu",
      ].sort(),
    );
  });

  it("splits W + soft pair into the four selection regions, once each, with distinct seeds", () => {
    // The regions partition phase space (wregion.ts; test/background.wregion.test.ts checks that
    // they add up to the inclusive σ): each must appear exactly once per W channel, or a region
    // would be missing from N_B or counted twice. Equal seeds would repeat the same events.
    const seeds = runs.map((r) => r.seed);
    expect(new Set(seeds).size).toBe(seeds.length);
    const labels = runs.map((r) => r.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const r of runs) {
      if (r.spec.kind !== "wgamma") {
        expect(r.label).toBe(r.process);
        expect(r.weightFloor).toBe(0);
        continue;
      }
      expect(r.label).toBe(`${r.process}/${r.spec.region}`);
      expect(r.points).toBe(sizes.wRegions[r.spec.region as (typeof W_REGIONS)[number]]);
    }
    for (const process of ["wgamma-mu-e", "wgamma-mu-mu", "wgamma-e-e", "wgamma-e-mu"]) {
      const regions = runs
        .filter((r) => r.process === process)
        .map((r) => (r.spec as { region?: string }).region);
      expect(regions).toEqual([...W_REGIONS]);
    }
  });
});
