/**
 * Log-bicubic interpolation of an LHAPDF6 grid and the extrapolation outside it.
 *
 * Interpolation (LHAPDF 6 default `logcubic`, LogBicubicInterpolator; A. Buckley et al.,
 * Eur. Phys. J. C 75 (2015) 132, arXiv:1412.7420, Sec. 4): inside the Q subgrid that contains Q
 * (a Q exactly on a subgrid boundary belongs to the upper subgrid), x·f is a cubic Hermite spline
 * in log x at the four Q knots around Q, with knot derivatives from finite differences (mean of
 * the two neighbouring slopes, one-sided at the grid edges); the four results are then joined by a
 * cubic Hermite spline in log Q² whose derivatives are the same finite differences of those
 * values. A subgrid with only 2 or 3 Q knots falls back to bilinear interpolation in
 * (log x, log Q²), as LHAPDF does. The spline passes through every knot, so the result is exact at
 * the knots and continuous across subgrid edges.
 *
 * Everything that depends on (x, Q) only — knot indices, Hermite weights, the finite-difference
 * coefficients — is folded into 4 x-weights and 4 Q-weights computed once per point, so each
 * flavour costs 16 multiply–adds (STYLE.md §13).
 *
 * Extrapolation policy (`Extrapolation`), for points outside [xMin, xMax] × [QMin, QMax]:
 *  - "continuation" (default; LHAPDF 6's default `continuation` extrapolator, after the MSTW
 *    standalone code, G. Watt 2014): below xMin, x·f is extrapolated linearly in log x from the
 *    first two x knots — in log(x·f) when both values exceed 1e-3, else in x·f itself; above QMax,
 *    the same in log Q² from the last two Q knots; below QMin, x·f(x, QMin)·(Q²/QMin²)^γ with
 *    γ = a·Q²/QMin² + 1 − Q²/QMin², a = d log(x·f)/d log Q² at QMin (from QMin² and 1.01·QMin²,
 *    at least −2.5; a = 1 when |x·f(QMin)| < 1e-5), so x·f → 0 as Q → 0. Above xMax (only possible
 *    for a grid that stops below x = 1) x·f = 0: parton densities vanish as x → 1.
 *  - "nearest": x and Q are replaced by the nearest point of the grid (freeze at the boundary).
 *  - "error": an InputError naming the grid range.
 * In every mode x must be in (0, 1] and Q > 0 (finite), else InputError.
 */
import { InputError } from "../core/errors.js";
import type { PdfGrid, Subgrid } from "./grid.js";

export type Extrapolation = "continuation" | "nearest" | "error";
export const EXTRAPOLATIONS: readonly Extrapolation[] = ["continuation", "nearest", "error"];

/** Number of slots filled by `xfxAll`: PDG −6..6 at index id + 6, photon at 13. */
export const N_SLOTS = 14;

/** Output slot of a PDG id (−6..6 → 0..12, 21 → 6, 22 → 13), or −1. */
export function slotOf(pdgId: number): number {
  if (pdgId === 21 || pdgId === 0) return 6;
  if (pdgId === 22) return 13;
  if (Number.isInteger(pdgId) && pdgId >= -6 && pdgId <= 6) return pdgId + 6;
  return -1;
}

/**
 * Interpolator over one parsed grid. Holds the per-point weights as fields (scratch state), so an
 * instance must not be shared between concurrent evaluations — JavaScript never does that within
 * one thread; workers load their own copy.
 */
export class GridInterpolator {
  readonly grid: PdfGrid;
  readonly extrapolation: Extrapolation;
  /** Column of the grid for each output slot (−1 if the set lacks that parton). */
  readonly columnOfSlot: Int32Array;
  /** Output slot of each grid column. */
  readonly slotOfColumn: Int32Array;
  private readonly nf: number;
  private readonly logXMin: number;
  private readonly logXMin1: number;
  private readonly q2Max1: number;
  /** Scratch rows (one value per column) for the all-flavour extrapolation. */
  private readonly sA: Float64Array;
  private readonly sB: Float64Array;
  private readonly sC: Float64Array;
  private readonly sD: Float64Array;

