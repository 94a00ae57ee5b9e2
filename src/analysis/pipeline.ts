/**
 * The analysis pipeline of one sample: detector response (detector/reconstruct.ts) → observables
 * (observables.ts) → the paper's selection as a weighted cut flow (cuts.ts, cutflow.ts) →
 * histograms of the selected entries in expected events. `dnreach analyze` and the `reproduce`
 * driver call `analyzeBatch` once per sample and card variant; it is pure apart from the RNG stream
 * it is given (or derives from a seed).
 *
 * Also here: `rescaleZDFlight`, which re-uses a signal sample generated at one kinetic mixing for
 * another (the Z_D lab decay length is ∝ cτ ∝ 1/(αε²) exactly), and `openEventSource`, which
 * opens a native sample directory, an LHE or a HepMC3 file as a stream of EventBatch chunks.
 */
import { stat } from "node:fs/promises";
import { PDG } from "../core/constants.js";
import { checkRange, InputError } from "../core/errors.js";
import type { EventBatch, EventBatchInfo } from "../core/events.js";
import { etaOfMomentum, norm2, norm3 } from "../core/fourvector.js";
import { type Binning, Histogram1D } from "../core/histogram.js";
import { type RandomStream, randomStream } from "../core/rng.js";
import { INV_FB_IN_INV_PB } from "../core/units.js";
import { type DetectorCard, overrideCard } from "../detector/card.js";
import { type EfficiencyMode, reconstructLeptons, smearElectron } from "../detector/reconstruct.js";
import { resolutionParams } from "../detector/resolution.js";
import { type CutFlow, cutFlow, cutFlowsByProcess } from "./cutflow.js";
import {
  baselineCuts,
  type Cut,
  displacedSignalRegionCuts,
  promptBaselineCuts,
  promptSignalRegionCuts,
  type SelectionOptions,
  selectedWeights,
  selectionOptionsFromCard,
  signalRegionOnlyCuts,
} from "./cuts.js";
import { computeObservables, type ObservableOptions, type Observables } from "./observables.js";

/**
 * Named selections (docs/detector.md "Selection"):
 *  - "baseline": Sec. V A baseline (multiplicity, thresholds, |η|, leading pT, m_ℓℓ, H_T), no vertex category;
 *  - "prompt-baseline": baseline + displacement < 1 mm (the pre-selection of Fig. 3);
 *  - "sr": baseline + the Table II signal-region cuts, no vertex category (Fig. 5 "full event selection");
 *  - "prompt-sr": the prompt signal region (Table II, Sec. IV, Fig. 4);
 *  - "displaced-sr": the displaced signal region (Sec. V C).
 */
export const SELECTIONS = ["baseline", "prompt-baseline", "sr", "prompt-sr", "displaced-sr"] as const;
export type SelectionName = (typeof SELECTIONS)[number];

/** The cuts of a named selection. */
export function selectionCuts(name: SelectionName, opts: Partial<SelectionOptions>): Cut[] {
  switch (name) {
    case "baseline":
      return baselineCuts(opts);
    case "prompt-baseline":
      return promptBaselineCuts(opts);
    case "sr":
      return [...baselineCuts(opts), ...signalRegionOnlyCuts(opts)];
    case "prompt-sr":
      return promptSignalRegionCuts(opts);
    case "displaced-sr":
      return displacedSignalRegionCuts(opts);
    default:
      throw new InputError("selection", SELECTIONS.join(", "), name);
  }
}

/** A histogrammed observable: a column of `Observables` and its binning. */
export interface HistogramDefinition {
  /** Key, also the column of Observables that is histogrammed. */
  name: ObservableColumn;
  /** Axis title with unit, e.g. "p_T(ℓ1) [GeV]". */
  title: string;
  binning: Binning;
  /** Axis scale the figures use for x. */
  xScale: "linear" | "log";
}

export type ObservableColumn =
  | "pt1"
  | "pt2"
  | "pt3"
  | "mll"
  | "m3l"
  | "pt3l"
  | "dPhi1Z"
  | "dR1Z"
  | "htCharged"
  | "displacementMm";

