/**
 * The selection region of the W + soft pair background, and a phase-space map that samples only it.
 *
 * The paper's prompt signal region (Table II) keeps a small corner of p p → ℓ ν ℓ′⁺ℓ′⁻: the soft
 * pair back to back with the W lepton in azimuth (dφ(ℓ1, Z_D) > 2.7, dR ∈ [2.7, 3.5]),
 * m(ℓ1ℓ2ℓ3) < m_W, p_T(ℓ1ℓ2ℓ3) < m_W/2, p_T(ℓ1) > 25 GeV — a few per mille of the generated points
 * of the inclusive multichannel. For the background in narrow m_ℓℓ windows (issue 5's 5 % target)
 * phase space is split four ways by nested boxes R ⊂ R′ ⊂ R″ (`wRegionBoxes`), and
 * `WSoftPairProcess` (option `region`) integrates each part: "core" f·1_R, where R contains that
 * corner with room for the shower's recoil and the detector's smearing; "shell" f·1_{R′ \ R} and
 * "halo" f·1_{R″ \ R′} (the events the shower turns into the corner from outside R), all three with
 * the region maps below on their box; "outside" f·(1 − 1_R″) with the inclusive channels. The parts
 * add up to the inclusive sample exactly (the membership test is this file's function in all of
 * them); events that the shower carries into the selection from the shell, the halo or outside are
 * counted with their own weights — nothing is lost, it only costs variance. The halo splits further
 * by the reach of the selection (`REACH_RECOIL`): "halo-reach" holds the points a recoil of ≤ 50 GeV
 * can carry into Table II, nearly all of the halo's selected σ in 4 % of its σ, "halo-rest" the others.
 *
 * R (per assignment of the W lepton w and the pair a b, generator level, lab frame of the hard
 * event; `W_SELECTION_CORE`): 15 ≤ p_T(w) ≤ 100 GeV; |y(w)|, |y(ab)| ≤ 3 and |y(w) − y(ab)| ≤ 3; the
 * pair within 1 rad of back to back in azimuth, π − |Δφ(w, ab)| ≤ 1; |p_T(ab) − p_T(w)| ≤ 60 GeV,
 * p_T(ab) ≥ 3 GeV, each pair lepton p_T ≥ 3 GeV (e) or 2 GeV (μ); m(ab) ≤ 15 GeV;
 * 20 ≤ m(w a b) ≤ 90 GeV. Compared with Table II: p_T(ℓ1) > 25 → 15, dφ > 2.7 → π − 1 = 2.14,
 * |Δη| ≤ √(3.5² − 2.7²) = 2.2 → 3, |η| < 2.5 → 3, electron (muon) p_T > 5 (3) → 3 (2),
 * m_ℓℓ < 10 → 15. m(w a b) is Lorentz invariant (the shower boosts the hard system as a whole) and
 * Table II bounds it from above by m_W = 80.4 and from below by √(2 p_T1 p_T,ab (1 − cos 2.7))
 * ≥ 24 GeV (p_T1 > 25, p_T,ab ≳ 2 × 3 GeV); 20–90 leaves room for the lepton resolution.
 * |p_T(ab) − p_T(w)| ≤ 60 is the neutrino p_T (≈ p_T(ℓℓℓ) before the shower, < 40 in Table II) for a
 * back-to-back pair. R′ (`W_SELECTION_OUTER`) and R″ (`W_SELECTION_HALO`) loosen these (see there).
 * With identical leptons (ℓ = ℓ′) each W charge has three assignments — the generated one, the W
 * lepton exchanged with the same-charge pair lepton, and the same-sign pair (the analysis takes the
 * two softest leptons as the Z_D candidate whatever their charges); a region is the union over
 * them, and a point is shared (multichannel) among the maps of the assignments whose box holds it,
 * with Aᵢ = P_W(M²ᵢ)/m²_ab,ᵢ.
 *
 * The map (11 unit numbers) builds the final state in the lab: p_T(w), y(w), φ(w), p_T(ab), y(ab),
 * the azimuthal offset δφ = φ(ab) − φ(w) − π (its range set by p_T(ab) in the halo), m²(ab)
 * (∝ 1/m², the photon propagator), the γ* decay angles in its rest frame; the neutrino's
 * transverse momentum balances the others (the hard event has no p_T at LO), and its rapidity is
 * solved from one invariant drawn from a Breit–Wigner at m_W:
 * "s" ŝ = m²(w ν a b) (radiative W decay, the W on shell before the emission), or "w" m²(w ν) (the
 * W on shell after it, ISR / WWγ). With X the system the neutrino is added to (w a b or w),
 * M² = m_X² − 2 p⃗_T,X·p⃗_T,ν + 2 p_T,ν m_T,X cosh(y_ν − y_X) has two solutions y_ν = y_X ± arccosh(…);
 * one unit number picks the branch. x₁,₂ = (E ± p_z)/√S of the final state.
 *
 * Measure (the δ⁴ of dΦ₃ taken by x₁, x₂ and p⃗_T,ν): dx₁ dx₂ dΦ₃ = (2/S) (2π)⁻⁵ ⅛ p_T,w p_T,ab
 * dp_T,w dy_w dφ_w dp_T,ab dy_ab dφ_ab dy_ν (d³p/(2E) = ½ p_T dp_T dy dφ), dy_ν = dM²/|dM²/dy_ν|,
 * |dM²/dy_ν| = 2 p_T,ν m_T,X sinh|y_ν − y_X|; dΦ₄ = dΦ₃ dm²_ab/(2π) dΦ₂(γ* → ab) (PDG 2024
 * "Kinematics" eqs. 49.20–49.21).
 */
import {
  boostInPlace,
  eta,
  etaOfMomentum,
  norm2,
  norm3,
  pairMass2,
  pt,
  rapidity,
} from "../../core/fourvector.js";
import { helicityBasis, twoBodyDecay, twoBodyPhaseSpaceWeight } from "../../phasespace/decay.js";
import {
  breitWignerDensity,
  breitWignerInverse,
  breitWignerSample,
  powerDensity,
  powerInverse,
  powerSample,
} from "../../phasespace/mappings.js";

