export * from "./constants.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./fourvector.js";
export * from "./histogram.js";
export * from "./rng.js";
export * from "./sum.js";
export * from "./units.js";
