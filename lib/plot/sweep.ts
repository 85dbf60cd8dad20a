/**
 * `plot.sweep`: one figure per value of a parameter grid, shown as a single plotly figure with plotly's own slider
 * (and a play button) over animation frames. It needs no kernel, so it keeps working in `scalinglab run --html`
 * exports and wherever a plotly renderer draws the JSON; GitHub and nbviewer show the static SVG of the first
 * (or `initial`) frame. The live counterpart, which re-computes on every move, is `interact` with `plot.live`.
 */
import { InvalidInputError, JUPYTER_DISPLAY, type MimeBundle } from "../core";
import type { AxisOptions, FigureLayout, ResolvedAxis, Subplot } from "./figure";
import { PlotFigure, figureBundle } from "./plot-figure";
import type { PlotlySpec } from "./plotly";

/** What `plot.sweep` draws: a parameter, its grid of values, and the figure at one value. */
export interface SweepOptions<V extends number | string = number> {
  /** The swept parameter's name, shown on the slider ("alpha = 0.34"). */
  readonly param: string;
  /** The grid, one slider step per value, in slider order. */
  readonly values: readonly V[];
  /** The figure at one value. Every value must give the same number and kinds of traces. */
  readonly figure: (value: V) => PlotFigure;
  /** The slider label of a value (default: numbers to 3 significant digits, strings as they are). */
  readonly label?: (value: V) => string;
  /** Index of the value shown first and in the static SVG (default 0). */
  readonly initial?: number;
  /** Keep every axis range fixed over the sweep, to the union of the frames' ranges (default true), so a move shows as motion. */
  readonly fixedAxes?: boolean;
}

// Room under the plot for plotly's slider (its current-value label, rail and step labels), px.
const SLIDER_SPACE = 90;
const FN = "plot.sweep";

function defaultLabel(v: number | string): string {
  return typeof v === "number" ? String(parseFloat(v.toPrecision(3))) : v;
}

function union(fn: string, axes: readonly ResolvedAxis[], which: string): [number, number] {
  if (axes.some((a) => a.scale !== axes[0].scale)) throw new InvalidInputError(fn, `the ${which} axis is log in some frames and linear in others`, "give every frame the same axis scales");
  return [Math.min(...axes.map((a) => a.range[0])), Math.max(...axes.map((a) => a.range[1]))];
}

/** The frame figures with every axis range fixed to the union over frames. */
function withFixedAxes(frames: readonly PlotFigure[]): PlotFigure[] {
  const panels = frames[0].resolved.subplots.length;
  const ranges = Array.from({ length: panels }, (_, k) => ({
    x: union(FN, frames.map((f) => f.resolved.subplots[k].x), `x (subplot ${k})`),
    y: union(FN, frames.map((f) => f.resolved.subplots[k].y), `y (subplot ${k})`),
  }));
  const fix = (axis: AxisOptions | undefined, range: [number, number]): AxisOptions => ({ ...axis, range });
  return frames.map((f) => {
    const layout: Partial<FigureLayout> = f.layout.subplots?.length
      ? { subplots: f.layout.subplots.map((sp: Subplot, k) => ({ ...sp, x: fix(sp.x, ranges[k].x), y: fix(sp.y, ranges[k].y) })) }
      : { x: fix(f.layout.x, ranges[0].x), y: fix(f.layout.y, ranges[0].y) };
    return f.withLayout(layout);
  });
}

/** The layout fields a frame may change: the title and the axis ranges. */
function frameLayout(spec: PlotlySpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec.layout)) {
    if (k === "title") out.title = v;
    else if (/^[xy]axis\d*$/.test(k)) out[k] = { range: (v as { range?: unknown }).range };
  }
  return out;
}

/** A figure with a slider over a parameter grid (see {@link sweep}). */
export class SweepFigure<V extends number | string = number> {
  readonly param: string;
  readonly values: readonly V[];
  /** The figure at each value (axes fixed over the sweep unless `fixedAxes: false`). */
  readonly frames: readonly PlotFigure[];
  /** The slider label of each value. */
  readonly labels: readonly string[];
  /** Index of the frame shown first and in the static SVG. */
  readonly initial: number;

