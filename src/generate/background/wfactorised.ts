/**
 * W + soft pair in the factorised approximation of emission.ts: the Born q q̄′ → W* → ℓν (helicity
 * amplitude `createChargedCurrentDY`) followed by γ* → ℓ′ℓ′ emission off the charged lepton with the
 * neutrino as spectator. This is the validation of the treatment used for tt̄ + soft pair (ttbar.ts):
 * compared with the exact W + soft pair (wsoftpair.ts) it lacks the emission off the quarks and the
 * W, the Z and the interference, and approximates the lepton emission (docs/backgrounds.md).
 *
 * Phase space (10 numbers, one VEGAS grid): ŝ (Breit–Wigner), y, W* → ℓν angles, 6 emission numbers.
 */

import { buildModelTable } from "../../amplitudes/modelTable.js";
import { createChargedCurrentDY } from "../../amplitudes/simple.js";
import { type EventBatch, Status } from "../../core/events.js";
import { pairMass2 } from "../../core/fourvector.js";
import type { RandomStream } from "../../core/rng.js";
import { GEV2_PB } from "../../core/units.js";
import type { ElectroweakParameters } from "../../model/electroweak.js";
import { twoBodyDecay } from "../../phasespace/decay.js";
import { MassMultichannel } from "../../phasespace/multichannel.js";
import { VegasGrid } from "../../phasespace/vegas.js";
import { ChargedCurrentInitialState, type WCharge } from "../initial.js";
import { MePermutation } from "../mebuffer.js";
import type { PartonDensities, Process, ScaleChoice } from "../types.js";
import { writeQuarkColours } from "../wlnu.js";
import { type GenerationCuts, passesLeptonCuts } from "./cuts.js";
import { emitSoftPair } from "./emission.js";

export interface WFactorisedOptions {
  sqrtS: number;
  charge: WCharge;
  leptonPdg: 11 | 13;
  pairPdg: 11 | 13;
  ew: ElectroweakParameters;
  pdf: PartonDensities;
  scale: ScaleChoice;
  cuts: GenerationCuts;
  mHatMin: number;
  processId?: number;
}

const OUT = [8, 12, 16, 20] as const;
const DIMS = 10;

export class WFactorisedProcess implements Process {
  readonly name: string;
  readonly processId: number;
  readonly nDim = DIMS;
  readonly nParticles = 6;
  readonly grid = new VegasGrid(DIMS, 30);
  readonly multichannel = null;
  readonly lastChannelDensity = 1;
  readonly init: ChargedCurrentInitialState;
  private readonly o: WFactorisedOptions;
  private readonly sMap: MassMultichannel;
  private readonly dummy = new VegasGrid(1, 2);
  private readonly perm: MePermutation;
  private readonly p = new Float64Array(28);
  private readonly x = new Float64Array(DIMS);
  private readonly ml: number;
  private readonly mp: number;
  private readonly pdgs: number[];
  private readonly flav = new Int32Array(2);
  private meA = 0;
  private meB = 0;

  constructor(o: WFactorisedOptions) {
    this.o = o;
    const ew = o.ew;
    this.ml = o.leptonPdg === 11 ? ew.mElectron : ew.mMuon;
    this.mp = o.pairPdg === 11 ? ew.mElectron : ew.mMuon;
    this.processId = o.processId ?? 21;
    const lep = o.leptonPdg === 11 ? "e" : "mu";
    this.name = `p p > W${o.charge > 0 ? "+" : "-"} > ${lep} nu, ${lep} > ${lep} (γ* > l' l') [factorised]`;
    this.sMap = new MassMultichannel([{ kind: "breit-wigner", m: ew.mW, width: ew.widthW }]);
    this.init = new ChargedCurrentInitialState({
      sqrtS: o.sqrtS,
      pdf: o.pdf,
      scale: o.scale,
      mW: ew.mW,
      sMin: Math.max(o.mHatMin * o.mHatMin, (this.ml + o.cuts.mSfosMin) ** 2),
      ckmInMatrixElement2: ew.ckm[0]![0]! ** 2,
      ckm: ew.ckm,
    });
    const me = createChargedCurrentDY(buildModelTable(ew), { charge: o.charge, lepton: lep });
    const l = o.leptonPdg;
    this.pdgs = [-o.charge * l, o.charge * (l + 1), o.pairPdg, -o.pairPdg];
    this.perm = new MePermutation(me, this.pdgs.slice(0, 2), o.charge);
  }

