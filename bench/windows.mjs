// MC precision of the W + soft pair background after the paper's full prompt selection, in narrow
// m_ℓℓ windows, for a fixed CPU budget per channel (issue: backgrounds, "≤ 5 % MC error in a 10 MeV
// window anywhere in 10–500 MeV (electrons) or 3–100 MeV wide (muons, 0.2–10 GeV) within 2
// CPU-minutes per channel").
//
//   npm run build && node bench/windows.mjs [cpuSeconds=120] [process …]   (processes: wgamma-mu-e …)
//
// Per channel: independent parts of `PART_POINTS` generated points (seeds 1, 2, …), as many as fit
// in the CPU budget, warm-ups included (the channel's `cpuSeconds` stays within `budgetCpuSeconds`
// unless the one part every sample gets does not fit) — generation, the shower, the paper's
// detector card and the prompt signal region (Table II; ee for an e pair, μμ for a μ pair,
// electrons p_T > 5 GeV). A window's variance is Σ over generated events of (Σ of the event's
// entries in it)² — its shower copies and efficiency outcomes are correlated. Windows slide in
// 5 MeV steps (electrons) or 2 % steps (muons). Prints one JSON line per channel: σ after selection,
// the median, 90th-percentile and worst window MC error, where the worst one's variance comes from,
// CPU; and the same for the smoothed template that the limits use as N_B (`smoothedTemplate`:
// Gaussian kernel of σ = 0.1 in ln m, stats/smooth.ts), and for the events whose soft pair is
// opposite-sign (`oppositeSignPair`: σ and window errors as if the selection required it, which the
// paper's does not; docs/backgrounds.md, "Same-sign soft pairs").
// Measured best (docs/backgrounds.md, "The halo's reach: a part of its own"; `npm run bench --
// windows` sets it): REGION=1 ALPHA=1.0 WARMUP=10x30000 FLOOR=1
// PARTS=core,shell,halo-reach,halo-rest,outside SHARES=0.62,0.25,0.09,0.02,0.02
// OVERSAMPLE_BY=proxy,weight,weight,weight,weight OVERSAMPLE_ABOVE=0.35,4,4,4,4 OVERSAMPLE_MAX=32;
// SEED=2 repeats it on other random numbers. REFERENCE_ME_RATE=540000 reads the budget as CPU-seconds
// of a machine of that speed (|M|² per CPU-second, `machineMePerCpuSecond`) and scales it to this one;
// `machineMePerCpuSecondAfter`, measured again after the channel, shows whether the speed held.
import { writeFileSync } from "node:fs";
import { PAPER_SELECTION, promptSignalRegionCuts, selectedWeights } from "../dist/analysis/cuts.js";
import { LazyEventHT, selectedWeightsDeferredHT } from "../dist/analysis/deferredHT.js";
import { copiesUnderCap, repeatEvents } from "../dist/core/events.js";
import { loadCard } from "../dist/detector/index.js";
import { copiesByReach, expectedSelectedWeights } from "../dist/generate/background/eventProxy.js";
import { backgroundKFactor, buildBackgroundProcess } from "../dist/generate/background/spec.js";
import { muonWindow } from "../dist/generate/background/spectrum.js";
import { REACH_RECOIL } from "../dist/generate/background/wregion.js";
import { runChunk, warmUp } from "../dist/generate/engine.js";
import { generate } from "../dist/generate/index.js";
import { backgroundSpecs } from "../dist/scan/processes.js";
import { MLL_BINNING, observe, selectionFor } from "../dist/scan/yields.js";
import { showerGenerated, showerGeneratedDeferred } from "../dist/shower/index.js";
import { normalCdf } from "../dist/stats/normal.js";
import { DEFAULT_SMOOTHING_LN_M } from "../dist/stats/smooth.js";
import { cpuSeconds, machineMeRate } from "./lib/throughput.mjs";

