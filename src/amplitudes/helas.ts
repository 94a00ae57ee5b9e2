/**
 * HELAS-style building blocks for tree-level helicity amplitudes.
 *
 * After H. Murayama, I. Watanabe, K. Hagiwara, "HELAS: HELicity Amplitude Subroutines for Feynman
 * diagram evaluations", KEK Report 91-11 (1992), and the conventions of MadGraph's HELAS/ALOHA
 * (chiral Dirac representation, two-component helicity eigenstates). Written afresh for typed
 * arrays; only the physics conventions follow HELAS.
 *
 * Representation (chiral / Weyl, as HELAS):
 *   γ⁰ = [[0, 1], [1, 0]],  γᵏ = [[0, σᵏ], [−σᵏ, 0]],  γ⁵ = diag(−1, −1, 1, 1),
 *   P_L = (1 − γ⁵)/2 projects on the upper two components.
 *
 * A wavefunction is a `Float64Array(12)`: four complex components interleaved (re, im) in [0, 8),
 * then a real four-momentum (E, px, py, pz) in [8, 12). The stored momentum is the one the line
 * *delivers into the vertex where the wavefunction is used* along the fermion-number arrow:
 *   - flow-in spinor ψ (u of an incoming fermion, v of an outgoing antifermion, or an off-shell
 *     fermion produced by `fvi`): momentum flowing into the next vertex along the arrow;
 *   - flow-out spinor ψ̄ (ū of an outgoing fermion, v̄ of an incoming antifermion, or `fvo`):
 *     momentum flowing out of the vertex along the arrow;
 *   - vector ε^μ (contravariant components): momentum flowing into the vertex.
 *
 * Feynman rules (all factors of i kept, so diagrams with different numbers of fermion and boson
 * propagators get their relative phases right):
 *   FFV vertex          i γ^μ (g_L P_L + g_R P_R)   (Lagrangian term ψ̄′ γ^μ (g_L P_L + g_R P_R) ψ V_μ)
 *   fermion propagator  i (p̸ + m) / (p² − m² + i m Γ)
 *   vector propagator   −i (g^{μν} − p^μ p^ν / μ²) / (p² − μ²),  μ² = M² − i M Γ (massive),
 *                       −i g^{μν} / p² (massless, Feynman gauge).
 * Using the complex μ² also in the p^μ p^ν term keeps the photon Ward identity exact with a
 * constant (fixed) width (the inverse Proca propagator differs between two W lines only by terms
 * that cancel against the WWγ vertex).
 *
 * All kernels write into preallocated outputs; none allocates.
 */

/** Size of a wavefunction buffer: 4 complex components + 4 momentum components. */
export const WF = 12;

/** A new zeroed wavefunction buffer (allocate once, outside hot loops). */
export function newWavefunction(): Float64Array {
  return new Float64Array(WF);
}

// Two-component helicity eigenstates χ_±(p̂) (HELAS eq. 2.7-like), written to a scratch buffer:
// chi[0..3] = χ_+ (re0, im0, re1, im1), chi[4..7] = χ_−.
//   χ_+ = (|p| + pz, px + i py) / √(2|p|(|p| + pz)),  χ_− = (−px + i py, |p| + pz) / √(2|p|(|p| + pz)),
//   and χ_+ = (0, 1), χ_− = (−1, 0) for p along −z; along +z for p = 0.
const CHI = new Float64Array(8);
// The last direction for which CHI was computed (consecutive calls for the two helicities of one leg
// reuse it).
const CHI_P = new Float64Array([Number.NaN, Number.NaN, Number.NaN]);

function helicityEigenstates(px: number, py: number, pz: number): void {
  if (px === CHI_P[0] && py === CHI_P[1] && pz === CHI_P[2]) return;
  CHI_P[0] = px;
  CHI_P[1] = py;
  CHI_P[2] = pz;
  const pp = Math.sqrt(px * px + py * py + pz * pz);
  CHI.fill(0);
  if (pp === 0) {
    CHI[0] = 1;
    CHI[6] = 1;
    return;
  }
  const pt2 = px * px + py * py;
  // |p| + pz without cancellation for pz < 0.
  const ppz = pz >= 0 ? pp + pz : pt2 / (pp - pz);
  if (ppz === 0 || (pt2 === 0 && pz < 0)) {
    CHI[2] = 1; // χ_+ = (0, 1)
    CHI[4] = -1; // χ_− = (−1, 0)
    return;
  }
  const n = 1 / Math.sqrt(2 * pp * ppz);
  CHI[0] = ppz * n;
  CHI[2] = px * n;
  CHI[3] = py * n;
  CHI[4] = -px * n;
  CHI[5] = py * n;
  CHI[6] = ppz * n;
}

/** ω_± = √(E ± |p|), with ω_− = m/ω_+ to avoid cancellation; ω_− = 0 for m = 0. */
function omegas(e: number, pp: number, m: number, out: Float64Array): void {
  const wp = Math.sqrt(e + pp);
  out[0] = wp;
  out[1] = m > 0 ? m / wp : 0;
}
const OMEGA = new Float64Array(2);

