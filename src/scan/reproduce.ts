/**
 * `dnreach reproduce`: the whole chain of the paper — samples → detector → selection → limits →
 * figures — from nothing, with a content-addressed cache so that a rerun (or an interrupted run)
 * reuses every finished sample and analysis.
 *
 * Outputs in `outDir`: figures (SVG, PNG, JSON), `limits.json` (every point of Figs. 6–9),
 * `report.html` (self-contained), `manifest.json` (version, seeds, settings, timings).
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DetectorCard, loadCard } from "../detector/card.js";
import { kFactorFor } from "../generate/kfactors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { type DistributionRow, distributionCsv, distributionSpec } from "../plot/distributions.js";
import { writeFig2 } from "../plot/fig2.js";
import { writeFig5 } from "../plot/fig5.js";
import { LIMIT_FIGURES, limitFigureSpec } from "../plot/limitFigures.js";
import { writeFigure } from "../plot/render.js";
import { DEFAULT_SMOOTHING_LN_M, smoothedWindowVariance } from "../stats/smooth.js";
import { ContentCache, codeVersion } from "./cache.js";
import { FULL_GRID, QUICK_GRID, type ScanGrid, type SignalPoint, signalPoints } from "./grids.js";
import {
  BAND_CARDS,
  type BackgroundYields,
  type BandCard,
  type BeyondPaper,
  backgroundSpectrum,
  eventsPerPb,
  pointLimits,
} from "./limits.js";
import { runProductTasks } from "./pool.js";
import { type BackgroundSizes, backgroundStreams, SIGNAL_REFERENCE } from "./processes.js";
import {
  accumulateRows,
  backgroundProducts,
  FIG34_LUMI,
  type SignalFig34,
  signalProducts,
  signalSpec,
} from "./products.js";
import type { ProductTask } from "./productWorker.js";
import { type BackgroundRow, buildReport, type SignalRow } from "./report.js";
import type { SampleRequest } from "./samples.js";
import { loadScenario, type Scenario } from "./scenario.js";
import type { LimitRecord } from "./types.js";
import { promptKey } from "./yields.js";

export interface ReproduceOptions {
  outDir: string;
  cacheDir: string;
  quick: boolean;
  seed: number;
  workers?: number;
  shower: boolean;
  /** Progress and timing messages (one line each). */
  log: (line: string) => void;
}

export interface StageTiming {
  stage: string;
  seconds: number;
}

export interface ReproduceResult {
  records: LimitRecord[];
  timings: StageTiming[];
  files: string[];
}

/** Statistics per sample: quick runs are for tests and previews, full runs for the figures. */
export function sampleSizes(quick: boolean): SampleSizes {
  return quick
    ? {
        signal: 6000,
        // The full run's settings (floor, copies, tt̄ warm-up) with fewer points.
        background: {
          ...FULL_BACKGROUND_SIZES,
          wRegions: { core: 16000, shell: 8000, halo: 4000, outside: 2000 },
          z: 40000,
          top: 40000,
          chunkPoints: 20000,
          wWarmup: { iterations: 4, points: 4000, alpha: 1.0 },
          zWarmup: { iterations: 4, points: 4000, alpha: 1.0 },
        },
      }
    : {
        signal: 40000,
        background: FULL_BACKGROUND_SIZES,
      };
}

/**
 * Shower copies (processes.ts `ShowerCopies`) of the Z/γ* + soft pair events: no showered copy
 * heavier than the mean weight per point, at most 64 copies per event. Z/γ* → 4e holds most of the
 * N_B error of the ee windows above ≈ 0.15 GeV, and its |M|² is most of its cost, so copies are
 * cheap there: +17 % CPU for 25 % smaller window errors. The W runs have none: copies by weight in
 * all W runs cost +30 % CPU for 5 % smaller μμ window errors, copies by expected selected weight
 * (generate/background/eventProxy.ts) in the W cores +18 % for no change (docs/backgrounds.md,
 * "Shower copies", "Shower copies by expected selected weight").
 */
