/**
 * Smoothing of the background m_ℓℓ template.
 *
 * The paper estimates the non-resonant background under a signal peak from the smoothly falling
 * spectrum around it ("data sideband" technique, Sec. V B: "interpolation to m_ℓℓ values populated
 * by the signal"). A finite MC sample instead gives fine bins that fluctuate, and the window
 * optimiser would chase downward fluctuations (windows of one MC event with N_B just above 10). We
 * therefore use the MC spectrum smoothed with a Gaussian kernel in ln m — a local interpolation from
 * the neighbouring mass range, as a sideband fit does — before the window search.
 *
 * For a spectrum that is smooth on the kernel scale the bias is second order: for dN/d ln m ∝ m^a
 * it is ≈ a² h²/2 (e.g. 0.5 % for a = 1, h = 0.1), far below the MC error it removes. Each source
 * bin's weight is spread with kernel weights normalised over the histogram range, so the total is
 * conserved exactly; Σw² is propagated as Σ_j w2_j K_ij².
 */
import { checkRange } from "../core/errors.js";
import { type BinnedYield, checkYield, type OwnedYield } from "./yields.js";

/** Default kernel width in ln m: 10 % in mass, wider than the muon (2 %) and comparable to the electron resolutions. */
export const DEFAULT_SMOOTHING_LN_M = 0.1;

/**
 * The yield smoothed with a Gaussian kernel of standard deviation `hLnM` in ln m (bin centres at the
 * geometric mean of their edges). Edges must be positive. `hLnM = 0` returns a copy.
 */
export function smoothInLogMass(y: BinnedYield, hLnM = DEFAULT_SMOOTHING_LN_M): OwnedYield {
  checkYield("yield", y);
  checkRange("hLnM", hLnM, { min: 0, max: 5 });
  const n = y.sumW.length;
  const edges = Float64Array.from(y.edges);
  checkRange("yield.edges[0]", edges[0]!, { min: 0, minExclusive: true, unit: "GeV" });
  const out: OwnedYield = { edges, sumW: new Float64Array(n), sumW2: new Float64Array(n) };
  const w2In = y.sumW2;
  if (hLnM === 0) {
    for (let i = 0; i < n; i++) {
      out.sumW[i] = y.sumW[i]!;
      out.sumW2[i] = w2In ? w2In[i]! : 0;
    }
    return out;
  }
  const centre = logCentres(edges);
  const kernel = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const w = y.sumW[j]!;
    const w2 = w2In ? w2In[j]! : 0;
    if (w === 0 && w2 === 0) continue;
    const [lo, hi] = kernelWeights(centre, edges, j, hLnM, kernel);
    for (let i = lo; i <= hi; i++) {
      const k = kernel[i]!;
      out.sumW[i] = out.sumW[i]! + w * k;
      out.sumW2[i] = out.sumW2[i]! + w2 * k * k;
    }
  }
  return out;
}

/** Bin centres in ln m (midpoints of the log edges). */
function logCentres(edges: Float64Array): Float64Array {
  const n = edges.length - 1;
  const centre = new Float64Array(n);
  for (let i = 0; i < n; i++) centre[i] = 0.5 * (Math.log(edges[i]!) + Math.log(edges[i + 1]!));
  return centre;
}

/**
 * Normalised kernel weights K_ij of source bin j into out[lo…hi] (bins within 4h; the range ends
 * truncate the kernel, which is renormalised so Σ_i K_ij = 1). Returns [lo, hi].
 */
function kernelWeights(
  centre: Float64Array,
  edges: Float64Array,
  j: number,
  hLnM: number,
  out: Float64Array,
): [number, number] {
  const n = centre.length;
  const reach = 4 * hLnM;
  let lo = j;
  while (lo > 0 && centre[j]! - centre[lo - 1]! <= reach) lo--;
  let hi = j;
  while (hi < n - 1 && centre[hi + 1]! - centre[j]! <= reach) hi++;
  let norm = 0;
  for (let i = lo; i <= hi; i++) {
    const d = (centre[i]! - centre[j]!) / hLnM;
    // Weight ∝ Gaussian density × bin width in ln m (bins may be non-uniform).
    const k = Math.exp(-0.5 * d * d) * (Math.log(edges[i + 1]!) - Math.log(edges[i]!));
    out[i] = k;
    norm += k;
  }
  for (let i = lo; i <= hi; i++) out[i] = out[i]! / norm;
  return [lo, hi];
}

/**
 * MC variance of the smoothed yield summed over bins [loBin, hiBin): Σ_j w2_j (Σ_{i∈window} K_ij)².
 * (Summing the smoothed per-bin Σw² instead would miss the correlation between neighbouring
 * smoothed bins, which share source events.)
 */
export function smoothedWindowVariance(y: BinnedYield, hLnM: number, loBin: number, hiBin: number): number {
  checkYield("yield", y);
  const edges = Float64Array.from(y.edges);
  const n = y.sumW.length;
  const w2In = y.sumW2;
  if (!w2In) return 0;
  if (hLnM === 0) {
    let v = 0;
    for (let i = Math.max(0, loBin); i < Math.min(n, hiBin); i++) v += w2In[i]!;
    return v;
  }
  const centre = logCentres(edges);
  const kernel = new Float64Array(n);
  let v = 0;
  for (let j = 0; j < n; j++) {
    const w2 = w2In[j]!;
    if (w2 === 0) continue;
    const [lo, hi] = kernelWeights(centre, edges, j, hLnM, kernel);
    if (hi < loBin || lo >= hiBin) continue;
    let f = 0;
    for (let i = Math.max(lo, loBin); i <= Math.min(hi, hiBin - 1); i++) f += kernel[i]!;
    v += w2 * f * f;
  }
  return v;
}
