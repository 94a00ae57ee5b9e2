/**
 * HepMC3 ASCII ("Asciiv3") reader, streamed, for the files Pythia 8 writes through its HepMC3
 * interface (Pythia8ToHepMC3 + HepMC3::WriterAscii).
 *
 * Reference: A. Buckley et al., "The HepMC3 event record library for Monte Carlo event
 * generators", Comput. Phys. Commun. 260 (2021) 107310, arXiv:1912.08005, and the WriterAscii
 * layout of HepMC3 3.x. Lines used:
 *   HepMC::Version <v>                     file header
 *   HepMC::Asciiv3-START_EVENT_LISTING     …  HepMC::Asciiv3-END_EVENT_LISTING
 *   W <name> <name> …                      (before the first event) weight names
 *   T <tool> / A <name> <value>            (before the first event) run info, skipped / kept in meta
 *   E <number> <nVertices> <nParticles> [@ x y z t]
 *   U <GEV|MEV> <MM|CM>                    units of momenta and lengths
 *   W <w0> <w1> …                          event weights
 *   A <id> <name> <value…>                 attributes: GenCrossSection (σ err … in pb),
 *                                          GenPdfInfo (id1 id2 x1 x2 scale …), alphaQCD,
 *                                          event_scale, signal_process_id
 *   V <id<0> [<status>] [<p1>,<p2>,…] [@ x y z t]
 *   P <id> <v> <pdg> <px> <py> <pz> <e> <m> <status>
 * where <v> of a particle is its production vertex id (< 0), 0 for none, or (> 0) the id of
 * its single parent, meaning the parent's end vertex (written implicitly, without a position).
 *
 * Positions: a vertex with '@ x y z t' has that position; a vertex without one takes the position
 * of the production vertex of its first incoming particle, recursively, and finally the event
 * position (E … @) — the rule of HepMC3's GenVertex::position(). Each particle gets the position
 * of its production vertex (vx, vy, vz in mm).
 *
 * Weights: σ from the last `GenCrossSection` attribute in the file (Pythia writes a running
 * estimate; the last is the full-run value). Our weights are w · σ / Σ w over the file, so
 * Σ weight = σ (pb); without GenCrossSection the weights are kept as written.
 */

import { FileFormatError } from "../core/errors.js";
import { concatEventBatches, type EventBatchInfo } from "../core/events.js";
import { NeumaierSum } from "../core/sum.js";
import { type BuiltBatch, EventBatchBuilder } from "./builder.js";
import { LineReader, type LineReaderOptions } from "./lines.js";
import { clip, expectFieldCount, FieldScanner, parseFloatField, parseIntField, tokens } from "./parse.js";

export interface HepMC3ReadOptions extends LineReaderOptions {
  /** Events per batch (default 1000). */
  batchSize?: number;
  /** "final" (default): only final-state particles (status 1); "all": the whole record with mothers. */
  particles?: "final" | "all";
  /** "sigma" (default): Σ weight = σ from GenCrossSection (pre-pass); "raw": weights as written. */
  normalisation?: "sigma" | "raw";
}

/** A HepMC3 batch: `status` is 1 / −1 (beam or incoming hard parton) / 2; the generator's code is kept. */
export interface HepMC3EventBatch extends BuiltBatch {
  /** Per particle: the status code as written in the file. */
  readonly generatorStatus: Int32Array;
}

export interface HepMC3File {
  readonly path: string;
  readonly info: EventBatchInfo;
  readonly weightNames: readonly string[];
  readonly nEvents: number | undefined;
  batches(): AsyncGenerator<HepMC3EventBatch, void, void>;
}

const START = "HepMC::Asciiv3-START_EVENT_LISTING";
const END = "HepMC::Asciiv3-END_EVENT_LISTING";

interface RunInfo {
  weightNames: string[];
  attributes: Record<string, string>;
  tools: string[];
  version: string;
}

