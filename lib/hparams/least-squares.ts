/**
 * Small least-squares tools shared by the hyperparameter fits: (weighted) linear least squares through the normal
 * equations, a case-resampling bootstrap of it, and a bracketed 1-D minimiser for variable projection (fits with one
 * nonlinear parameter and the rest linear, e.g. L = a·N^b + c or Tissue's L0 + A·S1^−α − C·S2).
 */
import { InsufficientDataError, InvalidInputError } from "../core";
import { Xoshiro128 } from "../fit/bootstrap";
import { fitMatrixInverse } from "../fit/linalg";

/** Result of {@link linearLeastSquares}. */
export interface LinearFit {
  /** Coefficients in design-matrix column order. */
  readonly coef: number[];
  /** Weighted residual sum of squares. */
  readonly rss: number;
  /** Fitted values X·coef. */
  readonly fitted: number[];
}

/** Solves min Σ w_i (y_i − x_i·β)²; throws when the design is rank-deficient. */
export function linearLeastSquares(fn: string, X: readonly (readonly number[])[], y: readonly number[], w?: readonly number[]): LinearFit {
  const n = X.length;
  const p = n > 0 ? X[0].length : 0;
  if (n < p || p === 0) throw new InsufficientDataError(fn, Math.max(p, 1), n, "add rows with distinct predictor values");
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    if (wi === 0) continue;
    for (let a = 0; a < p; a++) {
      xty[a] += wi * X[i][a] * y[i];
      for (let b = 0; b < p; b++) xtx[a][b] += wi * X[i][a] * X[i][b];
    }
  }
  const inv = fitMatrixInverse(xtx);
  if (!inv) throw new InvalidInputError(fn, "the predictors are collinear (rank-deficient design)", "the rows need at least two distinct values of every predictor, not all on one line");
  const coef = inv.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0));
  const fitted = X.map((row) => row.reduce((s, v, j) => s + v * coef[j], 0));
  const rss = fitted.reduce((s, f, i) => s + (w ? w[i] : 1) * (y[i] - f) ** 2, 0);
  return { coef, rss, fitted };
}

/**
 * Case-resampling bootstrap of a linear least-squares fit: `resamples` fits on rows drawn with replacement
 * (seeded, reproducible). Resamples whose design is singular are skipped.
 */
export function bootstrapLinearLeastSquares(fn: string, X: readonly (readonly number[])[], y: readonly number[], resamples: number, seed: number): number[][] {
  if (!(Number.isInteger(resamples) && resamples >= 10)) throw new InvalidInputError(fn, `resamples must be an integer ≥ 10, got ${resamples}`);
  const rng = new Xoshiro128(seed);
  const n = X.length;
  const out: number[][] = [];
  for (let b = 0; b < resamples; b++) {
    const w = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) w[rng.nextInt(n)] += 1;
    try {
      out.push(linearLeastSquares(fn, X, y, w).coef);
    } catch {
      // a resample can miss every row of a predictor value; it carries no information about the slope
    }
  }
  return out;
}

/** The q-quantile (0..1) of values, linear interpolation between order statistics (numpy's default). */
export function quantileOf(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/**
 * Minimises f on [lo, hi]: a grid scan to find the best bracket, then golden-section search inside it.
 * Returns the argmin; robust to several local minima as long as the grid resolves them.
 */
export function minimizeOnInterval(f: (x: number) => number, lo: number, hi: number, gridPoints = 200, tol = 1e-10): number {
  let best = 0;
  let bestF = Infinity;
  const h = (hi - lo) / gridPoints;
  for (let i = 0; i <= gridPoints; i++) {
    const v = f(lo + i * h);
    if (v < bestF) { bestF = v; best = i; }
  }
  let a = lo + Math.max(best - 1, 0) * h;
  let b = lo + Math.min(best + 1, gridPoints) * h;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol * (1 + Math.abs(a) + Math.abs(b))) {
    if (fc < fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
    else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
  }
  return (a + b) / 2;
}