const Z_SHOWER_COPIES = { capMeanWeights: 1, maxCopies: 64 } as const;

/**
 * The full scan's backgrounds. W + soft pair in its selection regions: the shares of
 * docs/backgrounds.md (62 % core, 25 % shell, 11 % halo, 2 % outside of the CPU), the warm-up
 * measured best there (10 × 3·10⁴ points at α = 1.0) and a weight floor of 1 × σ. Z/γ* + soft pair
 * with the same warm-up (its 17–34 channels adapt poorly on generate's default 5 × 10⁴ points at
 * α = 1.5: 3× larger errors after the selection), tt̄ with generate's default. Z/γ* has 7 chunks of
 * 62 500 points: since it draws the beam orientation (two |M|² per point instead of four) they cost
 * what its 4 chunks did; tt̄ keeps its 2 (docs/backgrounds.md, "The split in the scan").
 */
const FULL_BACKGROUND_SIZES: BackgroundSizes = {
  wRegions: { core: 2_000_000, shell: 800_000, halo: 350_000, outside: 100_000 },
  z: 437_500,
  top: 125_000,
  chunkPoints: 62_500,
  wWarmup: { iterations: 10, points: 30000, alpha: 1.0 },
  zWarmup: { iterations: 10, points: 30000, alpha: 1.0 },
  topWarmup: { iterations: 5, points: 10000, alpha: 1.5 },
  wWeightFloor: 1,
  wShowerCopies: null,
  zShowerCopies: Z_SHOWER_COPIES,
};

export interface SampleSizes {
  /** Phase-space points per signal sample. */
  signal: number;
  /** The background runs (processes.ts `backgroundStreams`). */
  background: BackgroundSizes;
}

function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** The cache keys' code version: the package version and a hash of the built code and data. */
function cacheCodeVersion(version: string): string {
  return codeVersion(fileURLToPath(new URL("../../", import.meta.url)), version, ["dist", "data"]);
}

/** Signal overlays of Figs. 3–4 (points of the Fig. 7 line, close to the paper's choices). */
const FIG34_SIGNALS: readonly [number, number][] = [
  [0.3, 0.1],
  [0.9, 0.3],
  [9, 3],
];

/** The Figs. 3–4 overlay of a signal point, if it is one: shown at |U|² = 1e-4 and 1e-6 (paper). */
function fig34Of(p: SignalPoint): SignalFig34 | null {
  const shown = FIG34_SIGNALS.some(
    ([mN, mZD]) => Math.abs(mN - p.mN) < 1e-12 && Math.abs(mZD - p.mZD) < 1e-12,
  );
  return shown ? { label: `m_N = ${p.mN} GeV, m_Z_D = ${p.mZD} GeV`, fig3U2: 1e-4, fig4U2: 1e-6 } : null;
}

