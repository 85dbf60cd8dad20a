/**
 * Ruan et al. 2024, "Observational Scaling Laws": a few principal components of public benchmark scores act as
 * a shared capability space; within a model family they are log-linear in training compute, and downstream
 * metrics follow a sigmoid of a linear function of them. The data and the repository's preprocessing (PCA
 * imputation, unstandardised PCA, parametric sigmoid with fixed height) are confirmed; the paper's equations
 * are recalled, so the law card is "unverified".
 */
import { defineCard, displayResult, InvalidInputError, InsufficientDataError, DidNotConvergeError } from "../core";

import type { Model } from "../fit/model";
import { fitModelSync } from "../fit/fit";
import type { FitResult } from "../fit/result";
import { symmetricEigen } from "../numeric/linalg";
import { linearRegression } from "../numeric/regression";

import { observationalCitation } from "../core/bibliography";



export interface ObservationalPCA {
  /** Column means of the fitted matrix. */
  readonly mean: readonly number[];
  /** Column scales (population standard deviations) when standardised, else all 1. */
  readonly scale: readonly number[];
  /** Principal axes, one unit vector (length T) per component, largest variance first. */
  readonly components: readonly (readonly number[])[];
  /** Variance along every axis (n − 1 denominator, as numpy/sklearn), descending; length T. */
  readonly explainedVariance: readonly number[];
  /** explainedVariance / total variance. */
  readonly explainedVarianceRatio: readonly number[];
  /** Scores of the fitted rows, n × k. */
  readonly scores: readonly (readonly number[])[];
  /** Projects new rows (same columns) onto the kept components. */
  transform(rows: readonly (readonly number[])[]): number[][];
}

function checkMatrix(fn: string, X: readonly (readonly number[])[], allowNaN: boolean): number {
  if (!Array.isArray(X) || X.length < 2) throw new InsufficientDataError(fn, 2, Array.isArray(X) ? X.length : 0, "pass rows of benchmark scores");
  const T = X[0]?.length ?? 0;
  if (T < 1) throw new InvalidInputError(fn, "rows must have at least one column");
  X.forEach((r, i) => {
    if (r.length !== T) throw new InvalidInputError(fn, `row ${i} has ${r.length} columns, expected ${T}`);
    r.forEach((v: number, j: number) => {
      if (!(Number.isFinite(v) || (allowNaN && Number.isNaN(v)))) {
        throw new InvalidInputError(fn, `row ${i}, column ${j} is ${v}`, allowNaN ? "scores must be finite or NaN (missing)" : "impute missing scores first (observationalImpute)");
      }
    });
  });
  return T;
}

/** Eigen-decomposition of a symmetric matrix, eigenpairs sorted by decreasing eigenvalue. */
function symmetricEigenDescending(S: number[][]): { values: number[]; vectors: number[][] } {
  const { values, vectors } = symmetricEigen(S);
  return { values: values.reverse(), vectors: vectors.reverse() };
}

/**
 * Principal component analysis of a models × benchmarks score matrix.
 *
 * Centres each column (and divides by its standard deviation when `standardize`), eigen-decomposes the sample
 * covariance, and orients every axis so its loadings sum to ≥ 0 (so PC1 grows with capability).
 * Ruan et al.'s `perform_pca` does not standardise by default.
 * @param X n × T scores (no missing values; see observationalImpute)
 * @param options components k (default 3), standardize (default false)
 * @returns axes, variances, scores and a transform for new rows
 * @throws InvalidInputError for ragged or non-finite input or k out of range; InsufficientDataError for < 2 rows
 * @example observationalPCA([[0, 0], [1, 1], [2, 2]], { components: 1 }).explainedVarianceRatio[0] // => 1
 * @see observationalCitation
 */