/** Limits of a selection region (GeV, rad); see the header for their relation to Table II. */
export interface RegionLimits {
  ptWMinGeV: number;
  ptWMaxGeV: number;
  /** |y| of the W lepton ≤ this. */
  absYMax: number;
  /** |y| of the pair ≤ this. */
  pairAbsYMax: number;
  deltaYMax: number;
  /** π − |Δφ(w, ab)| ≤ this, for pairs with p_T(ab) above `anyAzimuthPairPtMaxGeV`. */
  backToBackMaxRad: number;
  /** Pairs with p_T(ab) ≤ this may lie at any azimuth (0: none). */
  anyAzimuthPairPtMaxGeV: number;
  /** |p_T(ab) − p_T(w)| ≤ this (the neutrino p_T for a back-to-back pair). */
  ptBalanceMaxGeV: number;
  ptPairMinGeV: number;
  /** p_T of each pair lepton ≥ this (Table II: electrons 5, muons 3 GeV). */
  pairElectronPtMinGeV: number;
  pairMuonPtMinGeV: number;
  mPairMaxGeV: number;
  m3lMinGeV: number;
  m3lMaxGeV: number;
}

/**
 * The core region R: where the selected events are generated (measured: W(μν)+ee, 2.6 % of the
 * prompt signal-region σ after shower and detector lies outside it, nearly all of it from
 * π − |Δφ| > 1 at generator level — the shower's recoil turns a soft pair by a few tenths of a
 * radian).
 */
export const W_SELECTION_CORE: Readonly<RegionLimits> = {
  ptWMinGeV: 15,
  ptWMaxGeV: 100,
  absYMax: 3,
  pairAbsYMax: 3,
  deltaYMax: 3,
  backToBackMaxRad: 1,
  anyAzimuthPairPtMaxGeV: 0,
  ptBalanceMaxGeV: 60,
  ptPairMinGeV: 3,
  pairElectronPtMinGeV: 3,
  pairMuonPtMinGeV: 2,
  mPairMaxGeV: 15,
  m3lMinGeV: 20,
  m3lMaxGeV: 90,
};

/**
 * The outer region R′ ⊃ R: the shell R′ \ R holds most of the events the shower and the detector
 * carry into the selection from outside R (p_T(w) ≥ 12, |y| and |Δy| ≤ 3.5, π − |Δφ| ≤ 1.6,
 * p_T(ab) ≥ 1.5, pair electrons ≥ 2, muons ≥ 1.5 GeV).
 */
export const W_SELECTION_OUTER: Readonly<RegionLimits> = {
  ...W_SELECTION_CORE,
  ptWMinGeV: 12,
  absYMax: 3.5,
  pairAbsYMax: 3.5,
  deltaYMax: 3.5,
  backToBackMaxRad: 1.6,
  ptPairMinGeV: 1.5,
  pairElectronPtMinGeV: 2,
  pairMuonPtMinGeV: 1.5,
};

/**
 * The halo R″ ⊃ R′: the rest of what can reach the selection — pair p_T ≥ 0.5 GeV (two leptons
 * above threshold nearly back to back), pair leptons down to the 1 GeV generation cut, p_T(w) ≥
 * 10 GeV; the pair up to |y| = 5 (the generation cut's |η| < 5) and |Δy| = 5, and at any azimuth
 * if p_T(ab) ≤ 8 GeV, within 1.6 rad of back to back above. The shower's recoil (a transverse boost
 * of the hard system) turns a soft forward pair by up to π and swings it into |η| < 2.5 (a 1 GeV
 * lepton at y = 4 carries 27 GeV of energy, and a boost of β ≈ 0.2 gives it ≈ 5 GeV of p_T); it
 * cannot turn a hard pair. Measured (W(μν) + μμ, 40 CPU-s per part, seed 3; docs/backgrounds.md,
 * "Where the halo's heavy events come from"): with the pair at |y| ≤ 3.5 and any azimuth, the part
 * outside R″ held 0.0075 fb of selected σ (5 events, 47 % error) beside the halo's 0.012 fb; with
 * these limits 0.0006 fb (one event) beside 0.014 fb ± 8.9 %, and the halo's σ lost the hard wide
 * pairs (radiation off the W lepton) that its maps do not follow.
 */
export const W_SELECTION_HALO: Readonly<RegionLimits> = {
  ...W_SELECTION_OUTER,
  ptWMinGeV: 10,
  pairAbsYMax: 5,
  deltaYMax: 5,
  backToBackMaxRad: 1.6,
  anyAzimuthPairPtMaxGeV: 8,
  ptPairMinGeV: 0.5,
  pairElectronPtMinGeV: 1,
  pairMuonPtMinGeV: 1,
};

/**
 * The halo for a muon pair: R″ with the W lepton from p_T = 5 GeV and the pair from p_T(ab) =
 * 0.05 GeV. Both hold events the selection of a μμ pair keeps, which the part outside R″ (2 % of a
 * budget) drew as single events of ≈ 0.03 fb (docs/backgrounds.md, "The halo of a muon pair"):
 * a 5–10 GeV W lepton at |y| ≈ 2.5 (≈ 50 GeV of energy) that the recoil lifts over the 25 GeV cut,
 * and two 3–5 GeV muons back to back (p_T(ab) < 0.5 GeV, m ≈ 7–9 GeV, inside the μμ windows that
 * reach 10 GeV). An electron pair keeps `W_SELECTION_HALO`: its windows end at 0.5 GeV, and the
 * wider halo only brought it heavier halo events.
 */
export const W_SELECTION_HALO_MUON_PAIR: Readonly<RegionLimits> = {
  ...W_SELECTION_HALO,
  ptWMinGeV: 5,
  ptPairMinGeV: 0.05,
};

/**
 * The nested boxes R ⊂ R′ ⊂ R″ of the parts core, shell and halo (part k = box k minus box k − 1)
 * for a soft pair of flavour `pairPdg` (11 or 13).
 */
export function wRegionBoxes(pairPdg: number): readonly Readonly<RegionLimits>[] {
  return pairPdg === 13 ? MUON_PAIR_BOXES : ELECTRON_PAIR_BOXES;
}
const ELECTRON_PAIR_BOXES = [W_SELECTION_CORE, W_SELECTION_OUTER, W_SELECTION_HALO] as const;
const MUON_PAIR_BOXES = [W_SELECTION_CORE, W_SELECTION_OUTER, W_SELECTION_HALO_MUON_PAIR] as const;

/** Number of unit numbers of the region map. */
export const REGION_DIMS = 11;

/** Rapidity of a sum of momenta from its E and p_z. */
function rapidityOf(e: number, pz: number): number {
  return 0.5 * Math.log((e + pz) / (e - pz));
}

/** The largest π − |Δφ(w, ab)| of region R for a pair of transverse momentum `ptab` (GeV). */
function backToBackLimit(R: Readonly<RegionLimits>, ptab: number): number {
  return ptab <= R.anyAzimuthPairPtMaxGeV ? Math.PI : R.backToBackMaxRad;
}

