/** Interoperability: LHE (read/write), HepMC3 ASCII (read), Parquet event tables (read/write). */
export { writeFileAtomic } from "./atomic.js";
export {
  type AtomicWriteStream,
  type AtomicWriteStreamOptions,
  openAtomicWriteStream,
} from "./atomicStream.js";
export type { BuiltBatch } from "./builder.js";
export {
  type HepMC3EventBatch,
  type HepMC3File,
  type HepMC3ReadOptions,
  openHepMC3,
  readHepMC3,
} from "./hepmc3.js";
export {
  type LheEventBatch,
  type LheFile,
  type LheInit,
  type LheProcess,
  type LheReadOptions,
  type LheStreamOptions,
  type LheWriteOptions,
  LheWriter,
  openLhe,
  readLhe,
  writeLhe,
} from "./lhe.js";
export { DEFAULT_MAX_LINE_BYTES, type LineReaderOptions } from "./lines.js";
export {
  openEventsParquet,
  PARQUET_EVENT_COLUMNS,
  PARQUET_PARTICLE_COLUMNS,
  PARQUET_SCHEMA_VERSION,
  ParquetEventWriter,
  type ParquetWriteOptions,
  readEventsParquet,
  writeEventsParquet,
} from "./parquet.js";
