/**
 * Expected limits of one signal point in one scenario from the yields of the scan (paper Sec. V B,
 * V C, VI). The prompt search uses the optimal m_ℓℓ window per channel and combines ee and μμ in
 * quadrature; its band collects the paper's three uncertainty sources (fake/non-prompt background
 * ×1.5, mass resolution, lepton efficiency); the displaced search needs 50 signal events.
 */

import { M_MU } from "../core/constants.js";
import { InputError } from "../core/errors.js";
import { INV_FB_IN_INV_PB } from "../core/units.js";
import { displacedLimit } from "../stats/displaced.js";
import {
  fakeBackgroundVariations,
  type PromptBandInput,
  type PromptBandResult,
  type PromptChannel,
  type PromptVariation,
  promptLimitBand,
} from "../stats/prompt.js";
import { promptClsLimit, promptWorkspace } from "../stats/promptModel.js";
import { DEFAULT_SMOOTHING_LN_M, smoothInLogMass } from "../stats/smooth.js";
import type { OwnedYield } from "../stats/yields.js";
import type { ProcessGroup } from "./samples.js";
import type { Scenario } from "./scenario.js";
import type { LimitRecord } from "./types.js";
import { type CardYields, promptKey } from "./yields.js";

/** Detector cards the band needs (data/cards/*.yaml). */
export const BAND_CARDS = [
  "paper",
  "optimistic",
  "pessimistic",
  "muon-res-1pct",
  "muon-res-3pct",
  "eff-80",
  "eff-90",
] as const;
export type BandCard = (typeof BAND_CARDS)[number];

/** Expected events per pb of a process group in a scenario: L × 1000 × σ(√s)/σ(13 TeV). */
export function eventsPerPb(scenario: Scenario, group: ProcessGroup): number {
  const ratio =
    group === "Z"
      ? scenario.crossSectionRatio.Z.value
      : group === "top"
        ? scenario.crossSectionRatio.top.value
        : scenario.crossSectionRatio.W.value;
  return scenario.lumiInvFb * INV_FB_IN_INV_PB * ratio;
}

/** Background yields of all samples, per card, with their groups. */
export interface BackgroundYields {
  group: ProcessGroup;
  /** Weights normalised to σ (pb) of the sample; the samples of one process are disjoint, so they add. */
  byCard: Partial<Record<BandCard, CardYields>>;
}

function scaled(
  h: OwnedYield | { edges: Float64Array; sumW: Float64Array; sumW2: Float64Array },
  f: number,
  into?: OwnedYield,
): OwnedYield {
  const out = into ?? {
    edges: h.edges,
    sumW: new Float64Array(h.sumW.length),
    sumW2: new Float64Array(h.sumW.length),
  };
  for (let i = 0; i < h.sumW.length; i++) {
    out.sumW[i] = out.sumW[i]! + h.sumW[i]! * f;
    out.sumW2[i] = out.sumW2[i]! + h.sumW2[i]! * f * f;
  }
  return out;
}

/** Total background spectrum (expected events) for a card and prompt key. */
export function backgroundSpectrum(
  bkg: readonly BackgroundYields[],
  card: BandCard,
  key: string,
  scenario: Scenario,
): OwnedYield {
  let acc: OwnedYield | undefined;
  for (const b of bkg) {
    const y = b.byCard[card];
    if (!y) throw new Error(`background yields for card ${card} are missing`);
    const h = y.prompt[key]!;
    acc = scaled(h, eventsPerPb(scenario, b.group), acc);
  }
  if (!acc) throw new Error("no background samples");
  return acc;
}

/** Channels open at this Z_D mass: μμ only above 2 m_μ. */
export function openChannels(mZD: number): ("ee" | "mumu")[] {
  return mZD > 2 * M_MU ? ["ee", "mumu"] : ["ee"];
}

function channelsFor(
  signal: Partial<Record<BandCard, CardYields>>,
  bkg: readonly BackgroundYields[],
  cards: { ee: BandCard; mumu: BandCard },
  eMin: number,
  mZD: number,
  scenario: Scenario,
): PromptChannel[] {
  return openChannels(mZD).map((ch) => {
    const card = cards[ch];
    const key = promptKey(ch, eMin);
    const sig = signal[card];
    if (!sig) throw new Error(`signal yields for card ${card} are missing`);
    return {
      name: ch,
      signal: scaled(sig.prompt[key]!, eventsPerPb(scenario, "signal")),
      // The MC background smoothed in ln m, standing for the paper's sideband fit (stats/smooth.ts).
      background: smoothInLogMass(backgroundSpectrum(bkg, card, key, scenario), DEFAULT_SMOOTHING_LN_M),
    };
  });
}

