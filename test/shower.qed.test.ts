/**
 * QED final-state radiation off charged leptons (src/shower/qed.ts): exact kinematics on hand-built
 * events, the photon energy spectrum against the leading-log radiator, dipole assignment, and
 * bit-identity of the shower output when the option is off.
 */
import { describe, expect, it } from "vitest";
import { M_E, M_MU } from "../src/core/constants.js";
import { allocateEventBatch, type EventBatch } from "../src/core/events.js";
import { boostInPlace } from "../src/core/fourvector.js";
import { randomStream } from "../src/core/rng.js";
import { DEFAULT_PDF_SET, loadPdfSet } from "../src/pdf/index.js";
import { drellYanBatch, QED_ALPHA, qedAcceptance, Shower } from "../src/shower/index.js";

const pdf = loadPdfSet(DEFAULT_PDF_SET);
const QED_ONLY = { isr: false, hadronize: false, fsr: false, qedFsr: true } as const;

interface P {
  pdg: number;
  status: number;
  mother: number;
  p: [number, number, number, number];
  m: number;
}

/** Two-body decay of momentum `parent` (mass M) into masses m1, m2 along the unit direction n (rest frame). */
function decay(
  parent: [number, number, number, number],
  M: number,
  m1: number,
  m2: number,
  n: [number, number, number],
): [[number, number, number, number], [number, number, number, number]] {
  const p = Math.sqrt((M * M - (m1 + m2) ** 2) * (M * M - (m1 - m2) ** 2)) / (2 * M);
  const a = new Float64Array([Math.hypot(p, m1), p * n[0], p * n[1], p * n[2]]);
  const b = new Float64Array([Math.hypot(p, m2), -p * n[0], -p * n[1], -p * n[2]]);
  const [E, x, y, z] = parent;
  boostInPlace(a, 0, x / E, y / E, z / E);
  boostInPlace(b, 0, x / E, y / E, z / E);
  return [
    [a[0]!, a[1]!, a[2]!, a[3]!],
    [b[0]!, b[1]!, b[2]!, b[3]!],
  ];
}

/** A batch of hand-built events; two incoming u, ū along ±z are prepended (the shower needs them). */
function batchOf(events: P[][]): EventBatch {
  const total = events.reduce((s, ev) => s + ev.length + 2, 0);
  const b = allocateEventBatch(events.length, total);
  let k = 0;
  events.forEach((ev, e) => {
    b.offsets[e] = k;
    const all: P[] = [
      { pdg: 2, status: -1, mother: -1, p: [100, 0, 0, 100], m: 0 },
      { pdg: -2, status: -1, mother: -1, p: [100, 0, 0, -100], m: 0 },
      ...ev.map((q) => ({ ...q, mother: q.mother >= 0 ? q.mother + 2 : -1 })),
    ];
    for (const q of all) {
      b.pdg[k] = q.pdg;
      b.status[k] = q.status;
      b.mother1[k] = q.mother;
      b.E[k] = q.p[0];
      b.px[k] = q.p[1];
      b.py[k] = q.p[2];
      b.pz[k] = q.p[3];
      b.m[k] = q.m;
      k++;
    }
    b.weight[e] = 1;
  });
  b.offsets[events.length] = k;
  return b;
}

/** e⁺e⁻ or μ⁺μ⁻ from a resonance of mass M at rest (axis drawn isotropically). */
function pairAtRest(M: number, lepton: 11 | 13, rngSeed: number, n: number): EventBatch {
  const rng = randomStream(rngSeed, 0);
  const m = lepton === 11 ? M_E : M_MU;
  const evs: P[][] = [];
  for (let i = 0; i < n; i++) {
    const c = 2 * rng.uniform() - 1;
    const s = Math.sqrt(1 - c * c);
    const f = 2 * Math.PI * rng.uniform();
    const [a, b] = decay([M, 0, 0, 0], M, m, m, [s * Math.cos(f), s * Math.sin(f), c]);
    evs.push([
      { pdg: 23, status: 2, mother: -1, p: [M, 0, 0, 0], m: M },
      { pdg: lepton, status: 1, mother: 0, p: a, m },
      { pdg: -lepton, status: 1, mother: 0, p: b, m },
    ]);
  }
  return batchOf(evs);
}

