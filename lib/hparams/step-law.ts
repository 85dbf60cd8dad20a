/**
 * Step Law (Li et al. 2025, "Predictable Scale Part I"): the optimal peak learning rate depends on model size and
 * data, the optimal batch size on data only:
 *   η*(N, D) = a · N^αN · D^αD,   B*(D) = b · D^βD   (B in tokens, N non-embedding, D tokens).
 */
import { assertPositive, defineCard, InvalidInputError, type Citation, type PublishedConstants } from "../core";

import { quantile } from "../numeric/quantile";
import { stepLawCitation } from "../core/bibliography";



/** Constants of the Step Law in its regression form (natural-log OLS coefficients, exponents signed). */
export interface StepLawConstants {
  /** a: η* prefactor. */
  readonly lrCoef: number;
  /** αN: exponent of N in η* (negative). */
  readonly lrExpN: number;
  /** αD: exponent of D in η*. */
  readonly lrExpD: number;
  /** b: B* prefactor, tokens. */
  readonly bsCoef: number;
  /** βD: exponent of D in B*. */
  readonly bsExpD: number;
}

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
 * group's best smoothed loss) with the paper's procedure; see {@link fitStepLaw}. The released runs are a subset of the
 * paper's ~3,700, and this fit differs from the published law (D exponent 0.197 vs 0.307).
 */
export const STEP_LAW_RELEASED_REFIT: PublishedConstants<StepLawConstants> = {
  name: "Step Law refit of the released dense runs (this library)",
  params: { lrCoef: 77.6866, lrExpN: -0.766228, lrExpD: 0.197006, bsCoef: 0.208522, bsExpD: 0.612529 },
  status: "confirmed",
  citation: { ...stepLawCitation, where: "data/dense_lr_bs_loss.csv refitted with code/fit_tool.py's procedure (filter 0.25%, OLS in log space)" },
  note: `${UNITS}; checked against an independent numpy computation`,
};

function constantsOf(fn: string, c: StepLawConstants | undefined): StepLawConstants {
  const k = c ?? STEP_LAW_PUBLISHED.params;
  for (const [name, v] of Object.entries(k)) {
    if (!Number.isFinite(v)) throw new InvalidInputError(fn, `constants.${name} must be finite, got ${v}`);
  }
  assertPositive(fn, "constants.lrCoef", k.lrCoef);
  assertPositive(fn, "constants.bsCoef", k.bsCoef);
  return k;
}

/**
 * Step Law optimal peak learning rate η*(N, D) = a · N^αN · D^αD.
 * @param p.N non-embedding parameters (> 0)
 * @param p.D training tokens (> 0)
 * @param p.constants defaults to {@link STEP_LAW_PUBLISHED} (1.79, −0.713, 0.307)
 * @returns the optimal peak AdamW learning rate
 * @throws InvalidInputError for non-positive N, D or non-finite constants
 * @example stepLawLearningRate({ N: 1e9, D: 1e11 }) // => 1.63250e-3
 * @see stepLawCitation
 */
export function stepLawLearningRate(p: { N: number; D: number; constants?: StepLawConstants }): number {
  const fn = "stepLawLearningRate";
  assertPositive(fn, "N", p.N);
  assertPositive(fn, "D", p.D);
  const k = constantsOf(fn, p.constants);
  return k.lrCoef * p.N ** k.lrExpN * p.D ** k.lrExpD;
}

/**
 * Step Law optimal batch size B*(D) = b · D^βD, in tokens (independent of N).
 * @param p.D training tokens (> 0)
 * @param p.constants defaults to {@link STEP_LAW_PUBLISHED} (0.58, 0.571)
 * @returns the optimal batch size in tokens (divide by the sequence length for sequences)
 * @throws InvalidInputError for non-positive D or non-finite constants
 * @example stepLawBatchSize({ D: 1e11 }) // => 1.107715e6
 * @see stepLawCitation
 */
export function stepLawBatchSize(p: { D: number; constants?: StepLawConstants }): number {
  const fn = "stepLawBatchSize";
  assertPositive(fn, "D", p.D);
  const k = constantsOf(fn, p.constants);
  return k.bsCoef * p.D ** k.bsExpD;
}

/**
 * Non-embedding parameters as Step Law counts them: n_layer · h · (4h + 3·ffn_h) (multi-head attention + SwiGLU).
 * @param p.nLayer layers; p.dModel hidden size h; p.dFF SwiGLU inner size ffn_h
 * @returns N, non-embedding parameters
 * @throws InvalidInputError for non-positive sizes
 * @example stepLawNonEmbeddingParams({ nLayer: 7, dModel: 960, dFF: 9368 }) // => 214663680
 * @see stepLawCitation
 */
