/**
 * Background q q̄′ → ℓ ν ℓ′⁺ℓ′⁻ at tree level, O(e⁴), with every electroweak diagram, and the
 * real-photon process q q̄′ → ℓ ν γ built from the same pieces.
 *
 * Diagrams for one assignment of the leptons to lines (the W line ℓ ν and the pair line ℓ′ℓ′):
 *   D1, D2  γ*, Z radiated from the incoming quark / antiquark line          (2 × 2)
 *   D3      γ*, Z from the W (W W γ, W W Z)                                   (2)
 *   D4      γ*, Z from the charged lepton of the W                            (2)
 *   D5      Z from the neutrino                                              (1)
 *   D6      W exchange: W → ℓ′ ν_ℓ′*, ν_ℓ′* → ℓ′ W(→ ℓ ν) (the pair line carries an internal
 *           neutrino; it exists for ℓ ≠ ℓ′ too, as in MadGraph's u d~ > mu+ vm e+ e-)   (1)
 * = 10 diagrams; for ℓ = ℓ′ the second assignment (the two identical charged leptons exchanged)
 * adds 10 more with a relative minus sign (Fermi statistics) = 20.
 *
 * Implementation: for fixed W-lepton helicity the diagrams D1–D5 are written as open tensors
 * T_γ^μ, T_Z^μ (the amplitude with the γ*, Z leg left open, helas.ts `jioOpen`, `vvvOpen`), contracted
 * with the pair currents ε_γ, ε_Z (which include the γ/Z propagators). Massless quarks and neutrinos
 * with purely left-handed W couplings: only the helicities (q: −, q̄′: +, ν: −, ν̄: +) give non-zero
 * amplitudes on the quark and neutrino lines (the vector couplings of γ/Z conserve chirality), so the
 * fast sum runs over the 2³ helicities of the charged leptons only; `evaluateAllHelicities` is the slow
 * twin that sums all 2⁶ with diagram-by-diagram amplitudes (test/amplitudes.background.test.ts).
 */
import { PDG } from "../core/constants.js";
import { InputError } from "../core/errors.js";
import {
  chiralCurrentL,
  chiralCurrents,
  dotVV,
  fvi,
  fvo,
  iov,
  ixxxxx,
  jio,
  newWavefunction,
  oxxxxx,
  setVectorFromMomentum,
  vvvOpen,
  vxxxxx,
} from "./helas.js";
import type { ChiralCoupling, ModelTable } from "./modelTable.js";
import { checkCharge, leptonPdg, processName } from "./simple.js";
import type { LeptonName, MatrixElement } from "./types.js";

export interface FourLeptonOptions {
  /** +1: q = up-type, W⁺ → ℓ⁺ ν; −1: q = down-type, W⁻ → ℓ⁻ ν̄. */
  charge: 1 | -1;
  /** Charged lepton of the W. */
  lepton: LeptonName;
  /** Flavour of the ℓ′⁺ℓ′⁻ pair. */
  pair: LeptonName;
  /** Quark flavours (PDG 2 or 4; 1 or 3). Default u, d. */
  up?: number;
  down?: number;
}

/** Couplings and masses shared by the W + γ*, Z processes. */
interface WVSetup {
  charge: 1 | -1;
  qin: number;
  qout: number;
  lep: number;
  nu: number;
  ml: number;
  mW: number;
  wW: number;
  mZ: number;
  wZ: number;
  gWq: number;
  gWl: number;
  // neutral couplings of the flow-in quark, flow-out quark, charged lepton; Z of the neutrino
  aQin: ChiralCoupling;
  aQout: ChiralCoupling;
  aLep: ChiralCoupling;
  zQin: ChiralCoupling;
  zQout: ChiralCoupling;
  zLep: ChiralCoupling;
  zNu: ChiralCoupling;
  gWWA: number;
  gWWZ: number;
}