function finalSum(b: EventBatch, e: number): number[] {
  const s = [0, 0, 0, 0];
  for (let i = b.offsets[e]!; i < b.offsets[e + 1]!; i++) {
    if (b.status[i] !== 1) continue;
    s[0]! += b.E[i]!;
    s[1]! += b.px[i]!;
    s[2]! += b.py[i]!;
    s[3]! += b.pz[i]!;
  }
  return s;
}

/** Invariant mass of the event-local particles `idx` plus every photon whose mother is among them. */
function massWithPhotons(b: EventBatch, e: number, idx: number[]): number {
  const a = b.offsets[e]!;
  let E = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  for (let i = a; i < b.offsets[e + 1]!; i++) {
    const local = i - a;
    const take = idx.includes(local) || (b.pdg[i] === 22 && idx.includes(b.mother1[i]!));
    if (!take) continue;
    E += b.E[i]!;
    x += b.px[i]!;
    y += b.py[i]!;
    z += b.pz[i]!;
  }
  return Math.sqrt(E * E - x * x - y * y - z * z);
}

describe("QED FSR kinematics (identities of the construction in qed.ts)", () => {
  // Hand-built events (indices after the two incoming partons):
  //  A: signal-like u d̄ → W⁺ → μ⁺ N, N → ν_μ Z_D, Z_D(0.1 GeV) → e⁺e⁻, W boosted.
  //  B: W⁻ → μ⁻ ν̄_μ at rest.
  //  C: Z_D(0.25 GeV) → μ⁺μ⁻ boosted to 40 GeV (near the 2m_μ threshold).
  //  D: e⁺e⁻μ⁺μ⁻ from Z → 4ℓ-like kinematics (two pairs with different masses).
  const W: [number, number, number, number] = [Math.hypot(80.37, 30, 10), 30, 0, 10];
  const [mu, N] = decay(W, 80.37, M_MU, 0.3, [0.6, 0, 0.8]);
  const [nu, zd] = decay(N, 0.3, 0, 0.1, [0, 0.6, -0.8]);
  const [em, ep] = decay(zd, 0.1, M_E, M_E, [0.36, 0.48, 0.8]);
  const evA: P[] = [
    { pdg: 24, status: 2, mother: -1, p: W, m: 80.37 },
    { pdg: -13, status: 1, mother: 0, p: mu, m: M_MU },
    { pdg: 9900012, status: 2, mother: 0, p: N, m: 0.3 },
    { pdg: 14, status: 1, mother: 2, p: nu, m: 0 },
    { pdg: 1023, status: 2, mother: 2, p: zd, m: 0.1 },
    { pdg: 11, status: 1, mother: 4, p: em, m: M_E },
    { pdg: -11, status: 1, mother: 4, p: ep, m: M_E },
  ];
  const [mu2, nub] = decay([80.37, 0, 0, 0], 80.37, M_MU, 0, [0, 0.6, 0.8]);
  const evB: P[] = [
    { pdg: -24, status: 2, mother: -1, p: [80.37, 0, 0, 0], m: 80.37 },
    { pdg: 13, status: 1, mother: 0, p: mu2, m: M_MU },
    { pdg: -14, status: 1, mother: 0, p: nub, m: 0 },
  ];
  const zd2: [number, number, number, number] = [40, 0, Math.sqrt(40 * 40 - 0.25 * 0.25), 0];
  const [m1, m2] = decay(zd2, 0.25, M_MU, M_MU, [0.8, 0, 0.6]);
  const evC: P[] = [
    { pdg: 1023, status: 2, mother: -1, p: zd2, m: 0.25 },
    { pdg: 13, status: 1, mother: 0, p: m1, m: M_MU },
    { pdg: -13, status: 1, mother: 0, p: m2, m: M_MU },
  ];
  const Z: [number, number, number, number] = [Math.hypot(91.19, 20), 0, 20, 0];
  const [g1, g2] = decay(Z, 91.19, 30, 5, [0.48, 0.6, 0.64]);
  const [e1, e2] = decay(g1, 30, M_E, M_E, [0, 0, 1]);
  const [u1, u2] = decay(g2, 5, M_MU, M_MU, [1, 0, 0]);
  const evD: P[] = [
    { pdg: 23, status: 2, mother: -1, p: Z, m: 91.19 },
    { pdg: 11, status: 1, mother: 0, p: e1, m: M_E },
    { pdg: -11, status: 1, mother: 0, p: e2, m: M_E },
    { pdg: 13, status: 1, mother: 0, p: u1, m: M_MU },
    { pdg: -13, status: 1, mother: 0, p: u2, m: M_MU },
  ];
  const reps = 300; // each event showered 300 times: ~ 100 events with a photon per kind
  const input = batchOf([
    ...Array(reps).fill(evA),
    ...Array(reps).fill(evB),
    ...Array(reps).fill(evC),
    ...Array(reps).fill(evD),
  ]);
  const sh = new Shower(pdf, QED_ONLY);
  const out = sh.run(input, randomStream(5, 1));

  it("radiates photons (status 1, pdg 22, mother = a charged lepton) in every event kind", () => {
    const withPhoton = [0, 0, 0, 0];
    for (let e = 0; e < out.nEvents; e++) {
      const a = out.offsets[e]!;
      for (let i = a; i < out.offsets[e + 1]!; i++) {
        if (out.pdg[i] !== 22) continue;
        expect(out.status[i]).toBe(1);
        expect([11, 13]).toContain(Math.abs(out.pdg[a + out.mother1[i]!]!));
        withPhoton[Math.floor(e / reps)]!++;
        break;
      }
    }
    // A, B, D: the expected fraction with a photon above the 1 keV cutoff is tens of per cent
    // (β ln(m_dip/2 keV) ≳ 0.3). C (μμ at v = 0.53 near threshold) radiates little: the soft
    // radiator (2α/π)[(1 + v²)/(2v) ln((1 + v)/(1 − v)) − 1] ≈ 0.002 (e.g. Peskin–Schroeder eq. 6.69
    // rescaled to two charges) times ln(M/2 keV) ≈ 11.7 gives ≈ 2.4 %, i.e. 7 ± 3 events of 300.
    expect(withPhoton[0]).toBeGreaterThan(60);
    expect(withPhoton[1]).toBeGreaterThan(60);
    expect(withPhoton[3]).toBeGreaterThan(60);
    expect(withPhoton[2]).toBeGreaterThan(0);
    expect(withPhoton[2]).toBeLessThan(20);
    expect(sh.qed.stats.violations).toBe(0);
  });

  it("conserves four-momentum per event to 1e-9 of the event energy", () => {
    // Identity of the construction: the lepton takes the remainder P_dip − p_k′ − p_γ, so only
    // rounding enters (≈ 1e-16 × E per operation × a few boosts, γ² ε ≲ 1e-11 for γ = 400).
    let maxDev = 0;
    for (let e = 0; e < out.nEvents; e++) {
      const before = finalSum(input, e);
      const after = finalSum(out, e);
      for (let c = 0; c < 4; c++) maxDev = Math.max(maxDev, Math.abs(after[c]! - before[c]!) / before[0]!);
    }
    expect(maxDev).toBeLessThan(1e-9);
  });

  it("keeps every dipole's invariant mass (pair + its photons) and the recoiler and lepton masses", () => {
    // Dipoles: A: (e⁻, e⁺) m = 0.1 and (μ⁺, ν_μ); B: (μ⁻, ν̄_μ) m = m_W; C: (μ⁻, μ⁺) m = 0.25;
    // D: (e⁻, e⁺) m = 30, (μ⁻, μ⁺) m = 5. Local indices include the 2 incoming partons.
    const pairs: [number, number[], number][] = [
      [0, [7, 8], 0.1],
      [1, [3, 4], 80.37],
      [2, [3, 4], 0.25],
      [3, [3, 4], 30],
      [3, [5, 6], 5],
    ];
    // Tolerance: an invariant mass m from lab components of energy E carries a relative rounding
    // error ~ ε E²/m² (ε = 2.2e-16): for the 0.1 GeV pair at E ≈ 45 GeV that is ~5e-11.
    let maxRel = 0;
    for (const [kind, idx, m] of pairs) {
      for (let r = 0; r < reps; r++) {
        const e = kind * reps + r;
        maxRel = Math.max(maxRel, Math.abs(massWithPhotons(out, e, idx) / m - 1));
      }
    }
    expect(maxRel).toBeLessThan(1e-9);
    // The μ⁺ in A keeps m(μν) = m(μ⁺ ν_μ) of the input exactly (its recoil stays in that pair).
    const mMuNu = massWithPhotons(input, 0, [3, 5]);
    for (let r = 0; r < reps; r++)
      expect(Math.abs(massWithPhotons(out, r, [3, 5]) / mMuNu - 1)).toBeLessThan(1e-9);
    // Mass shells of the updated leptons: |E² − p² − m²| ≤ 1e-9 E² (rounding of a γ ≲ 400 boost).
    for (let e = 0; e < out.nEvents; e++) {
      for (let i = out.offsets[e]!; i < out.offsets[e + 1]!; i++) {
        if (out.status[i] !== 1) continue;
        const E = out.E[i]!;
        const m2 = E * E - out.px[i]! ** 2 - out.py[i]! ** 2 - out.pz[i]! ** 2;
        expect(Math.abs(m2 - out.m[i]! ** 2)).toBeLessThan(1e-9 * E * E);
      }
    }
  });
});

