/**
 * Factorised emission of a soft lepton pair γ* → ℓ′⁺ℓ′⁻ off a charged final-state fermion f, with a
 * spectator k that absorbs the recoil (the total momentum Q = p_f + p_k, hence every resonance
 * upstream, is unchanged). Used for tt̄ + soft pair (ttbar.ts) and validated on W + soft pair
 * against the exact matrix element (wfactorised.ts, docs/backgrounds.md).
 *
 * Approximation (quasi-collinear limit, Catani & Seymour, Nucl. Phys. B 485 (1997) 291, eq. 5.7, and
 * for a massive emitter Catani, Dittmaier & Trócsányi, Phys. Lett. B 500 (2001) 149, eq. 8):
 *   |M_{n+1}(…, f, γ*)|² ≈ 8πα Q_f² / (t − m_f²) × P(z) × |M_n(…, f̃, …)|²,
 *   P(z) = (1 + z²)/(1 − z) − m_f² / (p_f·p_γ*),   t = (p_f + p_γ*)²,
 * with z = E_f/(E_f + E_γ*) in the Q rest frame; the γ* (mass² q²) is then converted with the
 * Kroll–Wada factor (N. M. Kroll and W. Wada, Phys. Rev. 98 (1955) 1355):
 *   dσ(X ℓ′ℓ′) = dσ(X γ*(q²)) × (α/3π) (dq²/q²) (1 + 2m′²/q²) √(1 − 4m′²/q²),
 * the pair decaying isotropically in the γ* rest frame (its polarisation is not propagated).
 *
 * Kinematics (exact three-body phase space): in the Q rest frame the (f γ*) system of mass² t is put
 * along the Born direction of f̃ with k opposite, then (f γ*) → f + γ* and γ* → ℓ′ℓ′ are two-body
 * decays. With dΦ₃ = dΦ₂(Q → (fγ*) k) dt/(2π) dΦ₂((fγ*) → f γ*) (PDG 2024 eq. 49.21) and the same
 * direction as the Born, dΦ₃/dΦ₂ = [(Q² − t)/(Q² − m_f²)] × dt/(2π) × |p*|/(4π√t) per unit angles.
 * Unit-cube layout (6 numbers): q² (log), t (log in t − m_f²), cos θ*, φ* of (fγ*) → f γ*, and of γ* → ℓ′ℓ′.
 */
import { boostInPlace, norm3 } from "../../core/fourvector.js";
import { twoBodyDecay } from "../../phasespace/decay.js";

/** Scratch momenta (E, px, py, pz) for the emission. */
const S = new Float64Array(20);

/**
 * Replaces the Born pair (f at p[oF], spectator k at p[oK], both on shell with masses mF and 0) by
 * f, k and the pair ℓ′⁻ (p[oLm]), ℓ′⁺ (p[oLp]) of mass mPair each. Returns the emission weight
 * (multiplies the Born weight), 0 outside the limits. `qf2` = Q_f² (charge² in units of e²).
 */
export function emitSoftPair(
  p: Float64Array,
  oF: number,
  mF: number,
  oK: number,
  qf2: number,
  alpha: number,
  q2Min: number,
  mPair: number,
  u: Float64Array,
  uo: number,
  oLm: number,
  oLp: number,
): number {
  // Q and its rest frame.
  const Q0 = p[oF]! + p[oK]!;
  const Qx = p[oF + 1]! + p[oK + 1]!;
  const Qy = p[oF + 2]! + p[oK + 2]!;
  const Qz = p[oF + 3]! + p[oK + 3]!;
  const M2 = Q0 * Q0 - Qx * Qx - Qy * Qy - Qz * Qz;
  if (!(M2 > 0)) return 0;
  const M = Math.sqrt(M2);
  const bx = Qx / Q0;
  const by = Qy / Q0;
  const bz = Qz / Q0;
  // Born direction of f in the Q rest frame.
  S.set(p.subarray(oF, oF + 4), 0);
  boostInPlace(S, 0, -bx, -by, -bz);
  const pa = norm3(S[1]!, S[2]!, S[3]!);
  if (!(pa > 0)) return 0;
  const nx = S[1]! / pa;
  const ny = S[2]! / pa;
  const nz = S[3]! / pa;
  // q² ∈ [max(q2Min, 4m′²), (M − mF)²], logarithmic.
  const qLo = Math.max(q2Min, 4 * mPair * mPair * (1 + 1e-12));
  const qHi = (M - mF) ** 2;
  if (!(qHi > qLo)) return 0;
  const lq = Math.log(qHi / qLo);
  const q2 = qLo * Math.exp(u[uo]! * lq);
  const jq = q2 * lq; // dq²/du
  // t − mF² ∈ [(mF + q)² − mF², M² − mF²], logarithmic.
  const q = Math.sqrt(q2);
  const aLo = (mF + q) ** 2 - mF * mF;
  const aHi = M2 - mF * mF;
  if (!(aHi > aLo)) return 0;
  const la = Math.log(aHi / aLo);
  const a = aLo * Math.exp(u[uo + 1]! * la);
  const ja = a * la; // dt/du
  const t = a + mF * mF;
  const rt = Math.sqrt(t);
  // (f γ*) along n̂ with |P| = (M² − t)/(2M); k opposite.
  const pP = (M2 - t) / (2 * M);
  S[4] = (M2 + t) / (2 * M);
  S[5] = pP * nx;
  S[6] = pP * ny;
  S[7] = pP * nz;
  S[8] = pP;
  S[9] = -pP * nx;
  S[10] = -pP * ny;
  S[11] = -pP * nz;
  // (f γ*) → f (slot 12) + γ* (slot 16) in the Q frame.
  const w2 = twoBodyDecay(S, 4, rt, mF, q, u[uo + 2]!, u[uo + 3]!, 12, 16);
  if (w2 === 0) return 0;
  // Splitting variables in the Q rest frame.
  const ef = S[12]!;
  const ej = S[16]!;
  const z = ef / (ef + ej);
  const pfpj = 0.5 * (t - mF * mF - q2);
  let split = (1 + z * z) / (1 - z) - (mF * mF) / pfpj;
  if (!(split > 0)) split = 0;
  const dipole = (8 * Math.PI * alpha * qf2 * split) / (t - mF * mF);
  // Phase-space ratio dΦ₃/dΦ₂ (header) and the Kroll–Wada conversion.
  const psRatio = ((M2 - t) / (M2 - mF * mF)) * (ja / (2 * Math.PI)) * w2;
  const r = (4 * mPair * mPair) / q2;
  const kw = (alpha / (3 * Math.PI)) * (jq / q2) * (1 + 0.5 * r) * Math.sqrt(Math.max(0, 1 - r));
  // Boost f, k, γ* back to the lab and write them; decay γ* in the lab.
  boostInPlace(S, 12, bx, by, bz);
  boostInPlace(S, 8, bx, by, bz);
  boostInPlace(S, 16, bx, by, bz);
  for (let i = 0; i < 4; i++) {
    p[oF + i] = S[12 + i]!;
    p[oK + i] = S[8 + i]!;
  }
  // γ* → ℓ′⁻ℓ′⁺ isotropic in its rest frame, boosted to the lab (unit weight: normalised angles).
  const wd = twoBodyDecay(S, 16, q, mPair, mPair, u[uo + 4]!, u[uo + 5]!, 0, 4);
  if (wd === 0) return 0;
  for (let i = 0; i < 4; i++) {
    p[oLm + i] = S[i]!;
    p[oLp + i] = S[4 + i]!;
  }
  return psRatio * dipole * kw;
}
