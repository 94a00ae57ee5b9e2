import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileFormatError } from "../src/core/errors.js";
import {
  loadHadronicRTable,
  rBottom,
  rCharm,
  rHadrons,
  rUds,
  rUdsVmd,
  VMD_GRIDS,
  VMD_MAX_MASS,
} from "../src/model/hadronicR.js";

const table = loadHadronicRTable();
const dataDir = new URL("../data/darkphoton/", import.meta.url);

function readTwoColumns(file: string, comment: RegExp): [number, number][] {
  return readFileSync(new URL(file, dataDir), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !comment.test(l))
    .map((l) => {
      const [a, b] = l.trim().split(/\s+/).map(Number);
      return [a!, b!] as [number, number];
    });
}

describe("R(s): light quarks from the DarkCast VMD grids", () => {
  it("matches DarkCast's own smooth R table (GAMBIT copy) to 0.1 % in 0.28–0.74 GeV and 1.5–2 GeV", () => {
    // Reference: darkcast_R_uds_sqrts_R.dat, which equals DarkCast width('hadrons')/(αm/3) (shared data
    // README). Tolerance 0.1 %: the two differ only by interpolation (2000 log points vs 0.5 MeV
    // lattice). Excluded: the ω peak region and 0.9–1.5 GeV, where the table weights the ω–φ
    // interference grid differently (SOURCE.md; the PDG data favour our −2, see the test below).
    const rows = readTwoColumns("darkcast_R_uds_sqrts_R.dat", /^\s*#/);
    let n = 0;
    for (const [m, r] of rows) {
      const inWindow = (m >= 0.2818 && m <= 0.74) || (m >= 1.5 && m <= VMD_MAX_MASS);
      if (!inWindow) continue;
      expect(Math.abs(rUdsVmd(table, m) - r)).toBeLessThanOrEqual(1e-3 * Math.max(r, 1e-2));
      n++;
    }
    expect(n).toBeGreaterThan(300);
  });

  it("ω–φ interference weight −2 fits the PDG R data better than the smooth table's implied +1", () => {
    // Reference: PDG 2020 R compilation, 1.04–1.10 GeV (41 points) and 0.95–1.00 GeV (43 points).
    // Our weight (−2, from DarkCast's model.py) gives mean model/data ratios 1.11 and 1.03; the
    // alternative (+1) 1.24 and 0.91. We assert only the ordering of |ratio − 1|.
    const pdg = readTwoColumns("pdg2020_R_ratio_sqrts_R.dat", /^\*/);
    const interference = readTwoColumns("darkcast_vmd/rf.pi+_pi-_pi0.omega_phi.dat", /^\s*#/);
    const iAt = (m: number): number => {
      const first = interference[0]![0];
      const u = (m - first) / 0.0005;
      if (u < 0 || u >= interference.length - 1) return 0;
      const i = Math.floor(u);
      return interference[i]![1] * (1 - (u - i)) + interference[i + 1]![1] * (u - i);
    };
    for (const [lo, hi] of [
      [0.95, 1.0],
      [1.04, 1.1],
    ] as const) {
      const pts = pdg.filter(([m]) => m >= lo && m < hi);
      const ours = pts.reduce((s, [m, r]) => s + rUdsVmd(table, m) / r, 0) / pts.length;
      const alt = pts.reduce((s, [m, r]) => s + (rUdsVmd(table, m) + 3 * iAt(m)) / r, 0) / pts.length;
      expect(Math.abs(ours - 1)).toBeLessThan(Math.abs(alt - 1));
    }
  });

  it("the ω and φ peaks are resolved: R near m_ω and m_φ within 10 % of the PDG peak values", () => {
    // Reference: PDG 2020 compilation maxima R = 19.4 (√s = 0.7818 GeV) and 50.3 (1.0195 GeV); a grid
    // coarser than Γ_φ = 4.3 MeV would cut the φ peak. Tolerance 10 %: peak data points scatter by
    // several % between experiments, and our lattice samples the peak at 0.5 MeV.
    let peakOmega = 0;
    let peakPhi = 0;
    for (let m = 0.77; m < 0.795; m += 1e-4) peakOmega = Math.max(peakOmega, rUdsVmd(table, m));
    for (let m = 1.01; m < 1.03; m += 1e-4) peakPhi = Math.max(peakPhi, rUdsVmd(table, m));
    expect(Math.abs(peakOmega / 19.4 - 1)).toBeLessThan(0.1);
    expect(Math.abs(peakPhi / 50.3 - 1)).toBeLessThan(0.1);
  });

  it("R is non-negative on the whole lattice; zero below the π⁰γ threshold", () => {
    // Reference: R is a ratio of cross sections. Below 0.14 GeV no hadronic grid is open.
    let min = Number.POSITIVE_INFINITY;
    for (const v of table.values) min = Math.min(min, v);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(rHadrons(table, 0.1)).toBe(0);
    expect(table.start).toBeCloseTo(0.14, 12);
  });

  it("is continuous at 2 GeV and follows (1 + α_s/π) above", () => {
    // Reference: our matching choice (hadronicR.ts header). Continuity to 1e-9 relative (only the
    // last lattice interval separates the two sides); the α_s factor makes R_uds fall by ~3 % from
    // 2 to 10 GeV (one-loop α_s 0.27 → 0.18).
    const below = rUds(table, VMD_MAX_MASS);
    const above = rUds(table, VMD_MAX_MASS * (1 + 1e-12));
    expect(Math.abs(above / below - 1)).toBeLessThan(1e-9);
    expect(below).toBeCloseTo(2.1801, 3);
    const r10 = rUds(table, 10);
    expect(r10 / below).toBeGreaterThan(0.95);
    expect(r10 / below).toBeLessThan(0.99);
  });
});

describe("R(s): heavy quarks and comparison with data", () => {
  it("c c̄ and b b̄ Born terms: zero below 2m_q, → N_c Q_q² far above", () => {
    // Reference: R_q = N_c Q_q² β(3 − β²)/2 → 4/3 (c), 1/3 (b) as β → 1; at 1000 GeV β = 1 − O(1e-5).
    expect(rCharm(2.99)).toBe(0);
    expect(rBottom(9.59)).toBe(0);
    expect(rCharm(1000)).toBeCloseTo(4 / 3, 4);
    expect(rBottom(1000)).toBeCloseTo(1 / 3, 4);
  });

  it("agrees with the PDG 2020 R compilation within 6 % in continuum windows; bounded error in 3.0–3.7 GeV", () => {
    // Reference: PDG 2020 R(s) compilation (vendored). Window means of R_model/R_data; tolerance 6 %:
    // the compiled measurements carry 2–5 % systematic uncertainties and scatter by ~5 % point to point.
    // 3.0–3.7 GeV lies between 2m_c = 3.0 GeV and the open-charm threshold 3.73 GeV: the Born c c̄ term
    // (which by duality stands for J/ψ, ψ(2S)) overshoots the continuum there by ~28 %; we assert < 35 %
    // so that a change of that documented behaviour is noticed. 1.04–1.4 GeV: DarkCast's VMD fit is
    // ~10 % above this compilation (asserted < 15 %).
    const pdg = readTwoColumns("pdg2020_R_ratio_sqrts_R.dat", /^\*/);
    const ratio = (lo: number, hi: number): number => {
      const pts = pdg.filter(([m]) => m >= lo && m < hi);
      expect(pts.length).toBeGreaterThan(1);
      return pts.reduce((s, [m, r]) => s + rHadrons(table, m) / r, 0) / pts.length;
    };
    for (const [lo, hi] of [
      [0.3, 0.5],
      [0.5, 0.7],
      [0.85, 1.0],
      [1.4, 2.0],
      [2.0, 3.0],
      [3.7, 4.6],
      [5, 9.4],
      [9.4, 11.5],
      [11.5, 28],
    ] as const) {
      expect(Math.abs(ratio(lo, hi) - 1), `window ${lo}–${hi} GeV`).toBeLessThan(0.06);
    }
    expect(Math.abs(ratio(3.0, 3.7) - 1)).toBeLessThan(0.35);
    expect(Math.abs(ratio(1.04, 1.4) - 1)).toBeLessThan(0.15);
  });
});

describe("grid files", () => {
  it("a malformed grid raises FileFormatError naming the file and line", () => {
    // Reference: the project's error convention (FileFormatError(file, line, expected)).
    const dir = mkdtempSync(join(tmpdir(), "dnreach-vmd-"));
    try {
      for (const g of VMD_GRIDS) writeFileSync(join(dir, g.file), "#  mass R\n 0.5000 0.1\n 0.5005 0.2\n");
      writeFileSync(join(dir, VMD_GRIDS[3]!.file), "# mass R\n 0.5000 0.1\n 0.5005 abc\n");
      expect(() => loadHadronicRTable(dir)).toThrow(FileFormatError);
      expect(() => loadHadronicRTable(dir)).toThrow(
        new RegExp(`${VMD_GRIDS[3]!.file.replace(/[+.]/g, "\\$&")}:3`),
      );
      writeFileSync(join(dir, VMD_GRIDS[3]!.file), "# mass R\n 0.5000 0.1\n 0.5010 0.2\n");
      expect(() => loadHadronicRTable(dir)).toThrow(/lattice/);
      rmSync(join(dir, VMD_GRIDS[0]!.file));
      expect(() => loadHadronicRTable(dir)).toThrow(/readable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
