/**
 * Linear regression: ordinary, weighted (WLS) and ridge least squares with coefficient covariance and SEs, and a
 * seeded case-resampling bootstrap. Normal equations solved by LU (lib/numeric/linalg): designs here are small
 * (p ≤ ~20) and well scaled by their callers (logs, centred columns), so QR's extra accuracy is not needed.
 */
import { InsufficientDataError, InvalidInputError } from "../core";
import { inverse, SingularMatrixError, type Matrix } from "./linalg";
import { Xoshiro128 } from "./random";

export interface RegressionOptions {
  /** Per-row weights w_i ≥ 0: minimises Σ w_i (y_i − x_i·β)² (WLS; a weight k counts a row k times). */
  readonly weights?: ArrayLike<number>;
  /** Ridge λ ≥ 0: adds λ‖β‖² (the intercept, when `intercept` is set, is not penalised). Default 0. */
  readonly ridge?: number;
  /** Prepend an intercept column of ones (coef[0] is then the intercept). Default false: X is the whole design. */
  readonly intercept?: boolean;
  /** Public function name used in errors. */
  readonly fn?: string;
}

export interface Regression {
  /** Coefficients in design-column order (intercept first when `intercept` was set). */
  readonly coef: number[];
  /** Standard errors √diag(covariance) (NaN when dof ≤ 0). */
  readonly se: number[];
  /** Coefficient covariance σ²·(XᵀWX + Λ)⁻¹ XᵀWX (XᵀWX + Λ)⁻¹ (σ²·(XᵀWX)⁻¹ without ridge). */
  readonly covariance: Matrix;
  /** Residual variance Σ w r² / dof. */
  readonly sigma2: number;
  /** Degrees of freedom: Σ[w > 0] − p. */
  readonly dof: number;
  /** Weighted residual sum of squares. */
  readonly rss: number;
  /** Coefficient of determination (weighted; 1 when y is constant). */
  readonly r2: number;
  /** Fitted values X·coef. */
  readonly fitted: number[];
  readonly residuals: number[];
}

/**
 * Least squares of y on the columns of X (OLS, WLS with `weights`, ridge with `ridge`).
 * @throws InsufficientDataError for fewer usable rows than coefficients (without ridge); InvalidInputError for ragged
 *   or non-finite input and for a rank-deficient design (collinear predictors)
 * @example linearRegression([[1, 0], [1, 1], [1, 2]], [1, 3, 5]).coef.map((c) => +c.toFixed(12)) // => [1, 2]
 */
export function linearRegression(X: readonly (readonly number[])[], y: ArrayLike<number>, options: RegressionOptions = {}): Regression {
  const fn = options.fn ?? "linearRegression";
  const ridge = options.ridge ?? 0;
  const w = options.weights;
  if (!(Number.isFinite(ridge) && ridge >= 0)) throw new InvalidInputError(fn, `ridge = ${ridge}; need a finite λ ≥ 0`);
  const n = X.length;
  if (y.length !== n) throw new InvalidInputError(fn, `need one target per row; got ${n} rows and ${y.length} targets`);
  if (w && w.length !== n) throw new InvalidInputError(fn, `weights has ${w.length} entries for ${n} rows`);
  const add = options.intercept ? 1 : 0;
  const p = (n > 0 ? X[0].length : 0) + add;
  const row = (i: number): readonly number[] => (add ? [1, ...X[i]] : X[i]);
  let used = 0;
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    if (X[i].length + add !== p) throw new InvalidInputError(fn, `row ${i} has ${X[i].length} columns, row 0 has ${p - add}`);
    const wi = w ? w[i] : 1;
    if (!(wi >= 0 && Number.isFinite(wi))) throw new InvalidInputError(fn, `weight of row ${i} is ${wi}; weights must be finite and ≥ 0`);
    if (wi === 0) continue;
    used++;
    const xi = row(i);
    if (!Number.isFinite(y[i]) || xi.some((v) => !Number.isFinite(v))) throw new InvalidInputError(fn, `row ${i} is not finite`, "drop or fix that row");
    for (let a = 0; a < p; a++) {
      xty[a] += wi * xi[a] * y[i];
      for (let b = 0; b < p; b++) xtx[a][b] += wi * xi[a] * xi[b];
    }
  }
  if (p === 0 || (ridge === 0 && used < p)) throw new InsufficientDataError(fn, Math.max(p, 1), used, "add rows with distinct predictor values");
  const A = xtx.map((r, a) => r.map((v, b) => (a === b && a >= add ? v + ridge : v)));
  let Ainv: Matrix;
  try {
    Ainv = inverse(A, fn);
  } catch (e) {
    if (!(e instanceof SingularMatrixError)) throw e;
    throw new InvalidInputError(fn, "the design is rank-deficient (collinear predictors)",
      "every predictor needs distinct values, not all on one line; or pass ridge > 0");
  }
  const coef = Ainv.map((r) => r.reduce((s, v, j) => s + v * xty[j], 0));
  const fitted: number[] = [], residuals: number[] = [];
  let rss = 0, sw = 0, swy = 0;
  for (let i = 0; i < n; i++) {
    const f = row(i).reduce((s, v, j) => s + v * coef[j], 0);
    const wi = w ? w[i] : 1;
    fitted.push(f);
    residuals.push(y[i] - f);
    rss += wi * (y[i] - f) ** 2;
    sw += wi;
    swy += wi * y[i];
  }
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (w ? w[i] : 1) * (y[i] - swy / sw) ** 2;
  const dof = used - p;
  const sigma2 = dof > 0 ? rss / dof : NaN;
  const bread = ridge > 0 ? Ainv.map((r) => xtx[0].map((_, b) => r.reduce((s, v, k) => s + v * xtx[k][b], 0))) : null;
  const covariance = Ainv.map((r, a) => r.map((v, b) => {
    if (!bread) return sigma2 * v;
    let s = 0;
    for (let k = 0; k < p; k++) s += bread[a][k] * Ainv[k][b];
    return sigma2 * s;
  }));
  return {
    coef, se: covariance.map((r, i) => Math.sqrt(r[i])), covariance, sigma2, dof, rss,
    r2: tss > 0 ? 1 - rss / tss : 1, fitted, residuals,
  };
}

/**
 * Case-resampling bootstrap of {@link linearRegression}: `resamples` fits on rows drawn with replacement (seeded,
 * reproducible), returned as coefficient vectors. Resamples whose design is singular are skipped (a resample can
 * miss every row of a predictor value; it carries no information about that slope).
 * @example bootstrapRegression([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 5, 7], 10, 1).length // => 10
 */
export function bootstrapRegression(X: readonly (readonly number[])[], y: ArrayLike<number>, resamples: number, seed: number,
  options: RegressionOptions = {}): number[][] {
  const fn = options.fn ?? "bootstrapRegression";
  if (!(Number.isInteger(resamples) && resamples >= 10)) throw new InvalidInputError(fn, `resamples must be an integer ≥ 10, got ${resamples}`);
  const rng = new Xoshiro128(seed);
  const n = X.length;
  const base = options.weights;
  const out: number[][] = [];
  for (let b = 0; b < resamples; b++) {
    const w = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) w[rng.nextInt(n)] += 1;
    if (base) for (let i = 0; i < n; i++) w[i] *= base[i];
    try {
      out.push(linearRegression(X, y, { ...options, weights: w }).coef);
    } catch (e) {
      if (!(e instanceof InvalidInputError || e instanceof InsufficientDataError)) throw e;
    }
  }
  return out;
}
