import { describe, expect, it } from "vitest";
import { PAPER_SELECTION } from "../src/analysis/cuts.js";
import type { EventBatch } from "../src/core/events.js";
import { pairMass2 } from "../src/core/fourvector.js";
import { randomStream } from "../src/core/rng.js";
import { PAPER_GENERATION_CUTS } from "../src/generate/background/cuts.js";
import { selectionProxyOfEvent } from "../src/generate/background/eventProxy.js";
import type { PhaseSpaceRegion } from "../src/generate/background/regions.js";
import {
  type AdaptTarget,
  type BackgroundSpec,
  buildBackgroundProcess,
} from "../src/generate/background/spec.js";
import {
  inSelectionRegion,
  REACH_RECOIL,
  REGION_DIMS,
  type RegionLimits,
  type RegionMapSetup,
  regionMapDensity,
  regionMapPoint,
  selectionProxy,
  UNIFORM_UNIT_CUBE,
  W_SELECTION_CORE,
  W_SELECTION_HALO,
  W_SELECTION_HALO_MUON_PAIR,
  W_SELECTION_OUTER,
  withinReach,
} from "../src/generate/background/wregion.js";
import { runChunk, warmUp } from "../src/generate/engine.js";
import { electroweakParameters } from "../src/model/electroweak.js";
import { VegasGrid } from "../src/phasespace/vegas.js";

function spec(pair: "e" | "mu", region: PhaseSpaceRegion, adaptTo?: AdaptTarget): BackgroundSpec {
  return {
    kind: "wgamma",
    charge: "both",
    lepton: "mu",
    pair,
    sqrtS: 13000,
    scale: { kind: "dynamic" },
    ewInputs: "default",
    mHatMinGeV: 10,
    cuts: { ...PAPER_GENERATION_CUTS },
    region,
    ...(adaptTo ? { adaptTo } : {}),
  };
}

interface Run {
  sigma: number;
  err: number;
  batch: EventBatch;
}

/** Warm-up of `integrate`: iterations × points at damping α. */
interface Warm {
  iterations: number;
  points: number;
  alpha: number;
}
const SMALL_WARMUP: Warm = { iterations: 6, points: 10000, alpha: 1.5 };
/** The warm-up of bench/windows.mjs (docs/backgrounds.md). */
const BENCH_WARMUP: Warm = { iterations: 10, points: 30000, alpha: 1 };

function integrate(s: BackgroundSpec, points: number, seed: number, warm = SMALL_WARMUP): Run {
  const { process } = buildBackgroundProcess(s);
  warmUp(process, { seed, iterations: warm.iterations, pointsPerIteration: warm.points, alpha: warm.alpha });
  const r = runChunk(process, { seed, chunk: 0, points, totalPoints: points, unweightMaxPb: null });
  const mean = r.sumW / points;
  return {
    sigma: mean,
    err: Math.sqrt(Math.max(0, r.sumW2 / points - mean * mean) / (points - 1)),
    batch: r.batch,
  };
}

/** Event e's final state as slots [W lepton, ν, ℓ′⁻, ℓ′⁺] of a 16-double buffer. */
function finalState(b: EventBatch, e: number, out: Float64Array): void {
  const o = b.offsets[e]! + 2;
  for (let k = 0; k < 4; k++) {
    out[4 * k] = b.E[o + k]!;
    out[4 * k + 1] = b.px[o + k]!;
    out[4 * k + 2] = b.py[o + k]!;
    out[4 * k + 3] = b.pz[o + k]!;
  }
}

/** μ ν e e (distinct flavours): the W lepton is slot 0, the pair slots 2, 3. */
function inRegionMuEE(b: EventBatch, e: number, q: Float64Array, limits: RegionLimits): boolean {
  finalState(b, e, q);
  return inSelectionRegion(q, 0, 8, 12, limits, limits.pairElectronPtMinGeV);
}

