/**
 * The dataset registry: one module per public dataset (`datasets/<id>/`: spec with source commit, sha256 per file,
 * licence, citation and column units; parser; row types), listed once in DATASETS — ids, specs and row types are
 * derived from that list, so adding a dataset is one folder and one line. Also the small tables of published numbers
 * transcribed by hand (`published/`). The data files themselves are never committed: lib/data loads them by reference.
 */
import type { MainRowOf, TablesOf } from "./source";
import type { DatasetSpec } from "./types";
import * as chinchillaEpoch from "./chinchilla-epoch";
import * as gadreOvertraining from "./gadre-overtraining";
import * as steplaw from "./steplaw";
import * as regmix from "./regmix";
import * as mixinglaws from "./mixinglaws";
import * as obsscaling from "./obsscaling";
import * as isoflops from "./isoflops";

/** Every registered dataset by id, in registry order. */
export const DATASETS = {
  "chinchilla-epoch": chinchillaEpoch.dataset,
  "gadre-overtraining": gadreOvertraining.dataset,
  steplaw: steplaw.dataset,
  regmix: regmix.dataset,
  mixinglaws: mixinglaws.dataset,
  obsscaling: obsscaling.dataset,
  isoflops: isoflops.dataset,
} as const;

/** Ids accepted by `loadDataset`. */
export type DatasetId = keyof typeof DATASETS;
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** Every registry entry, in registry order. */
export const DATASET_SPECS: readonly DatasetSpec[] = DATASET_IDS.map((id) => DATASETS[id].spec);

/** Row types of every table of every dataset (table name → row). */
export type DatasetTableTypes = { [K in DatasetId]: TablesOf<(typeof DATASETS)[K]> };

/** Main-table row type of each dataset. */
export type DatasetMainRow = { [K in DatasetId]: MainRowOf<(typeof DATASETS)[K]> };

export type { ColumnSpec, DatasetSpec, LicenceInfo, SourceFile, TableSpec } from "./types";
export type { SourceReader, SourceColumns } from "./source";
export { STEP_LAW_SEQ_LEN, type StepLawDenseRow, type StepLawBootstrapRow } from "./steplaw";
export { REGMIX_TRAIN_DOMAINS, REGMIX_EVAL_DOMAINS, REGMIX_SCALES, type RegMixTrainDomain, type RegMixEvalDomain, type RegMixRow } from "./regmix";
export { MIXING_LAWS_TRAIN_DOMAINS, parseMixingLawCheckpoint, type MixingLawCheckpoint, type MixingLawRunRow } from "./mixinglaws";
export {
  GADRE_EVAL_SETS, gadreLossColumn, type GadreEvalSet, type GadreRunKey, type GadreLossColumn, type GadreModelRow, type GadreLossRow,
  type GadreDownstreamRow, type GadreTaskRow,
} from "./gadre-overtraining";
export { OBS_SCALING_BENCHMARKS, obsScalingColumn, type ObsScalingBenchmark, type ObsScalingRow } from "./obsscaling";
export type { ChinchillaEpochRow } from "./chinchilla-epoch";
export type { IsoFlopRow } from "./isoflops";
