/**
 * Hadron proxies for charged H_T: independent fragmentation of each final parton.
 *
 * Model (R. D. Field and R. P. Feynman, Nucl. Phys. B136 (1978) 1): a parton of light-cone
 * momentum W = E + |p| emits a primary hadron carrying the fraction z of the remaining W drawn
 * from f(z) = 1 − a + 3a(1 − z)² (FF: a = 0.77) and carries on with (1 − z)W, until the remaining
 * W drops below W_min. Hadrons are pion proxies: each is π⁺, π⁻ or π⁰ with probability 1/3 each
 * (isospin symmetry, so charged : all = 2/3, the brief's charge ratio; the flavour chain and local
 * charge conservation are not followed, and secondary decays of η, ρ, ω… that turn neutral
 * primaries into charged pions are not modelled), with pion masses (PDG 2024). Each hadron gets a
 * transverse momentum relative to the
 * parton axis with a Gaussian of width σ per component, and E, p_L from its light-cone share:
 * p_L = (W_h − m_T²/W_h)/2, E = (W_h + m_T²/W_h)/2.
 *
 * Gluons split collinearly into q q̄ with the energy share z drawn from
 * T_R(z² + (1 − z)²), each fragmenting independently (P. Hoyer et al., Nucl. Phys. B161 (1979)
 * 349; A. Ali et al., Phys. Lett. B93 (1980) 155). Heavy quarks (c, b) fragment by the same chain
 * (the heavy hadron's harder spectrum, e.g. Peterson et al. Phys. Rev. D27 (1983) 105, is not
 * modelled: its decay products would be softer, so H_T from b jets is somewhat overestimated).
 *
 * Momentum conservation: independent fragmentation does not conserve four-momentum. After the
 * chain the hadrons' momenta along the parton axis are rescaled so that they add up to |p| of the
 * parton, and the summed transverse momentum is subtracted equally from every hadron: each jet's
 * three-momentum is then exactly the parton's; its energy exceeds the parton energy by the hadron
 * masses' share, Σ m_T²/(2E_h) (a few per cent of a soft jet). A parton too soft to start the
 * chain (W < W_min) becomes one pion with the parton's three-momentum.
 *
 * Neglected: underlying event (multiple parton interactions, beam remnants), pile-up, final-state
 * gluon radiation inside jets, resonance decays. `htScale` multiplies H_T to stand in for them.
 */

import { orthonormalFrame } from "../core/fourvector.js";
import type { RandomStream } from "../core/rng.js";
import { uniform32 } from "./coupling.js";

/** Scratch frame (e₁, e₂) around a parton axis (fourvector.ts `orthonormalFrame`). */
const FRAME = new Float64Array(6);

export const M_PI_CHARGED = 0.13957039; // PDG 2024
export const M_PI_ZERO = 0.1349768; // PDG 2024

/** Quark charges in units of e/3 for |id| = 1..5 (d, u, s, c, b). */
const CHARGE3 = [0, -1, 2, -1, 2, -1];

export interface FragmentParams {
  ffA: number;
  sigmaPt: number;
  wMin: number;
}

/** Output buffer of hadrons (struct of arrays, grown on demand). */
export class HadronBuffer {
  n = 0;
  pdg = new Int32Array(64);
  E = new Float64Array(64);
  px = new Float64Array(64);
  py = new Float64Array(64);
  pz = new Float64Array(64);
  m = new Float64Array(64);
  /** Index of the parton (in the caller's numbering) each hadron came from. */
  parent = new Int32Array(64);

  clear(): void {
    this.n = 0;
  }

  private grow(): void {
    const c = this.pdg.length * 2;
    const g = <T extends Int32Array | Float64Array>(a: T, ctor: new (n: number) => T): T => {
      const b = new ctor(c);
      b.set(a);
      return b;
    };
    this.pdg = g(this.pdg, Int32Array);
    this.E = g(this.E, Float64Array);
    this.px = g(this.px, Float64Array);
    this.py = g(this.py, Float64Array);
    this.pz = g(this.pz, Float64Array);
    this.m = g(this.m, Float64Array);
    this.parent = g(this.parent, Int32Array);
  }

  push(pdg: number, mass: number, pL: number, ptA: number, ptB: number, parent: number): void {
    if (this.n >= this.pdg.length) this.grow();
    const i = this.n++;
    this.pdg[i] = pdg;
    this.m[i] = mass;
    // Temporarily store the momentum in the jet frame (pL along the axis, two transverse components).
    this.pz[i] = pL;
    this.px[i] = ptA;
    this.py[i] = ptB;
    this.E[i] = 0;
    this.parent[i] = parent;
  }
}

/** Samples z from f(z) = 1 − a + 3a(1 − z)²: a mixture of a flat and a 3(1 − z)² density. */
export function sampleFieldFeynmanZ(a: number, rng: RandomStream): number {
  if (rng.uniform() < a) return 1 - Math.cbrt(rng.uniformOpen());
  return rng.uniformOpen();
}

/**
 * The same f(z) from one uniform u ∈ [0, 1) (the twin of `sampleFieldFeynmanZ`, which draws two):
 * u < a selects the 3(1 − z)² component and u/a is then uniform on [0, 1), else (u − a)/(1 − a) is;
 * each is inverted as in `sampleFieldFeynmanZ` (1 − ∛v, resp. v). The zero-probability v = 0
 * (z = 1 or 0) is redrawn from `rng`.
 */
