/**
 * The model table: particles (mass, width, charge, colour), and vertices with their couplings, from
 * which the matrix elements are assembled (they look couplings up here; none is hard-coded in a
 * process).
 *
 * Conventions (see docs/amplitudes.md). Covariant derivative D_μ = ∂_μ + i e Q A_μ + …, so that
 *   L ⊃ ψ̄′ γ^μ (g_L P_L + g_R P_R) ψ V_μ  with vertex factor i γ^μ (g_L P_L + g_R P_R)  (helas.ts), and
 *   γ f f :  g_L = g_R = −e Q_f
 *   Z f f :  g_L = −(e/(s_W c_W)) (T3_f − Q_f s_W²),  g_R = +(e s_W/c_W) Q_f
 *   W⁺ u d:  g_L = −(e/(√2 s_W)) |V_ud|,  g_R = 0   (same for W⁻ d u, and for W ℓ ν_ℓ with V → 1)
 *   W ℓ N_D: g_L = −(e/(√2 s_W)) U_ℓ4
 *   Z_D f f: g_L = g_R = −e₀ ε Q_f   (kinetic mixing with the photon, e₀ = √(4π α(0)) by default)
 *   Z_D ν_ℓ N_D: g_L = g_D U_ℓ4, g_R = 0   ("chiral", as in the paper's public UFO model)
 *   W W γ: g = e,  W W Z: g = e c_W/s_W   (vertex of helas.ts `vvvOpen`, times VVV_SIGN)
 * Electroweak inputs from `electroweakParameters(scheme)` (src/model/electroweak.ts): G_μ scheme by
 * default, MadGraph's `sm` defaults with "mg5-sm". CKM magnitudes real (no CP phase at this order).
 * Neglected: Z–Z_D mass mixing (O(ε m_ZD²/m_Z²)), the SM Z ν̄ N_D coupling (O(U), it does not enter the
 * signal chain), Higgs exchange (Yukawa-suppressed for e, μ, light quarks).
 */
import { ALPHA_0, PDG } from "../core/constants.js";
import { checkRange, InputError } from "../core/errors.js";
import type { ElectroweakParameters } from "../model/electroweak.js";
import type { DarkSectorInputs } from "./types.js";

/**
 * Sign of the triple-gauge vertex relative to the FFV couplings above. Fixed by the photon Ward
 * identity of q q̄′ → ℓ ν γ (test/amplitudes.background.test.ts): with any other sign the sum of the
 * four diagrams is not transverse.
 */
export const VVV_SIGN = -1;

export interface Particle {
  readonly pdg: number;
  readonly name: string;
  readonly mass: number;
  readonly width: number;
  /** Electric charge in units of e (of the particle, not the antiparticle). */
  readonly charge: number;
  /** Weak isospin T3 of the left-handed component (0 for vectors and N_D). */
  readonly t3: number;
  readonly colour: 1 | 3;
  readonly spin: "fermion" | "vector";
}

export interface ChiralCoupling {
  readonly gL: number;
  readonly gR: number;
}

export interface ModelTable {
  readonly ew: ElectroweakParameters;
  readonly dark: DarkSectorInputs | undefined;
  readonly particles: ReadonlyMap<number, Particle>;
  /** Particle by PDG code (absolute value); throws InputError when unknown. */
  particle(pdg: number): Particle;
  /**
   * FFV coupling of boson `v` (PDG, |code|) between fermion species a and b (|PDG| codes, order
   * irrelevant: couplings are real, so the vertex and its Hermitian conjugate agree). Throws when the
   * vertex does not exist.
   */
  ffv(a: number, b: number, v: number): ChiralCoupling;
  /** True when the FFV vertex exists. */
  hasFfv(a: number, b: number, v: number): boolean;
  /** Triple-gauge coupling W W V for V = γ (22) or Z (23), including VVV_SIGN. */
  vvv(v: number): number;
}

function key(a: number, b: number, v: number): string {
  const x = Math.abs(a);
  const y = Math.abs(b);
  return x <= y ? `${x}|${y}|${Math.abs(v)}` : `${y}|${x}|${Math.abs(v)}`;
}

