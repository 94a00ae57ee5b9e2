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
import { Histogram1D } from "../src/core/histogram.js";
import { loadCard } from "../src/detector/card.js";
import type { BackgroundSpec } from "../src/generate/background/spec.js";
import { EVENT_STREAM_BASE, WARMUP_STREAM_BASE } from "../src/generate/engine.js";
import { generateStream } from "../src/generate/generate.js";
import { ContentCache } from "../src/scan/cache.js";
import { BAND_CARDS, type BandCard } from "../src/scan/limits.js";
import { type BackgroundStream, backgroundStreams } from "../src/scan/processes.js";
import { backgroundProducts, chunkStreams, generationOptions } from "../src/scan/products.js";
import { sampleSizes } from "../src/scan/reproduce.js";
import { addCardYields, type CardYields, MLL_BINNING } from "../src/scan/yields.js";

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
