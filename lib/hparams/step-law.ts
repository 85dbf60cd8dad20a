/**
 * Step Law (Li et al. 2025, "Predictable Scale Part I"): the optimal peak learning rate depends on model size and
 * data, the optimal batch size on data only:
 *   η*(N, D) = lrCoef · N^lrExpN · D^lrExpD,   B*(D) = bsCoef · D^bsExpD   (B in tokens, N non-embedding, D tokens).
 * Two Laws (`stepLawLR`, `stepLawBatch`) sharing one set of five published constants; the sweep tools and the refit
 * are in ./step-law-fit, the public group `hparams.stepLaw` in ./step-law-group.
 */
import type { ParamConvention } from "./param-convention";
import { assertPositive, displayResult, InvalidInputError, type PublishedConstants } from "../core";
import { stepLawCitation } from "../core/bibliography";
import { quantile } from "../numeric/quantile";
import { defineLaw } from "../laws/law";
import { monomial } from "./monomial";

/** Parameters of the learning-rate law. */
export type StepLawLRParam = "lrCoef" | "lrExpN" | "lrExpD";
/** Parameters of the batch-size law. */
export type StepLawBatchParam = "bsCoef" | "bsExpD";
/** Every Step Law constant (natural-log regression form, exponents signed). */
export type StepLawParam = StepLawLRParam | StepLawBatchParam;
/** The five Step Law constants: η* = lrCoef·N^lrExpN·D^lrExpD, B* = bsCoef·D^bsExpD. */
export type StepLawConstants = Readonly<Record<StepLawParam, number>>;

const UNITS = "N = non-embedding params n_layer·h·(4h + 3·ffn_h); D = tokens; η = peak AdamW LR; B = tokens (sequences × 2048)";

/** The constants stated in the paper (η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571). */
export const STEP_LAW_PUBLISHED: PublishedConstants<StepLawConstants> = {
  name: "Step Law, published constants",
  params: { lrCoef: 1.79, lrExpN: -0.713, lrExpD: 0.307, bsCoef: 0.58, bsExpD: 0.571 },
  status: "confirmed",
  citation: { ...stepLawCitation, where: "the stated law η*(N, D), B*(D); confirmed-secondary (summary) and matching the released bootstrap fits" },
  note: UNITS,
};

/** Means of the 1,000 released bootstrap fits (data/1004_fitted_lr_bs_scaling_model_parameters.csv), exp of the intercepts. */
export const STEP_LAW_BOOTSTRAP_MEAN: PublishedConstants<StepLawConstants> = {
  name: "Step Law, mean of the 1,000 released bootstrap fits",
  params: { lrCoef: 1.79734, lrExpN: -0.712922, lrExpD: 0.307491, bsCoef: 0.580688, bsExpD: 0.570944 },
  status: "confirmed",
  citation: { ...stepLawCitation, where: "data/1004_fitted_lr_bs_scaling_model_parameters.csv (column means, recomputed)" },
  note: UNITS,
};

/**
 * Our refit of the released dense runs (data/dense_lr_bs_loss.csv, 17 (N, D) groups, 129 runs within 0.25% of their
 * group's best smoothed loss) with the paper's procedure (`hparams.stepLaw.refit`). The released runs are a subset of
 * the paper's ~3,700, and this fit differs from the published law (D exponent 0.197 vs 0.307).
 */
export const STEP_LAW_RELEASED_REFIT: PublishedConstants<StepLawConstants> = {
  name: "Step Law refit of the released dense runs (this library)",
  params: { lrCoef: 77.6866, lrExpN: -0.766228, lrExpD: 0.197006, bsCoef: 0.208522, bsExpD: 0.612529 },
  status: "confirmed",
  citation: { ...stepLawCitation, where: "data/dense_lr_bs_loss.csv refitted with code/fit_tool.py's procedure (filter 0.25%, OLS in log space)" },
  note: `${UNITS}; checked against an independent numpy computation`,
};

/** The published sets by short name (each carries all five constants, so both laws accept it). */
/**
 * The parameters the Step Law's N counts: non-embedding (`n_layer·h·(4h + 3·ffn_h)`, step-law/steplaw fit_tool.py)
 * and, for MoE, activated parameters (the released MoE sweep records them as `Na`).
 */
export const stepLawParameters: ParamConvention = { count: "active", embedding: "excluded" };

export const STEP_LAW_SETS = { paper: STEP_LAW_PUBLISHED, bootstrapMean: STEP_LAW_BOOTSTRAP_MEAN, releasedRefit: STEP_LAW_RELEASED_REFIT };

