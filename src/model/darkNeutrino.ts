/**
 * The dark-neutrino model of the paper (Herwig et al., PRD 109 (2024) 075049, Sec. II): a heavy
 * neutrino N_D mixing with the active neutrinos (|U_ℓ4|²), a dark photon Z_D of the gauged U(1)_D
 * (coupling g_D) kinetically mixed with the photon (αε²). `darkNeutrinoModel(params)` validates the
 * parameters once and returns a frozen object with every derived quantity: partial widths, branching
 * ratios, proper decay lengths, lab decay lengths and BR(W → ℓ N_D).
 */
import { ALPHA_0, LEPTON_MASS, type LeptonFlavour, M_E, M_MU, M_TAU, M_W } from "../core/constants.js";
import { checkRange, InputError } from "../core/errors.js";
import { ctauMmFromWidth, labDecayLengthMm } from "../core/units.js";
import { type HadronicRTable, loadHadronicRTable, rHadrons } from "./hadronicR.js";
import {
  type NNature,
  type NWidthConvention,
  widthNToNuZD,
  widthZDToHadrons,
  widthZDToLeptons,
  wToLNFactor,
} from "./widths.js";

/**
 * BR(W → ℓν) per lepton flavour assuming lepton universality: PDG 2024 W-boson listing,
 * B(W → ℓν) = (10.86 ± 0.09) %. Used as the massless-lepton reference of paper eq. 5.
 */
export const BR_W_TO_LNU_UNIVERSAL = 0.1086;

/**
 * Smallest αε² and Σ|U|² accepted (and g_D ≥ 1e-10): far below any physical interest, and large
 * enough that widths never underflow to 0 (which would make BRs 0/0 and lifetimes infinite).
 */
export const MIN_COUPLING_SQ = 1e-30;
export const MIN_GD = 1e-10;

/** Largest Z_D mass accepted: photon-like couplings need m_ZD ≪ m_Z; the R data end at 28 GeV. */
export const MZD_MAX = 30;

export interface DarkNeutrinoParams {
  /** N_D mass (GeV), below m_W (produced in W decays). */
  mN: number;
  /** Z_D mass (GeV), in (2m_e, min(mN, 30 GeV)). */
  mZD: number;
  /** |U_e4|², |U_μ4|², |U_τ4|², each in [0, 1), sum in [1e-30, 1). */
  Ue4Sq: number;
  Umu4Sq: number;
  Utau4Sq: number;
  /**
   * αε² (kinetic mixing; α at q² = 0), in [1e-30, α(0)) — i.e. ε < 1; the lower bound keeps every
   * width a normal double (a subnormal αε² would give Γ = 0 and BR = 0/0).
   */
  alphaEps2: number;
  /** Dark gauge coupling g_D, in [1e-10, √(4π)] (α_D ≤ 1; lower bound as for αε²). */
  gD: number;
  nature: NNature;
  /** N_D width normalisation; default "paper-eq6" (see widths.ts and docs/model.md). */
  widthConvention?: NWidthConvention;
}

/** Paper benchmark (Sec. IV): |U_μ4|² = 1e-4, αε² = 2e-10, g_D = 0.25, Dirac, (m_N, m_Z) = (0.3, 0.1) GeV. */
export const PAPER_BENCHMARK: Readonly<DarkNeutrinoParams> = Object.freeze({
  mN: 0.3,
  mZD: 0.1,
  Ue4Sq: 0,
  Umu4Sq: 1e-4,
  Utau4Sq: 0,
  alphaEps2: 2e-10,
  gD: 0.25,
  nature: "dirac",
  widthConvention: "paper-eq6",
});

export interface ZDWidths {
  ee: number;
  mumu: number;
  tautau: number;
  hadrons: number;
}

