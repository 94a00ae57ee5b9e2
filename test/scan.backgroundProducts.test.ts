/**
 * The scan's background runs (products.ts `backgroundProducts`, processes.ts `backgroundStreams`).
 * References: (1) the selection regions of wregion.ts partition phase space, so the four W runs'
 * selected yields must add up to the yield of one inclusive run of the same process, within their
 * combined MC error; (2) a run analysed chunk by chunk holds, in its cached products, σ of
 * `generateStream` with the same options; (3) the chunks of a run draw their shower and detector
 * random numbers from streams of their own, apart from each other and from the generator's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { promptSignalRegionCuts, selectedWeights } from "../src/analysis/cuts.js";
import { repeatEvents } from "../src/core/events.js";
import { findBin, Histogram1D } from "../src/core/histogram.js";
import { loadCard } from "../src/detector/card.js";
import type { BackgroundSpec } from "../src/generate/background/spec.js";
import { EVENT_STREAM_BASE, WARMUP_STREAM_BASE } from "../src/generate/engine.js";
import { generateStream } from "../src/generate/generate.js";
import { ContentCache } from "../src/scan/cache.js";
import { BAND_CARDS, type BandCard } from "../src/scan/limits.js";
import { type BackgroundStream, backgroundStreams } from "../src/scan/processes.js";
import { backgroundProducts, chunkStreams, generationOptions } from "../src/scan/products.js";
import { sampleSizes } from "../src/scan/reproduce.js";
import {
  addCardYields,
  type CardYields,
  MLL_BINNING,
  observe,
  selectionFor,
  yieldsFromObservables,
} from "../src/scan/yields.js";
import { showerGeneratedDeferred } from "../src/shower/run.js";

const dir = mkdtempSync(join(tmpdir(), "dnreach-bkgprod-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cache = new ContentCache(dir);
const cards = Object.fromEntries(BAND_CARDS.map((c) => [c, loadCard(c)])) as Record<
  BandCard,
  ReturnType<typeof loadCard>
>;

/** Selected σ (pb) and its MC error in the paper card's prompt ee signal region (electrons > 5 GeV). */
async function promptEE(run: BackgroundStream): Promise<{ sigma: number; err: number; sigmaPb: number }> {
  const r = await backgroundProducts(run, cards, cache, "test");
  const h = r.yields.paper!.prompt["ee:5"]!;
  let s2 = 0;
  for (let i = 0; i < h.sumW2.length; i++) s2 += h.sumW2[i]!;
  return { sigma: h.integral(), err: Math.sqrt(s2), sigmaPb: r.sigmaPb };
}

describe("background runs of a scan", () => {
  const quick = sampleSizes(true).background;
  // Chunks of 4000 points, so that each region is analysed in several chunks and added up.
  const runs = backgroundStreams(13000, { ...quick, chunkPoints: 4000 }, 3, true).filter(
    (r) => r.process === "wgamma-mu-e",
  );
  const wSpec = runs[0]!.spec as Extract<BackgroundSpec, { kind: "wgamma" }>;

  it("W + soft pair in four regions gives the inclusive run's selected yield", async () => {
    let sigma = 0;
    let var2 = 0;
    for (const run of runs) {
      const y = await promptEE(run);
      sigma += y.sigma;
      var2 += y.err * y.err;
    }
    // One inclusive run (region "all", adapted to σ) of the same process: 1.5·10⁵ points, whose
    // selected yield is known to ≈ 20 %; the regions' (3·10⁴ points and their warm-ups) to ≈ 8 %.
    const inclusive = await promptEE({
      ...runs[0]!,
      label: "wgamma-mu-e",
      spec: { ...wSpec, region: "all" },
      seed: 99,
      points: 150000,
      chunkPoints: 50000,
      warmup: { iterations: 5, points: 10000, alpha: 1.5 },
      weightFloor: 0,
    });
    expect(sigma).toBeGreaterThan(0);
    expect(inclusive.sigma).toBeGreaterThan(0);
    // The regions' MC error is much smaller than the inclusive run's: the split is what buys it.
    expect(Math.sqrt(var2) / sigma).toBeLessThan((0.5 * inclusive.err) / inclusive.sigma);
    // Agreement within 4 combined standard deviations (the weights of the inclusive run have a
    // tail, so its Gaussian error is only indicative).
    expect(Math.abs(sigma - inclusive.sigma)).toBeLessThan(4 * Math.hypot(Math.sqrt(var2), inclusive.err));
  }, 120000);

  it("caches generateStream's σ for the run", async () => {
    const run = runs.find((r) => r.label.endsWith("/outside"))!;
    const products = await promptEE(run);
    const direct = await generateStream(run.spec, generationOptions(run), () => {});
    expect(products.sigmaPb).toBe(direct.sigmaPb);
  });

  it("give every chunk its own shower and detector streams, apart from the generator's", () => {
    // Generator streams of a seed (engine.ts): points c, warm-up 2⁴⁰ + iteration, events 2⁴² + c.
    const used = new Set<number>();
    const add = (stream: number) => {
      expect(used.has(stream)).toBe(false);
      used.add(stream);
    };
    for (let c = 0; c < 1000; c++) {
      const s = chunkStreams(c);
      add(s.shower);
      for (let k = 0; k < BAND_CARDS.length; k++) add(s.detector + k);
      add(s.fig34);
      for (const x of [s.shower, s.detector, s.fig34]) {
        expect(x).toBeGreaterThanOrEqual(WARMUP_STREAM_BASE + 100);
        expect(x < EVENT_STREAM_BASE || x >= EVENT_STREAM_BASE + 2 ** 40).toBe(true);
        expect(Number.isSafeInteger(x)).toBe(true);
      }
    }
  });
});

