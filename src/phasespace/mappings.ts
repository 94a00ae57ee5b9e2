/**
 * Invariant-mass and collinear mappings from unit random numbers to physics variables.
 *
 * Each mapping has three pure functions: `…Sample(u, …)` gives the variable for u ∈ [0, 1), `…Inverse`
 * gives u back, and `…Density` gives the probability density of the variable (the inverse of the
 * Jacobian dx/du). Densities rather than Jacobians are what the multichannel weight needs
 * (Kleiss & Pittau, Comput. Phys. Commun. 83 (1994) 141; see multichannel.ts): a point produced by
 * one channel is weighted with the density of all channels.
 *
 * The forms are the textbook ones used by every LO generator (e.g. Byckling & Kajantie, "Particle
 * Kinematics" (1973), ch. V; MadEvent, Maltoni & Stelzer, JHEP 02 (2003) 027, Sec. 3):
 * - Breit–Wigner: s = M² + MΓ tan θ, θ uniform, flattens 1/((s − M²)² + M²Γ²);
 * - power law: flattens s^(−ν) (ν → 1 is the logarithmic map), for γ* → ℓℓ down to m_ℓℓ = 10 MeV;
 * - narrow width: the resonance put on shell, ∫ ds / ((s − M²)² + M²Γ²) = π / (MΓ).
 */

/** Angle range of the Breit–Wigner (tan) mapping on [sMin, sMax]: θ(s) = atan((s − M²)/(MΓ)). */
function bwTheta(s: number, m: number, width: number): number {
  return Math.atan((s - m * m) / (m * width));
}

/** s-channel Breit–Wigner (tan) mapping: s on [sMin, sMax] with density ∝ 1/((s − M²)² + M²Γ²). */
export function breitWignerSample(u: number, m: number, width: number, sMin: number, sMax: number): number {
  const t0 = bwTheta(sMin, m, width);
  const t1 = bwTheta(sMax, m, width);
  const s = m * m + m * width * Math.tan(t0 + u * (t1 - t0));
  // Guard against rounding just outside the interval at its ends.
  return Math.min(Math.max(s, sMin), sMax); // rounding at the interval ends only
}

export function breitWignerInverse(s: number, m: number, width: number, sMin: number, sMax: number): number {
  const t0 = bwTheta(sMin, m, width);
  const t1 = bwTheta(sMax, m, width);
  return (bwTheta(s, m, width) - t0) / (t1 - t0);
}

/** Density of s under the Breit–Wigner mapping: MΓ / ((θ₁ − θ₀) ((s − M²)² + M²Γ²)). */
export function breitWignerDensity(s: number, m: number, width: number, sMin: number, sMax: number): number {
  if (s < sMin || s > sMax) return 0;
  const t0 = bwTheta(sMin, m, width);
  const t1 = bwTheta(sMax, m, width);
  const d = s - m * m;
  return (m * width) / ((t1 - t0) * (d * d + m * m * width * width));
}

/**
 * Power-law mapping: density ∝ s^(−ν) on [sMin, sMax] (sMin > 0). For ν = 1 it is the logarithmic
 * map s = sMin (sMax/sMin)^u. Used for the photon propagator 1/s of γ* → ℓℓ (ν ≈ 1).
 */
export function powerSample(u: number, nu: number, sMin: number, sMax: number): number {
  let s: number;
  if (Math.abs(nu - 1) < 1e-9) s = sMin * Math.exp(u * Math.log(sMax / sMin));
  else {
    const a = 1 - nu;
    const lo = sMin ** a;
    const hi = sMax ** a;
    s = (lo + u * (hi - lo)) ** (1 / a);
  }
  return Math.min(Math.max(s, sMin), sMax); // rounding at the interval ends only
}

export function powerInverse(s: number, nu: number, sMin: number, sMax: number): number {
  if (Math.abs(nu - 1) < 1e-9) return Math.log(s / sMin) / Math.log(sMax / sMin);
  const a = 1 - nu;
  const lo = sMin ** a;
  const hi = sMax ** a;
  return (s ** a - lo) / (hi - lo);
}

export function powerDensity(s: number, nu: number, sMin: number, sMax: number): number {
  if (s < sMin || s > sMax) return 0;
  if (Math.abs(nu - 1) < 1e-9) return 1 / (s * Math.log(sMax / sMin));
  const a = 1 - nu;
  return (a * s ** -nu) / (sMax ** a - sMin ** a);
}

/** Flat mapping s = sMin + u (sMax − sMin). */
export function uniformSample(u: number, sMin: number, sMax: number): number {
  return sMin + u * (sMax - sMin);
}

/**
 * Narrow-width factor of an on-shell resonance: ∫ ds / ((s − M²)² + M²Γ²) = π / (MΓ) over the whole
 * real line (the narrow-width approximation; e.g. Berdine, Kauer & Rainwater, PRL 99 (2007) 111601,
 * eq. 1). The phase-space measure ds / (2π) of the intermediate state contributes a further 1/(2π).
 */
export function narrowWidthFactor(m: number, width: number): number {
  return Math.PI / (m * width);
}

/**
 * Collinear momentum fractions from (τ, y): x₁ = √τ e^y, x₂ = √τ e^(−y), with dx₁ dx₂ = dτ dy
 * (Jacobian 1). The rapidity of the partonic system is uniform on [½ ln τ, −½ ln τ]; `uy` ∈ [0, 1)
 * gives y, and `out[o]`, `out[o+1]` receive x₁, x₂. Returns the y-range length ln(1/τ) (the
 * Jacobian dy/du_y).
 */
export function collinearFractions(tau: number, uy: number, out: Float64Array, o: number): number {
  const yMax = -0.5 * Math.log(tau);
  const y = yMax * (2 * uy - 1);
  const r = Math.sqrt(tau);
  out[o] = r * Math.exp(y);
  out[o + 1] = r * Math.exp(-y);
  return 2 * yMax;
}
