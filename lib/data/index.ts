/**
 * The `data` namespace: your own runs (`read` a CSV/TSV/JSON/JSONL file into a RunTable), the public datasets (load by
 * id, list, describe; the normalised loss schema), the published tables transcribed by hand, danfojs frames, CSV
 * reading and the per-dataset constants. Internals (file fetching, checksums, cache paths, parsers) are imported from
 * their files, not from here.
 */
export { loadDataset as load, datasetSpec as spec, type LoadedDataset, type LoadDatasetOptions, type LoadedFile } from "./load";
export { listDatasets as list, describeDataset as describe, type DatasetDescription, type RegistryTable } from "./registry";
export { loadLossRuns as lossRuns, LOSS_DATASET_IDS as lossIds, type LossRun } from "./loss-runs";
export { read, readParquet, type ReadOptions, type ReadFormat } from "./read";
export { RunTable, type RunRow, type RunGroup } from "./run-table";
export { parseQuantity as quantity } from "./quantity";
export { frame, type DanfoDataFrame } from "./dataframe";
export { parseCsvTable as readCsv, parseCsv as readCsvRecords, type CsvTable, type CsvOptions } from "./csv";
export { dataCacheDir as cacheDir, type DataLocationOptions } from "./fetch";
export { DatasetTable as Table } from "./table";
export { published, regmix, mixinglaws, obsscaling, gadre, steplaw } from "./catalogue";
export { DATASET_IDS as ids } from "../../datasets";
export type {
  DatasetId, DatasetSpec, ColumnSpec, TableSpec, SourceFile, DatasetTableTypes, DatasetMainRow,
  ChinchillaEpochRow, GadreModelRow, GadreLossRow, GadreDownstreamRow, GadreTaskRow, StepLawDenseRow, StepLawBootstrapRow,
  RegMixRow, MixingLawRunRow, ObsScalingRow, IsoFlopRow,
} from "../../datasets";
export type { PublishedTable } from "../../datasets/published";
