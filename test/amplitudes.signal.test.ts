/**
 * Signal chain q q̄′ → ℓ N_D, N_D → ν Z_D, Z_D → ℓ′ℓ′ (src/amplitudes/signal.ts): factorisation of
 * the narrow-width 2 → 5 amplitude into production × decay widths, |U|² scaling, the narrow-width and
 * Breit–Wigner modes against each other, and the identical-lepton symmetry.
 */
import { describe, expect, it } from "vitest";
import { buildModelTable } from "../src/amplitudes/modelTable.js";
import { createLNProduction, createSignal } from "../src/amplitudes/signal.js";
import { createChargedCurrentDY } from "../src/amplitudes/simple.js";
import { ramboPoint, twoBodyDecay } from "../src/amplitudes/testing.js";
import type { DarkSectorInputs } from "../src/amplitudes/types.js";
import { ALPHA_0, M_E, M_MU } from "../src/core/constants.js";
import { twoBodyMomentum } from "../src/core/fourvector.js";
import { randomStream } from "../src/core/rng.js";
import { electroweakParameters } from "../src/model/electroweak.js";
import { widthNToNuZD, widthZDToLeptons } from "../src/model/widths.js";

const EW = electroweakParameters("gmu");
const DARK: DarkSectorInputs = {
  mN: 0.3,
  widthN: 2e-7,
  mZD: 0.1,
  widthZD: 3e-13,
  Ue4Sq: 0,
  Umu4Sq: 1e-4,
  Utau4Sq: 0,
  eps: Math.sqrt(2e-10 / ALPHA_0),
  gD: 0.25,
  nature: "dirac",
};

/** Fills the 2 → 5 point from a 2 → 2 (ℓ N) point with N and Z_D decay directions. */
function chainPoint(
  p2: Float64Array,
  out: Float64Array,
  buf: Float64Array,
  _mN: number,
  mZ: number,
  mp: number,
  r: number[],
): void {
  out.set(p2.subarray(0, 12));
  buf.set(p2.subarray(12, 16), 0);
  twoBodyDecay(buf, 0, 0, mZ, r[0]!, r[1]!, 4, 8); // ν at buf[4..], Z_D at buf[8..]
  out.set(buf.subarray(4, 8), 12);
  twoBodyDecay(buf, 8, mp, mp, r[2]!, r[3]!, 12, 16); // ℓ′⁻, ℓ′⁺
  out.set(buf.subarray(12, 16), 16);
  out.set(buf.subarray(16, 20), 20);
}

describe("narrow-width factorisation of the signal chain", () => {
  const cases = [
    { charge: 1, final: "nu", nature: "dirac" },
    { charge: -1, final: "nu", nature: "dirac" },
    { charge: 1, final: "nubar", nature: "majorana" },
    { charge: -1, final: "nubar", nature: "majorana" },
  ] as const;
  for (const c of cases) {
    it(`W${c.charge > 0 ? "+" : "-"} ${c.nature} ${c.final}: ∫dΩ_N dΩ_Z |M_onShell|² = Σ_λ|M(q q̄′ → μN)|² · 2m_NΓ(N → νZ_D) · 2m_ZΓ(Z_D → ee) within MC error`, () => {
      // Reference: narrow-width factorisation with spin sums (e.g. Uhlemann & Kauer, Nucl. Phys. B814
      // (2009) 195): integrating a decay over its full solid angle removes the spin correlations,
      // ∫dΦ₂ D(λ)D*(λ′) = δ_λλ′ 2mΓ. Γ(N → νZ_D) chiral (src/model/widths.ts, checked against the engine
      // in amplitudes.widths.test.ts; the ν̄ channel of a Majorana N_D has the same partial width),
      // Γ(Z_D → ee) = paper eq. 8 massive form. Tolerance: 4 standard errors of the MC mean.
      const table = buildModelTable(EW, { ...DARK, nature: c.nature });
      const sig = createSignal(table, {
        charge: c.charge,
        lepton: "mu",
        pair: "e",
        final: c.final,
        onShell: true,
      });
      const prod = createLNProduction(table, { charge: c.charge, lepton: "mu" });
      const rng = randomStream(31, c.charge > 0 ? (c.final === "nu" ? 0 : 1) : c.final === "nu" ? 2 : 3);
      const p2 = new Float64Array(16);
      const p = new Float64Array(24);
      const buf = new Float64Array(20);
      for (const sqrtS of [60, 80.3]) {
        ramboPoint(p2, sqrtS, [M_MU, DARK.mN], rng);
        const n = 4000;
        let s1 = 0;
        let s2 = 0;
        for (let i = 0; i < n; i++) {
          const r = [
            2 * rng.uniform() - 1,
            2 * Math.PI * rng.uniform(),
            2 * rng.uniform() - 1,
            2 * Math.PI * rng.uniform(),
          ];
          chainPoint(p2, p, buf, DARK.mN, DARK.mZD, M_E, r);
          const v = sig.evaluate(p);
          s1 += v;
          s2 += v * v;
        }
        const mean = s1 / n;
        const err = Math.sqrt((s2 / n - mean * mean) / (n - 1));
        const phiN = twoBodyMomentum(DARK.mN, 0, DARK.mZD) / (4 * Math.PI * DARK.mN);
        const phiZ = twoBodyMomentum(DARK.mZD, M_E, M_E) / (4 * Math.PI * DARK.mZD);
        const gN = widthNToNuZD(DARK.mN, DARK.mZD, DARK.gD, DARK.Umu4Sq, "dirac", "chiral");
        const gZ = widthZDToLeptons(DARK.mZD, M_E, ALPHA_0 * DARK.eps * DARK.eps);
        const ref = (prod.evaluate(p2) * 4 * DARK.mN * gN * DARK.mZD * gZ) / (phiN * phiZ);
        expect(err / mean).toBeLessThan(0.03);
        expect(Math.abs(mean - ref)).toBeLessThan(4 * err);
      }
    });
  }
});

