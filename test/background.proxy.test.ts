import { describe, expect, it } from "vitest";
import { PAPER_SELECTION } from "../src/analysis/cuts.js";
import { SELECTION_PROXY_FLOOR, selectionProxy } from "../src/generate/background/wregion.js";

/** Massless momentum at p[o] from p_T, η, φ. */
function setMassless(p: Float64Array, o: number, pt: number, eta: number, phi: number): void {
  p[o] = pt * Math.cosh(eta);
  p[o + 1] = pt * Math.cos(phi);
  p[o + 2] = pt * Math.sin(phi);
  p[o + 3] = pt * Math.sinh(eta);
}

/**
 * μ (slot 0) at p_T 40 GeV, η 0, φ 0 and a soft e pair (slots 4, 8) back to back with it, 0.02 rad
 * apart: a point deep inside the paper's prompt signal region (Table II: p_T(ℓ1) > 25, electrons
 * > 5 GeV, dφ > 2.7, dR ∈ [2.7, 3.5], m_ℓℓ < 10, m(3ℓ) ≈ 54 < m_W, p_T(3ℓ) = 22 < m_W/2).
 */
function insidePoint(ptMu = 40, dphiPair = Math.PI, etaPair = 0.1): Float64Array {
  const p = new Float64Array(12);
  setMassless(p, 0, ptMu, 0, 0);
  setMassless(p, 4, 9, etaPair, dphiPair + 0.01);
  setMassless(p, 8, 9, etaPair, dphiPair - 0.01);
  return p;
}

const proxy = (p: Float64Array, o: [number, number, number], thr: [number, number, number]) =>
  selectionProxy(p, o[0], o[1], o[2], thr[0], thr[1], thr[2], PAPER_SELECTION);

describe("generator-level selection proxy (wregion.ts)", () => {
  const thr: [number, number, number] = [3, 5, 5];

  it("is 1 deep inside Table II's prompt signal region and the floor far outside it", () => {
    expect(proxy(insidePoint(), [0, 4, 8], thr)).toBe(1);
    // Leading lepton p_T 15 GeV, below the 25 GeV cut by more than its 3.75 GeV margin.
    expect(proxy(insidePoint(15), [0, 4, 8], thr)).toBe(SELECTION_PROXY_FLOOR);
    // The pair in the W lepton's hemisphere (dφ ≈ 0.5 rad, far below 2.7).
    expect(proxy(insidePoint(40, 0.5), [0, 4, 8], thr)).toBe(SELECTION_PROXY_FLOOR);
  });

  it("sits halfway up its ramp at a cut (dφ = 2.7 rad)", () => {
    // The pair's azimuth is 2.7 rad from the muon, dφ(ℓ1, Z_D) = 2.7 exactly; at η = 1.5,
    // dR = 3.09 and m(3ℓ) = 68.5 GeV: every other cut is passed beyond its margin, so the product of
    // ramps is the dφ ramp alone, ½ at its cut.
    const p = insidePoint(40, PAPER_SELECTION.dPhiMin, 1.5);
    const half = SELECTION_PROXY_FLOOR + 0.5 * (1 - SELECTION_PROXY_FLOOR);
    expect(proxy(p, [0, 4, 8], thr)).toBeCloseTo(half, 12);
  });

  it("does not depend on the order of the slots (ℓ1 is the hardest lepton, as in the analysis)", () => {
    const p = insidePoint(30, 2.8);
    const ref = proxy(p, [0, 4, 8], thr);
    expect(ref).toBeGreaterThan(SELECTION_PROXY_FLOOR);
    expect(proxy(p, [4, 0, 8], [5, 3, 5])).toBe(ref);
    expect(proxy(p, [8, 4, 0], [5, 5, 3])).toBe(ref);
  });

  it("applies each lepton's own p_T threshold (electrons 5 GeV, muons 3 GeV)", () => {
    // A 4 GeV pair lepton: below the electron cut's ramp centre, above the muon cut's margin.
    const p = insidePoint();
    setMassless(p, 8, 4, 0.1, Math.PI - 0.01);
    expect(proxy(p, [0, 4, 8], [3, 3, 3])).toBe(1);
    expect(proxy(p, [0, 4, 8], [3, 5, 5])).toBeLessThan(0.5);
  });
});
