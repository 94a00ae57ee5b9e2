import { describe, expect, it } from "vitest";
import { PAPER_SELECTION } from "../src/analysis/cuts.js";
import { allocateFixedEventBatch, copiesUnderCap, type EventBatch } from "../src/core/events.js";
import { randomStream } from "../src/core/rng.js";
import {
  copiesByReach,
  expectedSelectedWeights,
  selectionProxyOfEvent,
} from "../src/generate/background/eventProxy.js";
import type { PhaseSpaceRegion } from "../src/generate/background/regions.js";
import { type BackgroundSpec, buildBackgroundProcess } from "../src/generate/background/spec.js";
import { REACH_RECOIL, SELECTION_PROXY_FLOOR, withinReach } from "../src/generate/background/wregion.js";
import { backgroundSpecs } from "../src/scan/processes.js";

/** The scan's W + soft pair spec of one channel (paper generation cuts), in one region part. */
function spec(lepton: "e" | "mu", pair: "e" | "mu", region: PhaseSpaceRegion): BackgroundSpec {
  const s = backgroundSpecs(13000).find((r) => r.process === `wgamma-${lepton}-${pair}`)!.spec;
  if (s.kind !== "wgamma") throw new Error(`wgamma-${lepton}-${pair} is not a W + soft pair spec`);
  return { ...s, region, adaptTo: "selection" };
}

/** `n` weighted events of `s` from unadapted points (seed `seed`), each at its point's weight. */
function eventsOf(s: BackgroundSpec, n: number, seed: number): EventBatch {
  const { process } = buildBackgroundProcess(s);
  const rng = randomStream(seed, 0);
  const y = new Float64Array(process.nDim);
  const batch = allocateFixedEventBatch(n, process.nParticles);
  for (let k = 0; k < n; ) {
    rng.fillUniform(y);
    const w = process.evaluate(y, rng.uniform());
    if (w > 0) process.writeEvent(batch, k++, w, rng);
  }
  return batch;
}

describe("the selection proxy of generated events (eventProxy.ts)", () => {
  // The event's proxy must be the number the process steered its grid with at that point
  // (WSoftPairProcess.adaptationFactor): same leptons, same thresholds, same ŝ and rapidity.
  // Tolerance: rounding (ŝ and y are recomputed from the stored momenta).
  for (const [lepton, pair, region] of [
    ["mu", "e", "core"],
    ["e", "mu", "shell"],
    ["mu", "mu", "core"],
    ["e", "e", "halo"],
    ["mu", "mu", "halo"],
  ] as const) {
    it(`equals the process's adaptationFactor at the event's point: W(${lepton}ν) + ${pair}${pair}, ${region}`, () => {
      const { process } = buildBackgroundProcess(spec(lepton, pair, region));
      const rng = randomStream(7, 0);
      const y = new Float64Array(process.nDim);
      const batch = allocateFixedEventBatch(1, process.nParticles);
      const scratch = new Float64Array(36);
      let checked = 0;
      let aboveFloor = 0;
      for (let i = 0; i < 4000 && checked < 200; i++) {
        rng.fillUniform(y);
        const w = process.evaluate(y, rng.uniform());
        if (!(w > 0)) continue;
        const a = process.adaptationFactor!();
        process.writeEvent(batch, 0, w, rng);
        expect(selectionProxyOfEvent(batch, 0, PAPER_SELECTION, scratch)).toBeCloseTo(a, 9);
        checked++;
        if (a > SELECTION_PROXY_FLOOR) aboveFloor++;
      }
      expect(checked).toBe(200);
      // The comparison must also see points on the proxy's ramps, not only at its floor (the outer
      // regions hold few: their points lie mostly where the selection surely fails).
      expect(aboveFloor).toBeGreaterThan(region === "core" ? 10 : 0);
    });
  }

  it("gives copies so that no copy's expected selected weight exceeds the cap", () => {
    const batch = eventsOf(spec("mu", "mu", "core"), 300, 3);
    const n = batch.nEvents;
    const expected = expectedSelectedWeights(batch, PAPER_SELECTION);
    const scratch = new Float64Array(36);
    let mean = 0;
    for (let e = 0; e < n; e++) {
      const p = selectionProxyOfEvent(batch, e, PAPER_SELECTION, scratch);
      expect(p).toBeGreaterThanOrEqual(SELECTION_PROXY_FLOOR * (1 - 1e-12)); // the recoil average rounds
      expect(p).toBeLessThanOrEqual(1);
      expect(expected[e]).toBe(batch.weight[e]! * p);
      mean += expected[e]! / n;
    }
    const copies = copiesUnderCap(expected, mean, 1000);
    for (let e = 0; e < n; e++) {
      expect(expected[e]! / copies[e]!).toBeLessThanOrEqual(mean * (1 + 1e-12));
      // The fewest copies that do it: one fewer would break the cap.
      if (copies[e]! > 1) expect(expected[e]! / (copies[e]! - 1)).toBeGreaterThan(mean);
    }
  });

  it("copies by reach: the small cap for the events the reach recoil can carry in, the large one otherwise", () => {
    const batch = eventsOf(spec("mu", "mu", "halo"), 3000, 5);
    const n = batch.nEvents;
    let mean = 0;
    for (let e = 0; e < n; e++) mean += batch.weight[e]! / n;
    const copies = copiesByReach(batch, PAPER_SELECTION, REACH_RECOIL, 0.25 * mean, 4 * mean, 32);
    const small = copiesUnderCap(batch.weight, 0.25 * mean, 32);
    const large = copiesUnderCap(batch.weight, 4 * mean, 32);
    const scratch = new Float64Array(36);
    let within = 0;
    for (let e = 0; e < n; e++) {
      const p = selectionProxyOfEvent(batch, e, PAPER_SELECTION, scratch, REACH_RECOIL);
      const reach = withinReach(p);
      expect(copies[e]).toBe(reach ? small[e] : large[e]);
      if (reach) within++;
    }
    // Both kinds occur among the halo's points (the policy is exercised both ways), and those within
    // reach are the minority (6–10 % of the halo's events in the bench's runs; docs/backgrounds.md).
    expect(within).toBeGreaterThan(0);
    expect(within).toBeLessThan(n / 2);
  });
});