describe("couplings and modes", () => {
  it("q q̄′ → ℓ N_D with U = 1 and m_N → 0 equals q q̄′ → ℓν (all-helicity sum of simple.ts): the fixed quark helicities lose nothing", () => {
    // Reference: N_D with |U_μ4|² = 1 couples exactly like ν_μ to the W (model table); at m_N = 1e-6 GeV
    // the mass effects are O(m_N²/s) ~ 1e-16. Tolerance 1e-11 (rounding).
    const table = buildModelTable(EW, { ...DARK, Umu4Sq: 1, mN: 1e-6 });
    const rng = randomStream(35, 0);
    const p = new Float64Array(16);
    for (const charge of [1, -1] as const) {
      const ln = createLNProduction(table, { charge, lepton: "mu" });
      const dy = createChargedCurrentDY(table, { charge, lepton: "mu" });
      for (let k = 0; k < 5; k++) {
        ramboPoint(p, 30 + 100 * rng.uniform(), [M_MU, 1e-6], rng);
        expect(Math.abs(ln.evaluate(p) / dy.evaluate(p) - 1)).toBeLessThan(1e-11);
      }
    }
  });

  it("|M|² ∝ |U_μ4|² (production) × Σ_α|U_α4|² (decay), exactly", () => {
    // Reference: one W ℓ N vertex ∝ U_μ4 and one Z_D ν N vertex ∝ g_D (Σ|U_α4|²)^{1/2} (summed ν flavour).
    const rng = randomStream(32, 0);
    const p = new Float64Array(24);
    ramboPoint(p, 80, [M_MU, 0, M_E, M_E], rng);
    const base = createSignal(buildModelTable(EW, DARK), { charge: 1, lepton: "mu", pair: "e" }).evaluate(p);
    const scaled = createSignal(buildModelTable(EW, { ...DARK, Umu4Sq: 3e-4, Ue4Sq: 2e-4 }), {
      charge: 1,
      lepton: "mu",
      pair: "e",
    }).evaluate(p);
    expect(scaled / base / (3 * ((3e-4 + 2e-4) / 1e-4)) - 1).toBeCloseTo(0, 12);
  });

  it("Breit–Wigner mode = narrow-width mode / ((m_NΓ_N)²(m_ZΓ_Z)²) at on-shell momenta", () => {
    // At p² = m² the denominators are i mΓ; the q^μq^ν term of the Z_D propagator drops out against
    // the conserved ℓ′ℓ′ current (equal masses), so the two modes differ by exactly |mΓ|² per
    // resonance. Widths are set to 1e-3 GeV here: with the physical Γ_ZD ~ 1e-13 GeV the on-shell
    // denominator mΓ is below the rounding of p² − m² (~1e-16 E²), which is why the generator uses
    // the narrow-width mode. Tolerance: rounding of p² − m² relative to mΓ, < 1e-10.
    const rng = randomStream(33, 0);
    const p2 = new Float64Array(16);
    const p = new Float64Array(24);
    const buf = new Float64Array(20);
    for (const [charge, lepton, pair, mN, mZ] of [
      [1, "e", "mu", 0.5, 0.25],
      [-1, "mu", "e", 0.3, 0.1],
    ] as const) {
      const table = buildModelTable(EW, { ...DARK, Ue4Sq: 1e-5, mN, mZD: mZ, widthN: 1e-3, widthZD: 1e-3 });
      const full = createSignal(table, { charge, lepton, pair, onShell: false });
      const nwa = createSignal(table, { charge, lepton, pair, onShell: true });
      const ml = lepton === "e" ? M_E : M_MU;
      const mp = pair === "e" ? M_E : M_MU;
      for (let k = 0; k < 5; k++) {
        ramboPoint(p2, 80, [ml, mN], rng);
        chainPoint(p2, p, buf, mN, mZ, mp, [
          2 * rng.uniform() - 1,
          6 * rng.uniform(),
          2 * rng.uniform() - 1,
          6 * rng.uniform(),
        ]);
        const factor = (mN * 1e-3) ** 2 * (mZ * 1e-3) ** 2;
        expect((full.evaluate(p) * factor) / nwa.evaluate(p) - 1).toBeCloseTo(0, 10);
      }
    }
  });

  it("identical leptons (ℓ = ℓ′ = μ, Breit–Wigner mode): |M|² symmetric under exchange of the two μ⁺", () => {
    const table = buildModelTable(EW, { ...DARK, mN: 1, mZD: 0.5 });
    const me = createSignal(table, { charge: 1, lepton: "mu", pair: "mu" });
    const rng = randomStream(34, 0);
    const p = new Float64Array(24);
    for (let k = 0; k < 5; k++) {
      ramboPoint(p, 80, [M_MU, 0, M_MU, M_MU], rng);
      const a = me.evaluate(p);
      for (let i = 0; i < 4; i++) {
        const t = p[8 + i]!;
        p[8 + i] = p[20 + i]!;
        p[20 + i] = t;
      }
      expect(me.evaluate(p) / a - 1).toBeCloseTo(0, 12);
    }
  });

  it("bad input: ν̄ channel of a Dirac N_D and a table without dark sector are rejected", () => {
    expect(() =>
      createSignal(buildModelTable(EW, DARK), { charge: 1, lepton: "mu", pair: "e", final: "nubar" }),
    ).toThrow(/majorana/);
    expect(() => createSignal(buildModelTable(EW), { charge: 1, lepton: "mu", pair: "e" })).toThrow(
      /dark-sector/,
    );
  });
});
