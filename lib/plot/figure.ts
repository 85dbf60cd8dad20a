/**
 * A small typed figure model for scaling work (scatter/lines with colour scales, filled bands, bars, heatmaps,
 * contours; titled linear/log axes; subplots; legend) and its resolution into pixel geometry.
 * One resolution feeds both outputs: the plotly spec gets the same ranges, margins, colours and legend/colour-bar
 * placement that the static SVG renderer draws, so the interactive and the static plot look alike.
 */
import { InvalidInputError } from "../core";
import { type ColorScaleName, seriesColor } from "./colors";
import { type AxisTicks, type TickLabel, linearTicks, logTicks, niceStep } from "./ticks";

export type AxisScale = "linear" | "log";

export interface AxisOptions {
  readonly title?: string;
  /** "linear" (default) or "log". */
  readonly scale?: AxisScale;
  /** Visible range in data units (default: the data, padded 4%). */
  readonly range?: readonly [number, number];
  /** Draw tick labels (default true); subplot grids turn them off on inner axes. */
  readonly showTickLabels?: boolean;
}

/** One panel of a figure: its axes and where it sits, as fractions [0, 1] of the plotting area. */
export interface Subplot {
  readonly x?: AxisOptions;
  readonly y?: AxisOptions;
  readonly domain?: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
}

/** Marker shapes; "circle-open" is a ring (e.g. around a heatmap cell). */
export type MarkerSymbol = "circle" | "diamond" | "square" | "circle-open";
export type LineDash = "solid" | "dash" | "dot";

/** Colours markers by a value through a continuous scale, with a colour bar. */
export interface ColorBy {
  readonly values: readonly number[];
  readonly title?: string;
  /** Map log10(value) to colour (for compute budgets, sizes). */
  readonly log?: boolean;
  readonly scale?: ColorScaleName;
}

interface TraceBase {
  /** Legend entry; unnamed traces stay out of the legend. */
  readonly name?: string;
  /** Index into the layout's subplots (default 0). */
  readonly subplot?: number;
  readonly showLegend?: boolean;
}

export interface ScatterTrace extends TraceBase {
  readonly type: "scatter";
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** "markers" (default), "lines" or "lines+markers". Non-finite points break lines. */
  readonly mode?: "markers" | "lines" | "lines+markers";
  readonly color?: string;
  readonly colorBy?: ColorBy;
  /** Marker diameter in px (default 7). */
  readonly size?: number;
  readonly symbol?: MarkerSymbol;
  /** Line width in px (default 2). */
  readonly width?: number;
  readonly dash?: LineDash;
  readonly opacity?: number;
  /** Hover text per point (interactive plot only). */
  readonly text?: readonly string[];
}

/** A filled region between `lower` and `upper` (confidence bands). */
export interface BandTrace extends TraceBase {
  readonly type: "band";
  readonly x: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly color?: string;
  /** Fill opacity (default 0.2). */
  readonly opacity?: number;
}

/** Vertical bars (histograms) centred at x with the given widths. */
export interface BarTrace extends TraceBase {
  readonly type: "bar";
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly width: number | readonly number[];
  readonly color?: string;
  readonly opacity?: number;
}

/** A grid of values z[row][col] at column centres x and row centres y. Non-finite cells are left blank. */
export interface HeatmapTrace extends TraceBase {
  readonly type: "heatmap";
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly z: readonly (readonly number[])[];
  readonly colorScale?: ColorScaleName;
  readonly zTitle?: string;
  /** Colour by log10(z). */
  readonly logZ?: boolean;
  /** Write each cell's value into it. */
  readonly showValues?: boolean;
  /** Significant digits of shown values (default 4). */
  readonly valueDigits?: number;
  /** Colour range (default: the finite z range). */
  readonly zRange?: readonly [number, number];
}

/** Contour lines of z[row][col] over the grid x × y at evenly spaced levels, coloured by level. */
export interface ContourTrace extends TraceBase {
  readonly type: "contour";
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly z: readonly (readonly number[])[];
  /** Levels start, start + step, … ≤ end (default: about 10 nice levels over the z range). */
  readonly levels?: { readonly start: number; readonly end: number; readonly step: number };
  readonly colorScale?: ColorScaleName;
  readonly zTitle?: string;
  /** Label each line with its level (default true). */
  readonly showLabels?: boolean;
  /** Line width in px (default 1.5). */
  readonly width?: number;
}

export type FigureTrace = ScatterTrace | BandTrace | BarTrace | HeatmapTrace | ContourTrace;