/** Builds the table from EW parameters and (optionally) the dark sector. */
export function buildModelTable(ew: ElectroweakParameters, dark?: DarkSectorInputs): ModelTable {
  const particles = new Map<number, Particle>();
  const add = (p: Particle): void => {
    particles.set(p.pdg, p);
  };
  const f = (
    pdg: number,
    name: string,
    mass: number,
    charge: number,
    t3: number,
    colour: 1 | 3,
    width = 0,
  ): void => add({ pdg, name, mass, width, charge, t3, colour, spin: "fermion" });
  // Light quarks massless (LO collider convention); leptons with the scheme's masses.
  f(PDG.d, "d", 0, -1 / 3, -0.5, 3);
  f(PDG.u, "u", 0, 2 / 3, 0.5, 3);
  f(PDG.s, "s", 0, -1 / 3, -0.5, 3);
  f(PDG.c, "c", 0, 2 / 3, 0.5, 3);
  f(PDG.b, "b", 0, -1 / 3, -0.5, 3);
  f(PDG.t, "t", ew.mTop, 2 / 3, 0.5, 3, ew.widthTop);
  f(PDG.e, "e-", ew.mElectron, -1, -0.5, 1);
  f(PDG.nu_e, "ve", 0, 0, 0.5, 1);
  f(PDG.mu, "mu-", ew.mMuon, -1, -0.5, 1);
  f(PDG.nu_mu, "vm", 0, 0, 0.5, 1);
  f(PDG.tau, "ta-", ew.mTau, -1, -0.5, 1);
  f(PDG.nu_tau, "vt", 0, 0, 0.5, 1);
  const v = (pdg: number, name: string, mass: number, width: number, charge: number): void =>
    add({ pdg, name, mass, width, charge, t3: 0, colour: 1, spin: "vector" });
  v(PDG.gamma, "a", 0, 0, 0);
  v(PDG.Z, "z", ew.mZ, ew.widthZ, 0);
  v(PDG.W, "w+", ew.mW, ew.widthW, 1);

  const couplings = new Map<string, ChiralCoupling>();
  const e = ew.e;
  const { sw, cw } = ew;
  const sw2 = sw * sw;
  // Neutral currents: γ and Z for every SM fermion.
  for (const p of particles.values()) {
    if (p.spin !== "fermion") continue;
    const q = p.charge;
    if (q !== 0) couplings.set(key(p.pdg, p.pdg, PDG.gamma), { gL: -e * q, gR: -e * q });
    couplings.set(key(p.pdg, p.pdg, PDG.Z), {
      gL: (-e / (sw * cw)) * (p.t3 - q * sw2),
      gR: ((e * sw) / cw) * q,
    });
  }
  // Charged currents.
  const gw = -e / (Math.SQRT2 * sw);
  const ups = [PDG.u, PDG.c, PDG.t];
  const downs = [PDG.d, PDG.s, PDG.b];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const vij = ew.ckm[i]![j]!;
      if (vij !== 0) couplings.set(key(ups[i]!, downs[j]!, PDG.W), { gL: gw * vij, gR: 0 });
    }
  }
  couplings.set(key(PDG.e, PDG.nu_e, PDG.W), { gL: gw, gR: 0 });
  couplings.set(key(PDG.mu, PDG.nu_mu, PDG.W), { gL: gw, gR: 0 });
  couplings.set(key(PDG.tau, PDG.nu_tau, PDG.W), { gL: gw, gR: 0 });

  if (dark) {
    checkRange("dark.mN", dark.mN, { min: 0, minExclusive: true, unit: "GeV" });
    checkRange("dark.widthN", dark.widthN, { min: 0, unit: "GeV" });
    checkRange("dark.mZD", dark.mZD, { min: 0, minExclusive: true, unit: "GeV" });
    checkRange("dark.widthZD", dark.widthZD, { min: 0, unit: "GeV" });
    checkRange("dark.Ue4Sq", dark.Ue4Sq, { min: 0, max: 1 });
    checkRange("dark.Umu4Sq", dark.Umu4Sq, { min: 0, max: 1 });
    checkRange("dark.Utau4Sq", dark.Utau4Sq, { min: 0, max: 1 });
    checkRange("dark.eps", dark.eps, { min: 0, max: 1 });
    checkRange("dark.gD", dark.gD, { min: 0, max: Math.sqrt(4 * Math.PI) });
    if (dark.nature !== "dirac" && dark.nature !== "majorana") {
      throw new InputError("dark.nature", '"dirac" or "majorana"', dark.nature);
    }
    const alphaZD = checkRange("dark.alphaZD", dark.alphaZD ?? ALPHA_0, {
      min: 0,
      max: 1,
      minExclusive: true,
    });
    add({
      pdg: PDG.N_D,
      name: "n1",
      mass: dark.mN,
      width: dark.widthN,
      charge: 0,
      t3: 0,
      colour: 1,
      spin: "fermion",
    });
    add({
      pdg: PDG.Z_D,
      name: "zp",
      mass: dark.mZD,
      width: dark.widthZD,
      charge: 0,
      t3: 0,
      colour: 1,
      spin: "vector",
    });
    const e0 = Math.sqrt(4 * Math.PI * alphaZD);
    for (const p of particles.values()) {
      if (p.spin === "fermion" && p.charge !== 0) {
        couplings.set(key(p.pdg, p.pdg, PDG.Z_D), {
          gL: -e0 * dark.eps * p.charge,
          gR: -e0 * dark.eps * p.charge,
        });
      }
    }
    const mix: [number, number, number][] = [
      [PDG.e, PDG.nu_e, Math.sqrt(dark.Ue4Sq)],
      [PDG.mu, PDG.nu_mu, Math.sqrt(dark.Umu4Sq)],
      [PDG.tau, PDG.nu_tau, Math.sqrt(dark.Utau4Sq)],
    ];
    for (const [l, nu, u] of mix) {
      if (u === 0) continue;
      couplings.set(key(l, PDG.N_D, PDG.W), { gL: gw * u, gR: 0 });
      couplings.set(key(nu, PDG.N_D, PDG.Z_D), { gL: dark.gD * u, gR: 0 });
    }
  }

  const gWWA = VVV_SIGN * e;
  const gWWZ = (VVV_SIGN * e * cw) / sw;
  const table: ModelTable = {
    ew,
    dark,
    particles,
    particle(pdg: number): Particle {
      const p = particles.get(Math.abs(pdg));
      if (!p)
        throw new InputError(
          "pdg",
          `a particle of the model table (${[...particles.keys()].join(", ")})`,
          pdg,
        );
      return p;
    },
    ffv(a: number, b: number, vb: number): ChiralCoupling {
      const c = couplings.get(key(a, b, vb));
      if (!c) throw new InputError("vertex", "an FFV vertex of the model table", `${a} ${b} ${vb}`);
      return c;
    },
    hasFfv(a: number, b: number, vb: number): boolean {
      return couplings.has(key(a, b, vb));
    },
    vvv(vb: number): number {
      if (vb === PDG.gamma) return gWWA;
      if (vb === PDG.Z) return gWWZ;
      throw new InputError("vertex", "W W γ (22) or W W Z (23)", vb);
    },
  };
  return table;
}