/**
 * Flow-in external spinor (HELAS `ixxxxx`).
 * nsf = +1: incoming fermion, u(p, λ) = (ω_{−λ} χ_λ, ω_λ χ_λ), stored momentum +p.
 * nsf = −1: outgoing antifermion, v(p, λ) = (−λ ω_λ χ_{−λ}, λ ω_{−λ} χ_{−λ}), stored momentum −p.
 * λ = hel = ±1 is twice the helicity.
 */
export function ixxxxx(
  out: Float64Array,
  p: Float64Array,
  o: number,
  m: number,
  hel: number,
  nsf: number,
): void {
  const e = p[o]!;
  const px = p[o + 1]!;
  const py = p[o + 2]!;
  const pz = p[o + 3]!;
  helicityEigenstates(px, py, pz);
  omegas(e, Math.sqrt(px * px + py * py + pz * pz), m, OMEGA);
  const wp = OMEGA[0]!;
  const wm = OMEGA[1]!;
  if (nsf > 0) {
    const c = hel > 0 ? 0 : 4;
    const up = hel > 0 ? wm : wp; // ω_{−λ}
    const dn = hel > 0 ? wp : wm; // ω_λ
    out[0] = up * CHI[c]!;
    out[1] = up * CHI[c + 1]!;
    out[2] = up * CHI[c + 2]!;
    out[3] = up * CHI[c + 3]!;
    out[4] = dn * CHI[c]!;
    out[5] = dn * CHI[c + 1]!;
    out[6] = dn * CHI[c + 2]!;
    out[7] = dn * CHI[c + 3]!;
  } else {
    const c = hel > 0 ? 4 : 0; // χ_{−λ}
    const up = -hel * (hel > 0 ? wp : wm); // −λ ω_λ
    const dn = hel * (hel > 0 ? wm : wp); // λ ω_{−λ}
    out[0] = up * CHI[c]!;
    out[1] = up * CHI[c + 1]!;
    out[2] = up * CHI[c + 2]!;
    out[3] = up * CHI[c + 3]!;
    out[4] = dn * CHI[c]!;
    out[5] = dn * CHI[c + 1]!;
    out[6] = dn * CHI[c + 2]!;
    out[7] = dn * CHI[c + 3]!;
  }
  out[8] = nsf * e;
  out[9] = nsf * px;
  out[10] = nsf * py;
  out[11] = nsf * pz;
}

/**
 * Flow-out external spinor (HELAS `oxxxxx`), a row spinor (already multiplied by γ⁰).
 * nsf = +1: outgoing fermion, ū(p, λ) = (ω_λ χ_λ†, ω_{−λ} χ_λ†), stored momentum +p.
 * nsf = −1: incoming antifermion, v̄(p, λ) = (λ ω_{−λ} χ_{−λ}†, −λ ω_λ χ_{−λ}†), stored momentum −p.
 */
export function oxxxxx(
  out: Float64Array,
  p: Float64Array,
  o: number,
  m: number,
  hel: number,
  nsf: number,
): void {
  const e = p[o]!;
  const px = p[o + 1]!;
  const py = p[o + 2]!;
  const pz = p[o + 3]!;
  helicityEigenstates(px, py, pz);
  omegas(e, Math.sqrt(px * px + py * py + pz * pz), m, OMEGA);
  const wp = OMEGA[0]!;
  const wm = OMEGA[1]!;
  let c: number;
  let up: number;
  let dn: number;
  if (nsf > 0) {
    c = hel > 0 ? 0 : 4;
    up = hel > 0 ? wp : wm; // ω_λ
    dn = hel > 0 ? wm : wp; // ω_{−λ}
  } else {
    c = hel > 0 ? 4 : 0;
    up = hel * (hel > 0 ? wm : wp); // λ ω_{−λ}
    dn = -hel * (hel > 0 ? wp : wm); // −λ ω_λ
  }
  // complex conjugate of χ
  out[0] = up * CHI[c]!;
  out[1] = -up * CHI[c + 1]!;
  out[2] = up * CHI[c + 2]!;
  out[3] = -up * CHI[c + 3]!;
  out[4] = dn * CHI[c]!;
  out[5] = -dn * CHI[c + 1]!;
  out[6] = dn * CHI[c + 2]!;
  out[7] = -dn * CHI[c + 3]!;
  out[8] = nsf * e;
  out[9] = nsf * px;
  out[10] = nsf * py;
  out[11] = nsf * pz;
}

/**
 * External vector polarisation (HELAS `vxxxxx`). hel = ±1 transverse, 0 longitudinal (m > 0).
 * With ε₁ = (0, cosθ cosφ, cosθ sinφ, −sinθ), ε₂ = (0, −sinφ, cosφ, 0):
 *   ε(±) = (∓ε₁ − i ε₂)/√2,  ε(0) = (|k|, E k̂)/m.
 * nsv = +1: incoming (ε, stored momentum +k); nsv = −1: outgoing (ε*, stored momentum −k).
 */
