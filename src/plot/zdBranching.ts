/**
 * BR(Z_D → e⁺e⁻, μ⁺μ⁻, τ⁺τ⁻, hadrons) versus m_ZD (paper Sec. III; the BRs come from the model stage,
 * this module only tabulates them on a log grid and builds the Vega-Lite spec).
 */
import type { TopLevelSpec } from "vega-lite";
import { M_E } from "../core/constants.js";
import { checkRange } from "../core/errors.js";
import { type HadronicRTable, zdBranchingRatios } from "../model/index.js";

export interface ZdBranchingRow {
  mZD: number;
  channel: "e⁺e⁻" | "μ⁺μ⁻" | "τ⁺τ⁻" | "hadrons";
  br: number;
}

export interface ZdBranchingOptions {
  /** Mass range in GeV (default 1 MeV–10 GeV). Points at or below 2m_e (no open channel) are skipped. */
  minMass?: number;
  maxMass?: number;
  /** Number of log-spaced masses (default 2000; ≥ 400 so that the ω and φ peaks show). */
  points?: number;
}

/** Log-spaced BR table in long format (one row per mass and channel). */
export function zdBranchingTable(
  table: HadronicRTable | undefined,
  opts: ZdBranchingOptions = {},
): ZdBranchingRow[] {
  const lo = checkRange("minMass", opts.minMass ?? 1e-3, { min: 0, minExclusive: true, unit: "GeV" });
  const hi = checkRange("maxMass", opts.maxMass ?? 10, { min: lo, minExclusive: true, max: 30, unit: "GeV" });
  const n = checkRange("points", opts.points ?? 2000, { min: 400, max: 100_000 });
  const rows: ZdBranchingRow[] = [];
  for (let i = 0; i < n; i++) {
    const m = lo * (hi / lo) ** (i / (n - 1));
    if (m <= 2 * M_E) continue;
    const br = table ? zdBranchingRatios(m, table) : zdBranchingRatios(m);
    rows.push({ mZD: m, channel: "e⁺e⁻", br: br.ee });
    rows.push({ mZD: m, channel: "μ⁺μ⁻", br: br.mumu });
    rows.push({ mZD: m, channel: "τ⁺τ⁻", br: br.tautau });
    rows.push({ mZD: m, channel: "hadrons", br: br.hadrons });
  }
  return rows;
}

/** Four lines on a log-x axis (1 MeV–10 GeV by default), BR on a linear axis [0, 1]. */
export function zdBranchingSpec(rows: ZdBranchingRow[], domain: [number, number] = [1e-3, 10]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: "Dark-photon branching ratios (kinetic mixing; hadrons from R(s))",
    width: 640,
    height: 380,
    data: { values: rows },
    mark: { type: "line", strokeWidth: 1.6, clip: true },
    encoding: {
      x: {
        field: "mZD",
        type: "quantitative",
        title: "m_Z_D [GeV]",
        scale: { type: "log", domain },
        axis: { format: "~g", tickCount: 5 },
      },
      y: {
        field: "br",
        type: "quantitative",
        title: "Branching ratio of Z_D",
        scale: { domain: [0, 1] },
      },
      color: {
        field: "channel",
        type: "nominal",
        title: "Z_D →",
        sort: ["e⁺e⁻", "μ⁺μ⁻", "τ⁺τ⁻", "hadrons"],
        scale: {
          domain: ["e⁺e⁻", "μ⁺μ⁻", "τ⁺τ⁻", "hadrons"],
          range: ["#1f77b4", "#d62728", "#2ca02c", "#7f7f7f"],
        },
        legend: { orient: "top-left", fillColor: "white" },
      },
      // μμ dashed: above ~0.5 GeV BR(μμ) ≈ BR(ee) and would hide the e⁺e⁻ line.
      strokeDash: {
        field: "channel",
        type: "nominal",
        title: "Z_D →",
        sort: ["e⁺e⁻", "μ⁺μ⁻", "τ⁺τ⁻", "hadrons"],
        scale: {
          domain: ["e⁺e⁻", "μ⁺μ⁻", "τ⁺τ⁻", "hadrons"],
          range: [
            [1, 0],
            [6, 4],
            [1, 0],
            [1, 0],
          ],
        },
      },
    },
  } as TopLevelSpec;
}
