import { describe, expect, it } from "vitest";
import { randomStream } from "../src/core/rng.js";
import { type FourBodyChannel, generateFourBody } from "../src/phasespace/channels/fourBody.js";
import { BlockVegasGrid, StratifiedMultichannel } from "../src/phasespace/channels/stratified.js";

/** Mean and standard error of the phase-space weight of channel `ch` over n unit-cube points. */
function volume(ch: FourBodyChannel, s: number, masses: number[], n: number, seed: number): [number, number] {
  const rng = randomStream(seed, 0);
  const p = new Float64Array(36);
  const u = new Float64Array(8);
  const m = Float64Array.from(masses);
  const rs = Math.sqrt(s);
  p.set([rs, 0, 0, 0], 24);
  let sw = 0;
  let sw2 = 0;
  for (let k = 0; k < n; k++) {
    rng.fillUniform(u);
    const w = generateFourBody(ch, p, 24, s, m, u, 0, [8, 12, 16, 20], 28, 32);
    sw += w;
    sw2 += w * w;
  }
  const mean = sw / n;
  return [mean, Math.sqrt((sw2 / n - mean * mean) / (n - 1))];
}

describe("2 → 4 channel chains (phasespace/channels/fourBody.ts)", () => {
  it("reproduce the massless 4-body phase-space volume with flat mass maps", () => {
    // Reference: Φₙ = (2π)^(4−3n) (π/2)^(n−1) s^(n−2) / ((n−1)!(n−2)!) for massless particles
    // (Byckling & Kajantie, "Particle Kinematics" (1973), eq. V.3.10, in the PDG (2π)⁴δ⁴ Π d³p/((2π)³2E)
    // convention). Tolerance: 4 MC standard errors (false alarm 6e-5 per assertion).
    const s = 100 * 100;
    const ref = ((2 * Math.PI) ** -8 * (Math.PI / 2) ** 3 * (s * s)) / (6 * 2);
    for (const topology of ["sequential", "double"] as const) {
      const [v, e] = volume(
        { topology, order: [0, 1, 2, 3], map1: { kind: "flat" }, map2: { kind: "flat" }, s2Min: 0 },
        s,
        [0, 0, 0, 0],
        200000,
        1,
      );
      expect(Math.abs(v - ref)).toBeLessThan(4 * e);
      expect(e / v).toBeLessThan(0.01);
    }
  });

  it("give the same volume for every mass map and topology on the same domain (m²₃₄ > 1 GeV², massive legs)", () => {
    // Invariance: the weight is dΦ₄/du, so the MC mean is the phase-space volume of the domain
    // whatever the (normalised) mass maps; channels used by the W and Z processes: power (1/s,
    // 1/(s − m²)), Breit–Wigner. Tolerance: 4 combined standard errors.
    const s = 90 * 90;
    const masses = [0.1057, 0, 0.000511, 0.000511];
    const chans: FourBodyChannel[] = [
      {
        topology: "sequential",
        order: [1, 0, 2, 3],
        map1: { kind: "flat" },
        map2: { kind: "flat" },
        s2Min: 1,
      },
      {
        topology: "sequential",
        order: [1, 0, 2, 3],
        map1: { kind: "power", nu: 1, shift: 0.1057 ** 2 },
        map2: { kind: "power", nu: 1, shift: 0 },
        s2Min: 1,
      },
      { topology: "double", order: [0, 1, 2, 3], map1: { kind: "flat" }, map2: { kind: "flat" }, s2Min: 1 },
      {
        topology: "double",
        order: [0, 1, 2, 3],
        map1: { kind: "bw", m: 80.4, width: 2.09 },
        map2: { kind: "power", nu: 1, shift: 0 },
        s2Min: 1,
      },
    ];
    const vols = chans.map((c, i) => volume(c, s, masses, 200000, 10 + i));
    const [v0, e0] = vols[0]!;
    for (const [v, e] of vols.slice(1)) expect(Math.abs(v - v0)).toBeLessThan(4 * Math.hypot(e, e0));
  });
});

describe("diagram-enhanced multichannel (phasespace/channels/stratified.ts)", () => {
  it("moves channel weight towards √V and keeps every channel above the floor", () => {
    // Kleiss–Pittau optimum for disjoint channels αᵢ ∝ √Vᵢ (stratified.ts header): channel 0 with
    // 100× the second moment of channel 1 must end up with √100 = 10× its weight after enough
    // damped updates (each update takes the geometric mean with the old α, so it converges in ~10).
    const mc = new StratifiedMultichannel(2);
    for (let it = 0; it < 20; it++) {
      for (let k = 0; k < 1000; k++) {
        const c = mc.choose(k / 1000);
        // w = fᵢ/(αᵢ gᵢ): (αᵢ w)² has mean Vᵢ = 100 (channel 0) or 1 (channel 1).
        mc.accumulate((c === 0 ? 10 : 1) / mc.alphas[c]!, 1);
      }
      mc.adapt();
    }
    expect(mc.alphas[0]! / mc.alphas[1]!).toBeCloseTo(10, 1);
  });

  it("block grids share one edge array and only the active block adapts", () => {
    const g = new BlockVegasGrid(3, 2, 10);
    const y = new Float64Array([0.3, 0.7]);
    const x = new Float64Array(2);
    for (let k = 0; k < 1000; k++) {
      y[0] = (k + 0.5) / 1000;
      g.mapBlock(1, y, x);
      g.accumulate(x[0]! < 0.2 ? 10 : 0.1); // peaked integrand in block 1, dimension 0
    }
    const before = Array.from(g.edges);
    g.refine(1.5);
    const per = 2 * 11;
    // Blocks 0 and 2 untouched (no accumulated weight); block 1 dimension 0 refined towards x < 0.2.
    expect(Array.from(g.edges.subarray(0, per))).toEqual(before.slice(0, per));
    expect(Array.from(g.edges.subarray(2 * per))).toEqual(before.slice(2 * per));
    expect(g.edges[per + 5]!).toBeLessThan(0.5);
  });
});
