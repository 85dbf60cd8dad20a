/**
 * `data.read`: a user's own runs from a CSV / TSV / JSON / JSONL file (or text) into a typed RunTable. Every data
 * row must have as many fields as the header (an unquoted "1,234" is an error naming the row and column, never a
 * silent column shift); numbers may carry a scale letter ("125M", "1.4T") or be in scientific notation ("3e21").
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, InvalidInputError, UnknownChoiceError, assertChoice } from "../core";
import type { ColumnSpec } from "../../datasets";
import { fieldText, scanDelimited } from "./csv";
import { parseQuantity, quantityAt } from "./quantity";
import { RunTable } from "./run-table";
import { checkParamConvention, describeParamConvention, type ParamConvention } from "../hparams/param-convention";

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
  /**
   * Columns (output names) that must hold a number in every row — `"number"` — or a number > 0 — `"positive"`: the
   * first empty cell, non-number ("NaN", "n/a", "1,234" quoted) or non-positive value is an error naming its row.
   */
  readonly require?: Readonly<Record<string, "number" | "positive">>;
  /**
   * Columns (output names) that hold text even where a cell reads as a number (ids such as "r1", "350"). Any other
   * column whose non-empty cells are at least half numbers is numeric, and its first other cell is an error.
   */
  readonly text?: readonly string[];
  /**
   * What the parameter-count column counts, e.g. `{ column: "N", count: "active", embedding: "excluded" }` for an MoE
   * sweep's activated non-embedding parameters. Kept as the table's `parameters`, for rules that check it
   * (`hparams.stepLaw.refit(runs, { parameters: table.parameters })`).
   */
  readonly parameters?: ParamConvention & { readonly column: string };
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

/** A cell that is empty or reads as a number (its shape, to compare a row with the first data row). */
const numberLike = (cell: string): boolean => cell.trim() === "" || parseQuantity(cell.trim()) !== null;

/**
 * For a row with `extra` fields too many: where a number split at unquoted thousands commas explains them — a field of
 * 1–3 digits followed by `extra` fields of 3 digits — and the merged row has the shape of the first data row (a number
 * where it has one). Null when no such merge exists or more than one would do, so a layers "5" next to a width "640"
 * is not blamed for a comma elsewhere.
 */
function thousandsSplit(fields: readonly string[], extra: number, first: readonly string[] | undefined): { column: number; text: string } | null {
  const found: { column: number; text: string }[] = [];
  for (let j = 0; j + extra < fields.length; j++) {
    const group = fields.slice(j, j + extra + 1).map((f) => f.trim());
    if (!/^[+-]?\d{1,3}$/.test(group[0]) || !group.slice(1).every((g, k) => (k === extra - 1 ? /^\d{3}(\.\d*)?$/ : /^\d{3}$/).test(g))) continue;
    const merged = [...fields.slice(0, j), group.join(""), ...fields.slice(j + extra + 1)];
    if (first && !merged.every((f, c) => numberLike(f) === numberLike(first[c]))) continue;
    found.push({ column: j, text: group.join(",") });
  }
  return found.length === 1 ? found[0] : null;
}

type CellType = ColumnSpec["type"];
/** One column of a parsed source, typed: numbers (NaN for an empty cell), or other values (null for an empty cell). */
type TypedColumn = { readonly type: CellType; readonly values: Float64Array | (string | boolean | null)[] };

/** A parsed source: column names, the row count and a typed reader of one column. */
interface Parsed {
  readonly header: string[];
  readonly length: number;
  column(name: string): TypedColumn;
}

/** Growable Int32Array (offsets of cells into the text). */
class Int32s {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** Repeated strings (run ids, configuration names) share one copy; a column of unique ids stops being interned. */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const t = seen.get(s);
    if (t !== undefined) return t;
    if (seen.size < 65536) seen.set(s, s);
    return s;
  };
}

/**
 * Delimited text, scanned once into cell offsets per column (no string per cell, no array per row); the field count of
 * every row is checked as it is scanned. A quoted cell is kept as its unescaped text (start -1, end = its index).
 */
