/**
 * Median discovery significance of a counting experiment from the Asimov data set.
 *
 * Without background uncertainty (Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554,
 * eq. 97):
 *   Z_A = √(2((s + b) ln(1 + s/b) − s))  →  s/√b for s ≪ b.
 * With an absolute background uncertainty σ_b (G. Cowan, "Discovery sensitivity for a counting
 * experiment with background uncertainty", 2012; the same expression appears in Cowan's
 * statistics lectures), from a profile likelihood with an auxiliary measurement of b:
 *   Z_A = √(2[(s + b) ln((s + b)(b + σ²)/(b² + (s + b)σ²)) − (b²/σ²) ln(1 + σ²s/(b(b + σ²)))])
 *       →  s/√(b + σ_b²) for s ≪ b,  → the σ_b = 0 formula for σ_b → 0.
 */
import { checkRange } from "../core/errors.js";

/** (1 + x) ln(1 + x) − x, without cancellation for small x (series Σ_{n≥2} (−x)ⁿ/(n(n−1))). */
function onePlusXLogOnePlusXMinusX(x: number): number {
  if (Math.abs(x) < 1e-3) {
    // (−1)ⁿ xⁿ = (−x)ⁿ; ten terms reach |x|^11 < 1e-33 relative to the leading x²/2.
    let sum = 0;
    let pw = -x;
    for (let n = 2; n < 12; n++) {
      pw *= -x;
      sum += pw / (n * (n - 1));
    }
    return sum;
  }
  return (1 + x) * Math.log1p(x) - x;
}

/** Z_A = √(2((s+b) ln(1+s/b) − s)) (Cowan et al. 2011, eq. 97); s ≥ 0, b > 0. */
export function asimovSignificance(s: number, b: number): number {
  checkRange("s", s, { min: 0 });
  checkRange("b", b, { min: 0, minExclusive: true });
  // (s+b) ln(1+s/b) − s = b·[(1+x) ln(1+x) − x] with x = s/b.
  return Math.sqrt(2 * b * onePlusXLogOnePlusXMinusX(s / b));
}

/**
 * Z_A with an absolute background uncertainty σ_b (Cowan 2012, see the file header); σ_b = 0 gives
 * `asimovSignificance`.
 */
export function asimovSignificanceWithUncertainty(s: number, b: number, sigmaB: number): number {
  checkRange("s", s, { min: 0 });
  checkRange("b", b, { min: 0, minExclusive: true });
  checkRange("sigmaB", sigmaB, { min: 0 });
  if (sigmaB === 0 || s === 0) return asimovSignificance(s, b);
  const v = sigmaB * sigmaB;
  // ln((s+b)(b+σ²)/(b² + (s+b)σ²)) = ln(1 + s·b/(b² + (s+b)σ²)), written with log1p for precision.
  const t1 = (s + b) * Math.log1p((s * b) / (b * b + (s + b) * v));
  const t2 = ((b * b) / v) * Math.log1p((v * s) / (b * (b + v)));
  const z2 = 2 * (t1 - t2);
  // z2 is a profile-likelihood ratio, ≥ 0 mathematically; only rounding can push it below 0 when
  // s ≪ b, where the true value is ≈ s²/(b + σ²) at the 1e-16 relative level of t1.
  return z2 > 0 ? Math.sqrt(z2) : 0;
}
