import { describe, expect, it } from "vitest";
import { mass2 } from "../src/core/fourvector.js";
import { randomStream } from "../src/core/rng.js";
import { twoBodyDecay, twoBodyPhaseSpaceWeight } from "../src/phasespace/decay.js";
import {
  breitWignerDensity,
  breitWignerInverse,
  breitWignerSample,
  collinearFractions,
  narrowWidthFactor,
  powerDensity,
  powerInverse,
  powerSample,
} from "../src/phasespace/mappings.js";

const MW = 80.3692;
const GW = 2.085;

describe("invariant-mass mappings", () => {
  // Reference: a mapping s(u) has density 1/(ds/du); checked by a central finite difference.
  // Tolerance 1e-5 relative: the O(h²) truncation error with h = 1e-6 on smooth maps.
  it("Breit–Wigner density is the inverse Jacobian, and inverse(sample(u)) = u", () => {
    const rng = randomStream(11, 0);
    const sMin = 100;
    const sMax = 13000 ** 2;
    for (let i = 0; i < 200; i++) {
      const u = 0.001 + 0.998 * rng.uniform();
      const h = 1e-6;
      const dsdu =
        (breitWignerSample(u + h, MW, GW, sMin, sMax) - breitWignerSample(u - h, MW, GW, sMin, sMax)) /
        (2 * h);
      const s = breitWignerSample(u, MW, GW, sMin, sMax);
      expect(breitWignerDensity(s, MW, GW, sMin, sMax) * dsdu).toBeCloseTo(1, 4);
      expect(breitWignerInverse(s, MW, GW, sMin, sMax)).toBeCloseTo(u, 9);
    }
  });

  it("power map reaches m_ll = 10 MeV and its density is the inverse Jacobian (ν = 1 and ν = 0.7)", () => {
    const sMin = 0.01 ** 2; // m_ℓℓ = 10 MeV (DESIGN generation cut)
    const sMax = 100 ** 2;
    for (const nu of [1, 0.7]) {
      expect(powerSample(0, nu, sMin, sMax)).toBeCloseTo(sMin, 12);
      expect(powerSample(1 - 1e-16, nu, sMin, sMax) / sMax).toBeCloseTo(1, 10);
      for (const u of [0.01, 0.2, 0.5, 0.8, 0.99]) {
        const h = 1e-7;
        const dsdu = (powerSample(u + h, nu, sMin, sMax) - powerSample(u - h, nu, sMin, sMax)) / (2 * h);
        const s = powerSample(u, nu, sMin, sMax);
        expect(powerDensity(s, nu, sMin, sMax) * dsdu).toBeCloseTo(1, 4);
        expect(powerInverse(s, nu, sMin, sMax)).toBeCloseTo(u, 10);
      }
    }
  });

  it("narrow-width factor equals ∫ds |BW|² over a wide range", () => {
    // Reference: ∫_{−∞}^{∞} ds / ((s−M²)² + M²Γ²) = π/(MΓ). Over [M² − 1e6 MΓ, M² + 1e6 MΓ] the
    // tails miss 2/(1e6) of it, so a 3e-6 relative tolerance.
    const mg = MW * GW;
    const sMin = MW * MW - 1e6 * mg;
    const sMax = MW * MW + 1e6 * mg;
    const exact = (Math.atan((sMax - MW * MW) / mg) - Math.atan((sMin - MW * MW) / mg)) / mg;
    expect(exact / narrowWidthFactor(MW, GW)).toBeCloseTo(1, 5);
  });

  it("collinear fractions satisfy x1 x2 = τ and span the rapidity range", () => {
    const out = new Float64Array(2);
    const tau = 0.01;
    for (const uy of [0, 0.25, 0.5, 0.999999]) {
      const dy = collinearFractions(tau, uy, out, 0);
      expect(out[0]! * out[1]!).toBeCloseTo(tau, 14);
      expect(dy).toBeCloseTo(-Math.log(tau), 14);
    }
    collinearFractions(tau, 0, out, 0);
    expect(out[0]).toBeCloseTo(tau, 14); // y = ln √τ gives x1 = τ, x2 = 1
  });
});

describe("two-body decays", () => {
  // References: four-momentum conservation and on-shell daughters (exact up to rounding, 1e-9
  // relative); the massless two-body phase-space volume Φ₂ = 1/(8π) (PDG 2024 eq. 49.20).
  it("conserves four-momentum and puts daughters on shell after the boost", () => {
    const p = new Float64Array(12);
    const rng = randomStream(5, 0);
    for (let i = 0; i < 100; i++) {
      const m = 0.3;
      const px = 40 * (rng.uniform() - 0.5);
      const py = 40 * (rng.uniform() - 0.5);
      const pz = 400 * (rng.uniform() - 0.5);
      p[0] = Math.sqrt(m * m + px * px + py * py + pz * pz);
      p[1] = px;
      p[2] = py;
      p[3] = pz;
      const w = twoBodyDecay(p, 0, m, 0, 0.1, rng.uniform(), rng.uniform(), 4, 8);
      expect(w).toBeGreaterThan(0);
      for (let c = 0; c < 4; c++) expect(Math.abs(p[4 + c]! + p[8 + c]! - p[c]!)).toBeLessThan(1e-10 * p[0]!); // boosts with γ up to ~700 amplify rounding to ~γε
      expect(Math.abs(mass2(p, 4))).toBeLessThan(1e-9 * p[4]! * p[4]!);
      expect(Math.sqrt(mass2(p, 8))).toBeCloseTo(0.1, 6);
    }
  });

  it("massless Φ₂ = 1/(8π), zero below threshold", () => {
    expect(twoBodyPhaseSpaceWeight(80, 0, 0)).toBeCloseTo(1 / (8 * Math.PI), 15);
    expect(twoBodyPhaseSpaceWeight(0.1, 0.06, 0.05)).toBe(0);
  });

  it("decay angles are isotropic in the rest frame (χ² test on cos θ*, 10 bins)", () => {
    // Reference: uniform cos θ* under the unit-cube measure. χ² with 9 d.o.f.; 27.9 is the 0.1 %
    // false-alarm quantile.
    const p = new Float64Array(12);
    const rng = randomStream(9, 0);
    const bins = new Array(10).fill(0);
    const n = 20000;
    for (let i = 0; i < n; i++) {
      p.set([1, 0, 0, 0], 0);
      twoBodyDecay(p, 0, 1, 0, 0, rng.uniform(), rng.uniform(), 4, 8);
      const c = p[7]! / p[4]!;
      bins[Math.min(9, Math.floor((c + 1) * 5))]++;
    }
    const e = n / 10;
    const chi2 = bins.reduce((a, b) => a + ((b - e) * (b - e)) / e, 0);
    expect(chi2).toBeLessThan(27.9);
  });
});
