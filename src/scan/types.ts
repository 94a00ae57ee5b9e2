/** Records a scan produces; `limits.json` is a list of `LimitRecord`s (issue: reproduce). */

export type AnalysisKind = "prompt" | "displaced" | "combined";

export interface LimitRecord {
  /** Scenario name, e.g. "run2" or "hllhc". */
  scenario: string;
  analysis: AnalysisKind;
  /** "ee", "mumu" or "combined"; variants carry a suffix, e.g. "combined:e1GeV". */
  channel: string;
  mN: number;
  mZD: number;
  alphaEps2: number;
  /** Expected excluded |U_μ4|² (nominal) and its band. Infinity where nothing is excluded. */
  U2Excl: number;
  U2ExclLow: number;
  U2ExclHigh: number;
}
