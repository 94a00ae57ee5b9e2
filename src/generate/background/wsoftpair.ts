/**
 * W + soft pair: p p → ℓ ν ℓ′⁺ℓ′⁻ at tree level with every electroweak diagram (the matrix element
 * of src/amplitudes/background.ts `createFourLepton`: γ* or Z off the quarks, the W, the charged lepton,
 * Z off the neutrino, W exchange on the pair line; identical-lepton exchange with a relative minus
 * sign when ℓ = ℓ′), both W charges on the same phase-space point.
 *
 * Phase space: 10 unit numbers per channel, u[0] ŝ, u[1] the rapidity, u[2 … 9] the 2 → 4 chain of
 * src/phasespace/channels/fourBody.ts; diagram-enhanced multichannel with one VEGAS grid per channel
 * (src/phasespace/channels/stratified.ts). Channels per assignment (W lepton w, pair a b):
 *  FSR  ŝ Breit–Wigner at m_W; P → ν + ℓ*(w a b), m²(w a b) ∝ 1/(s − m_w²); ℓ* → w + γ*,
 *       m²(a b) ∝ 1/s from m(SFOS)_min²; γ* → a b.      A = P_W(ŝ) / ((m²_wab − m_w²) m²_ab)
 *  ISR  ŝ ∝ 1/ŝ; P → W(w ν) + γ*(a b), W Breit–Wigner, γ* ∝ 1/s.   A = P_W(m²_wν) / (m²_ab ŝ)
 *  WZ   as ISR with a Z Breit–Wigner for (a b).     A = c_Z P_W(m²_wν) m²_ab P_Z(m²_ab) / ŝ
 * with P_V(s) = 1/((s − M²)² + M²Γ²) and c_Z = 0.1 ≈ (g_Z/e)⁴ of the lepton/quark couplings (only the
 * efficiency depends on the Aᵢ). For ℓ = ℓ′ the three channels are repeated with the W lepton and
 * the identical pair lepton exchanged (W⁻: ℓ⁻ ↔ ℓ′⁻, W⁺: ℓ⁺ ↔ ℓ′⁺); those are charge-specific.
 *
 * Weight (pb) = GEV2PB × Σ_c Σ_{q q̄′} (x₁f)(x₂f)|V|² |M_c|² / (2ŝ) (beam orientation sampled ∝ its
 * luminosity) × dΦ₄ × Jacobians × Aᵢᶜ/Σⱼ Aⱼᶜ / αᵢ
 * (factorisation as in src/generate/initial.ts), × 1/2 for ℓ = ℓ′ (identical leptons). Generation
 * cuts (cuts.ts) set the weight to 0.
 */

import { createFourLepton } from "../../amplitudes/background.js";
import { buildModelTable } from "../../amplitudes/modelTable.js";
import { InputError } from "../../core/errors.js";
import { type EventBatch, Status } from "../../core/events.js";
import { pairMass2 } from "../../core/fourvector.js";
import type { RandomStream } from "../../core/rng.js";
import { GEV2_PB } from "../../core/units.js";
import type { ElectroweakParameters } from "../../model/electroweak.js";
import { type FourBodyChannel, generateFourBody } from "../../phasespace/channels/fourBody.js";
import { BlockVegasGrid, StratifiedMultichannel } from "../../phasespace/channels/stratified.js";
import { type MassChannel, MassMultichannel } from "../../phasespace/multichannel.js";
import { VegasGrid } from "../../phasespace/vegas.js";
import { ChargedCurrentInitialState, type WCharge } from "../initial.js";
import { MePermutation } from "../mebuffer.js";
import type { MatrixElementLike, PartonDensities, Process, ScaleChoice } from "../types.js";
import { writeQuarkColours } from "../wlnu.js";
import { type GenerationCuts, passesLeptonCuts } from "./cuts.js";
import { PHASE_SPACE_REGIONS, type PhaseSpaceRegion, reachSide } from "./regions.js";
import {
  inSelectionRegion,
  proxyPtMinGeV,
  REACH_RECOIL,
  REGION_DIMS,
  type RecoilAverage,
  type RegionLimits,
  type RegionMapSetup,
  recoilAveragedProxy,
  regionMapDensity,
  regionMapInvariant,
  regionMapPoint,
  type SelectionProxyLimits,
  TYPICAL_RECOIL,
  UNIFORM_UNIT_CUBE,
  withinReach,
  wRegionBoxes,
} from "./wregion.js";

