/**
 * The strong coupling α_s(Q) as an LHAPDF6 set declares it (`AlphaS_Type` in the `.info`):
 *  - "ode": the renormalisation-group equation integrated from α_s(M_Z) at the declared loop
 *    order (AlphaS_OrderQCD 0..3 ⇒ 1..4 loops), with the number of active flavours changing at
 *    the quark masses (continuous matching, see AlphaSOde);
 *  - "ipol": cubic interpolation of the tabulated (AlphaS_Qs, AlphaS_Vals), as LHAPDF's AlphaS_Ipol;
 *  - "analytic": the approximate solution in terms of Λ_QCD^(nf) (AlphaS_Lambda3/4/5).
 *
 * β function (PDG 2024, S. Navas et al., Phys. Rev. D 110, 030001, QCD review eqs. 9.3–9.4):
 *   μ² dα_s/dμ² = −(b0 α_s² + b1 α_s³ + b2 α_s⁴ + b3 α_s⁵),
 *   b0 = (33 − 2nf)/(12π), b1 = (153 − 19nf)/(24π²), b2 = (2857 − 5033nf/9 + 325nf²/27)/(128π³),
 *   b3 = [149753/6 + 3564ζ3 − (1078361/162 + 6508ζ3/27)nf + (50065/162 + 6472ζ3/81)nf² + 1093nf³/729]/(256π⁴).
 */
import { InputError } from "../core/errors.js";

const ZETA3 = 1.2020569031595942;

/** The coefficients b0..b3 of the β function above for nf active flavours. */
export function betaCoefficients(nf: number): [number, number, number, number] {
  const pi = Math.PI;
  return [
    (33 - 2 * nf) / (12 * pi),
    (153 - 19 * nf) / (24 * pi * pi),
    (2857 - (5033 * nf) / 9 + (325 * nf * nf) / 27) / (128 * pi ** 3),
    (149753 / 6 +
      3564 * ZETA3 -
      (1078361 / 162 + (6508 * ZETA3) / 27) * nf +
      (50065 / 162 + (6472 * ZETA3) / 81) * nf * nf +
      (1093 * nf ** 3) / 729) /
      (256 * pi ** 4),
  ];
}

/** dα_s/d ln μ² truncated after `loops` terms of the β function. */
function beta(a: number, b: readonly number[], loops: number): number {
  let s = b[0]!;
  let p = a;
  for (let i = 1; i < loops; i++) {
    s += b[i]! * p;
    p *= a;
  }
  return -a * a * s;
}

export interface AlphaS {
  readonly type: "ode" | "ipol" | "analytic";
  alphaS(qGeV: number): number;
}

function checkQ(q: number): number {
  if (!(q > 0 && q < Number.POSITIVE_INFINITY)) throw new InputError("Q", "a finite number > 0 GeV", q);
  return q * q;
}

export interface OdeParameters {
  alphaSMZ: number;
  mZ: number;
  /** LHAPDF AlphaS_OrderQCD: 0 = 1-loop (LO) … 3 = 4-loop running. */
  orderQCD: number;
  /** Heavy-quark masses (c, b, t) in GeV; a flavour is active for Q ≥ its mass. */
  quarkMasses: readonly number[];
  /** Largest number of active flavours (LHAPDF AlphaS_NumFlavors / NumFlavors). */
  nfMax: number;
  /** Q range over which a table is precomputed (queries outside are integrated directly). */
  qMin: number;
  qMax: number;
}

interface Segment {
  t0: number;
  h: number;
  n: number;
  nf: number;
  a: Float64Array;
  da: Float64Array;
}

/** Step in ln Q² of the precomputed table and of the RK4 integration. */
const STEP = 0.01;
/** α_s above this is taken as the Landau pole: the running stops there. */
const ALPHA_MAX = 10;

