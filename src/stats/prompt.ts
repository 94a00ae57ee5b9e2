/**
 * Expected limit of the prompt search (paper Sec. V B and VI).
 *
 * - per channel (ee, μμ): the optimal m_ℓℓ window, S_c = N_S/√N_B at the reference coupling;
 * - channels combined by adding significances in quadrature (paper Sec. VI: "limits for the
 *   combined electron and muon channels are computed by adding the expected significance for each
 *   channel in quadrature"): S_ref = √(Σ_c S_c²);
 * - since N_S ∝ |U_μ4|² and N_B does not depend on it (the signal is produced through the mixing,
 *   Sec. V B), S(|U|²) = S_ref·|U|²/|U_ref|² and |U_excl|² = (S_excl/S_ref)·|U_ref|² with
 *   S_excl = 2 (paper Sec. V B). The optimal window does not depend on |U|² (S scales uniformly).
 *
 * Uncertainty band: every variation (background template scaled, mass resolution varied, lepton
 * efficiency varied) is run through the same procedure — window re-optimised — as the paper does
 * ("this statistical procedure is repeated for modifications of the analysis"). The band rule is
 * documented in `promptLimitBand`.
 */
import { checkRange, InputError } from "../core/errors.js";
import { optimalWindow, type WindowOptions, type WindowResult } from "./window.js";
import { type BinnedYield, scaleYield } from "./yields.js";

/** One channel: expected events after the signal-region selection, binned alike in m_ℓℓ. */
export interface PromptChannel {
  name: string;
  /** Signal at the reference coupling |U_ref|². */
  signal: BinnedYield;
  /** Total SM background. */
  background: BinnedYield;
}

export interface PromptLimitInput {
  channels: readonly PromptChannel[];
  /** Reference coupling |U_μ4,ref|² of the signal histograms. */
  u2Ref: number;
  /** Exclusion threshold on S (paper Sec. V B: 2). */
  sExcl?: number;
  window?: WindowOptions;
}

export interface PromptChannelResult {
  name: string;
  window: WindowResult;
  /** S_c at |U_ref|² (0 when no admissible window exists). */
  significance: number;
  /** Limit from this channel alone (Infinity when S_c = 0: no sensitivity). */
  u2Excl: number;
}

export interface PromptLimitResult {
  /** Combined expected limit |U_excl|² (Infinity when no channel has sensitivity). */
  u2Excl: number;
  /** √(Σ S_c²) at |U_ref|². */
  combinedSignificance: number;
  u2Ref: number;
  sExcl: number;
  perChannel: PromptChannelResult[];
}

/** |U_excl|² = (S_excl/S)·|U_ref|² (paper Sec. V B); Infinity when S = 0. */
function scaleLimit(sExcl: number, s: number, u2Ref: number): number {
  return s > 0 ? (sExcl / s) * u2Ref : Number.POSITIVE_INFINITY;
}

/** The prompt-search expected limit (paper Sec. V B, VI). */
export function promptLimit(input: PromptLimitInput): PromptLimitResult {
  const u2Ref = checkRange("u2Ref", input.u2Ref, { min: 0, minExclusive: true });
  const sExcl = checkRange("sExcl", input.sExcl ?? 2, { min: 0, minExclusive: true });
  if (input.channels.length < 1) throw new InputError("channels", "at least one channel", 0);
  const names = new Set<string>();
  const perChannel: PromptChannelResult[] = [];
  let sum2 = 0;
  for (const ch of input.channels) {
    if (names.has(ch.name)) throw new InputError("channels[].name", "unique", ch.name);
    names.add(ch.name);
    const window = optimalWindow(ch.signal, ch.background, input.window);
    const significance = window.significance;
    sum2 += significance * significance;
    perChannel.push({ name: ch.name, window, significance, u2Excl: scaleLimit(sExcl, significance, u2Ref) });
  }
  const combinedSignificance = Math.sqrt(sum2);
  return {
    u2Excl: scaleLimit(sExcl, combinedSignificance, u2Ref),
    combinedSignificance,
    u2Ref,
    sExcl,
    perChannel,
  };
}

