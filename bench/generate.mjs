#!/usr/bin/env node
// Generator benchmark: weighted events per second (phase space + matrix element + PDFs) for
// pp → W → μν and the signal (m_N, m_ZD) = (0.3, 0.1) GeV, one thread; and the wall time of the
// CLI (process start-up included) to reach 0.3 % MC precision on σ with 2 workers.
// Run: npm run build && node bench/generate.mjs
import { spawnSync } from "node:child_process";
import { mergeChunks, runChunk, warmUp } from "../dist/generate/engine.js";
import { buildProcess } from "../dist/generate/processes.js";

const W = {
  kind: "w-lnu",
  charge: "both",
  lepton: "mu",
  sqrtS: 13000,
  scale: { kind: "dynamic" },
  ewInputs: "default",
  mHatMinGeV: 10,
};
const SIGNAL = {
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
  sqrtS: 13000,
  scale: { kind: "dynamic" },
  ewInputs: "default",
  mHatMinGeV: 10,
};
const TARGET = 0.003;

function throughput(name, spec) {
  const { process } = buildProcess(spec);
  warmUp(process, { seed: 1, iterations: 3, pointsPerIteration: 5000, alpha: 1.5 });
  runChunk(process, { seed: 1, chunk: 99, points: 20000, totalPoints: 20000, unweightMaxPb: null }); // JIT warm
  const n = 200000;
  const t0 = process_hr();
  const r = runChunk(process, { seed: 1, chunk: 0, points: n, totalPoints: n, unweightMaxPb: null });
  const dt = process_hr() - t0;
  const m = mergeChunks([r]);
  const rel = m.sigmaErrPb / m.sigmaPb;
  console.log(
    `${name}: ${(n / dt).toFixed(0)} weighted events/s (1 thread); σ_LO = ${m.sigmaPb.toPrecision(6)} pb, δσ/σ = ${(100 * rel).toFixed(3)} % at N = ${n}`,
  );
  // Points needed for the target precision: δσ/σ ∝ N^(−1/2).
  return Math.ceil(n * (rel / TARGET) ** 2);
}

function process_hr() {
  return Number(process.hrtime.bigint()) / 1e9;
}

function timeToPrecision(name, args, nNeeded) {
  // Round up by 20 % for the fluctuation of the error estimate.
  const n = Math.max(1000, Math.ceil(1.2 * nNeeded));
  const t0 = process_hr();
  const r = spawnSync(
    process.execPath,
    [
      "dist/cli/main.js",
      "generate",
      ...args,
      "-n",
      String(n),
      "--workers",
      "2",
      "--warmup-points",
      "2000",
      "--warmup-iterations",
      "3",
      "--json",
    ],
    { encoding: "utf8" },
  );
  const dt = process_hr() - t0;
  if (r.status !== 0) throw new Error(r.stderr);
  const j = JSON.parse(r.stdout);
  console.log(
    `${name}: ${dt.toFixed(2)} s wall (CLI start-up, PDF load, warm-up 3×2000, N = ${n}, --workers 2, ${Math.ceil(n / 10000)} chunk(s) of ≤ 10k; one chunk runs in the main thread) → δσ/σ = ${((100 * j.sigmaErrPb) / j.sigmaPb).toFixed(3)} %`,
  );
}

const nW = throughput("W → μν", W);
const nS = throughput("signal (0.3, 0.1) GeV", SIGNAL);
timeToPrecision("time to 0.3 %, W → μν", ["w-lnu"], nW);
timeToPrecision("time to 0.3 %, signal", ["signal", "--mN", "0.3", "--mZD", "0.1"], nS);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this process)`);