  constructor(opts: SweepOptions<V>) {
    const { param, values, figure } = opts ?? ({} as SweepOptions<V>);
    if (typeof param !== "string" || !param) throw new InvalidInputError(FN, "param must name the swept parameter", 'e.g. { param: "alpha", … }');
    if (!Array.isArray(values) || values.length === 0) throw new InvalidInputError(FN, "values must be a non-empty array", "give the grid of values, e.g. [0.2, 0.3, 0.4]");
    if (typeof figure !== "function") throw new InvalidInputError(FN, "figure must be a function from a value to a figure", "e.g. figure: (alpha) => plot.lines(…)");
    const initial = opts.initial ?? 0;
    if (!Number.isInteger(initial) || initial < 0 || initial >= values.length) {
      throw new InvalidInputError(FN, `initial = ${initial} is not an index into values (0 … ${values.length - 1})`);
    }
    const label = opts.label ?? defaultLabel;
    this.labels = values.map((v) => label(v));
    const frames = values.map((v, i) => {
      const f = figure(v);
      if (!(f instanceof PlotFigure)) throw new InvalidInputError(FN, `figure(${this.labels[i]}) returned ${typeof f}, not a figure`, "return a plot.* figure");
      return f;
    });
    const kinds = (f: PlotFigure) => f.traces.map((t) => t.type).join(", ");
    frames.forEach((f, i) => {
      if (f.traces.length !== frames[0].traces.length || kinds(f) !== kinds(frames[0])) {
        throw new InvalidInputError(FN, `at ${param} = ${this.labels[i]} the figure has traces [${kinds(f)}] but at ${param} = ${this.labels[0]} [${kinds(frames[0])}]`,
          "return the same traces for every value (an empty trace keeps a slot)");
      }
      if (f.resolved.subplots.length !== frames[0].resolved.subplots.length) throw new InvalidInputError(FN, `at ${param} = ${this.labels[i]} the figure has another number of panels`);
    });
    this.param = param;
    this.values = values;
    this.initial = initial;
    this.frames = opts.fixedAxes === false ? frames : withFixedAxes(frames);
  }

  /** The plotly spec: the initial frame's traces, one animation frame per value, a slider and a play button. */
  toPlotly(): PlotlySpec {
    const specs = this.frames.map((f) => f.toPlotly());
    const first = specs[this.initial];
    const margin = first.layout.margin as { b: number };
    const animate = (frame: string | null, duration: number) => [frame === null ? null : [frame],
      { mode: "immediate", fromcurrent: true, frame: { duration, redraw: true }, transition: { duration: 0 } }];
    const layout: Record<string, unknown> = {
      ...first.layout,
      height: (first.layout.height as number) + SLIDER_SPACE,
      margin: { ...margin, b: margin.b + SLIDER_SPACE },
      sliders: [{
        active: this.initial,
        x: 0.1,
        len: 0.9,
        y: 0,
        yanchor: "top",
        pad: { t: margin.b + 8, b: 0 },
        currentvalue: { prefix: `${this.param} = `, visible: true, xanchor: "left" },
        steps: this.labels.map((l, i) => ({ label: l, method: "animate", args: animate(String(i), 0) })),
      }],
      updatemenus: [{
        type: "buttons",
        showactive: false,
        direction: "left",
        x: 0.1,
        xanchor: "right",
        y: 0,
        yanchor: "top",
        pad: { t: margin.b + 38, r: 10 },
        buttons: [{ label: "▶", method: "animate", args: animate(null, 600) }],
      }],
    };
    return {
      data: first.data,
      layout,
      config: first.config,
      frames: specs.map((s, i) => ({ name: String(i), data: s.data, layout: frameLayout(s) })),
    };
  }

  /** The static SVG of the initial frame (GitHub, nbviewer). */
  toSVG(): string {
    return this.frames[this.initial].toSVG();
  }

  /** What is swept, over which values, and the initial frame's description. */
  toText(): string {
    const n = this.values.length;
    return `Sweep over ${this.param}: ${n} value${n === 1 ? "" : "s"} (${this.labels[0]} … ${this.labels[n - 1]}), showing ${this.param} = ${this.labels[this.initial]}\n` +
      this.frames[this.initial].toText();
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return figureBundle(this.toPlotly(), this.toSVG(), this.toText());
  }
}

/**
 * A figure with plotly's own slider over a parameter grid: one frame per value, drawn without a kernel, so it works
 * in `scalinglab run --html` exports; the static SVG (GitHub) shows the initial frame. Axes stay fixed over the
 * sweep unless `fixedAxes: false`.
 * @param opts - `{ param, values, figure: (value) => figure, label?, initial?, fixedAxes? }`
 * @returns a displayable {@link SweepFigure}
 * @throws InvalidInputError for an empty grid, a bad `initial`, or frames whose traces differ in number or kind
 * @example
 * plot.sweep({ param: "a", values: [1, 2, 3], figure: (a) => plot.lines({ x: [1, 2], y: [a, 2 * a] }) }).toPlotly().frames.length // => 3
 */
export function sweep<V extends number | string = number>(opts: SweepOptions<V>): SweepFigure<V> {
  return new SweepFigure(opts);
}
