/**
 * Parton distributions: LHAPDF6 sets (`<set>/<set>.info` + `<set>/<set>_NNNN.dat`, format
 * `lhagrid1`), log-bicubic interpolation as LHAPDF's default, the set's α_s, and the embedded
 * default set NNPDF23_lo_as_0130_qed (data/pdf/, see data/pdf/SOURCE.md).
 *
 * Set lookup (LHAPDF's convention plus dnreach's embedded directory), first match wins:
 *   1. `options.searchPaths` (the CLI's --pdf-path), in order;
 *   2. the directories of the environment variable LHAPDF_DATA_PATH (colon-separated);
 *   3. the embedded directory `<package>/data/pdf/`.
 * A name containing a path separator is a direct path to a set directory (its base name is the set
 * name). A set is found when `<dir>/<name>/<name>.info` exists.
 *
 * Parsed grids are cached per resolved member file, PdfSet objects per (file, extrapolation): a
 * second load of the same set member returns the same object without touching the disk.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FileFormatError, InputError } from "../core/errors.js";
import { type AlphaS, AlphaSAnalytic, AlphaSIpol, AlphaSOde } from "./alphas.js";
import { type PdfGrid, parseLhagrid1 } from "./grid.js";
import { type PdfInfo, parseInfo } from "./info.js";
import { type Extrapolation, GridInterpolator, N_SLOTS, slotOf } from "./interpolate.js";

export type { AlphaS, OdeParameters } from "./alphas.js";
export { AlphaSAnalytic, AlphaSIpol, AlphaSOde, betaCoefficients } from "./alphas.js";
export type { PdfGrid, Subgrid } from "./grid.js";
export { parseLhagrid1 } from "./grid.js";
export type { PdfInfo } from "./info.js";
export { parseInfo } from "./info.js";
export type { Extrapolation } from "./interpolate.js";
export { EXTRAPOLATIONS, GridInterpolator, N_SLOTS, slotOf } from "./interpolate.js";

/** MadGraph5_aMC@NLO's default LO set (`pdlabel = nn23lo1`), embedded in the package. */
export const DEFAULT_PDF_SET = "NNPDF23_lo_as_0130_qed";

/** Directory holding the embedded sets (`<package root>/data/pdf/`, from src/pdf or dist/pdf). */
export const EMBEDDED_PDF_DIR = fileURLToPath(new URL("../../data/pdf/", import.meta.url));

export interface PdfSet {
  readonly name: string;
  readonly member: number;
  /** PDG ids present (−6..6 as present, 21, 22), in the order of the grid file. */
  readonly flavours: Int32Array;
  readonly xMin: number;
  readonly xMax: number;
  readonly qMin: number;
  readonly qMax: number;
  readonly alphaSMZ: number;
  /** The set's perturbative order (LHAPDF OrderQCD: 0 = LO). */
  readonly orderQCD: number;
  /** x·f(x, Q) for one parton (PDG id; 0 is accepted as gluon like LHAPDF). Zero for flavours the set lacks. */
  xfxQ(pdgId: number, x: number, qGeV: number): number;
  /**
   * x·f for all 13 partons −6..6 at once into out[0..12] (index = pdgId + 6, gluon at index 6),
   * plus photon in out[13] (0 if absent). Interpolation weights computed once per (x, Q) and reused
   * for all flavours. `out` must hold at least 14 numbers.
   */
  xfxQAll(x: number, qGeV: number, out: Float64Array): void;
  /**
   * x·f of parton idA at (xA, Q) and of parton idB at (xB, Q) into out[0], out[1] (PDG ids as in
   * `xfxQ`): the same numbers as two `xfxQ` calls, with the Q knots located once (a parton
   * shower's PDF ratio x′f_a(x′, Q)/(x f_b(x, Q))).
   */
  xfxQPair(idA: number, xA: number, idB: number, xB: number, qGeV: number, out: Float64Array): void;
  alphaS(qGeV: number): number;
}

/** A loaded set member with its metadata and sources (what `loadPdfSet` returns). */
export interface LoadedPdfSet extends PdfSet {
  /** Directory of the set and the files read. */
  readonly directory: string;
  readonly infoFile: string;
  readonly memberFile: string;
  readonly info: PdfInfo;
  /** α_s order used for the running (LHAPDF AlphaS_OrderQCD: 0 = 1 loop). */
  readonly alphaSOrderQCD: number;
  readonly alphaSType: AlphaS["type"];
  readonly extrapolation: Extrapolation;
}

