import { describe, expect, it } from "vitest";
import { PAPER_SELECTION } from "../src/analysis/cuts.js";
import {
  REACH_RECOIL,
  recoilAverage,
  recoilAveragedProxy,
  recoilBoost,
  SELECTION_PROXY_FLOOR,
  selectionProxy,
  TYPICAL_RECOIL,
} from "../src/generate/background/wregion.js";

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

  it("recoilBoost gives the hard system p_T = k_T and keeps its mass and rapidity, and each mass", () => {
    // Reference: the shower's recoil (docs/shower.md, showerBatch.ts) keeps m and y of the hard
    // system and gives it p_T = k_T; a Lorentz transformation keeps every p². Four massless momenta
    // of a system at rapidity 0.7 (rest-frame back-to-back pairs, then boosted along z); β_old and
    // β_new as `recoilAveragedProxy` computes them. Tolerance: rounding.
    const y = 0.7;
    const rest = new Float64Array(16);
    setMassless(rest, 0, 30, 0.3, 0.2);
    setMassless(rest, 4, 30, -0.3, 0.2 + Math.PI);
    setMassless(rest, 8, 12, 1.1, 2.0);
    setMassless(rest, 12, 12, -1.1, 2.0 + Math.PI);
    const p = new Float64Array(16);
    for (let k = 0; k < 4; k++) {
      const [e, z] = [rest[4 * k]!, rest[4 * k + 3]!];
      p[4 * k] = e * Math.cosh(y) + z * Math.sinh(y);
      p[4 * k + 1] = rest[4 * k + 1]!;
      p[4 * k + 2] = rest[4 * k + 2]!;
      p[4 * k + 3] = z * Math.cosh(y) + e * Math.sinh(y);
    }
    const m = rest[0]! + rest[4]! + rest[8]! + rest[12]!;
    const kt = 17;
    const [cx, cy] = [Math.cos(1.3), Math.sin(1.3)];
    const out = new Float64Array(16);
    const mt = Math.hypot(m, kt);
    const e = mt * Math.cosh(y);
    for (let k = 0; k < 4; k++) {
      recoilBoost(p, 4 * k, -Math.tanh(y), (kt * cx) / e, (kt * cy) / e, (mt * Math.sinh(y)) / e, out, 4 * k);
    }
    const sum = [0, 1, 2, 3].map((j) => out[j]! + out[4 + j]! + out[8 + j]! + out[12 + j]!);
    expect(sum[0]).toBeCloseTo(mt * Math.cosh(y), 9);
    expect(sum[1]).toBeCloseTo(kt * cx, 9);
    expect(sum[2]).toBeCloseTo(kt * cy, 9);
    expect(sum[3]).toBeCloseTo(mt * Math.sinh(y), 9);
    for (let k = 0; k < 4; k++) {
      const [e, x, yy, z] = [out[4 * k]!, out[4 * k + 1]!, out[4 * k + 2]!, out[4 * k + 3]!];
      expect(e * e - x * x - yy * yy - z * z).toBeCloseTo(0, 8);
    }
  });

  it("the recoil-averaged proxy sees events the recoil can carry into the selection", () => {
    // A 21 GeV leading muon (bare proxy at its floor: below 25 GeV by more than the 3.75 GeV
    // margin) gains ≈ γβ E ≈ 4 GeV from a 20 GeV recoil along it (√ŝ = 100 GeV), which lifts it into
    // the ramp: the average over recoils must exceed the floor, and stay within [floor, 1].
    const p = insidePoint(21);
    expect(proxy(p, [0, 4, 8], thr)).toBe(SELECTION_PROXY_FLOOR);
    const avg = recoilAveragedProxy(p, [0, 4, 8], thr, 100 * 100, 0, PAPER_SELECTION, new Float64Array(24));
    expect(avg).toBeGreaterThan(SELECTION_PROXY_FLOOR);
    expect(avg).toBeLessThanOrEqual(1);
  });

  it("the reach recoil average sees soft forward pairs that only a hard recoil lifts", () => {
    // Two 1.1 GeV muons at η = 2.4 (E ≈ 6.1 GeV each), back to back with a 40 GeV muon; √ŝ = 85 GeV,
    // y = 0.3. Each pair muon needs ≥ 2.55 GeV (the 3 GeV cut less its 15 % margin), i.e. ≥ 1.45 GeV
    // from the recoil: γβ_T E ≈ 1.45 GeV needs k_T ≈ 20 GeV exactly along the pair's direction, and
    // more where the leading muon must stay above 25 GeV and the pair back to back with it; 35 GeV
    // does it, 8 and 20 GeV (TYPICAL_RECOIL) do not. The reach average must leave the floor, the typical
    // one stay on it (the distinction the halo's copies rest on, eventProxy.ts copiesByReach).
    const p = new Float64Array(12);
    setMassless(p, 0, 40, 0, 0);
    setMassless(p, 4, 1.1, 2.4, Math.PI + 0.05);
    setMassless(p, 8, 1.1, 2.4, Math.PI - 0.05);
    const o: [number, number, number] = [0, 4, 8];
    const t: [number, number, number] = [3, 3, 3];
    const s = new Float64Array(24);
    expect(recoilAveragedProxy(p, o, t, 85 * 85, 0.3, PAPER_SELECTION, s, TYPICAL_RECOIL)).toBeCloseTo(
      SELECTION_PROXY_FLOOR,
      12,
    );
    expect(recoilAveragedProxy(p, o, t, 85 * 85, 0.3, PAPER_SELECTION, s, REACH_RECOIL)).toBeGreaterThan(
      SELECTION_PROXY_FLOOR * 1.1,
    );
  });

  it("the recoil average is the weighted mean of the proxy at each recoilBoost of the leptons", () => {
    // Its definition, written out with recoilBoost as the shower applies a recoil (k_T on each ring
    // in equally spaced azimuths, the k_T = 0 point once per azimuth); recoilAveragedProxy does the
    // first boost of recoilBoost once for all recoils, with the same arithmetic, so the two agree
    // exactly. Near the dφ and p_T(ℓ1) cuts, so that the recoils move the proxy along its ramps.
    const p = insidePoint(24, 2.75, 0.8);
    const o: [number, number, number] = [0, 4, 8];
    const sHat = 90 * 90;
    const y = 0.4;
    for (const r of [TYPICAL_RECOIL, REACH_RECOIL]) {
      let sum = proxy(p, o, thr) * r.azimuths * r.weights[0]!;
      let norm = r.azimuths * r.weights[0]!;
      const out = new Float64Array(12);
      r.ktGeV.forEach((kt, ring) => {
        const mt = Math.sqrt(sHat + kt * kt);
        const e = mt * Math.cosh(y);
        for (let a = 0; a < r.azimuths; a++) {
          const [bx, by, bz] = [(kt * r.cos[a]!) / e, (kt * r.sin[a]!) / e, (mt * Math.sinh(y)) / e];
          for (let k = 0; k < 3; k++) recoilBoost(p, o[k]!, -Math.tanh(y), bx, by, bz, out, 4 * k);
          sum += proxy(out, [0, 4, 8], thr) * r.weights[ring + 1]!;
        }
        norm += r.azimuths * r.weights[ring + 1]!;
      });
      const avg = recoilAveragedProxy(p, o, thr, sHat, y, PAPER_SELECTION, new Float64Array(24), r);
      expect(avg).toBeGreaterThan(SELECTION_PROXY_FLOOR);
      expect(avg).toBeLessThan(1);
      expect(avg).toBe(sum / norm);
    }
    expect(() => recoilAveragedProxy(p, o, thr, sHat, y, PAPER_SELECTION, new Float64Array(12))).toThrow(
      /scratch needs 24 doubles/,
    );
  });

  it("a recoil average with unequal ring weights is the weighted mean of the rings", () => {
    // The definition (wregion.ts recoilAverage): Σ_r w_r Σ_φ proxy / (azimuths Σ_r w_r), the k_T = 0
    // point counted once per azimuth. Compared with the two one-ring averages it combines.
    const p = insidePoint(23, 2.9);
    const o: [number, number, number] = [0, 4, 8];
    const s = new Float64Array(24);
    const at = (r: ReturnType<typeof recoilAverage>) =>
      recoilAveragedProxy(p, o, thr, 90 * 90, 0.2, PAPER_SELECTION, s, r);
    const none = at(recoilAverage([20], [1, 0], 6));
    const ring = at(recoilAverage([20], [0, 1], 6));
    expect(at(recoilAverage([20], [1, 3], 6))).toBeCloseTo(0.25 * none + 0.75 * ring, 12);
    expect(() => recoilAverage([20], [1], 6)).toThrow(/one non-negative weight per ring/);
  });
});
