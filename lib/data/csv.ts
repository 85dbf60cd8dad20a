/**
 * A small RFC 4180 parser: quoted fields may hold delimiters, quotes ("" escapes) and line breaks; CRLF and LF
 * both end records; a final line break does not add an empty record; blank lines are skipped.
 */
import { DataError } from "../core";

/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /** Field separator (default ","; "\t" for TSV). */
  readonly delimiter?: string;
  /** Name used in error messages (a file name). */
  readonly source?: string;
}

/**
 * Parses CSV text into records of string fields.
 * @param text - the file content
 * @param opts - delimiter (default ",") and a source name for errors
 * @returns one array of fields per record, blank lines skipped
 * @throws DataError for an unterminated quoted field or text after a closing quote
 * @example
 * parseCsv('a,b\n1,"x, ""y"""\n') // => [["a", "b"], ["1", "x, \"y\""]]
 */
export function parseCsv(text: string, opts: CsvOptions = {}): string[][] {
  const delim = opts.delimiter ?? ",";
  if (delim.length !== 1 || delim === '"' || delim === "\n" || delim === "\r") {
    throw new DataError("parseCsv", `delimiter must be one character other than a quote or line break, got ${JSON.stringify(delim)}`);
  }
  const where = opts.source ? ` in ${opts.source}` : "";
  const delimCode = delim.charCodeAt(0);
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // skip a UTF-8 byte-order mark
  const n = text.length;
  const endRecord = () => {
    record.push(field);
    field = "";
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && field === "") {
      const start = line;
      i++;
      // Copy whole runs between quotes (slices, not characters: this loop reads million-row files).
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new DataError("parseCsv", `unterminated quoted field starting on line ${start}${where}`, "check the file is complete (compare its sha256)");
        const chunk = text.slice(i, q);
        for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) line++;
        field += chunk;
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = text[i];
      if (i < n && next !== delim && next !== "\n" && next !== "\r") {
        throw new DataError("parseCsv", `unexpected ${JSON.stringify(next)} after a closing quote on line ${line}${where}`);
      }
      continue;
    }
    if (c === delim) {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      // An unquoted field runs to the next delimiter or line break.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === delimCode || d === 10 || d === 13) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== "" || record.length > 0) endRecord();
  return records;
}

/** A CSV file split into its header and data records, every record as wide as the header. */
export interface CsvTable {
  readonly header: string[];
  readonly records: string[][];
}

/**
 * Parses CSV text with a header row and checks every record has as many fields as the header.
 * @param text - the file content
 * @param opts - delimiter and a source name for errors
 * @returns header and records
 * @throws DataError for an empty file or a record of the wrong width (naming its record number)
 * @example
 * parseCsvTable("N,loss\n1e8,3.1\n").records // => [["1e8", "3.1"]]
 */
export function parseCsvTable(text: string, opts: CsvOptions = {}): CsvTable {
  const all = parseCsv(text, opts);
  const where = opts.source ? ` in ${opts.source}` : "";
  if (all.length === 0) throw new DataError("parseCsvTable", `no header row${where}`, "the file is empty");
  const [header, ...records] = all;
  records.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new DataError("parseCsvTable", `record ${k + 1}${where} has ${r.length} fields, the header has ${header.length}`);
    }
  });
  return { header, records };
}
