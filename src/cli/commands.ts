/**
 * The list of commands. Each module declares its options (cheap) and lazily imports the library
 * inside its action. Add a command by adding one `register…` line below.
 */
import type { Command } from "commander";
import { registerAnalyze } from "./analyze.js";
import { registerGenerate } from "./generate.js";
import { registerModel } from "./model.js";
import { registerPdf } from "./pdf.js";
import { registerPlot } from "./plot.js";
import { registerReproduce } from "./reproduce.js";

export function registerCommands(program: Command): void {
  void program;
  registerPdf(program);
  registerModel(program);
  registerPlot(program);
  registerGenerate(program);
  registerAnalyze(program);
  registerReproduce(program);
}
