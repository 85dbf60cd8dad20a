/**
 * Short names for the registry's per-dataset constants and the transcribed published tables, grouped as the `data`
 * namespace shows them (`data.regmix.trainDomains`, `data.published.chinchillaTable3`, …).
 */
import {
  CHINCHILLA_TABLE3_PROJECTIONS, GADRE_EXTRAPOLATION_TARGETS, ZHANG_STEPS_TO_TARGET,
} from "../../datasets/published";
import {
  GADRE_EVAL_SETS, MIXING_LAWS_TRAIN_DOMAINS, OBS_SCALING_BENCHMARKS, REGMIX_EVAL_DOMAINS, REGMIX_SCALES, REGMIX_TRAIN_DOMAINS,
  STEP_LAW_SEQ_LEN, gadreLossColumn, obsScalingColumn, parseMixingLawCheckpoint,
} from "../../datasets";

/**
 * Tables of published numbers transcribed by hand (citation, units, status; "unverified" ones are never asserted).
 * @example published.gadreTargets.rows.length // => 2
 */
export const published = {
  chinchillaTable3: CHINCHILLA_TABLE3_PROJECTIONS,
  zhangStepsToTarget: ZHANG_STEPS_TO_TARGET,
  gadreTargets: GADRE_EXTRAPOLATION_TARGETS,
} as const;

/**
 * RegMix dataset constants: the 17 training domains (mixture weight columns `w_<domain>`), the 13 validation domains
 * (`loss_<domain>`), the proxy scales.
 * @example regmix.trainDomains.length // => 17
 */
export const regmix = { trainDomains: REGMIX_TRAIN_DOMAINS, evalDomains: REGMIX_EVAL_DOMAINS, scales: REGMIX_SCALES } as const;

/**
 * Data Mixing Laws dataset constants: training domains per experiment, and the checkpoint-path parser.
 * @example mixinglaws.trainDomains["3Mix"].length // => 3
 */
export const mixinglaws = { trainDomains: MIXING_LAWS_TRAIN_DOMAINS, checkpoint: parseMixingLawCheckpoint } as const;

/**
 * Observational scaling dataset constants: the benchmark names and their column names.
 * @example obsscaling.benchmarks.length > 0 // => true
 */
export const obsscaling = { benchmarks: OBS_SCALING_BENCHMARKS, column: obsScalingColumn } as const;

/**
 * Gadre et al. over-training dataset constants: the eval sets of the losses table and the wide loss column of each.
 * @example gadre.lossColumn("c4_val") // => "loss_c4_val"
 */
export const gadre = { evalSets: GADRE_EVAL_SETS, lossColumn: gadreLossColumn } as const;

/**
 * Step Law dataset constants: the sequence length the batch sizes count in.
 * @example steplaw.seqLen // => 2048
 */
export const steplaw = { seqLen: STEP_LAW_SEQ_LEN } as const;