export type ChannelMode = "multichannel" | "flat";

/** Index of a part in `wRegionBoxes` (outside: one past the last box). */
const PART_INDEX: Record<Exclude<PhaseSpaceRegion, "all">, number> = {
  core: 0,
  shell: 1,
  "shell-reach": 1,
  "shell-rest": 1,
  halo: 2,
  "halo-reach": 2,
  "halo-rest": 2,
  outside: 3,
};

export interface WSoftPairOptions {
  sqrtS: number;
  charges: readonly WCharge[];
  /** W lepton ℓ and pair lepton ℓ′ (PDG 11 or 13). */
  leptonPdg: 11 | 13;
  pairPdg: 11 | 13;
  ew: ElectroweakParameters;
  pdf: PartonDensities;
  scale: ScaleChoice;
  cuts: GenerationCuts;
  /** Lower limit on √ŝ (GeV). */
  mHatMin: number;
  /** "flat": one channel with logarithmic mass maps and no VEGAS (the coverage check). */
  mode?: ChannelMode;
  /** Part of phase space (default "all"); the others need the multichannel mode. */
  region?: PhaseSpaceRegion;
  /** The selection whose reach splits the shell or the halo (regions "…-reach", "…-rest"; required there). */
  reachSelection?: Readonly<SelectionProxyLimits>;
  /**
   * Adapt the grid and the channel weights to f × `selectionProxy` (wregion.ts) with these cuts
   * instead of f (default: f). The estimator is unchanged; the points move towards the selection.
   */
  adaptToSelection?: Readonly<SelectionProxyLimits>;
  processId?: number;
  nBins?: number;
}

/** Slots of the final state in the momentum buffer: L (W lepton), N (neutrino), A (ℓ′⁻), B (ℓ′⁺). */
const L = 0;
const N = 1;
const A = 2;
const B = 3;
/** Offsets: incoming 0, 4; finals 8 … 20; P 24; R₁ 28; R₂ 32. */
const OUT = [8, 12, 16, 20] as const;
const PO = 24;
const R1 = 28;
const R2 = 32;
const N_PART = 6;
const DIMS = 10;
const C_Z = 0.1;
/**
 * Minimum channel weight of a region part (the multichannel's default is 0.01 / channels: 10⁻³ for
 * the ten channels of identical leptons). At 10⁻³ a channel sees 30 points of a 3·10⁴-point
 * warm-up iteration, too few to judge its variance: the same-sign channels of W(μν) + μμ sat there
 * and threw selected events of up to 940 × the mean weight. Measured (bench/windows.mjs; docs/
 * backgrounds.md, "Where the halo's heavy events come from"): W(μν) + μμ worst windows 10.5 and
 * 17.8 % at 10⁻³, 6.8 and 15.0 % at 0.02 (seeds 3, 4); W(μν) + ee unchanged.
 */
const REGION_ALPHA_MIN = 0.02;
/** Region maps of electron pairs: half the points flat in m(ee) up to this mass (GeV). */
const FLAT_EE_MASS_MAX_GEV = 0.5;

interface ChannelBase {
  /** W lepton slot and pair slots. */
  w: number;
  a: number;
  b: number;
  /** Charge index this channel serves (−1: both). */
  chargeIndex: number;
  /**
   * Which lepton is the W lepton and which two form the pair (`regionBits`): 0 the generated one
   * (L; A B), 1 the exchanged one of identical leptons, 2 the same-sign pair of identical leptons.
   */
  assignment: number;
}
/** An inclusive channel (ŝ map + 2 → 4 chain) or a region map of wregion.ts. */
type ChannelDef =
  | (ChannelBase & { kind: "fsr" | "isr" | "wz" | "flat"; ps: FourBodyChannel; sMap: MassMultichannel })
  | (ChannelBase & { kind: "region"; region: RegionMapSetup });

