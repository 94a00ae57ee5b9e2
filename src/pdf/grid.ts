/**
 * Reader for LHAPDF6 member files in the `lhagrid1` format, kept as typed arrays.
 *
 * Format (A. Buckley et al., "LHAPDF6: parton density access in the LHC precision era",
 * Eur. Phys. J. C 75 (2015) 132, arXiv:1412.7420, Sec. 3): a YAML header (`PdfType`, `Format`, …)
 * closed by a line `---`, then one block per Q subgrid, each closed by `---`:
 *   line 1: the x knots (increasing, in (0, 1]);
 *   line 2: the Q knots in GeV (increasing; not Q²);
 *   line 3: the PDG ids of the flavour columns (21 = gluon, 22 = photon);
 *   then nx·nQ rows (x is the outer loop, Q the inner one), each with x·f(x, Q) for every flavour.
 * Consecutive subgrids share their boundary Q knot.
 */
import { FileFormatError } from "../core/errors.js";

/** One Q subgrid: knots and x·f values, plus d(x·f)/d(log x) precomputed at every knot. */
export interface Subgrid {
  readonly nx: number;
  readonly nq: number;
  /** x knots. */
  readonly xs: Float64Array;
  readonly logxs: Float64Array;
  /** Q² knots (GeV²). */
  readonly q2s: Float64Array;
  readonly logq2s: Float64Array;
  /** x·f at [(ix·nq + iq)·nFlavours + k]. */
  readonly xf: Float64Array;
  /**
   * d(x·f)/d(log x) at the same index, with LHAPDF's finite differences: the mean of the left and
   * right slopes in the interior, one-sided at the first and last x knot.
   */
  readonly dxf: Float64Array;
}

/** A parsed member file. */
export interface PdfGrid {
  readonly file: string;
  /** PDG ids of the columns, in file order. */
  readonly flavours: Int32Array;
  readonly subgrids: readonly Subgrid[];
  readonly xMin: number;
  readonly xMax: number;
  readonly q2Min: number;
  readonly q2Max: number;
}

// A decimal number as written in grid files (no hex, no Infinity/NaN).
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Line iterator over a string that keeps 1-based line numbers. */
class Lines {
  private pos = 0;
  line = 0;
  constructor(private readonly text: string) {}
  /** The next line (without its end-of-line), or undefined at the end of the text. */
  next(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    let end = this.text.indexOf("\n", this.pos);
    if (end < 0) end = this.text.length;
    let s = this.text.slice(this.pos, end);
    if (s.endsWith("\r")) s = s.slice(0, -1);
    this.pos = end + 1;
    this.line++;
    return s;
  }
}

function parseNumbers(file: string, lineNo: number, text: string, what: string): number[] {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length === 1 && tokens[0] === "") {
    throw new FileFormatError(file, lineNo, `${what}: expected numbers, found an empty line`);
  }
  const out = new Array<number>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const v = NUMBER.test(t) ? Number(t) : Number.NaN;
    if (!Number.isFinite(v)) {
      throw new FileFormatError(
        file,
        lineNo,
        `${what}: column ${i + 1} is not a finite number (${JSON.stringify(t.slice(0, 40))})`,
      );
    }
    out[i] = v;
  }
  return out;
}

function requireLine(file: string, lines: Lines, what: string): string {
  const s = lines.next();
  if (s === undefined) throw new FileFormatError(file, lines.line + 1, `truncated file: expected ${what}`);
  return s;
}

function checkIncreasing(
  file: string,
  lineNo: number,
  v: number[],
  what: string,
  min: number,
  max: number,
): void {
  for (let i = 0; i < v.length; i++) {
    const a = v[i]!;
    if (!(a > min && a <= max)) {
      throw new FileFormatError(file, lineNo, `${what}: knot ${i + 1} = ${a} is outside (${min}, ${max}]`);
    }
    if (i > 0 && !(a > v[i - 1]!)) {
      throw new FileFormatError(
        file,
        lineNo,
        `${what}: knots must be strictly increasing (knot ${i + 1} = ${a})`,
      );
    }
  }
}

