/**
 * k-factors normalising LO W-mediated processes to the inclusive higher-order W → ℓν cross
 * section, as the paper does (Sec. IV: "a k-factor corresponding to the full NNLO + NLO electroweak
 * charged-current prediction [33]" (Anastasiou, Dixon, Melnikov, Petriello, PRD 69 (2004) 094008),
 * "also applied to signal"). One number per energy, applied to the signal and to W backgrounds
 * alike; every entry names its source and can be overridden (`--k-factor`).
 *
 * k = σ_ref(pp → W → ℓν, W⁺ + W⁻, one lepton flavour) / σ_LO(dnreach, default settings), with
 * σ_LO from the deterministic quadrature `sigmaWLnuQuadrature` (test/generate.kfactor.test.ts
 * recomputes it so the stored value cannot drift from the code).
 */
import { InputError } from "../core/errors.js";

export interface KFactorEntry {
  sqrtSGeV: number;
  /** Higher-order reference σ(W⁺→ℓν) + σ(W⁻→ℓν) per lepton flavour (pb). */
  sigmaRefPb: number;
  sigmaRefSource: string;
  /** dnreach LO σ at the default settings (pb) and how it was obtained. */
  sigmaLOPb: number;
  sigmaLOSource: string;
  kFactor: number;
  status: "validated" | "extrapolated";
}

/**
 * Default settings of σ_LO: PDF NNPDF23_lo_as_0130_qed (embedded), μ_F = μ_R = √ŝ, G_μ electroweak
 * scheme (src/model/electroweak.ts), PDG 2024 CKM, m(ℓν) > 10 GeV, massless leptons.
 */
const LO_13TEV_PB = 15464.86;
const LO_14TEV_PB = 16741.94;

/**
 * 13 TeV: ATLAS, Phys. Lett. B 759 (2016) 601 (the paper's ref. [32]): total σ(W⁺→ℓν) = 11.83 nb and
 * σ(W⁻→ℓν) = 8.79 nb (measured, ±3 %); that Letter's NNLO QCD + NLO EW predictions agree with them
 * within the quoted uncertainties. Sum 20.62 nb.
 * 14 TeV: no reference entered here; the 13 TeV k-factor is used (higher-order/LO ratios for
 * inclusive W change by ≲ 1 % between 13 and 14 TeV) — status "extrapolated".
 */
export const K_FACTORS: readonly KFactorEntry[] = Object.freeze([
  {
    sqrtSGeV: 13000,
    sigmaRefPb: 20620,
    sigmaRefSource: "ATLAS, Phys. Lett. B 759 (2016) 601: σ(W+→ℓν) 11.83 nb + σ(W−→ℓν) 8.79 nb",
    sigmaLOPb: LO_13TEV_PB,
    sigmaLOSource: "dnreach sigmaWLnuQuadrature, default settings (see kfactors.ts)",
    kFactor: 20620 / LO_13TEV_PB,
    status: "validated",
  },
  {
    sqrtSGeV: 14000,
    sigmaRefPb: (20620 / LO_13TEV_PB) * LO_14TEV_PB,
    sigmaRefSource: "13 TeV k-factor × dnreach σ_LO(14 TeV) (no 14 TeV reference entered)",
    sigmaLOPb: LO_14TEV_PB,
    sigmaLOSource: "dnreach sigmaWLnuQuadrature, default settings (see kfactors.ts)",
    kFactor: 20620 / LO_13TEV_PB,
    status: "extrapolated",
  },
]);

/** The k-factor entry for √s (exact match of 13 or 14 TeV); other energies need an explicit k. */
export function kFactorFor(sqrtSGeV: number): KFactorEntry {
  const e = K_FACTORS.find((k) => Math.abs(k.sqrtSGeV - sqrtSGeV) < 1e-6);
  if (!e) {
    throw new InputError(
      "sqrt-s",
      "13000 or 14000 GeV unless --k-factor is given",
      sqrtSGeV,
      "no W k-factor is tabulated at this energy",
    );
  }
  return e;
}
