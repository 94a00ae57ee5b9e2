/**
 * k-factors of the background processes, as explicit, cited configuration (paper Sec. IV: the Z +
 * soft pair sample "normalized to the NNLO calculation [46–48]", tt̄ to NNLO+NNLL [49, 50]; the W +
 * soft pair sample uses the W k-factor of src/generate/kfactors.ts, like the signal).
 *
 * Z/γ* + soft pair: k = σ_ref(pp → Z/γ* → ℓℓ, 66 < m_ℓℓ < 116 GeV) / σ_LO(dnreach, same settings as
 * the run), with σ_LO from the deterministic quadrature `sigmaDrellYanLO` (so k follows the PDF, scale
 * and electroweak scheme of the run). σ_ref = 1.981 nb: ATLAS, Phys. Lett. B 759 (2016) 601 (the
 * paper's ref. [32]), total σ(Z → ℓℓ) in 66–116 GeV at 13 TeV, whose NNLO QCD + NLO EW predictions
 * (DYNNLO/FEWZ, the NNLO Drell–Yan of Hamberg, van Neerven & Matsuura, Nucl. Phys. B 359 (1991) 343 —
 * the paper's refs. [46–48]) agree with it within the quoted ±3 %. Same convention as the W k-factor.
 *
 * tt̄: σ_NNLO+NNLL(13 TeV) = 831.76 pb, σ(14 TeV) = 984.50 pb for m_t = 172.5 GeV (Top++ v2.0,
 * M. Czakon and A. Mitov, Comput. Phys. Commun. 185 (2014) 2930; Czakon, Fiedler, Mitov, PRL 110
 * (2013) 252004 — the paper's ref. [50]; the values of the LHC Top Working Group).
 */

import { buildModelTable } from "../../amplitudes/modelTable.js";
import { PDG } from "../../core/constants.js";
import { InputError } from "../../core/errors.js";
import { GEV2_PB } from "../../core/units.js";
import type { ElectroweakParameters } from "../../model/electroweak.js";
import type { PartonDensities, ScaleChoice } from "../types.js";

export interface BackgroundKReference {
  sqrtSGeV: number;
  sigmaRefPb: number;
  source: string;
}

export const Z_REFERENCE: readonly BackgroundKReference[] = Object.freeze([
  {
    sqrtSGeV: 13000,
    sigmaRefPb: 1981,
    source:
      "ATLAS, Phys. Lett. B 759 (2016) 601: σ(Z/γ*→ℓℓ, 66<m<116 GeV) = 1.981 nb (agrees with NNLO QCD+NLO EW)",
  },
]);

export const TTBAR_REFERENCE: readonly BackgroundKReference[] = Object.freeze([
  {
    sqrtSGeV: 13000,
    sigmaRefPb: 831.76,
    source:
      "Top++ v2.0 NNLO+NNLL, m_t = 172.5 GeV (Czakon & Mitov, CPC 185 (2014) 2930; PRL 110 (2013) 252004)",
  },
  {
    sqrtSGeV: 14000,
    sigmaRefPb: 984.5,
    source:
      "Top++ v2.0 NNLO+NNLL, m_t = 172.5 GeV (Czakon & Mitov, CPC 185 (2014) 2930; PRL 110 (2013) 252004)",
  },
]);

/** The reference entry at √s (13 TeV; 14 TeV for tt̄); InputError otherwise. */
export function referenceFor(
  table: readonly BackgroundKReference[],
  sqrtSGeV: number,
  what: string,
): BackgroundKReference {
  const e = table.find((k) => Math.abs(k.sqrtSGeV - sqrtSGeV) < 1e-6);
  if (!e) {
    throw new InputError(
      "sqrt-s",
      `${table.map((k) => k.sqrtSGeV).join(" or ")} GeV unless --k-factor is given`,
      sqrtSGeV,
      `no ${what} reference cross section is tabulated at this energy`,
    );
  }
  return e;
}

export interface DrellYanSettings {
  sqrtS: number;
  pdf: PartonDensities;
  scale: ScaleChoice;
  ew: ElectroweakParameters;
  mLoGeV?: number;
  mHiGeV?: number;
  /** Quadrature points in the Breit–Wigner angle and in the rapidity (default 400 × 200). */
  nMass?: number;
  nRapidity?: number;
}

