/**
 * Serialisable specifications of the Standard-Model background processes (sent to the workers like
 * the other `ProcessSpec`s of src/generate/processes.ts) and their builder.
 */
import { PAPER_SELECTION } from "../../analysis/cuts.js";
import { checkRange, InputError } from "../../core/errors.js";
import { electroweakParameters } from "../../model/electroweak.js";
import { loadPdfSet } from "../../pdf/index.js";
import type { WCharge } from "../initial.js";
import { kFactorFor } from "../kfactors.js";
import type { Process, ScaleChoice } from "../types.js";
import { checkCuts, type GenerationCuts } from "./cuts.js";
import { ttbarKFactor, zKFactor } from "./kfactors.js";
import { type PhaseSpaceRegion, reachSide } from "./regions.js";
import { TTbarProcess } from "./ttbar.js";
import { type ChannelMode, WSoftPairProcess } from "./wsoftpair.js";
import { ZSoftPairProcess } from "./zsoftpair.js";

type Lepton = "e" | "mu";

interface BackgroundCollision {
  sqrtS: number;
  pdf?: string;
  scale: ScaleChoice;
  ewInputs: "default" | "mg5-sm";
  mHatMinGeV: number;
  /** Generation cuts (cuts.ts; the paper's by default). */
  cuts: GenerationCuts;
}

export type BackgroundSpec =
  | ({
      kind: "wgamma";
      charge: "plus" | "minus" | "both";
      /** W lepton ℓ and soft-pair lepton ℓ′. */
      lepton: Lepton;
      pair: Lepton;
      channelMode?: ChannelMode;
      /** Part of phase space (regions.ts `PHASE_SPACE_REGIONS`): all, or a part of the region split. */
      region?: PhaseSpaceRegion;
      /**
       * What VEGAS and the channel weights adapt to: the cross section f, or f × the generator-level
       * stand-in for the paper's prompt selection (wregion.ts `selectionProxy`). Default: "selection"
       * for a region part (core, shell, halo, outside), "sigma" for "all". The estimate is unbiased either way.
       */
      adaptTo?: AdaptTarget;
    } & BackgroundCollision)
  | ({ kind: "zll"; lepton: Lepton; pair: Lepton; channelMode?: ChannelMode } & BackgroundCollision)
  | ({
      kind: "ttbar";
      pair: Lepton;
      /** false: plain tt̄ with decays (the LO cross-check, no soft pair, no cuts). */
      emission?: boolean;
    } & BackgroundCollision);

export interface BackgroundInfo {
  name: string;
  pdfSet: string;
  matrixElement: string;
  cuts: GenerationCuts;
}

export type AdaptTarget = "sigma" | "selection";

const PDG_OF: Record<Lepton, 11 | 13> = { e: 11, mu: 13 };

/** The adaptation target of a W + soft pair spec, with its default (see `adaptTo` above). */
export function adaptTo(spec: Extract<BackgroundSpec, { kind: "wgamma" }>): AdaptTarget {
  const t = spec.adaptTo ?? (spec.region !== undefined && spec.region !== "all" ? "selection" : "sigma");
  if (t !== "sigma" && t !== "selection") throw new InputError("adapt-to", '"sigma" or "selection"', t);
  return t;
}

function charges(c: "plus" | "minus" | "both"): WCharge[] {
  return c === "plus" ? [1] : c === "minus" ? [-1] : [1, -1];
}

