/**
 * R(s) = σ(e⁺e⁻ → hadrons)/σ(e⁺e⁻ → μ⁺μ⁻) (massless-muon normalisation) as seen by a dark photon
 * with photon-like couplings, for Γ(Z_D → hadrons) = (αε²/3) m R(m²).
 *
 * Combination (documented in docs/model.md, "Hadronic width"):
 * - u, d, s below 2 GeV: the DarkCast vector-meson-dominance grids (Ilten, Soreq, Williams, Xue,
 *   JHEP 06 (2018) 004, arXiv:1801.04847, eqs. 2.15–2.18): for a dark photon the coefficient of each
 *   single-meson grid R_μ^F(V) is [r_V Tr(Q T_V)]² = 1 for V = ρ, ω, φ, and of the ω–φ interference
 *   grid 2·(r_ω Tr(Q T_ω))(r_φ Tr(Q T_φ)) = −2 (Q = diag(2/3, −1/3, −1/3), r_ρ, r_ω, r_φ = 2, 6, 3√2,
 *   T_V from their eq. A.1). The grids share a 0.5 MeV lattice, so we sum them once on that lattice
 *   and interpolate the sum linearly in √s — identical to summing linear interpolations of each grid,
 *   as DarkCast does. The lattice resolves the ω (Γ = 8.5 MeV) and φ (Γ = 4.3 MeV) peaks.
 * - u, d, s above 2 GeV: DarkCast freezes its grids at their 2 GeV value (R = 2.1801); we keep that
 *   normalisation at 2 GeV and let it run with the leading QCD correction, R_uds(m) =
 *   R_uds(2 GeV)·(1 + α_s(m)/π)/(1 + α_s(2 GeV)/π) (e.g. PDG 2024 QCD review, eq. 9.7 at O(α_s)),
 *   which is continuous at 2 GeV.
 * - c c̄ and b b̄: perturbative Born terms above 2m_c = 3.0 GeV and 2m_b = 9.6 GeV (m_c = 1.5,
 *   m_b = 4.8 GeV as DarkCast), R_q = N_c Q_q² β(3 − β²)/2, β = √(1 − 4m_q²/s), no QCD correction (as
 *   DarkCast). J/ψ, ψ(2S) and Υ(1S–3S) are not added: by quark–hadron duality their integrated
 *   strength is what the open-quark term starting at 2m_q represents, so adding them would
 *   double-count. Consequence: R is wrong point-by-point between 2m_c and the open-charm threshold
 *   (3.0–3.73 GeV) and near the Υ's (see docs/model.md for the size).
 */
import { readFileSync } from "node:fs";
import { ALPHA_S_MZ, M_BOTTOM_THRESHOLD, M_CHARM_THRESHOLD, M_Z, N_C } from "../core/constants.js";
import { FileFormatError } from "../core/errors.js";

/** The vendored DarkCast VMD grids, relative to this module (src/model or dist/model). */
const DEFAULT_VMD_DIR = new URL("../../data/darkphoton/darkcast_vmd/", import.meta.url);

/** Lattice of the DarkCast grids: 0.5 MeV steps (DarkCast `vmd/` files). */
const LATTICE_STEP = 0.0005;

/** Where the VMD description ends and the perturbative light-quark continuum takes over (GeV). */
export const VMD_MAX_MASS = 2.0;

/**
 * The DarkCast grids and their dark-photon coefficients. `coefficient` = [r_V Tr(Q T_V)]² for one
 * meson, 2 Π_V r_V Tr(Q T_V) for the interference grid (DarkCast model.py, Ilten et al. eq. 2.18).
 */
