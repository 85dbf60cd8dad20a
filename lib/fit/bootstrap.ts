/**
 * Seeded bootstrap over rows or over clusters of rows (e.g. every checkpoint of one training run: checkpoints are not
 * independent, and resampling them one by one makes SEs several times too small). Resamples are drawn with
 * lib/numeric's xoshiro128** and expressed as integer weights (a row drawn k times gets weight k, so the weighted
 * objective is exactly the objective of the resampled data); summaries are SE, covariance and percentile intervals.
 */
import { sampleCovariance, type Matrix } from "../numeric/linalg";
import { quantileSorted } from "../numeric/quantile";
import { Xoshiro128 } from "../numeric/random";
import { InvalidInputError } from "../core";

/** Rows grouped into resampling units: `ids[i]` ∈ [0, count) is row i's cluster. */
export interface Clusters {
  readonly ids: Int32Array;
  readonly count: number;
}

/**
 * B bootstrap resamples of n rows as weights (B × n, row-major): resample b draws as many clusters as there are,
 * with replacement (each row is its own cluster when `clusters` is null); weight = base weight × times its
 * cluster was drawn.
 * @example Array.from(bootstrapWeights(4, 1, 7)).reduce((a, b) => a + b, 0) // => 4
 */
export function bootstrapWeights(n: number, resamples: number, seed: number, base: ArrayLike<number> | null = null,
  clusters: Clusters | null = null): Float64Array {
  const rng = new Xoshiro128(seed);
  const w = new Float64Array(n * resamples);
  const G = clusters ? clusters.count : n;
  const drawn = new Float64Array(G);
  for (let b = 0; b < resamples; b++) {
    const row = b * n;
    drawn.fill(0);
    for (let g = 0; g < G; g++) drawn[rng.nextInt(G)] += 1;
    for (let i = 0; i < n; i++) w[row + i] = drawn[clusters ? clusters.ids[i] : i] * (base ? base[i] : 1);
  }
  return w;
}

/**
 * Cluster ids from a row field (e.g. "run"): rows with equal values form one resampling unit.
 * @throws InvalidInputError when a row lacks the field or there are fewer than 2 clusters
 * @example clustersBy("f", [{ run: "a" }, { run: "b" }, { run: "a" }], "run").count // => 2
 */
export function clustersBy(fn: string, rows: readonly unknown[], by: string): Clusters {
  const index = new Map<unknown, number>();
  const ids = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    const v = r !== null && typeof r === "object" ? (r as Record<string, unknown>)[by] : undefined;
    if (typeof v !== "string" && typeof v !== "number") {
      throw new InvalidInputError(fn, `option bootstrap.by = "${by}": row ${i} has no string or number field ${by}`, "give every row its run id");
    }
    if (!index.has(v)) index.set(v, index.size);
    ids[i] = index.get(v)!;
  });
  if (index.size < 2) throw new InvalidInputError(fn, `option bootstrap.by = "${by}": all rows are in one cluster; a cluster bootstrap needs at least 2`);
  return { ids, count: index.size };
}

/** Bootstrap distribution of the parameters and its summaries. */
export interface BootstrapSummary {
  readonly resamples: number;
  readonly seed: number;
  /** What was resampled: "row", or the row field whose values define the clusters (e.g. "run"). */
  readonly unit: string;
  /** How many units there were (rows, or distinct values of the field). */
  readonly units: number;
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
  meta: { resamples: number; seed: number; unit: string; units: number; notConverged: number; failed: number }): BootstrapSummary {
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