export function vxxxxx(
  out: Float64Array,
  k: Float64Array,
  o: number,
  m: number,
  hel: number,
  nsv: number,
): void {
  const e = k[o]!;
  const kx = k[o + 1]!;
  const ky = k[o + 2]!;
  const kz = k[o + 3]!;
  const kt = Math.sqrt(kx * kx + ky * ky);
  const kk = Math.sqrt(kt * kt + kz * kz);
  out.fill(0, 0, 8);
  if (hel === 0) {
    if (kk === 0) {
      out[6] = 1;
    } else {
      const f = e / (m * kk);
      out[0] = kk / m;
      out[2] = kx * f;
      out[4] = ky * f;
      out[6] = kz * f;
    }
  } else {
    let ct = 1;
    let st = 0;
    let cp = 1;
    let sp = 0;
    if (kk > 0) {
      ct = kz / kk;
      st = kt / kk;
      if (kt > 0) {
        cp = kx / kt;
        sp = ky / kt;
      }
    }
    const r = -hel * Math.SQRT1_2;
    const s = -nsv * Math.SQRT1_2; // imaginary part sign: −ε₂/√2 (conjugated for outgoing)
    out[2] = r * ct * cp;
    out[3] = s * -sp;
    out[4] = r * ct * sp;
    out[5] = s * cp;
    out[6] = r * -st;
    out[7] = 0;
  }
  out[8] = nsv * e;
  out[9] = nsv * kx;
  out[10] = nsv * ky;
  out[11] = nsv * kz;
}

/** Writes a real four-vector as a vector wavefunction (for Ward tests: ε → k). */
export function setVectorFromMomentum(out: Float64Array, k: Float64Array, o: number, nsv: number): void {
  for (let i = 0; i < 4; i++) {
    out[2 * i] = k[o + i]!;
    out[2 * i + 1] = 0;
    out[8 + i] = nsv * k[o + i]!;
  }
}

/**
 * Chiral currents J_L^μ = ψ̄ γ^μ P_L ψ and J_R^μ = ψ̄ γ^μ P_R ψ (contravariant, complex, 8 doubles
 * each) written to `jl` and `jr`. With x = (ψ̄₂, ψ̄₃), y = (ψ₀, ψ₁): J_L^μ = x σ̄^μ y;
 * with x = (ψ̄₀, ψ̄₁), y = (ψ₂, ψ₃): J_R^μ = x σ^μ y; σ^μ = (1, σ), σ̄^μ = (1, −σ).
 */
export function chiralCurrents(jl: Float64Array, jr: Float64Array, fi: Float64Array, fo: Float64Array): void {
  // Left: x = fo[2], fo[3]; y = fi[0], fi[1]
  let x0r = fo[4]!;
  let x0i = fo[5]!;
  let x1r = fo[6]!;
  let x1i = fo[7]!;
  let y0r = fi[0]!;
  let y0i = fi[1]!;
  let y1r = fi[2]!;
  let y1i = fi[3]!;
  let a00r = x0r * y0r - x0i * y0i; // x0 y0
  let a00i = x0r * y0i + x0i * y0r;
  let a11r = x1r * y1r - x1i * y1i; // x1 y1
  let a11i = x1r * y1i + x1i * y1r;
  let a01r = x0r * y1r - x0i * y1i; // x0 y1
  let a01i = x0r * y1i + x0i * y1r;
  let a10r = x1r * y0r - x1i * y0i; // x1 y0
  let a10i = x1r * y0i + x1i * y0r;
  // s0 = x0y0 + x1y1, s1 = x0y1 + x1y0, s2 = i(x1y0 − x0y1), s3 = x0y0 − x1y1; J_L = (s0, −s1, −s2, −s3)
  jl[0] = a00r + a11r;
  jl[1] = a00i + a11i;
  jl[2] = -(a01r + a10r);
  jl[3] = -(a01i + a10i);
  jl[4] = a10i - a01i; // −i(x1y0 − x0y1): re = (x1y0 − x0y1).im
  jl[5] = -(a10r - a01r);
  jl[6] = -(a00r - a11r);
  jl[7] = -(a00i - a11i);
  // Right: x = fo[0], fo[1]; y = fi[2], fi[3]
  x0r = fo[0]!;
  x0i = fo[1]!;
  x1r = fo[2]!;
  x1i = fo[3]!;
  y0r = fi[4]!;
  y0i = fi[5]!;
  y1r = fi[6]!;
  y1i = fi[7]!;
  a00r = x0r * y0r - x0i * y0i;
  a00i = x0r * y0i + x0i * y0r;
  a11r = x1r * y1r - x1i * y1i;
  a11i = x1r * y1i + x1i * y1r;
  a01r = x0r * y1r - x0i * y1i;
  a01i = x0r * y1i + x0i * y1r;
  a10r = x1r * y0r - x1i * y0i;
  a10i = x1r * y0i + x1i * y0r;
  jr[0] = a00r + a11r;
  jr[1] = a00i + a11i;
  jr[2] = a01r + a10r;
  jr[3] = a01i + a10i;
  jr[4] = -(a10i - a01i); // i(x1y0 − x0y1)
  jr[5] = a10r - a01r;
  jr[6] = a00r - a11r;
  jr[7] = a00i - a11i;
}

