/**
 * The dataset registry: one entry per public dataset (source repository and commit, sha256 and size per file,
 * licence, citation, column schema), and small tables of published numbers transcribed by hand.
 * The data files themselves are never committed: lib/data loads them by reference into a local cache.
 */
import type { DatasetSpec } from "./types";
import { CHINCHILLA_EPOCH_SPEC } from "./chinchilla-epoch";
import { GADRE_OVERTRAINING_SPEC } from "./gadre-overtraining";
import { STEPLAW_SPEC } from "./steplaw";
import { REGMIX_SPEC } from "./regmix";
import { MIXINGLAWS_SPEC } from "./mixinglaws";
import { OBSSCALING_SPEC } from "./obsscaling";
import { ISOFLOPS_SPEC } from "./isoflops";

export * from "./types";
export { DATASET_FILES } from "./files";
export { STEP_LAW_SEQ_LEN } from "./steplaw";
export { REGMIX_TRAIN_DOMAINS, REGMIX_EVAL_DOMAINS, REGMIX_SCALES, type RegMixTrainDomain, type RegMixEvalDomain } from "./regmix";
export { MIXING_LAWS_TRAIN_DOMAINS } from "./mixinglaws";
export { GADRE_EVAL_SETS, gadreLossColumn, type GadreEvalSet } from "./gadre-overtraining";
export { OBS_SCALING_BENCHMARKS, obsScalingColumn, type ObsScalingBenchmark } from "./obsscaling";
export * from "./published";

/** Every registered dataset, in registry order. */
export const DATASET_SPECS = [
  CHINCHILLA_EPOCH_SPEC,
  GADRE_OVERTRAINING_SPEC,
  STEPLAW_SPEC,
  REGMIX_SPEC,
  MIXINGLAWS_SPEC,
  OBSSCALING_SPEC,
  ISOFLOPS_SPEC,
] as const satisfies readonly DatasetSpec[];

/** Ids accepted by `loadDataset`. */
export const DATASET_IDS = ["chinchilla-epoch", "gadre-overtraining", "steplaw", "regmix", "mixinglaws", "obsscaling", "isoflops"] as const;
export type DatasetId = (typeof DATASET_IDS)[number];
