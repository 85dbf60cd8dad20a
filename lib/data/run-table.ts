/**
 * A user's table of runs (what `data.read` returns): typed rows with units, displayable, with the few verbs a sweep
 * needs — filter, sort, group by configuration, keep the best run per group.
 */
import { InvalidInputError, UnknownChoiceError } from "../core";
import type { ColumnSpec } from "../../datasets";
import { DatasetTable } from "./table";
import type { ParamConvention } from "../hparams/param-convention";

/** A row of a user table: column → number, string, boolean or null (empty cell). */
export type RunRow = Readonly<Record<string, number | string | boolean | null>>;

/** One group of `groupBy`: the key values and the group's rows as a table. */
export interface RunGroup<Row extends RunRow> {
  readonly key: Readonly<Record<string, Row[keyof Row]>>;
  readonly table: RunTable<Row>;
}

/**
 * Column-major cells of a table read from a file: a number column is a Float64Array with NaN for an empty cell (a
 * million-row file then costs 8 bytes per number, not an object per row); other columns are arrays of values.
 */
export interface RunColumns {
  readonly length: number;
  readonly values: Readonly<Record<string, Float64Array | readonly (string | boolean | null)[]>>;
}

function rowsOf<Row extends RunRow>(store: RunColumns, schema: readonly ColumnSpec[]): () => Row[] {
  return () => {
    const names = schema.map((c) => c.name);
    const cols = names.map((c) => store.values[c]);
    const out = new Array<Row>(store.length);
    for (let i = 0; i < store.length; i++) {
      const row: Record<string, number | string | boolean | null> = {};
      for (let j = 0; j < names.length; j++) {
        const v = cols[j][i];
        row[names[j]] = typeof v === "number" && Number.isNaN(v) ? null : v;
      }
      out[i] = row as Row;
    }
    return out;
  };
}

export class RunTable<Row extends RunRow = RunRow> extends DatasetTable<Row> {
  private readonly store: RunColumns | undefined;
  private readonly count: number;

  /**
   * @param source - where the rows come from (a file name), shown in captions and errors
   * @param rows - row objects, or column-major cells (row objects are then built on first use of `.rows`)
   * @param schema - type and unit of every column
   * @param caption - display caption
   * @param parameters - what the parameter-count column counts (`data.read`'s `parameters` option), or null
   */
  constructor(
    source: string, rows: Row[] | RunColumns, schema: readonly ColumnSpec[], caption?: string,
    /** What the parameter-count column counts (active/total, embedding included or not), or null when not stated. */
    readonly parameters: (ParamConvention & { readonly column: string }) | null = null,
  ) {
    const store = Array.isArray(rows) ? undefined : rows;
    const n = store ? store.length : (rows as Row[]).length;
    super(source, "runs", store ? rowsOf<Row>(store, schema) : (rows as Row[]), schema, caption ?? `${source} (${n} rows)`);
    this.store = store;
    this.count = n;
  }

  /** [rows, columns]. */
  override get shape(): [number, number] {
    return [this.count, this.columns.length];
  }

  /**
   * The values of one column (empty cells are null).
   * @throws UnknownChoiceError naming the available columns when `name` is not one
   */
  override column<K extends keyof Row & string>(name: K): Row[K][] {
    const col = this.store?.values[name];
    if (!col) return super.column(name);
    return Array.from(col as ArrayLike<unknown>, (v) => (typeof v === "number" && Number.isNaN(v) ? null : v)) as Row[K][];
  }

  private derive(rows: Row[], what: string): RunTable<Row> {
    return new RunTable(this.datasetId, rows, this.schema, `${this.datasetId}, ${what} (${rows.length} rows)`, this.parameters);
  }

  private checkColumns(fn: string, names: readonly string[]): void {
    for (const n of names) if (!this.columns.includes(n)) throw new UnknownChoiceError(fn, `column of ${this.datasetId}`, n, this.columns);
  }

  /** The rows for which `keep(row)` is true. */
  filter(keep: (row: Row, index: number) => boolean): RunTable<Row> {
    return this.derive(this.rows.filter(keep), "filtered");
  }

  /**
   * Rows sorted by a column (nulls last), ascending unless `descending`.
   * @throws UnknownChoiceError naming the columns when `column` is not one
   */
  sortBy(column: keyof Row & string, descending = false): RunTable<Row> {
    this.checkColumns("sortBy", [column]);
    const sign = descending ? -1 : 1;
    const rows = [...this.rows].sort((a, b) => {
      const x = a[column], y = b[column];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return sign * (x < y ? -1 : x > y ? 1 : 0);
    });
    return this.derive(rows, `sorted by ${column}`);
  }

  /**
   * Groups by the values of `keys` (exact values: group runs by a configuration id, not by a float such as N — two
   * MoE configurations with the same total N would fall into one group).
   * @returns one group per distinct key, in order of first appearance
   */
  groupBy(keys: readonly (keyof Row & string)[]): RunGroup<Row>[] {
    this.checkColumns("groupBy", keys);
    const groups = new Map<string, Row[]>();
    for (const r of this.rows) {
      const id = JSON.stringify(keys.map((k) => r[k]));
      const g = groups.get(id);
      if (g) g.push(r); else groups.set(id, [r]);
    }
    return [...groups.values()].map((rows) => ({
      key: Object.fromEntries(keys.map((k) => [k, rows[0][k]])) as RunGroup<Row>["key"],
      table: this.derive(rows, `group ${keys.map((k) => `${k} = ${String(rows[0][k])}`).join(", ")}`),
    }));
  }

  /**
   * The best row of each group: lowest `by` (or highest with `mode: "max"`), e.g. the best learning rate per size.
   * Rows whose `by` is null are ignored.
   * @throws InvalidInputError when `by` is not a number column
   */
  bestPer(keys: readonly (keyof Row & string)[], by: keyof Row & string, mode: "min" | "max" = "min"): RunTable<Row> {
    this.checkColumns("bestPer", [...keys, by]);
    if (this.schema.find((c) => c.name === by)?.type !== "number") throw new InvalidInputError("bestPer", `column "${by}" is not numeric`, "rank by a number column such as loss");
    const better = (a: number, b: number) => (mode === "min" ? a < b : a > b);
    const best = this.groupBy(keys).flatMap((g) => {
      const rows = g.table.rows.filter((r) => typeof r[by] === "number");
      return rows.length ? [rows.reduce((a, b) => (better(b[by] as number, a[by] as number) ? b : a))] : [];
    });
    return this.derive(best, `best ${by} (${mode}) per ${keys.join(", ")}`);
  }
}
