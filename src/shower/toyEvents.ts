/**
 * Validation event sets for the shower stage, built directly from the PDFs (not the project's
 * generator, which lives in src/generate/): leading-order q q̄′ → W/Z → ℓℓ′ and a tt̄-like set.
 * They exist so the shower can be tested and benchmarked on its own.
 *
 * Drell–Yan (LO, narrow-width-like): the dilepton mass m is drawn from a Breit–Wigner in m²
 * (PDG 2024 masses and widths) inside [mLo, mHi]; the rapidity y uniformly in |y| < −ln(m/√s);
 * x₁,₂ = (m/√s) e^{±y}. The event weight is Σ_{ij} c_ij x₁f_i(x₁, m) x₂f_j(x₂, m) / m²
 * (dσ/dm² dy at LO up to a constant, e.g. R. K. Ellis, W. J. Stirling, B. R. Webber, "QCD and
 * collider physics", eq. 9.3), and the flavour pair is drawn ∝ its term. Couplings c_ij: Z: the
 * sum v_q² + a_q² with v = T₃ − 2Q sin²θ_W, a = T₃ (γ* and interference neglected); W: |V_ij|²
 * (PDG 2024 CKM). The lepton angle in the boson rest frame follows 1 + cos²θ about the quark
 * direction (the W's (1 ± cos θ)² is not needed for the boson pT).
 *
 * tt̄-like (for H_T): g g → t t̄ with ŝ log-uniform in [4m_t², 0.1 s], y uniform, weight
 * x₁g x₂g β/ŝ (β = top velocity, a threshold factor), tops isotropic in the tt̄ frame, each
 * t → b W isotropic, W → q q̄′ (u d̄ or c s̄) with probability 2/3 (PDG 2024: BR(W → hadrons) =
 * 67.4 %), else ℓν (ℓ = e, μ, τ treated as stable).
 */
import { CKM_ABS, GAMMA_W, GAMMA_Z, M_TOP, M_W, M_Z, SIN2_THETA_W_MSBAR } from "../core/constants.js";
import { allocateFixedEventBatch, type EventBatch } from "../core/events.js";
import { boostInPlace } from "../core/fourvector.js";
import type { RandomStream } from "../core/rng.js";
import type { ShowerPdf } from "./coupling.js";

export type ToyBoson = "Z" | "W+" | "W-";

const M_B = 4.78; // PDG 2024 b-quark pole mass (for the t → bW kinematics only)

interface Pair {
  i: number;
  j: number;
  c: number;
}

function zCoupling(q: number): number {
  const up = q % 2 === 0;
  const t3 = up ? 0.5 : -0.5;
  const charge = up ? 2 / 3 : -1 / 3;
  const v = t3 - 2 * charge * SIN2_THETA_W_MSBAR;
  return v * v + t3 * t3;
}

function pairsFor(boson: ToyBoson): Pair[] {
  const out: Pair[] = [];
  if (boson === "Z") {
    for (let q = 1; q <= 5; q++) {
      const c = zCoupling(q);
      out.push({ i: q, j: -q, c }, { i: -q, j: q, c });
    }
    return out;
  }
  const ups = [2, 4];
  const downs = [1, 3, 5];
  for (let u = 0; u < 2; u++) {
    for (let d = 0; d < 3; d++) {
      const c = CKM_ABS[u]![d]! ** 2;
      const uu = ups[u]!;
      const dd = downs[d]!;
      if (boson === "W+") out.push({ i: uu, j: -dd, c }, { i: -dd, j: uu, c });
      else out.push({ i: -uu, j: dd, c }, { i: dd, j: -uu, c });
    }
  }
  return out;
}

/** Isotropic-or-(1 + cos²θ) two-body decay of a particle at rest: writes two massless momenta. */
function decayAxis(rng: RandomStream, onePlusCos2: boolean): [number, number, number] {
  let c = 2 * rng.uniform() - 1;
  if (onePlusCos2) {
    // Hit-or-miss from 1 + cos²θ (maximum 2).
    while (rng.uniform() * 2 > 1 + c * c) c = 2 * rng.uniform() - 1;
  }
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  const ph = 2 * Math.PI * rng.uniform();
  return [s * Math.cos(ph), s * Math.sin(ph), c];
}

function setParticle(
  b: EventBatch,
  k: number,
  pdg: number,
  status: number,
  m1: number,
  E: number,
  px: number,
  py: number,
  pz: number,
  m: number,
): void {
  b.pdg[k] = pdg;
  b.status[k] = status;
  b.mother1[k] = m1;
  b.mother2[k] = -1;
  b.E[k] = E;
  b.px[k] = px;
  b.py[k] = py;
  b.pz[k] = pz;
  b.m[k] = m;
}

