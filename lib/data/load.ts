/**
 * `loadDataset(id)`: fetch and verify a registered dataset's files, parse them into typed tables.
 */
import { assertChoice, formatCitation } from "../core";
import { DATASETS, DATASET_IDS, type DatasetId, type DatasetMainRow, type DatasetSpec, type DatasetTableTypes } from "../../datasets";
import { type DataLocationOptions, type FileOrigin, fetchDatasetFiles } from "./fetch";
import { sourceReader } from "./source-reader";
import { DatasetTable } from "./table";

export type { DatasetMainRow, DatasetTableTypes };

/** Options of {@link loadDataset}: where to look for files (see {@link DataLocationOptions}). */
export type LoadDatasetOptions = DataLocationOptions;

/** Where each file of a loaded dataset came from. */
export interface LoadedFile {
  readonly local: string;
  readonly sha256: string;
  readonly origin: FileOrigin;
  readonly path: string;
}

/**
 * A loaded dataset: its main table's rows, columns and DataFrame directly, every table under `tables`,
 * the registry entry under `spec` and the provenance of each file under `files`.
 */
export class LoadedDataset<K extends DatasetId> extends DatasetTable<DatasetMainRow[K] & object> {
  constructor(
    readonly id: K,
    readonly spec: DatasetSpec,
    /** Every table of the dataset by name (the main table too). */
    readonly tables: { readonly [T in keyof DatasetTableTypes[K]]: DatasetTable<DatasetTableTypes[K][T] & object> },
    readonly files: readonly LoadedFile[],
  ) {
    const main = tables[spec.tables[0].name as keyof DatasetTableTypes[K]] as unknown as DatasetTable<DatasetMainRow[K] & object>;
    super(id, main.name, main.rows, main.schema, main.tableOptions.caption);
  }
}

/**
 * The registry entry of a dataset: source commit, files with sha256 and size, licence, citation, column schema.
 * @param id - dataset id
 * @param fn - public function name used in errors
 * @returns the entry
 * @throws UnknownChoiceError listing the ids
 * @example
 * datasetSpec("steplaw").files.length // => 2
 */
export function datasetSpec(id: string, fn = "datasetSpec"): DatasetSpec {
  assertChoice(fn, "dataset id", id, DATASET_IDS);
  return DATASETS[id].spec;
}

function caption(spec: DatasetSpec, table: string, rows: number): string {
  const others = spec.tables.filter((t) => t.name !== table).map((t) => `.tables.${t.name}`);
  return `${spec.id} / ${table} (${rows} rows) — ${spec.title}. ${formatCitation(spec.citation)}` +
    (others.length ? ` Other tables: ${others.join(", ")}.` : "");
}

/**
 * Loads a registered public dataset by id: finds each file in the cache, else in the mirror folder
 * ($SCALINGLAB_DATA_MIRROR), else downloads it from the pinned commit into the cache (with a progress bar);
 * checks every file's sha256 before parsing; parses into typed tables.
 * Ids: "chinchilla-epoch", "gadre-overtraining", "steplaw", "regmix", "mixinglaws", "obsscaling", "isoflops"
 * (`data.list()` shows them, `data.describe(id)` their columns and units).
 * @param id - dataset id
 * @param opts - cacheDir, mirror, baseUrl, offline, timeoutMs, signal (each overrides its environment variable)
 * @returns the dataset: `.rows` (typed records of the main table), `.columns`, `.toDataFrame()`, `.tables`, `.spec`, `.files`
 * @throws UnknownChoiceError for an unknown id; DataError for a checksum mismatch or a file found nowhere (the
 *   message names the file, the expected sha256 and where to put it)
 * @example
 * const points = await loadDataset("chinchilla-epoch");
 * points.rows.length; // 245 (N, C, D, loss) points
 * points.tables.points.toDataFrame(); // danfojs DataFrame, float columns
 * @see listDatasets
 */
export async function loadDataset<K extends DatasetId>(id: K, opts: LoadDatasetOptions = {}): Promise<LoadedDataset<K>> {
  const spec = datasetSpec(id, "loadDataset");
  const verified = await fetchDatasetFiles("loadDataset", spec, opts);
  const texts = new Map(verified.map((v) => [v.file.local, v.content.toString("utf8")]));
  const parsed = DATASETS[id].parse(sourceReader("loadDataset", texts)) as Record<string, object[]>;
  const tables: Record<string, DatasetTable<object>> = {};
  for (const t of spec.tables) tables[t.name] = new DatasetTable(id, t.name, parsed[t.name], t.columns, caption(spec, t.name, parsed[t.name].length));
  const files = verified.map((v) => ({ local: v.file.local, sha256: v.file.sha256, origin: v.origin, path: v.path }));
  return new LoadedDataset(id, spec, tables as LoadedDataset<K>["tables"], files);
}
