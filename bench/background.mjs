// Benchmark of the W + soft pair generator against MadGraph5_aMC@NLO 3.4.1 (the reference:
// `p p > mu- vm~ e+ e-`, lepton pT > 1 GeV, |η| < 5, m(SFOS) > 10 MeV, nn23lo1, default dynamic
// scale, sm model: σ = 1.583 ± 0.005 pb (0.34 %) plus 10 000 unweighted events in 43 s wall, 63 s CPU,
// 77 MB on 2 cores). Same job here: σ to ≤ 0.34 % and ≥ 10 000 unweighted events, 2 workers.
// Run: npm run build && node bench/background.mjs [points] [workers]
import { performance } from "node:perf_hooks";
import { PAPER_GENERATION_CUTS } from "../dist/generate/background/cuts.js";
import { buildBackgroundProcess } from "../dist/generate/background/spec.js";
import { warmUp } from "../dist/generate/engine.js";
import { generate } from "../dist/generate/generate.js";

const points = Number(process.argv[2] ?? 1_100_000);
const workers = Number(process.argv[3] ?? 2);
const spec = {
  kind: "wgamma",
  charge: "minus",
  lepton: "mu",
  pair: "e",
  sqrtS: 13000,
  scale: { kind: "dynamic" },
  ewInputs: "mg5-sm",
  mHatMinGeV: 1,
  cuts: { ...PAPER_GENERATION_CUTS },
};

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await generate(spec, {
  nEvents: points,
  seed: 1,
  workers,
  warmupIterations: 8,
  warmupPoints: 20000,
  chunkSize: 50000,
  unweight: true,
  kFactor: 1,
});
const wall = (performance.now() - t0) / 1000;
const cpu1 = process.cpuUsage(cpu0);
const cpu = (cpu1.user + cpu1.system) / 1e6;

// Matrix-element throughput on one core: |M|² of q q̄′ → μ⁻ν̄ e⁺e⁻ at the phase-space points the
// generator produces (both beam orientations per point, as in production).
const { process: proc } = buildBackgroundProcess(spec);
warmUp(proc, { seed: 3, iterations: 2, pointsPerIteration: 20000, alpha: 1.5 });
const me = proc.perm?.[1]?.me;
const pts = [];
{
  const y = new Float64Array(proc.nDim);
  let s = 12345;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  while (pts.length < 2000) {
    for (let i = 0; i < y.length; i++) y[i] = u();
    if (proc.evaluate(y, u()) > 0) {
      const p = new Float64Array(24);
      // ME leg order [d, u~, mu-, vm~, e-, e+] = generated [q, q̄, L, N, A, B]
      p.set(proc.p.subarray(0, 24));
      pts.push(p);
    }
  }
}
let acc = 0;
const nMe = 400_000;
const tm = performance.now();
const cm = process.cpuUsage();
for (let i = 0; i < nMe; i++) acc += me.evaluate(pts[i % pts.length]);
const cmd = process.cpuUsage(cm);
const meRate = nMe / ((performance.now() - tm) / 1000);
// Per CPU-second of this thread (robust when the machine is shared; the workers have exited).
const meRateCpu = nMe / ((cmd.user + cmd.system) / 1e6);

const out = {
  process: r.processInfo.name,
  sigmaPb: r.sigmaLOPb,
  sigmaErrPb: r.sigmaLOErrPb,
  relErrPercent: (100 * r.sigmaLOErrPb) / r.sigmaLOPb,
  points: r.points,
  unweightedEvents: r.nEvents,
  unweighting: r.unweighting,
  wallSeconds: wall,
  cpuSeconds: cpu,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
  workers,
  meEvaluationsPerSecondPerCore: meRate,
  meEvaluationsPerCpuSecond: meRateCpu,
  loadAverage1min: (await import("node:os")).loadavg()[0],
  checksum: acc > 0,
  madgraph: { sigmaPb: 1.583, sigmaErrPb: 0.005, wallSeconds: 43, cpuSeconds: 63, peakRssMB: 77 },
};
console.log(JSON.stringify(out, null, 2));