/** Left chiral current only, J_L^μ = ψ̄ γ^μ P_L ψ (see `chiralCurrents`). */
export function chiralCurrentL(jl: Float64Array, fi: Float64Array, fo: Float64Array): void {
  const x0r = fo[4]!;
  const x0i = fo[5]!;
  const x1r = fo[6]!;
  const x1i = fo[7]!;
  const y0r = fi[0]!;
  const y0i = fi[1]!;
  const y1r = fi[2]!;
  const y1i = fi[3]!;
  const a00r = x0r * y0r - x0i * y0i;
  const a00i = x0r * y0i + x0i * y0r;
  const a11r = x1r * y1r - x1i * y1i;
  const a11i = x1r * y1i + x1i * y1r;
  const a01r = x0r * y1r - x0i * y1i;
  const a01i = x0r * y1i + x0i * y1r;
  const a10r = x1r * y0r - x1i * y0i;
  const a10i = x1r * y0i + x1i * y0r;
  jl[0] = a00r + a11r;
  jl[1] = a00i + a11i;
  jl[2] = -(a01r + a10r);
  jl[3] = -(a01i + a10i);
  jl[4] = a10i - a01i;
  jl[5] = -(a10r - a01r);
  jl[6] = -(a00r - a11r);
  jl[7] = -(a00i - a11i);
}

const JL = new Float64Array(8);
const JR = new Float64Array(8);

/**
 * Off-shell vector from a fermion pair (HELAS `jioxxx`):
 *   ε^μ = [i J^μ] × [−i (g_{μν} − q_μ q_ν/μ²)/(q² − μ²)] = (J^μ − q^μ (q·J)/μ²)/(q² − μ²),
 * J^μ = ψ̄_o γ^μ (g_L P_L + g_R P_R) ψ_i, q = fi.p − fo.p (delivered to the next vertex).
 * mass = 0: massless (photon), ε^μ = J^μ/q². If `unitDenominator`, the denominator q² − μ² is
 * replaced by 1 (narrow-width factorisation; see signal.ts) and the numerator uses the real M².
 */
export function jio(
  out: Float64Array,
  fi: Float64Array,
  fo: Float64Array,
  gL: number,
  gR: number,
  mass: number,
  width: number,
  unitDenominator = false,
): void {
  chiralCurrents(JL, JR, fi, fo);
  vectorFromChiral(
    out,
    JL,
    JR,
    gL,
    gR,
    fi[8]! - fo[8]!,
    fi[9]! - fo[9]!,
    fi[10]! - fo[10]!,
    fi[11]! - fo[11]!,
    mass,
    width,
    unitDenominator,
  );
}

/**
 * The propagator step of `jio` from precomputed chiral currents (so that one pair of spinors can feed
 * several bosons, e.g. γ and Z, with a single current evaluation): out = ε^μ of `jio` for the current
 * g_L J_L + g_R J_R with momentum q delivered to the next vertex.
 */
export function vectorFromChiral(
  out: Float64Array,
  jl: Float64Array,
  jr: Float64Array,
  gL: number,
  gR: number,
  q0: number,
  q1: number,
  q2: number,
  q3: number,
  mass: number,
  width: number,
  unitDenominator = false,
): void {
  const qq = q0 * q0 - q1 * q1 - q2 * q2 - q3 * q3;
  for (let i = 0; i < 8; i++) out[i] = gL * jl[i]! + gR * jr[i]!;
  out[8] = q0;
  out[9] = q1;
  out[10] = q2;
  out[11] = q3;
  let dr: number;
  let di: number;
  if (mass > 0) {
    // μ² = M² − i M Γ (or M² in the narrow-width mode)
    const mur = mass * mass;
    const mui = unitDenominator ? 0 : -mass * width;
    // qJ = q·J
    const qjr = q0 * out[0]! - q1 * out[2]! - q2 * out[4]! - q3 * out[6]!;
    const qji = q0 * out[1]! - q1 * out[3]! - q2 * out[5]! - q3 * out[7]!;
    // c = qJ / μ²
    const inv = 1 / (mur * mur + mui * mui);
    const cr = (qjr * mur + qji * mui) * inv;
    const ci = (qji * mur - qjr * mui) * inv;
    out[0] = out[0]! - q0 * cr;
    out[1] = out[1]! - q0 * ci;
    out[2] = out[2]! - q1 * cr;
    out[3] = out[3]! - q1 * ci;
    out[4] = out[4]! - q2 * cr;
    out[5] = out[5]! - q2 * ci;
    out[6] = out[6]! - q3 * cr;
    out[7] = out[7]! - q3 * ci;
    dr = qq - mur;
    di = -mui;
  } else {
    dr = qq;
    di = 0;
  }
  if (unitDenominator) return;
  const inv = 1 / (dr * dr + di * di);
  const ir = dr * inv;
  const ii = -di * inv;
  for (let i = 0; i < 8; i += 2) {
    const a = out[i]!;
    const b = out[i + 1]!;
    out[i] = a * ir - b * ii;
    out[i + 1] = a * ii + b * ir;
  }
}

/**
 * Open-index vertex current without propagator: out^μ = i ψ̄_o γ^μ (g_L P_L + g_R P_R) ψ_i, the
 * amplitude of a diagram with its boson leg left open (contract with a polarisation by `dotVV`).
 * Stored momentum: the momentum the open leg delivers *into* this vertex, fo.p − fi.p.
 */