  evaluate(y: Float64Array, uChannel: number): number {
    void uChannel;
    const o = this.o;
    const p = this.p;
    const x = this.x;
    const jVeg = this.grid.map(y, x);
    const jInit = this.init.sample(p, this.sMap, this.dummy, 0, 0, x[0]!, x[1]!, 1);
    if (jInit === 0) return 0;
    const s = this.init.s;
    p[24] = p[0]! + p[4]!;
    p[25] = 0;
    p[26] = 0;
    p[27] = p[3]! + p[7]!;
    const ps = twoBodyDecay(p, 24, Math.sqrt(s), this.ml, 0, x[2]!, x[3]!, OUT[0], OUT[1]);
    if (ps === 0) return 0;
    const c = o.charge > 0 ? 0 : 1;
    const a = this.perm.evaluate(p, 0, 4, OUT);
    const b = this.perm.evaluate(p, 4, 0, OUT);
    this.meA = a;
    this.meB = b;
    const born = (GEV2_PB * jInit * jVeg * ps * (this.init.lumA[c]! * a + this.init.lumB[c]! * b)) / (2 * s);
    if (!(born > 0)) return 0;
    const we = emitSoftPair(
      p,
      OUT[0],
      this.ml,
      OUT[1],
      1,
      o.ew.alpha,
      o.cuts.mSfosMin ** 2,
      this.mp,
      x,
      4,
      OUT[2],
      OUT[3],
    );
    if (we === 0) return 0;
    const cuts = o.cuts;
    for (const k of [0, 2, 3]) if (!passesLeptonCuts(p, OUT[k]!, cuts)) return 0;
    const m2 = cuts.mSfosMin * cuts.mSfosMin;
    if (pairMass2(p, OUT[2], p, OUT[3]) < m2) return 0;
    if (o.leptonPdg === o.pairPdg) {
      const m = o.charge > 0 ? pairMass2(p, OUT[2], p, OUT[0]) : pairMass2(p, OUT[0], p, OUT[3]);
      if (m < m2) return 0;
    }
    return born * we;
  }

  writeEvent(batch: EventBatch, e: number, weightPb: number, rng: RandomStream): void {
    const b0 = batch.offsets[e]!;
    const p = this.p;
    this.init.chooseFlavours(this.o.charge, this.meA, this.meB, rng, this.flav);
    const masses = [0, 0, this.ml, 0, this.mp, this.mp];
    for (let k = 0; k < 6; k++) {
      const i = b0 + k;
      const src = k < 2 ? 4 * k : OUT[k - 2]!;
      batch.pdg[i] = k < 2 ? this.flav[k]! : this.pdgs[k - 2]!;
      batch.status[i] = k < 2 ? Status.incoming : Status.final;
      batch.mother1[i] = k < 2 ? -1 : 0;
      batch.mother2[i] = k < 2 ? -1 : 1;
      batch.E[i] = p[src]!;
      batch.px[i] = p[src + 1]!;
      batch.py[i] = p[src + 2]!;
      batch.pz[i] = p[src + 3]!;
      batch.m[i] = masses[k]!;
    }
    writeQuarkColours(batch, b0, this.flav[0]!);
    batch.weight[e] = weightPb;
    batch.processId[e] = this.processId;
    batch.scale[e] = this.init.mu;
    batch.alphaS[e] = this.init.alphaS;
    batch.x1[e] = this.init.x[0]!;
    batch.x2[e] = this.init.x[1]!;
    batch.id1[e] = this.flav[0]!;
    batch.id2[e] = this.flav[1]!;
  }
}
