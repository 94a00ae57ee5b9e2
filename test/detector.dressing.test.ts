/**
 * Lepton dressing in the detector stage (src/detector/reconstruct.ts, card entry
 * `leptonDressingDeltaR`): before smearing, each final e/μ gets the photons within ΔR < R, each
 * photon to its nearest lepton only — the LHC "dressed lepton" (Rivet DressedLeptons; R = 0.1 as in
 * ATLAS, Eur. Phys. J. C 76 (2016) 291). Checks: four-momentum closure on hand-built events,
 * nearest-lepton assignment, photons outside the cones and photons from hadron decays ignored,
 * bit-identity for events without photons, photons absent from the charged H_T, and the recovery
 * of the signal Z_D peak with QED FSR on.
 */
import { describe, expect, it } from "vitest";
import { batchFromEvents, type HandParticle, momentumFromPtEtaPhi } from "../src/analysis/handbuilt.js";
import { Channel, chargedHT, type Observables } from "../src/analysis/observables.js";
import { observeBatch } from "../src/analysis/pipeline.js";
import { M_E, M_MU } from "../src/core/constants.js";
import type { EventBatch } from "../src/core/events.js";
import { randomStream } from "../src/core/rng.js";
import {
  DEFAULT_LEPTON_DRESSING_DELTA_R,
  type DetectorCard,
  loadCard,
  overrideCard,
  parseCard,
  truthLevelCard,
} from "../src/detector/card.js";
import { type RecoLeptons, reconstructLeptons } from "../src/detector/reconstruct.js";
import { generate } from "../src/generate/generate.js";
import { DEFAULT_PDF_SET, loadPdfSet } from "../src/pdf/index.js";
import { signalSpec } from "../src/scan/products.js";
import { Shower } from "../src/shower/index.js";

const paper = loadCard("paper");
const paperR0 = overrideCard(paper, "leptonDressingDeltaR", 0, "dressing off");
const truth = truthLevelCard(paper);
const truthR0 = truthLevelCard(paperR0);

function lepton(pdg: number, pt: number, eta: number, phi: number): HandParticle {
  return { pdg, m: Math.abs(pdg) === 11 ? M_E : M_MU, ...momentumFromPtEtaPhi(pt, eta, phi) };
}
function photon(pt: number, eta: number, phi: number): HandParticle {
  return { pdg: 22, ...momentumFromPtEtaPhi(pt, eta, phi) };
}

/** Four-momentum of hand particles (E from p and m, as batchFromEvents computes it). */
function sum4(ps: readonly HandParticle[]): [number, number, number, number] {
  const s: [number, number, number, number] = [0, 0, 0, 0];
  for (const q of ps) {
    const m = q.m ?? 0;
    s[0] += Math.sqrt(q.px * q.px + q.py * q.py + q.pz * q.pz + m * m);
    s[1] += q.px;
    s[2] += q.py;
    s[3] += q.pz;
  }
  return s;
}

/** The reconstructed lepton made from particle `p` (absolute index) in entry 0. */
function recoOf(r: RecoLeptons, p: number): [number, number, number, number] {
  for (let i = r.offsets[0]!; i < r.offsets[1]!; i++) {
    if (r.particle[i] === p) return [r.E[i]!, r.px[i]!, r.py[i]!, r.pz[i]!];
  }
  throw new Error(`particle ${p} not reconstructed`);
}

/** Every column of two reconstructions is bit-identical. */
function expectSameReco(a: RecoLeptons, b: RecoLeptons): void {
  expect(a.nEntries).toBe(b.nEntries);
  for (const k of [
    "event",
    "weight",
    "nAccepted",
    "offsets",
    "pdg",
    "E",
    "px",
    "py",
    "pz",
    "pt",
    "eta",
    "phi",
    "vx",
    "vy",
    "vz",
    "particle",
  ] as const) {
    const x = a[k];
    const y = b[k];
    expect(
      Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(
        Buffer.from(y.buffer, y.byteOffset, y.byteLength),
      ),
      k,
    ).toBe(true);
  }
}

