import { describe, expect, it } from "vitest";
import { smallestInterval } from "../src/analysis/resolution.js";
import { M_MU } from "../src/core/constants.js";
import { randomStream } from "../src/core/rng.js";
import { loadCard } from "../src/detector/card.js";
import { smearElectron, smearMuon } from "../src/detector/reconstruct.js";
import {
  electronPtResolution,
  interpolateLogPt,
  muonScaleSigmaForMassResolution,
  resolutionParams,
} from "../src/detector/resolution.js";

const N = 20000;
/** Relative standard error of a sample standard deviation of N Gaussian draws: 1/√(2N) (= 0.5 %). */
const REL_ERR_STD = 1 / Math.sqrt(2 * N);
/** The fitted width is the maximum-likelihood Gaussian σ (sample standard deviation). Tolerance: 4 standard errors (false-alarm rate ≈ 6e-5 per comparison). */
const WIDTH_TOL = 4 * REL_ERR_STD;

function std(x: Float64Array): number {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return Math.sqrt(s / (x.length - 1));
}
function mean(x: Float64Array): number {
  let m = 0;
  for (const v of x) m += v;
  return m / x.length;
}
/** Fraction within ±1 σ: 0.6827 for a Gaussian (binomial error √(p(1−p)/N) = 0.0033). */
function fractionWithin(x: Float64Array, s: number): number {
  let k = 0;
  for (const v of x) if (Math.abs(v) < s) k++;
  return k / x.length;
}

describe("electron resolution interpolation (our documented choice, docs/detector.md)", () => {
  it("worst value at and below the low anchor, best at and above the high anchor, linear in ln pT", () => {
    expect(interpolateLogPt(0.5, 0.08, 0.025, 1, 50)).toBe(0.08);
    expect(interpolateLogPt(1, 0.08, 0.025, 1, 50)).toBe(0.08);
    expect(interpolateLogPt(50, 0.08, 0.025, 1, 50)).toBe(0.025);
    expect(interpolateLogPt(400, 0.08, 0.025, 1, 50)).toBe(0.025);
    // Geometric mean of the anchors, √50 GeV, sits half-way in ln pT.
    expect(interpolateLogPt(Math.sqrt(50), 0.08, 0.025, 1, 50)).toBeCloseTo(0.0525, 14);
    // Monotone between the anchors.
    let prev = 1;
    for (let pt = 1; pt <= 50; pt *= 1.1) {
      const v = interpolateLogPt(pt, 0.08, 0.025, 1, 50);
      expect(v).toBeLessThanOrEqual(prev);
      prev = v;
    }
  });

  it("the optimistic and pessimistic cards are pT-independent (all best / all worst)", () => {
    const o = resolutionParams(loadCard("optimistic"));
    const p = resolutionParams(loadCard("pessimistic"));
    for (const pt of [0.5, 3, 20, 100]) {
      expect(electronPtResolution(o, pt)).toBe(0.025);
      expect(electronPtResolution(p, pt)).toBe(0.08);
    }
  });
});

describe("electron smearing reproduces the card's resolutions (fits of smeared − true residuals)", () => {
  const res = resolutionParams(loadCard("paper"));
  // Points below, between (√50 GeV, half-way in ln pT) and above the anchors; expected widths from
  // the paper card: pT 8 %/5.25 %/2.5 %, φ 2.5/1.75/1.0 mrad, cot θ 2.0/1.25/0.5 × 10⁻³.
  const points = [
    { pt: 0.8, sPt: 0.08, sPhi: 0.0025, sCot: 0.002 },
    { pt: Math.sqrt(50), sPt: 0.0525, sPhi: 0.00175, sCot: 0.00125 },
    { pt: 120, sPt: 0.025, sPhi: 0.001, sCot: 0.0005 },
  ];
  for (const pnt of points) {
    it(`at pT = ${pnt.pt.toFixed(2)} GeV: σ(pT)/pT = ${pnt.sPt}, σ(φ) = ${pnt.sPhi} rad, σ(cot θ) = ${pnt.sCot}`, () => {
      const rng = randomStream(11, Math.round(pnt.pt * 100));
      const rPt = new Float64Array(N);
      const rPhi = new Float64Array(N);
      const rCot = new Float64Array(N);
      const out = new Float64Array(4);
      for (let i = 0; i < N; i++) {
        const phi = 2 * Math.PI * rng.uniform() - Math.PI;
        const eta = 4 * rng.uniform() - 2;
        const px = pnt.pt * Math.cos(phi);
        const py = pnt.pt * Math.sin(phi);
        const pz = pnt.pt * Math.sinh(eta);
        smearElectron(res, rng, px, py, pz, 0.000511, out);
        const ptS = Math.hypot(out[1]!, out[2]!);
        rPt[i] = ptS / pnt.pt - 1;
        let d = Math.atan2(out[2]!, out[1]!) - phi;
        if (d > Math.PI) d -= 2 * Math.PI;
        if (d < -Math.PI) d += 2 * Math.PI;
        rPhi[i] = d;
        rCot[i] = out[3]! / ptS - Math.sinh(eta);
      }
      for (const [r, s] of [
        [rPt, pnt.sPt],
        [rPhi, pnt.sPhi],
        [rCot, pnt.sCot],
      ] as const) {
        expect(Math.abs(std(r) / s - 1)).toBeLessThan(WIDTH_TOL);
        // Unbiased: |mean| < 4 σ/√N.
        expect(Math.abs(mean(r))).toBeLessThan((4 * s) / Math.sqrt(N));
        // Gaussian shape: 68.27 % within ±1σ, binomial error 0.0033, 4 errors.
        expect(Math.abs(fractionWithin(r, s) - 0.6827)).toBeLessThan(4 * 0.0033);
      }
    });
  }
});

