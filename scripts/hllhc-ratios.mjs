#!/usr/bin/env node
// Ratio σ(14 TeV)/σ(13 TeV) for inclusive W and Z production at LO in the narrow-width
// approximation with the embedded PDF set, μ_F = m_V: the quark-luminosity ratio that
// data/scenarios/hllhc.yaml uses for the HL-LHC rescaling (paper Sec. VI), assuming the
// higher-order k-factor is the same at both energies.
//   σ(pp → V) ∝ Σ_{q q̄′} c_{qq̄′} τ ∫ dy [f_q(x1) f_q̄′(x2) + (1 ↔ 2)],  τ = m_V²/s, x1,2 = √τ e^{±y}
// (narrow-width LO Drell–Yan, e.g. R. K. Ellis, W. J. Stirling, B. R. Webber, "QCD and collider
// physics", eq. 9.19). Coupling weights c: |V_ij|² for W; v_q² + a_q² for Z.
// Usage: npm run build && node scripts/hllhc-ratios.mjs
import { CKM_ABS, M_W, M_Z, SIN2_THETA_W_MSBAR } from "../dist/core/constants.js";
import { loadPdfSet } from "../dist/pdf/index.js";

const pdf = loadPdfSet();
const up = [2, 4]; // u, c (t excluded)
const down = [1, 3, 5];

function luminositySum(sqrtS, mV, weight) {
  const tau = (mV * mV) / (sqrtS * sqrtS);
  const yMax = -0.5 * Math.log(tau);
  const n = 4000;
  let sum = 0;
  const a = new Float64Array(14);
  const b = new Float64Array(14);
  for (let i = 0; i < n; i++) {
    const y = -yMax + ((i + 0.5) * 2 * yMax) / n;
    const x1 = Math.sqrt(tau) * Math.exp(y);
    const x2 = Math.sqrt(tau) * Math.exp(-y);
    pdf.xfxQAll(x1, mV, a);
    pdf.xfxQAll(x2, mV, b);
    sum += (weight(a, b) / (x1 * x2)) * ((2 * yMax) / n);
  }
  return tau * sum;
}

const wWeight = (a, b) => {
  let s = 0;
  for (const [iu, u] of up.entries()) {
    for (const [id, d] of down.entries()) {
      const v2 = CKM_ABS[iu][id] ** 2;
      // u d̄ and d̄ u (W+), d ū and ū d (W−)
      s += v2 * (a[u + 6] * b[-d + 6] + a[-d + 6] * b[u + 6] + a[d + 6] * b[-u + 6] + a[-u + 6] * b[d + 6]);
    }
  }
  return s;
};
const zWeight = (a, b) => {
  let s = 0;
  for (let q = 1; q <= 5; q++) {
    const t3 = q % 2 === 0 ? 0.5 : -0.5;
    const charge = q % 2 === 0 ? 2 / 3 : -1 / 3;
    const v = t3 - 2 * charge * SIN2_THETA_W_MSBAR;
    const c = v * v + t3 * t3;
    s += c * (a[q + 6] * b[-q + 6] + a[-q + 6] * b[q + 6]);
  }
  return s;
};

const w = luminositySum(14000, M_W, wWeight) / luminositySum(13000, M_W, wWeight);
const z = luminositySum(14000, M_Z, zWeight) / luminositySum(13000, M_Z, zWeight);
// σ = C_V τ ∫ dy f f with C_V independent of s (σ̂ ∝ δ(ŝ − m_V²), dx1 dx2 = dτ dy), so the ratio of
// the τ∫… sums is the ratio of cross sections.
console.log(JSON.stringify({ pdf: pdf.name, ratioW: Number(w.toFixed(4)), ratioZ: Number(z.toFixed(4)) }));
