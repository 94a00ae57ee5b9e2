/**
 * The signal p p → W^(*)± → ℓ^± N_D, N_D → ν Z_D, Z_D → ℓ′⁺ℓ′⁻ (paper Sec. II and IV), with the
 * spin correlations of one 2 → 4 matrix element evaluated in the narrow-width approximation for
 * N_D and Z_D (both put on shell; DESIGN "Physics notes").
 *
 * Phase space (8 dimensions): ŝ (Breit–Wigner multichannel for the W), y, then three two-body
 * decays W* → ℓ N_D, N_D → ν Z_D, Z_D → ℓ′ℓ′, each with (cos θ*, φ*) in the parent rest frame
 * (PDG 2024 eq. 49.21 recursion, phasespace/decay.ts). For each on-shell resonance R the
 * intermediate mass integral ∫ dm²/(2π) |1/(m² − M² + iMΓ)|² = 1/(2MΓ) (narrow-width approximation,
 * mappings.ts `narrowWidthFactor` × 1/(2π)) multiplies the matrix element evaluated with the
 * propagator denominators of N_D and Z_D set to 1. The total is then σ(pp → ℓN) × BR(N → νZ_D) ×
 * BR(Z_D → ℓ′ℓ′) when the widths are those implied by the couplings of the matrix element.
 *
 * Displacement: the N_D and Z_D lab decay lengths are drawn per event from exponentials of mean
 * (p/m) cτ (DESIGN "Physics notes"); the N_D daughters start at the N_D decay vertex and the Z_D
 * daughters at the N_D vertex + the Z_D flight (mm).
 */
import { PDG } from "../core/constants.js";
import { type EventBatch, Status } from "../core/events.js";
import { norm3 } from "../core/fourvector.js";
import type { RandomStream } from "../core/rng.js";
import { GEV2_PB } from "../core/units.js";
import { boostFromRest, twoBodyDecay, twoBodyRestFrame } from "../phasespace/decay.js";
import { narrowWidthFactor } from "../phasespace/mappings.js";
import { MassMultichannel } from "../phasespace/multichannel.js";
import { VegasGrid } from "../phasespace/vegas.js";
import { ChargedCurrentInitialState, type WCharge } from "./initial.js";
import { MePermutation } from "./mebuffer.js";
import type { MatrixElementLike, PartonDensities, Process, ScaleChoice } from "./types.js";
import { binWidth, writeQuarkColours } from "./wlnu.js";

export interface SignalOptions {
  sqrtS: number;
  charges: readonly WCharge[];
  /** Production lepton ℓ (11 or 13). */
  leptonPdg: 11 | 13;
  leptonMass: number;
  /** Z_D decay leptons ℓ′ included (11, 13 or both). */
  decayLeptonPdgs: readonly (11 | 13)[];
  /** Masses of ℓ′ = e, μ used in the kinematics. */
  electronMass: number;
  muonMass: number;
  mN: number;
  mZD: number;
  widthN: number;
  widthZD: number;
  ctauNMm: number;
  ctauZDMm: number;
  mW: number;
  widthW: number;
  pdf: PartonDensities;
  scale: ScaleChoice;
  /**
   * Matrix element for charge and ℓ′: legs (any order) the quark pair of the reference flavours
   * (u d̄ for W⁺, d ū for W⁻) and ℓ, ν, ℓ′⁻, ℓ′⁺ with the PDG codes of `signalFinalState`.
   */
  matrixElement: (charge: WCharge, decayLeptonPdg: 11 | 13) => MatrixElementLike;
  ckmInMatrixElement2: number;
  ckm?: readonly (readonly [number, number, number])[];
  mMin: number;
  processId?: number;
}

/** Final-state PDG codes [ℓ, ν, ℓ′⁻, ℓ′⁺] for W charge and flavours (W⁺ → ℓ⁺ N_D, N_D → ν Z_D). */
export function signalFinalState(charge: WCharge, leptonPdg: number, decayLeptonPdg: number): number[] {
  return [-charge * leptonPdg, charge * (leptonPdg + 1), decayLeptonPdg, -decayLeptonPdg];
}

