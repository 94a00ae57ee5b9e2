/**
 * Signal: q q̄′ → W*± → ℓ± N_D, N_D → ν Z_D, Z_D → ℓ′⁻ℓ′⁺ as one 2 → 5 helicity amplitude (full spin
 * correlations through the N_D and Z_D propagators), and the production q q̄′ → ℓ N_D on its own.
 *
 * Diagram: the neutrino-portal chain of paper Fig. 1 (left). The Z_D radiated from the quarks or the
 * W (paper Fig. 1 centre, O(ε) without U) is left out: at the benchmark it is subdominant (paper
 * Sec. IV: "ℓνZ_D production is dominated by the neutrino portal"); it could matter only for very small
 * |U_ℓ4|². The SM Z ν N_D vertex and N_D → ℓ W* decays are not included (N_D → ν Z_D is ~100 %).
 *
 * Couplings from the model table: W ℓ N_D −(e/(√2 s_W)) U_ℓ4 γ^μ P_L; Z_D ν N_D g_D U γ^μ P_L with the
 * invisible ν summed over flavours, i.e. U → (Σ_α |U_α4|²)^{1/2} (the ν leg is labelled with the flavour
 * of the production lepton); Z_D ℓ′ℓ′ −e₀ ε Q γ^μ.
 *
 * Dirac N_D (default): W⁺ → ℓ⁺ N, N → ν Z_D; W⁻ → ℓ⁻ N̄, N̄ → ν̄ Z_D (final "nu" means the lepton-number
 * conserving neutrino). Majorana N_D: both final states exist; final "nubar" (W⁺: ν̄, W⁻: ν) uses the
 * reversed-fermion-flow vertex −g_D U γ^μ P_R (Denner et al., Nucl. Phys. B387 (1992) 467). Each channel's
 * |M|² is separately returned; integrated over angles each equals the Dirac one (the N_D width doubles,
 * so BR(ν) = BR(ν̄) = 1/2 in the narrow-width factor).
 *
 * Narrow-width mode (`onShell: true`): the N_D and Z_D denominators are replaced by 1 (numerators
 * unchanged: p̸ + m_N and −g + qq/m_ZD²). The caller must then sample p_N² = m_N² and p_ZD² = m_ZD²
 * exactly and multiply |M|² by π/(m_N Γ_N) · π/(m_ZD Γ_ZD), Γ the TOTAL widths, in place of the
 * dp_N²/(2π) dp_ZD²/(2π) integrations with the Breit–Wigners, i.e. use
 * |1/(p² − m² + i mΓ)|² → (π/(mΓ)) δ(p² − m²). This reproduces σ(ℓ N) × BR(N → ν Z_D) × BR(Z_D → ℓ′ℓ′)
 * (checked in test/amplitudes.signal.test.ts). For ℓ = ℓ′ the full mode antisymmetrises the two
 * identical leptons (relative minus sign) and the caller applies the 1/2 symmetry factor; the narrow-
 * width mode keeps only the labelled assignment (leg 5, resp. 4 for W⁻, is the Z_D daughter: the
 * exchanged assignment is off resonance and vanishes in the narrow-width limit), so no symmetry factor
 * is applied there.
 *
 * Helicity sum: the W couples only to left-handed massless quarks, so the quark helicities are fixed
 * (q: −, q̄′: +); every other helicity is summed.
 */
import { PDG } from "../core/constants.js";
import { InputError } from "../core/errors.js";
import { fvi, fvo, iov, ixxxxx, jio, newWavefunction, oxxxxx } from "./helas.js";
import type { ModelTable } from "./modelTable.js";
import { checkCharge, leptonPdg, particleName, processName } from "./simple.js";
import type { LeptonName, MatrixElement } from "./types.js";

export interface SignalOptions {
  /** +1: u d̄ → W⁺ → ℓ⁺ N_D; −1: d ū → W⁻ → ℓ⁻ N̄_D. */
  charge: 1 | -1;
  /** Production lepton. */
  lepton: LeptonName | "tau";
  /** Z_D decay lepton. */
  pair: LeptonName;
  /** "nu": lepton-number-conserving neutrino (Dirac and Majorana); "nubar": the opposite (Majorana only). */
  final?: "nu" | "nubar";
  /** Narrow-width mode (see the module comment for what the caller must do). */
  onShell?: boolean;
  up?: number;
  down?: number;
}

