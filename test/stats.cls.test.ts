import { describe, expect, test } from "vitest";
import { InputError } from "../src/core/errors.js";
import { randomStream } from "../src/core/rng.js";
import {
  asimovDiscoverySignificance,
  asymptoticCls,
  expectedUpperLimit,
  qMuAsimov,
} from "../src/stats/cls.js";
import { asimovData, type CountingModel, compileModel, fitModel } from "../src/stats/model.js";
import { normalCdf, normalQuantile } from "../src/stats/normal.js";
import { PoissonTable, qTilde, toyExpectedCls } from "../src/stats/toys.js";

function oneBin(
  s: number,
  b: number,
  bkgMods: CountingModel["channels"][number]["samples"][number]["modifiers"] = [],
): CountingModel {
  return {
    channels: [
      {
        name: "c",
        samples: [
          { name: "s", data: [s], signal: true },
          { name: "b", data: [b], modifiers: bkgMods },
        ],
      },
    ],
  };
}

describe("asymptotic CLs expected limit (Cowan et al. 2011; Read 2002)", () => {
  test("no systematics, one bin: exact asymptotic solution of q_μ,A = z², z = Φ⁻¹(0.975)", () => {
    // Reference (twin): for one Poisson bin on background-only Asimov data, q_μ,A = 2[x − b ln(1 + x/b)]
    // with x = μs (Cowan et al. eq. 28 evaluated by hand). The median 95 % CLs limit solves
    // CLs = 2(1 − Φ(√q_A)) = 0.05 → q_A = 1.95996². Solve by bisection here; agreement 1e-9.
    const z = normalQuantile(0.975);
    for (const [s, b] of [
      [10, 100],
      [3, 2],
      [50, 1e4],
    ] as const) {
      let lo = 0;
      let hi = 1e6;
      for (let i = 0; i < 200; i++) {
        const x = 0.5 * (lo + hi);
        if (2 * (x - b * Math.log1p(x / b)) < z * z) lo = x;
        else hi = x;
      }
      const lim = expectedUpperLimit(oneBin(s, b));
      expect((lim.median * s) / lo - 1).toBeCloseTo(0, 9);
      expect(asymptoticCls(oneBin(s, b), lim.median).cls).toBeCloseTo(0.05, 9);
    }
  });

  test("large b: μ_up = (N + Φ⁻¹(1 − 0.05Φ(N)))·√b/s (Cowan et al. eq. 89), 1.96√b/s for the median", () => {
    // b = 1e8: corrections O(μs/b) = O(2e-4) relative, tolerance 3e-4.
    const s = 1e3;
    const b = 1e8;
    const lim = expectedUpperLimit(oneBin(s, b));
    expect(lim.median / ((1.959964 * Math.sqrt(b)) / s) - 1).toBeLessThan(3e-4);
    expect(lim.median / ((1.959964 * Math.sqrt(b)) / s) - 1).toBeGreaterThan(-3e-4);
    for (const { nSigma, mu } of lim.band) {
      const expected = ((nSigma + normalQuantile(1 - 0.05 * normalCdf(nSigma))) * Math.sqrt(b)) / s;
      expect(mu / expected - 1).toBeLessThan(3e-4);
      expect(mu / expected - 1).toBeGreaterThan(-3e-4);
    }
    // Band ordering.
    for (let i = 1; i < lim.band.length; i++) expect(lim.band[i]!.mu).toBeGreaterThan(lim.band[i - 1]!.mu);
  });

  test("Gaussian-constrained background normalisation: μ_up → 1.96·√(b + σ_b²)/s", () => {
    // Reference: Cowan et al. Sec. 3: σ_μ² = (b + σ_b²)/s² when θ is profiled (Gaussian limit).
    // b = 1e6, δ = 0.1 % (normsys hi = e^δ, lo = e^−δ) → σ_b = 1000 = √b. Corrections O(μs/b, δ·z)
    // ≈ 3e-3; tolerance 5e-3.
    const d = 1e-3;
    const model = oneBin(100, 1e6, [{ kind: "normsys", name: "bkg", hi: Math.exp(d), lo: Math.exp(-d) }]);
    const lim = expectedUpperLimit(model);
    const expected = (1.959964 * Math.sqrt(1e6 + 1e6)) / 100;
    expect(lim.median / expected - 1).toBeLessThan(5e-3);
    expect(lim.median / expected - 1).toBeGreaterThan(-5e-3);
    // And it is weaker than without the nuisance by ≈ √2.
    expect(lim.median / expectedUpperLimit(oneBin(100, 1e6)).median).toBeCloseTo(Math.SQRT2, 2);
  });

  test("a signal-efficiency nuisance widens the limit; q_μ,A is increasing in μ", () => {
    // Reference: profiling can only lower q (min over θ of a function that equals the no-nuisance
    // value at θ = 0), so μ_up with nuisances ≥ without.
    const plain = oneBin(20, 400);
    const withEff: CountingModel = {
      channels: [
        {
          name: "c",
          samples: [
            {
              name: "s",
              data: [20],
              signal: true,
              modifiers: [{ kind: "normsys", name: "eff", hi: 1.187, lo: 0.834 }],
            },
            { name: "b", data: [400], modifiers: [{ kind: "normsys", name: "eff", hi: 1.187, lo: 0.834 }] },
          ],
        },
      ],
    };
    expect(expectedUpperLimit(withEff).median).toBeGreaterThan(expectedUpperLimit(plain).median);
    let prev = 0;
    for (const mu of [0.5, 1, 2, 4, 8]) {
      const q = qMuAsimov(withEff, mu);
      expect(q).toBeGreaterThan(prev);
      expect(q).toBeLessThanOrEqual(qMuAsimov(plain, mu) + 1e-9);
      prev = q;
    }
  });

  test("fitter: the unconditional fit of Asimov data returns the generating parameters", () => {
    // Reference: −ln L (saturated form) is 0 and minimal at the generating point.
    const m = compileModel({
      channels: [
        {
          name: "a",
          samples: [
            {
              name: "s",
              data: [5, 10, 3],
              signal: true,
              modifiers: [{ kind: "histosys", name: "res", hi: [4, 11, 3.5], lo: [6, 9, 2.5] }],
            },
            {
              name: "b",
              data: [50, 40, 30],
              modifiers: [{ kind: "normsys", name: "bn", hi: 1.2, lo: 0.85 }],
            },
          ],
        },
      ],
    });
    const data = asimovData(m, 1.3);
    const fit = fitModel(m, data, { start: Float64Array.of(0.5, 0.3, -0.2) });
    expect(fit.converged).toBe(true);
    expect(fit.params[0]).toBeCloseTo(1.3, 6);
    expect(fit.params[1]).toBeCloseTo(0, 6);
    expect(fit.params[2]).toBeCloseTo(0, 6);
    expect(fit.nll).toBeLessThan(1e-12);
    // A parameter carrying both a normsys and a histosys on one sample (pyhf allows it), plus a
    // shared parameter across samples: the fit still recovers the generating point.
    const m2 = compileModel({
      channels: [
        {
          name: "a",
          samples: [
            {
              name: "s",
              data: [5, 10],
              signal: true,
              modifiers: [
                { kind: "histosys", name: "res", hi: [4, 11], lo: [6, 9] },
                { kind: "normsys", name: "res", hi: 1.1, lo: 0.95 },
                { kind: "normsys", name: "eff", hi: 1.05, lo: 0.95 },
              ],
            },
            { name: "b", data: [50, 40], modifiers: [{ kind: "normsys", name: "eff", hi: 1.05, lo: 0.95 }] },
          ],
        },
      ],
    });
    const fit2 = fitModel(m2, asimovData(m2, 0.7), { start: Float64Array.of(2, -0.5, 0.4) });
    expect(fit2.converged).toBe(true);
    expect(fit2.params[0]).toBeCloseTo(0.7, 6);
    expect(fit2.nll).toBeLessThan(1e-12);
  });

  test("independent implementation: numpy/scipy likelihood (BFGS + Nelder–Mead, brentq)", () => {
    // Reference values generated by the Python script in docs/stats.md, "Appendix: scipy reference"
    // (same HistFactory likelihood written independently in numpy; minimised with scipy.optimize
    // to fatol 1e-15, limits by brentq to xtol 1e-12). Two channels × two bins; nuisances: a shared
    // normsys on signal and background (eff), an asymmetric background normsys (bn), a signal
    // histosys (res). Measured agreement ~1e-14; tolerance 1e-9 (the scipy minimiser's accuracy).
    const sig = [
      [6, 9],
      [4, 7],
    ];
    const bkg = [
      [60, 45],
      [30, 25],
    ];
    const hi = [
      [5, 10],
      [3.5, 7.5],
    ];
    const lo = [
      [7, 8],
      [4.5, 6.5],
    ];
    const effMod = { kind: "normsys" as const, name: "eff", hi: 1.187, lo: 0.834 };
    const model: CountingModel = {
      channels: [0, 1].map((c) => ({
        name: `c${c}`,
        samples: [
          {
            name: "s",
            data: sig[c]!,
            signal: true,
            modifiers: [effMod, { kind: "histosys" as const, name: "res", hi: hi[c]!, lo: lo[c]! }],
          },
          {
            name: "b",
            data: bkg[c]!,
            modifiers: [effMod, { kind: "normsys" as const, name: "bn", hi: 1.2, lo: 0.85 }],
          },
        ],
      })),
    };
    const ref = [
      1.1212800580823337, 1.5699885654428452, 2.3360359546475933, 3.6045660909901724, 5.4864831779209045,
    ];
    const lim = expectedUpperLimit(model);
    lim.band.forEach((b, i) => {
      expect(Math.abs(b.mu / ref[i]! - 1)).toBeLessThan(1e-9);
    });
    expect(Math.abs(asimovDiscoverySignificance(model) / 0.9497315051764551 - 1)).toBeLessThan(1e-9);
  });

  test("q̃_μ branches (Cowan et al. eq. 16) for one bin without nuisances, against closed forms", () => {
    // Closed forms with ν(μ) = μs + b and −ln L = ν − n + n ln(n/ν):
    //   μ̂ = (n − b)/s; μ̂ > μ → 0; 0 ≤ μ̂ ≤ μ → 2[−ln L(μ)]; μ̂ < 0 → 2[−ln L(μ) + ln L(0)].
    // Agreement to the fit tolerance, 1e-8 absolute.
    const m = compileModel(oneBin(10, 100));
    const nll = (n: number, nu: number): number => nu - n + (n > 0 ? n * Math.log(n / nu) : 0);
    const data = (n: number) => ({ counts: Float64Array.of(n), globalObs: new Float64Array(0) });
    const mu = 2;
    expect(qTilde(m, data(130), mu)).toBe(0); // μ̂ = 3 > μ
    expect(qTilde(m, data(110), mu)).toBeCloseTo(2 * nll(110, 120), 8); // μ̂ = 1
    expect(qTilde(m, data(90), mu)).toBeCloseTo(2 * (nll(90, 120) - nll(90, 100)), 8); // μ̂ = −1
  });

  test("bad models are rejected with the field named", () => {
    expect(() => compileModel({ channels: [] })).toThrow(InputError);
    expect(() => compileModel({ channels: [{ name: "c", samples: [{ name: "b", data: [1] }] }] })).toThrow(
      /signal/,
    );
    expect(() => compileModel(oneBin(1, 2, [{ kind: "normsys", name: "x", hi: -1, lo: 0.9 }]))).toThrow(/hi/);
    expect(() => compileModel(oneBin(1, Number.NaN))).toThrow(/data\[0\]/);
    expect(() => expectedUpperLimit(oneBin(0, 10))).toThrow(/signal samples/);
  });
});