/**
 * σ_LO(p p → γ* or Z → ℓ⁺ℓ⁻) for one massless lepton flavour in m_lo < m_ℓℓ < m_hi, by a midpoint rule in
 * the Breit–Wigner angle θ (s = M² + MΓ tan θ) and in the rapidity.
 * Partonic cross section for massless fermions with chiral couplings (modelTable.ts):
 *   σ̂(q q̄ → ℓℓ) = ŝ/(48π) × (1/3) Σ_{i,j ∈ L,R} |g^γ_{qi} g^γ_{ℓj}/ŝ + g^Z_{qi} g^Z_{ℓj}/(ŝ − M² + iMΓ)|²
 * (helicity amplitudes |M_ij|² = ŝ²|A_ij|²(1 ± cos θ)², averaged 1/4 over spins and 1/3 over colours;
 * e.g. Peskin & Schroeder, "An Introduction to QFT" (1995), Sec. 5.2, with Z exchange added);
 * pure γ gives 4πα²Q_q²/(9ŝ) (Ellis, Stirling & Webber (1996), eq. 9.4).
 */
export function sigmaDrellYanLO(o: DrellYanSettings): number {
  const table = buildModelTable(o.ew);
  const mZ = o.ew.mZ;
  const wZ = o.ew.widthZ;
  const lo = o.mLoGeV ?? 66;
  const hi = o.mHiGeV ?? 116;
  const nM = o.nMass ?? 400;
  const nY = o.nRapidity ?? 200;
  const S = o.sqrtS * o.sqrtS;
  const lA = table.ffv(PDG.e, PDG.e, PDG.gamma);
  const lZ = table.ffv(PDG.e, PDG.e, PDG.Z);
  const partonic = (s: number, q: number): number => {
    const qA = table.ffv(q, q, PDG.gamma);
    const qZ = table.ffv(q, q, PDG.Z);
    const dr = s - mZ * mZ;
    const di = mZ * wZ;
    const den = dr * dr + di * di;
    let sum = 0;
    for (let i = 0; i < 2; i++) {
      const gqa = i === 0 ? qA.gL : qA.gR;
      const gqz = i === 0 ? qZ.gL : qZ.gR;
      for (let j = 0; j < 2; j++) {
        const gla = j === 0 ? lA.gL : lA.gR;
        const glz = j === 0 ? lZ.gL : lZ.gR;
        // A = a/s + z/(dr + i di) = a/s + z (dr − i di)/den
        const re = (gqa * gla) / s + (gqz * glz * dr) / den;
        const im = (-gqz * glz * di) / den;
        sum += re * re + im * im;
      }
    }
    return ((s / (48 * Math.PI)) * sum) / 3;
  };
  const t0 = Math.atan((lo * lo - mZ * mZ) / (mZ * wZ));
  const t1 = Math.atan((hi * hi - mZ * mZ) / (mZ * wZ));
  const f1 = new Float64Array(14);
  const f2 = new Float64Array(14);
  let total = 0;
  for (let a = 0; a < nM; a++) {
    const th = t0 + ((a + 0.5) / nM) * (t1 - t0);
    const s = mZ * mZ + mZ * wZ * Math.tan(th);
    // ds/dθ = MΓ (1 + tan²θ)
    const jac = ((t1 - t0) / nM) * mZ * wZ * (1 + Math.tan(th) ** 2);
    const tau = s / S;
    const yMax = -0.5 * Math.log(tau);
    const mu = o.scale.kind === "dynamic" ? Math.sqrt(s) : o.scale.kind === "mW" ? o.ew.mW : o.scale.muGeV;
    const sUp = partonic(s, PDG.u);
    const sDn = partonic(s, PDG.d);
    let inner = 0;
    for (let b = 0; b < nY; b++) {
      const y = -yMax + ((b + 0.5) / nY) * 2 * yMax;
      const x1 = Math.sqrt(tau) * Math.exp(y);
      const x2 = Math.sqrt(tau) * Math.exp(-y);
      if (x1 >= 1 || x2 >= 1) continue;
      o.pdf.xfxQAll(x1, mu, f1);
      o.pdf.xfxQAll(x2, mu, f2);
      let lum = 0;
      for (const q of [1, 2, 3, 4, 5]) {
        const l = f1[q + 6]! * f2[6 - q]! + f2[q + 6]! * f1[6 - q]!;
        lum += l * (q === 2 || q === 4 ? sUp : sDn);
      }
      inner += lum;
    }
    inner *= (2 * yMax) / nY;
    total += (jac / (S * tau)) * inner;
  }
  return total * GEV2_PB;
}

/** k-factor of the Z/γ* + soft pair sample for the run's settings (see the header). */
export function zKFactor(o: DrellYanSettings): {
  kFactor: number;
  sigmaLOPb: number;
  reference: BackgroundKReference;
} {
  const reference = referenceFor(Z_REFERENCE, o.sqrtS, "Z → ℓℓ");
  const sigmaLOPb = sigmaDrellYanLO(o);
  return { kFactor: reference.sigmaRefPb / sigmaLOPb, sigmaLOPb, reference };
}
