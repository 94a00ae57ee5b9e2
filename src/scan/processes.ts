/**
 * The processes of a scan: the signal reference couplings (paper Sec. IV benchmark) and the list of
 * Standard-Model background samples (paper Sec. IV: W + soft pair, Z/γ* + soft pair, tt̄ + soft pair).
 */
import { PAPER_GENERATION_CUTS } from "../generate/background/cuts.js";
import { type BackgroundSpec, backgroundKFactor } from "../generate/background/spec.js";
import type { ProcessGroup } from "./samples.js";

/** Reference couplings of the signal samples: |U_μ4|² = 1e-4, αε² = 2e-10, g_D = 0.25 (Sec. IV). */
export const SIGNAL_REFERENCE = { u2Ref: 1e-4, alphaEps2Ref: 2e-10, gD: 0.25 } as const;

const LEPTONS = ["e", "mu"] as const;

/** VEGAS warm-up of a background stream: iterations (the last only measures), points each, damping α. */
export interface StreamWarmup {
  iterations: number;
  points: number;
  alpha: number;
}

/**
 * How much of each background a scan generates. The W + soft pair background dominates the signal
 * region (paper Sec. V), so it is split into the selection regions of wregion.ts — core, shell,
 * halo, outside: a partition of phase space, so their yields add — each sampled towards the prompt
 * selection (docs/backgrounds.md, "Selection-region split"). Z/γ* + soft pair and tt̄ + soft pair
 * are one inclusive run per final state.
 */
export interface BackgroundSizes {
  /** Production points per W region (per W channel). */
  wRegions: Record<WRegion, number>;
  /** Production points of each Z/γ* + soft pair and each tt̄ + soft pair process. */
  z: number;
  top: number;
  /** Points per production chunk: the events of one chunk are showered, analysed and dropped. */
  chunkPoints: number;
  wWarmup: StreamWarmup;
  zWarmup: StreamWarmup;
  topWarmup: StreamWarmup;
  /** Partial unweighting of the W regions (generate's `weightFloor`, in units of σ). */
  wWeightFloor: number;
  /** Shower copies of the heavy events (`ShowerCopies`) of the W runs and the Z/γ* runs; null for none. */
  wShowerCopies: ShowerCopies | null;
  zShowerCopies: ShowerCopies | null;
}

/**
 * Shower copies of a run's heavy events (core/events.ts `copiesUnderCap`): each event is showered
 * and analysed ⌈w/cap⌉ times (at most `maxCopies`) at weight w/copies, with cap = `capMeanWeights`
 * × the run's mean weight per point (σ/N; with the W runs' floor at 1 × σ, the floor weight). A
 * heavy event otherwise enters a window once, with all its weight, or not at all; its copies divide
 * the shower's and the detector's share of its variance by their number (docs/backgrounds.md,
 * "Shower copies").
 */
export interface ShowerCopies {
  capMeanWeights: number;
  maxCopies: number;
}

export const W_REGIONS = ["core", "shell", "halo", "outside"] as const;
export type WRegion = (typeof W_REGIONS)[number];

/**
 * One background run of a scan: `points` production points of `spec` after one warm-up, generated,
 * showered and analysed chunk by chunk (products.ts `backgroundProducts`). Its event weights are
 * already normalised to σ (Σ w = σ of the run): the runs of one process are disjoint regions, so
 * their yields add.
 */
export interface BackgroundStream {
  /** Process label shared by its regions, e.g. "wgamma-mu-e". */
  process: string;
  /** Unique label, e.g. "wgamma-mu-e/core" or "zll-mu-e". */
  label: string;
  group: ProcessGroup;
  spec: BackgroundSpec;
  /** Normalisation to higher order (the cited k-factor of spec.ts). */
  kFactor: number;
  seed: number;
  points: number;
  chunkPoints: number;
  warmup: StreamWarmup;
  weightFloor: number;
  /** Shower copies of heavy events; null for none. */
  showerCopies: ShowerCopies | null;
  shower: boolean;
}

/**
 * The background runs of a scan at √s (GeV): the four W + soft pair channels in their four selection
 * regions each, then Z/γ* + soft pair and tt̄ + soft pair (paper Sec. IV), each normalised
 * with its cited k-factor (src/generate/background/spec.ts). Seeds are distinct per run.
 */
export function backgroundStreams(
  sqrtS: number,
  sizes: BackgroundSizes,
  seed: number,
  shower: boolean,
): BackgroundStream[] {
  const out: BackgroundStream[] = [];
  backgroundSpecs(sqrtS).forEach(({ process, group, spec }, k) => {
    const kFactor = backgroundKFactor(spec).kFactor;
    const common = { process, group, kFactor, chunkPoints: sizes.chunkPoints, shower };
    if (spec.kind === "wgamma") {
      W_REGIONS.forEach((region, r) => {
        out.push({
          ...common,
          label: `${process}/${region}`,
          spec: { ...spec, region },
          seed: seed + 1000 + 100 * k + r,
          points: sizes.wRegions[region],
          warmup: sizes.wWarmup,
          weightFloor: sizes.wWeightFloor,
          showerCopies: sizes.wShowerCopies,
        });
      });
      return;
    }
    out.push({
      ...common,
      label: process,
      spec,
      seed: seed + 1000 + 100 * k,
      points: group === "top" ? sizes.top : sizes.z,
      warmup: group === "top" ? sizes.topWarmup : sizes.zWarmup,
      weightFloor: 0,
      showerCopies: group === "Z" ? sizes.zShowerCopies : null,
    });
  });
  return out;
}

/**
 * The scan's background processes at √s (GeV): label, group and spec (paper generation cuts,
 * dynamic scale, default EW inputs) — W(→ℓν) + γ* and Z(→ℓ′ℓ′) for ℓ, ℓ′ ∈ {e, μ}, Z/γ* → 4e, 4μ
 * and μμee, tt̄ + soft pair (the order of `backgroundStreams`).
 */
export function backgroundSpecs(
  sqrtS: number,
): { process: string; group: ProcessGroup; spec: BackgroundSpec }[] {
  const collision = {
    sqrtS,
    scale: { kind: "dynamic" as const },
    ewInputs: "default" as const,
    mHatMinGeV: 10,
    cuts: PAPER_GENERATION_CUTS,
  };
  const processes: { process: string; group: ProcessGroup; spec: BackgroundSpec }[] = [];
  for (const lepton of LEPTONS) {
    for (const pair of LEPTONS) {
      processes.push({
        process: `wgamma-${lepton}-${pair}`,
        group: "W",
        spec: { kind: "wgamma", charge: "both", lepton, pair, ...collision },
      });
    }
  }
  for (const lepton of LEPTONS) {
    for (const pair of LEPTONS) {
      // q q̄ → μ⁺μ⁻e⁺e⁻ holds every diagram whichever pair is called the "soft" one (zsoftpair.ts
      // builds the same channels for both orders): one sample, not two, or it is counted twice.
      if (lepton === "e" && pair === "mu") continue;
      processes.push({
        process: `zll-${lepton}-${pair}`,
        group: "Z",
        spec: { kind: "zll", lepton, pair, ...collision },
      });
    }
  }
  for (const pair of LEPTONS) {
    processes.push({ process: `ttbar-${pair}`, group: "top", spec: { kind: "ttbar", pair, ...collision } });
  }
  return processes;
}
