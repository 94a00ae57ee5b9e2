// Where the weight variance of one W + soft pair region part lives: by channel (map kind and lepton
// assignment) and by the channel pair's p_T, mass and rapidity, over production points after the
// bench's warm-up — the diagnostic behind docs/backgrounds.md, "The same-sign pair's mass".
//
//   npm run build && node bench/variance.mjs [region=halo-reach] [points=1e6] [process=wgamma-mu-mu]
//
// Environment: SEED (default 1; the warm-up and the production stream), ALPHA (VEGAS damping of the
// warm-up, default 1.0), WARMUP (iterations × points, default 10x30000) — the windows bench's
// settings. Prints σ of the warm-up and the channel weights; the relative MC error of σ and of the
// proxy-weighted σ (Σ w × the steering proxy, which stands in for the selection); per channel, its
// weight α, its share of σ and of the variance and its heaviest point (a channel whose variance share
// far exceeds its σ share at a small α is one the warm-up undersampled); a table of the bins holding
// most of the proxy-weighted variance (point count, share of σ, of its variance, of the proxy-weighted
// σ and variance, heaviest point in units of σ/N); and the heaviest points with their invariant
// masses (slots L = W lepton, N = ν, A = ℓ′⁻, B = ℓ′⁺, as generated) and the factors of their weight
// w = fᵢ/(αᵢ gᵢ): 1/αᵢ, the channel's VEGAS Jacobian and its share fᵢ/f of the integrand; and the
// weight the point would carry if the maps shared it by their densities, f/Σⱼ αⱼgⱼ, with their VEGAS
// grids and without (`balanceWeight`, `balanceWeightUniform`; wsoftpair.ts `balanceWeight`).
import { allocateFixedEventBatch } from "../dist/core/events.js";
import { randomStream } from "../dist/core/rng.js";
import { buildBackgroundProcess } from "../dist/generate/background/spec.js";
import { warmUp } from "../dist/generate/engine.js";
import { backgroundSpecs } from "../dist/scan/processes.js";

const region = process.argv[2] ?? "halo-reach";
const points = Number(process.argv[3] ?? 1e6);
const name = process.argv[4] ?? "wgamma-mu-mu";
const seed = Number(process.env.SEED ?? 1);
const alpha = Number(process.env.ALPHA ?? 1.0);
const [warmIterations, warmPoints] = (process.env.WARMUP ?? "10x30000").split("x").map(Number);
const request = backgroundSpecs(13000).find((r) => r.process === name);
if (request?.spec.kind !== "wgamma") {
  const names = backgroundSpecs(13000)
    .filter((r) => r.spec.kind === "wgamma")
    .map((r) => r.process);
  console.error(`variance: process must be one of ${names.join(", ")} (got "${name}")`);
  process.exit(2);
}
if (!(Number.isInteger(points) && points > 0)) {
  console.error(`variance: points must be a positive integer (got "${process.argv[3]}")`);
  process.exit(2);
}

let proc;
try {
  proc = buildBackgroundProcess({ ...request.spec, region }).process;
} catch (e) {
  console.error(`variance: ${e.message}`);
  process.exit(2);
}
const wu = warmUp(proc, { seed, iterations: warmIterations, pointsPerIteration: warmPoints, alpha });
const last = wu.iterations.at(-1);
const sigma = last.sigmaPb;
console.log(`${name} ${region}, seed ${seed}: warm-up σ ${sigma.toPrecision(4)} pb`);
console.log(`channel weights ${last.alphas.map((a) => a.toFixed(3)).join(" ")}`);

/** The final state of the last point, written as one event: slot k is particle 2 + k. */
const batch = allocateFixedEventBatch(1, proc.nParticles);
const writeRng = randomStream(seed, 78);
const P = new Float64Array(16);
function loadFinalState() {
  proc.writeEvent(batch, 0, 1, writeRng);
  for (let k = 0; k < 4; k++) {
    const i = batch.offsets[0] + 2 + k;
    P[4 * k] = batch.E[i];
    P[4 * k + 1] = batch.px[i];
    P[4 * k + 2] = batch.py[i];
    P[4 * k + 3] = batch.pz[i];
  }
}
/** Invariant mass of the sum of slots `ks`, p_T and rapidity of that sum. */
function system(ks) {
  let e = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  for (const k of ks) {
    e += P[4 * k];
    x += P[4 * k + 1];
    y += P[4 * k + 2];
    z += P[4 * k + 3];
  }
  return {
    m: Math.sqrt(Math.max(0, e * e - x * x - y * y - z * z)),
    pt: Math.hypot(x, y),
    y: 0.5 * Math.log((e + z) / (e - z)),
  };
}
const band = (v, edges, labels) => labels[edges.findIndex((e) => v < e)] ?? labels.at(-1);

