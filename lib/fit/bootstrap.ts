/**
 * Seeded bootstrap over rows: resamples drawn with lib/numeric's xoshiro128** and expressed as integer weights (a point drawn k times gets weight k, so the weighted objective is
 * exactly the objective of the resampled data), and summaries (SE, covariance, percentile intervals).
 */
import { sampleCovariance, type Matrix } from "../numeric/linalg";
import { quantileSorted } from "../numeric/quantile";
import { Xoshiro128 } from "../numeric/random";

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
    ci[name] = [quantileSorted(col, (1 - level) / 2), quantileSorted(col, (1 + level) / 2)];
  });
  return { ...meta, samples, se, covariance, ci, level };
}