export async function openHepMC3(path: string, options: HepMC3ReadOptions = {}): Promise<HepMC3File> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new FileFormatError(path, undefined, `batchSize ≥ 1 (got ${batchSize})`);
  let run: RunInfo;
  const r = await LineReader.open(path, options);
  try {
    run = (await readRunInfo(r)).run;
  } finally {
    r.close();
  }
  let scale = 1;
  let sigmaPb = Number.NaN;
  let sigmaErrPb = 0;
  let nEvents: number | undefined;
  let normalisation = "raw";
  let beamPdg: [number, number] = [0, 0];
  let beamEnergyGeV: [number, number] = [0, 0];
  let processes: Record<number, string> = {};
  if (options.normalisation !== "raw") {
    const scan = await scanHepMC3(path, options);
    nEvents = scan.nEvents;
    if (scan.beamPdg.length === 2) {
      beamPdg = [scan.beamPdg[0]!, scan.beamPdg[1]!];
      beamEnergyGeV = [scan.beamEnergyGeV[0]!, scan.beamEnergyGeV[1]!];
    }
    processes = Object.fromEntries([...scan.processIds].map((id) => [id, `HepMC3 signal_process_id ${id}`]));
    if (scan.sigmaPb !== undefined) {
      const sum = scan.sumW.value;
      if (sum === 0 && scan.nEvents > 0)
        throw new FileFormatError(
          path,
          undefined,
          "events whose weights do not sum to zero (cannot normalise to GenCrossSection)",
        );
      scale = scan.nEvents > 0 ? scan.sigmaPb / sum : 1;
      sigmaPb = scan.sigmaPb;
      sigmaErrPb = scan.sigmaErrPb ?? 0;
      normalisation = "sigma (GenCrossSection)";
    } else {
      sigmaPb = scan.sumW.value;
      normalisation = "raw (no GenCrossSection in the file)";
    }
  }
  const info: EventBatchInfo = {
    processes,
    beamEnergyGeV,
    beamPdg,
    sigmaPb: Number.isNaN(sigmaPb) ? 0 : sigmaPb,
    sigmaErrPb,
    meta: {
      source: path,
      format: `HepMC3 ASCII (${run.version})`,
      tools: run.tools,
      runAttributes: run.attributes,
      weightNames: run.weightNames,
      normalisation,
      nEvents,
    },
  };
  return {
    path,
    info,
    weightNames: run.weightNames,
    nEvents,
    batches: () => readEvents(path, options, batchSize, scale, info),
  };
}

export async function readHepMC3(
  path: string,
  options: HepMC3ReadOptions = {},
): Promise<{ info: EventBatchInfo; batch: HepMC3EventBatch }> {
  const f = await openHepMC3(path, options);
  const parts: HepMC3EventBatch[] = [];
  for await (const b of f.batches()) parts.push(b);
  const base = concatEventBatches(parts);
  const cat = <T extends Float64Array | Int32Array>(
    key: "ctauMm" | "spin" | "weights" | "generatorStatus",
    make: (n: number) => T,
  ): T => {
    const out = make(parts.reduce((a, p) => a + p[key].length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p[key], o);
      o += p[key].length;
    }
    return out;
  };
  return {
    info: f.info,
    batch: {
      ...base,
      ctauMm: cat("ctauMm", (n) => new Float64Array(n)),
      spin: cat("spin", (n) => new Float64Array(n)),
      weights: cat("weights", (n) => new Float64Array(n)),
      generatorStatus: cat("generatorStatus", (n) => new Int32Array(n)),
    },
  };
}

async function need(r: LineReader, what: string): Promise<string> {
  const line = r.nextBuffered() ?? (await r.next());
  if (line === null)
    throw new FileFormatError(r.file, r.lineNumber + 1, `${what} (the file ends here: truncated?)`);
  return line;
}