export interface DarkNeutrinoModel {
  readonly params: Readonly<Required<DarkNeutrinoParams>>;
  /** Σ_ℓ |U_ℓ4|², the mixing that enters Γ(N_D → ν Z_D). */
  readonly uSqTotal: number;
  /** R(m_ZD²) used for the hadronic width. */
  readonly rHadrons: number;
  /** Partial and total widths in GeV. */
  readonly widthsGeV: Readonly<{
    N_to_nuZD: number;
    N_total: number;
    ZD_to_ee: number;
    ZD_to_mumu: number;
    ZD_to_tautau: number;
    ZD_to_hadrons: number;
    ZD_total: number;
  }>;
  readonly brZD: Readonly<ZDWidths>;
  /** N_D branching ratios: N_D → ν Z_D is the only channel kept (see docs/model.md). */
  readonly brN: Readonly<{ nuZD: number }>;
  /** Proper decay lengths cτ in mm. */
  readonly ctauMm: Readonly<{ N: number; ZD: number }>;
  /** Mean lab decay length (p/m)·cτ in mm for momentum `pGeV` (> 0). */
  labDecayLengthMm(pGeV: number, particle: "N" | "ZD"): number;
  /** BR(W → ℓ N_D) (paper eq. 5 with the exact two-body factor). */
  brWtoLN(lepton: LeptonFlavour): number;
}

/**
 * Validates `p` and returns it with defaults filled in; throws `InputError` naming the parameter and
 * its allowed range (first offending parameter wins).
 */
export function validateDarkNeutrinoParams(p: DarkNeutrinoParams): Required<DarkNeutrinoParams> {
  checkRange("mN", p.mN, { min: 0, max: M_W, minExclusive: true, maxExclusive: true, unit: "GeV" });
  const mZDMax = Math.min(p.mN, MZD_MAX);
  const mZDAllowed = `a number in (2m_e = ${2 * M_E}, ${p.mN <= MZD_MAX ? `mN = ${p.mN}` : `${MZD_MAX}`}) GeV`;
  if (typeof p.mZD !== "number" || !Number.isFinite(p.mZD) || p.mZD <= 2 * M_E || p.mZD >= mZDMax) {
    throw new InputError(
      "mZD",
      mZDAllowed,
      p.mZD,
      p.mZD <= 2 * M_E && p.mZD > 0 ? "below 2m_e the Z_D has no e⁺e⁻ decay" : undefined,
    );
  }
  for (const key of ["Ue4Sq", "Umu4Sq", "Utau4Sq"] as const) {
    checkRange(key, p[key], { min: 0, max: 1, maxExclusive: true });
  }
  const sum = p.Ue4Sq + p.Umu4Sq + p.Utau4Sq;
  if (!(sum >= MIN_COUPLING_SQ && sum < 1)) {
    throw new InputError(
      "Ue4Sq + Umu4Sq + Utau4Sq",
      `a number in [${MIN_COUPLING_SQ}, 1)`,
      sum,
      "N_D must mix with at least one flavour, and unitarity needs Σ|U_ℓ4|² < 1",
    );
  }
  checkRange("alphaEps2", p.alphaEps2, { min: MIN_COUPLING_SQ, max: ALPHA_0, maxExclusive: true });
  checkRange("gD", p.gD, { min: MIN_GD, max: Math.sqrt(4 * Math.PI) });
  if (p.nature !== "dirac" && p.nature !== "majorana") {
    throw new InputError("nature", 'one of "dirac", "majorana"', p.nature);
  }
  const widthConvention = p.widthConvention ?? "paper-eq6";
  if (widthConvention !== "paper-eq6" && widthConvention !== "chiral") {
    throw new InputError("widthConvention", 'one of "paper-eq6", "chiral"', widthConvention);
  }
  return {
    mN: p.mN,
    mZD: p.mZD,
    Ue4Sq: p.Ue4Sq,
    Umu4Sq: p.Umu4Sq,
    Utau4Sq: p.Utau4Sq,
    alphaEps2: p.alphaEps2,
    gD: p.gD,
    nature: p.nature,
    widthConvention,
  };
}

