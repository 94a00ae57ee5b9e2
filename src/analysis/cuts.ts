/**
 * The paper's event selection as small named cuts (STYLE.md item 19), each quoting its line of
 * Table II or the sentence of Sec. IV / V it implements, composed into selections.
 *
 * A cut returns a weight factor per entry: 1 (pass) or 0 (fail) for ordinary predicates; the
 * multiplicity cut returns the four-lepton veto inefficiency (paper Sec. IV: 5 %) for entries
 * with four or more leptons, "a 5 % inefficiency factor that allows these events to populate our
 * signal region".
 *
 * Boundaries: ">" and "<" are strict, "∈ [a, b]" is inclusive, as printed in Table II; the
 * displaced window "1 mm to 10 cm" is inclusive and the prompt category "< 1 mm" strict, so the
 * two categories partition the displacement axis.
 */
import { M_W } from "../core/constants.js";
import { InputError } from "../core/errors.js";
import type { DetectorCard } from "../detector/card.js";
import { Channel, type ChannelName, type Observables } from "./observables.js";

export interface Cut {
  /** Short identifier, e.g. "leadingPt". */
  readonly name: string;
  /** The paper's wording of the requirement, with its location. */
  readonly reference: string;
  /** Weight factor for entry i (0 or 1 for predicates). */
  factor(obs: Observables, i: number): number;
}

/** A cut that is a plain predicate. */
export function predicateCut(
  name: string,
  reference: string,
  pass: (obs: Observables, i: number) => boolean,
): Cut {
  return { name, reference, factor: (obs, i) => (pass(obs, i) ? 1 : 0) };
}

function isElectron(pdg: number): boolean {
  return pdg === 11 || pdg === -11;
}
function isMuon(pdg: number): boolean {
  return pdg === 13 || pdg === -13;
}

/**
 * Table II "ℓ multiplicity: exactly three" with the four-lepton veto of Sec. IV: "most events with
 * four leptons within the detector acceptance … should be removable via loose lepton or track
 * vetoes, we assume a 5% inefficiency factor that allows these events to populate our signal
 * region". The veto acts on the leptons *in acceptance* (before the tight identification
 * efficiency), so an event with four accepted leptons enters with the inefficiency factor whether
 * three or four of them are identified; with four identified, the three leading are used.
 */
export function exactlyThreeLeptons(fourLeptonVetoInefficiency: number): Cut {
  if (!(fourLeptonVetoInefficiency >= 0 && fourLeptonVetoInefficiency <= 1)) {
    throw new InputError("fourLeptonVetoInefficiency", "a number in [0, 1]", fourLeptonVetoInefficiency);
  }
  return {
    name: "nLeptons",
    reference: "Table II: ℓ multiplicity exactly three; Sec. IV: 5 % four-lepton-veto inefficiency",
    factor: (o, i) => {
      const n = o.nLeptons[i]!;
      if (n < 3) return 0;
      return n >= 4 || o.nAccepted[i]! >= 4 ? fourLeptonVetoInefficiency : 1;
    },
  };
}

/** pT > min for each electron among ℓ1..ℓ3 (Table II "Electron pT > 1, 5 GeV"). */
export function electronPt(minGeV: number, reference = "Table II: electron pT > 1, 5 GeV"): Cut {
  return predicateCut(
    "electronPt",
    reference,
    (o, i) =>
      o.valid[i] === 1 &&
      (!isElectron(o.pdg1[i]!) || o.pt1[i]! > minGeV) &&
      (!isElectron(o.pdg2[i]!) || o.pt2[i]! > minGeV) &&
      (!isElectron(o.pdg3[i]!) || o.pt3[i]! > minGeV),
  );
}

/** pT > min for each muon among ℓ1..ℓ3 (Table II "Muon pT > 3 GeV"). */
export function muonPt(minGeV: number, reference = "Table II: muon pT > 3 GeV"): Cut {
  return predicateCut(
    "muonPt",
    reference,
    (o, i) =>
      o.valid[i] === 1 &&
      (!isMuon(o.pdg1[i]!) || o.pt1[i]! > minGeV) &&
      (!isMuon(o.pdg2[i]!) || o.pt2[i]! > minGeV) &&
      (!isMuon(o.pdg3[i]!) || o.pt3[i]! > minGeV),
  );
}

/** Table II "|η_ℓ| < 2.5" for ℓ1..ℓ3. */
export function absEta(max: number): Cut {
  return predicateCut(
    "absEta",
    "Table II: |η_ℓ| < 2.5",
    (o, i) =>
      o.valid[i] === 1 &&
      Math.abs(o.eta1[i]!) < max &&
      Math.abs(o.eta2[i]!) < max &&
      Math.abs(o.eta3[i]!) < max,
  );
}

/** Table II "pT(ℓ1) > 25 GeV" (Sec. V A: single-lepton trigger). */
export function leadingPt(minGeV: number): Cut {
  return predicateCut(
    "leadingPt",
    "Table II: pT(ℓ1) > 25 GeV",
    (o, i) => o.valid[i] === 1 && o.pt1[i]! > minGeV,
  );
}

