/**
 * Final-state radiation for the hadron proxies: a simple pT-ordered, angular-limited time-like
 * shower of each final parton on its own ("independent jets"), before fragmentation.
 *
 * A parton of momentum P (energy E = |P|, massless) branches a → b c (q → q g, g → g g, g → q q̄)
 * with b carrying the fraction z of |P| and a relative transverse momentum k ⊥ P of size pT:
 *   dP = (α_s(pT)/2π) (dpT²/pT²) dz P_{a→bc}(z),
 * with the DGLAP kernels C_F(1 + z²)/(1 − z), C_A(1 − z(1 − z))²/(z(1 − z)) (the 1/2 for identical
 * gluons taken into account by using C_A instead of 2C_A), n_f T_R(z² + (1 − z)²) with n_f = 5
 * (Altarelli & Parisi, Nucl. Phys. B126 (1977) 298; time-like showers as in Sjöstrand & Skands,
 * Eur. Phys. J. C39 (2005) 129, Sec. 3). The emission angle θ ≈ pT/(z(1 − z)E) is limited to
 * θ < θ_max (coherence inside the jet cone, default 1 rad), i.e. z(1 − z) ≥ pT/(E θ_max). The
 * evolution starts at pT_max = E θ_max/4 (the largest pT with z = 1/2) — or at the parton's own
 * production pT for ISR partons, whichever is smaller — and stops at pT_min; daughters continue
 * from the branching pT (ordering). α_s is the shower coupling (coupling.ts) with the veto
 * algorithm: overestimate ᾱ(pT) × (colour-factor bound) × g(z), as in isr.ts.
 *
 * Kinematics: b = zP + k, c = (1 − z)P − k (both massless, energies = |p|): the three-momentum of
 * every jet is conserved exactly; the energy is not (the mother would need a virtuality), which is
 * the same approximation the independent fragmentation makes (fragment.ts). Recoil between jets and
 * colour coherence across jets are not modelled. Random numbers: 32-bit uniforms (coupling.ts
 * `uniform32`).
 */

import { orthonormalFrame } from "../core/fourvector.js";
import type { RandomStream } from "../core/rng.js";
import { type ShowerCoupling, uniform32 } from "./coupling.js";

/** Scratch frame (e₁, e₂) around a parton axis (fourvector.ts `orthonormalFrame`). */
const FRAME = new Float64Array(6);

const C_F = 4 / 3;
const C_A = 3;
const T_R = 0.5;
const NF = 5;
const TWO_PI = 2 * Math.PI;

/** Output list of final partons (struct of arrays, grown on demand). */
export class PartonList {
  n = 0;
  id = new Int32Array(32);
  px = new Float64Array(32);
  py = new Float64Array(32);
  pz = new Float64Array(32);
  /** pT scale from which each parton may still radiate. */
  scale = new Float64Array(32);

  clear(): void {
    this.n = 0;
  }

  push(id: number, px: number, py: number, pz: number, scale: number): void {
    if (this.n >= this.id.length) {
      const c = this.id.length * 2;
      const gi = new Int32Array(c);
      gi.set(this.id);
      this.id = gi;
      for (const k of ["px", "py", "pz", "scale"] as const) {
        const g = new Float64Array(c);
        g.set(this[k]);
        this[k] = g;
      }
    }
    const i = this.n++;
    this.id[i] = id;
    this.px[i] = px;
    this.py[i] = py;
    this.pz[i] = pz;
    this.scale[i] = scale;
  }
}

export interface FsrStats {
  trials: number;
  emissions: number;
}

/**
 * Showers one parton (id, three-momentum, start scale) into `out` (final partons after the
 * cascade). Uses a work stack inside `out`: partons are appended and processed in order.
 */
