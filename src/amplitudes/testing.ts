/**
 * Phase-space points for checking amplitudes (tests and benchmarks only; the production phase space
 * lives in src/phasespace/). Uniform n-body points from RAMBO (Kleiss, Stirling, Ellis, Comput. Phys.
 * Commun. 40 (1986) 359), with the massive rescaling of the same paper (Sec. 4); the weights are not
 * needed here and are not computed.
 */
import { twoBodyMomentum } from "../core/fourvector.js";
import type { RandomStream } from "../core/rng.js";

/**
 * Fills p (length 4·(2 + n)) with a 2 → n point in the partonic centre-of-mass frame: incoming
 * massless legs along ±z with energy √s/2, outgoing legs of the given masses from RAMBO.
 */
export function ramboPoint(
  p: Float64Array,
  sqrtS: number,
  masses: ArrayLike<number>,
  rng: RandomStream,
): void {
  p[0] = sqrtS / 2;
  p[1] = 0;
  p[2] = 0;
  p[3] = sqrtS / 2;
  p[4] = sqrtS / 2;
  p[5] = 0;
  p[6] = 0;
  p[7] = -sqrtS / 2;
  fillRambo(p, 8, sqrtS, masses, rng);
}

/** RAMBO momenta of n particles with total momentum (√s, 0, 0, 0) written at p[o..]. */
export function fillRambo(
  p: Float64Array,
  o: number,
  sqrtS: number,
  masses: ArrayLike<number>,
  rng: RandomStream,
): void {
  const n = masses.length;
  let qx = 0;
  let qy = 0;
  let qz = 0;
  let q0 = 0;
  for (let i = 0; i < n; i++) {
    const c = 2 * rng.uniform() - 1;
    const s = Math.sqrt(1 - c * c);
    const f = 2 * Math.PI * rng.uniform();
    const e = -Math.log(rng.uniform() * rng.uniform());
    const k = o + 4 * i;
    p[k] = e;
    p[k + 1] = e * s * Math.cos(f);
    p[k + 2] = e * s * Math.sin(f);
    p[k + 3] = e * c;
    q0 += e;
    qx += p[k + 1]!;
    qy += p[k + 2]!;
    qz += p[k + 3]!;
  }
  const m = Math.sqrt(q0 * q0 - qx * qx - qy * qy - qz * qz);
  const bx = -qx / m;
  const by = -qy / m;
  const bz = -qz / m;
  const g = q0 / m;
  const a = 1 / (1 + g);
  const x = sqrtS / m;
  for (let i = 0; i < n; i++) {
    const k = o + 4 * i;
    const e = p[k]!;
    const bq = bx * p[k + 1]! + by * p[k + 2]! + bz * p[k + 3]!;
    p[k] = x * (g * e + bq);
    p[k + 1] = x * (p[k + 1]! + bx * e + a * bq * bx);
    p[k + 2] = x * (p[k + 2]! + by * e + a * bq * by);
    p[k + 3] = x * (p[k + 3]! + bz * e + a * bq * bz);
  }
  // Massive rescaling: find ξ with Σ √(m_i² + ξ² |p_i|²) = √s (Newton).
  let anyMass = false;
  for (let i = 0; i < n; i++) if (masses[i]! > 0) anyMass = true;
  if (!anyMass) return;
  let xi = 1;
  for (let it = 0; it < 60; it++) {
    let f = -sqrtS;
    let df = 0;
    for (let i = 0; i < n; i++) {
      const e = p[o + 4 * i]!;
      const mi = masses[i]!;
      const ei = Math.sqrt(mi * mi + xi * xi * e * e);
      f += ei;
      df += (xi * e * e) / ei;
    }
    const step = f / df;
    xi -= step;
    if (Math.abs(step) < 1e-15 * xi) break;
  }
  for (let i = 0; i < n; i++) {
    const k = o + 4 * i;
    const mi = masses[i]!;
    p[k + 1] = xi * p[k + 1]!;
    p[k + 2] = xi * p[k + 2]!;
    p[k + 3] = xi * p[k + 3]!;
    p[k] = Math.sqrt(mi * mi + p[k + 1]! ** 2 + p[k + 2]! ** 2 + p[k + 3]! ** 2);
  }
}

/**
 * Two-body decay of a parent with four-momentum P (at p[oP]) into masses m1, m2 with direction
 * (cosθ, φ) in the parent rest frame (measured from the lab axes); writes daughters at o1, o2.
 */
export function twoBodyDecay(
  p: Float64Array,
  oP: number,
  m1: number,
  m2: number,
  cosTheta: number,
  phi: number,
  o1: number,
  o2: number,
): void {
  const e = p[oP]!;
  const px = p[oP + 1]!;
  const py = p[oP + 2]!;
  const pz = p[oP + 3]!;
  const m = Math.sqrt(e * e - px * px - py * py - pz * pz);
  const q = twoBodyMomentum(m, m1, m2);
  const st = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
  const kx = q * st * Math.cos(phi);
  const ky = q * st * Math.sin(phi);
  const kz = q * cosTheta;
  boostInto(p, o1, Math.sqrt(m1 * m1 + q * q), kx, ky, kz, e, px, py, pz, m);
  boostInto(p, o2, Math.sqrt(m2 * m2 + q * q), -kx, -ky, -kz, e, px, py, pz, m);
}

/** Boosts rest-frame (e, kx, ky, kz) by the frame of a parent with momentum (E, P) and mass m. */
function boostInto(
  p: Float64Array,
  o: number,
  e: number,
  kx: number,
  ky: number,
  kz: number,
  pe: number,
  px: number,
  py: number,
  pz: number,
  m: number,
): void {
  const bk = (px * kx + py * ky + pz * kz) / m;
  const f = bk / (pe + m) + e / m;
  p[o] = (pe * e + px * kx + py * ky + pz * kz) / m;
  p[o + 1] = kx + px * f;
  p[o + 2] = ky + py * f;
  p[o + 3] = kz + pz * f;
}
