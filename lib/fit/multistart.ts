/**
 * Multi-start minimisation: grids of starts, a batch runner shared by the main thread and the worker threads,
 * and clustering of end points into distinct local optima.
 */
import { InvalidInputError } from "../core";
import type { Model } from "./model";
import { ParamCoordinates } from "./transforms";
import { bindModel, FitObjective, type ObjectiveSpec } from "./objective";
import { minimizeLbfgs, STOP_REASONS, type LbfgsOptions, type StopReason } from "./lbfgs";

/** Builds the objective of a model on data (same code in workers and in-process). */
export function createFitObjective<X>(fn: string, model: Model<X>, rows: readonly X[], ys: ArrayLike<number>,
  weights: ArrayLike<number> | null, spec: ObjectiveSpec): { objective: FitObjective; coords: ParamCoordinates } {
  const coords = new ParamCoordinates(fn, model.params);
  const objective = new FitObjective(bindModel(model, rows, coords), ys, weights, spec);
  return { objective, coords };
}

/** Values stored per start after the end point u: objective, iterations, evaluations, stop-reason index. */
export const OUTCOME_EXTRA = 4;

/**
 * Runs L-BFGS from each start. `starts` holds k start points of length `objective.dim` (u coordinates; a NaN
 * in the log σ slot of the Huber likelihood means "start σ at its conditional optimum"). With `weights`
 * (k × n), start i uses weight row i (bootstrap resamples). Returns k × (dim + OUTCOME_EXTRA) numbers.
 */
export function runStartBatch(objective: FitObjective, starts: Float64Array, weights: Float64Array | null,
  lbfgs: LbfgsOptions, baseWeights: ArrayLike<number> | null): Float64Array {
  const dim = objective.dim;
  const n = objective.n;
  const k = starts.length / dim;
  const out = new Float64Array(k * (dim + OUTCOME_EXTRA));
  const x0 = new Float64Array(dim);
  for (let i = 0; i < k; i++) {
    if (weights) objective.setWeights(weights.subarray(i * n, (i + 1) * n));
    x0.set(starts.subarray(i * dim, (i + 1) * dim));
    if (Number.isNaN(x0[dim - 1]) && objective.spec.kind === "huber-likelihood") x0[dim - 1] = objective.initialLogSigma(x0);
    const r = minimizeLbfgs(objective, x0, lbfgs);
    const o = i * (dim + OUTCOME_EXTRA);
    out.set(r.x, o);
    out[o + dim] = r.f;
    out[o + dim + 1] = r.iterations;
    out[o + dim + 2] = r.evaluations;
    out[o + dim + 3] = STOP_REASONS.indexOf(r.reason);
  }
  if (weights) objective.setWeights(baseWeights);
  return out;
}

/** One minimisation's end point. */
export interface StartOutcome {
  /** End point in optimiser coordinates (law parameters, then log σ for the Huber likelihood). */
  readonly u: Float64Array;
  readonly objective: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly reason: StopReason;
}

/** Splits a runStartBatch output into outcomes. */
export function decodeOutcomes(out: Float64Array, dim: number): StartOutcome[] {
  const stride = dim + OUTCOME_EXTRA;
  const res: StartOutcome[] = [];
  for (let o = 0; o < out.length; o += stride) {
    res.push({
      u: out.slice(o, o + dim), objective: out[o + dim], iterations: out[o + dim + 1],
      evaluations: out[o + dim + 2], reason: STOP_REASONS[out[o + dim + 3]],
    });
  }
  return res;
}

/**
 * Cartesian product of per-parameter start values, in parameter order; each row is one start.
 * @example startGrid(["x", "y"], { x: [0, 1], y: [5] }) // => [[0, 5], [1, 5]]
 */
export function startGrid(names: readonly string[], grid: Readonly<Record<string, readonly number[]>>): number[][] {
  for (const key of Object.keys(grid)) {
    if (!names.includes(key)) throw new InvalidInputError("startGrid", `grid has "${key}", which is not a parameter; parameters: ${names.join(", ")}`);
  }
  let rows: number[][] = [[]];
  for (const name of names) {
    const values = grid[name];
    if (!values || values.length === 0) throw new InvalidInputError("startGrid", `grid gives no values for parameter ${name}`);
    rows = rows.flatMap((r) => values.map((v) => [...r, v]));
  }
  return rows;
}

/** A distinct local optimum: end points that agree in objective and position. */
export interface LocalOptimum {
  /** Natural-unit parameters of the cluster's best end point. */
  readonly params: Readonly<Record<string, number>>;
  readonly objective: number;
  /** How many starts ended here. */
  readonly count: number;
  /** How many of them met a convergence criterion. */
  readonly converged: number;
}

/**
 * Groups end points whose objectives agree to `ftol` (relative) and whose scale coordinates agree to `xtol`
 * (relative to 1 + |s|), best first. Non-finite end points are left out.
 */
export function clusterOptima(outcomes: readonly StartOutcome[], coords: ParamCoordinates,
  tol: { ftol: number; xtol: number } = { ftol: 1e-6, xtol: 1e-3 }): LocalOptimum[] {
  const p = coords.dim;
  const sorted = outcomes.filter((o) => Number.isFinite(o.objective)).sort((a, b) => a.objective - b.objective);
  const clusters: { s: Float64Array; f: number; count: number; converged: number }[] = [];
  const s = new Float64Array(p);
  for (const o of sorted) {
    coords.uToS(o.u, s);
    const hit = clusters.find((c) => Math.abs(c.f - o.objective) <= tol.ftol * Math.max(Math.abs(c.f), 1e-300) &&
      c.s.every((v, j) => Math.abs(v - s[j]) <= tol.xtol * (1 + Math.abs(v))));
    const conv = o.reason === "gradient" || o.reason === "function-change" ? 1 : 0;
    if (hit) { hit.count++; hit.converged += conv; } else clusters.push({ s: Float64Array.from(s), f: o.objective, count: 1, converged: conv });
  }
  return clusters.map((c) => ({
    params: Object.fromEntries(coords.names.map((n, j) => [n, coords.sToTheta(j, c.s[j])])),
    objective: c.f, count: c.count, converged: c.converged,
  }));
}