/** P_V(s) = 1/((s − M²)² + M²Γ²). */
function propagator2(s: number, m: number, w: number): number {
  const d = s - m * m;
  return 1 / (d * d + m * m * w * w);
}

export class WSoftPairProcess implements Process {
  readonly name: string;
  readonly processId: number;
  readonly nDim: number;
  readonly nParticles = N_PART;
  readonly grid: BlockVegasGrid;
  readonly multichannel: StratifiedMultichannel;
  readonly init: ChargedCurrentInitialState;
  readonly channels: readonly ChannelDef[];
  readonly identical: boolean;
  /** Number of |M|² evaluations so far (benchmark counter). */
  meCalls = 0;
  lastChannelDensity = 1;
  /**
   * Factors of the last point's weight w = fᵢ/(αᵢ gᵢ), for diagnostics (bench/variance.mjs): the
   * Jacobian of its channel's VEGAS grid (1/density, 1 for a uniform grid) and its channel's share
   * fᵢ/f of the integrand (the diagram partition Aᵢ/ΣAⱼ, weighted over the two W charges).
   */
  lastVegasJacobian = 1;
  lastChannelShare = 1;
  /** The last point's f per charge before the partition, and the map's Jacobian in it (`balanceWeight`). */
  private readonly lastUnshared = new Float64Array(2);
  private lastMapJacobian = 1;
  /** Scratch of `balanceWeight`: αⱼgⱼ per channel. */
  private readonly mapDensities: Float64Array;
  private readonly o: WSoftPairOptions;
  /** p_T thresholds of the selection proxy for the W lepton and the two pair leptons (GeV). */
  private readonly proxyPtMin: readonly [number, number, number];
  private readonly proxyScratch = new Float64Array(24);
  /** Split by reach: 1 keeps the points within reach, 0 the others, −1 no split. */
  private readonly wantReach: number;
  private readonly reachPtMin: readonly [number, number, number];
  private readonly proxySlots = [OUT[L], OUT[A], OUT[B]] as const;
  private readonly mode: ChannelMode;
  private readonly region: PhaseSpaceRegion;
  /** The nested boxes of the region parts for this process's pair flavour (wregion.ts). */
  private readonly boxes: readonly Readonly<RegionLimits>[];
  private readonly p = new Float64Array(36);
  private readonly x = new Float64Array(REGION_DIMS);
  private readonly xFrac = new Float64Array(2);
  private readonly masses: Float64Array;
  private readonly perm: [MePermutation | null, MePermutation | null];
  private readonly me = new Float64Array(4);
  private readonly fCharge = new Float64Array(2);
  private readonly flav = new Int32Array(2);
  private readonly dummyGrid = new VegasGrid(1, 2);
  private readonly sMinHat: number;
  private readonly pdgs: [number[], number[]];

