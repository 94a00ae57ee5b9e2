// How well the selection proxy predicts an event's real pass probability, and what that is worth for
// the number of shower copies per event (docs/backgrounds.md, "Shower copies by expected selected
// weight").
//
//   npm run build && node bench/copies.mjs [region=core] [points=200000] [process=wgamma-mu-mu] [copies=8]
//
// One region of one W channel as bench/windows.mjs runs it (warm-up 10 × 3·10⁴ at α = 1.0, weight
// floor 1 × σ), every event showered `copies` times and put through the paper card's prompt signal
// region. Prints JSON: the pass probability per bin of the proxy at generation (each event's
// selected weight over its weight, averaged over its copies), the CPU per generated point and per
// showered copy, and, for copy policies K(event), the predicted relative variance of the selected σ
// times the CPU it costs (lower is better; the pass probability of an event taken as its proxy bin's,
// a per-copy outcome variance of p(1 − p)). SEED picks the random numbers (default 1).
import { PAPER_SELECTION, promptSignalRegionCuts } from "../dist/analysis/cuts.js";
import { LazyEventHT, selectedWeightsDeferredHT } from "../dist/analysis/deferredHT.js";
import { repeatEvents } from "../dist/core/events.js";
import { loadCard } from "../dist/detector/index.js";
import { expectedSelectedWeights } from "../dist/generate/background/eventProxy.js";
import { buildBackgroundProcess } from "../dist/generate/background/spec.js";
import { runChunk, warmUp } from "../dist/generate/engine.js";
import { generate } from "../dist/generate/index.js";
import { backgroundSpecs } from "../dist/scan/processes.js";
import { observe, selectionFor } from "../dist/scan/yields.js";
import { showerGeneratedDeferred } from "../dist/shower/index.js";
import { cpuSeconds } from "./lib/throughput.mjs";

const region = process.argv[2] ?? "core";
const points = Number(process.argv[3] ?? 200000);
const name = process.argv[4] ?? "wgamma-mu-mu";
const K = Number(process.argv[5] ?? 8);
const seed = Number(process.env.SEED ?? 1);
const CHUNK = 50000;

const card = loadCard("paper");
const req = backgroundSpecs(13000).find((r) => r.process === name);
if (req?.spec.kind !== "wgamma") throw new Error(`process: one of the wgamma-* channels, not ${name}`);
const spec = { ...req.spec, region };
const proc = buildBackgroundProcess(spec).process;
const sigmaPb = warmUp(proc, { seed, iterations: 10, pointsPerIteration: 30000, alpha: 1.0 }).iterations.at(
  -1,
).sigmaPb;
const info = (
  await generate(spec, { nEvents: 10, seed: 1, workers: 0, warmupIterations: 1, warmupPoints: 100 })
).info;
const cuts = promptSignalRegionCuts({ ...selectionFor(card, 5), channel: spec.pair === "e" ? "ee" : "mumu" });

// Per event: proxy, weight in units of σ, pass fraction over its copies.
const proxyOf = [];
const weightOf = [];
const passOf = [];
let generationSeconds = 0;
let copySeconds = 0;
let copies = 0;
for (let chunk = 0; chunk * CHUNK < points; chunk++) {
  const n = Math.min(CHUNK, points - chunk * CHUNK);
  const t0 = cpuSeconds();
  const { batch } = runChunk(proc, { seed, chunk, points: n, totalPoints: n, unweightMaxPb: sigmaPb });
  generationSeconds += cpuSeconds() - t0;
  const expected = expectedSelectedWeights(batch, PAPER_SELECTION);
  const t1 = cpuSeconds();
  const { batch: repeated, source } = repeatEvents(batch, new Uint32Array(batch.nEvents).fill(K));
  const { deferred, shower } = showerGeneratedDeferred(repeated, info, seed + chunk);
  const obs = observe(deferred.batch, card, seed + chunk, 0, new Float64Array(deferred.batch.nEvents));
  const ht = new LazyEventHT(deferred.batch.nEvents, (e) => shower.hadronsOf(deferred, e));
  const w = selectedWeightsDeferredHT(obs, [cuts], ht)[0];
  copySeconds += cpuSeconds() - t1;
  copies += repeated.nEvents;
  const pass = new Float64Array(batch.nEvents);
  for (let i = 0; i < obs.n; i++)
    if (w[i] !== 0) pass[source[obs.event[i]]] += w[i] / batch.weight[source[obs.event[i]]];
  for (let e = 0; e < batch.nEvents; e++) {
    proxyOf.push(expected[e] / batch.weight[e]);
    weightOf.push((batch.weight[e] * n) / sigmaPb);
    passOf.push(pass[e]);
  }
}