/** Reads the header and run info; returns the first event line (or null at the end marker). */
async function readRunInfo(r: LineReader): Promise<{ run: RunInfo; first: string | null }> {
  const run: RunInfo = { weightNames: [], attributes: {}, tools: [], version: "" };
  let line = (await need(r, "HepMC::Version <version>")).replace(/^\uFEFF/, "").trim();
  while (line === "") line = (await need(r, "HepMC::Version <version>")).trim();
  if (!line.startsWith("HepMC::Version"))
    throw new FileFormatError(
      r.file,
      r.lineNumber,
      `HepMC::Version <version> (got ${JSON.stringify(clip(line))})`,
    );
  run.version = line.slice("HepMC::Version".length).trim();
  line = (await need(r, START)).trim();
  if (line !== START) {
    const hint = line.startsWith("HepMC::IO_GenEvent")
      ? " (this is a HepMC2 file; write HepMC3 Asciiv3)"
      : "";
    throw new FileFormatError(r.file, r.lineNumber, `${START}${hint} (got ${JSON.stringify(clip(line))})`);
  }
  for (;;) {
    line = await need(r, `E <event> line or ${END}`);
    const t = line.trim();
    if (t === "") continue;
    const c = t[0];
    if (c === "E") return { run, first: t };
    if (t === END) return { run, first: null };
    if (c === "W") run.weightNames = parseWeightNames(t.slice(1).trim());
    else if (c === "T") run.tools.push(t.slice(1).trim());
    else if (c === "A") {
      const f = tokens(t);
      if (f.length >= 2) run.attributes[f[1]!] = f.slice(2).join(" ");
    } else
      throw new FileFormatError(
        r.file,
        r.lineNumber,
        `run info (W, T or A lines) or the first E line (got ${JSON.stringify(clip(t))})`,
      );
  }
}

/**
 * Run-level weight names: WriterAscii::write_run_info joins them with '\n' and escapes the line
 * ('\n' → "\|", '\\' → "\\\\"), so the names are split on "\|" and unescaped.
 */
function parseWeightNames(text: string): string[] {
  if (text === "") return [];
  return text.split("\\|").map((n) => n.replace(/\\\\/g, "\\"));
}

interface Scan {
  /** Beams: the status-4 particles of the first event (PDG id, energy in GeV). */
  beamPdg: number[];
  beamEnergyGeV: number[];
  /** signal_process_id values met. */
  processIds: Set<number>;
  nEvents: number;
  sumW: NeumaierSum;
  sigmaPb: number | undefined;
  sigmaErrPb: number | undefined;
}

/** Pre-pass: counts events, sums the first weight, keeps the last GenCrossSection. */
export async function scanHepMC3(path: string, options: LineReaderOptions = {}): Promise<Scan> {
  const r = await LineReader.open(path, options);
  const out: Scan = {
    beamPdg: [],
    beamEnergyGeV: [],
    processIds: new Set(),
    nEvents: 0,
    sumW: new NeumaierSum(),
    sigmaPb: undefined,
    sigmaErrPb: undefined,
  };
  let momentumScale = 1;
  try {
    const { first } = await readRunInfo(r);
    if (first === null) return out;
    let line: string | null = first;
    let sawW = true;
    for (;;) {
      if (line === null)
        throw new FileFormatError(
          r.file,
          r.lineNumber + 1,
          `${END} (the file ends after ${out.nEvents} events: truncated?)`,
        );
      const c = line.charCodeAt(0);
      if (c === 69 /* E */) {
        if (!sawW) out.sumW.add(1);
        out.nEvents++;
        sawW = false;
      } else if (c === 87 /* W */) {
        const f = tokens(line);
        out.sumW.add(parseFloatField(r, f[1], "event weight"));
        sawW = true;
      } else if (c === 65 /* A */) {
        const f = tokens(line);
        if (f[2] === "GenCrossSection") {
          out.sigmaPb = parseFloatField(r, f[3], "GenCrossSection σ (pb)");
          out.sigmaErrPb = parseFloatField(r, f[4], "GenCrossSection error (pb)");
        } else if (f[2] === "signal_process_id" && out.processIds.size < 1000) {
          out.processIds.add(parseIntField(r, f[3], "signal_process_id"));
        }
      } else if (out.nEvents === 1 && c === 85 /* U */) {
        momentumScale = line.includes("MEV") ? 1e-3 : 1;
      } else if (out.nEvents === 1 && c === 80 /* P */ && line.endsWith(" 4")) {
        const f = tokens(line);
        if (f.length === 10 && out.beamPdg.length < 2) {
          out.beamPdg.push(parseIntField(r, f[3], "beam PDG id"));
          out.beamEnergyGeV.push(parseFloatField(r, f[7], "beam energy") * momentumScale);
        }
      } else if (line.startsWith(END)) break;
      line = r.nextBuffered() ?? (await r.next());
    }
    if (!sawW) out.sumW.add(1);
  } finally {
    r.close();
  }
  return out;
}