/**
 * Slots (4 doubles each): 0 beam-1 parton, 1 beam-2 parton, 2 W*, 3 ℓ, 4 N_D, 5 ν, 6 Z_D,
 * 7/8 ℓ′⁻/ℓ′⁺ for ℓ′ = e, 9/10 for ℓ′ = μ. Events record 9 particles (the chosen ℓ′ pair).
 */
const N_SLOTS = 11;
const N_PART = 9;

export class SignalProcess implements Process {
  readonly name: string;
  readonly processId: number;
  readonly nDim = 8;
  readonly nParticles = N_PART;
  readonly grid: VegasGrid;
  readonly multichannel: MassMultichannel;
  readonly init: ChargedCurrentInitialState;
  private readonly o: SignalOptions;
  private readonly p = new Float64Array(4 * N_SLOTS);
  private readonly x = new Float64Array(8);
  /** perm[2c + f]: charge index c (0: W⁺), ℓ′ index f (0: e, 1: μ); null when excluded. */
  private readonly perm: (MePermutation | null)[] = [null, null, null, null];
  /** Weight contribution per (c, f) and |M|² per (c, f, orientation) of the last point. */
  private readonly wPart = new Float64Array(4);
  private readonly me = new Float64Array(8);
  private readonly flav = new Int32Array(2);
  private readonly nwFactor: number;
  lastChannelDensity = 0;

  constructor(o: SignalOptions) {
    if (!(o.mZD < o.mN)) throw new RangeError(`mZD must be below mN (got ${o.mZD}, ${o.mN})`);
    this.o = o;
    const lep = o.leptonPdg === 11 ? "e" : "mu";
    const ch = o.charges.length === 2 ? "W+-" : o.charges[0] === 1 ? "W+" : "W-";
    this.name = `p p > ${ch} > ${lep} N_D, N_D > nu Z_D, Z_D > l' l'`;
    this.processId = o.processId ?? 10;
    this.grid = new VegasGrid(8, 50);
    this.multichannel = new MassMultichannel([{ kind: "breit-wigner", m: o.mW, width: o.widthW }]);
    const mMin = Math.max(o.mMin, (o.leptonMass + o.mN) * (1 + 1e-12));
    this.init = new ChargedCurrentInitialState({
      sqrtS: o.sqrtS,
      pdf: o.pdf,
      scale: o.scale,
      mW: o.mW,
      sMin: mMin * mMin,
      ckmInMatrixElement2: o.ckmInMatrixElement2,
      ...(o.ckm ? { ckm: o.ckm } : {}),
    });
    for (const charge of o.charges) {
      for (const dl of o.decayLeptonPdgs) {
        const c = charge === 1 ? 0 : 1;
        const f = dl === 11 ? 0 : 1;
        const mDl = dl === 11 ? o.electronMass : o.muonMass;
        if (o.mZD <= 2 * mDl) continue; // channel closed
        this.perm[2 * c + f] = new MePermutation(
          o.matrixElement(charge, dl),
          signalFinalState(charge, o.leptonPdg, dl),
          charge,
        );
      }
    }
    // Narrow-width factors of N_D and Z_D: (π/(MΓ)) × 1/(2π) each.
    this.nwFactor =
      (narrowWidthFactor(o.mN, o.widthN) * narrowWidthFactor(o.mZD, o.widthZD)) / (4 * Math.PI * Math.PI);
  }

