import { describe, expect, it } from "vitest";
import { ctauMmFromWidth, GEV2_PB, HBARC_GEV_MM, labDecayLengthMm } from "../src/core/units.js";

describe("units", () => {
  it("ħc in GeV·mm equals 197.3269804 MeV·fm (PDG 2024), to the last digit", () => {
    // 197.3269804 MeV fm = 197.3269804e-3 GeV × 1e-12 mm
    expect(HBARC_GEV_MM).toBeCloseTo(197.3269804e-3 * 1e-12, 22);
  });
  it("(ħc)² = 0.3893793721 GeV² mb (PDG 2024) expressed in pb", () => {
    expect(GEV2_PB).toBe(0.3893793721e9);
    // cross-check against ħc: (ħc)² in GeV² mm² → pb (1 pb = 1e-40 m² = 1e-34 mm²)
    expect((HBARC_GEV_MM * HBARC_GEV_MM) / 1e-34 / GEV2_PB).toBeCloseTo(1, 9);
  });
  it("cτ = ħc/Γ and L = (p/m) cτ; a stable particle has infinite cτ", () => {
    expect(ctauMmFromWidth(HBARC_GEV_MM)).toBe(1);
    expect(ctauMmFromWidth(0)).toBe(Number.POSITIVE_INFINITY);
    expect(labDecayLengthMm(10, 0.1, 2)).toBeCloseTo(200, 12);
  });
});