export interface FigureLayout {
  readonly title?: string;
  /** Size in px (default 720 × 480). */
  readonly width?: number;
  readonly height?: number;
  /** Axes of a single-panel figure. */
  readonly x?: AxisOptions;
  readonly y?: AxisOptions;
  /** Panels of a multi-panel figure (overrides x/y). */
  readonly subplots?: readonly Subplot[];
  /** Show the legend (default: when some trace has a name). */
  readonly showLegend?: boolean;
}

/** Default figure geometry and style, shared by the plotly spec and the SVG renderer. */
export const FIGURE_DEFAULTS = {
  width: 720,
  height: 480,
  font: "'Open Sans', verdana, arial, sans-serif",
  fontSize: 12,
  titleSize: 16,
  textColor: "#444",
  gridColor: "#e8e8e8",
  lineColor: "#444",
  markerSize: 7,
  lineWidth: 2,
  bandOpacity: 0.2,
  colorBarWidth: 18,
} as const;

/** Rough text width in px for layout (average glyph ≈ 0.58 em in the sans fonts used). */
export function textWidthPx(s: string, fontSize: number = FIGURE_DEFAULTS.fontSize): number {
  return [...s].length * fontSize * 0.58;
}

export function labelWidthPx(l: TickLabel, fontSize: number = FIGURE_DEFAULTS.fontSize): number {
  return textWidthPx(l.text, fontSize) + (l.sup ? textWidthPx(l.sup, fontSize * 0.7) : 0);
}

export interface ResolvedAxis {
  readonly title?: string;
  readonly scale: AxisScale;
  /** Data range [min, max]. */
  readonly range: [number, number];
  /** Pixel range [from, to]: left→right for x, bottom→top for y. */
  readonly pixels: [number, number];
  readonly ticks: AxisTicks;
  readonly showTickLabels: boolean;
  /** Data → pixel; NaN for values a log axis cannot show. */
  map(v: number): number;
}

export interface ResolvedSubplot {
  readonly x: ResolvedAxis;
  readonly y: ResolvedAxis;
  /** Domain fractions of the plotting area (for plotly). */
  readonly domain: { x: [number, number]; y: [number, number] };
}

export interface LegendItem {
  readonly name: string;
  readonly kind: "marker" | "line" | "line+marker" | "band" | "bar";
  readonly color: string;
  readonly symbol: MarkerSymbol;
  readonly dash: LineDash;
}

export interface ColorBar {
  readonly scale: ColorScaleName;
  /** Range of the coloured quantity (log10 of it when `log`). */
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  readonly title?: string;
  readonly traceIndex: number;
  readonly ticks: AxisTicks;
}

export interface ResolvedFigure {
  readonly title?: string;
  readonly width: number;
  readonly height: number;
  readonly margin: { l: number; r: number; t: number; b: number };
  readonly subplots: ResolvedSubplot[];
  /** Traces with colours filled in. */
  readonly traces: FigureTrace[];
  readonly legend: LegendItem[];
  readonly colorBar?: ColorBar;
  /** Left edge of the colour bar and of the legend, px. */
  readonly colorBarLeft: number;
  readonly legendLeft: number;
}

function positive(v: number, scale: AxisScale): boolean {
  return Number.isFinite(v) && (scale === "linear" || v > 0);
}

/** Cell edges around centres: midpoints (geometric on log axes), the outer ones mirrored. */
export function cellEdges(centres: readonly number[], scale: AxisScale): number[] {
  const t = scale === "log" ? centres.map(Math.log10) : [...centres];
  if (t.length === 1) return scale === "log" ? [10 ** (t[0] - 0.5), 10 ** (t[0] + 0.5)] : [t[0] - 0.5, t[0] + 0.5];
  const e = [t[0] - (t[1] - t[0]) / 2];
  for (let i = 1; i < t.length; i++) e.push((t[i - 1] + t[i]) / 2);
  e.push(t[t.length - 1] + (t[t.length - 1] - t[t.length - 2]) / 2);
  return scale === "log" ? e.map((v) => 10 ** v) : e;
}

/** Default contour levels: nice steps over the finite z range. */
export function contourLevels(tr: ContourTrace): number[] {
  let { start, end, step } = tr.levels ?? { start: NaN, end: NaN, step: NaN };
  if (!tr.levels) {
    const zs = tr.z.flat().filter(Number.isFinite);
    const lo = Math.min(...zs);
    const hi = Math.max(...zs);
    step = niceStep(hi - lo, 10);
    start = Math.ceil(lo / step) * step;
    end = Math.floor(hi / step) * step;
  }
  const out: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9 && i < 1000; i++) out.push(parseFloat((start + i * step).toPrecision(12)));
  return out;
}

