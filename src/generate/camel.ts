/**
 * The "camel" test integrand: two Gaussian peaks on the diagonal of [0,1]^d,
 * f(x) = ½ [Π_d N(x_d; 1/3, σ) + Π_d N(x_d; 2/3, σ)], a standard VEGAS benchmark (Lepage 1978;
 * the GSL "monte" examples; Hahn, Cuba, Comput. Phys. Commun. 168 (2005) 78). Its integral is
 * ½ [Iₐ^d + I_b^d] with I = ½[erf((1 − a)/(σ√2)) + erf(a/(σ√2))]; for σ ≤ 0.05 the truncation is
 * below 1e−10, so the integral is 1 to that precision. Used to test the engine and the workers
 * without PDFs; the "weight" is in arbitrary units.
 */
import type { EventBatch } from "../core/events.js";
import { VegasGrid } from "../phasespace/vegas.js";
import type { Process } from "./types.js";

export class CamelProcess implements Process {
  readonly name: string;
  readonly processId = 0;
  readonly nDim: number;
  readonly nParticles = 0;
  readonly grid: VegasGrid;
  readonly multichannel = null;
  readonly lastChannelDensity = 1;
  private readonly width: number;
  private readonly x: Float64Array;

  constructor(dims: number, width: number) {
    this.nDim = dims;
    this.width = width;
    this.name = `camel(d=${dims}, σ=${width})`;
    this.grid = new VegasGrid(dims, 50);
    this.x = new Float64Array(dims);
  }

  evaluate(y: Float64Array, _uChannel: number): number {
    const jac = this.grid.map(y, this.x);
    const s2 = this.width * this.width;
    const norm = 1 / Math.sqrt(2 * Math.PI * s2);
    let a = 1;
    let b = 1;
    for (let d = 0; d < this.nDim; d++) {
      const xa = this.x[d]! - 1 / 3;
      const xb = this.x[d]! - 2 / 3;
      a *= norm * Math.exp((-0.5 * xa * xa) / s2);
      b *= norm * Math.exp((-0.5 * xb * xb) / s2);
    }
    return 0.5 * (a + b) * jac;
  }

  writeEvent(batch: EventBatch, e: number, weight: number): void {
    batch.weight[e] = weight;
    batch.processId[e] = this.processId;
  }
}