/**
 * Default histograms: the panels of the paper's Figs. 3–4 (lepton pT's, m_ℓℓ, m(3ℓ), pT(3ℓ), dφ, dR)
 * plus H_T and the displacement (Fig. 5). Ranges are ours (the paper's axes are not given in the
 * text), chosen to hold the bulk of signal and background after the baseline selection.
 */
export const DEFAULT_HISTOGRAMS: readonly HistogramDefinition[] = [
  {
    name: "pt1",
    title: "p_T(ℓ1) [GeV]",
    binning: { kind: "uniform", lo: 0, hi: 100, bins: 25 },
    xScale: "linear",
  },
  {
    name: "pt2",
    title: "p_T(ℓ2) [GeV]",
    binning: { kind: "uniform", lo: 0, hi: 50, bins: 25 },
    xScale: "linear",
  },
  {
    name: "pt3",
    title: "p_T(ℓ3) [GeV]",
    binning: { kind: "uniform", lo: 0, hi: 25, bins: 25 },
    xScale: "linear",
  },
  {
    name: "mll",
    title: "m_ℓℓ(ℓ2, ℓ3) [GeV]",
    binning: { kind: "log", lo: 0.01, hi: 10, bins: 30 },
    xScale: "log",
  },
  {
    name: "m3l",
    title: "m(ℓ1, ℓ2, ℓ3) [GeV]",
    binning: { kind: "uniform", lo: 0, hi: 150, bins: 30 },
    xScale: "linear",
  },
  {
    name: "pt3l",
    title: "p_T(ℓ1, ℓ2, ℓ3) [GeV]",
    binning: { kind: "uniform", lo: 0, hi: 100, bins: 25 },
    xScale: "linear",
  },
  {
    name: "dPhi1Z",
    title: "dφ(ℓ1, Z_D) [rad]",
    binning: { kind: "uniform", lo: 0, hi: Math.PI, bins: 32 },
    xScale: "linear",
  },
  {
    name: "dR1Z",
    title: "dR(ℓ1, Z_D)",
    binning: { kind: "uniform", lo: 0, hi: 6, bins: 30 },
    xScale: "linear",
  },
  {
    name: "htCharged",
    title: "charged H_T [GeV]",
    binning: { kind: "uniform", lo: 0, hi: 60, bins: 30 },
    xScale: "linear",
  },
  {
    name: "displacementMm",
    title: "Z_D displacement [mm]",
    binning: { kind: "log", lo: 1e-4, hi: 1e4, bins: 32 },
    xScale: "log",
  },
];

export interface AnalyzeOptions {
  card: DetectorCard;
  /** Integrated luminosity (fb⁻¹) of the expected-event columns and of the histograms. */
  lumiInvFb: number;
  /** Detector RNG stream; otherwise randomStream(seed, 0) (seed default 1). */
  rng?: RandomStream;
  seed?: number;
  selection: SelectionName;
  /**
   * Electron threshold (GeV) for the detector and the selection (Table II: 5 nominal, 1 variant);
   * default: the card's value.
   */
  electronPtMinGeV?: number;
  /** Soft-pair flavour requirement (default "combined": none). */
  channel?: SelectionOptions["channel"];
  /** Further selection thresholds (beyond those taken from the card). */
  selectionOverrides?: Partial<SelectionOptions>;
  efficiencyMode?: EfficiencyMode;
  /** Factor on the charged H_T (observables.ts), default 1. */
  htScale?: number;
  /** Histograms to fill (default DEFAULT_HISTOGRAMS); [] for none. */
  histograms?: readonly HistogramDefinition[];
}

export interface AnalysisResult {
  /** The card used (with the electron-threshold override applied). */
  card: DetectorCard;
  selection: SelectionName;
  cuts: Cut[];
  observables: Observables;
  /** Cut flow of all processes together. */
  cutflow: CutFlow;
  /** One cut flow per process code, labelled from `info.processes`, then "all". */
  cutflowsByProcess: CutFlow[];
  /** Per entry: weight (pb) × all cut factors. */
  selectedWeights: Float64Array;
  /** Selected entries, weights in expected events at `lumiInvFb`; under/overflow kept apart. */
  histograms: Record<string, Histogram1D>;
  lumiInvFb: number;
}