describe("QED FSR photon spectrum vs the leading-log radiator", () => {
  // Reference: for a dipole of mass M at rest, soft-photon emission off both legs exponentiates
  // (Yennie–Frautschi–Suura; e.g. R. Kleiss et al., CERN 89-08 Vol. 3; the radiator
  // β = (2α/π)(ln(M²/m²) − 1)): P(some photon with x = 2E_γ/M > x₀) ≈ 1 − x₀^β.
  // The leading log drops the non-log term of the collinear kernel: ∫_{x₀}^1 (1 + (1−x)²)/(2x) dx
  // = ln(1/x₀) − 3/4 + O(x₀), i.e. the exponent is β(ln(1/x₀) − 3/4) at next order. The tolerance is
  // therefore the size of that term, |P(β ln(1/x₀)) − P(β(ln(1/x₀) − 3/4))|, plus 4σ of the MC
  // (binomial, N = 20 000). x₀ ∈ [3e-3, 0.1]: soft enough for the leading log (x₀ ≪ 1), and out of
  // the cutoff's reach (it only removes photons with 1 − z < p⊥min/m_ℓ = 2e-3 for electrons, and
  // x ≈ 1 − z for a photon off one leg of a dipole at rest).
  const N = 20000;
  const cases: [string, number, 11 | 13, number][] = [
    ["Z → e⁺e⁻, M = 91.19 GeV", 91.19, 11, M_E],
    ["Z_D → e⁺e⁻, M = 0.1 GeV", 0.1, 11, M_E],
    ["Z → μ⁺μ⁻, M = 91.19 GeV", 91.19, 13, M_MU],
  ];
  for (const [name, M, lepton, m] of cases) {
    it(`${name}: P(x_γ > x₀) within the non-log term of 1 − x₀^β`, () => {
      const input = pairAtRest(M, lepton, 17, N);
      const out = new Shower(pdf, QED_ONLY).run(input, randomStream(17, 1));
      const xmax = new Float64Array(N);
      for (let e = 0; e < N; e++) {
        for (let i = out.offsets[e]!; i < out.offsets[e + 1]!; i++) {
          if (out.pdg[i] === 22) xmax[e] = Math.max(xmax[e]!, (2 * out.E[i]!) / M);
        }
      }
      const beta = ((2 * QED_ALPHA) / Math.PI) * (Math.log((M * M) / (m * m)) - 1);
      for (const x0 of [3e-3, 1e-2, 0.1]) {
        let n = 0;
        for (let e = 0; e < N; e++) if (xmax[e]! > x0) n++;
        const p = n / N;
        const L = Math.log(1 / x0);
        const pLL = 1 - Math.exp(-beta * L);
        const pNext = 1 - Math.exp(-beta * (L - 0.75));
        const sigma = Math.sqrt((pLL * (1 - pLL)) / N);
        expect(Math.abs(p - pLL)).toBeLessThan(Math.abs(pLL - pNext) + 4 * sigma);
        // Tighter: against the exponentiated full first-order kernel integral
        // ∫_{x₀}^1 (1 + (1−x)²)/(2x) dx = L − 3/4 + x₀ − x₀²/4. What remains is O(α/π) without
        // logarithms (soft wide-angle and mass terms, the shower's z definition) and O(β²)
        // correlations: allowed 2α/π ≈ 0.005 in P, plus 4σ.
        const p1 = 1 - Math.exp(-beta * (L - 0.75 + x0 - (x0 * x0) / 4));
        expect(Math.abs(p - p1)).toBeLessThan((2 * QED_ALPHA) / Math.PI + 4 * sigma);
      }
    });
  }
});

