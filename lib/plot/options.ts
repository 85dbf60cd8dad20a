/**
 * Options shared by the plot builders, and small helpers they use (axis options, input checks, grids).
 */
import { InvalidInputError } from "../core";
import type { AxisOptions, FigureLayout } from "./figure";

export interface PlotOptions {
  readonly title?: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Log x axis (each builder has its own default). */
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  /** Size in px (default 720 × 480). */
  readonly width?: number;
  readonly height?: number;
}

/** The single-panel layout of a builder from its options and its defaults. */
export function singlePanelLayout(opts: PlotOptions, defaults: { xTitle?: string; yTitle?: string; logX: boolean; logY: boolean }): FigureLayout {
  const x: AxisOptions = { title: opts.xTitle ?? defaults.xTitle, scale: opts.logX ?? defaults.logX ? "log" : "linear", range: opts.xRange };
  const y: AxisOptions = { title: opts.yTitle ?? defaults.yTitle, scale: opts.logY ?? defaults.logY ? "log" : "linear", range: opts.yRange };
  return { title: opts.title, width: opts.width, height: opts.height, x, y };
}

/** Throws unless x and y are arrays of equal, non-zero length. */
export function checkXY(fn: string, x: unknown, y: unknown, what = "series"): void {
  const len = (v: unknown) => (Array.isArray(v) || ArrayBuffer.isView(v) ? (v as ArrayLike<number>).length : -1);
  if (len(x) < 0 || len(y) < 0) throw new InvalidInputError(fn, `${what}: x and y must be arrays of numbers`);
  if (len(x) !== len(y)) throw new InvalidInputError(fn, `${what}: x has ${len(x)} values but y has ${len(y)}`, "give every point both coordinates");
  if (len(x) === 0) throw new InvalidInputError(fn, `${what} is empty`);
}

/** n points spaced evenly in log10 from lo to hi (both > 0). */
export function logSpace(lo: number, hi: number, n: number): number[] {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / (n - 1)));
}

/** n points spaced evenly from lo to hi. */
export function linSpace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** Finite (and, for log axes, positive) extent of values, or undefined when there is none. */
export function extent(values: ArrayLike<number>, positiveOnly: boolean): [number, number] | undefined {
  const v = Array.from(values).filter((x) => Number.isFinite(x) && (!positiveOnly || x > 0));
  return v.length ? [Math.min(...v), Math.max(...v)] : undefined;
}

/** Every k-th index (and the last) so at most `max` points remain; figures stay small for long series. */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const k = Math.ceil(n / max);
  const idx: number[] = [];
  for (let i = 0; i < n; i += k) idx.push(i);
  if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}
