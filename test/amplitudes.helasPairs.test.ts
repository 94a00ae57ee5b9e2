/**
 * `iovPair` and `fviPair` (src/amplitudes/helas.ts): two vertices with different chiral couplings
 * on the same spinors in one pass. Reference: linearity of V̸ (g_L P_L + g_R P_R) in (g_L V, g_R V),
 * so each must equal the sum of the two single-vertex routines (`iov`, `fvi`) to rounding; the
 * tolerance, 1e-12 of the summed magnitudes, is far above double rounding (≈ 1e-16 per operation)
 * and far below any algebra slip (which would be O(1)).
 */
import { describe, expect, it } from "vitest";
import { fvi, fviPair, iov, iovPair, ixxxxx, jio, newWavefunction, oxxxxx } from "../src/amplitudes/helas.js";
import { randomStream } from "../src/core/rng.js";

/** Fills p (4 momenta of 4 doubles) with massless momenta of random directions and energies. */
function randomMomenta(p: Float64Array, rng: ReturnType<typeof randomStream>): void {
  for (let k = 0; k < p.length / 4; k++) {
    const e = 5 + 95 * rng.uniform();
    const c = 2 * rng.uniform() - 1;
    const s = Math.sqrt(1 - c * c);
    const phi = 2 * Math.PI * rng.uniform();
    p[4 * k] = e;
    p[4 * k + 1] = e * s * Math.cos(phi);
    p[4 * k + 2] = e * s * Math.sin(phi);
    p[4 * k + 3] = e * c;
  }
}

const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-12 * scale;

describe("helas vertex pairs", () => {
  const rng = randomStream(21, 0);
  const p = new Float64Array(16);
  const fi = newWavefunction();
  const fo = newWavefunction();
  const qi = newWavefunction();
  const qo = newWavefunction();
  const v1 = newWavefunction();
  const v2 = newWavefunction();
  // γ-like and Z-like chiral couplings of a charged lepton (illustrative values, both chiralities).
  const [gL1, gR1, gL2, gR2] = [-0.3, -0.3, -0.19, 0.07];

  it("iovPair = iov + iov, fviPair = fvi + fvi, for every helicity", () => {
    for (let trial = 0; trial < 20; trial++) {
      randomMomenta(p, rng);
      const h = trial & 1 ? 1 : -1;
      ixxxxx(fi, p, 0, 0.1057, h, -1);
      oxxxxx(fo, p, 4, 0.1057, trial & 2 ? 1 : -1, 1);
      ixxxxx(qi, p, 8, 0, -h, 1);
      oxxxxx(qo, p, 12, 0, h, -1);
      // Two vectors of the same momentum: a photon and a Z current of one quark line.
      jio(v1, qi, qo, 0.2, 0.2, 0, 0);
      jio(v2, qi, qo, 0.35, -0.15, 91.19, 2.49);

      const a = new Float64Array(2);
      const b = new Float64Array(2);
      iov(a, 0, fi, fo, v1, gL1, gR1);
      iov(b, 0, fi, fo, v2, gL2, gR2);
      const pair = new Float64Array(2);
      iovPair(pair, 0, fi, fo, v1, gL1, gR1, v2, gL2, gR2);
      const scale = Math.hypot(a[0]!, a[1]!) + Math.hypot(b[0]!, b[1]!);
      expect(close(pair[0]!, a[0]! + b[0]!, scale)).toBe(true);
      expect(close(pair[1]!, a[1]! + b[1]!, scale)).toBe(true);

      const f1 = newWavefunction();
      const f2 = newWavefunction();
      const fp = newWavefunction();
      fvi(f1, fi, v1, gL1, gR1, 0.1057, 0);
      fvi(f2, fi, v2, gL2, gR2, 0.1057, 0);
      fviPair(fp, fi, v1, gL1, gR1, v2, gL2, gR2, 0.1057, 0);
      let norm = 0;
      for (let i = 0; i < 8; i++) norm += Math.abs(f1[i]!) + Math.abs(f2[i]!);
      for (let i = 0; i < 8; i++) expect(close(fp[i]!, f1[i]! + f2[i]!, norm)).toBe(true);
      for (let i = 8; i < 12; i++) expect(fp[i]).toBe(f1[i]);
    }
  });
});
