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
