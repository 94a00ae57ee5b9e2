/**
 * Charged-hadron identification from PDG codes, for the charged H_T of paper Sec. V A.
 *
 * PDG 2024 review "Monte Carlo particle numbering scheme": a hadron code is ±n n_r n_L n_q1 n_q2
 * n_q3 n_J; mesons have n_q1 = 0 and quark content n_q2 n̄_q3, baryons n_q1 n_q2 n_q3. The three-
 * fold charge is the sum of the quark charges (d, s, b: −1; u, c, t: +2); for a meson whose first
 * quark n_q2 is down-type (s or b) the particle is the n_q3 n̄_q2 state (e.g. K⁺ = 321 = u s̄),
 * as in the scheme's sign convention.
 */

/** Three times the quark charge, indexed by quark code 1…6 (index 0 unused). */
const QUARK_THREE_CHARGE = [0, -1, 2, -1, 2, -1, 2] as const;

/** Three times the electric charge of a standard hadron code (n = 0), or 0 for anything else. */
export function hadronThreeCharge(pdg: number): number {
  const a = Math.abs(pdg);
  if (!Number.isInteger(a) || a < 100 || a >= 1_000_000) return 0;
  const nJ = a % 10;
  const q3 = Math.floor(a / 10) % 10;
  const q2 = Math.floor(a / 100) % 10;
  const q1 = Math.floor(a / 1000) % 10;
  if (nJ === 0 || q3 === 0 || q2 === 0 || q2 > 6 || q3 > 6 || q1 > 6) return 0; // diquarks, specials
  let c: number;
  if (q1 === 0) {
    // meson
    c =
      q2 === 3 || q2 === 5
        ? QUARK_THREE_CHARGE[q3]! - QUARK_THREE_CHARGE[q2]!
        : QUARK_THREE_CHARGE[q2]! - QUARK_THREE_CHARGE[q3]!;
  } else {
    c = QUARK_THREE_CHARGE[q1]! + QUARK_THREE_CHARGE[q2]! + QUARK_THREE_CHARGE[q3]!;
  }
  return pdg < 0 ? -c : c;
}

/** True for a charged hadron (π±, K±, p, Σ±, Ξ⁻, Ω⁻, D±, B±, …). */
export function isChargedHadron(pdg: number): boolean {
  return hadronThreeCharge(pdg) !== 0;
}