export function fieldFeynmanZFromUniform(u: number, a: number, rng: RandomStream): number {
  if (u < a) {
    const v = u / a;
    return 1 - Math.cbrt(v > 0 ? v : rng.uniformOpen());
  }
  const v = (u - a) / (1 - a);
  return v > 0 ? v : rng.uniformOpen();
}

/**
 * Runs one Field–Feynman chain of light-cone momentum W along the jet axis; pushes pion proxies
 * with (pL, two pT components) in the jet frame.
 *
 * Random numbers per hadron (32-bit uniforms, coupling.ts `uniform32`): one uniform U gives the
 * charge (⌊3U⌋: π⁺, π⁻, π⁰) and, from its remainder 3U − ⌊3U⌋ (uniform on [0, 1) and independent
 * of ⌊3U⌋), z; the two Gaussian pT components come from one pair of the Marsaglia polar method
 * (Marsaglia & Bray, SIAM Rev. 6 (1964) 260). A hadron that cannot be formed even without pT (z W ≤ m) ends the chain before its pT is
 * drawn (with pT it could not be formed either).
 */
function chain(W0: number, p: FragmentParams, rng: RandomStream, out: HadronBuffer, parent: number): void {
  let W = W0;
  const a = p.ffA;
  const sigma = p.sigmaPt;
  while (W > p.wMin) {
    let u = uniform32(rng) * 3;
    const c = Math.floor(u);
    u -= c;
    const pdg = c === 0 ? 211 : c === 1 ? -211 : 111;
    const mass = pdg === 111 ? M_PI_ZERO : M_PI_CHARGED;
    const z = fieldFeynmanZFromUniform(u, a, rng);
    const wh = z * W;
    // Not enough light-cone momentum left for this hadron: the chain ends.
    if (wh * wh <= mass * mass) break;
    let g1: number;
    let g2: number;
    let s: number;
    do {
      g1 = 2 * uniform32(rng) - 1;
      g2 = 2 * uniform32(rng) - 1;
      s = g1 * g1 + g2 * g2;
    } while (s >= 1 || s === 0);
    const f = sigma * Math.sqrt((-2 * Math.log(s)) / s);
    const ptA = g1 * f;
    const ptB = g2 * f;
    const mt2 = mass * mass + ptA * ptA + ptB * ptB;
    if (wh * wh <= mt2) break;
    out.push(pdg, mass, 0.5 * (wh - mt2 / wh), ptA, ptB, parent);
    W -= wh;
  }
}

/**
 * Fragments one massless-or-massive parton (id, momentum) into hadrons appended to `out`,
 * conserving its three-momentum (see header). Returns the number of hadrons produced.
 */
export function fragmentParton(
  id: number,
  E: number,
  px: number,
  py: number,
  pz: number,
  p: FragmentParams,
  rng: RandomStream,
  out: HadronBuffer,
  parent: number,
): number {
  const start = out.n;
  const pAbs = Math.sqrt(px * px + py * py + pz * pz);
  if (!(pAbs > 0)) return 0;
  const W = E + pAbs;
  if (id === 21) {
    // g → q q̄ collinear, energy share from T_R(z² + (1 − z)²) by hit-or-miss (max 1).
    let z = 0.5;
    for (let t = 0; t < 100; t++) {
      z = uniform32(rng);
      if (uniform32(rng) < z * z + (1 - z) * (1 - z)) break;
    }
    chain(z * W, p, rng, out, parent);
    chain((1 - z) * W, p, rng, out, parent);
  } else {
    chain(W, p, rng, out, parent);
  }
  let n = out.n - start;
  if (n === 0) {
    if (E < M_PI_CHARGED) return 0;
    // One pion; its charge from the parton (a quark's charge sign, neutral for a gluon).
    const c3 = id === 21 ? 0 : CHARGE3[Math.min(Math.abs(id), 5)]! * Math.sign(id);
    const pdg = c3 > 0 ? 211 : c3 < 0 ? -211 : 111;
    out.push(pdg, pdg === 111 ? M_PI_ZERO : M_PI_CHARGED, pAbs, 0, 0, parent);
    n = 1;
  }
  // Conserve the parton's three-momentum: scale pL, remove the summed transverse momentum.
  let sumL = 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = start; i < out.n; i++) {
    sumL += out.pz[i]!;
    sumA += out.px[i]!;
    sumB += out.py[i]!;
  }
  const scale = pAbs / sumL;
  const dA = sumA / n;
  const dB = sumB / n;
  // Orthonormal frame (e1, e2, axis) around the parton direction.
  const ax = px / pAbs;
  const ay = py / pAbs;
  const az = pz / pAbs;
  orthonormalFrame(ax, ay, az, FRAME);
  const e1x = FRAME[0]!;
  const e1y = FRAME[1]!;
  const e1z = FRAME[2]!;
  const e2x = FRAME[3]!;
  const e2y = FRAME[4]!;
  const e2z = FRAME[5]!;
  for (let i = start; i < out.n; i++) {
    const pl = out.pz[i]! * scale;
    const a = out.px[i]! - dA;
    const b = out.py[i]! - dB;
    const hx = pl * ax + a * e1x + b * e2x;
    const hy = pl * ay + a * e1y + b * e2y;
    const hz = pl * az + a * e1z + b * e2z;
    const m = out.m[i]!;
    out.px[i] = hx;
    out.py[i] = hy;
    out.pz[i] = hz;
    out.E[i] = Math.sqrt(hx * hx + hy * hy + hz * hz + m * m);
  }
  return n;
}