export function observationalPCA(X: readonly (readonly number[])[], options: { components?: number; standardize?: boolean } = {}): ObservationalPCA {
  const fn = "laws.observational.pca";
  const T = checkMatrix(fn, X, false);
  const k = options.components ?? Math.min(3, T);
  if (!(Number.isInteger(k) && k >= 1 && k <= T)) throw new InvalidInputError(fn, `components must be an integer in [1, ${T}], got ${k}`);
  const n = X.length;
  const mean = Array.from({ length: T }, (_, j) => X.reduce((s, r) => s + r[j], 0) / n);
  const scale = Array.from({ length: T }, (_, j) => {
    if (!options.standardize) return 1;
    const sd = Math.sqrt(X.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n);
    return sd > 0 ? sd : 1;
  });
  const Z = X.map((r) => r.map((v, j) => (v - mean[j]) / scale[j]));
  const S = Array.from({ length: T }, (_, a) => Array.from({ length: T }, (_, b) => Z.reduce((s, r) => s + r[a] * r[b], 0) / (n - 1)));
  const { values, vectors } = symmetricEigenDescending(S);
  const variance = values.map((v) => Math.max(v, 0));
  const total = variance.reduce((s, v) => s + v, 0);
  const components = vectors.slice(0, k).map((v) => (v.reduce((s, x) => s + x, 0) < 0 ? v.map((x) => -x) : v));
  const project = (rows: readonly (readonly number[])[]) =>
    rows.map((r) => components.map((c) => c.reduce((s, cj, j) => s + cj * ((r[j] - mean[j]) / scale[j]), 0)));
  return displayResult(`${fn}: ${k} principal component(s) of ${n} models × ${T} benchmarks${options.standardize ? " (standardised)" : ""}`, {
    mean,
    scale,
    components,
    explainedVariance: variance,
    explainedVarianceRatio: variance.map((v) => (total > 0 ? v / total : 0)),
    scores: project(X),
    transform: (rows) => {
      rows.forEach((r, i) => {
        if (r.length !== T || !r.every(Number.isFinite)) {
          throw new InvalidInputError("observationalPCA.transform", `row ${i} must have ${T} finite scores`);
        }
      });
      return project(rows);
    },
  });
}

/**
 * Fills missing benchmark scores (NaN) by iterative low-rank PCA reconstruction, as Ruan et al.'s `pca_impute`:
 * standardise columns on observed values, start from column means, then repeat {PCA with k components,
 * reconstruct, overwrite the missing cells} until no imputed cell moves by more than `tol` (standardised units).
 * The repository instead compares the whole matrix with its rank-k reconstruction, which observed cells almost
 * never satisfy, so it always runs its 1000 iterations; on the 148-model table both stop at the same values to
 * within 3e-6 (numpy check in tests/laws/observational.test.ts).
 * @param X n × T scores with NaN for missing
 * @param options components (default 1, the repository's guide), maxIterations (1000), tol (1e-6), clip [lo, hi]
 * @returns a completed copy of X (observed cells unchanged)
 * @throws InvalidInputError for ragged input or a column with no observed value
 * @example observationalImpute([[1, 2], [2, 4], [3, NaN]])[2][1] // => 6
 * @see observationalCitation
 */
