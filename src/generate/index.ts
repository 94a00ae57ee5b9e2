/** Generator stage: σ estimates, weighted/unweighted event batches, worker parallelism. */
export * from "./engine.js";
export * from "./generate.js";
export * from "./kfactors.js";
export * from "./output.js";
export * from "./processes.js";
export * from "./reference.js";
export type { MatrixElementLike, PartonDensities, Process, ScaleChoice } from "./types.js";
