/**
 * What the fitting engine needs to know about a law. Every law in lib that can be fitted exports a Model.
 *
 * Parameters are given and returned in natural units (A, α, ...). A parameter with `transform: "log"` is
 * optimised as log(x), which keeps it positive and makes the landscape rounder; start grids are written in
 * the optimiser's coordinates (e.g. Hoffmann's grid gives a = log A ∈ {0, 5, …, 25}).
 */
export interface ParamSpec<P extends string = string> {
  readonly name: P;
  /** "log": optimise log(x), x > 0. "none" (default): optimise x as is. */
  readonly transform?: "log" | "none";
  /** Optional bounds in natural units, enforced by a smooth reparametrisation (see lib/fit/transforms.ts). */
  readonly lower?: number;
  readonly upper?: number;
  /** Units or meaning, shown in fit tables. */
  readonly description?: string;
  /**
   * Typical magnitude of the parameter in scale coordinates (default 1). Unbounded parameters are optimised as
   * s / scale, which rounds badly scaled problems (like scipy's `x_scale`); e.g. NIST's Bennett5 needs
   * scales 2000, 50, 1.
   */
  readonly scale?: number;
}

/**
 * log f and its gradient for many rows at once, in scale coordinates s (s_j = log θ_j for `transform: "log"`, θ_j
 * otherwise — the coordinates grids are written in). For k < count it evaluates row `rows[k]`, writing log f into
 * `logf[k]` and ∂ log f / ∂s into `gradS[k·p … k·p + p)`. Lets a law evaluate log f stably (e.g. log-sum-exp) even
 * where θ = e^s would overflow, and over typed arrays bound once, without a call per row (the multi-start's hot path).
 */
export type LogBatchEvaluator = (s: Float64Array, rows: Int32Array, count: number, logf: Float64Array, gradS: Float64Array) => void;

/**
 * A law y = f(θ; x) over rows of type X.
 * `value` must be pure. `valueAndGradient` writes ∂f/∂θ (natural units, `params` order) into `grad`
 * and returns f; without it the engine falls back to checked central finite differences.
 */
export interface Model<X, P extends string = string> {
  readonly id: string;
  readonly params: readonly ParamSpec<P>[];
  value(theta: ArrayLike<number>, x: X): number;
  valueAndGradient?(theta: ArrayLike<number>, x: X, grad: Float64Array): number;
  /**
   * Optional fast, stable path: binds the rows once (e.g. precomputes log N) and returns a batch evaluator of
   * log f in scale coordinates. Used instead of `value`/`valueAndGradient` when present.
   */
  bindLog?(rows: readonly X[]): LogBatchEvaluator;
  /**
   * Absolute path of the module that defines and registers this model (`__filename` there). Worker threads
   * `require` it (its compiled .js under dist/) and look the model up by id; models without it fit in-process.
   */
  readonly module?: string;
}

const SLOT = Symbol.for("scalinglab.fitModels");

function registry(): Map<string, Model<unknown>> {
  const g = globalThis as unknown as Record<symbol, Map<string, Model<unknown>> | undefined>;
  return (g[SLOT] ??= new Map());
}

/**
 * Registers a model by id so worker threads can rebuild it after loading `model.module`; returns the model.
 * @param model a Model with a unique id
 * @returns the same model
 * @example registerFitModel({ id: "doc-line", params: [{ name: "k" }], value: (t, x: number) => t[0] * x }).id // => "doc-line"
 */
export function registerFitModel<X, P extends string = string>(model: Model<X, P>): Model<X, P> {
  registry().set(model.id, model as unknown as Model<unknown>);
  return model;
}

/** The registered model with this id, or undefined. */
export function registeredFitModel(id: string): Model<unknown> | undefined {
  return registry().get(id);
}
