/**
 * Published curves drawn beside our limits (paper Fig. 6): existing decay-independent constraints
 * on |U_μ4|² and the MiniBooNE-favoured region of Bertuzzo et al. 2018. Files, sources and units are
 * listed in `data/limits/SOURCE.md` and `data/miniboone/SOURCE.md`; the units applied here follow
 * those notes.
 */
import { readFileSync } from "node:fs";
import { packageDataPath } from "../core/dataPath.js";
import { FileFormatError } from "../core/errors.js";

export interface Curve {
  label: string;
  /** m_N in GeV. */
  mN: number[];
  u2: number[];
}

/** Reads a two-column whitespace-separated file; `#` starts a comment. mScale converts m to GeV. */
export function readTwoColumn(path: string, mScale: number): { mN: number[]; u2: number[] } {
  const mN: number[] = [];
  const u2: number[] = [];
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") return;
    const cols = line.split(/\s+/);
    const m = Number(cols[0]);
    const u = Number(cols[1]);
    if (cols.length !== 2 || !Number.isFinite(m) || !Number.isFinite(u)) {
      throw new FileFormatError(path, i + 1, "two numeric columns (m_N, |U_μ4|²)");
    }
    mN.push(m * mScale);
    u2.push(u);
  });
  return { mN, u2 };
}

const MEV = 1e-3;

/** Decay-independent constraints, grouped as the paper groups its references [40, 41]. */
export function priorConstraints(): Curve[] {
  const d = (f: string) => packageDataPath("limits", f);
  const specs: [string, string, number][] = [
    ["PSI π→μN (1987)", "umu4_decay_independent/PSI_1987_PSI_1987.dat", MEV],
    ["PIENU π→μN (2019, low T)", "umu4_decay_independent/umu4_PIENU_2019_lowT.dat", MEV],
    ["PIENU π→μN (2019, high T)", "umu4_decay_independent/umu4_PIENU_2019_highT.dat", MEV],
    ["KEK K→μN", "umu4_decay_independent/KEK_KEK_mu.dat", MEV],
    ["E949 K→μN (2014)", "umu4_decay_independent/bnl_e949_E949_Um42_90.dat", MEV],
    ["NA62 K→μN (2021)", "umu4_decay_independent/umu4_NA62_2021_mu.dat", MEV],
    ["PMNS unitarity (2023)", "umu4_decay_independent/PMNS_unitarity_PMNS_NU_Um42_90_last.dat", 1],
    ["de Gouvêa–Kobach (2016)", "deGouvea_Kobach_2016/data.txt", 1],
    ["lepton universality (de Gouvêa–Kobach)", "deGouvea_Kobach_2016/lepton_non_universality.dat", 1],
  ];
  return specs.map(([label, file, scale]) => ({ label, ...readTwoColumn(d(file), scale) }));
}

export interface FavouredRegion {
  /** Confidence level in σ. */
  sigma: number;
  /** Closed contour: lower boundary left→right, then upper boundary right→left. */
  mN: number[];
  u2: number[];
}

/** MiniBooNE-favoured regions (1σ, 3σ, 5σ) as closed contours for plotting. */
export function miniBooNERegions(): FavouredRegion[] {
  return [1, 3, 5].map((sigma) => {
    const lo = readTwoColumn(packageDataPath("miniboone", "Bertuzzo2018", `low_${sigma}_sigma.dat`), 1);
    const hi = readTwoColumn(packageDataPath("miniboone", "Bertuzzo2018", `upper_${sigma}_sigma.dat`), 1);
    return {
      sigma,
      mN: [...lo.mN, ...hi.mN.slice().reverse(), lo.mN[0]!],
      u2: [...lo.u2, ...hi.u2.slice().reverse(), lo.u2[0]!],
    };
  });
}
