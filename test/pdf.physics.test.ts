/**
 * Physics checks of the embedded set NNPDF23_lo_as_0130_qed and of the α_s implementations:
 * sum rules, α_s(M_Z), the RGE solution against closed forms, threshold continuity, and the
 * table/analytic variants.
 */
import { describe, expect, it } from "vitest";
import { AlphaSAnalytic, AlphaSIpol, AlphaSOde, betaCoefficients, loadPdfSet } from "../src/pdf/index.js";

const pdf = loadPdfSet();

/**
 * ∫ g(x) d(ln x) over [1e-9, 1] by Simpson's rule in ln x with n intervals, g from x·f at all
 * partons (out[0..13]).
 */
function integrateLogX(q: number, g: (x: number, xf: Float64Array) => number, n = 4000): number {
  const a = Math.log(1e-9);
  const h = -a / n;
  const out = new Float64Array(14);
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const x = i === n ? 1 : Math.exp(a + i * h);
    pdf.xfxQAll(x, q, out);
    s += (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * g(x, out);
  }
  return (s * h) / 3;
}

describe("sum rules of the embedded set (NNPDF23_lo_as_0130_qed)", () => {
  // Simpson in ln x with 4000 intervals (h = 0.005): the quadrature error is far below 1e-4 (doubling
  // n changes the results by < 1e-6); x < 1e-9 adds < 1e-5 (x·f ≲ 3e3 there).
  for (const q of [10, 100]) {
    it(`momentum sum rule ∫ x Σ f dx = 1 within 1 % at Q = ${q} GeV (quarks, gluon and photon)`, () => {
      // Reference: momentum conservation, Σ_i ∫ x f_i dx = 1 (imposed in the NNPDF2.3 QED fit,
      // arXiv:1308.0598 §2). 1 % allows for LO fit/grid effects (we find 1.005).
      const sum = integrateLogX(q, (x, xf) => {
        let t = 0;
        for (let k = 0; k < 14; k++) t += xf[k]!;
        return x * t; // ∫ x f dx = ∫ (x f) x d ln x
      });
      expect(Math.abs(sum - 1)).toBeLessThan(0.01);
    });

    it(`valence sums u − ū = 2, d − d̄ = 1 within 2 % (and s − s̄ ≈ 0) at Q = ${q} GeV`, () => {
      // Reference: quark-number sum rules of the proton. ∫ (f − f̄) dx = ∫ (x f − x f̄) d ln x.
      // 2 % allows for the small-x region the grid freezes (x·f flat below ≈ 1e-7).
      const uv = integrateLogX(q, (_x, xf) => xf[8]! - xf[4]!);
      const dv = integrateLogX(q, (_x, xf) => xf[7]! - xf[5]!);
      const sv = integrateLogX(q, (_x, xf) => xf[9]! - xf[3]!);
      expect(Math.abs(uv / 2 - 1)).toBeLessThan(0.02);
      expect(Math.abs(dv - 1)).toBeLessThan(0.02);
      expect(Math.abs(sv)).toBeLessThan(0.02);
    });
  }

  it("declares LO, α_s(M_Z) = 0.130, flavours −6..6, g, γ and the grid's x, Q range", () => {
    // Reference: the set name (NNPDF2.3 QED LO, αs(MZ) = 0.130) and the grid header.
    expect(pdf.name).toBe("NNPDF23_lo_as_0130_qed");
    expect(pdf.orderQCD).toBe(0);
    expect(pdf.alphaSMZ).toBe(0.13);
    expect(Array.from(pdf.flavours)).toEqual([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 21, 22]);
    expect([pdf.xMin, pdf.xMax, pdf.qMin, pdf.qMax]).toEqual([1e-9, 1, 1, 1e4]);
  });
});

