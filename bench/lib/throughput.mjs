// Matrix-element throughput on one core, shared by bench/amplitudes.mjs (every process) and
// bench/windows.mjs (one process, to say how fast the machine was: the windows' MC errors depend on
// how many points a CPU budget buys, and that speed changed by 2.2× between two days here); and the
// CPU clock of the benches that spend or measure CPU budgets (windows, regions, copies).
import {
  buildModelTable,
  createFourLepton,
  electroweakParameters,
  ramboPoint,
  randomStream,
} from "../../dist/index.js";

/** CPU-seconds (user + system) this process has used so far: differences time a stretch of work. */
export function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** `n` RAMBO points of `me` at √ŝ in 60–260 GeV (fixed seed), for timing. */
export function ramboPoints(me, n = 1024) {
  const nLeg = me.pdgIds.length;
  const rng = randomStream(7, 0);
  const pts = [];
  for (let i = 0; i < n; i++) {
    const p = new Float64Array(4 * nLeg);
    ramboPoint(p, 60 + 200 * rng.uniform(), me.masses.subarray(2), rng);
    pts.push(p);
  }
  return pts;
}

/**
 * |M|² evaluations of `me` per CPU-second (helicity sums included) over `seconds` of wall time
 * after a JIT warm-up, and per wall-second beside it.
 */
export function evaluationRates(me, pts, seconds) {
  let sink = 0;
  for (let i = 0; i < 20000; i++) sink += me.evaluate(pts[i % pts.length]);
  let n = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let dt = 0;
  while (dt < seconds) {
    for (let i = 0; i < pts.length; i++) sink += me.evaluate(pts[i]);
    n += pts.length;
    dt = Number(process.hrtime.bigint() - t0) * 1e-9;
  }
  if (!Number.isFinite(sink)) throw new Error("non-finite |M|²");
  const cpu = process.cpuUsage(c0);
  return { perCpuSecond: n / ((cpu.user + cpu.system) * 1e-6), perWallSecond: n / dt };
}

/** The machine's speed: `d u~ > mu- vm~ e- e+` (createFourLepton, all EW diagrams) per CPU-second. */
export function machineMeRate(seconds = 1) {
  const me = createFourLepton(buildModelTable(electroweakParameters("gmu")), {
    charge: -1,
    lepton: "mu",
    pair: "e",
  });
  return evaluationRates(me, ramboPoints(me), seconds).perCpuSecond;
}