/** The released dense runs span these sizes; the paper's fit covers about the same N and D ≲ 1e11–1e12. */
const N_RANGE = [2e8, 1.1e9] as const;
const D_RANGE = [4e9, 1e11] as const;

/**
 * Log-space least squares is exact OLS of ln y on the log inputs: the objective is quadratic in (ln coef, exponents),
 * so tight stopping rules make the fit agree with a linear solver to ~1e-9.
 */
const LOG_OLS = { objective: "mse", space: "log", workers: 0, gtol: 1e-10, ftol: 1e-14, polish: 0 } as const;

/**
 * Step Law optimal peak learning rate η*(N, D) = lrCoef · N^lrExpN · D^lrExpD (default: the paper's constants).
 * @example hparams.stepLaw.lr.predict({ N: 1e9, D: 1e11 }) // => 1.63250e-3
 * @see stepLawCitation
 */
export const stepLawLR = defineLaw<{ N: number; D: number }, StepLawLRParam>({
  id: "step-law-lr",
  api: "hparams.stepLaw.lr",
  name: "Step Law: optimal peak learning rate η*(N, D)",
  topic: "hparams",
  latex: "\\eta^*(N,D) = 1.79\\,N^{-0.713} D^{0.307}",
  formula: "lrCoef * N^lrExpN * D^lrExpD",
  inputs: { N: "non-embedding parameters, n_layer·h·(4h + 3·ffn_h)", D: "training tokens" },
  output: "optimal peak AdamW learning rate",
  params: [
    { name: "lrCoef", transform: "log", description: "η* prefactor" },
    { name: "lrExpN", description: "exponent of N (negative)" },
    { name: "lrExpD", description: "exponent of D" },
  ],
  published: STEP_LAW_SETS,
  ranges: { N: N_RANGE, D: D_RANGE },
  citation: stepLawCitation,
  ...monomial<{ N: number; D: number }, StepLawLRParam>("lrCoef", [["N", "lrExpN"], ["D", "lrExpD"]]),
  module: __filename,
  fitDefaults: { ...LOG_OLS, init: { lrCoef: 1, lrExpN: 0, lrExpD: 0 } },
});

/**
 * Step Law optimal batch size B*(D) = bsCoef · D^bsExpD, in tokens (independent of N; default: the paper's constants).
 * @example hparams.stepLaw.batch.predict({ D: 1e11 }) // => 1.107715e6
 * @see stepLawCitation
 */
export const stepLawBatch = defineLaw<{ D: number }, StepLawBatchParam>({
  id: "step-law-batch",
  api: "hparams.stepLaw.batch",
  name: "Step Law: optimal batch size B*(D)",
  topic: "hparams",
  latex: "B^*(D) = 0.58\\,D^{0.571}",
  formula: "bsCoef * D^bsExpD",
  inputs: { D: "training tokens" },
  output: "optimal global batch size, tokens",
  params: [
    { name: "bsCoef", transform: "log", description: "B* prefactor, tokens" },
    { name: "bsExpD", description: "exponent of D" },
  ],
  published: STEP_LAW_SETS,
  ranges: { D: D_RANGE },
  citation: stepLawCitation,
  ...monomial<{ D: number }, StepLawBatchParam>("bsCoef", [["D", "bsExpD"]]),
  module: __filename,
  fitDefaults: { ...LOG_OLS, init: { bsCoef: 1, bsExpD: 0 } },
});

/**
 * Non-embedding parameters as Step Law counts them: n_layer · h · (4h + 3·ffn_h) (multi-head attention + SwiGLU).
 * @param p.nLayer layers; p.dModel hidden size h; p.dFF SwiGLU inner size ffn_h
 * @returns N, non-embedding parameters
 * @throws InvalidInputError for non-positive sizes
 * @example hparams.stepLaw.nonEmbeddingParams({ nLayer: 7, dModel: 960, dFF: 9368 }) // => 214663680
 * @see stepLawCitation
 */
export function stepLawNonEmbeddingParams(p: { nLayer: number; dModel: number; dFF: number }): number {
  const fn = "hparams.stepLaw.nonEmbeddingParams";
  assertPositive(fn, "nLayer", p.nLayer);
  assertPositive(fn, "dModel", p.dModel);
  assertPositive(fn, "dFF", p.dFF);
  return p.nLayer * p.dModel * (4 * p.dModel + 3 * p.dFF);
}

