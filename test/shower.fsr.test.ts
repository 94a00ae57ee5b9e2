/**
 * Final-state radiation (src/shower/fsr.ts): three-momentum conservation per jet (an identity:
 * rounding-level tolerance) and the no-emission probability of a quark against the Sudakov form
 * factor integrated numerically.
 */
import { describe, expect, it } from "vitest";
import { randomStream } from "../src/core/rng.js";
import { PartonList, ShowerCoupling, type ShowerPdf, showerFinalParton } from "../src/shower/index.js";

const fixedAlpha: ShowerPdf = {
  xfxQAll(_x: number, _q: number, out: Float64Array) {
    out.fill(1);
  },
  alphaS() {
    return 0.15;
  },
};

describe("final-state radiation", () => {
  const E = 50;
  const thetaMax = 1;
  const pTmin = 1;
  const coupling = new ShowerCoupling(fixedAlpha, "pdf", pTmin, (E * thetaMax) / 4);

  it("conserves each jet's three-momentum exactly", () => {
    const rng = randomStream(4, 0);
    const out = new PartonList();
    const stats = { trials: 0, emissions: 0 };
    for (let j = 0; j < 200; j++) {
      out.clear();
      const id = j % 2 ? 21 : 1;
      showerFinalParton(id, 10, -20, E, Number.POSITIVE_INFINITY, coupling, pTmin, thetaMax, rng, out, stats);
      let sx = 0;
      let sy = 0;
      let sz = 0;
      for (let k = 0; k < out.n; k++) {
        sx += out.px[k]!;
        sy += out.py[k]!;
        sz += out.pz[k]!;
      }
      expect(Math.abs(sx - 10) + Math.abs(sy + 20) + Math.abs(sz - E)).toBeLessThan(1e-9 * E);
    }
    expect(stats.emissions).toBeGreaterThan(100);
  });

  it("P(no emission above p) for a quark matches the Sudakov form factor", () => {
    // Δ(p) = exp(−∫_p^{Eθ/4} (α/2π)(dpT²/pT²) ∫ C_F(1 + z²)/(1 − z) dz), z(1 − z) ≥ pT/(Eθ),
    // integrated numerically (Simpson, 2000 intervals). MC: 4000 quarks, binomial σ ≤ 0.008,
    // tolerance 4σ = 0.032.
    const alpha = 0.15;
    const pMax = (E * thetaMax) / 4;
    const prim = (z: number) => (4 / 3) * (-z - (z * z) / 2 - 2 * Math.log(1 - z));
    const rate = (pT: number) => {
      const a = pT / (E * thetaMax);
      if (!(a < 0.25)) return 0;
      const zLo = 0.5 * (1 - Math.sqrt(1 - 4 * a));
      return (alpha / (2 * Math.PI)) * (prim(1 - zLo) - prim(zLo));
    };
    const sudakov = (p: number) => {
      const n = 2000;
      const lo = Math.log(p * p);
      const hi = Math.log(pMax * pMax);
      const h = (hi - lo) / n;
      let s = rate(p) + rate(pMax);
      for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * rate(Math.exp(0.5 * (lo + i * h)));
      return Math.exp((-s * h) / 3);
    };
    // First emission pT of a quark: record the scale of the first branching.
    const rng = randomStream(5, 0);
    const out = new PartonList();
    const stats = { trials: 0, emissions: 0 };
    const n = 4000;
    const first = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      out.clear();
      showerFinalParton(1, 0, 0, E, Number.POSITIVE_INFINITY, coupling, pTmin, thetaMax, rng, out, stats);
      // After the cascade the largest recorded scale among daughters is the first emission's pT
      // (ordering); no emission leaves one parton with the start scale.
      let m = 0;
      if (out.n > 1) for (let k = 0; k < out.n; k++) m = Math.max(m, out.scale[k]!);
      first[j] = m;
    }
    for (const pc of [8, 4, 2]) {
      let below = 0;
      for (let j = 0; j < n; j++) if (first[j]! < pc) below++;
      expect(Math.abs(below / n - sudakov(pc))).toBeLessThan(0.032);
    }
  });
});