/** The prompt limit with the paper's band for one point, scenario and electron threshold. */
export function promptBand(
  signal: Partial<Record<BandCard, CardYields>>,
  bkg: readonly BackgroundYields[],
  mZD: number,
  u2Ref: number,
  scenario: Scenario,
  eMin: number,
): PromptBandInput {
  const nominalChannels = channelsFor(signal, bkg, { ee: "paper", mumu: "paper" }, eMin, mZD, scenario);
  const fake = fakeBackgroundVariations(nominalChannels);
  const variations: PromptVariation[] = [...fake.variations];
  const have = (c: BandCard) => signal[c] !== undefined && bkg.every((b) => b.byCard[c] !== undefined);
  if (have("pessimistic") && have("optimistic") && have("muon-res-1pct") && have("muon-res-3pct")) {
    // Mass resolution (Sec. V B): electrons optimistic/pessimistic cards, muons 2 ± 1 %.
    variations.push(
      {
        source: "mass-resolution",
        direction: "up",
        channels: channelsFor(signal, bkg, { ee: "pessimistic", mumu: "muon-res-3pct" }, eMin, mZD, scenario),
      },
      {
        source: "mass-resolution",
        direction: "down",
        channels: channelsFor(signal, bkg, { ee: "optimistic", mumu: "muon-res-1pct" }, eMin, mZD, scenario),
      },
    );
  }
  if (have("eff-80") && have("eff-90")) {
    // Lepton efficiency 85 ± 5 % (Sec. V B), signal and simulated background alike.
    variations.push(
      {
        source: "lepton-efficiency",
        direction: "down",
        channels: channelsFor(signal, bkg, { ee: "eff-80", mumu: "eff-80" }, eMin, mZD, scenario),
      },
      {
        source: "lepton-efficiency",
        direction: "up",
        channels: channelsFor(signal, bkg, { ee: "eff-90", mumu: "eff-90" }, eMin, mZD, scenario),
      },
    );
  }
  return { nominal: { channels: fake.nominal, u2Ref }, variations };
}

/** Beyond the paper (reported beside it): CLs 95 % expected limit and Asimov significance. */
export interface BeyondPaper {
  scenario: string;
  mN: number;
  mZD: number;
  /** Paper rule S = 2 (for comparison) and the CLs median with its ±1σ, ±2σ band. */
  u2ExclPaper: number;
  u2ExclCls: number;
  u2ExclClsBand: { nSigma: number; u2Excl: number }[];
  /** Asimov discovery significance at |U_ref|² with the nuisances profiled. */
  discoverySignificanceRef: number;
  u2Ref: number;
  windows: { name: string; lo: number; hi: number; nS: number; nB: number }[];
}

export interface PointInput {
  mN: number;
  mZD: number;
  alphaEps2: number;
  u2Ref: number;
  signal: Partial<Record<BandCard, CardYields>>;
}

/**
 * The largest |U_ℓ4|² a limit can take: a squared element of the unitary lepton mixing matrix
 * (PDG 2024, "Neutrino mixing"; the model of paper Sec. II adds one heavy state to it) is at most 1.
 */
export const U2_PHYSICAL_MAX = 1;

/**
 * A record as reported: where the limit (or an edge of its band) lies above `U2_PHYSICAL_MAX` the
 * search excludes nothing physical there, so it is "no sensitivity" (Infinity; `null` in
 * limits.json), not a number. The displaced search gives such limits where the Z_D is too short-lived
 * to leave MC events beyond 1 mm (up to |U|² ≈ 10⁹; docs/stats.md).
 */
function physicalRecord(r: LimitRecord): LimitRecord {
  if (!(r.U2Excl <= U2_PHYSICAL_MAX)) {
    return { ...r, U2Excl: Infinity, U2ExclLow: Infinity, U2ExclHigh: Infinity };
  }
  const physical = (u: number) => (u <= U2_PHYSICAL_MAX ? u : Infinity);
  return { ...r, U2ExclLow: physical(r.U2ExclLow), U2ExclHigh: physical(r.U2ExclHigh) };
}

