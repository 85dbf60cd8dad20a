/**
 * `hparams.stepLaw`: the Step Law's two Laws, its published constant sets and the tools for the released sweep
 * (selection of near-optimal runs, refit, loss landscape, prediction gaps, bootstrap band).
 */
import { STEP_LAW_SETS, stepLawBatch, stepLawBootstrapBand, stepLawBootstrapMean, stepLawLR, stepLawNonEmbeddingParams, stepLawParameters } from "./step-law";
import { fitStepLaw, selectStepLawOptima, stepLawLandscape, stepLawPredictionGaps, stepLawRunsFromRecords } from "./step-law-fit";

/**
 * The Step Law (Li et al. 2025): `lr` η*(N, D) and `batch` B*(D) are Laws (predict, fit, card); `published` holds the
 * paper's constants, the mean of the released bootstrap fits and our refit of the released runs (each usable as
 * params of both laws); `refit(runs)` fits both to a sweep and returns a FitResult.
 * @example hparams.stepLaw.batch.predict({ D: 1e11 }, hparams.stepLaw.published.releasedRefit) // => 1.140173e6
 */
export const stepLaw = {
  lr: stepLawLR,
  batch: stepLawBatch,
  published: STEP_LAW_SETS,
  /** What the rule's N counts: active non-embedding parameters. */
  parameters: stepLawParameters,
  refit: fitStepLaw,
  runsFromRecords: stepLawRunsFromRecords,
  selectOptima: selectStepLawOptima,
  landscape: stepLawLandscape,
  predictionGaps: stepLawPredictionGaps,
  nonEmbeddingParams: stepLawNonEmbeddingParams,
  bootstrapMean: stepLawBootstrapMean,
  bootstrapBand: stepLawBootstrapBand,
} as const;