  // Per-point state set by locate().
  private sg: Subgrid;
  private base0 = 0; // (ix·nq)·nf
  private base1 = 0; // ((ix+1)·nq)·nf
  private r0 = 0;
  private r1 = 0;
  private r2 = 0;
  private r3 = 0;
  private c0 = 0;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private w0 = 0;
  private w1 = 0;
  private w2 = 0;
  private w3 = 0;

  /**
   * LHAPDF `ForcePositive`: 0 = values as interpolated, 1 = negative values become 0,
   * 2 = values below 1e-10 become 1e-10 (LHAPDF 6 PDF::xfxQ2).
   */
  readonly forcePositive: 0 | 1 | 2;

  constructor(grid: PdfGrid, extrapolation: Extrapolation = "continuation", forcePositive: 0 | 1 | 2 = 0) {
    this.grid = grid;
    this.extrapolation = extrapolation;
    this.forcePositive = forcePositive;
    this.nf = grid.flavours.length;
    this.columnOfSlot = new Int32Array(N_SLOTS).fill(-1);
    this.slotOfColumn = new Int32Array(this.nf);
    for (let k = 0; k < this.nf; k++) {
      const s = slotOf(grid.flavours[k]!);
      this.slotOfColumn[k] = s;
      this.columnOfSlot[s] = k;
    }
    const first = grid.subgrids[0]!;
    const last = grid.subgrids[grid.subgrids.length - 1]!;
    this.sg = first;
    this.logXMin = first.logxs[0]!;
    this.logXMin1 = first.logxs[1]!;
    this.q2Max1 = last.q2s[last.nq - 2]!;
    this.sA = new Float64Array(this.nf);
    this.sB = new Float64Array(this.nf);
    this.sC = new Float64Array(this.nf);
    this.sD = new Float64Array(this.nf);
  }

  /** x·f(x, Q²) for grid column k (k < 0 → 0), with the extrapolation policy. */
  xfxQ2Column(k: number, x: number, q2: number): number {
    if (!(x > 0 && x <= 1)) throw new InputError("x", "a number in (0, 1]", x);
    if (!(q2 > 0 && q2 < Number.POSITIVE_INFINITY))
      throw new InputError("Q", "a finite number > 0 GeV", Math.sqrt(q2));
    if (k < 0) return 0;
    const g = this.grid;
    let v: number;
    if (x >= g.xMin && x <= g.xMax && q2 >= g.q2Min && q2 <= g.q2Max) {
      this.locate(x, q2);
      v = this.column(k);
    } else {
      v = this.extrapolate(k, x, q2);
    }
    return this.forcePositive === 0 ? v : this.positive(v);
  }

  private positive(v: number): number {
    return Math.max(v, this.forcePositive === 1 ? 0 : 1e-10);
  }

  /**
   * x·f for every slot (see N_SLOTS) into out[0..13]; slots of partons the set lacks get 0.
   * Inside the grid the weights are computed once and reused for all columns.
   */
  xfxQ2All(x: number, q2: number, out: Float64Array): void {
    if (!(x > 0 && x <= 1)) throw new InputError("x", "a number in (0, 1]", x);
    if (!(q2 > 0 && q2 < Number.POSITIVE_INFINITY))
      throw new InputError("Q", "a finite number > 0 GeV", Math.sqrt(q2));
    out.fill(0, 0, N_SLOTS);
    const g = this.grid;
    const nf = this.nf;
    if (x >= g.xMin && x <= g.xMax && q2 >= g.q2Min && q2 <= g.q2Max) {
      this.locate(x, q2);
      for (let k = 0; k < nf; k++) out[this.slotOfColumn[k]!] = this.column(k);
    } else {
      this.extrapolateAll(x, q2, out);
    }
    if (this.forcePositive !== 0) {
      for (let k = 0; k < nf; k++) {
        const s = this.slotOfColumn[k]!;
        out[s] = this.positive(out[s]!);
      }
    }
  }