interface EventState {
  number: number;
  nv: number;
  np: number;
  momentumScale: number;
  lengthScale: number;
  weights: number[];
  eventPos: [number, number, number];
  pdfId1: number;
  pdfId2: number;
  x1: number;
  x2: number;
  scale: number;
  alphaS: number;
  processId: number;
}

/**
 * Per-event scratch arrays, reused between events and grown as particles and vertices arrive
 * (never sized from the E line's counts, which a corrupted file could make huge).
 */
class EventScratch {
  cap = 0;
  // particles (index = id − 1)
  pdg = new Int32Array(0);
  status = new Int32Array(0);
  prodRef = new Int32Array(0); // second field of the P line
  mom = new Float64Array(0); // px py pz e m, stride 5
  posDone = new Uint8Array(0);
  pos = new Float64Array(0); // particle production position x y z, stride 3
  keptIndex = new Int32Array(0);
  // vertices (index = −id − 1)
  vcap = 0;
  vHasPos = new Uint8Array(0);
  vPos = new Float64Array(0); // x y z, stride 3
  vFirstParent = new Int32Array(0); // particle id or 0
  vLastParent = new Int32Array(0);
  vDefined = new Uint8Array(0);
  /** Vertices touched in this event (to reset only those). */
  vUsed = 0;

  /** Starts an event. */
  begin(): void {
    this.vDefined.fill(0, 0, this.vUsed);
    this.vHasPos.fill(0, 0, this.vUsed);
    this.vUsed = 0;
  }

  ensureParticle(k: number): void {
    if (k < this.cap) return;
    const c = Math.max(k + 1, 2 * this.cap, 64);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, stride = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(c * stride);
      b.set(a);
      return b;
    };
    this.pdg = grow(this.pdg);
    this.status = grow(this.status);
    this.prodRef = grow(this.prodRef);
    this.mom = grow(this.mom, 5);
    this.posDone = grow(this.posDone);
    this.pos = grow(this.pos, 3);
    this.keptIndex = grow(this.keptIndex);
    this.cap = c;
  }

  ensureVertex(v: number): void {
    if (v >= this.vUsed) this.vUsed = v + 1;
    if (v < this.vcap) return;
    const c = Math.max(v + 1, 2 * this.vcap, 64);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, stride = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(c * stride);
      b.set(a);
      return b;
    };
    this.vHasPos = grow(this.vHasPos);
    this.vPos = grow(this.vPos, 3);
    this.vFirstParent = grow(this.vFirstParent);
    this.vLastParent = grow(this.vLastParent);
    this.vDefined = grow(this.vDefined);
    this.vcap = c;
  }
}

