/**
 * The dataset registry: one module per public dataset (`datasets/<id>/`: spec with source commit, sha256 per file,
 * licence, citation and column units; parser; row types), listed once in DATASETS — ids, specs and row types are
 * derived from that list, so adding a dataset is one folder and one line. Also the small tables of published numbers
 * transcribed by hand (`published/`). The data files themselves are never committed: lib/data loads them by reference.
 */
import type { MainRowOf, TablesOf } from "./source";
import type { DatasetSpec } from "./types";
// "./<id>/index", not "./<id>": a dist/ built before the one-folder layout still holds datasets/<id>.js, which Node
// would resolve first.
import * as chinchillaEpoch from "./chinchilla-epoch/index";
import * as gadreOvertraining from "./gadre-overtraining/index";
import * as steplaw from "./steplaw/index";
import * as regmix from "./regmix/index";
import * as mixinglaws from "./mixinglaws/index";
import * as obsscaling from "./obsscaling/index";
import * as isoflops from "./isoflops/index";

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
export { STEP_LAW_SEQ_LEN, type StepLawDenseRow, type StepLawBootstrapRow } from "./steplaw/index";
export { REGMIX_TRAIN_DOMAINS, REGMIX_EVAL_DOMAINS, REGMIX_SCALES, type RegMixTrainDomain, type RegMixEvalDomain, type RegMixRow } from "./regmix/index";
export { MIXING_LAWS_TRAIN_DOMAINS, parseMixingLawCheckpoint, type MixingLawCheckpoint, type MixingLawRunRow } from "./mixinglaws/index";
export {
  GADRE_EVAL_SETS, gadreLossColumn, type GadreEvalSet, type GadreRunKey, type GadreLossColumn, type GadreModelRow, type GadreLossRow,
  type GadreDownstreamRow, type GadreTaskRow,
} from "./gadre-overtraining/index";
export { OBS_SCALING_BENCHMARKS, obsScalingColumn, type ObsScalingBenchmark, type ObsScalingRow } from "./obsscaling/index";
export type { ChinchillaEpochRow } from "./chinchilla-epoch/index";
export type { IsoFlopRow } from "./isoflops/index";