/** The card with the electron threshold overridden (or unchanged when `ptMinGeV` is undefined). */
export function cardWithElectronThreshold(card: DetectorCard, ptMinGeV: number | undefined): DetectorCard {
  if (ptMinGeV === undefined || ptMinGeV === card.electron.ptMinGeV.value) return card;
  return overrideCard(card, "electron.ptMinGeV", ptMinGeV, "Table II electron-threshold variant");
}

/**
 * Detector response and observables of one batch: reconstruction with `card` on the stream `rng`
 * (weight-mode efficiencies unless told otherwise), then the observables of every entry. Shared by
 * `analyzeBatch`, the scan's per-card yields and the Fig. 3–4 samples, which then apply their
 * selections to the same entries.
 */
export function observeBatch(
  batch: EventBatch,
  card: DetectorCard,
  rng: RandomStream,
  o: ObservableOptions & { efficiencyMode?: EfficiencyMode } = {},
): Observables {
  const { efficiencyMode, ...observableOptions } = o;
  const reco = reconstructLeptons(batch, card, rng, { efficiencyMode: efficiencyMode ?? "weight" });
  return computeObservables(reco, batch, observableOptions);
}

/**
 * Detector response, observables, selection, cut flow and histograms of one batch.
 * `info` supplies the process labels of the cut flows.
 */
export function analyzeBatch(
  batch: EventBatch,
  info: EventBatchInfo | undefined,
  o: AnalyzeOptions,
): AnalysisResult {
  const lumi = o.lumiInvFb;
  if (!(lumi >= 0) || !Number.isFinite(lumi)) throw new InputError("lumiInvFb", "a finite number ≥ 0", lumi);
  const card = cardWithElectronThreshold(o.card, o.electronPtMinGeV);
  const rng = o.rng ?? randomStream(o.seed ?? 1, 0);
  const observables = observeBatch(batch, card, rng, {
    ...(o.efficiencyMode ? { efficiencyMode: o.efficiencyMode } : {}),
    ...(o.htScale === undefined ? {} : { htScale: o.htScale }),
  });
  const selOpts = selectionOptionsFromCard(card, {
    channel: o.channel ?? "combined",
    ...o.selectionOverrides,
  });
  const cuts = selectionCuts(o.selection, selOpts);
  const flows = cutFlowsByProcess(observables, cuts, info?.processes ?? {}, lumi);
  const total = flows[flows.length - 1] ?? cutFlow(observables, cuts, { lumiInvFb: lumi });
  const w = selectedWeights(observables, cuts);
  const histograms = fillHistograms(observables, w, lumi, o.histograms ?? DEFAULT_HISTOGRAMS);
  return {
    card,
    selection: o.selection,
    cuts,
    observables,
    cutflow: total,
    cutflowsByProcess: flows,
    selectedWeights: w,
    histograms,
    lumiInvFb: lumi,
  };
}

/**
 * Histograms of the entries with non-zero `weightsPb`, in expected events at `lumiInvFb` (σ × L).
 * `squaresPb2`: each entry's contribution to Σw² (pb²) when the entries are correlated (shower
 * copies: analysis/copies.ts `correlatedSquares`); default w².
 */