  constructor(o: WSoftPairOptions) {
    this.o = o;
    this.mode = o.mode ?? "multichannel";
    this.region = o.region ?? "all";
    if (!PHASE_SPACE_REGIONS.includes(this.region)) {
      throw new InputError("region", `one of ${PHASE_SPACE_REGIONS.join(", ")}`, this.region);
    }
    if (this.region !== "all" && this.mode !== "multichannel") {
      throw new InputError("region", '"all" with --channels flat', this.region);
    }
    this.nDim = this.usesRegionMaps() ? REGION_DIMS : DIMS;
    const ew = o.ew;
    const ml = o.leptonPdg === 11 ? ew.mElectron : ew.mMuon;
    const mp = o.pairPdg === 11 ? ew.mElectron : ew.mMuon;
    this.masses = Float64Array.from([ml, 0, mp, mp]);
    this.identical = o.leptonPdg === o.pairPdg;
    const lep = o.leptonPdg === 11 ? "e" : "mu";
    const pair = o.pairPdg === 11 ? "e" : "mu";
    const ch = o.charges.length === 2 ? "W+-" : o.charges[0] === 1 ? "W+" : "W-";
    this.name = `p p > ${ch} > ${lep} nu ${pair}+ ${pair}- (all EW diagrams)`;
    this.processId = o.processId ?? 20;
    const sThr = (ml + 2 * Math.max(mp, 0.5 * o.cuts.mSfosMin)) ** 2;
    this.sMinHat = Math.max(o.mHatMin * o.mHatMin, sThr);
    this.init = new ChargedCurrentInitialState({
      sqrtS: o.sqrtS,
      pdf: o.pdf,
      scale: o.scale,
      mW: ew.mW,
      sMin: this.sMinHat,
      ckmInMatrixElement2: ew.ckm[0]![0]! ** 2,
      ckm: ew.ckm,
    });
    const table = buildModelTable(ew);
    const make = (charge: WCharge): MePermutation | null => {
      if (!o.charges.includes(charge)) return null;
      const me: MatrixElementLike = createFourLepton(table, { charge, lepton: lep, pair });
      return new MePermutation(me, this.finalPdgs(charge), charge);
    };
    this.perm = [make(1), make(-1)];
    this.pdgs = [this.finalPdgs(1), this.finalPdgs(-1)];
    this.boxes = wRegionBoxes(o.pairPdg);
    this.channels = this.buildChannels();
    this.mapDensities = new Float64Array(this.channels.length);
    this.multichannel = new StratifiedMultichannel(
      this.channels.length,
      undefined,
      this.region === "all" ? undefined : REGION_ALPHA_MIN,
    );
    this.grid = new BlockVegasGrid(this.channels.length, this.nDim, o.nBins ?? 30);
    this.proxyPtMin = this.slotThresholds(o.adaptToSelection);
    this.wantReach = reachSide(this.region);
    if (this.wantReach >= 0 && !o.reachSelection)
      throw new InputError("reachSelection", `a selection for region ${this.region}`, "none");
    this.reachPtMin = this.slotThresholds(o.reachSelection);
  }

  /** The proxy's p_T thresholds of selection S for the slots L, A, B (0 without a selection). */
  private slotThresholds(S: Readonly<SelectionProxyLimits> | undefined): [number, number, number] {
    const thr = (pdg: number) => (S ? proxyPtMinGeV(S, pdg) : 0);
    return [thr(this.o.leptonPdg), thr(this.o.pairPdg), thr(this.o.pairPdg)];
  }

  /** `recoilAveragedProxy` of selection S at the current point (its ŝ and rapidity). */
  private proxyAtPoint(
    ptMin: readonly [number, number, number],
    S: Readonly<SelectionProxyLimits>,
    recoil: RecoilAverage,
  ): number {
    const yHard = 0.5 * Math.log(this.init.x[0]! / this.init.x[1]!);
    return recoilAveragedProxy(
      this.p,
      this.proxySlots,
      ptMin,
      this.init.s,
      yHard,
      S,
      this.proxyScratch,
      recoil,
    );
  }

  /** 1 when the current point is within reach of `reachSelection` (wregion.ts `REACH_RECOIL`), else 0. */
  private inReach(): number {
    return withinReach(this.proxyAtPoint(this.reachPtMin, this.o.reachSelection!, REACH_RECOIL)) ? 1 : 0;
  }

  /** Final-state PDG codes in slot order [ℓ, ν, ℓ′⁻, ℓ′⁺] (W⁺ → ℓ⁺ν, W⁻ → ℓ⁻ν̄). */
  finalPdgs(charge: WCharge): number[] {
    const l = this.o.leptonPdg;
    const q = this.o.pairPdg;
    return [-charge * l, charge * (l + 1), q, -q];
  }

