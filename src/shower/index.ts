/** Shower stage: initial-state radiation recoil and hadronic activity (docs/shower.md). */
export { activeFlavours, cmwK, ShowerCoupling, type ShowerPdf } from "./coupling.js";
export {
  type FragmentParams,
  fieldFeynmanZFromUniform,
  fragmentParton,
  HadronBuffer,
  sampleFieldFeynmanZ,
} from "./fragment.js";
export { type FsrStats, PartonList, showerFinalParton } from "./fsr.js";
export {
  InitialStateShower,
  type IsrRecord,
  type IsrStats,
  meCorrection,
  splittingKernel,
  zMaxOf,
} from "./isr.js";
export {
  bosonPt,
  bosonPtSummary,
  chargedHt,
  chargedHtAll,
  type HtCuts,
  PAPER_HT_CUTS,
} from "./observables.js";
export {
  QED_ALPHA,
  QedFinalStateShower,
  type QedParticleRecord,
  type QedStats,
  qedAcceptance,
} from "./qed.js";
export {
  type DeferredShowerRun,
  SHOWER_STREAM,
  type ShowerRunResult,
  showerGenerated,
  showerGeneratedDeferred,
} from "./run.js";
export {
  type AlphaSScheme,
  resolveShowerOptions,
  SHOWER_SETTINGS,
  type ShowerOptions,
  type StartScale,
} from "./settings.js";
export { type DeferredShower, Shower, type ShowerStats, showerBatch } from "./showerBatch.js";
export { drellYanBatch, type ToyBoson, ttbarLikeBatch } from "./toyEvents.js";
export {
  ATLAS_ZPT_FIDUCIAL,
  type BinnedMeasurement,
  compareShape,
  fiducialDileptonPt,
  loadBinnedMeasurement,
  MEASUREMENTS_DIR,
  type ShapeComparison,
} from "./validation.js";
