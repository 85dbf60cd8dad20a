/**
 * The training mixture that minimises the aggregated mixing-law loss over the simplex with per-domain bounds.
 * Σ_i s_i (c_i + exp(t_i·r)) (k = 1 gauge) is convex in r (a non-negative sum of exponentials of linear functions) and the
 * bounded simplex is convex, so projected gradient descent (exact Euclidean projection, Armijo backtracking)
 * converges to the global minimum.
 */
import { DidNotConvergeError, displayResult, InvalidInputError } from "../core";
import { yeVector, type YeParamsLike } from "./mixing-law";
import { assertMixture, projectOntoSimplex, resolveMixtureBounds, type MixtureBounds } from "./simplex";


/** Result of optimizeMixture. */
export interface OptimalMixture {
  /** Minimising mixture. */
  readonly r: number[];
  /** Predicted overall loss there, nats/token. */
  readonly loss: number;
  readonly iterations: number;
  /** Stationarity at r: max_j |r_j − P(r − ∇L)_j| (0 exactly at the constrained optimum). */
  readonly stationarity: number;
}

/** Options of optimizeMixture. */
export interface OptimizeMixtureOptions extends MixtureBounds {
  /** Stop when the stationarity max_j |r_j − P(r − ∇L)_j| falls below this (default 1e-10). */
  readonly tol?: number;
  readonly maxIterations?: number;
}

/**
 * Minimises L(r) = Σ_i s_i·L_i(r) over mixtures r with lower ≤ r ≤ upper (projected gradient descent, exact
 * projection; global because the problem is convex).
 * @param laws one mixing law per validation domain (constants { c, t1 … tK } or fit results)
 * @param s validation-domain weights (≥ 0, Σ = 1)
 * @param options per-domain bounds, tolerance
 * @returns the optimal mixture and its predicted loss
 * @throws InvalidInputError for bad laws/weights/infeasible bounds; DidNotConvergeError if maxIterations is hit
 * @example optimizeMixture([{ c: 0, t1: -1, t2: 0 }], [1]).r.map((x) => Math.round(x * 1e9) / 1e9) // => [1, 0]
 * @see yeMixingCitation
 */
export function optimizeMixture(laws: readonly YeParamsLike[], s: ArrayLike<number>, options: OptimizeMixtureOptions = {}): OptimalMixture {
  const fn = "mixing.optimize";
  if (!Array.isArray(laws as unknown) || laws.length === 0) throw new InvalidInputError(fn, "laws must be a non-empty array (one per validation domain)");
  const vs = laws.map((l, i) => yeVector(`${fn} (laws[${i}])`, l));
  const m = vs[0].t.length;
  vs.forEach((l, i) => { if (l.t.length !== m) throw new InvalidInputError(fn, `laws[${i}] has ${l.t.length} t's, laws[0] has ${m}`); });
  if (!s || s.length !== vs.length) throw new InvalidInputError(fn, `s has ${s?.length ?? 0} weights for ${vs.length} validation domains`);
  assertMixture(fn, "s", s, vs.length, 1e-6);
  const bounds = resolveMixtureBounds(fn, m, options);
  const tol = options.tol ?? 1e-10;
  const maxIt = options.maxIterations ?? 100000;
  // Σ_i s_i (c_i + e^{t_i·r}) directly: r stays feasible up to the projection's rounding, which the mixture check would flag.
  const f = (r: number[]) => vs.reduce((a, l, i) => a + s[i] * (l.c + Math.exp(l.t.reduce((b, t, j) => b + t * r[j], 0))), 0);
  const grad = (r: number[]) => {
    const g = new Array<number>(m).fill(0);
    vs.forEach((l, i) => {
      const e = s[i] * Math.exp(l.t.reduce((a, t, j) => a + t * r[j], 0));
      for (let j = 0; j < m; j++) g[j] += e * l.t[j];
    });
    return g;
  };
  // Lipschitz bound of ∇L on the simplex: ‖Σ s_i e^{t_i·r} t_i t_iᵀ‖ ≤ Σ s_i e^{max_j t_ij} ‖t_i‖².
  const lipschitz = Math.max(1e-300, vs.reduce((a, l, i) => a + s[i] * Math.exp(Math.max(...l.t)) * l.t.reduce((b, t) => b + t * t, 0), 0));
  let r = projectOntoSimplex(new Array<number>(m).fill(1 / m), bounds);
  let fr = f(r);
  let eta = 1;
  for (let it = 1; it <= maxIt; it++) {
    const g = grad(r);
    let next: number[];
    let fn2: number;
    // Armijo backtracking on the projected step.
    for (;;) {
      next = projectOntoSimplex(r.map((v, j) => v - eta * g[j]), bounds);
      fn2 = f(next);
      const decrease = next.reduce((a, v, j) => a + g[j] * (v - r[j]), 0);
      const dist2 = next.reduce((a, v, j) => a + (v - r[j]) ** 2, 0);
      // A step ≤ 1/Lip always decreases L in exact arithmetic; accepting it there keeps the iteration going once
      // loss differences drop below rounding (near the optimum, where Armijo can no longer tell).
      if (fn2 <= fr + 0.5 * decrease || dist2 < 1e-30 || eta <= 1 / lipschitz) break;
      eta *= 0.5;
    }
    const moved = next.reduce((a, v, j) => Math.max(a, Math.abs(v - r[j])), 0);
    r = next;
    fr = fn2;
    const gr = grad(r);
    // Grow the step, but never past moves of ~10 (the simplex has width 1): huge steps cost the projection precision.
    eta = Math.min(eta * 2, 10 / Math.max(...gr.map(Math.abs), 1e-300));
    const pg = projectOntoSimplex(r.map((v, j) => v - gr[j]), bounds);
    const stationarity = pg.reduce((a, v, j) => Math.max(a, Math.abs(v - r[j])), 0);
    // The projection's bisection limits stationarity to ~1e-10·|∇L|: a step that no longer moves r ends the search.
    if (stationarity <= tol || (moved < 1e-15 && stationarity <= 1e-7)) return displayResult(`mixing.optimize: the mixture of least predicted loss over ${laws.length} domain law(s)`, { r, loss: fr, iterations: it, stationarity });
  }
  throw new DidNotConvergeError(fn, `no convergence in ${maxIt} iterations`, "raise maxIterations or loosen tol");
}
