/**
 * Les Houches Event files (LHEF), versions 1.0–3.0: streamed reader and writer.
 *
 * References:
 *  - E. Boos et al., "Generic user process interface for event generators", hep-ph/0109068
 *    (the HEPRUP/HEPEUP common blocks: IDBMUP, EBMUP, PDFGUP, PDFSUP, IDWTUP, NPRUP,
 *    XSECUP, XERRUP, XMAXUP, LPRUP; NUP, IDPRUP, XWGTUP, SCALUP, AQEDUP, AQCDUP, IDUP, ISTUP,
 *    MOTHUP, ICOLUP, PUP, VTIMUP, SPINUP).
 *  - J. Alwall et al., "A standard format for Les Houches Event Files", hep-ph/0609017
 *    (the XML-like file layout: <LesHouchesEvents>, optional <header>, <init>, <event> blocks;
 *    free-form lines after the particle lines of an event are allowed; '#' comment lines).
 *  - J. R. Andersen et al., Les Houches 2013 proceedings, arXiv:1405.1067, sec. on LHEF v3
 *    (<initrwgt>/<weightgroup>/<weight id=…> in the header, <rwgt>/<wgt id=…> per event).
 *  - Pythia 8 manual, "Les Houches Event Files": the optional per-event line
 *    "#pdf id1 id2 x1 x2 scalePDF xpdf1 xpdf2", which we write and read for x1, x2.
 *
 * Weight normalisation (docs/formats.md): whatever the file's IDWTUP, the batches we return
 * satisfy Σ weight = σ (pb) over the whole file:
 *  - |IDWTUP| = 1 or 4: XWGTUP is in pb and σ = ⟨XWGTUP⟩ (the mean over all events), so each
 *    event gets weight XWGTUP / N.
 *  - |IDWTUP| = 2 or 3: σ_p = XSECUP of process p, and XWGTUP only fixes the relative weights
 *    (for 3 all |XWGTUP| are equal). Each event of process p gets XWGTUP · XSECUP_p / Σ_{i∈p} XWGTUP_i.
 * Both need N or Σ XWGTUP per process, i.e. the whole file: `openLhe` makes one quick
 * pre-pass (events are counted and XWGTUP summed, nothing stored) unless told `normalisation:
 * "raw"` (weights left as written) or given the count.
 */

import { FileFormatError } from "../core/errors.js";
import { concatEventBatches, type EventBatch, type EventBatchInfo } from "../core/events.js";
import { NeumaierSum } from "../core/sum.js";
import { openAtomicWriteStream } from "./atomicStream.js";
import { type BuiltBatch, EventBatchBuilder } from "./builder.js";
import { LineReader, type LineReaderOptions } from "./lines.js";
import { clip, expectFieldCount, FieldScanner, parseFloatField, parseIntField, tokens } from "./parse.js";

/** One line of the init block after the beam line (one per process). */
export interface LheProcess {
  /** LPRUP: the process code, copied to `processId`. */
  id: number;
  /** XSECUP, XERRUP, XMAXUP (pb). */
  xsecPb: number;
  xerrPb: number;
  xmaxPb: number;
}

/** The <init> block and the weight names declared in the header. */
export interface LheInit {
  beamPdg: [number, number];
  beamEnergyGeV: [number, number];
  /** PDFGUP (author group, 0 = LHAPDF/none) and PDFSUP (set id, e.g. an LHAPDF id). */
  pdfGroup: [number, number];
  pdfSet: [number, number];
  /** IDWTUP: the weight strategy (±1 … ±4). */
  idwtup: number;
  processes: LheProcess[];
  /** Ids of the named weights declared in <initrwgt> (LHEF v3) or met in the first event. */
  weightNames: string[];
  /** LHEF version attribute of <LesHouchesEvents>. */
  version: string;
}

export interface LheReadOptions extends LineReaderOptions {
  /** Events per returned batch (default 10 000). */
  batchSize?: number;
  /**
   * "sigma" (default): weights rescaled so that Σ weight = σ (pb) over the file, using a
   * pre-pass when needed; "raw": XWGTUP as written.
   */
  normalisation?: "sigma" | "raw";
  /**
   * Production vertices: "zero" (default; LHE carries none, except dnreach's own '#vertex'
   * lines, which are always read) or "lifetime": a particle whose mother has VTIMUP = cτ > 0 is
   * produced at the mother's decay point x_mother + (p⃗_mother / m_mother) · cτ (the accord's
   * VTIMUP is the sampled invariant lifetime, distance from production to decay, in mm).
   */
  vertices?: "zero" | "lifetime";
}

export type LheEventBatch = BuiltBatch;

export interface LheFile {
  readonly path: string;
  readonly init: LheInit;
  /** σ, beams and process names (σ from the init block or the events, see normalisation). */
  readonly info: EventBatchInfo;
  /** Number of events, when the pre-pass ran. */
  readonly nEvents: number | undefined;
  /** Streams the events in batches; each call reads the file again from the start. */
  batches(): AsyncGenerator<LheEventBatch, void, void>;
}

/** weight = XWGTUP · scale[process] / divisor. */
interface Normalisation {
  scale: Map<number, number>;
  divisor: number;
}