async function* readEvents(
  path: string,
  options: HepMC3ReadOptions,
  batchSize: number,
  scale: number,
  info: EventBatchInfo,
): AsyncGenerator<HepMC3EventBatch, void, void> {
  const r = await LineReader.open(path, options);
  const keepAll = options.particles === "all";
  let builder: EventBatchBuilder | undefined;
  let genStatus: Int32Array = new Int32Array(1024);
  const sc = new EventScratch();
  const fs = new FieldScanner();
  const ev: EventState = {
    number: 0,
    nv: 0,
    np: 0,
    momentumScale: 1,
    lengthScale: 1,
    weights: [],
    eventPos: [0, 0, 0],
    pdfId1: 0,
    pdfId2: 0,
    x1: 0,
    x2: 0,
    scale: 0,
    alphaS: 0,
    processId: 0,
  };
  let nWeights = -1;
  const take = (): HepMC3EventBatch => {
    const b = builder!;
    const np = b.nParticles;
    const gs = genStatus.slice(0, np);
    return { ...b.take(), generatorStatus: gs };
  };
  try {
    const { run, first } = await readRunInfo(r);
    if (first === null) return;
    let line: string | null = first;
    while (line?.startsWith("E")) {
      // ---- event header
      const eLine = r.lineNumber;
      const f = tokens(line);
      expectFieldCount(r, f, 4, "E line (E number nVertices nParticles [@ x y z t])", true);
      ev.number = parseIntField(r, f[1], "event number");
      ev.nv = parseIntField(r, f[2], "number of vertices", 0, 10_000_000);
      ev.np = parseIntField(r, f[3], "number of particles", 0, 10_000_000);
      ev.eventPos = [0, 0, 0];
      if (f[4] === "@") {
        ev.eventPos = [
          parseFloatField(r, f[5], "event x"),
          parseFloatField(r, f[6], "event y"),
          parseFloatField(r, f[7], "event z"),
        ];
      }
      ev.momentumScale = 1;
      ev.lengthScale = 1;
      ev.weights = [];
      ev.pdfId1 = ev.pdfId2 = 0;
      ev.x1 = ev.x2 = ev.scale = ev.alphaS = 0;
      ev.processId = 0;
      sc.begin();
      let nP = 0;
      let nV = 0;
      for (;;) {
        line = r.nextBuffered() ?? (await r.next());
        if (line === null)
          throw new FileFormatError(
            r.file,
            r.lineNumber + 1,
            `the rest of event ${ev.number} (started line ${eLine}) and ${END} (truncated?)`,
          );
        const c = line.charCodeAt(0);
        if (c === 80 /* P */) {
          fs.reset(line);
          const nf = fs.count();
          if (nf !== 10)
            throw new FileFormatError(
              r.file,
              r.lineNumber,
              `P line (P id vertex pdg px py pz e m status): 10 fields (got ${nf})`,
            );
          fs.skip(); // the 'P' tag
          const id = fs.int(r, "particle id", 1, ev.np);
          if (id !== nP + 1)
            throw new FileFormatError(
              r.file,
              r.lineNumber,
              `particle id ${nP + 1} (ids in order; got ${id})`,
            );
          const k = id - 1;
          sc.ensureParticle(k);
          const ref = fs.int(r, "production vertex (<0), parent particle (>0) or 0", -ev.nv, id - 1);
          if (ref < 0 && (-ref - 1 >= sc.vcap || !sc.vDefined[-ref - 1]))
            throw new FileFormatError(
              r.file,
              r.lineNumber,
              `production vertex ${ref} defined by a V line before this particle`,
            );
          sc.prodRef[k] = ref;
          sc.pdg[k] = fs.int(r, "PDG id");
          const ms = ev.momentumScale;
          sc.mom[5 * k] = fs.float(r, "px") * ms;
          sc.mom[5 * k + 1] = fs.float(r, "py") * ms;
          sc.mom[5 * k + 2] = fs.float(r, "pz") * ms;
          sc.mom[5 * k + 3] = fs.float(r, "e") * ms;
          sc.mom[5 * k + 4] = fs.float(r, "generated mass") * ms;
          sc.status[k] = fs.int(r, "status");
          nP++;
        } else if (c === 86 /* V */) {
          parseVertex(r, line, ev, sc, nP);
          nV++;
        } else if (c === 69 /* E */ || line.startsWith("HepMC::")) {
          break;
        } else if (c === 85 /* U */) {
          const t = tokens(line);
          expectFieldCount(r, t, 3, "U line (U GEV|MEV MM|CM)");
          if (t[1] === "GEV") ev.momentumScale = 1;
          else if (t[1] === "MEV") ev.momentumScale = 1e-3;
          else
            throw new FileFormatError(
              r.file,
              r.lineNumber,
              `momentum unit GEV or MEV (got ${JSON.stringify(clip(t[1]!))})`,
            );
          if (t[2] === "MM") ev.lengthScale = 1;
          else if (t[2] === "CM") ev.lengthScale = 10;
          else
            throw new FileFormatError(
              r.file,
              r.lineNumber,
              `length unit MM or CM (got ${JSON.stringify(clip(t[2]!))})`,
            );
        } else if (c === 87 /* W */) {
          const t = tokens(line);
          ev.weights = t.slice(1).map((w, i) => parseFloatField(r, w, `event weight ${i}`));
        } else if (c === 65 /* A */) {
          parseAttribute(r, line, ev);
        } else if (line.trim() === "") {
          // blank lines are harmless
        } else {
          throw new FileFormatError(
            r.file,
            r.lineNumber,
            `an E, U, W, A, V or P line (got ${JSON.stringify(clip(line))})`,
          );
        }
      }
      // The E line counts all vertices, but WriterAscii only writes V lines for vertices with
      // several parents or a position (the others are implicit), so only the particles must match.
      if (nP !== ev.np || nV > ev.nv)
        throw new FileFormatError(
          r.file,
          r.lineNumber,
          `${ev.np} P lines and at most ${ev.nv} V lines, as the E line of event ${ev.number} (line ${eLine}) says (found ${nP} and ${nV})`,
        );
      // Event position shares the event's length unit.
      ev.eventPos = [
        ev.eventPos[0] * ev.lengthScale,
        ev.eventPos[1] * ev.lengthScale,
        ev.eventPos[2] * ev.lengthScale,
      ];
      if (nWeights < 0) {
        nWeights = Math.max(ev.weights.length, 1);
        // WriterAscii joins the names with escaped newlines ("\|"); some writers use spaces.
        const spaced = run.weightNames.length === 1 ? tokens(run.weightNames[0]!) : [];
        const names =
          run.weightNames.length === nWeights
            ? run.weightNames
            : spaced.length === nWeights
              ? spaced
              : Array.from({ length: nWeights }, (_, i) => run.weightNames[i] ?? `w${i}`);
        info.meta.weightNames = names;
        builder = new EventBatchBuilder(batchSize, nWeights - 1, keepAll ? 64 : 16);
      }
      if (ev.weights.length === 0) ev.weights = [1];
      if (ev.weights.length !== nWeights)
        throw new FileFormatError(
          r.file,
          eLine,
          `${nWeights} weights per event, as in the first event (event ${ev.number} has ${ev.weights.length})`,
        );
      genStatus = storeEvent(builder!, sc, ev, keepAll, scale, genStatus, r.file, eLine);
      if (builder!.full) yield take();
    }
    if (line === null || !line.startsWith(END))
      throw new FileFormatError(
        r.file,
        r.lineNumber,
        `${END} or an E line (got ${line === null ? "the end of the file" : JSON.stringify(clip(line))})`,
      );
    if (builder && builder.nEvents > 0) yield take();
  } finally {
    r.close();
  }
}

