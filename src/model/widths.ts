/**
 * Partial widths of the dark sector, as pure functions of numbers (GeV in, GeV out).
 *
 * Conventions (docs/model.md, "What it computes: the dark sector"):
 * - N_D → ν Z_D: Lagrangian g_D (Σ_ℓ U_ℓ4*) ν̄ γ^μ P_L N_D Z_D,μ after mixing. The exact tree-level
 *   two-body width for a Dirac N_D with this chiral coupling is
 *     Γ_chiral = g_D² |U|² m_N³ / (32π m_Z²) · (1 − x)² (1 + 2x),   x = m_Z²/m_N²
 *   (spin-averaged |M|² = g_D²|U|² (m_N² − m_Z²)(m_N² + 2m_Z²)/(2m_Z²), two-body phase space
 *   |p|/(8π m_N²); derived here from Tr[p̸_ν γ^μ (p̸_N + m_N) γ^ν P_R](−g_μν + k_μk_ν/m_Z²) — the same
 *   mass dependence as the SM heavy-neutrino width Γ(N → ν Z) with m_Z → m_ZD, e.g. Atre, Han,
 *   Pascoli, Zhang, JHEP 05 (2009) 030, appendix A; Bondarenko et al., JHEP 11 (2018) 032, Sec. 3).
 *   The paper's eq. 6 is g_D²|U|² m_N³/(8π m_Z²), i.e. 4 × Γ_chiral at x → 0. A Majorana N_D also
 *   decays to ν̄ Z_D: factor 2 in either convention.
 * - Z_D → ℓ⁺ℓ⁻: Γ = (αε²/3) m (1 + 2r) √(1 − 4r), r = m_ℓ²/m² (paper eq. 8 for r → 0; massive form:
 *   Ilten, Soreq, Williams, Xue, JHEP 06 (2018) 004, eq. 2.13 with x_ℓ = ε e).
 * - Z_D → hadrons: Γ = (αε²/3) m R(m²) (paper Sec. II and ref. [34]; Ilten et al. eq. 2.17).
 * - W → ℓ N_D: paper eq. 5 with the exact two-body factor of a V−A W → f₁ f₂ decay,
 *   Γ ∝ λ^{1/2}(1, x_ℓ, x_N) [1 − (x_ℓ + x_N)/2 − (x_ℓ − x_N)²/2], x_i = m_i²/m_W²
 *   (the V−A two-body width, e.g. Shrock, Phys. Rev. D 24 (1981) 1232; for m_ℓ = 0 it is
 *   (1 − x_N)²(1 + x_N/2)).
 */

import { kallen } from "../core/fourvector.js";

/** N_D width conventions: the paper's eq. 6 normalisation, or the exact chiral-coupling one. */
export type NWidthConvention = "paper-eq6" | "chiral";
export type NNature = "dirac" | "majorana";

/** Two-body mass factor of N_D → ν Z_D, (1 − x)²(1 + 2x) with x = m_Z²/m_N²; 1 at x = 0, 0 at x = 1. */
export function nToNuZDMassFactor(mN: number, mZD: number): number {
  const x = (mZD * mZD) / (mN * mN);
  if (x >= 1) return 0;
  return (1 - x) * (1 - x) * (1 + 2 * x);
}

/**
 * Γ(N_D → ν Z_D) in GeV for total mixing |U|² = Σ_ℓ |U_ℓ4|² (see header).
 * paper-eq6: g_D²|U|² m_N³/(8π m_Z²)·(1 − x)²(1 + 2x) (paper eq. 6 times the exact mass factor);
 * chiral: g_D²|U|² m_N³/(32π m_Z²)·(1 − x)²(1 + 2x). Majorana: × 2 (ν and ν̄ final states).
 */
export function widthNToNuZD(
  mN: number,
  mZD: number,
  gD: number,
  uSqTotal: number,
  nature: NNature = "dirac",
  convention: NWidthConvention = "paper-eq6",
): number {
  const denominator = convention === "paper-eq6" ? 8 * Math.PI : 32 * Math.PI;
  const majorana = nature === "majorana" ? 2 : 1;
  return (
    (majorana * gD * gD * uSqTotal * mN * mN * mN * nToNuZDMassFactor(mN, mZD)) / (denominator * mZD * mZD)
  );
}

/**
 * Γ(Z_D → ℓ⁺ℓ⁻) in GeV: (αε²/3) m (1 + 2r)√(1 − 4r), r = m_ℓ²/m²; 0 below threshold
 * (paper eq. 8; Ilten et al. 2018 eq. 2.13).
 */
export function widthZDToLeptons(mZD: number, mLepton: number, alphaEps2: number): number {
  const r = (mLepton * mLepton) / (mZD * mZD);
  if (4 * r >= 1) return 0;
  return (alphaEps2 / 3) * mZD * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
}

/** Γ(Z_D → hadrons) in GeV given R at √s = m_ZD: (αε²/3) m R (paper Sec. II, ref. [34]). */
export function widthZDToHadrons(mZD: number, rValue: number, alphaEps2: number): number {
  return (alphaEps2 / 3) * mZD * rValue;
}

/**
 * Phase-space × matrix-element factor of W → ℓ N (V−A): λ^{1/2}(1, x_ℓ, x_N)
 * [1 − (x_ℓ + x_N)/2 − (x_ℓ − x_N)²/2]; 1 for massless ℓ and N, 0 when closed (see header).
 */
export function wToLNFactor(mW: number, mLepton: number, mN: number): number {
  if (mLepton + mN >= mW) return 0;
  const xl = (mLepton * mLepton) / (mW * mW);
  const xn = (mN * mN) / (mW * mW);
  const lam = kallen(1, xl, xn);
  return Math.sqrt(Math.max(lam, 0)) * (1 - (xl + xn) / 2 - ((xl - xn) * (xl - xn)) / 2);
}
