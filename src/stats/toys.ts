/**
 * Toy Monte Carlo CLs for a `CountingModel`, the slow reference for the asymptotic formulae of
 * `cls.ts` (Cowan et al., EPJC 71 (2011) 1554, Sec. 3–4; CLs: Read, J. Phys. G 28 (2002) 2693).
 *
 * For the expected (median) CLs at a tested μ: the "observed" data are the background-only Asimov
 * data; toys are generated under μ and under 0 with the nuisance parameters at their conditional
 * fits to those data (θ̂̂_μ, and θ = 0 for μ = 0) — the LHC frequentist prescription — counts
 * n_k ~ Poisson(ν_k) and global observables a_j ~ N(θ_j, 1). For each toy q̃_μ (eq. 16) is
 * computed from profile fits. q_obs is the median of q̃_μ under background only, and
 *   CLs = P(q̃_μ ≥ q_obs | μ) / P(q̃_μ ≥ q_obs | 0).
 * Poisson counts are drawn by inversion of a table of the probabilities over ν ± (12√ν + 40)
 * (the truncated mass is below 1e-30), built once per bin and hypothesis.
 */
import { checkRange, InputError } from "../core/errors.js";
import { randomStream } from "../core/rng.js";
import {
  asimovData,
  type CompiledModel,
  type CountingModel,
  compileModel,
  expectedCounts,
  fitModel,
  nominalParameters,
  type ObservedData,
} from "./model.js";

/** Poisson sampler for a fixed mean by table inversion (exact up to the documented truncation). */
export class PoissonTable {
  readonly mean: number;
  private readonly kMin: number;
  private readonly cdf: Float64Array;

  constructor(mean: number) {
    this.mean = checkRange("mean", mean, { min: 0, max: 1e9 });
    if (mean === 0) {
      this.kMin = 0;
      this.cdf = Float64Array.of(1);
      return;
    }
    const half = 12 * Math.sqrt(mean) + 40;
    const kMin = Math.max(0, Math.floor(mean - half));
    const kMax = Math.ceil(mean + half);
    const mode = Math.floor(mean);
    const pmf = new Float64Array(kMax - kMin + 1);
    // Relative probabilities from the mode by the recursion p(k+1)/p(k) = ν/(k+1); normalised below.
    pmf[mode - kMin] = 1;
    for (let k = mode + 1; k <= kMax; k++) pmf[k - kMin] = (pmf[k - 1 - kMin]! * mean) / k;
    for (let k = mode - 1; k >= kMin; k--) pmf[k - kMin] = (pmf[k + 1 - kMin]! * (k + 1)) / mean;
    let total = 0;
    for (let i = 0; i < pmf.length; i++) total += pmf[i]!;
    const cdf = new Float64Array(pmf.length);
    let acc = 0;
    for (let i = 0; i < pmf.length; i++) {
      acc += pmf[i]! / total;
      cdf[i] = acc;
    }
    cdf[cdf.length - 1] = 1;
    this.kMin = kMin;
    this.cdf = cdf;
  }

  /** The count whose CDF interval contains u ∈ [0, 1). */
  sample(u: number): number {
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return this.kMin + lo;
  }
}

/** q̃_μ of Cowan et al. eq. 16 for the given data (profile fits over all nuisance parameters). */
export function qTilde(m: CompiledModel, data: ObservedData, mu: number, start?: Float64Array): number {
  const s = start ?? nominalParameters(m, mu);
  const free = fitModel(m, data, { start: s });
  const muHat = free.params[0]!;
  if (muHat > mu) return 0;
  const cond = fitModel(m, data, { fixedMu: mu, start: free.params.map((v, i) => (i === 0 ? mu : v)) });
  let ref = free.nll;
  if (muHat < 0)
    ref = fitModel(m, data, { fixedMu: 0, start: free.params.map((v, i) => (i === 0 ? 0 : v)) }).nll;
  // 2(−ln L(μ) + ln L(best)) ≥ 0 mathematically; only fit tolerance can make it a hair negative.
  return Math.max(0, 2 * (cond.nll - ref));
}