export function showerFinalParton(
  id: number,
  px: number,
  py: number,
  pz: number,
  startScale: number,
  coupling: ShowerCoupling,
  pTmin: number,
  thetaMax: number,
  rng: RandomStream,
  out: PartonList,
  stats: FsrStats,
): void {
  const first = out.n;
  out.push(id, px, py, pz, startScale);
  const lam2 = coupling.lambda2;
  const b0 = coupling.b0;
  // Process partons in order; a branching replaces entry i by daughter b and appends c.
  for (let i = first; i < out.n; i++) {
    let guard = 0;
    while (guard++ < 1000) {
      const qx = out.px[i]!;
      const qy = out.py[i]!;
      const qz = out.pz[i]!;
      const E = Math.sqrt(qx * qx + qy * qy + qz * qz);
      const q = out.id[i]!;
      const pMax = Math.min(out.scale[i]!, (E * thetaMax) / 4);
      if (!(pMax > pTmin)) break;
      // z range at the cutoff (largest): z(1 − z) ≥ pTmin/(E θmax).
      const a = pTmin / (E * thetaMax);
      if (!(a < 0.25)) break;
      const zLo = 0.5 * (1 - Math.sqrt(1 - 4 * a));
      const zHi = 1 - zLo;
      const L = Math.log(zHi / zLo); // ∫ dz/z = ∫ dz/(1 − z) over [zLo, zHi]
      // Overestimates: quark: 2C_F/(1 − z); gluon: C_A(1/z + 1/(1 − z)) + n_f T_R.
      const gluon = q === 21;
      const cQ = gluon ? 0 : 2 * C_F * L;
      const cG1 = gluon ? C_A * 2 * L : 0;
      const cG2 = gluon ? NF * T_R * (zHi - zLo) : 0;
      const kTot = cQ + cG1 + cG2;
      const expo = (TWO_PI * b0) / kTot;
      // Trial pT² in ℓ = ln(pT²/Λ̂²) (coupling.ts): ℓ → ℓ u^expo, ᾱ(pT) = 1/(b₀ℓ).
      let ell = Math.log((pMax * pMax) / lam2);
      const ellMin = Math.log((pTmin * pTmin) / lam2);
      let done = true;
      while (true) {
        ell *= Math.exp(expo * Math.log(uniform32(rng))); // u^expo
        if (!(ell > ellMin)) break;
        const pT2 = lam2 * Math.exp(ell);
        stats.trials++;
        const pT = Math.sqrt(pT2);
        const aNow = pT / (E * thetaMax);
        if (!(aNow < 0.25)) continue;
        // Channel ∝ its integral; the uniform's position inside the channel samples z (and the
        // g → g half, the g → q q̄ flavour): each remainder is uniform and independent.
        let r = uniform32(rng) * kTot;
        let z: number;
        let w: number;
        let idB: number;
        let idC: number;
        if (r < cQ) {
          z = 1 - (1 - zLo) * Math.exp((-L * r) / cQ); // (1 − zHi)/(1 − zLo) = zLo/zHi
          w = (1 + z * z) / 2; // C_F(1 + z²)/(1 − z) over 2C_F/(1 − z)
          idB = q;
          idC = 21;
        } else if (r < cQ + cG1) {
          const v = (2 * (r - cQ)) / cG1; // in [0, 2): the half, then the position inside it
          z = v < 1 ? zLo * Math.exp(L * v) : 1 - (1 - zLo) * Math.exp(-L * (v - 1));
          const t = 1 - z * (1 - z);
          w = (t * t) / (z * (1 - z)) / (1 / z + 1 / (1 - z)); // C_A(…)/(z(1−z)) over C_A(1/z + 1/(1 − z))
          idB = 21;
          idC = 21;
        } else {
          r = Math.min(((r - cQ - cG1) / cG2) * NF, NF - 1e-9); // in [0, NF): flavour, then z
          const f = 1 + Math.floor(r);
          z = zLo + (zHi - zLo) * (r - f + 1);
          w = z * z + (1 - z) * (1 - z);
          idB = f;
          idC = -f;
        }
        if (z * (1 - z) < aNow) continue;
        w *= coupling.alpha(pT) * b0 * ell; // α_s/ᾱ
        if (uniform32(rng) >= w) continue;
        // Branch: b = zP + k, c = (1 − z)P − k with |k| = pT ⊥ P.
        const ax = qx / E;
        const ay = qy / E;
        const az = qz / E;
        orthonormalFrame(ax, ay, az, FRAME);
        const e1x = FRAME[0]!;
        const e1y = FRAME[1]!;
        const e1z = FRAME[2]!;
        const e2x = FRAME[3]!;
        const e2y = FRAME[4]!;
        const e2z = FRAME[5]!;
        const ph = TWO_PI * uniform32(rng);
        const kx = pT * (Math.cos(ph) * e1x + Math.sin(ph) * e2x);
        const ky = pT * (Math.cos(ph) * e1y + Math.sin(ph) * e2y);
        const kz = pT * (Math.cos(ph) * e1z + Math.sin(ph) * e2z);
        out.push(idC, (1 - z) * qx - kx, (1 - z) * qy - ky, (1 - z) * qz - kz, pT);
        out.id[i] = idB;
        out.px[i] = z * qx + kx;
        out.py[i] = z * qy + ky;
        out.pz[i] = z * qz + kz;
        out.scale[i] = pT;
        stats.emissions++;
        done = false;
        break;
      }
      if (done) break;
    }
  }
}