export function observationalImpute(
  X: readonly (readonly number[])[],
  options: { components?: number; maxIterations?: number; tol?: number; clip?: readonly [number, number] } = {},
): number[][] {
  const fn = "laws.observational.impute";
  const T = checkMatrix(fn, X, true);
  const k = options.components ?? 1;
  if (!(Number.isInteger(k) && k >= 1 && k <= T)) throw new InvalidInputError(fn, `components must be an integer in [1, ${T}], got ${k}`);
  const tol = options.tol ?? 1e-6;
  const mean: number[] = [], sd: number[] = [];
  for (let j = 0; j < T; j++) {
    const obs = X.map((r) => r[j]).filter((v) => !Number.isNaN(v));
    if (obs.length === 0) throw new InvalidInputError(fn, `column ${j} has no observed value`, "drop the column");
    const m = obs.reduce((s, v) => s + v, 0) / obs.length;
    const s = Math.sqrt(obs.reduce((a, v) => a + (v - m) ** 2, 0) / obs.length);
    mean.push(m);
    sd.push(s > 0 ? s : 1);
  }
  const missing = X.map((r) => r.map((v) => Number.isNaN(v)));
  const Z = X.map((r) => r.map((v, j) => (Number.isNaN(v) ? 0 : (v - mean[j]) / sd[j])));
  const maxIter = options.maxIterations ?? 1000;
  let converged = false;
  for (let it = 0; it < maxIter && !converged; it++) {
    const pca = observationalPCA(Z, { components: k });
    let moved = 0;
    pca.scores.forEach((sc, i) => {
      for (let j = 0; j < T; j++) {
        if (!missing[i][j]) continue;
        const rec = pca.mean[j] + pca.components.reduce((a, c, q) => a + sc[q] * c[j], 0);
        moved = Math.max(moved, Math.abs(rec - Z[i][j]));
        Z[i][j] = rec;
      }
    });
    converged = moved <= tol;
  }
  if (!converged) throw new DidNotConvergeError(fn, `imputation did not settle in ${maxIter} iterations`, "raise maxIterations or tol");
  return Z.map((r, i) =>
    r.map((z, j) => {
      if (!missing[i][j]) return X[i][j];
      const v = z * sd[j] + mean[j];
      return options.clip ? Math.min(options.clip[1], Math.max(options.clip[0], v)) : v;
    }),
  );
}

/** Ordinary least squares of y on x: slope, intercept, R². */
export interface ObservationalLine {
  readonly slope: number;
  readonly intercept: number;
  readonly r2: number;
  readonly n: number;
}

/**
 * Log-linear capability within one family: S ≈ w·log10(C) + b, by ordinary least squares.
 * @param log10C log10 of training FLOPs per model
 * @param S a capability score per model (e.g. PC1)
 * @returns slope w, intercept b, R² and the number of models
 * @throws InsufficientDataError with fewer than 2 models; InvalidInputError for mismatched or non-finite input
 * @example observationalLogLinear([1, 2, 3], [2, 4, 6]).slope // => 2
 * @see observationalCitation
 */
export function observationalLogLinear(log10C: readonly number[], S: readonly number[]): ObservationalLine {
  const fn = "laws.observational.logLinear";
  if (log10C.length !== S.length) throw new InvalidInputError(fn, `log10C has ${log10C.length} values, S has ${S.length}`);
  if (log10C.length < 2) throw new InsufficientDataError(fn, 2, log10C.length, "a family needs at least two models with known FLOPs");
  log10C.forEach((x, i) => {
    if (!Number.isFinite(x) || !Number.isFinite(S[i])) throw new InvalidInputError(fn, `row ${i} is not finite (log10C = ${x}, S = ${S[i]})`);
  });
  if (log10C.every((x) => x === log10C[0])) throw new InvalidInputError(fn, "all models have the same compute; the slope is undefined");
  const r = linearRegression(log10C.map((x) => [x]), S, { intercept: true, fn });
  return displayResult(`${fn}: S ≈ slope·log10(C) + intercept over ${S.length} models`, { slope: r.coef[1], intercept: r.coef[0], r2: r.r2, n: S.length });
}

/** Parameters of the sigmoid link: y = (1 − floor)·σ(alpha + beta·S) + floor (height fixed so the ceiling is 1). */
export interface ObservationalSigmoidParams {
  readonly alpha: number;
  readonly beta: readonly number[];
  /** Floor of the metric (chance level), in [0, 0.2] in the repository's fits. */
  readonly floor: number;
}

/**
 * Downstream metric from capability scores: y = (1 − floor)·σ(alpha + beta·S) + floor.
 * @param S capability scores of one model (length k)
 * @param p alpha, beta (length k), floor
 * @returns the predicted metric in [floor, 1]
 * @throws InvalidInputError for mismatched lengths or non-finite values
 * @example observationalSigmoid([0], { alpha: 0, beta: [1], floor: 0.2 }) // => 0.6
 * @see observationalCitation
 */