  /**
   * x·f of grid column kA at (xA, Q²) and of column kB at (xB, Q²) into out[0], out[1] (k < 0 →
   * 0), with the extrapolation policy. When both points are inside the grid the Q² knots and
   * weights are located once for both; the numbers are those of two `xfxQ2Column` calls.
   */
  xfxQ2Pair(kA: number, xA: number, kB: number, xB: number, q2: number, out: Float64Array): void {
    const g = this.grid;
    if (
      xA >= g.xMin &&
      xA <= g.xMax &&
      xB >= g.xMin &&
      xB <= g.xMax &&
      q2 >= g.q2Min &&
      q2 <= g.q2Max &&
      kA >= 0 &&
      kB >= 0
    ) {
      this.locateQ(q2);
      this.locateX(xA);
      const a = this.column(kA);
      this.locateX(xB);
      const b = this.column(kB);
      out[0] = this.forcePositive === 0 ? a : this.positive(a);
      out[1] = this.forcePositive === 0 ? b : this.positive(b);
      return;
    }
    out[0] = this.xfxQ2Column(kA, xA, q2);
    out[1] = this.xfxQ2Column(kB, xB, q2);
  }

  /** Sets the subgrid, knot rows and weights for an in-range point. */
  private locate(x: number, q2: number): void {
    this.locateQ(q2);
    this.locateX(x);
  }

  /** The x part of `locate` (after `locateQ`): knot rows and x weights in the current subgrid. */
  private locateX(x: number): void {
    const sg = this.sg;
    const nq = sg.nq;
    const nf = this.nf;
    // x: largest ix with xs[ix] ≤ x, at most nx − 2 (x = xMax uses the last interval).
    const xs = sg.xs;
    let lo = 0;
    let hi = sg.nx - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const ix = lo;
    this.base0 = ix * nq * nf;
    this.base1 = (ix + 1) * nq * nf;
    const lx = sg.logxs;
    const dx = lx[ix + 1]! - lx[ix]!;
    const tx = (Math.log(x) - lx[ix]!) / dx;
    if (nq < 4) {
      // LHAPDF's fallback for 2–3 Q knots: bilinear in (log x, log Q²).
      this.w0 = 1 - tx;
      this.w1 = 0;
      this.w2 = tx;
      this.w3 = 0;
      return;
    }
    // Cubic Hermite basis h00, h10, h01, h11 in x (derivatives are per unit log x, so scale by dx).
    const tx2 = tx * tx;
    const tx3 = tx2 * tx;
    this.w0 = 2 * tx3 - 3 * tx2 + 1;
    this.w1 = (tx3 - 2 * tx2 + tx) * dx;
    this.w2 = -2 * tx3 + 3 * tx2;
    this.w3 = (tx3 - tx2) * dx;
  }