/**
 * α_s from the RGE, integrated with 4th-order Runge–Kutta in t = ln Q² (step ≤ 0.01) from
 * α_s(M_Z), and tabulated with its exact derivative β(α_s) on the knots, so a query is a cubic
 * Hermite interpolation (error ≪ 1e-8). Matching at the thresholds is continuous: exact at 1 and
 * 2 loops for μ_threshold = m_q (the first non-trivial MS-bar decoupling term is O(α_s³)); at 3
 * and 4 loops this omits the O(α_s³) decoupling constants (a ~0.2 % effect at m_c).
 */
export class AlphaSOde implements AlphaS {
  readonly type = "ode";
  private readonly segments: Segment[] = [];
  private readonly loops: number;
  private readonly thresholds: number[];
  private readonly p: OdeParameters;
  /** Lowest ln Q² reached before the Landau pole (−∞ if the table's lower end is fine). */
  private tFloor = Number.NEGATIVE_INFINITY;

  constructor(p: OdeParameters) {
    this.p = p;
    this.loops = Math.min(Math.max(Math.round(p.orderQCD), 0), 3) + 1;
    const nHeavy = Math.max(0, Math.min(3, p.nfMax - 3));
    this.thresholds = p.quarkMasses.slice(0, nHeavy).map((m) => Math.log(m * m));
    const tMZ = Math.log(p.mZ * p.mZ);
    const tLo = Math.min(Math.log(p.qMin * p.qMin), tMZ);
    const tHi = Math.max(Math.log(p.qMax * p.qMax), tMZ);
    const cuts = [...new Set([tLo, tMZ, tHi, ...this.thresholds.filter((t) => t > tLo && t < tHi)])].sort(
      (u, v) => u - v,
    );
    const iMZ = cuts.indexOf(tMZ);
    // Upwards from M_Z.
    let a = p.alphaSMZ;
    const up: Segment[] = [];
    for (let i = iMZ; i < cuts.length - 1; i++) {
      const seg = this.integrate(cuts[i]!, a, cuts[i + 1]!, this.nfAt(0.5 * (cuts[i]! + cuts[i + 1]!)));
      if (seg === undefined) break;
      up.push(seg);
      a = seg.a[seg.n]!;
    }
    // Downwards from M_Z.
    a = p.alphaSMZ;
    const down: Segment[] = [];
    for (let i = iMZ; i > 0; i--) {
      const seg = this.integrate(cuts[i]!, a, cuts[i - 1]!, this.nfAt(0.5 * (cuts[i]! + cuts[i - 1]!)));
      if (seg === undefined) {
        this.tFloor = cuts[i]!;
        break;
      }
      down.push(seg);
      a = seg.a[0]!;
    }
    this.segments = [...down.reverse(), ...up];
  }

  /** Active flavours at t = ln Q² (called with the midpoint of an interval between thresholds). */
  private nfAt(t: number): number {
    let nf = 3;
    for (const th of this.thresholds) if (t >= th) nf++;
    return Math.min(nf, Math.max(3, this.p.nfMax));
  }

  /** Integrates from (tA, aA) to tB at fixed nf; returns the segment ordered by increasing t. */
  private integrate(tA: number, aA: number, tB: number, nf: number): Segment | undefined {
    const n = Math.max(1, Math.ceil(Math.abs(tB - tA) / STEP));
    const h = (tB - tA) / n;
    const b = betaCoefficients(nf);
    const a = new Float64Array(n + 1);
    const da = new Float64Array(n + 1);
    let y = aA;
    a[0] = y;
    da[0] = beta(y, b, this.loops);
    for (let i = 1; i <= n; i++) {
      y = this.rk4(y, h, b);
      if (!(y > 0 && y < ALPHA_MAX)) return undefined;
      a[i] = y;
      da[i] = beta(y, b, this.loops);
    }
    if (h > 0) return { t0: tA, h, n, nf, a, da };
    a.reverse();
    da.reverse();
    return { t0: tB, h: -h, n, nf, a, da };
  }