/** Opening tags matched exactly (so that <initrwgt> is not <init>, nor <eventgroup> <event>). */
const INIT_TAG = /^<init(?:\s|>|$)/;
const EVENT_TAG = /^<event(?:\s|>|$)/;

const ALLOWED_ISTUP = new Set([-9, -2, -1, 1, 2, 3]);
const WEIGHT_ID_RE = /<weight\b[^>]*\bid\s*=\s*["']([^"']*)["']/g;
const WGT_RE = /<wgt\b[^>]*\bid\s*=\s*["']([^"']*)["'][^>]*>([^<]*)<\/wgt>/g;

/** Opens an LHE file (plain or gzip): reads header and init, then (by default) the pre-pass. */
export async function openLhe(path: string, options: LheReadOptions = {}): Promise<LheFile> {
  const batchSize = options.batchSize ?? 10_000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new FileFormatError(path, undefined, `batchSize ≥ 1 (got ${batchSize})`);
  const reader = await LineReader.open(path, options);
  let init: LheInit;
  try {
    init = await readPreamble(reader);
  } finally {
    reader.close();
  }
  let norm: Normalisation | undefined;
  let nEvents: number | undefined;
  let sigmaPb = 0;
  let sigmaErrPb = 0;
  const mode = Math.abs(init.idwtup);
  if (options.normalisation === "raw") {
    norm = undefined;
    const s = init.processes.reduce((a, p) => a + p.xsecPb, 0);
    sigmaPb = s;
    sigmaErrPb = Math.hypot(...init.processes.map((p) => p.xerrPb));
  } else {
    const scan = await scanLhe(path, init, options);
    nEvents = scan.nEvents;
    const scale = new Map<number, number>();
    norm = { scale, divisor: 1 };
    if (mode === 1 || mode === 4) {
      // σ = ⟨XWGTUP⟩ (hep-ph/0109068, IDWTUP = ±1, ±4); error of the mean from the spread.
      const n = scan.nEvents;
      let sum = 0;
      let sum2 = 0;
      for (const [id, s] of scan.perProcess) {
        scale.set(id, 1);
        sum += s.sum.value;
        sum2 += s.sum2.value;
      }
      norm.divisor = Math.max(n, 1);
      sigmaPb = n > 0 ? sum / n : 0;
      // Error: the init block's XERRUP when given, else the standard error of the mean weight.
      const initErr = Math.hypot(...init.processes.map((p) => p.xerrPb));
      sigmaErrPb =
        initErr > 0 ? initErr : n > 1 ? Math.sqrt(Math.max(0, sum2 / n - (sum / n) ** 2) / (n - 1)) : 0;
    } else {
      // σ_p = XSECUP_p; XWGTUP relative (IDWTUP = ±2, ±3).
      let err2 = 0;
      for (const p of init.processes) {
        const s = scan.perProcess.get(p.id);
        if (!s) continue; // a declared process without events contributes nothing to Σw
        const total = s.sum.value;
        if (total === 0)
          throw new FileFormatError(
            path,
            undefined,
            `events of process ${p.id} with a non-zero sum of XWGTUP (IDWTUP = ${init.idwtup})`,
          );
        scale.set(p.id, p.xsecPb / total);
        sigmaPb += p.xsecPb;
        err2 += p.xerrPb ** 2;
      }
      sigmaErrPb = Math.sqrt(err2);
    }
  }
  const info: EventBatchInfo = {
    processes: Object.fromEntries(init.processes.map((p) => [p.id, `LHE process ${p.id}`])),
    beamEnergyGeV: init.beamEnergyGeV,
    beamPdg: init.beamPdg,
    sigmaPb,
    sigmaErrPb,
    meta: {
      source: path,
      format: `LHEF ${init.version}`,
      idwtup: init.idwtup,
      pdfGroup: init.pdfGroup,
      pdfSet: init.pdfSet,
      initProcesses: init.processes,
      weightNames: init.weightNames,
      normalisation: options.normalisation ?? "sigma",
      nEvents,
    },
  };
  return {
    path,
    init,
    info,
    nEvents,
    batches: () => readEvents(path, init, options, batchSize, norm),
  };
}

/** Reads a whole LHE file into one batch (small files, tests). */
export async function readLhe(
  path: string,
  options: LheReadOptions = {},
): Promise<{ info: EventBatchInfo; init: LheInit; batch: LheEventBatch }> {
  const f = await openLhe(path, options);
  const parts: LheEventBatch[] = [];
  for await (const b of f.batches()) parts.push(b);
  return { info: f.info, init: f.init, batch: concatBuilt(parts) };
}

function concatBuilt(parts: LheEventBatch[]): LheEventBatch {
  const base = concatEventBatches(parts);
  const cat = (key: "ctauMm" | "spin" | "weights") => {
    const n = parts.reduce((a, p) => a + p[key].length, 0);
    const out = new Float64Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p[key], o);
      o += p[key].length;
    }
    return out;
  };
  return { ...base, ctauMm: cat("ctauMm"), spin: cat("spin"), weights: cat("weights") };
}

// ---------------------------------------------------------------------------------------------
// Reading

