/** Phase-space stage: mappings, two-body decays, multichannel and VEGAS grids. */
export * from "./decay.js";
export * from "./mappings.js";
export * from "./multichannel.js";
export * from "./vegas.js";
