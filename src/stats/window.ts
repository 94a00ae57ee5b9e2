/**
 * The m_ℓℓ window of the prompt search (paper Sec. V B): for one mass hypothesis and channel, the
 * contiguous range of fine bins that maximises S = N_S/√N_B among the windows with N_B ≥ 10
 * ("no m_ℓℓ window is selected which contains fewer than 10 background events").
 *
 * Search (exact over all contiguous bin ranges that contain the signal peak bin):
 * for non-negative bins, an optimal window [i, j) can always be taken with each end either
 *  (a) on a bin with signal > 0 — removing an end bin with zero signal keeps N_S and does not
 *      raise N_B, so it never lowers S; or
 *  (b) at the tightest position allowed by a constraint: N_B ≥ minBackground (the N_B ≥ 10 rule
 *      binds) or the peak-containment requirement.
 * So the candidates are all pairs of signal-carrying edges (O(k²) for k signal bins) plus, for every
 * edge on one side, the tightest valid partner on the other side (found by binary search in the
 * monotone background prefix sum, O(n log n)). `optimalWindowBruteForce` is the slow, obvious
 * twin (all pairs) used to test this.
 */
import { checkRange, InputError } from "../core/errors.js";
import { type BinnedYield, checkSameEdges, checkYield, prefixSums, windowSum } from "./yields.js";

export interface WindowOptions {
  /** Minimum expected background in the window (paper Sec. V B: 10). */
  minBackground?: number;
  /**
   * When true (default) the window must contain the bin with the largest expected signal, so it is
   * centred on the peak and cannot drift onto a downward MC fluctuation of the background.
   */
  requirePeak?: boolean;
  /** Restrict window edges to [lo, hi] GeV (e.g. to mask a hadronic resonance region). */
  massRange?: readonly [number, number];
  /**
   * Cap on the number of (lo, hi) pairs of signal-carrying candidate edges (default 2e7, about
   * 0.1 s); above it both candidate lists are thinned to regular subsets (the peak edges are
   * always kept) and the result reports `exact: false`.
   */
  maxPairs?: number;
}

export interface WindowFound {
  status: "ok";
  /** Window edges in GeV. */
  lo: number;
  hi: number;
  /** Window as fine-bin indices [loBin, hiBin). */
  loBin: number;
  hiBin: number;
  /** Expected signal and background events in the window, and their MC errors √Σw². */
  nS: number;
  nB: number;
  nSErr: number;
  nBErr: number;
  /** S = N_S/√N_B (paper Sec. V B). */
  significance: number;
  /** Number of windows evaluated, and whether the search covered every admissible window. */
  evaluated: number;
  exact: boolean;
}

export interface WindowNotFound {
  status: "no-signal" | "insufficient-background";
  significance: 0;
  reason: string;
}

export type WindowResult = WindowFound | WindowNotFound;

interface Prepared {
  ps: Float64Array;
  pb: Float64Array;
  r0: number;
  r1: number;
  peak: number;
  minB: number;
  requirePeak: boolean;
  maxPairs: number;
}

function prepare(
  signal: BinnedYield,
  background: BinnedYield,
  options: WindowOptions,
): Prepared | WindowNotFound {
  checkYield("signal", signal);
  checkYield("background", background);
  checkSameEdges("signal", signal, "background", background);
  const minB = checkRange("minBackground", options.minBackground ?? 10, { min: 0 });
  const maxPairs = options.maxPairs ?? 2e7;
  if (!Number.isInteger(maxPairs) || maxPairs < 4)
    throw new InputError("maxPairs", "an integer ≥ 4", maxPairs);
  const n = signal.sumW.length;
  let r0 = 0;
  let r1 = n;
  if (options.massRange !== undefined) {
    const [lo, hi] = options.massRange;
    checkRange("massRange[0]", lo, {});
    checkRange("massRange[1]", hi, { min: lo, minExclusive: true });
    while (r0 < n && signal.edges[r0]! < lo) r0++;
    while (r1 > r0 && signal.edges[r1]! > hi) r1--;
    if (r1 <= r0) throw new InputError("massRange", "to contain at least one whole bin", `[${lo}, ${hi}]`);
  }
  let peak = -1;
  let peakW = 0;
  for (let i = r0; i < r1; i++) {
    const w = signal.sumW[i]!;
    if (w > peakW) {
      peakW = w;
      peak = i;
    }
  }
  if (peak < 0)
    return { status: "no-signal", significance: 0, reason: "no expected signal in the mass range" };
  const pb = prefixSums(background.sumW);
  const totalB = pb[r1]! - pb[r0]!;
  if (!(totalB >= minB && totalB > 0)) {
    return {
      status: "insufficient-background",
      significance: 0,
      reason: `the whole mass range holds ${totalB} expected background events, fewer than minBackground = ${minB}`,
    };
  }
  return {
    ps: prefixSums(signal.sumW),
    pb,
    r0,
    r1,
    peak,
    minB,
    requirePeak: options.requirePeak ?? true,
    maxPairs,
  };
}

