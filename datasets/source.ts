/**
 * What a dataset module is: its registry entry (`spec`), the name of its main table and a parser from verified file
 * texts to typed tables. Parsers read files through a `SourceReader` that lib/data implements (CSV with field-count
 * checks, numbers as float64, errors naming file, record and column), so datasets/ does not import the loader.
 */
import type { DatasetSpec } from "./types";

/** Typed column access to one parsed CSV file; every getter throws a DataError naming file, record and column. */
export interface SourceColumns {
  readonly table: { readonly header: readonly string[]; readonly records: readonly (readonly string[])[] };
  /** The raw string of record `k`, column `name`. */
  str(k: number, name: string): string;
  /** A finite float64 (throws for empty or non-numeric text). */
  num(k: number, name: string): number;
  /** A finite float64, or null for an empty field. */
  numOrNull(k: number, name: string): number | null;
  /** "True"/"true"/"False"/"false" as a boolean. */
  bool(k: number, name: string): boolean;
}

/** The verified files of one dataset, as a parser sees them. */
export interface SourceReader {
  /** Public function name for errors ("loadDataset"). */
  readonly fn: string;
  /** Verified file contents (UTF-8) keyed by `SourceFile.local`, in registry order. */
  readonly texts: ReadonlyMap<string, string>;
  /** The text of one registered file. */
  text(local: string): string;
  /** One registered CSV file with a header row (every record as wide as the header). */
  csv(local: string, delimiter?: string): SourceColumns;
  /** One registered delimited file as raw records (no header handling). */
  records(local: string, delimiter?: string): string[][];
  /** A numeric field as float64; empty → null; non-numeric text throws a DataError naming `where`. */
  number(raw: string, where: string): number | null;
}

/** A dataset module: registry entry, main table and parser. `T` maps table names to row arrays. */
export interface DatasetModule<T extends Record<string, object[]>, M extends keyof T & string> {
  readonly spec: DatasetSpec;
  /** The main table (the first of `spec.tables`): what `loadDataset(id).rows` holds. */
  readonly main: M;
  parse(src: SourceReader): T;
}

/** Declares a dataset module (types only: the parser's return type gives the row types of every table). */
export function defineDataset<T extends Record<string, object[]>, M extends keyof T & string>(d: DatasetModule<T, M>): DatasetModule<T, M> {
  return d;
}

/** Table name → row type of a dataset module. */
export type TablesOf<D> = D extends DatasetModule<infer T, string> ? { [K in keyof T]: T[K][number] } : never;

/** Row type of a dataset module's main table. */
export type MainRowOf<D> = D extends DatasetModule<infer T, infer M> ? T[M][number] : never;

/** Indices 0..n-1 (record numbers of a table). */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}
