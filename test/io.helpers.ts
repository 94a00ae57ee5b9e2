/**
 * Shared fixtures for the io tests: synthetic event batches drawn from a seeded RandomStream,
 * shaped like our W → ℓ N_D, N_D → ν Z_D, Z_D → ℓℓ events (two incoming partons, a W, the
 * lepton, N_D, ν, Z_D and its two leptons), with displaced Z_D daughters.
 */

import { allocateFixedEventBatch, type EventBatch, type EventBatchInfo } from "../src/core/events.js";
import { randomStream } from "../src/core/rng.js";

export const PARTICLES_PER_EVENT = 9;

export function syntheticBatch(
  nEvents: number,
  seed: number,
  weights: "unweighted" | "weighted" | "signed" = "unweighted",
  sigmaPb = 2.1,
): EventBatch {
  const rng = randomStream(seed, 0);
  const b = allocateFixedEventBatch(nEvents, PARTICLES_PER_EVENT);
  // pdg, status, mothers: u d̄ → W+ → μ+ N; N → ν Z_D; Z_D → e+ e-
  const pdg = [2, -1, 24, -13, 9900012, 14, 1023, 11, -11];
  const status = [-1, -1, 2, 1, 2, 1, 2, 1, 1];
  const m1 = [-1, -1, 0, 2, 2, 4, 4, 6, 6];
  const m2 = [-1, -1, 1, -1, -1, -1, -1, -1, -1];
  const col = [501, 0, 0, 0, 0, 0, 0, 0, 0];
  const acol = [0, 501, 0, 0, 0, 0, 0, 0, 0];
  const mass = [0, 0, 80.379, 0.1056583755, 0.3, 0, 0.1, 0.00051099895, 0.00051099895];
  for (let e = 0; e < nEvents; e++) {
    for (let k = 0; k < PARTICLES_PER_EVENT; k++) {
      const i = e * PARTICLES_PER_EVENT + k;
      b.pdg[i] = pdg[k]!;
      b.status[i] = status[k]!;
      b.mother1[i] = m1[k]!;
      b.mother2[i] = m2[k]!;
      b.colour[i] = col[k]!;
      b.anticolour[i] = acol[k]!;
      const px = 50 * rng.normal();
      const py = 50 * rng.normal();
      const pz = 300 * rng.normal();
      b.px[i] = px;
      b.py[i] = py;
      b.pz[i] = pz;
      b.m[i] = mass[k]!;
      b.E[i] = Math.sqrt(px * px + py * py + pz * pz + mass[k]! ** 2);
      if (k >= 7) {
        // displaced Z_D daughters: common vertex at an exponential distance (mm)
        b.vx[i] = e % 3 === 0 ? 0 : 1.25 * (e % 7) + 0.1;
        b.vy[i] = e % 3 === 0 ? 0 : -0.5 * (e % 5);
        b.vz[i] = e % 3 === 0 ? 0 : 10 * (e % 11) - 3.3;
      }
    }
    b.processId[e] = e % 4 === 0 ? 2 : 1;
    b.scale[e] = 80 + 10 * rng.uniform();
    b.alphaS[e] = 0.118 + 0.001 * rng.uniform();
    b.x1[e] = rng.uniform();
    b.x2[e] = rng.uniform();
    b.id1[e] = 2;
    b.id2[e] = -1;
    if (weights === "unweighted") b.weight[e] = sigmaPb / nEvents;
    else if (weights === "weighted") b.weight[e] = (sigmaPb / nEvents) * 2 * rng.uniform();
    else b.weight[e] = (sigmaPb / nEvents) * (rng.uniform() < 0.1 ? -1 : 1.25);
  }
  return b;
}

export function syntheticInfo(sigmaPb = 2.1): EventBatchInfo {
  return {
    processes: { 1: "u dbar > mu+ N", 2: "u dbar > mu+ N (alt)" },
    beamEnergyGeV: [6500, 6500],
    beamPdg: [2212, 2212],
    sigmaPb,
    sigmaErrPb: 0.01,
    meta: { seed: 7, lhapdfId: 303600 },
  };
}
