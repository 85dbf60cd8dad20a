/**
 * The public `laws` namespace: every loss/allocation law as a `Law` object (`laws.chinchilla.predict({ N, D }, params?)`,
 * `.fit(rows, y, options?)`, `.published`, `.ranges`, the card), and the rules that are not one formula with
 * constants as documented groups of functions (FLOP counting, counting conversion, allocation solvers, isoFLOP
 * approaches, observational scaling). Internal modules import from the defining files, never from here.
 */
import { PFDAY_FLOP, KAPLAN_2020, KAPLAN_2020_ALLOCATION, kaplanLossCmin, kaplanLossD, kaplanLossFixedBatch, kaplanLossN, kaplanLossND, kaplanLossNS, kaplanOptimalAllocation, kaplanOverfittingTokens, kaplanAllocationCard } from "./kaplan";
import { kaplanCmin, kaplanCriticalBatch, kaplanCriticalBatchLaw, kaplanEmin, kaplanSmin } from "./kaplan-batch";
import {
  flopCountingLaw, flopsPerToken6N, flopsPerTokenChinchilla, flopsPerTokenDeepSeekM, flopsPerTokenKaplan, FLOP_COUNTINGS,
  openLmFeedForwardWidth, PARAM_COUNTINGS, transformerFlopsPerToken, transformerParamCount, transformerTrainingFlops,
} from "./flops";
import { computeOptimalAllocation, computeOptimalAllocationLaw, computeOptimalFrontier } from "./allocation";
import { inferenceAwareAllocation, inferenceAwareAllocationLaw } from "./inference-allocation";
import { isoLossContour, isoLossContourLaw, isoLossTokens } from "./isoloss";
import { isoflopApproachLaw, isoflopBands, isoflopParabola, isoflopParabolas } from "./isoflop";
import { chinchillaEnvelope, chinchillaEnvelopeLaw, isoflopSlice, lossCurveAt } from "./envelope";
import {
  convertAllocationCounting, convertLossLawCounting, convertParamCount, convertPowerLawCounting, countingConversionLaw, shapeForParamCount,
} from "./counting-conversion";
import {
  fitObservationalLink, observationalComputeEquivalent, observationalImpute, observationalLaw, observationalLogLinear, observationalPCA,
  observationalSigmoid, observationalSigmoidModel,
} from "./observational";
import { porianFlopsPerToken, porianIsoflopArgmin, porianLaw, porianParamCount, PORIAN_2024_EXPONENTS, PORIAN_FLOP_COUNTINGS } from "./porian";
import { clarkEffectiveExperts, clarkMoe, jointMoe, krajewskiMoe } from "./moe";
import { bhagiaAccuracy, bhagiaPredictAccuracy, bhagiaTaskLoss } from "./bhagia";
import { gadreOvertraining, gadreOvertrainingFitRuns, gadreParseRun, gadreRunsFromTable, GADRE_FIT_CONFIGS, GADRE_TRAIN_SETS } from "./gadre-overtraining";
import { gadreAverageError, gadreAverageErrors, gadreError, GADRE_EVAL_SUBSET, GADRE_EVAL_TASKS } from "./gadre-downstream";
import * as papers from "./papers";

// Laws (each one `Law` object, its own card).
export { chinchilla } from "./chinchilla-law";
export { muennighoff } from "./muennighoff";
export { bnsl } from "./bnsl";
export { hestness } from "./hestness";
export { henighan } from "./henighan";
export { distillation } from "./distillation";
export { diloco } from "./diloco";
export { lossToLoss } from "./loss-to-loss";

/** Kaplan et al. 2020: the loss laws (Laws), the compute-efficient allocation and the critical batch size. */
export const kaplan = {
  lossN: kaplanLossN,
  lossD: kaplanLossD,
  lossCmin: kaplanLossCmin,
  lossFixedBatch: kaplanLossFixedBatch,
  lossND: kaplanLossND,
  lossNS: kaplanLossNS,
  /** N_opt = k·C_min^a and D = C/(6N): `optimal({ Cmin }, params?)`, Cmin in PF-days. */
  optimal: kaplanOptimalAllocation,
  overfittingTokens: kaplanOverfittingTokens,
  /** B_crit(L) = B_* / L^(1/alpha_B), tokens: `criticalBatch(L, constants?)`. */
  criticalBatch: kaplanCriticalBatch,
  Smin: kaplanSmin,
  Emin: kaplanEmin,
  Cmin: kaplanCmin,
  /** Table 5 constants (unverified) and the allocation's coefficient/exponent. */
  table5: KAPLAN_2020,
  allocationConstants: KAPLAN_2020_ALLOCATION,
  PFDAY_FLOP,
  cards: { allocation: kaplanAllocationCard, criticalBatch: kaplanCriticalBatchLaw },
} as const;

/** Mixture-of-experts laws: Clark 2022, Krajewski 2024 (granularity), Ludziejewski 2025 (joint). */
export const moe = { clark: clarkMoe, krajewski: krajewskiMoe, joint: jointMoe, clarkEffectiveExperts } as const;

/** Bhagia et al. 2024 (OLMo ladder): task loss from (N, D), then accuracy from task loss. */
export const bhagia = { taskLoss: bhagiaTaskLoss, accuracy: bhagiaAccuracy, predictAccuracy: bhagiaPredictAccuracy } as const;

