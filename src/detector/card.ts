/**
 * Detector cards: the parametrised detector response of the paper (Sec. IV), in the spirit of
 * Delphes cards, as YAML validated with a zod schema. Every entry carries its value, its `source`
 * and a `status` ("paper" | "choice" | "placeholder"), as STYLE.md item 18 asks, so a reader can
 * tell a number taken from the paper from one we chose. Errors name the YAML path.
 */
import { readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { describeRange, FileFormatError, InputError, type RangeSpec } from "../core/errors.js";

export const ENTRY_STATUSES = ["paper", "choice", "placeholder"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** One card entry: a value with its provenance. */
export interface CardEntry<T> {
  value: T;
  source: string;
  status: EntryStatus;
}

/** A resolution given at the two anchors of the electron pT interpolation. */
export interface PtDependentEntry {
  /** Value at and below the low-pT anchor (the paper's worst value in the nominal card). */
  low: CardEntry<number>;
  /** Value at and above the high-pT anchor (the paper's best value in the nominal card). */
  high: CardEntry<number>;
}

/** How the displacement of the soft-pair vertex is measured. */
export type DisplacementMeasure = "3d" | "transverse";

export interface DetectorCard {
  name: string;
  description: string;
  electron: {
    /** Reconstruction threshold (paper Table II: 1 or 5 GeV). */
    ptMinGeV: CardEntry<number>;
    absEtaMax: CardEntry<number>;
    /** Identification × isolation efficiency per electron (paper Sec. IV: 85 %). */
    efficiency: CardEntry<number>;
    /** pT anchors (GeV) of the log-pT interpolation between the `low` and `high` values. */
    resolutionAnchorsGeV: PtDependentEntry;
    /** Relative pT resolution σ(pT)/pT (paper Sec. IV: 2.5 %–8 %). */
    ptResolution: PtDependentEntry;
    /** Absolute φ resolution in rad (paper Sec. IV: 0.001–0.0025 rad). */
    phiResolutionRad: PtDependentEntry;
    /** Absolute cot θ resolution (paper Sec. IV: 0.0005–0.002). */
    cotThetaResolution: PtDependentEntry;
  };
  muon: {
    ptMinGeV: CardEntry<number>;
    absEtaMax: CardEntry<number>;
    efficiency: CardEntry<number>;
    /** Dimuon mass resolution σ(m_μμ)/m_μμ (paper Sec. IV and V B: 2 ± 1 %). */
    massResolution: CardEntry<number>;
  };
  /** Probability that an event with ≥ 4 reconstructed leptons escapes the veto (paper Sec. IV: 5 %). */
  fourLeptonVetoInefficiency: CardEntry<number>;
  /**
   * Optional looser p_T threshold (GeV, both flavours, same |η| range) of the leptons or tracks the
   * four-lepton veto counts (paper Sec. IV: "loose lepton or track vetoes"). Absent: the veto counts
   * the leptons in the acceptance (the paper's reading, the default).
   */
  fourLeptonVetoPtMinGeV?: CardEntry<number>;
  /**
   * Cone ΔR = √(Δη² + Δφ²) of lepton dressing (photon recombination): before smearing, each final
   * e or μ gets the four-momenta of the final-state photons (not from hadron or τ decays) within
   * this ΔR, each photon to its nearest lepton only (the "dressed lepton" of ATLAS/CMS and Rivet;
   * R = 0.1 in e.g. ATLAS, Eur. Phys. J. C 76 (2016) 291). 0 disables. Absent:
   * DEFAULT_LEPTON_DRESSING_DELTA_R (0.1). Without photons in the event (no QED FSR) it does nothing.
   */
  leptonDressingDeltaR?: CardEntry<number>;
  displacement: {
    measure: CardEntry<DisplacementMeasure>;
    /** Prompt category: displacement < promptMaxMm (paper Sec. IV: 1 mm). */
    promptMaxMm: CardEntry<number>;
    /** Displaced category: displacement in [displacedMinMm, displacedMaxMm] (paper Sec. V C: 1 mm–10 cm). */
    displacedMinMm: CardEntry<number>;
    displacedMaxMm: CardEntry<number>;
  };
}

/**
 * Dressing cone used when a card has no `leptonDressingDeltaR`: 0.1, the ATLAS/CMS and Rivet
 * dressed-lepton convention (e.g. ATLAS, Eur. Phys. J. C 76 (2016) 291, Rivet ATLAS_2015_I1408516).
 */
export const DEFAULT_LEPTON_DRESSING_DELTA_R = 0.1;

/** The card's dressing cone ΔR (DEFAULT_LEPTON_DRESSING_DELTA_R when the entry is absent). */
export function leptonDressingDeltaR(card: DetectorCard): number {
  return card.leptonDressingDeltaR?.value ?? DEFAULT_LEPTON_DRESSING_DELTA_R;
}

const statusSchema = z.enum(ENTRY_STATUSES, {
  error: `must be one of ${ENTRY_STATUSES.map((s) => JSON.stringify(s)).join(", ")}`,
});
const sourceSchema = z.string({ error: "must be a non-empty string" }).min(1, "must be a non-empty string");

function inRange(x: number, r: RangeSpec): boolean {
  return (
    Number.isFinite(x) &&
    (r.min === undefined || (r.minExclusive ? x > r.min : x >= r.min)) &&
    (r.max === undefined || (r.maxExclusive ? x < r.max : x <= r.max))
  );
}

/** A numeric entry whose value must lie in `range`. */
function numberEntry(range: RangeSpec) {
  const allowed = `must be ${describeRange(range)}`;
  return z
    .object({
      value: z.number({ error: allowed }).refine((x) => inRange(x, range), { error: allowed }),
      source: sourceSchema,
      status: statusSchema,
    })
    .strict();
}

function ptDependent(range: RangeSpec) {
  return z.object({ low: numberEntry(range), high: numberEntry(range) }).strict();
}

/** Resolutions may be 0 (a perfect detector, see truthLevelCard). */
const RESOLUTION_FRACTION: RangeSpec = { min: 0, max: 1, maxExclusive: true };
const FRACTION_CLOSED: RangeSpec = { min: 0, max: 1 };
const PT_MIN: RangeSpec = { min: 0, max: 1000, unit: "GeV" };
const ABS_ETA: RangeSpec = { min: 0, max: 10, minExclusive: true };

const cardSchema = z
  .object({
    name: z.string({ error: "must be a non-empty string" }).min(1, "must be a non-empty string"),
    description: z.string({ error: "must be a string" }),
    electron: z
      .object({
        ptMinGeV: numberEntry(PT_MIN),
        absEtaMax: numberEntry(ABS_ETA),
        efficiency: numberEntry(FRACTION_CLOSED),
        resolutionAnchorsGeV: ptDependent({ min: 0, max: 1e4, minExclusive: true, unit: "GeV" }),
        ptResolution: ptDependent(RESOLUTION_FRACTION),
        phiResolutionRad: ptDependent({ min: 0, max: 1, unit: "rad" }),
        cotThetaResolution: ptDependent({ min: 0, max: 1 }),
      })
      .strict(),
    muon: z
      .object({
        ptMinGeV: numberEntry(PT_MIN),
        absEtaMax: numberEntry(ABS_ETA),
        efficiency: numberEntry(FRACTION_CLOSED),
        // σ_p/p = √2 · massResolution must stay well below 1 for a Gaussian momentum scale.
        massResolution: numberEntry({ min: 0, max: 0.5, maxExclusive: true }),
      })
      .strict(),
    fourLeptonVetoInefficiency: numberEntry(FRACTION_CLOSED),
    fourLeptonVetoPtMinGeV: numberEntry(PT_MIN).optional(),
    leptonDressingDeltaR: numberEntry({ min: 0, max: 1 }).optional(),
    displacement: z
      .object({
        measure: z
          .object({
            value: z.enum(["3d", "transverse"], { error: 'must be "3d" or "transverse"' }),
            source: sourceSchema,
            status: statusSchema,
          })
          .strict(),
        promptMaxMm: numberEntry({ min: 0, max: 1e4, minExclusive: true, unit: "mm" }),
        displacedMinMm: numberEntry({ min: 0, max: 1e5, unit: "mm" }),
        displacedMaxMm: numberEntry({ min: 0, max: 1e5, minExclusive: true, unit: "mm" }),
      })
      .strict(),
  })
  .strict();

/** A validation problem: the dotted path in the card and a message. */
interface CardProblem {
  path: (string | number)[];
  message: string;
}

/** Checks that relate two entries (the schema checks each entry alone). */
function crossChecks(card: DetectorCard): CardProblem[] {
  const problems: CardProblem[] = [];
  const a = card.electron.resolutionAnchorsGeV;
  if (!(a.high.value > a.low.value)) {
    problems.push({
      path: ["electron", "resolutionAnchorsGeV", "high", "value"],
      message: `must be greater than electron.resolutionAnchorsGeV.low.value = ${a.low.value} (got ${a.high.value})`,
    });
  }
  const d = card.displacement;
  if (!(d.displacedMaxMm.value > d.displacedMinMm.value)) {
    problems.push({
      path: ["displacement", "displacedMaxMm", "value"],
      message: `must be greater than displacement.displacedMinMm.value = ${d.displacedMinMm.value} (got ${d.displacedMaxMm.value})`,
    });
  }
  if (d.promptMaxMm.value > d.displacedMinMm.value) {
    problems.push({
      path: ["displacement", "promptMaxMm", "value"],
      message: `must not exceed displacement.displacedMinMm.value = ${d.displacedMinMm.value} (the categories may not overlap; got ${d.promptMaxMm.value})`,
    });
  }
  return problems;
}

function validate(raw: unknown): { card?: DetectorCard; problems: CardProblem[] } {
  const parsed = cardSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
        message: i.message,
      })),
    };
  }
  const card = parsed.data as DetectorCard;
  const problems = crossChecks(card);
  return problems.length ? { problems } : { card, problems };
}