function setup(table: ModelTable, charge: 1 | -1, lepton: LeptonName, up: number, down: number): WVSetup {
  const { lepton: lep, neutrino: nu } = leptonPdg(lepton);
  if (up !== PDG.u && up !== PDG.c) throw new InputError("up", "2 (u) or 4 (c)", up);
  if (down !== PDG.d && down !== PDG.s) throw new InputError("down", "1 (d) or 3 (s)", down);
  const qin = charge > 0 ? up : down;
  const qout = charge > 0 ? down : up;
  const w = table.particle(PDG.W);
  const z = table.particle(PDG.Z);
  return {
    charge,
    qin,
    qout,
    lep,
    nu,
    ml: table.particle(lep).mass,
    mW: w.mass,
    wW: w.width,
    mZ: z.mass,
    wZ: z.width,
    gWq: table.ffv(up, down, PDG.W).gL,
    gWl: table.ffv(lep, nu, PDG.W).gL,
    aQin: table.ffv(qin, qin, PDG.gamma),
    aQout: table.ffv(qout, qout, PDG.gamma),
    aLep: table.ffv(lep, lep, PDG.gamma),
    zQin: table.ffv(qin, qin, PDG.Z),
    zQout: table.ffv(qout, qout, PDG.Z),
    zLep: table.ffv(lep, lep, PDG.Z),
    zNu: table.ffv(nu, nu, PDG.Z),
    gWWA: table.vvv(PDG.gamma),
    gWWZ: table.vvv(PDG.Z),
  };
}

/** Scratch wavefunctions for the open tensors. */
class TensorScratch {
  readonly wl = newWavefunction();
  readonly f1 = newWavefunction();
  readonly f2 = newWavefunction();
  readonly f4 = newWavefunction();
  readonly f5 = newWavefunction();
  readonly v3 = newWavefunction();
  readonly jl = new Float64Array(8);
  readonly jr = new Float64Array(8);
}

/** tA += i(gL JL + gR JR) with the γ coupling, tZ likewise with the Z coupling (chiral currents of fi, fo). */
function addOpen(
  tA: Float64Array,
  tZ: Float64Array,
  s: TensorScratch,
  fi: Float64Array,
  fo: Float64Array,
  a: ChiralCoupling | null,
  z: ChiralCoupling,
  leftOnly = false,
): void {
  const jl = s.jl;
  // t^μ += i (g_L J_L^μ + g_R J_R^μ) for each boson (no photon coupling: a = null).
  const aL = a ? a.gL : 0;
  const zL = z.gL;
  if (leftOnly) {
    // J_R = 0 exactly (massless left-handed line): only J_L.
    chiralCurrentL(jl, fi, fo);
    for (let i = 0; i < 8; i += 2) {
      const re = jl[i]!;
      const im = jl[i + 1]!;
      tA[i] = tA[i]! - aL * im;
      tA[i + 1] = tA[i + 1]! + aL * re;
      tZ[i] = tZ[i]! - zL * im;
      tZ[i + 1] = tZ[i + 1]! + zL * re;
    }
    return;
  }
  const jr = s.jr;
  chiralCurrents(jl, jr, fi, fo);
  const aR = a ? a.gR : 0;
  const zR = z.gR;
  for (let i = 0; i < 8; i += 2) {
    const lr = jl[i]!;
    const li = jl[i + 1]!;
    const rr = jr[i]!;
    const ri = jr[i + 1]!;
    tA[i] = tA[i]! - (aL * li + aR * ri);
    tA[i + 1] = tA[i + 1]! + (aL * lr + aR * rr);
    tZ[i] = tZ[i]! - (zL * li + zR * ri);
    tZ[i + 1] = tZ[i + 1]! + (zL * lr + zR * rr);
  }
}

/**
 * Open emission tensors T_γ^μ, T_Z^μ of q q̄′ → ℓ ν + V (diagrams D1–D5), for given external
 * wavefunctions: quark line (qin flow-in, qout flow-out), lepton line (lin flow-in, lout flow-out),
 * and the W from the quarks `wq` (with propagator). Writes 8 doubles each; also leaves the lepton W
 * current (with propagator) in s.wl.
 */
