/**
 * Hadron proxies and charged H_T: the Field–Feynman sampler, three-momentum conservation, the
 * isospin charge ratio, the H_T definition of the paper (Sec. V A: charged hadrons with pT > 2 GeV,
 * |η| < 2.5, H_T < 30 GeV), and the veto's effect on W and tt̄-like events.
 */
import { describe, expect, it } from "vitest";
import { allocateFixedEventBatch } from "../src/core/events.js";
import { randomStream } from "../src/core/rng.js";
import { DEFAULT_PDF_SET, loadPdfSet } from "../src/pdf/index.js";
import {
  chargedHt,
  drellYanBatch,
  fieldFeynmanZFromUniform,
  fragmentParton,
  HadronBuffer,
  resolveShowerOptions,
  Shower,
  sampleFieldFeynmanZ,
  ttbarLikeBatch,
} from "../src/shower/index.js";

describe("Field–Feynman fragmentation (Nucl. Phys. B136 (1978) 1)", () => {
  it("z follows f(z) = 1 − a + 3a(1 − z)² (Kolmogorov–Smirnov)", () => {
    // CDF F(z) = (1 − a) z + a(1 − (1 − z)³). KS critical value at false-alarm rate 1e-3:
    // 1.95/√N (Stephens 1970 asymptotic), N = 20000.
    const a = 0.77;
    const n = 20000;
    const rng = randomStream(99, 0);
    const z = Float64Array.from({ length: n }, () => sampleFieldFeynmanZ(a, rng)).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const F = (1 - a) * z[i]! + a * (1 - (1 - z[i]!) ** 3);
      d = Math.max(d, Math.abs(F - (i + 1) / n), Math.abs(F - i / n));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it("the one-uniform sampler of the chain follows the same f(z) (Kolmogorov–Smirnov)", () => {
    // Twin of sampleFieldFeynmanZ: same CDF and KS bound (false-alarm rate 1e-3), for a = 0.77
    // and the end points a = 0, 1 (flat, 3(1 − z)²).
    for (const a of [0.77, 0, 1]) {
      const n = 20000;
      const rng = randomStream(98, 0);
      const z = Float64Array.from({ length: n }, () =>
        fieldFeynmanZFromUniform(rng.uniform(), a, rng),
      ).sort();
      let d = 0;
      for (let i = 0; i < n; i++) {
        const F = (1 - a) * z[i]! + a * (1 - (1 - z[i]!) ** 3);
        d = Math.max(d, Math.abs(F - (i + 1) / n), Math.abs(F - i / n));
      }
      expect(d).toBeLessThan(1.95 / Math.sqrt(n));
    }
  });

  it("conserves the parton's three-momentum and gives 2/3 charged pions", () => {
    // Three-momentum: exact by construction (fragment.ts), tolerance 1e-9 relative (rounding).
    // Charged fraction: isospin 2/3; binomial σ = √(2/9/N), tolerance 4σ.
    const o = resolveShowerOptions();
    const p = { ffA: o.ffA, sigmaPt: o.fragSigmaPtGeV, wMin: o.fragWminGeV };
    const rng = randomStream(5, 1);
    const buf = new HadronBuffer();
    let charged = 0;
    let total = 0;
    for (let j = 0; j < 300; j++) {
      buf.clear();
      const E = 5 + 100 * rng.uniform();
      const th = Math.acos(2 * rng.uniform() - 1);
      const ph = 2 * Math.PI * rng.uniform();
      const px = E * Math.sin(th) * Math.cos(ph);
      const py = E * Math.sin(th) * Math.sin(ph);
      const pz = E * Math.cos(th);
      const id = j % 3 === 0 ? 21 : j % 3 === 1 ? 2 : -5;
      const n = fragmentParton(id, E, px, py, pz, p, rng, buf, 0);
      expect(n).toBeGreaterThan(0);
      let sx = 0;
      let sy = 0;
      let sz = 0;
      for (let h = 0; h < buf.n; h++) {
        sx += buf.px[h]!;
        sy += buf.py[h]!;
        sz += buf.pz[h]!;
        if (buf.pdg[h] !== 111) charged++;
        total++;
      }
      expect(Math.abs(sx - px) + Math.abs(sy - py) + Math.abs(sz - pz)).toBeLessThan(1e-9 * E);
    }
    const f = charged / total;
    expect(Math.abs(f - 2 / 3)).toBeLessThan(4 * Math.sqrt(2 / 9 / total));
  });
});

describe("charged H_T (paper Sec. V A)", () => {
  it("sums pT of status-1 charged hadrons with pT > 2 GeV and |η| < 2.5, times htScale", () => {
    // Hand-built event; the expected sum is exact: 10 + 3 = 13 GeV (the others fail a cut).
    const b = allocateFixedEventBatch(1, 7);
    const put = (k: number, pdg: number, st: number, pt: number, eta: number) => {
      b.pdg[k] = pdg;
      b.status[k] = st;
      b.px[k] = pt;
      b.py[k] = 0;
      b.pz[k] = pt * Math.sinh(eta);
      b.E[k] = Math.hypot(pt * Math.cosh(eta), 0.1396);
    };
    put(0, 211, 1, 10, 0.5); // counted
    put(1, -211, 1, 3, -2.4); // counted
    put(2, 211, 1, 1.9, 0); // pT below 2 GeV
    put(3, -211, 1, 50, 2.6); // outside |η| < 2.5
    put(4, 111, 1, 20, 0); // neutral
    put(5, 211, 2, 20, 0); // not final
    put(6, 13, 1, 40, 0); // a muon, not a hadron
    expect(chargedHt(b, 0)).toBeCloseTo(13, 12);
    expect(chargedHt(b, 0, { ptMinGeV: 2, absEtaMax: 2.5, htScale: 1.5 })).toBeCloseTo(19.5, 12);
  });

  const pdf = loadPdfSet(DEFAULT_PDF_SET);
  const fractionPassing = (batch: ReturnType<typeof drellYanBatch>) => {
    let sw = 0;
    let pass = 0;
    for (let e = 0; e < batch.nEvents; e++) {
      sw += batch.weight[e]!;
      if (chargedHt(batch, e) < 30) pass += batch.weight[e]!;
    }
    return pass / sw;
  };

  it("W → ℓν events mostly pass H_T < 30 GeV; tt̄-like events almost never do", () => {
    // Expectations (physics, not a fit): a colour-singlet process has only ISR jets, so most
    // events are quiet (measured here ≈ 0.87, see docs/shower.md); tt̄ has two b jets of
    // ~60 GeV plus, 2/3 of the time per W, two more jets (measured ≈ 0.005). Thresholds 0.75 and
    // 0.05 leave > 5σ of MC room with 1500 events (weighted; effective N ≳ 500).
    const w = new Shower(pdf, {}).run(
      drellYanBatch(pdf, "W+", 1500, 13000, randomStream(8, 0)),
      randomStream(8, 1),
    );
    const tt = new Shower(pdf, {}).run(
      ttbarLikeBatch(pdf, 600, 13000, randomStream(8, 2)),
      randomStream(8, 3),
    );
    expect(fractionPassing(w)).toBeGreaterThan(0.75);
    expect(fractionPassing(w)).toBeLessThan(0.99);
    expect(fractionPassing(tt)).toBeLessThan(0.05);
  });
});
