import { describe, expect, it } from "vitest";
import { exactlyThreeLeptons, leadingPt, selectedWeights } from "../src/analysis/cuts.js";
import { batchFromEvents, type HandParticle, momentumFromPtEtaPhi } from "../src/analysis/handbuilt.js";
import { Channel, computeObservables } from "../src/analysis/observables.js";
import { InputError } from "../src/core/errors.js";
import { randomStream } from "../src/core/rng.js";
import { fsum } from "../src/core/sum.js";
import { loadCard, overrideCard } from "../src/detector/card.js";
import { MAX_LEPTONS_WEIGHT_MODE, reconstructLeptons } from "../src/detector/reconstruct.js";

const M_E = 0.000511;
const M_MU = 0.1056583755;

function lepton(
  pdg: number,
  pt: number,
  eta: number,
  phi: number,
  extra: Partial<HandParticle> = {},
): HandParticle {
  const a = Math.abs(pdg);
  return { pdg, m: a === 11 ? M_E : a === 13 ? M_MU : 0, ...momentumFromPtEtaPhi(pt, eta, phi), ...extra };
}

/** A W-like 3-lepton event well inside the acceptance: μ (40 GeV) + e⁺e⁻ (10, 8 GeV). */
function threeLeptonEvent(weight = 1): { weight: number; particles: HandParticle[] } {
  return {
    weight,
    particles: [
      lepton(13, 40, 0.3, 0.1),
      lepton(11, 10, -0.5, 3.0),
      lepton(-11, 8, -0.6, -3.1),
      { pdg: 12, ...momentumFromPtEtaPhi(30, 1, 1) },
      { pdg: 24, status: 2, px: 0, py: 0, pz: 10, m: 80 },
    ],
  };
}

describe("reconstructLeptons: efficiencies (paper Sec. IV: 85 % per lepton)", () => {
  const card = loadCard("paper");

  it("weight mode: a 3-lepton event gives one entry of weight w ε³ plus the remainder; weights sum to w", () => {
    const batch = batchFromEvents([threeLeptonEvent(2.5)]);
    const r = reconstructLeptons(batch, card, randomStream(1, 0));
    expect(r.nEntries).toBe(2);
    expect(r.offsets[1]! - r.offsets[0]!).toBe(3);
    expect(r.weight[0]!).toBeCloseTo(2.5 * 0.85 ** 3, 14);
    expect(r.offsets[2]! - r.offsets[1]!).toBe(0); // merged "< 3 leptons" outcome
    expect(r.weight[0]! + r.weight[1]!).toBeCloseTo(2.5, 14);
    // Leptons sorted by descending pT; neutrinos and the W are ignored.
    expect(Array.from(r.pdg)).toEqual([13, 11, -11]);
    expect(r.pt[0]!).toBeGreaterThan(r.pt[1]!);
  });

  it("weight mode: a 4-lepton event yields the full set (ε⁴) and its four 'one lost' subsets (ε³(1−ε) each)", () => {
    const ev = threeLeptonEvent(1);
    ev.particles.push(lepton(-13, 20, 1.0, -1.0));
    const r = reconstructLeptons(batchFromEvents([ev]), card, randomStream(1, 0));
    const sizes = Array.from({ length: r.nEntries }, (_, i) => r.offsets[i + 1]! - r.offsets[i]!);
    expect(sizes).toEqual([4, 3, 3, 3, 3, 0]);
    const e = 0.85;
    expect(r.weight[0]!).toBeCloseTo(e ** 4, 14);
    for (let i = 1; i <= 4; i++) expect(r.weight[i]!).toBeCloseTo(e ** 3 * (1 - e), 14);
    // P(< 3) of a Poisson-binomial with four ε = 0.85 trials: (1−ε)⁴ + 4ε(1−ε)³ + 6ε²(1−ε)².
    expect(r.weight[5]!).toBeCloseTo((1 - e) ** 4 + 4 * e * (1 - e) ** 3 + 6 * e * e * (1 - e) ** 2, 14);
    expect(fsum(r.weight)).toBeCloseTo(1, 14);
  });

  it("random mode: the fraction of 4-lepton events reconstructed with exactly 3 leptons is 4ε³(1−ε)", () => {
    const n = 20000;
    const events = Array.from({ length: n }, () => {
      const ev = threeLeptonEvent(1);
      ev.particles.push(lepton(-13, 20, 1.0, -1.0));
      return ev;
    });
    const r = reconstructLeptons(batchFromEvents(events), card, randomStream(5, 0), {
      efficiencyMode: "random",
    });
    expect(r.nEntries).toBe(n);
    let three = 0;
    let four = 0;
    for (let i = 0; i < n; i++) {
      const k = r.offsets[i + 1]! - r.offsets[i]!;
      if (k === 3) three++;
      if (k === 4) four++;
    }
    // Binomial errors √(p(1−p)/n); 4 standard errors.
    const p3 = 4 * 0.85 ** 3 * 0.15;
    const p4 = 0.85 ** 4;
    expect(Math.abs(three / n - p3)).toBeLessThan(4 * Math.sqrt((p3 * (1 - p3)) / n));
    expect(Math.abs(four / n - p4)).toBeLessThan(4 * Math.sqrt((p4 * (1 - p4)) / n));
  });

  it("efficiency variations: the 3-lepton weight scales as ε³ (80 %, 90 % cards)", () => {
    const batch = batchFromEvents([threeLeptonEvent(1)]);
    expect(reconstructLeptons(batch, loadCard("eff-80"), randomStream(1)).weight[0]!).toBeCloseTo(
      0.8 ** 3,
      14,
    );
    expect(reconstructLeptons(batch, loadCard("eff-90"), randomStream(1)).weight[0]!).toBeCloseTo(
      0.9 ** 3,
      14,
    );
  });

  it(`weight mode refuses more than ${MAX_LEPTONS_WEIGHT_MODE} accepted leptons with an InputError`, () => {
    const particles = Array.from({ length: MAX_LEPTONS_WEIGHT_MODE + 1 }, (_, i) =>
      lepton(13, 10 + i, 0, i * 0.4),
    );
    expect(() =>
      reconstructLeptons(batchFromEvents([{ weight: 1, particles }]), card, randomStream(1)),
    ).toThrow(InputError);
  });
});

