/**
 * Z/γ* + soft pair: p p → ℓ⁻ℓ⁺ ℓ′⁻ℓ′⁺ at tree level with every electroweak diagram
 * (fourChargedLepton.ts: Z → 4ℓ, the Z/γ* continuum, ZZ, Zγ*, γ*γ*), 4e/4μ with the exchange
 * diagrams and the identical-particle factor 1/4.
 *
 * Phase space: as wsoftpair.ts (10 unit numbers per channel, diagram-enhanced multichannel with one
 * VEGAS grid per channel). Channels per pairing (line 1 = ℓ⁻ℓ⁺, line 2 = ℓ′⁻ℓ′⁺, and for ℓ = ℓ′
 * the pairing with the two ℓ⁻ exchanged):
 *  FSR   for each of the 4 leptons r of one line radiating the other line's pair (a b) through γ*:
 *        ŝ Breit–Wigner at m_Z (A = P_Z(ŝ)/((m²_rab − m_r²) m²_ab)) and ŝ ∝ 1/ŝ for the γ* continuum
 *        (A = (1/ŝ²)/((m²_rab − m_r²) m²_ab)): 8 channels;
 *  Zγ*   P → Z(line i) + γ*(line j), i ≠ j: A = P_Z(m²_i)/(m²_j ŝ), 2 channels;
 *  ZZ    both Breit–Wigner: A = c_Z P_Z(m²₁) P_Z(m²₂) √(m²₁m²₂)/ŝ;
 *  γ*γ*  both ∝ 1/s: A = 1/(m²₁ m²₂ ŝ²).
 * P_Z(s) = 1/((s − M²)² + M²Γ²); c_Z = 0.1 (only the efficiency depends on the Aᵢ).
 * Weight (pb) = GEV2PB × 1/S_id × Σ_{type, orientation} lum |M|² / (2ŝ) × dΦ₄ × Jacobians × Aᵢ/ΣAⱼ / αᵢ,
 * S_id = 4 for ℓ = ℓ′ (two identical ℓ⁻ and two identical ℓ⁺), else 1.
 */

import { buildModelTable } from "../../amplitudes/modelTable.js";
import { type EventBatch, Status } from "../../core/events.js";
import { pairMass2 } from "../../core/fourvector.js";
import type { RandomStream } from "../../core/rng.js";
import { GEV2_PB } from "../../core/units.js";
import type { ElectroweakParameters } from "../../model/electroweak.js";
import { type FourBodyChannel, generateFourBody, type MassMap } from "../../phasespace/channels/fourBody.js";
import { BlockVegasGrid, StratifiedMultichannel } from "../../phasespace/channels/stratified.js";
import type { PartonDensities, Process, ScaleChoice } from "../types.js";
import { writeQuarkColours } from "../wlnu.js";
import { type GenerationCuts, passesLeptonCuts } from "./cuts.js";
import { createFourChargedLepton, type FourChargedLeptonMatrixElement } from "./fourChargedLepton.js";
import { NeutralCurrentInitialState } from "./neutral.js";
import type { ChannelMode } from "./wsoftpair.js";

export interface ZSoftPairOptions {
  sqrtS: number;
  leptonPdg: 11 | 13;
  pairPdg: 11 | 13;
  ew: ElectroweakParameters;
  pdf: PartonDensities;
  scale: ScaleChoice;
  cuts: GenerationCuts;
  mHatMin: number;
  mode?: ChannelMode;
  processId?: number;
  nBins?: number;
}

const OUT = [8, 12, 16, 20] as const;
const PO = 24;
const R1 = 28;
const R2 = 32;
const N_PART = 6;
const DIMS = 10;
const C_Z = 0.1;

type Kind = "fsr-z" | "fsr-g" | "zg" | "zz" | "gg" | "flat";
interface ChannelDef {
  kind: Kind;
  /** fsr: radiator r, pair (a, b), spectator; double: line i = (a, b), line j = (c, d). */
  slots: readonly [number, number, number, number];
  ps: FourBodyChannel;
  sMap: MassMap;
}