/** True when the final state at p[ow], p[oa], p[ob] (W lepton w, pair a b) lies in the region R. */
export function inSelectionRegion(
  p: Float64Array,
  ow: number,
  oa: number,
  ob: number,
  R: Readonly<RegionLimits>,
  pairPtMinGeV: number,
): boolean {
  const ptw = pt(p, ow);
  if (ptw < R.ptWMinGeV || ptw > R.ptWMaxGeV) return false;
  if (pt(p, oa) < pairPtMinGeV || pt(p, ob) < pairPtMinGeV) return false;
  const ex = p[oa]! + p[ob]!;
  const xx = p[oa + 1]! + p[ob + 1]!;
  const xy = p[oa + 2]! + p[ob + 2]!;
  const xz = p[oa + 3]! + p[ob + 3]!;
  const ptab = norm2(xx, xy);
  if (ptab < R.ptPairMinGeV || Math.abs(ptab - ptw) > R.ptBalanceMaxGeV) return false;
  const mab2 = ex * ex - xx * xx - xy * xy - xz * xz;
  if (mab2 > R.mPairMaxGeV * R.mPairMaxGeV) return false;
  const yw = rapidity(p, ow);
  const yab = rapidityOf(ex, xz);
  if (!(Math.abs(yw) <= R.absYMax && Math.abs(yab) <= R.pairAbsYMax && Math.abs(yw - yab) <= R.deltaYMax)) {
    return false;
  }
  // π − |Δφ| from the cosine of the transverse opening angle (no atan2 branch cut).
  const cos = (p[ow + 1]! * xx + p[ow + 2]! * xy) / (ptw * ptab);
  if (Math.PI - Math.acos(Math.min(1, Math.max(-1, cos))) > backToBackLimit(R, ptab)) return false;
  const e = p[ow]! + ex;
  const x = p[ow + 1]! + xx;
  const y = p[ow + 2]! + xy;
  const z = p[ow + 3]! + xz;
  const m3 = e * e - x * x - y * y - z * z;
  return m3 >= R.m3lMinGeV * R.m3lMinGeV && m3 <= R.m3lMaxGeV * R.m3lMaxGeV;
}

export type RegionMap = "s" | "w";

export interface RegionMapSetup {
  /** "s": Breit–Wigner in ŝ; "w": Breit–Wigner in m²(w ν). */
  kind: RegionMap;
  /** Slots of the W lepton, neutrino and pair (offsets in p). */
  ow: number;
  on: number;
  oa: number;
  ob: number;
  mw: number;
  ma: number;
  mb: number;
  /** Lower limit on m²(ab) (generation cut and threshold). */
  s2Min: number;
  mW: number;
  widthW: number;
  /** Hadronic S. */
  sHadronic: number;
  /** The box the map fills. */
  limits: Readonly<RegionLimits>;
  /** Upper end of the flat-in-m part of the m(ab) density (0: none; GeV). */
  flatMassMaxGeV: number;
}

const TWO_PI = 2 * Math.PI;
const INV_2PI = 1 / TWO_PI;
const MEASURE = 1 / (8 * TWO_PI ** 5);
/** Range of t = √(M² − M²_lo) of the flat edge component of the M² density (GeV). */
const T_EDGE = 40;

/**
 * A Cauchy density in t centred at t0 with half-width γ, truncated to [lo, hi]: sample from u and its
 * density. The Breit–Wigner 1/((M² − m²)² + m²Γ²) with M² = M²_lo + t² is ≈ Cauchy in t about
 * t0 = √(m² − M²_lo) with γ = mΓ/(2 t0) for t0² ≫ mΓ, and falls from t = 0 over γ ≈ √(mΓ) when the
 * pole sits at the edge; γ = B/(2√(t0² + B/4)), B = √(min(m² − M²_lo, 0)² + m²Γ²), joins the two
 * (its t⁻² tails are heavier than the Breit–Wigner's t⁻⁴, which is the safe side).
 */
function cauchySample(u: number, t0: number, gamma: number, lo: number, hi: number): number {
  const a = Math.atan((lo - t0) / gamma);
  const b = Math.atan((hi - t0) / gamma);
  return Math.min(hi, Math.max(lo, t0 + gamma * Math.tan(a + u * (b - a))));
}

/** t₀ of the Cauchy component in t = √(M² − M²_lo) (`cauchySample`): the W pole, or 0 below the edge. */
function poleInT(c: RegionMapSetup, m2Lo: number): number {
  return Math.sqrt(Math.max(c.mW * c.mW - m2Lo, 0));
}

/** γ of the Cauchy component in t (`cauchySample`) about t0 = `poleInT`. */
function widthInT(c: RegionMapSetup, m2Lo: number, t0: number): number {
  const bt = norm2(Math.min(c.mW * c.mW - m2Lo, 0), c.mW * c.widthW);
  return bt / (2 * Math.sqrt(t0 * t0 + bt / 4));
}

function cauchyDensity(t: number, t0: number, gamma: number, lo: number, hi: number): number {
  if (t < lo || t > hi) return 0;
  const a = Math.atan((lo - t0) / gamma);
  const b = Math.atan((hi - t0) / gamma);
  const z = (t - t0) / gamma;
  return 1 / (gamma * (b - a) * (1 + z * z));
}

/**
 * Builds the final state at p[ow], p[on], p[oa], p[ob] from u[0 … 11) (scratch slot p[or] for the
 * γ*), writes x₁, x₂ into xOut and returns the weight dx₁dx₂dΦ₄ / d¹¹u; 0 outside the map's range
 * (the caller still applies `inSelectionRegion` for the limits that are not a box: m(w a b), the
 * pair-lepton p_T and m(ab) against the generation cuts).
 */