export function fillHistograms(
  obs: Observables,
  weightsPb: Float64Array,
  lumiInvFb: number,
  defs: readonly HistogramDefinition[],
  squaresPb2?: Float64Array,
): Record<string, Histogram1D> {
  if (weightsPb.length !== obs.n)
    throw new InputError("weightsPb.length", `equal to obs.n = ${obs.n}`, weightsPb.length);
  if (squaresPb2 && squaresPb2.length !== obs.n)
    throw new InputError("squaresPb2.length", `equal to obs.n = ${obs.n}`, squaresPb2.length);
  // Expected events = σ [pb] × L [fb⁻¹] × 1000 pb⁻¹/fb⁻¹ (core/units.ts expectedEvents).
  const toEvents = lumiInvFb * INV_FB_IN_INV_PB;
  const out: Record<string, Histogram1D> = {};
  for (const d of defs) {
    const h = new Histogram1D(d.binning);
    const col = obs[d.name];
    for (let i = 0; i < obs.n; i++) {
      const w = weightsPb[i]!;
      if (w === 0 || obs.valid[i] !== 1) continue;
      h.fill(col[i]!, w * toEvents, squaresPb2 ? squaresPb2[i]! * toEvents * toEvents : undefined);
    }
    out[d.name] = h;
  }
  return out;
}

/**
 * Per-bin contents of `h` with the under- and overflow added to the first and last bins — the
 * presentation of the paper's Figs. 3–5 ("Overflow values falling below (above) the x-axis limits
 * are included in the first (last) bin"). Errors are combined in quadrature.
 */
export function binsWithFlowFolded(h: Histogram1D): { lo: number; hi: number; value: number; err: number }[] {
  const n = h.bins;
  const rows: { lo: number; hi: number; value: number; err: number }[] = [];
  for (let i = 0; i < n; i++) {
    let v = h.sumW[i]!;
    let e2 = h.sumW2[i]!;
    if (i === 0) {
      v += h.underflowW;
      e2 += h.underflowW2;
    }
    if (i === n - 1) {
      v += h.overflowW;
      e2 += h.overflowW2;
    }
    rows.push({ lo: h.edges[i]!, hi: h.edges[i + 1]!, value: v, err: Math.sqrt(e2) });
  }
  return rows;
}

/** |pdg| of the dark photon (core/constants.ts PDG.Z_D). */
const ZD = PDG.Z_D;

/**
 * Index within event e of the Z_D ancestor of particle p (absolute index), or −1. Follows mother1
 * upwards (bounded by the event length, so a malformed cyclic record cannot loop forever).
 */
function zdAncestor(batch: EventBatch, e: number, p: number): number {
  const o = batch.offsets[e]!;
  const n = batch.offsets[e + 1]! - o;
  let m = batch.mother1[p]!;
  for (let step = 0; step < n && m >= 0 && m < n; step++) {
    if (Math.abs(batch.pdg[o + m]!) === ZD) return m;
    m = batch.mother1[o + m]!;
  }
  return -1;
}

/**
 * Re-uses a signal sample for another kinetic mixing: every descendant of a Z_D is moved so that
 * the Z_D flight (its decay vertex minus its production vertex) is multiplied by `factor`.
 *
 * Physics: the Z_D lab decay length is L = (p/m) cτ with cτ = ħc/Γ and every partial width of the
 * Z_D ∝ αε² (paper eq. 8; R(s) for hadrons), so cτ ∝ 1/(αε²) at fixed mass while the branching
 * ratios and the kinematics do not depend on ε. An exponential sample of mean λ scaled by f is an
 * exponential sample of mean fλ, hence factor = αε²_ref / αε²_new reproduces the new sample exactly
 * (the production rate, ∝ |U|², is unchanged). The N_D flight is not touched.
 *
 * Returns a new batch sharing every column but the vertices (no input is modified).
 */
export function rescaleZDFlight(batch: EventBatch, factor: number): EventBatch {
  if (!(factor > 0) || !Number.isFinite(factor))
    throw new InputError("factor", "a finite number > 0", factor);
  return scaleZDFlights(batch, () => factor);
}

/**
 * A batch sharing every column of `batch` but the vertices, with each Z_D flight of event e (its
 * decay vertex minus its production vertex) multiplied by factorOf(e), and every Z_D descendant
 * moved with it.
 */