function delimitedColumns(source: string, text: string, delimiter: string): Parsed {
  let names: string[] | undefined;
  let starts: Int32s[] = [];
  let ends: Int32s[] = [];
  const quoted: string[] = [];
  let length = 0;
  let firstRow: string[] | undefined;
  scanDelimited(FN, text, { delimiter, source }, (rec, k) => {
    if (!names) {
      names = Array.from({ length: rec.count }, (_, f) => fieldText(text, rec, f).trim());
      const dup = names.find((h, j) => names!.indexOf(h) !== j);
      if (dup !== undefined) throw new DataError(FN, `${source}: column "${dup}" appears twice in the header`);
      starts = names.map(() => new Int32s());
      ends = names.map(() => new Int32s());
      return;
    }
    if (rec.count !== names.length) {
      const fields = Array.from({ length: rec.count }, (_, f) => fieldText(text, rec, f));
      const split = rec.count > names.length ? thousandsSplit(fields, rec.count - names.length, firstRow) : null;
      const hint = split
        ? `column "${names[split.column]}" holds "${split.text}": a number with unquoted thousands separators; write ${split.text.replace(/,/g, "")} or quote it`
        : "every row needs one field per header column (quote fields that contain the delimiter)";
      throw new DataError(FN, `${source} row ${k - 1}${split ? `, column ${split.column + 1}` : ""}: ${rec.count} fields, the header has ${names.length}`, hint);
    }
    firstRow ??= Array.from({ length: rec.count }, (_, f) => fieldText(text, rec, f));
    for (let f = 0; f < rec.count; f++) {
      if (rec.starts[f] < 0) {
        starts[f].push(-1);
        ends[f].push(quoted.length);
        quoted.push(rec.quoted[f] as string);
      } else {
        starts[f].push(rec.starts[f]);
        ends[f].push(rec.ends[f]);
      }
    }
    length++;
  });
  if (!names) throw new DataError(FN, `${source} is empty`, "the first line must name the columns");
  const header = names;
  return {
    header, length,
    column: (c) => {
      const j = header.indexOf(c);
      const s = starts[j].a, e = ends[j].a;
      const nums = new Float64Array(length);
      let numeric = true, any = false;
      for (let i = 0; i < length && numeric; i++) {
        const v = s[i] < 0 ? cellNumber(quoted[e[i]]) : s[i] === e[i] ? null : quantityAt(text, s[i], e[i]) ?? cellNumber(text.slice(s[i], e[i]));
        if (v === undefined) numeric = false;
        else if (v === null) nums[i] = Number.NaN;
        else { nums[i] = v; any = true; }
      }
      if (numeric && any) return { type: "number", values: nums };
      const intern = interner();
      const values = new Array<string | null>(length);
      for (let i = 0; i < length; i++) values[i] = s[i] < 0 ? quoted[e[i]] || null : s[i] === e[i] ? null : intern(text.slice(s[i], e[i]));
      return { type: "string", values };
    },
  };
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
  return { header, length: rows.length, column: (c) => typedColumn(rows.map((r) => r[c])) };
}

/** A cell as a number when it reads as one (with scale letter), null when empty, undefined when not a number. */
function cellNumber(v: unknown): number | null | undefined {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") return v.trim() === "" ? null : parseQuantity(v) ?? undefined;
  return undefined;
}

/** Cells of any source typed: numeric when every non-empty cell reads as a number, boolean when all are booleans. */
function typedColumn(cells: readonly unknown[]): TypedColumn {
  const nums = cells.map(cellNumber);
  if (nums.every((v) => v !== undefined) && nums.some((v) => v !== null)) return { type: "number", values: Float64Array.from(nums, (v) => v ?? Number.NaN) };
  const boolean = cells.every((c) => typeof c === "boolean" || c === null || c === undefined);
  return { type: boolean ? "boolean" : "string", values: cells.map((v) => (v === undefined || v === null || v === "" ? null : boolean ? (v as boolean) : v instanceof Date ? v.toISOString() : String(v))) };
}

/** A danfojs DataFrame (or anything with `columns` and row-major `values`) as a parsed source; NaN is an empty cell. */
function frameColumns(df: { columns: unknown; values: unknown }): Parsed {
  const cols = df.columns, rows = df.values;
  if (!Array.isArray(cols) || !cols.every((c) => typeof c === "string") || !Array.isArray(rows)) {
    throw new InvalidInputError(FN, "a frame needs string `columns` and row-major `values`", "pass a danfojs DataFrame, a file path or the text of a table");
  }
  return {
    header: cols, length: rows.length,
    column: (c) => {
      const j = cols.indexOf(c);
      return typedColumn(rows.map((r: unknown[]) => (typeof r[j] === "number" && Number.isNaN(r[j]) ? null : r[j])));
    },
  };
}