export function regionMapPoint(
  c: RegionMapSetup,
  p: Float64Array,
  or: number,
  u: Float64Array,
  xOut: Float64Array,
): number {
  const R = c.limits;
  const ptw = R.ptWMinGeV + u[0]! * (R.ptWMaxGeV - R.ptWMinGeV);
  const yw = R.absYMax * (2 * u[1]! - 1);
  const phiw = TWO_PI * u[2]!;
  const ptLo = Math.max(R.ptPairMinGeV, ptw - R.ptBalanceMaxGeV);
  const ptHi = ptw + R.ptBalanceMaxGeV;
  // p_T(ab) ∝ dp_T/p_T (the soft-photon spectrum; VEGAS refines it).
  const lnPt = Math.log(ptHi / ptLo);
  const ptab = ptLo * Math.exp(u[3]! * lnPt);
  const yLo = Math.max(-R.pairAbsYMax, yw - R.deltaYMax);
  const yHi = Math.min(R.pairAbsYMax, yw + R.deltaYMax);
  if (!(yHi > yLo)) return 0;
  const yab = yLo + u[4]! * (yHi - yLo);
  const offMax = backToBackLimit(R, ptab);
  const dphi = offMax * (2 * u[5]! - 1);
  const s2Max = R.mPairMaxGeV * R.mPairMaxGeV;
  if (!(s2Max > c.s2Min)) return 0;
  // m²(ab): ∝ 1/m² (the photon propagator), or with `flatMassMaxGeV` half of it flat in m below
  // that mass, so that equal-width m_ℓℓ windows get equal numbers of points.
  const mFlatHi = Math.min(c.flatMassMaxGeV, R.mPairMaxGeV);
  const mFlatLo = Math.sqrt(c.s2Min);
  const flat = mFlatHi > mFlatLo;
  const u6 = u[6]!;
  let s2: number;
  if (!flat) s2 = powerSample(u6, 1, c.s2Min, s2Max);
  else if (u6 < 0.5) s2 = powerSample(2 * u6, 1, c.s2Min, s2Max);
  else s2 = (mFlatLo + (2 * u6 - 1) * (mFlatHi - mFlatLo)) ** 2;
  const mab = Math.sqrt(s2);
  const g2 = flat
    ? 0.5 * powerDensity(s2, 1, c.s2Min, s2Max) +
      (mab >= mFlatLo && mab <= mFlatHi ? 0.25 / (mab * (mFlatHi - mFlatLo)) : 0)
    : powerDensity(s2, 1, c.s2Min, s2Max);
  // W lepton (mass mw) and γ* (mass √s2) from p_T, y, φ: E = m_T cosh y, p_z = m_T sinh y.
  const mtw = Math.sqrt(ptw * ptw + c.mw * c.mw);
  p[c.ow] = mtw * Math.cosh(yw);
  p[c.ow + 1] = ptw * Math.cos(phiw);
  p[c.ow + 2] = ptw * Math.sin(phiw);
  p[c.ow + 3] = mtw * Math.sinh(yw);
  const phiab = phiw + Math.PI + dphi;
  const mtab = Math.sqrt(ptab * ptab + s2);
  p[or] = mtab * Math.cosh(yab);
  p[or + 1] = ptab * Math.cos(phiab);
  p[or + 2] = ptab * Math.sin(phiab);
  p[or + 3] = mtab * Math.sinh(yab);
  // Decay angles in the helicity frame: cos θ* fixes the energy sharing of the pair (and so the
  // pair-lepton p_T limit), which VEGAS can then adapt to.
  const w2 = twoBodyDecay(p, or, Math.sqrt(s2), c.ma, c.mb, u[7]!, u[8]!, c.oa, c.ob, true);
  if (w2 === 0) return 0;
  // Neutrino transverse momentum balances w and γ*.
  const nx = -(p[c.ow + 1]! + p[or + 1]!);
  const ny = -(p[c.ow + 2]! + p[or + 2]!);
  const ptn = norm2(nx, ny);
  if (!(ptn > 0)) return 0;
  // X: the system the neutrino is added to (w γ* for "s", w for "w").
  let ex = p[c.ow]!;
  let xx = p[c.ow + 1]!;
  let xy = p[c.ow + 2]!;
  let xz = p[c.ow + 3]!;
  if (c.kind === "s") {
    ex += p[or]!;
    xx += p[or + 1]!;
    xy += p[or + 2]!;
    xz += p[or + 3]!;
  }
  const mx2 = ex * ex - xx * xx - xy * xy - xz * xz;
  const mtx = Math.sqrt(ex * ex - xz * xz);
  const yx = rapidityOf(ex, xz);
  const dot = xx * nx + xy * ny;
  // M² = m_X² − 2 p⃗_T,X·p⃗_T,ν + 2 p_T,ν m_T,X cosh(y_ν − y_X) ≥ its value at y_ν = y_X.
  const m2Lo = mx2 - 2 * dot + 2 * ptn * mtx;
  const m2Hi = c.sHadronic;
  if (!(m2Hi > m2Lo)) return 0;
  // M² from a three-component density: a Breit–Wigner at m_W; t = √(M² − M²_lo) from the same
  // Breit–Wigner written in t (`cauchySample`); t flat on [0, T_EDGE]. dy_ν/dM² ∝ 1/sinh|y_ν − y_X|
  // ∝ 1/t diverges (integrably) at the edge M²_lo; in t the integrand is BW(M²_lo + t²) × t/sinh,
  // finite, so the two t components (density g_t/(2t) in M²) keep the weights bounded — the
  // second where the edge lies on the pole (the W lepton's Jacobian peak, p_T(w) ≈ m_W/2).
  const tHi = Math.sqrt(m2Hi - m2Lo);
  const tFlat = Math.min(T_EDGE, tHi);
  const t0 = poleInT(c, m2Lo);
  const gammaT = widthInT(c, m2Lo, t0);
  const u9 = u[9]!;
  let m2: number;
  if (u9 < 1 / 3) m2 = breitWignerSample(3 * u9, c.mW, c.widthW, m2Lo, m2Hi);
  else if (u9 < 2 / 3) {
    const t = cauchySample(3 * u9 - 1, t0, gammaT, 0, tHi);
    m2 = m2Lo + t * t;
  } else {
    const t = tFlat * (3 * u9 - 2);
    m2 = m2Lo + t * t;
  }
  const t = Math.sqrt(Math.max(m2 - m2Lo, 0));
  const gM2 =
    (breitWignerDensity(m2, c.mW, c.widthW, m2Lo, m2Hi) +
      (t > 0 ? cauchyDensity(t, t0, gammaT, 0, tHi) / (2 * t) : 0) +
      (t < tFlat && t > 0 ? 1 / (2 * t * tFlat) : 0)) /
    3;
  const ch = (m2 - mx2 + 2 * dot) / (2 * ptn * mtx);
  if (!(ch > 1) || !(gM2 > 0)) return 0;
  const sh = Math.sqrt(ch * ch - 1);
  const dy = Math.log(ch + sh);
  const yn = u[10]! < 0.5 ? yx - dy : yx + dy;
  p[c.on] = ptn * Math.cosh(yn);
  p[c.on + 1] = nx;
  p[c.on + 2] = ny;
  p[c.on + 3] = ptn * Math.sinh(yn);
  const e = p[c.ow]! + p[or]! + p[c.on]!;
  const pz = p[c.ow + 3]! + p[or + 3]! + p[c.on + 3]!;
  const rootS = Math.sqrt(c.sHadronic);
  xOut[0] = (e + pz) / rootS;
  xOut[1] = (e - pz) / rootS;
  // |dM²/dy_ν| = 2 p_T,ν m_T,X sinh|y_ν − y_X|; the branch choice doubles the density.
  const jy = 2 / (2 * ptn * mtx * sh * gM2);
  const ranges =
    (R.ptWMaxGeV - R.ptWMinGeV) * (2 * R.absYMax) * TWO_PI * ptab * lnPt * (yHi - yLo) * (2 * offMax);
  return (2 / c.sHadronic) * MEASURE * ptw * ptab * ranges * jy * (INV_2PI / g2) * w2;
}

