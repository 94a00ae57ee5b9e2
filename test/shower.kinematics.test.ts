/**
 * Shower kinematics: exact four-momentum conservation, invariance of the hard system's mass and
 * rapidity, rigidity of the hard system under the recoil transformation, displaced vertices,
 * reproducibility. References: the construction in src/shower/showerBatch.ts (header) — these
 * are identities, so the tolerances are rounding-level (relative 1e-9 of the event energy, far
 * above double-precision accumulation over ~100 particles, far below any physics effect).
 */
import { describe, expect, it } from "vitest";
import { allocateFixedEventBatch } from "../src/core/events.js";
import { randomStream } from "../src/core/rng.js";
import { DEFAULT_PDF_SET, loadPdfSet } from "../src/pdf/index.js";
import { drellYanBatch, Shower } from "../src/shower/index.js";

const pdf = loadPdfSet(DEFAULT_PDF_SET);
const SQRT_S = 13000;
const N = 400;
const events = drellYanBatch(pdf, "Z", N, SQRT_S, randomStream(11, 0));

function sums(b: typeof events, e: number, statuses: number[]): [number, number, number, number] {
  let E = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  for (let i = b.offsets[e]!; i < b.offsets[e + 1]!; i++) {
    if (!statuses.includes(b.status[i]!)) continue;
    E += b.E[i]!;
    x += b.px[i]!;
    y += b.py[i]!;
    z += b.pz[i]!;
  }
  return [E, x, y, z];
}

describe("initial-state shower kinematics", () => {
  const sh = new Shower(pdf, { hadronize: false });
  const out = sh.run(events, randomStream(11, 1));

  it("conserves four-momentum event by event: Σ final = Σ initiators", () => {
    let maxDev = 0;
    for (let e = 0; e < N; e++) {
      const fin = sums(out, e, [1]);
      const ini = sums(out, e, [-1]);
      for (let k = 0; k < 4; k++) maxDev = Math.max(maxDev, Math.abs(fin[k]! - ini[k]!) / ini[0]);
    }
    expect(maxDev).toBeLessThan(1e-9);
  });

  it("keeps the invariant mass and rapidity of the hard system (to rounding)", () => {
    let emitted = 0;
    for (let e = 0; e < N; e++) {
      const o0 = events.offsets[e]!;
      const o1 = out.offsets[e]!;
      // Hard system = the two leptons (positions 3, 4 in both batches).
      const m2 = (b: typeof out, o: number) => {
        const E = b.E[o + 3]! + b.E[o + 4]!;
        const x = b.px[o + 3]! + b.px[o + 4]!;
        const y = b.py[o + 3]! + b.py[o + 4]!;
        const z = b.pz[o + 3]! + b.pz[o + 4]!;
        return [E * E - x * x - y * y - z * z, 0.5 * Math.log((E + z) / (E - z)), Math.hypot(x, y)] as const;
      };
      const before = m2(events, o0);
      const after = m2(out, o1);
      expect(Math.abs(after[0] - before[0]) / before[0]).toBeLessThan(1e-9);
      expect(Math.abs(after[1] - before[1])).toBeLessThan(1e-9);
      // The recorded Z (status 2) follows its decay products.
      expect(Math.abs(out.px[o1 + 2]! - (out.px[o1 + 3]! + out.px[o1 + 4]!))).toBeLessThan(
        1e-9 * out.E[o1 + 2]!,
      );
      if (after[2] > 0.1) emitted++;
    }
    // Not a trivial pass: the shower gave the bosons transverse momentum.
    expect(emitted).toBeGreaterThan(0.9 * N);
  });

  it("initiators are massless, inside the protons (x ≤ 1) and along their beams", () => {
    for (let e = 0; e < N; e++) {
      const o = out.offsets[e]!;
      for (const k of [0, 1]) {
        const i = o + k;
        expect(out.status[i]).toBe(-1);
        const m2 = out.E[i]! ** 2 - out.px[i]! ** 2 - out.py[i]! ** 2 - out.pz[i]! ** 2;
        expect(Math.abs(m2) / out.E[i]! ** 2).toBeLessThan(1e-9);
        const x = (out.E[i]! + Math.abs(out.pz[i]!)) / SQRT_S;
        expect(x).toBeLessThanOrEqual(1);
      }
      expect(out.pz[o]!).toBeGreaterThan(0);
      expect(out.pz[o + 1]!).toBeLessThan(0);
    }
  });

  it("is reproducible for a seed and differs between seeds", () => {
    const a = new Shower(pdf, {}).run(events, randomStream(5, 3));
    const b = new Shower(pdf, {}).run(events, randomStream(5, 3));
    const c = new Shower(pdf, {}).run(events, randomStream(5, 4));
    expect(Array.from(a.px)).toEqual(Array.from(b.px));
    expect(a.offsets[N]).toBe(b.offsets[N]);
    expect(Array.from(a.px.subarray(0, 50))).not.toEqual(Array.from(c.px.subarray(0, 50)));
  });

  it("shower off returns the input momenta unchanged", () => {
    const off = new Shower(pdf, { isr: false, hadronize: false }).run(events, randomStream(1, 0));
    expect(Array.from(off.px)).toEqual(Array.from(events.px));
    expect(Array.from(off.E)).toEqual(Array.from(events.E));
  });

  it("with hadronisation, status-1 hadrons carry their parton's three-momentum exactly", () => {
    const had = new Shower(pdf, {}).run(events.nEvents > 100 ? events : events, randomStream(7, 0));
    let maxDev = 0;
    for (let e = 0; e < 100; e++) {
      // Σ(status-1 non-hadrons) + Σ(status-2 partons) + ... : compare 3-momentum of all status 1
      // with the initiators (hadrons replace partons; energy is not conserved by independent
      // fragmentation, see fragment.ts, so only px, py, pz are compared).
      const fin = sums(had, e, [1]);
      const ini = sums(had, e, [-1]);
      for (let k = 1; k < 4; k++) maxDev = Math.max(maxDev, Math.abs(fin[k]! - ini[k]!) / ini[0]);
    }
    expect(maxDev).toBeLessThan(1e-9);
  });
});