  evaluate(y: Float64Array, uChannel: number): number {
    const o = this.o;
    const x = this.x;
    const p = this.p;
    const jac = this.grid.map(y, x);
    const jRest = jac / (this.grid.nBins * binWidth(this.grid, 0));
    const jInit = this.init.sample(p, this.multichannel, this.grid, 0, uChannel, x[0]!, x[1]!, 1);
    this.lastChannelDensity = this.init.lastDensity;
    this.wPart.fill(0);
    if (jInit === 0) return 0;
    const s = this.init.s;
    p[8] = p[0]! + p[4]!;
    p[9] = 0;
    p[10] = 0;
    p[11] = p[3]! + p[7]!;
    const ps1 = twoBodyDecay(p, 8, Math.sqrt(s), o.leptonMass, o.mN, x[2]!, x[3]!, 12, 16);
    // N_D → ν Z_D in the N_D rest frame (θ* from the N_D flight direction), kept in `rest` for the
    // Z_D decay, whose θ* is measured from the Z_D direction in the N_D frame (its helicity axis);
    // the Z_D daughters are boosted to the N_D frame and then, with ν and Z_D, to the lab.
    const rest = this.rest;
    const ps2 = twoBodyRestFrame(rest, 0, 4, o.mN, 0, o.mZD, x[4]!, x[5]!, p, 16);
    if (ps1 === 0 || ps2 === 0) return 0;
    for (let c = 0; c < 4; c++) {
      p[20 + c] = rest[c]!;
      p[24 + c] = rest[4 + c]!;
    }
    boostFromRest(p, 20, p, 16, o.mN);
    boostFromRest(p, 24, p, 16, o.mN);
    const common = (GEV2_PB * jInit * jRest * ps1 * ps2 * this.nwFactor) / (2 * s);
    let w = 0;
    for (let f = 0; f < 2; f++) {
      if (!this.perm[f] && !this.perm[2 + f]) continue;
      const mDl = f === 0 ? o.electronMass : o.muonMass;
      const o1 = f === 0 ? 28 : 36;
      const ps3 = twoBodyRestFrame(rest, 8, 12, o.mZD, mDl, mDl, x[6]!, x[7]!, rest, 4);
      if (ps3 === 0) continue;
      boostFromRest(rest, 8, rest, 4, o.mZD);
      boostFromRest(rest, 12, rest, 4, o.mZD);
      for (let c = 0; c < 4; c++) {
        p[o1 + c] = rest[8 + c]!;
        p[o1 + 4 + c] = rest[12 + c]!;
      }
      boostFromRest(p, o1, p, 16, o.mN);
      boostFromRest(p, o1 + 4, p, 16, o.mN);
      const outs = f === 0 ? OUT_E : OUT_MU;
      for (let c = 0; c < 2; c++) {
        const perm = this.perm[2 * c + f];
        if (!perm) continue;
        const a = perm.evaluate(p, 0, 4, outs);
        const b = perm.evaluate(p, 4, 0, outs);
        this.me[4 * c + 2 * f] = a;
        this.me[4 * c + 2 * f + 1] = b;
        const wc = common * ps3 * (this.init.lumA[c]! * a + this.init.lumB[c]! * b);
        this.wPart[2 * c + f] = wc;
        w += wc;
      }
    }
    return w;
  }