/** The map's Breit–Wigner invariant at the current point of partonic ŝ = `sHat`: ŝ or m²(w ν). */
export function regionMapInvariant(c: RegionMapSetup, p: Float64Array, sHat: number): number {
  return c.kind === "w" ? pairMass2(p, c.ow, p, c.on) : sHat;
}

/**
 * Density of a unit-cube map per dimension: a VEGAS grid (`VegasGrid.densityAt`, `cdfAt`), or the
 * identity (density 1, cdf x).
 */
export interface UnitCubeDensity {
  densityAt(d: number, x: number): number;
  cdfAt(d: number, x: number): number;
}

/** The identity map of the unit cube. */
export const UNIFORM_UNIT_CUBE: UnitCubeDensity = {
  densityAt: () => 1,
  cdfAt: (_d, x) => Math.min(1, Math.max(0, x)),
};

/** Cumulative distribution of `cauchyDensity` at t (t in [lo, hi]). */
function cauchyCdf(t: number, t0: number, gamma: number, lo: number, hi: number): number {
  const a = Math.atan((lo - t0) / gamma);
  const b = Math.atan((hi - t0) / gamma);
  return (Math.atan((t - t0) / gamma) - a) / (b - a);
}

/** Scratch for `helicityBasis` (e₁, e₂). */
const BASIS = new Float64Array(6);

/** φ in [0, 2π) of the transverse vector (x, y). */
function azimuth(x: number, y: number): number {
  const phi = Math.atan2(y, x);
  return phi < 0 ? phi + TWO_PI : phi;
}

/**
 * m² of the pair at p[oa], p[ob] (masses ma, mb) without the cancellation of E² − p⃗² for a light,
 * fast pair: m² = m_a² + m_b² + 2 (E_a E_b − |p⃗_a||p⃗_b|) + |p⃗_a||p⃗_b| |p̂_a − p̂_b|², with
 * E_a E_b − |p⃗_a||p⃗_b| = (m_a² p_b² + m_b² p_a² + m_a² m_b²)/(E_a E_b + |p⃗_a||p⃗_b|) (E² = p² + m²).
 */
function pairMass2Precise(p: Float64Array, oa: number, ob: number, ma: number, mb: number): number {
  const pa = norm3(p[oa + 1]!, p[oa + 2]!, p[oa + 3]!);
  const pb = norm3(p[ob + 1]!, p[ob + 2]!, p[ob + 3]!);
  const ea = Math.sqrt(pa * pa + ma * ma);
  const eb = Math.sqrt(pb * pb + mb * mb);
  const dx = p[oa + 1]! / pa - p[ob + 1]! / pb;
  const dy = p[oa + 2]! / pa - p[ob + 2]! / pb;
  const dz = p[oa + 3]! / pa - p[ob + 3]! / pb;
  const ma2 = ma * ma;
  const mb2 = mb * mb;
  const mass = (ma2 * pb * pb + mb2 * pa * pa + ma2 * mb2) / (ea * eb + pa * pb);
  return ma2 + mb2 + 2 * mass + pa * pb * (dx * dx + dy * dy + dz * dz);
}

/**
 * The density, in dx₁ dx₂ dΦ₄, with which `regionMapPoint` of setup c, its unit numbers drawn from
 * `grid`, produces the final state at p[ow], p[on], p[oa], p[ob] (a hard event: no p_T, x₁,₂ from
 * its E ± p_z); 0 where the map cannot reach. The inverse of the map: p_T, y, φ of w and of the pair,
 * m²(ab), the decay angles of a in the pair's helicity frame, the invariant M² and the neutrino's
 * branch give the unit numbers u, and the density is Π_d g_d(u_d) |∂u/∂x|. Where the map draws a
 * variable from a mixture (m²(ab): 1/m² or flat in m; M²: Breit–Wigner, Cauchy in t or flat in t)
 * the point has one preimage per component, and their densities add. With `UNIFORM_UNIT_CUBE` it is
 * 1 over the weight `regionMapPoint` returns at the same point. The W + soft pair process uses it
 * for a diagnostic only (wsoftpair.ts `balanceWeight`): its multichannel shares points by the
 * propagator partition Aᵢ/ΣAⱼ (docs/backgrounds.md, "The partition by the maps' own densities").
 */
