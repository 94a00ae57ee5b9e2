export * from "./card.js";
export * from "./reconstruct.js";
export * from "./resolution.js";