/** Runs the reproduction; see the module comment. */
export async function reproduce(o: ReproduceOptions): Promise<ReproduceResult> {
  const packageVer = packageVersion();
  // Every cached product is keyed by this, so a changed build or data file never reuses old products.
  const version = cacheCodeVersion(packageVer);
  const cache = new ContentCache(o.cacheDir);
  const timings: StageTiming[] = [];
  const t = async <T>(stage: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    const seconds = (performance.now() - t0) / 1000;
    timings.push({ stage, seconds });
    o.log(`${stage}: ${seconds.toFixed(1)} s`);
    return r;
  };
  const grid: ScanGrid = o.quick ? QUICK_GRID : FULL_GRID;
  const w = o.workers !== undefined ? { workers: o.workers } : {};
  const sizes = sampleSizes(o.quick);
  const scenarios: Scenario[] = [loadScenario("run2"), loadScenario("hllhc")];
  const cards = Object.fromEntries(BAND_CARDS.map((c) => [c, loadCard(c)])) as Record<BandCard, DetectorCard>;
  const sqrtS = scenarios[0]!.generationSqrtSGeV;
  const kW = kFactorFor(sqrtS).kFactor;

  // 1. Backgrounds: one run per process (per selection region for W), analysed chunk by chunk.
  const bkgRuns = backgroundStreams(sqrtS, sizes.background, o.seed, o.shower);
  const points = signalPoints(grid);
  const signalRequest = (p: SignalPoint, i: number): SampleRequest => ({
    label: `signal-${p.mN}-${p.mZD}`,
    group: "signal",
    spec: signalSpec(p, sqrtS),
    nEvents: sizes.signal,
    seed: o.seed + 1 + i,
    shower: o.shower,
    kFactor: kW,
  });
  // 0. Fill the cache in parallel: one whole sample (generation, shower, detector, analysis) per
  //    core; the stages below then read every product from the cache.
  const flightScales = grid.alphaEps2Variants.map((a) => grid.alphaEps2Nominal / a);
  const tasks: ProductTask[] = [
    // The largest runs first, so that no core waits for one long run at the end.
    ...[...bkgRuns].sort((a, b) => b.points - a.points).map((run) => ({ kind: "background" as const, run })),
    ...points.map((p, i) => ({
      kind: "signal" as const,
      request: { ...signalRequest(p, i), workers: 0 },
      flightScales,
      fig34: fig34Of(p),
    })),
  ];
  await t("samples (parallel)", async () => {
    let done = 0;
    await runProductTasks(
      tasks,
      { cacheDir: o.cacheDir, version, seed: o.seed },
      o.workers ?? availableParallelism(),
      (task) => {
        done++;
        o.log(
          `  [${done}/${tasks.length}] ${task.kind === "background" ? task.run.label : task.request.label}`,
        );
      },
    );
  });

  const bkg: BackgroundYields[] = [];
  const bkgSigma = new Map<string, { sigmaPb: number; sigmaErrPb: number; runs: number }>();
  const bkgRows = new Map<string, BackgroundRow>();
  const fig3Rows = new Map<string, DistributionRow>();
  const fig4Rows = new Map<string, DistributionRow>();
  await t("backgrounds", async () => {
    for (const [i, run] of bkgRuns.entries()) {
      const r = await backgroundProducts(run, cards, cache, version);
      // Each run's weights are normalised to its σ, and the runs of a process are disjoint regions
      // of its phase space: their yields add.
      bkg.push({ group: run.group, byCard: r.yields });
      accumulateRows(fig3Rows, r.fig34.fig3);
      accumulateRows(fig4Rows, r.fig34.fig4);
      const run2 = scenarios[0]!;
      const sr = (key: string) => r.yields.paper!.prompt[key]!.integral() * eventsPerPb(run2, run.group);
      const row = bkgRows.get(run.process) ?? {
        process: run.process,
        sigmaPb: 0,
        srEventsEE: 0,
        srEventsMuMu: 0,
      };
      row.sigmaPb += r.sigmaPb;
      row.srEventsEE += sr("ee:5");
      row.srEventsMuMu += sr("mumu:5");
      bkgRows.set(run.process, row);
      const acc = bkgSigma.get(run.process) ?? { sigmaPb: 0, sigmaErrPb: 0, runs: 0 };
      bkgSigma.set(run.process, {
        sigmaPb: acc.sigmaPb + r.sigmaPb,
        sigmaErrPb: Math.hypot(acc.sigmaErrPb, r.sigmaErrPb),
        runs: acc.runs + 1,
      });
      o.log(
        `  [${i + 1}/${bkgRuns.length}] ${run.label}: σ = ${r.sigmaPb.toPrecision(4)} ± ${r.sigmaErrPb.toPrecision(2)} pb (${r.generated ? "generated" : "cached"})`,
      );
    }
  });

  // 2. Signal points and limits.
  const records: LimitRecord[] = [];
  const beyond: BeyondPaper[] = [];
  const workspaceFiles: string[] = [];
  const windows: WindowRow[] = [];
  const signals: SignalRow[] = [];
  await t("signal and limits", async () => {
    for (const [i, p] of points.entries()) {
      // Read from the cache the parallel stage filled (workers: 0 is not part of the key).
      const sample = await signalProducts(
        { ...signalRequest(p, i), workers: 0 },
        flightScales,
        fig34Of(p),
        cards,
        cache,
        version,
        o.seed,
      );
      if (sample.fig34) {
        accumulateRows(fig3Rows, sample.fig34.fig3);
        accumulateRows(fig4Rows, sample.fig34.fig4);
      }
      signals.push({
        mN: p.mN,
        mZD: p.mZD,
        sigmaPb: sample.sigmaPb,
        sigmaErrPb: sample.sigmaErrPb,
        brZDToLeptons: sample.brZDToLeptons,
        ctauZDMm: sample.ctauZDMm,
      });
      const nominal = sample.yields;
      for (const sc of scenarios) {
        const r = pointLimits(
          { ...p, alphaEps2: grid.alphaEps2Nominal, u2Ref: SIGNAL_REFERENCE.u2Ref, signal: nominal },
          bkg,
          sc,
          true,
        );
        records.push(...r.records);
        if (r.beyond) beyond.push(r.beyond);
        if (r.beyondSkipped) o.log(`  CLs not computed: ${r.beyondSkipped}`);
        if (r.workspace) {
          const f = join(o.outDir, "workspaces", `${sc.name}_mN${p.mN}_mZD${p.mZD}.json`);
          await writeFileAtomic(f, `${JSON.stringify(r.workspace, null, 1)}\n`);
          workspaceFiles.push(f);
        }
        for (const ch of r.prompt["5"]!.nominal.perChannel) {
          const w = ch.window;
          windows.push({
            scenario: sc.name,
            mN: p.mN,
            mZD: p.mZD,
            channel: ch.name,
            ...(w.status === "ok"
              ? {
                  status: w.status,
                  loGeV: w.lo,
                  hiGeV: w.hi,
                  nS: w.nS,
                  nB: w.nB,
                  // MC error of the smoothed N_B, correlations between smoothed bins included.
                  nBErr: Math.sqrt(
                    smoothedWindowVariance(
                      backgroundSpectrum(bkg, "paper", promptKey(ch.name as "ee" | "mumu", 5), sc),
                      DEFAULT_SMOOTHING_LN_M,
                      w.loBin,
                      w.hiBin,
                    ),
                  ),
                  significance: w.significance,
                }
              : { status: w.status }),
          });
        }
      }
      for (const [k, a] of grid.alphaEps2Variants.entries()) {
        // L ∝ cτ ∝ 1/(αε²) (paper eq. 8): the same events with the Z_D flight scaled.
        const y = sample.flightYields[k]!;
        for (const sc of scenarios) {
          records.push(
            ...pointLimits({ ...p, alphaEps2: a, u2Ref: SIGNAL_REFERENCE.u2Ref, signal: y }, bkg, sc, false)
              .records,
          );
        }
      }
      o.log(
        `  [${i + 1}/${points.length}] ${pointLabel(p)}: σ = ${sample.sigmaPb.toPrecision(4)} pb (${sample.generated ? "generated" : "cached"})`,
      );
    }
  });

  const files: string[] = [];
  const limitsFile = join(o.outDir, "limits.json");
  await writeFileAtomic(limitsFile, `${JSON.stringify(records, null, 1)}\n`);
  files.push(limitsFile);
  const beyondFile = join(o.outDir, "beyond-paper.json");
  await writeFileAtomic(beyondFile, `${JSON.stringify(beyond, null, 1)}\n`);
  files.push(beyondFile, ...workspaceFiles);
  const windowsFile = join(o.outDir, "windows.json");
  await writeFileAtomic(windowsFile, `${JSON.stringify(windows, null, 1)}\n`);
  files.push(windowsFile);
  const figures = await t("figures 6-9", async () => {
    const def = {
      fig6MZD: grid.fig6MZD,
      fig7Ratio: grid.fig7Ratio,
      alphaEps2Nominal: grid.alphaEps2Nominal,
      alphaEps2Variants: grid.alphaEps2Variants,
    };
    const written: Record<string, string> = {};
    for (const name of LIMIT_FIGURES) {
      const f = await writeFigure(o.outDir, name, limitFigureSpec(name, records, def), records);
      files.push(f.svg, f.png, f.data);
      written[name] = f.svg;
    }
    return written;
  });
  await t("figures 2-5", async () => {
    const fig2 = await writeFig2(o.outDir, { size: o.quick ? "quick" : "full", seed: o.seed, ...w });
    files.push(fig2.svg, fig2.png, fig2.data, fig2.csv);
    for (const [which, rowsMap, target, selection] of [
      ["fig3", fig3Rows, "10⁻⁴", "Pre-selection"],
      ["fig4", fig4Rows, "10⁻⁶", "Signal region"],
    ] as const) {
      const rows = [...rowsMap.values()];
      const groups = [...new Set(rows.filter((r) => r.group !== "signal").map((r) => r.group))].join(", ");
      const spec = distributionSpec(rows, {
        title: `${selection}, electron channel (electron pT > 1 GeV), ${FIG34_LUMI} fb⁻¹, 13 TeV`,
        subtitle: `SM backgrounds stacked (${groups}); signals at |U_μ4|² = ${target}, αε² = 2×10⁻¹⁰, g_D = 0.25; under/overflow in the first/last bin`,
      });
      const f = await writeFigure(o.outDir, which, spec, rows);
      const csv = join(o.outDir, `${which}.csv`);
      await writeFileAtomic(csv, distributionCsv(rows));
      files.push(f.svg, f.png, f.data, csv);
    }
    const fig5 = await writeFig5(o.outDir, { quick: o.quick, seed: o.seed, ...w });
    files.push(fig5.svg, fig5.png, fig5.data, fig5.csv);
  });
  const manifest = {
    package: "dnreach",
    version: packageVer,
    // The cache keys' version: package version + hash of dist/ and data/ (cache.ts `codeVersion`).
    codeVersion: version,
    command: o.quick ? "reproduce --quick" : "reproduce",
    seed: o.seed,
    shower: o.shower,
    sampleSizes: sizes,
    grid,
    scenarios,
    backgrounds: bkgRuns.map((r) => ({
      label: r.label,
      spec: r.spec,
      kFactor: r.kFactor,
      points: r.points,
      chunkPoints: r.chunkPoints,
      warmup: r.warmup,
      weightFloor: r.weightFloor,
      seed: r.seed,
    })),
    backgroundCrossSectionsPb: Object.fromEntries(bkgSigma),
    cache: { dir: o.cacheDir, hits: cache.hits, misses: cache.misses },
    timings,
  };
  const manifestFile = join(o.outDir, "manifest.json");
  await writeFileAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  files.push(manifestFile);
  const reportFile = join(o.outDir, "report.html");
  await writeFileAtomic(
    reportFile,
    buildReport({
      outDir: o.outDir,
      quick: o.quick,
      records,
      windows,
      beyond,
      signals,
      backgrounds: [...bkgRows.values()],
      alphaEps2Nominal: grid.alphaEps2Nominal,
      manifest,
    }),
  );
  files.push(reportFile);
  void figures;
  return { records, timings, files };
}

/** The optimal prompt window of one channel at one point (paper Sec. V B; listed in the report). */
export interface WindowRow {
  scenario: string;
  mN: number;
  mZD: number;
  channel: string;
  status: string;
  loGeV?: number;
  hiGeV?: number;
  nS?: number;
  nB?: number;
  /** MC error of N_B in the window (smoothed template, stats/smooth.ts `smoothedWindowVariance`). */
  nBErr?: number;
  significance?: number;
}

function pointLabel(p: SignalPoint): string {
  return `m_N = ${p.mN} GeV, m_ZD = ${p.mZD} GeV`;
}
