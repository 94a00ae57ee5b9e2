import { describe, expect, it } from "vitest";
import { hadronThreeCharge, isChargedHadron } from "../src/analysis/hadrons.js";
import { batchFromEvents, type HandParticle, momentumFromPtEtaPhi } from "../src/analysis/handbuilt.js";
import { Channel, chargedHT, computeObservables } from "../src/analysis/observables.js";
import { boostInPlace, deltaPhi, pairMass2 } from "../src/core/fourvector.js";
import { randomStream } from "../src/core/rng.js";
import { loadCard, overrideCard, truthLevelCard } from "../src/detector/card.js";
import { reconstructLeptons } from "../src/detector/reconstruct.js";

const truth = truthLevelCard(loadCard("paper"));

function lep(
  pdg: number,
  pt: number,
  eta: number,
  phi: number,
  extra: Partial<HandParticle> = {},
): HandParticle {
  return { pdg, m: 0, ...momentumFromPtEtaPhi(pt, eta, phi), ...extra };
}

function observe(
  particles: HandParticle[],
  card = truth,
  weight = 1,
  efficiencyMode: "weight" | "random" = "weight",
) {
  const batch = batchFromEvents([{ weight, particles }]);
  const reco = reconstructLeptons(batch, card, randomStream(1), { efficiencyMode });
  return computeObservables(reco, batch);
}

describe("charged hadrons (PDG numbering scheme, PDG 2024 review)", () => {
  it("three-charges of common hadrons; leptons, photons, neutral hadrons, diquarks are not charged hadrons", () => {
    const charged: [number, number][] = [
      [211, 3],
      [-211, -3],
      [321, 3],
      [-321, -3],
      [2212, 3],
      [-2212, -3],
      [3222, 3],
      [3112, -3],
      [3312, -3],
      [3334, -3],
      [411, 3],
      [431, 3],
      [521, 3],
      [213, 3],
      [2224, 6],
    ];
    for (const [id, q3] of charged) {
      expect(hadronThreeCharge(id)).toBe(q3);
      expect(isChargedHadron(id)).toBe(true);
    }
    for (const id of [111, 130, 310, 311, 2112, 3122, 421, 511, 11, 13, 22, 21, 2101, 9900012, 1000010020]) {
      expect(isChargedHadron(id)).toBe(false);
    }
  });

  it("charged H_T sums final charged hadrons with pT > 2 GeV and |η| < 2.5 (paper Sec. V A); 0 without hadrons", () => {
    const b = batchFromEvents([
      {
        weight: 1,
        particles: [
          lep(211, 20, 0.5, 0, { m: 0.1396 }),
          lep(-321, 7, -2.4, 1, { m: 0.4937 }),
          lep(111, 50, 0, 2), // neutral
          lep(211, 1.9, 0, 3), // below 2 GeV
          lep(2212, 30, 2.6, 0), // outside |η| < 2.5
          lep(211, 40, 0, 0, { status: 2 }), // not final
          lep(13, 40, 0, 0), // a lepton
        ],
      },
      { weight: 1, particles: [lep(13, 40, 0, 0)] },
    ]);
    const ht = chargedHT(b);
    expect(ht[0]!).toBeCloseTo(27, 12);
    expect(ht[1]!).toBe(0);
  });
});