async function expectLine(r: LineReader, what: string): Promise<string> {
  const line = r.nextBuffered() ?? (await r.next());
  if (line === null)
    throw new FileFormatError(r.file, r.lineNumber + 1, `${what} (the file ends here: truncated?)`);
  return line;
}

/** Reads up to and including the <init> block. */
async function readPreamble(r: LineReader): Promise<LheInit> {
  let version = "";
  // Opening tag, possibly after an XML declaration, comments or blank lines.
  for (;;) {
    const line = (await expectLine(r, "<LesHouchesEvents version=…>")).replace(/^\uFEFF/, "").trim();
    if (line === "" || line.startsWith("<?xml") || line.startsWith("<!--")) continue;
    if (!line.startsWith("<LesHouchesEvents"))
      throw new FileFormatError(
        r.file,
        r.lineNumber,
        `<LesHouchesEvents version=…> (got ${JSON.stringify(clip(line))})`,
      );
    version = /version\s*=\s*["']([^"']*)["']/.exec(line)?.[1] ?? "1.0";
    break;
  }
  const weightNames: string[] = [];
  // Header (any content, e.g. MadGraph's cards in CDATA, banner comments) until <init>; text
  // inside CDATA sections and multi-line comments is not interpreted.
  let closer: string | undefined;
  for (;;) {
    const raw = await expectLine(r, "<init> block");
    const line = raw.trim();
    if (closer !== undefined) {
      if (line.includes(closer)) closer = undefined;
      continue;
    }
    if (line.includes("<![CDATA[") && !line.includes("]]>")) {
      closer = "]]>";
      continue;
    }
    if (line.startsWith("<!--") && !line.includes("-->")) {
      closer = "-->";
      continue;
    }
    for (const m of line.matchAll(WEIGHT_ID_RE)) addName(weightNames, m[1]!, r);
    if (INIT_TAG.test(line)) break;
    if (EVENT_TAG.test(line) || line.startsWith("</LesHouchesEvents"))
      throw new FileFormatError(r.file, r.lineNumber, "<init> block before the first event");
  }
  // Beam line: IDBMUP(1:2) EBMUP(1:2) PDFGUP(1:2) PDFSUP(1:2) IDWTUP NPRUP.
  let line = await expectLine(
    r,
    "init line IDBMUP1 IDBMUP2 EBMUP1 EBMUP2 PDFGUP1 PDFGUP2 PDFSUP1 PDFSUP2 IDWTUP NPRUP",
  );
  let f = tokens(line);
  expectFieldCount(
    r,
    f,
    10,
    "init line (IDBMUP1 IDBMUP2 EBMUP1 EBMUP2 PDFGUP1 PDFGUP2 PDFSUP1 PDFSUP2 IDWTUP NPRUP)",
  );
  const beamPdg: [number, number] = [parseIntField(r, f[0], "IDBMUP1"), parseIntField(r, f[1], "IDBMUP2")];
  const beamEnergyGeV: [number, number] = [
    parseFloatField(r, f[2], "EBMUP1 (GeV)"),
    parseFloatField(r, f[3], "EBMUP2 (GeV)"),
  ];
  const pdfGroup: [number, number] = [parseIntField(r, f[4], "PDFGUP1"), parseIntField(r, f[5], "PDFGUP2")];
  const pdfSet: [number, number] = [parseIntField(r, f[6], "PDFSUP1"), parseIntField(r, f[7], "PDFSUP2")];
  const idwtup = parseIntField(r, f[8], "IDWTUP");
  if (idwtup === 0 || Math.abs(idwtup) > 4)
    throw new FileFormatError(r.file, r.lineNumber, `IDWTUP: one of ±1, ±2, ±3, ±4 (got ${idwtup})`);
  const nprup = parseIntField(r, f[9], "NPRUP (number of processes)", 1, 100_000);
  const processes: LheProcess[] = [];
  for (let i = 0; i < nprup; i++) {
    line = await expectLine(r, `process line ${i + 1} of ${nprup} (XSECUP XERRUP XMAXUP LPRUP)`);
    f = tokens(line);
    expectFieldCount(r, f, 4, `process line ${i + 1} of ${nprup} (XSECUP XERRUP XMAXUP LPRUP)`);
    const p: LheProcess = {
      xsecPb: parseFloatField(r, f[0], "XSECUP (pb)"),
      xerrPb: parseFloatField(r, f[1], "XERRUP (pb)"),
      xmaxPb: parseFloatField(r, f[2], "XMAXUP"),
      id: parseIntField(r, f[3], "LPRUP (process id)"),
    };
    if (processes.some((q) => q.id === p.id))
      throw new FileFormatError(r.file, r.lineNumber, `LPRUP: distinct process ids (${p.id} repeated)`);
    processes.push(p);
  }
  // Rest of init (LHEF v3 <generator>, <xsecinfo>, <initrwgt>, …) until </init>.
  for (;;) {
    line = (await expectLine(r, "</init>")).trim();
    for (const m of line.matchAll(WEIGHT_ID_RE)) addName(weightNames, m[1]!, r);
    if (line.startsWith("</init>")) break;
    if (line.startsWith("<event"))
      throw new FileFormatError(
        r.file,
        r.lineNumber,
        `</init> before the first event (or ${nprup} process lines, as NPRUP says)`,
      );
  }
  return { beamPdg, beamEnergyGeV, pdfGroup, pdfSet, idwtup, processes, weightNames, version };
}

