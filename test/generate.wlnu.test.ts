import { describe, expect, it } from "vitest";
import { GEV2_PB } from "../src/core/units.js";
import { electroweakParameters } from "../src/model/electroweak.js";
import { loadPdfSet } from "../src/pdf/index.js";
import { mergeChunks, runChunk, warmUp } from "../src/generate/engine.js";
import { analyticWLnuMatrixElement, sigmaWLnuQuadrature } from "../src/generate/reference.js";
import { WLnuProcess } from "../src/generate/wlnu.js";

describe("pp → W → μν at LO", () => {
  it("generator σ equals the quadrature of σ̂ over the PDFs", () => {
    const ew = electroweakParameters("gmu");
    const pdf = loadPdfSet();
    const c = { gW: ew.gW, mW: ew.mW, widthW: ew.widthW };
    const t0 = performance.now();
    const proc = new WLnuProcess({
      sqrtS: 13000, charges: [1, -1], leptonPdg: 13, leptonMass: 0, mW: ew.mW, widthW: ew.widthW, pdf,
      scale: { kind: "dynamic" }, mePlus: analyticWLnuMatrixElement(1, 13, c), meMinus: analyticWLnuMatrixElement(-1, 13, c),
      ckmInMatrixElement2: 1, mMin: 10,
    });
    const wu = warmUp(proc, { seed: 1, iterations: 5, pointsPerIteration: 5000, alpha: 1.5 });
    const N = 40000;
    const r = mergeChunks([runChunk(proc, { seed: 1, chunk: 0, points: N, totalPoints: N, unweightMaxPb: null })]);
    const t1 = performance.now();
    const q = sigmaWLnuQuadrature({ pdf, sqrtS: 13000, charges: [1, -1], couplings: c, mMin: 10, scale: { kind: "dynamic" }, gevToPb: GEV2_PB });
    const t2 = performance.now();
    console.log(wu.iterations, r, q, t1 - t0, t2 - t1);
    expect(Math.abs(r.sigmaPb - q)).toBeLessThan(4 * r.sigmaErrPb);
  });
});