describe("QED FSR pieces", () => {
  it("acceptance = kernel/overestimate: (1 + z²)/2 massless, 0 at the dead-cone edge p⊥ = (1 − z)m", () => {
    // Catani–Dittmaier–Trócsányi quasi-collinear kernel divided by 2/(1 − z) (qed.ts header).
    expect(qedAcceptance(0.3, 1, 0)).toBeCloseTo((1 + 0.49) / 2, 14);
    // At p⊥² = y²m², the bracket is 1 + z² − 2z = y².
    expect(qedAcceptance(0.3, 0.09 * 0.01, 0.01)).toBeCloseTo(0.09 / 2, 14);
  });

  it("settings: qedFsr defaults to false and is validated; qedPTminGeV in [1e-9, 0.1] GeV", () => {
    expect(new Shower(pdf, {}).options.qedFsr).toBe(false);
    expect(() => new Shower(pdf, { qedFsr: "on" as never })).toThrow(/shower\.qedFsr/);
    expect(() => new Shower(pdf, { qedPTminGeV: 0 })).toThrow(/shower\.qedPTminGeV/);
  });

  it("is bit-identical to the shower without the option when qedFsr is false or absent", () => {
    // Reference: the existing shower output (option absent) — the QED code draws no random
    // numbers and touches nothing when off, so every column must match exactly.
    const ev = drellYanBatch(pdf, "Z", 200, 13000, randomStream(23, 0));
    const a = new Shower(pdf, {}).run(ev, randomStream(23, 1));
    const b = new Shower(pdf, { qedFsr: false }).run(ev, randomStream(23, 1));
    const c = new Shower(pdf, { qedFsr: true }).run(ev, randomStream(23, 1));
    for (const k of ["pdg", "status", "mother1", "E", "px", "py", "pz", "m", "vx", "vy", "vz"] as const) {
      expect(Buffer.from(b[k].buffer, b[k].byteOffset, b[k].byteLength)).toEqual(
        Buffer.from(a[k].buffer, a[k].byteOffset, a[k].byteLength),
      );
    }
    expect(b.offsets).toEqual(a.offsets);
    // And it does something when on: photons appear.
    let photons = 0;
    for (let i = 0; i < c.offsets[c.nEvents]!; i++) if (c.pdg[i] === 22 && c.status[i] === 1) photons++;
    expect(photons).toBeGreaterThan(50);
  });
});
