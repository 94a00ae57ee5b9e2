/**
 * Units and conversion factors. dnreach works in natural units: energies, momenta and masses in
 * GeV, cross sections in pb, lengths in mm (DESIGN.md, "Conventions").
 */

/** ħc in GeV·mm (CODATA 2018, as quoted by PDG 2024: ħc = 197.3269804 MeV·fm). */
export const HBARC_GEV_MM = 1.973269804e-13;

/** (ħc)² in GeV²·pb: converts a cross section in GeV⁻² to pb (PDG 2024, "Physical constants"). */
export const GEV2_PB = 0.3893793721e9;

/** One MeV in GeV. */
export const MEV = 1e-3;

/** One femtobarn in pb, and inverse femtobarn in pb⁻¹ (1 fb⁻¹ = 1000 pb⁻¹). */
export const FB_PB = 1e-3;
export const INV_FB_IN_INV_PB = 1e3;

/** One nanometre in mm. */
export const NM_MM = 1e-6;

/**
 * Proper decay length cτ in mm of a particle with total width `widthGeV`: cτ = ħc / Γ.
 * Returns +Infinity for a stable particle (Γ = 0).
 */
export function ctauMmFromWidth(widthGeV: number): number {
  return widthGeV > 0 ? HBARC_GEV_MM / widthGeV : Number.POSITIVE_INFINITY;
}

/**
 * Mean lab-frame decay length in mm for momentum `pGeV` and mass `massGeV`:
 * L = βγ cτ = (p / m) cτ (special relativity; DESIGN.md "Physics notes").
 */
export function labDecayLengthMm(pGeV: number, massGeV: number, ctauMm: number): number {
  return (pGeV / massGeV) * ctauMm;
}

/** Number of expected events for cross section `sigmaPb` and integrated luminosity `lumiInvFb`. */
export function expectedEvents(sigmaPb: number, lumiInvFb: number): number {
  return sigmaPb * lumiInvFb * INV_FB_IN_INV_PB;
}