function darkOrThrow(table: ModelTable): NonNullable<ModelTable["dark"]> {
  if (!table.dark) throw new InputError("table", "a model table built with dark-sector inputs", "SM only");
  return table.dark;
}

/**
 * 2 → 5 signal. Legs: charge +1 [u, d̄, ℓ⁺, ν, ℓ′⁻, ℓ′⁺]; charge −1 [d, ū, ℓ⁻, ν̄, ℓ′⁻, ℓ′⁺]
 * (ν ↔ ν̄ for final "nubar").
 */
export function createSignal(table: ModelTable, opts: SignalOptions): MatrixElement {
  const dark = darkOrThrow(table);
  const charge = checkCharge(opts.charge);
  const final = opts.final ?? "nu";
  if (final !== "nu" && final !== "nubar") throw new InputError("final", '"nu" or "nubar"', final);
  if (final === "nubar" && dark.nature !== "majorana") {
    throw new InputError("final", '"nu" for a Dirac N_D ("nubar" needs nature "majorana")', final);
  }
  const onShell = opts.onShell ?? false;
  const up = opts.up ?? PDG.u;
  const down = opts.down ?? PDG.d;
  const { lepton, neutrino } = leptonPdg(opts.lepton);
  const { lepton: pl } = leptonPdg(opts.pair);
  const ml = table.particle(lepton).mass;
  const mp = table.particle(pl).mass;
  const w = table.particle(PDG.W);
  const nD = table.particle(PDG.N_D);
  const zD = table.particle(PDG.Z_D);
  const gWq = table.ffv(up, down, PDG.W).gL;
  const gWN = table.ffv(lepton, PDG.N_D, PDG.W).gL;
  const zp = table.ffv(pl, pl, PDG.Z_D);
  // Σ_α |U_α4|² g_D²: the invisible neutrino flavour is summed.
  const gDecay = dark.gD * Math.sqrt(dark.Ue4Sq + dark.Umu4Sq + dark.Utau4Sq);
  const gNL = final === "nu" ? gDecay : 0;
  const gNR = final === "nu" ? 0 : -gDecay;
  const qin = charge > 0 ? up : down;
  const qout = charge > 0 ? down : up;
  const nuSign = charge > 0 === (final === "nu") ? 1 : -1;
  const pdgIds = Int32Array.from([qin, -qout, -charge * lepton, nuSign * neutrino, pl, -pl]);
  const masses = Float64Array.from([0, 0, ml, 0, mp, mp]);
  const identical = pl === lepton && !onShell;

  const fq = newWavefunction();
  const fqb = newWavefunction();
  const wq = newWavefunction();
  const fl = newWavefunction();
  const fn = newWavefunction();
  const pin = newWavefunction();
  const pout = newWavefunction();
  const eZ = newWavefunction();
  const fN = newWavefunction();
  const amp = new Float64Array(4);

  /** Amplitude with the production lepton at offset oL and the pair (ℓ′⁻, ℓ′⁺) at (oM, oP); res[2k]. */
  function chain(
    p: Float64Array,
    oL: number,
    oM: number,
    oP: number,
    hl: number,
    hn: number,
    hm: number,
    hp: number,
    k: number,
  ): void {
    ixxxxx(pin, p, oP, mp, hp, -1);
    oxxxxx(pout, p, oM, mp, hm, 1);
    jio(eZ, pin, pout, zp.gL, zp.gR, zD.mass, zD.width, onShell);
    if (charge > 0) {
      oxxxxx(fn, p, 12, 0, hn, 1);
      fvo(fN, fn, eZ, gNL, gNR, nD.mass, nD.width, onShell);
      ixxxxx(fl, p, oL, ml, hl, -1);
      iov(amp, k, fl, fN, wq, gWN, 0);
    } else {
      ixxxxx(fn, p, 12, 0, hn, -1);
      fvi(fN, fn, eZ, gNL, gNR, nD.mass, nD.width, onShell);
      oxxxxx(fl, p, oL, ml, hl, 1);
      iov(amp, k, fN, fl, wq, gWN, 0);
    }
  }

  // MadGraph decay-chain syntax, e.g. "u d~ > mu+ n1, (n1 > vm zp, zp > e- e+)" (narrow width: "[NWA]").
  const nName = particleName(charge * PDG.N_D);
  const names = Array.from(pdgIds, particleName);
  const name = `${names[0]} ${names[1]} > ${names[2]} ${nName}, (${nName} > ${names[3]} zp, zp > ${names[4]} ${names[5]})${onShell ? " [NWA]" : ""}`;
  return {
    name,
    pdgIds,
    masses,
    evaluate(p: Float64Array): number {
      ixxxxx(fq, p, 0, 0, -1, 1);
      oxxxxx(fqb, p, 4, 0, 1, -1);
      jio(wq, fq, fqb, gWq, 0, w.mass, w.width);
      let sum = 0;
      for (let hl = -1; hl <= 1; hl += 2) {
        for (let hn = -1; hn <= 1; hn += 2) {
          for (let hm = -1; hm <= 1; hm += 2) {
            for (let hp = -1; hp <= 1; hp += 2) {
              chain(p, 8, 16, 20, hl, hn, hm, hp, 0);
              let re = amp[0]!;
              let im = amp[1]!;
              if (identical) {
                // exchange the identical leptons: W⁺: ℓ⁺ (8) ↔ ℓ′⁺ (20); W⁻: ℓ⁻ (8) ↔ ℓ′⁻ (16)
                if (charge > 0) chain(p, 20, 16, 8, hp, hn, hm, hl, 1);
                else chain(p, 16, 8, 20, hm, hn, hl, hp, 1);
                re -= amp[2]!;
                im -= amp[3]!;
              }
              sum += re * re + im * im;
            }
          }
        }
      }
      return sum / 12;
    },
  };
}