/**
 * n Drell–Yan events q q̄′ → V → ℓ ℓ′ at √s. Layout: [q(+z), q̄(−z), V (status 2), ℓ, ℓ′].
 * `absYMax` restricts the boson rapidity (e.g. to the fiducial region, to reduce weight spread).
 */
export function drellYanBatch(
  pdf: ShowerPdf,
  boson: ToyBoson,
  n: number,
  sqrtS: number,
  rng: RandomStream,
  massWindow: [number, number] = boson === "Z" ? [66, 116] : [M_W - 20, M_W + 20],
  absYMax = Number.POSITIVE_INFINITY,
): EventBatch {
  const M = boson === "Z" ? M_Z : M_W;
  const G = boson === "Z" ? GAMMA_Z : GAMMA_W;
  const pairs = pairsFor(boson);
  const f1 = new Float64Array(16);
  const f2 = new Float64Array(16);
  const terms = new Float64Array(pairs.length);
  const b = allocateFixedEventBatch(n, 5);
  const a0 = Math.atan((massWindow[0] ** 2 - M * M) / (M * G));
  const a1 = Math.atan((massWindow[1] ** 2 - M * M) / (M * G));
  const p = new Float64Array(4);
  const vPdg = boson === "Z" ? 23 : boson === "W+" ? 24 : -24;
  const l1 = boson === "Z" ? 13 : boson === "W+" ? -13 : 13;
  const l2 = boson === "Z" ? -13 : boson === "W+" ? 14 : -14;
  for (let e = 0; e < n; e++) {
    const m2 = M * M + M * G * Math.tan(a0 + (a1 - a0) * rng.uniform());
    const m = Math.sqrt(m2);
    const yMax = Math.min(-Math.log(m / sqrtS), absYMax);
    const y = (2 * rng.uniform() - 1) * yMax;
    const x1 = (m / sqrtS) * Math.exp(y);
    const x2 = (m / sqrtS) * Math.exp(-y);
    pdf.xfxQAll(x1, m, f1);
    pdf.xfxQAll(x2, m, f2);
    let tot = 0;
    for (let k = 0; k < pairs.length; k++) {
      const pr = pairs[k]!;
      const t = pr.c * Math.max(f1[pr.i + 6]!, 0) * Math.max(f2[pr.j + 6]!, 0);
      terms[k] = t;
      tot += t;
    }
    let r = rng.uniform() * tot;
    let pick = pairs.length - 1;
    for (let k = 0; k < pairs.length; k++) {
      r -= terms[k]!;
      if (r < 0) {
        pick = k;
        break;
      }
    }
    const pr = pairs[pick]!;
    const o = b.offsets[e]!;
    const E1 = (x1 * sqrtS) / 2;
    const E2 = (x2 * sqrtS) / 2;
    setParticle(b, o, pr.i, -1, -1, E1, 0, 0, E1, 0);
    setParticle(b, o + 1, pr.j, -1, -1, E2, 0, 0, -E2, 0);
    setParticle(b, o + 2, vPdg, 2, 0, E1 + E2, 0, 0, E1 - E2, m);
    b.mother2[o + 2] = 1;
    // Decay in the rest frame about the quark direction, then boost along z.
    const [dx, dy, dz0] = decayAxis(rng, true);
    const dz = pr.i > 0 ? dz0 : -dz0;
    const bz = Math.tanh(y);
    p[0] = m / 2;
    p[1] = (dx * m) / 2;
    p[2] = (dy * m) / 2;
    p[3] = (dz * m) / 2;
    boostInPlace(p, 0, 0, 0, bz);
    setParticle(b, o + 3, l1, 1, 2, p[0]!, p[1]!, p[2]!, p[3]!, 0);
    p[0] = m / 2;
    p[1] = (-dx * m) / 2;
    p[2] = (-dy * m) / 2;
    p[3] = (-dz * m) / 2;
    boostInPlace(p, 0, 0, 0, bz);
    setParticle(b, o + 4, l2, 1, 2, p[0]!, p[1]!, p[2]!, p[3]!, 0);
    b.weight[e] = (tot / m2) * 2 * yMax;
    b.scale[e] = m;
    b.x1[e] = x1;
    b.x2[e] = x2;
    b.id1[e] = pr.i;
    b.id2[e] = pr.j;
  }
  return b;
}

/** Writes a two-body decay of the parent (4-vector at pp[0..3], mass M) into masses m1, m2. */
function twoBody(
  parent: Float64Array,
  M: number,
  m1: number,
  m2: number,
  rng: RandomStream,
  out1: Float64Array,
  out2: Float64Array,
): void {
  const pStar = Math.sqrt(Math.max(0, (M * M - (m1 + m2) ** 2) * (M * M - (m1 - m2) ** 2))) / (2 * M);
  const [dx, dy, dz] = decayAxis(rng, false);
  out1[0] = Math.sqrt(pStar * pStar + m1 * m1);
  out1[1] = pStar * dx;
  out1[2] = pStar * dy;
  out1[3] = pStar * dz;
  out2[0] = Math.sqrt(pStar * pStar + m2 * m2);
  out2[1] = -pStar * dx;
  out2[2] = -pStar * dy;
  out2[3] = -pStar * dz;
  const bx = parent[1]! / parent[0]!;
  const by = parent[2]! / parent[0]!;
  const bz = parent[3]! / parent[0]!;
  boostInPlace(out1, 0, bx, by, bz);
  boostInPlace(out2, 0, bx, by, bz);
}

