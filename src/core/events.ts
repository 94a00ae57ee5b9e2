import { InputError } from "./errors.js";

/**
 * Event batches: the data passed between stages (generate → shower → detector → analysis → io).
 *
 * Struct-of-arrays (DESIGN.md "Data between stages"): per-particle columns are flat typed arrays
 * over all particles of all events; event `e` owns particles `offsets[e] … offsets[e+1] − 1`
 * (compressed-sparse-row layout, so showered events may have any number of particles).
 * Mothers are indices *within the event* (−1 for none), as in the Les Houches accord.
 */

/** Particle status, following the Les Houches accord (LHE `ISTUP`). */
export const Status = {
  incoming: -1,
  final: 1,
  /** Intermediate resonance, kept for history (LHE ISTUP = 2). */
  intermediate: 2,
} as const;

export interface EventBatch {
  /** Number of events. */
  readonly nEvents: number;
  /** Particle ranges: length nEvents + 1, offsets[0] = 0. */
  readonly offsets: Uint32Array;
  /** Per-particle columns (length offsets[nEvents]). */
  readonly pdg: Int32Array;
  readonly status: Int8Array;
  readonly mother1: Int16Array;
  readonly mother2: Int16Array;
  /** Colour and anticolour tags (LHE ICOLUP), 0 for none. */
  readonly colour: Int32Array;
  readonly anticolour: Int32Array;
  readonly E: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  /** Generated mass (GeV). */
  readonly m: Float64Array;
  /** Production vertex in the lab (mm); zero for prompt particles. */
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly vz: Float64Array;
  /** Per-event columns. */
  /** Event weight in pb: Σ weight = σ of the sample. */
  readonly weight: Float64Array;
  /** Process code (meaning given by `processes`). */
  readonly processId: Int32Array;
  /** Factorisation/renormalisation scale (GeV) and α_s used. */
  readonly scale: Float64Array;
  readonly alphaS: Float64Array;
  /** Momentum fractions and PDG ids of the incoming partons. */
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly id1: Int32Array;
  readonly id2: Int32Array;
}

export interface EventBatchInfo {
  /** Names of the process codes used in `processId`. */
  processes: Record<number, string>;
  /** Beam energies (GeV) and PDG ids, as in the LHE init block. */
  beamEnergyGeV: [number, number];
  beamPdg: [number, number];
  /** Cross section of the sample and its MC error (pb). */
  sigmaPb: number;
  sigmaErrPb: number;
  /** Free-form provenance (generator settings, seed, PDF set, …). */
  meta: Record<string, unknown>;
}

/** An empty batch with room for `nEvents` events and `nParticles` particles in total. */
export function allocateEventBatch(nEvents: number, nParticles: number): EventBatch {
  return {
    nEvents,
    offsets: new Uint32Array(nEvents + 1),
    pdg: new Int32Array(nParticles),
    status: new Int8Array(nParticles),
    mother1: new Int16Array(nParticles).fill(-1),
    mother2: new Int16Array(nParticles).fill(-1),
    colour: new Int32Array(nParticles),
    anticolour: new Int32Array(nParticles),
    E: new Float64Array(nParticles),
    px: new Float64Array(nParticles),
    py: new Float64Array(nParticles),
    pz: new Float64Array(nParticles),
    m: new Float64Array(nParticles),
    vx: new Float64Array(nParticles),
    vy: new Float64Array(nParticles),
    vz: new Float64Array(nParticles),
    weight: new Float64Array(nEvents),
    processId: new Int32Array(nEvents),
    scale: new Float64Array(nEvents),
    alphaS: new Float64Array(nEvents),
    x1: new Float64Array(nEvents),
    x2: new Float64Array(nEvents),
    id1: new Int32Array(nEvents),
    id2: new Int32Array(nEvents),
  };
}

/** A batch of events that all have `particlesPerEvent` particles (offsets filled in). */
export function allocateFixedEventBatch(nEvents: number, particlesPerEvent: number): EventBatch {
  const batch = allocateEventBatch(nEvents, nEvents * particlesPerEvent);
  for (let e = 0; e <= nEvents; e++) batch.offsets[e] = e * particlesPerEvent;
  return batch;
}

/** Names of the per-particle columns of an EventBatch. */
export const PARTICLE_COLUMNS = [
  "pdg",
  "status",
  "mother1",
  "mother2",
  "colour",
  "anticolour",
  "E",
  "px",
  "py",
  "pz",
  "m",
  "vx",
  "vy",
  "vz",
] as const;
/** Names of the per-event columns of an EventBatch. */
export const EVENT_COLUMNS = ["weight", "processId", "scale", "alphaS", "x1", "x2", "id1", "id2"] as const;

