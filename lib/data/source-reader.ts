/**
 * The SourceReader a dataset's parser reads its verified files through (see datasets/source.ts): CSV tables with
 * field-count checks, raw delimited records, float64 numbers, errors that name the file, record and column.
 */
import { DataError } from "../core";
import type { SourceReader } from "../../datasets";
import { parseCsv, parseCsvTable } from "./csv";
import { CsvColumns, parseNumberField } from "./fields";

/**
 * A reader over verified file texts keyed by their mirror-layout path.
 * @param fn - public function name for errors
 * @param texts - file contents (UTF-8) by `SourceFile.local`
 */
export function sourceReader(fn: string, texts: ReadonlyMap<string, string>): SourceReader {
  const text = (local: string) => {
    const t = texts.get(local);
    if (t === undefined) throw new DataError(fn, `file ${local} was not loaded`, "load the dataset with loadDataset, which fetches and verifies every file");
    return t;
  };
  return {
    fn,
    texts,
    text,
    csv: (local, delimiter = ",") => new CsvColumns(fn, local, parseCsvTable(text(local), { delimiter, source: local })),
    records: (local, delimiter = ",") => parseCsv(text(local), { delimiter, source: local }),
    number: (raw, where) => parseNumberField(fn, raw, where),
  };
}
