/**
 * Inclusive p p → W^± → ℓ^± ν at LO (process "w-lnu").
 *
 * Phase space (4 dimensions): ŝ through the Breit–Wigner multichannel, the rapidity y, and the
 * lepton angles in the W* rest frame. Weight (pb) = GEV2PB × [Σ (x₁f)(x₂f)|V|²] |M|² / (2ŝ) × dΦ₂ ×
 * Jacobians (initial.ts, phasespace/decay.ts), with |M|² from a `MatrixElementLike` for the reference
 * flavours (u d̄ → ℓ⁺ν for W⁺, d ū → ℓ⁻ν̄ for W⁻).
 */

import { PDG } from "../core/constants.js";
import { type EventBatch, Status } from "../core/events.js";
import type { RandomStream } from "../core/rng.js";
import { GEV2_PB } from "../core/units.js";
import { twoBodyDecay } from "../phasespace/decay.js";
import { MassMultichannel } from "../phasespace/multichannel.js";
import { VegasGrid } from "../phasespace/vegas.js";
import { ChargedCurrentInitialState, type WCharge } from "./initial.js";
import { MePermutation } from "./mebuffer.js";
import type { MatrixElementLike, PartonDensities, Process, ScaleChoice } from "./types.js";

export interface WLnuOptions {
  sqrtS: number;
  /** W charges to include (both by default in the CLI); they share the phase-space point. */
  charges: readonly WCharge[];
  /** Charged-lepton PDG code without sign (11 or 13). */
  leptonPdg: 11 | 13;
  leptonMass: number;
  mW: number;
  widthW: number;
  pdf: PartonDensities;
  scale: ScaleChoice;
  /** Matrix elements for u d̄ → ℓ⁺ν (W⁺) and d ū → ℓ⁻ν̄ (W⁻); those of the included charges are required. */
  mePlus?: MatrixElementLike;
  meMinus?: MatrixElementLike;
  /** |V|² already inside the matrix elements (1 if they have unit CKM). */
  ckmInMatrixElement2: number;
  ckm?: readonly (readonly [number, number, number])[];
  /** Lower limit on m(ℓν) (GeV). */
  mMin: number;
  processId?: number;
  grid?: VegasGrid;
  multichannel?: MassMultichannel;
}

/** Internal particle slots: 0 beam-1 parton, 1 beam-2 parton, 2 W, 3 ℓ, 4 ν. */
const N_PART = 5;

export class WLnuProcess implements Process {
  readonly name: string;
  readonly processId: number;
  readonly nDim = 4;
  readonly nParticles = N_PART;
  readonly grid: VegasGrid;
  readonly multichannel: MassMultichannel;
  readonly init: ChargedCurrentInitialState;
  private readonly o: WLnuOptions;
  private readonly p = new Float64Array(4 * N_PART);
  private readonly x = new Float64Array(4);
  /** Per charge index (0: W⁺, 1: W⁻): permutation into the ME legs, or null if excluded. */
  private readonly perm: [MePermutation | null, MePermutation | null];
  private readonly flav = new Int32Array(2);
  /** |M|² of the last point per charge index and orientation: me[2c] (quark from beam 1), me[2c+1]. */
  private readonly me = new Float64Array(4);
  /** Weight contribution of each charge at the last point. */
  private readonly wCharge = new Float64Array(2);
  lastChannelDensity = 0;
  private readonly pdgScratch = new Int32Array(N_PART);
  private readonly massScratch = new Float64Array(N_PART);

  constructor(o: WLnuOptions) {
    this.o = o;
    const lep = o.leptonPdg === 11 ? "e" : "mu";
    const ch = o.charges.length === 2 ? "W+-" : o.charges[0] === 1 ? "W+" : "W-";
    this.name = `p p > ${ch} > ${lep} nu`;
    this.processId = o.processId ?? 1;
    this.grid = o.grid ?? new VegasGrid(4, 50);
    this.multichannel =
      o.multichannel ?? new MassMultichannel([{ kind: "breit-wigner", m: o.mW, width: o.widthW }]);
    const mMin = Math.max(o.mMin, o.leptonMass);
    this.init = new ChargedCurrentInitialState({
      sqrtS: o.sqrtS,
      pdf: o.pdf,
      scale: o.scale,
      mW: o.mW,
      sMin: mMin * mMin,
      ckmInMatrixElement2: o.ckmInMatrixElement2,
      ...(o.ckm ? { ckm: o.ckm } : {}),
    });
    const make = (charge: WCharge, me: MatrixElementLike | undefined): MePermutation | null => {
      if (!o.charges.includes(charge)) return null;
      if (!me) throw new RangeError(`W${charge > 0 ? "+" : "-"} requested but no matrix element given`);
      return new MePermutation(me, [this.leptonPdg(charge), this.neutrinoPdg(charge)], charge);
    };
    this.perm = [make(1, o.mePlus), make(-1, o.meMinus)];
  }

