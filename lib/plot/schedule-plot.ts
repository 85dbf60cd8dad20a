/**
 * Learning-rate (or any per-step) schedules over training steps, e.g. cosine against warmup-stable-decay.
 */
import { InvalidInputError } from "../core";
import type { FigureTrace } from "./figure";
import { PlotFigure } from "./plot-figure";
import { type PlotOptions, singlePanelLayout, thinIndices } from "./options";

export interface SchedulePlotOptions extends PlotOptions {
  /** At most this many points per schedule are drawn (default 2000; every k-th step and the last are kept). */
  readonly maxPoints?: number;
}

/**
 * Schedules as lines over steps 0, 1, …, n − 1 (one value per step, as `cosineSchedule` and `wsdSchedule` return).
 * @param schedules - one array, or name → array (e.g. { cosine: cosineSchedule(o), wsd: wsdSchedule(o) })
 * @param opts - title, axis titles (default "step" and "learning rate"), logX/logY, ranges, size, maxPoints
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError for an empty schedule or non-array values
 * @example
 * plotSchedule({ constant: [1, 1, 1], linear: [1, 0.5, 0] }).traces.length // => 2
 */
export function plotSchedule(schedules: ArrayLike<number> | Readonly<Record<string, ArrayLike<number>>>, opts: SchedulePlotOptions = {}): PlotFigure {
  const fn = "plotSchedule";
  const single = Array.isArray(schedules) || ArrayBuffer.isView(schedules);
  const entries: [string | undefined, ArrayLike<number>][] = single
    ? [[undefined, schedules as ArrayLike<number>]]
    : Object.entries(schedules as Readonly<Record<string, ArrayLike<number>>>);
  if (!entries.length) throw new InvalidInputError(fn, "no schedules given");
  const max = opts.maxPoints ?? 2000;
  const traces: FigureTrace[] = entries.map(([name, values]) => {
    if (!(Array.isArray(values) || ArrayBuffer.isView(values)) || values.length === 0) {
      throw new InvalidInputError(fn, `schedule${name ? ` "${name}"` : ""} must be a non-empty array of per-step values`);
    }
    const idx = thinIndices(values.length, max);
    return { type: "scatter", mode: "lines", name, x: idx, y: idx.map((i) => values[i]) };
  });
  return new PlotFigure(traces, singlePanelLayout(opts, { logX: false, logY: false, xTitle: "step", yTitle: "learning rate" }));
}
