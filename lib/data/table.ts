/**
 * A parsed table of a dataset: typed records, their column schema, a danfojs DataFrame on demand, and notebook
 * display (HTML table with first/last rows and shape, via the "table" renderer of lib/display).
 */
import { UnknownChoiceError, makeDisplayable } from "../core";
import type { ColumnSpec } from "../../datasets";
import { type DanfoDataFrame, rowsToDataFrame } from "./dataframe";

/** One table of a loaded dataset. */
export class DatasetTable<Row extends object> {
  /** Column names in schema order. */
  readonly columns: string[];
  /** Display options read by the table renderer: caption and units. */
  readonly tableOptions: { caption: string; units: Record<string, string> };

  private rowCache: Row[] | (() => Row[]);

  constructor(
    /** Dataset id, e.g. "steplaw". */
    readonly datasetId: string,
    /** Table name, e.g. "dense". */
    readonly name: string,
    /** Typed records, or a builder of them called on first use (a columnar table makes its row objects lazily). */
    rows: Row[] | (() => Row[]),
    /** Type, unit and definition of every column. */
    readonly schema: readonly ColumnSpec[],
    caption: string,
  ) {
    this.rowCache = rows;
    this.columns = schema.map((c) => c.name);
    const units: Record<string, string> = {};
    for (const c of schema) if (c.unit) units[c.name] = c.unit;
    this.tableOptions = { caption, units };
    makeDisplayable("table", this, () => this.toString());
  }

  /** Typed records, one per row; numbers are float64. */
  get rows(): Row[] {
    if (typeof this.rowCache === "function") this.rowCache = this.rowCache();
    return this.rowCache;
  }

  /** [rows, columns]. */
  get shape(): [number, number] {
    return [this.rows.length, this.columns.length];
  }

  /** Row-major cells in column order (what the table renderer draws). */
  get values(): unknown[][] {
    return this.rows.map((r) => this.columns.map((c) => (r as Record<string, unknown>)[c]));
  }

  /**
   * The values of one column.
   * @param name - a column name
   * @returns the column's values in row order
   * @throws UnknownChoiceError naming the available columns when `name` is not one
   */
  column<K extends keyof Row & string>(name: K): Row[K][] {
    if (!this.columns.includes(name)) {
      throw new UnknownChoiceError("column", `column of ${this.datasetId}/${this.name}`, name, this.columns);
    }
    return this.rows.map((r) => r[name]);
  }

  /** A danfojs DataFrame of the table (number columns forced to float dtype; danfojs loads on first use). */
  toDataFrame(): DanfoDataFrame {
    return rowsToDataFrame("toDataFrame", this.rows, this.schema);
  }

  /** Caption, shape and the first and last rows as text. */
  toString(): string {
    const n = this.rows.length;
    const shown = n <= 10 ? this.values : [...this.values.slice(0, 5), null, ...this.values.slice(n - 5)];
    const lines = shown.map((r) => (r === null ? "..." : r.map((v) => (typeof v === "number" ? String(Number(v.toPrecision(6))) : String(v))).join("  ")));
    return [this.tableOptions.caption, this.columns.join("  "), ...lines, `[${n} rows × ${this.columns.length} columns]`].join("\n");
  }
}
