/**
 * The analysis pipeline (src/analysis/pipeline.ts): analyzeBatch against the stage functions called
 * by hand, histograms against the cut flow, rescaleZDFlight (exact scaling and the exponential law
 * of the decay length, cτ ∝ 1/αε², paper eq. 8), the Z_D dielectron mass kernel of Fig. 2, the
 * event-source dispatch and the process grouping.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cutFlow } from "../src/analysis/cutflow.js";
import { promptSignalRegionCuts, selectionOptionsFromCard } from "../src/analysis/cuts.js";
import { batchFromEvents, type HandParticle, momentumFromPtEtaPhi } from "../src/analysis/handbuilt.js";
import { computeObservables } from "../src/analysis/observables.js";
import {
  analysisSummary,
  analyzeBatch,
  binsWithFlowFolded,
  openEventSource,
  processGroup,
  readEventSource,
  rescaleZDFlight,
  smearedZDDielectronMasses,
  splitZDFlight,
  zdDecayDistanceMm,
} from "../src/analysis/pipeline.js";
import { InputError } from "../src/core/errors.js";
import type { EventBatch, EventBatchInfo } from "../src/core/events.js";
import { Histogram1D } from "../src/core/histogram.js";
import { randomStream } from "../src/core/rng.js";
import { loadCard, truthLevelCard } from "../src/detector/card.js";
import { reconstructLeptons } from "../src/detector/reconstruct.js";
import { generate } from "../src/generate/generate.js";
import { writeEventBatchDir } from "../src/generate/output.js";
import { writeLhe } from "../src/io/lhe.js";

const M_ZD = 0.1;

/**
 * A signal-like event: W lepton μ, ν, N_D (status 2), ν, Z_D (status 2, index 4), e⁻ e⁺ from the Z_D
 * at `flightMm` along the Z_D direction from the N_D decay vertex `nVertex`. Mothers are set by
 * `setMothers` (batchFromEvents leaves them at −1).
 */
function signalEvent(weight: number, zdPt: number, zdEta: number, flightMm: number, nVertex = [0, 0, 0]) {
  const mu = momentumFromPtEtaPhi(40, 0.2, 0);
  const zd = momentumFromPtEtaPhi(zdPt, zdEta, Math.PI - 0.05);
  const pz = Math.hypot(zd.px, zd.py, zd.pz);
  const dir = [zd.px / pz, zd.py / pz, zd.pz / pz];
  const dv = [
    nVertex[0]! + flightMm * dir[0]!,
    nVertex[1]! + flightMm * dir[1]!,
    nVertex[2]! + flightMm * dir[2]!,
  ];
  // Z_D → e⁻e⁺: split the momentum 60/40 with a small opening (exact masses are not needed here).
  const e1 = { px: 0.6 * zd.px, py: 0.6 * zd.py + 0.02, pz: 0.6 * zd.pz };
  const e2 = { px: zd.px - e1.px, py: zd.py - e1.py, pz: zd.pz - e1.pz };
  const v = { vx: dv[0]!, vy: dv[1]!, vz: dv[2]! };
  const particles: HandParticle[] = [
    { pdg: -13, ...mu },
    { pdg: 14, px: -mu.px, py: 0, pz: 0 },
    { pdg: 9900012, ...zd, m: 0.3, status: 2 },
    { pdg: -14, px: 1, py: 0, pz: 0, vx: nVertex[0]!, vy: nVertex[1]!, vz: nVertex[2]! },
    { pdg: 9900022, ...zd, m: M_ZD, status: 2, vx: nVertex[0]!, vy: nVertex[1]!, vz: nVertex[2]! },
    { pdg: 11, ...e1, m: 0.000511, ...v },
    { pdg: -11, ...e2, m: 0.000511, ...v },
  ];
  return { weight, processId: 10, particles };
}

function setMothers(b: EventBatch): EventBatch {
  for (let e = 0; e < b.nEvents; e++) {
    const o = b.offsets[e]!;
    // within-event mothers: ν from N_D (2), Z_D from N_D, e± from Z_D (4)
    b.mother1[o + 3] = 2;
    b.mother1[o + 4] = 2;
    b.mother1[o + 5] = 4;
    b.mother1[o + 6] = 4;
  }
  return b;
}

