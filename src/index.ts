/** The public API of dnreach. Internals stay internal. */

export * from "./amplitudes/index.js";
export * from "./analysis/index.js";
export * from "./core/index.js";
export * from "./detector/index.js";
export * from "./generate/index.js";
export * from "./io/index.js";
export * from "./model/index.js";
export * from "./pdf/index.js";
export * from "./shower/index.js";
export * from "./stats/index.js";
