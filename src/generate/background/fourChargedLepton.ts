/**
 * q q̄ → ℓ⁻ ℓ⁺ ℓ′⁻ ℓ′⁺ at tree level, O(e⁴), with every electroweak diagram (neutral currents
 * only: γ and Z), written with the HELAS-style blocks of src/amplitudes/helas.ts and the couplings of
 * src/amplitudes/modelTable.ts (conventions there; nothing is hard-coded here).
 *
 * Diagrams for one pairing of the leptons into lines (line 1 = ℓ⁻ℓ⁺, line 2 = ℓ′⁻ℓ′⁺), V, V′ ∈ {γ, Z}:
 *   (a) q q̄ → V* attached to line 1, V′ → ℓ′ℓ′ radiated off ℓ⁻ or ℓ⁺        2 × 2 × 2 = 8
 *   (b) the same with lines 1 and 2 exchanged                                   8
 *   (c) V → ℓℓ and V′ → ℓ′ℓ′ both radiated off the quark line (t and u)         2 × 2 × 2 = 8
 * = 24 diagrams (this includes Z → 4ℓ, Z → ℓℓγ* and the ZZ, Zγ* and γ*γ* continuum); for ℓ = ℓ′ the
 * pairing with the two ℓ⁻ exchanged adds 24 more with a relative minus sign (Fermi statistics) = 48.
 * Helicities: massless quarks couple chirality-conserving to γ and Z, so only (−, +) and (+, −)
 * contribute on the quark line; the leptons (massive) run over all 2⁴.
 * Average 1/4 (spin) × 1/3 (colour, Σ δᵢⱼ δᵢⱼ / 9). No identical-particle factor (the caller applies
 * 1/4 for ℓ = ℓ′: two identical ℓ⁻ and two identical ℓ⁺), as src/amplitudes/types.ts prescribes.
 *
 * `helicityAmplitude(..., "momentum")` replaces the γ* current of line 2 by its momentum and drops
 * the Z current of line 2 and the diagrams (b): what remains is T_γ^μ q_μ of the q q̄ → ℓ⁺ℓ⁻ γ*(q)
 * sub-amplitude (all charged lines the photon can attach to), which must vanish (Ward identity).
 */
import {
  fvi,
  fviPair,
  iov,
  iovPair,
  ixxxxx,
  jio,
  newWavefunction,
  oxxxxx,
  setVectorFromMomentum,
} from "../../amplitudes/helas.js";
import type { ChiralCoupling, ModelTable } from "../../amplitudes/modelTable.js";
import type { MatrixElement } from "../../amplitudes/types.js";
import { PDG } from "../../core/constants.js";
import { InputError } from "../../core/errors.js";

export interface FourChargedLeptonMatrixElement extends MatrixElement {
  readonly diagramCount: number;
  /** Slow twin of `evaluate`: every diagram closed separately, helicity by helicity. */
  evaluateSlow(p: Float64Array): number;
  /**
   * Complex helicity amplitude (out[0], out[1]) for quark helicity hq (antiquark −hq) and lepton
   * helicities h[0 … 3] of legs 2 … 5. `open` = "momentum": the Ward contraction of the header
   * (pairing 1 only); "probe": the same sub-amplitude contracted with the non-gauge vector
   * (q⁰, −q⃗) instead of q (the scale a Ward violation is measured against).
   */
  helicityAmplitude(
    p: Float64Array,
    hq: number,
    h: readonly number[],
    open: "none" | "momentum" | "probe",
    out: Float64Array,
  ): void;
}

