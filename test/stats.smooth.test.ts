import { describe, expect, it } from "vitest";
import { Histogram1D } from "../src/core/histogram.js";
import { randomStream } from "../src/core/rng.js";
import { smoothInLogMass } from "../src/stats/smooth.js";

const BINNING = { kind: "log", lo: 0.001, hi: 10, bins: 1600 } as const;

/** Exact expected content of dN/dm = C m^p on each log bin. */
function powerLaw(p: number, c: number): Histogram1D {
  const h = new Histogram1D(BINNING);
  for (let i = 0; i < h.bins; i++) {
    const a = h.edges[i]!;
    const b = h.edges[i + 1]!;
    h.sumW[i] = p === -1 ? c * Math.log(b / a) : (c * (b ** (p + 1) - a ** (p + 1))) / (p + 1);
    h.sumW2[i] = 0;
  }
  return h;
}

describe("background template smoothing (Gaussian kernel in ln m)", () => {
  it("conserves the total exactly and leaves a power law unchanged up to the a²h²/2 bias", () => {
    // dN/dm ∝ m^-1.5 ⇒ dN/d ln m ∝ m^-0.5, a = −0.5: relative bias ≈ a² h²/2 = 0.125 % for h = 0.1.
    const h = powerLaw(-1.5, 1);
    const s = smoothInLogMass(h, 0.1);
    const total = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);
    expect(total(s.sumW)).toBeCloseTo(total(h.sumW), 9);
    // Away from the range ends (4h = 0.4 in ln m ≈ 70 bins) the kernel is untruncated.
    for (let i = 200; i < 1400; i += 37) {
      expect(Math.abs(s.sumW[i]! / h.sumW[i]! - 1)).toBeLessThan(0.002);
    }
  });

  it("reduces the fluctuations of a weighted MC spectrum (σ of the ratio to truth shrinks ≥ 5×)", () => {
    const truth = powerLaw(-1, 1000);
    const mc = new Histogram1D(BINNING);
    const r = randomStream(5, 0);
    // 20 000 MC events drawn from dN/dm ∝ 1/m (uniform in ln m), each of weight total/20 000.
    const total = Array.from(truth.sumW).reduce((a, b) => a + b, 0);
    const n = 20000;
    for (let k = 0; k < n; k++) mc.fill(Math.exp(Math.log(0.001) + r.uniform() * Math.log(1e4)), total / n);
    const s = smoothInLogMass(mc, 0.1);
    const rms = (x: ArrayLike<number>) => {
      let a = 0;
      let m = 0;
      for (let i = 200; i < 1400; i++) {
        a += (x[i]! / truth.sumW[i]! - 1) ** 2;
        m++;
      }
      return Math.sqrt(a / m);
    };
    expect(rms(s.sumW)).toBeLessThan(rms(mc.sumW) / 5);
    // The propagated MC error matches the scatter of the smoothed template (within a factor 1.5).
    let pull2 = 0;
    let m = 0;
    for (let i = 200; i < 1400; i += 20) {
      pull2 += (s.sumW[i]! - truth.sumW[i]!) ** 2 / s.sumW2[i]!;
      m++;
    }
    expect(Math.sqrt(pull2 / m)).toBeGreaterThan(1 / 1.5);
    expect(Math.sqrt(pull2 / m)).toBeLessThan(1.5);
  });

  it("h = 0 returns the input; bad widths are rejected with the field named", () => {
    const h = powerLaw(-1, 1);
    expect(Array.from(smoothInLogMass(h, 0).sumW)).toEqual(Array.from(h.sumW));
    expect(() => smoothInLogMass(h, -1)).toThrow(/hLnM/);
  });
});

describe("MC variance of a window of the smoothed template", () => {
  it("matches the scatter of the smoothed window sum over independent MC replicas (within 15 %)", async () => {
    const { smoothedWindowVariance } = await import("../src/stats/smooth.js");
    // 200 replicas of a 2000-event MC sample uniform in ln m; the window [0.1, 0.13] GeV is narrower
    // than the kernel, so neighbouring smoothed bins are strongly correlated there.
    const make = (seed: number) => {
      const h = new Histogram1D(BINNING);
      const r = randomStream(seed, 0);
      for (let k = 0; k < 2000; k++) h.fill(Math.exp(Math.log(0.001) + r.uniform() * Math.log(1e4)), 1);
      return h;
    };
    const lo = Array.from(make(1).edges).findIndex((e) => e >= 0.1);
    const hi = Array.from(make(1).edges).findIndex((e) => e >= 0.13);
    const sums: number[] = [];
    let predicted = 0;
    for (let s = 0; s < 200; s++) {
      const h = make(100 + s);
      const sm = smoothInLogMass(h, 0.1);
      let sum = 0;
      for (let i = lo; i < hi; i++) sum += sm.sumW[i]!;
      sums.push(sum);
      predicted += smoothedWindowVariance(h, 0.1, lo, hi) / 200;
    }
    const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
    const scatter = sums.reduce((a, b) => a + (b - mean) ** 2, 0) / (sums.length - 1);
    // The variance estimate of 200 replicas has a relative error √(2/199) ≈ 10 %: allow 15 %.
    expect(Math.sqrt(predicted / scatter)).toBeGreaterThan(0.85);
    expect(Math.sqrt(predicted / scatter)).toBeLessThan(1.15);
  });
});