const budgetArg = Number(process.argv[2] ?? 120);
if (!(budgetArg > 0 && budgetArg <= 1e6)) {
  console.error(`windows: the budget must be a number of CPU-seconds in (0, 1e6] (got "${process.argv[2]}")`);
  process.exit(2);
}
const only = process.argv.slice(3);
// SHARED=1: one VEGAS warm-up per channel (WARMUP or 5 × 10⁴ points), reused by every part (the
// parts are then chunks of one run, as the engine's workers produce them); default: each part is a
// separate `generate` run with its own warm-up, as the scan's parts are today.
const shared = process.env.SHARED === "1";
// WARMUP=8x20000: VEGAS warm-up iterations × points (default: generate's, 5 × 10⁴ points in all).
const [wi, wp] = (process.env.WARMUP ?? "").split("x").map(Number);
const warmup = wi && wp ? { warmupIterations: wi, warmupPoints: wp } : {};
// ALPHA: VEGAS grid damping of the shared warm-up (default 1.5, as generate's).
const alpha = Number(process.env.ALPHA ?? 1.5);
// LAZY=0: hadronise every showered event (the eager pipeline); default: charged H_T is computed only
// for the events that pass the other cuts (Shower.runDeferred, analysis/deferredHT.ts; same weights).
const lazy = process.env.LAZY !== "0";
// FLOOR=c (shared warm-ups only): events lighter than c × σ (the mean weight per point, from the
// warm-up) are kept with probability w/(cσ) at weight cσ, before the shower (partial unweighting).
const floor = Number(process.env.FLOOR ?? 0);
const PART_POINTS = 100000;
// SEED: the seed of the warm-ups and chunks (part p showers and smears with SEED + p; default 1).
const runSeed = Number(process.env.SEED ?? 1);
// OVERSAMPLE=1,1,4,8: showers (and detector passes) per generated event in the core, shell, halo and
// outside samples (REGION=1; one number for the other modes), each copy at weight w/K. The selected
// events of the outer samples pass rarely (their pass probabilities are 0.2–2 %), so K showers of
// one event divide that part of their variance by K.
const oversample = (process.env.OVERSAMPLE ?? "1").split(",").map(Number);
// OVERSAMPLE_ABOVE=c (needs FLOOR): shower copies by weight (processes.ts ShowerCopies) instead —
// ⌈w/(c × the floor weight)⌉ copies per event, at most OVERSAMPLE_MAX (default 1000).
// A list (one entry per part of PARTS, in its order) sets either per sample.
const oversampleAbove = (process.env.OVERSAMPLE_ABOVE ?? "0").split(",").map(Number);
const oversampleMax = (process.env.OVERSAMPLE_MAX ?? "1000").split(",").map(Number);
// OVERSAMPLE_BY=proxy,weight,reach,…: per sample, what the OVERSAMPLE_ABOVE cap applies to — the
// event's weight (default) or its expected selected weight, w × the selection proxy at the event
// (generate/background/eventProxy.ts; docs/backgrounds.md, "Shower copies by expected selected
// weight"); "reach": by weight, with the cap REACH_ABOVE (default 0.25) × the floor weight for the
// events within reach of the selection (their proxy under REACH_RECOIL above its floor) and
// OVERSAMPLE_ABOVE for the rest (`copiesByReach`; docs/backgrounds.md, "The halo's reach: a part
// of its own").
const oversampleBy = (process.env.OVERSAMPLE_BY ?? "weight").split(",");
const reachAbove = Number(process.env.REACH_ABOVE ?? 0.25);

// The smoothing of the background template in the limits (scan/limits.ts, stats/smooth.ts).
const KERNEL_REACH = 4 * DEFAULT_SMOOTHING_LN_M;
const LN_RANGE = [Math.log(MLL_BINNING.lo), Math.log(MLL_BINNING.hi)];
/** The share of the kernel of an entry at m inside [lo, hi), the kernel normalised over the range. */
function kernelShare(m, lo, hi) {
  const x = Math.log(m);
  const cdf = (y) => normalCdf((y - x) / DEFAULT_SMOOTHING_LN_M);
  return (cdf(Math.log(hi)) - cdf(Math.log(lo))) / (cdf(LN_RANGE[1]) - cdf(LN_RANGE[0]));
}

/** The worst, median and 90th-percentile relative MC error of a list of windows, and the worst window. */
function errorSummary(windows) {
  const errs = windows.map((w) => w.relErr).sort((a, b) => a - b);
  return {
    maxWindowRelErr: +errs.at(-1).toFixed(3),
    medianWindowRelErr: +errs[errs.length >> 1].toFixed(3),
    p90WindowRelErr: +errs[Math.floor(errs.length * 0.9)].toFixed(3),
    worst: windows.reduce((a, b) => (b.relErr > a.relErr ? b : a)),
  };
}

// How fast this machine is now (|M|² per CPU-second of one process, bench/lib/throughput.mjs): the
// same CPU budget bought 2.2× fewer points on 2026-11-25 (2.4·10⁵) than on 2026-11-24 (5.4·10⁵).
const machineMePerCpuSecond = Math.round(machineMeRate(1));
// REFERENCE_ME_RATE=540000: the budget is given in CPU-seconds of a machine of that speed and scaled
// to this one (budget × reference / this machine's rate), so that runs of different days buy about
// the same number of points; the JSON line then gives both. Unset: the budget is this machine's.
const referenceMeRate =
  process.env.REFERENCE_ME_RATE === undefined ? null : Number(process.env.REFERENCE_ME_RATE);
