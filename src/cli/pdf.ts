/** `dnreach pdf`: x·f(x, Q) of every parton of a PDF set and α_s(Q) at one point. */
import type { Command } from "commander";
import { parseCount, parseNumber, printJson } from "./options.js";

interface PdfOptions {
  x: number;
  Q: number;
  set?: string;
  member: number;
  pdfPath?: string[];
  json?: boolean;
}

const NAMES: Record<number, string> = {
  [-6]: "tbar",
  [-5]: "bbar",
  [-4]: "cbar",
  [-3]: "sbar",
  [-2]: "ubar",
  [-1]: "dbar",
  1: "d",
  2: "u",
  3: "s",
  4: "c",
  5: "b",
  6: "t",
  21: "g",
  22: "gamma",
};

export function registerPdf(program: Command): void {
  program
    .command("pdf")
    .description("print x·f(x, Q) for every parton of a PDF set and α_s(Q)")
    .requiredOption("--x <x>", "momentum fraction x in (0, 1]", parseNumber)
    .requiredOption("--Q <GeV>", "factorisation scale Q in GeV (> 0)", parseNumber)
    .option(
      "--set <name>",
      "LHAPDF set name or path to a set directory (default: the embedded NNPDF23_lo_as_0130_qed)",
    )
    .option("--member <n>", "member number", parseCount, 0)
    .option(
      "--pdf-path <dir>",
      "directory searched for sets before LHAPDF_DATA_PATH and the embedded sets (repeatable)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option("--json", 'print {set, x, Q, alphaS, xf: {"<pdg id>": value}} as JSON')
    .action(async (opts: PdfOptions) => {
      const { loadPdfSet, DEFAULT_PDF_SET } = await import("../pdf/index.js");
      const set = loadPdfSet(opts.set ?? DEFAULT_PDF_SET, {
        member: opts.member,
        searchPaths: opts.pdfPath ?? [],
      });
      const alphaS = set.alphaS(opts.Q);
      const xf: Record<string, number> = {};
      for (const id of set.flavours) xf[String(id)] = set.xfxQ(id, opts.x, opts.Q);
      if (opts.json) {
        printJson({ set: set.name, member: set.member, x: opts.x, Q: opts.Q, alphaS, xf });
        return;
      }
      const lines = [
        `set ${set.name} member ${set.member} (${set.directory})`,
        `x = ${opts.x}  Q = ${opts.Q} GeV  alpha_s(Q) = ${alphaS.toPrecision(6)}`,
        `${"pdg".padStart(4)}  ${"parton".padEnd(6)}  x·f(x, Q)`,
        ...Array.from(
          set.flavours,
          (id) =>
            `${String(id).padStart(4)}  ${(NAMES[id] ?? "?").padEnd(6)}  ${xf[String(id)]!.toExponential(6)}`,
        ),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
