/**
 * Two-leg processes built from the model table: q q̄′ → W± → ℓ± ν, and the decays W → ℓν,
 * Z_D → ℓ⁺ℓ⁻, N_D → ν Z_D (used to check the engine against analytic widths).
 * Helicity sums run over every helicity of every leg (these are cheap).
 */
import { PDG } from "../core/constants.js";
import { InputError } from "../core/errors.js";
import { iov, ixxxxx, jio, newWavefunction, oxxxxx, vxxxxx } from "./helas.js";
import type { ModelTable } from "./modelTable.js";
import type { LeptonName, MatrixElement } from "./types.js";

/** PDG code of a charged lepton (particle) and of its neutrino. */
export function leptonPdg(l: LeptonName | "tau"): { lepton: number; neutrino: number } {
  if (l === "e") return { lepton: PDG.e, neutrino: PDG.nu_e };
  if (l === "mu") return { lepton: PDG.mu, neutrino: PDG.nu_mu };
  if (l === "tau") return { lepton: PDG.tau, neutrino: PDG.nu_tau };
  throw new InputError("lepton", '"e", "mu" or "tau"', l);
}

export function checkCharge(charge: number): 1 | -1 {
  if (charge !== 1 && charge !== -1) throw new InputError("charge", "+1 or −1", charge);
  return charge;
}

const NAMES: Record<number, string> = {
  1: "d",
  2: "u",
  3: "s",
  4: "c",
  5: "b",
  11: "e-",
  12: "ve",
  13: "mu-",
  14: "vm",
  15: "ta-",
  16: "vt",
  22: "a",
  23: "z",
  24: "w+",
  9900012: "n1",
  9900022: "zp",
};

/** MadGraph-style name of a PDG code (antiparticles with ~, charged leptons and W flipping sign). */
export function particleName(pdg: number): string {
  const a = Math.abs(pdg);
  const base = NAMES[a] ?? String(a);
  if (pdg > 0) return base;
  if (base.endsWith("-")) return `${base.slice(0, -1)}+`;
  if (base.endsWith("+")) return `${base.slice(0, -1)}-`;
  return `${base}~`;
}

export function processName(pdgIds: Int32Array, nIn: number): string {
  const names = Array.from(pdgIds, particleName);
  return `${names.slice(0, nIn).join(" ")} > ${names.slice(nIn).join(" ")}`;
}

export interface ChargedCurrentOptions {
  /** +1: u d̄ → W⁺ → ℓ⁺ ν; −1: d ū → W⁻ → ℓ⁻ ν̄. */
  charge: 1 | -1;
  lepton: LeptonName | "tau";
  /** Up- and down-type quark flavours (PDG 2 or 4; 1 or 3). Default u, d. */
  up?: number;
  down?: number;
}

/**
 * q q̄′ → W± → ℓ± ν(ν̄), legs [q, q̄′, ℓ, ν]: for charge +1 [u, d̄, ℓ⁺, ν_ℓ], for −1 [d, ū, ℓ⁻, ν̄_ℓ].
 * Closed form (massless quarks, any m_ℓ): |M|² = g⁴|V|²/3 · (p_q·p_ℓ̄)(p_q̄′·p_ν)/|s − μ_W²|², see
 * test/amplitudes.widths.test.ts.
 */
export function createChargedCurrentDY(table: ModelTable, opts: ChargedCurrentOptions): MatrixElement {
  const charge = checkCharge(opts.charge);
  const up = opts.up ?? PDG.u;
  const down = opts.down ?? PDG.d;
  const { lepton, neutrino } = leptonPdg(opts.lepton);
  const ml = table.particle(lepton).mass;
  const w = table.particle(PDG.W);
  const gq = table.ffv(up, down, PDG.W).gL;
  const gl = table.ffv(lepton, neutrino, PDG.W).gL;
  const qin = charge > 0 ? up : down;
  const qout = charge > 0 ? down : up;
  const pdgIds = Int32Array.from(
    charge > 0 ? [qin, -qout, -lepton, neutrino] : [qin, -qout, lepton, -neutrino],
  );
  const masses = Float64Array.from([0, 0, ml, 0]);
  const fq = newWavefunction();
  const fqb = newWavefunction();
  const fl = newWavefunction();
  const fn = newWavefunction();
  const wq = newWavefunction();
  const amp = new Float64Array(2);
  return {
    name: processName(pdgIds, 2),
    pdgIds,
    masses,
    evaluate(p: Float64Array): number {
      let sum = 0;
      for (let h1 = -1; h1 <= 1; h1 += 2) {
        ixxxxx(fq, p, 0, 0, h1, 1);
        for (let h2 = -1; h2 <= 1; h2 += 2) {
          oxxxxx(fqb, p, 4, 0, h2, -1);
          jio(wq, fq, fqb, gq, 0, w.mass, w.width);
          for (let h3 = -1; h3 <= 1; h3 += 2) {
            for (let h4 = -1; h4 <= 1; h4 += 2) {
              if (charge > 0) {
                ixxxxx(fl, p, 8, ml, h3, -1); // v(ℓ⁺)
                oxxxxx(fn, p, 12, 0, h4, 1); // ū(ν)
                iov(amp, 0, fl, fn, wq, gl, 0);
              } else {
                oxxxxx(fl, p, 8, ml, h3, 1); // ū(ℓ⁻)
                ixxxxx(fn, p, 12, 0, h4, -1); // v(ν̄)
                iov(amp, 0, fn, fl, wq, gl, 0);
              }
              sum += amp[0]! * amp[0]! + amp[1]! * amp[1]!;
            }
          }
        }
      }
      // spin average 1/4, colour: Σ δ_ij δ_ij / 9 = 1/3
      return sum / 12;
    },
  };
}

