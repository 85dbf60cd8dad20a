/**
 * In-house gradient-boosted regression trees (squared loss), the tree-ensemble regressor of RegMix (the paper uses
 * LightGBM; no maintained pure-JS LightGBM/XGBoost package installs offline, so this is a small, documented
 * Friedman-style booster: each tree fits the current residuals with exhaustive best-split search, leaves hold the mean
 * residual, the prediction adds learningRate × tree; rows are subsampled per tree with a seeded PRNG).
 */
import { InvalidInputError, throwIfInterrupted } from "../core";

import { Xoshiro128 } from "../numeric/random";

import { checkRegressionData, type MixtureRegressor } from "./mixture-regression";


/** Options of fitGradientBoostedTrees (defaults in parentheses). */
export interface GradientBoostingOptions {
  /** Number of trees (300). */
  readonly trees?: number;
  /** Shrinkage per tree (0.05). */
  readonly learningRate?: number;
  /** Maximum depth of each tree (3). */
  readonly maxDepth?: number;
  /** Minimum rows per leaf (5). */
  readonly minLeaf?: number;
  /** Fraction of rows drawn (without replacement) for each tree (0.8). */
  readonly subsample?: number;
  /** PRNG seed (0). */
  readonly seed?: number;
  readonly signal?: AbortSignal;
}

type TreeNode = { leaf: number } | { feature: number; threshold: number; left: TreeNode; right: TreeNode };

/** A fitted booster: base value plus shrunken trees. */
export interface GradientBoostedTrees extends MixtureRegressor {
  readonly kind: "gradient-boosted-trees";
  readonly base: number;
  readonly trees: number;
  readonly options: Required<Omit<GradientBoostingOptions, "signal">>;
}

function evalTree(node: TreeNode, x: ArrayLike<number>): number {
  let n = node;
  while (!("leaf" in n)) n = x[n.feature] <= n.threshold ? n.left : n.right;
  return n.leaf;
}

function buildTree(X: readonly (readonly number[])[], res: Float64Array, rows: number[], depth: number, o: { maxDepth: number; minLeaf: number }): TreeNode {
  let sum = 0;
  for (const i of rows) sum += res[i];
  const mean = sum / rows.length;
  if (depth >= o.maxDepth || rows.length < 2 * o.minLeaf) return { leaf: mean };
  const p = X[0].length;
  let best = { gain: 1e-12, feature: -1, threshold: 0 };
  const total = sum;
  const n = rows.length;
  for (let f = 0; f < p; f++) {
    const sorted = [...rows].sort((a, b) => X[a][f] - X[b][f]);
    let left = 0;
    for (let k = 0; k < n - 1; k++) {
      left += res[sorted[k]];
      const nl = k + 1;
      const v = X[sorted[k]][f], vNext = X[sorted[k + 1]][f];
      if (nl < o.minLeaf || n - nl < o.minLeaf || v === vNext) continue;
      // SSE reduction of a split = Σ_l²/n_l + Σ_r²/n_r − Σ²/n.
      const gain = (left * left) / nl + ((total - left) ** 2) / (n - nl) - (total * total) / n;
      if (gain > best.gain) best = { gain, feature: f, threshold: 0.5 * (v + vNext) };
    }
  }
  if (best.feature < 0) return { leaf: mean };
  const l = rows.filter((i) => X[i][best.feature] <= best.threshold);
  const r = rows.filter((i) => X[i][best.feature] > best.threshold);
  return { feature: best.feature, threshold: best.threshold, left: buildTree(X, res, l, depth + 1, o), right: buildTree(X, res, r, depth + 1, o) };
}

/**
 * Fits gradient-boosted regression trees (squared loss) from mixtures to a loss.
 * @param X mixtures (one row per run)
 * @param y loss of each run
 * @param options trees, learningRate, maxDepth, minLeaf, subsample, seed
 * @returns a predictor
 * @throws InvalidInputError for bad data or options; InsufficientDataError for fewer than 2·minLeaf rows
 * @example fitGradientBoostedTrees([[0], [1], [2], [3]], [0, 0, 1, 1], { trees: 50, learningRate: 0.5, minLeaf: 1, subsample: 1 }).predict([3]) > 0.99 // => true
 * @see Friedman 2001 (gradient boosting); regmixCitation (LightGBM regressor)
 */
export function fitGradientBoostedTrees(X: readonly (readonly number[])[], y: ArrayLike<number>, options: GradientBoostingOptions = {}): GradientBoostedTrees {
  const fn = "mixing.regmix.trees";
  const o = {
    trees: options.trees ?? 300, learningRate: options.learningRate ?? 0.05, maxDepth: options.maxDepth ?? 3,
    minLeaf: options.minLeaf ?? 5, subsample: options.subsample ?? 0.8, seed: options.seed ?? 0,
  };
  const intOpt = (name: string, v: number, min: number) => {
    if (!(Number.isInteger(v) && v >= min)) throw new InvalidInputError(fn, `option ${name} = ${v}; need an integer ≥ ${min}`);
  };
  intOpt("trees", o.trees, 1); intOpt("maxDepth", o.maxDepth, 1); intOpt("minLeaf", o.minLeaf, 1); intOpt("seed", o.seed, 0);
  if (!(o.learningRate > 0 && o.learningRate <= 1)) throw new InvalidInputError(fn, `option learningRate = ${o.learningRate}; need 0 < η ≤ 1`);
  if (!(o.subsample > 0 && o.subsample <= 1)) throw new InvalidInputError(fn, `option subsample = ${o.subsample}; need 0 < f ≤ 1`);
  const p = checkRegressionData(fn, X, y, 2 * o.minLeaf);
  const n = X.length;
  const base = Array.from(y).reduce((a, v) => a + v, 0) / n;
  const pred = new Float64Array(n).fill(base);
  const res = new Float64Array(n);
  const rng = new Xoshiro128(o.seed);
  const forest: TreeNode[] = [];
  const m = Math.max(2 * o.minLeaf, Math.round(o.subsample * n));
  for (let t = 0; t < o.trees; t++) {
    if (t % 20 === 0) throwIfInterrupted(fn, options.signal);
    for (let i = 0; i < n; i++) res[i] = y[i] - pred[i];
    // Partial Fisher–Yates shuffle: the first m indices are a uniform subsample without replacement.
    const idx = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < m && m < n; i++) {
      const j = i + rng.nextInt(n - i);
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    const tree = buildTree(X, res, idx.slice(0, m), 0, o);
    forest.push(tree);
    for (let i = 0; i < n; i++) pred[i] += o.learningRate * evalTree(tree, X[i]);
  }
  return {
    kind: "gradient-boosted-trees", base, trees: forest.length, options: o,
    predict: (r) => {
      if (r.length !== p) throw new InvalidInputError("GradientBoostedTrees.predict", `mixture has ${r.length} weights, the model ${p}`);
      let s = base;
      for (const tree of forest) s += o.learningRate * evalTree(tree, r);
      return s;
    },
  };
}