function propagator2(s: number, m: number, w: number): number {
  const d = s - m * m;
  return 1 / (d * d + m * m * w * w);
}

export class ZSoftPairProcess implements Process {
  readonly name: string;
  readonly processId: number;
  readonly nDim = DIMS;
  readonly nParticles = N_PART;
  readonly grid: BlockVegasGrid;
  readonly multichannel: StratifiedMultichannel;
  readonly init: NeutralCurrentInitialState;
  readonly channels: readonly ChannelDef[];
  readonly identical: boolean;
  meCalls = 0;
  lastChannelDensity = 1;
  private readonly o: ZSoftPairOptions;
  private readonly mode: ChannelMode;
  private readonly p = new Float64Array(36);
  private readonly x = new Float64Array(DIMS);
  private readonly masses: Float64Array;
  private readonly me: [FourChargedLeptonMatrixElement, FourChargedLeptonMatrixElement];
  private readonly buf = new Float64Array(24);
  /** |M|² per type (0 up, 1 down) and orientation of the last point; weight per type. */
  private readonly meVal = new Float64Array(4);
  private readonly wType = new Float64Array(2);
  private readonly flav = new Int32Array(2);
  private readonly pdgs: number[];

  constructor(o: ZSoftPairOptions) {
    this.o = o;
    this.mode = o.mode ?? "multichannel";
    const ew = o.ew;
    const m1 = o.leptonPdg === 11 ? ew.mElectron : ew.mMuon;
    const m2 = o.pairPdg === 11 ? ew.mElectron : ew.mMuon;
    this.masses = Float64Array.from([m1, m1, m2, m2]);
    this.identical = o.leptonPdg === o.pairPdg;
    const lep = o.leptonPdg === 11 ? "e" : "mu";
    const pair = o.pairPdg === 11 ? "e" : "mu";
    this.name = `p p > ${lep}- ${lep}+ ${pair}- ${pair}+ (all EW diagrams)`;
    this.processId = o.processId ?? 30;
    this.pdgs = [o.leptonPdg, -o.leptonPdg, o.pairPdg, -o.pairPdg];
    const sThr = (2 * Math.max(m1, m2, 0.5 * o.cuts.mSfosMin) * 2) ** 2;
    this.init = new NeutralCurrentInitialState({
      sqrtS: o.sqrtS,
      pdf: o.pdf,
      scale: o.scale,
      sMin: Math.max(o.mHatMin * o.mHatMin, sThr),
      mRef: ew.mW,
    });
    const table = buildModelTable(ew);
    this.me = [
      createFourChargedLepton(table, { quark: 2, lepton: lep, pair }),
      createFourChargedLepton(table, { quark: 1, lepton: lep, pair }),
    ];
    this.channels = this.buildChannels();
    this.multichannel = new StratifiedMultichannel(this.channels.length);
    this.grid = new BlockVegasGrid(this.channels.length, DIMS, o.nBins ?? 30);
  }