/** αε² from ε with α = α(0) (the coupling of an on-shell photon; CODATA via constants.ts). */
export function alphaEps2FromEps(eps: number): number {
  checkRange("eps", eps, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  return ALPHA_0 * eps * eps;
}

let defaultTable: HadronicRTable | undefined;

/** The R table from the vendored DarkCast grids, loaded on first use and reused (read-only). */
export function defaultHadronicRTable(): HadronicRTable {
  defaultTable ??= loadHadronicRTable();
  return defaultTable;
}

/**
 * Z_D partial widths in GeV at mass `mZD` for kinetic mixing `alphaEps2` (paper eq. 8 with lepton
 * masses; hadrons via R). Pure apart from reading `table`.
 */
export function zdPartialWidths(mZD: number, alphaEps2: number, table: HadronicRTable): ZDWidths {
  return {
    ee: widthZDToLeptons(mZD, M_E, alphaEps2),
    mumu: widthZDToLeptons(mZD, M_MU, alphaEps2),
    tautau: widthZDToLeptons(mZD, M_TAU, alphaEps2),
    hadrons: widthZDToHadrons(mZD, rHadrons(table, mZD), alphaEps2),
  };
}

/**
 * Z_D branching ratios at mass `mZD` (independent of αε²). For m_ZD ≤ 2m_e all are 0 (no open
 * channel in this model).
 */
export function zdBranchingRatios(mZD: number, table: HadronicRTable = defaultHadronicRTable()): ZDWidths {
  const w = zdPartialWidths(mZD, 1, table);
  const total = w.ee + w.mumu + w.tautau + w.hadrons;
  if (!(total > 0)) return { ee: 0, mumu: 0, tautau: 0, hadrons: 0 };
  return { ee: w.ee / total, mumu: w.mumu / total, tautau: w.tautau / total, hadrons: w.hadrons / total };
}

/** Builds the model from validated parameters (see DarkNeutrinoParams for the ranges). */
export function darkNeutrinoModel(
  params: DarkNeutrinoParams,
  table: HadronicRTable = defaultHadronicRTable(),
): DarkNeutrinoModel {
  const p = Object.freeze(validateDarkNeutrinoParams(params));
  // N_D mixes with every flavour; ν_ℓ final states add incoherently, so Σ_ℓ |U_ℓ4|² enters.
  const uSqTotal = p.Ue4Sq + p.Umu4Sq + p.Utau4Sq;
  const nWidth = widthNToNuZD(p.mN, p.mZD, p.gD, uSqTotal, p.nature, p.widthConvention);
  const r = rHadrons(table, p.mZD);
  const zd = zdPartialWidths(p.mZD, p.alphaEps2, table);
  const zdTotal = zd.ee + zd.mumu + zd.tautau + zd.hadrons;
  const widthsGeV = Object.freeze({
    N_to_nuZD: nWidth,
    N_total: nWidth,
    ZD_to_ee: zd.ee,
    ZD_to_mumu: zd.mumu,
    ZD_to_tautau: zd.tautau,
    ZD_to_hadrons: zd.hadrons,
    ZD_total: zdTotal,
  });
  const brZD = Object.freeze({
    ee: zd.ee / zdTotal,
    mumu: zd.mumu / zdTotal,
    tautau: zd.tautau / zdTotal,
    hadrons: zd.hadrons / zdTotal,
  });
  const ctauMm = Object.freeze({ N: ctauMmFromWidth(nWidth), ZD: ctauMmFromWidth(zdTotal) });
  const mixing: Record<LeptonFlavour, number> = { e: p.Ue4Sq, mu: p.Umu4Sq, tau: p.Utau4Sq };
  return Object.freeze({
    params: p,
    uSqTotal,
    rHadrons: r,
    widthsGeV,
    brZD,
    brN: Object.freeze({ nuZD: 1 }),
    ctauMm,
    labDecayLengthMm(pGeV: number, particle: "N" | "ZD"): number {
      checkRange("pGeV", pGeV, { min: 0, minExclusive: true, unit: "GeV" });
      if (particle === "N") return labDecayLengthMm(pGeV, p.mN, ctauMm.N);
      if (particle === "ZD") return labDecayLengthMm(pGeV, p.mZD, ctauMm.ZD);
      throw new InputError("particle", 'one of "N", "ZD"', particle);
    },
    brWtoLN(lepton: LeptonFlavour): number {
      const mL = LEPTON_MASS[lepton];
      if (mL === undefined) throw new InputError("lepton", 'one of "e", "mu", "tau"', lepton);
      // Paper eq. 5: BR(W → ℓN) = |U_ℓ4|² BR(W → ℓν) × [two-body factor with m_N] / [factor with m_N = 0].
      const reference = wToLNFactor(M_W, mL, 0);
      return mixing[lepton] * BR_W_TO_LNU_UNIVERSAL * (wToLNFactor(M_W, mL, p.mN) / reference);
    },
  });
}