describe("selection-region split of W + soft pair (wregion.ts)", () => {
  it("the region map's σ in R equals the inclusive sample's σ restricted to R (μν ee)", () => {
    // Reference: the inclusive multichannel (independent maps, no region) with the events inside R
    // summed — the same integral f·1_R by another parametrisation, so a wrong Jacobian, measure
    // factor (2π, 2/S, ½ p_T) or missed solution branch of the region map shows up as a ratio ≠ 1.
    // Tolerance: 4 combined MC standard errors; R holds ~1 % of σ, so the inclusive estimate
    // (≈ 3–4 %) dominates and a factor-2 error is excluded by > 10σ.
    const core = integrate(spec("e", "core", "sigma"), 40000, 3);
    const all = integrate(spec("e", "all"), 300000, 4);
    const q = new Float64Array(16);
    let s = 0;
    let s2 = 0;
    for (let e = 0; e < all.batch.nEvents; e++) {
      if (!inRegionMuEE(all.batch, e, q, W_SELECTION_CORE)) continue;
      const w = all.batch.weight[e]!;
      s += w;
      s2 += w * w;
    }
    const errAll = Math.sqrt(s2);
    expect(s).toBeGreaterThan(0);
    expect(core.err / core.sigma).toBeLessThan(0.03);
    expect(Math.abs(core.sigma - s)).toBeLessThan(4 * Math.hypot(core.err, errAll));
  }, 30000);

  it("adapting to the selection moves the points towards Table II, not the integral (μν ee)", () => {
    // The adaptation target changes g only; σ(core) is the same integral f·1_R either way.
    // Tolerance: 4 combined MC standard errors. The steered grid must put more of its points where
    // the generator-level stand-in for Table II is high (proxy ≥ 0.5): the unsteered share is
    // measured at 5.1 %, the steered one at 16.7 %; at 20000 points each share is known to ≈ 0.3 %
    // (binomial), so requiring a factor 1.5 is far from both the noise and the measured factor 3.3.
    const sigma = integrate(spec("e", "core", "sigma"), 20000, 5);
    const steered = integrate(spec("e", "core", "selection"), 20000, 6);
    expect(Math.abs(steered.sigma - sigma.sigma)).toBeLessThan(4 * Math.hypot(sigma.err, steered.err));
    const q = new Float64Array(16);
    const share = (r: Run) => {
      let n = 0;
      for (let e = 0; e < r.batch.nEvents; e++) {
        finalState(r.batch, e, q);
        if (selectionProxy(q, 0, 8, 12, 3, 5, 5, PAPER_SELECTION) >= 0.5) n++;
      }
      return n / r.batch.nEvents;
    };
    const [s0, s1] = [share(sigma), share(steered)];
    expect(s1).toBeGreaterThan(1.5 * s0);
  }, 30000);

  it("rejects an unknown adaptation target", () => {
    const bad = { ...spec("e", "core"), adaptTo: "signal" } as unknown as BackgroundSpec;
    expect(() => buildBackgroundProcess(bad)).toThrow(
      /adapt-to must be "sigma" or "selection" \(got "signal"\)/,
    );
  });

  it("core, shell, halo and outside add up to the inclusive σ (μν μμ, identical leptons, both charges)", () => {
    // Partition of phase space: R, R′ \ R, R″ \ R′ and the complement of R″ (the membership test is
    // the same function in all four processes), here with three assignments per charge (the W
    // lepton either ℓ⁻ / ℓ⁺, and the same-sign pair). The parts adapt to σ: adapted to the
    // selection (the default), their σ outside the selection is sampled thinly and known only to
    // 10–40 % at this size. The warm-up is the bench's: the shell's ten channels share it, and
    // with the small one its σ had heavy tails (one event 5–26 % of σ in seeds 10–12, against
    // 0.6–10 % with this one). Tolerance: 4 combined MC standard errors.
    const parts = (["core", "shell", "halo", "outside"] as const).map((r, k) =>
      integrate(spec("mu", r, "sigma"), 60000, 10 + k, BENCH_WARMUP),
    );
    const all = integrate(spec("mu", "all"), 60000, 20);
    const sum = parts.reduce((a, p) => a + p.sigma, 0);
    const err = Math.hypot(all.err, ...parts.map((p) => p.err));
    expect(Math.abs(sum - all.sigma)).toBeLessThan(4 * err);
    // The split is not empty: R and R′ \ R each carry a measured share of σ.
    expect(parts[0]!.sigma).toBeGreaterThan(10 * parts[0]!.err);
    expect(parts[1]!.sigma).toBeGreaterThan(5 * parts[1]!.err);
    // The halo is only required non-empty: R″ holds soft pairs at wide angles to the W lepton, whose
    // radiation the region maps (flat in azimuth) do not follow; its σ was known to 20–80 % here
    // (measured when R″ also held the hard wide pairs).
    expect(parts[2]!.sigma).toBeGreaterThan(0);
  }, 60000);

  it("every core event lies in R, shell event in R′ \\ R, halo event in R″ \\ R′, outside event outside R″ (μν ee)", () => {
    // Membership of the written events, recomputed from the event record (the generator's
    // bookkeeping and the stored momenta agree; rounding at the region's edges has measure 0).
    const q = new Float64Array(16);
    for (const [region, inCore, inOuter, inHalo] of [
      ["core", true, true, true],
      ["shell", false, true, true],
      ["halo", false, false, true],
      ["outside", false, false, false],
    ] as const) {
      const r = integrate(spec("e", region), 5000, 30);
      expect(r.batch.nEvents).toBeGreaterThan(100);
      for (let e = 0; e < r.batch.nEvents; e++) {
        expect(inRegionMuEE(r.batch, e, q, W_SELECTION_CORE)).toBe(inCore);
        expect(inRegionMuEE(r.batch, e, q, W_SELECTION_OUTER)).toBe(inOuter);
        expect(inRegionMuEE(r.batch, e, q, W_SELECTION_HALO)).toBe(inHalo);
      }
    }
  }, 30000);

  for (const part of ["shell", "halo"] as const) {
    it(`${part}-reach and ${part}-rest add up to the ${part}, split by the reach of the selection (μν ee)`, () => {
      // A partition of the part by a function of the point (the proxy under REACH_RECOIL above its
      // floor, wsoftpair.ts `inReach`): the two σ add up to the part's, and every written event lies
      // on its side, recomputed from the event record (eventProxy.ts, equal to the generator's value
      // to rounding; test/background.eventProxy.test.ts). Tolerance: 4 combined MC standard errors.
      const [whole, reach, rest] = ([part, `${part}-reach`, `${part}-rest`] as const).map((r, k) =>
        integrate(spec("e", r, "sigma"), 40000, 40 + k, BENCH_WARMUP),
      );
      expect(Math.abs(reach!.sigma + rest!.sigma - whole!.sigma)).toBeLessThan(
        4 * Math.hypot(whole!.err, reach!.err, rest!.err),
      );
      // Within reach is the smaller share (halo 4 %, shell ≈ 20 % of σ in the bench's runs).
      expect(reach!.sigma).toBeGreaterThan(5 * reach!.err);
      expect(reach!.sigma).toBeLessThan(0.5 * whole!.sigma);
      const scratch = new Float64Array(36);
      for (const [r, within] of [
        [reach!, true],
        [rest!, false],
      ] as const) {
        expect(r.batch.nEvents).toBeGreaterThan(100);
        for (let e = 0; e < r.batch.nEvents; e++) {
          const p = selectionProxyOfEvent(r.batch, e, PAPER_SELECTION, scratch, REACH_RECOIL);
          expect(withinReach(p)).toBe(within);
        }
      }
    }, 60000);
  }

  it("the region map's measure does not depend on its pair-mass density (1/m², or half flat in m over the box)", () => {
    // The same integral, ∫ dx₁dx₂ dΦ₄ m²_ab over the core box (x₁,₂ ≤ 1), estimated with m²_ab drawn
    // ∝ 1/m² and with half of it flat in m up to the box's m_ab limit — the same-sign pair's map
    // (no photon propagator), wsoftpair.ts. A wrong density of the mixture shows up as a ratio ≠ 1.
    // m²_ab weights the upper masses, where the two densities differ most (by ≈ 10× at 10 GeV).
    // Tolerance: 4 combined MC standard errors (2.0 % and 1.3 % at 2·10⁵ points).
    const ew = electroweakParameters();
    const base: RegionMapSetup = {
      kind: "s",
      ow: 0,
      on: 4,
      oa: 8,
      ob: 12,
      mw: ew.mMuon,
      ma: ew.mMuon,
      mb: ew.mMuon,
      s2Min: 4 * ew.mMuon ** 2,
      mW: ew.mW,
      widthW: ew.widthW,
      sHadronic: 13000 ** 2,
      limits: W_SELECTION_CORE,
      flatMassMaxGeV: 0,
    };
    // Independent random streams, so that the two estimates' errors add in quadrature.
    const estimate = (setup: RegionMapSetup, stream: number) => {
      const rng = randomStream(7, stream);
      const u = new Float64Array(REGION_DIMS);
      const p = new Float64Array(20);
      const x = new Float64Array(2);
      const n = 200000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        rng.fillUniform(u);
        const j = regionMapPoint(setup, p, 16, u, x);
        if (j === 0 || x[0]! > 1 || x[1]! > 1) continue;
        const v = j * pairMass2(p, 8, p, 12);
        s += v;
        s2 += v * v;
      }
      const mean = s / n;
      return { mean, err: Math.sqrt((s2 / n - mean * mean) / (n - 1)) };
    };
    const power = estimate(base, 0);
    const mixed = estimate({ ...base, flatMassMaxGeV: W_SELECTION_CORE.mPairMaxGeV }, 1);
    expect(power.mean).toBeGreaterThan(20 * power.err);
    expect(Math.abs(mixed.mean - power.mean)).toBeLessThan(4 * Math.hypot(power.err, mixed.err));
  }, 30000);

  describe("the region map's density at a given final state (regionMapDensity, the inverse map)", () => {
    const ew = electroweakParameters();
    // A muon pair from threshold; with the electron pair's flat part (0.5 GeV), an electron pair
    // from the generation cut m(SFOS) > 10 MeV (as wsoftpair.ts sets them up).
    const setup = (kind: "s" | "w", flatMassMaxGeV: number): RegionMapSetup => {
      const m = flatMassMaxGeV === 0.5 ? ew.mElectron : ew.mMuon;
      return {
        kind,
        ow: 0,
        on: 4,
        oa: 8,
        ob: 12,
        mw: ew.mMuon,
        ma: m,
        mb: m,
        s2Min: Math.max(0.01 ** 2, 4 * m * m),
        mW: ew.mW,
        widthW: ew.widthW,
        sHadronic: 13000 ** 2,
        // The muon pair's halo: pairs at any azimuth below 8 GeV, the widest box.
        limits: W_SELECTION_HALO_MUON_PAIR,
        flatMassMaxGeV,
      };
    };
    const cases = [
      ["s", 0],
      ["w", 0],
      ["s", 15],
      ["w", 0.5],
    ] as const;

    for (const [kind, flat] of cases) {
      it(`is 1 over the map's weight at the point it drew (${kind} map, flat in m up to ${flat} GeV)`, () => {
        // With uniform unit numbers the density is exactly 1/weight (the map's Jacobian, header of
        // wregion.ts), up to rounding: the inverse recomputes m²(ab), rapidities, angles and M² from
        // the momenta. Physical points only (x₁,₂ ≤ 1): beyond, the neutrino carries tens of TeV and
        // M² loses digits. Measured (seed 11, 20 000 draws): at most 2 points beyond 1e-8 per case,
        // the worst 3e-7 (an electron pair of 14 MeV and ≈ 100 GeV). So: 99.9 % within 1e-8, all
        // within 1e-6.
        const c = setup(kind, flat);
        const rng = randomStream(11, 0);
        const u = new Float64Array(REGION_DIMS);
        const p = new Float64Array(20);
        const x = new Float64Array(2);
        let n = 0;
        let beyond = 0;
        let worst = 0;
        for (let i = 0; i < 20000; i++) {
          rng.fillUniform(u);
          const j = regionMapPoint(c, p, 16, u, x);
          if (j === 0 || x[0]! > 1 || x[1]! > 1) continue;
          n++;
          const d = Math.abs(regionMapDensity(c, p, UNIFORM_UNIT_CUBE) * j - 1);
          if (d > 1e-8) beyond++;
          worst = Math.max(worst, d);
        }
        expect(n).toBeGreaterThan(5000);
        expect(beyond).toBeLessThan(0.001 * n);
        expect(worst).toBeLessThan(1e-6);
      });
    }

    it("with a VEGAS grid, 1/density is an unbiased weight (the same integral as the grid's Jacobian)", () => {
      // Points drawn through a randomly distorted grid: both jVeg·jMap (the sampled preimage's
      // weight) and 1/density (all preimages of the mixtures) estimate ∫ dx₁dx₂dΦ₄ m²_ab over the
      // map's range. They differ point by point where m² or M² has several preimages, but not on
      // average: the mean difference is within 4 of its own standard errors (normal, fixed seed).
      const c = setup("s", 15);
      const rng = randomStream(12, 0);
      const grid = new VegasGrid(REGION_DIMS, 30);
      for (let d = 0; d < REGION_DIMS; d++) {
        // Edges at the cumulative sums of random widths (up to a factor 10 apart).
        let acc = 0;
        const w = Array.from({ length: 30 }, () => 0.1 + rng.uniform());
        const tot = w.reduce((a, b) => a + b, 0);
        for (let i = 1; i < 30; i++) {
          acc += w[i - 1]!;
          grid.edges[d * 31 + i] = acc / tot;
        }
      }
      const y = new Float64Array(REGION_DIMS);
      const u = new Float64Array(REGION_DIMS);
      const p = new Float64Array(20);
      const x = new Float64Array(2);
      const n = 100000;
      let sA = 0;
      let sD = 0;
      let sD2 = 0;
      for (let i = 0; i < n; i++) {
        rng.fillUniform(y);
        const jVeg = grid.map(y, u);
        const j = regionMapPoint(c, p, 16, u, x);
        if (j === 0) continue;
        const v = pairMass2(p, 8, p, 12);
        const a = jVeg * j * v;
        const b = v / regionMapDensity(c, p, grid);
        sA += a;
        sD += a - b;
        sD2 += (a - b) ** 2;
      }
      const mean = sD / n;
      const err = Math.sqrt((sD2 / n - mean * mean) / (n - 1));
      expect(err).toBeGreaterThan(0);
      expect(Math.abs(mean)).toBeLessThan(4 * err);
      // And the difference is small against the integral itself.
      expect(Math.abs(mean)).toBeLessThan(0.05 * (sA / n));
    }, 30000);

    // The process's diagnostic weight f/Σⱼ αⱼgⱼ (`balanceWeight`) is itself an estimator of σ under
    // the production sampling (map i, chosen with probability αᵢ, draws x with density gᵢ:
    // E = Σᵢ αᵢ ∫ gᵢ f/Σⱼ αⱼgⱼ = ∫ f), so its mean must agree with the production weights' mean.
    // Tolerance: 4 standard errors of the per-point difference (fixed seeds). Sensitivity, measured:
    // the "w" map's density made 30 % too large shifts the difference by 19 of its errors. (With
    // identical leptons, μν μμ, the ten maps' difference has tails too heavy for a test of this
    // size: 27 % error at 4·10⁴ points.)
    for (const [pair, n] of [["e", 100000]] as const) {
      it(`shares a point by the maps' densities without bias (balanceWeight, μν ${pair}${pair} core)`, () => {
        const { process } = buildBackgroundProcess(spec(pair, "core"));
        warmUp(process, { seed: 5, iterations: 4, pointsPerIteration: 10000, alpha: 1.5 });
        const proc = process as unknown as {
          nDim: number;
          evaluate(u: Float64Array, c: number): number;
          balanceWeight(adapted: boolean): number;
        };
        const rng = randomStream(5, 10);
        const u = new Float64Array(proc.nDim);
        let sw = 0;
        let sd = 0;
        let sd2 = 0;
        for (let i = 0; i < n; i++) {
          rng.fillUniform(u);
          const w = proc.evaluate(u, rng.uniform());
          if (!(w > 0)) continue;
          const d = w - proc.balanceWeight(true);
          sw += w;
          sd += d;
          sd2 += d * d;
        }
        const mean = sd / n;
        const err = Math.sqrt((sd2 / n - mean * mean) / (n - 1));
        expect(sw).toBeGreaterThan(0);
        expect(Math.abs(mean)).toBeLessThan(4 * err);
        expect(err).toBeLessThan(0.05 * (sw / n));
      }, 60000);
    }

    it("is 0 where the map cannot reach (the W lepton below the box's p_T)", () => {
      const c = setup("s", 0);
      const rng = randomStream(13, 0);
      const u = new Float64Array(REGION_DIMS);
      const p = new Float64Array(20);
      const x = new Float64Array(2);
      rng.fillUniform(u);
      u[0] = 0.5;
      expect(regionMapPoint(c, p, 16, u, x)).toBeGreaterThan(0);
      const tighter = { ...c, limits: { ...c.limits, ptWMinGeV: 60 } };
      const ptw = Math.hypot(p[1]!, p[2]!);
      expect(ptw).toBeLessThan(60);
      expect(regionMapDensity(tighter, p, UNIFORM_UNIT_CUBE)).toBe(0);
    });
  });

  it("rejects an unknown region, naming the parts", () => {
    const bad = spec("e", "middle" as PhaseSpaceRegion);
    expect(() => buildBackgroundProcess(bad)).toThrow(
      /region must be one of all, core, shell, shell-reach, .*outside \(got "middle"\)/,
    );
  });

  it("rejects a region with the single-channel map", () => {
    const flat = { ...spec("e", "core"), channelMode: "flat" } as BackgroundSpec;
    expect(() => buildBackgroundProcess(flat)).toThrow(/region/);
  });
});
