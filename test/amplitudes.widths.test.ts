/**
 * Engine widths and 2 → 2 closed forms: the HELAS-style building blocks (src/amplitudes/helas.ts)
 * against analytic results. Tolerances: these are exact tree-level identities evaluated in double
 * precision; |M|² for an unpolarised two-body decay is isotropic, so no MC error enters and the
 * tolerance 1e-12 only covers rounding (a few hundred flops).
 */
import { describe, expect, it } from "vitest";
import { buildModelTable } from "../src/amplitudes/modelTable.js";
import {
  createChargedCurrentDY,
  createNDecay,
  createWDecay,
  createZDDecay,
} from "../src/amplitudes/simple.js";
import { ramboPoint, twoBodyDecay } from "../src/amplitudes/testing.js";
import type { DarkSectorInputs, MatrixElement } from "../src/amplitudes/types.js";
import { ALPHA_0, PDG } from "../src/core/constants.js";
import { twoBodyMomentum } from "../src/core/fourvector.js";
import { randomStream } from "../src/core/rng.js";
import { electroweakParameters } from "../src/model/electroweak.js";
import { widthNToNuZD, widthZDToLeptons } from "../src/model/widths.js";

const DARK: DarkSectorInputs = {
  mN: 0.3,
  widthN: 1e-6,
  mZD: 0.1,
  widthZD: 1e-12,
  Ue4Sq: 0,
  Umu4Sq: 1e-4,
  Utau4Sq: 0,
  eps: Math.sqrt(2e-10 / ALPHA_0),
  gD: 0.25,
  nature: "dirac",
};

/** Γ = |p*|/(8π m²) × ⟨|M|²⟩ over decay directions (two-body phase space, PDG kinematics eq. 49.17). */
function engineWidth(me: MatrixElement, nDirections = 7): number[] {
  const m = me.masses[0]!;
  const m1 = me.masses[1]!;
  const m2 = me.masses[2]!;
  const p = new Float64Array(12);
  const rng = randomStream(11, 0);
  const out: number[] = [];
  for (let i = 0; i < nDirections; i++) {
    // parent moving along a random direction to exercise the boosts as well
    const pz = 5 * (rng.uniform() - 0.5) * m;
    p[0] = Math.hypot(m, pz);
    p[1] = 0;
    p[2] = 0;
    p[3] = pz;
    twoBodyDecay(p, 0, m1, m2, 2 * rng.uniform() - 1, 2 * Math.PI * rng.uniform(), 4, 8);
    // width in the parent rest frame: |M|² is Lorentz invariant
    out.push((twoBodyMomentum(m, m1, m2) / (8 * Math.PI * m * m)) * me.evaluate(p));
  }
  return out;
}

describe("W → ℓν width from the engine", () => {
  for (const scheme of ["gmu", "mg5-sm"] as const) {
    for (const l of ["e", "mu", "tau"] as const) {
      for (const charge of [1, -1] as const) {
        it(`${scheme} W${charge > 0 ? "+" : "-"} → ${l} ν: Γ = G_F m_W³/(6√2π)(1 − r)²(1 + r/2)`, () => {
          const ew = electroweakParameters(scheme);
          const table = buildModelTable(ew);
          const me = createWDecay(table, charge, l);
          const ml = me.masses[1]!;
          const r = (ml * ml) / (ew.mW * ew.mW);
          // Reference: tree-level V−A width with g² = e²/s_W²; in the G_μ scheme g² = 4√2 G_F m_W²
          // (PDG 2024 EW review, eq. 10.9 ff.), so Γ = G_F m_W³/(6√2π)·(1 − r)²(1 + r/2).
          const g2 = (ew.e * ew.e) / ew.sw2;
          const analytic = ((g2 * ew.mW) / (48 * Math.PI)) * (1 - r) ** 2 * (1 + r / 2);
          for (const w of engineWidth(me)) expect(w / analytic - 1).toBeCloseTo(0, 12);
          if (scheme === "gmu") {
            const gf = ((ew.gF * ew.mW ** 3) / (6 * Math.SQRT2 * Math.PI)) * (1 - r) ** 2 * (1 + r / 2);
            expect(analytic / gf - 1).toBeCloseTo(0, 13);
          }
        });
      }
    }
  }
});

