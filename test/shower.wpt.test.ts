/**
 * W-boson transverse-momentum spectrum against a published measurement: CMS, JHEP 02 (2017) 096,
 * HEPData ins1471281 v2 Table 2 (W± → μν, pre-FSR, normalised; data/measurements/SOURCE.md).
 * The issue asks for 13 TeV; no 13 TeV W pT table was found in a readable file (SOURCE.md), so
 * dnreach runs at the measurement's √s = 8 TeV: W± → μν from `dnreach generate` (LO, weighted,
 * both charges), showered with the default settings, the CMS fiducial cut applied to the Born-level
 * muon (pT > 20 GeV, |η| < 2.1), both spectra normalised to unit area over the published bins in
 * 0–50 GeV (the published edges closest to the 2–50 GeV: the first bin is 0–7.5 GeV).
 *
 * Tolerance: the requirement, |model/data − 1| < 20 % in every bin. With 40 000 generated
 * events (18 749 fiducial) the MC error per bin is 1.2–3.9 % (asserted < 5 % below, so the 20 %
 * band is ≥ 4σ wide); the data errors are 1.3–2.1 %. With the shower of commit 0edf736 this seed
 * gave the ratios 1.009, 0.884, 1.025, 1.082, 1.109, 1.081, 0.984 — worst bin 7.5–12.5 GeV at
 * −11.6 % (≈ 5σ of MC error inside the band); shower changes that consume random numbers
 * differently move these within the MC errors. With 100 000 events (bench/shower.mjs,
 * docs/shower.md) the worst bin is the same one, −12.9 %.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileFormatError } from "../src/core/errors.js";
import { generate } from "../src/generate/index.js";
import { showerGenerated } from "../src/shower/index.js";
import {
  CMS_WPT_8TEV_FILE,
  compareShape,
  fiducialWPt,
  loadBinnedMeasurement,
} from "../src/shower/validation.js";

describe("W pT at 8 TeV vs CMS (JHEP 02 (2017) 096)", () => {
  it("reads the published table: 13 bins of a unit-normalised density", () => {
    const data = loadBinnedMeasurement(CMS_WPT_8TEV_FILE);
    expect(data.lo.length).toBe(13);
    expect(data.lo[0]).toBe(0);
    expect(data.hi[12]).toBe(600);
    // (1/σ) dσ/dpT integrates to 1 over the published range; the values are given to 6
    // significant digits, so the sum may differ from 1 by a few 1e-6 per bin.
    let area = 0;
    for (let k = 0; k < 13; k++) area += data.value[k]! * (data.hi[k]! - data.lo[k]!);
    expect(Math.abs(area - 1)).toBeLessThan(1e-4);
    // Table 2's first bin: 0.0487509 ± 0.000620294 (1.27 %).
    expect(data.value[0]).toBe(0.0487509);
    expect(data.relErr[0]).toBeCloseTo(0.000620294 / 0.0487509, 12);
  });

  it("rejects a measurement file with an unknown error layout, naming file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "dnreach-wpt-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "# comment\nlo,hi,value,stat,syst\n0,1,1,0.1,0.1\n");
    try {
      expect(() => loadBinnedMeasurement(file)).toThrow(FileFormatError);
      expect(() => loadBinnedMeasurement(file)).toThrow(/bad\.csv:2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has the measured shape within 20 % from 0 to 50 GeV", async () => {
    const data = loadBinnedMeasurement(CMS_WPT_8TEV_FILE);
    const n = 40000;
    const r = await generate(
      {
        kind: "w-lnu",
        charge: "both",
        lepton: "mu",
        sqrtS: 8000,
        scale: { kind: "mW" },
        ewInputs: "default",
        mHatMinGeV: 10,
      },
      { nEvents: n, seed: 81, workers: 0 },
    );
    const out = showerGenerated(r.batch, r.info, 81, { hadronize: false }).batch;
    const pts: number[] = [];
    const ws: number[] = [];
    for (let e = 0; e < out.nEvents; e++) {
      const pt = fiducialWPt(out, e);
      if (pt >= 0) {
        pts.push(pt);
        ws.push(out.weight[e]!);
      }
    }
    const cmp = compareShape(data, pts, ws, 0, 50);
    expect(cmp.ratio.length).toBe(7);
    for (let j = 0; j < cmp.ratio.length; j++) {
      expect(cmp.modelErr[j]! / cmp.model[j]!).toBeLessThan(0.05);
      expect(Math.abs(cmp.ratio[j]! - 1)).toBeLessThan(0.2);
    }
  });
});