function parseVertex(r: LineReader, line: string, ev: EventState, sc: EventScratch, nP: number): void {
  // V id [status] [p1,p2,…] [@ x y z t]; the parent list has no spaces in WriterAscii output,
  // but we accept spaces inside the brackets.
  const open = line.indexOf("[");
  const close = line.indexOf("]", open + 1);
  if (open < 0 || close < 0)
    throw new FileFormatError(r.file, r.lineNumber, "V line with a parent list [p1,p2,…]");
  const head = tokens(line.slice(0, open));
  expectFieldCount(r, head, 2, "V line (V id [status] [parents] [@ x y z t])", true);
  const id = parseIntField(r, head[1], "vertex id", -ev.nv, -1);
  const v = -id - 1;
  sc.ensureVertex(v);
  if (sc.vDefined[v])
    throw new FileFormatError(r.file, r.lineNumber, `vertex ${id} defined once (repeated V line)`);
  if (head.length > 3)
    throw new FileFormatError(r.file, r.lineNumber, "V line (V id [status] [parents] [@ x y z t])");
  if (head[2] !== undefined) parseIntField(r, head[2], "vertex status");
  const inner = line.slice(open + 1, close).trim();
  const parents =
    inner === "" ? [] : inner.split(",").map((s) => parseIntField(r, s.trim(), "parent particle id", 1, nP));
  sc.vFirstParent[v] = parents[0] ?? 0;
  sc.vLastParent[v] = parents.length > 1 ? parents[parents.length - 1]! : 0;
  const tail = tokens(line.slice(close + 1));
  if (tail.length > 0) {
    if (tail[0] !== "@" || tail.length !== 5)
      throw new FileFormatError(
        r.file,
        r.lineNumber,
        `vertex position '@ x y z t' after the parent list (got ${JSON.stringify(clip(tail.join(" ")))})`,
      );
    sc.vPos[3 * v] = parseFloatField(r, tail[1], "vertex x") * ev.lengthScale;
    sc.vPos[3 * v + 1] = parseFloatField(r, tail[2], "vertex y") * ev.lengthScale;
    sc.vPos[3 * v + 2] = parseFloatField(r, tail[3], "vertex z") * ev.lengthScale;
    parseFloatField(r, tail[4], "vertex t");
    sc.vHasPos[v] = 1;
  }
  sc.vDefined[v] = 1;
}

