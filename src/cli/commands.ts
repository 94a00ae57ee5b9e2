/** The list of commands. Each module declares its options and lazily imports the library. */
import type { Command } from "commander";

export function registerCommands(program: Command): void {
  void program;
}
