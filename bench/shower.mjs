// Shower benchmark and validation figures.
//
//   npm run build && node bench/shower.mjs [--n 20000] [--repeat 3] [--figures docs/shower]
//
// 1. Throughput: hard-event generation (dnreach generate, W → μν and the dark-neutrino signal,
//    in this thread) with and without the shower (ISR + hadron proxies), events per second, µs
//    per event per shower stage (ISR, fragmentation, FSR), and peak RSS; each timing is the best
//    of --repeat runs. Then the weighted W(μν) + ee background of the selection bench (windows.mjs,
//    core part): hard event, eager shower and deferred shower (hadrons only where the prompt
//    selection's other cuts pass) per event, weighted and with the weight floor at 1 × σ.
// 2. With --figures DIR: Z pT at 13 TeV against ATLAS (EPJC 80 (2020) 616, data/measurements/),
//    W pT at 8 TeV against CMS (JHEP 02 (2017) 096, data/measurements/), W and Z pT spectra, and
//    charged-H_T distributions for W → μν, the signal and tt̄-like events, written with
//    writeFigure (SVG + PNG + JSON) and summarised on stdout as JSON.
import { promptSignalRegionCuts } from "../dist/analysis/cuts.js";
import { LazyEventHT, selectedWeightsDeferredHT } from "../dist/analysis/deferredHT.js";
import { randomStream } from "../dist/core/rng.js";
import { loadCard } from "../dist/detector/index.js";
import { PAPER_GENERATION_CUTS } from "../dist/generate/background/index.js";
import { buildBackgroundProcess } from "../dist/generate/background/spec.js";
import { runChunk, truncateBatch as truncate, warmUp } from "../dist/generate/engine.js";
import { generate } from "../dist/generate/index.js";
import { loadPdfSet } from "../dist/pdf/index.js";
import { writeFigure } from "../dist/plot/render.js";
import { backgroundSpecs } from "../dist/scan/processes.js";
import { observe, selectionFor } from "../dist/scan/yields.js";
import {
  bosonPt,
  bosonPtSummary,
  chargedHt,
  compareShape,
  drellYanBatch,
  fiducialDileptonPt,
  loadBinnedMeasurement,
  Shower,
  showerGenerated,
  showerGeneratedDeferred,
  ttbarLikeBatch,
} from "../dist/shower/index.js";
import { CMS_WPT_8TEV_FILE, fiducialWPt } from "../dist/shower/validation.js";

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const n = Number(arg("--n", "20000"));
const figDir = arg("--figures", undefined);

const collision = { sqrtS: 13000, scale: { kind: "mW" }, ewInputs: "default", mHatMinGeV: 10 };
const wSpec = { kind: "w-lnu", charge: "both", lepton: "mu", ...collision };
const sigSpec = {
  kind: "signal",
  charge: "both",
  lepton: "mu",
  decayLepton: "both",
  mN: 0.3,
  mZD: 0.1,
  U2: 1e-4,
  alphaEps2: 2e-10,
  gD: 0.25,
  nature: "dirac",
  ...collision,
};

// Timings are the best of --repeat runs (default 3): the machine is shared, and the fastest run is
// the best estimate of the cost itself.
const repeat = Math.max(1, Number(arg("--repeat", "3")));

async function timeGenerate(spec, nEvents) {
  // A run = VEGAS warm-up (fixed cost: 5 × 10 000 points by default) + production (per event).
  // The full default run is timed, and runs with a minimal warm-up (2 × 100 points) measure the
  // per-event production cost.
  const t0 = performance.now();
  const r = await generate(spec, { nEvents, seed: 7, workers: 0 });
  const t1 = performance.now();
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < repeat; k++) {
    const a = performance.now();
    await generate(spec, { nEvents, seed: 8, workers: 0, warmupIterations: 2, warmupPoints: 100 });
    best = Math.min(best, performance.now() - a);
  }
  // Unweighted events (what a shower is usually fed, e.g. MadGraph → Pythia): a full run with the
  // default warm-up over 10× the points, time per kept event (warm-up and rejected points included).
  let bestUnw = Number.POSITIVE_INFINITY;
  let kept = 0;
  for (let k = 0; k < repeat; k++) {
    const a = performance.now();
    const u = await generate(spec, { nEvents: 10 * nEvents, seed: 9, workers: 0, unweight: true });
    bestUnw = Math.min(bestUnw, performance.now() - a);
    kept = u.batch.nEvents;
  }
  return {
    r,
    seconds: (t1 - t0) / 1000,
    productionSeconds: best / 1000,
    unweightedMicrosecondsPerEvent: (1000 * bestUnw) / kept,
  };
}

