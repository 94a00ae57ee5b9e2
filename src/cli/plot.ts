/**
 * `dnreach plot <figure> --out DIR`: writes one figure as SVG, PNG and JSON (the numbers behind it).
 * Figures are entries of FIGURES; add one by adding an entry (name → description and a lazy writer).
 */
import type { Command } from "commander";
import { parseChoice, parseCount, parseNumber } from "./options.js";

interface PlotOptions {
  out: string;
  limits?: string;
  points?: number;
  quick?: boolean;
  samples?: string[];
  n?: number;
  seed?: number;
  sqrtS?: number;
  level?: "none" | "pt1" | "table2";
  pairing?: "sfos" | "candidate";
  workers?: number;
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

/** Figs. 6–9 from a limits.json written by `dnreach reproduce`. */
async function limitFigure(name: "fig6" | "fig7" | "fig8" | "fig9", dir: string, opts: PlotOptions) {
  const [{ readFile }, { limitFigureSpec }, { writeFigure }, { FULL_GRID }, { InputError }] =
    await Promise.all([
      import("node:fs/promises"),
      import("../plot/limitFigures.js"),
      import("../plot/render.js"),
      import("../scan/grids.js"),
      import("../core/errors.js"),
    ]);
  const path = opts.limits ?? "results/limits.json";
  let records: unknown;
  try {
    records = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new InputError(
      "--limits",
      "a limits.json written by `dnreach reproduce`",
      path,
      (err as Error).message,
    );
  }
  if (!Array.isArray(records)) throw new InputError("--limits", "a JSON list of limit records", path);
  // JSON has no Infinity: `null` limits (no sensitivity) come back as Infinity.
  const rows = records.map((r) => {
    const o = r as Record<string, unknown>;
    for (const k of ["U2Excl", "U2ExclLow", "U2ExclHigh"]) if (o[k] === null) o[k] = Number.POSITIVE_INFINITY;
    return o;
  }) as unknown as Parameters<typeof limitFigureSpec>[1];
  const spec = limitFigureSpec(name, rows, FULL_GRID);
  return writeFigure(dir, name, spec, records);
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
  fig6: {
    description: "paper Fig. 6 from --limits (m_Z_D = 30 MeV)",
    write: (d, o) => limitFigure("fig6", d, o),
  },
  fig7: {
    description: "paper Fig. 7 from --limits (m_N = 3 m_Z_D)",
    write: (d, o) => limitFigure("fig7", d, o),
  },
  fig8: {
    description: "paper Fig. 8 from --limits (αε² variations)",
    write: (d, o) => limitFigure("fig8", d, o),
  },
  fig9: {
    description: "paper Fig. 9 from --limits (electron pT thresholds)",
    write: (d, o) => limitFigure("fig9", d, o),
  },
  "mll-spectrum": {
    description:
      "dσ/dm_ℓℓ of the soft pair, 10 MeV–10 GeV, for the nine background processes (generated here, k-normalised)",
    async write(dir, opts) {
      const { writeMllSpectrum } = await import("../plot/mllSpectrum.js");
      const quick = opts.quick ?? false;
      return writeMllSpectrum(dir, {
        nEvents: opts.n ?? (quick ? 5000 : 100000),
        seed: opts.seed ?? 1,
        sqrtS: opts.sqrtS ?? 13000,
        level: opts.level ?? "none",
        pairing: opts.pairing === "candidate" ? "candidate" : "lightest-sfos",
        ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
        ...(quick ? { warmupPoints: 2000, warmupIterations: 3 } : {}),
        onProcess: (s, i, total) => {
          const f = (x: number, d = 4) => x.toPrecision(d);
          process.stderr.write(
            `[${i + 1}/${total}] ${s.label}: σ_LO = ${f(s.sigmaLOPb)} ± ${f(s.sigmaLOErrPb, 2)} pb, k = ${f(s.kFactor)}, σ = ${f(s.sigmaPb)} ± ${f(s.sigmaErrPb, 2)} pb; 10 MeV–10 GeV: ${f(s.inRangePb)} pb (${s.points} points, ${s.seconds.toFixed(1)} s)\n`,
          );
        },
      });
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
    .option("--quick", "fig2–fig5, mll-spectrum: small samples and short warm-ups (seconds)")
    .option("--limits <file>", "fig6–fig9: limits.json of `dnreach reproduce`", "results/limits.json")
    .option(
      "-n, --n <count>",
      "fig2–fig5: events per generated signal sample; mll-spectrum: points per process (≥ 1000, default 100000, --quick 5000)",
      parseCount,
    )
    .option("--seed <n>", "fig2–fig5, mll-spectrum: random seed", parseCount)
    .option(
      "--sqrt-s <GeV>",
      "mll-spectrum: centre-of-mass energy in GeV (13000: the tabulated Z k-factor)",
      parseNumber,
    )
    .option(
      "--level <level>",
      "mll-spectrum: none (generation cuts), pt1 (+ pT(ℓ1) > 25 GeV) or table2 (+ Table II kinematics)",
      parseChoice(["none", "pt1", "table2"] as const),
    )
    .option(
      "--pairing <p>",
      "mll-spectrum: soft pair = sfos (lightest same-flavour opposite-sign pair, default) or candidate (ℓ2ℓ3 by pT, paper Sec. V A)",
      parseChoice(["sfos", "candidate"] as const),
    )
    .option("--workers <n>", "mll-spectrum: worker threads (default: all cores; 0 = this thread)", parseCount)
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
