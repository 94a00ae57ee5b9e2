/**
 * q q̄′ → ℓ ν ℓ′⁺ℓ′⁻ and q q̄′ → ℓ ν γ (src/amplitudes/background.ts): gauge invariance, the slow twin,
 * symmetries and the quasi-collinear limit.
 */
import { describe, expect, it } from "vitest";
import { createFourLepton, createWGamma } from "../src/amplitudes/background.js";
import { buildModelTable } from "../src/amplitudes/modelTable.js";
import { createChargedCurrentDY } from "../src/amplitudes/simple.js";
import { ramboPoint, twoBodyDecay } from "../src/amplitudes/testing.js";
import { twoBodyMomentum } from "../src/core/fourvector.js";
import { randomStream } from "../src/core/rng.js";
import { electroweakParameters } from "../src/model/electroweak.js";

const EW = electroweakParameters("gmu");
const TABLE = buildModelTable(EW);
const CHARGES = [1, -1] as const;
const FLAVOURS = ["e", "mu"] as const;

function cabs(b: Float64Array, k: number): number {
  return Math.hypot(b[2 * k]!, b[2 * k + 1]!);
}

/** |T·q| for an open tensor T (8 doubles) and a real four-vector q at p[o..o+3]. */
function contractReal(t: Float64Array, p: Float64Array, o: number): number {
  let re = t[0]! * p[o]!;
  let im = t[1]! * p[o]!;
  for (let i = 1; i < 4; i++) {
    re -= t[2 * i]! * p[o + i]!;
    im -= t[2 * i + 1]! * p[o + i]!;
  }
  return Math.hypot(re, im);
}

function tensorNorm(t: Float64Array): number {
  let m = 0;
  for (let i = 0; i < 4; i++) m = Math.max(m, Math.hypot(t[2 * i]!, t[2 * i + 1]!));
  return m;
}