function timeShower(r, options) {
  // JIT warm-up on the first 2 000 events (not timed); the same seed every run (same result).
  showerGenerated(truncate(r.batch, Math.min(2000, r.batch.nEvents)), r.info, 8, options);
  let res;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < repeat; k++) {
    const t0 = performance.now();
    res = showerGenerated(r.batch, r.info, 7, options);
    best = Math.min(best, performance.now() - t0);
  }
  return { res, seconds: best / 1000 };
}

const summary = { n, repeat, throughput: {}, validation: {} };
for (const [name, spec, nEv] of [
  ["w-lnu", wSpec, n],
  ["signal", sigSpec, Math.max(1000, Math.floor(n / 4))],
]) {
  const g = await timeGenerate(spec, nEv);
  const full = timeShower(g.r, {});
  const isrOnly = timeShower(g.r, { hadronize: false });
  const noFsr = timeShower(g.r, { fsr: false });
  const ev = g.r.batch.nEvents;
  const us = (seconds) => (1e6 * seconds) / ev;
  summary.throughput[name] = {
    events: ev,
    generateEventsPerSecond: ev / g.seconds,
    generateProductionEventsPerSecond: ev / g.productionSeconds,
    showerToProductionTimeRatio: full.seconds / g.productionSeconds,
    productionMicrosecondsPerUnweightedEvent: g.unweightedMicrosecondsPerEvent,
    showerToUnweightedProductionTimeRatio: us(full.seconds) / g.unweightedMicrosecondsPerEvent,
    showerEventsPerSecond: ev / full.seconds,
    showerIsrOnlyEventsPerSecond: ev / isrOnly.seconds,
    showerNoFsrEventsPerSecond: ev / noFsr.seconds,
    generatePlusShowerEventsPerSecond: ev / (g.seconds + full.seconds),
    showerToGenerateTimeRatio: full.seconds / g.seconds,
    productionMicrosecondsPerEvent: us(g.productionSeconds),
    showerMicrosecondsPerEvent: us(full.seconds),
    // Per stage, from the three configurations: isr = hadronize off (ISR, recoil kinematics,
    // batch copy, boson pT and H_T summaries); fragmentation = fsr off minus that; fsr = the full
    // shower minus fsr off (the final-state shower and the hadrons of the partons it adds).
    stageMicrosecondsPerEvent: {
      isr: us(isrOnly.seconds),
      fragmentation: us(noFsr.seconds - isrOnly.seconds),
      fsr: us(full.seconds - noFsr.seconds),
    },
    bosonPtGeV: full.res.bosonPtGeV,
    htBelow30Fraction: full.res.htBelow30Fraction,
    particlesPerEvent: full.res.batch.offsets[ev] / ev,
    showerStats: full.res.stats,
  };
  summary.throughput[name].batch = full.res.batch;
}

// The weighted background sample of bench/windows.mjs (W(μν) + ee, selection core, its warm-up):
// what one showered event costs against the hard event behind it. Weighted, every point with
// w ≠ 0 is an event; with the weight floor at 1 × σ (generate's weightFloor) the light points are
// thinned before the shower, so each event stands for more points. "Deferred" is the selection
// pipeline of windows.mjs: the shower without hadrons for every event, then hadrons for the events
// that pass the prompt selection's other cuts (the H_T veto needs them).
{
  const bgSpec = { ...backgroundSpecs(13000).find((p) => p.process === "wgamma-mu-e").spec, region: "core" };
  const { process: proc } = buildBackgroundProcess(bgSpec);
  const wu = warmUp(proc, { seed: 1, iterations: 10, pointsPerIteration: 30000, alpha: 1.0 });
  const info = (
    await generate(bgSpec, { nEvents: 10, seed: 1, workers: 0, warmupIterations: 1, warmupPoints: 100 })
  ).info;
  const card = loadCard("paper");
  const cuts = promptSignalRegionCuts({ ...selectionFor(card, 5), channel: "ee" });
  const points = 5 * n;
  const best = (f) => {
    let t = Number.POSITIVE_INFINITY;
    let out;
    for (let k = 0; k < repeat; k++) {
      const t0 = performance.now();
      out = f();
      t = Math.min(t, performance.now() - t0);
    }
    return { out, ms: t };
  };
  summary.throughput["wgamma-core"] = {};
  for (const floor of [0, 1]) {
    const floorPb = floor * wu.iterations.at(-1).sigmaPb;
    const chunk = (c) =>
      runChunk(proc, { seed: 1, chunk: c, points, totalPoints: points, unweightMaxPb: floorPb || null });
    chunk(99); // JIT warm-up
    const gen = best(() => chunk(0));
    const batch = gen.out.batch;
    const ev = batch.nEvents;
    showerGenerated(truncate(batch, Math.min(2000, ev)), info, 8); // JIT warm-up
    const eager = best(() => showerGenerated(batch, info, 7));
    const lazy = best(() => showerGeneratedDeferred(batch, info, 7));
    const { deferred, shower } = lazy.out;
    const obs = observe(deferred.batch, card, 7, 0, new Float64Array(ev));
    const ht = best(() => {
      const lazyHT = new LazyEventHT(ev, (e) => shower.hadronsOf(deferred, e));
      selectedWeightsDeferredHT(obs, [cuts], lazyHT);
      return lazyHT;
    });
    const us = (ms) => (1000 * ms) / ev;
    summary.throughput["wgamma-core"][`floor${floor}`] = {
      points,
      events: ev,
      hardMicrosecondsPerEvent: us(gen.ms),
      showerMicrosecondsPerEvent: us(eager.ms),
      deferredShowerMicrosecondsPerEvent: us(lazy.ms),
      deferredHadronsMicrosecondsPerEvent: us(ht.ms),
      eventsHadronisedFraction: ht.out.computed / ev,
      showerToHardTimeRatio: eager.ms / gen.ms,
      deferredShowerToHardTimeRatio: (lazy.ms + ht.ms) / gen.ms,
    };
  }
}
summary.peakRssMB = process.resourceUsage().maxRSS / 1024;