const info: EventBatchInfo = {
  processes: { 10: "p p > W+- > mu N_D, N_D > nu Z_D, Z_D > l' l'" },
  beamEnergyGeV: [6500, 6500],
  beamPdg: [2212, 2212],
  sigmaPb: 1,
  sigmaErrPb: 0,
  meta: { spec: { kind: "signal", U2: 1e-4 } },
};

describe("analyzeBatch", () => {
  it("reproduces reconstructLeptons → computeObservables → cutFlow called by hand (same stream), weighted", () => {
    // Reference: the stage functions themselves (docs/detector.md); equality is exact because the
    // same RNG stream and the same arithmetic are used.
    const events = [];
    for (let i = 0; i < 200; i++)
      events.push(signalEvent(0.01 * (1 + (i % 7)), 12 + (i % 13), -1 + 0.01 * i, 0.05 * (i % 40)));
    const batch = setMothers(batchFromEvents(events));
    const card = loadCard("paper");
    const r = analyzeBatch(batch, info, { card, lumiInvFb: 150, seed: 7, selection: "prompt-sr" });
    const reco = reconstructLeptons(batch, card, randomStream(7, 0));
    const obs = computeObservables(reco, batch);
    const direct = cutFlow(obs, promptSignalRegionCuts(selectionOptionsFromCard(card)), { lumiInvFb: 150 });
    expect(r.cutflow.rows.map((x) => x.sigmaPb)).toEqual(direct.rows.map((x) => x.sigmaPb));
    expect(r.cutflow.rows.map((x) => x.events)).toEqual(direct.rows.map((x) => x.events));
    // The per-process flow of the only process equals the total.
    expect(r.cutflowsByProcess[0]!.process).toBe(info.processes[10]);
    expect(r.cutflowsByProcess[0]!.rows.map((x) => x.sigmaPb)).toEqual(direct.rows.map((x) => x.sigmaPb));
    // Non-trivial: something passes and something is cut.
    const last = r.cutflow.rows[r.cutflow.rows.length - 1]!;
    expect(last.sigmaPb).toBeGreaterThan(0);
    expect(last.sigmaPb).toBeLessThan(r.cutflow.rows[0]!.sigmaPb);
    // Histograms hold the selected yield: Σ bins (with flow) = last row's events (σ L); relative
    // 1e-12 is summation round-off.
    for (const h of Object.values(r.histograms)) expect(h.integral(true)).toBeCloseTo(last.events, 9);
    // The JSON summary: yields in events at the luminosity.
    const s = analysisSummary(r, info);
    expect(s.lumiInvFb).toBe(150);
    expect(s.cutflow[0]!.yield).toBeCloseTo(r.cutflow.rows[0]!.sigmaPb * 150 * 1000, 9);
    expect(Object.keys(s.cutflow[0]!)).toEqual(expect.arrayContaining(["cut", "yield", "yieldErr"]));
  });

  it("electronPtMinGeV overrides card and selection thresholds together", () => {
    const batch = setMothers(batchFromEvents([signalEvent(1, 6, 0.3, 0)])); // soft electrons ≈ 3.6 and 2.4 GeV
    const card = truthLevelCard(loadCard("paper"));
    const nominal = analyzeBatch(batch, info, { card, lumiInvFb: 1, selection: "baseline" });
    const loose = analyzeBatch(batch, info, {
      card,
      lumiInvFb: 1,
      selection: "baseline",
      electronPtMinGeV: 1,
    });
    expect(nominal.card.electron.ptMinGeV.value).toBe(5);
    expect(loose.card.electron.ptMinGeV.value).toBe(1);
    // Truth level, efficiency 1: the event either passes fully (weight 1) or not at all.
    expect(nominal.cutflow.rows.at(-1)!.sigmaPb).toBe(0);
    expect(loose.cutflow.rows.at(-1)!.sigmaPb).toBe(1);
  });

  it("rejects a negative luminosity", () => {
    const batch = setMothers(batchFromEvents([signalEvent(1, 10, 0, 0)]));
    expect(() =>
      analyzeBatch(batch, info, { card: loadCard("paper"), lumiInvFb: -1, selection: "baseline" }),
    ).toThrow(InputError);
  });
});