function validate(traces: readonly FigureTrace[], nSubplots: number): void {
  const fn = "makeFigure";
  traces.forEach((tr, i) => {
    const who = `trace ${i}${tr.name ? ` ("${tr.name}")` : ""}`;
    const same = (a: string, b: string, la: number, lb: number) => {
      if (la !== lb) throw new InvalidInputError(fn, `${who}: ${a} has ${la} values but ${b} has ${lb}`, "give every point both coordinates");
    };
    if ((tr.subplot ?? 0) < 0 || (tr.subplot ?? 0) >= nSubplots || !Number.isInteger(tr.subplot ?? 0)) {
      throw new InvalidInputError(fn, `${who}: subplot ${tr.subplot} does not exist (the layout has ${nSubplots})`);
    }
    switch (tr.type) {
      case "scatter":
        same("x", "y", tr.x.length, tr.y.length);
        if (tr.colorBy) same("x", "colorBy.values", tr.x.length, tr.colorBy.values.length);
        if (tr.text) same("x", "text", tr.x.length, tr.text.length);
        break;
      case "band":
        same("x", "lower", tr.x.length, tr.lower.length);
        same("x", "upper", tr.x.length, tr.upper.length);
        break;
      case "bar":
        same("x", "y", tr.x.length, tr.y.length);
        if (typeof tr.width !== "number") same("x", "width", tr.x.length, tr.width.length);
        break;
      case "heatmap":
      case "contour":
        if (tr.z.length !== tr.y.length) throw new InvalidInputError(fn, `${who}: z has ${tr.z.length} rows but y has ${tr.y.length} values`, "z[row][col] with rows along y");
        tr.z.forEach((row, r) => {
          if (row.length !== tr.x.length) throw new InvalidInputError(fn, `${who}: z row ${r} has ${row.length} values but x has ${tr.x.length}`);
        });
        if (tr.x.length === 0 || tr.y.length === 0) throw new InvalidInputError(fn, `${who}: empty grid`);
        if (tr.type === "contour" && (tr.x.length < 2 || tr.y.length < 2)) throw new InvalidInputError(fn, `${who}: contours need at least a 2 × 2 grid`);
        break;
      default:
        throw new InvalidInputError(fn, `${who}: unknown trace type "${(tr as { type: string }).type}"`);
    }
  });
}

/** Data extents of the traces on one subplot, per axis, in data units. */
function extents(traces: readonly FigureTrace[], xs: AxisScale, ys: AxisScale) {
  const xv: number[] = [];
  const yv: number[] = [];
  let exact = false; // heatmaps/contours fill their range exactly (no padding)
  let barBase = false;
  for (const tr of traces) {
    switch (tr.type) {
      case "scatter":
        tr.x.forEach((x, i) => {
          if (positive(x, xs) && positive(tr.y[i], ys)) (xv.push(x), yv.push(tr.y[i]));
        });
        break;
      case "band":
        tr.x.forEach((x, i) => {
          if (!positive(x, xs)) return;
          for (const y of [tr.lower[i], tr.upper[i]]) if (positive(y, ys)) (xv.push(x), yv.push(y));
        });
        break;
      case "bar":
        tr.x.forEach((x, i) => {
          const w = typeof tr.width === "number" ? tr.width : tr.width[i];
          if (Number.isFinite(x) && Number.isFinite(tr.y[i])) xv.push(x - w / 2, x + w / 2), yv.push(tr.y[i]);
        });
        barBase = true;
        break;
      case "heatmap": {
        xv.push(...cellEdges(tr.x, xs).filter((v) => positive(v, xs)));
        yv.push(...cellEdges(tr.y, ys).filter((v) => positive(v, ys)));
        exact = true;
        break;
      }
      case "contour":
        xv.push(...tr.x.filter((v) => positive(v, xs)));
        yv.push(...tr.y.filter((v) => positive(v, ys)));
        exact = true;
        break;
    }
  }
  return { xv, yv, exact, barBase };
}

function paddedRange(fn: string, which: string, values: number[], scale: AxisScale, pad: boolean, includeZero = false): [number, number] {
  if (values.length === 0) {
    if (scale === "log") throw new InvalidInputError(fn, `the ${which} axis is log but has no positive values`, 'use scale: "linear" or drop non-positive values');
    return [0, 1];
  }
  const t = scale === "log" ? values.map(Math.log10) : values;
  let lo = Math.min(...t);
  let hi = Math.max(...t);
  if (includeZero) lo = Math.min(lo, 0);
  if (hi === lo) {
    const d = scale === "log" ? 0.5 : Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= d;
    hi += d;
  } else if (pad) {
    const d = 0.04 * (hi - lo);
    hi += d;
    if (!(includeZero && lo === 0)) lo -= d;
  }
  return scale === "log" ? [10 ** lo, 10 ** hi] : [lo, hi];
}

