// Effect of QED final-state radiation (shower option qedFsr) and of lepton dressing (detector card
// entry leptonDressingDeltaR, src/detector/reconstruct.ts) on the soft m_ℓℓ and the prompt signal
// region, with paired MC errors.
//
//   npm run build && node bench/dressing.mjs [wParts=12] [seed=1]
//
// Samples are those of the scan (src/scan/processes.ts, reproduce.ts sizes): generated and showered
// exactly as `dnreach reproduce` does (ISR, FSR, hadron proxies; QED FSR off) — sample A. Sample B
// is A with a QED-FSR-only shower pass on top (the QED shower acts on leptons only and adds photons,
// so running it after hadronisation is the same physics as running it before; only the random
// stream differs). A and B hold the same events, and every reconstruction uses the same detector
// stream, so events without a photon contribute identically and the differences have small, paired
// errors √Σ_e (w_e − w'_e)².
// Configurations: "no QED" = A with the paper card; "QED bare" = B with the paper card and
// leptonDressingDeltaR = 0; "QED dressed" = B with the paper card (R = 0.1).
//
// Signal: benchmark (m_N, m_ZD) = (0.3, 0.1) GeV, W → μ N_D, Z_D → ee, 40 000 points (the scan's
// signal size): fraction of the valid ee entries' weight with |m_ee/m_ZD − 1| < 5 %, at truth level
// (truthLevelCard) and with the paper card, and the prompt-SR ee yield.
// Background: W(μν) + e⁺e⁻ ("wgamma-mu-e"), wParts inclusive parts of 62 500 points (default 12, as
// the scan had them before its region split): prompt signal region, ee channel, electron pT > 5 GeV,
// events at 150 fb⁻¹ (weights / parts), in total and in m_ee ranges.
// Prints JSON lines, then the CPU time and peak RSS.

import {
  displacedSignalRegionCuts,
  promptSignalRegionCuts,
  selectedWeights,
  selectionOptionsFromCard,
} from "../dist/analysis/cuts.js";
import { Channel } from "../dist/analysis/observables.js";
import { observeBatch } from "../dist/analysis/pipeline.js";
import { randomStream } from "../dist/core/rng.js";
import { loadCard, overrideCard, truthLevelCard } from "../dist/detector/card.js";
import { backgroundKFactor } from "../dist/generate/background/spec.js";
import { loadPdfSet } from "../dist/pdf/index.js";
import { backgroundSpecs } from "../dist/scan/processes.js";
import { signalSpec } from "../dist/scan/products.js";
import { generateSample } from "../dist/scan/samples.js";
import { Shower } from "../dist/shower/index.js";

const wParts = Number(process.argv[2] ?? 12);
const seed = Number(process.argv[3] ?? 1);
const LUMI_PB = 150 * 1000;
const M_ZD = 0.1;

const paper = loadCard("paper");
const bare = overrideCard(paper, "leptonDressingDeltaR", 0, "dressing off");
const truth = truthLevelCard(paper);
const truthBare = truthLevelCard(bare);
const pdf = loadPdfSet();
const qedPass = new Shower(pdf, { isr: false, fsr: false, hadronize: false, qedFsr: true });
const DETECTOR_STREAM = 7;
const QED_STREAM = 2 ** 41;

/** Per-event sums: prompt-SR ee weight (total and in m_ee ranges), valid ee weight, in-window weight. */
function perEvent(batch, card, mRanges) {
  const o = observeBatch(batch, card, randomStream(seed, DETECTOR_STREAM));
  const w = selectedWeights(o, promptSignalRegionCuts({ ...selectionOptionsFromCard(card), channel: "ee" }));
  // Displaced signal region as the scan applies it (both channels, all leptons pT > 5 GeV).
  const wd = selectedWeights(o, displacedSignalRegionCuts(selectionOptionsFromCard(card)));
  const n = batch.nEvents;
  const sr = new Float64Array(n);
  const dsr = new Float64Array(n);
  const srRange = mRanges.map(() => new Float64Array(n));
  const valid = new Float64Array(n);
  const win = new Float64Array(n);
  for (let i = 0; i < o.n; i++) {
    const e = o.event[i];
    sr[e] += w[i];
    dsr[e] += wd[i];
    for (let r = 0; r < mRanges.length; r++) {
      if (o.mll[i] >= mRanges[r][0] && o.mll[i] < mRanges[r][1]) srRange[r][e] += w[i];
    }
    if (o.valid[i] && o.channel[i] === Channel.ee) {
      valid[e] += o.weight[i];
      if (Math.abs(o.mll[i] / M_ZD - 1) < 0.05) win[e] += o.weight[i];
    }
  }
  return { sr, dsr, srRange, valid, win };
}