describe("dressing on hand-built events (truth-level card: no smearing, ε = 1)", () => {
  // Three leptons far apart (μ⁻ at φ = 0.1, e⁻ at φ = 3.0, e⁺ at φ = −2.0) and photons at chosen ΔR.
  const mu = lepton(13, 40, 0.3, 0.1);
  const em = lepton(11, 10, -0.5, 3.0);
  const ep = lepton(-11, 8, -0.6, -2.0);
  const gE = photon(2, -0.5 + 0.03, 3.0 + 0.04); // ΔR(e⁻) = 0.05
  const gMu = photon(1, 0.3 - 0.08, 0.1); // ΔR(μ) = 0.08
  const gE2 = photon(0.5, -0.6, -2.0 + 0.099); // ΔR(e⁺) = 0.099 (inside)
  const gOut = photon(3, -0.6 + 0.101, -2.0); // ΔR(e⁺) = 0.101 (outside every cone)
  const gFar = photon(5, 1.5, 1.5); // far from everything
  const leptons = [mu, em, ep];
  const photons = [gE, gMu, gE2, gOut, gFar];
  const withPhotons = batchFromEvents([{ weight: 1, particles: [...leptons, ...photons] }]);
  const withoutPhotons = batchFromEvents([{ weight: 1, particles: leptons }]);

  it("dressed lepton = bare + the photons within ΔR < 0.1 (E, p to 1e-12 relative); others untouched", () => {
    // Reference: the dressed-lepton definition (each photon added to the nearest lepton within R).
    // Tolerance: the truth-level card still rebuilds (E, p) from pT, φ, cot θ and the dressed mass,
    // i.e. a few roundings of 1e-16 relative.
    const r = reconstructLeptons(withPhotons, truth, randomStream(1, 0));
    const expected: [number, HandParticle[]][] = [
      [0, [mu, gMu]],
      [1, [em, gE]],
      [2, [ep, gE2]],
    ];
    for (const [p, parts] of expected) {
      const want = sum4(parts);
      const got = recoOf(r, p);
      for (let c = 0; c < 4; c++) expect(Math.abs(got[c]! - want[c]!)).toBeLessThan(1e-12 * want[0]);
    }
    // Dressing off: every lepton is its bare self, whatever photons are around.
    const r0 = reconstructLeptons(withPhotons, truthR0, randomStream(1, 0));
    for (const [p, parts] of expected) {
      const want = sum4([parts[0]!]);
      const got = recoOf(r0, p);
      for (let c = 0; c < 4; c++) expect(Math.abs(got[c]! - want[c]!)).toBeLessThan(1e-12 * want[0]);
    }
  });

  it("photons outside every cone are ignored: output bit-identical to the event without them (paper card, smeared)", () => {
    // Reference: photons are not leptons; only those inside a cone enter. The smearing draws the
    // same deviates in the same order, so with the paper card the result must match bit for bit.
    const onlyOutside = batchFromEvents([{ weight: 1, particles: [...leptons, gOut, gFar] }]);
    expectSameReco(
      reconstructLeptons(onlyOutside, paper, randomStream(3, 0)),
      reconstructLeptons(withoutPhotons, paper, randomStream(3, 0)),
    );
  });

  it("each photon goes to its nearest lepton only (two leptons 0.12 apart, both cones overlap)", () => {
    // e⁻ at (η, φ) = (0, 0), e⁺ at (0, 0.12): a photon at φ = 0.05 is 0.05 from e⁻ and 0.07 from e⁺
    // (→ e⁻); one at φ = 0.08 is 0.08 from e⁻ and 0.04 from e⁺ (→ e⁺). Rivet DressedLeptons rule.
    const a = lepton(11, 15, 0, 0);
    const b = lepton(-11, 12, 0, 0.12);
    const hard = lepton(13, 40, 1, 2.5);
    const g1 = photon(1.5, 0, 0.05);
    const g2 = photon(0.7, 0, 0.08);
    const batch = batchFromEvents([{ weight: 1, particles: [a, b, hard, g1, g2] }]);
    const r = reconstructLeptons(batch, truth, randomStream(1, 0));
    const cases: [number, HandParticle[]][] = [
      [0, [a, g1]],
      [1, [b, g2]],
      [2, [hard]],
    ];
    for (const [p, parts] of cases) {
      const want = sum4(parts);
      const got = recoOf(r, p);
      for (let c = 0; c < 4; c++) expect(Math.abs(got[c]! - want[c]!)).toBeLessThan(1e-12 * want[0]);
    }
    // Energy is counted once: Σ reconstructed E = leptons + the two photons.
    let sumE = 0;
    for (let i = r.offsets[0]!; i < r.offsets[1]!; i++) sumE += r.E[i]!;
    expect(Math.abs(sumE - sum4([a, b, hard, g1, g2])[0]) / sumE).toBeLessThan(1e-12);
  });

  it("photons from a hadron decay (mother π⁰) are not dressed, as in Rivet's default", () => {
    // Reference: Rivet DressedLeptons skips photons from hadron/τ decays; ATLAS_2015_I1408516 uses it.
    const pi0: HandParticle = { pdg: 111, status: 2, m: 0.135, ...momentumFromPtEtaPhi(2, -0.5, 3.0) };
    const batch = batchFromEvents([{ weight: 1, particles: [...leptons, pi0, gE] }]);
    batch.mother1[4] = 3; // gE comes from the π⁰ (mother index within the event)
    expectSameReco(
      reconstructLeptons(batch, paper, randomStream(4, 0)),
      reconstructLeptons(withoutPhotons, paper, randomStream(4, 0)),
    );
  });

  it("photons do not enter the charged H_T (they are not charged hadrons)", () => {
    // Reference: paper Sec. V A, H_T = Σ pT of charged hadrons with pT > 2 GeV, |η| < 2.5.
    const piPlus: HandParticle = { pdg: 211, m: 0.1396, ...momentumFromPtEtaPhi(5, 0.2, 1) };
    const b = batchFromEvents([
      { weight: 1, particles: [...leptons, ...photons] },
      { weight: 1, particles: [...leptons, ...photons, piPlus] },
    ]);
    const ht = chargedHT(b);
    expect(ht[0]).toBe(0);
    expect(ht[1]!).toBeCloseTo(5, 12);
  });
});