/** Per-bin rows (data, model, ratio with its MC error band) of a compareShape result. */
function ratioRows(cmp, data) {
  return cmp.lo.map((lo, j) => ({
    ptLo: lo,
    ptHi: cmp.hi[j],
    pt: 0.5 * (lo + cmp.hi[j]),
    data: cmp.data[j],
    dataErr: cmp.data[j] * data.relErr[data.lo.indexOf(lo)],
    model: cmp.model[j],
    modelErr: cmp.modelErr[j],
    ratio: cmp.ratio[j],
    ratioLo: (cmp.model[j] - cmp.modelErr[j]) / cmp.data[j],
    ratioHi: (cmp.model[j] + cmp.modelErr[j]) / cmp.data[j],
  }));
}

/** Vega-Lite spec: unit-area spectra (model step line, data points) over a model/data ratio panel. */
function shapeRatioSpec(title, xTitle, ratioTitle, domain, rows) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    data: { values: rows },
    vconcat: [
      {
        width: 520,
        height: 300,
        layer: [
          {
            // The step line needs a closing point at the upper edge of the last bin.
            data: {
              values: [...rows, { ptLo: rows[rows.length - 1].ptHi, model: rows[rows.length - 1].model }],
            },
            mark: { type: "line", interpolate: "step-after", color: "#1f77b4" },
            encoding: {
              x: { field: "ptLo", type: "quantitative", title: xTitle, scale: { domain } },
              y: {
                field: "model",
                type: "quantitative",
                scale: { type: "log" },
                title: "1/σ dσ/dpT [1/GeV]",
              },
            },
          },
          {
            mark: { type: "point", filled: true, color: "black" },
            encoding: {
              x: { field: "pt", type: "quantitative" },
              y: { field: "data", type: "quantitative" },
            },
          },
        ],
      },
      {
        width: 520,
        height: 140,
        layer: [
          {
            mark: { type: "rule", color: "gray", strokeDash: [4, 4] },
            data: { values: [{ y: 0.8 }, { y: 1 }, { y: 1.2 }] },
            encoding: { y: { field: "y", type: "quantitative" } },
          },
          {
            mark: { type: "errorbar" },
            encoding: {
              x: { field: "pt", type: "quantitative", title: xTitle, scale: { domain } },
              y: {
                field: "ratioLo",
                type: "quantitative",
                title: ratioTitle,
                scale: { domain: [0.6, 1.4] },
              },
              y2: { field: "ratioHi" },
            },
          },
          {
            mark: { type: "point", filled: true, color: "#1f77b4" },
            encoding: {
              x: { field: "pt", type: "quantitative" },
              y: { field: "ratio", type: "quantitative" },
            },
          },
        ],
      },
    ],
  };
}