/** Sec. V A: "mass of the two leptons with the lowest transverse momenta … less than 10 GeV". */
export function softPairMass(maxGeV: number): Cut {
  return predicateCut(
    "mll",
    "Sec. V A: m_ℓℓ of the two lowest-pT leptons < 10 GeV",
    (o, i) => o.valid[i] === 1 && o.mll[i]! < maxGeV,
  );
}

/** Sec. V A: charged H_T "required to be less than 30 GeV". */
export function chargedHTMax(maxGeV: number): Cut {
  return predicateCut("htCharged", "Sec. V A: charged H_T < 30 GeV", (o, i) => o.htCharged[i]! < maxGeV);
}

/** Sec. IV: prompt analysis, soft-pair displacement < 1 mm. */
export function promptVertex(maxMm: number): Cut {
  return predicateCut(
    "prompt",
    "Sec. IV: displacement < 1 mm (prompt analysis)",
    (o, i) => o.valid[i] === 1 && o.displacementMm[i]! < maxMm,
  );
}

/** Sec. IV and V C: displaced analysis, soft-pair displacement from 1 mm to 10 cm. */
export function displacedVertex(minMm: number, maxMm: number): Cut {
  return predicateCut(
    "displaced",
    "Sec. V C: displacement from 1 mm to 10 cm",
    (o, i) => o.valid[i] === 1 && o.displacementMm[i]! >= minMm && o.displacementMm[i]! <= maxMm,
  );
}

/** Table II "dφ(ℓ1, Z_D) > 2.7". */
export function deltaPhiMin(min: number): Cut {
  return predicateCut(
    "dPhi",
    "Table II: dφ(ℓ1, Z_D) > 2.7",
    (o, i) => o.valid[i] === 1 && o.dPhi1Z[i]! > min,
  );
}

/** Table II "dR(ℓ1, Z_D) ∈ [2.7, 3.5]". */
export function deltaRWindow(min: number, max: number): Cut {
  return predicateCut(
    "dR",
    "Table II: dR(ℓ1, Z_D) ∈ [2.7, 3.5]",
    (o, i) => o.valid[i] === 1 && o.dR1Z[i]! >= min && o.dR1Z[i]! <= max,
  );
}

/** Table II "m(ℓ1, ℓ2, ℓ3) < m_W". */
export function threeLeptonMassMax(maxGeV: number): Cut {
  return predicateCut(
    "m3l",
    "Table II: m(ℓ1, ℓ2, ℓ3) < m_W",
    (o, i) => o.valid[i] === 1 && o.m3l[i]! < maxGeV,
  );
}

/** Table II "pT(ℓ1, ℓ2, ℓ3) < m_W/2". */
export function threeLeptonPtMax(maxGeV: number): Cut {
  return predicateCut(
    "pt3l",
    "Table II: pT(ℓ1, ℓ2, ℓ3) < m_W/2",
    (o, i) => o.valid[i] === 1 && o.pt3l[i]! < maxGeV,
  );
}

/** Flavour channel of the soft pair (the paper reports electron and muon channels, Sec. VI). */
export function softPairChannel(channel: ChannelName): Cut {
  const code = channel === "ee" ? Channel.ee : Channel.mumu;
  return predicateCut(
    `channel-${channel}`,
    `Sec. V–VI: ${channel === "ee" ? "electron" : "muon"} channel (flavour of the soft pair)`,
    (o, i) => o.channel[i] === code,
  );
}

/** Thresholds of the selection (defaults: the paper's values; see selectionOptionsFromCard). */
export interface SelectionOptions {
  /** Table II: 5 GeV nominal, 1 GeV variant. */
  electronPtMinGeV: number;
  muonPtMinGeV: number;
  absEtaMax: number;
  leadingPtMinGeV: number;
  mllMaxGeV: number;
  htMaxGeV: number;
  fourLeptonVetoInefficiency: number;
  promptMaxMm: number;
  displacedMinMm: number;
  displacedMaxMm: number;
  /** Sec. V C: displaced analysis requires all leptons above 5 GeV (1 GeV electron variant, Sec. VI). */
  displacedElectronPtMinGeV: number;
  displacedMuonPtMinGeV: number;
  dPhiMin: number;
  dRMin: number;
  dRMax: number;
  /** Table II "< m_W" (the text: "less than 80.3 GeV"); PDG 2024 m_W by default. */
  m3lMaxGeV: number;
  /** Table II "< m_W/2". */
  pt3lMaxGeV: number;
  /** Soft-pair flavour; "combined" applies no flavour requirement. */
  channel: ChannelName | "combined";
}

export const PAPER_SELECTION: Readonly<SelectionOptions> = {
  electronPtMinGeV: 5,
  muonPtMinGeV: 3,
  absEtaMax: 2.5,
  leadingPtMinGeV: 25,
  mllMaxGeV: 10,
  htMaxGeV: 30,
  fourLeptonVetoInefficiency: 0.05,
  promptMaxMm: 1,
  displacedMinMm: 1,
  displacedMaxMm: 100,
  displacedElectronPtMinGeV: 5,
  displacedMuonPtMinGeV: 5,
  dPhiMin: 2.7,
  dRMin: 2.7,
  dRMax: 3.5,
  m3lMaxGeV: M_W,
  pt3lMaxGeV: M_W / 2,
  channel: "combined",
};

