import { describe, expect, it } from "vitest";
import { InputError } from "../src/core/errors.js";
import { binEdges, findBin, Histogram1D, Histogram2D } from "../src/core/histogram.js";
import { fsum, NeumaierSum } from "../src/core/sum.js";

describe("histograms", () => {
  it("keeps Σw and Σw² per bin, with under/overflow, for non-unit weights", () => {
    const h = new Histogram1D({ kind: "uniform", lo: 0, hi: 10, bins: 10 });
    h.fill(0.5, 2);
    h.fill(0.7, 3);
    h.fill(-1, 0.25);
    h.fill(10, 4); // the upper edge is overflow
    h.fill(Number.NaN, 1); // NaN is not lost: counted as underflow
    expect(h.sumW[0]).toBe(5);
    expect(h.error(0)).toBeCloseTo(Math.sqrt(13), 14);
    expect(h.underflowW).toBe(1.25);
    expect(h.overflowW).toBe(4);
    expect(h.integral()).toBe(5);
    expect(h.integral(true)).toBe(10.25);
  });

  it("log binning has equal ratios and exact end points", () => {
    const e = binEdges({ kind: "log", lo: 0.01, hi: 10, bins: 3 });
    expect(e[0]).toBe(0.01);
    expect(e[3]).toBe(10);
    expect(e[1]! / e[0]!).toBeCloseTo(10, 10);
    expect(findBin(e, 0.05)).toBe(0);
    expect(findBin(e, 5)).toBe(2);
  });

  it("rejects bad binnings with the field named", () => {
    expect(() => binEdges({ kind: "log", lo: 0, hi: 1, bins: 3 })).toThrow(InputError);
    expect(() => binEdges({ kind: "uniform", lo: 0, hi: 1, bins: 0 })).toThrow(/binning.bins/);
    expect(() => binEdges({ kind: "edges", edges: [0, 2, 1] })).toThrow(/binning.edges\[2\]/);
  });

  it("merging histograms adds weights and squared weights", () => {
    const a = new Histogram1D({ kind: "edges", edges: [0, 1, 2] });
    const b = new Histogram1D({ kind: "edges", edges: [0, 1, 2] });
    a.fill(0.5, 1);
    b.fill(0.5, 2);
    b.fill(1.5, 3);
    a.add(b);
    expect(Array.from(a.sumW)).toEqual([3, 3]);
    expect(Array.from(a.sumW2)).toEqual([5, 9]);
  });

  it("2-D histogram fills the right cell", () => {
    const h = new Histogram2D(
      { kind: "uniform", lo: 0, hi: 2, bins: 2 },
      { kind: "uniform", lo: 0, hi: 3, bins: 3 },
    );
    h.fill(1.5, 2.5, 2);
    h.fill(5, 0, 1);
    expect(h.at(1, 2)).toBe(2);
    expect(h.error(1, 2)).toBe(2);
    expect(h.outsideW).toBe(1);
  });
});

describe("compensated sums", () => {
  it("recovers small terms lost by naive summation (Neumaier 1974)", () => {
    // 1 + 1e100 + 1 − 1e100 = 2 exactly; naive left-to-right summation gives 0
    expect(fsum([1, 1e100, 1, -1e100])).toBe(2);
    const acc = new NeumaierSum();
    for (let i = 0; i < 1_000_000; i++) acc.add(0.1);
    expect(Math.abs(acc.value - 100_000)).toBeLessThan(1e-9);
  });
});
