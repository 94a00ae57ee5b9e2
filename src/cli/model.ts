/** `dnreach model`: widths, branching ratios and lifetimes of the dark sector at one parameter point. */
import type { Command } from "commander";
import { parseChoice, parseNumber, printJson } from "./options.js";

interface ModelOptions {
  mN: number;
  mZD: number;
  U2: number;
  Ue2: number;
  Utau2: number;
  alphaEps2?: number;
  eps?: number;
  gD: number;
  majorana?: boolean;
  widthConvention: "paper-eq6" | "chiral";
  p?: number;
  json?: boolean;
}

/** Library parameter name → command-line option, so errors name what the user typed. */
const OPTION_OF: Record<string, string> = {
  mN: "--mN",
  mZD: "--mZD",
  Ue4Sq: "--Ue2",
  Umu4Sq: "--U2",
  Utau4Sq: "--Utau2",
  "Ue4Sq + Umu4Sq + Utau4Sq": "--Ue2 + --U2 + --Utau2",
  alphaEps2: "--alpha-eps2",
  eps: "--eps",
  gD: "--gD",
  pGeV: "--p",
};

export function registerModel(program: Command): void {
  program
    .command("model")
    .description("dark-neutrino model: N_D and Z_D widths, Z_D branching ratios, cτ, BR(W → ℓ N_D)")
    .requiredOption("--mN <GeV>", "N_D mass in GeV", parseNumber)
    .requiredOption("--mZD <GeV>", "Z_D mass in GeV (2m_e < mZD < mN)", parseNumber)
    .option("--U2 <value>", "|U_μ4|² (the paper's mixing)", parseNumber, 0)
    .option("--Ue2 <value>", "|U_e4|²", parseNumber, 0)
    .option("--Utau2 <value>", "|U_τ4|²", parseNumber, 0)
    .option("--alpha-eps2 <value>", "αε², kinetic mixing (default 2e-10, the paper's benchmark)", parseNumber)
    .option("--eps <value>", "ε instead of --alpha-eps2; αε² = α(0)ε² with α(0) = 1/137.036", parseNumber)
    .option("--gD <value>", "dark gauge coupling g_D", parseNumber, 0.25)
    .option("--majorana", "Majorana N_D (default: Dirac, as the paper's signal samples)")
    .option(
      "--width-convention <name>",
      "N_D width normalisation: paper-eq6 (paper eq. 6 × exact mass factor) or chiral (= paper-eq6/4)",
      parseChoice(["paper-eq6", "chiral"] as const),
      "paper-eq6",
    )
    .option("--p <GeV>", "momentum in GeV for the lab decay lengths (p/m)·cτ", parseNumber)
    .option("--json", "print one JSON object (widthsGeV, brZD, brN, ctauMm, brWtoLN, ...)")
    .action(async (opts: ModelOptions) => {
      const { InputError } = await import("../core/errors.js");
      const { darkNeutrinoModel, alphaEps2FromEps } = await import("../model/index.js");
      try {
        if (opts.alphaEps2 !== undefined && opts.eps !== undefined) {
          throw new InputError("--eps", "omitted when --alpha-eps2 is given (use one of them)", opts.eps);
        }
        const alphaEps2 = opts.eps !== undefined ? alphaEps2FromEps(opts.eps) : (opts.alphaEps2 ?? 2e-10);
        const model = darkNeutrinoModel({
          mN: opts.mN,
          mZD: opts.mZD,
          Ue4Sq: opts.Ue2,
          Umu4Sq: opts.U2,
          Utau4Sq: opts.Utau2,
          alphaEps2,
          gD: opts.gD,
          nature: opts.majorana ? "majorana" : "dirac",
          widthConvention: opts.widthConvention,
        });
        const lab =
          opts.p === undefined
            ? undefined
            : {
                pGeV: opts.p,
                N: model.labDecayLengthMm(opts.p, "N"),
                ZD: model.labDecayLengthMm(opts.p, "ZD"),
              };
        const out = {
          params: model.params,
          uSqTotal: model.uSqTotal,
          rHadrons: model.rHadrons,
          widthsGeV: model.widthsGeV,
          brZD: model.brZD,
          brN: model.brN,
          ctauMm: model.ctauMm,
          ...(lab ? { labDecayLengthMm: lab } : {}),
          brWtoLN: { e: model.brWtoLN("e"), mu: model.brWtoLN("mu"), tau: model.brWtoLN("tau") },
        };
        if (opts.json) {
          printJson(out);
          return;
        }
        process.stdout.write(formatTable(out));
      } catch (err) {
        if (err instanceof InputError && OPTION_OF[err.field]) {
          throw new InputError(OPTION_OF[err.field]!, err.allowed, err.received);
        }
        throw err;
      }
    });
}