/**
 * Selection options whose detector-related values (lepton thresholds, acceptance, veto
 * inefficiency, displacement categories) come from the card, the rest from the paper.
 */
export function selectionOptionsFromCard(
  card: DetectorCard,
  overrides: Partial<SelectionOptions> = {},
): SelectionOptions {
  return {
    ...PAPER_SELECTION,
    electronPtMinGeV: card.electron.ptMinGeV.value,
    muonPtMinGeV: card.muon.ptMinGeV.value,
    absEtaMax: Math.min(card.electron.absEtaMax.value, card.muon.absEtaMax.value),
    fourLeptonVetoInefficiency: card.fourLeptonVetoInefficiency.value,
    promptMaxMm: card.displacement.promptMaxMm.value,
    displacedMinMm: card.displacement.displacedMinMm.value,
    displacedMaxMm: card.displacement.displacedMaxMm.value,
    ...overrides,
  };
}

function resolve(opts: Partial<SelectionOptions>): SelectionOptions {
  const o = { ...PAPER_SELECTION, ...opts };
  for (const [k, v] of Object.entries(o)) {
    if (k === "channel") {
      if (v !== "ee" && v !== "mumu" && v !== "combined") {
        throw new InputError("channel", '"ee", "mumu" or "combined"', v);
      }
    } else if (typeof v !== "number" || Number.isNaN(v)) {
      throw new InputError(k, "a number", v);
    }
  }
  return o;
}

function channelCuts(o: SelectionOptions): Cut[] {
  return o.channel === "combined" ? [] : [softPairChannel(o.channel)];
}

/** Baseline selection (Sec. V A, Table II upper part), without the vertex category. */
export function baselineCuts(opts: Partial<SelectionOptions> = {}): Cut[] {
  const o = resolve(opts);
  return [
    exactlyThreeLeptons(o.fourLeptonVetoInefficiency),
    ...channelCuts(o),
    electronPt(o.electronPtMinGeV),
    muonPt(o.muonPtMinGeV),
    absEta(o.absEtaMax),
    leadingPt(o.leadingPtMinGeV),
    softPairMass(o.mllMaxGeV),
    chargedHTMax(o.htMaxGeV),
  ];
}

/** Table II signal-region cuts beyond the baseline. */
export function signalRegionOnlyCuts(opts: Partial<SelectionOptions> = {}): Cut[] {
  const o = resolve(opts);
  return [
    deltaPhiMin(o.dPhiMin),
    deltaRWindow(o.dRMin, o.dRMax),
    threeLeptonMassMax(o.m3lMaxGeV),
    threeLeptonPtMax(o.pt3lMaxGeV),
  ];
}

/** Prompt analysis: baseline + displacement < 1 mm + Table II signal region. */
export function promptSignalRegionCuts(opts: Partial<SelectionOptions> = {}): Cut[] {
  const o = resolve(opts);
  return [...baselineCuts(o), promptVertex(o.promptMaxMm), ...signalRegionOnlyCuts(o)];
}

/** Prompt baseline (Figs. 3): baseline + displacement < 1 mm. */
export function promptBaselineCuts(opts: Partial<SelectionOptions> = {}): Cut[] {
  const o = resolve(opts);
  return [...baselineCuts(o), promptVertex(o.promptMaxMm)];
}

/**
 * Displaced analysis (Sec. V C): the same requirements as the prompt analysis with all leptons
 * above 5 GeV and the soft-pair vertex 1 mm–10 cm from the primary vertex.
 */
export function displacedSignalRegionCuts(opts: Partial<SelectionOptions> = {}): Cut[] {
  const o = resolve(opts);
  return [
    ...baselineCuts(o),
    electronPt(o.displacedElectronPtMinGeV, "Sec. V C: all leptons pT > 5 GeV (electrons)"),
    muonPt(o.displacedMuonPtMinGeV, "Sec. V C: all leptons pT > 5 GeV (muons)"),
    displacedVertex(o.displacedMinMm, o.displacedMaxMm),
    ...signalRegionOnlyCuts(o),
  ].map((c, k, all) =>
    // Keep names unique within the selection.
    all.findIndex((d) => d.name === c.name) === k ? c : { ...c, name: `${c.name}Displaced` },
  );
}

/** Final weights (pb) of all entries after `cuts`: w × Π factors. */
export function selectedWeights(obs: Observables, cuts: readonly Cut[]): Float64Array {
  const out = new Float64Array(obs.n);
  for (let i = 0; i < obs.n; i++) {
    let w = obs.weight[i]!;
    for (let k = 0; k < cuts.length && w !== 0; k++) w *= cuts[k]!.factor(obs, i);
    out[i] = w;
  }
  return out;
}
