/**
 * Property-based tests (fast-check) for the text readers: valid LHE and HepMC3 files are mutated
 * (truncated, lines deleted/duplicated/swapped, numbers corrupted, tags duplicated, huge lines
 * inserted, optionally gzip-compressed and then byte-truncated) and read. The property (DESIGN.md
 * validation item 4: fuzzed parsers give a clear error, never a crash or NaN): reading either
 * succeeds with finite columns, or throws a FileFormatError naming the file — never anything else.
 * Seeds are fixed so that a failure is reproducible; 150 runs per format keep the file < 10 s.
 */

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FileFormatError } from "../src/core/errors.js";
import type { EventBatch } from "../src/core/events.js";
import { readHepMC3 } from "../src/io/hepmc3.js";
import { readLhe, writeLhe } from "../src/io/lhe.js";
import { madgraphLhe, pythiaHepMC3, syntheticBatch, syntheticInfo } from "./io.helpers.js";

let dir: string;
let ours: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dnreach-fuzz-"));
  const p = join(dir, "ours.lhe");
  await writeLhe(p, syntheticInfo(), [syntheticBatch(3, 1, "weighted")]);
  const { readFile } = await import("node:fs/promises");
  ours = await readFile(p, "utf8");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BAD_TOKENS = [
  "abc",
  "nan",
  "NaN",
  "1e999",
  "-inf",
  "",
  "0x10",
  "1.2.3",
  "99999999999",
  "-1",
  "<event>",
  "]",
  "@",
  "1,2",
];

type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "deleteLine"; at: number }
  | { kind: "duplicateLine"; at: number }
  | { kind: "swapLines"; a: number; b: number }
  | { kind: "corruptToken"; line: number; token: number; value: string }
  | { kind: "hugeLine"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant("deleteLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant("corruptToken" as const),
    line: fc.nat(),
    token: fc.nat(),
    value: fc.oneof(fc.constantFrom(...BAD_TOKENS), fc.string({ maxLength: 6 }), fc.integer().map(String)),
  }),
  fc.record({ kind: fc.constant("hugeLine" as const), at: fc.nat() }),
);

function mutate(text: string, ms: Mutation[]): string {
  let lines = text.split("\n");
  for (const m of ms) {
    const n = lines.length;
    if (n === 0) break;
    switch (m.kind) {
      case "truncate": {
        const s = lines.join("\n");
        lines = s.slice(0, Math.floor(m.at * s.length)).split("\n");
        break;
      }
      case "deleteLine":
        lines.splice(m.at % n, 1);
        break;
      case "duplicateLine":
        lines.splice(m.at % n, 0, lines[m.at % n]!);
        break;
      case "swapLines": {
        const a = m.a % n;
        const b = m.b % n;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        break;
      }
      case "corruptToken": {
        const k = m.line % n;
        const toks = lines[k]!.split(" ");
        toks[m.token % toks.length] = m.value;
        lines[k] = toks.join(" ");
        break;
      }
      case "hugeLine":
        lines.splice(m.at % n, 0, "9".repeat(3000));
        break;
    }
  }
  return lines.join("\n");
}

function allFinite(b: EventBatch): boolean {
  for (const c of ["E", "px", "py", "pz", "m", "vx", "vy", "vz", "weight", "scale", "x1", "x2"] as const)
    for (const v of b[c]) if (!Number.isFinite(v)) return false;
  return true;
}

async function property(
  read: (path: string) => Promise<{ batch: EventBatch }>,
  base: () => string,
  seed: number,
  name: string,
): Promise<void> {
  let counter = 0;
  let failures = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      fc.nat(),
      async (ms, gz, cut) => {
        const text = mutate(base(), ms);
        const path = join(dir, `${name}-${counter++}${gz ? ".gz" : ""}`);
        let data: Uint8Array = Buffer.from(text);
        if (gz) {
          data = gzipSync(data);
          // Sometimes also cut the compressed stream (a truncated download).
          if (cut % 3 === 0) data = data.subarray(0, Math.max(2, data.length - 1 - (cut % 50)));
        }
        await writeFile(path, data);
        try {
          const { batch } = await read(path);
          expect(allFinite(batch)).toBe(true);
        } catch (err) {
          if (!(err instanceof FileFormatError)) throw err;
          expect(err.file).toBe(path);
          expect(err.message.startsWith(path)).toBe(true);
          failures++;
        } finally {
          await rm(path, { force: true });
        }
      },
    ),
    { seed, numRuns: 150 },
  );
  // The mutations must actually hit the parsers: most mutated files are rejected.
  expect(failures).toBeGreaterThan(50);
}

describe("fuzzed files: success or FileFormatError, nothing else", () => {
  test("LHE (MadGraph layout)", async () => {
    await property((p) => readLhe(p, { maxLineBytes: 1000 }), madgraphLhe, 20241124, "mg");
  });
  test("LHE (ours, with #pdf and #vertex lines)", async () => {
    await property(
      (p) => readLhe(p, { maxLineBytes: 1000 }),
      () => ours,
      7,
      "ours",
    );
  });
  test("HepMC3 (Pythia layout), final state and full record", async () => {
    await property((p) => readHepMC3(p, { maxLineBytes: 1000 }), pythiaHepMC3, 42, "hepmc");
    await property(
      (p) => readHepMC3(p, { maxLineBytes: 1000, particles: "all" }),
      pythiaHepMC3,
      43,
      "hepmcall",
    );
  });
});