export function jioOpen(out: Float64Array, fi: Float64Array, fo: Float64Array, gL: number, gR: number): void {
  chiralCurrents(JL, JR, fi, fo);
  for (let i = 0; i < 8; i += 2) {
    const re = gL * JL[i]! + gR * JR[i]!;
    const im = gL * JL[i + 1]! + gR * JR[i + 1]!;
    out[i] = -im; // × i
    out[i + 1] = re;
  }
  out[8] = fo[8]! - fi[8]!;
  out[9] = fo[9]! - fi[9]!;
  out[10] = fo[10]! - fi[10]!;
  out[11] = fo[11]! - fi[11]!;
}

/** Complex Minkowski contraction a^μ b_μ (no conjugation) of two vector buffers into res[2k], res[2k+1]. */
export function dotVV(res: Float64Array, k: number, a: Float64Array, b: Float64Array): void {
  let re = a[0]! * b[0]! - a[1]! * b[1]!;
  let im = a[0]! * b[1]! + a[1]! * b[0]!;
  for (let i = 2; i < 8; i += 2) {
    re -= a[i]! * b[i]! - a[i + 1]! * b[i + 1]!;
    im -= a[i]! * b[i + 1]! + a[i + 1]! * b[i]!;
  }
  res[2 * k] = re;
  res[2 * k + 1] = im;
}

// V̸ = [[0, A], [B, 0]] with A = V⁰ − σ·V, B = V⁰ + σ·V:
//   A = [[V0 − V3, −(V1 − iV2)], [−(V1 + iV2), V0 + V3]],  B = [[V0 + V3, V1 − iV2], [V1 + iV2, V0 − V3]].

/**
 * FFV amplitude (HELAS `iovxxx`): res[2k] + i res[2k+1] = i ψ̄_o V̸ (g_L P_L + g_R P_R) ψ_i
 *   = i [g_L (ψ̄₂, ψ̄₃) B (ψ₀, ψ₁) + g_R (ψ̄₀, ψ̄₁) A (ψ₂, ψ₃)].
 */
export function iov(
  res: Float64Array,
  k: number,
  fi: Float64Array,
  fo: Float64Array,
  v: Float64Array,
  gL: number,
  gR: number,
): void {
  chiralCurrents(JL, JR, fi, fo);
  let re = 0;
  let im = 0;
  for (let i = 0; i < 8; i += 2) {
    const jr = gL * JL[i]! + gR * JR[i]!;
    const ji = gL * JL[i + 1]! + gR * JR[i + 1]!;
    const s = i === 0 ? 1 : -1;
    re += s * (jr * v[i]! - ji * v[i + 1]!);
    im += s * (jr * v[i + 1]! + ji * v[i]!);
  }
  res[2 * k] = -im;
  res[2 * k + 1] = re;
}

/**
 * iov(fi, fo, v1; gL1, gR1) + iov(fi, fo, v2; gL2, gR2) with the chiral currents of (fi, fo)
 * computed once: the sum is i [J_L·(gL1 v1 + gL2 v2) + J_R·(gR1 v1 + gR2 v2)].
 */
export function iovPair(
  res: Float64Array,
  k: number,
  fi: Float64Array,
  fo: Float64Array,
  v1: Float64Array,
  gL1: number,
  gR1: number,
  v2: Float64Array,
  gL2: number,
  gR2: number,
): void {
  chiralCurrents(JL, JR, fi, fo);
  chiralVectors(v1, gL1, gR1, v2, gL2, gR2);
  let re = 0;
  let im = 0;
  for (let i = 0; i < 8; i += 2) {
    const s = i === 0 ? 1 : -1;
    re += s * (JL[i]! * VL[i]! - JL[i + 1]! * VL[i + 1]! + JR[i]! * VR[i]! - JR[i + 1]! * VR[i + 1]!);
    im += s * (JL[i]! * VL[i + 1]! + JL[i + 1]! * VL[i]! + JR[i]! * VR[i + 1]! + JR[i + 1]! * VR[i]!);
  }
  res[2 * k] = -im;
  res[2 * k + 1] = re;
}

/** Writes the 2×2 blocks A (a[0..7]) and B (b[0..7]) of V̸ for a complex vector v (row-major). */
function slashBlocks(a: Float64Array, b: Float64Array, v: Float64Array): void {
  slashA(a, v);
  slashB(b, v);
}

/** Block A = V⁰ − σ·V of V̸. */
function slashA(a: Float64Array, v: Float64Array): void {
  const v0r = v[0]!;
  const v0i = v[1]!;
  const v1r = v[2]!;
  const v1i = v[3]!;
  const v2r = v[4]!;
  const v2i = v[5]!;
  const v3r = v[6]!;
  const v3i = v[7]!;
  // A
  a[0] = v0r - v3r;
  a[1] = v0i - v3i;
  a[2] = -(v1r + v2i); // −(V1 − iV2): re = −(v1r + v2i), im = −(v1i − v2r)
  a[3] = -(v1i - v2r);
  a[4] = -(v1r - v2i); // −(V1 + iV2)
  a[5] = -(v1i + v2r);
  a[6] = v0r + v3r;
  a[7] = v0i + v3i;
}