describe("twin (STYLE.md item 15): the in-place dressing agrees with an obvious one on random events", () => {
  /** Slow, obvious dressing: objects, Math.hypot, each photon to the lepton with the smallest ΔR < R. */
  function dressSlow(ps: readonly HandParticle[], R: number): HandParticle[] {
    const E = (q: HandParticle) => Math.sqrt(q.px ** 2 + q.py ** 2 + q.pz ** 2 + (q.m ?? 0) ** 2);
    const etaPhi = (q: HandParticle) => [Math.asinh(q.pz / Math.hypot(q.px, q.py)), Math.atan2(q.py, q.px)];
    const leptons = ps.filter((q) => Math.abs(q.pdg) === 11 || Math.abs(q.pdg) === 13);
    const sums = leptons.map((l) => [E(l), l.px, l.py, l.pz]);
    for (const g of ps.filter((q) => q.pdg === 22)) {
      const [ge, gp] = etaPhi(g);
      let best = -1;
      let bestDr = R;
      leptons.forEach((l, i) => {
        const [le, lp] = etaPhi(l);
        const dphi = Math.min(Math.abs(gp! - lp!), 2 * Math.PI - Math.abs(gp! - lp!));
        const dr = Math.hypot(ge! - le!, dphi);
        if (dr < bestDr) {
          bestDr = dr;
          best = i;
        }
      });
      if (best < 0) continue;
      const add = [E(g), g.px, g.py, g.pz];
      for (let c = 0; c < 4; c++) sums[best]![c]! += add[c]!;
    }
    // Dressed leptons as particles of mass √(E² − p²) (so E is rebuilt exactly by batchFromEvents).
    return leptons.map((l, i) => {
      const [e, x, y, z] = sums[i]!;
      const m2 = e! ** 2 - x! ** 2 - y! ** 2 - z! ** 2;
      return { pdg: l.pdg, px: x!, py: y!, pz: z!, m: m2 > 0 ? Math.sqrt(m2) : 0 };
    });
  }

  it("300 random events (2–4 leptons, 0–6 photons at ΔR ∈ [0, 0.25] of a lepton): same entries, momenta to 1e-12", () => {
    // Reference: the slow version above (the Rivet rule written out). Tolerance: summation order is
    // the same, but E is rebuilt from p and the dressed mass, i.e. rounding at 1e-16 relative.
    const rng = randomStream(99, 0);
    const events: { weight: number; particles: HandParticle[] }[] = [];
    for (let k = 0; k < 300; k++) {
      const ps: HandParticle[] = [];
      const nl = 2 + Math.floor(3 * rng.uniform());
      for (let i = 0; i < nl; i++) {
        const pdg = (rng.uniform() < 0.5 ? 11 : 13) * (rng.uniform() < 0.5 ? 1 : -1);
        // Leptons clustered in (η, φ) so that cones overlap often.
        ps.push(lepton(pdg, 6 + 40 * rng.uniform(), 0.3 * rng.normal(), 0.3 * rng.normal()));
      }
      const ng = Math.floor(7 * rng.uniform());
      for (let j = 0; j < ng; j++) {
        const l = ps[Math.floor(nl * rng.uniform())]!;
        const eta = Math.asinh(l.pz / Math.hypot(l.px, l.py));
        const phi = Math.atan2(l.py, l.px);
        const r = 0.25 * rng.uniform();
        const a = 2 * Math.PI * rng.uniform();
        ps.push(photon(0.1 + 5 * rng.uniform(), eta + r * Math.cos(a), phi + r * Math.sin(a)));
      }
      events.push({ weight: 1, particles: ps });
    }
    const fast = reconstructLeptons(batchFromEvents(events), paper, randomStream(99, 1));
    const slow = reconstructLeptons(
      batchFromEvents(events.map((ev) => ({ weight: 1, particles: dressSlow(ev.particles, 0.1) }))),
      paperR0,
      randomStream(99, 1),
    );
    expect(fast.nEntries).toBe(slow.nEntries);
    expect(Array.from(fast.offsets)).toEqual(Array.from(slow.offsets));
    expect(Array.from(fast.pdg)).toEqual(Array.from(slow.pdg));
    expect(Array.from(fast.weight)).toEqual(Array.from(slow.weight));
    let dressedCount = 0;
    for (let i = 0; i < fast.E.length; i++) {
      for (const k of ["E", "px", "py", "pz"] as const) {
        expect(Math.abs(fast[k][i]! - slow[k][i]!)).toBeLessThan(1e-12 * fast.E[i]!);
      }
    }
    // Non-trivial: many leptons were dressed (their energy differs from the bare one).
    const bare = reconstructLeptons(batchFromEvents(events), paperR0, randomStream(99, 1));
    for (let i = 0; i < Math.min(bare.E.length, fast.E.length); i++)
      if (bare.E[i] !== fast.E[i]) dressedCount++;
    expect(dressedCount).toBeGreaterThan(100);
  });
});