  /** The Q² part of `locate`: subgrid, knot rows r0..r3 and Q weights c0..c3. */
  private locateQ(q2: number): void {
    const subgrids = this.grid.subgrids;
    let s = subgrids.length - 1;
    while (s > 0 && q2 < subgrids[s]!.q2s[0]!) s--;
    const sg = subgrids[s]!;
    this.sg = sg;
    const nq = sg.nq;
    // Q²: largest iq with q2s[iq] ≤ Q², at most nq − 2, on this subgrid's knots.
    const q2s = sg.q2s;
    let qlo = 0;
    let qhi = nq - 1;
    while (qhi - qlo > 1) {
      const mid = (qlo + qhi) >> 1;
      if (q2s[mid]! <= q2) qlo = mid;
      else qhi = mid;
    }
    const iq = qlo;
    const lq = sg.logq2s;
    const dq = lq[iq + 1]! - lq[iq]!;
    const tq = (Math.log(q2) - lq[iq]!) / dq;

    if (nq < 4) {
      // LHAPDF's fallback for 2–3 Q knots: bilinear in (log x, log Q²) (x weights in locateX).
      this.r0 = iq;
      this.r1 = iq;
      this.r2 = iq + 1;
      this.r3 = iq + 1;
      this.c0 = 0;
      this.c1 = 1 - tq;
      this.c2 = tq;
      this.c3 = 0;
      return;
    }
    // In log Q² the knot derivatives (times dq) are linear in the values v(iq−1..iq+2):
    //   lower knot: v1 − v0 (forward, first knot) or ½[(v1 − v0) + (dq/dq₋)(v0 − v₋₁)];
    //   upper knot: v1 − v0 (backward, last knot) or ½[(v1 − v0) + (dq/dq₊)(v2 − v1)].
    let dlm = 0;
    let dl0 = -1;
    let dl1 = 1;
    if (iq > 0) {
      const r = dq / (lq[iq]! - lq[iq - 1]!);
      dlm = -0.5 * r;
      dl0 = -0.5 + 0.5 * r;
      dl1 = 0.5;
    }
    let dh0 = -1;
    let dh1 = 1;
    let dh2 = 0;
    if (iq + 2 < nq) {
      const r = dq / (lq[iq + 2]! - lq[iq + 1]!);
      dh0 = -0.5;
      dh1 = 0.5 - 0.5 * r;
      dh2 = 0.5 * r;
    }
    const tq2 = tq * tq;
    const tq3 = tq2 * tq;
    const h00 = 2 * tq3 - 3 * tq2 + 1;
    const h10 = tq3 - 2 * tq2 + tq;
    const h01 = -2 * tq3 + 3 * tq2;
    const h11 = tq3 - tq2;
    this.c0 = h10 * dlm;
    this.c1 = h00 + h10 * dl0 + h11 * dh0;
    this.c2 = h01 + h10 * dl1 + h11 * dh1;
    this.c3 = h11 * dh2;
    this.r0 = iq > 0 ? iq - 1 : iq;
    this.r1 = iq;
    this.r2 = iq + 1;
    this.r3 = iq + 2 < nq ? iq + 2 : iq + 1;
  }

  /** Interpolated x·f of column k at the located point. */
  private column(k: number): number {
    const f = this.sg.xf;
    const d = this.sg.dxf;
    const nf = this.nf;
    const w0 = this.w0;
    const w1 = this.w1;
    const w2 = this.w2;
    const w3 = this.w3;
    let a = this.base0 + this.r0 * nf + k;
    let b = this.base1 + this.r0 * nf + k;
    const v0 = w0 * f[a]! + w1 * d[a]! + w2 * f[b]! + w3 * d[b]!;
    a = this.base0 + this.r1 * nf + k;
    b = this.base1 + this.r1 * nf + k;
    const v1 = w0 * f[a]! + w1 * d[a]! + w2 * f[b]! + w3 * d[b]!;
    a = this.base0 + this.r2 * nf + k;
    b = this.base1 + this.r2 * nf + k;
    const v2 = w0 * f[a]! + w1 * d[a]! + w2 * f[b]! + w3 * d[b]!;
    a = this.base0 + this.r3 * nf + k;
    b = this.base1 + this.r3 * nf + k;
    const v3 = w0 * f[a]! + w1 * d[a]! + w2 * f[b]! + w3 * d[b]!;
    return this.c0 * v0 + this.c1 * v1 + this.c2 * v2 + this.c3 * v3;
  }

  /** In-range interpolation of column k (point assumed inside the grid). */
  private inside(k: number, x: number, q2: number): number {
    this.locate(x, q2);
    return this.column(k);
  }

  /** All columns at an in-range point into dst[0..nf−1]. */
  private insideAll(x: number, q2: number, dst: Float64Array): void {
    this.locate(x, q2);
    for (let k = 0; k < this.nf; k++) dst[k] = this.column(k);
  }