export const VMD_GRIDS: readonly { file: string; coefficient: number }[] = [
  { file: "rf.pi+_pi-.rho0.dat", coefficient: 1 },
  { file: "rf.pi+_pi-_pi+_pi-.rho0.dat", coefficient: 1 },
  { file: "rf.pi+_pi-_pi0_pi0.rho0.dat", coefficient: 1 },
  { file: "rf.pi+_pi-_pi0.omega.dat", coefficient: 1 },
  { file: "rf.pi+_pi-_pi0.phi.dat", coefficient: 1 },
  { file: "rf.pi+_pi-_pi0.omega_phi.dat", coefficient: -2 },
  { file: "rf.pi0_gamma.omega.dat", coefficient: 1 },
  { file: "rf.K_K.phi.dat", coefficient: 1 },
  { file: "rf.K_K_pi.phi.dat", coefficient: 1 },
  { file: "rf.other.rho0.dat", coefficient: 1 },
  { file: "rf.other.omega.dat", coefficient: 1 },
  { file: "rf.other.phi.dat", coefficient: 1 },
];

/**
 * Light-quark R summed over the VMD grids on a uniform lattice: R at mass `start + i·step` is
 * `values[i]`. Below `start` R = 0; above the last point R stays at the last value (DarkCast's
 * "nearest edge" rule, used here only up to VMD_MAX_MASS).
 */
export interface HadronicRTable {
  readonly start: number;
  readonly step: number;
  readonly values: Float64Array;
  /** R_uds at VMD_MAX_MASS, the normalisation of the continuum above. */
  readonly rUdsAtMatch: number;
  /** Files the table was built from (for provenance in reports). */
  readonly sources: readonly string[];
}

interface Grid {
  masses: Float64Array;
  values: Float64Array;
}

function parseGrid(path: string, text: string): Grid {
  const masses: number[] = [];
  const values: number[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").split("#")[0]?.trim() ?? "";
    if (line === "") continue;
    const cols = line.split(/\s+/);
    const m = Number(cols[0]);
    const r = Number(cols[1]);
    if (cols.length !== 2 || !Number.isFinite(m) || !Number.isFinite(r)) {
      throw new FileFormatError(path, i + 1, "two numbers: mass [GeV] and R_mu^F");
    }
    const prev = masses[masses.length - 1];
    if (prev !== undefined && Math.abs(m - prev - LATTICE_STEP) > 1e-9) {
      throw new FileFormatError(path, i + 1, `masses on a ${LATTICE_STEP} GeV lattice, increasing`);
    }
    masses.push(m);
    values.push(r);
  }
  if (masses.length < 2) throw new FileFormatError(path, undefined, "at least two data lines");
  return { masses: Float64Array.from(masses), values: Float64Array.from(values) };
}

/**
 * Builds the light-quark R table from the DarkCast VMD grids in `dir` (default: the vendored copy
 * in data/darkphoton/darkcast_vmd). Synchronous and done once; pass the result around.
 */
export function loadHadronicRTable(dir: URL | string = DEFAULT_VMD_DIR): HadronicRTable {
  const base = typeof dir === "string" ? dir.replace(/\/?$/, "/") : dir.href.replace(/\/?$/, "/");
  const grids: Grid[] = [];
  const sources: string[] = [];
  for (const g of VMD_GRIDS) {
    const url = typeof dir === "string" ? `${base}${g.file}` : new URL(g.file, base);
    const path = typeof url === "string" ? url : url.pathname;
    let text: string;
    try {
      text = readFileSync(url, "utf8");
    } catch {
      throw new FileFormatError(path, undefined, "a readable DarkCast VMD grid file");
    }
    grids.push(parseGrid(path, text));
    sources.push(path);
  }
  let start = Number.POSITIVE_INFINITY;
  for (const g of grids) start = Math.min(start, g.masses[0]!);
  const n = Math.round((VMD_MAX_MASS - start) / LATTICE_STEP) + 1;
  const values = new Float64Array(n);
  for (let k = 0; k < grids.length; k++) {
    const g = grids[k]!;
    const c = VMD_GRIDS[k]!.coefficient;
    const first = g.masses[0]!;
    const offset = Math.round((first - start) / LATTICE_STEP);
    const last = g.values[g.values.length - 1]!;
    for (let i = offset; i < n; i++) {
      const j = i - offset;
      // DarkCast Dataset: linear inside, nearest edge outside (first values are all 0).
      values[i]! += c * (j < g.values.length ? g.values[j]! : last);
    }
  }
  return { start, step: LATTICE_STEP, values, rUdsAtMatch: values[n - 1]!, sources };
}