describe("the card entry", () => {
  it("is optional (absent → 0.1), must lie in [0, 1], and 0 disables dressing", () => {
    const raw = structuredClone(paper) as unknown as Record<string, unknown>;
    delete raw.leptonDressingDeltaR;
    const absent = parseCard(raw);
    expect(absent.leptonDressingDeltaR).toBeUndefined();
    expect(DEFAULT_LEPTON_DRESSING_DELTA_R).toBe(0.1);
    expect(() => overrideCard(paper, "leptonDressingDeltaR", -0.1)).toThrow(/leptonDressingDeltaR/);
    expect(() => overrideCard(paper, "leptonDressingDeltaR", 1.5)).toThrow(/leptonDressingDeltaR/);
    // Absent behaves as 0.1: the same dressed output.
    const mu = lepton(13, 40, 0.3, 0.1);
    const em = lepton(11, 10, -0.5, 3.0);
    const ep = lepton(-11, 8, -0.6, -2.0);
    const b = batchFromEvents([{ weight: 1, particles: [mu, em, ep, photon(2, -0.47, 3.04)] }]);
    expectSameReco(
      reconstructLeptons(b, absent, randomStream(2)),
      reconstructLeptons(b, paper, randomStream(2)),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Generated signal: the benchmark point of paper Sec. IV, (m_N, m_ZD) = (0.3, 0.1) GeV, W → μ N_D,
// Z_D → e⁺e⁻ (as the hand-built signal-like event A of test/shower.qed.test.ts, but generated).

const pdf = loadPdfSet(DEFAULT_PDF_SET);
const M_ZD = 0.1;

async function benchmarkSignal(nEvents: number): Promise<EventBatch> {
  const r = await generate(
    // The scan's benchmark spec (SIGNAL_REFERENCE couplings) with Z_D → ee only.
    signalSpec({ mN: 0.3, mZD: M_ZD, decayLepton: "e" }, 13000),
    { nEvents, seed: 11, workers: 0, warmupPoints: 2000, warmupIterations: 3 },
  );
  return r.batch;
}

/** Per event: Σ weight of valid ee entries, and of those with m_ee within ±5 % of m_ZD. */
interface PeakSums {
  w: Float64Array;
  inWindow: Float64Array;
  /** Σw(in window) / Σw. */
  fraction: number;
  sumW: number;
}
function peakSums(o: Observables, nEvents: number): PeakSums {
  const w = new Float64Array(nEvents);
  const inWindow = new Float64Array(nEvents);
  for (let i = 0; i < o.n; i++) {
    if (!o.valid[i] || o.channel[i] !== Channel.ee) continue;
    const e = o.event[i]!;
    w[e] = w[e]! + o.weight[i]!;
    if (Math.abs(o.mll[i]! / M_ZD - 1) < 0.05) inWindow[e] = inWindow[e]! + o.weight[i]!;
  }
  let s = 0;
  let si = 0;
  for (let e = 0; e < nEvents; e++) {
    s += w[e]!;
    si += inWindow[e]!;
  }
  return { w, inWindow, fraction: si / s, sumW: s };
}
/**
 * MC error of f_a − f_b on the same events (delta method for ratios of weighted sums, events
 * independent): Var = Σ_e [(I_a − f_a w_a)/S_a − (I_b − f_b w_b)/S_b]². With b absent, the error of f_a.
 */
function pairedError(a: PeakSums, b?: PeakSums): number {
  let v = 0;
  for (let e = 0; e < a.w.length; e++) {
    const da = (a.inWindow[e]! - a.fraction * a.w[e]!) / a.sumW;
    const db = b ? (b.inWindow[e]! - b.fraction * b.w[e]!) / b.sumW : 0;
    v += (da - db) ** 2;
  }
  return Math.sqrt(v);
}

describe("events without photons: dressing changes nothing, bit for bit", () => {
  it("showered signal (ISR + hadronisation, QED FSR off): R = 0.1, R = 0 and an absent entry give identical reconstructions and observables", async () => {
    // Reference: the reconstruction before dressing existed (R = 0 runs exactly that code path: no
    // dressing pass, bare momenta). The paper card must reproduce it bit for bit when no photon exists.
    const hard = await benchmarkSignal(3000);
    const showered = new Shower(pdf, { sqrtSGeV: 13000 }).run(hard, randomStream(11, 2 ** 40));
    // No photons in the record: QED FSR off, and the hadron proxies (π⁰ included) are not decayed.
    expect(showered.pdg.filter((id) => id === 22).length).toBe(0);
    const raw = structuredClone(paper) as unknown as Record<string, unknown>;
    delete raw.leptonDressingDeltaR;
    const absent = parseCard(raw);
    const ref = reconstructLeptons(showered, paperR0, randomStream(11, 5));
    expect(ref.nEntries).toBeGreaterThan(3000);
    expectSameReco(reconstructLeptons(showered, paper, randomStream(11, 5)), ref);
    expectSameReco(reconstructLeptons(showered, absent, randomStream(11, 5)), ref);
    const oa = observeBatch(showered, paper, randomStream(11, 5));
    const ob = observeBatch(showered, paperR0, randomStream(11, 5));
    for (const k of ["mll", "m3l", "pt3l", "dR1Z", "htCharged", "weight"] as const) {
      expect(Buffer.from(oa[k].buffer).equals(Buffer.from(ob[k].buffer)), k).toBe(true);
    }
  });
});

describe("signal Z_D peak with QED FSR: dressing recovers it (benchmark (0.3, 0.1) GeV, Z_D → ee)", () => {
  // One generated sample, showered with QED FSR only (ISR does not move m_ee, a Lorentz invariant)
  // on and off with the same stream: events without a photon are then identical in both, and the
  // three reconstructions (no QED; QED, bare; QED, dressed) share the detector stream, so their
  // differences are measured on the same events (paired errors, `pairedError`).
  // Measured (seed 11, 40 000 weighted points; fraction of the valid ee entries' weight with
  // |m_ee/m_ZD − 1| < 5 %, ± its MC error):
  //   truth-level card: no QED 1, QED bare 0.9507 ± 0.0031, QED dressed 0.9998
  //   paper card:       no QED 0.2382 ± 0.0060, QED bare 0.2353, QED dressed 0.2390
  //   paired differences (paper card): dressed − bare = 0.0038 ± 0.0024, dressed − no QED = 0.0009 ± 0.0009
  //   (160 000 points: 0.0027 ± 0.0012 and 0.0005 ± 0.0004; with the generator's random sequence
  //   before the event streams of engine.ts, 40 000 points gave 0.0074 ± 0.0026.)
  // At the paper card the ±5 % window is narrow against the smeared m_ee resolution at 0.1 GeV, so
  // the QED loss is diluted to ~1 % of the window's content. Σw of the valid ee entries (the
  // 3-lepton acceptance, paper card): no QED 0.10894, bare 0.10607 (−2.6 %), dressed 0.10845 (−0.45 %).
  const N = 40000;
  const QED_ONLY = { isr: false, fsr: false, hadronize: false } as const;
  const sets = (async () => {
    const hard = await benchmarkSignal(N);
    const noQed = new Shower(pdf, { ...QED_ONLY, qedFsr: false }).run(hard, randomStream(11, 3));
    const qed = new Shower(pdf, { ...QED_ONLY, qedFsr: true }).run(hard, randomStream(11, 3));
    const run = (b: EventBatch, card: DetectorCard) =>
      peakSums(observeBatch(b, card, randomStream(11, 7)), b.nEvents);
    return {
      truth: { noQed: run(noQed, truth), bare: run(qed, truthR0), dressed: run(qed, truth) },
      paper: { noQed: run(noQed, paper), bare: run(qed, paperR0), dressed: run(qed, paper) },
    };
  })();

  it("truth level: QED FSR empties the ±5 % window by ~5 %; dressing restores the no-QED value", async () => {
    const { truth: t } = await sets;
    // Without QED FSR every truth-level m_ee equals m_ZD (narrow Z_D): the fraction is 1.
    expect(t.noQed.fraction).toBe(1);
    // Bare leptons: the radiative tail (≈ 7 % of all events drop > 5 % in m_ee, docs/shower.md;
    // fewer after the acceptance, which the radiating electrons fail more often). Required: a loss
    // of more than 5 MC errors (paired) — the effect dressing must undo.
    const lossBare = t.noQed.fraction - t.bare.fraction;
    expect(lossBare).toBeGreaterThan(5 * pairedError(t.noQed, t.bare));
    expect(lossBare).toBeGreaterThan(0.02);
    // Dressed: the same fraction as without QED within 4 paired MC errors, plus 1e-3 for photons
    // outside the 0.1 cone (soft wide-angle emission: (2α/π) ln(1/0.05) × P(E_γ > 5 % m_ZD) ≲ 1e-3).
    const lossDressed = t.noQed.fraction - t.dressed.fraction;
    expect(Math.abs(lossDressed)).toBeLessThanOrEqual(4 * pairedError(t.noQed, t.dressed) + 1e-3);
    expect(t.dressed.fraction - t.bare.fraction).toBeGreaterThan(5 * pairedError(t.dressed, t.bare));
  });

  it("paper card: dressed leptons give the no-QED window fraction and restore the acceptance", async () => {
    const { paper: p, truth: t } = await sets;
    // Dressed vs no QED: equal within 4 paired MC errors (the detector sees the lepton + photons as
    // the unradiated lepton; residual: photons outside the cone, and the dressed electron's mass).
    expect(Math.abs(p.dressed.fraction - p.noQed.fraction)).toBeLessThan(4 * pairedError(p.dressed, p.noQed));
    // Bare vs dressed in the window: the smearing dilutes the truth-level loss (5 %) to a few per
    // mille, 1.5–2.2 paired errors at 4·10⁴–1.6·10⁵ points (above) — not resolved at a test's
    // statistics, so only bounded: not below −3 errors, and not above the truth-level loss + 3 errors
    // (the smearing can only dilute it).
    const dWindow = p.dressed.fraction - p.bare.fraction;
    const eWindow = pairedError(p.dressed, p.bare);
    expect(dWindow).toBeGreaterThan(-3 * eWindow);
    expect(dWindow).toBeLessThan(t.noQed.fraction - t.bare.fraction + 3 * eWindow);
    // The 3-lepton acceptance (Σw of valid ee entries) is largely restored: bare leptons lose pT to
    // photons and fall below the thresholds (−3.3 %); dressed ones much less (−0.7 %: the dipole
    // recoil — the partner lepton, or the W's neutrino for the muon — is not undone by dressing).
    // Required: dressed − bare > 5 paired errors √Σ_e(w_dressed − w_bare)² (measured 11 with the
    // generator's random sequence before the event streams).
    let v = 0;
    for (let e = 0; e < N; e++) v += (p.dressed.w[e]! - p.bare.w[e]!) ** 2;
    expect(p.dressed.sumW - p.bare.sumW).toBeGreaterThan(5 * Math.sqrt(v));
    expect(p.noQed.sumW - p.dressed.sumW).toBeLessThan(0.5 * (p.noQed.sumW - p.bare.sumW));
  });
});
