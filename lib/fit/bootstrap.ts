/**
 * Seeded bootstrap over rows: a small PRNG (xoshiro128**, Blackman & Vigna 2018, seeded through splitmix32),
 * resamples expressed as integer weights (a point drawn k times gets weight k, so the weighted objective is
 * exactly the objective of the resampled data), and summaries (SE, covariance, percentile intervals).
 */
import type { Matrix } from "./linalg";
import { sampleCovariance } from "./linalg";
import { empiricalQuantile } from "./special";

/** xoshiro128** pseudo-random generator: 32-bit state words, period 2^128 − 1, deterministic per seed. */
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

  /** Uniform integer in [0, n) (multiply-shift; bias < n / 2^32). */
  nextInt(n: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * B bootstrap resamples of n rows as weights (B × n, row-major): resample b draws n rows with replacement;
 * weight = base weight × times drawn.
 * @example Array.from(bootstrapWeights(4, 1, 7)).reduce((a, b) => a + b, 0) // => 4
 */
export function bootstrapWeights(n: number, resamples: number, seed: number, base: ArrayLike<number> | null = null): Float64Array {
  const rng = new Xoshiro128(seed);
  const w = new Float64Array(n * resamples);
  for (let b = 0; b < resamples; b++) {
    const row = b * n;
    for (let i = 0; i < n; i++) w[row + rng.nextInt(n)] += 1;
    if (base) for (let i = 0; i < n; i++) w[row + i] *= base[i];
  }
  return w;
}

/** Bootstrap distribution of the parameters and its summaries. */
export interface BootstrapSummary {
  readonly resamples: number;
  readonly seed: number;
  /** Resamples whose refit did not meet a convergence criterion (still included). */
  readonly notConverged: number;
  /** Resamples whose refit failed (non-finite objective); excluded from the summaries. */
  readonly failed: number;
  /** One row per usable resample: natural-unit parameters in parameter order. */
  readonly samples: readonly (readonly number[])[];
  readonly se: Readonly<Record<string, number>>;
  readonly covariance: Matrix;
  readonly ci: Readonly<Record<string, readonly [number, number]>>;
  readonly level: number;
}

/** Standard deviations, covariance and percentile intervals of bootstrap samples. */
export function summarizeBootstrap(names: readonly string[], samples: number[][], level: number,
  meta: { resamples: number; seed: number; notConverged: number; failed: number }): BootstrapSummary {
  const covariance = sampleCovariance(samples);
  const se: Record<string, number> = {};
  const ci: Record<string, readonly [number, number]> = {};
  names.forEach((name, j) => {
    se[name] = Math.sqrt(covariance[j][j]);
    const col = samples.map((s) => s[j]).sort((a, b) => a - b);
    ci[name] = [empiricalQuantile(col, (1 - level) / 2), empiricalQuantile(col, (1 + level) / 2)];
  });
  return { ...meta, samples, se, covariance, ci, level };
}
