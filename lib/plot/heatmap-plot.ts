/**
 * Heatmaps of a quantity over a 2-D sweep, e.g. final loss over learning rate × batch size (Step Law, Li et al.
 * 2025, Figure 2 style), from a grid or from run rows pivoted on two columns, with the best cell marked.
 */
import { InvalidInputError } from "../core";
import type { ColorScaleName } from "./colors";
import type { FigureTrace } from "./figure";
import { PlotFigure } from "./plot-figure";
import { type PlotOptions, singlePanelLayout } from "./options";

/** A ready grid: z[row][col] at column coordinates x and row coordinates y. */
export interface HeatmapGrid {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly z: ArrayLike<ArrayLike<number>>;
}

/** Run rows and the three columns to pivot on; repeated (x, y) cells keep the lowest z (the best run). */
export interface HeatmapRows {
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly x: string;
  readonly y: string;
  readonly z: string;
}

export interface HeatmapOptions extends PlotOptions {
  /** Colour-bar title (default: the z column name, or "value"). */
  readonly zTitle?: string;
  readonly colorScale?: ColorScaleName;
  /** Colour by log10 z. */
  readonly logZ?: boolean;
  /** Write values into cells (default: when there are at most 150 cells). */
  readonly showValues?: boolean;
  /** Mark the cell with the lowest z (default true). */
  readonly markMin?: boolean;
}

function pivot(fn: string, d: HeatmapRows): HeatmapGrid {
  const num = (r: Readonly<Record<string, unknown>>, k: string, i: number) => {
    const v = r[k];
    if (typeof v !== "number") throw new InvalidInputError(fn, `row ${i}: column "${k}" is ${v === undefined ? "missing" : typeof v}, expected a number`);
    return v;
  };
  const xs = new Set<number>();
  const ys = new Set<number>();
  const cell = new Map<string, number>();
  d.rows.forEach((r, i) => {
    const x = num(r, d.x, i), y = num(r, d.y, i), z = num(r, d.z, i);
    xs.add(x);
    ys.add(y);
    const key = `${x}|${y}`;
    if (Number.isFinite(z) && !(cell.get(key)! <= z)) cell.set(key, z);
  });
  const x = [...xs].sort((a, b) => a - b);
  const y = [...ys].sort((a, b) => a - b);
  return { x, y, z: y.map((yv) => x.map((xv) => cell.get(`${xv}|${yv}`) ?? NaN)) };
}

/**
 * Heatmap of z over x × y (log axes by default, as sweeps are log-spaced), best (lowest) cell marked.
 * @param data - a grid {x, y, z[row][col]} or {rows, x, y, z} column names to pivot (missing cells stay blank)
 * @param opts - title, axis titles, logX/logY (default true), zTitle, colorScale, logZ, showValues, markMin, size
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError for a grid whose shape does not match x and y, or rows with non-numeric cells
 * @example
 * plotHeatmap({ x: [1e-3, 2e-3], y: [128, 256], z: [[3.1, 3.0], [3.05, 2.9]] }).traces.length // => 2
 */
export function plotHeatmap(data: HeatmapGrid | HeatmapRows, opts: HeatmapOptions = {}): PlotFigure {
  const fn = "plotHeatmap";
  if (!data || typeof data !== "object") throw new InvalidInputError(fn, "expected {x, y, z} grid or {rows, x, y, z} column names");
  const fromRows = "rows" in data;
  const raw = fromRows ? pivot(fn, data as HeatmapRows) : (data as HeatmapGrid);
  if (!raw.z || !raw.x || !raw.y) throw new InvalidInputError(fn, "expected {x, y, z} grid or {rows, x, y, z} column names");
  const g = { x: Array.from(raw.x), y: Array.from(raw.y), z: Array.from(raw.z, (row) => Array.from(row)) };
  if (g.z.length !== g.y.length || g.z.some((row) => row.length !== g.x.length)) {
    throw new InvalidInputError(fn, `z must have ${g.y?.length} rows (one per y) of ${g.x?.length} values (one per x)`);
  }
  const cells = g.x.length * g.y.length;
  const traces: FigureTrace[] = [{
    type: "heatmap", x: g.x, y: g.y, z: g.z, zTitle: opts.zTitle ?? (fromRows ? (data as HeatmapRows).z : "value"),
    colorScale: opts.colorScale, logZ: opts.logZ, showValues: opts.showValues ?? cells <= 150,
  }];
  if (opts.markMin ?? true) {
    let best: [number, number, number] | undefined;
    g.z.forEach((row, r) => row.forEach((v, c) => {
      if (Number.isFinite(v) && (!best || v < best[2])) best = [g.x[c], g.y[r], v];
    }));
    if (best) traces.push({ type: "scatter", mode: "markers", symbol: "circle-open", size: 30, color: "#d62728", x: [best[0]], y: [best[1]], name: `lowest: ${parseFloat(best[2].toPrecision(4))}` });
  }
  const names = fromRows ? { xTitle: (data as HeatmapRows).x, yTitle: (data as HeatmapRows).y } : {};
  return new PlotFigure(traces, singlePanelLayout(opts, { logX: true, logY: true, ...names }));
}