/**
 * Reads your own runs from a file path, from text or from a danfojs DataFrame: CSV, TSV, JSON (array of objects) or
 * JSONL, with field counts checked, columns picked and renamed, and numbers parsed with scale letters ("125M", "1.4T")
 * and exponents ("3e21"). A column is numeric when every non-empty cell reads as a number; empty cells are null; a
 * column of mostly numbers with other cells is an error naming the first of them unless it is declared `text`.
 * Parquet files read asynchronously: `await data.readParquet(path)`.
 * @param source - a file path, the text itself (anything with a line break), or a danfojs DataFrame
 * @param options - format, columns `{ newName: "sourceColumn" }`, units `{ column: "unit" }`, require
 *   `{ column: "number" | "positive" }`, text (columns kept as text), parameters (the convention of the
 *   parameter-count column)
 * @returns a RunTable: `.rows`, `.columns`, `.filter`, `.sortBy`, `.groupBy`, `.bestPer(keys, by)`, `.toDataFrame()`
 * @throws DataError naming file, row and column for a row of the wrong width (e.g. an unquoted 1,234), invalid JSON, a
 *   missing column or a file that cannot be read; for a column of numbers with a few other cells (not declared
 *   `text`) and for a `require`d column, one naming the first bad cell
 * @example read("N,D,loss\n125M,2.5B,3.1\n350M,7B,2.9\n").rows[1].D // => 7000000000
 * @example read("N,loss\n1e8,3.1\n", { columns: { params: "N" }, units: { params: "params" } }).columns // => ["params"]
 */
export function read(source: string | { readonly columns: unknown; readonly values: unknown }, options: ReadOptions = {}): RunTable {
  if (source !== null && typeof source === "object") return tableOf("DataFrame", "frame", frameColumns(source), options);
  if (typeof source !== "string" || source === "") throw new InvalidInputError(FN, "source must be a file path, the text of a table or a danfojs DataFrame");
  if (options.format !== undefined) assertChoice(FN, "format", options.format, FORMATS);
  const isText = source.includes("\n");
  if (!isText && /\.parquet$/i.test(source)) {
    throw new DataError(FN, `${source} is a Parquet file, which reads asynchronously`, `use await data.readParquet(${JSON.stringify(source)})`);
  }
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
    ? delimitedColumns(name, text, format === "csv" ? "," : "\t")
    : jsonRecords(name, text, format === "jsonl");
  return tableOf(name, format, parsed, options);
}

/**
 * A column whose non-empty cells are at least half numbers is a numeric column with bad cells: read as text, its
 * numbers would reach a fit as strings and fail far from the cause. The first other cell is an error.
 */
function checkMostlyNumeric(fn: string, name: string, out: string, src: string, cells: readonly (string | null)[]): void {
  let numbers = 0, others = 0, first = -1;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null) continue;
    if (cellNumber(c) === undefined) {
      others++;
      if (first < 0) first = i;
    } else numbers++;
  }
  if (numbers === 0 || numbers < others) return;
  const col = src === out ? `column "${out}"` : `column "${out}" ("${src}" in the source)`;
  throw new DataError(fn, `${name} row ${first + 1}, ${col}: ${JSON.stringify(cells[first])} is not a number, unlike ${numbers} of the column's ${numbers + others} cells`,
    `fix or drop that row (numbers may carry a scale letter or an exponent: 125M, 1.4T, 3e21), or read the column as text: { text: [${JSON.stringify(out)}] }`);
}

