/**
 * Weighted histograms with per-bin sums of weights and of squared weights, so that every bin
 * carries its MC error σ = √Σw². Under- and overflow are kept separately.
 */
import { InputError } from "./errors.js";

export type Binning =
  | { kind: "uniform"; lo: number; hi: number; bins: number }
  | { kind: "log"; lo: number; hi: number; bins: number }
  | { kind: "edges"; edges: readonly number[] };

/** Bin edges for a binning specification (validated: increasing, finite, log needs lo > 0). */
export function binEdges(b: Binning): Float64Array {
  if (b.kind === "edges") {
    if (b.edges.length < 2) throw new InputError("binning.edges", "at least two edges", b.edges.length);
    for (let i = 1; i < b.edges.length; i++) {
      if (!(b.edges[i]! > b.edges[i - 1]!)) {
        throw new InputError(`binning.edges[${i}]`, "strictly increasing", b.edges[i]);
      }
    }
    return Float64Array.from(b.edges);
  }
  if (!Number.isInteger(b.bins) || b.bins < 1) throw new InputError("binning.bins", "an integer ≥ 1", b.bins);
  if (!(b.hi > b.lo)) throw new InputError("binning.hi", `greater than lo = ${b.lo}`, b.hi);
  const edges = new Float64Array(b.bins + 1);
  if (b.kind === "uniform") {
    for (let i = 0; i <= b.bins; i++) edges[i] = b.lo + ((b.hi - b.lo) * i) / b.bins;
  } else {
    if (!(b.lo > 0)) throw new InputError("binning.lo", "> 0 for a log binning", b.lo);
    const l0 = Math.log(b.lo);
    const l1 = Math.log(b.hi);
    for (let i = 0; i <= b.bins; i++) edges[i] = Math.exp(l0 + ((l1 - l0) * i) / b.bins);
    edges[0] = b.lo;
    edges[b.bins] = b.hi;
  }
  return edges;
}

/** Index of the bin holding x in sorted `edges`: −1 underflow, edges.length − 1 overflow. */
export function findBin(edges: Float64Array, x: number): number {
  const n = edges.length - 1;
  if (!(x >= edges[0]!)) return -1;
  if (x >= edges[n]!) return n;
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x >= edges[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}

export class Histogram1D {
  readonly edges: Float64Array;
  readonly sumW: Float64Array;
  readonly sumW2: Float64Array;
  underflowW = 0;
  underflowW2 = 0;
  overflowW = 0;
  overflowW2 = 0;
  entries = 0;

  constructor(binning: Binning) {
    this.edges = binEdges(binning);
    this.sumW = new Float64Array(this.edges.length - 1);
    this.sumW2 = new Float64Array(this.edges.length - 1);
  }

  get bins(): number {
    return this.sumW.length;
  }

  /**
   * Adds weight w at x, and `w2` (default w²) to the bin's Σw² (a caller that knows the entry is
   * correlated with others passes its share of their joint variance). NaN x is counted as underflow
   * so no weight is silently lost.
   */
  fill(x: number, w = 1, w2: number = w * w): void {
    this.entries++;
    const i = findBin(this.edges, x);
    if (i < 0) {
      this.underflowW += w;
      this.underflowW2 += w2;
    } else if (i >= this.sumW.length) {
      this.overflowW += w;
      this.overflowW2 += w2;
    } else {
      this.sumW[i] = this.sumW[i]! + w;
      this.sumW2[i] = this.sumW2[i]! + w2;
    }
  }

  /** MC error of bin i: √Σw². */
  error(i: number): number {
    return Math.sqrt(this.sumW2[i]!);
  }

  /** Sum of weights in range (bins only, or including under/overflow). */
  integral(withFlow = false): number {
    let s = 0;
    for (let i = 0; i < this.sumW.length; i++) s += this.sumW[i]!;
    return withFlow ? s + this.underflowW + this.overflowW : s;
  }

  /** Adds another histogram with identical edges (for merging worker results). */
  add(other: Histogram1D): void {
    if (other.edges.length !== this.edges.length || other.edges.some((e, i) => e !== this.edges[i])) {
      throw new InputError("histogram.edges", "identical edges in both histograms", "different edges");
    }
    for (let i = 0; i < this.sumW.length; i++) {
      this.sumW[i] = this.sumW[i]! + other.sumW[i]!;
      this.sumW2[i] = this.sumW2[i]! + other.sumW2[i]!;
    }
    this.underflowW += other.underflowW;
    this.underflowW2 += other.underflowW2;
    this.overflowW += other.overflowW;
    this.overflowW2 += other.overflowW2;
    this.entries += other.entries;
  }

  /** Plain-object form for JSON output. */
  toJSON(): { edges: number[]; sumW: number[]; errW: number[]; underflowW: number; overflowW: number } {
    return {
      edges: Array.from(this.edges),
      sumW: Array.from(this.sumW),
      errW: Array.from(this.sumW2, Math.sqrt),
      underflowW: this.underflowW,
      overflowW: this.overflowW,
    };
  }
}

export class Histogram2D {
  readonly xEdges: Float64Array;
  readonly yEdges: Float64Array;
  /** Row-major [ix * ny + iy]. */
  readonly sumW: Float64Array;
  readonly sumW2: Float64Array;
  /** Weight falling outside the x or y range. */
  outsideW = 0;

  constructor(xBinning: Binning, yBinning: Binning) {
    this.xEdges = binEdges(xBinning);
    this.yEdges = binEdges(yBinning);
    const n = (this.xEdges.length - 1) * (this.yEdges.length - 1);
    this.sumW = new Float64Array(n);
    this.sumW2 = new Float64Array(n);
  }

  fill(x: number, y: number, w = 1): void {
    const ix = findBin(this.xEdges, x);
    const iy = findBin(this.yEdges, y);
    const nx = this.xEdges.length - 1;
    const ny = this.yEdges.length - 1;
    if (ix < 0 || ix >= nx || iy < 0 || iy >= ny) {
      this.outsideW += w;
      return;
    }
    const k = ix * ny + iy;
    this.sumW[k] = this.sumW[k]! + w;
    this.sumW2[k] = this.sumW2[k]! + w * w;
  }

  at(ix: number, iy: number): number {
    return this.sumW[ix * (this.yEdges.length - 1) + iy]!;
  }

  error(ix: number, iy: number): number {
    return Math.sqrt(this.sumW2[ix * (this.yEdges.length - 1) + iy]!);
  }
}
