/**
 * Process specifications: plain, serialisable descriptions (sent to the workers) and the builder
 * that turns one into a `Process` with its PDF, model and matrix elements. Validation happens here
 * (InputError naming the option), once, before any worker starts.
 */
import { buildModelTable } from "../amplitudes/modelTable.js";
import { createSignal } from "../amplitudes/signal.js";
import { createChargedCurrentDY } from "../amplitudes/simple.js";
import type { MatrixElement } from "../amplitudes/types.js";
import { ALPHA_0, LEPTON_MASS } from "../core/constants.js";
import { checkRange, InputError } from "../core/errors.js";
import { electroweakParameters } from "../model/electroweak.js";
import { darkNeutrinoModel } from "../model/index.js";
import { loadPdfSet } from "../pdf/index.js";
import { MassMultichannel } from "../phasespace/multichannel.js";
import { VegasGrid } from "../phasespace/vegas.js";
import { type BackgroundSpec, buildBackgroundProcess } from "./background/spec.js";
import { CamelProcess } from "./camel.js";
import type { WCharge } from "./initial.js";
import { factorisedSignalMatrixElement } from "./reference.js";
import { SignalProcess } from "./signal.js";
import type { Process, ScaleChoice } from "./types.js";
import { WLnuProcess } from "./wlnu.js";

export type ChargeChoice = "plus" | "minus" | "both";
export type LeptonChoice = "e" | "mu";
export type DecayLeptonChoice = "e" | "mu" | "both";
export type EwInputs = "default" | "mg5-sm";

/** Settings shared by every hadron-collider process. */
export interface CollisionSpec {
  sqrtS: number;
  /** LHAPDF set name or path (undefined: the embedded default). */
  pdf?: string;
  scale: ScaleChoice;
  /** "default" = G_μ scheme with PDG 2024 inputs; "mg5-sm" = MadGraph sm defaults. */
  ewInputs: EwInputs;
  /** Lower limit on the partonic invariant mass √ŝ (GeV); default 10 (see docs/generator.md). */
  mHatMinGeV: number;
}

export type ProcessSpec =
  | { kind: "camel"; dims: number; width: number }
  | ({ kind: "w-lnu"; charge: ChargeChoice; lepton: LeptonChoice } & CollisionSpec)
  | ({
      kind: "signal";
      charge: ChargeChoice;
      lepton: LeptonChoice;
      decayLepton: DecayLeptonChoice;
      mN: number;
      mZD: number;
      /** |U_ℓ4|² of the production lepton ℓ (the other mixings are zero). */
      U2: number;
      alphaEps2: number;
      gD: number;
      nature: "dirac" | "majorana";
      /**
       * Signal matrix element: "full" (default) = the 2 → 4 helicity amplitude of
       * src/amplitudes/signal.ts with all spin correlations; "factorised" = production × isotropic
       * decays (reference.ts), the same total rate — a cross-check.
       */
      spin?: "full" | "factorised";
    } & CollisionSpec)
  /** Standard-Model backgrounds wgamma | zll | ttbar (src/generate/background/spec.ts). */
  | BackgroundSpec;

/** Extra numbers a built process reports (branching ratios, widths …). */
export interface ProcessInfo {
  name: string;
  /** Σ BR(Z_D → ℓ′ℓ′) over the included ℓ′ (signal only). */
  brZDToLeptons?: number;
  brNToNuZD?: number;
  widthNGeV?: number;
  widthZDGeV?: number;
  ctauZDMm?: number;
  pdfSet?: string;
  matrixElement?: string;
}

export function parseScale(text: string): ScaleChoice {
  if (text === "dynamic") return { kind: "dynamic" };
  if (text === "mW") return { kind: "mW" };
  const m = /^fixed:(.+)$/.exec(text);
  if (m) {
    const v = Number(m[1]);
    checkRange("scale (fixed:<GeV>)", v, { min: 0, minExclusive: true, unit: "GeV" });
    return { kind: "fixed", muGeV: v };
  }
  throw new InputError("scale", "one of fixed:<GeV>, mW, dynamic", text);
}

function charges(c: ChargeChoice): WCharge[] {
  return c === "plus" ? [1] : c === "minus" ? [-1] : [1, -1];
}