  private buildChannels(): ChannelDef[] {
    const ew = this.o.ew;
    const s2Min = this.o.cuts.mSfosMin ** 2;
    const bwS: MassChannel = { kind: "breit-wigner", m: ew.mW, width: ew.widthW };
    const logS: MassChannel = { kind: "power", nu: 1 };
    const out: ChannelDef[] = [];
    if (this.mode === "flat") {
      out.push({
        kind: "flat",
        w: L,
        a: A,
        b: B,
        chargeIndex: -1,
        assignment: 0,
        ps: {
          topology: "sequential",
          order: [N, L, A, B],
          map1: { kind: "power", nu: 1, shift: 0 },
          map2: { kind: "power", nu: 1, shift: 0 },
          s2Min,
        },
        sMap: new MassMultichannel([logS]),
      });
      return out;
    }
    const add = (w: number, a: number, b: number, chargeIndex: number, assignment = 0): void => {
      const mw = this.masses[w]!;
      if (this.usesRegionMaps()) {
        // A same-sign pair has no m(SFOS) cut: its map starts at threshold.
        const s2Lo = assignment === 2 ? 0 : s2Min;
        for (const kind of ["s", "w"] as const) {
          out.push({
            kind: "region",
            w,
            a,
            b,
            chargeIndex,
            assignment,
            region: {
              kind,
              ow: OUT[w]!,
              on: OUT[N]!,
              oa: OUT[a]!,
              ob: OUT[b]!,
              mw,
              ma: this.masses[a]!,
              mb: this.masses[b]!,
              s2Min: Math.max(s2Lo, (this.masses[a]! + this.masses[b]!) ** 2),
              mW: ew.mW,
              widthW: ew.widthW,
              sHadronic: this.o.sqrtS * this.o.sqrtS,
              limits: this.boxes[this.partIndex()]!,
              flatMassMaxGeV: this.flatMassMaxGeV(assignment),
            },
          });
        }
        return;
      }
      out.push({
        kind: "fsr",
        w,
        a,
        b,
        chargeIndex,
        assignment,
        ps: {
          topology: "sequential",
          order: [N, w, a, b],
          map1: { kind: "power", nu: 1, shift: mw * mw },
          map2: { kind: "power", nu: 1, shift: 0 },
          s2Min,
        },
        sMap: new MassMultichannel([bwS]),
      });
      out.push({
        kind: "isr",
        w,
        a,
        b,
        chargeIndex,
        assignment,
        ps: {
          topology: "double",
          order: [w, N, a, b],
          map1: { kind: "bw", m: ew.mW, width: ew.widthW },
          map2: { kind: "power", nu: 1, shift: 0 },
          s2Min,
        },
        sMap: new MassMultichannel([logS]),
      });
      out.push({
        kind: "wz",
        w,
        a,
        b,
        chargeIndex,
        assignment,
        ps: {
          topology: "double",
          order: [w, N, a, b],
          map1: { kind: "bw", m: ew.mW, width: ew.widthW },
          map2: { kind: "bw", m: ew.mZ, width: ew.widthZ },
          s2Min,
        },
        sMap: new MassMultichannel([logS]),
      });
    };
    add(L, A, B, -1);
    if (this.identical) {
      // W⁻ (charge index 1): the two ℓ⁻ (L, A) exchanged; W⁺ (index 0): the two ℓ⁺ (L, B).
      if (this.o.charges.includes(-1)) add(A, L, B, 1, 1);
      if (this.o.charges.includes(1)) add(B, A, L, 0, 1);
      // The analysis takes the two softest leptons as the Z_D candidate whatever their charges; the
      // region maps also cover the same-sign pair (W⁻: ℓ⁻ℓ′⁻ with ℓ′⁺ as the third lepton).
      if (this.usesRegionMaps()) {
        if (this.o.charges.includes(-1)) add(B, L, A, 1, 2);
        if (this.o.charges.includes(1)) add(A, L, B, 0, 2);
      }
    }
    return out;
  }

  /**
   * Upper end of the flat-in-m half of a region map's m(ab) density (wregion.ts `regionMapPoint`).
   * Electron pairs: the 10 MeV windows of 10–500 MeV (issue 5) equally populated. A same-sign pair
   * (assignment 2) has no photon propagator: |M|² is smooth in its mass, so dm²/m² alone starves
   * its upper masses — in the W(μν) + μμ core its channels held 0.6 % of the selected σ and 28 % of
   * the variance, selected events of up to 940 × σ/N at m_ℓℓ ≈ 7–10 GeV; flat in m over the
   * whole box, 1–2 % of the variance (docs/backgrounds.md, "The same-sign pair's mass").
   */
  private flatMassMaxGeV(assignment: number): number {
    if (assignment === 2) return this.boxes[this.partIndex()]!.mPairMaxGeV;
    return this.o.pairPdg === 11 ? FLAT_EE_MASS_MAX_GEV : 0;
  }

