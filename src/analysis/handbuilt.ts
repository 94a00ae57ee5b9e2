/**
 * Hand-built event batches, for boundary checks of the selection and for examples: events given
 * as lists of particles are packed into the struct-of-arrays EventBatch of core/events.ts.
 */
import { InputError } from "../core/errors.js";
import { allocateEventBatch, type EventBatch, Status } from "../core/events.js";

export interface HandParticle {
  pdg: number;
  px: number;
  py: number;
  pz: number;
  /** Mass (GeV); E = √(p² + m²). Default 0. */
  m?: number;
  /** LHE status; default final (1). */
  status?: number;
  /** Production vertex (mm); default the origin. */
  vx?: number;
  vy?: number;
  vz?: number;
}

export interface HandEvent {
  /** Event weight (pb). */
  weight: number;
  processId?: number;
  particles: readonly HandParticle[];
}

/** Momentum components of a particle given (pT, η, φ). */
export function momentumFromPtEtaPhi(
  ptGeV: number,
  eta: number,
  phi: number,
): { px: number; py: number; pz: number } {
  return { px: ptGeV * Math.cos(phi), py: ptGeV * Math.sin(phi), pz: ptGeV * Math.sinh(eta) };
}

/** Packs hand-written events into an EventBatch. */
export function batchFromEvents(events: readonly HandEvent[]): EventBatch {
  let np = 0;
  for (const e of events) np += e.particles.length;
  const b = allocateEventBatch(events.length, np);
  let p = 0;
  events.forEach((ev, e) => {
    if (!Number.isFinite(ev.weight))
      throw new InputError(`events[${e}].weight`, "a finite number", ev.weight);
    b.weight[e] = ev.weight;
    b.processId[e] = ev.processId ?? 0;
    for (const q of ev.particles) {
      const m = q.m ?? 0;
      b.pdg[p] = q.pdg;
      b.status[p] = q.status ?? Status.final;
      b.px[p] = q.px;
      b.py[p] = q.py;
      b.pz[p] = q.pz;
      b.m[p] = m;
      b.E[p] = Math.sqrt(q.px * q.px + q.py * q.py + q.pz * q.pz + m * m);
      b.vx[p] = q.vx ?? 0;
      b.vy[p] = q.vy ?? 0;
      b.vz[p] = q.vz ?? 0;
      p++;
    }
    b.offsets[e + 1] = p;
  });
  return b;
}
