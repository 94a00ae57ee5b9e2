/**
 * Independent references for the generator: the analytic LO q q̄′ → W → ℓν squared matrix element
 * and a deterministic quadrature of σ(pp → W → ℓν) over the PDFs.
 *
 * |M|² (massless fermions, spin- and colour-averaged), for u(p₁) d̄(p₂) → ℓ⁺(p₃) ν(p₄):
 *   |M|² = g⁴ |V_ud|² (p₁·p₃)(p₂·p₄) / (3 [(ŝ − m_W²)² + m_W²Γ_W²]),
 * from the V−A trace Σ|ū γ^μ(1−γ⁵) v ū γ_μ(1−γ⁵) v|² = 256 (p·p)(p·p) (as for muon decay, e.g.
 * Halzen & Martin, "Quarks and Leptons" (1984), eq. 12.21) with vertex factors g/(2√2) and
 * averaging 1/4 (spins) × 1/3 (colours). The CP conjugate d ū → ℓ⁻ ν̄ has (p_d·p_ν̄)(p_ū·p_ℓ).
 * Integrated: σ̂ = |V|² g⁴ ŝ / (576π [(ŝ − m_W²)² + m_W²Γ_W²]) = (|V|²/3)(G_F² m_W⁴/6π) ŝ / […]
 * (Ellis, Stirling & Webber, "QCD and Collider Physics" (1996), Sec. 9.2, Breit–Wigner form).
 */
import { CKM_ABS } from "../core/constants.js";
import type { MatrixElementLike, PartonDensities, ScaleChoice } from "./types.js";

export interface WCouplings {
  gW: number;
  mW: number;
  widthW: number;
}

/**
 * Analytic |M|² for u d̄ → ℓ⁺ ν (charge +1; legs [2, −1, −ℓ, ν]) or d ū → ℓ⁻ ν̄ (charge −1; legs
 * [1, −2, ℓ, −ν]) with |V| = 1 (the CKM factor is applied by the caller's luminosity).
 */
export function analyticWLnuMatrixElement(
  charge: 1 | -1,
  leptonPdg: 11 | 13,
  c: WCouplings,
): MatrixElementLike {
  const g4 = c.gW ** 4;
  const m2 = c.mW * c.mW;
  const mg2 = m2 * c.widthW * c.widthW;
  const pdgIds =
    charge === 1
      ? Int32Array.from([2, -1, -leptonPdg, leptonPdg + 1])
      : Int32Array.from([1, -2, leptonPdg, -(leptonPdg + 1)]);
  return {
    name: `analytic ${charge === 1 ? "u d~ > l+ vl" : "d u~ > l- vl~"}`,
    pdgIds,
    masses: new Float64Array(4),
    evaluate(p: Float64Array): number {
      const dot = (a: number, b: number): number =>
        p[4 * a]! * p[4 * b]! -
        p[4 * a + 1]! * p[4 * b + 1]! -
        p[4 * a + 2]! * p[4 * b + 2]! -
        p[4 * a + 3]! * p[4 * b + 3]!;
      const s = 2 * dot(0, 1);
      const d = (s - m2) * (s - m2) + mg2;
      // W⁺: (p_u·p_ℓ⁺)(p_d̄·p_ν); W⁻: (p_d·p_ν̄)(p_ū·p_ℓ⁻) — leg 0 is the quark, leg 1 the antiquark.
      const num = charge === 1 ? dot(0, 2) * dot(1, 3) : dot(0, 3) * dot(1, 2);
      return (g4 * num) / (3 * d);
    },
  };
}

/** σ̂(q q̄′ → W → ℓν) in GeV⁻² for |V| = 1 (header formula). */
export function sigmaHatWLnu(s: number, c: WCouplings): number {
  const d = (s - c.mW * c.mW) ** 2 + c.mW * c.mW * c.widthW * c.widthW;
  return (c.gW ** 4 * s) / (576 * Math.PI * d);
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton iteration on P_n; Abramowitz & Stegun 25.4.29). */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

/**
 * σ(pp → W^± → ℓν) in pb by deterministic quadrature: ∫ dŝ/S ∫ dy Σ_ij |V_ij|² fᵢ(x₁) f̄ⱼ(x₂) σ̂(ŝ)
 * (both orientations), with ŝ through the Breit–Wigner angle and composite Gauss–Legendre rules.
 * Independent of the generator's phase space, mappings, VEGAS and matrix-element code.
 */
