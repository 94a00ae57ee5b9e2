import { describe, expect, it } from "vitest";
import { randomStream } from "../src/core/rng.js";
import { NeumaierSum } from "../src/core/sum.js";
import { MassMultichannel } from "../src/phasespace/multichannel.js";
import { VegasGrid } from "../src/phasespace/vegas.js";

// Two-peak integrand on s ∈ [sMin, sMax]: f(s) = A₁ BW(s; M₁, Γ₁) + A₂ BW(s; M₂, Γ₂) with
// BW = 1/((s − M²)² + M²Γ²). Exact integral: Σ Aᵢ [atan((s−Mᵢ²)/(MᵢΓᵢ))]_{sMin}^{sMax} / (MᵢΓᵢ).
const M1 = 80.4;
const G1 = 2.1;
const M2 = 91.2;
const G2 = 2.5;
const A1 = 3 * M1 * G1;
const A2 = 1 * M2 * G2;
const S_MIN = 50 ** 2;
const S_MAX = 150 ** 2;
function f(s: number): number {
  return A1 / ((s - M1 * M1) ** 2 + M1 * M1 * G1 * G1) + A2 / ((s - M2 * M2) ** 2 + M2 * M2 * G2 * G2);
}
function exact(): number {
  const part = (a: number, m: number, g: number): number =>
    (a * (Math.atan((S_MAX - m * m) / (m * g)) - Math.atan((S_MIN - m * m) / (m * g)))) / (m * g);
  return part(A1, M1, G1) + part(A2, M2, G2);
}

/** One pass of n points; returns mean, error; adapts the channel weights when `adapt`. */
function pass(mc: MassMultichannel, n: number, seed: number, adapt: boolean, grid?: VegasGrid) {
  const rng = randomStream(seed, 0);
  const sw = new NeumaierSum();
  const sw2 = new NeumaierSum();
  const y = new Float64Array(1);
  const x = new Float64Array(1);
  for (let k = 0; k < n; k++) {
    const c = mc.chooseChannel(rng.uniform());
    y[0] = rng.uniform();
    if (grid) grid.map(y, x);
    else x[0] = y[0];
    const s = mc.sample(c, x[0]!, S_MIN, S_MAX);
    const g = mc.density(s, S_MIN, S_MAX, grid, 0);
    const w = f(s) / g;
    sw.add(w);
    sw2.add(w * w);
    if (adapt) mc.accumulate(w, g);
    if (adapt && grid) grid.accumulate(w);
  }
  if (adapt) mc.adapt();
  if (adapt && grid) grid.refine(1.5);
  const mean = sw.value / n;
  return { mean, err: Math.sqrt((sw2.value / n - mean * mean) / (n - 1)) };
}

describe("Kleiss–Pittau multichannel (Comput. Phys. Commun. 83 (1994) 141)", () => {
  it("integrates a two-peak function exactly and adapts α towards the peak strengths", () => {
    const mc = new MassMultichannel([
      { kind: "breit-wigner", m: M1, width: G1 },
      { kind: "breit-wigner", m: M2, width: G2 },
    ]);
    const before = pass(mc, 20000, 1, false);
    for (let it = 0; it < 6; it++) pass(mc, 20000, 10 + it, true);
    const after = pass(mc, 20000, 2, false);
    const I = exact();
    // Unbiased for any α: agreement within 4 standard errors.
    expect(Math.abs(before.mean - I)).toBeLessThan(4 * before.err);
    expect(Math.abs(after.mean - I)).toBeLessThan(4 * after.err);
    // With exact channel densities the optimum has zero variance at α = peak shares (3:1 up to the
    // truncation of each Breit–Wigner to [sMin, sMax]).
    expect(mc.alphas[0]).toBeGreaterThan(0.7);
    expect(mc.alphas[0]).toBeLessThan(0.8);
    expect(after.err).toBeLessThan(before.err / 3);
  });

  it("stays exact when a VEGAS grid remaps the channel variable", () => {
    // The density includes the grid's density at each channel's preimage, so the estimate is
    // unbiased; tolerance 4 standard errors.
    const mc = new MassMultichannel([
      { kind: "breit-wigner", m: M1, width: G1 },
      { kind: "flat" },
      { kind: "power", nu: 1 },
    ]);
    const grid = new VegasGrid(1, 50);
    for (let it = 0; it < 5; it++) pass(mc, 10000, 20 + it, true, grid);
    const r = pass(mc, 40000, 3, false, grid);
    expect(Math.abs(r.mean - exact()) / r.err).toBeLessThan(4);
  });

  it("power channel flattens 1/s down to m = 10 MeV", () => {
    // ∫_{sMin}^{sMax} ds / s = ln(sMax/sMin): the ν = 1 map makes the weight constant (zero variance).
    const mc = new MassMultichannel([{ kind: "power", nu: 1 }]);
    const sMin = 1e-4;
    const sMax = 1e4;
    const rng = randomStream(4, 0);
    for (let k = 0; k < 100; k++) {
      const s = mc.sample(0, rng.uniform(), sMin, sMax);
      expect(1 / s / mc.density(s, sMin, sMax)).toBeCloseTo(Math.log(sMax / sMin), 9);
    }
  });
});
