/**
 * RFC 4180 delimited text: quoted fields may hold delimiters, quotes ("" escapes) and line breaks; CRLF and LF both
 * end records; a final line break does not add an empty record; blank lines are skipped. One scanner
 * ({@link scanDelimited}) locates fields by offset without copying them, so `data.read` can keep a million-row file
 * columnar; {@link parseCsv} builds string records on top of it.
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
 * One record as the scanner reports it: field f spans `text.slice(starts[f], ends[f])`, except a quoted field, whose
 * unescaped text is `quoted[f]` (and `starts[f]` is -1). The arrays are reused between records: copy what you keep.
 */
export interface ScannedRecord {
  readonly count: number;
  readonly starts: number[];
  readonly ends: number[];
  readonly quoted: (string | undefined)[];
}

/** The text of field `f` of a scanned record. */
export function fieldText(text: string, r: ScannedRecord, f: number): string {
  return r.starts[f] < 0 ? (r.quoted[f] as string) : text.slice(r.starts[f], r.ends[f]);
}

/**
 * Scans delimited text once, calling `onRecord` for every non-blank record (header included).
 * @param fn - public function name for errors
 * @param text - the file content (a UTF-8 byte-order mark is skipped)
 * @param opts - delimiter (default ",") and a source name for errors
 * @param onRecord - receives each record (reused arrays) and its 1-based record number among non-blank records
 * @throws DataError for an unterminated quoted field or text after a closing quote
 */
export function scanDelimited(fn: string, text: string, opts: CsvOptions, onRecord: (r: ScannedRecord, k: number) => void): void {
  const delim = opts.delimiter ?? ",";
  if (delim.length !== 1 || delim === '"' || delim === "\n" || delim === "\r") {
    throw new DataError(fn, `delimiter must be one character other than a quote or line break, got ${JSON.stringify(delim)}`);
  }
  const where = opts.source ? ` in ${opts.source}` : "";
  const d = delim.charCodeAt(0);
  const rec = { count: 0, starts: [] as number[], ends: [] as number[], quoted: [] as (string | undefined)[] };
  let k = 0;
  let line = 1;
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const push = (s: number, e: number, q: string | undefined) => {
    rec.starts[rec.count] = s;
    rec.ends[rec.count] = e;
    rec.quoted[rec.count] = q;
    rec.count++;
  };
  const endRecord = () => {
    // A record of one empty unquoted field is a blank line.
    if (!(rec.count === 1 && rec.starts[0] >= 0 && rec.starts[0] === rec.ends[0])) onRecord(rec, ++k);
    rec.count = 0;
  };
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === 34) {
      const start = line;
      let field = "";
      i++;
      // Copy whole runs between quotes (slices, not characters).
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new DataError(fn, `unterminated quoted field starting on line ${start}${where}`, "check the file is complete and every opening quote is closed");
        for (let b = text.indexOf("\n", i); b >= 0 && b < q; b = text.indexOf("\n", b + 1)) line++;
        field += text.slice(i, q);
        i = q + 1;
        if (text.charCodeAt(i) !== 34) break;
        field += '"';
        i++;
      }
      push(-1, -1, field);
      c = text.charCodeAt(i);
      if (i < n && c !== d && c !== 10 && c !== 13) {
        throw new DataError(fn, `unexpected ${JSON.stringify(text[i])} after a closing quote on line ${line}${where}`);
      }
    } else {
      // An unquoted field runs to the next delimiter or line break.
      let j = i;
      while (j < n && (c = text.charCodeAt(j)) !== d && c !== 10 && c !== 13) j++;
      push(i, j, undefined);
      i = j;
    }
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === d) {
      i++;
      // A delimiter at the very end leaves one empty last field.
      if (i >= n) push(i, i, undefined);
      continue;
    }
    endRecord();
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    line++;
  }
  if (rec.count > 0) endRecord();
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
  const records: string[][] = [];
  scanDelimited("parseCsv", text, opts, (r) => {
    const fields = new Array<string>(r.count);
    for (let f = 0; f < r.count; f++) fields[f] = fieldText(text, r, f);
    records.push(fields);
  });
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
