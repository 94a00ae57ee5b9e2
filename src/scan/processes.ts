/**
 * The processes of a scan: the signal reference couplings (paper Sec. IV benchmark) and the list of
 * Standard-Model background samples (paper Sec. IV: W + soft pair, Z/γ* + soft pair, tt̄ + soft pair).
 */
import { PAPER_GENERATION_CUTS } from "../generate/background/cuts.js";
import { type BackgroundSpec, backgroundKFactor } from "../generate/background/spec.js";
import type { ProcessGroup, SampleRequest } from "./samples.js";

/** Reference couplings of the signal samples: |U_μ4|² = 1e-4, αε² = 2e-10, g_D = 0.25 (Sec. IV). */
export const SIGNAL_REFERENCE = { u2Ref: 1e-4, alphaEps2Ref: 2e-10, gD: 0.25 } as const;

const LEPTONS = ["e", "mu"] as const;

/**
 * Background samples at √s (GeV), `parts[group]` × `nEvents` each (paper Sec. IV): W(→ℓν) + γ*, Z(→ℓ′ℓ′)
 * for ℓ, ℓ′ ∈ {e, μ}, both W charges (the dominant background, Sec. V); Z/γ* → 4e, 4μ and μμee; tt̄ +
 * soft pair. Each normalised with its cited k-factor (src/generate/background/spec.ts).
 */
export interface BackgroundPart {
  /** Process label shared by its parts, e.g. "wgamma-mu-e". */
  process: string;
  /** Number of parts of the process (weights of each part are scaled by 1/parts). */
  parts: number;
  request: SampleRequest;
}

export function backgroundRequests(
  sqrtS: number,
  nEvents: number,
  parts: { W: number; Z: number; top: number },
  seed: number,
  shower: boolean,
  workers?: number,
): BackgroundPart[] {
  const processes = backgroundSpecs(sqrtS);
  const out: BackgroundPart[] = [];
  processes.forEach(({ process, group, spec }, k) => {
    const kFactor = backgroundKFactor(spec).kFactor;
    const n = group === "W" ? parts.W : group === "Z" ? parts.Z : parts.top;
    for (let part = 0; part < n; part++) {
      out.push({
        process,
        parts: n,
        request: {
          label: n > 1 ? `${process}#${part + 1}` : process,
          group,
          spec,
          nEvents,
          // Distinct seeds per process and part: parts are independent samples.
          seed: seed + 1000 + 100 * k + part,
          shower,
          kFactor,
          ...(workers !== undefined ? { workers } : {}),
        },
      });
    }
  });
  return out;
}

/**
 * The scan's background processes at √s (GeV): label, group and spec (paper generation cuts,
 * dynamic scale, default EW inputs) — W(→ℓν) + γ* and Z(→ℓ′ℓ′) for ℓ, ℓ′ ∈ {e, μ}, Z/γ* → 4e, 4μ
 * and μμee, tt̄ + soft pair (the order of `backgroundRequests`).
 */
export function backgroundSpecs(
  sqrtS: number,
): { process: string; group: ProcessGroup; spec: BackgroundSpec }[] {
  const collision = {
    sqrtS,
    scale: { kind: "dynamic" as const },
    ewInputs: "default" as const,
    mHatMinGeV: 10,
    cuts: PAPER_GENERATION_CUTS,
  };
  const processes: { process: string; group: ProcessGroup; spec: BackgroundSpec }[] = [];
  for (const lepton of LEPTONS) {
    for (const pair of LEPTONS) {
      processes.push({
        process: `wgamma-${lepton}-${pair}`,
        group: "W",
        spec: { kind: "wgamma", charge: "both", lepton, pair, ...collision },
      });
    }
  }
  for (const lepton of LEPTONS) {
    for (const pair of LEPTONS) {
      // q q̄ → μ⁺μ⁻e⁺e⁻ holds every diagram whichever pair is called the "soft" one (zsoftpair.ts
      // builds the same channels for both orders): one sample, not two, or it is counted twice.
      if (lepton === "e" && pair === "mu") continue;
      processes.push({
        process: `zll-${lepton}-${pair}`,
        group: "Z",
        spec: { kind: "zll", lepton, pair, ...collision },
      });
    }
  }
  for (const pair of LEPTONS) {
    processes.push({ process: `ttbar-${pair}`, group: "top", spec: { kind: "ttbar", pair, ...collision } });
  }
  return processes;
}
