import { describe, expect, it } from "vitest";
import { GEV2_PB } from "../src/core/units.js";
import { mergeChunks, runChunk, warmUp } from "../src/generate/engine.js";
import { generate } from "../src/generate/generate.js";
import { buildProcess, type ProcessSpec } from "../src/generate/processes.js";
import { sigmaWLnuQuadrature } from "../src/generate/reference.js";
import { electroweakParameters } from "../src/model/electroweak.js";
import { loadPdfSet } from "../src/pdf/index.js";

const W_SPEC: ProcessSpec = {
  kind: "w-lnu",
  charge: "both",
  lepton: "mu",
  sqrtS: 13000,
  scale: { kind: "dynamic" },
  ewInputs: "default",
  mHatMinGeV: 10,
};

describe("pp → W → μν at LO", () => {
  it("generator σ (helicity amplitudes, VEGAS) equals the quadrature of the analytic σ̂ over the PDFs", async () => {
    // Reference: sigmaWLnuQuadrature — ∫dŝ∫dy Σ|V|² f f σ̂(ŝ) with the closed-form σ̂ (ESW Sec. 9.2),
    // Gauss–Legendre, converged to < 1e-7 (doubling the panels changes it by 2e-8). It shares only the
    // PDFs and couplings with the generator. Tolerance: 4 MC standard errors (false alarm 6e-5);
    // the muon mass (in the generator, not in σ̂) shifts σ by O(m_μ²/m_W²) ≈ 2e-6, far below.
    const r = await generate(W_SPEC, { nEvents: 60000, seed: 1, workers: 0 });
    const ew = electroweakParameters("gmu");
    const q = sigmaWLnuQuadrature({
      pdf: loadPdfSet(),
      sqrtS: 13000,
      charges: [1, -1],
      couplings: { gW: ew.gW, mW: ew.mW, widthW: ew.widthW },
      mMin: 10,
      scale: { kind: "dynamic" },
      gevToPb: GEV2_PB,
      panelsS: 200,
    });
    expect(Math.abs(r.sigmaLOPb - q)).toBeLessThan(4 * r.sigmaLOErrPb);
    expect(r.sigmaLOErrPb / r.sigmaLOPb).toBeLessThan(3e-3); // 0.3 % reached with 60k points
    // Σ event weights = σ (events carry w/N; Neumaier-merged σ vs plain sum: 1e-9 relative).
    let sum = 0;
    for (let e = 0; e < r.batch.nEvents; e++) sum += r.batch.weight[e]!;
    expect(sum / r.sigmaPb).toBeCloseTo(1, 9);
    // Each charge separately also matches (W⁺ alone, 4σ).
    const rp = await generate({ ...W_SPEC, charge: "plus" }, { nEvents: 30000, seed: 2, workers: 0 });
    const qp = sigmaWLnuQuadrature({
      pdf: loadPdfSet(),
      sqrtS: 13000,
      charges: [1],
      couplings: { gW: ew.gW, mW: ew.mW, widthW: ew.widthW },
      mMin: 10,
      scale: { kind: "dynamic" },
      gevToPb: GEV2_PB,
      panelsS: 200,
    });
    expect(Math.abs(rp.sigmaLOPb - qp)).toBeLessThan(4 * rp.sigmaLOErrPb);
  });

  it("MC error falls as 1/√N on the frozen grid", () => {
    // Reference: CLT, δσ ∝ N^(−1/2). Ratio of errors for N and 16N must be 4 within the
    // fluctuation of the variance estimate itself (a few % for these N): tolerance ±10 %.
    const { process } = buildProcess(W_SPEC);
    warmUp(process, { seed: 3, iterations: 4, pointsPerIteration: 5000, alpha: 1.5 });
    const n = 4000;
    const small = mergeChunks([
      runChunk(process, { seed: 3, chunk: 0, points: n, totalPoints: n, unweightMaxPb: null }),
    ]);
    const big = mergeChunks([
      runChunk(process, { seed: 3, chunk: 1, points: 16 * n, totalPoints: 16 * n, unweightMaxPb: null }),
    ]);
    expect(small.sigmaErrPb / big.sigmaErrPb).toBeGreaterThan(3.6);
    expect(small.sigmaErrPb / big.sigmaErrPb).toBeLessThan(4.4);
  });

  it("records W, μ, ν with mothers, charges and momentum conservation", async () => {
    // Reference: LHE record conventions (status −1/2/1, mothers), W⁺ → μ⁺ ν_μ, W⁻ → μ⁻ ν̄_μ; p(W) =
    // p(μ) + p(ν) = p₁ + p₂ exactly up to rounding (1e-9 relative).
    const r = await generate(W_SPEC, { nEvents: 2000, seed: 4, workers: 0 });
    const b = r.batch;
    let nPlus = 0;
    for (let e = 0; e < b.nEvents; e++) {
      const o = b.offsets[e]!;
      expect(Array.from(b.status.subarray(o, o + 5))).toEqual([-1, -1, 2, 1, 1]);
      const w = b.pdg[o + 2]!;
      if (w === 24) {
        nPlus++;
        expect([b.pdg[o + 3], b.pdg[o + 4]]).toEqual([-13, 14]);
      } else {
        expect(w).toBe(-24);
        expect([b.pdg[o + 3], b.pdg[o + 4]]).toEqual([13, -14]);
      }
      expect(b.mother1[o + 3]).toBe(2);
      for (const col of [b.E, b.pz]) {
        const sum = col[o + 3]! + col[o + 4]!;
        expect(Math.abs(sum - (col[o]! + col[o + 1]!))).toBeLessThan(1e-9 * b.E[o + 2]!);
      }
    }
    // W⁺/W⁻ ≈ 1.3 at 13 TeV (ATLAS PLB 759 (2016) 601: fiducial ratio 1.295); loose 1.1–1.6 band.
    const ratio = nPlus / (b.nEvents - nPlus);
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.6);
  });
});
