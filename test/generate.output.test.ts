import { mkdtempSync, rmSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileFormatError } from "../src/core/errors.js";
import { generate } from "../src/generate/generate.js";
import { readEventBatchDir, writeEventBatchDir } from "../src/generate/output.js";

describe("native event directory (docs/generator.md, 'Output format')", () => {
  it("round-trips every column bit-for-bit and rejects a truncated column with the file name", async () => {
    // Reference: the format stores raw typed-array bytes, so a round trip must be exact.
    const r = await generate(
      { kind: "camel", dims: 2, width: 0.05 },
      { nEvents: 500, seed: 3, workers: 0, warmupPoints: 200, warmupIterations: 2 },
    );
    const dir = mkdtempSync(join(tmpdir(), "dnreach-out-"));
    try {
      await writeEventBatchDir(dir, r.batch, r.info);
      const back = await readEventBatchDir(dir);
      expect(back.batch.nEvents).toBe(r.batch.nEvents);
      expect(Array.from(back.batch.weight)).toEqual(Array.from(r.batch.weight));
      expect(Array.from(back.batch.offsets)).toEqual(Array.from(r.batch.offsets));
      expect(back.info.sigmaPb).toBe(r.info.sigmaPb);
      truncateSync(join(dir, "weight.bin"), 8);
      await expect(readEventBatchDir(dir)).rejects.toThrow(FileFormatError);
      await expect(readEventBatchDir(dir)).rejects.toThrow(/weight\.bin/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