/** Gadre et al. 2024: the over-training law, loss → downstream error, and the helpers for their public runs. */
export const gadre = {
  overtraining: gadreOvertraining,
  error: gadreError,
  parseRun: gadreParseRun,
  runsFromTable: gadreRunsFromTable,
  fitRuns: gadreOvertrainingFitRuns,
  averageError: gadreAverageError,
  averageErrors: gadreAverageErrors,
  evalTasks: GADRE_EVAL_TASKS,
  evalSubset: GADRE_EVAL_SUBSET,
  trainSets: GADRE_TRAIN_SETS,
  fitConfigs: GADRE_FIT_CONFIGS,
} as const;

/** Parameter and training-FLOP counting of a decoder-only Transformer, in every convention the papers use. */
export const flops = {
  /** Parameters of a shape in a ParamCounting ("non-embedding" | "with-head" | "total"). */
  params: transformerParamCount,
  /** Training FLOP per token of a shape in a FlopCounting. */
  perToken: transformerFlopsPerToken,
  /** Training FLOP for `tokens` tokens. */
  training: transformerTrainingFlops,
  sixN: flopsPerToken6N,
  kaplan: flopsPerTokenKaplan,
  chinchilla: flopsPerTokenChinchilla,
  deepseekM: flopsPerTokenDeepSeekM,
  openLmFeedForwardWidth,
  countings: FLOP_COUNTINGS,
  paramCountings: PARAM_COUNTINGS,
  card: flopCountingLaw,
} as const;

/** Converting N, C, allocations and fitted laws between parameter/FLOP counting conventions. */
export const counting = {
  shapeFor: shapeForParamCount,
  params: convertParamCount,
  allocation: convertAllocationCounting,
  lossLaw: convertLossLawCounting,
  powerLaw: convertPowerLawCounting,
  card: countingConversionLaw,
} as const;

/** Allocation solvers on any loss surface (a function (N, D) => loss, or a Law over { N, D } such as laws.chinchilla). */
export const allocation = {
  /** Loss-optimal (N, D) for a FLOP budget, numerically: `computeOptimal(loss, C, options?)`. */
  computeOptimal: computeOptimalAllocation,
  /** computeOptimal at several budgets plus the fitted N_opt ∝ C^a, D_opt ∝ C^b. */
  frontier: computeOptimalFrontier,
  /** Sardana et al.: the cheapest (N, D) reaching a loss when inference tokens are counted too. */
  inferenceAware: inferenceAwareAllocation,
  cards: { computeOptimal: computeOptimalAllocationLaw, inferenceAware: inferenceAwareAllocationLaw },
} as const;

/** Iso-loss contours of a loss surface: tokens reaching a target loss at each N. */
export const isoloss = { tokens: isoLossTokens, contour: isoLossContour, card: isoLossContourLaw } as const;

/** Chinchilla's Approaches 1 (envelope of training curves) and 2 (parabolas on IsoFLOP slices). */
export const isoflop = {
  parabola: isoflopParabola,
  approach2: isoflopParabolas,
  envelope: chinchillaEnvelope,
  /** Bins runs into IsoFLOP bands by C (tolerance in dex, or given budgets). */
  bands: isoflopBands,
  /** A training curve's loss interpolated at a budget. */
  curveAt: lossCurveAt,
  /** Training curves sliced at budgets into IsoFLOP rows {N, C, L, run}. */
  slice: isoflopSlice,
  cards: { approach2: isoflopApproachLaw, envelope: chinchillaEnvelopeLaw },
} as const;

/** Porian et al. 2024: their FLOP/parameter counting, IsoFLOP argmin and the exponents of each fix. */
export const porian = {
  flopsPerToken: porianFlopsPerToken,
  paramCount: porianParamCount,
  isoflopArgmin: porianIsoflopArgmin,
  countings: PORIAN_FLOP_COUNTINGS,
  exponents: PORIAN_2024_EXPONENTS,
  card: porianLaw,
} as const;

/** Ruan et al. 2024 observational scaling: PCA of benchmark scores, regressions on log-compute, sigmoid links. */
export const observational = {
  pca: observationalPCA,
  impute: observationalImpute,
  logLinear: observationalLogLinear,
  sigmoid: observationalSigmoid,
  sigmoidModel: observationalSigmoidModel,
  fitLink: fitObservationalLink,
  computeEquivalent: observationalComputeEquivalent,
  card: observationalLaw,
} as const;

/** Every other paper of the seed list, as a law or a card, in topic groups (`laws.papers.vision.zhaiVit`, …). */
export { papers };

// For users defining their own laws.
export { defineLaw } from "./law";
export type { Law, LawSpec, LawParams, ParamsLike, LawFitOptions } from "./law";

// Types users write down.
export type { ChinchillaParams, ChinchillaRow, ChinchillaOptimum } from "./chinchilla";
export type { ChinchillaFit, ChinchillaFitOptions, ChinchillaDerived, ChiSquareTest, BandedValue } from "./chinchilla-fit";
export type { ChinchillaSensitivityRow } from "./chinchilla-sensitivity";
export type { MuennighoffParams, MuennighoffAllocation, MuennighoffRun } from "./muennighoff";
export type { KaplanConstants, KaplanAllocation } from "./kaplan";
export type { TransformerShape, ParamCounting, FlopCounting } from "./flops";
export type { LossSurface, ComputeOptimalOptions, ComputeOptimalResult, ComputeOptimalFrontier } from "./allocation";
export type { InferenceAwareOptions, InferenceAwareResult } from "./inference-allocation";
export type { IsoflopRow, IsoflopLossRow, IsoflopScaling, IsoflopParabola, IsoflopBand, IsoflopBands, IsoflopBandOptions } from "./isoflop";
export type { TrainingCurve, EnvelopeResult } from "./envelope";
export type { GadreRun, GadreOvertrainingParams } from "./gadre-overtraining";
export type { BnslParams } from "./bnsl";
export type { LossSurfaceLike } from "./laws-internal";