  private buildChannels(): ChannelDef[] {
    const ew = this.o.ew;
    const c2 = this.o.cuts.mSfosMin ** 2;
    const bwZ: MassMap = { kind: "bw", m: ew.mZ, width: ew.widthZ };
    const log: MassMap = { kind: "power", nu: 1, shift: 0 };
    const out: ChannelDef[] = [];
    if (this.mode === "flat") {
      out.push({
        kind: "flat",
        slots: [1, 0, 2, 3],
        ps: { topology: "sequential", order: [1, 0, 2, 3], map1: log, map2: log, s2Min: c2 },
        sMap: log,
      });
      return out;
    }
    const pairings: [number, number, number, number][] = [[0, 1, 2, 3]];
    if (this.identical) pairings.push([2, 1, 0, 3]);
    for (const [am, ap, bm, bp] of pairings) {
      const lines: [number, number, number, number][] = [
        [am, ap, bm, bp],
        [bm, bp, am, ap],
      ];
      for (const [rm, rp, pm, pp] of lines) {
        // Radiator r ∈ {rm, rp} of line (rm, rp) emits the other line's pair (pm, pp).
        for (const [r, spect] of [
          [rm, rp],
          [rp, rm],
        ] as const) {
          const mr = this.masses[r]!;
          for (const kind of ["fsr-z", "fsr-g"] as const) {
            out.push({
              kind,
              slots: [r, pm, pp, spect],
              ps: {
                topology: "sequential",
                order: [spect, r, pm, pp],
                map1: { kind: "power", nu: 1, shift: mr * mr },
                map2: log,
                s2Min: c2,
              },
              sMap: kind === "fsr-z" ? bwZ : log,
            });
          }
        }
        out.push({
          kind: "zg",
          slots: [rm, rp, pm, pp],
          ps: { topology: "double", order: [rm, rp, pm, pp], map1: bwZ, map2: log, s2Min: c2, s1Min: c2 },
          sMap: log,
        });
      }
      out.push({
        kind: "zz",
        slots: [am, ap, bm, bp],
        ps: { topology: "double", order: [am, ap, bm, bp], map1: bwZ, map2: bwZ, s2Min: c2, s1Min: c2 },
        sMap: log,
      });
      out.push({
        kind: "gg",
        slots: [am, ap, bm, bp],
        ps: { topology: "double", order: [am, ap, bm, bp], map1: log, map2: log, s2Min: c2, s1Min: c2 },
        sMap: log,
      });
    }
    return out;
  }

  private channelWeight(ch: ChannelDef, s: number): number {
    const ew = this.o.ew;
    const p = this.p;
    const [a, b, c, d] = ch.slots;
    if (ch.kind === "fsr-z" || ch.kind === "fsr-g") {
      // slots = [radiator, pair⁻, pair⁺, spectator]: m²(r a b) = (P − p_spectator)².
      const so = OUT[d]!;
      const e = p[PO]! - p[so]!;
      const x = p[PO + 1]! - p[so + 1]!;
      const y = p[PO + 2]! - p[so + 2]!;
      const z = p[PO + 3]! - p[so + 3]!;
      const mr = this.masses[a]!;
      const t = Math.max(e * e - x * x - y * y - z * z - mr * mr, 1e-30);
      const sab = pairMass2(p, OUT[b]!, p, OUT[c]!);
      const prop = ch.kind === "fsr-z" ? C_Z * propagator2(s, ew.mZ, ew.widthZ) : 1 / (s * s);
      return prop / (t * sab);
    }
    const s1 = pairMass2(p, OUT[a]!, p, OUT[b]!);
    const s2 = pairMass2(p, OUT[c]!, p, OUT[d]!);
    if (ch.kind === "zg") return propagator2(s1, ew.mZ, ew.widthZ) / (s2 * s);
    if (ch.kind === "zz")
      return (
        (C_Z * propagator2(s1, ew.mZ, ew.widthZ) * propagator2(s2, ew.mZ, ew.widthZ) * Math.sqrt(s1 * s2)) / s
      );
    if (ch.kind === "gg") return 1 / (s1 * s2 * s * s);
    return 1;
  }

  private passesCuts(): boolean {
    const p = this.p;
    const cuts = this.o.cuts;
    for (let k = 0; k < 4; k++) if (!passesLeptonCuts(p, OUT[k]!, cuts)) return false;
    const m2 = cuts.mSfosMin * cuts.mSfosMin;
    if (pairMass2(p, OUT[0], p, OUT[1]) < m2 || pairMass2(p, OUT[2], p, OUT[3]) < m2) return false;
    if (this.identical && (pairMass2(p, OUT[0], p, OUT[3]) < m2 || pairMass2(p, OUT[2], p, OUT[1]) < m2))
      return false;
    return true;
  }

  /** |M|² with the quark from p[qo] and the antiquark from p[ao] for type t. */
  private matrixElement(t: number, qo: number, ao: number): number {
    const b = this.buf;
    const p = this.p;
    for (let i = 0; i < 4; i++) {
      b[i] = p[qo + i]!;
      b[4 + i] = p[ao + i]!;
    }
    for (let i = 8; i < 24; i++) b[i] = p[i]!;
    this.meCalls++;
    return this.me[t]!.evaluate(b);
  }

