/**
 * Beyond the paper, reported beside it: the prompt search as a likelihood model.
 *
 * Each channel contributes one bin, its nominal optimal m_ℓℓ window (paper Sec. V B). The signal
 * is the window yield at |U_ref|², so the signal strength is μ = |U|²/|U_ref|². Each systematic
 * source of the band (the same `PromptVariation`s as `promptLimitBand`) becomes one nuisance
 * parameter, correlated across channels and samples, whose `normsys` factors are the ratios of the
 * varied to the nominal yields *in the nominal window*: hi from the "up" variation, lo from "down";
 * a missing side is 1 (no effect: a one-sided uncertainty such as the ×1.5 fake background).
 * A sample/source pair with both ratios equal to 1 (within 1e-12) gets no modifier.
 *
 * From it: the asymptotic CLs 95 % expected upper limit on μ (→ |U|²) and the Asimov discovery
 * significance with the nuisances profiled, and the HistFactory JSON workspace.
 */
import { InputError } from "../core/errors.js";
import { asimovDiscoverySignificance, type ExpectedLimit, expectedUpperLimit } from "./cls.js";
import { type PyhfWorkspace, toHistFactoryWorkspace } from "./histfactory.js";
import type { CountingModel, ModelChannel, Modifier } from "./model.js";
import {
  type PromptLimitInput,
  type PromptLimitResult,
  type PromptVariation,
  promptLimit,
} from "./prompt.js";
import { windowSum } from "./yields.js";

export interface PromptModel {
  model: CountingModel;
  u2Ref: number;
  /** The nominal windows used as bins, per channel (channels without a window are left out). */
  windows: { name: string; lo: number; hi: number; nS: number; nB: number }[];
  nominal: PromptLimitResult;
}

const RATIO_EPS = 1e-12;

/** Builds the one-bin-per-channel counting model of the prompt search (see the file header). */
export function promptCountingModel(
  nominal: PromptLimitInput,
  variations: readonly PromptVariation[] = [],
): PromptModel {
  const result = promptLimit(nominal);
  const channels: ModelChannel[] = [];
  const windows: PromptModel["windows"] = [];
  const sources = [...new Set(variations.map((v) => v.source))];
  nominal.channels.forEach((ch, c) => {
    const w = result.perChannel[c]!.window;
    if (w.status !== "ok") return;
    windows.push({ name: ch.name, lo: w.lo, hi: w.hi, nS: w.nS, nB: w.nB });
    const sigMods: Modifier[] = [];
    const bkgMods: Modifier[] = [];
    for (const source of sources) {
      const ratio = (dir: "up" | "down", which: "signal" | "background"): number => {
        const v = variations.find((x) => x.source === source && x.direction === dir);
        if (v === undefined) return 1;
        const vc = v.channels[c];
        if (vc === undefined || vc.name !== ch.name) {
          throw new InputError(`variations(${source}, ${dir}).channels[${c}].name`, ch.name, vc?.name);
        }
        const nominalYield = which === "signal" ? w.nS : w.nB;
        const varied = windowSum(which === "signal" ? vc.signal : vc.background, w.loBin, w.hiBin).sum;
        return nominalYield > 0 ? varied / nominalYield : 1;
      };
      for (const [which, mods] of [
        ["signal", sigMods],
        ["background", bkgMods],
      ] as const) {
        const hi = ratio("up", which);
        const lo = ratio("down", which);
        if (Math.abs(hi - 1) < RATIO_EPS && Math.abs(lo - 1) < RATIO_EPS) continue;
        if (!(hi > 0 && lo > 0)) {
          throw new InputError(
            `variations(${source})`,
            `positive ${which} yields in the ${ch.name} window`,
            `${hi}, ${lo}`,
          );
        }
        mods.push({ kind: "normsys", name: source, hi, lo });
      }
    }
    channels.push({
      name: ch.name,
      samples: [
        { name: "signal", data: [w.nS], signal: true, modifiers: sigMods, mcError: [w.nSErr] },
        { name: "background", data: [w.nB], modifiers: bkgMods, mcError: [w.nBErr] },
      ],
    });
  });
  if (channels.length === 0) {
    throw new InputError("channels", "at least one channel with an admissible window", "none");
  }
  return { model: { channels }, u2Ref: nominal.u2Ref, windows, nominal: result };
}

export interface PromptClsResult {
  /** Median expected CLs 95 % upper limit on |U_μ4|² (μ_up · |U_ref|²). */
  u2ExclCls: number;
  /** ±1σ, ±2σ expected limits on |U|². */
  band: { nSigma: number; u2Excl: number }[];
  /** Asimov discovery significance at |U_ref|² with nuisances profiled. */
  discoverySignificanceRef: number;
  limit: ExpectedLimit;
  promptModel: PromptModel;
}

/** CLs expected limit and Asimov significance of the prompt search, beside the paper's S = 2 rule. */
export function promptClsLimit(
  nominal: PromptLimitInput,
  variations: readonly PromptVariation[] = [],
  options: { cl?: number } = {},
): PromptClsResult {
  const pm = promptCountingModel(nominal, variations);
  const limit = expectedUpperLimit(pm.model, options);
  return {
    u2ExclCls: limit.median * pm.u2Ref,
    band: limit.band.map((b) => ({ nSigma: b.nSigma, u2Excl: b.mu * pm.u2Ref })),
    discoverySignificanceRef: asimovDiscoverySignificance(pm.model),
    limit,
    promptModel: pm,
  };
}

/**
 * The prompt-search model as a pyhf workspace. μ = |U|²/|U_ref|²: if the expected limit on μ is
 * above a few, pass `muBounds` wider than pyhf's default [0, 10].
 */
export function promptWorkspace(
  nominal: PromptLimitInput,
  variations: readonly PromptVariation[] = [],
  options: { measurementName?: string; muBounds?: readonly [number, number] } = {},
): PyhfWorkspace {
  const pm = promptCountingModel(nominal, variations);
  return toHistFactoryWorkspace(pm.model, {
    measurementName: options.measurementName ?? "dnreach_prompt",
    ...(options.muBounds !== undefined ? { muBounds: options.muBounds } : {}),
  });
}