function addName(names: string[], name: string, r: LineReader): void {
  if (names.includes(name))
    throw new FileFormatError(r.file, r.lineNumber, `distinct weight ids in <initrwgt> ("${name}" repeated)`);
  names.push(name);
}

/** Finds the next <event> opening line, or returns false at </LesHouchesEvents>. */
async function nextEventTag(r: LineReader, eventsSoFar: number): Promise<boolean> {
  for (;;) {
    const line0 = r.nextBuffered() ?? (await r.next());
    if (line0 === null)
      throw new FileFormatError(
        r.file,
        r.lineNumber + 1,
        `<event> or </LesHouchesEvents> (the file ends after ${eventsSoFar} events: truncated?)`,
      );
    const line = line0.trim();
    if (EVENT_TAG.test(line)) return true;
    if (line.startsWith("</LesHouchesEvents")) return false;
    if (line === "" || line.startsWith("<!--") || line.startsWith("#")) continue;
    // Tolerate other top-level blocks between events (e.g. LHEF v3 <eventgroup> wrappers).
    if (line.startsWith("<eventgroup") || line.startsWith("</eventgroup")) continue;
    throw new FileFormatError(
      r.file,
      r.lineNumber,
      `<event> or </LesHouchesEvents> (got ${JSON.stringify(clip(line))})`,
    );
  }
}

interface EventHead {
  nup: number;
  idprup: number;
  xwgtup: number;
  scalup: number;
  aqedup: number;
  aqcdup: number;
}

function parseEventHead(r: LineReader, line: string, init: LheInit, out: EventHead): void {
  const f = tokens(line);
  expectFieldCount(r, f, 6, "event line (NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP)", true);
  out.nup = parseIntField(r, f[0], "NUP (number of particles)", 1, 32767);
  out.idprup = parseIntField(r, f[1], "IDPRUP (process id)");
  out.xwgtup = parseFloatField(r, f[2], "XWGTUP (event weight)");
  out.scalup = parseFloatField(r, f[3], "SCALUP (GeV)");
  out.aqedup = parseFloatField(r, f[4], "AQEDUP");
  out.aqcdup = parseFloatField(r, f[5], "AQCDUP");
  if (!init.processes.some((p) => p.id === out.idprup))
    throw new FileFormatError(
      r.file,
      r.lineNumber,
      `IDPRUP: a process id declared in <init> (${init.processes.map((p) => p.id).join(", ")}; got ${out.idprup})`,
    );
}

/** Skips to </event> (the pre-pass does not parse particles). */
async function skipToEventEnd(r: LineReader): Promise<void> {
  for (;;) {
    const line = await expectLine(r, "</event>");
    const t = line.trimStart();
    if (t.startsWith("</event")) return;
    if (EVENT_TAG.test(t) || t.startsWith("</LesHouchesEvents"))
      throw new FileFormatError(r.file, r.lineNumber, `</event> (got ${JSON.stringify(clip(t))})`);
  }
}

interface ProcessSums {
  sum: NeumaierSum;
  sum2: NeumaierSum;
}

/** The pre-pass: counts events and sums XWGTUP per process (Neumaier sums), storing nothing. */
export async function scanLhe(
  path: string,
  init: LheInit,
  options: LineReaderOptions = {},
): Promise<{ nEvents: number; perProcess: Map<number, ProcessSums> }> {
  const r = await LineReader.open(path, options);
  const perProcess = new Map<number, ProcessSums>();
  const head: EventHead = { nup: 0, idprup: 0, xwgtup: 0, scalup: 0, aqedup: 0, aqcdup: 0 };
  let n = 0;
  try {
    await readPreamble(r);
    while (await nextEventTag(r, n)) {
      parseEventHead(
        r,
        await expectLine(r, "event line (NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP)"),
        init,
        head,
      );
      let s = perProcess.get(head.idprup);
      if (!s) {
        s = { sum: new NeumaierSum(), sum2: new NeumaierSum() };
        perProcess.set(head.idprup, s);
      }
      s.sum.add(head.xwgtup);
      s.sum2.add(head.xwgtup * head.xwgtup);
      await skipToEventEnd(r);
      n++;
    }
  } finally {
    r.close();
  }
  return { nEvents: n, perProcess };
}