/** Concatenates batches in order (e.g. the chunks of several workers). */
export function concatEventBatches(batches: readonly EventBatch[]): EventBatch {
  let nEvents = 0;
  let nParticles = 0;
  for (const b of batches) {
    nEvents += b.nEvents;
    nParticles += b.offsets[b.nEvents]!;
  }
  const out = allocateEventBatch(nEvents, nParticles);
  let e0 = 0;
  let p0 = 0;
  for (const b of batches) {
    const np = b.offsets[b.nEvents]!;
    for (const c of PARTICLE_COLUMNS)
      (out[c] as Float64Array).set((b[c] as Float64Array).subarray(0, np), p0);
    for (const c of EVENT_COLUMNS) (out[c] as Float64Array).set(b[c] as Float64Array, e0);
    for (let e = 0; e < b.nEvents; e++) out.offsets[e0 + e + 1] = p0 + b.offsets[e + 1]!;
    e0 += b.nEvents;
    p0 += np;
  }
  return out;
}

/** Number of particles of event e. */
export function particleCount(batch: EventBatch, e: number): number {
  return batch.offsets[e + 1]! - batch.offsets[e]!;
}

/** A batch of copies of events and, per copy, the index of the event it copies. */
export interface RepeatedEvents {
  batch: EventBatch;
  source: Uint32Array;
}

/**
 * Each event e of `batch` K_e times in a row (K_e = `copies`, or `copies[e]`), each copy at weight
 * w_e/K_e, so Σ weight is unchanged; `source` maps each copy back to its event. Later stages draw
 * their random numbers per event (shower, detector), so each copy gets its own history: averaging
 * K showers of one hard event divides the shower's share of its variance by K. Any K_e that
 * depends on the hard event only (not on what the shower does to it) leaves every yield unbiased.
 * With one copy of every event the result holds `batch` itself.
 */
export function repeatEvents(batch: EventBatch, copies: number | ArrayLike<number>): RepeatedEvents {
  const n = batch.nEvents;
  const k = (e: number): number => (typeof copies === "number" ? copies : copies[e]!);
  if (typeof copies !== "number" && copies.length !== n) {
    throw new InputError("copies.length", `the number of events (${n})`, copies.length);
  }
  let nOut = 0;
  let particlesOut = 0;
  for (let e = 0; e < n; e++) {
    const ke = k(e);
    if (!Number.isInteger(ke) || ke < 1) throw new InputError(`copies[${e}]`, "an integer ≥ 1", ke);
    nOut += ke;
    particlesOut += ke * particleCount(batch, e);
  }
  // One copy of every event: the batch itself.
  if (nOut === n) return { batch, source: Uint32Array.from({ length: n }, (_, e) => e) };
  const out = allocateEventBatch(nOut, particlesOut);
  const source = new Uint32Array(nOut);
  let oe = 0;
  let p0 = 0;
  for (let e = 0; e < n; e++) {
    const a = batch.offsets[e]!;
    const b = batch.offsets[e + 1]!;
    const ke = k(e);
    for (let c = 0; c < ke; c++, oe++) {
      for (const col of PARTICLE_COLUMNS) {
        (out[col] as Float64Array).set((batch[col] as Float64Array).subarray(a, b), p0);
      }
      for (const col of EVENT_COLUMNS) (out[col] as Float64Array)[oe] = (batch[col] as Float64Array)[e]!;
      out.weight[oe] = batch.weight[e]! / ke;
      source[oe] = e;
      p0 += b - a;
      out.offsets[oe + 1] = p0;
    }
  }
  return { batch: out, source };
}

/**
 * Copies per event for `repeatEvents` so that no copy weighs more than `capPb`: K_e =
 * min(maxCopies, max(1, ⌈w_e/capPb⌉)). Like the weight floor before the shower (which makes light
 * events fewer and heavier), this makes heavy events more and lighter after it: the events the shower
 * and the detector rarely carry into a selection no longer enter it as single heavy entries.
 */
export function copiesUnderCap(weight: Float64Array, capPb: number, maxCopies: number): Uint32Array {
  if (!(capPb > 0) || !Number.isFinite(capPb)) throw new InputError("capPb", "a finite number > 0", capPb);
  if (!Number.isInteger(maxCopies) || maxCopies < 1) {
    throw new InputError("maxCopies", "an integer ≥ 1", maxCopies);
  }
  const out = new Uint32Array(weight.length);
  for (let e = 0; e < weight.length; e++) {
    out[e] = Math.min(maxCopies, Math.max(1, Math.ceil(Math.abs(weight[e]!) / capPb)));
  }
  return out;
}