/** q q̄′ → ℓ N_D with access to the N_D helicity (for the factorisation check of the decay chain). */
export interface LNProductionMatrixElement extends MatrixElement {
  /** |M|² averaged over initial spins/colours, summed over the ℓ helicity, at fixed N_D helicity ±1. */
  evaluateHelicity(p: Float64Array, hN: -1 | 1): number;
}

/** q q̄′ → W* → ℓ N_D. Legs: charge +1 [u, d̄, ℓ⁺, N_D]; charge −1 [d, ū, ℓ⁻, N̄_D]. */
export function createLNProduction(
  table: ModelTable,
  opts: { charge: 1 | -1; lepton: LeptonName | "tau"; up?: number; down?: number },
): LNProductionMatrixElement {
  darkOrThrow(table);
  const charge = checkCharge(opts.charge);
  const up = opts.up ?? PDG.u;
  const down = opts.down ?? PDG.d;
  const { lepton } = leptonPdg(opts.lepton);
  const ml = table.particle(lepton).mass;
  const w = table.particle(PDG.W);
  const mN = table.particle(PDG.N_D).mass;
  const gWq = table.ffv(up, down, PDG.W).gL;
  const gWN = table.ffv(lepton, PDG.N_D, PDG.W).gL;
  const qin = charge > 0 ? up : down;
  const qout = charge > 0 ? down : up;
  const pdgIds = Int32Array.from([qin, -qout, -charge * lepton, charge * PDG.N_D]);
  const fq = newWavefunction();
  const fqb = newWavefunction();
  const wq = newWavefunction();
  const fl = newWavefunction();
  const fN = newWavefunction();
  const amp = new Float64Array(2);
  function helicity(p: Float64Array, hN: number): number {
    ixxxxx(fq, p, 0, 0, -1, 1);
    oxxxxx(fqb, p, 4, 0, 1, -1);
    jio(wq, fq, fqb, gWq, 0, w.mass, w.width);
    let sum = 0;
    for (let hl = -1; hl <= 1; hl += 2) {
      if (charge > 0) {
        ixxxxx(fl, p, 8, ml, hl, -1);
        oxxxxx(fN, p, 12, mN, hN, 1);
        iov(amp, 0, fl, fN, wq, gWN, 0);
      } else {
        oxxxxx(fl, p, 8, ml, hl, 1);
        ixxxxx(fN, p, 12, mN, hN, -1);
        iov(amp, 0, fN, fl, wq, gWN, 0);
      }
      sum += amp[0]! * amp[0]! + amp[1]! * amp[1]!;
    }
    return sum / 12;
  }
  return {
    name: processName(pdgIds, 2),
    pdgIds,
    masses: Float64Array.from([0, 0, ml, mN]),
    evaluateHelicity: helicity,
    evaluate(p: Float64Array): number {
      return helicity(p, -1) + helicity(p, 1);
    },
  };
}
