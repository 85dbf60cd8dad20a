/**
 * The seeded pseudo-random generator every resampling uses: xoshiro128** (Blackman & Vigna 2018), 32-bit state
 * words, seeded through splitmix32. Hand-written because it is tiny, must be identical on the main thread and in
 * fit workers, and Math.random cannot be seeded.
 */

/** xoshiro128** pseudo-random generator: period 2^128 − 1, deterministic per seed. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed any integer; expanded to the 128-bit state with splitmix32
   * @example new Xoshiro128(42).nextUint32() === new Xoshiro128(42).nextUint32() // => true
   */
  constructor(seed: number) {
    let x = seed >>> 0;
    const split = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = split(); this.s1 = split(); this.s2 = split(); this.s3 = split();
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * Standard normal by Box–Muller (one per call: u in (0, 1] so the log is finite, v in [0, 1)).
   * @example Number.isFinite(new Xoshiro128(1).nextNormal()) // => true
   */
  nextNormal(): number {
    const u = (this.nextUint32() + 1) / 4294967297, v = this.nextUint32() / 4294967296;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Uniform integer in [0, n) (multiply-shift; bias < n / 2^32). */
  nextInt(n: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
