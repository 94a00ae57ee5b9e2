/**
 * What the generator needs from the stages it plugs in, written structurally so that any object of
 * the right shape fits (the PDF sets of `src/pdf`, the amplitudes of `src/amplitudes`, or the
 * analytic stand-ins of the tests).
 */
import type { EventBatch } from "../core/events.js";
import type { RandomStream } from "../core/rng.js";
import type { MassMultichannel } from "../phasespace/multichannel.js";
import type { VegasGrid } from "../phasespace/vegas.js";

/** Parton densities: x f(x, Q) for all flavours (index pdgId + 6 for −6…6, gluon at 6, photon at 13). */
export interface PartonDensities {
  xfxQAll(x: number, q: number, out: Float64Array): void;
  alphaS(q: number): number;
}

/**
 * A squared matrix element: |M|² summed over final and averaged over initial spins and colours,
 * momenta p[4i … 4i+3] = (E, px, py, pz), incoming legs first, in the order of `pdgIds`.
 */
export interface MatrixElementLike {
  readonly name: string;
  readonly pdgIds: Int32Array;
  readonly masses: Float64Array;
  evaluate(p: Float64Array): number;
}

/** Factorisation/renormalisation scale choice (DESIGN: dynamic √ŝ by default; see docs/generator.md). */
export type ScaleChoice = { kind: "dynamic" } | { kind: "mW" } | { kind: "fixed"; muGeV: number };

/**
 * One process ready to integrate: owns its VEGAS grid and its invariant-mass multichannel.
 * `evaluate` maps a uniform point y ∈ [0,1)^nDim (through the grid) to momenta and returns the
 * weight in pb (integrand × all Jacobians: its mean over y is σ); it keeps the kinematics of that
 * point so `writeEvent` can record it.
 */
export interface Process {
  readonly name: string;
  readonly processId: number;
  readonly nDim: number;
  readonly nParticles: number;
  readonly grid: VegasGrid;
  readonly multichannel: MassMultichannel | null;
  /** Density g of the multichannel variable of the last point (for `multichannel.accumulate`). */
  readonly lastChannelDensity: number;
  evaluate(y: Float64Array, uChannel: number): number;
  /**
   * Factor on the last evaluated point's weight for adaptation only (VEGAS grid and channel
   * weights; absent: 1, adaptation to the cross section). Steers points towards a selection without
   * biasing f/g. Called by the warm-up only, after `evaluate` returned a weight > 0.
   */
  adaptationFactor?(): number;
  /** Records the last evaluated point as event `e` of `batch` with weight `weightPb`. */
  writeEvent(batch: EventBatch, e: number, weightPb: number, rng: RandomStream): void;
}
