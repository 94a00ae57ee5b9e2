/**
 * Input errors as values with the name of the offending field, its allowed range and what was
 * received. The CLI prints `message` without a stack trace; the library throws them.
 */
export class InputError extends Error {
  readonly field: string;
  readonly allowed: string;
  readonly received: unknown;

  constructor(field: string, allowed: string, received: unknown, detail?: string) {
    super(`${field} must be ${allowed} (got ${formatValue(received)})${detail ? `: ${detail}` : ""}`);
    this.name = "InputError";
    this.field = field;
    this.allowed = allowed;
    this.received = received;
  }
}

/** A malformed file: names the file, the line (1-based, when known) and what was expected. */
export class FileFormatError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, expected: string) {
    super(`${file}${line !== undefined ? `:${line}` : ""}: ${expected}`);
    this.name = "FileFormatError";
    this.file = file;
    this.line = line;
  }
}

function formatValue(v: unknown): string {
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

export interface RangeSpec {
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
  /** When true the minimum itself is excluded. */
  minExclusive?: boolean;
  /** When true the maximum itself is excluded. */
  maxExclusive?: boolean;
  /** Unit appended to the range in the message, e.g. "GeV". */
  unit?: string;
}

/** Human-readable description of a range, e.g. "a number in (0, 1) GeV". */
export function describeRange(spec: RangeSpec): string {
  const unit = spec.unit ? ` ${spec.unit}` : "";
  const lo = spec.min ?? Number.NEGATIVE_INFINITY;
  const hi = spec.max ?? Number.POSITIVE_INFINITY;
  if (spec.min === undefined && spec.max === undefined) return "a finite number";
  if (spec.max === undefined) return `a number ${spec.minExclusive ? ">" : "≥"} ${lo}${unit}`;
  if (spec.min === undefined) return `a number ${spec.maxExclusive ? "<" : "≤"} ${hi}${unit}`;
  return `a number in ${spec.minExclusive ? "(" : "["}${lo}, ${hi}${spec.maxExclusive ? ")" : "]"}${unit}`;
}

/** Throws an InputError unless `value` is a finite number inside `spec`; returns the value. */
export function checkRange(field: string, value: number, spec: RangeSpec = {}): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (spec.min === undefined || (spec.minExclusive ? value > spec.min : value >= spec.min)) &&
    (spec.max === undefined || (spec.maxExclusive ? value < spec.max : value <= spec.max));
  if (!ok) throw new InputError(field, describeRange(spec), value);
  return value;
}