function scaleZDFlights(batch: EventBatch, factorOf: (e: number) => number): EventBatch {
  const vx = batch.vx.slice();
  const vy = batch.vy.slice();
  const vz = batch.vz.slice();
  for (let e = 0; e < batch.nEvents; e++) {
    const k = factorOf(e) - 1;
    if (k === 0) continue;
    const o = batch.offsets[e]!;
    const end = batch.offsets[e + 1]!;
    for (let p = o; p < end; p++) {
      const z = zdAncestor(batch, e, p);
      if (z < 0) continue;
      const d = firstDaughter(batch, e, z);
      if (d < 0) continue;
      // Every descendant is shifted by (f − 1) × (decay vertex − production vertex of the Z_D).
      const zAbs = o + z;
      vx[p] = batch.vx[p]! + k * (batch.vx[d]! - batch.vx[zAbs]!);
      vy[p] = batch.vy[p]! + k * (batch.vy[d]! - batch.vy[zAbs]!);
      vz[p] = batch.vz[p]! + k * (batch.vz[d]! - batch.vz[zAbs]!);
    }
  }
  return { ...batch, vx, vy, vz };
}

/** Absolute index of the first direct daughter of particle z (index within event e), or −1. */
function firstDaughter(batch: EventBatch, e: number, z: number): number {
  const o = batch.offsets[e]!;
  const end = batch.offsets[e + 1]!;
  for (let q = o; q < end; q++) if (batch.mother1[q] === z) return q;
  return -1;
}

/**
 * A signal sample cut in two along the Z_D flight, for analyses that need the rare short (or long)
 * flights: every event appears in `near` with its Z_D decay length L drawn from the exponential
 * restricted to L < splitMm, weight × P(L < splitMm), and in `far` with L ≥ splitMm, weight ×
 * P(L ≥ splitMm). Both copies are unbiased for any observable, and together they are the sample
 * with its Z_D flights scaled by `flightScale` (as `rescaleZDFlight`) — but a prompt selection
 * (displacement < 1 mm) now sees every event instead of the fraction P(L < 1 mm) of them.
 *
 * Physics: the lab decay length is exponential with mean λ = (|p|/m) cτ (paper eq. 8 for cτ;
 * src/generate/signal.ts draws it so, and the shower's recoil boost scales L and λ alike). Each
 * event's u = 1 − exp(−L/λ) is uniform on [0, 1); with λ′ = f λ and P = 1 − exp(−splitMm/λ′),
 * L_near = −λ′ ln(1 − uP) and L_far = splitMm − λ′ ln(1 − u) follow the exponential of mean λ′
 * restricted to either side (inverse-transform sampling). `ctauZDMm`: the sample's Z_D cτ.
 * Events without a decayed Z_D go to `near` unchanged and weigh 0 in `far`.
 */
export function splitZDFlight(
  batch: EventBatch,
  ctauZDMm: number,
  flightScale: number,
  splitMm: number,
): { near: EventBatch; far: EventBatch } {
  checkRange("ctauZDMm", ctauZDMm, { min: 0, minExclusive: true, unit: "mm" });
  checkRange("flightScale", flightScale, { min: 0, minExclusive: true });
  checkRange("splitMm", splitMm, { min: 0, minExclusive: true, unit: "mm" });
  const n = batch.nEvents;
  const nearFactor = new Float64Array(n).fill(1);
  const farFactor = new Float64Array(n).fill(1);
  const nearWeight = batch.weight.slice();
  const farWeight = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const f = zdFlight(batch, e);
    if (f === null || !(f.length > 0)) continue;
    const lambda0 = f.momentum * (ctauZDMm / f.mass); // the generated mean decay length
    const lambda = flightScale * lambda0;
    const u = -Math.expm1(-f.length / lambda0);
    const pNear = -Math.expm1(-splitMm / lambda);
    const lNear = -lambda * Math.log1p(-u * pNear);
    const lFar = splitMm - lambda * Math.log1p(-u);
    nearFactor[e] = lNear / f.length;
    farFactor[e] = lFar / f.length;
    nearWeight[e] = batch.weight[e]! * pNear;
    farWeight[e] = batch.weight[e]! * (1 - pNear);
  }
  return {
    near: { ...scaleZDFlights(batch, (e) => nearFactor[e]!), weight: nearWeight },
    far: { ...scaleZDFlights(batch, (e) => farFactor[e]!), weight: farWeight },
  };
}

