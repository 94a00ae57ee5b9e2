/**
 * Binned counting model with a signal strength μ and Gaussian-constrained nuisance parameters, in
 * the HistFactory form (K. Cranmer et al., CERN-OPEN-2012-016; pyhf, L. Heinrich et al., JOSS 6
 * (2021) 2823), so that the same object is fitted here and exported as a pyhf workspace:
 *
 *   ν_k(μ, θ) = Σ_samples μ^[signal] · (n⁰_sk + Σ_h Δ_shk(θ_h)) · Π_n g_sn(θ_n)
 *   −ln L = Σ_k [ν_k − n_k + n_k ln(n_k/ν_k)] + ½ Σ_j (θ_j − a_j)²
 *
 * - normsys g(θ) = hi^θ (θ ≥ 0), lo^(−θ) (θ < 0): HistFactory/pyhf interpolation code 1
 *   (exponential), pyhf's default for normsys;
 * - histosys Δ(θ) = θ (hi − n⁰) (θ ≥ 0), θ (n⁰ − lo) (θ < 0): code 0 (piecewise linear), pyhf's
 *   default for histosys;
 * - constraints: unit Gaussians centred on the global observables a_j (0 for the nominal data).
 * The Poisson term is written relative to the saturated model (the constant Σ ln n! dropped), so
 * −ln L = 0 exactly for Asimov data at the parameters that generated it.
 *
 * Fitting: Newton's method with the exact Hessian (analytic first and second derivatives of ν;
 * both interpolations are piecewise linear in θ (histosys) or in ln g (normsys)), falling back to
 * Fisher scoring when the Hessian is not positive definite, with an Armijo backtracking line search.
 */
import { checkRange, InputError } from "../core/errors.js";

export type Modifier =
  | { kind: "normsys"; name: string; hi: number; lo: number }
  | { kind: "histosys"; name: string; hi: readonly number[]; lo: readonly number[] };

export interface ModelSample {
  name: string;
  /** Expected events per bin at nominal parameters (at μ = 1 for the signal). */
  data: readonly number[];
  /** True for the signal: scaled by the parameter of interest μ (a HistFactory normfactor). */
  signal?: boolean;
  modifiers?: readonly Modifier[];
  /** MC statistical error per bin (√Σw²): exported as a staterror modifier, not used in fits. */
  mcError?: readonly number[];
}

export interface ModelChannel {
  name: string;
  samples: readonly ModelSample[];
}

export interface CountingModel {
  channels: readonly ModelChannel[];
}

interface CompiledSample {
  offset: number;
  nominal: Float64Array;
  signal: boolean;
  /** Modifiers with their parameter index p and their slot in `pars` (union of the parameters). */
  norm: { p: number; slot: number; lnHi: number; lnLo: number }[];
  histo: { p: number; slot: number; dHi: Float64Array; dLo: Float64Array }[];
  /** Nuisance-parameter indices this sample depends on (a parameter may carry both kinds). */
  pars: Int32Array;
  /** Scratch for κ_p = d ln g_p/dθ_p and dA_p (histosys slope) per slot, reused every call. */
  kap: Float64Array;
  dA: Float64Array;
}

export interface CompiledModel {
  readonly nBins: number;
  /** Number of parameters: index 0 is μ, 1… are the nuisance parameters. */
  readonly nPar: number;
  readonly parameterNames: readonly string[];
  readonly samples: readonly CompiledSample[];
  readonly source: CountingModel;
}

export interface ObservedData {
  /** Observed (or Asimov) events per bin, channels concatenated in model order. */
  counts: Float64Array;
  /** Global observables a_j of the nuisance constraints (length nPar − 1). */
  globalObs: Float64Array;
}

function checkArray(field: string, a: readonly number[], n: number, positive = false): Float64Array {
  if (a.length !== n) throw new InputError(field, `an array of length ${n}`, a.length);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (!(Number.isFinite(v) && (positive ? v > 0 : v >= 0))) {
      throw new InputError(`${field}[${i}]`, positive ? "a finite number > 0" : "a finite number ≥ 0", v);
    }
    out[i] = v;
  }
  return out;
}