  private rk4(y: number, h: number, b: readonly number[]): number {
    const L = this.loops;
    const k1 = beta(y, b, L);
    const k2 = beta(y + 0.5 * h * k1, b, L);
    const k3 = beta(y + 0.5 * h * k2, b, L);
    const k4 = beta(y + h * k3, b, L);
    return y + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }

  alphaS(qGeV: number): number {
    const t = Math.log(checkQ(qGeV));
    const segs = this.segments;
    const first = segs[0];
    const last = segs[segs.length - 1];
    if (first === undefined || last === undefined || t < first.t0 || t > last.t0 + last.n * last.h) {
      return this.direct(t, qGeV);
    }
    let s = segs.length - 1;
    while (s > 0 && t < segs[s]!.t0) s--;
    const seg = segs[s]!;
    const u = (t - seg.t0) / seg.h;
    let i = Math.floor(u);
    if (i >= seg.n) i = seg.n - 1;
    const tau = u - i;
    const tau2 = tau * tau;
    const tau3 = tau2 * tau;
    // Cubic Hermite with the exact derivatives dα/dt at the knots.
    return (
      (2 * tau3 - 3 * tau2 + 1) * seg.a[i]! +
      (tau3 - 2 * tau2 + tau) * seg.h * seg.da[i]! +
      (-2 * tau3 + 3 * tau2) * seg.a[i + 1]! +
      (tau3 - tau2) * seg.h * seg.da[i + 1]!
    );
  }

  /** Outside the table: integrate from its nearest end, crossing thresholds as needed. */
  private direct(t: number, qGeV: number): number {
    const segs = this.segments;
    const first = segs[0];
    const last = segs[segs.length - 1];
    if (first === undefined || last === undefined || t < this.tFloor) {
      throw new InputError(
        "Q",
        `above the Landau pole of this α_s running (${Math.exp(this.tFloor / 2)} GeV)`,
        qGeV,
      );
    }
    let tA: number;
    let a: number;
    if (t < first.t0) {
      tA = first.t0;
      a = first.a[0]!;
    } else {
      tA = last.t0 + last.n * last.h;
      a = last.a[last.n]!;
    }
    const stops = [...this.thresholds.filter((th) => (th - tA) * (th - t) < 0), t].sort((u, v) =>
      t > tA ? u - v : v - u,
    );
    for (const tB of stops) {
      const nf = this.nfAt(0.5 * (tA + tB));
      const seg = this.integrate(tA, a, tB, nf);
      if (seg === undefined) {
        throw new InputError("Q", "above the Landau pole of this α_s running", qGeV);
      }
      a = t > tA ? seg.a[seg.n]! : seg.a[0]!;
      tA = tB;
    }
    return a;
  }
}

/**
 * Interpolation of a tabulated α_s (LHAPDF AlphaS_Ipol): the table splits into subgrids where a Q
 * value repeats (flavour thresholds); inside a subgrid, cubic Hermite in log Q² with derivatives
 * from finite differences (mean of both sides inside, one-sided at the ends). Below the first knot
 * α_s continues as a power of Q² with the log-log slope of the first interval; above the last it is
 * frozen (both as LHAPDF does).
 */
export class AlphaSIpol implements AlphaS {
  readonly type = "ipol";
  private readonly grids: { lq: Float64Array; a: Float64Array }[] = [];
  private readonly q2s: number[];
  private readonly vals: number[];

  /** qs ascending (repeats allowed at thresholds), values > 0; validated by the caller. */
  constructor(qs: readonly number[], vals: readonly number[]) {
    this.q2s = qs.map((q) => q * q);
    this.vals = [...vals];
    let start = 0;
    for (let i = 1; i <= qs.length; i++) {
      if (i === qs.length || qs[i] === qs[i - 1]) {
        this.grids.push({
          lq: Float64Array.from(this.q2s.slice(start, i), Math.log),
          a: Float64Array.from(this.vals.slice(start, i)),
        });
        start = i;
      }
    }
  }