export function regionMapDensity(c: RegionMapSetup, p: Float64Array, grid: UnitCubeDensity): number {
  const R = c.limits;
  const ow = c.ow;
  const ptw = pt(p, ow);
  if (!(ptw >= R.ptWMinGeV && ptw <= R.ptWMaxGeV)) return 0;
  const yw = rapidity(p, ow);
  if (!(Math.abs(yw) <= R.absYMax)) return 0;
  const ex = p[c.oa]! + p[c.ob]!;
  const xx = p[c.oa + 1]! + p[c.ob + 1]!;
  const xy = p[c.oa + 2]! + p[c.ob + 2]!;
  const xz = p[c.oa + 3]! + p[c.ob + 3]!;
  const ptab = norm2(xx, xy);
  const ptLo = Math.max(R.ptPairMinGeV, ptw - R.ptBalanceMaxGeV);
  const ptHi = ptw + R.ptBalanceMaxGeV;
  if (!(ptab >= ptLo && ptab <= ptHi)) return 0;
  const yab = rapidityOf(ex, xz);
  const yLo = Math.max(-R.pairAbsYMax, yw - R.deltaYMax);
  const yHi = Math.min(R.pairAbsYMax, yw + R.deltaYMax);
  if (!(yab >= yLo && yab <= yHi)) return 0;
  const phiw = azimuth(p[ow + 1]!, p[ow + 2]!);
  // δφ = φ(ab) − φ(w) − π in [−π, π).
  let dphi = azimuth(xx, xy) - phiw - Math.PI;
  if (dphi < -Math.PI) dphi += TWO_PI;
  else if (dphi >= Math.PI) dphi -= TWO_PI;
  const offMax = backToBackLimit(R, ptab);
  if (!(Math.abs(dphi) <= offMax)) return 0;
  const s2 = pairMass2Precise(p, c.oa, c.ob, c.ma, c.mb);
  const s2Max = R.mPairMaxGeV * R.mPairMaxGeV;
  if (!(s2 >= c.s2Min && s2 <= s2Max)) return 0;
  const lnPt = Math.log(ptHi / ptLo);
  let g =
    grid.densityAt(0, (ptw - R.ptWMinGeV) / (R.ptWMaxGeV - R.ptWMinGeV)) *
    grid.densityAt(1, 0.5 * (yw / R.absYMax + 1)) *
    grid.densityAt(2, phiw * INV_2PI) *
    grid.densityAt(3, Math.log(ptab / ptLo) / lnPt) *
    grid.densityAt(4, (yab - yLo) / (yHi - yLo)) *
    grid.densityAt(5, 0.5 * (dphi / offMax + 1));
  // m²(ab): one preimage per component of the mixture (see `regionMapPoint`).
  const mab = Math.sqrt(s2);
  const mFlatHi = Math.min(c.flatMassMaxGeV, R.mPairMaxGeV);
  const mFlatLo = Math.sqrt(c.s2Min);
  const uPow = powerInverse(s2, 1, c.s2Min, s2Max);
  let g2: number;
  if (!(mFlatHi > mFlatLo)) g2 = grid.densityAt(6, uPow) * powerDensity(s2, 1, c.s2Min, s2Max);
  else {
    g2 = grid.densityAt(6, 0.5 * uPow) * 0.5 * powerDensity(s2, 1, c.s2Min, s2Max);
    if (mab <= mFlatHi) {
      const uFlat = 0.5 + (0.5 * (mab - mFlatLo)) / (mFlatHi - mFlatLo);
      g2 += (grid.densityAt(6, uFlat) * 0.25) / (mab * (mFlatHi - mFlatLo));
    }
  }
  // Decay angles of a in the pair's rest frame (the pure boost by −P⃗/E), measured as in
  // `twoBodyRestFrame`: θ* from the pair's flight direction n̂, φ* about it from e₁ ∝ ẑ × n̂ (x̂ × n̂
  // near the beam axis), e₂ = n̂ × e₁.
  const pab = norm3(xx, xy, xz);
  const ea = p[c.oa]!;
  const k = (xx * p[c.oa + 1]! + xy * p[c.oa + 2]! + xz * p[c.oa + 3]!) / (mab * (ex + mab)) - ea / mab;
  const qx = p[c.oa + 1]! + k * xx;
  const qy = p[c.oa + 2]! + k * xy;
  const qz = p[c.oa + 3]! + k * xz;
  const nx = xx / pab;
  const ny = xy / pab;
  const nz = xz / pab;
  const e = helicityBasis(nx, ny, nz, BASIS);
  const q = norm3(qx, qy, qz);
  const cosT = Math.min(1, Math.max(-1, (qx * nx + qy * ny + qz * nz) / q));
  const phiStar = azimuth(qx * e[0]! + qy * e[1]! + qz * e[2]!, qx * e[3]! + qy * e[4]! + qz * e[5]!);
  g *= grid.densityAt(7, 0.5 * (cosT + 1)) * grid.densityAt(8, phiStar * INV_2PI);
  const w2 = twoBodyPhaseSpaceWeight(mab, c.ma, c.mb);
  if (!(w2 > 0)) return 0;
  // The neutrino and the invariant M² of X + ν (X = w a b for "s", w for "w").
  const on = c.on;
  const ptn = pt(p, on);
  let exX = p[ow]!;
  let xxX = p[ow + 1]!;
  let xyX = p[ow + 2]!;
  let xzX = p[ow + 3]!;
  if (c.kind === "s") {
    exX += ex;
    xxX += xx;
    xyX += xy;
    xzX += xz;
  }
  const mx2 = exX * exX - xxX * xxX - xyX * xyX - xzX * xzX;
  const mtx = Math.sqrt(exX * exX - xzX * xzX);
  const yx = rapidityOf(exX, xzX);
  const dot = xxX * p[on + 1]! + xyX * p[on + 2]!;
  const m2Lo = mx2 - 2 * dot + 2 * ptn * mtx;
  const m2Hi = c.sHadronic;
  const dy = rapidity(p, on) - yx;
  // M² − M²_lo = 2 p_T,ν m_T,X (cosh Δy − 1) = 4 p_T,ν m_T,X sinh²(Δy/2), without the cancellation.
  const sh2 = Math.sinh(0.5 * dy);
  const t = 2 * Math.sqrt(ptn * mtx) * Math.abs(sh2);
  const m2 = m2Lo + t * t;
  if (!(m2Hi > m2Lo) || !(m2 <= m2Hi) || !(t > 0)) return 0;
  const tHi = Math.sqrt(m2Hi - m2Lo);
  const tFlat = Math.min(T_EDGE, tHi);
  const t0 = poleInT(c, m2Lo);
  const gammaT = widthInT(c, m2Lo, t0);
  let gM2 =
    grid.densityAt(9, breitWignerInverse(m2, c.mW, c.widthW, m2Lo, m2Hi) / 3) *
      breitWignerDensity(m2, c.mW, c.widthW, m2Lo, m2Hi) +
    (grid.densityAt(9, (1 + cauchyCdf(t, t0, gammaT, 0, tHi)) / 3) * cauchyDensity(t, t0, gammaT, 0, tHi)) /
      (2 * t);
  if (t < tFlat) gM2 += grid.densityAt(9, (2 + t / tFlat) / 3) / (2 * t * tFlat);
  gM2 /= 3;
  // The branch y_ν < y_X (u₁₀ < ½) or above: the grid's probability of that half.
  const half = grid.cdfAt(10, 0.5);
  const branch = dy < 0 ? half : 1 - half;
  const sh = Math.abs(Math.sinh(dy));
  const jBase =
    (2 / c.sHadronic) *
    MEASURE *
    ptw *
    ptab *
    (R.ptWMaxGeV - R.ptWMinGeV) *
    (2 * R.absYMax) *
    TWO_PI *
    ptab *
    lnPt *
    (yHi - yLo) *
    (2 * offMax) *
    (1 / (2 * ptn * mtx * sh)) *
    INV_2PI *
    w2;
  return (g * g2 * gM2 * branch) / jBase;
}