describe("observables on hand-built events (truth-level card: no smearing)", () => {
  it("ℓ1..ℓ3 ordered by pT; m_ℓℓ, m(3ℓ), pT(3ℓ), dφ, dR against closed forms for massless leptons", () => {
    // ℓ1 = μ (40, η 0, φ 0); soft pair e⁻ (10, η 0.3, φ 3.0) and e⁺ (8, η 0.5, φ −3.1), given out of order.
    const o = observe([lep(-11, 8, 0.5, -3.1), lep(13, 40, 0, 0), lep(11, 10, 0.3, 3.0)]);
    // One 3-lepton entry (efficiency 1): no remainder entry.
    expect(o.n).toBe(1);
    expect(o.valid[0]).toBe(1);
    expect([o.pdg1[0], o.pdg2[0], o.pdg3[0]]).toEqual([13, 11, -11]);
    expect([o.pt1[0], o.pt2[0], o.pt3[0]].map((x) => +x!.toFixed(12))).toEqual([40, 10, 8]);
    // Massless two-body mass: m² = 2 pT2 pT3 (cosh Δη − cos Δφ).
    const dphi23 = deltaPhi(3.0, -3.1);
    expect(o.mll[0]!).toBeCloseTo(Math.sqrt(2 * 10 * 8 * (Math.cosh(0.2) - Math.cos(dphi23))), 10);
    // Three-body: sums of components.
    const p = [
      [40, 0, 0],
      [10, 0.3, 3.0],
      [8, 0.5, -3.1],
    ].map(([pt, eta, phi]) => ({ ...momentumFromPtEtaPhi(pt!, eta!, phi!), E: pt! * Math.cosh(eta!) }));
    const S = p.reduce((s, q) => ({ E: s.E + q.E, px: s.px + q.px, py: s.py + q.py, pz: s.pz + q.pz }), {
      E: 0,
      px: 0,
      py: 0,
      pz: 0,
    });
    expect(o.m3l[0]!).toBeCloseTo(Math.sqrt(S.E ** 2 - S.px ** 2 - S.py ** 2 - S.pz ** 2), 10);
    expect(o.pt3l[0]!).toBeCloseTo(Math.hypot(S.px, S.py), 10);
    const zx = p[1]!.px + p[2]!.px;
    const zy = p[1]!.py + p[2]!.py;
    const zz = p[1]!.pz + p[2]!.pz;
    const dphi = deltaPhi(0, Math.atan2(zy, zx));
    const deta = 0 - Math.asinh(zz / Math.hypot(zx, zy));
    expect(o.dPhi1Z[0]!).toBeCloseTo(dphi, 12);
    expect(o.dR1Z[0]!).toBeCloseTo(Math.hypot(dphi, deta), 12);
    expect(o.channel[0]).toBe(Channel.ee);
    expect(o.softPairCharge[0]).toBe(0);
  });

  it("m_ℓℓ is frame independent (STYLE.md item 15): boosting the event along z leaves it unchanged", () => {
    const base = [
      lep(13, 40, 0, 0),
      lep(13, 10, 0.3, 3.0, { m: 0.10566 }),
      lep(-13, 8, 0.5, -3.1, { m: 0.10566 }),
    ];
    const o0 = observe(base);
    const boosted = base.map((q) => {
      const v = new Float64Array([Math.hypot(q.px, q.py, q.pz, q.m ?? 0), q.px, q.py, q.pz]);
      boostInPlace(v, 0, 0, 0, 0.6);
      return { ...q, px: v[1]!, py: v[2]!, pz: v[3]! };
    });
    const o1 = observe(boosted, overrideCard(truth, "muon.absEtaMax", 10));
    expect(o1.mll[0]!).toBeCloseTo(o0.mll[0]!, 10);
    expect(o1.m3l[0]!).toBeCloseTo(o0.m3l[0]!, 10);
    // Twin: the same pair mass from the core kernel.
    const a = new Float64Array([
      Math.hypot(10, 10 * Math.sinh(0.3), 0.10566),
      ...Object.values(momentumFromPtEtaPhi(10, 0.3, 3.0)),
    ]);
    const b = new Float64Array([
      Math.hypot(8, 8 * Math.sinh(0.5), 0.10566),
      ...Object.values(momentumFromPtEtaPhi(8, 0.5, -3.1)),
    ]);
    expect(o0.mll[0]!).toBeCloseTo(Math.sqrt(pairMass2(a, 0, b, 0)), 10);
    expect(o0.channel[0]).toBe(Channel.mumu);
  });

  it("displacement of the soft-pair vertex: 3-D by default, transverse as a card option", () => {
    const v = { vx: 3, vy: 4, vz: 12 };
    const parts = [lep(13, 40, 0, 0), lep(11, 10, 0.3, 3.0, v), lep(-11, 8, 0.5, -3.1, v)];
    expect(observe(parts).displacementMm[0]!).toBeCloseTo(13, 12);
    expect(
      observe(parts, overrideCard(truth, "displacement.measure", "transverse")).displacementMm[0]!,
    ).toBeCloseTo(5, 12);
  });

  it("entries with fewer than three leptons are invalid and NaN-free; 4-lepton entries use the three leading", () => {
    // Random mode keeps the lepton list of a < 3-lepton event (weight mode merges such outcomes
    // into one entry without leptons).
    const two = observe([lep(13, 40, 0, 0), lep(11, 10, 0.3, 3.0)], truth, 1, "random");
    expect(two.valid[0]).toBe(0);
    expect(two.nLeptons[0]).toBe(2);
    for (const col of [two.mll, two.m3l, two.pt3l, two.dR1Z, two.dPhi1Z, two.displacementMm]) {
      expect(Number.isNaN(col[0]!)).toBe(false);
    }
    expect(two.channel[0]).toBe(Channel.none);
    const four = observe([
      lep(13, 40, 0, 0),
      lep(11, 10, 0.3, 3.0),
      lep(-11, 8, 0.5, -3.1),
      lep(-13, 6, 1, 1),
    ]);
    expect(four.nLeptons[0]).toBe(4);
    expect(four.pt3[0]!).toBeCloseTo(8, 12);
    expect(four.channel[0]).toBe(Channel.ee);
  });

  it("with the paper card the entry weights carry the efficiencies and H_T is the event's", () => {
    const o = observe(
      [lep(13, 40, 0, 0), lep(11, 10, 0.3, 3.0), lep(-11, 8, 0.5, -3.1), lep(211, 12, 0, 1)],
      loadCard("paper"),
      3,
    );
    expect(o.n).toBe(2);
    expect(o.weight[0]!).toBeCloseTo(3 * 0.85 ** 3, 12);
    expect(o.htCharged[0]!).toBeCloseTo(12, 12);
    expect(o.htCharged[1]!).toBeCloseTo(12, 12);
    // htScale multiplies H_T (shower stage's stand-in for UE and pile-up); bad values are rejected.
    const batch = batchFromEvents([{ weight: 1, particles: [lep(13, 40, 0, 0), lep(211, 12, 0, 1)] }]);
    const reco = reconstructLeptons(batch, truth, randomStream(1));
    expect(computeObservables(reco, batch, { htScale: 1.5 }).htCharged[0]!).toBeCloseTo(18, 12);
    expect(() => computeObservables(reco, batch, { htScale: Number.NaN })).toThrow(/htScale/);
    // A precomputed H_T (one batch, several cards: scan/yields.ts) is used as given — the same
    // numbers as computing it here — and must have one value per event.
    const pre = chargedHT(batch);
    expect(computeObservables(reco, batch, { htPerEvent: pre, htScale: 1.5 }).htCharged[0]!).toBe(
      computeObservables(reco, batch, { htScale: 1.5 }).htCharged[0]!,
    );
    expect(() => computeObservables(reco, batch, { htPerEvent: new Float64Array(2) })).toThrow(/htPerEvent/);
  });
});
