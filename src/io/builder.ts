/**
 * Grows an event batch one event at a time (readers do not know particle counts in advance),
 * then hands out a compact `EventBatch`. Scratch columns are reused between batches, so reading a
 * file of any size keeps memory bounded by one batch.
 */

import { allocateEventBatch, type EventBatch } from "../core/events.js";

type IntArray = Int32Array;

export class EventBatchBuilder {
  nEvents = 0;
  nParticles = 0;
  readonly capacityEvents: number;
  private capParticles: number;
  /** Number of named weights per event (beyond the nominal one). */
  readonly nWeights: number;

  offsets: Uint32Array;
  pdg: IntArray;
  status: IntArray;
  mother1: IntArray;
  mother2: IntArray;
  colour: IntArray;
  anticolour: IntArray;
  E: Float64Array;
  px: Float64Array;
  py: Float64Array;
  pz: Float64Array;
  m: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  vz: Float64Array;
  ctauMm: Float64Array;
  spin: Float64Array;
  weight: Float64Array;
  processId: Int32Array;
  scale: Float64Array;
  alphaS: Float64Array;
  x1: Float64Array;
  x2: Float64Array;
  id1: Int32Array;
  id2: Int32Array;
  weights: Float64Array;

  constructor(capacityEvents: number, nWeights = 0, particlesPerEventGuess = 8) {
    this.capacityEvents = capacityEvents;
    this.nWeights = nWeights;
    this.capParticles = Math.max(16, capacityEvents * particlesPerEventGuess);
    this.offsets = new Uint32Array(capacityEvents + 1);
    const np = this.capParticles;
    this.pdg = new Int32Array(np);
    this.status = new Int32Array(np);
    this.mother1 = new Int32Array(np);
    this.mother2 = new Int32Array(np);
    this.colour = new Int32Array(np);
    this.anticolour = new Int32Array(np);
    this.E = new Float64Array(np);
    this.px = new Float64Array(np);
    this.py = new Float64Array(np);
    this.pz = new Float64Array(np);
    this.m = new Float64Array(np);
    this.vx = new Float64Array(np);
    this.vy = new Float64Array(np);
    this.vz = new Float64Array(np);
    this.ctauMm = new Float64Array(np);
    this.spin = new Float64Array(np);
    this.weight = new Float64Array(capacityEvents);
    this.processId = new Int32Array(capacityEvents);
    this.scale = new Float64Array(capacityEvents);
    this.alphaS = new Float64Array(capacityEvents);
    this.x1 = new Float64Array(capacityEvents);
    this.x2 = new Float64Array(capacityEvents);
    this.id1 = new Int32Array(capacityEvents);
    this.id2 = new Int32Array(capacityEvents);
    this.weights = new Float64Array(capacityEvents * nWeights);
  }

  get full(): boolean {
    return this.nEvents >= this.capacityEvents;
  }

  /** Makes room for `n` more particles; returns the index of the first one. */
  reserveParticles(n: number): number {
    const need = this.nParticles + n;
    if (need > this.capParticles) {
      let cap = this.capParticles;
      while (cap < need) cap *= 2;
      this.growParticles(cap);
    }
    const first = this.nParticles;
    // Vertices, lifetimes and spins default to 0 / 9 (LHE "unknown spin") per particle.
    this.vx.fill(0, first, need);
    this.vy.fill(0, first, need);
    this.vz.fill(0, first, need);
    this.ctauMm.fill(0, first, need);
    this.spin.fill(9, first, need);
    this.mother1.fill(-1, first, need);
    this.mother2.fill(-1, first, need);
    this.colour.fill(0, first, need);
    this.anticolour.fill(0, first, need);
    return first;
  }

  /** Closes the current event after its particles were written. */
  endEvent(nParticles: number): number {
    const e = this.nEvents;
    this.nParticles += nParticles;
    this.nEvents = e + 1;
    this.offsets[e + 1] = this.nParticles;
    return e;
  }

  /** Drops particles reserved for an event that is then abandoned (keeps the builder consistent). */
  reset(): void {
    this.nEvents = 0;
    this.nParticles = 0;
    this.offsets[0] = 0;
  }

  /** Copies the filled part into a compact batch and resets the builder. */
  take(): BuiltBatch {
    const ne = this.nEvents;
    const np = this.nParticles;
    const b = allocateEventBatch(ne, np);
    b.offsets.set(this.offsets.subarray(0, ne + 1));
    b.pdg.set(this.pdg.subarray(0, np));
    b.status.set(this.status.subarray(0, np));
    b.mother1.set(this.mother1.subarray(0, np));
    b.mother2.set(this.mother2.subarray(0, np));
    b.colour.set(this.colour.subarray(0, np));
    b.anticolour.set(this.anticolour.subarray(0, np));
    b.E.set(this.E.subarray(0, np));
    b.px.set(this.px.subarray(0, np));
    b.py.set(this.py.subarray(0, np));
    b.pz.set(this.pz.subarray(0, np));
    b.m.set(this.m.subarray(0, np));
    b.vx.set(this.vx.subarray(0, np));
    b.vy.set(this.vy.subarray(0, np));
    b.vz.set(this.vz.subarray(0, np));
    b.weight.set(this.weight.subarray(0, ne));
    b.processId.set(this.processId.subarray(0, ne));
    b.scale.set(this.scale.subarray(0, ne));
    b.alphaS.set(this.alphaS.subarray(0, ne));
    b.x1.set(this.x1.subarray(0, ne));
    b.x2.set(this.x2.subarray(0, ne));
    b.id1.set(this.id1.subarray(0, ne));
    b.id2.set(this.id2.subarray(0, ne));
    const out: BuiltBatch = {
      ...b,
      ctauMm: this.ctauMm.slice(0, np),
      spin: this.spin.slice(0, np),
      weights: this.weights.slice(0, ne * this.nWeights),
    };
    this.reset();
    return out;
  }

  private growParticles(cap: number): void {
    const grow = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.pdg = grow(this.pdg);
    this.status = grow(this.status);
    this.mother1 = grow(this.mother1);
    this.mother2 = grow(this.mother2);
    this.colour = grow(this.colour);
    this.anticolour = grow(this.anticolour);
    this.E = grow(this.E);
    this.px = grow(this.px);
    this.py = grow(this.py);
    this.pz = grow(this.pz);
    this.m = grow(this.m);
    this.vx = grow(this.vx);
    this.vy = grow(this.vy);
    this.vz = grow(this.vz);
    this.ctauMm = grow(this.ctauMm);
    this.spin = grow(this.spin);
    this.capParticles = cap;
  }
}

/** A batch plus the columns external formats carry beyond `EventBatch`. */
export interface BuiltBatch extends EventBatch {
  /** Per particle: proper lifetime cτ in mm (LHE VTIMUP; 0 when absent). */
  readonly ctauMm: Float64Array;
  /** Per particle: cosine of the angle between spin and momentum in the mother frame (LHE SPINUP; 9 = unknown). */
  readonly spin: Float64Array;
  /** Per event, row-major nEvents × nWeights: the named weights (pb, normalised like `weight`). */
  readonly weights: Float64Array;
}