function makeAxis(opts: AxisOptions | undefined, range: [number, number], pixels: [number, number], targetTicks: number): ResolvedAxis {
  const scale = opts?.scale ?? "linear";
  const t = (v: number) => (scale === "log" ? (v > 0 ? Math.log10(v) : NaN) : v);
  const [a, b] = [t(range[0]), t(range[1])];
  const ticks = scale === "log" ? logTicks(range[0], range[1], targetTicks) : linearTicks(range[0], range[1], targetTicks);
  return {
    title: opts?.title,
    scale,
    range,
    pixels,
    ticks,
    showTickLabels: opts?.showTickLabels ?? true,
    map: (v: number) => pixels[0] + ((t(v) - a) / (b - a)) * (pixels[1] - pixels[0]),
  };
}

/** The colour bar of a figure: the first trace with a continuous colour. */
function findColorBar(traces: readonly FigureTrace[], height: number): ColorBar | undefined {
  for (let i = 0; i < traces.length; i++) {
    const tr = traces[i];
    let values: number[] | undefined;
    let log = false;
    let title: string | undefined;
    let scale: ColorScaleName = "viridis";
    if (tr.type === "scatter" && tr.colorBy) {
      log = !!tr.colorBy.log;
      values = tr.colorBy.values.filter((v) => Number.isFinite(v) && (!log || v > 0)).map((v) => (log ? Math.log10(v) : v));
      title = tr.colorBy.title;
      scale = tr.colorBy.scale ?? "viridis";
    } else if (tr.type === "heatmap") {
      log = !!tr.logZ;
      values = tr.zRange ? [...tr.zRange] : tr.z.flat().filter((v) => Number.isFinite(v) && (!log || v > 0));
      if (log) values = values.map(Math.log10);
      title = tr.zTitle;
      scale = tr.colorScale ?? "viridis";
    } else if (tr.type === "contour") {
      values = contourLevels(tr);
      title = tr.zTitle;
      scale = tr.colorScale ?? "viridis";
    }
    if (values && values.length) {
      let min = Math.min(...values);
      let max = Math.max(...values);
      if (min === max) (min -= 0.5), (max += 0.5);
      const target = Math.max(3, Math.floor(height / 70));
      const ticks = log ? logTicks(10 ** min, 10 ** max, target) : linearTicks(min, max, target);
      return { scale, min, max, log, title, traceIndex: i, ticks };
    }
  }
  return undefined;
}

function legendItems(traces: readonly FigureTrace[], show: boolean | undefined): LegendItem[] {
  const items: LegendItem[] = [];
  for (const tr of traces) {
    if (!tr.name || tr.showLegend === false || tr.type === "heatmap") continue;
    if (tr.type === "contour") continue;
    const color = tr.type === "scatter" && tr.colorBy ? "#666666" : (tr as { color?: string }).color ?? "#444444";
    const kind: LegendItem["kind"] = tr.type === "scatter"
      ? tr.mode === "lines" ? "line" : tr.mode === "lines+markers" ? "line+marker" : "marker"
      : tr.type;
    items.push({ name: tr.name, kind, color, symbol: tr.type === "scatter" ? tr.symbol ?? "circle" : "circle", dash: tr.type === "scatter" ? tr.dash ?? "solid" : "solid" });
  }
  return show === false ? [] : items;
}

/** Fills in series colours: traces without a colour take the next palette colour. */
function colourTraces(traces: readonly FigureTrace[]): FigureTrace[] {
  let next = 0;
  return traces.map((tr) => {
    if (tr.type === "heatmap" || tr.type === "contour") return tr;
    if (tr.type === "scatter" && tr.colorBy) return tr;
    if (tr.color) return tr;
    return { ...tr, color: seriesColor(next++) };
  });
}

const LEGEND_SAMPLE = 30;

