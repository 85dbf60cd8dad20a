/**
 * Cross-comparison the papers do not make: Ye et al.'s mixing law, RegMix's regressors and BiMix fitted on the
 * same runs and scored on the same held-out mixtures.
 */
import { displayRows, InvalidInputError } from "../core";
import { bimix, type BimixInputs } from "./bimix";
import { fitGradientBoostedTrees, type GradientBoostingOptions } from "./gradient-boosting";
import { fitMixtures, predictMixture } from "./mixing-law";
import { fitMixtureLinearRegression } from "./mixture-regression";


/** Inputs of `mixing.compare` for one validation domain. */
export interface MixingComparisonInput {
  /** Mixtures at the target step, one per run. */
  readonly R: readonly (readonly number[])[];
  /** Losses on this validation domain at the target step. */
  readonly L: readonly number[];
  /** Positions in R used for fitting and for scoring. */
  readonly fit: readonly number[];
  readonly heldOut: readonly number[];
  /** Ridge λ of the RegMix linear regressor (default 1e-6: mixtures sum to 1, so OLS is singular). */
  readonly ridge?: number;
  /** Options of the RegMix tree ensemble (default: 100 trees, depth 2, minLeaf 2, no subsampling). */
  readonly trees?: GradientBoostingOptions;
  /**
   * BiMix needs steps: (s, r_i) rows and losses of the FIT mixtures at any steps, the index i of this validation
   * domain among the training domains, and the target step. Omit to skip BiMix.
   */
  readonly bimix?: { readonly rows: readonly BimixInputs[]; readonly L: readonly number[]; readonly domainIndex: number; readonly targetStep: number };
}

/** One row of the comparison table. */
export interface MixingComparisonRow {
  readonly method: string;
  /** Number of fitted parameters (or trees for the ensemble). */
  readonly parameters: number | string;
  /** Mean absolute error on the held-out mixtures, nats/token. */
  readonly mae: number;
  /** Mean relative error on the held-out mixtures. */
  readonly mre: number;
  readonly maxRelError: number;
}

function score(method: string, parameters: number | string, pred: (i: number) => number, L: readonly number[], held: readonly number[]): MixingComparisonRow {
  const abs = held.map((i) => Math.abs(pred(i) - L[i]));
  const rel = held.map((i, k) => abs[k] / L[i]);
  return {
    method, parameters,
    mae: abs.reduce((a, b) => a + b, 0) / abs.length,
    mre: rel.reduce((a, b) => a + b, 0) / rel.length,
    maxRelError: Math.max(...rel),
  };
}

/**
 * Fits Ye et al.'s mixing law, RegMix linear (ridge) regression, RegMix gradient-boosted trees and (if step data are
 * given) BiMix on the same fit mixtures, and scores all on the same held-out mixtures.
 * @param input mixtures, losses, split, optional BiMix data
 * @returns one row per method: held-out MAE, mean and max relative error
 * @throws InvalidInputError for an empty or overlapping split, or BiMix rows at fewer than 3 steps with a targetStep
 *   among none of them
 * @see yeMixingCitation, regmixCitation, bimixCitation
 */
export function compareMixingPredictors(input: MixingComparisonInput): MixingComparisonRow[] {
  const fn = "mixing.compare";
  const { R, L, fit, heldOut } = input;
  if (!R || !L || R.length !== L.length) throw new InvalidInputError(fn, `need one loss per mixture; got ${R?.length} mixtures and ${L?.length} losses`);
  if (fit.length === 0 || heldOut.length === 0) throw new InvalidInputError(fn, "fit and heldOut must both be non-empty");
  const bad = [...fit, ...heldOut].find((i) => !(Number.isInteger(i) && i >= 0 && i < R.length));
  if (bad !== undefined) throw new InvalidInputError(fn, `position ${bad} is outside 0…${R.length - 1}`);
  if (heldOut.some((i) => fit.includes(i))) throw new InvalidInputError(fn, "fit and heldOut overlap", "a held-out mixture must not be fitted");
  const Rf = fit.map((i) => R[i]), Lf = fit.map((i) => L[i]);
  const M = R[0].length;
  const rows: MixingComparisonRow[] = [];
  const ye = fitMixtures(Rf, Lf);
  rows.push(score("Ye et al. mixing law", M + 1, (i) => predictMixture(R[i], ye), L, heldOut));
  const lin = fitMixtureLinearRegression(Rf, Lf, input.ridge ?? 1e-6);
  rows.push(score("RegMix linear (ridge)", M + 1, (i) => lin.predict(R[i]), L, heldOut));
  const treeOpts = { trees: 100, maxDepth: 2, minLeaf: 2, subsample: 1, learningRate: 0.1, ...input.trees };
  const gbt = fitGradientBoostedTrees(Rf, Lf, treeOpts);
  rows.push(score("RegMix boosted trees", `${treeOpts.trees} trees`, (i) => gbt.predict(R[i]), L, heldOut));
  if (input.bimix) {
    const b = input.bimix;
    const steps = [...new Set(b.rows.map((x) => x.s))];
    // The rows determine the step curve B/s^β + C only at their steps, one number per step: with fewer than 3 steps
    // β is held at the 160M refit's value (and with one step C at 0), which changes no prediction at an observed step
    // (the free coefficients reach the same values there), so the target must be one of them.
    if (steps.length < 3 && !steps.includes(b.targetStep)) {
      throw new InvalidInputError(fn, `bimix rows hold ${steps.length} distinct step(s), which determine BiMix only at those steps, and targetStep = ${b.targetStep} is not one of them`,
        "give rows at 3 or more steps, or a targetStep among the rows' steps");
    }
    const fixed = { A: 1, ...(steps.length < 3 ? { beta: bimix.published.pileCC160M.params.beta } : {}), ...(steps.length < 2 ? { C: 0 } : {}) };
    const bi = bimix.fitSync(b.rows, b.L, { workers: 0, fixed });
    rows.push(score("BiMix (form unverified)", 5 - Object.keys(fixed).length, (i) => bimix.evaluate({ s: b.targetStep, r: R[i][b.domainIndex] }, bi), L, heldOut));
  }
  return displayRows(rows);
}
