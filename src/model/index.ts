export * from "./darkNeutrino.js";
export * from "./electroweak.js";
export * from "./hadronicR.js";
export * from "./widths.js";
