/**
 * Field parsing shared by the text readers: every number is checked, and a bad one raises a
 * FileFormatError naming the file, the line and the field that was expected.
 */

import { FileFormatError } from "../core/errors.js";

/** A decimal floating-point literal (Fortran 'D' exponents accepted, as some generators write). */
const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][+-]?\d+)?$/;
const INT_RE = /^[+-]?\d+$/;

export interface Where {
  readonly file: string;
  readonly lineNumber: number;
}

/** Splits a line into whitespace-separated tokens. */
export function tokens(line: string): string[] {
  const t = line.trim();
  return t.length === 0 ? [] : t.split(/\s+/);
}

export function parseFloatField(where: Where, tok: string | undefined, what: string): number {
  if (tok !== undefined && FLOAT_RE.test(tok)) {
    let v = Number(tok);
    if (Number.isNaN(v)) v = Number(tok.replace(/[dD]/, "e"));
    if (Number.isFinite(v)) return v;
  }
  throw new FileFormatError(
    where.file,
    where.lineNumber,
    `${what}: a finite number (got ${tok === undefined ? "nothing" : JSON.stringify(clip(tok))})`,
  );
}

export function parseIntField(
  where: Where,
  tok: string | undefined,
  what: string,
  min = -2147483648,
  max = 2147483647,
): number {
  if (tok !== undefined && INT_RE.test(tok)) {
    const v = Number(tok);
    if (v >= min && v <= max) return v;
  }
  throw new FileFormatError(
    where.file,
    where.lineNumber,
    `${what}: an integer in [${min}, ${max}] (got ${tok === undefined ? "nothing" : JSON.stringify(clip(tok))})`,
  );
}

/** Requires exactly (or at least, when `atLeast`) `n` fields on a line. */
export function expectFieldCount(
  where: Where,
  fields: readonly string[],
  n: number,
  what: string,
  atLeast = false,
): void {
  if (atLeast ? fields.length >= n : fields.length === n) return;
  throw new FileFormatError(
    where.file,
    where.lineNumber,
    `${what}: ${atLeast ? "at least " : ""}${n} fields (got ${fields.length})`,
  );
}

export function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/**
 * Allocation-light field reader for hot lines (LHE particle lines): walks the line by char code,
 * validates each token's characters, and converts floats with Number() on the token (correctly
 * rounded, so 17-digit output reads back to the same double) and integers digit by digit.
 * Accepts exactly what `parseFloatField` / `parseIntField` accept.
 */
export class FieldScanner {
  private line = "";
  private pos = 0;
  private start = 0;
  private end = 0;

  reset(line: string): void {
    this.line = line;
    this.pos = 0;
  }

  /** Number of whitespace-separated fields on the line (does not move the cursor). */
  count(): number {
    const s = this.line;
    let n = 0;
    let inTok = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const ws = c === 32 || c === 9 || c === 13;
      if (!ws && !inTok) n++;
      inTok = !ws;
    }
    return n;
  }

  private advance(): boolean {
    const s = this.line;
    let p = this.pos;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (c !== 32 && c !== 9 && c !== 13) break;
      p++;
    }
    if (p >= s.length) {
      this.pos = p;
      return false;
    }
    this.start = p;
    while (p < s.length) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 9 || c === 13) break;
      p++;
    }
    this.end = p;
    this.pos = p;
    return true;
  }

  /** Skips one field (e.g. a line tag). */
  skip(): void {
    this.advance();
  }

  float(where: Where, what: string): number {
    if (this.advance()) {
      const s = this.line;
      let ok = true;
      let hasD = false;
      for (let i = this.start; i < this.end; i++) {
        const c = s.charCodeAt(i);
        // digits + - . e E d D
        if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 101 || c === 69) continue;
        if (c === 100 || c === 68) {
          hasD = true;
          continue;
        }
        ok = false;
        break;
      }
      if (ok) {
        const tok = s.slice(this.start, this.end);
        const v = hasD ? Number(tok.replace(/[dD]/, "e")) : Number(tok);
        // With only these characters, Number() accepts exactly the FLOAT_RE literals.
        if (Number.isFinite(v)) return v;
      }
      return parseFloatField(where, s.slice(this.start, this.end), what);
    }
    return parseFloatField(where, undefined, what);
  }

  int(where: Where, what: string, min = -2147483648, max = 2147483647): number {
    if (this.advance()) {
      const s = this.line;
      let i = this.start;
      let neg = false;
      const c0 = s.charCodeAt(i);
      if (c0 === 45 || c0 === 43) {
        neg = c0 === 45;
        i++;
      }
      let v = 0;
      let ok = i < this.end && this.end - i <= 15;
      for (; ok && i < this.end; i++) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) ok = false;
        else v = v * 10 + d;
      }
      if (ok) {
        if (neg) v = -v;
        if (v >= min && v <= max) return v === 0 ? 0 : v;
      }
      return parseIntField(where, s.slice(this.start, this.end), what, min, max);
    }
    return parseIntField(where, undefined, what, min, max);
  }
}