export function observationalSigmoid(S: readonly number[], p: ObservationalSigmoidParams): number {
  const fn = "laws.observational.sigmoid";
  if (S.length !== p.beta.length) throw new InvalidInputError(fn, `S has ${S.length} scores but beta has ${p.beta.length} weights`);
  if (![p.alpha, p.floor, ...p.beta, ...S].every(Number.isFinite)) throw new InvalidInputError(fn, "scores and parameters must be finite");
  return (1 - p.floor) / (1 + Math.exp(-(p.alpha + S.reduce((a, s, i) => a + p.beta[i] * s, 0)))) + p.floor;
}

/**
 * The sigmoid link as a Model over score vectors (params alpha, beta1..betak, floor ∈ [0, 0.2]), analytic gradient.
 * @param k number of capability components
 * @returns a Model<readonly number[]>
 * @throws InvalidInputError for k < 1
 * @example observationalSigmoidModel(1).value([0, 1, 0.2], [0]) // => 0.6
 * @see observationalCitation
 */
export function observationalSigmoidModel(k: number): Model<readonly number[]> {
  if (!(Number.isInteger(k) && k >= 1)) throw new InvalidInputError("laws.observational.sigmoidModel", `k must be an integer ≥ 1, got ${k}`);
  const evaluate = (th: ArrayLike<number>, S: readonly number[], g?: Float64Array): number => {
    let z = th[0];
    for (let i = 0; i < k; i++) z += th[1 + i] * S[i];
    const s = 1 / (1 + Math.exp(-z));
    const floor = th[k + 1];
    if (g) {
      const ds = (1 - floor) * s * (1 - s);
      g[0] = ds;
      for (let i = 0; i < k; i++) g[1 + i] = ds * S[i];
      g[k + 1] = 1 - s;
    }
    return (1 - floor) * s + floor;
  };
  return {
    id: `observational-sigmoid-${k}`,
    params: [
      { name: "alpha", description: "intercept of the linear capability" },
      ...Array.from({ length: k }, (_, i) => ({ name: `beta${i + 1}`, description: `weight of PC${i + 1}` })),
      { name: "floor", lower: 0, upper: 0.2, description: "metric floor (chance level)" },
    ],
    value: (th, S) => evaluate(th, S),
    valueAndGradient: (th, S, g) => evaluate(th, S, g),
  };
}

/** A fit of the sigmoid link: the FitResult (params alpha, beta1…betak, floor) plus the structured link and a predictor. */
export type ObservationalLinkFit = FitResult & {
  /** The fitted link as { alpha, beta: [...], floor } (what observationalSigmoid takes). */
  readonly sigmoid: ObservationalSigmoidParams;
  /** Predicted metric for a score vector. */
  predict(S: readonly number[]): number;
};

/**
 * Fits the sigmoid link y ≈ (1 − floor)·σ(alpha + beta·S) + floor by least squares, as the repository's
 * "sigmoid-parametric" regression with fixed height (floor ∈ [0, 0.2]; start alpha = 0, beta = 0.01).
 * @param scores one capability vector per training model (length k each)
 * @param y the downstream metric per training model, in [0, 1]
 * @returns the FitResult with `sigmoid` (the structured link) and `predict(S)` added
 * @throws InsufficientDataError with fewer than k + 3 models; InvalidInputError for ragged or non-finite input
 * @example const S = [-3, -2, -1, 0, 1, 2, 3].map((x) => [x]);
 * const y = S.map((s) => observationalSigmoid(s, { alpha: 0.5, beta: [1.5], floor: 0.1 }));
 * Math.round(laws.observational.fitLink(S, y).sigmoid.beta[0] * 1000) / 1000 // => 1.5
 * @see observationalCitation
 */
