/**
 * Two-body decays in the parent rest frame followed by a boost to the lab, on flat Float64Array
 * momentum buffers (four consecutive doubles E, px, py, pz per particle).
 *
 * Phase space: dΦ₂ = |p*| / (16π² M) dΩ* in the convention dΦₙ = (2π)⁴ δ⁴(P − Σp) Π d³pᵢ / ((2π)³ 2Eᵢ)
 * (PDG 2024 "Kinematics", eq. 49.20); with cos θ* = 2u₁ − 1 and φ* = 2π u₂ the unit-cube measure
 * gives dΦ₂ = |p*| / (4π M) du₁ du₂. Recursion through an intermediate state of mass² q²:
 * dΦₙ = dΦⱼ dq²/(2π) dΦₙ₋ⱼ₊₁ (PDG 2024 eq. 49.21).
 */
import { norm3, orthonormalFrame, twoBodyMomentum } from "../core/fourvector.js";

/** Scratch for `helicityBasis` in `twoBodyRestFrame`. */
const BASIS = new Float64Array(6);

/**
 * The axes (e₁, e₂) that complete the unit vector n̂ = (nx, ny, nz) to a right-handed basis
 * (e₁, e₂, n̂): e₁ ∝ ẑ × n̂ (x̂ × n̂ near the beam axis, |n_z| ≥ 0.9), e₂ = n̂ × e₁ — the negatives of
 * `orthonormalFrame`'s (core/fourvector.ts; exactly, negation being exact). Written to out[0 … 3) and
 * out[3 … 6), which it returns. The decay angles of `twoBodyRestFrame` with an axis are θ* from n̂
 * and φ* from e₁ towards e₂.
 */
export function helicityBasis(nx: number, ny: number, nz: number, out: Float64Array): Float64Array {
  orthonormalFrame(nx, ny, nz, out);
  for (let k = 0; k < 6; k++) out[k] = -out[k]!;
  return out;
}

/** Unit-cube phase-space weight of a two-body decay: |p*| / (4π M); 0 below threshold. */
export function twoBodyPhaseSpaceWeight(mParent: number, m1: number, m2: number): number {
  if (mParent <= m1 + m2) return 0;
  return twoBodyMomentum(mParent, m1, m2) / (4 * Math.PI * mParent);
}

/**
 * Two-body decay in the parent rest frame: daughters of masses m1, m2 written at out[o1], out[o2]
 * with cos θ* = 2 uCos − 1, φ* = 2π uPhi, θ* measured from the direction of the spatial part of
 * `axis[ao]` (a four-vector; the z axis if `axis` is null or has zero momentum). Rotations leave
 * dΦ₂ unchanged. Returns |p*| / (4π M), or 0 below threshold (daughters then zeroed).
 */
export function twoBodyRestFrame(
  out: Float64Array,
  o1: number,
  o2: number,
  mParent: number,
  m1: number,
  m2: number,
  uCos: number,
  uPhi: number,
  axis: Float64Array | null,
  ao: number,
): number {
  if (mParent <= m1 + m2) {
    out.fill(0, o1, o1 + 4);
    out.fill(0, o2, o2 + 4);
    return 0;
  }
  const q = twoBodyMomentum(mParent, m1, m2);
  const cosT = 2 * uCos - 1;
  const sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
  const ph = 2 * Math.PI * uPhi;
  let qx = q * sinT * Math.cos(ph);
  let qy = q * sinT * Math.sin(ph);
  let qz = q * cosT;
  const pa = axis ? norm3(axis[ao + 1]!, axis[ao + 2]!, axis[ao + 3]!) : 0;
  if (axis && pa > 0) {
    const nx = axis[ao + 1]! / pa;
    const ny = axis[ao + 2]! / pa;
    const nz = axis[ao + 3]! / pa;
    const e = helicityBasis(nx, ny, nz, BASIS);
    const x = qx;
    const y = qy;
    const z = qz;
    qx = x * e[0]! + y * e[3]! + z * nx;
    qy = x * e[1]! + y * e[4]! + z * ny;
    qz = x * e[2]! + y * e[5]! + z * nz;
  }
  // Energies from the masses (PDG 2024 eq. 49.16): E₁ = (M² + m₁² − m₂²) / 2M.
  const M2 = mParent * mParent;
  out[o1] = (M2 + m1 * m1 - m2 * m2) / (2 * mParent);
  out[o1 + 1] = qx;
  out[o1 + 2] = qy;
  out[o1 + 3] = qz;
  out[o2] = (M2 + m2 * m2 - m1 * m1) / (2 * mParent);
  out[o2 + 1] = -qx;
  out[o2 + 2] = -qy;
  out[o2 + 3] = -qz;
  return q / (4 * Math.PI * mParent);
}

/**
 * Decays the parent at `p[po]` (on-shell with mass `mParent`) into masses m1, m2 with rest-frame
 * angles cos θ* = 2 uCos − 1, φ* = 2π uPhi (θ* measured from the lab z axis in the parent rest
 * frame; with `helicityFrame`, from the parent's flight direction), writing the daughters at p[o1],
 * p[o2]. Returns the unit-cube phase-space weight |p*| / (4π M), or 0 below threshold.
 */
export function twoBodyDecay(
  p: Float64Array,
  po: number,
  mParent: number,
  m1: number,
  m2: number,
  uCos: number,
  uPhi: number,
  o1: number,
  o2: number,
  helicityFrame = false,
): number {
  const w = twoBodyRestFrame(p, o1, o2, mParent, m1, m2, uCos, uPhi, helicityFrame ? p : null, po);
  if (w === 0) return 0;
  // Boost to the lab with the parent four-momentum P = (E, P⃗) and its nominal mass M (Pythia 8's
  // Vec4::bst(p, m); e.g. Byckling & Kajantie eq. II.2.9): e' = (E e + P⃗·q⃗)/M,
  // q⃗' = q⃗ + P⃗ (e + e')/(E + M). The daughters then sum to P exactly up to rounding, even for
  // large boosts of light parents (β = P⃗/E would give mismatches ∝ γ² ε).
  boostFromRest(p, o1, p, po, mParent);
  boostFromRest(p, o2, p, po, mParent);
  return w;
}

/**
 * Boosts the vector at v[o] from the rest frame of the parent at P[po] (nominal mass m) to the
 * frame where the parent has that four-momentum (formula in `twoBodyDecay`).
 */
export function boostFromRest(v: Float64Array, o: number, P: Float64Array, po: number, m: number): void {
  const E = P[po]!;
  const px = P[po + 1]!;
  const py = P[po + 2]!;
  const pz = P[po + 3]!;
  const e = v[o]!;
  const pq = px * v[o + 1]! + py * v[o + 2]! + pz * v[o + 3]!;
  const eLab = (E * e + pq) / m;
  const f = (e + eLab) / (E + m);
  v[o] = eLab;
  v[o + 1] = v[o + 1]! + f * px;
  v[o + 2] = v[o + 2]! + f * py;
  v[o + 3] = v[o + 3]! + f * pz;
}
