/**
 * The strong coupling used by the shower, and the one-loop overestimate the veto algorithm
 * samples from.
 *
 * True coupling: α_s(pT) of the PDF set (the hard process's α_s, evaluated at the emission pT as
 * in Sjöstrand & Skands, Eur. Phys. J. C39 (2005) 129, Sec. 2), optionally rescaled to the CMW
 * scheme α_s(1 + K α_s/2π), K = C_A(67/18 − π²/6) − 5n_f/9 (Catani, Marchesini, Webber,
 * Nucl. Phys. B349 (1991) 635, eq. 3.6).
 *
 * Overestimate: ᾱ(pT) = 1 / (b₀ ln(pT²/Λ̂²)) with b₀ = (33 − 2·5)/(12π) and Λ̂ chosen once so that
 * ᾱ ≥ α_s on the whole range [pT_min, pT_max]: ᾱ ≥ α ⇔ Λ̂ ≥ pT exp(−1/(2 b₀ α(pT))), so Λ̂ is the
 * maximum of the right-hand side over a fine grid, times a 2 % margin. Its Sudakov integral is
 * analytic: ∫ ᾱ dpT²/pT² = (1/b₀) ln ln(pT²/Λ̂²).
 */
import { M_BOTTOM_THRESHOLD, M_CHARM_THRESHOLD, N_C } from "../core/constants.js";
import { InputError } from "../core/errors.js";
import type { RandomStream } from "../core/rng.js";
import type { AlphaSScheme } from "./settings.js";

const TWO_POW_M32 = 2 ** -32;

/**
 * A uniform deviate in (0, 1) from one 32-bit output of the stream, (k + ½)·2⁻³², never 0 or 1.
 * `RandomStream.uniform()` spends two outputs on 53 bits; the shower's trial scales, acceptance
 * tests, angles and hadron variables need far less than 2⁻³² ≈ 2.3e-10 resolution, and the shower
 * draws a few hundred numbers per event, so it uses this one for them.
 */
export function uniform32(rng: RandomStream): number {
  return (rng.nextUint32() + 0.5) * TWO_POW_M32;
}

/** The part of a PDF set the shower needs (structurally satisfied by `PdfSet` of src/pdf). */
export interface ShowerPdf {
  /** x·f for all partons at (x, Q): out[id + 6] for quarks −6..6, out[6] the gluon. */
  xfxQAll(x: number, Q: number, out: Float64Array): void;
  /** α_s(Q) of the set. */
  alphaS(Q: number): number;
  /**
   * x·f of one parton (PDG id, 21 = gluon) at (x, Q), if the set offers it (`PdfSet.xfxQ` does);
   * the shower then evaluates only the flavours it needs instead of all of them.
   */
  xfxQ?(pdgId: number, x: number, Q: number): number;
  /** Two partons at the same Q (`PdfSet.xfxQPair`): x·f of idA at xA and idB at xB → out[0], out[1]. */
  xfxQPair?(idA: number, xA: number, idB: number, xB: number, Q: number, out: Float64Array): void;
}

const C_A = N_C;
const B0_NF5 = (33 - 2 * 5) / (12 * Math.PI);

/** Number of active flavours at scale pT (thresholds from src/core/constants.ts). */
export function activeFlavours(pT: number): number {
  return pT < M_CHARM_THRESHOLD ? 3 : pT < M_BOTTOM_THRESHOLD ? 4 : 5;
}

/** CMW constant K = C_A(67/18 − π²/6) − 5 n_f/9 (Catani, Marchesini, Webber 1991, eq. 3.6). */
export function cmwK(nf: number): number {
  return C_A * (67 / 18 - (Math.PI * Math.PI) / 6) - (5 * nf) / 9;
}

export class ShowerCoupling {
  readonly scheme: AlphaSScheme;
  readonly b0 = B0_NF5;
  /** Λ̂² of the one-loop overestimate (GeV²). */
  readonly lambda2: number;
  private readonly pdf: ShowerPdf;

  constructor(pdf: ShowerPdf, scheme: AlphaSScheme, pTminGeV: number, pTmaxGeV: number) {
    this.pdf = pdf;
    this.scheme = scheme;
    this.lambda2 = this.lambda2Over(pTminGeV, pTmaxGeV, 400, "shower.pTminGeV");
  }

  /**
   * Λ̂² of a one-loop overestimate ᾱ(Q) = 1/(b₀ ln(Q²/Λ̂²)) ≥ α(Q) on [qLo, qHi]: the maximum of
   * Q exp(−1/(2 b₀ α(Q))) over n + 1 log-spaced points, times a 2 % margin (see the file comment).
   * The ISR uses one per pT window (a tighter bound than the global `lambda2`). Throws an
   * InputError naming `field` if α_s is not in (0, 10) or Λ̂ would not lie below qLo.
   */
  lambda2Over(qLo: number, qHi: number, n = 64, field = "shower.pTminGeV"): number {
    let lam = 0;
    for (let i = 0; i <= n; i++) {
      const q = qLo * (qHi / qLo) ** (i / n);
      const a = this.alpha(q);
      if (!(a > 0 && a < 10))
        throw new InputError("pdf.alphaS", "a number in (0, 10) for the shower range", a);
      lam = Math.max(lam, q * Math.exp(-1 / (2 * this.b0 * a)));
    }
    // A larger Λ̂ only raises the overestimate, so a floor keeps ln(Q²/Λ̂²) finite for tiny α_s.
    lam = Math.max(lam * 1.02, 1e-3 * qLo);
    if (!(lam < qLo)) {
      throw new InputError(field, `above the overestimate's Λ = ${lam.toFixed(3)} GeV`, qLo);
    }
    return lam * lam;
  }

  /** α_s at the emission pT in the chosen scheme. */
  alpha(pT: number): number {
    const a = this.pdf.alphaS(pT);
    if (this.scheme === "pdf") return a;
    return a * (1 + (cmwK(activeFlavours(pT)) * a) / (2 * Math.PI));
  }

  /** The overestimate ᾱ(pT) ≥ α(pT). */
  alphaOver(pT2: number): number {
    return 1 / (this.b0 * Math.log(pT2 / this.lambda2));
  }
}
