/**
 * Shower settings: one schema with default, range and a one-line doc per parameter (STYLE.md,
 * "Settings are schemas", after Pythia 8's settings database). `resolveShowerOptions` fills the
 * defaults and rejects out-of-range values with an InputError that names the field.
 */
import { checkRange, InputError } from "../core/errors.js";

/** How α_s is evaluated in the shower (argument always the emission pT). */
export type AlphaSScheme =
  /** α_s(pT) exactly as the PDF set gives it (the hard process's α_s). */
  | "pdf"
  /**
   * The PDF set's α_s(pT) multiplied by the Catani–Marchesini–Webber factor
   * 1 + K α_s/(2π), K = C_A(67/18 − π²/6) − 5 n_f/9 (S. Catani, B. R. Webber, G. Marchesini,
   * Nucl. Phys. B349 (1991) 635): the coupling that resums soft-gluon emission at NLL in a
   * coherent shower.
   */
  | "cmw";

/** Where the backward evolution starts. */
export type StartScale =
  /** At the factorisation scale of the event (`batch.scale`, or the hard mass when it is 0). */
  | "factorisation"
  /**
   * At the kinematic limit √s/2 ("power shower"); for colour-singlet q q̄′ processes the first
   * emission is then reweighted to the V+jet matrix element (Miu & Sjöstrand, Phys. Lett. B449
   * (1999) 313). Events with coloured final-state partons or gluon initiators always start at
   * the factorisation scale.
   */
  | "power";

export interface ShowerOptions {
  /** Run the initial-state shower. */
  isr: boolean;
  /** Hadronise final partons into charged/neutral pion proxies. */
  hadronize: boolean;
  /** Final-state radiation of every final parton before hadronisation (fsr.ts). */
  fsr: boolean;
  /** Largest FSR emission angle (rad): coherence limit of the independent-jet shower. */
  fsrThetaMax: number;
  /** Lower cutoff of the ISR evolution in pT (GeV). */
  pTminGeV: number;
  /**
   * Smooth regularisation scale pT0 of the ISR emission rate: α_s(pT) dpT²/pT² →
   * α_s(√(pT² + pT0²)) dpT²/(pT² + pT0²) (Pythia 8 SpaceShower:pT0Ref = 2 GeV); 0 switches it off.
   */
  pT0GeV: number;
  /** Width σ of the primordial-kT Gaussian: ⟨kT²⟩ = σ² per initiator (GeV). */
  primordialKtGeV: number;
  /** α_s evaluation in the shower. */
  alphaSScheme: AlphaSScheme;
  /** Start scale of the evolution. */
  startScale: StartScale;
  /** Hadron-collider centre-of-mass energy (GeV). */
  sqrtSGeV: number;
  /** Headroom factor on the PDF-ratio overestimates of the veto algorithm. */
  headroom: number;
  /** Field–Feynman fragmentation parameter a in f(z) = 1 − a + 3a(1 − z)². */
  ffA: number;
  /** Gaussian width per transverse component of hadron pT relative to the parton axis (GeV). */
  fragSigmaPtGeV: number;
  /** Fragmentation chain stops when the remaining light-cone momentum E + p drops below this (GeV). */
  fragWminGeV: number;
  /** Scale factor applied to charged H_T (stands in for underlying event and pile-up, neglected). */
  htScale: number;
  /** QED final-state radiation off charged leptons (qed.ts), after ISR, before hadronisation. */
  qedFsr: boolean;
  /** Lower cutoff of the QED shower evolution in p⊥ (GeV). */
  qedPTminGeV: number;
}

interface Spec<T> {
  default: T;
  doc: string;
  min?: number;
  max?: number;
  choices?: readonly string[];
  unit?: string;
}