/** Validates a model and lays it out on typed arrays. */
export function compileModel(model: CountingModel): CompiledModel {
  if (model.channels.length < 1) throw new InputError("channels", "at least one channel", 0);
  const names = ["mu"];
  const index = new Map<string, number>();
  const samples: CompiledSample[] = [];
  const channelNames = new Set<string>();
  let offset = 0;
  let hasSignal = false;
  model.channels.forEach((ch, c) => {
    if (channelNames.has(ch.name)) throw new InputError(`channels[${c}].name`, "unique", ch.name);
    channelNames.add(ch.name);
    if (ch.samples.length < 1) throw new InputError(`channels[${c}].samples`, "at least one sample", 0);
    const nb = ch.samples[0]!.data.length;
    if (nb < 1) throw new InputError(`channels[${c}].samples[0].data`, "at least one bin", 0);
    const sampleNames = new Set<string>();
    ch.samples.forEach((s, k) => {
      const f = `channels[${c}].samples[${k}]`;
      if (sampleNames.has(s.name)) throw new InputError(`${f}.name`, "unique within the channel", s.name);
      sampleNames.add(s.name);
      const nominal = checkArray(`${f}.data`, s.data, nb);
      if (s.mcError !== undefined) checkArray(`${f}.mcError`, s.mcError, nb);
      if (s.signal) hasSignal = true;
      const cs: CompiledSample = {
        offset,
        nominal,
        signal: s.signal ?? false,
        norm: [],
        histo: [],
        pars: new Int32Array(0),
        kap: new Float64Array(0),
        dA: new Float64Array(0),
      };
      const pars: number[] = [];
      const slotOf = (p: number): number => {
        const q = pars.indexOf(p);
        if (q >= 0) return q;
        pars.push(p);
        return pars.length - 1;
      };
      const seen = new Set<string>();
      (s.modifiers ?? []).forEach((m, j) => {
        const mf = `${f}.modifiers[${j}]`;
        if (m.name === "mu") throw new InputError(`${mf}.name`, 'different from the POI name "mu"', m.name);
        const key = `${m.kind}:${m.name}`;
        if (seen.has(key)) throw new InputError(`${mf}.name`, `used once per sample for ${m.kind}`, m.name);
        seen.add(key);
        let p = index.get(m.name);
        if (p === undefined) {
          p = names.length;
          names.push(m.name);
          index.set(m.name, p);
        }
        if (m.kind === "normsys") {
          checkRange(`${mf}.hi`, m.hi, { min: 0, minExclusive: true });
          checkRange(`${mf}.lo`, m.lo, { min: 0, minExclusive: true });
          cs.norm.push({ p, slot: slotOf(p), lnHi: Math.log(m.hi), lnLo: Math.log(m.lo) });
        } else {
          const hi = checkArray(`${mf}.hi`, m.hi, nb);
          const lo = checkArray(`${mf}.lo`, m.lo, nb);
          const dHi = new Float64Array(nb);
          const dLo = new Float64Array(nb);
          for (let i = 0; i < nb; i++) {
            dHi[i] = hi[i]! - nominal[i]!;
            dLo[i] = nominal[i]! - lo[i]!;
          }
          cs.histo.push({ p, slot: slotOf(p), dHi, dLo });
        }
      });
      cs.pars = Int32Array.from(pars);
      cs.kap = new Float64Array(pars.length);
      cs.dA = new Float64Array(pars.length);
      samples.push(cs);
    });
    offset += nb;
  });
  if (!hasSignal) throw new InputError("channels[].samples[].signal", "true for at least one sample", false);
  return { nBins: offset, nPar: names.length, parameterNames: names, samples, source: model };
}

