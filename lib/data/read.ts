/**
 * `data.read`: a user's own runs from a CSV / TSV / JSON / JSONL file (or text) into a typed RunTable. Every data
 * row must have as many fields as the header (an unquoted "1,234" is an error naming the row and column, never a
 * silent column shift); numbers may carry a scale letter ("125M", "1.4T") or be in scientific notation ("3e21").
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, InvalidInputError, assertChoice } from "../core";
import type { ColumnSpec } from "../../datasets";
import { parseCsv } from "./csv";
import { parseQuantity } from "./quantity";
import { RunTable, type RunRow } from "./run-table";

const FORMATS = ["csv", "tsv", "json", "jsonl"] as const;
export type ReadFormat = (typeof FORMATS)[number];

/** Options of {@link read}. */
export interface ReadOptions {
  /** File format (default: from the extension — .csv, .tsv/.tab, .json, .jsonl/.ndjson — or sniffed from text). */
  readonly format?: ReadFormat;
  /**
   * Columns to keep, renamed: `{ N: "params", D: "tokens", loss: "val_loss" }` reads source column "params" as N, …
   * (default: every column under its own name). A missing source column is an error listing the ones there.
   */
  readonly columns?: Readonly<Record<string, string>>;
  /** Unit of each output column, for display and the schema, e.g. `{ N: "params", D: "tokens", loss: "nats/token" }`. */
  readonly units?: Readonly<Record<string, string>>;
}

const FN = "data.read";

function formatOf(source: string, isText: boolean, text: string): ReadFormat {
  if (!isText) {
    const ext = path.extname(source).toLowerCase();
    const byExt: Record<string, ReadFormat> = { ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl" };
    if (byExt[ext]) return byExt[ext];
  }
  const head = text.trimStart();
  if (head.startsWith("[")) return "json";
  if (head.startsWith("{")) return "jsonl";
  return head.split("\n", 1)[0].includes("\t") ? "tsv" : "csv";
}

/** For a row with too many fields: the first adjacent pair that reads as a number split at a thousands comma. */
function thousandsSplit(fields: readonly string[]): number {
  for (let j = 0; j + 1 < fields.length; j++) if (/^[+-]?\d{1,3}$/.test(fields[j].trim()) && /^\d{3}(\.\d*)?$/.test(fields[j + 1].trim())) return j;
  return -1;
}

/** A parsed source: column names and a reader of one column's raw cells. */
interface Parsed {
  readonly header: string[];
  readonly length: number;
  cells(column: string): unknown[];
}

/** Delimited text with the field count of every row checked (rows stay arrays: objects per row cost memory). */
function delimitedRecords(source: string, text: string, delimiter: string): Parsed {
  const [header, ...records] = parseCsv(text, { delimiter, source });
  if (!header) throw new DataError(FN, `${source} is empty`, "the first line must name the columns");
  const names = header.map((h) => h.trim());
  const dup = names.find((h, j) => names.indexOf(h) !== j);
  if (dup !== undefined) throw new DataError(FN, `${source}: column "${dup}" appears twice in the header`);
  records.forEach((rec, k) => {
    if (rec.length !== names.length) {
      const j = rec.length > names.length ? thousandsSplit(rec) : -1;
      const hint = j >= 0
        ? `column "${names[j]}" holds "${rec[j]},${rec[j + 1]}": a number with an unquoted thousands separator; write ${rec[j]}${rec[j + 1]} or quote it`
        : "every row needs one field per header column (quote fields that contain the delimiter)";
      throw new DataError(FN, `${source} row ${k + 1}${j >= 0 ? `, column ${j + 1}` : ""}: ${rec.length} fields, the header has ${names.length}`, hint);
    }
  });
  return { header: names, length: records.length, cells: (c) => { const j = names.indexOf(c); return records.map((r) => r[j]); } };
}

function jsonRecords(source: string, text: string, lines: boolean): Parsed {
  const parse = (s: string, where: string) => {
    try {
      return JSON.parse(s) as unknown;
    } catch (e) {
      throw new DataError(FN, `${source} ${where} is not valid JSON: ${(e as Error).message}`);
    }
  };
  const items = lines
    ? text.split(/\r?\n/).map((l, k) => [l, k] as const).filter(([l]) => l.trim() !== "").map(([l, k]) => ({ v: parse(l, `line ${k + 1}`), where: `line ${k + 1}` }))
    : (() => {
      const all = parse(text, "");
      if (!Array.isArray(all)) throw new DataError(FN, `${source} must hold an array of objects`, "or use JSONL: one object per line");
      return all.map((v, k) => ({ v, where: `item ${k}` }));
    })();
  const header: string[] = [];
  const rows = items.map(({ v, where }) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new DataError(FN, `${source} ${where} is not an object`);
    for (const k of Object.keys(v)) if (!header.includes(k)) header.push(k);
    return v as Record<string, unknown>;
  });
  return { header, length: rows.length, cells: (c) => rows.map((r) => r[c]) };
}