/** Builds a background process (validates; throws InputError naming the option). */
export function buildBackgroundProcess(spec: BackgroundSpec): { process: Process; info: BackgroundInfo } {
  checkRange("sqrt-s", spec.sqrtS, { min: 200, max: 1e6, unit: "GeV" });
  checkRange("m-hat-min", spec.mHatMinGeV, { min: 0, max: 60, unit: "GeV" });
  const cuts = checkCuts(spec.cuts);
  const ew = electroweakParameters(spec.ewInputs === "mg5-sm" ? "mg5-sm" : "gmu");
  const pdf = loadPdfSet(spec.pdf);
  if (spec.kind === "wgamma") {
    const process = new WSoftPairProcess({
      sqrtS: spec.sqrtS,
      charges: charges(spec.charge),
      leptonPdg: PDG_OF[spec.lepton],
      pairPdg: PDG_OF[spec.pair],
      ew,
      pdf,
      scale: spec.scale,
      cuts,
      mHatMin: spec.mHatMinGeV,
      ...(spec.channelMode ? { mode: spec.channelMode } : {}),
      ...(spec.region ? { region: spec.region } : {}),
      ...(adaptTo(spec) === "selection" ? { adaptToSelection: PAPER_SELECTION } : {}),
      ...(spec.region && reachSide(spec.region) >= 0 ? { reachSelection: PAPER_SELECTION } : {}),
    });
    return {
      process,
      info: {
        name: process.name,
        pdfSet: pdf.name,
        matrixElement: "amplitudes createFourLepton (all tree-level EW diagrams, helicity amplitudes)",
        cuts,
      },
    };
  }
  if (spec.kind === "zll") {
    const process = new ZSoftPairProcess({
      sqrtS: spec.sqrtS,
      leptonPdg: PDG_OF[spec.lepton],
      pairPdg: PDG_OF[spec.pair],
      ew,
      pdf,
      scale: spec.scale,
      cuts,
      mHatMin: spec.mHatMinGeV,
      ...(spec.channelMode ? { mode: spec.channelMode } : {}),
    });
    return {
      process,
      info: {
        name: process.name,
        pdfSet: pdf.name,
        matrixElement: "background/fourChargedLepton.ts (all tree-level γ/Z diagrams, helicity amplitudes)",
        cuts,
      },
    };
  }
  const process = new TTbarProcess({
    sqrtS: spec.sqrtS,
    pairPdg: PDG_OF[spec.pair],
    ew,
    pdf,
    scale: spec.scale,
    cuts,
    emission: spec.emission ?? true,
  });
  return {
    process,
    info: {
      name: process.name,
      pdfSet: pdf.name,
      matrixElement:
        "Combridge gg/qq̄ → tt̄, narrow-width t → bW → bff̄′ (unpolarised tops), factorised γ* emission (emission.ts)",
      cuts,
    },
  };
}

/**
 * The k-factor of a background spec and its source: wgamma the W k-factor of src/generate/kfactors.ts
 * (paper Sec. IV), zll `zKFactor` and ttbar `ttbarKFactor` for the run's settings (kfactors.ts here).
 */
export function backgroundKFactor(spec: BackgroundSpec): { kFactor: number; source: string } {
  if (spec.kind === "wgamma") {
    const e = kFactorFor(spec.sqrtS);
    return { kFactor: e.kFactor, source: e.sigmaRefSource };
  }
  if (spec.kind === "zll") {
    const ew = electroweakParameters(spec.ewInputs === "mg5-sm" ? "mg5-sm" : "gmu");
    const z = zKFactor({ sqrtS: spec.sqrtS, pdf: loadPdfSet(spec.pdf), scale: spec.scale, ew });
    return {
      kFactor: z.kFactor,
      source: `${z.reference.source} / σ_LO(66–116 GeV) = ${z.sigmaLOPb.toFixed(1)} pb`,
    };
  }
  const ew = electroweakParameters(spec.ewInputs === "mg5-sm" ? "mg5-sm" : "gmu");
  const t = ttbarKFactor({
    sqrtS: spec.sqrtS,
    pdf: loadPdfSet(spec.pdf),
    scale: spec.scale,
    mTop: ew.mTop,
    mW: ew.mW,
  });
  return { kFactor: t.kFactor, source: `${t.reference.source} / σ_LO(tt̄) = ${t.sigmaLOPb.toFixed(2)} pb` };
}
