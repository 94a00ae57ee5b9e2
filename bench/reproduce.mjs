#!/usr/bin/env node
// Wall time and peak memory of `dnreach reproduce` from an empty cache (issue: --quick ≤ 3 min,
// full ≤ 20 min on 2 cores). Usage: npm run build && node bench/reproduce.mjs [--full] [--workers N]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reproduce } from "../dist/scan/reproduce.js";

const full = process.argv.includes("--full");
const wi = process.argv.indexOf("--workers");
const workers = wi > 0 ? Number(process.argv[wi + 1]) : undefined;
const dir = mkdtempSync(join(tmpdir(), "dnreach-bench-reproduce-"));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
try {
  const r = await reproduce({
    outDir: join(dir, "out"),
    cacheDir: join(dir, "cache"),
    quick: !full,
    seed: 1,
    shower: true,
    ...(workers !== undefined ? { workers } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify(
      {
        mode: full ? "full" : "quick",
        wallSeconds: Number(wall.toFixed(1)),
        cpuSecondsMainThread: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        limits: r.records.length,
        stages: r.timings,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