function parseAttribute(r: LineReader, line: string, ev: EventState): void {
  const t = tokens(line);
  if (t.length < 3) return;
  if (t[1] !== "0") return; // attributes of particles/vertices are not needed
  switch (t[2]) {
    case "GenPdfInfo":
      // GenPdfInfo: id1 id2 x1 x2 scale xf1 xf2 pdf_id1 pdf_id2 (HepMC3 GenPdfInfo::to_string)
      expectFieldCount(r, t, 9, "A 0 GenPdfInfo id1 id2 x1 x2 scale xf1 xf2 …", true);
      ev.pdfId1 = parseIntField(r, t[3], "GenPdfInfo id1");
      ev.pdfId2 = parseIntField(r, t[4], "GenPdfInfo id2");
      ev.x1 = parseFloatField(r, t[5], "GenPdfInfo x1");
      ev.x2 = parseFloatField(r, t[6], "GenPdfInfo x2");
      ev.scale = parseFloatField(r, t[7], "GenPdfInfo scale") * ev.momentumScale;
      break;
    case "alphaQCD":
      ev.alphaS = parseFloatField(r, t[3], "alphaQCD");
      break;
    case "event_scale":
      ev.scale = parseFloatField(r, t[3], "event_scale") * ev.momentumScale;
      break;
    case "signal_process_id":
      ev.processId = parseIntField(r, t[3], "signal_process_id");
      break;
    case "GenCrossSection":
      parseFloatField(r, t[3], "GenCrossSection σ (pb)");
      break;
    default:
  }
}

/** Position of a vertex (GenVertex::position rule, see the module comment); writes into out[0..2]. */
function vertexPosition(
  sc: EventScratch,
  ev: EventState,
  v: number,
  depth: number,
  file: string,
  line: number,
): [number, number, number] {
  if (sc.vHasPos[v]) return [sc.vPos[3 * v]!, sc.vPos[3 * v + 1]!, sc.vPos[3 * v + 2]!];
  const p = sc.vFirstParent[v]!;
  if (p === 0) return ev.eventPos;
  return particlePosition(sc, ev, p - 1, depth + 1, file, line);
}