/** Block B = V⁰ + σ·V of V̸. */
function slashB(b: Float64Array, v: Float64Array): void {
  const v0r = v[0]!;
  const v0i = v[1]!;
  const v1r = v[2]!;
  const v1i = v[3]!;
  const v2r = v[4]!;
  const v2i = v[5]!;
  const v3r = v[6]!;
  const v3i = v[7]!;
  b[0] = v0r + v3r;
  b[1] = v0i + v3i;
  b[2] = v1r + v2i; // V1 − iV2
  b[3] = v1i - v2r;
  b[4] = v1r - v2i; // V1 + iV2
  b[5] = v1i + v2r;
  b[6] = v0r - v3r;
  b[7] = v0i - v3i;
}
const SA = new Float64Array(8);
const SB = new Float64Array(8);
const PA = new Float64Array(8);
const PB = new Float64Array(8);
const T = new Float64Array(8);

/** Real-momentum slash blocks P_A = p⁰ − σ·p, P_B = p⁰ + σ·p. */
function momentumBlocks(
  a: Float64Array,
  b: Float64Array,
  p0: number,
  p1: number,
  p2: number,
  p3: number,
): void {
  a[0] = p0 - p3;
  a[1] = 0;
  a[2] = -p1;
  a[3] = p2;
  a[4] = -p1;
  a[5] = -p2;
  a[6] = p0 + p3;
  a[7] = 0;
  b[0] = p0 + p3;
  b[1] = 0;
  b[2] = p1;
  b[3] = -p2;
  b[4] = p1;
  b[5] = p2;
  b[6] = p0 - p3;
  b[7] = 0;
}

/** out[oo..oo+3] = M (2×2 complex, row-major) × x (2-vector at x[ox..ox+3]), times real scale s. */
function matVec(
  out: Float64Array,
  oo: number,
  m: Float64Array,
  x: Float64Array,
  ox: number,
  s: number,
): void {
  const x0r = x[ox]!;
  const x0i = x[ox + 1]!;
  const x1r = x[ox + 2]!;
  const x1i = x[ox + 3]!;
  out[oo] = s * (m[0]! * x0r - m[1]! * x0i + m[2]! * x1r - m[3]! * x1i);
  out[oo + 1] = s * (m[0]! * x0i + m[1]! * x0r + m[2]! * x1i + m[3]! * x1r);
  out[oo + 2] = s * (m[4]! * x0r - m[5]! * x0i + m[6]! * x1r - m[7]! * x1i);
  out[oo + 3] = s * (m[4]! * x0i + m[5]! * x0r + m[6]! * x1i + m[7]! * x1r);
}

/** out[oo..oo+3] = x (row 2-vector) × M, times real scale s. */
function vecMat(
  out: Float64Array,
  oo: number,
  x: Float64Array,
  ox: number,
  m: Float64Array,
  s: number,
): void {
  const x0r = x[ox]!;
  const x0i = x[ox + 1]!;
  const x1r = x[ox + 2]!;
  const x1i = x[ox + 3]!;
  out[oo] = s * (x0r * m[0]! - x0i * m[1]! + x1r * m[4]! - x1i * m[5]!);
  out[oo + 1] = s * (x0r * m[1]! + x0i * m[0]! + x1r * m[5]! + x1i * m[4]!);
  out[oo + 2] = s * (x0r * m[2]! - x0i * m[3]! + x1r * m[6]! - x1i * m[7]!);
  out[oo + 3] = s * (x0r * m[3]! + x0i * m[2]! + x1r * m[7]! + x1i * m[6]!);
}

/** Multiplies the four complex spinor components of `out` by the complex factor (cr + i ci). */
function scaleSpinor(out: Float64Array, cr: number, ci: number): void {
  for (let i = 0; i < 8; i += 2) {
    const a = out[i]!;
    const b = out[i + 1]!;
    out[i] = a * cr - b * ci;
    out[i + 1] = a * ci + b * cr;
  }
}

/** Sets (cr, ci) = −1/D, D = p² − m² + i m Γ (or −1 for a unit denominator). */
const FACTOR = new Float64Array(2);
function fermionFactor(
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  m: number,
  w: number,
  unit: boolean,
): void {
  if (unit) {
    FACTOR[0] = -1;
    FACTOR[1] = 0;
    return;
  }
  const dr = p0 * p0 - p1 * p1 - p2 * p2 - p3 * p3 - m * m;
  const di = m * w;
  const inv = 1 / (dr * dr + di * di);
  FACTOR[0] = -dr * inv;
  FACTOR[1] = di * inv;
}

/**
 * Off-shell flow-in fermion (HELAS `fvixxx`):
 *   ψ′ = [i (p̸ + m)/(p² − m² + i m Γ)] [i V̸ (g_L P_L + g_R P_R)] ψ_i,  p = fi.p + v.p.
 * With t = V̸(g_L P_L + g_R P_R)ψ = (g_R A ψ_d, g_L B ψ_u): (p̸ + m) t = (P_A t_d + m t_u, P_B t_u + m t_d).
 * `unitDenominator`: the denominator is replaced by 1 (narrow-width mode).
 */
