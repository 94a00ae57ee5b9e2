/**
 * Puts generated momenta into the leg order of a matrix element (`pdgIds`, incoming first) and
 * evaluates it, for either beam orientation, without allocating.
 */
import type { MatrixElementLike } from "./types.js";

export class MePermutation {
  readonly me: MatrixElementLike;
  /** For each outgoing leg of the ME, the position of the generated particle in `outgoingPdg`. */
  private readonly outMap: Int32Array;
  /** True when the ME's first incoming leg is the quark (pdg > 0). */
  private readonly quarkFirst: boolean;
  private readonly buf: Float64Array;

  /**
   * @param outgoingPdg PDG codes of the generated outgoing particles, in the order their offsets
   *   will be passed to `evaluate`.
   */
  constructor(me: MatrixElementLike, outgoingPdg: readonly number[], _charge: number) {
    this.me = me;
    const n = me.pdgIds.length;
    if (n !== outgoingPdg.length + 2) {
      throw new RangeError(
        `matrix element ${me.name} has ${n} legs, the generator produces ${outgoingPdg.length + 2}`,
      );
    }
    this.quarkFirst = me.pdgIds[0]! > 0;
    this.outMap = new Int32Array(n - 2);
    const used = new Array<boolean>(outgoingPdg.length).fill(false);
    for (let l = 2; l < n; l++) {
      const id = me.pdgIds[l]!;
      let found = -1;
      for (let k = 0; k < outgoingPdg.length; k++) {
        if (!used[k] && outgoingPdg[k] === id) {
          found = k;
          break;
        }
      }
      if (found < 0) {
        throw new RangeError(
          `matrix element ${me.name} leg ${l} has PDG ${id}, not among the generated [${outgoingPdg.join(", ")}]`,
        );
      }
      used[found] = true;
      this.outMap[l - 2] = found;
    }
    this.buf = new Float64Array(4 * n);
  }

  /**
   * |M|² with the quark momentum at p[quarkOff], the antiquark at p[antiOff] and the outgoing
   * particles at the offsets `outOffsets` (same order as `outgoingPdg`).
   */
  evaluate(p: Float64Array, quarkOff: number, antiOff: number, outOffsets: readonly number[]): number {
    const b = this.buf;
    const i0 = this.quarkFirst ? quarkOff : antiOff;
    const i1 = this.quarkFirst ? antiOff : quarkOff;
    for (let c = 0; c < 4; c++) {
      b[c] = p[i0 + c]!;
      b[4 + c] = p[i1 + c]!;
    }
    for (let l = 0; l < this.outMap.length; l++) {
      const src = outOffsets[this.outMap[l]!]!;
      const dst = 4 * (l + 2);
      b[dst] = p[src]!;
      b[dst + 1] = p[src + 1]!;
      b[dst + 2] = p[src + 2]!;
      b[dst + 3] = p[src + 3]!;
    }
    return this.me.evaluate(b);
  }
}