describe("Ward identities", () => {
  // Tolerance: the identity is exact; the sum of 4–5 diagrams, each up to ~10³ × the total near
  // gauge cancellations, in double precision leaves ~1e-13 relative; 1e-11 is a safe bound.
  for (const charge of CHARGES) {
    for (const l of FLAVOURS) {
      it(`q q̄′ → ${l} ν γ (W${charge > 0 ? "+" : "-"}): ε(k) → k gives 0 at 10 random points`, () => {
        const me = createWGamma(TABLE, { charge, lepton: l });
        const rng = randomStream(21, charge > 0 ? 0 : 1);
        const p = new Float64Array(20);
        const amp = new Float64Array(8);
        const ward = new Float64Array(8);
        for (let k = 0; k < 10; k++) {
          ramboPoint(p, 30 + 300 * rng.uniform(), me.masses.subarray(2), rng);
          me.helicityAmplitudes(p, amp, false);
          me.helicityAmplitudes(p, ward, true);
          let scale = 0;
          for (let h = 0; h < 4; h++) scale = Math.max(scale, cabs(amp, h));
          expect(scale).toBeGreaterThan(0);
          for (let h = 0; h < 4; h++) expect(cabs(ward, h) / (scale * p[16]!)).toBeLessThan(1e-11);
        }
      });
    }
  }

  for (const charge of CHARGES) {
    for (const l of FLAVOURS) {
      for (const lp of FLAVOURS) {
        it(`q q̄′ → ${l} ν ${lp}${lp}: the γ* leg contracted with its momentum vanishes; also the Z leg of a massless-Z model (W3/B Ward identity, checks WWZ and the ν diagram)`, () => {
          const me = createFourLepton(TABLE, { charge, lepton: l, pair: lp });
          // Massless Z: any combination of W³ and B couples to a conserved current when massless,
          // so T_Z·q = 0 with m_Z = 0 (the W mass cancels between the two W propagators). The
          // chiral Z current is conserved only for massless fermions (k̸γ⁵ → 2mγ⁵), so this check
          // uses massless leptons; with m_ℓ the residual is O(m_ℓ/E) of the helicity-conserving size.
          const tableZ0 = buildModelTable({ ...EW, mZ: 0, widthZ: 0, mElectron: 0, mMuon: 0 });
          const meZ0 = createFourLepton(tableZ0, { charge, lepton: l, pair: lp });
          const rng = randomStream(
            22,
            4 * (charge > 0 ? 0 : 1) + 2 * (l === "e" ? 0 : 1) + (lp === "e" ? 0 : 1),
          );
          const p = new Float64Array(24);
          const p0 = new Float64Array(24); // same point generated with massless leptons for the Z check
          const q0 = new Float64Array(4);
          const q = new Float64Array(4);
          const tA = new Float64Array(8);
          const tZ = new Float64Array(8);
          for (let k = 0; k < 5; k++) {
            const sqrtS = 30 + 300 * rng.uniform();
            ramboPoint(p, sqrtS, me.masses.subarray(2), randomStream(22, 100 + k));
            ramboPoint(p0, sqrtS, meZ0.masses.subarray(2), randomStream(22, 100 + k));
            const sets = l === lp ? [0, 1] : [0];
            for (const set of sets as (0 | 1)[]) {
              // in set 1 the pair consists of the other identical lepton: recompute q
              const oOther = charge > 0 ? (set === 0 ? 20 : 8) : set === 0 ? 16 : 8;
              const oFixed = charge > 0 ? 16 : 20;
              for (let i = 0; i < 4; i++) q[i] = p[oOther + i]! + p[oFixed + i]!;
              for (let i = 0; i < 4; i++) q0[i] = p0[oOther + i]! + p0[oFixed + i]!;
              // Normalise by the larger helicity configuration: the helicity-flip tensor is O(m_ℓ/E)
              // (exactly 0 for massless leptons), so its own norm is no scale for rounding.
              let rA = 0;
              let nA = 0;
              let rZ = 0;
              let nZ = 0;
              for (const h of [-1, 1] as const) {
                me.emissionTensors(p, set, h, tA, tZ);
                rA = Math.max(rA, contractReal(tA, q, 0));
                nA = Math.max(nA, tensorNorm(tA) * Math.abs(q[0]!));
                meZ0.emissionTensors(p0, set, h, tA, tZ);
                rZ = Math.max(rZ, contractReal(tZ, q0, 0));
                nZ = Math.max(nZ, tensorNorm(tZ) * Math.abs(q0[0]!));
              }
              expect(rA / nA).toBeLessThan(1e-11);
              expect(rZ / nZ).toBeLessThan(1e-11);
            }
          }
        });
      }
    }
  }
});

describe("radiation zero of q q̄′ → ℓνγ (independent analytic check)", () => {
  it("|M|² vanishes where Q_i/(p_i·k) is equal for all charged legs: γ ∥ ν and cosθ_γ = ∓1/3 (W±)", () => {
    // Reference: Brown, Kowalski, Brodsky, Phys. Rev. D 28 (1983) 624 (tree amplitudes of gauge
    // theories vanish when all Q_i/(p_i·k) agree); Mikaelian, Samuel, Sahdev, Phys. Rev. Lett. 43
    // (1979) 746. With u (Q = 2/3) along +z and d̄ (1/3) along −z: p_u·k = 2 p_d̄·k ⇒ cosθ_γ = −1/3, and
    // p_ℓ·k = 3 p_d̄·k ⇒ p_ν·k = 0 (γ collinear with ν). For d ū (W⁻) the zero sits at cosθ_γ = +1/3.
    // Nothing in the code knows about this zero: it needs all four diagrams, the WWγ coupling and
    // the charges to conspire. Tolerance: |M|² at the zero below 1e-20 of its value at cosθ = ±1/3
    // mirrored (rounding of amplitudes ~1e-16 relative, squared).
    const sqrtS = 90;
    const s = sqrtS * sqrtS;
    const E = sqrtS / 2;
    const p = new Float64Array(20);
    const point = (c: number, ml: number): void => {
      const st = Math.sqrt(1 - c * c);
      const kappa = (s - ml * ml) / (2 * sqrtS); // energy of the massless collinear (γ + ν) system
      const w = 0.4 * kappa;
      const en = 0.6 * kappa;
      const nx = st * Math.cos(0.3);
      const ny = st * Math.sin(0.3);
      p.set([E, 0, 0, E, E, 0, 0, -E]);
      p.set([sqrtS - kappa, -kappa * nx, -kappa * ny, -kappa * c], 8);
      p.set([en, en * nx, en * ny, en * c], 12);
      p.set([w, w * nx, w * ny, w * c], 16);
    };
    for (const charge of CHARGES) {
      for (const l of FLAVOURS) {
        const me = createWGamma(TABLE, { charge, lepton: l });
        const cZero = charge > 0 ? -1 / 3 : 1 / 3;
        point(-cZero, me.masses[2]!);
        const away = me.evaluate(p);
        point(cZero, me.masses[2]!);
        const zero = me.evaluate(p);
        expect(away).toBeGreaterThan(0);
        expect(zero / away).toBeLessThan(1e-20);
      }
    }
  });
});

