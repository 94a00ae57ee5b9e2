/** The public API of dnreach. Internals stay internal. */
export * from "./core/index.js";