  /** Aᵢ of channel `ch` at the current point (see the header). */
  private channelWeight(ch: ChannelDef, s: number): number {
    const ew = this.o.ew;
    const p = this.p;
    const oa = OUT[ch.a]!;
    const ob = OUT[ch.b]!;
    const ow = OUT[ch.w]!;
    const sab = pairMass2(p, oa, p, ob);
    if (ch.kind === "region") {
      // W propagator of the map's invariant and the γ* propagator of its pair (which tells the two
      // assignments of identical leptons apart).
      return propagator2(regionMapInvariant(ch.region, p, s), ew.mW, ew.widthW) / sab;
    }
    if (ch.kind === "fsr") {
      const mw = this.masses[ch.w]!;
      // m²(w a b) = (P − p_ν)².
      const e = p[PO]! - p[OUT[N]!]!;
      const x = p[PO + 1]! - p[OUT[N]! + 1]!;
      const y = p[PO + 2]! - p[OUT[N]! + 2]!;
      const z = p[PO + 3]! - p[OUT[N]! + 3]!;
      const swab = e * e - x * x - y * y - z * z;
      return propagator2(s, ew.mW, ew.widthW) / (Math.max(swab - mw * mw, 1e-30) * sab);
    }
    const swn = pairMass2(p, ow, p, OUT[N]!);
    if (ch.kind === "isr") return propagator2(swn, ew.mW, ew.widthW) / (sab * s);
    if (ch.kind === "wz")
      return (C_Z * propagator2(swn, ew.mW, ew.widthW) * sab * propagator2(sab, ew.mZ, ew.widthZ)) / s;
    return 1;
  }

  /** True when the point passes the generation cuts for charge index c. */
  private passesCuts(c: number): boolean {
    const p = this.p;
    const cuts = this.o.cuts;
    if (
      !passesLeptonCuts(p, OUT[L], cuts) ||
      !passesLeptonCuts(p, OUT[A], cuts) ||
      !passesLeptonCuts(p, OUT[B], cuts)
    )
      return false;
    const m2 = cuts.mSfosMin * cuts.mSfosMin;
    if (pairMass2(p, OUT[A], p, OUT[B]) < m2) return false;
    if (this.identical) {
      // The second SFOS pair: W⁺ (c = 0): ℓ′⁻ with the W's ℓ⁺; W⁻: the W's ℓ⁻ with ℓ′⁺.
      const m = c === 0 ? pairMass2(p, OUT[A], p, OUT[L]) : pairMass2(p, OUT[L], p, OUT[B]);
      if (m < m2) return false;
    }
    return true;
  }

  /**
   * Which assignments' regions (wregion.ts, limits R) contain the current point for charge index c:
   * bit 0 the W lepton in slot L (pair A B), bit 1 the exchanged assignment of identical leptons
   * (W⁺: ℓ′⁺ = B with the pair A L; W⁻: ℓ′⁻ = A with the pair L B). The regions may overlap; R is
   * their union.
   */
  private regionBits(c: number, R: Readonly<RegionLimits>): number {
    const p = this.p;
    const ptMin = this.o.pairPdg === 11 ? R.pairElectronPtMinGeV : R.pairMuonPtMinGeV;
    let bits = inSelectionRegion(p, OUT[L], OUT[A], OUT[B], R, ptMin) ? 1 : 0;
    if (this.identical) {
      // Exchanged (bit 2): W⁺ (c = 0) the ℓ′⁺ B is the W lepton; W⁻ the ℓ′⁻ A.
      const w = c === 0 ? B : A;
      const pa = c === 0 ? A : L;
      const pb = c === 0 ? L : B;
      if (inSelectionRegion(p, OUT[w], OUT[pa], OUT[pb], R, ptMin)) bits |= 2;
      // Same-sign pair (bit 4): W⁺ the two ℓ⁺ (L, B) with A; W⁻ the two ℓ⁻ (L, A) with B.
      const ws = c === 0 ? A : B;
      const ss = c === 0 ? B : A;
      if (inSelectionRegion(p, OUT[ws], OUT[L], OUT[ss], R, ptMin)) bits |= 4;
    }
    return bits;
  }

