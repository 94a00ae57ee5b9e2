/**
 * `dnreach plot <figure> --out DIR`: writes one figure as SVG, PNG and JSON (the numbers behind it).
 * Figures are entries of FIGURES; add one by adding an entry (name → description and a lazy writer).
 */
import type { Command } from "commander";
import { parseCount } from "./options.js";

interface PlotOptions {
  out: string;
  points?: number;
  quick?: boolean;
  samples?: string[];
  n?: number;
  seed?: number;
}

interface FigureEntry {
  description: string;
  /** Writes the figure into `dir` and returns the paths written. */
  write(dir: string, opts: PlotOptions): Promise<{ svg: string; png: string; data: string }>;
}

/** Size options of the paper figures (Figs. 2–5, src/plot/fig2.ts, distributions.ts, fig5.ts). */
function sizeOptions(opts: PlotOptions): { quick: boolean; nEvents?: number; seed?: number } {
  return {
    quick: opts.quick ?? false,
    ...(opts.n !== undefined ? { nEvents: opts.n } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  };
}

async function fig34(which: "fig3" | "fig4", dir: string, opts: PlotOptions) {
  const { readRawSamples, writeFig34 } = await import("../plot/distributions.js");
  const samples = opts.samples ? await readRawSamples(opts.samples) : [];
  return writeFig34(dir, which, { ...sizeOptions(opts), samples });
}

const FIGURES: Record<string, FigureEntry> = {
  fig2: {
    description:
      "paper Fig. 2, dielectron mass resolution vs m_ZD (m_N = 10 GeV; paper card, optimistic–pessimistic band)",
    async write(dir, opts) {
      const { writeFig2 } = await import("../plot/fig2.js");
      const s = sizeOptions(opts);
      return writeFig2(dir, { size: s.quick ? "quick" : "full", ...s });
    },
  },
  fig3: {
    description: "paper Fig. 3, pre-selection distributions at 150 fb⁻¹ (backgrounds from --samples)",
    write: (dir, opts) => fig34("fig3", dir, opts),
  },
  fig4: {
    description: "paper Fig. 4, signal-region distributions at 150 fb⁻¹ (backgrounds from --samples)",
    write: (dir, opts) => fig34("fig4", dir, opts),
  },
  fig5: {
    description: "paper Fig. 5, Z_D displacement distributions (mass points; αε² variations)",
    async write(dir, opts) {
      const { writeFig5 } = await import("../plot/fig5.js");
      return writeFig5(dir, sizeOptions(opts));
    },
  },
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
    .option("--quick", "fig2–fig5: small samples and short warm-ups (seconds)")
    .option("-n, --n <count>", "fig2–fig5: events per generated signal sample", parseCount)
    .option("--seed <n>", "fig2–fig5: random seed", parseCount)
    .option(
      "--samples <paths...>",
      "fig3/fig4: sample directories or LHE/HepMC3 files (W, Z, top backgrounds; signals optional)",
    )
    .action(async (figure: string, opts: PlotOptions) => {
      const entry = FIGURES[figure];
      if (!entry) {
        const { InputError } = await import("../core/errors.js");
        throw new InputError("<figure>", `one of ${names.join(", ")}`, figure);
      }
      const written = await entry.write(opts.out, opts);
      const csv = (written as { csv?: string }).csv;
      process.stdout.write(`${written.svg}\n${written.png}\n${written.data}\n${csv ? `${csv}\n` : ""}`);
    });
}