// D1, D2: the quark line carries only the left-handed helicities (q: −, q̄′: +) in the fast sum, so
// J_R vanishes identically there (the slow twin computes it anyway).
function emissionTensors(
  c: WVSetup,
  s: TensorScratch,
  qin: Float64Array,
  qout: Float64Array,
  lin: Float64Array,
  lout: Float64Array,
  wq: Float64Array,
  tA: Float64Array,
  tZ: Float64Array,
): void {
  tA.fill(0, 0, 8);
  tZ.fill(0, 0, 8);
  jio(s.wl, lin, lout, c.gWl, 0, c.mW, c.wW);
  // D1: V off the flow-in quark; the W attaches to the flow-out quark first.
  fvo(s.f1, qout, s.wl, c.gWq, 0, 0, 0);
  addOpen(tA, tZ, s, qin, s.f1, c.aQin, c.zQin, true);
  // D2: V off the flow-out quark.
  fvi(s.f2, qin, s.wl, c.gWq, 0, 0, 0);
  addOpen(tA, tZ, s, s.f2, qout, c.aQout, c.zQout, true);
  // D3: W W V. W1 = the W⁻ entering the vertex (outgoing W⁺), W2 = the W⁺ entering.
  if (c.charge > 0) vvvOpen(s.v3, s.wl, wq, 1);
  else vvvOpen(s.v3, wq, s.wl, 1);
  for (let i = 0; i < 8; i++) {
    tA[i] = tA[i]! + c.gWWA * s.v3[i]!;
    tZ[i] = tZ[i]! + c.gWWZ * s.v3[i]!;
  }
  if (c.charge > 0) {
    // lin = v(ℓ⁺), lout = ū(ν). D4: V off ℓ⁺ (internal charged lepton between W vertex and V vertex).
    fvo(s.f4, lout, wq, c.gWl, 0, c.ml, 0);
    addOpen(tA, tZ, s, lin, s.f4, c.aLep, c.zLep);
    // D5: Z off ν.
    fvi(s.f5, lin, wq, c.gWl, 0, 0, 0);
    addOpen(tA, tZ, s, s.f5, lout, null, c.zNu);
  } else {
    // lin = v(ν̄), lout = ū(ℓ⁻).
    fvi(s.f4, lin, wq, c.gWl, 0, c.ml, 0);
    addOpen(tA, tZ, s, s.f4, lout, c.aLep, c.zLep);
    fvo(s.f5, lout, wq, c.gWl, 0, 0, 0);
    addOpen(tA, tZ, s, lin, s.f5, null, c.zNu);
  }
}

/** A matrix element of q q̄′ → ℓ ν ℓ′⁺ℓ′⁻ with extra diagnostics for tests. */
export interface FourLeptonMatrixElement extends MatrixElement {
  /** Number of Feynman diagrams summed (10, or 20 for identical charged leptons). */
  readonly diagramCount: number;
  /** Slow twin: all 2⁶ helicities, each diagram as a separate closed amplitude. */
  evaluateAllHelicities(p: Float64Array): number;
  /**
   * Open tensors T_γ, T_Z (8 doubles each) of assignment `set` (0: leg 2 is the W lepton; 1: the
   * identical lepton of the pair is, ℓ = ℓ′ only) for W-lepton helicity h (quark and neutrino
   * helicities at their only non-zero values). For Ward-identity tests.
   */
  emissionTensors(p: Float64Array, set: 0 | 1, h: -1 | 1, tGamma: Float64Array, tZ: Float64Array): void;
}

/**
 * q q̄′ → ℓ ν ℓ′⁻ ℓ′⁺. Legs: charge +1: [u, d̄, ℓ⁺, ν_ℓ, ℓ′⁻, ℓ′⁺]; charge −1: [d, ū, ℓ⁻, ν̄_ℓ, ℓ′⁻, ℓ′⁺].
 * Lepton masses from the model table are kept everywhere (spinors and propagators).
 */