if (referenceMeRate !== null && !(referenceMeRate >= 1e4 && referenceMeRate <= 1e8)) {
  console.error(
    `windows: REFERENCE_ME_RATE must be a number of |M|² per CPU-second in 1e4–1e8 (got "${process.env.REFERENCE_ME_RATE}")`,
  );
  process.exit(2);
}
const budget = referenceMeRate === null ? budgetArg : (budgetArg * referenceMeRate) / machineMePerCpuSecond;

const card = loadCard("paper");
const requests = backgroundSpecs(13000)
  .filter((r) => (only.length === 0 ? r.group === "W" : only.includes(r.process)))
  .map((r) => ({ process: r.process, spec: r.spec, kFactor: backgroundKFactor(r.spec).kFactor }));

// REGION=1: the selection-region split of wregion.ts — "core" (region maps on R), "shell" (on
// R′ \ R), "halo" (on R″ \ R′) and "outside" (inclusive channels outside R″) samples share the budget
// as SHARES (default 0.62,0.25,0.11,0.02), each with one shared warm-up (WARMUP, ALPHA; measured best:
// WARMUP=10x30000 ALPHA=1.0). Each adapts to the selection (spec default for a part). Their selected
// events are added (independent samples: the window variances add).
const regionSplit = process.env.REGION === "1";
const shares = (process.env.SHARES ?? "0.62,0.25,0.11,0.02").split(",").map(Number);
// PARTS=core,shell,halo-reach,halo-rest,outside: the parts (default core,shell,halo,outside; the
// halo may be split by reach, wsoftpair.ts), with SHARES, OVERSAMPLE_* lists in the same order.
const parts = (process.env.PARTS ?? "core,shell,halo,outside").split(",");
if (shares.length !== parts.length) {
  console.error(`SHARES has ${shares.length} entries, PARTS ${parts.length}: give one share per part`);
  process.exit(2);
}
// OUTER_ADAPT=sigma|selection: the adaptation target of the shell, halo and outside parts (default:
// the spec's, selection).
const outerAdapt = process.env.OUTER_ADAPT;

/**
 * Generates parts of PART_POINTS points of `spec` until `budgetSeconds` of CPU are spent, showers
 * them and applies the selection; returns the selected (m_ℓℓ, weight) entries with the weights
 * divided by the number of parts (so that Σw is the selected σ).
 */
