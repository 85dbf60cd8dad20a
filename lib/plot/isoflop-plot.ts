/**
 * IsoFLOP profiles (Hoffmann et al. 2022, Figure 3 left): final loss against model size at fixed compute budgets,
 * one parabola in ln N per budget (Chinchilla Approach 2, fitted by `isoflopParabola`) and its minimum.
 */
import { InvalidInputError } from "../core";
import { isoflopBands, isoflopParabola, type IsoflopBandOptions, type IsoflopRow } from "../laws/isoflop";
import { colorAt } from "./colors";
import type { FigureTrace } from "./figure";
import { PlotFigure } from "./plot-figure";
import { type PlotOptions, logSpace, singlePanelLayout } from "./options";

/** Options of {@link plotIsoFlop}: x (N) is log and y (loss) linear by default. */
export interface IsoFlopPlotOptions extends PlotOptions, IsoflopBandOptions {
  /** Draw each budget's parabola and its minimum (default true; budgets with < 3 distinct N get points only). */
  readonly parabolas?: boolean;
}

/** "6e18 FLOP (7 runs)" style budget label. */
function budgetLabel(C: number, runs: number): string {
  const [m, e] = C.toExponential(2).split("e");
  return `${parseFloat(m)}e${parseInt(e, 10)} FLOP (${runs} run${runs === 1 ? "" : "s"})`;
}

/**
 * IsoFLOP curves: runs binned into budget bands by C (`laws.isoflop.bands`: ±0.05 dex by default, or given `budgets`;
 * coloured from dark = small to light = large, labelled with their run count), each budget's parabola in ln N and its
 * minimum marked with a diamond.
 * @param rows - runs {N, C, L}: parameters, compute (FLOP) and final loss
 * @param opts - title, axis titles, logX/logY, ranges, size, parabolas, toleranceDex, budgets
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError for rows without positive N and C and a finite L
 * @example
 * const rows = [1e20, 1e21].flatMap((C) => [0.5, 1, 2].map((f) => ({ C, N: f * Math.sqrt(C) / 10, L: 2 + Math.log(f) ** 2 })));
 * plotIsoFlop(rows).traces.length // => 5
 * @see isoflopParabola
 */
export function plotIsoFlop(rows: readonly IsoflopRow[], opts: IsoFlopPlotOptions = {}): PlotFigure {
  const fn = "plotIsoFlop";
  if (!Array.isArray(rows) || rows.length === 0) throw new InvalidInputError(fn, "rows must be a non-empty array of {N, C, L}");
  rows.forEach((r, i) => {
    if (!(r && r.N > 0 && r.C > 0 && Number.isFinite(r.L) && Number.isFinite(r.N) && Number.isFinite(r.C))) {
      throw new InvalidInputError(fn, `row ${i} needs N > 0, C > 0 and a finite L, got ${JSON.stringify(r)}`);
    }
  });
  const groups = new Map(isoflopBands(rows, opts).bands.map((b) => [b.C, b.indices.map((i) => rows[i])]));
  const budgets = [...groups.keys()];
  const lo = Math.log10(budgets[0]);
  const hi = Math.log10(budgets[budgets.length - 1]);
  // Stop before viridis' pale yellow end, which is hard to see on white.
  const colour = (C: number) => colorAt("viridis", hi > lo ? (0.85 * (Math.log10(C) - lo)) / (hi - lo) : 0.4);
  const traces: FigureTrace[] = [];
  const minima: { N: number; L: number }[] = [];
  for (const C of budgets) {
    const g = [...groups.get(C)!].sort((a, b) => a.N - b.N);
    const N = g.map((r) => r.N);
    const L = g.map((r) => r.L);
    const fits = (opts.parabolas ?? true) && new Set(N).size >= 3;
    traces.push({ type: "scatter", mode: "markers", x: N, y: L, color: colour(C), name: fits ? undefined : budgetLabel(C, g.length), size: 6 });
    if (fits) {
      const p = isoflopParabola(N, L);
      const xs = logSpace(N[0], N[N.length - 1], 60);
      traces.push({ type: "scatter", mode: "lines", x: xs, y: xs.map((n) => p.p0 + p.p1 * Math.log(n) + p.p2 * Math.log(n) ** 2), color: colour(C), name: budgetLabel(C, g.length) });
      if (p.convex) minima.push({ N: p.Nopt, L: p.lossMin });
    }
  }
  if (minima.length) {
    traces.push({ type: "scatter", mode: "markers", symbol: "diamond", size: 10, color: "#d62728", x: minima.map((m) => m.N), y: minima.map((m) => m.L), name: "parabola minimum" });
  }
  return new PlotFigure(traces, singlePanelLayout(opts, { logX: true, logY: false, xTitle: "parameters N", yTitle: "final loss" }));
}