  private usesRegionMaps(): boolean {
    return this.region !== "all" && this.region !== "outside";
  }

  /** The part's index in `wRegionBoxes` (outside: the number of boxes). */
  private partIndex(): number {
    return this.region === "all" ? -1 : PART_INDEX[this.region];
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
    this.lastVegasJacobian = jVeg;
    this.fCharge[0] = 0;
    this.fCharge[1] = 0;
    this.lastUnshared[0] = 0;
    this.lastUnshared[1] = 0;
    // Identical-particle factor 1/2 for ℓ = ℓ′ (two identical charged leptons; the matrix element
    // leaves it to the caller, src/amplitudes/types.ts).
    const sym = this.identical ? 0.5 : 1;
    let common: number;
    let s: number;
    if (ch.kind === "region") {
      const jMap = regionMapPoint(ch.region, p, R1, x, this.xFrac);
      if (jMap === 0 || !this.init.setMomentumFractions(p, this.xFrac[0]!, this.xFrac[1]!)) return 0;
      s = this.init.s;
      // dx₁dx₂ f(x₁)f(x₂) = dx₁dx₂ (x₁f)(x₂f)/τ; σ̂ flux 1/(2ŝ).
      common = (sym * GEV2_PB * jMap * jVeg) / (2 * s * this.init.tau);
      this.lastMapJacobian = jMap * jVeg;
    } else {
      const jInit = this.init.sample(p, ch.sMap, this.dummyGrid, 0, 0, x[0]!, x[1]!, 1);
      if (jInit === 0) return 0;
      s = this.init.s;
      p[PO] = p[0]! + p[4]!;
      p[PO + 1] = 0;
      p[PO + 2] = 0;
      p[PO + 3] = p[3]! + p[7]!;
      const ps = generateFourBody(ch.ps, p, PO, s, this.masses, x, 2, OUT, R1, R2);
      if (ps === 0) return 0;
      common = (sym * GEV2_PB * jInit * jVeg * ps) / (2 * s);
    }
    let w = 0;
    let unshared = 0;
    // Split by reach: the test depends on the momenta only, so it is made once per point (−1: not yet).
    let reach = -1;
    for (let c = 0; c < 2; c++) {
      const perm = this.perm[c];
      if (!perm || !this.passesCuts(c)) continue;
      if (ch.chargeIndex >= 0 && ch.chargeIndex !== c) continue;
      // Region split: part k (core, shell, halo) keeps the points in box k of `this.boxes` and
      // not in box k − 1, "outside" those in none. `bits`: the assignments whose region maps may
      // share the point.
      let bits = 0;
      const k = this.partIndex();
      if (k >= 0) {
        const last = this.boxes.length;
        if (k < last) {
          bits = this.regionBits(c, this.boxes[k]!);
          if (bits === 0 || (k > 0 && this.regionBits(c, this.boxes[k - 1]!) !== 0)) continue;
          if (this.wantReach >= 0) {
            if (reach < 0) reach = this.inReach();
            if (reach !== this.wantReach) continue;
          }
        } else if (this.regionBits(c, this.boxes[last - 1]!) !== 0) continue;
      }
      // Beam orientation sampled ∝ its luminosity (one |M|² per point instead of two; the leftover
      // channel-choice number is uniform): E[w] = L_A |M_A|² + L_B |M_B|². An orientation of
      // non-positive luminosity (the PDF interpolation dips just below zero as x → 1) is never drawn.
      const la = Math.max(0, this.init.lumA[c]!);
      const lb = Math.max(0, this.init.lumB[c]!);
      const lt = la + lb;
      if (!(lt > 0)) continue;
      const quarkFromBeam1 = mc.residual * lt < la;
      const m = quarkFromBeam1 ? perm.evaluate(p, 0, 4, OUT) : perm.evaluate(p, 4, 0, OUT);
      this.meCalls += 1;
      this.me[2 * c] = quarkFromBeam1 ? m : 0;
      this.me[2 * c + 1] = quarkFromBeam1 ? 0 : m;
      let f = common * lt * m;
      unshared += f;
      this.lastUnshared[c] = f;
      if (this.channels.length > 1) {
        let sum = 0;
        let mine = 0;
        for (let j = 0; j < this.channels.length; j++) {
          const cj = this.channels[j]!;
          if (cj.chargeIndex >= 0 && cj.chargeIndex !== c) continue;
          // Region maps share a point only if it lies in the box their assignment fills.
          if (cj.kind === "region" && (bits & (1 << cj.assignment)) === 0) continue;
          const aj = this.channelWeight(cj, s);
          sum += aj;
          if (j === ci) mine = aj;
        }
        f = sum > 0 ? (f * mine) / sum : 0;
      }
      this.fCharge[c] = f;
      w += f;
    }
    this.lastChannelShare = unshared > 0 ? w / unshared : 0;
    return w / mc.alphas[ci]!;
  }

