/**
 * L-BFGS (Nocedal & Wright, Algorithm 7.4/7.5: two-loop recursion, H0 = γI with γ = sᵀy / yᵀy) with the
 * strong-Wolfe line search of ./line-search.
 *
 * Written here rather than taken from npm: the maintained JS optimisers we checked either lack a strong-Wolfe
 * search or analytic-gradient L-BFGS (ml-levenberg-marquardt, fmin's conjugate gradient / Nelder–Mead), or do
 * not expose why they stopped. The scaling-law fits need all three, plus zero-allocation inner loops because a
 * multi-start runs thousands of minimisations.
 *
 * Stopping rules:
 *   "gradient":        max_j |∂f/∂u_j| ≤ gtol                          (as scipy L-BFGS-B's pgtol, default 1e-5)
 *   "function-change": (f_k − f_{k+1}) ≤ ftol · max(|f_k|, |f_{k+1}|)  (default 1e-10)
 * The gradient rule is absolute in the objective's units, which is why a `mean`-reduced objective (∇f ~n times
 * smaller) can stop at its start — Besiroglu et al.'s finding; see FIT_DEFAULTS.reduction. The function rule is
 * purely relative: scipy's version floors |f| at 1, which made bootstrap refits of a Huber sum (f ≈ 1e-3) stop
 * after a few iterations with SEs ~10× too small in our tests. Multi-starts pay for that strictness only on the
 * few best end points: the others stop under a looser function rule (see ./screen).
 */
import { strongWolfeLineSearch, type LineSearchOptions } from "./line-search";

/** A smooth function of x ∈ R^dim: returns f(x) and writes ∇f(x) into `grad`. */
export interface DifferentiableFunction {
  readonly dim: number;
  evaluate(x: Float64Array, grad: Float64Array): number;
}

/** Why the minimiser stopped. The first two count as converged. */
export type StopReason = "gradient" | "function-change" | "max-iterations" | "line-search" | "non-finite" | "stopped";

export const STOP_REASONS: readonly StopReason[] = ["gradient", "function-change", "max-iterations", "line-search", "non-finite", "stopped"];

export const STOP_REASON_TEXT: Readonly<Record<StopReason, string>> = {
  "gradient": "gradient max-norm below gtol",
  "function-change": "relative objective change below ftol",
  "max-iterations": "reached maxIterations without meeting a convergence criterion",
  "line-search": "line search could not decrease the objective further (possibly at a kink or at machine precision)",
  "non-finite": "objective or gradient became non-finite",
  "stopped": "stopped by the caller's `stopWhen` test",
};

export interface LbfgsOptions extends LineSearchOptions {
  readonly maxIterations: number;
  readonly gtol: number;
  readonly ftol: number;
  /** Number of curvature pairs kept (m). */
  readonly historySize: number;
  /**
   * Initial inverse Hessian H0 (dim × dim, row-major, symmetric positive definite) in place of γI. A bootstrap refit
   * passes the inverse Hessian at the full-data optimum: its resamples start there and their curvature is close to
   * it, so the first steps are already Newton-like (Nocedal & Wright §7.2 allow any such H0).
   */
  readonly initialInverseHessian?: Float64Array | null;
}

export const LBFGS_DEFAULTS: LbfgsOptions = {
  maxIterations: 1000,
  gtol: 1e-5,
  ftol: 1e-10,
  historySize: 10,
  c1: 1e-4,
  c2: 0.9,
  maxEvaluations: 20,
};

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: StopReason;
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * Minimises `fn` from `x0` with L-BFGS.
 * @param fn objective with analytic gradient
 * @param x0 start point (not modified)
 * @param options stopping rules and line-search constants (see LBFGS_DEFAULTS)
 * @param stopWhen optional test after each accepted step (not converged yet): true stops with reason "stopped"
 * @returns the end point, its value and gradient, iteration counts, and whether/why it stopped
 * @example minimizeLbfgs({ dim: 1, evaluate: (x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; } }, new Float64Array([0])).x[0] // => 3
 */
