import { describe, expect, it } from "vitest";
import { randomStream } from "../src/core/rng.js";
import { CamelProcess } from "../src/generate/camel.js";
import { mergeChunks, runChunk, warmUp } from "../src/generate/engine.js";
import { VegasGrid } from "../src/phasespace/vegas.js";

describe("VEGAS grid (Lepage 1978)", () => {
  it("densityAt is the inverse of the map's Jacobian after refinement", () => {
    // Reference: for the piecewise-linear map, Jacobian = nBins Δᵢ and density = 1/(nBins Δᵢ)
    // (exact up to rounding: 1e-12 relative).
    const g = new VegasGrid(1, 20);
    const rng = randomStream(3, 0);
    const y = new Float64Array(1);
    const x = new Float64Array(1);
    for (let i = 0; i < 5000; i++) {
      rng.fillUniform(y);
      g.map(y, x);
      g.accumulate(Math.exp(-50 * (x[0]! - 0.3) ** 2));
    }
    g.refine(1.5);
    // The refined grid is no longer uniform: bins near the peak are narrower.
    expect(g.edges[7]! - g.edges[6]!).toBeLessThan(0.05);
    for (let i = 0; i < 100; i++) {
      rng.fillUniform(y);
      const jac = g.map(y, x);
      expect(g.densityAt(0, x[0]!) * jac).toBeCloseTo(1, 12);
    }
  });

  it("cdfAt inverts the map: cdfAt(V(y)) = y after refinement, 0 and 1 at the ends", () => {
    // Reference: the map is piecewise linear and monotonic, so its inverse is exact up to rounding
    // (1e-12 absolute on a unit interval).
    const g = new VegasGrid(1, 20);
    const rng = randomStream(4, 0);
    const y = new Float64Array(1);
    const x = new Float64Array(1);
    for (let i = 0; i < 5000; i++) {
      rng.fillUniform(y);
      g.map(y, x);
      g.accumulate(Math.exp(-50 * (x[0]! - 0.7) ** 2));
    }
    g.refine(1.5);
    for (let i = 0; i < 100; i++) {
      rng.fillUniform(y);
      g.map(y, x);
      expect(Math.abs(g.cdfAt(0, x[0]!) - y[0]!)).toBeLessThan(1e-12);
    }
    expect(g.cdfAt(0, 0)).toBe(0);
    expect(g.cdfAt(0, 1)).toBe(1);
  });

  it("integrates the 4-d camel to 1 and reduces the error at least 3× against plain MC", () => {
    // Reference: ∫ camel = 1 (σ = 0.05, truncation < 1e-10; camel.ts). Tolerance: 4 MC standard errors.
    const plain = new CamelProcess(4, 0.05);
    const n = 20000;
    const r0 = mergeChunks([
      runChunk(plain, { seed: 7, chunk: 0, points: n, totalPoints: n, unweightMaxPb: null }),
    ]);
    const adapted = new CamelProcess(4, 0.05);
    warmUp(adapted, { seed: 7, iterations: 8, pointsPerIteration: 10000, alpha: 1.5 });
    const r1 = mergeChunks([
      runChunk(adapted, { seed: 7, chunk: 0, points: n, totalPoints: n, unweightMaxPb: null }),
    ]);
    expect(Math.abs(r1.sigmaPb - 1)).toBeLessThan(4 * r1.sigmaErrPb);
    expect(Math.abs(r0.sigmaPb - 1)).toBeLessThan(4 * r0.sigmaErrPb);
    expect(r1.sigmaErrPb).toBeLessThan(r0.sigmaErrPb / 3);
  });
});