/**
 * The cuts of the paper's prompt signal region (Table II) that `selectionProxy` mimics at generator
 * level; `PAPER_SELECTION` (analysis/cuts.ts) satisfies it.
 */
export interface SelectionProxyLimits {
  leadingPtMinGeV: number;
  electronPtMinGeV: number;
  muonPtMinGeV: number;
  absEtaMax: number;
  dPhiMin: number;
  dRMin: number;
  dRMax: number;
  mllMaxGeV: number;
  m3lMaxGeV: number;
  pt3lMaxGeV: number;
}

/** The proxy's p_T threshold (GeV) of a lepton of PDG code ±11 (electron) or ±13 (muon). */
export function proxyPtMinGeV(S: Readonly<SelectionProxyLimits>, pdg: number): number {
  return Math.abs(pdg) === 11 ? S.electronPtMinGeV : S.muonPtMinGeV;
}

/** Floor of `selectionProxy`: points the selection surely rejects still steer the grid a little. */
export const SELECTION_PROXY_FLOOR = 0.05;

/** 1 above `cut + margin`, 0 below `cut − margin`, linear between. */
function rampUp(x: number, cut: number, margin: number): number {
  const t = (x - cut + margin) / (2 * margin);
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/**
 * A smooth generator-level stand-in for the probability that an event passes the prompt signal
 * region after the shower and the detector, in [SELECTION_PROXY_FLOOR, 1]: the product of linear
 * ramps across each Table II cut, applied to the three charged leptons at p[o0], p[o1], p[o2] as
 * the analysis does (ℓ1 the hardest, the Z_D candidate the other two, no charge requirement). The
 * margins stand for the shower's recoil and the detector's smearing (15 % of a p_T cut, 0.3 rad in
 * φ and R, 0.3 in η, 1 GeV in m_ℓℓ, 8 GeV in m(3ℓ), 10 GeV in p_T(3ℓ)).
 *
 * Used only to steer adaptation (through `recoilAveragedProxy`: `WSoftPairProcess.adaptationFactor`,
 * so that VEGAS and the channel weights adapt to f × proxy, the integrand of the selected cross
 * section with the proxy as the pass probability).
 * The estimator stays f/g, unbiased wherever g > 0, which the floor and VEGAS's positive bin widths
 * guarantee.
 */
export function selectionProxy(
  p: Float64Array,
  o0: number,
  o1: number,
  o2: number,
  ptMin0: number,
  ptMin1: number,
  ptMin2: number,
  S: Readonly<SelectionProxyLimits>,
): number {
  // Order the three leptons by p_T: ℓ1 = i, the pair j k.
  const p0 = pt(p, o0);
  const p1 = pt(p, o1);
  const p2 = pt(p, o2);
  let i = o0;
  let j = o1;
  let k = o2;
  let pti = p0;
  let ptj = p1;
  let ptk = p2;
  let mi = ptMin0;
  let mj = ptMin1;
  let mk = ptMin2;
  if (p1 > p0 && p1 >= p2) {
    // ℓ1 = slot 1: swap slots 0 and 1.
    i = o1;
    j = o0;
    pti = p1;
    ptj = p0;
    mi = ptMin1;
    mj = ptMin0;
  } else if (p2 > p0 && p2 > p1) {
    // ℓ1 = slot 2: swap slots 0 and 2.
    i = o2;
    k = o0;
    pti = p2;
    ptk = p0;
    mi = ptMin2;
    mk = ptMin0;
  }
  // The ramps from the cheapest and most often zero (p_T, then dφ, m(3ℓ), p_T(3ℓ), m_ℓℓ) to the ones
  // that need logarithms (η, ΔR), leaving at the first zero.
  let a =
    rampUp(pti, Math.max(S.leadingPtMinGeV, mi), 0.15 * S.leadingPtMinGeV) *
    rampUp(ptj, mj, 0.15 * mj) *
    rampUp(ptk, mk, 0.15 * mk);
  if (a === 0) return SELECTION_PROXY_FLOOR;
  const zE = p[j]! + p[k]!;
  const zx = p[j + 1]! + p[k + 1]!;
  const zy = p[j + 2]! + p[k + 2]!;
  const zz = p[j + 3]! + p[k + 3]!;
  const ptz = norm2(zx, zy);
  const cos = (p[i + 1]! * zx + p[i + 2]! * zy) / (pti * ptz);
  const dphi = Math.acos(Math.min(1, Math.max(-1, cos)));
  a *= rampUp(dphi, S.dPhiMin, 0.3);
  if (a === 0) return SELECTION_PROXY_FLOOR;
  const tE = zE + p[i]!;
  const tx = zx + p[i + 1]!;
  const ty = zy + p[i + 2]!;
  const tz = zz + p[i + 3]!;
  const m3l = Math.sqrt(Math.max(0, tE * tE - tx * tx - ty * ty - tz * tz));
  const mll = Math.sqrt(Math.max(0, zE * zE - zx * zx - zy * zy - zz * zz));
  a *=
    rampUp(-m3l, -S.m3lMaxGeV, 8) * rampUp(-norm2(tx, ty), -S.pt3lMaxGeV, 10) * rampUp(-mll, -S.mllMaxGeV, 1);
  if (a === 0) return SELECTION_PROXY_FLOOR;
  const etai = eta(p, i);
  a *=
    rampUp(-Math.abs(etai), -S.absEtaMax, 0.3) *
    rampUp(-Math.abs(eta(p, j)), -S.absEtaMax, 0.3) *
    rampUp(-Math.abs(eta(p, k)), -S.absEtaMax, 0.3);
  if (a === 0) return SELECTION_PROXY_FLOOR;
  const deta = etai - etaOfMomentum(zx, zy, zz);
  const dr = Math.sqrt(dphi * dphi + deta * deta);
  a *= rampUp(dr, S.dRMin, 0.3) * rampUp(-dr, -S.dRMax, 0.3);
  return SELECTION_PROXY_FLOOR + (1 - SELECTION_PROXY_FLOOR) * a;
}

/**
 * The shower's recoil on one decay product of the hard system, as src/shower/showerBatch.ts applies
 * it: out[d…] = B(β_new) B(β_old) p[src…], β_old = −P/E_P of the hard system before (here (0, 0,
 * −tanh y)), β_new = P′/E_P′ after it (p_T = k_T, mass and rapidity kept).
 */
export function recoilBoost(
  p: Float64Array,
  src: number,
  bzOld: number,
  bxNew: number,
  byNew: number,
  bzNew: number,
  out: Float64Array,
  d: number,
): void {
  out[d] = p[src]!;
  out[d + 1] = p[src + 1]!;
  out[d + 2] = p[src + 2]!;
  out[d + 3] = p[src + 3]!;
  boostInPlace(out, d, 0, 0, bzOld);
  boostInPlace(out, d, bxNew, byNew, bzNew);
}

/**
 * How `recoilAveragedProxy` samples the shower's recoil: the hard system's transverse momentum k_T
 * on rings of given radii (GeV) besides k_T = 0, each in `azimuths` equally spaced directions, the
 * rings weighted by `weights` (k_T = 0 first; non-negative, not all zero, any scale).
 */
export interface RecoilAverage {
  readonly ktGeV: readonly number[];
  readonly weights: readonly number[];
  readonly azimuths: number;
  readonly cos: readonly number[];
  readonly sin: readonly number[];
}

/** A `RecoilAverage` with k_T rings `ktGeV` (GeV), ring weights (k_T = 0 first) and azimuths. */
export function recoilAverage(
  ktGeV: readonly number[],
  weights: readonly number[],
  azimuths: number,
): RecoilAverage {
  if (weights.length !== ktGeV.length + 1 || weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0)) {
    throw new RangeError("recoilAverage: one non-negative weight per ring, k_T = 0 first, not all 0");
  }
  if (!Number.isInteger(azimuths) || azimuths < 1) throw new RangeError("recoilAverage: azimuths ≥ 1");
  if (ktGeV.some((k) => !(k > 0))) throw new RangeError("recoilAverage: ring radii k_T > 0 GeV");
  return {
    ktGeV,
    weights,
    azimuths,
    cos: Array.from({ length: azimuths }, (_, a) => Math.cos((TWO_PI * a) / azimuths)),
    sin: Array.from({ length: azimuths }, (_, a) => Math.sin((TWO_PI * a) / azimuths)),
  };
}