describe("α_s", () => {
  it("α_s(M_Z) equals the declared AlphaS_MZ = 0.130 (M_Z = 91.1876 GeV from the .info)", () => {
    // Exact: M_Z is the starting knot of the running.
    expect(pdf.alphaS(91.1876)).toBe(0.13);
    expect(pdf.alphaSOrderQCD).toBe(1);
    expect(pdf.alphaSType).toBe("ode");
  });

  it("2-loop running satisfies the exact implicit 2-loop solution between thresholds", () => {
    // Reference: integrating dα/dt = −α²(b0 + b1 α) exactly gives
    //   t − t0 = 1/(b0 α) − 1/(b0 α0) − (b1/b0²) ln[(b0 + b1 α) α0 / ((b0 + b1 α0) α)].
    // With nf = 5 between m_b = 4.75 and m_t = 175 GeV. RK4 with step 0.01 in ln Q² and Hermite
    // interpolation: residual ≲ 1e-9 in t; tolerance 1e-7.
    const [b0, b1] = betaCoefficients(5);
    const a0 = 0.13;
    const t0 = Math.log(91.1876 ** 2);
    for (const q of [5, 10, 30, 91.1876, 150, 174.9]) {
      const a = pdf.alphaS(q);
      const lhs = Math.log(q * q) - t0;
      const rhs =
        1 / (b0 * a) -
        1 / (b0 * a0) -
        (b1 / (b0 * b0)) * Math.log(((b0 + b1 * a) * a0) / ((b0 + b1 * a0) * a));
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-7);
    }
  });

  it("1-loop running equals the closed form 1/α(Q) = 1/α(M_Z) + b0 ln(Q²/M_Z²) at fixed nf", () => {
    // Reference: PDG 2024 QCD review eq. 9.3 truncated at b0. nf = 5 throughout (thresholds far away).
    const as = new AlphaSOde({
      alphaSMZ: 0.118,
      mZ: 91.1876,
      orderQCD: 0,
      quarkMasses: [1.3, 4.75, 1e4],
      nfMax: 5,
      qMin: 5,
      qMax: 1e4,
    });
    const [b0] = betaCoefficients(5);
    for (const q of [5, 20, 91.1876, 500, 5000, 2e4, 3]) {
      const nfOk = q >= 4.75;
      const exact = 1 / (1 / 0.118 + b0 * Math.log((q * q) / 91.1876 ** 2));
      if (nfOk) expect(as.alphaS(q) / exact - 1).toBeCloseTo(0, 9);
    }
    // Below m_b = 4.75 GeV (outside the table: integrated directly across the threshold with nf = 4).
    const [b04] = betaCoefficients(4);
    const aMb = 1 / (1 / 0.118 + b0 * Math.log(4.75 ** 2 / 91.1876 ** 2));
    expect(as.alphaS(3) / (1 / (1 / aMb + b04 * Math.log(9 / 4.75 ** 2))) - 1).toBeCloseTo(0, 8);
  });

  it("is continuous at the flavour thresholds and decreasing in Q", () => {
    // Continuous matching at m_c = √2, m_b = 4.75, m_t = 175 GeV (exact at 2 loops, see alphas.ts).
    for (const m of [Math.SQRT2, 4.75, 175]) {
      const lo = pdf.alphaS(m * (1 - 1e-9));
      const hi = pdf.alphaS(m * (1 + 1e-9));
      expect(Math.abs(hi / lo - 1)).toBeLessThan(1e-8);
    }
    let prev = Number.POSITIVE_INFINITY;
    for (let q = 1; q < 1e4; q *= 1.1) {
      const a = pdf.alphaS(q);
      expect(a).toBeLessThan(prev);
      prev = a;
    }
    // Outside the grid's Q range the running continues (no freeze): α_s(2e4) < α_s(1e4).
    expect(pdf.alphaS(2e4)).toBeLessThan(pdf.alphaS(1e4));
  });

  it("ipol reproduces its knots, is continuous, extrapolates as LHAPDF (power law below, frozen above)", () => {
    // Reference: LHAPDF AlphaS_Ipol conventions. Table made from the ode running of the embedded set,
    // with the c and b thresholds repeated as LHAPDF tables do.
    const qs = [1, 1.2, Math.SQRT2, Math.SQRT2, 2, 3, 4.75, 4.75, 7, 10, 30, 91.1876, 300, 1000, 1e4];
    const vals = qs.map((q) => pdf.alphaS(q));
    const ip = new AlphaSIpol(qs, vals);
    qs.forEach((q, i) => {
      if (q !== 4.75 && q !== Math.SQRT2) expect(ip.alphaS(q)).toBeCloseTo(vals[i]!, 14);
    });
    // Between knots close to the smooth running: 2 % (cubic with finite-difference slopes in log Q² on
    // a deliberately coarse table — up to a decade between knots, 3-knot subgrid below m_c).
    for (const q of [1.1, 1.3, 2.5, 6, 20, 150, 5000])
      expect(Math.abs(ip.alphaS(q) / pdf.alphaS(q) - 1)).toBeLessThan(0.02);
    expect(ip.alphaS(2e4)).toBe(vals[vals.length - 1]);
    const slope = Math.log(vals[1]! / vals[0]!) / Math.log(1.2 ** 2);
    expect(ip.alphaS(0.8)).toBeCloseTo(vals[0]! * 0.64 ** slope, 14);
  });

  it("analytic Λ form agrees with the 2-loop ode running to 1 % for Q ≥ 10 GeV", () => {
    // Reference: PDG 2024 eq. 9.5. Λ^(5) chosen so that the 2-loop analytic form gives α_s(M_Z) =
    // 0.118; the truncated expansion differs from the exact 2-loop solution by O(1/L³) (< 1 % here).
    const lam5 = findLambda(
      (l) => new AlphaSAnalytic(new Map([[5, l]]), 1, [1.3, 4.75, 1e4], 5).alphaS(91.1876),
      0.118,
    );
    const an = new AlphaSAnalytic(new Map([[5, lam5]]), 1, [1.3, 4.75, 1e4], 5);
    const ode = new AlphaSOde({
      alphaSMZ: 0.118,
      mZ: 91.1876,
      orderQCD: 1,
      quarkMasses: [1.3, 4.75, 1e4],
      nfMax: 5,
      qMin: 10,
      qMax: 1e4,
    });
    for (const q of [10, 50, 200, 1000, 5000])
      expect(Math.abs(an.alphaS(q) / ode.alphaS(q) - 1)).toBeLessThan(0.01);
    expect(lam5).toBeGreaterThan(0.1);
    expect(lam5).toBeLessThan(0.4); // PDG: Λ^(5)_MS ≈ 0.21 GeV at this α_s
  });
});

/** Bisection for Λ with f(Λ) = target (f increasing in Λ). */
function findLambda(f: (l: number) => number, target: number): number {
  let lo = 0.01;
  let hi = 1;
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