/**
 * Expected events ν_k and, when `grad`/`hess` are given, ∂ν_k/∂p (grad[k·nPar + p]) and
 * ∂²ν_k/∂p∂q summed with weights w_k into hess (Σ_k w_k ∂²ν_k, row-major nPar × nPar).
 */
function evaluate(
  m: CompiledModel,
  par: Float64Array,
  nu: Float64Array,
  grad?: Float64Array,
  hessWeights?: Float64Array,
  hess?: Float64Array,
): void {
  const np = m.nPar;
  nu.fill(0);
  if (grad) grad.fill(0);
  if (hess) hess.fill(0);
  const mu = par[0]!;
  for (const s of m.samples) {
    let lnF = 0;
    for (const n of s.norm) {
      const t = par[n.p]!;
      lnF += t >= 0 ? t * n.lnHi : -t * n.lnLo;
    }
    const F = Math.exp(lnF);
    const scale = s.signal ? mu : 1;
    const nb = s.nominal.length;
    for (let i = 0; i < nb; i++) {
      const k = s.offset + i;
      let A = s.nominal[i]!;
      for (const h of s.histo) {
        const t = par[h.p]!;
        A += t >= 0 ? t * h.dHi[i]! : t * h.dLo[i]!;
      }
      const base = A * F;
      nu[k] = nu[k]! + scale * base;
      if (!grad) continue;
      const g = k * np;
      if (s.signal) grad[g] = grad[g]! + base;
      // ∂(A·F)/∂θ_j = F·(dA_j + A κ_j), κ_j = d ln g_j/dθ_j, dA_j the histosys slope.
      for (const n of s.norm) {
        const kappa = par[n.p]! >= 0 ? n.lnHi : -n.lnLo;
        grad[g + n.p] = grad[g + n.p]! + scale * base * kappa;
      }
      for (const h of s.histo) {
        const slope = par[h.p]! >= 0 ? h.dHi[i]! : h.dLo[i]!;
        grad[g + h.p] = grad[g + h.p]! + scale * F * slope;
      }
      if (!hess || !hessWeights) continue;
      const w = hessWeights[k]!;
      if (w === 0) continue;
      // Second derivatives: d²(AF)/dθ_i dθ_j = F (dA_i κ_j + dA_j κ_i + A κ_i κ_j); μ enters linearly.
      addSecondDerivatives(s, i, par, F, A, scale, w, np, hess);
    }
  }
}

function addSecondDerivatives(
  s: CompiledSample,
  bin: number,
  par: Float64Array,
  F: number,
  A: number,
  scale: number,
  w: number,
  np: number,
  hess: Float64Array,
): void {
  // (κ_p, dA_p) per parameter slot of this sample, in preallocated scratch (no allocation).
  const ps = s.pars;
  const kap = s.kap;
  const dA = s.dA;
  kap.fill(0);
  dA.fill(0);
  for (const n of s.norm) kap[n.slot] = par[n.p]! >= 0 ? n.lnHi : -n.lnLo;
  for (const h of s.histo) dA[h.slot] = par[h.p]! >= 0 ? h.dHi[bin]! : h.dLo[bin]!;
  for (let a = 0; a < ps.length; a++) {
    const pa = ps[a]!;
    const first = F * (dA[a]! + A * kap[a]!); // ∂(AF)/∂θ_a
    if (s.signal) {
      hess[pa] = hess[pa]! + w * first; // ∂²/∂μ∂θ_a (row 0)
      hess[pa * np] = hess[pa * np]! + w * first; // symmetric entry
    }
    for (let b = 0; b < ps.length; b++) {
      const pb = ps[b]!;
      const d2 = F * (dA[a]! * kap[b]! + dA[b]! * kap[a]! + A * kap[a]! * kap[b]!);
      hess[pa * np + pb] = hess[pa * np + pb]! + w * scale * d2;
    }
  }
}

/** Expected events per bin at parameters `par` (μ first). */
export function expectedCounts(m: CompiledModel, par: Float64Array): Float64Array {
  const nu = new Float64Array(m.nBins);
  evaluate(m, par, nu);
  return nu;
}