export function minimizeLbfgs(fn: DifferentiableFunction, x0: ArrayLike<number>, options: Partial<LbfgsOptions> = {},
  stopWhen?: (x: Float64Array, f: number) => boolean): LbfgsResult {
  const o: LbfgsOptions = { ...LBFGS_DEFAULTS, ...options };
  const n = fn.dim;
  const m = o.historySize;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alphas = new Float64Array(m);
  let stored = 0, head = 0; // ring buffer of curvature pairs; head = next slot
  let h0 = o.initialInverseHessian ? Array.from({ length: n }, (_, i) => o.initialInverseHessian!.subarray(i * n, (i + 1) * n)) : null;
  const q = new Float64Array(n);

  let evaluations = 1;
  let f = fn.evaluate(x, g);
  const done = (reason: StopReason, iterations: number): LbfgsResult => ({
    x, f, gradient: g, iterations, evaluations, reason, converged: reason === "gradient" || reason === "function-change",
  });
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) return done("non-finite", 0);
  if (maxAbs(g) <= o.gtol) return done("gradient", 0);

  let trialF = f;
  const phi = (alpha: number) => {
    for (let i = 0; i < n; i++) xt[i] = x[i] + alpha * d[i];
    evaluations++;
    trialF = fn.evaluate(xt, gt);
    return { f: trialF, slope: dot(gt, d, n) };
  };

  for (let k = 0; k < o.maxIterations; k++) {
    // Two-loop recursion: d = −H g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let j = 0; j < stored; j++) {
      const idx = (head - 1 - j + m) % m;
      alphas[idx] = rho[idx] * dot(S[idx], d, n);
      const y = Y[idx];
      for (let i = 0; i < n; i++) d[i] -= alphas[idx] * y[i];
    }
    if (h0) {
      q.set(d);
      for (let i = 0; i < n; i++) d[i] = dot(h0[i], q, n);
    } else if (stored > 0) {
      const last = (head - 1 + m) % m;
      const gamma = dot(S[last], Y[last], n) / dot(Y[last], Y[last], n);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = stored - 1; j >= 0; j--) {
      const idx = (head - 1 - j + m) % m;
      const beta = rho[idx] * dot(Y[idx], d, n);
      const s = S[idx];
      for (let i = 0; i < n; i++) d[i] += (alphas[idx] - beta) * s[i];
    }
    let slope0 = dot(g, d, n);
    if (!(slope0 < 0)) {
      // Not a descent direction (numerical loss of positivity): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope0 = dot(g, d, n);
    }
    // A scaled direction (H0 or a curvature pair) has the natural step 1; bare −g gets Nocedal & Wright's first step.
    const alpha1 = stored === 0 && !h0 ? Math.min(1, 1 / Math.sqrt(-slope0)) : 1;
    const ls = strongWolfeLineSearch(phi, f, slope0, alpha1, o);
    if (!ls.ok) {
      if (!(ls.alpha > 0 && ls.f < f)) {
        if (stored > 0 || h0) {
          stored = 0; // retry once from steepest descent with a fresh memory (and without H0)
          h0 = null;
          k--;
          continue;
        }
        return done("line-search", k);
      }
      if (!ls.lastEvaluated) phi(ls.alpha);
    }
    // Accept xt: curvature pair s = xt − x, y = gt − g.
    const slot = S[head];
    const yslot = Y[head];
    for (let i = 0; i < n; i++) {
      slot[i] = xt[i] - x[i];
      yslot[i] = gt[i] - g[i];
    }
    const sy = dot(slot, yslot, n);
    if (sy > 1e-16 * dot(yslot, yslot, n)) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    const fPrev = f;
    x.set(xt);
    g.set(gt);
    f = trialF;
    if (!Number.isFinite(f) || !g.every(Number.isFinite)) return done("non-finite", k + 1);
    if (maxAbs(g) <= o.gtol) return done("gradient", k + 1);
    if (fPrev - f <= o.ftol * Math.max(Math.abs(fPrev), Math.abs(f))) return done("function-change", k + 1);
    if (stopWhen?.(x, f)) return done("stopped", k + 1);
  }
  return done("max-iterations", o.maxIterations);
}
