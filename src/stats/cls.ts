/**
 * Asymptotic CLs expected upper limits and Asimov discovery significance for a `CountingModel`
 * (Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554; CLs: A. L. Read, J. Phys. G 28
 * (2002) 2693).
 *
 * Test statistic q̃_μ (Cowan et al. eq. 16). For the expected limits the observed data are the
 * background-only Asimov data set (μ' = 0, θ = 0), on which the unconditional fit gives exactly
 * μ̂ = 0, θ̂ = 0 and −ln L = 0, so
 *   q_μ,A = 2 min_θ [−ln L(μ, θ)]                                  (Cowan et al. eq. 28–30)
 * and σ_μ² = μ²/q_μ,A. With μ̂ distributed as N(0, σ) under background only, the expected CLs
 * for the quantile μ̂ = N·σ of that distribution (N = 0: median; ±1, ±2: the bands) is
 *   CLs_N(μ) = [1 − Φ(√q_μ,A − N)] / Φ(N)                           (Cowan et al. eq. 65–66, 89)
 * (for q̃_μ the p-value 1 − Φ((μ − μ̂)/σ) holds on both branches of eq. 65). The limit solves
 * CLs_N(μ) = 1 − CL, i.e. √q_μ,A(μ) = N + Φ⁻¹(1 − (1 − CL)·Φ(N)), found by the Illinois method.
 * Without nuisance parameters and for large b this gives μ_up = (1.96 + N)·√b/s at 95 % CL.
 *
 * Discovery: Z = √q_0,A with q_0,A = 2 min_θ [−ln L(0, θ)] on the μ = 1 Asimov data (eq. 97 for
 * one bin without nuisances).
 */
import { checkRange, InputError } from "../core/errors.js";
import {
  asimovData,
  type CompiledModel,
  type CountingModel,
  compileModel,
  fitModel,
  nominalParameters,
} from "./model.js";
import { normalCdf, normalQuantile, normalUpperTail } from "./normal.js";

function compiled(model: CountingModel | CompiledModel): CompiledModel {
  return "nPar" in model ? model : compileModel(model);
}

/** q_μ,A on background-only Asimov data: 2 × the conditional minimum of −ln L at μ. */
export function qMuAsimov(model: CountingModel | CompiledModel, mu: number, start?: Float64Array): number {
  const m = compiled(model);
  checkRange("mu", mu, { min: 0 });
  const data = asimovData(m, 0);
  const fit = fitModel(m, data, { fixedMu: mu, start: start ?? nominalParameters(m, mu) });
  return 2 * fit.nll;
}

export interface AsymptoticCls {
  cls: number;
  clsb: number;
  clb: number;
  qMuA: number;
}

/** Expected CLs at μ for the N-σ quantile of the background-only μ̂ distribution (header). */
export function asymptoticCls(model: CountingModel | CompiledModel, mu: number, nSigma = 0): AsymptoticCls {
  const m = compiled(model);
  checkRange("mu", mu, { min: 0, minExclusive: true });
  checkRange("nSigma", nSigma, { min: -5, max: 5 });
  const qMuA = qMuAsimov(m, mu);
  const clsb = normalUpperTail(Math.sqrt(qMuA) - nSigma);
  const clb = normalCdf(nSigma);
  return { cls: clsb / clb, clsb, clb, qMuA };
}

export interface ExpectedLimit {
  /** Confidence level (0.95). */
  cl: number;
  /** Median expected upper limit on μ. */
  median: number;
  /** Expected limits for the quantiles N = −2, −1, 0, +1, +2 of the background-only μ̂. */
  band: { nSigma: number; mu: number }[];
}

/** Asymptotic CLs expected upper limits on μ (median and ±1σ, ±2σ bands). */
export function expectedUpperLimit(
  model: CountingModel | CompiledModel,
  options: { cl?: number } = {},
): ExpectedLimit {
  const m = compiled(model);
  const cl = checkRange("cl", options.cl ?? 0.95, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  const alpha = 1 - cl;
  let signalTotal = 0;
  for (const s of m.samples)
    if (s.signal) for (let i = 0; i < s.nominal.length; i++) signalTotal += s.nominal[i]!;
  if (!(signalTotal > 0)) {
    throw new InputError(
      "signal samples",
      "some expected events (no sensitivity to μ otherwise)",
      signalTotal,
    );
  }
  const band: { nSigma: number; mu: number }[] = [];
  let start = nominalParameters(m, 1);
  // f(μ) = √q_μ,A − target, increasing in μ, f(0) = −target < 0.
  const rootFor = (target: number): number => {
    const f = (mu: number): number => {
      const data = asimovData(m, 0);
      start[0] = mu;
      const fit = fitModel(m, data, { fixedMu: mu, start });
      start = fit.params;
      return Math.sqrt(Math.max(0, 2 * fit.nll)) - target;
    };
    let a = 0;
    let fa = -target;
    let b = 1;
    let fb = f(b);
    for (let k = 0; fb < 0; k++) {
      if (k > 200) throw new Error("expectedUpperLimit: no upper bracket (no sensitivity to μ)");
      a = b;
      fa = fb;
      b *= 2;
      fb = f(b);
    }
    while (a === 0 && b > 1e-300) {
      // Shrink towards 0 while f(b/2) ≥ 0 so that the bracket is tight.
      const fh = f(b / 2);
      if (fh < 0) {
        a = b / 2;
        fa = fh;
        break;
      }
      b /= 2;
      fb = fh;
    }
    // Illinois (modified regula falsi), Dowell & Jarratt, BIT 11 (1971) 168.
    let side = 0;
    for (let it = 0; it < 200; it++) {
      const c = (a * fb - b * fa) / (fb - fa);
      const fc = f(c);
      if (Math.abs(b - a) < 1e-12 * Math.abs(c) || fc === 0) return c;
      if (fc * fb > 0) {
        b = c;
        fb = fc;
        if (side === -1) fa /= 2;
        side = -1;
      } else {
        a = c;
        fa = fc;
        if (side === 1) fb /= 2;
        side = 1;
      }
      if (Math.abs(fc) < 1e-12) return c;
    }
    return 0.5 * (a + b);
  };
  for (const n of [-2, -1, 0, 1, 2]) {
    const target = n + normalQuantile(1 - alpha * normalCdf(n));
    band.push({ nSigma: n, mu: rootFor(target) });
  }
  return { cl, median: band[2]!.mu, band };
}

/** Median discovery significance √q_0,A on the μ = 1 Asimov data, nuisances profiled. */
export function asimovDiscoverySignificance(model: CountingModel | CompiledModel): number {
  const m = compiled(model);
  const data = asimovData(m, 1);
  const fit = fitModel(m, data, { fixedMu: 0, start: nominalParameters(m, 0) });
  return Math.sqrt(Math.max(0, 2 * fit.nll));
}
