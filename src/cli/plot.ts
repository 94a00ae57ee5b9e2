/**
 * `dnreach plot <figure> --out DIR`: writes one figure as SVG, PNG and JSON (the numbers behind it).
 * Figures are entries of FIGURES; add one by adding an entry (name → description and a lazy writer).
 */
import type { Command } from "commander";
import { parseCount } from "./options.js";

interface PlotOptions {
  out: string;
  points?: number;
}

interface FigureEntry {
  description: string;
  /** Writes the figure into `dir` and returns the paths written. */
  write(dir: string, opts: PlotOptions): Promise<{ svg: string; png: string; data: string }>;
}

const FIGURES: Record<string, FigureEntry> = {
  "zd-branching": {
    description: "BR(Z_D → ee, μμ, ττ, hadrons) versus m_ZD, 1 MeV–10 GeV (log axis)",
    async write(dir, opts) {
      const [{ zdBranchingSpec, zdBranchingTable }, { writeFigure }] = await Promise.all([
        import("../plot/zdBranching.js"),
        import("../plot/render.js"),
      ]);
      const rows = zdBranchingTable(undefined, opts.points === undefined ? {} : { points: opts.points });
      return writeFigure(dir, "zd-branching", zdBranchingSpec(rows), {
        description: "Z_D branching ratios vs mass; BRs from dnreach src/model (docs/model.md)",
        columns: { mZD: "GeV", channel: "decay channel", br: "branching ratio" },
        rows,
      });
    },
  },
};

export function registerPlot(program: Command): void {
  const names = Object.keys(FIGURES);
  program
    .command("plot")
    .description(
      `write a figure as SVG, PNG and JSON; figures: ${names.map((n) => `${n} (${FIGURES[n]!.description})`).join("; ")}`,
    )
    .argument("<figure>", `one of ${names.join(", ")}`)
    .requiredOption("--out <dir>", "output directory (created if missing)")
    .option("--points <n>", "number of log-spaced masses (zd-branching; ≥ 400, default 2000)", parseCount)
    .action(async (figure: string, opts: PlotOptions) => {
      const entry = FIGURES[figure];
      if (!entry) {
        const { InputError } = await import("../core/errors.js");
        throw new InputError("<figure>", `one of ${names.join(", ")}`, figure);
      }
      const written = await entry.write(opts.out, opts);
      process.stdout.write(`${written.svg}\n${written.png}\n${written.data}\n`);
    });
}