describe("Z_D → ℓℓ and N_D → ν Z_D from the engine", () => {
  for (const mZD of [0.05, 0.25, 3]) {
    for (const l of ["e", "mu"] as const) {
      const ml = l === "e" ? 0.51099895e-3 : 0.1056583755;
      if (2 * ml >= mZD) continue;
      it(`Γ(Z_D → ${l}${l}) at m = ${mZD} GeV equals (αε²/3) m (1 + 2r)√(1 − 4r) (paper eq. 8, massive form) and the model module`, () => {
        const table = buildModelTable(electroweakParameters("gmu"), { ...DARK, mZD, mN: 2 * mZD + 0.3 });
        const me = createZDDecay(table, l);
        const alphaEps2 = ALPHA_0 * DARK.eps * DARK.eps;
        const analytic = widthZDToLeptons(mZD, ml, alphaEps2);
        for (const w of engineWidth(me)) expect(w / analytic - 1).toBeCloseTo(0, 11);
      });
    }
  }
  for (const [mN, mZD] of [
    [0.3, 0.1],
    [1, 0.01],
    [5, 4.5],
  ] as const) {
    it(`Γ(N_D → ν Z_D) at (m_N, m_Z) = (${mN}, ${mZD}): engine = g_D²|U|² m_N³/(32π m_Z²)(1 − x)²(1 + 2x) = eq. 6 / 4 at x → 0`, () => {
      const table = buildModelTable(electroweakParameters("gmu"), { ...DARK, mN, mZD });
      const me = createNDecay(table, "mu");
      // Chiral coupling g_D U γ^μ P_L, Dirac N_D: the model module's "chiral" convention
      // (src/model/widths.ts); the paper's eq. 6 is 4× this at x → 0 (docs/amplitudes.md).
      const chiral = widthNToNuZD(mN, mZD, DARK.gD, DARK.Umu4Sq, "dirac", "chiral");
      const eq6 = widthNToNuZD(mN, mZD, DARK.gD, DARK.Umu4Sq, "dirac", "paper-eq6");
      for (const w of engineWidth(me)) {
        expect(w / chiral - 1).toBeCloseTo(0, 11);
        expect(eq6 / w).toBeCloseTo(4, 10);
      }
    });
  }
  it("Majorana N_D: Γ(N → ν̄ Z_D) = Γ(N → ν Z_D), so the total is 2× the Dirac width (model module, majorana)", () => {
    const table = buildModelTable(electroweakParameters("gmu"), { ...DARK, nature: "majorana" });
    const wNu = engineWidth(createNDecay(table, "mu", "nu"));
    const wNubar = engineWidth(createNDecay(table, "mu", "nubar"));
    const total = widthNToNuZD(DARK.mN, DARK.mZD, DARK.gD, DARK.Umu4Sq, "majorana", "chiral");
    for (let i = 0; i < wNu.length; i++) expect((wNu[i]! + wNubar[i]!) / total - 1).toBeCloseTo(0, 11);
    expect(() => createNDecay(buildModelTable(electroweakParameters("gmu"), DARK), "mu", "nubar")).toThrow(
      /majorana/,
    );
  });
});

describe("q q̄′ → W → ℓν against the closed form", () => {
  it("|M|² = g⁴|V|²/3 (p_q·p_ℓ̄)(p_q̄′·p_ν)/|s − m_W² + i m_W Γ_W|² at random points, both charges, m_ℓ kept", () => {
    // Reference: spin-summed V−A trace 16 (p₁·p₃)(p₂·p₄) × (g/√2)⁴|V|², averaged by 1/4 (spin)
    // and 1/3 (colour); the p^μp^ν/m_W² term vanishes for massless quarks (e.g. Ellis, Stirling,
    // Webber, "QCD and collider physics", eq. 9.8 with the W propagator).
    const ew = electroweakParameters("gmu");
    const table = buildModelTable(ew);
    const rng = randomStream(5, 0);
    const p = new Float64Array(16);
    const dot = (i: number, j: number): number =>
      p[4 * i]! * p[4 * j]! -
      p[4 * i + 1]! * p[4 * j + 1]! -
      p[4 * i + 2]! * p[4 * j + 2]! -
      p[4 * i + 3]! * p[4 * j + 3]!;
    for (const charge of [1, -1] as const) {
      for (const l of ["e", "mu", "tau"] as const) {
        const me = createChargedCurrentDY(table, { charge, lepton: l, up: PDG.u, down: PDG.s });
        const g = ew.e / ew.sw;
        const v = ew.ckm[0]![1]!;
        for (let k = 0; k < 5; k++) {
          const sqrtS = 20 + 150 * rng.uniform();
          ramboPoint(p, sqrtS, [me.masses[2]!, 0], rng);
          const s = sqrtS * sqrtS;
          const d2 = (s - ew.mW ** 2) ** 2 + (ew.mW * ew.widthW) ** 2;
          // charge +1: (p_u·p_ℓ+)(p_d̄·p_ν); charge −1 (d ū → ℓ⁻ ν̄): (p_d·p_ν̄)(p_ū·p_ℓ−)
          const num = charge > 0 ? dot(0, 2) * dot(1, 3) : dot(0, 3) * dot(1, 2);
          const ref = (g ** 4 * v * v * num) / (3 * d2);
          expect(me.evaluate(p) / ref - 1).toBeCloseTo(0, 11);
        }
      }
    }
  });
});
