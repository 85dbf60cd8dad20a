/** Shared input of the per-dataset parsers: verified file texts keyed by their mirror-layout path. */
import { DataError } from "../../core";
import { CsvColumns } from "../fields";
import { parseCsvTable } from "../csv";

/** Verified file contents (UTF-8) keyed by `SourceFile.local`. */
export type SourceTexts = ReadonlyMap<string, string>;

/** The text of one registered file; throws when the loader did not provide it. */
export function sourceText(fn: string, texts: SourceTexts, local: string): string {
  const t = texts.get(local);
  if (t === undefined) throw new DataError(fn, `file ${local} was not loaded`, "load the dataset with loadDataset, which fetches and verifies every file");
  return t;
}

/** Parses one registered CSV file into typed column access. */
export function csvColumns(fn: string, texts: SourceTexts, local: string, delimiter = ","): CsvColumns {
  return new CsvColumns(fn, local, parseCsvTable(sourceText(fn, texts, local), { delimiter, source: local }));
}

/** Indices 0..n-1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}