describe("rescaleZDFlight", () => {
  it("scales every Z_D flight by the factor exactly and leaves everything else alone", () => {
    // Reference: definition (vertex − Z_D production vertex) × f; relative 1e-12 is round-off.
    const events = [signalEvent(1, 10, 0.5, 3.0, [0.01, -0.02, 0.03]), signalEvent(2, 20, -1, 0.2)];
    const batch = setMothers(batchFromEvents(events));
    const before = Float64Array.from(batch.vx);
    const out = rescaleZDFlight(batch, 4);
    expect(Array.from(batch.vx)).toEqual(Array.from(before)); // input untouched
    for (let e = 0; e < 2; e++) {
      const o = batch.offsets[e]!;
      for (const p of [o + 5, o + 6]) {
        for (const c of ["vx", "vy", "vz"] as const) {
          const z = batch[c][o + 4]!;
          expect(out[c][p]! - z).toBeCloseTo(4 * (batch[c][p]! - z), 12);
        }
      }
      for (const p of [o, o + 1, o + 2, o + 3, o + 4]) expect(out.vx[p]).toBe(batch.vx[p]);
    }
    expect(out.px).toBe(batch.px); // other columns shared
    expect(() => rescaleZDFlight(batch, 0)).toThrow(InputError);
    expect(() => rescaleZDFlight(batch, Number.NaN)).toThrow(InputError);
  });

  it("an exponential flight sample of mean λ becomes one of mean fλ (mean exact; KS at α = 0.001)", () => {
    // Reference: if L ~ Exp(λ) then fL ~ Exp(fλ). Mean: exact up to round-off (each value is
    // multiplied by f). Shape: Kolmogorov–Smirnov against Exp(fλ); the asymptotic critical value at
    // α = 0.001 is 1.949/√N (false-alarm rate 0.1 %, fixed seed).
    const n = 4000;
    const lambda = 2.5;
    const f = 7;
    const rng = randomStream(11, 0);
    const events = [];
    for (let i = 0; i < n; i++) events.push(signalEvent(1, 15, 0, rng.exponential(lambda)));
    const batch = setMothers(batchFromEvents(events));
    const d0 = zdDecayDistanceMm(batch);
    const d1 = zdDecayDistanceMm(rescaleZDFlight(batch, f));
    const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean(d1) / mean(d0)).toBeCloseTo(f, 10);
    const sorted = Float64Array.from(d1).sort();
    let D = 0;
    for (let i = 0; i < n; i++) {
      const F = 1 - Math.exp(-sorted[i]! / (f * lambda));
      D = Math.max(D, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
    }
    expect(D).toBeLessThan(1.949 / Math.sqrt(n));
  });

  it("on a generated signal sample: ⟨L / ((p/m) cτ)⟩ = 1 with cτ scaled by f (generator's cτ, docs/generator.md)", async () => {
    // Reference: L = (p/m) cτ × Exp(1) (DESIGN.md); after rescaling by f the new cτ is f cτ_ref.
    // Tolerance: the mean of N unit exponentials has σ = 1/√N; 4σ.
    const g = await generate(
      {
        kind: "signal",
        charge: "both",
        lepton: "mu",
        decayLepton: "e",
        mN: 0.3,
        mZD: 0.1,
        U2: 1e-4,
        alphaEps2: 2e-10,
        gD: 0.25,
        nature: "dirac",
        sqrtS: 13000,
        scale: { kind: "dynamic" },
        ewInputs: "default",
        mHatMinGeV: 10,
      },
      { nEvents: 2000, seed: 3, workers: 0, warmupPoints: 1000, warmupIterations: 2 },
    );
    const ctau = g.info.meta.ctauZDMm as number;
    expect(ctau).toBeGreaterThan(0);
    const f = 0.1; // αε² = 2e-9
    const b = rescaleZDFlight(g.batch, f);
    let sum = 0;
    let n = 0;
    for (let e = 0; e < b.nEvents; e++) {
      const o = b.offsets[e]!;
      const z = o + 6; // Z_D slot of the signal record
      expect(Math.abs(b.pdg[z]!)).toBe(9900022);
      const L = Math.hypot(b.vx[o + 7]! - b.vx[z]!, b.vy[o + 7]! - b.vy[z]!, b.vz[o + 7]! - b.vz[z]!);
      const p = Math.hypot(b.px[z]!, b.py[z]!, b.pz[z]!);
      sum += L / ((p / b.m[z]!) * f * ctau);
      n++;
    }
    expect(Math.abs(sum / n - 1)).toBeLessThan(4 / Math.sqrt(n));
  });
});

