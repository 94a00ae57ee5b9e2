/**
 * `dnreach analyze DIR_OR_FILE`: detector card → observables → the paper's selection; prints the
 * weighted cut flow per process (expected events at --lumi) and writes histograms with --out.
 * Thin layer over src/analysis/pipeline.ts (no physics here).
 */
import type { Command } from "commander";
import { parseChoice, parseCount, parseNumber, printJson } from "./options.js";

const SELECTION_CHOICES = ["baseline", "prompt-baseline", "sr", "prompt-sr", "displaced-sr"] as const;

interface AnalyzeCliOptions {
  card: string;
  lumi: number;
  selection: (typeof SELECTION_CHOICES)[number];
  channel: "ee" | "mumu" | "combined";
  electronPtMin?: number;
  seed: number;
  efficiencyMode: "weight" | "random";
  htScale?: number;
  out?: string;
  json?: boolean;
}

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description(
      "detector response, observables and the paper's selection for a sample: cut flow in expected events, histograms",
    )
    .argument(
      "<input>",
      "native sample directory (dnreach generate --out), LHE (.lhe[.gz]) or HepMC3 (.hepmc[3][.gz])",
    )
    .option(
      "--card <name|file>",
      "detector card: paper, optimistic, pessimistic, muon-res-1pct, muon-res-3pct, eff-80, eff-90, veto-loose, or a YAML file",
      "paper",
    )
    .option("--lumi <invfb>", "integrated luminosity in fb⁻¹ for the expected yields", parseNumber, 150)
    .option(
      "--selection <name>",
      `selection: ${SELECTION_CHOICES.join(", ")} (baseline = Sec. V A without vertex category; sr = baseline + Table II)`,
      parseChoice(SELECTION_CHOICES),
      "prompt-sr",
    )
    .option(
      "--channel <c>",
      "soft-pair flavour: ee, mumu or combined",
      parseChoice(["ee", "mumu", "combined"] as const),
      "combined",
    )
    .option(
      "--electron-pt-min <GeV>",
      "electron pT threshold (Table II: 5 nominal, 1 variant; default from the card)",
      parseNumber,
    )
    .option("--seed <n>", "seed of the detector smearing stream", parseCount, 1)
    .option(
      "--efficiency-mode <m>",
      "lepton efficiency as weights (weight, noise-free) or random draws (random)",
      parseChoice(["weight", "random"] as const),
      "weight",
    )
    .option("--ht-scale <f>", "factor on the charged H_T (default 1)", parseNumber)
    .option("--out <dir>", "write histograms.json and histograms.csv (expected events) to this directory")
    .option(
      "--json",
      "print {lumiInvFb, cutflow: [{cut, yield, yieldErr, …}], cutflowsByProcess, histograms} as JSON",
    )
    .action(async (input: string, o: AnalyzeCliOptions) => {
      const [{ loadCard }, pipeline, { formatCutFlow }] = await Promise.all([
        import("../detector/card.js"),
        import("../analysis/pipeline.js"),
        import("../analysis/cutflow.js"),
      ]);
      const { checkRange } = await import("../core/errors.js");
      checkRange("lumi", o.lumi, { min: 0, unit: "fb⁻¹" });
      const card = loadCard(o.card);
      const source = await pipeline.openEventSource(input);
      const batch = await pipeline.readEventSource(source);
      const result = pipeline.analyzeBatch(batch, source.info, {
        card,
        lumiInvFb: o.lumi,
        seed: o.seed,
        selection: o.selection,
        channel: o.channel,
        efficiencyMode: o.efficiencyMode,
        ...(o.electronPtMin !== undefined ? { electronPtMinGeV: o.electronPtMin } : {}),
        ...(o.htScale !== undefined ? { htScale: o.htScale } : {}),
      });
      const written = o.out ? await pipeline.writeAnalysisHistograms(o.out, result) : [];
      if (o.json) {
        printJson({ input, ...pipeline.analysisSummary(result, source.info), files: written });
        return;
      }
      process.stdout.write(
        `${input}: ${batch.nEvents} events, σ = ${source.info.sigmaPb.toExponential(4)} pb; card ${result.card.name}, ` +
          `electron pT > ${result.card.electron.ptMinGeV.value} GeV, selection ${o.selection}, channel ${o.channel}\n\n`,
      );
      for (const f of result.cutflowsByProcess) {
        // "all" repeats a single process: print it only when there are several.
        if (f.process === "all" && result.cutflowsByProcess.length === 2) continue;
        process.stdout.write(`${formatCutFlow(f)}\n\n`);
      }
      for (const f of written) process.stdout.write(`${f}\n`);
    });
}