  writeEvent(batch: EventBatch, e: number, weightPb: number, rng: RandomStream): void {
    const o = this.o;
    const p = this.p;
    const b = batch.offsets[e]!;
    // Charge and ℓ′ flavour ∝ their weight at this point.
    let total = 0;
    for (let k = 0; k < 4; k++) total += this.wPart[k]!;
    let r = rng.uniform() * total;
    let sel = 0;
    for (let k = 0; k < 4; k++) {
      const wk = this.wPart[k]!;
      if (wk > 0) sel = k;
      if (r < wk) break;
      r -= wk;
    }
    const c = sel >> 1;
    const f = sel & 1;
    const charge: WCharge = c === 0 ? 1 : -1;
    this.init.chooseFlavours(charge, this.me[4 * c + 2 * f]!, this.me[4 * c + 2 * f + 1]!, rng, this.flav);
    const id1 = this.flav[0]!;
    const id2 = this.flav[1]!;
    const dl = f === 0 ? 11 : 13;
    const mDl = f === 0 ? o.electronMass : o.muonMass;
    // Per-event record written through preallocated scratch (no allocation per event).
    const pdgs = this.pdgScratch;
    const masses = this.massScratch;
    pdgs[0] = id1;
    pdgs[1] = id2;
    pdgs[2] = charge * PDG.W;
    pdgs[3] = -charge * o.leptonPdg;
    pdgs[4] = charge * PDG.N_D;
    pdgs[5] = charge * (o.leptonPdg + 1);
    pdgs[6] = PDG.Z_D;
    pdgs[7] = dl;
    pdgs[8] = -dl;
    masses[2] = Math.sqrt(this.init.s);
    masses[3] = o.leptonMass;
    masses[4] = o.mN;
    masses[6] = o.mZD;
    masses[7] = mDl;
    masses[8] = mDl;
    const src = f === 0 ? SRC_E : SRC_MU;
    for (let k = 0; k < N_PART; k++) {
      const i = b + k;
      const s = 4 * src[k]!;
      batch.pdg[i] = pdgs[k]!;
      batch.status[i] = STATUS[k]!;
      batch.mother1[i] = MOTHER1[k]!;
      batch.mother2[i] = MOTHER2[k]!;
      batch.E[i] = p[s]!;
      batch.px[i] = p[s + 1]!;
      batch.py[i] = p[s + 2]!;
      batch.pz[i] = p[s + 3]!;
      batch.m[i] = masses[k]!;
      batch.vx[i] = 0;
      batch.vy[i] = 0;
      batch.vz[i] = 0;
    }
    // Decay vertices: N_D flight, then Z_D flight (lab decay length (p/m)cτ, exponential).
    const nv = this.flight(rng, 16, o.mN, o.ctauNMm);
    const nx = nv * this.dir[0]!;
    const ny = nv * this.dir[1]!;
    const nz = nv * this.dir[2]!;
    const zv = this.flight(rng, 24, o.mZD, o.ctauZDMm);
    const zx = nx + zv * this.dir[0]!;
    const zy = ny + zv * this.dir[1]!;
    const zz = nz + zv * this.dir[2]!;
    for (let k = 5; k <= 6; k++) {
      batch.vx[b + k] = nx;
      batch.vy[b + k] = ny;
      batch.vz[b + k] = nz;
    }
    for (let k = 7; k <= 8; k++) {
      batch.vx[b + k] = zx;
      batch.vy[b + k] = zy;
      batch.vz[b + k] = zz;
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

  private readonly dir = new Float64Array(3);
  private readonly pdgScratch = new Int32Array(N_PART);
  private readonly massScratch = new Float64Array(N_PART);
  /** Scratch: ν, Z_D (N_D frame) at 0, 4 and the ℓ′ pair (Z_D frame, then N_D frame) at 8, 12. */
  private readonly rest = new Float64Array(16);

  /**
   * Lab decay length (mm) of the particle at p[o] with mass m and proper cτ: exponential with mean
   * (|p|/m) cτ; its unit direction goes to this.dir.
   */
  private flight(rng: RandomStream, o: number, m: number, ctauMm: number): number {
    const p = this.p;
    const px = p[o + 1]!;
    const py = p[o + 2]!;
    const pz = p[o + 3]!;
    const pa = norm3(px, py, pz);
    if (pa === 0) {
      this.dir.fill(0);
      return 0;
    }
    this.dir[0] = px / pa;
    this.dir[1] = py / pa;
    this.dir[2] = pz / pa;
    if (!Number.isFinite(ctauMm)) return Number.POSITIVE_INFINITY;
    return rng.exponential((pa / m) * ctauMm);
  }
}

const OUT_E = [12, 20, 28, 32] as const;
const OUT_MU = [12, 20, 36, 40] as const;
/** Buffer slot of each recorded particle (ℓ′ = e or μ). */
const SRC_E = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const SRC_MU = [0, 1, 2, 3, 4, 5, 6, 9, 10];
const STATUS = [
  Status.incoming,
  Status.incoming,
  Status.intermediate,
  Status.final,
  Status.intermediate,
  Status.final,
  Status.intermediate,
  Status.final,
  Status.final,
];
const MOTHER1 = [-1, -1, 0, 2, 2, 4, 4, 6, 6];
const MOTHER2 = [-1, -1, 1, -1, -1, -1, -1, -1, -1];