/** The schema: every parameter with its default, range and documentation line. */
export const SHOWER_SETTINGS: { readonly [K in keyof ShowerOptions]: Spec<ShowerOptions[K]> } = {
  isr: { default: true, doc: "run the initial-state parton shower" },
  hadronize: { default: true, doc: "fragment final partons into pion proxies (for charged H_T)" },
  fsr: {
    default: true,
    doc: "final-state QCD radiation of each final parton before hadronisation (needs hadronize)",
  },
  fsrThetaMax: {
    default: 1,
    min: 0.1,
    max: Math.PI,
    unit: "rad",
    doc: "largest FSR emission angle (angular-ordering/coherence cone of the independent jets)",
  },
  pTminGeV: {
    default: 1.0,
    min: 0.5,
    max: 10,
    unit: "GeV",
    doc: "infrared cutoff of the ISR evolution in pT (brief: pT0 ≈ 1 GeV; Pythia's ISR regularisation is ~2 GeV)",
  },
  pT0GeV: {
    default: 2,
    min: 0,
    max: 10,
    unit: "GeV",
    doc: "smooth ISR regularisation pT0 (Pythia 8 SpaceShower:pT0Ref = 2 GeV, our default); 0 = sharp cutoff at pTmin only",
  },
  primordialKtGeV: {
    default: 1.8,
    min: 0,
    max: 5,
    unit: "GeV",
    doc: "primordial kT width σ per initiator, <kT²> = σ² (Pythia 8 BeamRemnants:primordialKThard = 1.8)",
  },
  alphaSScheme: {
    default: "pdf",
    choices: ["pdf", "cmw"],
    doc: "α_s(pT) of the PDF set, optionally with the CMW soft-gluon rescaling",
  },
  startScale: {
    default: "power",
    choices: ["factorisation", "power"],
    doc: "start of the evolution: μ_F, or √s/2 with V+jet matrix-element correction of the first emission",
  },
  sqrtSGeV: { default: 13000, min: 10, max: 1e6, unit: "GeV", doc: "collider centre-of-mass energy" },
  headroom: {
    // 1.3: with the tabulated x′ maximum (isr.ts) the factor only covers the Q dependence inside a
    // window and the density between table nodes; no violation in 40 000-event W, Z, signal and
    // low-mass Drell–Yan samples (1.0 gives a few, weight ≤ 1.3).
    default: 1.3,
    min: 1,
    max: 20,
    doc: "safety factor on PDF-ratio overestimates in the veto algorithm (violations are counted)",
  },
  ffA: {
    default: 0.77,
    min: 0,
    max: 1,
    doc: "Field–Feynman f(z) = 1 − a + 3a(1−z)² (NPB 136 (1978) 1: a = 0.77)",
  },
  fragSigmaPtGeV: {
    default: 0.36,
    min: 0,
    max: 2,
    unit: "GeV",
    doc: "hadron pT width per component relative to the parton axis (Pythia StringPT:sigma ≈ 0.335)",
  },
  fragWminGeV: {
    default: 1.0,
    min: 0.3,
    max: 10,
    unit: "GeV",
    doc: "fragmentation chain stops below this remaining light-cone momentum",
  },
  htScale: {
    default: 1,
    min: 0,
    max: 10,
    doc: "multiplies charged H_T; stands in for the neglected underlying event and pile-up",
  },
  qedFsr: {
    default: false,
    doc: "QED final-state radiation of photons off charged leptons (e, μ) in dipoles, after ISR (qed.ts)",
  },
  qedPTminGeV: {
    // 1 keV: Pythia 8 TimeShower:pTminChgL; keeps every photon that moves m_ll by > 0.1 % (qed.ts).
    default: 1e-6,
    min: 1e-9,
    max: 0.1,
    unit: "GeV",
    doc: "lower p⊥ cutoff of the QED shower (Pythia 8 TimeShower:pTminChgL = 1e-6 GeV)",
  },
};

/** Defaults filled in and every field checked against the schema. */
export function resolveShowerOptions(partial: Partial<ShowerOptions> = {}): ShowerOptions {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SHOWER_SETTINGS) as (keyof ShowerOptions)[]) {
    const spec = SHOWER_SETTINGS[key] as Spec<unknown>;
    const v = partial[key] ?? spec.default;
    if (typeof spec.default === "boolean") {
      if (typeof v !== "boolean") throw new InputError(`shower.${key}`, "true or false", v);
    } else if (spec.choices) {
      if (typeof v !== "string" || !spec.choices.includes(v)) {
        throw new InputError(`shower.${key}`, `one of ${spec.choices.join(", ")}`, v);
      }
    } else {
      checkRange(`shower.${key}`, v as number, {
        ...(spec.min !== undefined ? { min: spec.min } : {}),
        ...(spec.max !== undefined ? { max: spec.max } : {}),
        ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
      });
    }
    out[key] = v;
  }
  for (const key of Object.keys(partial)) {
    if (!(key in SHOWER_SETTINGS)) {
      throw new InputError("shower option", `one of ${Object.keys(SHOWER_SETTINGS).join(", ")}`, key);
    }
  }
  return out as unknown as ShowerOptions;
}