  alphaS(qGeV: number): number {
    const q2 = checkQ(qGeV);
    const q2s = this.q2s;
    if (q2 < q2s[0]!) {
      let j = 1;
      while (j < q2s.length - 1 && q2s[j] === q2s[0]) j++;
      const slope = Math.log(this.vals[j]! / this.vals[0]!) / Math.log(q2s[j]! / q2s[0]!);
      return this.vals[0]! * (q2 / q2s[0]!) ** slope;
    }
    if (q2 >= q2s[q2s.length - 1]!) return this.vals[this.vals.length - 1]!;
    const t = Math.log(q2);
    let g = this.grids.length - 1;
    while (g > 0 && t < this.grids[g]!.lq[0]!) g--;
    const { lq, a } = this.grids[g]!;
    const n = lq.length;
    if (n < 2) return a[0]!;
    let i = 0;
    while (i < n - 2 && lq[i + 1]! <= t) i++;
    const d = lq[i + 1]! - lq[i]!;
    const tau = (t - lq[i]!) / d;
    const slope = (j: number): number => {
      if (j === 0) return (a[1]! - a[0]!) / (lq[1]! - lq[0]!);
      if (j === n - 1) return (a[j]! - a[j - 1]!) / (lq[j]! - lq[j - 1]!);
      return (
        0.5 * ((a[j + 1]! - a[j]!) / (lq[j + 1]! - lq[j]!) + (a[j]! - a[j - 1]!) / (lq[j]! - lq[j - 1]!))
      );
    };
    const tau2 = tau * tau;
    const tau3 = tau2 * tau;
    return (
      (2 * tau3 - 3 * tau2 + 1) * a[i]! +
      (tau3 - 2 * tau2 + tau) * d * slope(i) +
      (-2 * tau3 + 3 * tau2) * a[i + 1]! +
      (tau3 - tau2) * d * slope(i + 1)
    );
  }
}

/**
 * α_s from Λ_QCD^(nf) (PDG 2024 QCD review eq. 9.5, truncated after the b2 term):
 *   α_s = 1/(b0 L) [1 − b1 ln L/(b0² L) + (b1²(ln²L − ln L − 1) + b0 b2)/(b0⁴ L²)], L = ln(Q²/Λ²),
 * keeping the terms up to the declared order; nf from the quark masses as for "ode".
 */
export class AlphaSAnalytic implements AlphaS {
  readonly type = "analytic";
  constructor(
    private readonly lambdas: ReadonlyMap<number, number>,
    private readonly orderQCD: number,
    private readonly quarkMasses: readonly number[],
    private readonly nfMax: number,
  ) {}

  alphaS(qGeV: number): number {
    checkQ(qGeV);
    let nf = 3;
    for (const m of this.quarkMasses) if (qGeV >= m) nf++;
    nf = Math.min(nf, Math.max(3, this.nfMax));
    while (!this.lambdas.has(nf) && nf > 3) nf--;
    const lambda = this.lambdas.get(nf);
    if (lambda === undefined)
      throw new InputError("AlphaS_Lambda", "defined for the active flavour number", nf);
    if (!(qGeV > lambda)) throw new InputError("Q", `above Λ_QCD^(${nf}) = ${lambda} GeV`, qGeV);
    const [b0, b1, b2] = betaCoefficients(nf);
    const L = Math.log((qGeV * qGeV) / (lambda * lambda));
    const lnL = Math.log(L);
    let bracket = 1;
    if (this.orderQCD >= 1) bracket -= (b1 * lnL) / (b0 * b0 * L);
    if (this.orderQCD >= 2) bracket += (b1 * b1 * (lnL * lnL - lnL - 1) + b0 * b2) / (b0 ** 4 * L * L);
    return bracket / (b0 * L);
  }
}