describe("reconstructLeptons: acceptance on smeared kinematics (paper Table II)", () => {
  const card = loadCard("paper");

  it("leptons below threshold, outside |η| < 2.5, along the beam, or not final are not reconstructed", () => {
    const ev = {
      weight: 1,
      particles: [
        lepton(13, 40, 0.3, 0.1),
        lepton(11, 10, -0.5, 3.0),
        lepton(-11, 8, -0.6, -3.1),
        lepton(11, 2, 0, 0), // below the 5 GeV electron threshold (8 % smearing cannot lift it)
        lepton(13, 2, 0, 0), // below the 3 GeV muon threshold (2.8 % smearing)
        lepton(-13, 30, 3.5, 0), // outside |η| < 2.5
        { pdg: 11, px: 0, py: 0, pz: 50, m: M_E }, // along the beam
        lepton(11, 30, 0, 1, { status: 2 }), // not final state
      ],
    };
    const r = reconstructLeptons(batchFromEvents([ev]), card, randomStream(3));
    // Exactly the three good leptons are accepted: one 3-lepton entry plus the "< 3" remainder.
    expect(r.nEntries).toBe(2);
    expect(Array.from(r.particle).sort()).toEqual([0, 1, 2]);
    for (let i = 0; i < 3; i++) expect(Math.abs(r.eta[i]!)).toBeLessThan(2.5);
  });

  it("the 1 GeV electron variant keeps a 2 GeV electron the nominal card drops", () => {
    const ev = {
      weight: 1,
      particles: [lepton(13, 40, 0, 0), lepton(11, 2, 0, 3), lepton(-11, 2.2, 0.1, 3)],
    };
    const loose = overrideCard(card, "electron.ptMinGeV", 1, "Table II 1 GeV variant");
    expect(reconstructLeptons(batchFromEvents([ev]), loose, randomStream(4)).nEntries).toBe(2);
    const nominal = reconstructLeptons(batchFromEvents([ev]), card, randomStream(4));
    expect(nominal.nEntries).toBe(1); // only the "< 3 leptons" entry
  });

  it("Z_D daughters keep their production vertex; same seed → same output, another stream → different", () => {
    const ev = {
      weight: 1,
      particles: [
        lepton(13, 40, 0, 0),
        lepton(11, 10, 0.2, 3, { vx: 3, vy: 4, vz: 12 }),
        lepton(-11, 9, 0.2, 3.05, { vx: 3, vy: 4, vz: 12 }),
      ],
    };
    const b = batchFromEvents([ev]);
    const r1 = reconstructLeptons(b, card, randomStream(9, 2));
    const r2 = reconstructLeptons(b, card, randomStream(9, 2));
    const r3 = reconstructLeptons(b, card, randomStream(9, 3));
    expect(Array.from(r1.px)).toEqual(Array.from(r2.px));
    expect(r1.px[0]).not.toBe(r3.px[0]);
    expect([r1.vx[1], r1.vy[1], r1.vz[1]]).toEqual([3, 4, 12]);
    expect(r1.displacementMeasure).toBe("3d");
  });
});

