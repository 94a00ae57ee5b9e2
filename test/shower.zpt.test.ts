/**
 * Z-boson transverse-momentum spectrum at 13 TeV against the ATLAS measurement (Eur. Phys. J. C
 * 80 (2020) 616, HEPData ins1768911 Table 4a, data/measurements/SOURCE.md): LO q q̄ → Z → μμ from
 * the default PDF set, showered with the default settings, the paper's fiducial cuts applied to
 * the leptons, both spectra normalised to unit area in 2–51 GeV.
 *
 * Tolerance: the brief's requirement, |model/data − 1| < 20 % in every bin from 2 to 51 GeV. To
 * keep that a test of the shower and not of MC noise, the published bins are merged into 8 wider
 * ones so the MC error per bin is < 5.5 % (asserted below; the 20 % band is then ≥ 3.6σ wide).
 * With 60 000 events and the published binning the worst deviation is 7 % (docs/shower.md); the data errors are < 1 %.
 */
import { describe, expect, it } from "vitest";
import { randomStream } from "../src/core/rng.js";
import { DEFAULT_PDF_SET, loadPdfSet } from "../src/pdf/index.js";
import {
  type BinnedMeasurement,
  bosonPtSummary,
  compareShape,
  drellYanBatch,
  fiducialDileptonPt,
  loadBinnedMeasurement,
  Shower,
} from "../src/shower/index.js";

/** Merges consecutive bins of a density measurement at the given edges (area-preserving). */
function merge(m: BinnedMeasurement, edges: number[]): BinnedMeasurement {
  const n = edges.length - 1;
  const out: BinnedMeasurement = {
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    value: new Float64Array(n),
    relErr: new Float64Array(n),
  };
  for (let j = 0; j < n; j++) {
    let area = 0;
    for (let k = 0; k < m.lo.length; k++) {
      if (m.lo[k]! >= edges[j]! && m.hi[k]! <= edges[j + 1]!) area += m.value[k]! * (m.hi[k]! - m.lo[k]!);
    }
    out.lo[j] = edges[j]!;
    out.hi[j] = edges[j + 1]!;
    out.value[j] = area / (edges[j + 1]! - edges[j]!);
  }
  return out;
}

describe("Z pT at 13 TeV vs ATLAS (EPJC 80 (2020) 616)", () => {
  const pdf = loadPdfSet(DEFAULT_PDF_SET);

  it("has the measured shape within 20 % from 2 to 51 GeV", () => {
    const data = loadBinnedMeasurement();
    expect(data.lo.length).toBe(44);
    const merged = merge(data, [2, 4, 6, 8, 10, 14, 20, 30, 51]);
    // |y_Z| < 3 covers the fiducial region (both leptons |η| < 2.5, pT > 27 GeV) and keeps the
    // weights of the uniform-y sampler from spreading over the unobserved forward region.
    const n = 16000;
    const events = drellYanBatch(pdf, "Z", n, 13000, randomStream(13, 0), [66, 116], 3);
    const out = new Shower(pdf, { hadronize: false }).run(events, randomStream(13, 1));
    const pts: number[] = [];
    const ws: number[] = [];
    for (let e = 0; e < n; e++) {
      const pt = fiducialDileptonPt(out, e);
      if (pt >= 0) {
        pts.push(pt);
        ws.push(out.weight[e]!);
      }
    }
    const cmp = compareShape(merged, pts, ws, 2, 51);
    for (let j = 0; j < cmp.ratio.length; j++) {
      expect(cmp.modelErr[j]! / cmp.model[j]!).toBeLessThan(0.055);
      expect(Math.abs(cmp.ratio[j]! - 1)).toBeLessThan(0.2);
    }
  });

  it("gives the W a pT spectrum with the measured Z spectrum's mean and median (±30 %)", () => {
    // Without the shower every W has pT = 0. The measured Z spectrum (Table 4a, fiducial; bin
    // centres, linear interpolation for the median) has mean 20.3 GeV and median 12.0 GeV; the
    // W spectrum is measured to be similar (ATLAS, arXiv:2404.06204). ±30 % is a sanity band for
    // W vs Z (different boson, no fiducial cuts); the shape test above is the quantitative one.
    const out = new Shower(pdf, { hadronize: false }).run(
      drellYanBatch(pdf, "W-", 4000, 13000, randomStream(14, 0)),
      randomStream(14, 1),
    );
    const s = bosonPtSummary(out);
    expect(Math.abs(s.median / 12.0 - 1)).toBeLessThan(0.3);
    expect(Math.abs(s.mean / 20.3 - 1)).toBeLessThan(0.3);
  });
});