/**
 * n tt̄-like events (see header). Layout: [g, g, t, t̄, W⁺, b, W⁻, b̄, f₁(W⁺), f̄₂(W⁺), f₁(W⁻), f̄₂(W⁻)].
 */
export function ttbarLikeBatch(pdf: ShowerPdf, n: number, sqrtS: number, rng: RandomStream): EventBatch {
  const b = allocateFixedEventBatch(n, 12);
  const f1 = new Float64Array(16);
  const f2 = new Float64Array(16);
  const t = new Float64Array(4);
  const tb = new Float64Array(4);
  const w = new Float64Array(4);
  const q = new Float64Array(4);
  const d1 = new Float64Array(4);
  const d2 = new Float64Array(4);
  const s = sqrtS * sqrtS;
  const tauMin = (4 * M_TOP * M_TOP) / s;
  const tauMax = 0.1;
  for (let e = 0; e < n; e++) {
    const tau = tauMin * (tauMax / tauMin) ** rng.uniform();
    const shat = tau * s;
    const mtt = Math.sqrt(shat);
    const yMax = -0.5 * Math.log(tau);
    const y = (2 * rng.uniform() - 1) * yMax;
    const x1 = Math.sqrt(tau) * Math.exp(y);
    const x2 = Math.sqrt(tau) * Math.exp(-y);
    pdf.xfxQAll(x1, M_TOP, f1);
    pdf.xfxQAll(x2, M_TOP, f2);
    const beta = Math.sqrt(1 - (4 * M_TOP * M_TOP) / shat);
    const o = b.offsets[e]!;
    const E1 = (x1 * sqrtS) / 2;
    const E2 = (x2 * sqrtS) / 2;
    setParticle(b, o, 21, -1, -1, E1, 0, 0, E1, 0);
    setParticle(b, o + 1, 21, -1, -1, E2, 0, 0, -E2, 0);
    // Tops in the tt̄ frame, then boost along z.
    const cm = new Float64Array(4);
    cm[0] = mtt;
    twoBody(cm, mtt, M_TOP, M_TOP, rng, t, tb);
    const bz = Math.tanh(y);
    boostInPlace(t, 0, 0, 0, bz);
    boostInPlace(tb, 0, 0, 0, bz);
    setParticle(b, o + 2, 6, 2, 0, t[0]!, t[1]!, t[2]!, t[3]!, M_TOP);
    setParticle(b, o + 3, -6, 2, 0, tb[0]!, tb[1]!, tb[2]!, tb[3]!, M_TOP);
    for (let side = 0; side < 2; side++) {
      const top = side === 0 ? t : tb;
      const sign = side === 0 ? 1 : -1;
      twoBody(top, M_TOP, M_W, M_B, rng, w, q);
      const iw = o + 4 + 2 * side;
      setParticle(b, iw, 24 * sign, 2, 2 + side, w[0]!, w[1]!, w[2]!, w[3]!, M_W);
      setParticle(b, iw + 1, 5 * sign, 1, 2 + side, q[0]!, q[1]!, q[2]!, q[3]!, M_B);
      twoBody(w, M_W, 0, 0, rng, d1, d2);
      let a = 0;
      let bb = 0;
      if (rng.uniform() < 0.674) {
        const cs = rng.uniform() < 0.5;
        a = sign * (cs ? 4 : 2);
        bb = -sign * (cs ? 3 : 1);
      } else {
        const l = [11, 13, 15][Math.floor(3 * rng.uniform())]!;
        a = -sign * l;
        bb = sign * (l + 1);
      }
      const k = o + 8 + 2 * side;
      setParticle(b, k, a, 1, 4 + 2 * side, d1[0]!, d1[1]!, d1[2]!, d1[3]!, 0);
      setParticle(b, k + 1, bb, 1, 4 + 2 * side, d2[0]!, d2[1]!, d2[2]!, d2[3]!, 0);
    }
    b.weight[e] =
      ((Math.max(f1[6]!, 0) * Math.max(f2[6]!, 0) * beta) / shat) * Math.log(tauMax / tauMin) * 2 * yMax;
    b.scale[e] = M_TOP;
    b.x1[e] = x1;
    b.x2[e] = x2;
    b.id1[e] = 21;
    b.id2[e] = 21;
  }
  return b;
}