/** Light-quark R from the VMD table, linear in √s, for m ≤ VMD_MAX_MASS. */
export function rUdsVmd(table: HadronicRTable, m: number): number {
  const u = (m - table.start) / table.step;
  if (u <= 0) return 0;
  const n = table.values.length;
  if (u >= n - 1) return table.values[n - 1]!;
  const i = Math.floor(u);
  const t = u - i;
  return (1 - t) * table.values[i]! + t * table.values[i + 1]!;
}

/**
 * One-loop running α_s(μ) from α_s(m_Z) = 0.118 (PDG 2024), n_f = 5 above m_b = 4.8 GeV and n_f = 4
 * below, continuous at m_b: α_s(μ) = α_s(μ0)/(1 + α_s(μ0) b0 ln(μ²/μ0²)), b0 = (33 − 2n_f)/(12π)
 * (PDG 2024 QCD review, eq. 9.4 at one loop). Used only for the ratio (1 + α_s(m)/π)/(1 + α_s(2)/π),
 * where the one- vs two-loop difference is below 1 %.
 */
export function alphaSOneLoop(mu: number): number {
  const b5 = (33 - 10) / (12 * Math.PI);
  const b4 = (33 - 8) / (12 * Math.PI);
  const mb = M_BOTTOM_THRESHOLD;
  if (mu >= mb) return ALPHA_S_MZ / (1 + ALPHA_S_MZ * b5 * Math.log((mu * mu) / (M_Z * M_Z)));
  const aMb = ALPHA_S_MZ / (1 + ALPHA_S_MZ * b5 * Math.log((mb * mb) / (M_Z * M_Z)));
  return aMb / (1 + aMb * b4 * Math.log((mu * mu) / (mb * mb)));
}

const ALPHA_S_MATCH = alphaSOneLoop(VMD_MAX_MASS);

/** Light-quark R at any mass: VMD grids up to 2 GeV, QCD-corrected continuum above (see header). */
export function rUds(table: HadronicRTable, m: number): number {
  if (m <= VMD_MAX_MASS) return rUdsVmd(table, m);
  return (table.rUdsAtMatch * (1 + alphaSOneLoop(m) / Math.PI)) / (1 + ALPHA_S_MATCH / Math.PI);
}

/**
 * Born R of one heavy quark of charge `charge` and mass `mq` at √s = m: N_c Q² β(3 − β²)/2,
 * β = √(1 − 4mq²/m²), zero below threshold: the massive-fermion Born cross section
 * σ ∝ β(1 + 2m_q²/s) = β(3 − β²)/2 (e.g. PDG 2024 "Cross-section formulae", e⁺e⁻ → f f̄). DarkCast's
 * model.py writes (1 + m_q²/s) instead of (1 + 2m_q²/s); that changes R at 10 GeV by ≈ 0.05 (1.3 %).
 */
export function rHeavyQuarkBorn(m: number, mq: number, charge: number): number {
  const b2 = 1 - (4 * mq * mq) / (m * m);
  if (b2 <= 0) return 0;
  const b = Math.sqrt(b2);
  return (N_C * charge * charge * b * (3 - b2)) / 2;
}

/** R contribution of c c̄ (Q = 2/3, m_c = 1.5 GeV) above 2m_c. */
export function rCharm(m: number): number {
  return rHeavyQuarkBorn(m, M_CHARM_THRESHOLD, 2 / 3);
}

/** R contribution of b b̄ (Q = −1/3, m_b = 4.8 GeV) above 2m_b. */
export function rBottom(m: number): number {
  return rHeavyQuarkBorn(m, M_BOTTOM_THRESHOLD, -1 / 3);
}

/** Total hadronic R(m) seen by the dark photon: u, d, s + c c̄ + b b̄ (see header for the choices). */
export function rHadrons(table: HadronicRTable, m: number): number {
  return rUds(table, m) + rCharm(m) + rBottom(m);
}