/** The first Z_D of event e: its flight length (mm), momentum |p| and mass (GeV); null if none. */
function zdFlight(batch: EventBatch, e: number): { length: number; momentum: number; mass: number } | null {
  const o = batch.offsets[e]!;
  const end = batch.offsets[e + 1]!;
  for (let z = o; z < end; z++) {
    if (Math.abs(batch.pdg[z]!) !== ZD) continue;
    const d = firstDaughter(batch, e, z - o);
    if (d < 0) return null;
    return {
      length: Math.hypot(
        batch.vx[d]! - batch.vx[z]!,
        batch.vy[d]! - batch.vy[z]!,
        batch.vz[d]! - batch.vz[z]!,
      ),
      momentum: norm3(batch.px[z]!, batch.py[z]!, batch.pz[z]!),
      mass: batch.m[z]!,
    };
  }
  return null;
}

/**
 * Per event: the 3-D distance (mm) from the origin of the decay vertex of the first Z_D (the
 * production vertex of its first daughter), 0 for events without a decayed Z_D. The generator-level
 * quantity behind the "displacement" observable (observables.ts) for all generated events.
 */
export function zdDecayDistanceMm(batch: EventBatch): Float64Array {
  const out = new Float64Array(batch.nEvents);
  for (let e = 0; e < batch.nEvents; e++) {
    const o = batch.offsets[e]!;
    const end = batch.offsets[e + 1]!;
    let z = -1;
    for (let p = o; p < end && z < 0; p++) if (Math.abs(batch.pdg[p]!) === ZD) z = p - o;
    if (z < 0) continue;
    for (let q = o; q < end; q++) {
      if (batch.mother1[q] === z) {
        out[e] = norm3(batch.vx[q]!, batch.vy[q]!, batch.vz[q]!);
        break;
      }
    }
  }
  return out;
}

/** Where a sample comes from: its info and its events in chunks. */
export interface EventSource {
  readonly path: string;
  readonly format: "native" | "lhe" | "hepmc3";
  readonly info: EventBatchInfo;
  batches(): AsyncGenerator<EventBatch, void, void>;
}

/**
 * Opens a sample by path: a native directory (`dnreach generate … --out DIR`, generate/output.ts),
 * an LHE file (`.lhe`, `.lhe.gz`; io/lhe.ts) or a HepMC3 ASCII file (`.hepmc`, `.hepmc3`, `.hepmc.gz`,
 * `.hepmc3.gz`; io/hepmc3.ts). Dispatch is by kind (directory) and extension; anything else throws.
 * To add a format, add a branch here.
 */
export async function openEventSource(path: string): Promise<EventSource> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    throw new InputError(
      "input",
      "an existing sample directory or event file",
      `${path} (${(err as Error).message})`,
    );
  }
  if (isDir) {
    const { readEventBatchDir } = await import("../generate/output.js");
    const { batch, info } = await readEventBatchDir(path);
    return {
      path,
      format: "native",
      info,
      async *batches() {
        yield batch;
      },
    };
  }
  const lower = path.toLowerCase();
  if (/\.lhe(\.gz)?$/.test(lower)) {
    const { openLhe } = await import("../io/lhe.js");
    const file = await openLhe(path);
    return { path, format: "lhe", info: file.info, batches: () => file.batches() };
  }
  if (/\.hepmc3?(\.gz)?$/.test(lower)) {
    const { openHepMC3 } = await import("../io/hepmc3.js");
    const file = await openHepMC3(path, { particles: "all" });
    return { path, format: "hepmc3", info: file.info, batches: () => file.batches() };
  }
  throw new InputError(
    "input",
    "a native sample directory, an LHE file (.lhe, .lhe.gz) or a HepMC3 file (.hepmc, .hepmc3, optionally .gz)",
    path,
  );
}