/**
 * Parses the text of an `lhagrid1` member file. `file` is used in error messages only.
 * Throws FileFormatError(file, line, …) for any malformed content.
 */
export function parseLhagrid1(text: string, file: string): PdfGrid {
  const lines = new Lines(text);
  // Header: YAML lines up to the first `---`; only `Format` is checked (LHAPDF reads the rest as metadata).
  for (;;) {
    const s = lines.next();
    if (s === undefined)
      throw new FileFormatError(file, lines.line + 1, "truncated file: no '---' after the header");
    const t = s.trim();
    if (t === "---") break;
    const m = /^Format\s*:\s*(\S+)/.exec(t);
    if (m && m[1] !== "lhagrid1") {
      throw new FileFormatError(
        file,
        lines.line,
        `unsupported grid format ${JSON.stringify(m[1])} (expected lhagrid1)`,
      );
    }
  }

  const subgrids: Subgrid[] = [];
  let flavours: Int32Array | undefined;
  for (;;) {
    // Skip blank lines between blocks; the end of the text after a '---' is a normal end.
    let s = lines.next();
    while (s !== undefined && s.trim() === "") s = lines.next();
    if (s === undefined) break;
    const sg = subgrids.length + 1;
    const xLine = lines.line;
    const xs = parseNumbers(file, xLine, s, `subgrid ${sg} x knots`);
    checkIncreasing(file, xLine, xs, `subgrid ${sg} x knots`, 0, 1);
    if (xs[0]! < 1e-300)
      throw new FileFormatError(file, xLine, `subgrid ${sg} x knots: ${xs[0]} is below 1e-300`);
    if (xs.length < 4)
      throw new FileFormatError(
        file,
        xLine,
        `subgrid ${sg}: at least 4 x knots are needed for log-bicubic interpolation (found ${xs.length})`,
      );
    const qs = parseNumbers(
      file,
      lines.line + 1,
      requireLine(file, lines, `subgrid ${sg} Q knots`),
      `subgrid ${sg} Q knots`,
    );
    const qLine = lines.line;
    checkIncreasing(file, qLine, qs, `subgrid ${sg} Q knots`, 0, 1e100);
    if (qs[0]! < 1e-100)
      throw new FileFormatError(file, qLine, `subgrid ${sg} Q knots: ${qs[0]} GeV is below 1e-100 GeV`);
    if (qs.length < 2)
      throw new FileFormatError(
        file,
        qLine,
        `subgrid ${sg}: at least 2 Q knots are needed (found ${qs.length})`,
      );
    const prev = subgrids[subgrids.length - 1];
    if (prev !== undefined) {
      const lastQ2 = prev.q2s[prev.nq - 1]!;
      const q2 = qs[0]! * qs[0]!;
      if (Math.abs(q2 - lastQ2) > 1e-10 * lastQ2) {
        throw new FileFormatError(
          file,
          qLine,
          `subgrid ${sg} must start at the last Q knot of the previous subgrid (${Math.sqrt(lastQ2)} GeV), found ${qs[0]}`,
        );
      }
    }
    const fl = parseNumbers(
      file,
      lines.line + 1,
      requireLine(file, lines, `subgrid ${sg} flavour ids`),
      `subgrid ${sg} flavour ids`,
    );
    const fLine = lines.line;
    for (const id of fl) {
      if (!Number.isInteger(id) || !((id >= -6 && id <= 6) || id === 21 || id === 22)) {
        throw new FileFormatError(
          file,
          fLine,
          `subgrid ${sg} flavour ids: ${id} is not a parton PDG id (-6..6, 21, 22)`,
        );
      }
    }
    if (new Set(fl).size !== fl.length)
      throw new FileFormatError(file, fLine, `subgrid ${sg} flavour ids: repeated id`);
    if (flavours === undefined) {
      flavours = Int32Array.from(fl);
    } else if (fl.length !== flavours.length || fl.some((id, i) => id !== flavours![i])) {
      throw new FileFormatError(file, fLine, `subgrid ${sg} flavour ids differ from those of subgrid 1`);
    }
    const nx = xs.length;
    const nq = qs.length;
    const nf = fl.length;
    const xf = new Float64Array(nx * nq * nf);
    for (let r = 0; r < nx * nq; r++) {
      const row = requireLine(file, lines, `row ${r + 1} of ${nx * nq} of subgrid ${sg}`);
      if (row.trim() === "---") {
        throw new FileFormatError(
          file,
          lines.line,
          `truncated subgrid ${sg}: found '---' after ${r} of ${nx * nq} rows`,
        );
      }
      const v = parseNumbers(file, lines.line, row, `subgrid ${sg} row ${r + 1}`);
      if (v.length !== nf) {
        throw new FileFormatError(
          file,
          lines.line,
          `subgrid ${sg} row ${r + 1}: expected ${nf} columns (one per flavour), found ${v.length}`,
        );
      }
      for (let k = 0; k < nf; k++) {
        // |x·f| beyond 1e30 is not a parton density; refusing it keeps every difference finite.
        if (Math.abs(v[k]!) > 1e30) {
          throw new FileFormatError(
            file,
            lines.line,
            `subgrid ${sg} row ${r + 1}: column ${k + 1} = ${v[k]} is not a plausible x·f value (|x·f| ≤ 1e30)`,
          );
        }
      }
      xf.set(v, r * nf);
    }
    const end = requireLine(file, lines, `'---' closing subgrid ${sg}`);
    if (end.trim() !== "---") {
      throw new FileFormatError(
        file,
        lines.line,
        `subgrid ${sg}: expected '---' after ${nx * nq} rows (${nx} x × ${nq} Q knots)`,
      );
    }
    const logxs = Float64Array.from(xs, Math.log);
    const q2s = Float64Array.from(qs, (q) => q * q);
    subgrids.push({
      nx,
      nq,
      xs: Float64Array.from(xs),
      logxs,
      q2s,
      logq2s: Float64Array.from(q2s, Math.log),
      xf,
      dxf: xDerivatives(xf, logxs, nx, nq, nf),
    });
  }
  if (flavours === undefined || subgrids.length === 0) {
    throw new FileFormatError(file, lines.line, "no subgrid after the header");
  }
  const first = subgrids[0]!;
  const last = subgrids[subgrids.length - 1]!;
  return {
    file,
    flavours,
    subgrids,
    xMin: first.xs[0]!,
    xMax: first.xs[first.nx - 1]!,
    q2Min: first.q2s[0]!,
    q2Max: last.q2s[last.nq - 1]!,
  };
}

/**
 * d(x·f)/d(log x) at every knot (LHAPDF 6 LogBicubicInterpolator, `_dxf_dlogx`): the mean of the
 * backward and forward difference quotients inside, the one-sided quotient at the two ends.
 */
function xDerivatives(
  xf: Float64Array,
  logxs: Float64Array,
  nx: number,
  nq: number,
  nf: number,
): Float64Array {
  const d = new Float64Array(xf.length);
  const stride = nq * nf;
  for (let ix = 0; ix < nx; ix++) {
    const hasL = ix > 0;
    const hasR = ix < nx - 1;
    const dl = hasL ? logxs[ix]! - logxs[ix - 1]! : 0;
    const dr = hasR ? logxs[ix + 1]! - logxs[ix]! : 0;
    for (let j = 0; j < stride; j++) {
      const i = ix * stride + j;
      const f = xf[i]!;
      if (hasL && hasR) d[i] = 0.5 * ((f - xf[i - stride]!) / dl + (xf[i + stride]! - f) / dr);
      else if (hasR) d[i] = (xf[i + stride]! - f) / dr;
      else d[i] = (f - xf[i - stride]!) / dl;
    }
  }
  return d;
}
