/**
 * Backward evolution: kernels, phase-space boundary, matrix-element correction limits, and the
 * veto algorithm's Sudakov form factor against direct numerical integration.
 */
import { describe, expect, it } from "vitest";
import { randomStream } from "../src/core/rng.js";
import { DEFAULT_PDF_SET, loadPdfSet } from "../src/pdf/index.js";
import {
  InitialStateShower,
  meCorrection,
  ShowerCoupling,
  type ShowerPdf,
  splittingKernel,
  zMaxOf,
} from "../src/shower/index.js";

describe("splitting kernels (Altarelli–Parisi, Nucl. Phys. B126 (1977) 298)", () => {
  it("match the closed forms at sample z", () => {
    // Channels 0..3: q←q, q←g, g←q, g←g; C_F = 4/3, C_A = 3, T_R = 1/2. Exact formulas → 1e-14.
    for (const z of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      expect(splittingKernel(0, z)).toBeCloseTo(((4 / 3) * (1 + z * z)) / (1 - z), 12);
      expect(splittingKernel(1, z)).toBeCloseTo(0.5 * (z * z + (1 - z) ** 2), 12);
      expect(splittingKernel(2, z)).toBeCloseTo(((4 / 3) * (1 + (1 - z) ** 2)) / z, 12);
      expect(splittingKernel(3, z)).toBeCloseTo(6 * (z / (1 - z) + (1 - z) / z + z * (1 - z)), 10);
    }
  });

  it("z_max is the boundary p⊥²_evol = ŝ(1 − z)²/z of positive physical pT²", () => {
    // Root of a quadratic: the identity holds to rounding (1e-9 relative).
    for (const [pT, sHat] of [
      [1, 8000],
      [20, 8000],
      [300, 1e5],
    ] as const) {
      const z = zMaxOf(pT * pT, sHat);
      expect(z).toBeGreaterThan(0);
      expect(z).toBeLessThan(1);
      expect(Math.abs((sHat * (1 - z) ** 2) / z - pT * pT) / (pT * pT)).toBeLessThan(1e-9);
    }
  });

  it("matrix-element corrections tend to 1 in the collinear limit t̂ → 0 (Miu & Sjöstrand 1999)", () => {
    // Q² = pT²/(1 − z) → 0: both ratios → 1 analytically; pT = 1e-4 GeV leaves O(1e-8) deviations.
    const m2 = 91.188 ** 2;
    for (const z of [0.1, 0.5, 0.9]) {
      expect(meCorrection(0, m2, z, 1e-8)).toBeCloseTo(1, 6);
      expect(meCorrection(1, m2, z, 1e-8)).toBeCloseTo(1, 6);
    }
    // q g → V q: R ≥ 1, but kernel × R ≤ T_R(1 + (1 − z)²) ≤ 2 T_R, the doubled q ← g
    // overestimate of the first emission (isr.ts ME_GQ_BOOST); equality at û → 0, z → 0.
    for (let i = 1; i < 200; i++) {
      const z = i / 200;
      const q2max = (m2 * (1 - z)) / z;
      for (let j = 1; j <= 200; j++) {
        const q2 = (q2max * j) / 200;
        const r = meCorrection(1, m2, z, q2 * (1 - z));
        expect(r).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(splittingKernel(1, z) * r).toBeLessThanOrEqual(0.5 * (1 + (1 - z) ** 2) * (1 + 1e-12));
      }
    }
    // q q̄ → V g ratio never exceeds 1 (it is (t̂² + û² + 2M²ŝ)/(ŝ² + M⁴) with t̂ + û = M² − ŝ).
    for (let i = 1; i < 50; i++) {
      const z = i / 50;
      const q2max = (m2 * (1 - z)) / z;
      for (let j = 1; j < 20; j++) {
        const q2 = (q2max * j) / 20;
        expect(meCorrection(0, m2, z, q2 * (1 - z))).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
  });
});

/** A PDF with x·f = 1 for every parton and a fixed coupling: every PDF ratio is exactly 1. */
const flatPdf: ShowerPdf = {
  xfxQAll(_x: number, _q: number, out: Float64Array) {
    out.fill(1);
  },
  alphaS() {
    return 0.2;
  },
};

/**
 * First-emission test of the veto algorithm for a u ū initial state with flat PDFs (ratios 1) and a
 * constant α = 0.2: the fraction of events whose first emission lies below p_c against
 * Δ(p_c) = exp(−∫_{p_c}^{p0} (α/2π) (pT²/(pT² + pT0²)) (dpT²/pT²) · 2 · ∫_x^{z_max(pT)} [P_qq + P_gq] dz)
 * (two beams; pT0 = 0 is the plain Sudakov form factor, pT0 > 0 the regularised one of Sjöstrand &
 * Skands 2005, Sec. 2.3, which isr.ts samples exactly as α dQ²/Q² with Q² = pT² + pT0²), integrated by
 * Simpson in ln pT² (4000 intervals: error < 1e-8). MC: 4000 events, binomial σ ≤ 0.008; tolerance
 * 4σ = 0.032 (false-alarm rate ~6e-5 per point).
 */
function checkFirstEmission(pT0: number, seed: number): void {
  const alpha = 0.2;
  const sqrtS = 13000;
  const x = 0.01;
  const sHat = x * x * sqrtS * sqrtS;
  const p0 = 20;
  const zLo = x / 0.9999;
  const prim = (z: number) =>
    (4 / 3) * (-z - (z * z) / 2 - 2 * Math.log(1 - z)) + 0.5 * ((2 * z ** 3) / 3 - z * z + z);
  const rate = (pT: number) => {
    const zHi = zMaxOf(pT * pT, sHat);
    const reg = (pT * pT) / (pT * pT + pT0 * pT0);
    return zHi > zLo ? (alpha / (2 * Math.PI)) * reg * 2 * (prim(zHi) - prim(zLo)) : 0;
  };
  const sudakov = (p: number) => {
    const n = 4000;
    const a = Math.log(p * p);
    const b = Math.log(p0 * p0);
    const h = (b - a) / n;
    let s = rate(p) + rate(p0);
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * rate(Math.exp(0.5 * (a + i * h)));
    return Math.exp((-s * h) / 3);
  };
  // The one-loop overestimate must cover the constant α only up to the start scale.
  const coupling = new ShowerCoupling(flatPdf, "pdf", 1, p0);
  const isr = new InitialStateShower(flatPdf, coupling, sqrtS, 1, 1.5, pT0);
  const rng = randomStream(seed, 0);
  const n = 4000;
  const first = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const rec = isr.evolve(x, x, 2, -2, sHat, p0, 0, rng);
    first[e] = rec.n > 0 ? rec.pTevol[0]! : 0;
  }
  for (const pc of [12, 6, 3, 1.5]) {
    let below = 0;
    for (let e = 0; e < n; e++) if (first[e]! < pc) below++;
    expect(Math.abs(below / n - sudakov(pc))).toBeLessThan(0.032);
  }
  // With exact ratios (= 1) and headroom 1.5 the overestimate is never violated.
  expect(isr.stats.violations).toBe(0);
}

describe("veto algorithm reproduces the Sudakov form factor", () => {
  it("P(no emission above p) for a u ū initial state with flat PDFs", () => {
    checkFirstEmission(0, 2024);
  });
});

describe("veto algorithm with the pT0 regularisation sampled in Q² = pT² + pT0²", () => {
  it("P(no emission above p) matches the regularised Sudakov form factor", () => {
    checkFirstEmission(2, 2025);
  });
});

describe("PDF-ratio overestimate of the backward evolution", () => {
  it("the tabulated bound of every z piece covers x′f_a(x′, Q)/(x f_b(x, Q)) at the window edges", () => {
    // Reference: brute force, the ratio on 3000 log-spaced x′ in [x, 0.9999] at both edges of the
    // window (the twin of the table's node maximum); piece j (z ∈ [zEdges[j+1], zEdges[j]]) must
    // bound it for every x′ ≥ x/zEdges[j]. The table takes the maximum over nodes at or below
    // x′_j, so it may only exceed the brute force; the tolerance 1e-3 covers a maximum of x′f
    // between two brute-force points (relative curvature × spacing² ≪ 1e-3). Tightness of piece 0
    // for x < 0.1: the node spacing (40 per decade) allows at most (10^(1/40))^λ − 1 ≈ 9 % for
    // local slopes λ = |d ln x′f/d ln x′| ≤ 1.5; the median excess is asserted below 5 %.
    const pdf = loadPdfSet(DEFAULT_PDF_SET);
    const coupling = new ShowerCoupling(pdf, "pdf", 1, 6500);
    const isr = new InitialStateShower(pdf, coupling, 13000, 1, 1.5, 2);
    const rng = randomStream(77, 0);
    const f = new Float64Array(16);
    const quarks = [1, 2, 3, 4, 5, -1, -2, -3, -4, -5];
    const nx = 3000;
    const xs = new Float64Array(nx);
    const ra = new Float64Array(nx);
    const rb = new Float64Array(nx);
    const excess: number[] = [];
    for (let t = 0; t < 200; t++) {
      const x = 10 ** (-5 + 4.9 * rng.uniform());
      const id = [21, 1, 2, -1, -2, 3, 21][t % 7]!;
      // Windows above the b threshold only (below, heavy quarks take the direct path).
      const k = 2 + Math.floor(rng.uniform() * (isr.edges.length - 3));
      // A subsystem mass² between (20 GeV)² and s: z_max from 0.1 to ~1.
      const sHat = 400 * (13000 ** 2 / 400) ** rng.uniform();
      const tab = isr.ratioBounds(x, id, k, false, sHat);
      if (tab.rA.length === 0) continue;
      ra.fill(0);
      rb.fill(0);
      for (const Q of [isr.edges[k]!, isr.edges[k + 1]!]) {
        pdf.xfxQAll(x, Q, f);
        const den = Math.max(f[id === 21 ? 6 : id + 6]!, 0);
        if (!(den > 0)) continue;
        for (let j = 0; j < nx; j++) {
          const xp = x * (0.9999 / x) ** (j / (nx - 1));
          xs[j] = xp;
          pdf.xfxQAll(xp, Q, f);
          let a = 0;
          if (id === 21) for (const q of quarks) a += Math.max(f[q + 6]!, 0);
          else a = Math.max(f[id + 6]!, 0);
          ra[j] = Math.max(ra[j]!, a / den);
          rb[j] = Math.max(rb[j]!, Math.max(f[6]!, 0) / den);
        }
      }
      // Suffix maxima: the brute-force bound for x′ ≥ xs[j].
      for (let j = nx - 2; j >= 0; j--) {
        ra[j] = Math.max(ra[j]!, ra[j + 1]!);
        rb[j] = Math.max(rb[j]!, rb[j + 1]!);
      }
      const bruteFrom = (xLo: number, r: Float64Array) => {
        let j = 0;
        while (j < nx - 1 && xs[j]! < xLo * (1 - 1e-12)) j++;
        return r[j]!;
      };
      for (let j = 0; j < tab.rA.length; j++) {
        const xLo = x / tab.zEdges[j]!;
        expect(tab.rA[j]!).toBeGreaterThanOrEqual(bruteFrom(xLo, ra) * (1 - 1e-3));
        expect(tab.rB[j]!).toBeGreaterThanOrEqual(bruteFrom(xLo, rb) * (1 - 1e-3));
      }
      // The direct bound (a few x′ ≥ x) never exceeds the brute-force maximum over x′ ≥ x.
      const dir = isr.ratioBounds(x, id, k, true, sHat);
      expect(dir.rA[0]!).toBeLessThanOrEqual(ra[0]! * (1 + 1e-9));
      expect(dir.rB[0]!).toBeLessThanOrEqual(rb[0]! * (1 + 1e-9));
      if (x < 0.1) {
        const xLo = x / tab.zEdges[0]!;
        excess.push(tab.rA[0]! / bruteFrom(xLo, ra) - 1, tab.rB[0]! / bruteFrom(xLo, rb) - 1);
      }
    }
    excess.sort((a, b) => a - b);
    expect(excess.length).toBeGreaterThan(100);
    expect(excess[excess.length >> 1]!).toBeLessThan(0.05);
  });
});