/** Reads a whole source into one batch (chunks concatenated in order). */
export async function readEventSource(source: EventSource): Promise<EventBatch> {
  const { concatEventBatches } = await import("../core/events.js");
  const chunks: EventBatch[] = [];
  for await (const b of source.batches()) chunks.push(b);
  return chunks.length === 1 ? chunks[0]! : concatEventBatches(chunks);
}

/** Physics group of a sample for the figures (W, Z or top backgrounds, or the signal). */
export type ProcessGroup = "W" | "Z" | "top" | "signal";

/**
 * Group of a sample from its generator spec kind (info.meta.spec.kind: "signal", "w-lnu", "wgamma",
 * "zll", "ttbar") or, failing that, from its process labels. Undefined when nothing matches.
 */
export function processGroup(info: EventBatchInfo): ProcessGroup | undefined {
  const spec = info.meta?.spec as { kind?: unknown } | undefined;
  const kind = typeof spec?.kind === "string" ? spec.kind.toLowerCase() : "";
  const byKind: Record<string, ProcessGroup> = {
    signal: "signal",
    "w-lnu": "W",
    wgamma: "W",
    "w-softpair": "W",
    zll: "Z",
    ttbar: "top",
  };
  if (byKind[kind]) return byKind[kind];
  const text = Object.values(info.processes ?? {})
    .join(" ")
    .toLowerCase();
  if (/n_d|z_d/.test(text)) return "signal";
  if (/ttbar|t t~|\btop\b/.test(text)) return "top";
  if (/\bz\b|z\/γ|\bzll\b/.test(text)) return "Z";
  if (/\bw[+-]|\bw\b/.test(text)) return "W";
  return undefined;
}

/** A cut-flow row in expected events ("yield") with its MC error, plus σ (pb). */
export interface YieldRow {
  cut: string;
  reference: string;
  /** Expected events at the luminosity. */
  yield: number;
  yieldErr: number;
  sigmaPb: number;
  sigmaErrPb: number;
  efficiency: number;
  entries: number;
}

function yieldRows(flow: CutFlow): YieldRow[] {
  return flow.rows.map((r) => ({
    cut: r.cut,
    reference: r.reference,
    yield: r.events,
    yieldErr: r.eventsErr,
    sigmaPb: r.sigmaPb,
    sigmaErrPb: r.sigmaErrPb,
    efficiency: r.efficiency,
    entries: r.entries,
  }));
}

/** Plain-object summary of an analysis (the `dnreach analyze --json` document). */
export function analysisSummary(
  r: AnalysisResult,
  info?: EventBatchInfo,
): {
  lumiInvFb: number;
  card: string;
  electronPtMinGeV: number;
  selection: SelectionName;
  sampleSigmaPb: number | null;
  cutflow: YieldRow[];
  cutflowsByProcess: { process: string; rows: YieldRow[] }[];
  histograms: Record<string, ReturnType<Histogram1D["toJSON"]> & { unit: "events" }>;
} {
  const histograms: Record<string, ReturnType<Histogram1D["toJSON"]> & { unit: "events" }> = {};
  for (const [k, h] of Object.entries(r.histograms)) histograms[k] = { ...h.toJSON(), unit: "events" };
  return {
    lumiInvFb: r.lumiInvFb,
    card: r.card.name,
    electronPtMinGeV: r.card.electron.ptMinGeV.value,
    selection: r.selection,
    sampleSigmaPb: info ? info.sigmaPb : null,
    cutflow: yieldRows(r.cutflow),
    cutflowsByProcess: r.cutflowsByProcess.map((f) => ({ process: f.process, rows: yieldRows(f) })),
    histograms,
  };
}

