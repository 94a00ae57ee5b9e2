/**
 * `dnreach generate w-lnu | signal`: σ ± δσ (LO and k-factor-normalised) and a weighted (or
 * unweighted) event batch written to --out. Thin layer over src/generate (no physics here).
 */
import type { Command } from "commander";
import { PHASE_SPACE_REGIONS, type PhaseSpaceRegion } from "../generate/background/regions.js";
import { parseChoice, parseCount, parseNumber, printJson } from "./options.js";

interface CommonOptions {
  sqrtS: number;
  n: number;
  seed: number;
  workers?: number;
  out?: string;
  format: "native" | "lhe" | "lhe.gz" | "parquet";
  shower: "on" | "off";
  qedFsr: "on" | "off";
  json?: boolean;
  pdf?: string;
  scale: string;
  ewInputs: "default" | "mg5-sm";
  charge: "plus" | "minus" | "both";
  lepton: "e" | "mu";
  kFactor?: number;
  unweight?: boolean;
  weightFloor: number;
  mHatMin: number;
  warmupPoints: number;
  warmupIterations: number;
}

interface SignalOptions extends CommonOptions {
  mN: number;
  mZD: number;
  U2: number;
  alphaEps2: number;
  gD: number;
  decayLepton: "e" | "mu" | "both";
  nature: "dirac" | "majorana";
}

function addCommon(cmd: Command): Command {
  return cmd
    .option("--sqrt-s <GeV>", "proton–proton centre-of-mass energy in GeV", parseNumber, 13000)
    .option("-n, --n <count>", "production phase-space points (weighted events)", parseCount, 100000)
    .option("--seed <n>", "random seed (same seed → same numbers for any --workers)", parseCount, 1)
    .option("--workers <n>", "worker threads (default: all cores; 0 = this thread)", parseCount)
    .option(
      "--out <path>",
      "write the events: a directory (native: header.json + one .bin per column) or a file (lhe, lhe.gz, parquet)",
    )
    .option(
      "--format <f>",
      "event format of --out: native, lhe, lhe.gz (Les Houches v3) or parquet (docs/formats.md)",
      parseChoice(["native", "lhe", "lhe.gz", "parquet"] as const),
      "native",
    )
    .option("--json", "print the result as JSON")
    .option(
      "--shower <on|off>",
      "initial-state shower and hadronic activity (src/shower); adds bosonPtGeV to --json",
      parseChoice(["on", "off"] as const),
      "off",
    )
    .option(
      "--qed-fsr <on|off>",
      "with --shower on: photon radiation off the charged leptons (shower option qedFsr, docs/shower.md)",
      parseChoice(["on", "off"] as const),
      "off",
    )
    .option("--pdf <name>", "LHAPDF set name or path (default: embedded NNPDF23_lo_as_0130_qed)")
    .option("--scale <choice>", "μ_F = μ_R: dynamic (√ŝ), mW, or fixed:<GeV>", "dynamic")
    .option(
      "--ew-inputs <scheme>",
      "electroweak inputs: default (G_μ scheme, PDG 2024) or mg5-sm (MadGraph sm defaults)",
      parseChoice(["default", "mg5-sm"] as const),
      "default",
    )
    .option(
      "--charge <c>",
      "W charge: plus, minus or both",
      parseChoice(["plus", "minus", "both"] as const),
      "both",
    )
    .option("--lepton <l>", "charged lepton from the W: e or mu", parseChoice(["e", "mu"] as const), "mu")
    .option("--k-factor <k>", "override the tabulated W k-factor (13 and 14 TeV)", parseNumber)
    .option("--unweight", "hit-or-miss unweighting against the warm-up maximum weight")
    .option(
      "--weight-floor <c>",
      "partial unweighting: points lighter than c × σ/point are kept with probability w/(cσ) at weight cσ (0 = off)",
      parseNumber,
      0,
    )
    .option("--m-hat-min <GeV>", "lower limit on √ŝ in GeV", parseNumber, 10)
    .option("--warmup-points <n>", "VEGAS warm-up points per iteration", parseCount, 10000)
    .option("--warmup-iterations <n>", "VEGAS warm-up iterations", parseCount, 5);
}