interface Printable {
  params: { mN: number; mZD: number; alphaEps2: number; gD: number; nature: string; widthConvention: string };
  uSqTotal: number;
  rHadrons: number;
  widthsGeV: Record<string, number>;
  brZD: Record<string, number>;
  ctauMm: { N: number; ZD: number };
  labDecayLengthMm?: { pGeV: number; N: number; ZD: number };
  brWtoLN: Record<string, number>;
}

function g(v: number): string {
  return String(Number(v.toPrecision(5)));
}

function formatTable(o: Printable): string {
  const p = o.params;
  const row = (a: string, b: string) => `  ${a.padEnd(28)}${b}`;
  const lines = [
    `dark-neutrino model: mN = ${p.mN} GeV, mZD = ${p.mZD} GeV, Σ|U_ℓ4|² = ${g(o.uSqTotal)}, αε² = ${g(p.alphaEps2)}, g_D = ${p.gD}, ${p.nature}, N width convention ${p.widthConvention}`,
    "",
    "widths [GeV]",
    row("N_D → ν Z_D", g(o.widthsGeV.N_to_nuZD ?? 0)),
    row("Z_D → e⁺e⁻", g(o.widthsGeV.ZD_to_ee ?? 0)),
    row("Z_D → μ⁺μ⁻", g(o.widthsGeV.ZD_to_mumu ?? 0)),
    row("Z_D → τ⁺τ⁻", g(o.widthsGeV.ZD_to_tautau ?? 0)),
    row(`Z_D → hadrons (R = ${o.rHadrons.toPrecision(4)})`, g(o.widthsGeV.ZD_to_hadrons ?? 0)),
    row("Z_D total", g(o.widthsGeV.ZD_total ?? 0)),
    "",
    "Z_D branching ratios",
    row("e⁺e⁻", (o.brZD.ee ?? 0).toFixed(5)),
    row("μ⁺μ⁻", (o.brZD.mumu ?? 0).toFixed(5)),
    row("τ⁺τ⁻", (o.brZD.tautau ?? 0).toFixed(5)),
    row("hadrons", (o.brZD.hadrons ?? 0).toFixed(5)),
    "",
    "proper decay lengths cτ [mm]",
    row("N_D", g(o.ctauMm.N)),
    row("Z_D", g(o.ctauMm.ZD)),
  ];
  if (o.labDecayLengthMm) {
    lines.push(
      "",
      `lab decay lengths (p/m)·cτ at p = ${o.labDecayLengthMm.pGeV} GeV [mm]`,
      row("N_D", g(o.labDecayLengthMm.N)),
      row("Z_D", g(o.labDecayLengthMm.ZD)),
    );
  }
  lines.push(
    "",
    "BR(W → ℓ N_D) (paper eq. 5)",
    row("e", g(o.brWtoLN.e ?? 0)),
    row("μ", g(o.brWtoLN.mu ?? 0)),
    row("τ", g(o.brWtoLN.tau ?? 0)),
  );
  return `${lines.join("\n")}\n`;
}