export interface LoadPdfOptions {
  /** Member number (default 0, the central member). */
  member?: number;
  /** Directories searched before LHAPDF_DATA_PATH and the embedded sets. */
  searchPaths?: string[];
  /** Extrapolation policy outside the grid (default: the set's `Extrapolator`, else "continuation"). */
  extrapolation?: Extrapolation;
}

/** Smallest Q accepted (Q² must stay a normal double); far below any grid, where x·f ∝ Q² → 0. */
const Q_MIN_GEV = 1e-100;
const Q_RANGE = "a finite number ≥ 1e-100 GeV";

class GridPdfSet implements LoadedPdfSet {
  readonly xMin: number;
  readonly xMax: number;
  readonly qMin: number;
  readonly qMax: number;
  readonly alphaSMZ: number;
  readonly orderQCD: number;
  readonly alphaSOrderQCD: number;
  readonly alphaSType: AlphaS["type"];
  readonly flavours: Int32Array;
  readonly extrapolation: Extrapolation;
  private readonly ipol: GridInterpolator;
  private readonly as: AlphaS;

  constructor(
    readonly name: string,
    readonly member: number,
    readonly directory: string,
    readonly infoFile: string,
    readonly memberFile: string,
    readonly info: PdfInfo,
    grid: PdfGrid,
    extrapolation: Extrapolation,
  ) {
    this.ipol = new GridInterpolator(grid, extrapolation, info.forcePositive);
    this.extrapolation = extrapolation;
    this.flavours = grid.flavours;
    this.xMin = grid.xMin;
    this.xMax = grid.xMax;
    this.qMin = Math.sqrt(grid.q2Min);
    this.qMax = Math.sqrt(grid.q2Max);
    this.orderQCD = info.orderQCD;
    this.as = makeAlphaS(info, this.qMin, this.qMax);
    this.alphaSType = this.as.type;
    this.alphaSOrderQCD = info.alphaS.orderQCD;
    this.alphaSMZ = info.alphaS.alphaSMZ ?? this.as.alphaS(info.mZ);
  }

  xfxQ(pdgId: number, x: number, qGeV: number): number {
    if (!(qGeV >= Q_MIN_GEV && qGeV < Number.POSITIVE_INFINITY)) throw new InputError("Q", Q_RANGE, qGeV);
    const s = slotOf(pdgId);
    return this.ipol.xfxQ2Column(s < 0 ? -1 : this.ipol.columnOfSlot[s]!, x, qGeV * qGeV);
  }

  xfxQAll(x: number, qGeV: number, out: Float64Array): void {
    if (!(qGeV >= Q_MIN_GEV && qGeV < Number.POSITIVE_INFINITY)) throw new InputError("Q", Q_RANGE, qGeV);
    if (out.length < N_SLOTS) throw new InputError("out.length", `≥ ${N_SLOTS}`, out.length);
    this.ipol.xfxQ2All(x, qGeV * qGeV, out);
  }

  xfxQPair(idA: number, xA: number, idB: number, xB: number, qGeV: number, out: Float64Array): void {
    if (!(qGeV >= Q_MIN_GEV && qGeV < Number.POSITIVE_INFINITY)) throw new InputError("Q", Q_RANGE, qGeV);
    if (!(xA > 0 && xA <= 1)) throw new InputError("x", "a number in (0, 1]", xA);
    if (!(xB > 0 && xB <= 1)) throw new InputError("x", "a number in (0, 1]", xB);
    const sA = slotOf(idA);
    const sB = slotOf(idB);
    const cols = this.ipol.columnOfSlot;
    this.ipol.xfxQ2Pair(sA < 0 ? -1 : cols[sA]!, xA, sB < 0 ? -1 : cols[sB]!, xB, qGeV * qGeV, out);
  }

  alphaS(qGeV: number): number {
    return this.as.alphaS(qGeV);
  }
}

function makeAlphaS(info: PdfInfo, qMin: number, qMax: number): AlphaS {
  const a = info.alphaS;
  if (a.type === "ipol") return new AlphaSIpol(a.qs, a.vals);
  if (a.type === "analytic") return new AlphaSAnalytic(a.lambdas, a.orderQCD, info.quarkMasses, info.nfMax);
  return new AlphaSOde({
    alphaSMZ: a.alphaSMZ,
    mZ: info.mZ,
    orderQCD: a.orderQCD,
    quarkMasses: info.quarkMasses,
    nfMax: info.nfMax,
    qMin,
    qMax,
  });
}

const gridCache = new Map<string, PdfGrid>();
const infoCache = new Map<string, PdfInfo>();
const setCache = new Map<string, GridPdfSet>();