async function* readEvents(
  path: string,
  init: LheInit,
  options: LheReadOptions,
  batchSize: number,
  norm: Normalisation | undefined,
): AsyncGenerator<LheEventBatch, void, void> {
  const r = await LineReader.open(path, options);
  const nW = init.weightNames.length;
  const weightIndex = new Map(init.weightNames.map((n, i) => [n, i]));
  const b = new EventBatchBuilder(batchSize, nW);
  const head: EventHead = { nup: 0, idprup: 0, xwgtup: 0, scalup: 0, aqedup: 0, aqcdup: 0 };
  const seen = new Uint8Array(nW);
  let vertexSet = new Uint8Array(64);
  const fs = new FieldScanner();
  let nEvents = 0;
  try {
    await readPreamble(r);
    while (await nextEventTag(r, nEvents)) {
      parseEventHead(
        r,
        await expectLine(r, "event line (NUP IDPRUP XWGTUP SCALUP AQEDUP AQCDUP)"),
        init,
        head,
      );
      const nup = head.nup;
      const first = b.reserveParticles(nup);
      for (let k = 0; k < nup; k++) {
        const line = await expectLine(r, `particle line ${k + 1} of NUP = ${nup}`);
        fs.reset(line);
        const nf = fs.count();
        if (nf !== 13) {
          const t = line.trim();
          const why =
            t.startsWith("<") || t.startsWith("#") ? ` (NUP = ${nup} but only ${k} particle lines)` : "";
          throw new FileFormatError(
            r.file,
            r.lineNumber,
            `particle line ${k + 1} of NUP = ${nup}: 13 fields IDUP ISTUP MOTHUP1 MOTHUP2 ICOLUP1 ICOLUP2 PX PY PZ E M VTIMUP SPINUP (got ${nf})${why}`,
          );
        }
        const i = first + k;
        b.pdg[i] = fs.int(r, "IDUP (PDG id)");
        const ist = fs.int(r, "ISTUP (status)");
        if (!ALLOWED_ISTUP.has(ist))
          throw new FileFormatError(r.file, r.lineNumber, `ISTUP: one of -1, 1, -2, 2, 3, -9 (got ${ist})`);
        b.status[i] = ist;
        // MOTHUP are 1-based positions in the event, 0 = none (hep-ph/0109068) → 0-based, −1 = none.
        b.mother1[i] = fs.int(r, "MOTHUP1", 0, nup) - 1;
        b.mother2[i] = fs.int(r, "MOTHUP2", 0, nup) - 1;
        b.colour[i] = fs.int(r, "ICOLUP1", 0);
        b.anticolour[i] = fs.int(r, "ICOLUP2", 0);
        b.px[i] = fs.float(r, "PUP1 (px, GeV)");
        b.py[i] = fs.float(r, "PUP2 (py, GeV)");
        b.pz[i] = fs.float(r, "PUP3 (pz, GeV)");
        b.E[i] = fs.float(r, "PUP4 (E, GeV)");
        b.m[i] = fs.float(r, "PUP5 (m, GeV)");
        b.ctauMm[i] = fs.float(r, "VTIMUP (cτ, mm)");
        b.spin[i] = fs.float(r, "SPINUP");
      }
      const e = b.nEvents;
      let sawPdf = false;
      seen.fill(0);
      vertexSet.fill(0, 0, Math.min(nup, vertexSet.length));
      if (vertexSet.length < nup) vertexSet = new Uint8Array(2 * nup);
      let nSeen = 0;
      // Optional lines after the particles, up to </event>.
      for (;;) {
        const line = await expectLine(r, "</event>");
        const t = line.trim();
        if (t.startsWith("</event")) break;
        if (EVENT_TAG.test(t) || t.startsWith("</LesHouchesEvents"))
          throw new FileFormatError(r.file, r.lineNumber, `</event> (got ${JSON.stringify(clip(t))})`);
        if (t.startsWith("#pdf")) {
          // Pythia 8 convention: #pdf id1 id2 x1 x2 scalePDF xpdf1 xpdf2.
          const f = tokens(t);
          expectFieldCount(r, f, 5, "#pdf line (#pdf id1 id2 x1 x2 …)", true);
          b.id1[e] = parseIntField(r, f[1], "#pdf id1");
          b.id2[e] = parseIntField(r, f[2], "#pdf id2");
          b.x1[e] = parseFloatField(r, f[3], "#pdf x1");
          b.x2[e] = parseFloatField(r, f[4], "#pdf x2");
          sawPdf = true;
        } else if (t.startsWith("#vertex")) {
          // dnreach extension: #vertex i vx vy vz (0-based particle index, mm).
          const f = tokens(t);
          expectFieldCount(r, f, 5, "#vertex line (#vertex index vx vy vz)");
          const k = parseIntField(r, f[1], "#vertex particle index", 0, nup - 1);
          b.vx[first + k] = parseFloatField(r, f[2], "#vertex vx (mm)");
          b.vy[first + k] = parseFloatField(r, f[3], "#vertex vy (mm)");
          b.vz[first + k] = parseFloatField(r, f[4], "#vertex vz (mm)");
          vertexSet[k] = 1;
        } else if (nW > 0 && t.includes("<wgt")) {
          for (const m of t.matchAll(WGT_RE)) {
            const w = weightIndex.get(m[1]!);
            if (w === undefined)
              throw new FileFormatError(
                r.file,
                r.lineNumber,
                `a weight id declared in <initrwgt> (got "${m[1]}")`,
              );
            b.weights[e * nW + w] = parseFloatField(r, m[2]!.trim(), `<wgt id="${m[1]}">`);
            if (!seen[w]) nSeen++;
            seen[w] = 1;
          }
        } else if (t.startsWith("<") || t.startsWith("#") || t === "") {
          // Other optional blocks (<mgrwt>, <scales>, <clustering>, comments) are skipped.
        } else {
          const nextIsParticle = tokens(t).length === 13;
          throw new FileFormatError(
            r.file,
            r.lineNumber,
            nextIsParticle
              ? `</event> after NUP = ${nup} particle lines (found another particle line: NUP wrong?)`
              : `</event>, a '#' comment or an XML tag (got ${JSON.stringify(clip(t))})`,
          );
        }
      }
      if (nSeen !== nW) {
        const missing = init.weightNames.filter((_, w) => !seen[w]);
        throw new FileFormatError(
          r.file,
          r.lineNumber,
          `a <wgt> for every weight declared in <initrwgt> (missing ${missing.slice(0, 5).join(", ")})`,
        );
      }
      if (!sawPdf) incomingFromParticles(b, e, first, nup, init);
      if (options.vertices === "lifetime") verticesFromLifetimes(b, first, nup, vertexSet);
      // weight = XWGTUP · (XSECUP_p / Σ_p XWGTUP) / divisor (N for IDWTUP ±1, ±4; else 1).
      const s = norm === undefined ? 1 : (norm.scale.get(head.idprup) ?? 0);
      const d = norm === undefined ? 1 : norm.divisor;
      b.weight[e] = (head.xwgtup * s) / d;
      for (let w = 0; w < nW; w++) b.weights[e * nW + w] = (b.weights[e * nW + w]! * s) / d;
      b.processId[e] = head.idprup;
      b.scale[e] = head.scalup;
      b.alphaS[e] = head.aqcdup;
      b.endEvent(nup);
      nEvents++;
      if (b.full) yield b.take();
    }
    if (b.nEvents > 0) yield b.take();
  } finally {
    r.close();
  }
}