const EDGES = [0, 0.0501, 0.06, 0.07, 0.085, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01];
const binOf = (p) => {
  let i = 0;
  while (i + 2 < EDGES.length && p >= EDGES[i + 1]) i++;
  return i;
};
const sw = new Float64Array(EDGES.length - 1);
const swp = new Float64Array(EDGES.length - 1);
for (let e = 0; e < proxyOf.length; e++) {
  sw[binOf(proxyOf[e])] += weightOf[e];
  swp[binOf(proxyOf[e])] += weightOf[e] * passOf[e];
}
const passInBin = Array.from(sw, (s, b) => (s > 0 ? swp[b] / s : 0));
const totalSelected = swp.reduce((a, x) => a + x, 0);
const total = sw.reduce((a, x) => a + x, 0);
const usPerPoint = (1e6 * generationSeconds) / points;
const usPerCopy = (1e6 * copySeconds) / copies;

/** Relative variance of the selected σ per generated point × CPU per point (µs), for K(p, w). */
function score(copiesFor) {
  let v = 0;
  let k = 0;
  for (let e = 0; e < proxyOf.length; e++) {
    const p = passInBin[binOf(proxyOf[e])];
    const n = copiesFor(proxyOf[e], weightOf[e]);
    v += weightOf[e] ** 2 * (p * p + (p * (1 - p)) / n);
    k += n;
  }
  const relVar = (v * points) / totalSelected ** 2 - 1;
  return {
    relVarTimesCpuUs: +(relVar * (usPerPoint + (usPerCopy * k) / points)).toFixed(0),
    copiesPerPoint: +(k / points).toFixed(3),
  };
}
const capped = (x) => Math.max(1, Math.min(32, Math.ceil(x)));
console.log(
  JSON.stringify({
    process: name,
    region,
    points,
    events: proxyOf.length,
    passFraction: +(totalSelected / total).toFixed(4),
    usPerPoint: +usPerPoint.toFixed(2),
    usPerCopy: +usPerCopy.toFixed(2),
    byProxyBin: passInBin.map((p, b) => ({
      proxy: `${EDGES[b]}–${EDGES[b + 1]}`,
      sigmaShare: +(sw[b] / total).toFixed(4),
      selectedShare: +(swp[b] / totalSelected).toFixed(4),
      pass: +p.toFixed(4),
    })),
    policies: {
      "one copy": score(() => 1),
      "by weight, cap 4": score((_, w) => capped(w / 4)),
      "by weight, cap 2": score((_, w) => capped(w / 2)),
      "by weight, cap 4, at least 4": score((_, w) => Math.max(4, capped(w / 4))),
      "by expected selected weight, cap 0.25": score((p, w) => capped((w * p) / 0.25)),
      "by expected selected weight, cap 0.35": score((p, w) => capped((w * p) / 0.35)),
      "by expected selected weight, cap 0.5": score((p, w) => capped((w * p) / 0.5)),
      "by expected selected weight, cap 1": score((p, w) => capped(w * p)),
      // The optimum K ∝ w √p with p the proxy bin's measured pass probability (needs this run).
      "by w √(pass probability of the proxy bin), cap 0.35": score((p, w) =>
        capped((w * Math.sqrt(passInBin[binOf(p)])) / 0.35),
      ),
    },
  }),
);