const sum = (a) => a.reduce((s, x) => s + x, 0);
const sumSq = (a) => a.reduce((s, x) => s + x * x, 0);
const diffErr = (a, b) => Math.sqrt(a.reduce((s, x, e) => s + (x - b[e]) ** 2, 0));
/** Window fraction Σwin/Σvalid and its error (delta method), and the paired error of f_a − f_b. */
function frac(p) {
  const S = sum(p.valid);
  const f = sum(p.win) / S;
  return { f, S, d: p.win.map((x, e) => (x - f * p.valid[e]) / S) };
}
const r5 = (x) => Number(x.toPrecision(5));

const t0 = process.cpuUsage();
const wall0 = performance.now();

// ---- signal ----
{
  const req = {
    label: "signal-0.3-0.1",
    group: "signal",
    // The scan's benchmark spec (SIGNAL_REFERENCE couplings) with Z_D → ee only.
    spec: signalSpec({ mN: 0.3, mZD: M_ZD, decayLepton: "e" }, 13000),
    nEvents: 40000,
    seed,
    shower: true,
    kFactor: 1,
    workers: 0,
  };
  const { batch: A } = await generateSample(req);
  const B = qedPass.run(A, randomStream(seed, QED_STREAM));
  const out = {
    sample: "signal mN=0.3 mZD=0.1 (ee), shower on",
    events: A.nEvents,
    qedStats: { ...qedPass.qed.stats },
  };
  for (const [name, on, off] of [
    ["truth", truth, truthBare],
    ["paper", paper, bare],
  ]) {
    const a = perEvent(A, on, []);
    const b = perEvent(B, off, []);
    const d = perEvent(B, on, []);
    const [fa, fb, fd] = [frac(a), frac(b), frac(d)];
    const err = (x, y) => Math.sqrt(x.d.reduce((s, v, e) => s + (v - (y ? y.d[e] : 0)) ** 2, 0));
    out[name] = {
      within5pc: {
        noQed: [r5(fa.f), r5(err(fa))],
        qedBare: [r5(fb.f), r5(err(fb))],
        qedDressed: [r5(fd.f), r5(err(fd))],
        bareMinusNoQed: [r5(fb.f - fa.f), r5(err(fb, fa))],
        dressedMinusBare: [r5(fd.f - fb.f), r5(err(fd, fb))],
        dressedMinusNoQed: [r5(fd.f - fa.f), r5(err(fd, fa))],
      },
      validEeSumWPb: { noQed: r5(fa.S), qedBare: r5(fb.S), qedDressed: r5(fd.S) },
      promptSrEeEvents150: {
        noQed: r5(sum(a.sr) * LUMI_PB),
        qedBare: r5(sum(b.sr) * LUMI_PB),
        qedDressed: r5(sum(d.sr) * LUMI_PB),
        bareMinusNoQed: [r5((sum(b.sr) - sum(a.sr)) * LUMI_PB), r5(diffErr(b.sr, a.sr) * LUMI_PB)],
        dressedMinusNoQed: [r5((sum(d.sr) - sum(a.sr)) * LUMI_PB), r5(diffErr(d.sr, a.sr) * LUMI_PB)],
      },
      displacedSrEvents150: {
        noQed: r5(sum(a.dsr) * LUMI_PB),
        qedBare: r5(sum(b.dsr) * LUMI_PB),
        qedDressed: r5(sum(d.dsr) * LUMI_PB),
        bareMinusNoQed: [r5((sum(b.dsr) - sum(a.dsr)) * LUMI_PB), r5(diffErr(b.dsr, a.dsr) * LUMI_PB)],
        dressedMinusNoQed: [r5((sum(d.dsr) - sum(a.dsr)) * LUMI_PB), r5(diffErr(d.dsr, a.dsr) * LUMI_PB)],
      },
    };
  }
  console.log(JSON.stringify(out));
}

