import { describe, expect, it } from "vitest";
import { PAPER_GENERATION_CUTS } from "../src/generate/background/cuts.js";
import { sigmaTTbarLO, TTBAR_REFERENCE, ttbarKFactor } from "../src/generate/background/kfactors.js";
import { type BackgroundSpec, buildBackgroundProcess } from "../src/generate/background/spec.js";
import { ttbarGG, ttbarQQ, W_BR } from "../src/generate/background/ttbar.js";
import { runChunk, warmUp } from "../src/generate/engine.js";
import { electroweakParameters } from "../src/model/electroweak.js";
import { loadPdfSet } from "../src/pdf/index.js";

const ew = electroweakParameters("gmu");
const pdf = loadPdfSet();

function spec(emission: boolean): BackgroundSpec {
  return {
    kind: "ttbar",
    pair: "e",
    sqrtS: 13000,
    scale: { kind: "dynamic" },
    ewInputs: "default",
    mHatMinGeV: 10,
    cuts: { ...PAPER_GENERATION_CUTS },
    emission,
  };
}

describe("tt̄ production |M|² (Combridge 1979)", () => {
  it("integrates to the closed-form partonic cross sections", () => {
    // Reference: σ̂(qq̄→QQ̄) = 8πα_s²/(27ŝ) β(1 + ρ/2) and σ̂(gg→QQ̄) = πα_s²/(3ŝ)[(1 + ρ + ρ²/16)
    // ln((1+β)/(1−β)) − β(7/4 + 31ρ/16)] (Ellis, Stirling & Webber (1996), eq. 10.13). Our σ̂ =
    // β/(16πŝ) ½∫dcosθ |M|² with g⁴ = (4πα_s)², by a 20 000-point midpoint rule; tolerance 2e-5
    // relative (the g g integrand peaks at cos θ → ±1 for ρ → 0: midpoint error ≈ 4e-6 at ρ = 0.01).
    for (const rho of [0.99, 0.5, 0.1, 0.01]) {
      const beta = Math.sqrt(1 - rho);
      let gg = 0;
      let qq = 0;
      const n = 20000;
      for (let i = 0; i < n; i++) {
        const c = -1 + (2 * (i + 0.5)) / n;
        gg += ttbarGG((1 - beta * c) / 2, (1 + beta * c) / 2, rho) / n;
        qq += ttbarQQ((1 - beta * c) / 2, (1 + beta * c) / 2, rho) / n;
      }
      // In units of α_s²/ŝ: (4π)² β/(16π) × mean|M|²/g⁴.
      const f = ((4 * Math.PI) ** 2 * beta) / (16 * Math.PI);
      const refQQ = ((8 * Math.PI) / 27) * beta * (1 + rho / 2);
      const refGG =
        (Math.PI / 3) *
        ((1 + rho + (rho * rho) / 16) * Math.log((1 + beta) / (1 - beta)) - beta * (7 / 4 + (31 * rho) / 16));
      expect(Math.abs((f * qq) / refQQ - 1)).toBeLessThan(2e-5);
      expect(Math.abs((f * gg) / refGG - 1)).toBeLessThan(2e-5);
    }
  });
});

describe("p p → tt̄ generator (background/ttbar.ts)", () => {
  it("σ(tt̄, decayed) = σ_LO quadrature × (Σ BR_W)² (phase space, decay weights and BR bookkeeping)", () => {
    // Reference: sigmaTTbarLO (ln τ, y, cos θ* midpoint quadrature, converged to 1e-4); the
    // generator's normalised top-decay weights must average to 1 so only the BR product remains.
    // Tolerance: 4 MC standard errors + 2e-4 (quadrature).
    const { process } = buildBackgroundProcess(spec(false));
    warmUp(process, { seed: 3, iterations: 4, pointsPerIteration: 8000, alpha: 1.5 });
    const n = 40000;
    const r = runChunk(process, { seed: 3, chunk: 0, points: n, totalPoints: n, unweightMaxPb: null });
    const mean = r.sumW / n;
    const err = Math.sqrt((r.sumW2 / n - mean * mean) / (n - 1));
    const br = W_BR.e + W_BR.mu + W_BR.hadrons;
    const q =
      sigmaTTbarLO({ sqrtS: 13000, pdf, scale: { kind: "dynamic" }, mTop: ew.mTop, mW: ew.mW }) * br * br;
    expect(Math.abs(mean - q)).toBeLessThan(4 * err + 2e-4 * q);
    expect(err / mean).toBeLessThan(0.01);
    // Event record: t, t̄, W± intermediate (status 2); b, b̄ and the W daughters final, b colour = t colour.
    const b = r.batch;
    const o = b.offsets[0]!;
    expect(Array.from(b.status.subarray(o, o + 12))).toEqual([-1, -1, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]);
    expect(b.pdg[o + 2]).toBe(6);
    expect(b.colour[o + 6]).toBe(b.colour[o + 2]);
    expect(b.anticolour[o + 7]).toBe(b.anticolour[o + 3]);
  });

  it("k-factor = 831.76 pb / σ_LO (Top++ NNLO+NNLL, m_t = 172.5 GeV)", () => {
    const k = ttbarKFactor({ sqrtS: 13000, pdf, scale: { kind: "dynamic" }, mTop: ew.mTop, mW: ew.mW });
    expect(TTBAR_REFERENCE[0]!.sigmaRefPb).toBe(831.76);
    expect(k.kFactor * k.sigmaLOPb).toBeCloseTo(831.76, 9);
  });

  it("with the soft pair: every event carries ℓ′⁺ℓ′⁻ above the m(SFOS) cut and keeps the W momentum", () => {
    // Recoil scheme of emission.ts: the spectator absorbs the recoil, so the W daughters plus the
    // pair (if emitted from that W) still sum to the W momentum; m(ee) ≥ 10 MeV (generation cut).
    const { process } = buildBackgroundProcess(spec(true));
    const r = runChunk(process, { seed: 4, chunk: 0, points: 3000, totalPoints: 3000, unweightMaxPb: null });
    const b = r.batch;
    expect(b.nEvents).toBeGreaterThan(100);
    for (let e = 0; e < b.nEvents; e++) {
      const o = b.offsets[e]!;
      expect(b.offsets[e + 1]! - o).toBe(14);
      const [m, pl] = [o + 12, o + 13];
      expect(b.pdg[m]).toBe(11);
      expect(b.pdg[pl]).toBe(-11);
      const E = b.E[m]! + b.E[pl]!;
      const px = b.px[m]! + b.px[pl]!;
      const py = b.py[m]! + b.py[pl]!;
      const pz = b.pz[m]! + b.pz[pl]!;
      expect(E * E - px * px - py * py - pz * pz).toBeGreaterThan(0.01 ** 2 * (1 - 1e-9));
      const w = b.mother1[m]!; // the W the pair came from
      const d = w === 4 ? [o + 8, o + 9] : [o + 10, o + 11];
      for (const [k, col] of [
        [0, b.E],
        [3, b.pz],
      ] as const) {
        void k;
        const sum = col[d[0]!]! + col[d[1]!]! + col[m]! + col[pl]!;
        expect(Math.abs(sum - col[o + w]!)).toBeLessThan(1e-6 * b.E[o + w]!);
      }
    }
  });
});