/** A cell as a number when it reads as one (with scale letter), null when empty, else its text. */
function cellNumber(v: unknown): number | null | undefined {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") return v.trim() === "" ? null : parseQuantity(v) ?? undefined;
  return undefined;
}

/**
 * Reads your own runs from a file path or from text: CSV, TSV, JSON (array of objects) or JSONL, with field counts
 * checked, columns picked and renamed, and numbers parsed with scale letters ("125M", "1.4T") and exponents ("3e21").
 * A column is numeric when every non-empty cell reads as a number; empty cells are null.
 * @param source - a file path, or the text itself (anything with a line break)
 * @param options - format, columns `{ newName: "sourceColumn" }`, units `{ column: "unit" }`
 * @returns a RunTable: `.rows`, `.columns`, `.filter`, `.sortBy`, `.groupBy`, `.bestPer(keys, by)`, `.toDataFrame()`
 * @throws DataError naming file, row and column for a row of the wrong width (e.g. an unquoted 1,234), invalid JSON, a
 *   missing column or a file that cannot be read
 * @example read("N,D,loss\n125M,2.5B,3.1\n350M,7B,2.9\n").rows[1].D // => 7000000000
 * @example read("N,loss\n1e8,3.1\n", { columns: { params: "N" }, units: { params: "params" } }).columns // => ["params"]
 */
export function read(source: string, options: ReadOptions = {}): RunTable {
  if (typeof source !== "string" || source === "") throw new InvalidInputError(FN, "source must be a file path or the text of a table");
  if (options.format !== undefined) assertChoice(FN, "format", options.format, FORMATS);
  const isText = source.includes("\n");
  let text = source;
  const name = isText ? "text" : source;
  if (!isText) {
    try {
      text = fs.readFileSync(source, "utf8");
    } catch (e) {
      throw new DataError(FN, `cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "check the path (relative paths start at the notebook's folder)");
    }
  }
  const format = options.format ?? formatOf(source, isText, text);
  const parsed = format === "csv" || format === "tsv"
    ? delimitedRecords(name, text, format === "csv" ? "," : "\t")
    : jsonRecords(name, text, format === "jsonl");
  const { header } = parsed;
  const pick = options.columns ?? Object.fromEntries(header.map((h) => [h, h]));
  for (const [out, src] of Object.entries(pick)) {
    if (!header.includes(src)) throw new DataError(FN, `${name} has no column "${src}" (for ${out}); columns: ${header.join(", ")}`);
  }
  // Each column is parsed once: numeric when every non-empty cell reads as a number.
  const columns = Object.entries(pick).map(([out, src]) => {
    const cells = parsed.cells(src);
    const nums = cells.map(cellNumber);
    const numeric = nums.every((v) => v !== undefined) && nums.some((v) => v !== null);
    const boolean = !numeric && cells.every((c) => typeof c === "boolean" || c === null || c === undefined);
    const values: (number | string | boolean | null)[] = numeric
      ? (nums as (number | null)[])
      : cells.map((v) => (v === undefined || v === null || v === "" ? null : boolean ? (v as boolean) : String(v)));
    const spec: ColumnSpec = {
      name: out, type: numeric ? "number" : boolean ? "boolean" : "string", unit: options.units?.[out] ?? null,
      description: src === out ? `column "${src}" of ${name}` : `column "${src}" of ${name}, read as ${out}`,
      nullable: values.some((v) => v === null),
    };
    return { spec, values };
  });
  const schema = columns.map((c) => c.spec);
  const out: RunRow[] = new Array(parsed.length);
  for (let i = 0; i < parsed.length; i++) {
    const row: Record<string, number | string | boolean | null> = {};
    for (const c of columns) row[c.spec.name] = c.values[i];
    out[i] = row;
  }
  return new RunTable(name, out, schema, `${name}: ${out.length} rows (${format})`);
}