export function createFourLepton(table: ModelTable, opts: FourLeptonOptions): FourLeptonMatrixElement {
  const charge = checkCharge(opts.charge);
  const c = setup(table, charge, opts.lepton, opts.up ?? PDG.u, opts.down ?? PDG.d);
  const { lepton: pl } = leptonPdg(opts.pair);
  const { neutrino: pnu } = leptonPdg(opts.pair);
  const mp = table.particle(pl).mass;
  const identical = pl === c.lep;
  const aP = table.ffv(pl, pl, PDG.gamma);
  const zP = table.ffv(pl, pl, PDG.Z);
  const gWp = table.ffv(pl, pnu, PDG.W).gL;
  const pdgIds = Int32Array.from(
    charge > 0 ? [c.qin, -c.qout, -c.lep, c.nu, pl, -pl] : [c.qin, -c.qout, c.lep, -c.nu, pl, -pl],
  );
  const masses = Float64Array.from([0, 0, c.ml, 0, mp, mp]);
  // Leg offsets in p: charged lepton of the W (set 0) = 8, neutrino = 12, pair ℓ′⁻ = 16, ℓ′⁺ = 20.
  // For ℓ = ℓ′ set 1 swaps the identical leptons: charge +1 the two ℓ⁺ (8 ↔ 20), charge −1 the two ℓ⁻ (8 ↔ 16).
  const s = new TensorScratch();
  const qin = newWavefunction();
  const qout = newWavefunction();
  const fnu = newWavefunction();
  const fl = [newWavefunction(), newWavefunction()]; // W lepton, helicity − / +
  const wq = newWavefunction();
  const eA = newWavefunction();
  const eZ = newWavefunction();
  const tA = [new Float64Array(8), new Float64Array(8)];
  const tZ = [new Float64Array(8), new Float64Array(8)];
  const wl = [newWavefunction(), newWavefunction()];
  const res = new Float64Array(8);
  // amplitudes per set, indexed by (h_legW, h_pair_other, h_pair_same) bits → 8 complex
  const amps = [new Float64Array(16), new Float64Array(16)];
  const nSets = identical ? 2 : 1;

  const hq = -1; // flow-in quark helicity (left-handed fermion)
  const hqb = 1; // flow-out antiquark helicity
  const hnu = charge > 0 ? -1 : 1;

  const pinH = [newWavefunction(), newWavefunction()];
  const f6H = [newWavefunction(), newWavefunction()];
  const poutH = [newWavefunction(), newWavefunction()];
  const pjl = new Float64Array(8);
  const pjr = new Float64Array(8);
  const djl = new Float64Array(8);
  const djr = new Float64Array(8);

  function fillSet(p: Float64Array, set: number, out: Float64Array): void {
    // offsets of the W lepton and of the pair legs in this assignment
    let oW = 8;
    let oMinus = 16;
    let oPlus = 20;
    if (set === 1) {
      if (charge > 0) {
        oW = 20;
        oPlus = 8;
      } else {
        oW = 16;
        oMinus = 8;
      }
    }
    for (let b = 0; b < 2; b++) {
      const h = 2 * b - 1;
      const lw = fl[b]!;
      if (charge > 0) {
        ixxxxx(lw, p, oW, c.ml, h, -1);
        emissionTensors(c, s, qin, qout, lw, fnu, wq, tA[b]!, tZ[b]!);
      } else {
        oxxxxx(lw, p, oW, c.ml, h, 1);
        emissionTensors(c, s, qin, qout, fnu, lw, wq, tA[b]!, tZ[b]!);
      }
      wl[b]!.set(s.wl);
    }
    for (let b = 0; b < 2; b++) {
      oxxxxx(poutH[b]!, p, oMinus, mp, 2 * b - 1, 1);
      ixxxxx(pinH[b]!, p, oPlus, mp, 2 * b - 1, -1);
      // D6: the internal ν_ℓ′ line between the two W vertices, independent of the other helicities.
      // W⁺: from ℓ′⁺ absorbing the quark W; W⁻: towards ℓ′⁻ after emitting the quark W (the HELAS
      // identity iov(fvi(fi, v₁), fo, v₂) = iov(fi, fvo(fo, v₂), v₁) moves the insertion).
      if (charge > 0) fvi(f6H[b]!, pinH[b]!, wq, gWp, 0, 0, 0);
      else fvo(f6H[b]!, poutH[b]!, wq, gWp, 0, 0, 0);
    }
    // pair momentum delivered to the emission vertex: −(p₋ + p₊); propagator factors once per point:
    // photon 1/q², Z 1/(q² − μ²) and 1/μ² with μ² = m_Z² − i m_Z Γ_Z (helas.ts `jio`).
    const q0 = -(p[oMinus]! + p[oPlus]!);
    const q1 = -(p[oMinus + 1]! + p[oPlus + 1]!);
    const q2 = -(p[oMinus + 2]! + p[oPlus + 2]!);
    const q3 = -(p[oMinus + 3]! + p[oPlus + 3]!);
    const qq = q0 * q0 - q1 * q1 - q2 * q2 - q3 * q3;
    const invA = 1 / qq;
    const mur = c.mZ * c.mZ;
    const mui = -c.mZ * c.wZ;
    const nmu = 1 / (mur * mur + mui * mui);
    const imur = mur * nmu; // 1/μ² = (mur − i mui)/|μ²|²
    const imui = -mui * nmu;
    const dr = qq - mur;
    const di = -mui;
    const nd = 1 / (dr * dr + di * di);
    const idr = dr * nd; // 1/(q² − μ²)
    const idi = -di * nd;
    for (let bm = 0; bm < 2; bm++) {
      const pout = poutH[bm]!;
      for (let bp = 0; bp < 2; bp++) {
        const pin = pinH[bp]!;
        // ε_γ and ε_Z from one chiral-current evaluation
        chiralCurrents(pjl, pjr, pin, pout);
        // ε_γ = J_γ/q²; ε_Z = (J_Z − q (q·J_Z)/μ²)/(q² − μ²)  (same as helas.ts vectorFromChiral)
        let qjr = 0;
        let qji = 0;
        for (let i = 0; i < 8; i += 2) {
          const lr = pjl[i]!;
          const li = pjl[i + 1]!;
          const rr = pjr[i]!;
          const ri = pjr[i + 1]!;
          eA[i] = (aP.gL * lr + aP.gR * rr) * invA;
          eA[i + 1] = (aP.gL * li + aP.gR * ri) * invA;
          const zr = zP.gL * lr + zP.gR * rr;
          const zi = zP.gL * li + zP.gR * ri;
          eZ[i] = zr;
          eZ[i + 1] = zi;
          const qm = i === 0 ? q0 : i === 2 ? -q1 : i === 4 ? -q2 : -q3;
          qjr += qm * zr;
          qji += qm * zi;
        }
        const cr = qjr * imur - qji * imui;
        const ci = qjr * imui + qji * imur;
        for (let i = 0; i < 8; i += 2) {
          const qv = i === 0 ? q0 : i === 2 ? q1 : i === 4 ? q2 : q3;
          const zr = eZ[i]! - qv * cr;
          const zi = eZ[i + 1]! - qv * ci;
          eZ[i] = zr * idr - zi * idi;
          eZ[i + 1] = zr * idi + zi * idr;
        }
        // D6: the current of the pair line with the quark W already inserted; it meets the lepton W.
        if (charge > 0) chiralCurrents(djl, djr, f6H[bp]!, pout);
        else chiralCurrents(djl, djr, pin, f6H[bm]!);
        for (let b = 0; b < 2; b++) {
          dotVV(res, 0, tA[b]!, eA);
          dotVV(res, 1, tZ[b]!, eZ);
          // i g_W J_L·W_l
          dotVV(res, 2, djl, wl[b]!);
          const r = res[4]!;
          res[4] = -gWp * res[5]!;
          res[5] = gWp * r;
          // index: bit0 = W-lepton helicity, bit1 = ℓ′⁻ helicity, bit2 = ℓ′⁺ helicity (of this set's legs)
          const k = 2 * (b + 2 * bm + 4 * bp);
          out[k] = res[0]! + res[2]! + res[4]!;
          out[k + 1] = res[1]! + res[3]! + res[5]!;
        }
      }
    }
  }

  function prepareCommon(p: Float64Array): void {
    ixxxxx(qin, p, 0, 0, hq, 1);
    oxxxxx(qout, p, 4, 0, hqb, -1);
    if (charge > 0) oxxxxx(fnu, p, 12, 0, hnu, 1);
    else ixxxxx(fnu, p, 12, 0, hnu, -1);
    jio(wq, qin, qout, c.gWq, 0, c.mW, c.wW);
  }

  function evaluate(p: Float64Array): number {
    prepareCommon(p);
    fillSet(p, 0, amps[0]!);
    let sum = 0;
    if (nSets === 1) {
      const a = amps[0]!;
      for (let k = 0; k < 16; k++) sum += a[k]! * a[k]!;
    } else {
      fillSet(p, 1, amps[1]!);
      const a = amps[0]!;
      const b = amps[1]!;
      // Map set-1 helicity index to set-0 leg helicities. Set 0 bits: (leg2, leg4, leg5).
      // charge +1: set 1 has W lepton = leg5, ℓ′⁻ = leg4, ℓ′⁺ = leg2 → bits (h5, h4, h2).
      // charge −1: set 1 has W lepton = leg4, ℓ′⁻ = leg2, ℓ′⁺ = leg5 → bits (h4, h2, h5).
      for (let h2 = 0; h2 < 2; h2++) {
        for (let h4 = 0; h4 < 2; h4++) {
          for (let h5 = 0; h5 < 2; h5++) {
            const k0 = 2 * (h2 + 2 * h4 + 4 * h5);
            const k1 = charge > 0 ? 2 * (h5 + 2 * h4 + 4 * h2) : 2 * (h4 + 2 * h2 + 4 * h5);
            const re = a[k0]! - b[k1]!;
            const im = a[k0 + 1]! - b[k1 + 1]!;
            sum += re * re + im * im;
          }
        }
      }
    }
    return sum / 12;
  }

  // ---- slow twin ----
  const sQin = newWavefunction();
  const sQout = newWavefunction();
  const sL = [newWavefunction(), newWavefunction(), newWavefunction(), newWavefunction()];
  const sWq = newWavefunction();
  const sWl = newWavefunction();
  const sEps = newWavefunction();
  const sF = newWavefunction();
  const sG = newWavefunction();
  const sOpen = newWavefunction();
  const one = new Float64Array(2);

  /** Closed amplitude of one assignment: lin, lout (W line), pin, pout (pair line), each diagram by iov. */
  function slowAmplitude(
    lin: Float64Array,
    lout: Float64Array,
    pinW: Float64Array,
    poutW: Float64Array,
    out: Float64Array,
  ): void {
    let re = 0;
    let im = 0;
    const add = (): void => {
      re += one[0]!;
      im += one[1]!;
    };
    jio(sWq, sQin, sQout, c.gWq, 0, c.mW, c.wW);
    jio(sWl, lin, lout, c.gWl, 0, c.mW, c.wW);
    for (let v = 0; v < 2; v++) {
      const isZ = v === 1;
      const cp = isZ ? zP : aP;
      jio(sEps, pinW, poutW, cp.gL, cp.gR, isZ ? c.mZ : 0, isZ ? c.wZ : 0);
      const cin = isZ ? c.zQin : c.aQin;
      const cout = isZ ? c.zQout : c.aQout;
      const cl = isZ ? c.zLep : c.aLep;
      // D1: quark line qin –V– internal –W– qout
      fvi(sF, sQin, sEps, cin.gL, cin.gR, 0, 0);
      iov(one, 0, sF, sQout, sWl, c.gWq, 0);
      add();
      // D2
      fvi(sF, sQin, sWl, c.gWq, 0, 0, 0);
      iov(one, 0, sF, sQout, sEps, cout.gL, cout.gR);
      add();
      // D3: close the WWV vertex on ε
      if (charge > 0) vvvOpen(sOpen, sWl, sWq, isZ ? c.gWWZ : c.gWWA);
      else vvvOpen(sOpen, sWq, sWl, isZ ? c.gWWZ : c.gWWA);
      dotVV(one, 0, sOpen, sEps);
      add();
      // D4, D5 on the lepton line: propagate from lin
      if (charge > 0) {
        fvi(sF, lin, sEps, cl.gL, cl.gR, c.ml, 0); // internal ℓ⁺ line
        iov(one, 0, sF, lout, sWq, c.gWl, 0);
        add();
        if (isZ) {
          fvi(sF, lin, sWq, c.gWl, 0, 0, 0); // internal ν
          iov(one, 0, sF, lout, sEps, c.zNu.gL, c.zNu.gR);
          add();
        }
      } else {
        fvi(sF, lin, sWq, c.gWl, 0, c.ml, 0); // internal ℓ⁻
        iov(one, 0, sF, lout, sEps, cl.gL, cl.gR);
        add();
        if (isZ) {
          fvi(sF, lin, sEps, c.zNu.gL, c.zNu.gR, 0, 0);
          iov(one, 0, sF, lout, sWq, c.gWl, 0);
          add();
        }
      }
    }
    // D6: W exchange on the pair line, propagated from the ℓ′⁻ side this time
    if (charge > 0) {
      fvo(sG, poutW, sWl, gWp, 0, 0, 0);
      iov(one, 0, pinW, sG, sWq, gWp, 0);
    } else {
      fvo(sG, poutW, sWq, gWp, 0, 0, 0);
      iov(one, 0, pinW, sG, sWl, gWp, 0);
    }
    add();
    out[0] = re;
    out[1] = im;
  }

  const ampA = new Float64Array(2);
  const ampB = new Float64Array(2);
  function evaluateAllHelicities(p: Float64Array): number {
    let sum = 0;
    const legM = [0, 0, c.ml, 0, mp, mp];
    for (let hel = 0; hel < 64; hel++) {
      const h = (i: number): number => (((hel >> i) & 1) === 1 ? 1 : -1);
      ixxxxx(sQin, p, 0, 0, h(0), 1);
      oxxxxx(sQout, p, 4, 0, h(1), -1);
      // leg wavefunctions: index 0 = leg 2, 1 = leg 3, 2 = leg 4, 3 = leg 5 (in their natural flow role)
      if (charge > 0) {
        ixxxxx(sL[0]!, p, 8, legM[2]!, h(2), -1);
        oxxxxx(sL[1]!, p, 12, 0, h(3), 1);
      } else {
        oxxxxx(sL[0]!, p, 8, legM[2]!, h(2), 1);
        ixxxxx(sL[1]!, p, 12, 0, h(3), -1);
      }
      oxxxxx(sL[2]!, p, 16, mp, h(4), 1);
      ixxxxx(sL[3]!, p, 20, mp, h(5), -1);
      if (charge > 0) slowAmplitude(sL[0]!, sL[1]!, sL[3]!, sL[2]!, ampA);
      else slowAmplitude(sL[1]!, sL[0]!, sL[3]!, sL[2]!, ampA);
      let re = ampA[0]!;
      let im = ampA[1]!;
      if (identical) {
        if (charge > 0) slowAmplitude(sL[3]!, sL[1]!, sL[0]!, sL[2]!, ampB);
        else slowAmplitude(sL[1]!, sL[2]!, sL[3]!, sL[0]!, ampB);
        re -= ampB[0]!;
        im -= ampB[1]!;
      }
      sum += re * re + im * im;
    }
    return sum / 12;
  }

  return {
    name: processName(pdgIds, 2),
    pdgIds,
    masses,
    diagramCount: identical ? 20 : 10,
    evaluate,
    evaluateAllHelicities,
    emissionTensors(p: Float64Array, set: 0 | 1, h: -1 | 1, tGamma: Float64Array, tZOut: Float64Array): void {
      if (set === 1 && !identical) throw new InputError("set", "0 (ℓ ≠ ℓ′ has one assignment)", set);
      prepareCommon(p);
      const oW = set === 0 ? 8 : charge > 0 ? 20 : 16;
      const lw = fl[0]!;
      if (charge > 0) {
        ixxxxx(lw, p, oW, c.ml, h, -1);
        emissionTensors(c, s, qin, qout, lw, fnu, wq, tGamma, tZOut);
      } else {
        oxxxxx(lw, p, oW, c.ml, h, 1);
        emissionTensors(c, s, qin, qout, fnu, lw, wq, tGamma, tZOut);
      }
    },
  };
}

