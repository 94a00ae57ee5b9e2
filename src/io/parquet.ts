/**
 * Parquet event tables: one row per event, per-event scalar columns and per-particle LIST
 * columns, written with hyparquet-writer and read back with hyparquet. Readable by pyarrow,
 * pandas and awkward (`ak.from_parquet`); the schema is documented in docs/formats.md.
 *
 * Parquet layout (Apache Parquet format spec, LogicalTypes.md "Lists"): each list column is the
 * standard three-level structure
 *   required group <name> (LIST) { repeated group list { required <type> element; } }
 * Each written batch becomes one row group, so memory stays bounded by a batch while writing; the
 * reader returns one batch per row group.
 */

import type { SchemaElement } from "hyparquet";
import { asyncBufferFromFile, parquetMetadataAsync } from "hyparquet";
import { parquetReadColumn } from "hyparquet/src/read.js";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { FileFormatError } from "../core/errors.js";
import {
  allocateEventBatch,
  concatEventBatches,
  type EventBatch,
  type EventBatchInfo,
} from "../core/events.js";
import { type AtomicWriteStream, openAtomicWriteStream } from "./atomicStream.js";

/** Version of the table layout below (stored in the key-value metadata). */
export const PARQUET_SCHEMA_VERSION = "1";

type Kind = "INT32" | "DOUBLE";

/** Per-event columns in file order. */
export const PARQUET_EVENT_COLUMNS: ReadonlyArray<readonly [keyof EventBatch, Kind]> = [
  ["weight", "DOUBLE"],
  ["processId", "INT32"],
  ["scale", "DOUBLE"],
  ["alphaS", "DOUBLE"],
  ["x1", "DOUBLE"],
  ["x2", "DOUBLE"],
  ["id1", "INT32"],
  ["id2", "INT32"],
];

/** Per-particle list columns in file order. */
export const PARQUET_PARTICLE_COLUMNS: ReadonlyArray<readonly [keyof EventBatch, Kind]> = [
  ["pdg", "INT32"],
  ["status", "INT32"],
  ["mother1", "INT32"],
  ["mother2", "INT32"],
  ["colour", "INT32"],
  ["anticolour", "INT32"],
  ["E", "DOUBLE"],
  ["px", "DOUBLE"],
  ["py", "DOUBLE"],
  ["pz", "DOUBLE"],
  ["m", "DOUBLE"],
  ["vx", "DOUBLE"],
  ["vy", "DOUBLE"],
  ["vz", "DOUBLE"],
];