describe("toy Monte Carlo CLs vs the asymptotic formulae", () => {
  test("Poisson table sampler: mean and variance", () => {
    // Reference: Poisson mean = variance = ν. 2e4 draws: σ(mean) = √(ν/N) = 0.022 for ν = 10,
    // σ(var)/var ≈ √(2/N) = 1 %; tolerances 4σ.
    const t = new PoissonTable(10);
    const rng = randomStream(11, 0);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const k = t.sample(rng.uniform());
      s += k;
      s2 += k * k;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 10)).toBeLessThan(4 * Math.sqrt(10 / n));
    expect(Math.abs(variance / 10 - 1)).toBeLessThan(0.04);
    expect(new PoissonTable(0).sample(0.7)).toBe(0);
  });

  test("two bins + profiled background nuisance: toy CLs at the asymptotic μ_up is 0.05", () => {
    // Reference: the asymptotic formulae are accurate for large counts (Cowan et al. Sec. 5); here
    // b = 1000 and 2000. Toys: 20000 per hypothesis, fixed seed; σ(CLs) from 20 batch means
    // (≈ 0.0025). Tolerance: 3σ_toy + 0.003 for the residual asymptotic approximation.
    const model: CountingModel = {
      channels: [
        {
          name: "c",
          samples: [
            { name: "s", data: [30, 20], signal: true },
            {
              name: "b",
              data: [1000, 2000],
              modifiers: [{ kind: "normsys", name: "bn", hi: 1.03, lo: 0.97 }],
            },
          ],
        },
      ],
    };
    const lim = expectedUpperLimit(model);
    const toy = toyExpectedCls(model, lim.median, { toys: 20000, seed: 424242 });
    expect(toy.clsError).toBeGreaterThan(0);
    expect(toy.clsError).toBeLessThan(0.005);
    expect(Math.abs(toy.cls - 0.05)).toBeLessThan(3 * toy.clsError + 0.003);
    // Sanity: at twice the limit CLs is far below 0.05, at half it is far above (both ways by > 5σ).
    expect(toyExpectedCls(model, 2 * lim.median, { toys: 2000, seed: 1 }).cls).toBeLessThan(0.01);
    expect(toyExpectedCls(model, 0.5 * lim.median, { toys: 2000, seed: 2 }).cls).toBeGreaterThan(0.2);
  });
});