export interface ToyClsResult {
  cls: number;
  clsb: number;
  clb: number;
  /** Median of q̃_μ under background only. */
  qObs: number;
  toys: number;
  /** Binomial error of CLs+b (q_obs taken as exact). */
  clsbError: number;
  /** Error of CLs from batch means (see the code), including the error of the median q_obs. */
  clsError: number;
  batches: number;
}

/** Expected (median) CLs at μ from toys; `seed` fixes both toy streams (0: s+b, 1: b-only). */
export function toyExpectedCls(
  model: CountingModel | CompiledModel,
  mu: number,
  options: { toys: number; seed: number },
): ToyClsResult {
  const m = "nPar" in model ? model : compileModel(model);
  checkRange("mu", mu, { min: 0, minExclusive: true });
  const nToys = options.toys;
  if (!Number.isInteger(nToys) || nToys < 10) throw new InputError("toys", "an integer ≥ 10", nToys);
  const observed = asimovData(m, 0);
  const genSB = fitModel(m, observed, { fixedMu: mu, start: nominalParameters(m, mu) }).params;
  const genB = nominalParameters(m, 0);
  const run = (gen: Float64Array, stream: number): Float64Array => {
    const nu = expectedCounts(m, gen);
    const tables = Array.from(nu, (v) => new PoissonTable(v));
    const rng = randomStream(options.seed, stream);
    const q = new Float64Array(nToys);
    const data: ObservedData = { counts: new Float64Array(m.nBins), globalObs: new Float64Array(m.nPar - 1) };
    for (let t = 0; t < nToys; t++) {
      for (let k = 0; k < m.nBins; k++) data.counts[k] = tables[k]!.sample(rng.uniform());
      for (let j = 1; j < m.nPar; j++) data.globalObs[j - 1] = gen[j]! + rng.normal();
      const start = Float64Array.from(gen);
      for (let j = 1; j < m.nPar; j++) start[j] = data.globalObs[j - 1]!;
      start[0] = mu;
      q[t] = qTilde(m, data, mu, start);
    }
    return q;
  };
  const qSB = run(genSB, 0);
  const qB = run(genB, 1);
  const full = tailFractions(qSB, qB, 0, nToys);
  // Error from batch means: the spread of CLs over `batches` independent sub-samples (each with its
  // own median) divided by √batches. It includes the error of the median q_obs, which the binomial
  // error of the tail fraction alone would miss.
  const batches = Math.min(20, Math.floor(nToys / 10));
  const per = Math.floor(nToys / batches);
  let sum = 0;
  let sum2 = 0;
  for (let k = 0; k < batches; k++) {
    const c = tailFractions(qSB, qB, k * per, per).cls;
    sum += c;
    sum2 += c * c;
  }
  const mean = sum / batches;
  const variance = Math.max(0, (sum2 / batches - mean * mean) * (batches / (batches - 1)));
  const clsError = Math.sqrt(variance / batches);
  const { cls, clsb, clb, qObs } = full;
  const clsbError = Math.sqrt((clsb * (1 - clsb)) / nToys);
  return { cls, clsb, clb, qObs, toys: nToys, clsbError, clsError, batches };
}

function tailFractions(
  qSB: Float64Array,
  qB: Float64Array,
  from: number,
  count: number,
): { cls: number; clsb: number; clb: number; qObs: number } {
  const sorted = qB.slice(from, from + count).sort();
  const qObs =
    count % 2 === 1 ? sorted[(count - 1) / 2]! : 0.5 * (sorted[count / 2 - 1]! + sorted[count / 2]!);
  let nSB = 0;
  let nB = 0;
  for (let t = from; t < from + count; t++) {
    if (qSB[t]! >= qObs) nSB++;
    if (qB[t]! >= qObs) nB++;
  }
  const clsb = nSB / count;
  const clb = nB / count;
  return { cls: clb > 0 ? clsb / clb : 1, clsb, clb, qObs };
}
