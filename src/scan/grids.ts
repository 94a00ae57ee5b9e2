/**
 * The parameter points of the paper's limit figures (Sec. VI):
 * - Fig. 6: m_Z_D = 30 MeV, m_N varying (the MiniBooNE-favoured region lies at m_N ≈ 0.03–1 GeV);
 * - Fig. 7: m_N = 3 m_Z_D, m_Z_D varying (m_N < 10 GeV, "1 MeV < m_Z_D < m_N < 10 GeV", Sec. IV);
 * - Fig. 8: the same two lines at αε² = 1e-9, 1e-10, 1e-11;
 * - Fig. 9: the same two lines with electron pT thresholds 5 vs 1 GeV.
 * The nominal kinetic mixing is the benchmark αε² = 2e-10 (Sec. IV). The grids are ours: the paper
 * shows curves, not its points.
 */

export interface SignalPoint {
  /** Which line the point belongs to. */
  line: "fig6" | "fig7";
  mN: number;
  mZD: number;
}

export interface ScanGrid {
  fig6MN: readonly number[];
  fig6MZD: number;
  fig7MZD: readonly number[];
  fig7Ratio: number;
  /** Nominal αε² (paper benchmark) and the Fig. 8 variations. */
  alphaEps2Nominal: number;
  alphaEps2Variants: readonly number[];
}

export const FULL_GRID: ScanGrid = {
  fig6MN: [0.04, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0],
  fig6MZD: 0.03,
  fig7MZD: [0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0],
  fig7Ratio: 3,
  alphaEps2Nominal: 2e-10,
  alphaEps2Variants: [1e-9, 1e-10, 1e-11],
};

export const QUICK_GRID: ScanGrid = {
  fig6MN: [0.05, 0.1, 0.3, 1.0],
  fig6MZD: 0.03,
  fig7MZD: [0.01, 0.03, 0.1, 0.3, 1.0, 3.0],
  fig7Ratio: 3,
  alphaEps2Nominal: 2e-10,
  alphaEps2Variants: [1e-9, 1e-10, 1e-11],
};

/** All signal points of a grid (Fig. 6 line, then Fig. 7 line), masses rounded to 1e-9 GeV. */
export function signalPoints(grid: ScanGrid): SignalPoint[] {
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  return [
    ...grid.fig6MN.map((mN) => ({ line: "fig6" as const, mN: round(mN), mZD: round(grid.fig6MZD) })),
    ...grid.fig7MZD.map((mZD) => ({
      line: "fig7" as const,
      mN: round(grid.fig7Ratio * mZD),
      mZD: round(mZD),
    })),
  ];
}