export function sigmaWLnuQuadrature(o: {
  pdf: PartonDensities;
  sqrtS: number;
  charges: readonly (1 | -1)[];
  couplings: WCouplings;
  mMin: number;
  scale: ScaleChoice;
  gevToPb: number;
  ckm?: readonly (readonly [number, number, number])[];
  panelsS?: number;
  panelsY?: number;
}): number {
  const ckm = o.ckm ?? CKM_ABS;
  const S = o.sqrtS * o.sqrtS;
  const { mW, widthW } = o.couplings;
  const mg = mW * widthW;
  const t0 = Math.atan((o.mMin * o.mMin - mW * mW) / mg);
  const t1 = Math.atan((S - mW * mW) / mg);
  const gl = gaussLegendre(8);
  const nS = o.panelsS ?? 400;
  const nY = o.panelsY ?? 24;
  const f1 = new Float64Array(14);
  const f2 = new Float64Array(14);
  let total = 0;
  for (let ps = 0; ps < nS; ps++) {
    const a = t0 + ((t1 - t0) * ps) / nS;
    const b = t0 + ((t1 - t0) * (ps + 1)) / nS;
    for (let i = 0; i < 8; i++) {
      const t = 0.5 * (a + b) + 0.5 * (b - a) * gl.x[i]!;
      const s = mW * mW + mg * Math.tan(t);
      const dsdt = ((s - mW * mW) ** 2 + mg * mg) / mg;
      const tau = s / S;
      if (tau >= 1) continue;
      const mu = o.scale.kind === "dynamic" ? Math.sqrt(s) : o.scale.kind === "mW" ? mW : o.scale.muGeV;
      const yMax = -0.5 * Math.log(tau);
      let lumi = 0;
      for (let py = 0; py < nY; py++) {
        const ya = -yMax + (2 * yMax * py) / nY;
        const yb = -yMax + (2 * yMax * (py + 1)) / nY;
        for (let j = 0; j < 8; j++) {
          const y = 0.5 * (ya + yb) + 0.5 * (yb - ya) * gl.x[j]!;
          const x1 = Math.sqrt(tau) * Math.exp(y);
          const x2 = Math.sqrt(tau) * Math.exp(-y);
          if (x1 >= 1 || x2 >= 1) continue;
          o.pdf.xfxQAll(x1, mu, f1);
          o.pdf.xfxQAll(x2, mu, f2);
          let l = 0;
          for (const charge of o.charges) {
            for (let u = 0; u < 2; u++) {
              for (let d = 0; d < 3; d++) {
                const v2 = ckm[u]![d]! ** 2;
                const up = 2 * (u + 1);
                const dn = 2 * d + 1;
                const q = charge === 1 ? up : dn;
                const qb = charge === 1 ? -dn : -up;
                l += v2 * (f1[q + 6]! * f2[qb + 6]! + f2[q + 6]! * f1[qb + 6]!);
              }
            }
          }
          lumi += 0.5 * (yb - ya) * gl.w[j]! * l;
        }
      }
      // dx₁dx₂ f f = dτ dy (x₁f)(x₂f)/τ, dτ = dŝ/S.
      total += 0.5 * (b - a) * gl.w[i]! * dsdt * (lumi / (tau * S)) * sigmaHatWLnu(s, o.couplings);
    }
  }
  return total * o.gevToPb;
}

/**
 * Factorised signal |M|² without spin correlations between production and decays:
 * |U_ℓ4|² |M(q q̄′ → ℓ N_D)|² × |M(N_D → ν Z_D)|² × |M(Z_D → ℓ′ℓ′)|², where the production part is the
 * analytic W formula above with N_D in place of ν (the V−A trace is unchanged by the N_D mass: the
 * mass terms drop out between the chiral projectors), and each decay |M|² is the constant
 * 2MΓ_partial / Φ₂ that reproduces the partial width (Γ = (1/2M) ∫|M|² dΦ₂, PDG 2024 eq. 49.18),
 * i.e. isotropic decays. After the narrow-width factors 1/(2MΓ_total) it gives
 * σ(pp → ℓN) BR(N → νZ_D) BR(Z_D → ℓ′ℓ′) exactly; distributions lack the spin correlations.
 * Legs: [q, q̄′, ℓ, ν, ℓ′⁻, ℓ′⁺] with the codes of `signalFinalState`.
 */
export function factorisedSignalMatrixElement(o: {
  charge: 1 | -1;
  leptonPdg: 11 | 13;
  decayLeptonPdg: 11 | 13;
  couplings: WCouplings;
  uSq: number;
  mN: number;
  mZD: number;
  decayLeptonMass: number;
  widthNToNuZD: number;
  widthZDToLL: number;
}): MatrixElementLike {
  const prod = analyticWLnuMatrixElement(o.charge, o.leptonPdg, o.couplings);
  // Φ₂ of the decays (phasespace/decay.ts normalisation |p*|/(4πM)).
  const pStarN = (o.mN * o.mN - o.mZD * o.mZD) / (2 * o.mN);
  const phiN = pStarN / (4 * Math.PI * o.mN);
  const pStarZ = Math.sqrt(Math.max(0, 0.25 * o.mZD * o.mZD - o.decayLeptonMass * o.decayLeptonMass));
  const phiZ = pStarZ / (4 * Math.PI * o.mZD);
  const decN = (2 * o.mN * o.widthNToNuZD) / phiN;
  const decZ = phiZ > 0 ? (2 * o.mZD * o.widthZDToLL) / phiZ : 0;
  const buf = new Float64Array(16);
  const l = o.leptonPdg;
  const dl = o.decayLeptonPdg;
  const fs = [-o.charge * l, o.charge * (l + 1), dl, -dl];
  return {
    name: `factorised ${o.charge === 1 ? "u d~ > l+ N_D" : "d u~ > l- N_D~"}, N_D > nu Z_D, Z_D > l' l'`,
    pdgIds: Int32Array.from([...prod.pdgIds.subarray(0, 2), ...fs]),
    masses: Float64Array.from([0, 0, 0, 0, o.decayLeptonMass, o.decayLeptonMass]),
    evaluate(p: Float64Array): number {
      // N_D momentum = ν + ℓ′⁻ + ℓ′⁺ (legs 3, 4, 5).
      for (let c = 0; c < 8; c++) buf[c] = p[c]!;
      for (let c = 0; c < 4; c++) {
        buf[8 + c] = p[8 + c]!;
        buf[12 + c] = p[12 + c]! + p[16 + c]! + p[20 + c]!;
      }
      return o.uSq * prod.evaluate(buf) * decN * decZ;
    },
  };
}