/** W⁺ → ℓ⁺ ν_ℓ (charge +1) or W⁻ → ℓ⁻ ν̄_ℓ, legs [W, ℓ, ν]; |M|² averaged over the 3 W polarisations. */
export function createWDecay(table: ModelTable, charge: 1 | -1, l: LeptonName | "tau"): MatrixElement {
  checkCharge(charge);
  const { lepton, neutrino } = leptonPdg(l);
  const ml = table.particle(lepton).mass;
  const mw = table.particle(PDG.W).mass;
  const gl = table.ffv(lepton, neutrino, PDG.W).gL;
  const pdgIds = Int32Array.from(charge > 0 ? [PDG.W, -lepton, neutrino] : [-PDG.W, lepton, -neutrino]);
  const eps = newWavefunction();
  const fl = newWavefunction();
  const fn = newWavefunction();
  const amp = new Float64Array(2);
  return {
    name: processName(pdgIds, 1),
    pdgIds,
    masses: Float64Array.from([mw, ml, 0]),
    evaluate(p: Float64Array): number {
      let sum = 0;
      for (let hw = -1; hw <= 1; hw++) {
        vxxxxx(eps, p, 0, mw, hw, 1);
        for (let h1 = -1; h1 <= 1; h1 += 2) {
          for (let h2 = -1; h2 <= 1; h2 += 2) {
            if (charge > 0) {
              ixxxxx(fl, p, 4, ml, h1, -1);
              oxxxxx(fn, p, 8, 0, h2, 1);
              iov(amp, 0, fl, fn, eps, gl, 0);
            } else {
              oxxxxx(fl, p, 4, ml, h1, 1);
              ixxxxx(fn, p, 8, 0, h2, -1);
              iov(amp, 0, fn, fl, eps, gl, 0);
            }
            sum += amp[0]! * amp[0]! + amp[1]! * amp[1]!;
          }
        }
      }
      return sum / 3;
    },
  };
}

/** Z_D → ℓ⁻ ℓ⁺, legs [Z_D, ℓ⁻, ℓ⁺]; averaged over the 3 Z_D polarisations. Needs the dark sector. */
export function createZDDecay(table: ModelTable, l: LeptonName | "tau"): MatrixElement {
  const { lepton } = leptonPdg(l);
  const ml = table.particle(lepton).mass;
  const mz = table.particle(PDG.Z_D).mass;
  const c = table.ffv(lepton, lepton, PDG.Z_D);
  const pdgIds = Int32Array.from([PDG.Z_D, lepton, -lepton]);
  const eps = newWavefunction();
  const fm = newWavefunction();
  const fp = newWavefunction();
  const amp = new Float64Array(2);
  return {
    name: processName(pdgIds, 1),
    pdgIds,
    masses: Float64Array.from([mz, ml, ml]),
    evaluate(p: Float64Array): number {
      let sum = 0;
      for (let hz = -1; hz <= 1; hz++) {
        vxxxxx(eps, p, 0, mz, hz, 1);
        for (let h1 = -1; h1 <= 1; h1 += 2) {
          oxxxxx(fm, p, 4, ml, h1, 1);
          for (let h2 = -1; h2 <= 1; h2 += 2) {
            ixxxxx(fp, p, 8, ml, h2, -1);
            iov(amp, 0, fp, fm, eps, c.gL, c.gR);
            sum += amp[0]! * amp[0]! + amp[1]! * amp[1]!;
          }
        }
      }
      return sum / 3;
    },
  };
}

/**
 * N_D → ν_ℓ Z_D (final: "nu") or, for a Majorana N_D, N_D → ν̄_ℓ Z_D ("nubar"); legs [N_D, ν, Z_D],
 * averaged over the 2 N_D spins. The ν̄ channel uses the reversed-fermion-flow vertex of the chiral
 * coupling, C(γ^μ P_L)^T C⁻¹ = −γ^μ P_R (Denner, Eck, Hahn, Küblbeck, Nucl. Phys. B387 (1992) 467).
 */
export function createNDecay(
  table: ModelTable,
  l: LeptonName | "tau",
  final: "nu" | "nubar" = "nu",
): MatrixElement {
  const { neutrino } = leptonPdg(l);
  if (final === "nubar" && table.dark?.nature !== "majorana") {
    throw new InputError("final", '"nu" for a Dirac N_D ("nubar" needs nature "majorana")', final);
  }
  const mn = table.particle(PDG.N_D).mass;
  const mz = table.particle(PDG.Z_D).mass;
  const g = table.ffv(neutrino, PDG.N_D, PDG.Z_D).gL;
  const gL = final === "nu" ? g : 0;
  const gR = final === "nu" ? 0 : -g;
  const pdgIds = Int32Array.from([PDG.N_D, final === "nu" ? neutrino : -neutrino, PDG.Z_D]);
  const fN = newWavefunction();
  const fn = newWavefunction();
  const eps = newWavefunction();
  const amp = new Float64Array(2);
  return {
    name: processName(pdgIds, 1),
    pdgIds,
    masses: Float64Array.from([mn, 0, mz]),
    evaluate(p: Float64Array): number {
      let sum = 0;
      for (let h0 = -1; h0 <= 1; h0 += 2) {
        ixxxxx(fN, p, 0, mn, h0, 1);
        for (let h1 = -1; h1 <= 1; h1 += 2) {
          oxxxxx(fn, p, 4, 0, h1, 1);
          for (let hz = -1; hz <= 1; hz++) {
            vxxxxx(eps, p, 8, mz, hz, -1);
            iov(amp, 0, fN, fn, eps, gL, gR);
            sum += amp[0]! * amp[0]! + amp[1]! * amp[1]!;
          }
        }
      }
      return sum / 2;
    },
  };
}