/** One systematic variation: the same channels with varied inputs. */
export interface PromptVariation {
  /** Name of the uncertainty source; variations sharing a source are one nuisance. */
  source: string;
  direction: "up" | "down";
  channels: readonly PromptChannel[];
}

export type BandRule = "quadrature" | "envelope";

export interface PromptBandInput {
  nominal: PromptLimitInput;
  variations: readonly PromptVariation[];
  /** Default "quadrature" (see `promptLimitBand`). */
  rule?: BandRule;
}

export interface PromptBandResult {
  u2Excl: number;
  u2ExclLow: number;
  u2ExclHigh: number;
  rule: BandRule;
  nominal: PromptLimitResult;
  variations: { source: string; direction: "up" | "down"; u2Excl: number; result: PromptLimitResult }[];
  /** Per source: the largest upward and downward shifts of ln |U_excl|² (both ≥ 0). */
  sources: { source: string; lnShiftUp: number; lnShiftDown: number }[];
}

/**
 * The prompt limit with its uncertainty band.
 *
 * Each variation gives its own limit u_v (window re-optimised). Rule "quadrature" (default):
 * sources are independent; for each source the largest upward and the largest downward shift of
 * ln u (over its variations, whatever their label) is taken, and the band is
 *   u_high = u·exp(√Σ_src (Δ⁺_src)²),   u_low = u·exp(−√Σ_src (Δ⁻_src)²).
 * Working in ln u keeps the band positive (limits are plotted on log axes) and reduces exactly to
 * the envelope when a single source is present. A one-sided source (the paper's ×1.5 background
 * template, "the full size of the correction as an uncertainty") contributes to one side only.
 * Rule "envelope": the band is [min, max] over the nominal and all variations. When the nominal
 * limit is Infinity (no sensitivity) the envelope is used whatever the rule.
 */
export function promptLimitBand(input: PromptBandInput): PromptBandResult {
  const rule = input.rule ?? "quadrature";
  const nominal = promptLimit(input.nominal);
  const nominalNames = input.nominal.channels.map((c) => c.name).join(",");
  const variations = input.variations.map((v, k) => {
    const names = v.channels.map((c) => c.name).join(",");
    if (names !== nominalNames) {
      throw new InputError(
        `variations[${k}].channels`,
        `the nominal channels in order (${nominalNames})`,
        names,
      );
    }
    const result = promptLimit({ ...input.nominal, channels: v.channels });
    return { source: v.source, direction: v.direction, u2Excl: result.u2Excl, result };
  });
  const u = nominal.u2Excl;
  const bySource = new Map<string, { up: number; down: number }>();
  for (const v of variations) {
    const entry = bySource.get(v.source) ?? { up: 0, down: 0 };
    // ln(u_v/u); both Infinity (no sensitivity) gives no shift, a finite nominal with an infinite
    // variation gives an infinite upper edge (honest: that variation loses all sensitivity).
    const d = v.u2Excl === u ? 0 : Math.log(v.u2Excl / u);
    if (d > entry.up) entry.up = d;
    if (-d > entry.down) entry.down = -d;
    bySource.set(v.source, entry);
  }
  const sources = [...bySource].map(([source, e]) => ({ source, lnShiftUp: e.up, lnShiftDown: e.down }));
  let low: number;
  let high: number;
  if (rule === "quadrature" && Number.isFinite(u)) {
    let up2 = 0;
    let down2 = 0;
    for (const s of sources) {
      up2 += s.lnShiftUp * s.lnShiftUp;
      down2 += s.lnShiftDown * s.lnShiftDown;
    }
    high = u * Math.exp(Math.sqrt(up2));
    low = u * Math.exp(-Math.sqrt(down2));
  } else {
    // Envelope; also used when the nominal has no sensitivity (u = Infinity), where shifts of ln u
    // are undefined: the band is then [min over variations, Infinity].
    low = u;
    high = u;
    for (const v of variations) {
      low = Math.min(low, v.u2Excl);
      high = Math.max(high, v.u2Excl);
    }
  }
  return { u2Excl: u, u2ExclLow: low, u2ExclHigh: high, rule, nominal, variations, sources };
}