/** Nominal parameters: μ given, all nuisance parameters 0. */
export function nominalParameters(m: CompiledModel, mu: number): Float64Array {
  const p = new Float64Array(m.nPar);
  p[0] = mu;
  return p;
}

/** Asimov data for signal strength μ at nominal nuisances (global observables 0). */
export function asimovData(m: CompiledModel, mu: number): ObservedData {
  return { counts: expectedCounts(m, nominalParameters(m, mu)), globalObs: new Float64Array(m.nPar - 1) };
}

/** −ln L relative to the saturated model (header formula); Infinity where ν is invalid. */
export function negLogLikelihood(
  m: CompiledModel,
  data: ObservedData,
  par: Float64Array,
  nu?: Float64Array,
): number {
  const v = nu ?? new Float64Array(m.nBins);
  evaluate(m, par, v);
  return nllFromNu(data, par, v);
}

function nllFromNu(data: ObservedData, par: Float64Array, nu: Float64Array): number {
  let nll = 0;
  for (let k = 0; k < nu.length; k++) {
    const n = data.counts[k]!;
    const v = nu[k]!;
    if (!(v >= 0) || (v === 0 && n > 0)) return Number.POSITIVE_INFINITY;
    nll += n > 0 ? v - n + n * Math.log(n / v) : v;
  }
  for (let j = 1; j < par.length; j++) {
    const d = par[j]! - data.globalObs[j - 1]!;
    nll += 0.5 * d * d;
  }
  return nll;
}

export interface FitResult {
  nll: number;
  params: Float64Array;
  converged: boolean;
  iterations: number;
}

/** Cholesky solve of the n×n system H x = b (scratch l: n×n, y: n); false if H is not positive definite. */
function choleskySolve(
  h: Float64Array,
  b: Float64Array,
  n: number,
  x: Float64Array,
  l: Float64Array,
  y: Float64Array,
): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = h[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) return false;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return true;
}

export interface FitOptions {
  /** Fix μ to this value (conditional fit); free when undefined. */
  fixedMu?: number;
  /** Starting parameters (μ first); default μ = fixedMu ?? 1, nuisances at the global observables. */
  start?: Float64Array;
  maxIterations?: number;
}

