/**
 * Physical constants, each with its source. Masses and widths in GeV.
 * Unless stated: R. L. Workman et al. / S. Navas et al. (Particle Data Group),
 * Phys. Rev. D 110, 030001 (2024) — "PDG 2024".
 */

/** Charged-lepton masses (PDG 2024 summary tables). */
export const M_E = 0.51099895e-3;
export const M_MU = 0.1056583755;
export const M_TAU = 1.77693;

/** W boson (PDG 2024 world average m_W = 80.3692 ± 0.0133 GeV; Γ_W = 2.085 ± 0.042 GeV). */
export const M_W = 80.3692;
export const GAMMA_W = 2.085;

/** Z boson (PDG 2024: m_Z = 91.1880 ± 0.0020 GeV, Γ_Z = 2.4955 ± 0.0023 GeV). */
export const M_Z = 91.188;
export const GAMMA_Z = 2.4955;

/** Top quark (PDG 2024 direct measurements: m_t = 172.57 ± 0.29 GeV, Γ_t = 1.42 GeV). */
export const M_TOP = 172.57;
export const GAMMA_TOP = 1.42;

/** Quark pole-mass-like thresholds used for heavy-flavour R(s) (DarkCast, Ilten et al. 2018: m_c = 1.5, m_b = 4.8 GeV). */
export const M_CHARM_THRESHOLD = 1.5;
export const M_BOTTOM_THRESHOLD = 4.8;

/** Fine-structure constant at Q = 0 (CODATA 2022 as quoted in PDG 2024: α⁻¹ = 137.035999177). */
export const ALPHA_0 = 1 / 137.035999177;

/** MS-bar α̂(m_Z) (PDG 2024 electroweak review, α̂⁻¹(m_Z) = 127.930 ± 0.008). */
export const ALPHA_MZ_MSBAR = 1 / 127.93;

/** Fermi constant in GeV⁻² (PDG 2024: G_F = 1.1663788(6)·10⁻⁵ GeV⁻²). */
export const G_F = 1.1663788e-5;

/** Strong coupling at m_Z (PDG 2024 world average 0.1180 ± 0.0009). */
export const ALPHA_S_MZ = 0.118;

/** MS-bar weak mixing angle sin²θ̂_W(m_Z) (PDG 2024 electroweak review: 0.23129 ± 0.00004). */
export const SIN2_THETA_W_MSBAR = 0.23129;

/** Number of colours. */
export const N_C = 3;

/**
 * CKM magnitudes (PDG 2024 "CKM quark-mixing matrix" review, global-fit central values).
 * Indexed [up-type u,c,t][down-type d,s,b].
 */
export const CKM_ABS: readonly (readonly [number, number, number])[] = [
  [0.97435, 0.22501, 0.003732],
  [0.22487, 0.97349, 0.04183],
  [0.00858, 0.04111, 0.999118],
];

/** PDG Monte Carlo particle numbering (PDG 2024 review "Monte Carlo particle numbering scheme"). */
export const PDG = {
  d: 1,
  u: 2,
  s: 3,
  c: 4,
  b: 5,
  t: 6,
  e: 11,
  nu_e: 12,
  mu: 13,
  nu_mu: 14,
  tau: 15,
  nu_tau: 16,
  g: 21,
  gamma: 22,
  Z: 23,
  W: 24,
  /** Dark neutrino N_D and dark photon Z_D: codes from the PDG range reserved for new states (not standardised). */
  N_D: 9900012,
  Z_D: 9900022,
} as const;

/** Charged-lepton mass by flavour name. */
export const LEPTON_MASS = { e: M_E, mu: M_MU, tau: M_TAU } as const;
export type LeptonFlavour = keyof typeof LEPTON_MASS;