  /**
   * All-flavour twin of extrapolate(): the same formulas, with each boundary point located once
   * for all columns (results identical to the per-column path; tested).
   */
  private extrapolateAll(x: number, q2: number, out: Float64Array): void {
    const g = this.grid;
    const nf = this.nf;
    const slot = this.slotOfColumn;
    if (this.extrapolation !== "continuation") {
      if (this.extrapolation === "error") this.extrapolate(0, x, q2); // throws
      this.insideAll(
        Math.min(Math.max(x, g.xMin), g.xMax),
        Math.min(Math.max(q2, g.q2Min), g.q2Max),
        this.sA,
      );
      for (let k = 0; k < nf; k++) out[slot[k]!] = this.sA[k]!;
      return;
    }
    if (x > g.xMax) {
      for (let k = 0; k < nf; k++) out[slot[k]!] = 0;
      return;
    }
    const { sA, sB, sC, sD } = this;
    const xMin = g.xMin;
    const xMin1 = g.subgrids[0]!.xs[1]!;
    const lx = Math.log(x);
    const lxa = this.logXMin;
    const lxb = this.logXMin1;
    if (q2 >= g.q2Min) {
      if (q2 <= g.q2Max) {
        this.insideAll(xMin, q2, sA);
        this.insideAll(xMin1, q2, sB);
        for (let k = 0; k < nf; k++) out[slot[k]!] = extrapolateLinear(lx, lxa, lxb, sA[k]!, sB[k]!);
        return;
      }
      const lq = Math.log(q2);
      const lqa = Math.log(g.q2Max);
      const lqb = Math.log(this.q2Max1);
      if (x >= xMin) {
        this.insideAll(x, g.q2Max, sA);
        this.insideAll(x, this.q2Max1, sB);
        for (let k = 0; k < nf; k++) out[slot[k]!] = extrapolateLinear(lq, lqa, lqb, sA[k]!, sB[k]!);
        return;
      }
      this.insideAll(xMin, g.q2Max, sA);
      this.insideAll(xMin, this.q2Max1, sB);
      this.insideAll(xMin1, g.q2Max, sC);
      this.insideAll(xMin1, this.q2Max1, sD);
      for (let k = 0; k < nf; k++) {
        const f0 = extrapolateLinear(lq, lqa, lqb, sA[k]!, sB[k]!);
        const f1 = extrapolateLinear(lq, lqa, lqb, sC[k]!, sD[k]!);
        out[slot[k]!] = extrapolateLinear(lx, lxa, lxb, f0, f1);
      }
      return;
    }
    const q2Min = g.q2Min;
    const q2Min1 = Math.min(1.01 * q2Min, g.q2Max);
    if (x < xMin) {
      this.insideAll(xMin, q2Min, sA);
      this.insideAll(xMin1, q2Min, sB);
      this.insideAll(xMin, q2Min1, sC);
      this.insideAll(xMin1, q2Min1, sD);
      for (let k = 0; k < nf; k++) {
        sA[k] = extrapolateLinear(lx, lxa, lxb, sA[k]!, sB[k]!);
        sC[k] = extrapolateLinear(lx, lxa, lxb, sC[k]!, sD[k]!);
      }
    } else {
      this.insideAll(x, q2Min, sA);
      this.insideAll(x, q2Min1, sC);
    }
    for (let k = 0; k < nf; k++) out[slot[k]!] = belowQMin(sA[k]!, sC[k]!, q2, q2Min, q2Min1);
  }