async function selectedEntries(
  spec,
  kFactorRun,
  budgetSeconds,
  useShared,
  cuts,
  copies,
  above = oversampleAbove[0],
  by = oversampleBy[0],
  maxCopies = oversampleMax[0],
) {
  const entries = [];
  const t0 = cpuSeconds();
  let parts = 0;
  let proc;
  let info;
  let floorPb = 0;
  const k = backgroundKFactor(spec).kFactor;
  if (useShared) {
    proc = buildBackgroundProcess(spec).process;
    const wu = warmUp(proc, { seed: runSeed, iterations: wi || 5, pointsPerIteration: wp || 10000, alpha });
    floorPb = floor * wu.iterations.at(-1).sigmaPb;
    info = (
      await generate(spec, { nEvents: 10, seed: 1, workers: 0, warmupIterations: 1, warmupPoints: 100 })
    ).info;
  }
  // At least one part, so that every sample is represented even when its warm-up eats its share;
  // after that, a part only if it fits in the budget at the mean CPU of the parts so far, so the
  // sample never spends more than its budget (the caller charges any overrun of the first part to
  // the samples after it).
  const tProduction = cpuSeconds();
  while (parts === 0 || cpuSeconds() - t0 + (cpuSeconds() - tProduction) / parts <= budgetSeconds) {
    const seed = runSeed + parts;
    let r;
    if (useShared) {
      const c = runChunk(proc, {
        seed: runSeed,
        chunk: parts,
        points: PART_POINTS,
        totalPoints: PART_POINTS,
        unweightMaxPb: floorPb > 0 ? floorPb : null,
      });
      for (let e = 0; e < c.batch.nEvents; e++) c.batch.weight[e] *= k;
      r = { batch: c.batch, info };
    } else {
      r = await generate(spec, { nEvents: PART_POINTS, seed, kFactor: kFactorRun, workers: 0, ...warmup });
    }
    let obs;
    let w;
    // Copies per event: `copies`, or with OVERSAMPLE_ABOVE=c one copy per c × the floor weight
    // (σ/N: the lightest event after the floor), so no showered copy is heavier than that.
    let copiesOf = copies;
    if (above > 0) {
      const unit = ((above * floorPb) / PART_POINTS) * k;
      const perEvent =
        by === "reach"
          ? copiesByReach(
              r.batch,
              PAPER_SELECTION,
              REACH_RECOIL,
              (unit * reachAbove) / above,
              unit,
              maxCopies,
            )
          : copiesUnderCap(
              by === "proxy" ? expectedSelectedWeights(r.batch, PAPER_SELECTION) : r.batch.weight,
              unit,
              maxCopies,
            );
      copiesOf = Array.from(perEvent, (c) => Math.max(copies, c));
    }
    const { batch: repeated, source } = repeatEvents(r.batch, copiesOf);
    r = { batch: repeated, info: r.info };
    if (lazy) {
      const { deferred, shower } = showerGeneratedDeferred(r.batch, r.info, seed);
      obs = observe(deferred.batch, card, seed, 0, new Float64Array(deferred.batch.nEvents));
      const ht = new LazyEventHT(deferred.batch.nEvents, (e) => shower.hadronsOf(deferred, e));
      w = selectedWeightsDeferredHT(obs, [cuts], ht)[0];
    } else {
      const batch = showerGenerated(r.batch, r.info, seed).batch;
      obs = observe(batch, card, seed, 0);
      w = selectedWeights(obs, cuts);
    }
    // Every selected outcome, tagged with its generated event (the copies of one event and its
    // efficiency outcomes are correlated: a window sums them before squaring).
    for (let i = 0; i < obs.n; i++) {
      if (w[i] === 0) continue;
      entries.push({
        m: obs.mll[i],
        w: w[i],
        event: `${parts}:${source[obs.event[i]]}`,
        sameSign: obs.softPairCharge[i] !== 0,
      });
    }
    parts++;
  }
  for (const e of entries) e.w /= parts;
  return { entries, parts, points: parts * PART_POINTS, seconds: cpuSeconds() - t0, sigmaPb: floorPb * k };
}