  /** W⁺ → ℓ⁺ ν, W⁻ → ℓ⁻ ν̄ (PDG numbering: ℓ⁻ has the positive code). */
  private leptonPdg(charge: WCharge): number {
    return -charge * this.o.leptonPdg;
  }
  private neutrinoPdg(charge: WCharge): number {
    return charge * (this.o.leptonPdg + 1);
  }

  evaluate(y: Float64Array, uChannel: number): number {
    const x = this.x;
    const jac = this.grid.map(y, x);
    const p = this.p;
    // The Jacobian of dimension 0 is inside the multichannel density; the others are the grid's.
    const jRest = jac / (this.grid.nBins * binWidth(this.grid, 0));
    const jInit = this.init.sample(p, this.multichannel, this.grid, 0, uChannel, x[0]!, x[1]!, 1);
    this.lastChannelDensity = this.init.lastDensity;
    this.wCharge[0] = 0;
    this.wCharge[1] = 0;
    if (jInit === 0) return 0;
    const s = this.init.s;
    const m = Math.sqrt(s);
    // W* momentum = p₁ + p₂ (along z in the lab).
    p[8] = p[0]! + p[4]!;
    p[9] = 0;
    p[10] = 0;
    p[11] = p[3]! + p[7]!;
    const ps = twoBodyDecay(p, 8, m, this.o.leptonMass, 0, x[2]!, x[3]!, 12, 16);
    if (ps === 0) return 0;
    const common = (GEV2_PB * jInit * jRest * ps) / (2 * s);
    let w = 0;
    for (let c = 0; c < 2; c++) {
      const perm = this.perm[c];
      if (!perm) continue;
      const a = perm.evaluate(p, 0, 4, OUT_OFFSETS);
      const b = perm.evaluate(p, 4, 0, OUT_OFFSETS);
      this.me[2 * c] = a;
      this.me[2 * c + 1] = b;
      const wc = common * (this.init.lumA[c]! * a + this.init.lumB[c]! * b);
      this.wCharge[c] = wc;
      w += wc;
    }
    return w;
  }

  writeEvent(batch: EventBatch, e: number, weightPb: number, rng: RandomStream): void {
    const b = batch.offsets[e]!;
    const p = this.p;
    const c = rng.uniform() * (this.wCharge[0]! + this.wCharge[1]!) < this.wCharge[0]! ? 0 : 1;
    const charge: WCharge = c === 0 ? 1 : -1;
    this.init.chooseFlavours(charge, this.me[2 * c]!, this.me[2 * c + 1]!, rng, this.flav);
    const id1 = this.flav[0]!;
    const id2 = this.flav[1]!;
    const pdgs = this.pdgScratch;
    const masses = this.massScratch;
    pdgs[0] = id1;
    pdgs[1] = id2;
    pdgs[2] = charge * PDG.W;
    pdgs[3] = this.leptonPdg(charge);
    pdgs[4] = this.neutrinoPdg(charge);
    masses[2] = Math.sqrt(this.init.s);
    masses[3] = this.o.leptonMass;
    for (let k = 0; k < N_PART; k++) {
      const i = b + k;
      batch.pdg[i] = pdgs[k]!;
      batch.status[i] = STATUS[k]!;
      batch.mother1[i] = MOTHER1[k]!;
      batch.mother2[i] = MOTHER2[k]!;
      batch.E[i] = p[4 * k]!;
      batch.px[i] = p[4 * k + 1]!;
      batch.py[i] = p[4 * k + 2]!;
      batch.pz[i] = p[4 * k + 3]!;
      batch.m[i] = masses[k]!;
    }
    writeQuarkColours(batch, b, id1);
    batch.weight[e] = weightPb;
    batch.processId[e] = this.processId;
    batch.scale[e] = this.init.mu;
    batch.alphaS[e] = this.init.alphaS;
    batch.x1[e] = this.init.x[0]!;
    batch.x2[e] = this.init.x[1]!;
    batch.id1[e] = id1;
    batch.id2[e] = id2;
  }
}

const OUT_OFFSETS = [12, 16] as const;
const STATUS = [Status.incoming, Status.incoming, Status.intermediate, Status.final, Status.final];
const MOTHER1 = [-1, -1, 0, 2, 2];
const MOTHER2 = [-1, -1, 1, -1, -1];

/** Width of the bin of dimension d that holds the last mapped point. */
export function binWidth(grid: VegasGrid, d: number): number {
  const nb = grid.nBins;
  const i = grid.bins[d]!;
  return grid.edges[d * (nb + 1) + i + 1]! - grid.edges[d * (nb + 1) + i]!;
}

/** Colour flow of q q̄ annihilation (LHE convention): tag 501 on the quark, anti-tag on the antiquark. */
export function writeQuarkColours(batch: EventBatch, b: number, id1: number): void {
  if (id1 > 0) {
    batch.colour[b] = 501;
    batch.anticolour[b + 1] = 501;
  } else {
    batch.anticolour[b] = 501;
    batch.colour[b + 1] = 501;
  }
}
