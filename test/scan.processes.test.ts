import { describe, expect, it } from "vitest";
import { backgroundRequests } from "../src/scan/processes.js";

describe("background samples of a scan (scan/processes.ts)", () => {
  const parts = { W: 2, Z: 1, top: 1 };
  const requests = backgroundRequests(13000, 1000, parts, 1, true);

  it("hold every final state of the paper's backgrounds exactly once", () => {
    // Paper Sec. IV: W(→ℓν) + soft ℓ′ℓ′ for ℓ, ℓ′ ∈ {e, μ} (4), Z/γ* + soft pair (4e, 4μ, μμee: the
    // mixed final state once — its matrix element holds every diagram whichever pair is "soft"),
    // tt̄ + soft ee / μμ (2). A final state listed twice would be counted twice in N_B.
    const finalState = (spec: (typeof requests)[number]["request"]["spec"]): string => {
      if (spec.kind === "wgamma") return `W ${spec.lepton} nu ${spec.pair} ${spec.pair}`;
      if (spec.kind === "zll")
        return `Z ${[spec.lepton, spec.lepton, spec.pair, spec.pair].sort().join(" ")}`;
      if (spec.kind === "ttbar") return `tt ${spec.pair} ${spec.pair}`;
      return spec.kind;
    };
    const processes = new Map<string, string>();
    for (const r of requests) processes.set(r.process, finalState(r.request.spec));
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

  it("splits each process into its parts with distinct seeds", () => {
    // Parts are independent samples: equal seeds would repeat the same events.
    const seeds = requests.map((r) => r.request.seed);
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const r of requests) expect(r.parts).toBe(parts[r.request.group as keyof typeof parts]);
  });
});