  private extrapolate(k: number, x: number, q2: number): number {
    const g = this.grid;
    if (this.extrapolation === "error") {
      if (x < g.xMin || x > g.xMax)
        throw new InputError("x", `inside the PDF grid [${g.xMin}, ${g.xMax}]`, x);
      throw new InputError(
        "Q",
        `inside the PDF grid [${Math.sqrt(g.q2Min)}, ${Math.sqrt(g.q2Max)}] GeV`,
        Math.sqrt(q2),
      );
    }
    if (this.extrapolation === "nearest") {
      const xc = Math.min(Math.max(x, g.xMin), g.xMax);
      const qc = Math.min(Math.max(q2, g.q2Min), g.q2Max);
      return this.inside(k, xc, qc);
    }
    // "continuation" (LHAPDF ContinuationExtrapolator, see the file comment).
    if (x > g.xMax) return 0;
    const xMin = g.xMin;
    const xMin1 = this.grid.subgrids[0]!.xs[1]!;
    const lx = Math.log(x);
    if (q2 >= g.q2Min) {
      if (q2 <= g.q2Max) {
        // small x only
        return extrapolateLinear(
          lx,
          this.logXMin,
          this.logXMin1,
          this.inside(k, xMin, q2),
          this.inside(k, xMin1, q2),
        );
      }
      const lq = Math.log(q2);
      const lqMax = Math.log(g.q2Max);
      const lqMax1 = Math.log(this.q2Max1);
      if (x >= xMin) {
        return extrapolateLinear(
          lq,
          lqMax,
          lqMax1,
          this.inside(k, x, g.q2Max),
          this.inside(k, x, this.q2Max1),
        );
      }
      const f0 = extrapolateLinear(
        lq,
        lqMax,
        lqMax1,
        this.inside(k, xMin, g.q2Max),
        this.inside(k, xMin, this.q2Max1),
      );
      const f1 = extrapolateLinear(
        lq,
        lqMax,
        lqMax1,
        this.inside(k, xMin1, g.q2Max),
        this.inside(k, xMin1, this.q2Max1),
      );
      return extrapolateLinear(lx, this.logXMin, this.logXMin1, f0, f1);
    }
    // Below QMin: anomalous-dimension continuation towards x·f ∝ Q² as Q → 0.
    const q2Min = g.q2Min;
    const q2Min1 = Math.min(1.01 * q2Min, g.q2Max);
    let fq: number;
    let fq1: number;
    if (x < xMin) {
      fq = extrapolateLinear(
        lx,
        this.logXMin,
        this.logXMin1,
        this.inside(k, xMin, q2Min),
        this.inside(k, xMin1, q2Min),
      );
      fq1 = extrapolateLinear(
        lx,
        this.logXMin,
        this.logXMin1,
        this.inside(k, xMin, q2Min1),
        this.inside(k, xMin1, q2Min1),
      );
    } else {
      fq = this.inside(k, x, q2Min);
      fq1 = this.inside(k, x, q2Min1);
    }
    return belowQMin(fq, fq1, q2, q2Min, q2Min1);
  }
}

/**
 * Below QMin (LHAPDF ContinuationExtrapolator): x·f(QMin)·(Q²/QMin²)^{γ r + 1 − r}, r = Q²/QMin²,
 * with γ = d log(x·f)/d log Q² from the values fq at QMin² and fq1 at q2Min1 = 1.01·QMin²
 * (γ ≥ −2.5; γ = 1 when |fq| < 1e-5).
 */
function belowQMin(fq: number, fq1: number, q2: number, q2Min: number, q2Min1: number): number {
  const anom = Math.abs(fq) >= 1e-5 ? Math.max(-2.5, (fq1 - fq) / fq / (q2Min1 / q2Min - 1)) : 1;
  const r = q2 / q2Min;
  return fq * r ** (anom * r + 1 - r);
}

/**
 * Straight-line extrapolation in a log variable u from (ul, yl), (uh, yh): in log y when both
 * values exceed 1e-3 (keeps y positive), else in y (LHAPDF ContinuationExtrapolator).
 */
function extrapolateLinear(u: number, ul: number, uh: number, yl: number, yh: number): number {
  const s = (u - ul) / (uh - ul);
  if (yl > 1e-3 && yh > 1e-3) return Math.exp(Math.log(yl) + s * (Math.log(yh) - Math.log(yl)));
  return yl + s * (yh - yl);
}