describe("splitZDFlight", () => {
  // Z_D of signalEvent: p_T 15 GeV at η 0 (|p| = 15 GeV), mass M_ZD; cτ chosen so that λ = (p/m) cτ.
  const lambda = 2.5;
  const ctauFor = (b: EventBatch) => {
    const z = b.offsets[0]! + 4;
    return (lambda * b.m[z]!) / Math.hypot(b.px[z]!, b.py[z]!, b.pz[z]!);
  };
  const flight = (b: EventBatch, e: number) => {
    const o = b.offsets[e]!;
    return Math.hypot(b.vx[o + 5]! - b.vx[o + 4]!, b.vy[o + 5]! - b.vy[o + 4]!, b.vz[o + 5]! - b.vz[o + 4]!);
  };

  it("splits each event's weight into P(L < s) and P(L ≥ s), flights on either side, one u for both", () => {
    // Reference: the definition in pipeline.ts (inverse transform of the exponential of mean fλ at
    // the event's u = 1 − exp(−L/λ)); 1e-12 relative is round-off.
    const events = [signalEvent(2, 15, 0, 0.7), signalEvent(3, 15, 0, 9.0)];
    const batch = setMothers(batchFromEvents(events));
    const f = 4;
    const { near, far } = splitZDFlight(batch, ctauFor(batch), f, 1);
    for (let e = 0; e < 2; e++) {
      const L = flight(batch, e);
      const u = 1 - Math.exp(-L / lambda);
      const pNear = 1 - Math.exp(-1 / (f * lambda));
      expect(near.weight[e]! + far.weight[e]!).toBeCloseTo(batch.weight[e]!, 12);
      expect(near.weight[e]! / batch.weight[e]!).toBeCloseTo(pNear, 12);
      expect(flight(near, e)).toBeCloseTo(-f * lambda * Math.log(1 - u * pNear), 10);
      expect(flight(far, e)).toBeCloseTo(1 - f * lambda * Math.log(1 - u), 10);
      expect(flight(near, e)).toBeLessThan(1);
      expect(flight(far, e)).toBeGreaterThanOrEqual(1);
    }
    expect(() => splitZDFlight(batch, 0, 1, 1)).toThrow(/ctauZDMm/);
    expect(() => splitZDFlight(batch, 1, 1, -1)).toThrow(/splitMm/);
  });

  it("each piece follows the exponential of mean fλ restricted to its side (KS at α = 0.001)", () => {
    // Reference: inverse-transform sampling. Kolmogorov–Smirnov against the truncated laws
    // F_near(L) = (1 − e^{−L/fλ})/(1 − e^{−s/fλ}) on [0, s) and F_far(L) = 1 − e^{−(L−s)/fλ} on
    // [s, ∞); asymptotic critical value 1.949/√N at α = 0.001 (fixed seed).
    const n = 4000;
    const f = 7;
    const s = 3;
    const rng = randomStream(12, 0);
    const events = [];
    for (let i = 0; i < n; i++) events.push(signalEvent(1, 15, 0, rng.exponential(lambda)));
    const batch = setMothers(batchFromEvents(events));
    const { near, far } = splitZDFlight(batch, ctauFor(batch), f, s);
    const ks = (b: EventBatch, cdf: (L: number) => number) => {
      const x = Float64Array.from({ length: n }, (_, e) => flight(b, e)).sort();
      let D = 0;
      for (let i = 0; i < n; i++) {
        const F = cdf(x[i]!);
        D = Math.max(D, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
      }
      return D;
    };
    const m = f * lambda;
    expect(ks(near, (L) => -Math.expm1(-L / m) / -Math.expm1(-s / m))).toBeLessThan(1.949 / Math.sqrt(n));
    expect(ks(far, (L) => -Math.expm1(-(L - s) / m))).toBeLessThan(1.949 / Math.sqrt(n));
  });
});

describe("smearedZDDielectronMasses (Fig. 2 kernel)", () => {
  it("truth-level card gives the true pair mass; the acceptance drops soft pairs", () => {
    // Reference: m² = (p₁ + p₂)² of the generated electrons (no smearing); 1e-9 relative.
    const events = [signalEvent(1, 10, 0, 0), signalEvent(2, 30, 1, 0), signalEvent(3, 1.2, 0, 0)];
    const batch = setMothers(batchFromEvents(events));
    const card = truthLevelCard(loadCard("paper"));
    const { massGeV, weight } = smearedZDDielectronMasses(batch, card, randomStream(1, 0));
    expect(Array.from(weight)).toEqual([1, 2]); // third event: electrons at 0.72 and 0.48 GeV < 1 GeV
    for (let k = 0; k < 2; k++) {
      const o = batch.offsets[k]!;
      const E = batch.E[o + 5]! + batch.E[o + 6]!;
      const px = batch.px[o + 5]! + batch.px[o + 6]!;
      const py = batch.py[o + 5]! + batch.py[o + 6]!;
      const pz = batch.pz[o + 5]! + batch.pz[o + 6]!;
      const m = Math.sqrt(E * E - px * px - py * py - pz * pz);
      expect(massGeV[k]! / m).toBeCloseTo(1, 9);
    }
  });
});

describe("histogram flow folding", () => {
  it("puts under/overflow into the edge bins (Figs. 3–5 captions) and conserves the total", () => {
    const h = new Histogram1D({ kind: "uniform", lo: 0, hi: 10, bins: 5 });
    for (const [x, w] of [
      [-1, 0.5],
      [1, 1],
      [5, 2],
      [12, 4],
      [9.5, 8],
    ] as const)
      h.fill(x, w);
    const b = binsWithFlowFolded(h);
    expect(b.map((r) => r.value)).toEqual([1.5, 0, 2, 0, 12]);
    expect(b[4]!.err).toBeCloseTo(Math.sqrt(16 + 64), 12);
    expect(b.reduce((s, r) => s + r.value, 0)).toBe(h.integral(true));
  });
});

describe("openEventSource", () => {
  it("reads a native directory and refuses unknown formats with an InputError", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dnreach-src-"));
    try {
      const batch = setMothers(batchFromEvents([signalEvent(1, 10, 0, 1), signalEvent(2, 11, 0, 2)]));
      await writeEventBatchDir(join(dir, "s"), batch, info);
      const src = await openEventSource(join(dir, "s"));
      expect(src.format).toBe("native");
      const back = await readEventSource(src);
      expect(back.nEvents).toBe(2);
      expect(Array.from(back.weight)).toEqual([1, 2]);
      writeFileSync(join(dir, "x.root"), "");
      await expect(openEventSource(join(dir, "x.root"))).rejects.toThrow(InputError);
      await expect(openEventSource(join(dir, "missing"))).rejects.toThrow(InputError);
      // LHE through src/io/lhe.ts: same events, weights normalised to σ = Σw (io docs/formats.md);
      // dnreach's own vertex lines keep the displaced Z_D vertex, so the analysis sees the same
      // displacement (1e-9 relative: text round trip).
      await writeLhe(join(dir, "s.lhe"), { ...info, sigmaPb: 3 }, [batch]);
      const lhe = await openEventSource(join(dir, "s.lhe"));
      expect(lhe.format).toBe("lhe");
      const lb = await readEventSource(lhe);
      expect(lb.nEvents).toBe(2);
      expect(lb.weight[0]! + lb.weight[1]!).toBeCloseTo(3, 9);
      const d0 = zdDecayDistanceMm(batch);
      const d1 = zdDecayDistanceMm(lb);
      expect(d1[1]! / d0[1]!).toBeCloseTo(1, 9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("processGroup", () => {
  it("maps generator kinds and process labels to W, Z, top, signal", () => {
    const mk = (kind: string | undefined, name: string): EventBatchInfo => ({
      ...info,
      processes: { 1: name },
      meta: kind ? { spec: { kind } } : {},
    });
    expect(processGroup(mk("signal", ""))).toBe("signal");
    expect(processGroup(mk("wgamma", ""))).toBe("W");
    expect(processGroup(mk("w-lnu", ""))).toBe("W");
    expect(processGroup(mk("zll", ""))).toBe("Z");
    expect(processGroup(mk("ttbar", ""))).toBe("top");
    expect(processGroup(mk(undefined, "p p > W+ > mu nu e+ e- (all EW diagrams)"))).toBe("W");
    expect(processGroup(mk(undefined, "p p > W- > e N_D, N_D > nu Z_D"))).toBe("signal");
    expect(processGroup(mk(undefined, "p p > Z > mu+ mu- e+ e-"))).toBe("Z");
    expect(processGroup(mk(undefined, "p p > t t~"))).toBe("top");
    expect(processGroup(mk(undefined, "camel"))).toBeUndefined();
  });
});
