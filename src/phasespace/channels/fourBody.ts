/**
 * Phase-space channels for 2 → 4 processes P(√ŝ) → 4 particles, written as chains of two-body
 * decays with two intermediate invariant masses (PDG 2024 "Kinematics", eq. 49.21 recursion:
 * dΦ₄ = dΦ₂ dm₁²/(2π) dΦ₂ dm₂²/(2π) dΦ₂).
 *
 * Topologies (particle slots 0 … 3 are the final-state particles):
 * - "sequential": P → a + R₁, R₁ → b + R₂, R₂ → c + d (final-state radiation ℓ* → ℓ γ*, γ* → ℓ′ℓ′);
 * - "double":     P → R₁ + R₂, R₁ → a + b, R₂ → c + d (W γ*, W Z).
 * Each intermediate mass² has a mapping: a Breit–Wigner (tan map) for W/Z, or a power law in
 * s − shift (shift = m² of an on-shell particle for the 1/(s − m²) of a radiating lepton; shift 0,
 * ν = 1 for the 1/s of a γ*) — phasespace/mappings.ts. Unit-cube layout (8 numbers): u[0] = m₁²,
 * u[1] = m₂², u[2 … 7] = (cos θ*, φ*) of the three decays.
 */
import { twoBodyDecay } from "../decay.js";
import {
  breitWignerDensity,
  breitWignerSample,
  powerDensity,
  powerSample,
  uniformSample,
} from "../mappings.js";

export type MassMap =
  | { kind: "bw"; m: number; width: number }
  | { kind: "power"; nu: number; shift: number }
  | { kind: "flat" };

export interface FourBodyChannel {
  readonly topology: "sequential" | "double";
  /** Final-state slots: sequential [a, b, c, d]; double [a, b] from R₁ and [c, d] from R₂. */
  readonly order: readonly [number, number, number, number];
  readonly map1: MassMap;
  readonly map2: MassMap;
  /** Lower limit on m₂² (e.g. the m(SFOS) generation cut squared); max'ed with the threshold. */
  readonly s2Min: number;
  /** Lower limit on m₁² of the "double" topology (e.g. a second SFOS pair); default 0. */
  readonly s1Min?: number;
}

/** Samples s ∈ [sMin, sMax] with map `m` from u; NaN-free for sMin < sMax. */
export function sampleMass(m: MassMap, u: number, sMin: number, sMax: number): number {
  if (m.kind === "bw") return breitWignerSample(u, m.m, m.width, sMin, sMax);
  if (m.kind === "power") return m.shift + powerSample(u, m.nu, sMin - m.shift, sMax - m.shift);
  return uniformSample(u, sMin, sMax);
}

/** Density of s under map `m` on [sMin, sMax]. */
export function massDensity(m: MassMap, s: number, sMin: number, sMax: number): number {
  if (m.kind === "bw") return breitWignerDensity(s, m.m, m.width, sMin, sMax);
  if (m.kind === "power") return powerDensity(s - m.shift, m.nu, sMin - m.shift, sMax - m.shift);
  return s >= sMin && s <= sMax ? 1 / (sMax - sMin) : 0;
}

const INV_2PI = 1 / (2 * Math.PI);

/**
 * Generates the four final-state momenta of channel `ch` from u[uo … uo+8) in the frame where the
 * parent P has momentum p[po … po+4) (mass √s), writing particle slot k at p[outOff[k]], with scratch
 * slots at p[r1Off], p[r2Off] for R₁, R₂. Masses of the slots in `masses`. Returns the phase-space
 * weight dΦ₄ / d⁸u (0 outside the kinematic limits).
 */
