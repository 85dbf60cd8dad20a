/**
 * Bootstrap pair plot (scatter matrix): histograms of each parameter on the diagonal and pairwise scatter of the
 * resamples off it, the point estimate marked in red. Shows correlated parameters (e.g. A with alpha) at a glance.
 */
import { InvalidInputError } from "../core";
import type { FitResult } from "../fit/result";
import type { FigureTrace, Subplot } from "./figure";
import { PlotFigure } from "./plot-figure";
import { thinIndices } from "./options";

/** Resamples as rows (one value per parameter, in `names` order). */
export interface BootstrapPairsInput {
  readonly names: readonly string[];
  readonly samples: ArrayLike<ArrayLike<number>>;
  /** The point estimate, by name. */
  readonly estimate?: Readonly<Record<string, number>>;
}

export interface BootstrapPairsOptions {
  readonly title?: string;
  /** Parameters to show as log10 (e.g. ["A", "B"]). */
  readonly log?: readonly string[];
  /** Parameters to show (default all), in this order. */
  readonly params?: readonly string[];
  /** Histogram bins (default 20). */
  readonly bins?: number;
  /** At most this many resamples are drawn per panel (default 1000; every k-th is kept). */
  readonly maxPoints?: number;
  /** Size in px (default grows with the number of parameters). */
  readonly width?: number;
  readonly height?: number;
}

function isFitResult(v: unknown): v is FitResult {
  return typeof v === "object" && v !== null && (v as FitResult).kind === "fit-result";
}

const GAP = 0.035;

/**
 * Scatter matrix of bootstrap resamples with histograms on the diagonal and the estimate in red.
 * @param source - a FitResult fitted with bootstrap resamples, or {names, samples, estimate?}
 * @param opts - log (parameters shown as log10), params (subset/order), bins, maxPoints, title, size
 * @returns a displayable {@link PlotFigure} with one panel per parameter pair
 * @throws InvalidInputError without bootstrap samples, for unknown parameter names or ragged samples
 * @example
 * plotBootstrapPairs({ names: ["a", "b"], samples: [[1, 2], [1.1, 2.3], [0.9, 1.8]] }).resolved.subplots.length // => 4
 */
export function plotBootstrapPairs(source: FitResult | BootstrapPairsInput, opts: BootstrapPairsOptions = {}): PlotFigure {
  const fn = "plotBootstrapPairs";
  let input: BootstrapPairsInput;
  if (isFitResult(source)) {
    if (!source.bootstrap || source.bootstrap.samples.length === 0) {
      throw new InvalidInputError(fn, "this fit has no bootstrap samples", "fit again with bootstrap resamples (e.g. { bootstrap: 200 })");
    }
    input = { names: source.paramNames, samples: source.bootstrap.samples, estimate: source.params };
  } else input = source;
  if (!input || !Array.isArray(input.names) || !input.samples || typeof input.samples.length !== "number") throw new InvalidInputError(fn, "expected a FitResult or {names, samples}");
  const samples = Array.from(input.samples, (s) => Array.from(s));
  if (samples.length < 2) throw new InvalidInputError(fn, `need at least 2 resamples, got ${samples.length}`);
  samples.forEach((s, i) => {
    if (s.length !== input.names.length) throw new InvalidInputError(fn, `resample ${i} has ${s.length} values for ${input.names.length} parameters`);
  });
  const shown = opts.params ?? input.names;
  const unknown = [...shown, ...(opts.log ?? [])].filter((p) => !input.names.includes(p));
  if (unknown.length) throw new InvalidInputError(fn, `unknown parameter(s) ${unknown.join(", ")}; the fit has ${input.names.join(", ")}`);
  const logSet = new Set(opts.log ?? []);
  const bins = opts.bins ?? 20;
  if (!(Number.isInteger(bins) && bins >= 2)) throw new InvalidInputError(fn, `bins must be an integer ≥ 2, got ${bins}`);
  const keep = thinIndices(samples.length, opts.maxPoints ?? 1000);
  const tf = (p: string) => (v: number) => (logSet.has(p) ? Math.log10(v) : v);
  const cols = shown.map((p) => samples.map((s) => tf(p)(s[input.names.indexOf(p)])));
  const est = shown.map((p) => (input.estimate && p in input.estimate ? tf(p)(input.estimate[p]) : NaN));
  const ranges = cols.map((c, j) => {
    const f = c.filter(Number.isFinite);
    if (!f.length) throw new InvalidInputError(fn, `parameter ${shown[j]} has no finite resamples${logSet.has(shown[j]) ? " (log10 needs values > 0)" : ""}`);
    let lo = Math.min(...f, Number.isFinite(est[j]) ? est[j] : Infinity);
    let hi = Math.max(...f, Number.isFinite(est[j]) ? est[j] : -Infinity);
    if (lo === hi) (lo -= Math.abs(lo) * 0.1 || 1), (hi += Math.abs(hi) * 0.1 || 1);
    const pad = 0.05 * (hi - lo);
    return [lo - pad, hi + pad] as [number, number];
  });
  const label = (p: string) => (logSet.has(p) ? `log₁₀ ${p}` : p);
  const k = shown.length;
  const size = (1 - GAP * (k - 1)) / k;
  const subplots: Subplot[] = [];
  const traces: FigureTrace[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const idx = i * k + j;
      const x0 = j * (size + GAP);
      const y1 = 1 - i * (size + GAP);
      const bottom = i === k - 1;
      const left = j === 0;
      if (i === j) {
        const [lo, hi] = ranges[j];
        const w = (hi - lo) / bins;
        const counts = new Array<number>(bins).fill(0);
        for (const v of cols[j]) if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w)))]++;
        const top = Math.max(...counts) * 1.08;
        subplots.push({
          x: { title: bottom ? label(shown[j]) : undefined, range: ranges[j], showTickLabels: bottom },
          y: { title: left ? label(shown[i]) : undefined, range: [0, top], showTickLabels: false },
          domain: { x: [x0, x0 + size], y: [y1 - size, y1] },
        });
        traces.push({ type: "bar", x: counts.map((_, b) => lo + (b + 0.5) * w), y: counts, width: w * 0.95, color: "#1f77b4", subplot: idx });
        if (Number.isFinite(est[j])) traces.push({ type: "scatter", mode: "lines", x: [est[j], est[j]], y: [0, top], color: "#d62728", width: 1.5, subplot: idx });
      } else {
        subplots.push({
          x: { title: bottom ? label(shown[j]) : undefined, range: ranges[j], showTickLabels: bottom },
          y: { title: left ? label(shown[i]) : undefined, range: ranges[i], showTickLabels: left },
          domain: { x: [x0, x0 + size], y: [y1 - size, y1] },
        });
        traces.push({ type: "scatter", mode: "markers", x: keep.map((r) => cols[j][r]), y: keep.map((r) => cols[i][r]), size: 3, opacity: 0.5, color: "#1f77b4", subplot: idx });
        if (Number.isFinite(est[i]) && Number.isFinite(est[j])) traces.push({ type: "scatter", mode: "markers", symbol: "diamond", size: 9, color: "#d62728", x: [est[j]], y: [est[i]], subplot: idx });
      }
    }
  }
  const side = 150 * k + 120;
  return new PlotFigure(traces, {
    title: opts.title ?? `Bootstrap resamples (n = ${samples.length})`,
    width: opts.width ?? Math.max(480, side),
    height: opts.height ?? Math.max(420, side - 20),
    subplots,
    showLegend: false,
  });
}