if (figDir) {
  const pdf = loadPdfSet();
  // Z pT vs ATLAS: LO Drell–Yan |y_Z| < 3 (covers the fiducial region), fiducial lepton cuts.
  const nZ = Math.max(n * 3, 30000);
  const z = new Shower(pdf, { hadronize: false }).run(
    drellYanBatch(pdf, "Z", nZ, 13000, randomStream(31, 0), [66, 116], 3),
    randomStream(31, 1),
  );
  const pts = [];
  const ws = [];
  for (let e = 0; e < z.nEvents; e++) {
    const pt = fiducialDileptonPt(z, e);
    if (pt >= 0) {
      pts.push(pt);
      ws.push(z.weight[e]);
    }
  }
  const data = loadBinnedMeasurement();
  const cmp = compareShape(data, pts, ws, 2, 51);
  const rows = ratioRows(cmp, data);
  const worst = Math.max(...cmp.ratio.map((r) => Math.abs(r - 1)));
  summary.validation.zPtVsAtlas = {
    events: nZ,
    fiducialEvents: pts.length,
    worstDeviation2to51: worst,
    rows,
  };
  await writeFigure(
    figDir,
    "zpt_vs_atlas_13tev",
    shapeRatioSpec(
      {
        text: "Z pT at 13 TeV: dnreach (LO + shower) vs ATLAS",
        subtitle: [
          "ATLAS: EPJC 80 (2020) 616, HEPData ins1768911 Table 4a (points); dnreach: line",
          `unit area in 2–51 GeV, fiducial cuts; worst |model/data − 1| = ${(100 * worst).toFixed(1)} %`,
        ],
      },
      "pT(ℓℓ) [GeV]",
      "model / ATLAS",
      [2, 51],
      rows,
    ),
    summary.validation.zPtVsAtlas,
  );

  // W pT vs CMS at √s = 8 TeV (no 13 TeV W pT table was found in a readable file; see
  // data/measurements/SOURCE.md): W± → μν from dnreach generate at 8 TeV, showered, CMS fiducial
  // cut on the Born-level muon (pT > 20 GeV, |η| < 2.1), unit area over the bins in 0–50 GeV.
  const nW = Math.max(n * 5, 100000);
  const w8 = await generate({ ...wSpec, sqrtS: 8000 }, { nEvents: nW, seed: 83, workers: 0 });
  const w8s = showerGenerated(w8.batch, w8.info, 83, { hadronize: false }).batch;
  const wPts = [];
  const wWs = [];
  for (let e = 0; e < w8s.nEvents; e++) {
    const pt = fiducialWPt(w8s, e);
    if (pt >= 0) {
      wPts.push(pt);
      wWs.push(w8s.weight[e]);
    }
  }
  const wData = loadBinnedMeasurement(CMS_WPT_8TEV_FILE);
  const wCmp = compareShape(wData, wPts, wWs, 0, 50);
  const wRows = ratioRows(wCmp, wData);
  const wWorst = Math.max(...wCmp.ratio.map((r) => Math.abs(r - 1)));
  summary.validation.wPtVsCms = {
    sqrtS: 8000,
    events: w8s.nEvents,
    fiducialEvents: wPts.length,
    worstDeviation0to50: wWorst,
    rows: wRows,
  };
  await writeFigure(
    figDir,
    "wpt_vs_cms_8tev",
    shapeRatioSpec(
      {
        text: "W pT at 8 TeV: dnreach (LO + shower) vs CMS",
        subtitle: [
          "CMS: JHEP 02 (2017) 096, HEPData ins1471281 Table 2 (points); dnreach: line",
          "W± → μν, pre-FSR muon pT > 20 GeV, |η| < 2.1; unit area in 0–50 GeV",
          `worst |model/data − 1| = ${(100 * wWorst).toFixed(1)} %`,
        ],
      },
      "pT(W) [GeV]",
      "model / CMS",
      [0, 50],
      wRows,
    ),
    summary.validation.wPtVsCms,
  );

  // Boson pT: generated W → μν (showered) and toy Z, unit area, 0–100 GeV in 2 GeV bins.
  const wBatch = summary.throughput["w-lnu"].batch;
  const hist = (batch, value) => {
    const h = new Float64Array(50);
    let tot = 0;
    for (let e = 0; e < batch.nEvents; e++) {
      const v = value(batch, e);
      const w = batch.weight[e];
      tot += w;
      const k = Math.floor(v / 2);
      if (k >= 0 && k < 50) h[k] += w;
    }
    return Array.from(h, (s, k) => ({ x: 2 * k + 1, density: s / tot / 2 }));
  };
  const ptRows = [
    ...hist(wBatch, bosonPt).map((r) => ({ ...r, sample: "W → μν (dnreach generate + shower)" })),
    ...hist(z, bosonPt).map((r) => ({ ...r, sample: "Z → μμ (LO Drell–Yan + shower)" })),
  ];
  summary.validation.bosonPt = {
    w: bosonPtSummary(wBatch),
    z: bosonPtSummary(z),
  };
  await writeFigure(
    figDir,
    "boson_pt_13tev",
    {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      title: "W and Z transverse momentum at 13 TeV after the shower (unit area)",
      width: 520,
      height: 320,
      data: { values: ptRows },
      mark: { type: "line", interpolate: "step" },
      encoding: {
        x: { field: "x", type: "quantitative", title: "pT(V) [GeV]" },
        y: { field: "density", type: "quantitative", title: "1/σ dσ/dpT [1/GeV]", scale: { type: "log" } },
        color: {
          field: "sample",
          type: "nominal",
          legend: { orient: "top-right", labelLimit: 500, title: null },
        },
      },
    },
    { rows: ptRows, summary: summary.validation.bosonPt },
  );

  // Charged H_T: the generated backgrounds W + soft pair and tt̄ + soft pair (src/generate/
  // background/), W → μν and the signal (generated, showered), and the shower stage's own
  // hand-built tt̄-like set.
  const nBg = Math.max(2000, Math.floor(n / 4));
  const bgCollision = { ...collision, cuts: { ...PAPER_GENERATION_CUTS } };
  const wg = await generate(
    { kind: "wgamma", charge: "both", lepton: "mu", pair: "e", ...bgCollision },
    { nEvents: nBg, seed: 9, workers: 0 },
  );
  const ttg = await generate(
    { kind: "ttbar", pair: "e", ...bgCollision, scale: { kind: "dynamic" } },
    { nEvents: nBg, seed: 9, workers: 0 },
  );
  const tt = new Shower(pdf, {}).run(
    ttbarLikeBatch(pdf, nBg, 13000, randomStream(32, 0)),
    randomStream(32, 1),
  );
  const samples = [
    ["W + soft pair (wgamma)", showerGenerated(wg.batch, wg.info, 9).batch],
    ["W → μν", wBatch],
    ["signal (0.3, 0.1 GeV)", summary.throughput.signal.batch],
    ["tt̄ + soft pair (ttbar)", showerGenerated(ttg.batch, ttg.info, 9).batch],
    ["tt̄-like (toy)", tt],
  ];
  const htRows = [];
  summary.validation.ht = {};
  for (const [label, batch] of samples) {
    const h = new Float64Array(40);
    let tot = 0;
    let pass = 0;
    let over = 0;
    for (let e = 0; e < batch.nEvents; e++) {
      const ht = chargedHt(batch, e);
      const w = batch.weight[e];
      tot += w;
      if (ht < 30) pass += w;
      const k = Math.floor(ht / 5);
      if (k < 40) h[k] += w;
      else over += w;
    }
    summary.validation.ht[label] = {
      events: batch.nEvents,
      fractionBelow30: pass / tot,
      fractionAbove200: over / tot,
    };
    const name = `${label} — ${(100 * (pass / tot)).toFixed(1)} % pass`;
    for (let k = 0; k < 40; k++) htRows.push({ ht: 5 * k, fraction: h[k] / tot, sample: name });
  }
  await writeFigure(
    figDir,
    "charged_ht",
    {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      title: {
        text: "Charged H_T (pT > 2 GeV, |η| < 2.5) at 13 TeV",
        subtitle: "fraction with H_T < 30 GeV in the legend; no underlying event or pile-up",
      },
      width: 520,
      height: 320,
      data: { values: htRows },
      layer: [
        {
          mark: { type: "line", interpolate: "step-after" },
          encoding: {
            x: {
              field: "ht",
              type: "quantitative",
              title: "charged H_T [GeV] (5 GeV bins, overflow not shown)",
            },
            y: {
              field: "fraction",
              type: "quantitative",
              title: "fraction of events",
              scale: { type: "symlog", constant: 0.001 },
            },
            color: {
              field: "sample",
              type: "nominal",
              legend: { orient: "right", labelLimit: 600, title: null },
            },
          },
        },
        {
          mark: { type: "rule", color: "red", strokeDash: [4, 4] },
          data: { values: [{ cut: 30 }] },
          encoding: { x: { field: "cut", type: "quantitative" } },
        },
      ],
    },
    { rows: htRows, summary: summary.validation.ht },
  );
}

for (const k of Object.keys(summary.throughput)) delete summary.throughput[k].batch;
summary.peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(summary, null, 2));
