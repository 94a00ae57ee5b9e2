export * from "./cutflow.js";
export * from "./cuts.js";
export * from "./deferredHT.js";
export * from "./hadrons.js";
export * from "./handbuilt.js";
export * from "./observables.js";
export * from "./pipeline.js";
export * from "./resolution.js";