export function fvi(
  out: Float64Array,
  fi: Float64Array,
  v: Float64Array,
  gL: number,
  gR: number,
  m: number,
  w: number,
  unitDenominator = false,
): void {
  const p0 = fi[8]! + v[8]!;
  const p1 = fi[9]! + v[9]!;
  const p2 = fi[10]! + v[10]!;
  const p3 = fi[11]! + v[11]!;
  momentumBlocks(PA, PB, p0, p1, p2, p3);
  // Chirality shortcuts (exact): a purely left (right) vertex leaves t_u (t_d) zero, and m = 0 drops
  // the mass terms; W vertices on massless lines then need two 2×2 products instead of six.
  if (gR === 0) {
    slashB(SB, v);
    matVec(T, 4, SB, fi, 0, gL); // t_d
    matVec(out, 0, PA, T, 4, 1);
    for (let i = 0; i < 4; i++) out[4 + i] = m * T[4 + i]!;
  } else if (gL === 0) {
    slashA(SA, v);
    matVec(T, 0, SA, fi, 4, gR); // t_u
    matVec(out, 4, PB, T, 0, 1);
    for (let i = 0; i < 4; i++) out[i] = m * T[i]!;
  } else {
    slashBlocks(SA, SB, v);
    matVec(T, 0, SA, fi, 4, gR); // t_u = g_R A ψ_d
    matVec(T, 4, SB, fi, 0, gL); // t_d = g_L B ψ_u
    propagateIn(out, m);
  }
  fermionFactor(p0, p1, p2, p3, m, w, unitDenominator);
  scaleSpinor(out, FACTOR[0]!, FACTOR[1]!);
  out[8] = p0;
  out[9] = p1;
  out[10] = p2;
  out[11] = p3;
}

/** out = (p̸ + m) t for t = (t_u, t_d) in T and p̸ in PA, PB (before the denominator; see `fvi`). */
function propagateIn(out: Float64Array, m: number): void {
  matVec(out, 0, PA, T, 4, 1);
  matVec(out, 4, PB, T, 0, 1);
  if (m !== 0) {
    for (let i = 0; i < 4; i++) {
      out[i] = out[i]! + m * T[i]!;
      out[4 + i] = out[4 + i]! + m * T[4 + i]!;
    }
  }
}

const VL = new Float64Array(8);
const VR = new Float64Array(8);

/** VL = gL1 v1 + gL2 v2 and VR = gR1 v1 + gR2 v2 (complex vectors, real couplings). */
function chiralVectors(
  v1: Float64Array,
  gL1: number,
  gR1: number,
  v2: Float64Array,
  gL2: number,
  gR2: number,
): void {
  for (let i = 0; i < 8; i++) {
    VL[i] = gL1 * v1[i]! + gL2 * v2[i]!;
    VR[i] = gR1 * v1[i]! + gR2 * v2[i]!;
  }
}

/**
 * fvi(fi, v1; gL1, gR1) + fvi(fi, v2; gL2, gR2) for two vectors of the same momentum (a γ and a Z
 * current of one line) in one pass: V̸ (g_L P_L + g_R P_R) is linear in g_L V and g_R V, so the two
 * vertices act as one with the left-handed vector gL1 v1 + gL2 v2 and the right-handed gR1 v1 + gR2 v2.
 * The propagator momentum is fi.p + v1.p: v2 must carry the same momentum. No unit-denominator mode.
 */
export function fviPair(
  out: Float64Array,
  fi: Float64Array,
  v1: Float64Array,
  gL1: number,
  gR1: number,
  v2: Float64Array,
  gL2: number,
  gR2: number,
  m: number,
  w: number,
): void {
  const p0 = fi[8]! + v1[8]!;
  const p1 = fi[9]! + v1[9]!;
  const p2 = fi[10]! + v1[10]!;
  const p3 = fi[11]! + v1[11]!;
  momentumBlocks(PA, PB, p0, p1, p2, p3);
  chiralVectors(v1, gL1, gR1, v2, gL2, gR2);
  slashA(SA, VR);
  slashB(SB, VL);
  matVec(T, 0, SA, fi, 4, 1); // t_u = A(V_R) ψ_d
  matVec(T, 4, SB, fi, 0, 1); // t_d = B(V_L) ψ_u
  propagateIn(out, m);
  fermionFactor(p0, p1, p2, p3, m, w, false);
  scaleSpinor(out, FACTOR[0]!, FACTOR[1]!);
  out[8] = p0;
  out[9] = p1;
  out[10] = p2;
  out[11] = p3;
}

/**
 * Off-shell flow-out fermion (HELAS `fvoxxx`):
 *   ψ̄′ = ψ̄_o [i V̸ (g_L P_L + g_R P_R)] [i (p̸ + m)/(p² − m² + i m Γ)],  p = fo.p − v.p.
 * With t = ψ̄ V̸ (g_L P_L + g_R P_R) = (g_L ψ̄_d B, g_R ψ̄_u A): t (p̸ + m) = (m t_u + t_d P_B, t_u P_A + m t_d).
 */
