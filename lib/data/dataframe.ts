/**
 * danfojs DataFrames on demand. danfojs costs ~0.7 s to load, so it is required only when a frame is asked for.
 * Number columns get dtype "float32" explicitly: danfojs would infer "int32" for integer-valued columns and its
 * tensors would wrap token counts above 2^31 (toolchain.md §6); the frame's `.values` keep the exact float64 numbers.
 */
import { DataError, InvalidInputError } from "../core";
import type { ColumnSpec } from "../../datasets";

/**
 * The part of a danfojs DataFrame this library relies on (danfojs's own types are not visible to tslab's
 * node10 resolution). Every other danfojs member is available untyped.
 */
export interface DanfoDataFrame {
  readonly columns: string[];
  readonly dtypes: string[];
  readonly shape: number[];
  /** Row-major cells (exact JavaScript numbers). */
  readonly values: unknown[][];
  // danfojs members beyond the ones above, untyped
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [member: string]: any;
}

interface DanfoModule {
  DataFrame: new (data: Record<string, unknown[]>, opts: { columns: string[]; dtypes: string[] }) => DanfoDataFrame;
  tensorflow?: { enableProdMode?: () => void };
}

let danfo: DanfoModule | undefined;

function loadDanfo(fn: string): DanfoModule {
  if (!danfo) {
    try {
      danfo = require("danfojs") as DanfoModule;
      // Without prod mode tfjs prints an "install our node backend" banner into the notebook on the first tensor.
      danfo.tensorflow?.enableProdMode?.();
    } catch (e) {
      throw new DataError(fn, `cannot load danfojs: ${(e as Error).message}`, "install it with npm (danfojs@1.2.0 with the xlsx override, toolchain.md §6)");
    }
  }
  return danfo;
}

const DTYPE = { number: "float32", string: "string", boolean: "boolean" } as const;

/**
 * Builds a danfojs DataFrame from typed rows and their column schema, with float dtype for every number column.
 * Nulls become NaN in number columns and "" in string columns (danfojs has no typed null).
 * @param fn - public function name for errors
 * @param rows - the records
 * @param schema - the columns, in display order
 * @returns the DataFrame
 * @throws DataError when danfojs cannot be loaded
 */
export function rowsToDataFrame(fn: string, rows: readonly object[], schema: readonly ColumnSpec[]): DanfoDataFrame {
  const dfd = loadDanfo(fn);
  const data: Record<string, unknown[]> = {};
  for (const c of schema) {
    const empty = c.type === "number" ? Number.NaN : c.type === "string" ? "" : false;
    data[c.name] = rows.map((r) => (r as Record<string, unknown>)[c.name] ?? empty);
  }
  return new dfd.DataFrame(data, { columns: schema.map((c) => c.name), dtypes: schema.map((c) => DTYPE[c.type]) });
}

/**
 * A danfojs DataFrame of plain records, number columns as float (never int32, which wraps token counts above 2^31).
 * Column types come from `schema` or, without it, from the first non-null value of each key of the first row.
 * @param rows - records (e.g. `loadDataset(id).rows` or your own)
 * @param schema - optional column specs (name, type) in display order
 * @returns the DataFrame (danfojs loads on first use)
 * @throws DataError when danfojs cannot be loaded; InvalidInputError for no rows without a schema
 */
export function frame(rows: readonly object[], schema?: readonly ColumnSpec[]): DanfoDataFrame {
  const fn = "data.frame";
  if (!Array.isArray(rows)) throw new InvalidInputError(fn, "rows must be an array of records");
  if (!schema && rows.length === 0) throw new InvalidInputError(fn, "no rows to infer the columns from", "pass a schema");
  const cols = schema ?? Object.keys(rows[0]).map((name): ColumnSpec => {
    const v = rows.map((r) => (r as Record<string, unknown>)[name]).find((x) => x !== null && x !== undefined);
    const type = typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
    return { name, type, unit: null, description: "" };
  });
  return rowsToDataFrame(fn, rows, cols);
}
