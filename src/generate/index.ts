/** Generator stage: σ estimates, weighted/unweighted event batches, worker parallelism. */

export * from "./background/index.js";
export {
  type GeneratedChunk,
  type GenerateOptions,
  type GenerateResult,
  generate,
  generateStream,
} from "./generate.js";
export { K_FACTORS, type KFactorEntry, kFactorFor } from "./kfactors.js";
export { readEventBatchDir, writeEventBatchDir } from "./output.js";
export {
  buildProcess,
  type ChargeChoice,
  type CollisionSpec,
  type DecayLeptonChoice,
  type EwInputs,
  type LeptonChoice,
  type ProcessInfo,
  type ProcessSpec,
  parseScale,
} from "./processes.js";
export { sigmaWLnuQuadrature } from "./reference.js";
export type { MatrixElementLike, PartonDensities, Process, ScaleChoice } from "./types.js";