/** Smeared/true dimuon mass ratios for pairs of mass m from a parent of momentum pParent (isotropic decay). */
function dimuonRatios(massResolution: number, m: number, pParent: number, seed: number): Float64Array {
  const res = {
    ...resolutionParams(loadCard("paper")),
    muonScaleSigma: muonScaleSigmaForMassResolution(massResolution),
  };
  const rng = randomStream(seed, 0);
  const out = new Float64Array(N);
  const a = new Float64Array(4);
  const b = new Float64Array(4);
  const pStar = Math.sqrt((m * m) / 4 - M_MU * M_MU);
  const eStar = m / 2;
  for (let i = 0; i < N; i++) {
    // Parent along a random direction in the transverse plane with rapidity-like spread; daughters
    // isotropic in the rest frame, boosted along the parent's direction (β = p/E).
    const cth = 2 * rng.uniform() - 1;
    const sth = Math.sqrt(1 - cth * cth);
    const ph = 2 * Math.PI * rng.uniform();
    const dx = sth * Math.cos(ph);
    const dy = sth * Math.sin(ph);
    const dz = cth;
    const eP = Math.hypot(pParent, m);
    const gamma = eP / m;
    const bg = pParent / m;
    // Parent direction: azimuth uniform, polar from η ∈ (−2, 2).
    const phiP = 2 * Math.PI * rng.uniform();
    const etaP = 4 * rng.uniform() - 2;
    const ux = Math.cos(phiP) / Math.cosh(etaP);
    const uy = Math.sin(phiP) / Math.cosh(etaP);
    const uz = Math.tanh(etaP);
    const along = pStar * (dx * ux + dy * uy + dz * uz);
    // Boost (Jackson eq. 11.19): p_∥ → γ p_∥ + βγ E*, E → γ E* + βγ p_∥.
    const pll1 = gamma * along + bg * eStar;
    const pll2 = -gamma * along + bg * eStar;
    const tx = pStar * dx - along * ux;
    const ty = pStar * dy - along * uy;
    const tz = pStar * dz - along * uz;
    smearMuon(res, rng, gamma * eStar + bg * along, tx + pll1 * ux, ty + pll1 * uy, tz + pll1 * uz, a);
    smearMuon(res, rng, gamma * eStar - bg * along, -tx + pll2 * ux, -ty + pll2 * uy, -tz + pll2 * uz, b);
    const e = a[0]! + b[0]!;
    const x = a[1]! + b[1]!;
    const y = a[2]! + b[2]!;
    const z = a[3]! + b[3]!;
    out[i] = Math.sqrt(e * e - x * x - y * y - z * z) / m;
  }
  return out;
}

describe("muon smearing yields the card's dimuon mass resolution (paper Sec. IV: 2 %, independent of mass)", () => {
  // Derivation (resolution.ts): scaling each four-momentum by (1 + δ_i) gives δm/m = (δ1 + δ2)/2,
  // so σ_r = √2 σ_m/m reproduces σ_m/m for every pair. Residual widths fitted on N = 20000 pairs.
  for (const [resol, m, p] of [
    [0.02, 1, 20],
    [0.02, 0.25, 15], // near threshold 2 m_μ = 0.211 GeV: still 2 % (|p| smearing at fixed muon mass would give ≈ 2 % × (1 − 4m_μ²/m²) ≈ 0.6 % for a symmetric pair)
    [0.02, 10, 40],
    [0.01, 1, 20],
    [0.03, 1, 20],
  ] as const) {
    it(`σ(m)/m = ${resol} for m = ${m} GeV pairs of momentum ${p} GeV`, () => {
      const r = dimuonRatios(resol, m, p, Math.round(1000 * m + 100 * resol * 100));
      // Second-order terms shift the width by O(σ²) ≈ 1e-4 relative: negligible against WIDTH_TOL = 2.8 %.
      expect(Math.abs(std(r) / resol - 1)).toBeLessThan(WIDTH_TOL);
      expect(Math.abs(mean(r) - 1)).toBeLessThan((4 * resol) / Math.sqrt(N));
      // Paper Fig. 2 metric: half-width of the smallest interval holding 68 % = 0.994 σ for a Gaussian;
      // its sampling error is larger than the std's (~1.1/√N relative ≈ 0.8 %): 4 errors ≈ 3.5 %.
      const half = smallestInterval(r, 0.68).halfWidth;
      expect(Math.abs(half / (0.9945 * resol) - 1)).toBeLessThan(0.035);
    });
  }

  it("the muon scale smearing is √2 × the mass resolution", () => {
    expect(muonScaleSigmaForMassResolution(0.02)).toBeCloseTo(0.02 * Math.SQRT2, 15);
    expect(resolutionParams(loadCard("muon-res-3pct")).muonScaleSigma).toBeCloseTo(0.03 * Math.SQRT2, 15);
  });
});

describe("smallestInterval (paper Fig. 2 resolution metric)", () => {
  it("on a hand-made sample: the shortest window holding 68 % of the weight", () => {
    // 100 points 0..99: any 68 consecutive points span 67 → half-width 33.5.
    const v = Float64Array.from({ length: 100 }, (_, i) => i);
    expect(smallestInterval(v, 0.68).halfWidth).toBe(33.5);
    // Weight 100 on the first ten points, 1 elsewhere: total 1090, 68 % = 741.2, reached by the
    // first eight points (800) and by no shorter window.
    const w = Float64Array.from({ length: 100 }, (_, i) => (i < 10 ? 100 : 1));
    const s = smallestInterval(v, 0.68, w);
    expect(s.lo).toBe(0);
    expect(s.hi).toBe(7);
  });
});