function schema(): SchemaElement[] {
  const s: SchemaElement[] = [
    { name: "root", num_children: 1 + PARQUET_EVENT_COLUMNS.length + PARQUET_PARTICLE_COLUMNS.length },
    { name: "nParticles", type: "INT32", repetition_type: "REQUIRED" },
  ];
  for (const [name, type] of PARQUET_EVENT_COLUMNS) s.push({ name, type, repetition_type: "REQUIRED" });
  for (const [name, type] of PARQUET_PARTICLE_COLUMNS) {
    s.push(
      { name, repetition_type: "REQUIRED", converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", type, repetition_type: "REQUIRED" },
    );
  }
  return s;
}

/** A hyparquet-writer `Writer` that streams each finished row group into an atomic file. */
class StreamingByteWriter extends ByteWriter {
  constructor(private readonly out: AtomicWriteStream) {
    super(1 << 20);
  }
  flush(): Promise<void> {
    const bytes = new Uint8Array(this.buffer, 0, this.index).slice();
    this.index = 0;
    return this.out.write(bytes);
  }
  override finish(): Promise<void> {
    return this.flush();
  }
}

export interface ParquetWriteOptions {
  /** Compression codec (default SNAPPY, built into hyparquet-writer; UNCOMPRESSED also allowed). */
  codec?: "SNAPPY" | "UNCOMPRESSED";
}

/** Streaming Parquet writer: `open`, `write(batch)` per batch (one row group each), `close`. */
export class ParquetEventWriter {
  private constructor(
    private readonly out: AtomicWriteStream,
    private readonly writer: ParquetWriter,
  ) {}

  static async open(
    path: string,
    info: EventBatchInfo,
    options: ParquetWriteOptions = {},
  ): Promise<ParquetEventWriter> {
    const out = await openAtomicWriteStream(path);
    const bw = new StreamingByteWriter(out);
    const writer = new ParquetWriter({
      writer: bw,
      schema: schema(),
      codec: options.codec ?? "SNAPPY",
      kvMetadata: [
        { key: "dnreach.schemaVersion", value: PARQUET_SCHEMA_VERSION },
        { key: "dnreach.eventBatchInfo", value: JSON.stringify(info) },
      ],
      createdBy: "dnreach",
    });
    return new ParquetEventWriter(out, writer);
  }

  async write(batch: EventBatch): Promise<void> {
    if (batch.nEvents === 0) return;
    try {
      const n = batch.nEvents;
      // DOUBLE columns are PLAIN-encoded: dictionary encoding keys values with SameValueZero and
      // would turn −0 into +0, breaking the bit-exact round trip.
      const columnData: { name: string; data: unknown[] | Int32Array | Float64Array; encoding?: "PLAIN" }[] =
        [];
      const counts = new Int32Array(n);
      for (let e = 0; e < n; e++) counts[e] = batch.offsets[e + 1]! - batch.offsets[e]!;
      columnData.push({ name: "nParticles", data: counts });
      for (const [name, type] of PARQUET_EVENT_COLUMNS) {
        const src = batch[name] as Float64Array | Int32Array;
        if (type === "DOUBLE") columnData.push({ name, data: Float64Array.from(src), encoding: "PLAIN" });
        else columnData.push({ name, data: Int32Array.from(src) });
      }
      for (const [name, type] of PARQUET_PARTICLE_COLUMNS) {
        const src = batch[name] as ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> };
        const rows: number[][] = new Array(n);
        for (let e = 0; e < n; e++)
          rows[e] = Array.from(src.subarray(batch.offsets[e]!, batch.offsets[e + 1]!));
        if (type === "DOUBLE") columnData.push({ name, data: rows, encoding: "PLAIN" });
        else columnData.push({ name, data: rows });
      }
      // One row group per batch (hyparquet-writer's DecodedArray accepts typed and plain arrays).
      await this.writer.write({ columnData: columnData as never, rowGroupSize: n });
    } catch (err) {
      await this.out.abort();
      throw err;
    }
  }

  async close(): Promise<void> {
    try {
      await this.writer.finish();
      await this.out.commit();
    } catch (err) {
      await this.out.abort();
      throw err;
    }
  }

  async abort(): Promise<void> {
    await this.out.abort();
  }
}

/** Writes batches to a Parquet file atomically. */
export async function writeEventsParquet(
  path: string,
  info: EventBatchInfo,
  batches: Iterable<EventBatch> | AsyncIterable<EventBatch>,
  options: ParquetWriteOptions = {},
): Promise<void> {
  const w = await ParquetEventWriter.open(path, info, options);
  try {
    for await (const b of batches) await w.write(b);
  } catch (err) {
    await w.abort();
    throw err;
  }
  await w.close();
}