/** Maximum-likelihood fit (minimum of −ln L) over μ (unless fixed) and all nuisance parameters. */
export function fitModel(m: CompiledModel, data: ObservedData, options: FitOptions = {}): FitResult {
  const np = m.nPar;
  if (data.counts.length !== m.nBins)
    throw new InputError("data.counts", `of length ${m.nBins}`, data.counts.length);
  if (data.globalObs.length !== np - 1) {
    throw new InputError("data.globalObs", `of length ${np - 1}`, data.globalObs.length);
  }
  const par = new Float64Array(np);
  if (options.start) par.set(options.start);
  else {
    par[0] = options.fixedMu ?? 1;
    par.set(data.globalObs, 1);
  }
  const muFixed = options.fixedMu !== undefined;
  if (muFixed) par[0] = options.fixedMu!;
  const free: number[] = [];
  for (let p = muFixed ? 1 : 0; p < np; p++) free.push(p);
  const nf = free.length;
  const nu = new Float64Array(m.nBins);
  const trialNu = new Float64Array(m.nBins);
  let nll = negLogLikelihood(m, data, par, nu);
  if (!Number.isFinite(nll)) {
    throw new InputError(
      "start",
      "parameters with a valid (positive) expected rate in every observed bin",
      nll,
    );
  }
  if (nf === 0) return { nll, params: par, converged: true, iterations: 0 };
  const grad = new Float64Array(m.nBins * np);
  const w = new Float64Array(m.nBins);
  const d2 = new Float64Array(np * np);
  const g = new Float64Array(nf);
  const h = new Float64Array(nf * nf);
  const step = new Float64Array(nf);
  const negG = new Float64Array(nf);
  const trial = new Float64Array(np);
  const fisher = new Float64Array(nf * nf);
  const cholL = new Float64Array(nf * nf);
  const cholY = new Float64Array(nf);
  const maxIt = options.maxIterations ?? 500;
  let it = 0;
  let converged = false;
  for (; it < maxIt; it++) {
    // Gradient and Hessian of −ln L: g_p = Σ (1 − n/ν) ∂_pν + (θ_p − a_p),
    // H_pq = Σ [(1 − n/ν) ∂²_pqν + (n/ν²) ∂_pν ∂_qν] + δ_pq [p nuisance].
    for (let k = 0; k < m.nBins; k++) {
      const v = nu[k]!;
      w[k] = v > 0 ? 1 - data.counts[k]! / v : 1;
    }
    evaluate(m, par, nu, grad, w, d2);
    g.fill(0);
    h.fill(0);
    fisher.fill(0);
    for (let k = 0; k < m.nBins; k++) {
      const v = nu[k]!;
      const n = data.counts[k]!;
      const wk = w[k]!;
      const obs = v > 0 ? n / (v * v) : 0;
      const exp = v > 0 ? 1 / v : 0;
      for (let a = 0; a < nf; a++) {
        const da = grad[k * np + free[a]!]!;
        g[a] = g[a]! + wk * da;
        for (let b = 0; b < nf; b++) {
          const db = grad[k * np + free[b]!]!;
          h[a * nf + b] = h[a * nf + b]! + obs * da * db;
          fisher[a * nf + b] = fisher[a * nf + b]! + exp * da * db;
        }
      }
    }
    for (let a = 0; a < nf; a++) {
      const pa = free[a]!;
      for (let b = 0; b < nf; b++) h[a * nf + b] = h[a * nf + b]! + d2[pa * np + free[b]!]!;
      if (pa > 0) {
        g[a] = g[a]! + par[pa]! - data.globalObs[pa - 1]!;
        h[a * nf + a] = h[a * nf + a]! + 1;
        fisher[a * nf + a] = fisher[a * nf + a]! + 1;
      }
    }
    for (let a = 0; a < nf; a++) negG[a] = -g[a]!;
    if (!choleskySolve(h, negG, nf, step, cholL, cholY)) {
      // Not positive definite away from the minimum: Fisher scoring, with Levenberg damping if needed.
      let lambda = 0;
      while (!choleskySolve(fisher, negG, nf, step, cholL, cholY)) {
        lambda = lambda === 0 ? 1e-8 : lambda * 10;
        for (let a = 0; a < nf; a++) fisher[a * nf + a] = fisher[a * nf + a]! + lambda;
        if (lambda > 1e12) throw new Error("fitModel: no descent direction (singular model)");
      }
    }
    let slope = 0;
    for (let a = 0; a < nf; a++) slope += g[a]! * step[a]!;
    if (slope > 0) {
      // Not a descent direction: steepest descent.
      for (let a = 0; a < nf; a++) step[a] = -g[a]!;
      slope = 0;
      for (let a = 0; a < nf; a++) slope -= g[a]! * g[a]!;
    }
    // Newton decrement: −g·d/2 estimates the remaining decrease of −ln L.
    if (-slope < 1e-14 * Math.max(1, Math.abs(nll))) {
      converged = true;
      break;
    }
    let t = 1;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      trial.set(par);
      for (let a = 0; a < nf; a++) trial[free[a]!] = par[free[a]!]! + t * step[a]!;
      const trialNll = negLogLikelihood(m, data, trial, trialNu);
      if (trialNll <= nll + 1e-4 * t * slope) {
        par.set(trial);
        nu.set(trialNu);
        const decrease = nll - trialNll;
        nll = trialNll;
        accepted = true;
        if (decrease < 1e-15 * Math.max(1, Math.abs(nll)) && t < 1) converged = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted || converged) {
      // No decrease possible at double precision: we are at the minimum.
      converged = true;
      break;
    }
  }
  return { nll, params: par, converged, iterations: it };
}
