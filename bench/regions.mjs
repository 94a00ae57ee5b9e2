// CPU of the W + soft pair region parts before the shower: per part, the VEGAS warm-up (adapted to
// the selection proxy, as the windows bench and the scan run it) and one production chunk with the
// weight floor at 1 × σ, in CPU-seconds of this thread — where the windows bench's budget goes
// before any event is showered (docs/backgrounds.md, "An honest budget, and faster generator-level
// kinematics").
//
//   npm run build && node bench/regions.mjs [process=wgamma-mu-mu] [parts=core,shell,halo-reach,halo-rest,outside]
//
// Environment: SEED (default 1), WARMUP (iterations × points, default 10x30000), ALPHA (VEGAS
// damping, default 1.0), CHUNK (points, default 100000). Prints one JSON line per part and a total.
import { buildBackgroundProcess } from "../dist/generate/background/spec.js";
import { runChunk, warmUp } from "../dist/generate/engine.js";
import { backgroundSpecs } from "../dist/scan/processes.js";
import { cpuSeconds, machineMeRate } from "./lib/throughput.mjs";

const processName = process.argv[2] ?? "wgamma-mu-mu";
const parts = (process.argv[3] ?? "core,shell,halo-reach,halo-rest,outside").split(",");
const seed = Number(process.env.SEED ?? 1);
const [iterations, pointsPerIteration] = (process.env.WARMUP ?? "10x30000").split("x").map(Number);
const alpha = Number(process.env.ALPHA ?? 1.0);
const chunkPoints = Number(process.env.CHUNK ?? 100000);
const request = backgroundSpecs(13000).find((r) => r.process === processName);
if (request === undefined || request.spec.kind !== "wgamma") {
  const names = backgroundSpecs(13000)
    .filter((r) => r.spec.kind === "wgamma")
    .map((r) => r.process);
  console.error(`bench regions: unknown W + soft pair process "${processName}"; one of: ${names.join(", ")}`);
  process.exit(2);
}

// How fast this machine is now (|M|² per CPU-second, bench/lib/throughput.mjs): compare runs of
// different days by it.
const machineMePerCpuSecond = Math.round(machineMeRate(1));
let warmupTotal = 0;
let chunkTotal = 0;
for (const region of parts) {
  const proc = buildBackgroundProcess({ ...request.spec, region }).process;
  let t = cpuSeconds();
  const wu = warmUp(proc, { seed, iterations, pointsPerIteration, alpha });
  const warmupCpuSeconds = cpuSeconds() - t;
  const sigmaPb = wu.iterations.at(-1).sigmaPb;
  t = cpuSeconds();
  const c = runChunk(proc, {
    seed,
    chunk: 0,
    points: chunkPoints,
    totalPoints: chunkPoints,
    unweightMaxPb: sigmaPb,
  });
  const chunkCpuSeconds = cpuSeconds() - t;
  warmupTotal += warmupCpuSeconds;
  chunkTotal += chunkCpuSeconds;
  console.log(
    JSON.stringify({
      process: processName,
      region,
      warmupPoints: iterations * pointsPerIteration,
      warmupCpuSeconds: +warmupCpuSeconds.toFixed(2),
      warmupMicrosecondsPerPoint: +((1e6 * warmupCpuSeconds) / (iterations * pointsPerIteration)).toFixed(2),
      chunkPoints,
      chunkCpuSeconds: +chunkCpuSeconds.toFixed(2),
      chunkMicrosecondsPerPoint: +((1e6 * chunkCpuSeconds) / chunkPoints).toFixed(2),
      eventsAfterFloor: c.batch.nEvents,
      sigmaPb: +sigmaPb.toPrecision(6),
    }),
  );
}
console.log(
  JSON.stringify({
    process: processName,
    machineMePerCpuSecond,
    warmupCpuSeconds: +warmupTotal.toFixed(2),
    chunkCpuSeconds: +chunkTotal.toFixed(2),
  }),
);
