/**
 * Generic builders: lines and scatter plots of one or more named series.
 */
import { type ColorBy, type LineDash, type MarkerSymbol, type ScatterTrace } from "./figure";
import { PlotFigure } from "./plot-figure";
import { type PlotOptions, checkXY, singlePanelLayout } from "./options";

/** One named series of points. */
export interface PlotSeries {
  /** Plain arrays or typed arrays (Float64Array columns). */
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly name?: string;
  readonly color?: string;
  readonly dash?: LineDash;
  readonly symbol?: MarkerSymbol;
  /** Colour markers by a value (scatter plots), with a colour bar. */
  readonly colorBy?: ColorBy;
  /** Hover text per point. */
  readonly text?: readonly string[];
}

function seriesList(s: PlotSeries | readonly PlotSeries[]): readonly PlotSeries[] {
  return Array.isArray(s) ? s : [s as PlotSeries];
}

function build(fn: string, s: PlotSeries | readonly PlotSeries[], mode: ScatterTrace["mode"], opts: PlotOptions): PlotFigure {
  const list = seriesList(s);
  const traces: ScatterTrace[] = list.map((one, i) => {
    checkXY(fn, one?.x, one?.y, one?.name ? `series "${one.name}"` : `series ${i}`);
    return { type: "scatter", mode, x: Array.from(one.x), y: Array.from(one.y), name: one.name, color: one.color, dash: one.dash, symbol: one.symbol, colorBy: one.colorBy, text: one.text };
  });
  return new PlotFigure(traces, singlePanelLayout(opts, { logX: false, logY: false }));
}

/**
 * Line plot of one or more series (linear axes unless logX/logY).
 * @param series - `{x, y, name?}` or an array of them
 * @param opts - title, axis titles, logX/logY, ranges, size
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError when a series is empty or its x and y lengths differ
 * @example
 * plotLines({ x: [1, 2, 3], y: [1, 4, 9], name: "squares" }).traces.length // => 1
 */
export function plotLines(series: PlotSeries | readonly PlotSeries[], opts: PlotOptions = {}): PlotFigure {
  return build("plotLines", series, "lines", opts);
}

/**
 * Scatter plot of one or more series; a series may colour its markers by a value (`colorBy`).
 * @param series - `{x, y, name?, colorBy?}` or an array of them
 * @param opts - title, axis titles, logX/logY, ranges, size
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError when a series is empty or its x and y lengths differ
 * @example
 * plotScatter([{ x: [1, 2], y: [3, 4] }, { x: [1, 2], y: [5, 6] }]).traces.length // => 2
 */
export function plotScatter(series: PlotSeries | readonly PlotSeries[], opts: PlotOptions = {}): PlotFigure {
  return build("plotScatter", series, "markers", opts);
}
