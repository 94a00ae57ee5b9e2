/** Option parsers shared by the commands: they turn text into checked values or say what is wrong. */
import { InvalidArgumentError } from "commander";

/** Parses a finite number (plain or exponent notation). */
export function parseNumber(text: string): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) throw new InvalidArgumentError("expected a finite number.");
  return v;
}

/** Parses a non-negative integer. */
export function parseCount(text: string): number {
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < 0) throw new InvalidArgumentError("expected a whole number ≥ 0.");
  return v;
}

/** Parses one of a fixed set of words. */
export function parseChoice<T extends string>(choices: readonly T[]) {
  return (text: string): T => {
    if (!(choices as readonly string[]).includes(text)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(", ")}.`);
    }
    return text as T;
  };
}

/** Writes a value as pretty JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