  evaluate(y: Float64Array, uChannel: number): number {
    const mc = this.multichannel;
    const ci = mc.choose(uChannel);
    const ch = this.channels[ci]!;
    const x = this.x;
    const p = this.p;
    let jVeg = 1;
    if (this.mode === "flat") x.set(y.subarray(0, DIMS));
    else jVeg = this.grid.mapBlock(ci, y, x);
    this.wType[0] = 0;
    this.wType[1] = 0;
    const jInit = this.init.sample(p, ch.sMap, x[0]!, x[1]!);
    if (jInit === 0) return 0;
    const s = this.init.s;
    p[PO] = p[0]! + p[4]!;
    p[PO + 1] = 0;
    p[PO + 2] = 0;
    p[PO + 3] = p[3]! + p[7]!;
    const ps = generateFourBody(ch.ps, p, PO, s, this.masses, x, 2, OUT, R1, R2);
    if (ps === 0 || !this.passesCuts()) return 0;
    this.init.quarkLuminosities();
    const sym = this.identical ? 0.25 : 1;
    // Beam orientation sampled ∝ its luminosity summed over the two quark types (as the W + soft
    // pair process does; the leftover channel-choice number is uniform): two |M|² per point instead
    // of four, E[w] = Σ_t (L_tA |M_tA|² + L_tB |M_tB|²). An orientation whose luminosity is not
    // positive (the PDF interpolation dips just below zero as x → 1, at points weighing ~10⁻¹⁰ of
    // the typical one) is never drawn.
    const lum = this.init.lum;
    const lA = Math.max(0, lum[0]! + lum[2]!);
    const lB = Math.max(0, lum[1]! + lum[3]!);
    const lT = lA + lB;
    if (!(lT > 0)) return 0;
    const fromBeam1 = mc.residual * lT < lA;
    const o = fromBeam1 ? 0 : 1;
    const invPi = lT / (fromBeam1 ? lA : lB);
    let f = 0;
    for (let t = 0; t < 2; t++) {
      const m = fromBeam1 ? this.matrixElement(t, 0, 4) : this.matrixElement(t, 4, 0);
      this.meVal[2 * t + o] = m;
      this.meVal[2 * t + 1 - o] = 0;
      const wt = lum[2 * t + o]! * m * invPi;
      this.wType[t] = wt;
      f += wt;
    }
    f *= (sym * GEV2_PB * jInit * jVeg * ps) / (2 * s);
    if (this.channels.length > 1) {
      let sum = 0;
      for (let j = 0; j < this.channels.length; j++) sum += this.channelWeight(this.channels[j]!, s);
      const mine = this.channelWeight(ch, s);
      f = sum > 0 ? (f * mine) / sum : 0;
    }
    return f / mc.alphas[ci]!;
  }

  writeEvent(batch: EventBatch, e: number, weightPb: number, rng: RandomStream): void {
    const b0 = batch.offsets[e]!;
    const p = this.p;
    const t = rng.uniform() * (this.wType[0]! + this.wType[1]!) < this.wType[0]! ? 0 : 1;
    this.init.chooseQuarks(t, this.meVal[2 * t]!, this.meVal[2 * t + 1]!, rng, this.flav);
    const id1 = this.flav[0]!;
    const id2 = this.flav[1]!;
    for (let k = 0; k < N_PART; k++) {
      const i = b0 + k;
      const src = k < 2 ? 4 * k : OUT[k - 2]!;
      batch.pdg[i] = k === 0 ? id1 : k === 1 ? id2 : this.pdgs[k - 2]!;
      batch.status[i] = k < 2 ? Status.incoming : Status.final;
      batch.mother1[i] = k < 2 ? -1 : 0;
      batch.mother2[i] = k < 2 ? -1 : 1;
      batch.E[i] = p[src]!;
      batch.px[i] = p[src + 1]!;
      batch.py[i] = p[src + 2]!;
      batch.pz[i] = p[src + 3]!;
      batch.m[i] = k < 2 ? 0 : this.masses[k - 2]!;
      batch.vx[i] = 0;
      batch.vy[i] = 0;
      batch.vz[i] = 0;
    }
    writeQuarkColours(batch, b0, id1);
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