describe("displaced vertices follow the boosted mother with the same proper decay time", () => {
  it("keeps cτ = |v| m/|p| and aligns v with the transformed Z_D momentum", () => {
    // One hand-built event: u ū → (Z_D → e⁺e⁻ displaced) + γ-like neutral recoil, at rest overall.
    const b = allocateFixedEventBatch(1, 6);
    const E = 45;
    const set = (
      k: number,
      pdg: number,
      st: number,
      m1: number,
      e: number,
      px: number,
      py: number,
      pz: number,
      m: number,
    ) => {
      b.pdg[k] = pdg;
      b.status[k] = st;
      b.mother1[k] = m1;
      b.E[k] = e;
      b.px[k] = px;
      b.py[k] = py;
      b.pz[k] = pz;
      b.m[k] = m;
    };
    set(0, 2, -1, -1, E, 0, 0, E, 0);
    set(1, -2, -1, -1, E, 0, 0, -E, 0);
    const mZd = 0.1;
    const p = Math.sqrt(E * E - mZd * mZd);
    set(2, 9900022, 2, 0, E, p * 0.6, p * 0.8, 0, mZd);
    set(3, 12, 1, 0, E, -p * 0.6, -p * 0.8, 0, mZd); // a neutral recoil (mass kept for balance)
    // Z_D decay products at the displaced vertex v = (p/m) cτ, cτ = 0.01 mm.
    const ctau = 0.01;
    const v = [(p * 0.6 * ctau) / mZd, (p * 0.8 * ctau) / mZd, 0];
    set(4, 11, 1, 2, E / 2, (p * 0.6) / 2, (p * 0.8) / 2, 0, 0);
    set(5, -11, 1, 2, E / 2, (p * 0.6) / 2, (p * 0.8) / 2, 0, 0);
    for (const k of [4, 5]) {
      b.vx[k] = v[0]!;
      b.vy[k] = v[1]!;
      b.vz[k] = v[2]!;
    }
    b.x1[0] = E / 6500;
    b.x2[0] = E / 6500;
    b.id1[0] = 2;
    b.id2[0] = -2;
    b.scale[0] = 2 * E;
    b.weight[0] = 1;
    const out = new Shower(pdf, { hadronize: false }).run(b, randomStream(3, 0));
    const pz = Math.hypot(out.px[2]!, out.py[2]!, out.pz[2]!);
    for (const k of [4, 5]) {
      const r = Math.hypot(out.vx[k]!, out.vy[k]!, out.vz[k]!);
      // Same proper decay length (relative 1e-9: rounding).
      expect(Math.abs((r * mZd) / pz - ctau) / ctau).toBeLessThan(1e-9);
      // Parallel to the new Z_D momentum.
      const cos = (out.vx[k]! * out.px[2]! + out.vy[k]! * out.py[2]! + out.vz[k]! * out.pz[2]!) / (r * pz);
      expect(cos).toBeGreaterThan(1 - 1e-12);
    }
  });
});

describe("primordial kT", () => {
  it("gives the hard system ⟨pT²⟩ = 2σ² when no parton is emitted", () => {
    // With α_s → 0 only the primordial kT acts: each initiator's kT has Cartesian components of
    // width σ/√2 (settings.ts), so Q_T = k₁ + k₂ has ⟨Q_T²⟩ = 2σ². MC: n ≈ 340 quiet events, the
    // estimator's relative error is 1/√n ≈ 5.5 % (Q_T² is exponential); tolerance 20 % ≈ 3.7σ.
    // (With α_s = 1e-6 this also guards against the trial loop hanging on a degenerate Λ̂.)
    const quiet = {
      xfxQAll: (x: number, q: number, out: Float64Array) => pdf.xfxQAll(x, q, out),
      alphaS: () => 1e-6,
    };
    const sigma = 1.8;
    const out = new Shower(quiet, { hadronize: false, primordialKtGeV: sigma }).run(
      events,
      randomStream(12, 0),
    );
    let s = 0;
    let n = 0;
    for (let e = 0; e < N; e++) {
      const o = out.offsets[e]!;
      // Skip events with a parton (c/b initiators are still converted g → QQ̄ at threshold).
      if (out.offsets[e + 1]! - o !== 5) continue;
      n++;
      s += (out.px[o + 3]! + out.px[o + 4]!) ** 2 + (out.py[o + 3]! + out.py[o + 4]!) ** 2;
    }
    expect(n).toBeGreaterThan(0.8 * N);
    expect(Math.abs(s / n / (2 * sigma * sigma) - 1)).toBeLessThan(0.2);
  });
});