type RunResult = import("../generate/generate.js").GenerateResult & {
  /** With --shower on: W/Z transverse momentum and the charged-H_T < 30 GeV fraction (weighted). */
  showerSummary?: { bosonPtGeV: { mean: number; median: number }; htBelow30Fraction: number };
};

/** The shower's JSON fields (empty without --shower on). */
function showerJson(r: RunResult): Record<string, unknown> {
  return r.showerSummary ? { ...r.showerSummary } : {};
}

/**
 * Prints the result: `--json` gives {sigmaPb, sigmaErrPb, sigmaLOPb, [extra], kFactor, nEvents,
 * [weightFloor: {floorPb, keptFraction}], [shower]}.
 */
function report(r: RunResult, o: CommonOptions, extra: Record<string, unknown> = {}): void {
  if (!o.json) {
    printText(r, o.out);
    return;
  }
  printJson({
    sigmaPb: r.sigmaPb,
    sigmaErrPb: r.sigmaErrPb,
    sigmaLOPb: r.sigmaLOPb,
    ...extra,
    kFactor: r.kFactor,
    nEvents: r.nEvents,
    ...(r.weightFloor ? { weightFloor: r.weightFloor } : {}),
    ...showerJson(r),
  });
}

/** The collision settings every process spec shares, from the common options. */
async function collisionOf(o: CommonOptions) {
  const { parseScale } = await import("../generate/processes.js");
  return {
    sqrtS: o.sqrtS,
    ...(o.pdf !== undefined ? { pdf: o.pdf } : {}),
    scale: parseScale(o.scale),
    ewInputs: o.ewInputs,
    mHatMinGeV: o.mHatMin,
  };
}

async function run(
  spec: import("../generate/processes.js").ProcessSpec,
  o: CommonOptions,
): Promise<RunResult> {
  if (o.qedFsr === "on" && o.shower !== "on") {
    const { InputError } = await import("../core/errors.js");
    throw new InputError("--qed-fsr", "on only together with --shower on", o.qedFsr);
  }
  const { generate, kFactorFor } = await import("../generate/index.js");
  const kFactor = o.kFactor ?? kFactorFor(o.sqrtS).kFactor;
  let bar: { start(t: number, v: number): void; update(v: number): void; stop(): void } | undefined;
  if (process.stderr.isTTY && !o.json) {
    const { SingleBar, Presets } = (await import("cli-progress")).default;
    bar = new SingleBar(
      {
        stream: process.stderr,
        format: "generate [{bar}] {percentage}% | {value}/{total} points | ETA {eta}s",
      },
      Presets.shades_classic,
    );
  }
  bar?.start(o.n, 0);
  const result = await generate(spec, {
    nEvents: o.n,
    seed: o.seed,
    ...(o.workers !== undefined ? { workers: o.workers } : {}),
    warmupPoints: o.warmupPoints,
    warmupIterations: o.warmupIterations,
    unweight: o.unweight ?? false,
    weightFloor: o.weightFloor,
    kFactor,
    onProgress: (done) => bar?.update(done),
  });
  bar?.stop();
  let out: RunResult = result;
  if (o.shower === "on") {
    const { showerGenerated } = await import("../shower/index.js");
    const sh = showerGenerated(result.batch, result.info, o.seed, { qedFsr: o.qedFsr === "on" });
    out = {
      ...result,
      batch: sh.batch,
      showerSummary: { bosonPtGeV: sh.bosonPtGeV, htBelow30Fraction: sh.htBelow30Fraction },
    };
  }
  if (o.out) await writeEvents(o.out, o.format, out);
  return out;
}