/** Legs [q, q̄, ℓ⁻, ℓ⁺, ℓ′⁻, ℓ′⁺]; quark q = 1 … 5 (d, u, s, c, b). */
export function createFourChargedLepton(
  table: ModelTable,
  opts: { quark: number; lepton: "e" | "mu"; pair: "e" | "mu" },
): FourChargedLeptonMatrixElement {
  const q = opts.quark;
  if (!Number.isInteger(q) || q < 1 || q > 5) throw new InputError("quark", "1 … 5 (d u s c b)", q);
  const l1 = opts.lepton === "e" ? PDG.e : PDG.mu;
  const l2 = opts.pair === "e" ? PDG.e : PDG.mu;
  const identical = l1 === l2;
  const m1 = table.particle(l1).mass;
  const m2 = table.particle(l2).mass;
  const mZ = table.particle(PDG.Z).mass;
  const wZ = table.particle(PDG.Z).width;
  const aq = table.ffv(q, q, PDG.gamma);
  const zq = table.ffv(q, q, PDG.Z);
  const a1 = table.ffv(l1, l1, PDG.gamma);
  const z1 = table.ffv(l1, l1, PDG.Z);
  const a2 = table.ffv(l2, l2, PDG.gamma);
  const z2 = table.ffv(l2, l2, PDG.Z);
  const pdgIds = Int32Array.from([q, -q, l1, -l1, l2, -l2]);
  const masses = Float64Array.from([0, 0, m1, m1, m2, m2]);

  const qin = newWavefunction();
  const qout = newWavefunction();
  const w = [newWavefunction(), newWavefunction(), newWavefunction(), newWavefunction()];
  const Qa = newWavefunction();
  const Qz = newWavefunction();
  const La = [newWavefunction(), newWavefunction()];
  const Lz = [newWavefunction(), newWavefunction()];
  const f = newWavefunction();
  const res = new Float64Array(2);
  const kq = new Float64Array(4);

  /**
   * Two insertions X (coupling cx) and Y (cy) on a fermion line (fin flow-in, fout flow-out, mass m),
   * both orderings, added to acc.
   */
  function twoInsertions(
    acc: Float64Array,
    fin: Float64Array,
    fout: Float64Array,
    m: number,
    x: Float64Array,
    cx: ChiralCoupling,
    y: Float64Array,
    cy: ChiralCoupling,
  ): void {
    fvi(f, fin, y, cy.gL, cy.gR, m, 0);
    iov(res, 0, f, fout, x, cx.gL, cx.gR);
    acc[0] = acc[0]! + res[0]!;
    acc[1] = acc[1]! + res[1]!;
    fvi(f, fin, x, cx.gL, cx.gR, m, 0);
    iov(res, 0, f, fout, y, cy.gL, cy.gR);
    acc[0] = acc[0]! + res[0]!;
    acc[1] = acc[1]! + res[1]!;
  }

  /**
   * Amplitude of one pairing: line 1 = (out1 = ū(ℓ⁻), in1 = v(ℓ⁺)), line 2 = (out2, in2), with
   * the quark wavefunctions and currents Qa, Qz prepared. `open` ≠ "none": line-2 γ current → q (or the probe), no Z.
   */
  function pairing(
    acc: Float64Array,
    in1: Float64Array,
    out1: Float64Array,
    in2: Float64Array,
    out2: Float64Array,
    open: "none" | "momentum" | "probe",
  ): void {
    const ward = open !== "none";
    acc[0] = 0;
    acc[1] = 0;
    jio(La[0]!, in1, out1, a1.gL, a1.gR, 0, 0);
    jio(Lz[0]!, in1, out1, z1.gL, z1.gR, mZ, wZ);
    if (ward) {
      // q = −(stored momentum of the current) = p(ℓ′⁻) + p(ℓ′⁺); stored momentum −q as jio would.
      kq[0] = out2[8]! - in2[8]!;
      kq[1] = out2[9]! - in2[9]!;
      kq[2] = out2[10]! - in2[10]!;
      kq[3] = out2[11]! - in2[11]!;
      setVectorFromMomentum(La[1]!, kq, 0, -1);
      if (open === "probe") {
        La[1]![2] = -kq[1]!;
        La[1]![4] = -kq[2]!;
        La[1]![6] = -kq[3]!;
      }
    } else {
      jio(La[1]!, in2, out2, a2.gL, a2.gR, 0, 0);
      jio(Lz[1]!, in2, out2, z2.gL, z2.gR, mZ, wZ);
    }
    const nV2 = ward ? 1 : 2;
    for (let v2 = 0; v2 < nV2; v2++) {
      const y = v2 === 0 ? La[1]! : Lz[1]!;
      const cy1 = v2 === 0 ? a1 : z1; // line-2 boson on line 1
      const cyq = v2 === 0 ? aq : zq; // line-2 boson on the quark line
      // (a) quark boson X on line 1, line-2 boson Y on line 1.
      twoInsertions(acc, in1, out1, m1, Qa, a1, y, cy1);
      twoInsertions(acc, in1, out1, m1, Qz, z1, y, cy1);
      // (c) line-1 boson and line-2 boson both on the quark line.
      twoInsertions(acc, qin, qout, 0, La[0]!, aq, y, cyq);
      twoInsertions(acc, qin, qout, 0, Lz[0]!, zq, y, cyq);
    }
    if (ward) return;
    // (b) quark boson on line 2, line-1 boson radiated off line 2.
    twoInsertions(acc, in2, out2, m2, Qa, a2, La[0]!, a2);
    twoInsertions(acc, in2, out2, m2, Qa, a2, Lz[0]!, z2);
    twoInsertions(acc, in2, out2, m2, Qz, z2, La[0]!, a2);
    twoInsertions(acc, in2, out2, m2, Qz, z2, Lz[0]!, z2);
  }

  const ampA = new Float64Array(2);
  const ampB = new Float64Array(2);

  function helicityAmplitude(
    p: Float64Array,
    hq: number,
    h: readonly number[],
    open: "none" | "momentum" | "probe",
    out: Float64Array,
  ): void {
    ixxxxx(qin, p, 0, 0, hq, 1);
    oxxxxx(qout, p, 4, 0, -hq, -1);
    jio(Qa, qin, qout, aq.gL, aq.gR, 0, 0);
    jio(Qz, qin, qout, zq.gL, zq.gR, mZ, wZ);
    oxxxxx(w[0]!, p, 8, m1, h[0]!, 1); // ū(ℓ⁻)
    ixxxxx(w[1]!, p, 12, m1, h[1]!, -1); // v(ℓ⁺)
    oxxxxx(w[2]!, p, 16, m2, h[2]!, 1); // ū(ℓ′⁻)
    ixxxxx(w[3]!, p, 20, m2, h[3]!, -1); // v(ℓ′⁺)
    pairing(ampA, w[1]!, w[0]!, w[3]!, w[2]!, open);
    out[0] = ampA[0]!;
    out[1] = ampA[1]!;
    if (identical && open === "none") {
      // The two ℓ⁻ exchanged: line 1 = (ℓ⁻ of leg 4, ℓ⁺ of leg 3), line 2 = (ℓ⁻ of leg 2, ℓ⁺ of leg 5).
      pairing(ampB, w[1]!, w[2]!, w[3]!, w[0]!, "none");
      out[0] = out[0]! - ampB[0]!;
      out[1] = out[1]! - ampB[1]!;
    }
  }

  const hel = [0, 0, 0, 0];
  const amp = new Float64Array(2);
  function evaluateSlow(p: Float64Array): number {
    let sum = 0;
    for (let iq = 0; iq < 2; iq++) {
      const hq = 2 * iq - 1;
      for (let k = 0; k < 16; k++) {
        hel[0] = (k & 1) === 1 ? 1 : -1;
        hel[1] = (k & 2) === 2 ? 1 : -1;
        hel[2] = (k & 4) === 4 ? 1 : -1;
        hel[3] = (k & 8) === 8 ? 1 : -1;
        helicityAmplitude(p, hq, hel, "none", amp);
        sum += amp[0]! * amp[0]! + amp[1]! * amp[1]!;
      }
    }
    return sum / 12;
  }

  // ---- fast evaluation: the same diagrams with wavefunctions, currents and off-shell spinors
  // computed once per point and reused across helicities; for each pair of insertions on a line the
  // γ and Z off-shell spinors are summed before closing the line (linearity), so a helicity
  // configuration costs 12 FFV closures per pairing. evaluateSlow is the diagram-by-diagram twin.
  const wfs = (n: number): Float64Array[] => Array.from({ length: n }, () => newWavefunction());
  const fQin = wfs(2);
  const fQout = wfs(2);
  const fQa = wfs(2);
  const fQz = wfs(2);
  const sp = [wfs(2), wfs(2), wfs(2), wfs(2)]; // legs 2 … 5, index (h + 1)/2
  /** Per pairing: line currents LA/LZ [4 = h_out + 2 h_in] and cached off-shell spinors. */
  interface PairingCache {
    la: Float64Array[][];
    lz: Float64Array[][];
    fx: Float64Array[][]; // [line][hq + 2 h_in]: quark bosons on the line's in-spinor
    fy: Float64Array[][]; // [line][h_in + 2 hOther(4)]: other line's bosons on this line
    fq: Float64Array[][]; // [line][hq + 2 hLine(4)]: this line's bosons on the quark line
  }
  const newCache = (): PairingCache => ({
    la: [wfs(4), wfs(4)],
    lz: [wfs(4), wfs(4)],
    fx: [wfs(4), wfs(4)],
    fy: [wfs(8), wfs(8)],
    fq: [wfs(8), wfs(8)],
  });
  const caches = [newCache(), newCache()];
  const r2 = new Float64Array(2);

  /** out = fvi(fin, v1; c1) + fvi(fin, v2; c2) (same momentum), in one pass (helas `fviPair`). */
  function fviSum(
    out: Float64Array,
    fin: Float64Array,
    v1: Float64Array,
    c1: ChiralCoupling,
    v2: Float64Array,
    c2: ChiralCoupling,
    m: number,
  ): void {
    fviPair(out, fin, v1, c1.gL, c1.gR, v2, c2.gL, c2.gR, m, 0);
  }

  /** acc += iov(f, fo, v1; c1) + iov(f, fo, v2; c2), one pair of chiral currents (helas `iovPair`). */
  function close2(
    acc: Float64Array,
    f: Float64Array,
    fo: Float64Array,
    v1: Float64Array,
    c1: ChiralCoupling,
    v2: Float64Array,
    c2: ChiralCoupling,
  ): void {
    iovPair(r2, 0, f, fo, v1, c1.gL, c1.gR, v2, c2.gL, c2.gR);
    acc[0] = acc[0]! + r2[0]!;
    acc[1] = acc[1]! + r2[1]!;
  }

  /**
   * Fills the cache of a pairing whose line 0 is (out = ū of leg outs[0], in = v of leg ins[0]) with
   * couplings of flavour 0 (lepton 1), line 1 likewise with flavour 1 (lepton 2).
   */
  function fillCache(c: PairingCache, outs: [number, number], ins: [number, number]): void {
    const cp = [
      [a1, z1, m1],
      [a2, z2, m2],
    ] as const;
    for (let L = 0; L < 2; L++) {
      const [ca, cz] = cp[L]!;
      for (let k = 0; k < 4; k++) {
        const fo = sp[outs[L]!]![k & 1]!;
        const fi = sp[ins[L]!]![k >> 1]!;
        jio(c.la[L]![k]!, fi, fo, ca.gL, ca.gR, 0, 0);
        jio(c.lz[L]![k]!, fi, fo, cz.gL, cz.gR, mZ, wZ);
      }
    }
    for (let L = 0; L < 2; L++) {
      const [ca, cz, m] = cp[L]!;
      const O = 1 - L;
      for (let hq = 0; hq < 2; hq++) {
        for (let hi = 0; hi < 2; hi++) {
          fviSum(c.fx[L]![hq + 2 * hi]!, sp[ins[L]!]![hi]!, fQa[hq]!, ca, fQz[hq]!, cz, m);
        }
        for (let k = 0; k < 4; k++)
          fviSum(c.fq[L]![hq + 2 * k]!, fQin[hq]!, c.la[L]![k]!, aq, c.lz[L]![k]!, zq, 0);
      }
      for (let hi = 0; hi < 2; hi++) {
        for (let k = 0; k < 4; k++) {
          fviSum(c.fy[L]![hi + 2 * k]!, sp[ins[L]!]![hi]!, c.la[O]![k]!, ca, c.lz[O]![k]!, cz, m);
        }
      }
    }
  }

  /** Amplitude of a pairing for quark helicity index hq and line helicity indices k0, k1 (h_out + 2 h_in). */
  function pairingFast(
    acc: Float64Array,
    c: PairingCache,
    outs: [number, number],
    hq: number,
    k0: number,
    k1: number,
  ): void {
    acc[0] = 0;
    acc[1] = 0;
    const kk = [k0, k1];
    const cp = [
      [a1, z1],
      [a2, z2],
    ] as const;
    for (let L = 0; L < 2; L++) {
      const O = 1 - L;
      const [ca, cz] = cp[L]!;
      const kL = kk[L]!;
      const kO = kk[O]!;
      const fo = sp[outs[L]!]![kL & 1]!;
      const hi = kL >> 1;
      // (a)/(b): line-O bosons inserted first (nearest the in-spinor), then the quark boson; and the reverse.
      close2(acc, c.fy[L]![hi + 2 * kO]!, fo, fQa[hq]!, ca, fQz[hq]!, cz);
      close2(acc, c.fx[L]![hq + 2 * hi]!, fo, c.la[O]![kO]!, ca, c.lz[O]![kO]!, cz);
    }
    // (c): both lines' bosons on the quark line, both orderings.
    close2(acc, c.fq[0]![hq + 2 * k0]!, fQout[hq]!, c.la[1]![k1]!, aq, c.lz[1]![k1]!, zq);
    close2(acc, c.fq[1]![hq + 2 * k1]!, fQout[hq]!, c.la[0]![k0]!, aq, c.lz[0]![k0]!, zq);
  }

  const OUTS_A: [number, number] = [0, 2];
  const INS_A: [number, number] = [1, 3];
  // Exchange pairing: line 0 = (ℓ⁻ of leg 4, ℓ⁺ of leg 3), line 1 = (ℓ⁻ of leg 2, ℓ⁺ of leg 5).
  const OUTS_B: [number, number] = [2, 0];
  const INS_B: [number, number] = [1, 3];
  const accA = new Float64Array(2);
  const accB = new Float64Array(2);

  function evaluate(p: Float64Array): number {
    for (let i = 0; i < 2; i++) {
      const h = 2 * i - 1;
      ixxxxx(fQin[i]!, p, 0, 0, h, 1);
      oxxxxx(fQout[i]!, p, 4, 0, -h, -1);
      jio(fQa[i]!, fQin[i]!, fQout[i]!, aq.gL, aq.gR, 0, 0);
      jio(fQz[i]!, fQin[i]!, fQout[i]!, zq.gL, zq.gR, mZ, wZ);
      oxxxxx(sp[0]![i]!, p, 8, m1, h, 1);
      ixxxxx(sp[1]![i]!, p, 12, m1, h, -1);
      oxxxxx(sp[2]![i]!, p, 16, m2, h, 1);
      ixxxxx(sp[3]![i]!, p, 20, m2, h, -1);
    }
    fillCache(caches[0]!, OUTS_A, INS_A);
    if (identical) fillCache(caches[1]!, OUTS_B, INS_B);
    let sum = 0;
    for (let hq = 0; hq < 2; hq++) {
      // helicity indices of legs 2 … 5: b0 … b3
      for (let k = 0; k < 16; k++) {
        const b0 = k & 1;
        const b1 = (k >> 1) & 1;
        const b2 = (k >> 2) & 1;
        const b3 = (k >> 3) & 1;
        pairingFast(accA, caches[0]!, OUTS_A, hq, b0 + 2 * b1, b2 + 2 * b3);
        let re = accA[0]!;
        let im = accA[1]!;
        if (identical) {
          pairingFast(accB, caches[1]!, OUTS_B, hq, b2 + 2 * b1, b0 + 2 * b3);
          re -= accB[0]!;
          im -= accB[1]!;
        }
        sum += re * re + im * im;
      }
    }
    return sum / 12;
  }

  const name = (id: number): string =>
    ({ 1: "d", 2: "u", 3: "s", 4: "c", 5: "b", 11: "e", 13: "mu" })[Math.abs(id)] ?? String(id);
  return {
    name: `${name(q)} ${name(q)}~ > ${name(l1)}- ${name(l1)}+ ${name(l2)}- ${name(l2)}+`,
    pdgIds,
    masses,
    diagramCount: identical ? 48 : 24,
    evaluate,
    evaluateSlow,
    helicityAmplitude,
  };
}