/** Lays out a figure: colours, legend, colour bar, margins, subplot pixel boxes, axis ranges and ticks. */
export function resolveFigure(traces: readonly FigureTrace[], layout: FigureLayout): ResolvedFigure {
  const fn = "makeFigure";
  const width = layout.width ?? FIGURE_DEFAULTS.width;
  const height = layout.height ?? FIGURE_DEFAULTS.height;
  if (!(width >= 100 && height >= 100)) throw new InvalidInputError(fn, `width and height must be ≥ 100 px, got ${width} × ${height}`);
  const panels: readonly Subplot[] = layout.subplots?.length ? layout.subplots : [{ x: layout.x, y: layout.y }];
  validate(traces, panels.length);
  const coloured = colourTraces(traces);
  const legend = legendItems(coloured, layout.showLegend);
  const colorBar = findColorBar(coloured, height);
  const fs = FIGURE_DEFAULTS.fontSize;

  // Data ranges first (tick label widths decide the left margin).
  const ranges = panels.map((p, k) => {
    const own = coloured.filter((tr) => (tr.subplot ?? 0) === k);
    const xs = p.x?.scale ?? "linear";
    const ys = p.y?.scale ?? "linear";
    const e = extents(own, xs, ys);
    const xr = p.x?.range ? ([...p.x.range] as [number, number]) : paddedRange(fn, `x (subplot ${k})`, e.xv, xs, !e.exact);
    const yr = p.y?.range ? ([...p.y.range] as [number, number]) : paddedRange(fn, `y (subplot ${k})`, e.yv, ys, !e.exact, e.barBase && ys === "linear");
    return { xr, yr };
  });
  const legendWidth = legend.length ? Math.min(260, Math.max(...legend.map((l) => textWidthPx(l.name))) + LEGEND_SAMPLE + 22) : 0;
  const colorBarWidth = colorBar
    ? FIGURE_DEFAULTS.colorBarWidth + 10 + Math.max(...colorBar.ticks.major.map((t) => labelWidthPx(t.label)), 10) + (colorBar.title ? 20 : 0)
    : 0;
  const anyXTitle = panels.some((p) => p.x?.title);
  const anyYTitle = panels.some((p) => p.y?.title);
  // Tick label width of the widest y axis (a first pass with a nominal pixel height).
  const yLabelW = Math.max(0, ...panels.map((p, k) => {
    if (p.y?.showTickLabels === false) return 0;
    const ax = makeAxis(p.y, ranges[k].yr, [0, height / Math.sqrt(panels.length)], 6);
    return Math.max(0, ...ax.ticks.major.map((t) => labelWidthPx(t.label)));
  }));
  const margin = {
    l: Math.round(Math.max(50, 16 + yLabelW + (anyYTitle ? 26 : 0))),
    r: Math.round(16 + (colorBarWidth ? colorBarWidth + 12 : 0) + (legendWidth ? legendWidth + 12 : 0)),
    t: layout.title ? 50 : 20,
    b: Math.round(14 + fs * 1.6 + (anyXTitle ? 26 : 0)),
  };
  const plotW = width - margin.l - margin.r;
  const plotH = height - margin.t - margin.b;
  if (plotW < 40 || plotH < 40) throw new InvalidInputError(fn, `the figure is too small for its legend and labels (${width} × ${height} px)`, "make it wider or shorten trace names");

  const subplots = panels.map((p, k) => {
    const dx = p.domain ? ([...p.domain.x] as [number, number]) : ([0, 1] as [number, number]);
    const dy = p.domain ? ([...p.domain.y] as [number, number]) : ([0, 1] as [number, number]);
    const px: [number, number] = [margin.l + dx[0] * plotW, margin.l + dx[1] * plotW];
    const py: [number, number] = [margin.t + (1 - dy[0]) * plotH, margin.t + (1 - dy[1]) * plotH];
    const tx = Math.max(2, Math.floor((px[1] - px[0]) / 90));
    const ty = Math.max(2, Math.floor((py[0] - py[1]) / 60));
    return { x: makeAxis(p.x, ranges[k].xr, px, tx), y: makeAxis(p.y, ranges[k].yr, py, ty), domain: { x: dx, y: dy } };
  });
  const colorBarLeft = width - margin.r + 12;
  const legendLeft = colorBarLeft + (colorBarWidth ? colorBarWidth + 12 : 0);
  return { title: layout.title, width, height, margin, subplots, traces: coloured, legend, colorBar, colorBarLeft, legendLeft };
}

/** Number of drawable points of a trace (for the text summary). */
export function tracePoints(tr: FigureTrace): number {
  switch (tr.type) {
    case "scatter":
    case "band":
    case "bar":
      return tr.x.length;
    case "heatmap":
    case "contour":
      return tr.x.length * tr.y.length;
  }
}

/** Splits points into runs of consecutive finite values (lines break at gaps). */
export function finiteRuns(xs: readonly number[], ys: readonly number[], ok: (x: number, y: number) => boolean): number[][] {
  const runs: number[][] = [];
  let cur: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (ok(xs[i], ys[i])) cur.push(i);
    else if (cur.length) (runs.push(cur), (cur = []));
  }
  if (cur.length) runs.push(cur);
  return runs;
}
