/**
 * Iso-loss contours of a loss law L(N, D) over parameters × tokens (Hoffmann et al. 2022, Figure 4 style), with the
 * compute-optimal frontier (loss-minimising N at each budget, by `computeOptimalAllocation`) and iso-FLOP lines.
 */
import { InvalidInputError, assertPositive } from "../core";
import { computeOptimalAllocation, type LossSurface } from "../laws/allocation";
import type { FigureTrace } from "./figure";
import { PlotFigure } from "./plot-figure";
import { type PlotOptions, logSpace, singlePanelLayout } from "./options";

export interface IsoLossPlotOptions extends PlotOptions {
  /** Parameter range [min, max] (default [1e7, 1e12]). */
  readonly N?: readonly [number, number];
  /** Token range [min, max] (default [1e9, 1e14]). */
  readonly D?: readonly [number, number];
  /** Contour levels (default: about 10 nice levels over the loss range). */
  readonly levels?: { readonly start: number; readonly end: number; readonly step: number };
  /** Grid points per axis (default 60). */
  readonly gridSize?: number;
  /** Draw the compute-optimal frontier (default true). */
  readonly frontier?: boolean;
  /** FLOP per parameter per token for budgets C = k·N·D (default 6). */
  readonly flopsPerParamToken?: number;
  /** Draw iso-FLOP lines D = C/(k·N) at these budgets. */
  readonly budgets?: readonly number[];
  /** Runs to overlay as points. */
  readonly points?: { readonly N: ArrayLike<number>; readonly D: ArrayLike<number>; readonly name?: string };
}

/**
 * Iso-loss contours of L(N, D) on log-log axes with the compute-optimal frontier and optional iso-FLOP lines.
 * @param loss - the law L(N, D), e.g. `(N, D) => chinchillaLoss(params, { N, D })`
 * @param opts - N and D ranges, levels, gridSize, frontier, flopsPerParamToken, budgets, points, title, size
 * @returns a displayable {@link PlotFigure}
 * @throws InvalidInputError for bad ranges or a loss that is nowhere finite on the grid
 * @example
 * plotIsoLoss((N, D) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28, { gridSize: 20 }).traces.length // => 2
 * @see computeOptimalAllocation
 */
export function plotIsoLoss(loss: LossSurface, opts: IsoLossPlotOptions = {}): PlotFigure {
  const fn = "plotIsoLoss";
  if (typeof loss !== "function") throw new InvalidInputError(fn, "loss must be a function (N, D) => loss");
  const [n0, n1] = opts.N ?? [1e7, 1e12];
  const [d0, d1] = opts.D ?? [1e9, 1e14];
  for (const [name, v] of [["N[0]", n0], ["N[1]", n1], ["D[0]", d0], ["D[1]", d1]] as const) assertPositive(fn, name, v);
  if (!(n1 > n0 && d1 > d0)) throw new InvalidInputError(fn, `ranges must increase: N = [${n0}, ${n1}], D = [${d0}, ${d1}]`);
  const size = opts.gridSize ?? 60;
  if (!(Number.isInteger(size) && size >= 3)) throw new InvalidInputError(fn, `gridSize must be an integer ≥ 3, got ${size}`);
  const k = opts.flopsPerParamToken ?? 6;
  assertPositive(fn, "flopsPerParamToken", k);
  const Ns = logSpace(n0, n1, size);
  const Ds = logSpace(d0, d1, size);
  const z = Ds.map((D) => Ns.map((N) => loss(N, D)));
  if (!z.flat().some(Number.isFinite)) throw new InvalidInputError(fn, "the loss is not finite anywhere on the grid", "check the law's parameters and the N, D ranges");
  const traces: FigureTrace[] = [{ type: "contour", x: Ns, y: Ds, z, levels: opts.levels, zTitle: "loss", name: "iso-loss" }];
  for (const [i, C] of (opts.budgets ?? []).entries()) {
    assertPositive(fn, `budgets[${i}]`, C);
    traces.push({ type: "scatter", mode: "lines", x: [n0, n1], y: [C / (k * n0), C / (k * n1)], color: "#7f7f7f", dash: "dot", width: 1, name: i === 0 ? "iso-FLOP lines" : undefined });
  }
  if (opts.frontier ?? true) {
    // Budgets spanning the plotted box; keep the optima that fall inside it.
    const Cs = logSpace(k * n0 * d0, k * n1 * d1, 41);
    const opt = Cs.map((C) => computeOptimalAllocation(loss, C, { flopsPerToken: k })).filter((o) => !o.atBoundary && o.N >= n0 && o.N <= n1 && o.D >= d0 && o.D <= d1);
    if (opt.length >= 2) traces.push({ type: "scatter", mode: "lines", x: opt.map((o) => o.N), y: opt.map((o) => o.D), color: "#d62728", width: 2.5, name: "compute-optimal frontier" });
  }
  if (opts.points) {
    const p = opts.points;
    if (p.N.length !== p.D.length) throw new InvalidInputError(fn, `points: N has ${p.N.length} values but D has ${p.D.length}`);
    traces.push({ type: "scatter", mode: "markers", x: Array.from(p.N), y: Array.from(p.D), color: "#333333", size: 5, name: p.name ?? "runs" });
  }
  const box = { ...opts, xRange: opts.xRange ?? [n0, n1], yRange: opts.yRange ?? [d0, d1] } as const;
  return new PlotFigure(traces, singlePanelLayout(box, { logX: true, logY: true, xTitle: "parameters N", yTitle: "training tokens D" }));
}