/** The columns picked, typed, checked (`require`) and renamed into a RunTable. */
function tableOf(name: string, format: string, parsed: Parsed, options: ReadOptions, fn = FN): RunTable {
  const { header } = parsed;
  const pick = options.columns ?? Object.fromEntries(header.map((h) => [h, h]));
  for (const [out, src] of Object.entries(pick)) {
    if (!header.includes(src)) throw new DataError(fn, `${name} has no column "${src}" (for ${out}); columns: ${header.join(", ")}`);
  }
  for (const out of options.text ?? []) if (!(out in pick)) throw new UnknownChoiceError(fn, "column in text", out, Object.keys(pick));
  const textColumns = new Set(options.text ?? []);
  // Each column is parsed once: numeric when every non-empty cell reads as a number.
  const values: Record<string, TypedColumn["values"]> = {};
  const schema = Object.entries(pick).map(([out, src]): ColumnSpec => {
    const col = parsed.column(src);
    if (col.type === "string" && !textColumns.has(out)) checkMostlyNumeric(fn, name, out, src, col.values as (string | null)[]);
    values[out] = col.values;
    return {
      name: out, type: col.type, unit: options.units?.[out] ?? null,
      description: src === out ? `column "${src}" of ${name}` : `column "${src}" of ${name}, read as ${out}`,
      nullable: col.values instanceof Float64Array ? col.values.some(Number.isNaN) : col.values.includes(null),
    };
  });
  for (const [out, need] of Object.entries(options.require ?? {})) {
    if (!(out in values)) throw new UnknownChoiceError(fn, "column in require", out, Object.keys(values));
    assertChoice(fn, `require.${out}`, need, ["number", "positive"] as const);
    const col = values[out];
    const src = pick[out] === out ? `column "${out}"` : `column "${out}" ("${pick[out]}" in the source)`;
    const fix = "fix or drop that row";
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      const at = `${name} row ${i + 1}, ${src}`;
      if (v === null || (typeof v === "number" && Number.isNaN(v))) throw new DataError(fn, `${at} is empty`, fix);
      if (typeof v !== "number") {
        const x = cellNumber(v);
        if (x === undefined) throw new DataError(fn, `${at}: ${JSON.stringify(v)} is not a number`, `${fix}; numbers may carry a scale letter or an exponent: 125M, 1.4T, 3e21`);
        if (x === null) throw new DataError(fn, `${at} is empty`, fix);
      } else if (need === "positive" && !(v > 0)) {
        throw new DataError(fn, `${at}: ${v} must be > 0`, fix);
      }
    }
  }
  let parameters: RunTable["parameters"] = null;
  if (options.parameters !== undefined) {
    const { column, ...convention } = options.parameters;
    if (!(column in values)) throw new UnknownChoiceError(fn, "column in parameters", column, Object.keys(values));
    parameters = { column, ...checkParamConvention(fn, convention) };
  }
  const caption = `${name}: ${parsed.length} rows (${format})${parameters ? `; ${parameters.column} = ${describeParamConvention(parameters)}` : ""}`;
  return new RunTable(name, { length: parsed.length, values }, schema, caption, parameters);
}

/** The part of hyparquet used here (an ES module without node10-visible types, loaded on first use). */
interface Hyparquet {
  parquetMetadata(file: ArrayBuffer): unknown;
  parquetSchema(metadata: unknown): { children: { element: { name: string } }[] };
  parquetReadObjects(o: { file: ArrayBuffer; compressors?: unknown }): Promise<Record<string, unknown>[]>;
}

/**
 * Reads your own runs from a Parquet file (or its bytes) with hyparquet: snappy natively, gzip, brotli, zstd and lz4
 * through hyparquet-compressors. Same options and checks as {@link read}; 64-bit integers become float64 numbers
 * (exact below 2^53), timestamps ISO strings.
 * @param source - a file path, or the file's bytes (Uint8Array / ArrayBuffer)
 * @param options - columns, units, require, parameters, as for {@link read}
 * @returns a promise of the RunTable
 * @throws DataError for a file that cannot be read or is not Parquet, and every error of {@link read}
 */
export async function readParquet(source: string | Uint8Array | ArrayBuffer, options: Omit<ReadOptions, "format"> = {}): Promise<RunTable> {
  const fn = "data.readParquet";
  let bytes: Uint8Array;
  const name = typeof source === "string" ? source : "Parquet bytes";
  if (typeof source === "string") {
    try {
      bytes = fs.readFileSync(source);
    } catch (e) {
      throw new DataError(fn, `cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "check the path (relative paths start at the notebook's folder)");
    }
  } else if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  } else {
    throw new InvalidInputError(fn, "source must be a file path or the file's bytes (Uint8Array or ArrayBuffer)");
  }
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const hp = require("hyparquet") as Hyparquet;
  const { compressors } = require("hyparquet-compressors") as { compressors: unknown };
  let header: string[];
  let rows: Record<string, unknown>[];
  try {
    header = hp.parquetSchema(hp.parquetMetadata(file)).children.map((c) => c.element.name);
    rows = await hp.parquetReadObjects({ file, compressors });
  } catch (e) {
    throw new DataError(fn, `${name} is not a readable Parquet file: ${(e as Error).message}`);
  }
  const parsed: Parsed = { header, length: rows.length, column: (c) => typedColumn(rows.map((r) => r[c])) };
  return tableOf(name, "parquet", parsed, options, fn);
}