const rng = randomStream(seed, 77);
const u = new Float64Array(proc.nDim);
const bins = new Map();
const nChannels = proc.channels.length;
const perChannel = Array.from({ length: nChannels }, () => ({ n: 0, s1: 0, s2: 0, max: 0 }));
const heaviest = [];
let s1 = 0;
let s2 = 0;
let p1 = 0;
let p2 = 0;
for (let i = 0; i < points; i++) {
  rng.fillUniform(u);
  const w = proc.evaluate(u, rng.uniform());
  if (!(w > 0)) continue;
  const ws = w / sigma;
  const wp = ws * proc.adaptationFactor();
  const ci = proc.multichannel.active;
  const ch = proc.channels[ci];
  const pc = perChannel[ci];
  pc.n++;
  pc.s1 += ws;
  pc.s2 += ws * ws;
  pc.max = Math.max(pc.max, ws);
  loadFinalState();
  const pair = system([ch.a, ch.b]);
  const key = [
    `${ch.region?.kind ?? ch.kind}/a${ch.assignment}`,
    `pt${band(pair.pt, [0.5, 2, 8], ["<0.5", "0.5-2", "2-8", ">8"])}`,
    `m${band(pair.m, [1, 5], ["<1", "1-5", ">5"])}`,
    `y${Math.abs(pair.y) < 2.5 ? "c" : "f"}`,
  ].join(" ");
  const b = bins.get(key) ?? { n: 0, s1: 0, s2: 0, p1: 0, p2: 0, max: 0 };
  b.n++;
  b.s1 += ws;
  b.s2 += ws * ws;
  b.p1 += wp;
  b.p2 += wp * wp;
  b.max = Math.max(b.max, ws);
  bins.set(key, b);
  s1 += ws;
  s2 += ws * ws;
  p1 += wp;
  p2 += wp * wp;
  if (ws > 300) {
    const names = ["L", "N", "A", "B"];
    const inv = {};
    for (let a = 0; a < 4; a++)
      for (let c = a + 1; c < 4; c++) inv[names[a] + names[c]] = +system([a, c]).m.toFixed(2);
    inv.sHat = +system([0, 1, 2, 3]).m.toFixed(2);
    heaviest.push({
      wOverSigma: Math.round(ws),
      bin: key,
      pairPt: +pair.pt.toFixed(2),
      ...inv,
      channel: ci,
      inverseAlpha: +(1 / proc.multichannel.alphas[ci]).toPrecision(3),
      vegasJacobian: +proc.lastVegasJacobian.toPrecision(3),
      channelShare: +proc.lastChannelShare.toFixed(3),
      // The same point's weight if the maps shared it by their densities (with and without their
      // VEGAS grids), in units of σ/N: as heavy means no map follows the point.
      balanceWeight: Math.round(proc.balanceWeight(true) / sigma),
      balanceWeightUniform: Math.round(proc.balanceWeight(false) / sigma),
    });
  }
}
const relErr = (a, b) => Math.sqrt(b / points - (a / points) ** 2) / Math.sqrt(points) / (a / points);
console.log(
  `σ / warm-up σ ${(s1 / points).toFixed(3)}; relative MC error of σ ${(100 * relErr(s1, s2)).toFixed(2)} %, ` +
    `of the proxy-weighted σ ${(100 * relErr(p1, p2)).toFixed(2)} %`,
);
console.log("channel                 α    points   σ share  var share  max w/(σ/N)");
perChannel.forEach((c, i) => {
  const ch = proc.channels[i];
  const charge = ch.chargeIndex < 0 ? "both" : ch.chargeIndex === 0 ? "W+" : "W-";
  console.log(
    `${i} ${ch.region?.kind ?? ch.kind}/a${ch.assignment} ${charge}`.padEnd(18),
    proc.multichannel.alphas[i].toFixed(3).padStart(6),
    String(c.n).padStart(9),
    (c.s1 / s1).toFixed(4).padStart(9),
    (c.s2 / s2).toFixed(4).padStart(10),
    c.max.toFixed(0).padStart(12),
  );
});
console.log(
  "bin                          points   σ share  var share  proxy-σ share  proxy-var share  max w/(σ/N)",
);
const rows = [...bins.entries()].sort((a, b) => b[1].p2 - a[1].p2).slice(0, 25);
for (const [k, b] of rows)
  console.log(
    k.padEnd(27),
    String(b.n).padStart(7),
    (b.s1 / s1).toFixed(4).padStart(9),
    (b.s2 / s2).toFixed(4).padStart(10),
    (b.p1 / p1).toFixed(4).padStart(14),
    (b.p2 / p2).toFixed(4).padStart(16),
    b.max.toFixed(0).padStart(12),
  );
heaviest.sort((a, b) => b.wOverSigma - a.wOverSigma);
for (const h of heaviest.slice(0, 10)) console.log(JSON.stringify(h));
