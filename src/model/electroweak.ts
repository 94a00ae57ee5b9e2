/**
 * Electroweak input schemes. The amplitudes take their couplings from one `ElectroweakParameters`
 * object, so that a run can use either scheme and say which one it used.
 *
 * - "gmu" (default): G_μ scheme with inputs G_F, m_W, m_Z (PDG 2024); sin²θ_W = 1 − m_W²/m_Z²
 *   (on-shell definition) and α_Gμ = √2 G_F m_W² sin²θ_W / π (Denner, Fortsch. Phys. 41 (1993) 307,
 *   eq. 2.8; Dittmaier & Huber, JHEP 01 (2010) 060). It absorbs the running of α to the EW scale and
 *   the universal Δr corrections: the usual choice for W/Z processes at LO.
 * - "mg5-sm": the defaults of MadGraph5_aMC@NLO's built-in `sm` model (its param_card): inputs
 *   α⁻¹(m_Z) = 132.507, G_F = 1.16639e-5 GeV⁻², m_Z = 91.188 GeV; m_W derived at tree level,
 *   m_W² = m_Z²/2 + √(m_Z⁴/4 − π α m_Z² / (√2 G_F)) (= 80.419 GeV); Γ_W = 2.0476 GeV,
 *   Γ_Z = 2.441404 GeV, m_t = 173 GeV, Γ_t = 1.4915 GeV; massless e, μ and light quarks, diagonal CKM.
 *   For setting results beside a MadGraph run.
 */
import * as C from "../core/constants.js";

export type ElectroweakScheme = "gmu" | "mg5-sm";

export interface ElectroweakParameters {
  scheme: ElectroweakScheme;
  /** Fine-structure constant used in the couplings. */
  alpha: number;
  /** Positron charge e = √(4πα). */
  e: number;
  mW: number;
  widthW: number;
  mZ: number;
  widthZ: number;
  mTop: number;
  widthTop: number;
  /** sin²θ_W and cos θ_W, sin θ_W. */
  sw2: number;
  sw: number;
  cw: number;
  /** SU(2) coupling g = e / sin θ_W. */
  gW: number;
  gF: number;
  /** Lepton masses used in kinematics and amplitudes (mg5-sm: e and μ massless). */
  mElectron: number;
  mMuon: number;
  mTau: number;
  /** |V_ij| indexed [u,c,t][d,s,b]. */
  ckm: readonly (readonly [number, number, number])[];
}

const DIAGONAL_CKM: readonly (readonly [number, number, number])[] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

function fromMassesAndAlpha(
  scheme: ElectroweakScheme,
  alpha: number,
  mW: number,
  mZ: number,
  rest: Omit<ElectroweakParameters, "scheme" | "alpha" | "e" | "mW" | "mZ" | "sw2" | "sw" | "cw" | "gW">,
): ElectroweakParameters {
  const sw2 = 1 - (mW * mW) / (mZ * mZ);
  const e = Math.sqrt(4 * Math.PI * alpha);
  const sw = Math.sqrt(sw2);
  return { scheme, alpha, e, mW, mZ, sw2, sw, cw: mW / mZ, gW: e / sw, ...rest };
}

/** The parameters of a scheme (pure; cheap enough to call once per run). */
export function electroweakParameters(scheme: ElectroweakScheme = "gmu"): ElectroweakParameters {
  if (scheme === "gmu") {
    const sw2 = 1 - (C.M_W * C.M_W) / (C.M_Z * C.M_Z);
    const alpha = (Math.SQRT2 * C.G_F * C.M_W * C.M_W * sw2) / Math.PI;
    return fromMassesAndAlpha("gmu", alpha, C.M_W, C.M_Z, {
      widthW: C.GAMMA_W,
      widthZ: C.GAMMA_Z,
      mTop: C.M_TOP,
      widthTop: C.GAMMA_TOP,
      gF: C.G_F,
      mElectron: C.M_E,
      mMuon: C.M_MU,
      mTau: C.M_TAU,
      ckm: C.CKM_ABS,
    });
  }
  const alpha = 1 / 132.507;
  const gF = 1.16639e-5;
  const mZ = 91.188;
  const mW = Math.sqrt(
    (mZ * mZ) / 2 + Math.sqrt((mZ * mZ * mZ * mZ) / 4 - (Math.PI * alpha * mZ * mZ) / (Math.SQRT2 * gF)),
  );
  return fromMassesAndAlpha("mg5-sm", alpha, mW, mZ, {
    widthW: 2.0476,
    widthZ: 2.441404,
    mTop: 173,
    widthTop: 1.4915,
    gF,
    mElectron: 0,
    mMuon: 0,
    mTau: 1.777,
    ckm: DIAGONAL_CKM,
  });
}