/**
 * Decay vertices from VTIMUP (option vertices: "lifetime"): particle k with mother j < k (and no
 * explicit #vertex line) is produced at x_j + (p⃗_j / m_j) · cτ_j, the lab displacement of a
 * particle of momentum p⃗ and mass m that travels a proper distance cτ (hep-ph/0109068, VTIMUP).
 * Mothers listed after their daughters (allowed, but unusual) are left at their own vertices.
 */
function verticesFromLifetimes(b: EventBatchBuilder, first: number, nup: number, explicit: Uint8Array): void {
  for (let k = 0; k < nup; k++) {
    const j = b.mother1[first + k]!;
    if (explicit[k] || j < 0 || j >= k) continue;
    const mi = first + j;
    const ctau = b.ctauMm[mi]!;
    const m = b.m[mi]!;
    const i = first + k;
    if (ctau > 0 && m > 0) {
      b.vx[i] = b.vx[mi]! + (b.px[mi]! / m) * ctau;
      b.vy[i] = b.vy[mi]! + (b.py[mi]! / m) * ctau;
      b.vz[i] = b.vz[mi]! + (b.pz[mi]! / m) * ctau;
    } else {
      b.vx[i] = b.vx[mi]!;
      b.vy[i] = b.vy[mi]!;
      b.vz[i] = b.vz[mi]!;
    }
  }
}

/**
 * Without a #pdf line: id1, id2 from the incoming particles (ISTUP = −1) moving along +z and −z,
 * and x = E / EBMUP (massless partons collinear with the beams).
 */