describe("reconstructLeptons: weight mode and random mode agree in expectation (twin, STYLE.md item 15)", () => {
  it("Σ weight of 3-lepton entries passing pT(ℓ1) > 25 GeV: random-mode estimate within 4 MC errors of weight mode", () => {
    // Mixed sample: 3- and 4-lepton events with non-unit weights; the 4th lepton is sometimes the leading one.
    const n = 8000;
    const events = Array.from({ length: n }, (_, i) => {
      const ev = threeLeptonEvent(0.5 + (i % 7) * 0.25);
      if (i % 3 === 0) ev.particles.push(lepton(-13, i % 2 ? 50 : 12, 1.0, -1.0));
      return ev;
    });
    const batch = batchFromEvents(events);
    const card = loadCard("paper");
    const cuts = [exactlyThreeLeptons(0.05), leadingPt(25)];
    const sum = (mode: "weight" | "random") => {
      const o = computeObservables(
        reconstructLeptons(batch, card, randomStream(21, 0), { efficiencyMode: mode }),
        batch,
      );
      const w = selectedWeights(o, cuts);
      let s = 0;
      let s2 = 0;
      for (const x of w) {
        s += x;
        s2 += x * x;
      }
      return { s, s2 };
    };
    const exact = sum("weight").s;
    const mc = sum("random");
    // MC error of the random-mode sum: √(Σw² − (Σw)²/N) ≈ √Σ(w − w̄)², conservatively √Σw².
    expect(Math.abs(mc.s - exact)).toBeLessThan(4 * Math.sqrt(mc.s2));
    expect(exact).toBeGreaterThan(0);
  });
});

describe("end to end: the paper card gives a 2 % dimuon mass resolution through reconstructLeptons", () => {
  it("std of m_μμ(reco)/m_μμ(true) for 1 GeV pairs is 2 % within 4/√(2N)", () => {
    const n = 20000;
    const rng = randomStream(33, 1);
    const m = 1;
    const pStar = Math.sqrt((m * m) / 4 - M_MU * M_MU);
    const events = Array.from({ length: n }, () => {
      // Isotropic decay of a 1 GeV Z_D boosted to 15 GeV along x (boost of the x components, Jackson eq. 11.19).
      const c = 2 * rng.uniform() - 1;
      const s = Math.sqrt(1 - c * c);
      const f = 2 * Math.PI * rng.uniform();
      const boost = 15;
      const E = Math.hypot(boost, m);
      const g = E / m;
      const bg = boost / m;
      const px = pStar * s * Math.cos(f);
      const py = pStar * s * Math.sin(f);
      const pz = pStar * c;
      const e = m / 2;
      return {
        weight: 1,
        particles: [
          lepton(11, 40, 0, Math.PI),
          { pdg: 13, m: M_MU, px: g * px + bg * e, py, pz },
          { pdg: -13, m: M_MU, px: -g * px + bg * e, py: -py, pz: -pz },
        ],
      };
    });
    const batch = batchFromEvents(events);
    const card = overrideCard(loadCard("paper"), "muon.ptMinGeV", 0.5);
    const o = computeObservables(
      reconstructLeptons(batch, card, randomStream(34, 0), { efficiencyMode: "random" }),
      batch,
    );
    const r: number[] = [];
    for (let i = 0; i < o.n; i++)
      if (o.valid[i] === 1 && o.channel[i] === Channel.mumu) r.push(o.mll[i]! / m);
    expect(r.length).toBeGreaterThan(0.5 * n);
    const mean = r.reduce((a, b) => a + b) / r.length;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
    expect(Math.abs(sd / 0.02 - 1)).toBeLessThan(4 / Math.sqrt(2 * r.length));
  });
});
