// Effect of the optional QED final-state radiation (src/shower/qed.ts, ShowerOptions.qedFsr) on the
// soft dilepton mass m_ee at truth level (no detector), for signal (Z_D → e⁺e⁻) and the W(μν) + e⁺e⁻
// background, plus the shower's throughput and peak RSS.
//
//   npm run build && node bench/qed.mjs [points=20000] [seed=1]
//
// Per sample: the hard events are generated once (library `generate`, weighted, --lepton mu so the
// only e⁺e⁻ pair is the soft pair), then showered with ISR (no hadronisation: m_ee is a Lorentz
// invariant, so the ISR recoil boost does not move it) with qedFsr on (and once off, for the timing). m_ee before = the generated
// pair, after = the same two electrons after QED FSR (photons not added back: "bare" leptons).
// Prints one JSON line per sample: weighted fractions of events whose m_ee drops by > 1, 5, 20 %,
// mean photon multiplicity (all photons above the 1 keV cutoff, and those with E > 1 GeV in the
// lab), and for signal the fraction within ±5 % of m_ZD before and after.

import { randomStream } from "../dist/core/rng.js";
import { PAPER_GENERATION_CUTS } from "../dist/generate/background/cuts.js";
import { generate } from "../dist/generate/index.js";
import { parseScale } from "../dist/generate/processes.js";
import { loadPdfSet } from "../dist/pdf/index.js";
import { Shower } from "../dist/shower/index.js";

const points = Number(process.argv[2] ?? 20000);
const seed = Number(process.argv[3] ?? 1);
const collision = { sqrtS: 13000, scale: parseScale("dynamic"), ewInputs: "default", mHatMinGeV: 10 };
const signal = (mZD) => ({
  kind: "signal",
  charge: "both",
  lepton: "mu",
  decayLepton: "e",
  mN: 0.3,
  mZD,
  U2: 1e-4,
  alphaEps2: 2e-10,
  gD: 0.25,
  nature: "dirac",
  ...collision,
});
const samples = [
  ["signal mN=0.3 mZD=0.1 (ee)", signal(0.1), 0.1],
  ["signal mN=0.3 mZD=0.03 (ee)", signal(0.03), 0.03],
  [
    "wgamma W(mu nu) + ee",
    {
      kind: "wgamma",
      charge: "both",
      lepton: "mu",
      pair: "e",
      ...collision,
      cuts: { ...PAPER_GENERATION_CUTS },
      channelMode: "multichannel",
    },
    0,
  ],
];

/** Indices (absolute) of the e⁻ and e⁺ among the first n particles of event e starting at a; −1 if absent. */
function electronPair(b, a, n) {
  let em = -1;
  let ep = -1;
  for (let i = a; i < a + n; i++) {
    if (b.status[i] !== 1) continue;
    if (b.pdg[i] === 11 && em < 0) em = i;
    else if (b.pdg[i] === -11 && ep < 0) ep = i;
  }
  return [em, ep];
}

function mass(b, i, j) {
  const E = b.E[i] + b.E[j];
  const x = b.px[i] + b.px[j];
  const y = b.py[i] + b.py[j];
  const z = b.pz[i] + b.pz[j];
  return Math.sqrt(Math.max(0, E * E - x * x - y * y - z * z));
}

const pdf = loadPdfSet();
for (const [name, spec, mZD] of samples) {
  const gen = await generate(spec, { nEvents: points, seed, workers: 0 });
  const hard = gen.batch;
  const shower = new Shower(pdf, { sqrtSGeV: 13000, hadronize: false, qedFsr: true });
  const t0 = process.hrtime.bigint();
  const out = shower.run(hard, randomStream(seed, 2 ** 40));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // The same shower without QED FSR, for the overhead.
  const t1 = process.hrtime.bigint();
  new Shower(pdf, { sqrtSGeV: 13000, hadronize: false }).run(hard, randomStream(seed, 2 ** 40));
  const secondsOff = Number(process.hrtime.bigint() - t1) / 1e9;
  let sw = 0;
  const drop = [0, 0, 0];
  let nGamma = 0;
  let nGammaHard = 0;
  let inBefore = 0;
  let inAfter = 0;
  for (let e = 0; e < hard.nEvents; e++) {
    const w = hard.weight[e];
    const a = hard.offsets[e];
    const n = hard.offsets[e + 1] - a;
    const [i, j] = electronPair(hard, a, n);
    if (i < 0 || j < 0) continue;
    const ao = out.offsets[e];
    const m0 = mass(hard, i, j);
    const m1 = mass(out, ao + (i - a), ao + (j - a));
    sw += w;
    const rel = (m0 - m1) / m0;
    if (rel > 0.01) drop[0] += w;
    if (rel > 0.05) drop[1] += w;
    if (rel > 0.2) drop[2] += w;
    for (let k = ao; k < out.offsets[e + 1]; k++) {
      if (out.pdg[k] !== 22 || out.status[k] !== 1) continue;
      nGamma += w;
      if (out.E[k] > 1) nGammaHard += w;
    }
    if (mZD > 0) {
      if (Math.abs(m0 / mZD - 1) < 0.05) inBefore += w;
      if (Math.abs(m1 / mZD - 1) < 0.05) inAfter += w;
    }
  }
  const r = (v) => Number((v / sw).toPrecision(4));
  console.log(
    JSON.stringify({
      sample: name,
      events: hard.nEvents,
      mllDropFraction: { gt1pc: r(drop[0]), gt5pc: r(drop[1]), gt20pc: r(drop[2]) },
      meanPhotons: r(nGamma),
      meanPhotonsAbove1GeV: r(nGammaHard),
      ...(mZD > 0 ? { within5pcOfMZD: { before: r(inBefore), after: r(inAfter) } } : {}),
      qedStats: shower.qed.stats,
      showerEventsPerSecond: {
        qedOn: Math.round(hard.nEvents / seconds),
        qedOff: Math.round(hard.nEvents / secondsOff),
      },
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}
