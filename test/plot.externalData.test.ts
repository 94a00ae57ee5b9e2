import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileFormatError } from "../src/core/errors.js";
import { miniBooNERegions, priorConstraints, readTwoColumn } from "../src/plot/externalData.js";

describe("published curves", () => {
  it("reads every vendored constraint with m_N in GeV (units per data/limits/SOURCE.md)", () => {
    const curves = priorConstraints();
    expect(curves.length).toBe(9);
    const na62 = curves.find((c) => c.label.startsWith("NA62"))!;
    // NA62 K → μN covers m_N = 200–384 MeV (file in MeV despite its header)
    expect(Math.min(...na62.mN)).toBeCloseTo(0.2, 6);
    expect(Math.max(...na62.mN)).toBeLessThan(0.4);
    const psi = curves.find((c) => c.label.startsWith("PSI"))!;
    // π → μN is kinematically limited to m_N < m_π − m_μ ≈ 34 MeV
    expect(Math.max(...psi.mN)).toBeLessThan(0.034);
    for (const c of curves) for (const u of c.u2) expect(u > 0 && u < 1).toBe(true);
  });

  it("MiniBooNE regions are closed contours nested 1σ ⊂ 5σ in m_N range (Bertuzzo et al. 2018)", () => {
    const regions = miniBooNERegions();
    expect(regions.map((r) => r.sigma)).toEqual([1, 3, 5]);
    for (const r of regions) {
      expect(r.mN[0]).toBe(r.mN[r.mN.length - 1]);
      expect(r.u2[0]).toBe(r.u2[r.u2.length - 1]);
    }
    const span = (r: { mN: number[] }) => Math.max(...r.mN) - Math.min(...r.mN);
    expect(span(regions[0]!)).toBeLessThan(span(regions[2]!));
  });

  it("a malformed line names the file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "dnreach-ext-"));
    const f = join(dir, "bad.dat");
    writeFileSync(f, "# header\n1 2\n3 abc\n");
    expect(() => readTwoColumn(f, 1)).toThrow(FileFormatError);
    expect(() => readTwoColumn(f, 1)).toThrow(/bad\.dat:3/);
  });
});