  /**
   * Diagnostics (bench/variance.mjs): the weight the last point would carry if the region maps shared
   * it by their own densities instead of by Aᵢ/ΣAⱼ, f/Σⱼ αⱼgⱼ (the balance heuristic of multiple
   * importance sampling: E. Veach and L. J. Guibas, SIGGRAPH '95, "Optimally combining sampling
   * techniques for Monte Carlo rendering"; the multichannel weight of R. Kleiss and R. Pittau,
   * Comput. Phys. Commun. 83 (1994) 141). gⱼ is map j's density at the point (wregion.ts
   * `regionMapDensity`) through its VEGAS grid (`adapted`) or with uniform unit numbers. No such
   * weight exceeds f/(αⱼgⱼ) of any one map, so a heavy point whose balance weight is as heavy is
   * followed by none of the maps; one whose balance weight is light was only given to the wrong
   * map. 0 outside the region parts, and where no map reaches the point.
   */
  balanceWeight(adapted: boolean): number {
    const ch = this.channels[this.multichannel.active]!;
    if (ch.kind !== "region" || !(this.lastMapJacobian > 0)) return 0;
    // αⱼgⱼ of every map once (the maps of both charges serve two sums).
    const ag = this.mapDensities;
    for (let j = 0; j < this.channels.length; j++) {
      const cj = this.channels[j]!;
      ag[j] =
        cj.kind === "region"
          ? this.multichannel.alphas[j]! *
            regionMapDensity(cj.region, this.p, adapted ? this.grid.block(j) : UNIFORM_UNIT_CUBE)
          : 0;
    }
    let w = 0;
    for (let c = 0; c < 2; c++) {
      const f = this.lastUnshared[c]!;
      if (!(f > 0)) continue;
      let sum = 0;
      for (let j = 0; j < this.channels.length; j++) {
        const cj = this.channels[j]!;
        if (cj.chargeIndex < 0 || cj.chargeIndex === c) sum += ag[j]!;
      }
      if (sum > 0) w += f / (this.lastMapJacobian * sum);
    }
    return w;
  }

  /**
   * With `adaptToSelection`: the recoil-averaged stand-in for the selection (wregion.ts) at the last
   * point, so that the warm-up adapts to f × proxy; 1 otherwise.
   */
  adaptationFactor(): number {
    const S = this.o.adaptToSelection;
    if (!S) return 1;
    return this.proxyAtPoint(this.proxyPtMin, S, TYPICAL_RECOIL);
  }

  writeEvent(batch: EventBatch, e: number, weightPb: number, rng: RandomStream): void {
    const b0 = batch.offsets[e]!;
    const p = this.p;
    const f0 = this.fCharge[0]!;
    const f1 = this.fCharge[1]!;
    const c = rng.uniform() * (f0 + f1) < f0 ? 0 : 1;
    const charge: WCharge = c === 0 ? 1 : -1;
    this.init.chooseFlavours(charge, this.me[2 * c]!, this.me[2 * c + 1]!, rng, this.flav);
    const id1 = this.flav[0]!;
    const id2 = this.flav[1]!;
    const fin = this.pdgs[c]!;
    for (let k = 0; k < N_PART; k++) {
      const i = b0 + k;
      const src = k < 2 ? 4 * k : OUT[k - 2]!;
      batch.pdg[i] = k === 0 ? id1 : k === 1 ? id2 : fin[k - 2]!;
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
