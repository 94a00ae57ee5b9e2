/**
 * Expected limit of the displaced search (paper Sec. V C): background-free, the Z_D decay vertex
 * at 1 mm – 10 cm, all leptons pT > 5 GeV; a model is excluded when at least 50 signal events
 * pass ("the requirement that at least fifty signal events pass the kinematic requirements").
 *
 * Scaling: the signal rate is ∝ |U_μ4|² (production through the mixing, Sec. V B). The displaced
 * fraction does not depend on |U|²: the Z_D lifetime depends on ε and m_Z only (∝ 1/(ε² m_Z), Sec.
 * IV), and its lab momentum comes from the W → ℓ N_D, N_D → ν Z_D kinematics, which do not involve
 * |U|². (This assumes N_D decays promptly, as the paper states for its parameter range; the N_D
 * width ∝ g_D²|U|² would matter only if cτ_N approached the 1 mm scale.) Hence
 *   |U_excl|² = (N_required / N_S,ref)·|U_ref|²,
 * linear in |U|² and ∝ 1/luminosity.
 *
 * Band: the paper shows "variations in the signal efficiency" without quoting their size. Our
 * default is the lepton-efficiency uncertainty of Sec. V B (85 ± 5 % per lepton) propagated to
 * the three selected leptons: N_S × (0.90/0.85)³ = +18.7 % and × (0.80/0.85)³ = −16.6 %. The
 * caller may pass any other relative variation.
 */
import { checkRange } from "../core/errors.js";

export interface EfficiencyVariation {
  /** Relative upward variation of the signal efficiency (N_S → N_S·(1 + up)). */
  up: number;
  /** Relative downward variation (N_S → N_S·(1 − down)), in [0, 1). */
  down: number;
}

/** ((ε ± δ)/ε)^leptons − 1 as an EfficiencyVariation (default: 85 ± 5 %, three leptons). */
export function leptonEfficiencyVariation(efficiency = 0.85, delta = 0.05, leptons = 3): EfficiencyVariation {
  checkRange("efficiency", efficiency, { min: 0, max: 1, minExclusive: true });
  checkRange("delta", delta, { min: 0, max: Math.min(efficiency, 1 - efficiency) });
  checkRange("leptons", leptons, { min: 1 });
  return {
    up: ((efficiency + delta) / efficiency) ** leptons - 1,
    down: 1 - ((efficiency - delta) / efficiency) ** leptons,
  };
}

export interface DisplacedLimitInput {
  /** Expected signal events passing the displaced selection at |U_ref|² (ee + μμ summed). */
  nSignalRef: number;
  u2Ref: number;
  /** Events required for exclusion (paper Sec. V C: 50). */
  nRequired?: number;
  efficiencyVariation?: EfficiencyVariation;
}

export interface DisplacedLimitResult {
  u2Excl: number;
  /** Limit with the signal efficiency varied up (stronger limit). */
  u2ExclLow: number;
  /** Limit with the signal efficiency varied down (weaker limit). */
  u2ExclHigh: number;
  nRequired: number;
  efficiencyVariation: EfficiencyVariation;
  /**
   * For comparison, not in the paper: the background-free Poisson 95 % CL requirement
   * N = −ln 0.05 = 2.996 events (P(0 | N) = 5 %), scaled the same way.
   */
  u2ExclPoisson95: number;
}

/** N_S for which P(n = 0 | N_S) = 5 %: the 95 % CL upper limit for zero observed, zero background. */
export const POISSON_95_ZERO_BACKGROUND = -Math.log(0.05);

/** The displaced-search expected limit (paper Sec. V C). Infinity when N_S,ref = 0. */
export function displacedLimit(input: DisplacedLimitInput): DisplacedLimitResult {
  const nRef = checkRange("nSignalRef", input.nSignalRef, { min: 0 });
  const u2Ref = checkRange("u2Ref", input.u2Ref, { min: 0, minExclusive: true });
  const nRequired = checkRange("nRequired", input.nRequired ?? 50, { min: 0, minExclusive: true });
  const ev = input.efficiencyVariation ?? leptonEfficiencyVariation();
  checkRange("efficiencyVariation.up", ev.up, { min: 0 });
  checkRange("efficiencyVariation.down", ev.down, { min: 0, max: 1, maxExclusive: true });
  const limit = (n: number, required: number): number =>
    n > 0 ? (required / n) * u2Ref : Number.POSITIVE_INFINITY;
  return {
    u2Excl: limit(nRef, nRequired),
    u2ExclLow: limit(nRef * (1 + ev.up), nRequired),
    u2ExclHigh: limit(nRef * (1 - ev.down), nRequired),
    nRequired,
    efficiencyVariation: ev,
    u2ExclPoisson95: limit(nRef, POISSON_95_ZERO_BACKGROUND),
  };
}
