/**
 * Serialisable specifications of the Standard-Model background processes (sent to the workers like
 * the other `ProcessSpec`s of src/generate/processes.ts) and their builder.
 */
import { checkRange, InputError } from "../../core/errors.js";
import { electroweakParameters } from "../../model/electroweak.js";
import { loadPdfSet } from "../../pdf/index.js";
import type { WCharge } from "../initial.js";
import { kFactorFor } from "../kfactors.js";
import type { Process, ScaleChoice } from "../types.js";
import { checkCuts, type GenerationCuts } from "./cuts.js";
import { zKFactor } from "./kfactors.js";
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
    } & BackgroundCollision)
  | ({ kind: "zll"; lepton: Lepton; pair: Lepton; channelMode?: ChannelMode } & BackgroundCollision)
  | ({ kind: "ttbar"; pair: Lepton } & BackgroundCollision);

export interface BackgroundInfo {
  name: string;
  pdfSet: string;
  matrixElement: string;
  cuts: GenerationCuts;
}

const PDG_OF: Record<Lepton, 11 | 13> = { e: 11, mu: 13 };

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
  throw new InputError("process", "wgamma or zll", spec.kind, "not available in this build");
}

/**
 * The k-factor of a background spec and its source: wgamma the W k-factor of src/generate/kfactors.ts
 * (paper Sec. IV), zll `zKFactor` for the run's settings (kfactors.ts in this folder).
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
  throw new InputError("process", "wgamma or zll", spec.kind, "no k-factor available in this build");
}