for (const req of requests) {
  const spec = req.spec;
  const electrons = spec.pair === "e";
  const sel = { ...selectionFor(card, 5), channel: electrons ? "ee" : "mumu" };
  const cuts = promptSignalRegionCuts(sel);
  const samples = {};
  const tChannel = cpuSeconds();
  if (regionSplit) {
    // The parts run from the smallest share up, each with its share of what is left of the budget,
    // so that what the small parts overspend (a warm-up and one part, at least) comes out of the big
    // ones and the channel's CPU stays within the budget.
    const order = parts.map((_, i) => i).sort((a, b) => shares[a] - shares[b]);
    let sharesLeft = shares.reduce((a, b) => a + b, 0);
    const byPart = {};
    for (const i of order) {
      const r = { ...spec, region: parts[i], ...(outerAdapt && i > 0 ? { adaptTo: outerAdapt } : {}) };
      const copies = oversample[i] ?? oversample.at(-1);
      const above = oversampleAbove[i] ?? oversampleAbove.at(-1);
      const by = oversampleBy[i] ?? oversampleBy.at(-1);
      const maxCopies = oversampleMax[i] ?? oversampleMax.at(-1);
      const left = budget - (cpuSeconds() - tChannel);
      byPart[parts[i]] = await selectedEntries(
        r,
        req.kFactor,
        (left * shares[i]) / sharesLeft,
        true,
        cuts,
        copies,
        above,
        by,
        maxCopies,
      );
      sharesLeft -= shares[i];
    }
    for (const name of parts) samples[name] = byPart[name];
  } else samples.all = await selectedEntries(spec, req.kFactor, budget, shared, cuts, oversample[0]);
  const channelCpuSeconds = cpuSeconds() - tChannel;
  const entries = Object.entries(samples).flatMap(([name, x]) =>
    x.entries.map((e) => ({ ...e, sample: name, event: `${name}:${e.event}` })),
  );
  entries.sort((a, b) => a.m - b.m);
  // Σw and Σ_events (Σ of the event's outcomes in the window)², the variance of Σw — of the MC
  // entries in [lo, lo + width), or (smoothed) of the template the limits use: the spectrum smoothed
  // with a Gaussian kernel of σ = DEFAULT_SMOOTHING_LN_M in ln m, normalised over the m_ℓℓ
  // histogram's range (stats/smooth.ts, up to its binning), each entry bringing w × the share of its
  // kernel inside the window.
  const window = (entries, lo, width, smoothed = false) => {
    const hi = lo + width;
    const from = smoothed ? lo * Math.exp(-KERNEL_REACH) : lo;
    const to = smoothed ? hi * Math.exp(KERNEL_REACH) : hi;
    let i = 0;
    for (let step = 1 << 30; step > 0; step >>= 1)
      if (i + step <= entries.length && entries[i + step - 1].m < from) i += step;
    const byEvent = new Map();
    for (; i < entries.length && entries[i].m < to; i++) {
      const e = entries[i];
      const w = smoothed ? e.w * kernelShare(e.m, lo, hi) : e.w;
      const x = byEvent.get(e.event);
      if (x) x.w += w;
      else byEvent.set(e.event, { w, sample: e.sample });
    }
    let s = 0;
    let s2 = 0;
    let top = 0;
    const bySample = {};
    for (const { w, sample } of byEvent.values()) {
      s += w;
      s2 += w * w;
      top = Math.max(top, w * w);
      bySample[sample] = (bySample[sample] ?? 0) + w * w;
    }
    // Where the window's variance comes from: each sample's share, and the largest single event's.
    const varianceShare = Object.fromEntries(
      Object.entries(bySample).map(([k, v]) => [k, +(v / s2).toFixed(3)]),
    );
    return {
      loGeV: lo,
      widthGeV: width,
      sigmaPb: s,
      relErr: s > 0 ? Math.sqrt(s2) / s : Infinity,
      varianceShare,
      largestEventVarianceShare: s2 > 0 ? +(top / s2).toFixed(3) : 0,
    };
  };
  const edges = [];
  if (electrons) for (let m = 0.01; m <= 0.49 + 1e-9; m += 0.005) edges.push([m, 0.01]);
  else for (let m = 0.212; m < 10; m *= 1.02) edges.push([m, muonWindow(m)]);
  const windows = edges.map(([lo, width]) => window(entries, lo, width));
  const smoothedWindows = edges.map(([lo, width]) => window(entries, lo, width, true));
  // The same with an opposite-sign soft pair required (not the paper's selection, which takes the
  // two softest leptons whatever their charges; the signal's pair is always opposite-sign).
  const opposite = entries.filter((e) => !e.sameSign);
  const oppositeWindows = edges.map(([lo, width]) => window(opposite, lo, width));
  // WINDOWS=file: every window (its σ, MC error and where its variance comes from) as JSON.
  if (process.env.WINDOWS) {
    writeFileSync(`${process.env.WINDOWS}.${req.process}.json`, JSON.stringify(windows));
    writeFileSync(`${process.env.WINDOWS}.${req.process}.opposite.json`, JSON.stringify(oppositeWindows));
  }
  const sum = (list) => list.reduce((a, e) => a + e.w, 0);
  // The machine's speed once more, after the channel (outside its CPU count): the budget was scaled
  // with the speed at the start, and this machine's speed drifts within minutes (1.4–2.5·10⁵ on
  // 2026-11-25).
  const machineMePerCpuSecondAfter = Math.round(machineMeRate(1));
  console.log(
    JSON.stringify({
      process: req.process,
      mode: regionSplit ? "region-split" : shared ? "shared-warmup" : "per-part-warmup",
      hadronisation: lazy ? "deferred" : "eager",
      machineMePerCpuSecond,
      machineMePerCpuSecondAfter,
      floor,
      budgetCpuSeconds: +budget.toFixed(1),
      ...(referenceMeRate === null
        ? {}
        : { referenceMePerCpuSecond: referenceMeRate, budgetAtReferenceCpuSeconds: budgetArg }),
      cpuSeconds: +channelCpuSeconds.toFixed(1),
      samples: Object.fromEntries(
        Object.entries(samples).map(([name, x]) => [
          name,
          {
            parts: x.parts,
            points: x.points,
            cpuSeconds: +x.seconds.toFixed(1),
            sigmaFb: +(x.sigmaPb * 1000).toPrecision(4),
            floorWeightFb: +((x.sigmaPb * 1000) / x.points).toPrecision(3),
            selectedSigmaFb: +(sum(x.entries) * 1000).toFixed(4),
          },
        ]),
      ),
      selectedSigmaFb: +(sum(entries) * 1000).toFixed(4),
      windows: windows.length,
      ...errorSummary(windows),
      oppositeSignPair: {
        selectedSigmaFb: +(sum(opposite) * 1000).toFixed(4),
        ...errorSummary(oppositeWindows),
      },
      smoothedTemplate: errorSummary(smoothedWindows),
    }),
  );
}
