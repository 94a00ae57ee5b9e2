/**
 * Native event-batch directory format ("dnev", version 1; docs/generator.md):
 *   DIR/header.json   { format: "dnreach-events", version: 1, nEvents, nParticles, info,
 *                       columns: [{ name, dtype, length, file }] }
 *   DIR/<name>.bin    raw little-endian values of one column (typed-array bytes)
 * Column files are written first, each atomically; the header last, so a directory with a
 * header is complete. Reading checks every length against the header.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { FileFormatError } from "../core/errors.js";
import type { EventBatch, EventBatchInfo } from "../core/events.js";
import { writeFileAtomic } from "../io/atomic.js";

const COLUMNS = {
  offsets: "uint32",
  pdg: "int32",
  status: "int8",
  mother1: "int16",
  mother2: "int16",
  colour: "int32",
  anticolour: "int32",
  E: "float64",
  px: "float64",
  py: "float64",
  pz: "float64",
  m: "float64",
  vx: "float64",
  vy: "float64",
  vz: "float64",
  weight: "float64",
  processId: "int32",
  scale: "float64",
  alphaS: "float64",
  x1: "float64",
  x2: "float64",
  id1: "int32",
  id2: "int32",
} as const;

type ColumnName = keyof typeof COLUMNS;
type DType = (typeof COLUMNS)[ColumnName];

const CTORS = {
  uint32: Uint32Array,
  int32: Int32Array,
  int8: Int8Array,
  int16: Int16Array,
  float64: Float64Array,
} as const;

interface Header {
  format: "dnreach-events";
  version: 1;
  nEvents: number;
  nParticles: number;
  info: EventBatchInfo;
  columns: { name: ColumnName; dtype: DType; length: number; file: string }[];
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes `batch` and `info` to directory `dir` (created if needed). */
export async function writeEventBatchDir(
  dir: string,
  batch: EventBatch,
  info: EventBatchInfo,
): Promise<void> {
  if (!littleEndian) throw new Error("the dnev writer needs a little-endian platform");
  const columns: Header["columns"] = [];
  for (const name of Object.keys(COLUMNS) as ColumnName[]) {
    const arr = batch[name];
    const file = `${name}.bin`;
    await writeFileAtomic(join(dir, file), new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    columns.push({ name, dtype: COLUMNS[name], length: arr.length, file });
  }
  const header: Header = {
    format: "dnreach-events",
    version: 1,
    nEvents: batch.nEvents,
    nParticles: batch.offsets[batch.nEvents]!,
    info,
    columns,
  };
  await writeFileAtomic(join(dir, "header.json"), `${JSON.stringify(header, null, 2)}\n`);
}

/** Reads a directory written by `writeEventBatchDir`. */
export async function readEventBatchDir(dir: string): Promise<{ batch: EventBatch; info: EventBatchInfo }> {
  const headerFile = join(dir, "header.json");
  let header: Header;
  try {
    header = JSON.parse(await readFile(headerFile, "utf8")) as Header;
  } catch (err) {
    throw new FileFormatError(headerFile, undefined, `a dnreach event header (${(err as Error).message})`);
  }
  if (header.format !== "dnreach-events" || header.version !== 1) {
    throw new FileFormatError(headerFile, undefined, 'format "dnreach-events" version 1');
  }
  const out: Record<string, unknown> = { nEvents: header.nEvents };
  for (const name of Object.keys(COLUMNS) as ColumnName[]) {
    const col = header.columns.find((c) => c.name === name);
    const expected = name === "offsets" ? header.nEvents + 1 : undefined;
    if (!col || col.dtype !== COLUMNS[name]) {
      throw new FileFormatError(headerFile, undefined, `column ${name} of type ${COLUMNS[name]}`);
    }
    const bytes = await readFile(join(dir, col.file));
    const Ctor = CTORS[col.dtype];
    if (
      bytes.byteLength !== col.length * Ctor.BYTES_PER_ELEMENT ||
      (expected !== undefined && col.length !== expected)
    ) {
      throw new FileFormatError(join(dir, col.file), undefined, `${col.length} values of ${col.dtype}`);
    }
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    out[name] = new Ctor(copy.buffer);
  }
  return { batch: out as unknown as EventBatch, info: header.info };
}
