/** Statistics layer: m_ℓℓ windows, prompt and displaced limits, Asimov/CLs, HistFactory export. */
export * from "./asimov.js";
export * from "./cls.js";
export * from "./displaced.js";
export * from "./histfactory.js";
export * from "./model.js";
export * from "./normal.js";
export * from "./prompt.js";
export * from "./promptModel.js";
export * from "./smooth.js";
export * from "./toys.js";
export * from "./window.js";
export * from "./yields.js";
