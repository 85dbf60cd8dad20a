/**
 * What the fitting engine needs to know about a law. Every law in lib that can be fitted exports a Model.
 *
 * Parameters are given and returned in natural units (A, α, ...). A parameter with `transform: "log"` is
 * optimised as log(x), which keeps it positive and makes the landscape rounder; start grids are written in
 * the optimiser's coordinates (e.g. Hoffmann's grid gives a = log A ∈ {0, 5, …, 25}).
 */
export interface ParamSpec {
  readonly name: string;
  /** "log": optimise log(x), x > 0. "none" (default): optimise x as is. */
  readonly transform?: "log" | "none";
  /** Optional bounds in natural units. */
  readonly lower?: number;
  readonly upper?: number;
  /** Units or meaning, shown in fit tables. */
  readonly description?: string;
}

/**
 * A law y = f(θ; x) over rows of type X.
 * `value` must be pure. `valueAndGradient` writes ∂f/∂θ (natural units, `params` order) into `grad`
 * and returns f; without it the engine falls back to checked central finite differences.
 */
export interface Model<X> {
  readonly id: string;
  readonly params: readonly ParamSpec[];
  value(theta: ArrayLike<number>, x: X): number;
  valueAndGradient?(theta: ArrayLike<number>, x: X, grad: Float64Array): number;
}
