// Throughput of the tree-level matrix elements (src/amplitudes): ME evaluations per second on one
// core, helicity sums included, on pre-generated RAMBO points (point generation not timed).
// Run: npm run build && node bench/amplitudes.mjs [seconds-per-process]
import {
  buildModelTable,
  createChargedCurrentDY,
  createFourLepton,
  createSignal,
  createWGamma,
  electroweakParameters,
} from "../dist/index.js";
import { evaluationRates, ramboPoints } from "./lib/throughput.mjs";

const seconds = Number(process.argv[2] ?? 1);
const ew = electroweakParameters("gmu");
const dark = {
  mN: 0.3,
  widthN: 1e-7,
  mZD: 0.1,
  widthZD: 1e-13,
  Ue4Sq: 0,
  Umu4Sq: 1e-4,
  Utau4Sq: 0,
  eps: Math.sqrt(2e-10 * 137.036),
  gD: 0.25,
  nature: "dirac",
};
const table = buildModelTable(ew, dark);

const processes = [
  createChargedCurrentDY(table, { charge: 1, lepton: "mu" }),
  createWGamma(table, { charge: 1, lepton: "mu" }),
  createFourLepton(table, { charge: 1, lepton: "mu", pair: "e" }),
  createFourLepton(table, { charge: -1, lepton: "mu", pair: "e" }),
  createFourLepton(table, { charge: 1, lepton: "e", pair: "e" }),
  createSignal(table, { charge: 1, lepton: "mu", pair: "e", onShell: true }),
  createSignal(table, { charge: 1, lepton: "mu", pair: "e", onShell: false }),
];

const results = [];
for (const me of processes) {
  const pts = ramboPoints(me);
  // per core: evaluations per second of CPU time consumed by this (single-threaded) process, so that
  // the number does not depend on other load on the machine; wall-clock rate printed beside it.
  const rate = evaluationRates(me, pts, seconds);
  results.push({
    process: me.name,
    evaluationsPerCpuSecond: Math.round(rate.perCpuSecond),
    evaluationsPerWallSecond: Math.round(rate.perWallSecond),
    microsecondsPerEvaluation: +(1e6 / rate.perCpuSecond).toFixed(3),
  });
  // evaluateAllHelicities twin, for reference
  if (typeof me.evaluateAllHelicities === "function") {
    let sink = 0;
    const s0 = process.cpuUsage();
    for (let i = 0; i < 20000; i++) sink += me.evaluateAllHelicities(pts[i % pts.length]);
    const c2 = process.cpuUsage(s0);
    if (!Number.isFinite(sink)) throw new Error("non-finite |M|²");
    const r2 = 20000 / ((c2.user + c2.system) * 1e-6);
    results.push({
      process: `${me.name} [slow twin, 64 helicities]`,
      evaluationsPerCpuSecond: Math.round(r2),
      evaluationsPerWallSecond: undefined,
      microsecondsPerEvaluation: +(1e6 / r2).toFixed(3),
    });
  }
}
console.table(results);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
