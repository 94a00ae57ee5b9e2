/**
 * The parts of phase space a W + soft pair process integrates (wsoftpair.ts `region`; wregion.ts
 * for the boxes). A module of its own, without imports, so that the CLI can list the choices
 * without loading the generator.
 *
 * "all" (default); "core", the selection region R, "shell", R′ \ R, and "halo", R″ \ R′ (the region
 * maps on the boxes R, R′, R″); "outside", the complement of R″ (the inclusive channels with f = 0
 * in R″). The four parts add up to the "all" sample. The shell and the halo split further into
 * "…-reach", their points within reach of the selection (the proxy under `REACH_RECOIL` above its
 * floor), and "…-rest", the others.
 */
export const PHASE_SPACE_REGIONS = [
  "all",
  "core",
  "shell",
  "shell-reach",
  "shell-rest",
  "halo",
  "halo-reach",
  "halo-rest",
  "outside",
] as const;
export type PhaseSpaceRegion = (typeof PHASE_SPACE_REGIONS)[number];

/** Which side of the reach split a region keeps: 1 within reach ("…-reach"), 0 ("…-rest"), −1 no split. */
export function reachSide(region: PhaseSpaceRegion): 1 | 0 | -1 {
  return region.endsWith("-reach") ? 1 : region.endsWith("-rest") ? 0 : -1;
}
