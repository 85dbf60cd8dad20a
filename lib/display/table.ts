/**
 * Tables as notebook output: an HTML table (first and last rows of long tables, and the shape), aligned text,
 * and `application/vnd.dataresource+json` (Frictionless Table Schema + rows, what pandas and Deno's Polars emit).
 * Accepts row objects, column arrays or anything DataFrame-like ({columns, values}, e.g. a danfojs DataFrame).
 */
import { InvalidInputError, JUPYTER_DISPLAY, type MimeBundle, makeDisplayable } from "../core";
import { escapeHtml, formatCell, pad, textWidth, warningHtml } from "./format";

/** Rows as objects keyed by column name, e.g. `[{ N: 1e8, loss: 3.1 }, …]`. */
export type TableRows = readonly Readonly<Record<string, unknown>>[];
/** Columns as equal-length arrays keyed by name, e.g. `{ N: [1e8, 2e8], loss: [3.1, 2.9] }`. */
export type TableColumns = Readonly<Record<string, ArrayLike<unknown>>>;
/** DataFrame-like: column names, row-major values and optional row labels (a danfojs DataFrame fits). */
export interface TableFrame {
  readonly columns: readonly string[];
  readonly values: ArrayLike<ArrayLike<unknown>>;
  readonly index?: ArrayLike<unknown>;
}
/** Anything {@link table}, {@link htmlTable} and {@link textTable} accept. */
export type TableInput = TableRows | TableColumns | TableFrame;

export interface TableOptions {
  /** Columns to show, in this order (default: all, in first-seen order). */
  readonly columns?: readonly string[];
  /** Longer tables show only their first and last rows, this many in total (default {@link TABLE_DEFAULTS}). */
  readonly maxRows?: number;
  /** Significant digits of numbers (default {@link TABLE_DEFAULTS}). */
  readonly digits?: number;
  /** Units shown in the header, e.g. `{ N: "params", C: "FLOPs" }`. */
  readonly units?: Readonly<Record<string, string>>;
  /** Caption above the table. */
  readonly caption?: string;
  /** Show the row index column (default true). */
  readonly index?: boolean;
}

/** Default table options: 20 rows shown (10 first + 10 last), 6 significant digits, index shown. */
// The data resource repeats the table as JSON in the notebook: at most 1,000 rows and 10,000 cells of it.
export const TABLE_DEFAULTS = { maxRows: 20, digits: 6, index: true, maxResourceRows: 1_000, maxResourceCells: 10_000 } as const;

/** A table normalised to column names and row-major cells. */
export interface NormalizedTable {
  readonly columns: string[];
  readonly rows: unknown[][];
  readonly index: unknown[];
}

