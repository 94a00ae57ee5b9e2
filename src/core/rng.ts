/**
 * Seedable random-number streams.
 *
 * Generator: xoshiro128** 1.1 (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
 * generators", ACM Trans. Math. Softw. 47 (2021) 36), 128-bit state in 32-bit words, so it runs on
 * plain JS integers without BigInt. Doubles take 53 bits from two outputs.
 *
 * Streams: the state of stream `i` of seed `s` is derived by hashing (s, i) with the 32-bit
 * finaliser of MurmurHash3 in a SplitMix-style counter sequence. Stream i therefore depends only on
 * (s, i), never on how many streams or workers exist: work is split into numbered chunks, chunk k
 * uses stream k, and any worker may run any chunk.
 */

/** MurmurHash3 32-bit finaliser (Appleby, public domain): a bijective avalanche mix. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const TWO_POW_M53 = 2 ** -53;

export class RandomStream {
  /** The (seed, stream) pair this object was last started as (constructor or `reseed`). */
  seed: number;
  stream: number;
  /**
   * The four state words as signed 32-bit integers. Kept in an Int32Array rather than as number
   * fields: words ≥ 2³¹ would leave V8's small-integer range and be boxed on every update (about
   * 5× slower per output and most of the garbage of the shower).
   */
  private readonly s = new Int32Array(4);
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(seed: number, stream = 0) {
    this.seed = 0;
    this.stream = 0;
    this.reseed(seed, stream);
  }

  /**
   * Restarts this object as stream `stream` of seed `seed` (the same sequence `randomStream(seed,
   * stream)` gives), without allocating: for a stream per event in an inner loop.
   */
  reseed(seed: number, stream: number): void {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be a non-negative safe integer (got ${seed})`);
    }
    if (!Number.isSafeInteger(stream) || stream < 0) {
      throw new RangeError(`stream must be a non-negative safe integer (got ${stream})`);
    }
    this.seed = seed;
    this.stream = stream;
    this.hasSpareNormal = false;
    // Split both 53-bit integers into 32-bit halves and walk a Weyl sequence through fmix32.
    const seedLo = seed >>> 0;
    const seedHi = Math.floor(seed / 2 ** 32) >>> 0;
    const streamLo = stream >>> 0;
    const streamHi = Math.floor(stream / 2 ** 32) >>> 0;
    let h = fmix32(seedLo ^ 0x9e3779b9);
    h = fmix32(h ^ seedHi ^ 0x7f4a7c15);
    h = fmix32(h ^ streamLo ^ 0x85ebca6b);
    h = fmix32(h ^ streamHi ^ 0xc2b2ae35);
    let counter = h;
    const st = this.s;
    for (let k = 0; k < 4; k++) {
      counter = (counter + 0x9e3779b9) >>> 0;
      st[k] = fmix32(counter ^ fmix32(counter + streamLo));
    }
    if ((st[0]! | st[1]! | st[2]! | st[3]!) === 0) st[0] = 1; // the all-zero state is forbidden
  }

  /** Next raw 32-bit output (xoshiro128** 1.1). */
  nextUint32(): number {
    const st = this.s;
    const s0 = st[0]!;
    const s1 = st[1]!;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const s2 = st[2]! ^ s0;
    const s3 = st[3]! ^ s1;
    st[1] = s1 ^ s2;
    st[0] = s0 ^ s3;
    st[2] = s2 ^ (s1 << 9);
    st[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** Uniform double in (0, 1): never exactly 0, safe for logarithms. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Standard normal deviate (Marsaglia polar method, Marsaglia & Bray, SIAM Rev. 6 (1964) 260). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    this.hasSpareNormal = true;
    return u * f;
  }

  /** Exponential deviate with the given mean (inverse-CDF sampling). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Fills `out` with uniform doubles in [0, 1). */
  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }
}

/** Stream `stream` of seed `seed`: the same pair always gives the same sequence. */
export function randomStream(seed: number, stream = 0): RandomStream {
  return new RandomStream(seed, stream);
}