/** CSV of folded histogram bins: name, lo, hi, events, error (one row per bin). */
export function histogramsCsv(histograms: Record<string, Histogram1D>): string {
  const lines = ["histogram,lo,hi,events,eventsErr"];
  for (const [k, h] of Object.entries(histograms)) {
    for (const b of binsWithFlowFolded(h)) lines.push(`${k},${b.lo},${b.hi},${b.value},${b.err}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes `DIR/histograms.json` (raw bins, under/overflow apart, in expected events) and
 * `DIR/histograms.csv` (under/overflow folded into the edge bins), atomically.
 */
export async function writeAnalysisHistograms(dir: string, r: AnalysisResult): Promise<string[]> {
  const [{ join }, { writeFileAtomic }] = await Promise.all([import("node:path"), import("../io/atomic.js")]);
  const json = join(dir, "histograms.json");
  const csv = join(dir, "histograms.csv");
  const doc: Record<string, unknown> = { lumiInvFb: r.lumiInvFb, unit: "expected events", histograms: {} };
  for (const [k, h] of Object.entries(r.histograms))
    (doc.histograms as Record<string, unknown>)[k] = h.toJSON();
  await writeFileAtomic(json, `${JSON.stringify(doc, null, 2)}\n`);
  await writeFileAtomic(csv, histogramsCsv(r.histograms));
  return [json, csv];
}

export interface PairMassOptions {
  /** Acceptance applied to the true electrons before smearing (default |η| < 2.5, pT > 1 GeV). */
  absEtaMax?: number;
  ptMinGeV?: number;
}

/**
 * Smeared dielectron masses of Z_D → e⁺e⁻ decays (paper Fig. 2: "single-electron resolutions are
 * applied to simulated events"): per event, the two electron daughters of the Z_D are smeared with
 * the card's electron resolution (detector/reconstruct.ts smearElectron) and m_ee is formed.
 * Events whose Z_D does not decay to e⁺e⁻ inside the acceptance (true kinematics; our choice:
 * |η| < 2.5 and pT > 1 GeV, the loosest electron threshold of Table II) are skipped. Returns the
 * masses and the event weights of the kept events.
 */
export function smearedZDDielectronMasses(
  batch: EventBatch,
  card: DetectorCard,
  rng: RandomStream,
  options: PairMassOptions = {},
): { massGeV: Float64Array; weight: Float64Array } {
  const etaMax = options.absEtaMax ?? 2.5;
  const ptMin = options.ptMinGeV ?? 1;
  const res = resolutionParams(card);
  const mass = new Float64Array(batch.nEvents);
  const weight = new Float64Array(batch.nEvents);
  const a = new Float64Array(4);
  const b = new Float64Array(4);
  let n = 0;
  for (let e = 0; e < batch.nEvents; e++) {
    const o = batch.offsets[e]!;
    const end = batch.offsets[e + 1]!;
    let z = -1;
    for (let p = o; p < end && z < 0; p++) if (Math.abs(batch.pdg[p]!) === ZD) z = p - o;
    if (z < 0) continue;
    let d1 = -1;
    let d2 = -1;
    for (let q = o; q < end; q++) {
      if (batch.mother1[q] !== z || Math.abs(batch.pdg[q]!) !== 11) continue;
      if (d1 < 0) d1 = q;
      else d2 = q;
    }
    if (d1 < 0 || d2 < 0) continue;
    let ok = true;
    for (const q of [d1, d2]) {
      const pt = norm2(batch.px[q]!, batch.py[q]!);
      if (!(pt > ptMin) || !(Math.abs(etaOfMomentum(batch.px[q]!, batch.py[q]!, batch.pz[q]!)) < etaMax))
        ok = false;
    }
    if (!ok) continue;
    smearElectron(res, rng, batch.px[d1]!, batch.py[d1]!, batch.pz[d1]!, batch.m[d1]!, a);
    smearElectron(res, rng, batch.px[d2]!, batch.py[d2]!, batch.pz[d2]!, batch.m[d2]!, b);
    const E = a[0]! + b[0]!;
    const x = a[1]! + b[1]!;
    const y = a[2]! + b[2]!;
    const zz = a[3]! + b[3]!;
    const m2 = E * E - x * x - y * y - zz * zz;
    mass[n] = m2 > 0 ? Math.sqrt(m2) : 0;
    weight[n] = batch.weight[e]!;
    n++;
  }
  return { massGeV: mass.slice(0, n), weight: weight.slice(0, n) };
}
