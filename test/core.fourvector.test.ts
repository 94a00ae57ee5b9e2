import { describe, expect, it } from "vitest";
import {
  boostInPlace,
  deltaPhi,
  deltaR,
  eta,
  etaOfMomentum,
  mass,
  mass2,
  norm2,
  norm3,
  pairMass2,
  pt,
  rapidity,
  setP4,
  twoBodyMomentum,
} from "../src/core/fourvector.js";
import { randomStream } from "../src/core/rng.js";

function randomMassive(r: ReturnType<typeof randomStream>, m: number, out: Float64Array, o: number): void {
  const px = 100 * (r.uniform() - 0.5);
  const py = 100 * (r.uniform() - 0.5);
  const pz = 400 * (r.uniform() - 0.5);
  setP4(out, o, Math.sqrt(m * m + px * px + py * py + pz * pz), px, py, pz);
}

describe("four-vectors", () => {
  it("mass² is invariant under random boosts (Lorentz invariance), to 1e-9 relative", () => {
    const r = randomStream(11, 0);
    const p = new Float64Array(4);
    for (let i = 0; i < 200; i++) {
      const m = 0.1 + 10 * r.uniform();
      randomMassive(r, m, p, 0);
      const m2 = mass2(p, 0);
      const b = 0.99 * r.uniform();
      const th = Math.PI * r.uniform();
      const ph = 2 * Math.PI * r.uniform();
      boostInPlace(p, 0, b * Math.sin(th) * Math.cos(ph), b * Math.sin(th) * Math.sin(ph), b * Math.cos(th));
      // relative to E², the natural scale of cancellation in E² − p²
      expect(Math.abs(mass2(p, 0) - m2) / (p[0]! * p[0]!)).toBeLessThan(1e-12);
    }
  });

  it("boosting a particle at rest by β gives E = γm, |p| = γβm (definition)", () => {
    const p = new Float64Array([2, 0, 0, 0]);
    boostInPlace(p, 0, 0, 0, 0.6);
    expect(p[0]).toBeCloseTo(2.5, 12);
    expect(p[3]).toBeCloseTo(1.5, 12);
  });

  it("pair mass of two massless back-to-back momenta is 2E", () => {
    const a = new Float64Array([5, 0, 3, 4]);
    const b = new Float64Array([5, 0, -3, -4]);
    expect(Math.sqrt(pairMass2(a, 0, b, 0))).toBeCloseTo(10, 12);
  });

  it("η, rapidity, pT, φ differences follow their definitions", () => {
    const p = new Float64Array([0, 3, 4, 0]);
    p[3] = 5 * Math.sinh(1.2);
    p[0] = Math.hypot(5, p[3]!);
    expect(pt(p, 0)).toBeCloseTo(5, 12);
    expect(eta(p, 0)).toBeCloseTo(1.2, 12);
    expect(rapidity(p, 0)).toBeCloseTo(1.2, 12); // massless: y = η
    expect(mass(p, 0)).toBeLessThan(1e-6);
    expect(deltaPhi(3.0, -3.0)).toBeCloseTo(2 * Math.PI - 6, 12);
    expect(deltaPhi(0.5, 0.2)).toBeCloseTo(0.3, 12);
    expect(deltaR(0, 0.1, 0.3, 0.5)).toBeCloseTo(0.5, 12);
    expect(deltaR(0, 3.0, 0, -3.0)).toBeCloseTo(2 * Math.PI - 6, 12); // φ wraps
    expect(eta(new Float64Array([1, 0, 0, 1]), 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it("η = asinh(p_z/p_T) and the norms √(x² + y²), √(x² + y² + z²), to 4 ulp, over 10⁻³–10⁴ GeV and |η| ≤ 15", () => {
    // etaOfMomentum takes ln((|p| + |p_z|)/p_T) and norm2/norm3 skip Math.hypot's overflow guard
    // (both for speed); the definitions they must equal, with the sign of p_z, at every scale a
    // momentum in GeV takes. 4 ulp: each form rounds a few times (sqrt, +, /, log), never cancels.
    const r = randomStream(12, 0);
    for (let i = 0; i < 2000; i++) {
      const t = 10 ** (-3 + 7 * r.uniform());
      const phi = 2 * Math.PI * r.uniform();
      const h = 30 * (r.uniform() - 0.5);
      const [x, y, z] = [t * Math.cos(phi), t * Math.sin(phi), t * Math.sinh(h)];
      const ref = Math.asinh(z / Math.hypot(x, y));
      expect(Math.abs(etaOfMomentum(x, y, z) - ref)).toBeLessThanOrEqual(
        4 * Number.EPSILON * Math.max(1, Math.abs(ref)),
      );
      expect(Math.abs(norm2(x, y) / Math.hypot(x, y) - 1)).toBeLessThanOrEqual(4 * Number.EPSILON);
      expect(Math.abs(norm3(x, y, z) / Math.hypot(x, y, z) - 1)).toBeLessThanOrEqual(4 * Number.EPSILON);
    }
    expect(etaOfMomentum(0, 0, -2)).toBe(Number.NEGATIVE_INFINITY);
    expect(etaOfMomentum(0, 0, 0)).toBe(0);
    expect(etaOfMomentum(3, 4, 0)).toBe(0);
  });

  it("two-body momentum: W → ℓν at rest gives m_W/2; below threshold gives 0", () => {
    expect(twoBodyMomentum(80, 0, 0)).toBeCloseTo(40, 12);
    // Z_D(0.1) → μμ: p* = √(m²/4 − m_μ²)
    expect(twoBodyMomentum(0.3, 0.1056583755, 0.1056583755)).toBeCloseTo(
      Math.sqrt(0.0225 - 0.1056583755 ** 2),
      12,
    );
    expect(twoBodyMomentum(0.1, 0.1056583755, 0.1056583755)).toBe(0);
  });
});

describe("orthonormal frame around an axis", () => {
  it("gives unit vectors orthogonal to each other and to the axis, right-handed (e₁ × e₂ = axis)", async () => {
    const { orthonormalFrame } = await import("../src/core/fourvector.js");
    const r = randomStream(21, 0);
    const f = new Float64Array(6);
    for (let i = 0; i < 200; i++) {
      const c = 2 * r.uniform() - 1;
      const s = Math.sqrt(1 - c * c);
      const ph = 2 * Math.PI * r.uniform();
      const a = [s * Math.cos(ph), s * Math.sin(ph), c] as const;
      orthonormalFrame(a[0], a[1], a[2], f);
      const dot = (u: ArrayLike<number>, v: ArrayLike<number>) =>
        u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]!;
      const e1 = f.subarray(0, 3);
      const e2 = f.subarray(3, 6);
      expect(dot(e1, e1)).toBeCloseTo(1, 12);
      expect(dot(e2, e2)).toBeCloseTo(1, 12);
      expect(dot(e1, e2)).toBeCloseTo(0, 12);
      expect(dot(e1, a)).toBeCloseTo(0, 12);
      const cross = [
        e1[1]! * e2[2]! - e1[2]! * e2[1]!,
        e1[2]! * e2[0]! - e1[0]! * e2[2]!,
        e1[0]! * e2[1]! - e1[1]! * e2[0]!,
      ];
      expect(dot(cross, a)).toBeCloseTo(1, 12);
    }
  });
});
