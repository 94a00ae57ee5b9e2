import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsum } from "../src/core/sum.js";
import { readLhe } from "../src/io/lhe.js";
import { readEventsParquet } from "../src/io/parquet.js";

const CLI = join(import.meta.dirname, "..", "dist", "cli", "main.js");

// Issue "interoperability": `dnreach generate … --format lhe|parquet|native`. Reference: the
// generator's own σ; the files must carry the same events with Σw = σ (docs/formats.md).
describe("dnreach generate --format", () => {
  const dir = mkdtempSync(join(tmpdir(), "dnreach-fmt-"));
  const run = (out: string, format: string) => {
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        "generate",
        "w-lnu",
        "-n",
        "1500",
        "--seed",
        "3",
        "--workers",
        "0",
        "--out",
        out,
        "--format",
        format,
        "--json",
      ],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { sigmaPb: number; nEvents: number };
  };

  it("writes LHE (gzip) whose weights sum to σ and whose event count matches", async () => {
    const j = run(join(dir, "w.lhe.gz"), "lhe.gz");
    const { batch, info } = await readLhe(join(dir, "w.lhe.gz"));
    expect(batch.nEvents).toBe(j.nEvents);
    // 17 significant digits in the file: Σw equals σ to rounding.
    expect(fsum(batch.weight) / j.sigmaPb).toBeCloseTo(1, 10);
    expect(info.sigmaPb / j.sigmaPb).toBeCloseTo(1, 10);
  });

  it("writes Parquet that reads back with the same weights", async () => {
    const j = run(join(dir, "w.parquet"), "parquet");
    const { batch } = await readEventsParquet(join(dir, "w.parquet"));
    expect(batch.nEvents).toBe(j.nEvents);
    expect(fsum(batch.weight) / j.sigmaPb).toBeCloseTo(1, 12);
  });

  it("rejects an unknown format naming the option", () => {
    const r = spawnSync(process.execPath, [CLI, "generate", "w-lnu", "-n", "10", "--format", "root"], {
      encoding: "utf8",
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--format/);
  });
});
