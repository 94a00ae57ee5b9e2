/**
 * Resolution functions of the detector card (pure kernels of numbers).
 *
 * Electrons (paper Sec. IV): Gaussian smearing of φ (0.001–0.0025 rad), of cot θ (0.0005–0.002)
 * and of pT (2.5 %–8 %), "pT-dependent" without the dependence given. Our choice (docs/detector.md):
 * the worst value applies at and below the low anchor (1 GeV), the best at and above the high
 * anchor (50 GeV), linear in ln pT in between.
 *
 * Muons (paper Sec. IV, V B): σ(m_μμ)/m_μμ = 2 % independent of mass. We scale each muon's
 * four-momentum by (1 + δ), δ ~ N(0, σ_r), as Delphes' MomentumSmearing module scales the whole
 * four-vector. For P = p1 + p2 with p_i → (1 + δ_i) p_i, to first order
 *   δ(m²) = 2 δ1 p1·P + 2 δ2 p2·P = (δ1 + δ2) m²   (p1·P = p2·P = m²/2 for equal masses),
 * so δm/m = (δ1 + δ2)/2 and σ_m/m = σ_r/√2 for every pair, at any mass and opening angle.
 * Hence σ_r = √2 · σ_m/m. (Smearing |p| at fixed muon mass instead would give
 * σ_m/m = σ_r/√2 · (1 − 4m_μ²/m²) for a symmetric pair: not mass-independent near threshold.)
 */
import type { DetectorCard, PtDependentEntry } from "./card.js";

/**
 * Value of a pT-dependent resolution at `ptGeV`: `low` for pT ≤ ptLow, `high` for pT ≥ ptHigh,
 * linear in ln pT in between (our documented choice; the paper gives only the range).
 */
export function interpolateLogPt(
  ptGeV: number,
  low: number,
  high: number,
  ptLowGeV: number,
  ptHighGeV: number,
): number {
  if (ptGeV <= ptLowGeV) return low;
  if (ptGeV >= ptHighGeV) return high;
  const t = Math.log(ptGeV / ptLowGeV) / Math.log(ptHighGeV / ptLowGeV);
  return low + (high - low) * t;
}

/** Per-run resolution parameters unpacked from a card (once per run, STYLE.md item 13). */
export interface ResolutionParams {
  ptLowGeV: number;
  ptHighGeV: number;
  ptRelLow: number;
  ptRelHigh: number;
  phiLowRad: number;
  phiHighRad: number;
  cotLow: number;
  cotHigh: number;
  /** Relative four-momentum scale smearing of muons, σ_r = √2 · σ_m/m. */
  muonScaleSigma: number;
}

function pair(e: PtDependentEntry): [number, number] {
  return [e.low.value, e.high.value];
}

export function resolutionParams(card: DetectorCard): ResolutionParams {
  const [ptLowGeV, ptHighGeV] = pair(card.electron.resolutionAnchorsGeV);
  const [ptRelLow, ptRelHigh] = pair(card.electron.ptResolution);
  const [phiLowRad, phiHighRad] = pair(card.electron.phiResolutionRad);
  const [cotLow, cotHigh] = pair(card.electron.cotThetaResolution);
  return {
    ptLowGeV,
    ptHighGeV,
    ptRelLow,
    ptRelHigh,
    phiLowRad,
    phiHighRad,
    cotLow,
    cotHigh,
    muonScaleSigma: muonScaleSigmaForMassResolution(card.muon.massResolution.value),
  };
}

/** σ_r of the per-muon four-momentum scale giving dimuon mass resolution `massResolution` (see header). */
export function muonScaleSigmaForMassResolution(massResolution: number): number {
  return Math.SQRT2 * massResolution;
}

/** Electron σ(pT)/pT at true pT. */
export function electronPtResolution(p: ResolutionParams, ptGeV: number): number {
  return interpolateLogPt(ptGeV, p.ptRelLow, p.ptRelHigh, p.ptLowGeV, p.ptHighGeV);
}

/** Electron σ(φ) in rad at true pT. */
export function electronPhiResolution(p: ResolutionParams, ptGeV: number): number {
  return interpolateLogPt(ptGeV, p.phiLowRad, p.phiHighRad, p.ptLowGeV, p.ptHighGeV);
}

/** Electron σ(cot θ) at true pT. */
export function electronCotThetaResolution(p: ResolutionParams, ptGeV: number): number {
  return interpolateLogPt(ptGeV, p.cotLow, p.cotHigh, p.ptLowGeV, p.ptHighGeV);
}