// ---- W(μν) + ee background ----
{
  const ranges = [
    [0, 0.1],
    [0.1, 1],
    [1, 10],
  ];
  const w = backgroundSpecs(13000).find((p) => p.process === "wgamma-mu-e");
  const kFactor = backgroundKFactor(w.spec).kFactor;
  const parts = Array.from({ length: wParts }, (_, part) => ({
    request: {
      label: `wgamma-mu-e#${part + 1}`,
      group: "W",
      spec: w.spec,
      nEvents: 62500,
      // The seeds the scan's inclusive parts had (wgamma-mu-e is its third process: + 100 × 2).
      seed: seed + 1200 + part,
      shower: true,
      kFactor,
      workers: 0,
    },
  }));
  const acc = {
    noQed: 0,
    bare: 0,
    dressed: 0,
    stat2: 0,
    db2: 0,
    dd2: 0,
    range: ranges.map(() => [0, 0, 0, 0, 0]),
  };
  let events = 0;
  for (const part of parts) {
    const { batch: A } = await generateSample(part.request);
    const B = qedPass.run(A, randomStream(part.request.seed, QED_STREAM));
    const a = perEvent(A, paper, ranges);
    const b = perEvent(B, bare, ranges);
    const d = perEvent(B, paper, ranges);
    events += A.nEvents;
    acc.noQed += sum(a.sr);
    acc.bare += sum(b.sr);
    acc.dressed += sum(d.sr);
    acc.stat2 += sumSq(a.sr);
    acc.db2 += diffErr(b.sr, a.sr) ** 2;
    acc.dd2 += diffErr(d.sr, a.sr) ** 2;
    ranges.forEach((_, r) => {
      acc.range[r][0] += sum(a.srRange[r]);
      acc.range[r][1] += sum(b.srRange[r]);
      acc.range[r][2] += sum(d.srRange[r]);
      acc.range[r][3] += diffErr(b.srRange[r], a.srRange[r]) ** 2;
      acc.range[r][4] += diffErr(d.srRange[r], a.srRange[r]) ** 2;
    });
  }
  const k = LUMI_PB / parts.length;
  console.log(
    JSON.stringify({
      sample: "W(mu nu) + ee (wgamma-mu-e), shower on",
      parts: parts.length,
      scanParts: 12,
      events,
      promptSrEeEvents150: {
        noQed: [r5(acc.noQed * k), r5(Math.sqrt(acc.stat2) * k)],
        qedBare: r5(acc.bare * k),
        qedDressed: r5(acc.dressed * k),
        bareMinusNoQed: [r5((acc.bare - acc.noQed) * k), r5(Math.sqrt(acc.db2) * k)],
        dressedMinusNoQed: [r5((acc.dressed - acc.noQed) * k), r5(Math.sqrt(acc.dd2) * k)],
      },
      byMee: Object.fromEntries(
        ranges.map(([lo, hi], r) => {
          const [x, y, z, vb, vd] = acc.range[r];
          return [
            `${lo}-${hi} GeV`,
            {
              noQed: r5(x * k),
              qedBare: r5(y * k),
              qedDressed: r5(z * k),
              bareMinusNoQed: [r5((y - x) * k), r5(Math.sqrt(vb) * k)],
              dressedMinusNoQed: [r5((z - x) * k), r5(Math.sqrt(vd) * k)],
            },
          ];
        }),
      ),
    }),
  );
}

const cpu = process.cpuUsage(t0);
console.log(
  JSON.stringify({
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    wallSeconds: Number(((performance.now() - wall0) / 1000).toFixed(1)),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
