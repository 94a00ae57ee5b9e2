/**
 * Parquet event tables: our events → Parquet (hyparquet-writer) → read back with an independent
 * JS reader (hyparquet) and compared column by column, to the bit. Schema: docs/formats.md.
 */

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from "hyparquet";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FileFormatError } from "../src/core/errors.js";
import { concatEventBatches, type EventBatch } from "../src/core/events.js";
import { readLhe, writeLhe } from "../src/io/lhe.js";
import {
  openEventsParquet,
  PARQUET_EVENT_COLUMNS,
  PARQUET_PARTICLE_COLUMNS,
  ParquetEventWriter,
  readEventsParquet,
  writeEventsParquet,
} from "../src/io/parquet.js";
import { syntheticBatch, syntheticInfo } from "./io.helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dnreach-parquet-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Bitwise equality (Object.is also separates +0 from −0). */
function expectBitEqual(a: EventBatch, b: EventBatch): void {
  expect(b.nEvents).toBe(a.nEvents);
  expect(Array.from(b.offsets)).toEqual(Array.from(a.offsets));
  for (const [c] of [...PARQUET_PARTICLE_COLUMNS, ...PARQUET_EVENT_COLUMNS]) {
    const x = a[c] as ArrayLike<number>;
    const y = b[c] as ArrayLike<number>;
    expect(y.length, String(c)).toBe(x.length);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) expect([c, i, y[i]]).toEqual([c, i, x[i]]);
  }
}

describe("Parquet round trip", () => {
  test("every column equal to the bit; one row group per batch; info in the metadata", async () => {
    const batches = [syntheticBatch(300, 11, "weighted"), syntheticBatch(17, 12, "signed")];
    const file = join(dir, "events.parquet");
    await writeEventsParquet(file, syntheticInfo(), batches);
    const { batch, info } = await readEventsParquet(file);
    expectBitEqual(concatEventBatches(batches), batch);
    expect(info).toEqual(syntheticInfo());
    const f = await openEventsParquet(file);
    expect(f.nEvents).toBe(317);
    const sizes: number[] = [];
    for await (const b of f.batches()) sizes.push(b.nEvents);
    expect(sizes).toEqual([300, 17]);
  });

  test("schema as documented: scalar event columns, LIST<element> particle columns", async () => {
    const file = join(dir, "schema.parquet");
    await writeEventsParquet(file, syntheticInfo(), [syntheticBatch(3, 1)]);
    const buf = await asyncBufferFromFile(file);
    const meta = await parquetMetadataAsync(buf);
    const tree = parquetSchema(meta);
    const names = tree.children.map((c) => c.element.name);
    expect(names).toEqual([
      "nParticles",
      ...PARQUET_EVENT_COLUMNS.map(([n]) => n),
      ...PARQUET_PARTICLE_COLUMNS.map(([n]) => n),
    ]);
    const px = tree.children.find((c) => c.element.name === "px")!;
    expect(px.element.converted_type).toBe("LIST");
    expect(px.children[0]!.element.repetition_type).toBe("REPEATED");
    expect(px.children[0]!.children[0]!.element).toMatchObject({ name: "element", type: "DOUBLE" });
    // A plain hyparquet row read sees per-particle lists of the right length.
    const rows = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
    expect(rows[0]!.nParticles).toBe(9);
    expect((rows[0]!.pdg as number[]).slice(0, 3)).toEqual([2, -1, 24]);
  });

  test("LHE → EventBatch → Parquet → EventBatch keeps the LHE content", async () => {
    const lhe = join(dir, "chain.lhe");
    await writeLhe(lhe, syntheticInfo(), [syntheticBatch(20, 5)]);
    const fromLhe = await readLhe(lhe);
    const pq = join(dir, "chain.parquet");
    await writeEventsParquet(pq, fromLhe.info, [fromLhe.batch]);
    const back = await readEventsParquet(pq);
    expectBitEqual(fromLhe.batch, back.batch);
  });

  test("aborted writer leaves the previous file and no temporary file", async () => {
    const sub = await mkdtemp(join(dir, "atomic-"));
    const target = join(sub, "t.parquet");
    await writeFile(target, "old");
    const w = await ParquetEventWriter.open(target, syntheticInfo());
    await w.write(syntheticBatch(5, 1));
    await w.abort();
    expect(await readFile(target, "utf8")).toBe("old");
    expect(await readdir(sub)).toEqual(["t.parquet"]);
  });

  test("an empty sample round-trips through Parquet and LHE (zero events, σ = 0)", async () => {
    const pq = join(dir, "empty.parquet");
    await writeEventsParquet(pq, syntheticInfo(), []);
    expect((await readEventsParquet(pq)).batch.nEvents).toBe(0);
    const lhe = join(dir, "empty.lhe");
    await writeLhe(lhe, syntheticInfo(), []);
    const back = await readLhe(lhe);
    expect(back.batch.nEvents).toBe(0);
    expect(back.info.sigmaPb).toBe(0);
  });

  test("truncated Parquet files (an interrupted copy) give a FileFormatError naming the file", async () => {
    // Cut at 20 evenly spaced lengths: the footer (metadata + magic) is then missing or damaged.
    const file = join(dir, "whole.parquet");
    await writeEventsParquet(file, syntheticInfo(), [syntheticBatch(30, 3)]);
    const bytes = await readFile(file);
    for (let k = 0; k < 20; k++) {
      const cut = join(dir, `cut-${k}.parquet`);
      await writeFile(cut, bytes.subarray(0, Math.floor((k / 20) * bytes.length)));
      const err = await readEventsParquet(cut).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileFormatError);
      expect((err as FileFormatError).file).toBe(cut);
    }
  });

  test("a file that is not a dnreach table gives a FileFormatError", async () => {
    const file = join(dir, "not.parquet");
    await writeFile(file, "PAR1 this is not parquet PAR1");
    await expect(readEventsParquet(file)).rejects.toBeInstanceOf(FileFormatError);
  });
});