describe("addCardYields", () => {
  it("sums histograms bin by bin (Σw and Σw²) and displaced totals, as for disjoint samples", () => {
    const make = (m: number, w: number): Record<string, CardYields> => {
      const h = new Histogram1D(MLL_BINNING);
      h.fill(m, w);
      return { paper: { prompt: { "ee:5": h }, displaced: { "5": { sumW: w, sumW2: w * w } } } };
    };
    const acc: Record<string, CardYields> = {};
    addCardYields(acc, make(0.05, 2));
    addCardYields(acc, make(0.05, 3));
    addCardYields(acc, make(1.5, 1));
    const h = acc.paper!.prompt["ee:5"]!;
    expect(h.integral()).toBe(6);
    let s2 = 0;
    for (const v of h.sumW2) s2 += v;
    expect(s2).toBe(4 + 9 + 1);
    expect(acc.paper!.displaced["5"]).toEqual({ sumW: 6, sumW2: 14 });
  });
});

describe("shower copies of heavy events (ShowerCopies)", () => {
  const quick = sampleSizes(true).background;
  const core = backgroundStreams(13000, quick, 5, true).find((r) => r.label === "wgamma-mu-e/core")!;

  it("give each bin its share of the copies' joint variance, exact over the whole spectrum", async () => {
    // References: the definition of the shares (analysis/copies.ts `correlatedSquares`, used by
    // yields.ts) — an entry of weight w adds w·W to its bin's Σw², W the sum of its generated event's
    // selected weights; summed over all bins that is Σ over generated events of W², the exact
    // variance of the total.
    const card = cards.paper;
    let events = 0;
    let exact = 0;
    let independent = 0;
    let fromBins = 0;
    await generateStream(core.spec, { ...generationOptions(core), nEvents: 4000 }, async (c) => {
      const { batch: copies, source } = repeatEvents(c.batch, 4);
      const { deferred } = showerGeneratedDeferred(copies, c.info, 5);
      // Charged H_T left at 0 (no hadrons here): the test is about the bookkeeping, not the veto.
      const obs = observe(deferred.batch, card, 5, 0, new Float64Array(deferred.batch.nEvents));
      const y = yieldsFromObservables(obs, card, source).prompt["ee:1"]!;
      const w = selectedWeights(obs, promptSignalRegionCuts({ ...selectionFor(card, 1), channel: "ee" }));
      const eventSum = new Map<number, number>();
      for (let i = 0; i < obs.n; i++) {
        const g = source[obs.event[i]!]!;
        eventSum.set(g, (eventSum.get(g) ?? 0) + w[i]!);
      }
      const want = new Float64Array(y.sumW2.length);
      for (let i = 0; i < obs.n; i++) {
        if (w[i] === 0) continue;
        const bin = findBin(y.edges, obs.mll[i]!);
        want[bin] = want[bin]! + w[i]! * eventSum.get(source[obs.event[i]!]!)!;
        independent += w[i]! * w[i]!;
      }
      for (let b = 0; b < want.length; b++) expect(y.sumW2[b]).toBeCloseTo(want[b]!, 18);
      for (const W of eventSum.values())
        if (W > 0) {
          exact += W * W;
          events++;
        }
      fromBins += y.sumW2.reduce((a, x) => a + x, 0) + y.underflowW2 + y.overflowW2;
    });
    expect(events).toBeGreaterThan(0);
    expect(fromBins).toBeCloseTo(exact, 18);
    // Counted as independent, the copies would understate the variance.
    expect(exact).toBeGreaterThan(1.2 * independent);
  }, 60000);

  it("leave the selected yield unbiased (independent runs with and without copies agree)", async () => {
    // Reference: any number of copies fixed by the hard event alone keeps E[Σw] (core/events.ts).
    const base = { ...core, points: 12000, chunkPoints: 6000 };
    const without = await promptEE({ ...base, label: "core-no-copies", seed: 11, showerCopies: null });
    const withCopies = await promptEE({
      ...base,
      label: "core-copies",
      seed: 12,
      showerCopies: { capMeanWeights: 1, maxCopies: 8 },
    });
    expect(without.sigma).toBeGreaterThan(0);
    // 4 combined standard deviations: a 6·10⁻⁵ chance for Gaussian errors.
    expect(Math.abs(withCopies.sigma - without.sigma)).toBeLessThan(
      4 * Math.hypot(without.err, withCopies.err),
    );
  }, 60000);
});