function pathText(path: readonly (string | number)[]): string {
  return path.length ? path.map(String).join(".") : "(card)";
}

/**
 * Validates an in-memory card (e.g. from JSON or built in code). Throws InputError naming the
 * first offending path, with all problems listed in the message.
 */
export function parseCard(raw: unknown): DetectorCard {
  const { card, problems } = validate(raw);
  if (card) return card;
  const first = problems[0]!;
  const rest = problems.slice(1).map((p) => `${pathText(p.path)}: ${p.message}`);
  throw new InputError(
    pathText(first.path),
    "a valid detector-card entry",
    valueAt(raw, first.path),
    [first.message, ...rest].join("; "),
  );
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/**
 * Parses and validates YAML card text. `file` names the source in messages. Errors are
 * FileFormatError(file, line, "<path>: <message>") with the line of the offending node
 * (or of its nearest existing parent, for a missing entry).
 */
export function parseCardYaml(text: string, file = "<card>"): DetectorCard {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new FileFormatError(file, line, `invalid YAML: ${err.message.split("\n")[0]}`);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // e.g. an unresolved alias (`*x`) or an alias bomb
    throw new FileFormatError(file, undefined, `invalid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const { card, problems } = validate(raw);
  if (card) return card;
  const messages = problems.map((p) => `${pathText(p.path)}: ${p.message}`);
  const first = problems[0]!;
  // The line of the offending node, or of its deepest existing ancestor.
  let line: number | undefined;
  for (let n = first.path.length; n >= 0 && line === undefined; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(first.path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) line = lineCounter.linePos(range[0]).line;
  }
  throw new FileFormatError(file, line, messages.join("; "));
}

/** The folder of the cards shipped with the package (`data/cards/`). */
export const CARD_DIR = fileURLToPath(new URL("../../data/cards/", import.meta.url));

/** Names of the shipped cards. */
export const SHIPPED_CARDS = [
  "paper",
  "optimistic",
  "pessimistic",
  "muon-res-1pct",
  "muon-res-3pct",
  "eff-80",
  "eff-90",
  "veto-loose",
] as const;

/**
 * Loads a card by shipped name (`"paper"`, `"optimistic"`, … see SHIPPED_CARDS) or by path to a
 * YAML file (anything containing a slash or ending in .yaml/.yml).
 */
export function loadCard(nameOrPath: string): DetectorCard {
  const isPath = isAbsolute(nameOrPath) || /[\\/]/.test(nameOrPath) || /\.ya?ml$/i.test(nameOrPath);
  let file: string;
  if (isPath) file = nameOrPath;
  else if ((SHIPPED_CARDS as readonly string[]).includes(nameOrPath)) file = `${CARD_DIR}${nameOrPath}.yaml`;
  else
    throw new InputError("card", `a path to a YAML card or one of ${SHIPPED_CARDS.join(", ")}`, nameOrPath);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new FileFormatError(file, undefined, `cannot read detector card (${(e as Error).message})`);
  }
  return parseCardYaml(text, file);
}

/**
 * A copy of `card` with the numeric or string entry at dotted `path` (e.g. "electron.ptMinGeV")
 * set to `value`, marked status "choice" with the given source, and revalidated.
 */
export function overrideCard(
  card: DetectorCard,
  path: string,
  value: number | string,
  source = "user override",
): DetectorCard {
  const copy = structuredClone(card) as unknown as Record<string, unknown>;
  const keys = path.split(".");
  let node: unknown = copy;
  for (const k of keys) {
    if (node === null || typeof node !== "object" || !(k in (node as object))) {
      throw new InputError("override path", "a dotted path to an existing card entry", path);
    }
    node = (node as Record<string, unknown>)[k];
  }
  if (node === null || typeof node !== "object" || !("value" in (node as object))) {
    throw new InputError("override path", "a path to an entry with a value", path);
  }
  const entry = node as Record<string, unknown>;
  entry.value = value;
  entry.source = source;
  entry.status = "choice";
  return parseCard(copy);
}

/**
 * The card with a perfect detector: all resolutions 0 and efficiencies 1 (acceptance, thresholds,
 * veto inefficiency and displacement categories unchanged). For generator-level studies and tests.
 */
export function truthLevelCard(card: DetectorCard): DetectorCard {
  const c = structuredClone(card);
  const zero = { value: 0, source: "truth level: no smearing", status: "choice" as const };
  for (const e of [c.electron.ptResolution, c.electron.phiResolutionRad, c.electron.cotThetaResolution]) {
    e.low = { ...zero };
    e.high = { ...zero };
  }
  c.muon.massResolution = { ...zero };
  const one = { value: 1, source: "truth level: fully efficient", status: "choice" as const };
  c.electron.efficiency = { ...one };
  c.muon.efficiency = { ...one };
  c.name = `${card.name}-truth`;
  return parseCard(c);
}