/** One released bootstrap fit: natural-log regression coefficients (the CSV's columns). */
export interface StepLawBootstrapFit {
  readonly lr_intercept: number;
  readonly lr_coefN: number;
  readonly lr_coefD: number;
  readonly bs_intercept: number;
  readonly bs_coefD: number;
}

/** Converts one bootstrap row (log intercepts) to {@link StepLawConstants}. */
function constantsFromBootstrap(f: StepLawBootstrapFit): StepLawConstants {
  return { lrCoef: Math.exp(Number(f.lr_intercept)), lrExpN: Number(f.lr_coefN), lrExpD: Number(f.lr_coefD), bsCoef: Math.exp(Number(f.bs_intercept)), bsExpD: Number(f.bs_coefD) };
}

/**
 * Mean coefficients of a set of bootstrap fits, as Step Law constants (intercepts averaged in log space, as the
 * paper's regression is in natural logs).
 * @param fits rows with lr_intercept, lr_coefN, lr_coefD, bs_intercept, bs_coefD (numbers or numeric strings)
 * @returns the mean constants (usable as params of `stepLaw.lr` and `stepLaw.batch`)
 * @throws InvalidInputError when empty or a value is not a number
 * @example hparams.stepLaw.bootstrapMean([{ lr_intercept: 0, lr_coefN: -0.7, lr_coefD: 0.3, bs_intercept: 0, bs_coefD: 0.5 }]).lrCoef // => 1
 * @see stepLawCitation
 */
export function stepLawBootstrapMean(fits: readonly StepLawBootstrapFit[]): StepLawConstants {
  const fn = "hparams.stepLaw.bootstrapMean";
  if (!fits.length) throw new InvalidInputError(fn, "no bootstrap fits given", "pass the rows of 1004_fitted_lr_bs_scaling_model_parameters.csv");
  const keys = ["lr_intercept", "lr_coefN", "lr_coefD", "bs_intercept", "bs_coefD"] as const;
  const mean = Object.fromEntries(keys.map((k) => {
    let s = 0;
    fits.forEach((f, i) => {
      const v = Number(f[k]);
      if (!Number.isFinite(v)) throw new InvalidInputError(fn, `row ${i} has ${k} = ${f[k]}`, "every row needs five numeric coefficients");
      s += v;
    });
    return [k, s / fits.length];
  })) as unknown as StepLawBootstrapFit;
  return displayResult(`${fn}: mean Step Law constants of ${fits.length} bootstrap fits`, constantsFromBootstrap(mean));
}

/** Central interval of η* and B* over bootstrap fits at one (N, D). */
export interface StepLawBand {
  readonly lr: { readonly median: number; readonly lo: number; readonly hi: number };
  readonly batch: { readonly median: number; readonly lo: number; readonly hi: number };
}

/**
 * The bootstrap band of the Step Law at (N, D): quantiles of η* and B* over the bootstrap fits.
 * @param x.N non-embedding params; x.D tokens
 * @param fits bootstrap rows; opts.level central coverage (default 0.95)
 * @returns median, lower and upper quantiles of η* and B* (tokens)
 * @throws InvalidInputError for non-positive N, D, level outside (0, 1) or empty fits
 * @example hparams.stepLaw.bootstrapBand({ N: 1e9, D: 1e11 }, [{ lr_intercept: 0, lr_coefN: 0, lr_coefD: 0, bs_intercept: 0, bs_coefD: 0 }]).lr.hi // => 1
 * @see stepLawCitation
 */
export function stepLawBootstrapBand(x: { N: number; D: number }, fits: readonly StepLawBootstrapFit[], opts: { level?: number } = {}): StepLawBand {
  const fn = "hparams.stepLaw.bootstrapBand";
  assertPositive(fn, "N", x.N);
  assertPositive(fn, "D", x.D);
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(fn, `level must be in (0, 1), got ${level}`);
  if (!fits.length) throw new InvalidInputError(fn, "no bootstrap fits given", "pass the rows of 1004_fitted_lr_bs_scaling_model_parameters.csv");
  const ks = fits.map(constantsFromBootstrap);
  const lr = ks.map((k) => stepLawLR.predict(x, k));
  const bs = ks.map((k) => stepLawBatch.predict({ D: x.D }, k));
  const q = (v: number[]) => ({ median: quantile(v, 0.5), lo: quantile(v, (1 - level) / 2), hi: quantile(v, (1 + level) / 2) });
  return displayResult(`${fn}: ${Math.round(level * 100)}% band of η* and B* (tokens) at N = ${x.N.toExponential(3)}, D = ${x.D.toExponential(3)} over ${fits.length} fits`,
    { lr: q(lr), batch: q(bs) });
}