/** A table that renders itself in the notebook (see {@link table}). */
export interface DataTable extends TableFrame {
  readonly columns: string[];
  readonly values: unknown[][];
  readonly index: unknown[];
  /** [rows, columns]. */
  readonly shape: [number, number];
  readonly tableOptions: TableOptions;
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

function isFrame(v: object): v is TableFrame {
  const f = v as Partial<TableFrame>;
  return Array.isArray(f.columns) && f.columns.every((c) => typeof c === "string") &&
    f.values !== undefined && typeof f.values === "object" && typeof (f.values as ArrayLike<unknown>).length === "number";
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

/** Normalises any {@link TableInput}; `fn` names the public function in errors. */
export function normalizeTable(fn: string, data: TableInput, opts: TableOptions = {}): NormalizedTable {
  if (data === null || typeof data !== "object") {
    throw new InvalidInputError(fn, `expected rows (array of objects), columns (object of arrays) or a DataFrame, got ${data === null ? "null" : typeof data}`);
  }
  let columns: string[];
  let rows: unknown[][];
  let index: unknown[] | undefined;
  if (Array.isArray(data)) {
    const seen = new Set<string>();
    data.forEach((r, i) => {
      if (r === null || typeof r !== "object") throw new InvalidInputError(fn, `row ${i} is ${r === null ? "null" : typeof r}, expected an object of column values`);
      for (const k of Object.keys(r)) seen.add(k);
    });
    columns = [...seen];
    rows = (data as TableRows).map((r) => columns.map((c) => r[c]));
  } else if (isFrame(data)) {
    columns = [...data.columns];
    rows = Array.from(data.values, (r, i) => {
      if (!isArrayLike(r) || r.length !== columns.length) {
        throw new InvalidInputError(fn, `row ${i} has ${isArrayLike(r) ? r.length : "no"} values for ${columns.length} columns`);
      }
      return Array.from(r);
    });
    if (data.index && data.index.length === rows.length) index = Array.from(data.index);
  } else {
    const cols = data as TableColumns;
    columns = Object.keys(cols);
    let n = -1;
    for (const c of columns) {
      const col = cols[c];
      if (!isArrayLike(col)) throw new InvalidInputError(fn, `column "${c}" is not an array`, "pass columns as arrays of equal length, or rows as objects");
      if (n >= 0 && col.length !== n) {
        throw new InvalidInputError(fn, `column "${c}" has ${col.length} values but "${columns[0]}" has ${n}`, "columns must have equal length");
      }
      n = col.length;
    }
    rows = Array.from({ length: Math.max(n, 0) }, (_, i) => columns.map((c) => cols[c][i]));
  }
  if (opts.columns) {
    const missing = opts.columns.filter((c) => !columns.includes(c));
    if (missing.length) throw new InvalidInputError(fn, `unknown column(s) ${missing.map((c) => `"${c}"`).join(", ")}; available: ${columns.join(", ")}`);
    const at = opts.columns.map((c) => columns.indexOf(c));
    rows = rows.map((r) => at.map((j) => r[j]));
    columns = [...opts.columns];
  }
  return { columns, rows, index: index ?? rows.map((_, i) => i) };
}

/** Which rows to show: all, or the first and last halves of `maxRows` (null marks the gap). */
function visibleRows(n: number, maxRows: number): (number | null)[] {
  if (n <= maxRows) return Array.from({ length: n }, (_, i) => i);
  const head = Math.ceil(maxRows / 2);
  const tail = maxRows - head;
  return [...Array.from({ length: head }, (_, i) => i), null, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
}

function shapeText(rows: number, cols: number): string {
  return `${rows} row${rows === 1 ? "" : "s"} × ${cols} column${cols === 1 ? "" : "s"}`;
}

function header(c: string, opts: TableOptions): string {
  const u = opts.units?.[c];
  return u ? `${c} [${u}]` : c;
}

function isNumericColumn(t: NormalizedTable, j: number): boolean {
  return t.rows.length > 0 && t.rows.every((r) => typeof r[j] === "number" || r[j] === null || r[j] === undefined);
}

function options(fn: string, opts: TableOptions) {
  const maxRows = opts.maxRows ?? TABLE_DEFAULTS.maxRows;
  const digits = opts.digits ?? TABLE_DEFAULTS.digits;
  if (!(Number.isInteger(maxRows) && maxRows >= 2)) throw new InvalidInputError(fn, `maxRows must be an integer ≥ 2, got ${maxRows}`);
  if (!(Number.isInteger(digits) && digits >= 1 && digits <= 17)) throw new InvalidInputError(fn, `digits must be an integer in 1..17, got ${digits}`);
  return { maxRows, digits, showIndex: opts.index ?? TABLE_DEFAULTS.index };
}

/**
 * Renders a table as HTML: numbers right-aligned, long tables cut to their first and last rows, shape below.
 * @param data - rows, columns or a DataFrame-like object
 * @param opts - columns, maxRows, digits, units, caption, index
 * @returns an HTML fragment (`<table class="dataframe scalinglab-table">` + shape line)
 * @throws InvalidInputError for ragged columns, unknown column names or bad options
 * @example
 * htmlTable([{ N: 1e8, loss: 3.1 }]).includes("<td>1e+8</td>") // => true
 */
export function htmlTable(data: TableInput, opts: TableOptions = {}): string {
  const { maxRows, digits, showIndex } = options("htmlTable", opts);
  const t = normalizeTable("htmlTable", data, opts);
  const numeric = t.columns.map((_, j) => isNumericColumn(t, j));
  const td = (j: number, s: string) => (numeric[j] ? `<td>${escapeHtml(s)}</td>` : `<td style="text-align:left">${escapeHtml(s)}</td>`);
  const out: string[] = ['<div class="scalinglab-table">'];
  out.push('<table class="dataframe scalinglab-table" border="1">');
  if (opts.caption) out.push(`<caption>${escapeHtml(opts.caption)}</caption>`);
  out.push("<thead><tr>" + (showIndex ? "<th></th>" : "") + t.columns.map((c) => `<th>${escapeHtml(header(c, opts))}</th>`).join("") + "</tr></thead>");
  out.push("<tbody>");
  for (const i of visibleRows(t.rows.length, maxRows)) {
    if (i === null) {
      out.push("<tr>" + (showIndex ? "<th>…</th>" : "") + t.columns.map(() => "<td>…</td>").join("") + "</tr>");
    } else {
      out.push("<tr>" + (showIndex ? `<th>${escapeHtml(formatCell(t.index[i], digits))}</th>` : "") +
        t.rows[i].map((v, j) => td(j, formatCell(v, digits))).join("") + "</tr>");
    }
  }
  out.push("</tbody></table>");
  out.push(`<p>${shapeText(t.rows.length, t.columns.length)}</p></div>`);
  return out.join("\n");
}

/**
 * Renders a table as aligned monospace text, pandas-style; long tables show their first and last rows and "...".
 * @param data - rows, columns or a DataFrame-like object
 * @param opts - columns, maxRows, digits, units, caption, index
 * @returns the text, ending with the shape line when rows were cut
 * @throws InvalidInputError for ragged columns, unknown column names or bad options
 * @example
 * textTable({ N: [1e8, 2e8], loss: [3.1, 2.95] }, { index: false }).split("\n")[1].trim() // => "1e+8   3.1"
 */
export function textTable(data: TableInput, opts: TableOptions = {}): string {
  const { maxRows, digits, showIndex } = options("textTable", opts);
  const t = normalizeTable("textTable", data, opts);
  const numeric = t.columns.map((_, j) => isNumericColumn(t, j));
  const shown = visibleRows(t.rows.length, maxRows);
  const grid: string[][] = [];
  const head = t.columns.map((c) => header(c, opts));
  grid.push(showIndex ? ["", ...head] : head);
  for (const i of shown) {
    const cells = i === null ? t.columns.map(() => "...") : t.rows[i].map((v) => formatCell(v, digits));
    grid.push(showIndex ? [i === null ? "..." : formatCell(t.index[i], digits), ...cells] : cells);
  }
  const ncol = grid[0].length;
  const widths = Array.from({ length: ncol }, (_, j) => Math.max(...grid.map((r) => textWidth(r[j]))));
  const right = (j: number) => (showIndex ? j === 0 || numeric[j - 1] : numeric[j]);
  const lines = grid.map((r) => r.map((s, j) => pad(s, widths[j], right(j))).join("  ").replace(/\s+$/, ""));
  if (opts.caption) lines.unshift(opts.caption);
  if (t.rows.length > maxRows || t.rows.length === 0) lines.push("", `[${shapeText(t.rows.length, t.columns.length)}]`);
  return lines.join("\n");
}

type FieldType = "integer" | "number" | "boolean" | "string" | "datetime" | "any";

function fieldType(values: unknown[]): FieldType {
  const present = values.filter((v) => v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v)));
  if (present.length === 0) return "any";
  if (present.every((v) => typeof v === "number")) return present.every((v) => Number.isInteger(v) && Math.abs(v as number) <= Number.MAX_SAFE_INTEGER) ? "integer" : "number";
  if (present.every((v) => typeof v === "boolean")) return "boolean";
  if (present.every((v) => typeof v === "string")) return "string";
  if (present.every((v) => v instanceof Date)) return "datetime";
  return "any";
}

function jsonCell(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}

/**
 * The table as `application/vnd.dataresource+json`: a Table Schema (field names and types, the index as primary
 * key) and the rows as objects. Non-finite numbers become null (JSON has no NaN).
 * @param data - rows, columns or a DataFrame-like object
 * @param opts - columns, units (become field descriptions)
 * @returns `{ schema: { fields, primaryKey }, data }`; more than 10,000 rows are cut and the schema says so
 * @throws InvalidInputError for ragged columns or unknown column names
 * @example
 * dataResource([{ loss: 3.1, run: "a" }]).schema.fields.map((f) => f.type) // => ["integer", "number", "string"]
 */
export function dataResource(data: TableInput, opts: TableOptions = {}): {
  schema: { fields: { name: string; type: FieldType; description?: string }[]; primaryKey: string[]; description?: string };
  data: Record<string, unknown>[];
} {
  const t = normalizeTable("dataResource", data, opts);
  const indexName = t.columns.includes("index") ? "_index" : "index";
  const fields = [
    { name: indexName, type: fieldType(t.index) },
    ...t.columns.map((c, j) => {
      const f: { name: string; type: FieldType; description?: string } = { name: c, type: fieldType(t.rows.map((r) => r[j])) };
      if (opts.units?.[c]) f.description = `unit: ${opts.units[c]}`;
      return f;
    }),
  ];
  const limit = Math.max(TABLE_DEFAULTS.maxRows, Math.min(TABLE_DEFAULTS.maxResourceRows, Math.floor(TABLE_DEFAULTS.maxResourceCells / Math.max(1, fields.length))));
  const rows = t.rows.slice(0, limit).map((r, i) => {
    const o: Record<string, unknown> = { [indexName]: jsonCell(t.index[i]) };
    t.columns.forEach((c, j) => (o[c] = jsonCell(r[j])));
    return o;
  });
  const schema: { fields: typeof fields; primaryKey: string[]; description?: string } = { fields, primaryKey: [indexName] };
  if (t.rows.length > limit) schema.description = `first ${limit} of ${t.rows.length} rows`;
  return { schema, data: rows };
}

/** The full mime bundle of a table: text/html, application/vnd.dataresource+json and text/plain. */
export function tableBundle(data: TableInput, opts: TableOptions = {}): MimeBundle {
  return {
    "text/plain": textTable(data, opts),
    "text/html": htmlTable(data, opts),
    "application/vnd.dataresource+json": dataResource(data, opts),
  };
}

/**
 * Wraps rows, columns or a DataFrame as a table that displays itself in the notebook
 * (HTML with first/last rows and shape, dataresource JSON, text).
 * @param data - rows (array of objects), columns (object of equal-length arrays) or a DataFrame-like object
 * @param opts - columns, maxRows, digits, units, caption, index
 * @returns a {@link DataTable}: `columns`, row-major `values`, `index`, `shape`
 * @throws InvalidInputError for ragged columns, unknown column names or bad options
 * @example
 * table({ N: [1e8, 2e8, 4e8], loss: [3.1, 2.95, 2.8] }).shape // => [3, 2]
 */
export function table(data: TableInput, opts: TableOptions = {}): DataTable {
  options("table", opts);
  const t = normalizeTable("table", data, opts);
  const dt = { columns: t.columns, values: t.rows, index: t.index, shape: [t.rows.length, t.columns.length] as [number, number], tableOptions: opts };
  return makeDisplayable("table", dt, () => textTable(dt, { ...opts, columns: undefined })) as DataTable;
}

/** Renderer for kind "table": any TableInput; a DataTable brings its own options; a result's `warnings` follow it. */
export function renderTable(value: TableInput & { tableOptions?: TableOptions; warnings?: unknown }): MimeBundle {
  const opts = isFrame(value) && value.tableOptions ? { ...value.tableOptions, columns: undefined } : {};
  const bundle = tableBundle(value, opts);
  const warnings = !Array.isArray(value) && Array.isArray(value.warnings) ? value.warnings.map(String) : [];
  if (warnings.length === 0) return bundle;
  return {
    ...bundle,
    "text/plain": [bundle["text/plain"], ...warnings.map((w) => `warning: ${w}`)].join("\n"),
    "text/html": bundle["text/html"] + warnings.map(warningHtml).join(""),
  };
}
