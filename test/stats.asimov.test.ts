import { describe, expect, test } from "vitest";
import { asimovSignificance, asimovSignificanceWithUncertainty } from "../src/stats/asimov.js";
import { asimovDiscoverySignificance } from "../src/stats/cls.js";
import { erfc, normalCdf, normalQuantile, normalUpperTail } from "../src/stats/normal.js";

describe("standard normal functions", () => {
  test("erfc, Φ and Φ⁻¹ against reference values", () => {
    // References: CPython math.erfc / statistics.NormalDist (correctly rounded to ~1 ulp); our
    // series/continued fraction is good to ~1e-15 relative except where erfc = 1 − erf is small
    // below x = 2.5 (relative 1e-13).
    expect(erfc(0.5) / 0.4795001221869535 - 1).toBeCloseTo(0, 14);
    expect(erfc(-1.2) / 1.9103139782296354 - 1).toBeCloseTo(0, 14);
    expect(erfc(3) / 2.2090496998585438e-5 - 1).toBeCloseTo(0, 13);
    expect(erfc(10) / 2.088487583762545e-45 - 1).toBeCloseTo(0, 13);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517796, 15);
    expect(normalUpperTail(5) / 2.866515718791946e-7 - 1).toBeCloseTo(0, 13);
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(() => normalQuantile(1)).toThrow(/p must be/);
  });
});

describe("Asimov discovery significance (Cowan et al., EPJC 71 (2011) 1554, eq. 97)", () => {
  test("s ≪ b → s/√b", () => {
    // Expansion: Z_A = (s/√b)(1 − s/(6b) + …): for s/b = 1e-6 the deviation is 1.7e-7 relative.
    expect(asimovSignificance(1, 1e6) / 1e-3 - 1).toBeLessThan(2e-7);
    expect(asimovSignificance(1, 1e6) / 1e-3 - 1).toBeGreaterThan(-2e-7);
    // Deep in the series branch (s/b = 1e-12): no cancellation loss, Z = s/√b to 1e-12.
    expect(asimovSignificance(1e-6, 1e6) / 1e-9 - 1).toBeCloseTo(0, 11);
  });

  test("closed form at s = 10, b = 1 and the s ≫ b regime", () => {
    // Z_A² = 2(11 ln 11 − 10) (eq. 97 evaluated by hand; 1e-14 relative).
    expect(asimovSignificance(10, 1)).toBeCloseTo(Math.sqrt(2 * (11 * Math.log(11) - 10)), 13);
    // For s ≫ b the naive s/√b overestimates: Z_A < s/√b always (eq. 97 vs its expansion).
    expect(asimovSignificance(10, 1)).toBeLessThan(10);
    expect(asimovSignificance(0, 3)).toBe(0);
  });

  test("with σ_b: σ_b → 0 recovers eq. 97, s ≪ b → s/√(b + σ_b²)", () => {
    // Reference: Cowan (2012) formula; its σ → 0 limit is eq. 97 (difference O(σ²/b) ≈ 1e-16 here).
    expect(asimovSignificanceWithUncertainty(5, 50, 1e-7)).toBeCloseTo(asimovSignificance(5, 50), 12);
    expect(asimovSignificanceWithUncertainty(5, 50, 0)).toBe(asimovSignificance(5, 50));
    // s ≪ b: Z → s/√(b + σ²); corrections are O(s/b) = 1e-4 relative here.
    const z = asimovSignificanceWithUncertainty(1, 1e4, 100);
    expect(z / (1 / Math.sqrt(2e4)) - 1).toBeLessThan(2e-4);
    expect(z / (1 / Math.sqrt(2e4)) - 1).toBeGreaterThan(-2e-4);
    // A background uncertainty always lowers the significance.
    expect(asimovSignificanceWithUncertainty(5, 50, 5)).toBeLessThan(asimovSignificance(5, 50));
    expect(() => asimovSignificanceWithUncertainty(1, 0, 1)).toThrow(/b must be/);
  });

  test("the profile-likelihood model reproduces eq. 97 (one bin, no nuisance)", () => {
    // Reference: eq. 97 is q_0 on Asimov data for one Poisson bin; our fitter must agree to its
    // convergence tolerance (1e-8 relative).
    for (const [s, b] of [
      [10, 10000],
      [5, 3],
      [30, 100],
    ] as const) {
      const model = {
        channels: [
          {
            name: "c",
            samples: [
              { name: "s", data: [s], signal: true },
              { name: "b", data: [b] },
            ],
          },
        ],
      };
      expect(asimovDiscoverySignificance(model) / asimovSignificance(s, b) - 1).toBeCloseTo(0, 8);
    }
  });

  test("profiled Gaussian background constraint matches s/√(b + σ_b²) for s ≪ b", () => {
    // Model: background × e^{δθ} (normsys hi = e^δ, lo = e^−δ), θ ~ N(0, 1) → σ_b = δ·b to first
    // order. With s/b = 1e-3 and δ = 1 % (σ_b = 100 = √b) the asymptotic value is s/√(2b);
    // corrections O(s/b, δ) ≲ 1 %.
    const d = 0.01;
    const model = {
      channels: [
        {
          name: "c",
          samples: [
            { name: "s", data: [10], signal: true },
            {
              name: "b",
              data: [1e4],
              modifiers: [{ kind: "normsys" as const, name: "bkg", hi: Math.exp(d), lo: Math.exp(-d) }],
            },
          ],
        },
      ],
    };
    const z = asimovDiscoverySignificance(model);
    expect(z / (10 / Math.sqrt(2e4)) - 1).toBeLessThan(0.01);
    expect(z / (10 / Math.sqrt(2e4)) - 1).toBeGreaterThan(-0.01);
    // and it agrees with Cowan's σ_b formula at the same σ_b to the same 1 %.
    expect(z / asimovSignificanceWithUncertainty(10, 1e4, 100) - 1).toBeLessThan(0.01);
  });
});
