/**
 * The processes of a scan: the signal reference couplings (paper Sec. IV benchmark) and the list of
 * Standard-Model background samples (paper Sec. IV: W + soft pair, Z/γ* + soft pair, tt̄ + soft pair).
 */
import { PAPER_GENERATION_CUTS } from "../generate/background/cuts.js";
import { kFactorFor } from "../generate/kfactors.js";
import type { SampleRequest } from "./samples.js";

/** Reference couplings of the signal samples: |U_μ4|² = 1e-4, αε² = 2e-10, g_D = 0.25 (Sec. IV). */
export const SIGNAL_REFERENCE = { u2Ref: 1e-4, alphaEps2Ref: 2e-10, gD: 0.25 } as const;

const LEPTONS = ["e", "mu"] as const;

/**
 * Background samples at √s (GeV), `nEvents` each: W(→ℓν) + γ*, Z(→ℓ′ℓ′) for ℓ, ℓ′ ∈ {e, μ}, both W
 * charges (the dominant background, paper Sec. V), normalised with the W k-factor.
 */
export function backgroundRequests(
  sqrtS: number,
  nEvents: number,
  seed: number,
  shower: boolean,
  workers?: number,
): SampleRequest[] {
  const collision = {
    sqrtS,
    scale: { kind: "dynamic" as const },
    ewInputs: "default" as const,
    mHatMinGeV: 10,
    cuts: PAPER_GENERATION_CUTS,
  };
  const w = workers !== undefined ? { workers } : {};
  const requests: SampleRequest[] = [];
  let k = 0;
  for (const lepton of LEPTONS) {
    for (const pair of LEPTONS) {
      requests.push({
        label: `wgamma-${lepton}-${pair}`,
        group: "W",
        spec: { kind: "wgamma", charge: "both", lepton, pair, ...collision },
        nEvents,
        seed: seed + 1000 + k++,
        shower,
        kFactor: kFactorFor(sqrtS).kFactor,
        ...w,
      });
    }
  }
  return requests;
}
