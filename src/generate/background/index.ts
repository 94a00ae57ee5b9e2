/** Standard-Model backgrounds: W + soft pair, Z/γ* + soft pair, tt̄ + soft pair (docs/backgrounds.md). */
export * from "./cuts.js";
export * from "./emission.js";
export * from "./fourChargedLepton.js";
export * from "./kfactors.js";
export * from "./neutral.js";
export * from "./spec.js";
export * from "./spectrum.js";
export * from "./ttbar.js";
export * from "./wfactorised.js";
export * from "./wsoftpair.js";
export * from "./zsoftpair.js";
