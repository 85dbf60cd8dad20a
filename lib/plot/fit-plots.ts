/**
 * Builders for fitted scaling laws: data on log-log axes with the fitted curve and its confidence band, and the
 * residuals of a fit.
 */
import { InvalidInputError } from "../core";
import type { BandTrace, ColorBy, FigureTrace } from "./figure";
import { PlotFigure } from "./plot-figure";
import { type PlotOptions, checkXY, extent, logSpace, linSpace, singlePanelLayout } from "./options";

/** A curve given as a function of x (evaluated on a grid) or as points. */
export type CurveInput = ((x: number) => number) | { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> };

/** A band given as lower/upper functions of x or as points. */
export type BandInput =
  | { readonly lower: (x: number) => number; readonly upper: (x: number) => number }
  | { readonly x: ArrayLike<number>; readonly lower: ArrayLike<number>; readonly upper: ArrayLike<number> };

export interface LogLogFitInput {
  /** Observed points (e.g. N and final loss); plain or typed arrays. */
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Legend name of the points (default "data"). */
  readonly name?: string;
  /** Colour the points by a value (e.g. compute C, log scale), with a colour bar. */
  readonly colorBy?: ColorBy;
  /** Hover text per point (e.g. run names). */
  readonly text?: readonly string[];
  /** The fitted curve. */
  readonly fit?: CurveInput;
  /** Legend name of the curve (default "fit"). */
  readonly fitName?: string;
  /** Confidence band around the curve. */
  readonly band?: BandInput;
  /** Legend name of the band (default "95% CI"). */
  readonly bandName?: string;
  /** x range of the curve and band (default: the data's); widen it to show an extrapolation. */
  readonly curveRange?: readonly [number, number];
}

/** Options of {@link plotLogLogFit}: axes are log-log unless logX/logY say otherwise. */
export interface LogLogFitOptions extends PlotOptions {
  /** Grid points for curves given as functions (default 200). */
  readonly curvePoints?: number;
}

const FIT_COLOR = "#d62728";
const DATA_COLOR = "#1f77b4";

/**
 * Data on log-log axes with a fitted curve and its confidence band (band below the points, curve on top).
 * @param input - points x, y; optional fit (function or points), band (functions or points), names, colour-by
 * @param opts - title, axis titles, logX/logY (default both log), ranges, size, curvePoints
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError for mismatched lengths, or a curve range without positive values on a log axis
 * @example
 * plotLogLogFit({ x: [1e8, 1e9, 1e10], y: [3.2, 2.6, 2.2], fit: (n) => 1.7 + 400 / n ** 0.34 }).traces.length // => 2
 */
export function plotLogLogFit(input: LogLogFitInput, opts: LogLogFitOptions = {}): PlotFigure {
  const fn = "plotLogLogFit";
  checkXY(fn, input?.x, input?.y, "data");
  const logX = opts.logX ?? true;
  const range = input.curveRange ?? extent(input.x, logX);
  if (!range) throw new InvalidInputError(fn, "the data have no finite x values to draw the fit over");
  const n = opts.curvePoints ?? 200;
  if (!(Number.isInteger(n) && n >= 2)) throw new InvalidInputError(fn, `curvePoints must be an integer ≥ 2, got ${n}`);
  const grid = logX ? logSpace(range[0], range[1], n) : linSpace(range[0], range[1], n);
  const traces: FigureTrace[] = [];
  if (input.band) {
    const b = input.band;
    let band: BandTrace;
    if ("x" in b) {
      checkXY(fn, b.x, b.lower, "band (lower)");
      checkXY(fn, b.x, b.upper, "band (upper)");
      band = { type: "band", x: Array.from(b.x), lower: Array.from(b.lower), upper: Array.from(b.upper), name: input.bandName ?? "95% CI", color: FIT_COLOR };
    } else {
      band = { type: "band", x: grid, lower: grid.map(b.lower), upper: grid.map(b.upper), name: input.bandName ?? "95% CI", color: FIT_COLOR };
    }
    traces.push(band);
  }
  traces.push({
    type: "scatter", mode: "markers", x: Array.from(input.x), y: Array.from(input.y), name: input.name ?? "data",
    color: input.colorBy ? undefined : DATA_COLOR, colorBy: input.colorBy, text: input.text, opacity: 0.85,
  });
  if (input.fit) {
    const f = input.fit;
    const pts = typeof f === "function" ? { x: grid, y: grid.map(f) } : { x: Array.from(f.x), y: Array.from(f.y) };
    if (typeof f !== "function") checkXY(fn, f.x, f.y, "fit");
    traces.push({ type: "scatter", mode: "lines", x: pts.x, y: pts.y, name: input.fitName ?? "fit", color: FIT_COLOR });
  }
  return new PlotFigure(traces, singlePanelLayout(opts, { logX: true, logY: true }));
}

/** Options of {@link plotResiduals}: x is log by default. */
export interface ResidualPlotOptions extends PlotOptions {
  /** Legend name of the points (default "residuals"). */
  readonly name?: string;
}

/**
 * Residuals against a predictor, with the zero line: look for trends (misfit) and outliers.
 * @param x - predictor of each row (e.g. N or C)
 * @param residuals - one per row, e.g. a FitResult's `residuals` (log y − log f)
 * @param opts - title, axis titles (y defaults to "residual"), logX (default true), ranges, size, name
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError when x and residuals differ in length or are empty
 * @example
 * plotResiduals([1e8, 1e9, 1e10], [0.01, -0.02, 0.005]).traces.length // => 2
 */
export function plotResiduals(x: ArrayLike<number>, residuals: ArrayLike<number>, opts: ResidualPlotOptions = {}): PlotFigure {
  const fn = "plotResiduals";
  checkXY(fn, x, residuals, "residuals");
  const logX = opts.logX ?? true;
  const r = extent(x, logX);
  if (!r) throw new InvalidInputError(fn, `x has no ${logX ? "positive " : ""}finite values`);
  // The zero line spans the whole axis: fix the x range (data padded 4%, as the figure would) and draw across it.
  const t = (v: number) => (logX ? Math.log10(v) : v);
  const u = (v: number) => (logX ? 10 ** v : v);
  const pad = r[0] === r[1] ? 0.5 : 0.04 * (t(r[1]) - t(r[0]));
  const xRange = opts.xRange ?? ([u(t(r[0]) - pad), u(t(r[1]) + pad)] as const);
  return new PlotFigure([
    { type: "scatter", mode: "lines", x: [...xRange], y: [0, 0], color: "#7f7f7f", dash: "dash", width: 1 },
    { type: "scatter", mode: "markers", x: Array.from(x), y: Array.from(residuals), name: opts.name ?? "residuals", color: DATA_COLOR },
  ], singlePanelLayout({ ...opts, xRange }, { logX: true, logY: false, yTitle: "residual" }));
}