/** The channels with signal and/or background multiplied by constant factors. */
export function scaleChannels(
  channels: readonly PromptChannel[],
  factors: { signal?: number; background?: number },
): PromptChannel[] {
  return channels.map((c) => ({
    name: c.name,
    signal: factors.signal === undefined ? c.signal : scaleYield(c.signal, factors.signal),
    background:
      factors.background === undefined ? c.background : scaleYield(c.background, factors.background),
  }));
}

/**
 * The paper's ad hoc treatment of misidentified/non-prompt backgrounds (Sec. V B): "scaling the
 * background mass template by a factor of 1.5 and applying the full size of the correction as an
 * uncertainty".
 * - mode "one-sided" (default; our reading): the nominal keeps the simulated background, and the
 *   ×factor template is an upward-only variation (fakes can only add background);
 * - mode "corrected-nominal" (the other reading): the nominal uses ×factor, and the full size of
 *   the correction, ±(factor − 1), gives variations ×1 and ×(2·factor − 1).
 */
export function fakeBackgroundVariations(
  channels: readonly PromptChannel[],
  options: { factor?: number; mode?: "one-sided" | "corrected-nominal"; source?: string } = {},
): { nominal: PromptChannel[]; variations: PromptVariation[] } {
  const factor = checkRange("factor", options.factor ?? 1.5, { min: 1 });
  const source = options.source ?? "fake-nonprompt-background";
  if ((options.mode ?? "one-sided") === "one-sided") {
    return {
      nominal: [...channels],
      variations: [{ source, direction: "up", channels: scaleChannels(channels, { background: factor }) }],
    };
  }
  return {
    nominal: scaleChannels(channels, { background: factor }),
    variations: [
      { source, direction: "up", channels: scaleChannels(channels, { background: 2 * factor - 1 }) },
      { source, direction: "down", channels },
    ],
  };
}

/**
 * Lepton identification efficiency ε ± δ per lepton (paper Sec. V B: 85 ± 5 %) applied to the
 * `leptons` selected leptons: yields scale by ((ε ± δ)/ε)^leptons relative to the nominal (which
 * already contains ε^leptons). The simulated background passes the same lepton selection, so it
 * scales too unless `scaleBackground` is false.
 */
export function leptonEfficiencyVariations(
  channels: readonly PromptChannel[],
  options: {
    efficiency?: number;
    delta?: number;
    leptons?: number;
    scaleBackground?: boolean;
    source?: string;
  } = {},
): PromptVariation[] {
  const eff = checkRange("efficiency", options.efficiency ?? 0.85, { min: 0, max: 1, minExclusive: true });
  const delta = checkRange("delta", options.delta ?? 0.05, { min: 0, max: eff, maxExclusive: true });
  const leptons = options.leptons ?? 3;
  if (!Number.isInteger(leptons) || leptons < 1) throw new InputError("leptons", "an integer ≥ 1", leptons);
  if (eff + delta > 1) throw new InputError("delta", `≤ 1 − efficiency = ${1 - eff}`, delta);
  const source = options.source ?? "lepton-efficiency";
  const scaleBackground = options.scaleBackground ?? true;
  const make = (direction: "up" | "down", f: number): PromptVariation => ({
    source,
    direction,
    channels: scaleChannels(channels, { signal: f, ...(scaleBackground ? { background: f } : {}) }),
  });
  return [make("up", ((eff + delta) / eff) ** leptons), make("down", ((eff - delta) / eff) ** leptons)];
}