export function fitObservationalLink(scores: readonly (readonly number[])[], y: readonly number[]): ObservationalLinkFit {
  const fn = "laws.observational.fitLink";
  const k = scores[0]?.length ?? 0;
  if (k < 1) throw new InvalidInputError(fn, "scores must be non-empty vectors");
  if (scores.length !== y.length) throw new InvalidInputError(fn, `got ${scores.length} score vectors and ${y.length} metric values`);
  if (scores.length < k + 3) throw new InsufficientDataError(fn, k + 3, scores.length, "use fewer components or more models");
  scores.forEach((S, i) => {
    if (S.length !== k || !S.every(Number.isFinite) || !Number.isFinite(y[i])) throw new InvalidInputError(fn, `row ${i} must have ${k} finite scores and a finite metric`);
  });
  const model = observationalSigmoidModel(k);
  const init = [0, ...Array.from({ length: k }, () => 0.01), 0.01];
  const fit = fitModelSync(model, scores, y, { objective: "mse", space: "linear", init, ftol: 1e-15, gtol: 1e-10, maxIterations: 10000, workers: 0 });
  const sigmoid = { alpha: fit.params.alpha, beta: Array.from({ length: k }, (_, i) => fit.params[`beta${i + 1}`]), floor: fit.params.floor };
  return Object.assign(fit, { sigmoid, predict: (S: readonly number[]) => observationalSigmoid(S, sigmoid) });
}

/**
 * Compute-equivalent of a model: the training FLOPs a reference family would need to reach the same linear
 * capability P = beta·S. With the reference family's per-component lines S_j ≈ w_j·log10 C + b_j,
 * log10 C_eq = (beta·S − beta·b)/(beta·w).
 * @param S the model's capability scores (length k)
 * @param beta weights of the linear capability (length k)
 * @param reference per-component lines of the reference family (length k)
 * @returns log10 of the compute-equivalent FLOPs (in the units the lines were fitted in)
 * @throws InvalidInputError for mismatched lengths or a reference family whose capability does not grow with compute
 * @example observationalComputeEquivalent([3], [1], [{ slope: 2, intercept: -1, r2: 1, n: 3 }]) // => 2
 * @see observationalCitation
 */
export function observationalComputeEquivalent(S: readonly number[], beta: readonly number[], reference: readonly ObservationalLine[]): number {
  const fn = "laws.observational.computeEquivalent";
  if (S.length !== beta.length || beta.length !== reference.length) {
    throw new InvalidInputError(fn, `S, beta and reference must have the same length (got ${S.length}, ${beta.length}, ${reference.length})`);
  }
  const bw = beta.reduce((a, b, i) => a + b * reference[i].slope, 0);
  if (!(bw > 0)) throw new InvalidInputError(fn, `beta·w = ${bw} ≤ 0: the reference family's capability does not grow with compute`, "choose another reference family");
  const bS = beta.reduce((a, b, i) => a + b * S[i], 0);
  const bb = beta.reduce((a, b, i) => a + b * reference[i].intercept, 0);
  return (bS - bb) / bw;
}

export const observationalLaw = defineCard({
  id: "observational-scaling",
  name: "Observational scaling law (Ruan 2024)",
  topic: "downstream",
  latex: "S = \\mathrm{PCA}_k(B),\\ S_{m,j} \\approx w_{f,j} \\log C_m + b_{f,j},\\ Y_m \\approx (1 - h)\\,\\sigma(\\beta^\\top S_m + \\alpha) + h",
  formula: "S = PCA_k(B); S_mj ≈ w_fj*log C_m + b_fj within family f; Y ≈ (1 - floor)*sigmoid(beta·S + alpha) + floor",
  variables: {
    B: "models × benchmarks accuracy matrix",
    S: "capability scores (principal components)",
    C: "training FLOPs",
    Y: "downstream metric",
  },
  citation: observationalCitation,
  status: "unverified",
  api: "laws.observational",
});
