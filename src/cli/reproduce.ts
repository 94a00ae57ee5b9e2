/** `dnreach reproduce`: every result of the paper from nothing (see src/scan/reproduce.ts). */
import type { Command } from "commander";
import { parseChoice, parseCount } from "./options.js";

interface ReproduceCliOptions {
  quick?: boolean;
  out: string;
  cache?: string;
  seed: number;
  workers?: number;
  shower: "on" | "off";
}

export function registerReproduce(program: Command): void {
  program
    .command("reproduce")
    .description("regenerate the paper's results (Figs. 2–9, limits, report) into --out")
    .option("--quick", "coarser grids and fewer events (≈ 3 min on 2 cores)")
    .option("--out <dir>", "output directory", "results")
    .option("--cache <dir>", "sample cache directory (default: <out>/.cache)")
    .option("--seed <n>", "random seed", parseCount, 1)
    .option("--workers <n>", "worker threads (default: all cores)", parseCount)
    .option(
      "--shower <on|off>",
      "initial-state shower and hadronic activity",
      parseChoice(["on", "off"] as const),
      "on",
    )
    .action(async (o: ReproduceCliOptions) => {
      const { join } = await import("node:path");
      const { reproduce } = await import("../scan/reproduce.js");
      const t0 = performance.now();
      const result = await reproduce({
        outDir: o.out,
        cacheDir: o.cache ?? join(o.out, ".cache"),
        quick: o.quick ?? false,
        seed: o.seed,
        ...(o.workers !== undefined ? { workers: o.workers } : {}),
        shower: o.shower === "on",
        log: (line) => process.stderr.write(`${line}\n`),
      });
      const seconds = (performance.now() - t0) / 1000;
      process.stdout.write(
        `dnreach reproduce: ${result.records.length} limits, ${result.files.length} files in ${o.out}/ (${seconds.toFixed(1)} s)\n`,
      );
    });
}