export function fvo(
  out: Float64Array,
  fo: Float64Array,
  v: Float64Array,
  gL: number,
  gR: number,
  m: number,
  w: number,
  unitDenominator = false,
): void {
  const p0 = fo[8]! - v[8]!;
  const p1 = fo[9]! - v[9]!;
  const p2 = fo[10]! - v[10]!;
  const p3 = fo[11]! - v[11]!;
  momentumBlocks(PA, PB, p0, p1, p2, p3);
  if (gR === 0) {
    slashB(SB, v);
    vecMat(T, 0, fo, 4, SB, gL); // t_u
    vecMat(out, 4, T, 0, PA, 1); // (t_u P_A) in the lower slot
    for (let i = 0; i < 4; i++) out[i] = m * T[i]!;
  } else if (gL === 0) {
    slashA(SA, v);
    vecMat(T, 4, fo, 0, SA, gR); // t_d
    vecMat(out, 0, T, 4, PB, 1);
    for (let i = 0; i < 4; i++) out[4 + i] = m * T[4 + i]!;
  } else {
    slashBlocks(SA, SB, v);
    vecMat(T, 0, fo, 4, SB, gL); // t_u = g_L ψ̄_d B
    vecMat(T, 4, fo, 0, SA, gR); // t_d = g_R ψ̄_u A
    vecMat(out, 0, T, 4, PB, 1);
    vecMat(out, 4, T, 0, PA, 1);
    if (m !== 0) {
      for (let i = 0; i < 4; i++) {
        out[i] = out[i]! + m * T[i]!;
        out[4 + i] = out[4 + i]! + m * T[4 + i]!;
      }
    }
  }
  fermionFactor(p0, p1, p2, p3, m, w, unitDenominator);
  scaleSpinor(out, FACTOR[0]!, FACTOR[1]!);
  out[8] = p0;
  out[9] = p1;
  out[10] = p2;
  out[11] = p3;
}

/**
 * Triple-gauge vertex with the third leg open (no propagator):
 *   out_ρ = i g [ (W1·W2)(k1 − k2)_ρ + W2_ρ (k2 − k3)·W1 + W1_ρ (k3 − k1)·W2 ],
 * the Feynman rule i g [g_{μν}(k1 − k2)_ρ + g_{νρ}(k2 − k3)_μ + g_{ρμ}(k3 − k1)_ν] contracted with
 * W1^μ (the W⁻ entering the vertex, i.e. the outgoing W⁺), W2^ν (the W⁺ entering), all momenta
 * incoming, k3 = −k1 − k2 (the momentum the open leg delivers into the vertex is stored).
 * The overall sign convention relative to the FFV couplings is fixed in modelTable.ts (checked by the
 * photon Ward identity, test/amplitudes.background.test.ts). Output is stored contravariantly
 * (the index is raised: out^ρ).
 */
export function vvvOpen(out: Float64Array, w1: Float64Array, w2: Float64Array, g: number): void {
  const k10 = w1[8]!;
  const k11 = w1[9]!;
  const k12 = w1[10]!;
  const k13 = w1[11]!;
  const k20 = w2[8]!;
  const k21 = w2[9]!;
  const k22 = w2[10]!;
  const k23 = w2[11]!;
  const k30 = -k10 - k20;
  const k31 = -k11 - k21;
  const k32 = -k12 - k22;
  const k33 = -k13 - k23;
  // W1·W2 (complex)
  let w12r = w1[0]! * w2[0]! - w1[1]! * w2[1]!;
  let w12i = w1[0]! * w2[1]! + w1[1]! * w2[0]!;
  for (let i = 2; i < 8; i += 2) {
    w12r -= w1[i]! * w2[i]! - w1[i + 1]! * w2[i + 1]!;
    w12i -= w1[i]! * w2[i + 1]! + w1[i + 1]! * w2[i]!;
  }
  // (k2 − k3)·W1 and (k3 − k1)·W2
  const a0 = k20 - k30;
  const a1 = k21 - k31;
  const a2 = k22 - k32;
  const a3 = k23 - k33;
  const b0 = k30 - k10;
  const b1 = k31 - k11;
  const b2 = k32 - k12;
  const b3 = k33 - k13;
  const c1r = a0 * w1[0]! - a1 * w1[2]! - a2 * w1[4]! - a3 * w1[6]!;
  const c1i = a0 * w1[1]! - a1 * w1[3]! - a2 * w1[5]! - a3 * w1[7]!;
  const c2r = b0 * w2[0]! - b1 * w2[2]! - b2 * w2[4]! - b3 * w2[6]!;
  const c2i = b0 * w2[1]! - b1 * w2[3]! - b2 * w2[5]! - b3 * w2[7]!;
  const d0 = k10 - k20;
  const d1 = k11 - k21;
  const d2 = k12 - k22;
  const d3 = k13 - k23;
  for (let mu = 0; mu < 4; mu++) {
    const dmu = mu === 0 ? d0 : mu === 1 ? d1 : mu === 2 ? d2 : d3;
    const re =
      w12r * dmu + w2[2 * mu]! * c1r - w2[2 * mu + 1]! * c1i + w1[2 * mu]! * c2r - w1[2 * mu + 1]! * c2i;
    const im =
      w12i * dmu + w2[2 * mu]! * c1i + w2[2 * mu + 1]! * c1r + w1[2 * mu]! * c2i + w1[2 * mu + 1]! * c2r;
    out[2 * mu] = -g * im; // × i g
    out[2 * mu + 1] = g * re;
  }
  out[8] = k30;
  out[9] = k31;
  out[10] = k32;
  out[11] = k33;
}
