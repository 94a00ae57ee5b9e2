/** Multichannel phase-space parametrisations for the 2 → 4 background processes. */
export * from "./fourBody.js";
export * from "./stratified.js";