export function generateFourBody(
  ch: FourBodyChannel,
  p: Float64Array,
  po: number,
  s: number,
  masses: Float64Array,
  u: Float64Array,
  uo: number,
  outOff: readonly number[],
  r1Off: number,
  r2Off: number,
): number {
  const [a, b, c, d] = ch.order;
  const ma = masses[a]!;
  const mb = masses[b]!;
  const mc = masses[c]!;
  const md = masses[d]!;
  const rs = Math.sqrt(s);
  if (ch.topology === "sequential") {
    // R₂ ∈ [max(s2Min, (mc+md)²), (√R₁ − mb)²], R₁ ∈ [(mb + √R₂min)², (√s − ma)²].
    const s2Lo = Math.max(ch.s2Min, (mc + md) * (mc + md));
    const s1Lo = (mb + Math.sqrt(s2Lo)) ** 2;
    const s1Hi = (rs - ma) ** 2;
    if (!(s1Hi > s1Lo)) return 0;
    const s1 = sampleMass(ch.map1, u[uo]!, s1Lo, s1Hi);
    const g1 = massDensity(ch.map1, s1, s1Lo, s1Hi);
    const s2Hi = (Math.sqrt(s1) - mb) ** 2;
    if (!(s2Hi > s2Lo) || !(g1 > 0)) return 0;
    const s2 = sampleMass(ch.map2, u[uo + 1]!, s2Lo, s2Hi);
    const g2 = massDensity(ch.map2, s2, s2Lo, s2Hi);
    if (!(g2 > 0)) return 0;
    const m1 = Math.sqrt(s1);
    const m2 = Math.sqrt(s2);
    const w1 = twoBodyDecay(p, po, rs, ma, m1, u[uo + 2]!, u[uo + 3]!, outOff[a]!, r1Off);
    if (w1 === 0) return 0;
    const w2 = twoBodyDecay(p, r1Off, m1, mb, m2, u[uo + 4]!, u[uo + 5]!, outOff[b]!, r2Off);
    if (w2 === 0) return 0;
    const w3 = twoBodyDecay(p, r2Off, m2, mc, md, u[uo + 6]!, u[uo + 7]!, outOff[c]!, outOff[d]!);
    if (w3 === 0) return 0;
    return (w1 * w2 * w3 * INV_2PI * INV_2PI) / (g1 * g2);
  }
  // Double: R₂ ∈ [max(s2Min, (mc+md)²), (√s − ma − mb)²], then R₁ ∈ [(ma+mb)², (√s − √R₂)²].
  const s2Lo = Math.max(ch.s2Min, (mc + md) * (mc + md));
  const s1Floor = Math.sqrt(Math.max(ch.s1Min ?? 0, (ma + mb) * (ma + mb)));
  const s2Hi = (rs - s1Floor) ** 2;
  if (!(s2Hi > s2Lo)) return 0;
  const s2 = sampleMass(ch.map2, u[uo + 1]!, s2Lo, s2Hi);
  const g2 = massDensity(ch.map2, s2, s2Lo, s2Hi);
  const m2 = Math.sqrt(s2);
  const s1Lo = Math.max(ch.s1Min ?? 0, (ma + mb) * (ma + mb));
  const s1Hi = (rs - m2) ** 2;
  if (!(s1Hi > s1Lo) || !(g2 > 0)) return 0;
  const s1 = sampleMass(ch.map1, u[uo]!, s1Lo, s1Hi);
  const g1 = massDensity(ch.map1, s1, s1Lo, s1Hi);
  if (!(g1 > 0)) return 0;
  const m1 = Math.sqrt(s1);
  const w1 = twoBodyDecay(p, po, rs, m1, m2, u[uo + 2]!, u[uo + 3]!, r1Off, r2Off);
  if (w1 === 0) return 0;
  const w2 = twoBodyDecay(p, r1Off, m1, ma, mb, u[uo + 4]!, u[uo + 5]!, outOff[a]!, outOff[b]!);
  if (w2 === 0) return 0;
  const w3 = twoBodyDecay(p, r2Off, m2, mc, md, u[uo + 6]!, u[uo + 7]!, outOff[c]!, outOff[d]!);
  if (w3 === 0) return 0;
  return (w1 * w2 * w3 * INV_2PI * INV_2PI) / (g1 * g2);
}