function validateCollision(s: CollisionSpec): void {
  checkRange("sqrt-s", s.sqrtS, { min: 200, max: 1e6, unit: "GeV" });
  checkRange("m-hat-min", s.mHatMinGeV, { min: 0, max: 60, unit: "GeV" });
}

/** Builds the process of `spec` (loads the PDF set and the model); throws InputError on bad input. */
export function buildProcess(spec: ProcessSpec): { process: Process; info: ProcessInfo } {
  if (spec.kind === "wgamma" || spec.kind === "zll" || spec.kind === "ttbar") {
    return buildBackgroundProcess(spec);
  }
  if (spec.kind === "camel") {
    const process = new CamelProcess(spec.dims, spec.width);
    return { process, info: { name: process.name } };
  }
  validateCollision(spec);
  const ew = electroweakParameters(spec.ewInputs === "mg5-sm" ? "mg5-sm" : "gmu");
  const pdf = loadPdfSet(spec.pdf);
  const couplings = { gW: ew.gW, mW: ew.mW, widthW: ew.widthW };
  const leptonPdg = spec.lepton === "e" ? 11 : 13;
  const leptonMass = spec.lepton === "e" ? ew.mElectron : ew.mMuon;
  if (spec.kind === "w-lnu") {
    const process = new WLnuProcess({
      sqrtS: spec.sqrtS,
      charges: charges(spec.charge),
      leptonPdg,
      leptonMass,
      mW: ew.mW,
      widthW: ew.widthW,
      pdf,
      scale: spec.scale,
      // Helicity amplitudes of src/amplitudes for the reference flavours u d̄ / d ū; they contain
      // |V_ud|, which the CKM-weighted luminosity divides out (initial.ts).
      mePlus: createChargedCurrentDY(buildModelTable(ew), { charge: 1, lepton: spec.lepton }),
      meMinus: createChargedCurrentDY(buildModelTable(ew), { charge: -1, lepton: spec.lepton }),
      ckmInMatrixElement2: ew.ckm[0]![0]! ** 2,
      ckm: ew.ckm,
      mMin: spec.mHatMinGeV,
      multichannel: new MassMultichannel([{ kind: "breit-wigner", m: ew.mW, width: ew.widthW }]),
      grid: new VegasGrid(4, 50),
    });
    return {
      process,
      info: {
        name: process.name,
        pdfSet: pdf.name,
        matrixElement: "amplitudes createChargedCurrentDY (helicity amplitudes)",
      },
    };
  }
  // Signal.
  checkRange("U2", spec.U2, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  if (!(spec.mZD < spec.mN)) {
    throw new InputError("mZD", `a number below mN = ${spec.mN} GeV`, spec.mZD, "N_D → ν Z_D must be open");
  }
  // The helicity amplitude has the chiral Z_D ν N_D coupling g_D U γ^μ P_L (amplitudes/modelTable.ts),
  // so the N_D width in the narrow-width factor must be the "chiral" one for BR(N_D → ν Z_D) = 1
  // (the paper's eq. 6 normalisation is 4× larger; the rate σ × BR does not depend on it when the
  // width and the coupling are consistent, and N_D is prompt either way).
  const model = darkNeutrinoModel({
    mN: spec.mN,
    mZD: spec.mZD,
    Ue4Sq: spec.lepton === "e" ? spec.U2 : 0,
    Umu4Sq: spec.lepton === "mu" ? spec.U2 : 0,
    Utau4Sq: 0,
    alphaEps2: spec.alphaEps2,
    gD: spec.gD,
    nature: spec.nature,
    widthConvention: "chiral",
  });
  const w = model.widthsGeV;
  const decay: (11 | 13)[] = spec.decayLepton === "e" ? [11] : spec.decayLepton === "mu" ? [13] : [11, 13];
  const mE = LEPTON_MASS.e;
  const mMu = LEPTON_MASS.mu;
  const open = decay.filter((d) => spec.mZD > 2 * (d === 11 ? mE : mMu));
  if (open.length === 0) {
    throw new InputError(
      "decay-lepton",
      "a Z_D decay that is kinematically open",
      spec.decayLepton,
      `m_ZD = ${spec.mZD} GeV is below 2m_μ`,
    );
  }
  const spin = spec.spin ?? "full";
  const table =
    spin === "full"
      ? buildModelTable(ew, {
          mN: spec.mN,
          widthN: model.widthsGeV.N_total,
          mZD: spec.mZD,
          widthZD: model.widthsGeV.ZD_total,
          Ue4Sq: spec.lepton === "e" ? spec.U2 : 0,
          Umu4Sq: spec.lepton === "mu" ? spec.U2 : 0,
          Utau4Sq: 0,
          // Z_D f f coupling e₀ ε Q with e₀ = √(4π α(0)): ε = √(αε² / α(0)).
          eps: Math.sqrt(spec.alphaEps2 / ALPHA_0),
          alphaZD: ALPHA_0,
          gD: spec.gD,
          nature: spec.nature,
        })
      : undefined;
  let brZD = 0;
  for (const d of open) brZD += d === 11 ? model.brZD.ee : model.brZD.mumu;
  const process = new SignalProcess({
    sqrtS: spec.sqrtS,
    charges: charges(spec.charge),
    leptonPdg,
    leptonMass,
    decayLeptonPdgs: open,
    electronMass: mE,
    muonMass: mMu,
    mN: spec.mN,
    mZD: spec.mZD,
    widthN: w.N_total,
    widthZD: w.ZD_total,
    ctauNMm: model.ctauMm.N,
    ctauZDMm: model.ctauMm.ZD,
    mW: ew.mW,
    widthW: ew.widthW,
    pdf,
    scale: spec.scale,
    matrixElement: (charge, dl) =>
      table
        ? fullSignalMatrixElement(table, charge, spec.lepton, dl === 11 ? "e" : "mu", spec.nature)
        : factorisedSignalMatrixElement({
            charge,
            leptonPdg,
            decayLeptonPdg: dl,
            couplings,
            uSq: spec.U2,
            mN: spec.mN,
            mZD: spec.mZD,
            decayLeptonMass: dl === 11 ? mE : mMu,
            widthNToNuZD: w.N_to_nuZD,
            widthZDToLL: dl === 11 ? w.ZD_to_ee : w.ZD_to_mumu,
          }),
    // The helicity amplitude contains |V_ud| (model table); the factorised one has |V| = 1.
    ckmInMatrixElement2: table ? ew.ckm[0]![0]! ** 2 : 1,
    ckm: ew.ckm,
    mMin: spec.mHatMinGeV,
  });
  return {
    process,
    info: {
      name: process.name,
      brZDToLeptons: brZD,
      brNToNuZD: model.brN.nuZD,
      widthNGeV: w.N_total,
      widthZDGeV: w.ZD_total,
      ctauZDMm: model.ctauMm.ZD,
      pdfSet: pdf.name,
      matrixElement:
        spin === "full"
          ? "amplitudes createSignal (2 → 4 helicity amplitude, narrow-width N_D and Z_D, full spin correlations)"
          : "factorised (no production–decay spin correlation), reference.ts",
    },
  };
}

/**
 * The on-shell 2 → 4 signal amplitude for one W charge and ℓ′. For a Majorana N_D the
 * lepton-number-violating final state (ν̄ for W⁺) has the same kinematics with a massless ν, so its
 * |M|² is added at the same point (the event record labels the ν as the lepton-number-conserving one);
 * the doubled Majorana width in the narrow-width factor then gives BR = 1 overall.
 */
function fullSignalMatrixElement(
  table: ReturnType<typeof buildModelTable>,
  charge: WCharge,
  lepton: LeptonChoice,
  pair: "e" | "mu",
  nature: "dirac" | "majorana",
): MatrixElement {
  const nu = createSignal(table, { charge, lepton, pair, onShell: true, final: "nu" });
  if (nature === "dirac") return nu;
  const nubar = createSignal(table, { charge, lepton, pair, onShell: true, final: "nubar" });
  return {
    name: `${nu.name} + ${nubar.name}`,
    pdgIds: nu.pdgIds,
    masses: nu.masses,
    evaluate: (p: Float64Array): number => nu.evaluate(p) + nubar.evaluate(p),
  };
}