function particlePosition(
  sc: EventScratch,
  ev: EventState,
  k: number,
  depth: number,
  file: string,
  line: number,
): [number, number, number] {
  if (sc.posDone[k]) return [sc.pos[3 * k]!, sc.pos[3 * k + 1]!, sc.pos[3 * k + 2]!];
  if (depth > 100_000) throw new FileFormatError(file, line, "an acyclic particle/vertex graph");
  const ref = sc.prodRef[k]!;
  let pos: [number, number, number];
  if (ref < 0) pos = vertexPosition(sc, ev, -ref - 1, depth, file, line);
  else if (ref === 0) pos = ev.eventPos;
  else pos = particlePosition(sc, ev, ref - 1, depth + 1, file, line); // implicit end vertex of the parent
  sc.pos[3 * k] = pos[0];
  sc.pos[3 * k + 1] = pos[1];
  sc.pos[3 * k + 2] = pos[2];
  sc.posDone[k] = 1;
  return pos;
}

function storeEvent(
  b: EventBatchBuilder,
  sc: EventScratch,
  ev: EventState,
  keepAll: boolean,
  scale: number,
  genStatus: Int32Array,
  file: string,
  eLine: number,
): Int32Array {
  sc.posDone.fill(0, 0, ev.np);
  // Positions in id order: parents always precede children (ids of parents < ids of children).
  for (let k = 0; k < ev.np; k++) particlePosition(sc, ev, k, 0, file, eLine);
  let n = 0;
  for (let k = 0; k < ev.np; k++) {
    if (keepAll || sc.status[k] === 1) sc.keptIndex[k] = n++;
    else sc.keptIndex[k] = -1;
  }
  if (keepAll && n > 32767)
    throw new FileFormatError(
      file,
      eLine,
      `at most 32767 particles per event with particles: "all" (got ${n})`,
    );
  const first = b.reserveParticles(n);
  if (genStatus.length < b.nParticles + n) {
    const g = new Int32Array(Math.max(2 * genStatus.length, b.nParticles + n));
    g.set(genStatus);
    genStatus = g;
  }
  for (let k = 0; k < ev.np; k++) {
    const j = sc.keptIndex[k]!;
    if (j < 0) continue;
    const i = first + j;
    const st = sc.status[k]!;
    b.pdg[i] = sc.pdg[k]!;
    // HepMC status 1 = final, 4 = beam; Pythia's 21 = incoming parton of the hard process.
    b.status[i] = st === 1 ? 1 : st === 4 || st === 21 ? -1 : 2;
    genStatus[b.nParticles + j] = st;
    b.px[i] = sc.mom[5 * k]!;
    b.py[i] = sc.mom[5 * k + 1]!;
    b.pz[i] = sc.mom[5 * k + 2]!;
    b.E[i] = sc.mom[5 * k + 3]!;
    b.m[i] = sc.mom[5 * k + 4]!;
    b.vx[i] = sc.pos[3 * k]!;
    b.vy[i] = sc.pos[3 * k + 1]!;
    b.vz[i] = sc.pos[3 * k + 2]!;
    if (keepAll) {
      const ref = sc.prodRef[k]!;
      let m1 = 0;
      let m2 = 0;
      if (ref > 0) m1 = ref;
      else if (ref < 0) {
        m1 = sc.vFirstParent[-ref - 1]!;
        m2 = sc.vLastParent[-ref - 1]!;
      }
      b.mother1[i] = m1 > 0 ? sc.keptIndex[m1 - 1]! : -1;
      b.mother2[i] = m2 > 0 ? sc.keptIndex[m2 - 1]! : -1;
    }
  }
  const e = b.nEvents;
  b.weight[e] = ev.weights[0]! * scale;
  for (let w = 1; w < ev.weights.length; w++) b.weights[e * b.nWeights + w - 1] = ev.weights[w]! * scale;
  b.processId[e] = ev.processId;
  b.scale[e] = ev.scale;
  b.alphaS[e] = ev.alphaS;
  b.x1[e] = ev.x1;
  b.x2[e] = ev.x2;
  b.id1[e] = ev.pdfId1;
  b.id2[e] = ev.pdfId2;
  b.endEvent(n);
  return genStatus;
}