/**
 * All limit records of one point in one scenario: prompt per channel and combined (with band),
 * displaced, the better of the two ("combined" analysis), each for the nominal electron threshold
 * (5 GeV) and the 1 GeV variant (channel suffix ":e1GeV"); limits above |U|² = 1 are "no sensitivity"
 * (`physicalRecord`).
 */
export function pointLimits(
  p: PointInput,
  bkg: readonly BackgroundYields[],
  scenario: Scenario,
  withBand: boolean,
): {
  records: LimitRecord[];
  prompt: Record<string, PromptBandResult>;
  /** CLs/Asimov and the HistFactory workspace of the nominal prompt search (with band only). */
  beyond?: BeyondPaper;
  workspace?: unknown;
  /** Why CLs/workspace are missing for this point, if they are. */
  beyondSkipped?: string;
} {
  const records: LimitRecord[] = [];
  const prompt: Record<string, PromptBandResult> = {};
  let beyond: BeyondPaper | undefined;
  let workspace: unknown;
  let beyondSkipped: string | undefined;
  const base = { scenario: scenario.name, mN: p.mN, mZD: p.mZD, alphaEps2: p.alphaEps2 };
  for (const eMin of [5, 1]) {
    const suffix = eMin === 5 ? "" : ":e1GeV";
    const signal = withBand ? p.signal : { paper: p.signal.paper! };
    const input = promptBand(signal, bkg, p.mZD, p.u2Ref, scenario, eMin);
    const band = promptLimitBand(input);
    prompt[String(eMin)] = band;
    if (withBand && eMin === 5 && Number.isFinite(band.u2Excl)) {
      try {
        const cls = promptClsLimit(input.nominal, input.variations);
        beyond = {
          scenario: scenario.name,
          mN: p.mN,
          mZD: p.mZD,
          u2ExclPaper: band.u2Excl,
          u2ExclCls: cls.u2ExclCls,
          u2ExclClsBand: cls.band,
          discoverySignificanceRef: cls.discoverySignificanceRef,
          u2Ref: p.u2Ref,
          windows: cls.promptModel.windows,
        };
        // μ = |U|²/|U_ref|²; give pyhf room well above the expected limit.
        const muMax = Math.max(10, (20 * cls.u2ExclCls) / p.u2Ref);
        workspace = promptWorkspace(input.nominal, input.variations, {
          measurementName: `dnreach_${scenario.name}_mN${p.mN}_mZD${p.mZD}`,
          muBounds: [0, muMax],
        });
      } catch (err) {
        // The counting model needs every variation to leave signal in the nominal window; with
        // too few MC events it may not. The paper's S = 2 result above stands; say why CLs is absent.
        if (!(err instanceof InputError)) throw err;
        beyondSkipped = `${scenario.name} mN=${p.mN} mZD=${p.mZD}: ${err.message}`;
      }
    }
    records.push({
      ...base,
      analysis: "prompt",
      channel: `combined${suffix}`,
      U2Excl: band.u2Excl,
      U2ExclLow: band.u2ExclLow,
      U2ExclHigh: band.u2ExclHigh,
    });
    for (const ch of band.nominal.perChannel) {
      records.push({
        ...base,
        analysis: "prompt",
        channel: `${ch.name}${suffix}`,
        U2Excl: ch.u2Excl,
        U2ExclLow: ch.u2Excl,
        U2ExclHigh: ch.u2Excl,
      });
    }
    const disp = p.signal.paper!.displaced[String(eMin)]!;
    const d = displacedLimit({ nSignalRef: disp.sumW * eventsPerPb(scenario, "signal"), u2Ref: p.u2Ref });
    records.push({
      ...base,
      analysis: "displaced",
      channel: `combined${suffix}`,
      U2Excl: d.u2Excl,
      U2ExclLow: d.u2ExclLow,
      U2ExclHigh: d.u2ExclHigh,
    });
    const best =
      band.u2Excl <= d.u2Excl
        ? { u: band.u2Excl, lo: band.u2ExclLow, hi: band.u2ExclHigh }
        : { u: d.u2Excl, lo: d.u2ExclLow, hi: d.u2ExclHigh };
    records.push({
      ...base,
      analysis: "combined",
      channel: `combined${suffix}`,
      U2Excl: best.u,
      U2ExclLow: best.lo,
      U2ExclHigh: best.hi,
    });
  }
  return {
    records: records.map(physicalRecord),
    prompt,
    ...(beyond ? { beyond } : {}),
    ...(workspace ? { workspace } : {}),
    ...(beyondSkipped ? { beyondSkipped } : {}),
  };
}