function finish(
  signal: BinnedYield,
  background: BinnedYield,
  i: number,
  j: number,
  z: number,
  evaluated: number,
  exact: boolean,
): WindowFound {
  const s = windowSum(signal, i, j);
  const b = windowSum(background, i, j);
  return {
    status: "ok",
    lo: signal.edges[i]!,
    hi: signal.edges[j]!,
    loBin: i,
    hiBin: j,
    nS: s.sum,
    nB: b.sum,
    nSErr: Math.sqrt(s.sumW2),
    nBErr: Math.sqrt(b.sumW2),
    significance: z,
    evaluated,
    exact,
  };
}

/** Keeps at most `max` entries of a sorted index list, evenly spaced, always keeping `keep`. */
function thin(list: number[], max: number, keep: number): number[] {
  if (list.length <= max) return list;
  const step = list.length / max;
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(list[Math.floor(k * step)]!);
  if (!out.includes(keep)) out.push(keep);
  return out.sort((a, b) => a - b);
}

/**
 * The window maximising N_S/√N_B with N_B ≥ minBackground (paper Sec. V B). Signal and background
 * are expected events at the same luminosity, binned alike (fine bins).
 */
export function optimalWindow(
  signal: BinnedYield,
  background: BinnedYield,
  options: WindowOptions = {},
): WindowResult {
  const p = prepare(signal, background, options);
  if ("status" in p) return p;
  const { ps, pb, r0, r1, peak, minB, requirePeak, maxPairs } = p;
  const s = signal.sumW;
  // Admissible lo edges i ∈ [r0, iMax], hi edges j ∈ [jMin, r1] (with i < j).
  const iMax = requirePeak ? peak : r1 - 1;
  const jMin = requirePeak ? peak + 1 : r0 + 1;
  const los: number[] = [];
  const his: number[] = [];
  for (let i = r0; i <= iMax; i++) if (s[i]! > 0 || i === peak) los.push(i);
  for (let j = jMin; j <= r1; j++) if (s[j - 1]! > 0 || j === peak + 1) his.push(j);
  const exact = los.length * his.length <= maxPairs;
  const shrink = exact ? 1 : Math.sqrt((los.length * his.length) / maxPairs);
  const loC = thin(los, Math.max(2, Math.floor(los.length / shrink)), peak);
  const hiC = thin(his, Math.max(2, Math.floor(his.length / shrink)), peak + 1);

  let bestZ = -1;
  let bestI = -1;
  let bestJ = -1;
  let evaluated = 0;
  const consider = (i: number, j: number): void => {
    evaluated++;
    const nB = pb[j]! - pb[i]!;
    if (!(nB >= minB && nB > 0)) return;
    const z = (ps[j]! - ps[i]!) / Math.sqrt(nB);
    if (z > bestZ) {
      bestZ = z;
      bestI = i;
      bestJ = j;
    }
  };
  // (a) both ends on signal-carrying bins (or on the peak).
  for (const i of loC) {
    for (const j of hiC) if (j > i) consider(i, j);
  }
  // (b) one end tight against the N_B ≥ minBackground constraint: for every lo edge the smallest
  // valid hi edge, and for every hi edge the largest valid lo edge (binary search: the background
  // prefix sum is non-decreasing because bins are non-negative).
  const valid = (i: number, j: number): boolean => {
    const nB = pb[j]! - pb[i]!;
    return nB >= minB && nB > 0;
  };
  for (let i = r0; i <= iMax; i++) {
    let lo = Math.max(jMin, i + 1);
    let hi = r1;
    if (lo > hi || !valid(i, hi)) continue;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (valid(i, mid)) hi = mid;
      else lo = mid + 1;
    }
    consider(i, lo);
  }
  for (let j = jMin; j <= r1; j++) {
    let lo = r0;
    let hi = Math.min(iMax, j - 1);
    if (lo > hi || !valid(lo, j)) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (valid(mid, j)) lo = mid;
      else hi = mid - 1;
    }
    consider(lo, j);
  }
  if (bestI < 0) {
    return {
      status: "insufficient-background",
      significance: 0,
      reason: `no window${requirePeak ? " containing the signal peak" : ""} holds minBackground = ${minB} background events`,
    };
  }
  return finish(signal, background, bestI, bestJ, bestZ, evaluated, exact);
}

/**
 * Slow, obvious twin of `optimalWindow`: every contiguous window [i, j) (containing the peak when
 * requirePeak) is evaluated. O(n²); for tests and small histograms only.
 */
export function optimalWindowBruteForce(
  signal: BinnedYield,
  background: BinnedYield,
  options: WindowOptions = {},
): WindowResult {
  const p = prepare(signal, background, options);
  if ("status" in p) return p;
  const { ps, pb, r0, r1, peak, minB, requirePeak } = p;
  let bestZ = -1;
  let bestI = -1;
  let bestJ = -1;
  let evaluated = 0;
  for (let i = r0; i < r1; i++) {
    for (let j = i + 1; j <= r1; j++) {
      if (requirePeak && !(i <= peak && peak < j)) continue;
      evaluated++;
      const nB = pb[j]! - pb[i]!;
      if (!(nB >= minB && nB > 0)) continue;
      const z = (ps[j]! - ps[i]!) / Math.sqrt(nB);
      if (z > bestZ) {
        bestZ = z;
        bestI = i;
        bestJ = j;
      }
    }
  }
  if (bestI < 0) {
    return { status: "insufficient-background", significance: 0, reason: "no admissible window" };
  }
  return finish(signal, background, bestI, bestJ, bestZ, evaluated, true);
}