describe("twin and symmetries", () => {
  for (const charge of CHARGES) {
    for (const l of FLAVOURS) {
      for (const lp of FLAVOURS) {
        it(`q q̄′ → ${l} ν ${lp}${lp} (W${charge > 0 ? "+" : "-"}): fast helicity sum = slow all-helicity twin; ${l === lp ? 20 : 10} diagrams`, () => {
          const me = createFourLepton(TABLE, { charge, lepton: l, pair: lp });
          expect(me.diagramCount).toBe(l === lp ? 20 : 10);
          const rng = randomStream(
            23,
            4 * (charge > 0 ? 0 : 1) + 2 * (l === "e" ? 0 : 1) + (lp === "e" ? 0 : 1),
          );
          const p = new Float64Array(24);
          for (let k = 0; k < 10; k++) {
            ramboPoint(p, 20 + 400 * rng.uniform(), me.masses.subarray(2), rng);
            const fast = me.evaluate(p);
            const slow = me.evaluateAllHelicities(p);
            expect(fast).toBeGreaterThan(0);
            // Same physics through different code paths (open tensors vs closed diagrams, restricted
            // vs full helicity sum): agreement to rounding, 1e-11 relative.
            expect(Math.abs(fast / slow - 1)).toBeLessThan(1e-11);
          }
        });
      }
    }
  }

  it("MadGraph sm scheme (massless e, μ): fast sum = twin and the γ* Ward identity holds", () => {
    // Same identities as above with electroweakParameters("mg5-sm"); tolerances as above.
    const table = buildModelTable(electroweakParameters("mg5-sm"));
    const rng = randomStream(27, 0);
    const p = new Float64Array(24);
    const tA = new Float64Array(8);
    const tZ = new Float64Array(8);
    for (const charge of CHARGES) {
      const me = createFourLepton(table, { charge, lepton: "e", pair: "e" });
      expect(me.masses[2]).toBe(0);
      for (let k = 0; k < 5; k++) {
        ramboPoint(p, 50 + 200 * rng.uniform(), me.masses.subarray(2), rng);
        expect(Math.abs(me.evaluate(p) / me.evaluateAllHelicities(p) - 1)).toBeLessThan(1e-11);
        me.emissionTensors(p, 0, charge > 0 ? 1 : -1, tA, tZ);
        const q = new Float64Array(4);
        for (let i = 0; i < 4; i++) q[i] = p[16 + i]! + p[20 + i]!;
        expect(contractReal(tA, q, 0) / (tensorNorm(tA) * q[0]!)).toBeLessThan(1e-11);
      }
    }
  });

  it("identical leptons: |M|² symmetric under exchange of the two identical charged leptons", () => {
    const rng = randomStream(24, 0);
    const p = new Float64Array(24);
    for (const charge of CHARGES) {
      const me = createFourLepton(TABLE, { charge, lepton: "e", pair: "e" });
      const a = charge > 0 ? 8 : 8;
      const b = charge > 0 ? 20 : 16;
      for (let k = 0; k < 5; k++) {
        ramboPoint(p, 100 + 100 * rng.uniform(), me.masses.subarray(2), rng);
        const m1 = me.evaluate(p);
        for (let i = 0; i < 4; i++) {
          const t = p[a + i]!;
          p[a + i] = p[b + i]!;
          p[b + i] = t;
        }
        expect(Math.abs(me.evaluate(p) / m1 - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it("CP: |M|²(u d̄ → ℓ⁺ν ℓ′⁻ℓ′⁺)(p) = |M|²(d ū → ℓ⁻ν̄ ℓ′⁻ℓ′⁺) at parity-flipped momenta with particles ↔ antiparticles (W⁻ code path is separate)", () => {
    // With real couplings (no CKM phase) the tree amplitude is CP invariant; the spin-summed |M|²
    // of the conjugate process at P-reflected momenta agrees exactly (to rounding).
    const rng = randomStream(25, 0);
    const p = new Float64Array(24);
    const c = new Float64Array(24);
    for (const [l, lp] of [
      ["mu", "e"],
      ["e", "e"],
      ["e", "mu"],
    ] as const) {
      const plus = createFourLepton(TABLE, { charge: 1, lepton: l, pair: lp });
      const minus = createFourLepton(TABLE, { charge: -1, lepton: l, pair: lp });
      for (let k = 0; k < 5; k++) {
        ramboPoint(p, 50 + 200 * rng.uniform(), plus.masses.subarray(2), rng);
        // plus legs [u, d̄, ℓ⁺, ν, ℓ′⁻, ℓ′⁺] → minus legs [d, ū, ℓ⁻, ν̄, ℓ′⁻, ℓ′⁺]
        const map = [1, 0, 2, 3, 5, 4];
        for (let i = 0; i < 6; i++) {
          const s = map[i]!;
          c[4 * i] = p[4 * s]!;
          c[4 * i + 1] = -p[4 * s + 1]!;
          c[4 * i + 2] = -p[4 * s + 2]!;
          c[4 * i + 3] = -p[4 * s + 3]!;
        }
        expect(Math.abs(minus.evaluate(c) / plus.evaluate(p) - 1)).toBeLessThan(1e-11);
      }
    }
  });

  it("Lorentz invariance: |M|² unchanged under a boost along z and a rotation", () => {
    const rng = randomStream(26, 0);
    const p = new Float64Array(24);
    const b = new Float64Array(24);
    const me = createFourLepton(TABLE, { charge: 1, lepton: "e", pair: "e" });
    for (let k = 0; k < 5; k++) {
      ramboPoint(p, 150, me.masses.subarray(2), rng);
      const y = 2 * rng.uniform() - 1;
      const ch = Math.cosh(y);
      const sh = Math.sinh(y);
      const a = 2 * Math.PI * rng.uniform();
      for (let i = 0; i < 6; i++) {
        const e = p[4 * i]!;
        const z = p[4 * i + 3]!;
        const x = p[4 * i + 1]!;
        const yy = p[4 * i + 2]!;
        b[4 * i] = ch * e + sh * z;
        b[4 * i + 3] = sh * e + ch * z;
        b[4 * i + 1] = Math.cos(a) * x - Math.sin(a) * yy;
        b[4 * i + 2] = Math.sin(a) * x + Math.cos(a) * yy;
      }
      expect(Math.abs(me.evaluate(b) / me.evaluate(p) - 1)).toBeLessThan(1e-10);
    }
  });
});

describe("quasi-collinear limit: W → ℓν times ℓ → ℓγ*(→ ℓ′ℓ′)", () => {
  /**
   * Reference (derived in docs/amplitudes.md): for q² = m²(ℓ′ℓ′) → 0 with the γ* collinear to ℓ,
   * averaging over the ℓ′ directions in the γ* rest frame (⟨L^{μν}⟩ = (4/3)(1 + 2m′²/q²)(q^μq^ν − q²g^{μν})),
   *   ⟨|M(q q̄′ → ℓ ν ℓ′ℓ′)|²⟩ → (4e²/(3q²)) (1 + 2m′²/q²) · (e²/(p_ℓ·q)) [(1 + z²)/(1 − z) − m_ℓ²/(p_ℓ·q)] · |M(q q̄′ → ℓν)|²,
   * the QED quasi-collinear splitting function of Catani, Dittmaier, Trócsányi, Phys. Lett. B500
   * (2001) 149 (C_F → Q² = 1, g_s → e). The six-point octahedral average is exact for the
   * quadratic dependence of |M|² on the ℓ′ direction through the γ*, Z currents.
   */
  function ratio(mLG: number, mPair: number, charge: 1 | -1): number {
    const me = createFourLepton(TABLE, { charge, lepton: "mu", pair: "e" });
    const me2 = createChargedCurrentDY(TABLE, { charge, lepton: "mu" });
    const ml = me.masses[2]!;
    const me_ = me.masses[4]!;
    const sqrtS = 80;
    const s = sqrtS * sqrtS;
    const p = new Float64Array(28); // legs 0..5 plus the γ* at 24
    p.set([sqrtS / 2, 0, 0, sqrtS / 2, sqrtS / 2, 0, 0, -sqrtS / 2]);
    // ν along (θ = 1.1, φ = 0.4), the ℓγ* system of mass mLG recoiling
    const st = Math.sin(1.1);
    const ct = Math.cos(1.1);
    const n = [st * Math.cos(0.4), st * Math.sin(0.4), ct];
    const enu = (s - mLG * mLG) / (2 * sqrtS);
    p.set([enu, enu * n[0]!, enu * n[1]!, enu * n[2]!], 12);
    const P = new Float64Array([sqrtS - enu, -enu * n[0]!, -enu * n[1]!, -enu * n[2]!]);
    const tmp = new Float64Array(12);
    tmp.set(P, 0);
    twoBodyDecay(tmp, 0, ml, mPair, 0.2, 1.3, 4, 8);
    p.set(tmp.subarray(4, 8), 8);
    p.set(tmp.subarray(8, 12), 24);
    const q = p.subarray(24, 28);
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
      a[0]! * b[0]! - a[1]! * b[1]! - a[2]! * b[2]! - a[3]! * b[3]!;
    let avg = 0;
    const dirs = [
      [1, 0],
      [-1, 0],
      [0, 0],
      [0, Math.PI],
      [0, Math.PI / 2],
      [0, (3 * Math.PI) / 2],
    ];
    // leg order for charge −1 is [d, ū, ℓ⁻, ν̄, …] with the same kinematics
    for (const [c, f] of dirs) {
      twoBodyDecay(p, 24, me_, me_, c!, f!, 16, 20);
      avg += me.evaluate(p.subarray(0, 24)) / 6;
    }
    // reduced 2 → 2 point: ℓ along P, ν back to back, on shell
    const pp = Math.hypot(P[1]!, P[2]!, P[3]!);
    const k2 = twoBodyMomentum(sqrtS, ml, 0);
    const r = new Float64Array(16);
    r.set(p.subarray(0, 8));
    r.set([Math.hypot(k2, ml), (k2 * P[1]!) / pp, (k2 * P[2]!) / pp, (k2 * P[3]!) / pp], 8);
    r.set([k2, (-k2 * P[1]!) / pp, (-k2 * P[2]!) / pp, (-k2 * P[3]!) / pp], 12);
    const pl = p.subarray(8, 12);
    const plq = dot(pl, q);
    const q2 = dot(q, q);
    const z = pl[0]! / (pl[0]! + q[0]!);
    const e2 = EW.e * EW.e;
    const pred =
      ((4 * e2) / (3 * q2)) *
      (1 + (2 * me_ * me_) / q2) *
      (e2 / plq) *
      ((1 + z * z) / (1 - z) - (ml * ml) / plq) *
      me2.evaluate(r);
    return avg / pred;
  }

  for (const charge of CHARGES) {
    it(`W${charge > 0 ? "+" : "-"}: ratio → 1 as m(ℓγ*) → 0 with m(ee) = m(ℓγ*)/100`, () => {
      const masses = [8, 2, 0.5];
      const dev = masses.map((m) => Math.abs(ratio(m, m / 100, charge) - 1));
      // Leading corrections are O(m(ℓγ*)/√s) (non-collinear diagrams, recoil of the reduced
      // kinematics) and O(q²/m(ℓγ*)²) = 1e-4: the deviation must shrink with m(ℓγ*) and be below
      // 1 % at m(ℓγ*) = 0.5 GeV = √s/160.
      console.log(
        `quasi-collinear |R − 1| (W${charge > 0 ? "+" : "-"}) at m(ℓγ*) = ${masses.join(", ")} GeV:`,
        dev,
      );
      expect(dev[2]!).toBeLessThan(0.01);
      expect(dev[2]!).toBeLessThan(dev[0]!);
    });
  }
});