/**
 * The recoil average the region parts steer with: k_T ∈ {0, 8, 20} GeV (typical W recoils; the
 * k_T = 0 point weighted like one ring) in four azimuths.
 */
export const TYPICAL_RECOIL = recoilAverage([8, 20], [1, 1, 1], 4);

/**
 * A recoil average that reaches the recoil's tail: k_T ∈ {0, 8, 20, 35, 50} GeV in twelve azimuths.
 * The halo's events reach the selection only on a hard recoil in a favourable direction (a soft
 * forward pair lifted over its p_T cuts or into |η| < 2.5), which `TYPICAL_RECOIL` mostly misses: its
 * proxy leaves them at the floor, this one lifts them above it. Measured on the halo (W(μν) + ee and
 * W(μν) + μμ, 2–3·10⁶ points each): the events whose proxy under it exceeds the floor are 6 % and 10 %
 * of the halo's events and hold 100 % and 99 % of its selected σ (with k_T ≤ 35 GeV in eight
 * azimuths, 89 % and 92 %). The halo splits by it (wsoftpair.ts, regions "halo-reach" and
 * "halo-rest"; docs/backgrounds.md, "The halo's reach: a part of its own").
 */
export const REACH_RECOIL = recoilAverage([8, 20, 35, 50], [1, 1, 1, 1, 1], 12);

/**
 * Whether a recoil-averaged proxy says its event is within reach of the selection: above the floor
 * (some recoil of the average lifts it onto a ramp), beyond the rounding of an average of floors.
 */
export function withinReach(proxy: number): boolean {
  return proxy > SELECTION_PROXY_FLOOR * (1 + 1e-12);
}

/**
 * `selectionProxy` averaged over the shower's recoil: the shower gives the hard system (mass √ŝ,
 * rapidity y, both kept) a transverse momentum k_T by boosting its decay products (src/shower:
 * "recoil as a boost"). Soft forward pair leptons gain or lose several GeV of p_T that way, so the
 * bare proxy misjudges the events near R's edges; this averages it over the recoils of `recoil`
 * (default `TYPICAL_RECOIL`), each applied as the shower does (`recoilBoost`, whose first boost
 * is done once for all recoils). Adaptation only, like `selectionProxy`. `scratch`: 24 doubles.
 */
export function recoilAveragedProxy(
  p: Float64Array,
  o: readonly [number, number, number],
  ptMin: readonly [number, number, number],
  sHat: number,
  yHard: number,
  S: Readonly<SelectionProxyLimits>,
  scratch: Float64Array,
  recoil: RecoilAverage = TYPICAL_RECOIL,
): number {
  if (scratch.length < 24) throw new RangeError("recoilAveragedProxy: scratch needs 24 doubles");
  const [o0, o1, o2] = o;
  const nAz = recoil.azimuths;
  const w0 = recoil.weights[0]!;
  let sum = selectionProxy(p, o0, o1, o2, ptMin[0], ptMin[1], ptMin[2], S) * nAz * w0;
  let norm = nAz * w0;
  // The leptons in the hard system's longitudinal rest frame, once for every recoil: `recoilBoost`
  // with no new transverse boost (boostInPlace leaves a zero boost alone), into scratch[12…23].
  const bzOld = -Math.tanh(yHard);
  for (let k = 0; k < 3; k++) recoilBoost(p, o[k]!, bzOld, 0, 0, 0, scratch, 12 + 4 * k);
  for (let r = 0; r < recoil.ktGeV.length; r++) {
    const kt = recoil.ktGeV[r]!;
    const wr = recoil.weights[r + 1]!;
    // P′ = (m_T cosh y, k_T cos φ, k_T sin φ, m_T sinh y), m_T = √(ŝ + k_T²).
    const mt = Math.sqrt(sHat + kt * kt);
    const e = mt * Math.cosh(yHard);
    const bz = (mt * Math.sinh(yHard)) / e;
    for (let a = 0; a < nAz; a++) {
      const bx = (kt * recoil.cos[a]!) / e;
      const by = (kt * recoil.sin[a]!) / e;
      for (let k = 0; k < 12; k++) scratch[k] = scratch[12 + k]!;
      for (let k = 0; k < 3; k++) boostInPlace(scratch, 4 * k, bx, by, bz);
      sum += selectionProxy(scratch, 0, 4, 8, ptMin[0], ptMin[1], ptMin[2], S) * wr;
    }
    norm += nAz * wr;
  }
  return sum / norm;
}
