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
 * Joining of screened starts: a start whose iterate comes within `ftol` (relative objective) and `xtol` (relative,
 * every u coordinate) of a converged end point of an earlier start in the same block of MERGE_BLOCK starts stops
 * there and reports that end point. Most of the Hoffmann grid's starts crawl down the same few valleys, so this
 * skips their last iterations; the result is unchanged because the fit's best end point is always a polished one
 * (./screen), and the blocks are aligned to start indices so that worker threads and the calling thread give the
 * same outcomes.
 */
export interface MergeRule {
  readonly ftol: number;
  readonly xtol: number;
}

/**
 * The rule of screened multi-starts: within 3% of the end point's objective and 0.2·(1 + |u|) of it in every
 * coordinate. On Hoffmann's grid over Besiroglu et al.'s points this cuts the screening's evaluations from 176k to
 * 126k; tighter rules join too late to matter (1e-6 and 1e-3 save 0.1%). The optimum is the same on every shipped
 * dataset (tests/fit/fast-paths.test.ts).
 */
export const SCREEN_MERGE: MergeRule = { ftol: 0.03, xtol: 0.2 };

/** Starts per joining block; worker tasks and local chunks are whole blocks. */
export const MERGE_BLOCK = 100;

/**
 * Runs L-BFGS from each start. `starts` holds k start points of length `objective.dim` (u coordinates; a NaN
 * in the log σ slot of the Huber likelihood means "start σ at its conditional optimum"). With `weights`
 * (k × n), start i uses weight row i (bootstrap resamples). With `merge` (and no weights: one objective for all
 * starts), starts join earlier end points (see MergeRule); the batch must begin at a multiple of MERGE_BLOCK.
 * Returns k × (dim + OUTCOME_EXTRA) numbers.
 */
export function runStartBatch(objective: FitObjective, starts: Float64Array, weights: Float64Array | null,
  lbfgs: LbfgsOptions, baseWeights: ArrayLike<number> | null, merge: MergeRule | null = null): Float64Array {
  const dim = objective.dim;
  const n = objective.n;
  const k = starts.length / dim;
  const stride = dim + OUTCOME_EXTRA;
  const out = new Float64Array(k * stride);
  const x0 = new Float64Array(dim);
  // Offsets in `out` of this block's converged end points, and the one a stopped start reached.
  const ends: number[] = [];
  let joined = -1;
  const stopWhen = merge && !weights ? (x: Float64Array, f: number): boolean => {
    for (const e of ends) {
      const fe = out[e + dim];
      if (Math.abs(f - fe) > merge.ftol * Math.abs(fe)) continue;
      let near = true;
      for (let j = 0; j < dim && near; j++) near = Math.abs(x[j] - out[e + j]) <= merge.xtol * (1 + Math.abs(out[e + j]));
      if (near) { joined = e; return true; }
    }
    return false;
  } : undefined;
  for (let i = 0; i < k; i++) {
    if (i % MERGE_BLOCK === 0) ends.length = 0;
    if (weights) objective.setWeights(weights.subarray(i * n, (i + 1) * n));
    x0.set(starts.subarray(i * dim, (i + 1) * dim));
    if (Number.isNaN(x0[dim - 1]) && objective.spec.kind === "huber-likelihood") x0[dim - 1] = objective.initialLogSigma(x0);
    const r = minimizeLbfgs(objective, x0, lbfgs, stopWhen);
    const o = i * stride;
    if (r.reason === "stopped") {
      out.copyWithin(o, joined, joined + dim + 1);
      out[o + dim + 3] = out[joined + dim + 3];
    } else {
      out.set(r.x, o);
      out[o + dim] = r.f;
      out[o + dim + 3] = STOP_REASONS.indexOf(r.reason);
      if (r.converged) ends.push(o);
    }
    out[o + dim + 1] = r.iterations;
    out[o + dim + 2] = r.evaluations;
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
  const sameObjective = (c: { f: number }, f: number) => Math.abs(c.f - f) <= tol.ftol * Math.max(Math.abs(c.f), 1e-300);
  const samePoint = (c: { s: Float64Array }) => c.s.every((v, j) => Math.abs(v - s[j]) <= tol.xtol * (1 + Math.abs(v)));
  for (const o of sorted) {
    coords.uToS(o.u, s);
    // Clusters are made in increasing objective, so (for ftol < 1) those within ftol of this one are a suffix of
    // the list: find where it starts, then take the first match in it (as a search of the whole list would).
    let from = tol.ftol < 1 ? clusters.length : 0;
    while (from > 0 && sameObjective(clusters[from - 1]!, o.objective)) from--;
    let hit: (typeof clusters)[number] | undefined;
    for (let i = from; i < clusters.length && !hit; i++) {
      if (sameObjective(clusters[i]!, o.objective) && samePoint(clusters[i]!)) hit = clusters[i];
    }
    const conv = o.reason === "gradient" || o.reason === "function-change" ? 1 : 0;
    if (hit) { hit.count++; hit.converged += conv; } else clusters.push({ s: Float64Array.from(s), f: o.objective, count: 1, converged: conv });
  }
  return clusters.map((c) => ({
    params: Object.fromEntries(coords.names.map((n, j) => [n, coords.sToTheta(j, c.s[j])])),
    objective: c.f, count: c.count, converged: c.converged,
  }));
}
