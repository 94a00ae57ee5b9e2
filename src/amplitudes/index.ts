/** Tree-level helicity amplitudes from a model table (HELAS-style building blocks). */
export * from "./background.js";
export * from "./helas.js";
export * from "./modelTable.js";
export * from "./signal.js";
export * from "./simple.js";
export * from "./testing.js";
export * from "./types.js";