/** Writes the generated events in the chosen format (src/generate/output.ts, src/io). */
async function writeEvents(
  out: string,
  format: CommonOptions["format"],
  r: import("../generate/generate.js").GenerateResult,
): Promise<void> {
  if (format === "native") {
    const { writeEventBatchDir } = await import("../generate/output.js");
    await writeEventBatchDir(out, r.batch, r.info);
  } else if (format === "parquet") {
    const { writeEventsParquet } = await import("../io/parquet.js");
    await writeEventsParquet(out, r.info, [r.batch]);
  } else {
    const { writeLhe } = await import("../io/lhe.js");
    await writeLhe(out, r.info, [r.batch], { gzip: format === "lhe.gz" });
  }
}

function printText(r: import("../generate/generate.js").GenerateResult, out?: string): void {
  const lines = [
    `process:      ${r.processInfo.name}`,
    `σ_LO         = ${r.sigmaLOPb.toPrecision(6)} ± ${r.sigmaLOErrPb.toPrecision(2)} pb`,
    `k-factor     = ${r.kFactor.toPrecision(6)}`,
    `σ (k × LO)   = ${r.sigmaPb.toPrecision(6)} ± ${r.sigmaErrPb.toPrecision(2)} pb`,
  ];
  if (r.sigmaProductionPb !== undefined) {
    lines.push(
      `σ(pp → ℓ N_D) before BR(Z_D → ℓℓ): ${r.sigmaProductionPb.toPrecision(6)} pb (LO ${r.sigmaProductionLOPb!.toPrecision(6)} pb)`,
    );
  }
  lines.push(`events       = ${r.nEvents}`);
  if (r.unweighting) {
    lines.push(
      `unweighting: max weight ${r.unweighting.maxWeightPb.toPrecision(4)} pb, ${r.unweighting.violations} violations, acceptance ${(100 * r.unweighting.acceptedFraction).toFixed(2)} %`,
    );
  }
  if (r.weightFloor) {
    lines.push(
      `weight floor: ${r.weightFloor.floorPb.toPrecision(4)} pb per point, ${(100 * r.weightFloor.keptFraction).toFixed(2)} % of points kept`,
    );
  }
  if (out) lines.push(`written to   ${out}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

export function registerGenerate(program: Command): void {
  const gen = program.command("generate").description("generate weighted LO events and σ ± δσ");
  registerBackgrounds(gen);

  addCommon(gen.command("w-lnu").description("inclusive p p → W± → ℓ± ν at LO (k-factor-normalised)")).action(
    async (o: CommonOptions) => {
      const r = await run(
        { kind: "w-lnu", charge: o.charge, lepton: o.lepton, ...(await collisionOf(o)) },
        o,
      );
      report(r, o);
    },
  );

  addCommon(
    gen
      .command("signal")
      .description("p p → ℓ N_D, N_D → ν Z_D, Z_D → ℓ′⁺ℓ′⁻ (narrow N_D and Z_D, k-factor-normalised)"),
  )
    .requiredOption("--mN <GeV>", "N_D mass in GeV", parseNumber)
    .requiredOption("--mZD <GeV>", "Z_D mass in GeV (below mN)", parseNumber)
    .option("--U2 <value>", "|U_ℓ4|² of the production lepton", parseNumber, 1e-4)
    .option("--alpha-eps2 <value>", "kinetic mixing αε²", parseNumber, 2e-10)
    .option("--gD <value>", "dark gauge coupling g_D", parseNumber, 0.25)
    .option(
      "--decay-lepton <l>",
      "Z_D decay leptons ℓ′: e, mu or both",
      parseChoice(["e", "mu", "both"] as const),
      "both",
    )
    .option(
      "--nature <n>",
      "N_D nature: dirac or majorana",
      parseChoice(["dirac", "majorana"] as const),
      "dirac",
    )
    .action(async (o: SignalOptions) => {
      const r = await run(
        {
          kind: "signal",
          charge: o.charge,
          lepton: o.lepton,
          decayLepton: o.decayLepton,
          mN: o.mN,
          mZD: o.mZD,
          U2: o.U2,
          alphaEps2: o.alphaEps2,
          gD: o.gD,
          nature: o.nature,
          ...(await collisionOf(o)),
        },
        o,
      );
      report(r, o, { sigmaProductionPb: r.sigmaProductionPb, sigmaProductionLOPb: r.sigmaProductionLOPb });
    });
}

interface BackgroundCliOptions extends CommonOptions {
  pair: "e" | "mu";
  cuts?: string;
  channels: "multichannel" | "flat";
  region: PhaseSpaceRegion;
  adaptTo?: "sigma" | "selection";
}

/** `generate wgamma | zll`: the Standard-Model backgrounds (src/generate/background). */
function registerBackgrounds(gen: Command): void {
  const kinds = [
    ["wgamma", "p p → ℓ ν ℓ′⁺ℓ′⁻ (W + soft pair, all EW diagrams; --lepton = W lepton, --pair = soft pair)"],
    ["zll", "p p → ℓ⁺ℓ⁻ ℓ′⁺ℓ′⁻ (Z/γ* + soft pair, all EW diagrams; --lepton, --pair = the two pairs)"],
    ["ttbar", "p p → t t̄ (decayed) + soft γ* → ℓ′⁺ℓ′⁻ (factorised emission; --pair = soft pair)"],
  ] as const;
  for (const [kind, description] of kinds) {
    const cmd = addCommon(gen.command(kind).description(description)).option(
      "--pair <l>",
      "soft-pair lepton ℓ′: e or mu",
      parseChoice(["e", "mu"] as const),
      "e",
    );
    if (kind === "wgamma") {
      cmd.option(
        "--region <part>",
        "part of phase space: all, core (the Table II region R), shell (R′ \\ R), halo (R″ \\ R′) or outside (R″'s complement); core + shell + halo + outside = all. The shell and the halo split into shell-reach, halo-reach (their points a recoil of ≤ 50 GeV can carry into Table II) and shell-rest, halo-rest",
        parseChoice(PHASE_SPACE_REGIONS),
        "all",
      );
      cmd.option(
        "--adapt-to <target>",
        "what VEGAS adapts to: sigma (the cross section) or selection (f × a generator-level stand-in for Table II; unbiased either way). Default: selection with a --region part, sigma with all",
        parseChoice(["sigma", "selection"] as const),
      );
    }
    cmd
      .option(
        "--cuts <list>",
        "generation cuts, e.g. ptMin=1,etaMax=5,mSfosMin=0.01 (GeV; paper Sec. IV defaults)",
      )
      .option(
        "--channels <mode>",
        "phase space: multichannel, or flat (one channel, no VEGAS: the coverage check)",
        parseChoice(["multichannel", "flat"] as const),
        "multichannel",
      )
      .action(async (o: BackgroundCliOptions) => {
        const { backgroundKFactor } = await import("../generate/background/spec.js");
        const { parseCuts, PAPER_GENERATION_CUTS } = await import("../generate/background/cuts.js");
        const common = {
          lepton: o.lepton,
          pair: o.pair,
          ...(await collisionOf(o)),
          cuts: o.cuts !== undefined ? parseCuts(o.cuts) : { ...PAPER_GENERATION_CUTS },
          channelMode: o.channels,
        };
        const spec: import("../generate/background/spec.js").BackgroundSpec =
          kind === "wgamma"
            ? {
                kind,
                charge: o.charge,
                ...common,
                ...(o.region !== "all" ? { region: o.region } : {}),
                ...(o.adaptTo ? { adaptTo: o.adaptTo } : {}),
              }
            : kind === "zll"
              ? { kind, ...common }
              : { kind, ...common, emission: true };
        const kFactor = o.kFactor ?? backgroundKFactor(spec).kFactor;
        report(await run(spec, { ...o, kFactor }), o);
      });
  }
}