/** q q̄′ → ℓ ν γ with the same building blocks (diagrams D1–D4 with an external photon). */
export interface WGammaMatrixElement extends MatrixElement {
  /**
   * Helicity amplitudes (complex, 2 per helicity of ℓ and γ: 4 complex numbers) at quark and neutrino
   * helicities (−, +, ∓); with `wardReplace` the photon polarisation ε*(k) is replaced by k (its
   * momentum), which must give zero (Ward identity).
   */
  helicityAmplitudes(p: Float64Array, out: Float64Array, wardReplace: boolean): void;
}

/** Legs: charge +1: [u, d̄, ℓ⁺, ν_ℓ, γ]; charge −1: [d, ū, ℓ⁻, ν̄_ℓ, γ]. */
export function createWGamma(
  table: ModelTable,
  opts: { charge: 1 | -1; lepton: LeptonName; up?: number; down?: number },
): WGammaMatrixElement {
  const charge = checkCharge(opts.charge);
  const c = setup(table, charge, opts.lepton, opts.up ?? PDG.u, opts.down ?? PDG.d);
  const pdgIds = Int32Array.from(
    charge > 0 ? [c.qin, -c.qout, -c.lep, c.nu, PDG.gamma] : [c.qin, -c.qout, c.lep, -c.nu, PDG.gamma],
  );
  const s = new TensorScratch();
  const qin = newWavefunction();
  const qout = newWavefunction();
  const fnu = newWavefunction();
  const lw = newWavefunction();
  const wq = newWavefunction();
  const eps = newWavefunction();
  const tA = new Float64Array(8);
  const tZ = new Float64Array(8);
  const tmp = new Float64Array(8);
  const hnu = charge > 0 ? -1 : 1;
  function amplitudes(p: Float64Array, out: Float64Array, ward: boolean): void {
    ixxxxx(qin, p, 0, 0, -1, 1);
    oxxxxx(qout, p, 4, 0, 1, -1);
    if (charge > 0) oxxxxx(fnu, p, 12, 0, hnu, 1);
    else ixxxxx(fnu, p, 12, 0, hnu, -1);
    jio(wq, qin, qout, c.gWq, 0, c.mW, c.wW);
    for (let b = 0; b < 2; b++) {
      if (charge > 0) {
        ixxxxx(lw, p, 8, c.ml, 2 * b - 1, -1);
        emissionTensors(c, s, qin, qout, lw, fnu, wq, tA, tZ);
      } else {
        oxxxxx(lw, p, 8, c.ml, 2 * b - 1, 1);
        emissionTensors(c, s, qin, qout, fnu, lw, wq, tA, tZ);
      }
      for (let g = 0; g < 2; g++) {
        if (ward) setVectorFromMomentum(eps, p, 16, -1);
        else vxxxxx(eps, p, 16, 0, 2 * g - 1, -1);
        dotVV(tmp, 0, tA, eps);
        out[2 * (b + 2 * g)] = tmp[0]!;
        out[2 * (b + 2 * g) + 1] = tmp[1]!;
      }
    }
  }
  const buf = new Float64Array(8);
  return {
    name: processName(pdgIds, 2),
    pdgIds,
    masses: Float64Array.from([0, 0, c.ml, 0, 0]),
    helicityAmplitudes: amplitudes,
    evaluate(p: Float64Array): number {
      amplitudes(p, buf, false);
      let sum = 0;
      for (let k = 0; k < 8; k++) sum += buf[k]! * buf[k]!;
      return sum / 12;
    },
  };
}