/** Forgets every cached grid and set (for tests and long-lived processes that swap files). */
export function clearPdfCache(): void {
  gridCache.clear();
  infoCache.clear();
  setCache.clear();
}

/** The directories searched for a set name, in order (see the module comment). */
export function pdfSearchPaths(searchPaths: readonly string[] = []): string[] {
  const env = process.env["LHAPDF_DATA_PATH"];
  const fromEnv = env ? env.split(delimiter).filter((d) => d.trim() !== "") : [];
  return [...searchPaths, ...fromEnv, EMBEDDED_PDF_DIR].map((d) => resolve(d));
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Finds the set directory and name for a name or a path; throws InputError listing where it looked. */
export function resolvePdfSet(
  nameOrPath: string,
  searchPaths: readonly string[] = [],
): { name: string; directory: string } {
  if (typeof nameOrPath !== "string" || nameOrPath.trim() === "") {
    throw new InputError("PDF set", "a set name or a path to a set directory", nameOrPath);
  }
  if (nameOrPath.includes("/") || nameOrPath.includes("\\")) {
    const directory = resolve(nameOrPath);
    const name = basename(directory);
    if (!isDirectory(directory) || !existsSync(join(directory, `${name}.info`))) {
      throw new InputError(
        "PDF set",
        `a directory containing ${name}.info`,
        nameOrPath,
        `looked in ${directory}`,
      );
    }
    return { name, directory };
  }
  const dirs = pdfSearchPaths(searchPaths);
  const withoutInfo: string[] = [];
  for (const d of dirs) {
    const directory = join(d, nameOrPath);
    if (existsSync(join(directory, `${nameOrPath}.info`))) return { name: nameOrPath, directory };
    if (isDirectory(directory)) withoutInfo.push(directory);
  }
  const note = withoutInfo.length
    ? `; found directories without ${nameOrPath}.info: ${withoutInfo.join(", ")}`
    : "";
  throw new InputError(
    "PDF set",
    "an LHAPDF set installed in one of the searched directories",
    nameOrPath,
    `looked for ${nameOrPath}/${nameOrPath}.info in: ${dirs.join(", ")} (search order: --pdf-path/searchPaths, LHAPDF_DATA_PATH, embedded)${note}`,
  );
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new FileFormatError(
      file,
      undefined,
      `cannot read file (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

/**
 * Loads one member of an LHAPDF6 set (default: the embedded NNPDF23_lo_as_0130_qed, member 0).
 * Synchronous, so workers can call it at start-up; cached per (member file, extrapolation).
 */
export function loadPdfSet(nameOrPath: string = DEFAULT_PDF_SET, options: LoadPdfOptions = {}): LoadedPdfSet {
  const member = options.member ?? 0;
  if (!Number.isSafeInteger(member) || member < 0 || member > 9999) {
    throw new InputError("member", "an integer in [0, 9999]", member);
  }
  const { name, directory } = resolvePdfSet(nameOrPath, options.searchPaths ?? []);
  const infoFile = join(directory, `${name}.info`);
  let info = infoCache.get(infoFile);
  if (info === undefined) {
    info = parseInfo(readText(infoFile), infoFile);
    infoCache.set(infoFile, info);
  }
  if (member >= info.numMembers) {
    throw new InputError(
      "member",
      `an integer in [0, ${info.numMembers - 1}] (NumMembers in ${infoFile})`,
      member,
    );
  }
  const memberFile = join(directory, `${name}_${String(member).padStart(4, "0")}.dat`);
  const extrapolation = options.extrapolation ?? info.extrapolation;
  const key = `${memberFile}\u0000${extrapolation}`;
  const cached = setCache.get(key);
  if (cached !== undefined) return cached;
  let grid = gridCache.get(memberFile);
  if (grid === undefined) {
    if (!existsSync(memberFile)) {
      throw new InputError("member", `a member with a grid file`, member, `looked for ${memberFile}`);
    }
    grid = parseLhagrid1(readText(memberFile), memberFile);
    const missingInGrid = [...info.flavours].filter((f) => !grid!.flavours.includes(f));
    if (missingInGrid.length > 0) {
      throw new FileFormatError(
        memberFile,
        undefined,
        `flavours ${missingInGrid.join(", ")} listed in ${infoFile} (Flavors) are not in the grid`,
      );
    }
    gridCache.set(memberFile, grid);
  }
  const set = new GridPdfSet(name, member, directory, infoFile, memberFile, info, grid, extrapolation);
  setCache.set(key, set);
  return set;
}
