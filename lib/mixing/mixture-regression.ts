/**
 * Linear / ridge regression from a mixture (domain weights) to a loss, the simple RegMix regressor.
 * Features are centred and the intercept is not penalised; ridge λ = 0 is ordinary least squares.
 */
import { InsufficientDataError, InvalidInputError } from "../core";
import { linearRegression } from "../numeric/regression";


/** A fitted regression from mixture to loss. */
export interface MixtureRegressor {
  readonly kind: string;
  /** Predicted loss of one mixture. */
  predict(r: ArrayLike<number>): number;
}

/** A fitted linear mixture regression: loss ≈ intercept + Σ_j coef_j r_j. */
export interface LinearMixtureRegression extends MixtureRegressor {
  readonly kind: "linear";
  readonly intercept: number;
  readonly coef: readonly number[];
  readonly ridge: number;
}

/** Checks a design matrix and targets for the mixture regressors. */
export function checkRegressionData(fn: string, X: readonly (readonly number[])[], y: ArrayLike<number>, minRows: number): number {
  if (!Array.isArray(X as unknown) || X.length === 0) throw new InvalidInputError(fn, "X must be a non-empty array of mixtures");
  const p = X[0].length;
  if (p === 0) throw new InvalidInputError(fn, "mixtures have no domains");
  if (!y || y.length !== X.length) throw new InvalidInputError(fn, `need one target per mixture; got ${X.length} mixtures and ${y?.length ?? 0} targets`);
  X.forEach((row, i) => {
    if (row.length !== p) throw new InvalidInputError(fn, `X[${i}] has ${row.length} weights, X[0] has ${p}`);
    row.forEach((v, j) => { if (!Number.isFinite(v)) throw new InvalidInputError(fn, `X[${i}][${j}] = ${v} is not finite`); });
    if (!Number.isFinite(y[i])) throw new InvalidInputError(fn, `y[${i}] = ${y[i]} is not finite`, "drop that run");
  });
  if (X.length < minRows) throw new InsufficientDataError(fn, minRows, X.length);
  return p;
}

/**
 * Fits loss ≈ intercept + Σ_j coef_j·r_j by (ridge) least squares: minimises ‖y − b − Xw‖² + λ‖w‖² with centred
 * features (intercept unpenalised), solving (X_cᵀX_c + λI) w = X_cᵀ y_c.
 * @param X mixtures (one row per run)
 * @param y loss of each run
 * @param ridge λ ≥ 0 (default 0 = ordinary least squares)
 * @returns coefficients and a predictor
 * @throws InvalidInputError for bad input or a singular system at λ = 0 (weights that always sum to 1 are collinear
 *   with the intercept: pass ridge > 0); InsufficientDataError for fewer rows than weights + 1
 * @example fitMixtureLinearRegression([[1, 0], [0, 1], [0.5, 0.5], [0.2, 0.9]], [1, 3, 2, 2.6]).predict([0.5, 0.5]) // => 2
 * @see regmixCitation
 */
export function fitMixtureLinearRegression(X: readonly (readonly number[])[], y: ArrayLike<number>, ridge = 0): LinearMixtureRegression {
  const fn = "mixing.regmix.linear";
  if (!(Number.isFinite(ridge) && ridge >= 0)) throw new InvalidInputError(fn, `ridge = ${ridge}; need a finite λ ≥ 0`);
  const p = checkRegressionData(fn, X, y, 2);
  if (ridge === 0 && X.length < p + 1) throw new InsufficientDataError(fn, p + 1, X.length, "or pass ridge > 0");
  const fit = linearRegression(X, y, { intercept: true, ridge, fn });
  const intercept = fit.coef[0];
  const w = fit.coef.slice(1);
  return {
    kind: "linear", intercept, coef: w, ridge,
    predict: (r) => {
      if (r.length !== p) throw new InvalidInputError("LinearMixtureRegression.predict", `mixture has ${r.length} weights, the regression ${p}`);
      let s = intercept;
      for (let j = 0; j < p; j++) s += w[j] * r[j];
      return s;
    },
  };
}