/** Opens a dnreach Parquet event table; `batches()` yields one EventBatch per row group. */
export async function openEventsParquet(path: string): Promise<{
  info: EventBatchInfo;
  nEvents: number;
  batches(): AsyncGenerator<EventBatch, void, void>;
}> {
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw new FileFormatError(path, undefined, `a Parquet file (${(err as Error).message})`);
  }
  const kv = new Map((metadata.key_value_metadata ?? []).map((k) => [k.key, k.value]));
  const infoText = kv.get("dnreach.eventBatchInfo");
  if (kv.get("dnreach.schemaVersion") !== PARQUET_SCHEMA_VERSION || infoText === undefined)
    throw new FileFormatError(
      path,
      undefined,
      `a dnreach event table (key-value metadata dnreach.schemaVersion = ${PARQUET_SCHEMA_VERSION})`,
    );
  let info: EventBatchInfo;
  try {
    info = JSON.parse(infoText) as EventBatchInfo;
  } catch {
    throw new FileFormatError(path, undefined, "dnreach.eventBatchInfo metadata as JSON");
  }
  const groups: [number, number][] = [];
  let start = 0;
  for (const g of metadata.row_groups) {
    const n = Number(g.num_rows);
    groups.push([start, start + n]);
    start += n;
  }
  return {
    info,
    nEvents: start,
    async *batches() {
      for (let g = 0; g < groups.length; g++) {
        const [rowStart, rowEnd] = groups[g]!;
        // One column at a time: hyparquet reads the chunks of a multi-column request
        // concurrently, and when a corrupt chunk fails the others' rejections go unhandled.
        const columns = new Map<string, ArrayLike<unknown>>();
        for (const name of [
          "nParticles",
          ...PARQUET_EVENT_COLUMNS.map(([n]) => n),
          ...PARQUET_PARTICLE_COLUMNS.map(([n]) => n),
        ]) {
          try {
            columns.set(name, await parquetReadColumn({ file, metadata, columns: [name], rowStart, rowEnd }));
          } catch (err) {
            throw new FileFormatError(
              path,
              undefined,
              `a readable column ${name} in row group ${g} (rows ${rowStart}–${rowEnd - 1}): ${(err as Error).message}`,
            );
          }
        }
        yield columnsToBatch(path, columns, rowStart, rowEnd - rowStart);
      }
    },
  };
}

/** Reads a whole table into one batch. */
export async function readEventsParquet(path: string): Promise<{ info: EventBatchInfo; batch: EventBatch }> {
  const f = await openEventsParquet(path);
  const parts: EventBatch[] = [];
  for await (const b of f.batches()) parts.push(b);
  return { info: f.info, batch: concatEventBatches(parts) };
}

/** Columns (as hyparquet decodes them) → a batch, checking every value against the schema. */
function columnsToBatch(
  path: string,
  columns: Map<string, ArrayLike<unknown>>,
  rowStart: number,
  n: number,
): EventBatch {
  const col = (name: string): ArrayLike<unknown> => {
    const c = columns.get(name)!;
    if (c.length !== n)
      throw new FileFormatError(
        path,
        undefined,
        `column ${name} with ${n} rows from row ${rowStart} (got ${c.length})`,
      );
    return c;
  };
  const counts = col("nParticles");
  // Particle counts are checked against the lists before anything is allocated from them.
  let np = 0;
  for (let e = 0; e < n; e++) {
    const k = counts[e];
    if (typeof k !== "number" || !Number.isInteger(k) || k < 0)
      throw new FileFormatError(
        path,
        undefined,
        `row ${rowStart + e}: nParticles a non-negative integer (got ${String(k)})`,
      );
    np += k;
  }
  const lists = PARQUET_PARTICLE_COLUMNS.map(([name]) => {
    const c = col(String(name));
    for (let e = 0; e < n; e++) {
      const list = c[e];
      if (!Array.isArray(list) || list.length !== counts[e])
        throw new FileFormatError(
          path,
          undefined,
          `row ${rowStart + e}: ${String(name)} a list of nParticles = ${String(counts[e])} values`,
        );
    }
    return c as ArrayLike<number[]>;
  });
  const b = allocateEventBatch(n, np);
  PARQUET_EVENT_COLUMNS.forEach(([name]) => {
    const c = col(String(name));
    const out = b[name] as Float64Array;
    for (let e = 0; e < n; e++) {
      const v = c[e];
      if (typeof v !== "number")
        throw new FileFormatError(
          path,
          undefined,
          `row ${rowStart + e}: ${String(name)} a number (got ${String(v)})`,
        );
      out[e] = v;
    }
  });
  let p = 0;
  for (let e = 0; e < n; e++) {
    b.offsets[e + 1] = p + (counts[e] as number);
    p += counts[e] as number;
  }
  PARQUET_PARTICLE_COLUMNS.forEach(([name], j) => {
    const out = b[name] as Float64Array;
    const c = lists[j]!;
    for (let e = 0; e < n; e++) out.set(c[e]!, b.offsets[e]!);
  });
  return b;
}