export function stepLawNonEmbeddingParams(p: { nLayer: number; dModel: number; dFF: number }): number {
  const fn = "stepLawNonEmbeddingParams";
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
export function stepLawConstantsFromBootstrap(f: StepLawBootstrapFit): StepLawConstants {
  return { lrCoef: Math.exp(Number(f.lr_intercept)), lrExpN: Number(f.lr_coefN), lrExpD: Number(f.lr_coefD), bsCoef: Math.exp(Number(f.bs_intercept)), bsExpD: Number(f.bs_coefD) };
}

/**
 * Mean coefficients of a set of bootstrap fits, as Step Law constants (intercepts averaged in log space, as the
 * paper's regression is in natural logs).
 * @param fits rows with lr_intercept, lr_coefN, lr_coefD, bs_intercept, bs_coefD (numbers or numeric strings)
 * @returns the mean constants
 * @throws InvalidInputError when empty or a value is not a number
 * @example stepLawBootstrapMean([{ lr_intercept: 0, lr_coefN: -0.7, lr_coefD: 0.3, bs_intercept: 0, bs_coefD: 0.5 }]).lrCoef // => 1
 * @see stepLawCitation
 */
export function stepLawBootstrapMean(fits: readonly StepLawBootstrapFit[]): StepLawConstants {
  const fn = "stepLawBootstrapMean";
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
  return stepLawConstantsFromBootstrap(mean);
}

/** Central interval of η* and B* over bootstrap fits at one (N, D). */
export interface StepLawBand {
  readonly lr: { readonly median: number; readonly lo: number; readonly hi: number };
  readonly batch: { readonly median: number; readonly lo: number; readonly hi: number };
}

/**
 * The bootstrap band of the Step Law at (N, D): quantiles of η* and B* over the bootstrap fits.
 * @param p.N non-embedding params; p.D tokens; p.fits bootstrap rows; p.level central coverage (default 0.95)
 * @returns median, lower and upper quantiles of η* and B* (tokens)
 * @throws InvalidInputError for non-positive N, D, level outside (0, 1) or empty fits
 * @example stepLawBootstrapBand({ N: 1e9, D: 1e11, fits: [{ lr_intercept: 0, lr_coefN: 0, lr_coefD: 0, bs_intercept: 0, bs_coefD: 0 }] }).lr.hi // => 1
 * @see stepLawCitation
 */
export function stepLawBootstrapBand(p: { N: number; D: number; fits: readonly StepLawBootstrapFit[]; level?: number }): StepLawBand {
  const fn = "stepLawBootstrapBand";
  assertPositive(fn, "N", p.N);
  assertPositive(fn, "D", p.D);
  const level = p.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(fn, `level must be in (0, 1), got ${level}`);
  if (!p.fits.length) throw new InvalidInputError(fn, "no bootstrap fits given", "pass the rows of 1004_fitted_lr_bs_scaling_model_parameters.csv");
  const ks = p.fits.map(stepLawConstantsFromBootstrap);
  const lr = ks.map((k) => k.lrCoef * p.N ** k.lrExpN * p.D ** k.lrExpD);
  const bs = ks.map((k) => k.bsCoef * p.D ** k.bsExpD);
  const q = (v: number[]) => ({ median: quantile(v, 0.5), lo: quantile(v, (1 - level) / 2), hi: quantile(v, (1 + level) / 2) });
  return { lr: q(lr), batch: q(bs) };
}

/** Law card: registers this law in the catalogue (`listLaws`) and renders it in the notebook. */
export const stepLaw = defineCard({
  id: "step-law",
  name: "Step Law: optimal peak LR η*(N, D) and batch size B*(D)",
  topic: "hparams",
  latex: "\\eta^*(N,D) = 1.79\\,N^{-0.713} D^{0.307},\\quad B^*(D) = 0.58\\,D^{0.571}",
  formula: "eta = lrCoef * N^lrExpN * D^lrExpD; B = bsCoef * D^bsExpD",
  variables: {
    N: "non-embedding parameters, n_layer·h·(4h + 3·ffn_h)",
    D: "training tokens",
    "η*": "optimal peak AdamW learning rate",
    "B*": "optimal global batch size, tokens",
  },
  citation: stepLawCitation,
  status: "confirmed",
  constants: [STEP_LAW_PUBLISHED, STEP_LAW_BOOTSTRAP_MEAN, STEP_LAW_RELEASED_REFIT],
  api: "stepLawLearningRate",
});
