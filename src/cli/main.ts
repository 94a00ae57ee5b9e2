#!/usr/bin/env node
/**
 * The `dnreach` command. Commands are declared here (cheap) and their implementations are imported
 * lazily when run; only this file exits the process.
 */
import { Command, CommanderError } from "commander";
import { FileFormatError, InputError } from "../core/errors.js";
import { registerCommands } from "./commands.js";

async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name("dnreach")
    .description("LHC reach of dark-neutrino searches: W → ℓ N_D, N_D → ν Z_D, Z_D → ℓ⁺ℓ⁻")
    .version(await packageVersion())
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  registerCommands(program);
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof InputError || err instanceof FileFormatError) {
      process.stderr.write(`dnreach: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

main(process.argv).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `dnreach: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(70);
  },
);