function incomingFromParticles(
  b: EventBatchBuilder,
  e: number,
  first: number,
  nup: number,
  init: LheInit,
): void {
  b.id1[e] = 0;
  b.id2[e] = 0;
  b.x1[e] = 0;
  b.x2[e] = 0;
  for (let k = 0; k < nup; k++) {
    const i = first + k;
    if (b.status[i] !== -1) continue;
    if (b.pz[i]! >= 0 && b.id1[e] === 0) {
      b.id1[e] = b.pdg[i]!;
      b.x1[e] = b.E[i]! / init.beamEnergyGeV[0];
    } else if (b.id2[e] === 0) {
      b.id2[e] = b.pdg[i]!;
      b.x2[e] = b.E[i]! / init.beamEnergyGeV[1];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface LheWriteOptions {
  /** gzip the output (node:zlib). */
  gzip?: boolean;
  /**
   * IDWTUP to declare. 3: unweighted (all |w| equal; XWGTUP = w, Σ XWGTUP = σ). −4/4: weighted
   * (XWGTUP = w · N so that ⟨XWGTUP⟩ = σ, as the accord requires for ±4). Default (writeLhe):
   * 3 (−3 with negative weights) when all |w| are equal, else 4 (−4 with negative weights).
   */
  idwtup?: 3 | -3 | 4 | -4;
  /** PDFGUP / PDFSUP (default 0 0 / info.meta.lhapdfId or 0). */
  pdfGroup?: [number, number];
  pdfSet?: [number, number];
  /** Free text for the <header> block (XML-escaped when written). */
  header?: string;
  /** Write the production vertices of displaced particles as '#vertex i vx vy vz' lines (default true). */
  vertices?: boolean;
  /**
   * Names of the extra weights in the batches' `weights` column (row-major nEvents × names, as
   * the readers return it): declared in <initrwgt> and written per event as <rwgt><wgt id=…>
   * (LHEF 3.0), scaled like XWGTUP.
   */
  weightNames?: string[];
}

export interface LheStreamOptions extends LheWriteOptions {
  idwtup: 3 | -3 | 4 | -4;
  /** The process lines of the init block (σ per process). */
  processes: LheProcess[];
  /** Total number of events (required for IDWTUP ±4, where XWGTUP = w · N). */
  nEvents?: number;
}

/** A digit-exact float: 17 significant digits reproduce any double (IEEE 754-2008 §5.12.2). */
function num(x: number): string {
  // toExponential drops the sign of −0; keep it so that the round trip is exact to the bit.
  return Object.is(x, -0) ? "-0.0000000000000000e+0" : x.toExponential(16);
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Streaming LHE writer: open, write batches, then close (which renames the file into place).
 * Nothing is visible at `path` until `close()` succeeds; `abort()` (or an error) leaves the old file.
 */
export class LheWriter {
  private written = 0;
  private readonly multiplier: number;

  private constructor(
    private readonly out: Awaited<ReturnType<typeof openAtomicWriteStream>>,
    private readonly options: LheStreamOptions,
    private readonly processIds: Set<number>,
  ) {
    const mode = Math.abs(options.idwtup);
    this.multiplier = mode === 4 ? options.nEvents! : 1;
  }

  static async open(path: string, info: EventBatchInfo, options: LheStreamOptions): Promise<LheWriter> {
    const mode = Math.abs(options.idwtup);
    if (mode === 4 && !(Number.isInteger(options.nEvents) && options.nEvents! > 0))
      throw new FileFormatError(
        path,
        undefined,
        "nEvents (a positive integer) for IDWTUP ±4, where XWGTUP = w · N",
      );
    if (options.processes.length === 0)
      throw new FileFormatError(path, undefined, "at least one process for the <init> block");
    const out = await openAtomicWriteStream(path, { gzip: options.gzip ?? false });
    const w = new LheWriter(out, options, new Set(options.processes.map((p) => p.id)));
    try {
      await out.write(initText(info, options));
    } catch (err) {
      await out.abort();
      throw err;
    }
    return w;
  }

  /** Appends the events of a batch. */
  async write(batch: EventBatch): Promise<void> {
    try {
      const parts: string[] = [];
      let size = 0;
      for (let e = 0; e < batch.nEvents; e++) {
        const s = this.eventText(batch, e);
        parts.push(s);
        size += s.length;
        if (size > 1 << 20) {
          await this.out.write(parts.join(""));
          parts.length = 0;
          size = 0;
        }
      }
      if (parts.length > 0) await this.out.write(parts.join(""));
      this.written += batch.nEvents;
    } catch (err) {
      await this.out.abort();
      throw err;
    }
  }

  /** Writes the closing tag and moves the file into place. */
  async close(): Promise<void> {
    const o = this.options;
    if (Math.abs(o.idwtup) === 4 && this.written !== o.nEvents) {
      await this.out.abort();
      throw new FileFormatError(
        this.out.path,
        undefined,
        `${o.nEvents} events as declared for IDWTUP ±4 (wrote ${this.written}); nothing was written`,
      );
    }
    try {
      await this.out.write("</LesHouchesEvents>\n");
      await this.out.commit();
    } catch (err) {
      await this.out.abort();
      throw err;
    }
  }

  async abort(): Promise<void> {
    await this.out.abort();
  }

  private eventText(batch: EventBatch, e: number): string {
    const p0 = batch.offsets[e]!;
    const p1 = batch.offsets[e + 1]!;
    const nup = p1 - p0;
    const pid = batch.processId[e]!;
    if (!this.processIds.has(pid))
      throw new FileFormatError(
        this.out.path,
        undefined,
        `event ${e}: a processId listed in the init block (got ${pid})`,
      );
    const extra = batch as Partial<BuiltBatch>;
    const lines: string[] = ["<event>"];
    lines.push(
      `${nup} ${pid} ${num(batch.weight[e]! * this.multiplier)} ${num(batch.scale[e]!)} -1 ${num(batch.alphaS[e]!)}`,
    );
    for (let i = p0; i < p1; i++) {
      const ctau = extra.ctauMm ? extra.ctauMm[i]! : 0;
      const spin = extra.spin ? extra.spin[i]! : 9;
      lines.push(
        ` ${batch.pdg[i]} ${batch.status[i]} ${batch.mother1[i]! + 1} ${batch.mother2[i]! + 1} ${batch.colour[i]} ${batch.anticolour[i]} ${num(batch.px[i]!)} ${num(batch.py[i]!)} ${num(batch.pz[i]!)} ${num(batch.E[i]!)} ${num(batch.m[i]!)} ${num(ctau)} ${num(spin)}`,
      );
    }
    lines.push(
      `#pdf ${batch.id1[e]} ${batch.id2[e]} ${num(batch.x1[e]!)} ${num(batch.x2[e]!)} ${num(batch.scale[e]!)} 0 0`,
    );
    const names = this.options.weightNames;
    if (names && names.length > 0) {
      const nW = names.length;
      const ws = extra.weights;
      if (!ws || ws.length !== batch.nEvents * nW)
        throw new FileFormatError(
          this.out.path,
          undefined,
          `a weights column of nEvents × ${nW} values for weightNames`,
        );
      lines.push("<rwgt>");
      for (let w = 0; w < nW; w++)
        lines.push(`<wgt id='${xmlEscape(names[w]!)}'> ${num(ws[e * nW + w]! * this.multiplier)} </wgt>`);
      lines.push("</rwgt>");
    }
    if (this.options.vertices !== false) {
      for (let i = p0; i < p1; i++) {
        // Object.is: a −0 coordinate is written too, so the round trip keeps its sign.
        if (!Object.is(batch.vx[i], 0) || !Object.is(batch.vy[i], 0) || !Object.is(batch.vz[i], 0))
          lines.push(`#vertex ${i - p0} ${num(batch.vx[i]!)} ${num(batch.vy[i]!)} ${num(batch.vz[i]!)}`);
      }
    }
    lines.push("</event>\n");
    return lines.join("\n");
  }
}

function initText(info: EventBatchInfo, o: LheStreamOptions): string {
  const lhapdf = typeof info.meta.lhapdfId === "number" ? info.meta.lhapdfId : 0;
  const pdfGroup = o.pdfGroup ?? [0, 0];
  const pdfSet = o.pdfSet ?? [lhapdf, lhapdf];
  const lines = [
    '<LesHouchesEvents version="3.0">',
    "<header>",
    "<!-- written by dnreach; '#pdf id1 id2 x1 x2 scale xpdf1 xpdf2' and '#vertex index vx vy vz (mm)' lines follow the particles of an event -->",
    "<dnreach>",
    xmlEscape(
      JSON.stringify({
        processes: info.processes,
        sigmaPb: info.sigmaPb,
        sigmaErrPb: info.sigmaErrPb,
        meta: info.meta,
      }),
    ),
    "</dnreach>",
  ];
  if (o.header) lines.push(xmlEscape(o.header));
  if (o.weightNames && o.weightNames.length > 0) {
    lines.push("<initrwgt>", '<weightgroup name="dnreach">');
    for (const n of o.weightNames)
      lines.push(`<weight id="${xmlEscape(n).replace(/"/g, "&quot;")}"> </weight>`);
    lines.push("</weightgroup>", "</initrwgt>");
  }
  lines.push("</header>", "<init>");
  lines.push(
    `${info.beamPdg[0]} ${info.beamPdg[1]} ${num(info.beamEnergyGeV[0])} ${num(info.beamEnergyGeV[1])} ${pdfGroup[0]} ${pdfGroup[1]} ${pdfSet[0]} ${pdfSet[1]} ${o.idwtup} ${o.processes.length}`,
  );
  for (const p of o.processes) lines.push(`${num(p.xsecPb)} ${num(p.xerrPb)} ${num(p.xmaxPb)} ${p.id}`);
  lines.push("</init>\n");
  return lines.join("\n");
}

/**
 * Writes batches (in memory) to an LHE file, choosing IDWTUP and the per-process init lines:
 * XSECUP_p = Σ_{e∈p} w_e (Neumaier sum, so a reader summing the same weights gets the same
 * number and reproduces w bit for bit), XERRUP_p shares info.sigmaErrPb in proportion to XSECUP_p,
 * XMAXUP_p = max |XWGTUP| of the process.
 */
export async function writeLhe(
  path: string,
  info: EventBatchInfo,
  batches: readonly EventBatch[],
  options: LheWriteOptions = {},
): Promise<void> {
  let n = 0;
  let wAbs: number | undefined;
  let equal = true;
  let negative = false;
  const sums = new Map<number, { sum: NeumaierSum; max: number }>();
  for (const b of batches) {
    for (let e = 0; e < b.nEvents; e++) {
      const w = b.weight[e]!;
      if (!Number.isFinite(w))
        throw new FileFormatError(path, undefined, `finite event weights (event ${n} has ${w})`);
      if (wAbs === undefined) wAbs = Math.abs(w);
      else if (Math.abs(w) !== wAbs) equal = false;
      if (w < 0) negative = true;
      let s = sums.get(b.processId[e]!);
      if (!s) {
        s = { sum: new NeumaierSum(), max: 0 };
        sums.set(b.processId[e]!, s);
      }
      s.sum.add(w);
      s.max = Math.max(s.max, Math.abs(w));
      n++;
    }
  }
  const idwtup = options.idwtup ?? (equal ? (negative ? -3 : 3) : negative ? -4 : 4);
  const mult = Math.abs(idwtup) === 4 ? n : 1;
  const total = [...sums.values()].reduce((a, s) => a + s.sum.value, 0);
  const processes: LheProcess[] = [...sums.entries()].map(([id, s]) => ({
    id,
    xsecPb: s.sum.value,
    xerrPb: total !== 0 ? (info.sigmaErrPb * Math.abs(s.sum.value)) / Math.abs(total) : 0,
    xmaxPb: s.max * mult,
  }));
  if (processes.length === 0)
    for (const id of Object.keys(info.processes))
      processes.push({ id: Number(id), xsecPb: 0, xerrPb: 0, xmaxPb: 0 });
  if (processes.length === 0) processes.push({ id: 1, xsecPb: 0, xerrPb: 0, xmaxPb: 0 });
  const w = await LheWriter.open(path, info, { ...options, idwtup, processes, nEvents: n });
  for (const b of batches) await w.write(b);
  await w.close();
}
