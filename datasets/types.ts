/**
 * Types of the dataset registry: where each public file lives, its checksum, its licence and what its columns mean.
 */
import type { Citation } from "../lib/core";

/** One public file: its path under the mirror layout, its path in the source repository, sha256 and size. */
export interface SourceFile {
  /** Path under a mirror folder and under the cache's datasets/ folder, e.g. "steplaw/dense_lr_bs_loss.csv". */
  readonly local: string;
  /** Path inside the source repository at the pinned commit. */
  readonly path: string;
  /** Lower-case hex sha256 of the exact bytes. */
  readonly sha256: string;
  readonly bytes: number;
}

/** One column of a parsed table. */
export interface ColumnSpec {
  readonly name: string;
  /** JavaScript type of the values; numbers are float64 (never int32). */
  readonly type: "number" | "string" | "boolean";
  /** Unit, e.g. "params", "tokens", "FLOP", "nats/token", "sequences"; null for labels and ratios without unit. */
  readonly unit: string | null;
  /** What the value is and how it was obtained (source column, derivation). */
  readonly description: string;
  /** True when some rows hold null (value absent in the source). */
  readonly nullable?: boolean;
}

/** One table a dataset parses into. The first table of a dataset is its main table. */
export interface TableSpec {
  readonly name: string;
  readonly description: string;
  /** The source files (by `local` path prefix) this table is parsed from. */
  readonly from: readonly string[];
  readonly columns: readonly ColumnSpec[];
}

/** The licence a source repository carries, and what the project may do with the files. */
export interface LicenceInfo {
  /** SPDX id when the repository has a licence file, else null. */
  readonly spdx: string | null;
  /** The licence statement as recorded for the mirror. */
  readonly statement: string;
  /** The project never bundles data files: it loads them by reference (URL + sha256) with the citation. */
  readonly bundled: false;
}

/** A registry entry: one public dataset, pinned to a commit, with checksums, licence and column schema. */
export interface DatasetSpec {
  /** Id passed to `loadDataset`, e.g. "chinchilla-epoch". */
  readonly id: string;
  readonly title: string;
  /** One paragraph: what was measured, on what, and how the numbers were obtained. */
  readonly summary: string;
  readonly citation: Citation;
  /** GitHub repository ("owner/name") and the pinned commit every file is read at. */
  readonly source: { readonly repo: string; readonly commit: string };
  readonly licence: LicenceInfo;
  readonly files: readonly SourceFile[];
  readonly tables: readonly TableSpec[];
  /** Whether the dataset holds losses that `loadLossRuns` maps to the normalised long schema. */
  readonly lossRuns: boolean;
  /** Caveats a user must know before fitting (which N, which eval set, unverified meanings). */
  readonly notes: readonly string[];
}

/** Licence statement for repositories without a licence file. */
export function noLicenceFile(statement: string): LicenceInfo {
  return { spdx: null, statement, bundled: false };
}
