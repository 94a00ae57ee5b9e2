/** Shared types of the amplitude stage. */

/**
 * A tree-level matrix element. Evaluation allocates nothing: every object owns its scratch buffers,
 * so one object must not be used from two call sites at once (create one per worker).
 */
export interface MatrixElement {
  /** Process in MadGraph syntax, e.g. "u d~ > mu+ vm e+ e-". */
  readonly name: string;
  /** PDG codes of the external legs, incoming first (incoming legs as incoming particles). */
  readonly pdgIds: Int32Array;
  /** External masses in GeV, same order. */
  readonly masses: Float64Array;
  /**
   * |M|² summed over final-state helicities and colours, averaged over initial ones (spin 1/4 and
   * colour 1/9 for q q̄; spin 1/(2s+1) for a decaying particle); momenta p[4i..4i+3] = (E, px, py, pz)
   * of leg i in GeV, incoming legs with their physical (positive-energy) momenta. No symmetry factor
   * for identical final particles (the caller applies it).
   */
  evaluate(p: Float64Array): number;
}

/**
 * Dark-sector inputs of the amplitude model table (a plain object; the validated physics model lives
 * in src/model/darkNeutrino.ts).
 */
export interface DarkSectorInputs {
  /** N_D mass and total width (GeV). */
  mN: number;
  widthN: number;
  /** Z_D mass and total width (GeV). */
  mZD: number;
  widthZD: number;
  /** |U_ℓ4|² for ℓ = e, μ, τ (U_ℓ4 taken real and non-negative). */
  Ue4Sq: number;
  Umu4Sq: number;
  Utau4Sq: number;
  /** Kinetic mixing ε: the Z_D couples to fermions as −e₀ ε Q γ^μ (vector), e₀ = √(4π alphaZD). */
  eps: number;
  /** Fine-structure constant used in the Z_D coupling; default α(0) (the Z_D is light). */
  alphaZD?: number;
  /** Dark gauge coupling g_D; Z_D ν̄_ℓ N_D coupling g_D U_ℓ4 γ^μ P_L ("chiral"). */
  gD: number;
  nature: "dirac" | "majorana";
}

export type LeptonName = "e" | "mu";
