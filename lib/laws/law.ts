/**
 * The one shape every law in the catalogue has: `defineLaw(spec)` returns a `Law` object that predicts with
 * published or fitted constants, fits itself on the common fitting path (returning `FitResult<P>`), and
 * carries its card (formula, LaTeX, variables with units, constant sets with status, citation) and the input
 * ranges its published constants were fitted on.
 *
 * One statement of the formula is the implementation (`predict`, optionally with an analytic `gradient`); the
 * text `formula` (a mathjs expression in the inputs and parameters) and `latex` are checked against it by
 * tests/laws/law-consistency.test.ts at random points inside `ranges`, so they cannot drift apart.
 */
import {
  InvalidInputError, registerLawCard, reportWarning, type Citation, type LawCard, type LawTopic, type PublishedConstants, type SourceStatus,
} from "../core";
import { fitModel, fitModelSync } from "../fit/fit";
import { registerFitModel, type Model, type ParamSpec } from "../fit/model";
import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";
import { assertPlausible, extrapolations, guardsOn, type Extrapolation } from "./guards";

/** A law's constants by name, e.g. `{ E, A, B, alpha, beta }`. */
export type LawParams<P extends string> = Readonly<Record<P, number>>;

/** What a law's `predict` and `fit` accept as constants: plain values, a published set, or a fit's result. */
export type ParamsLike<P extends string> = LawParams<P> | PublishedConstants<LawParams<P>> | FitResult<P>;

/** Blocks type inference from a position (TypeScript 5.0 has no built-in NoInfer), so grid names come from `grids` only. */
type NoInference<T> = [T][T extends unknown ? 0 : never];

/** A start grid in scale coordinates, by parameter name (see FitOptions.grid). */
export type StartGrid = Readonly<Record<string, readonly number[]>>;

/** FitOptions of a law's `fit`: `grid` may also name one of the law's own `grids` (e.g. "hoffmann"). */
export interface LawFitOptions<G extends string = never> extends Omit<FitOptions, "grid"> {
  readonly grid?: G | StartGrid;
}

export interface LawSpec<X extends object, P extends string, G extends string = never> {
  /** Unique id, also the fit model id, e.g. "chinchilla". */
  readonly id: string;
  /** Where it lives in the notebook scope, e.g. "laws.chinchilla". */
  readonly api: string;
  readonly name: string;
  readonly topic: LawTopic;
  /** The formula as LaTeX (right-hand side and left, for the card). */
  readonly latex: string;
  /** Right-hand side as a mathjs expression in the input and parameter names, e.g. "E + A / N^alpha + B / D^beta". */
  readonly formula: string;
  /** Input name → meaning with units, in input order, e.g. { N: "parameters", D: "training tokens" }. */
  readonly inputs: Readonly<Record<keyof X & string, string>>;
  /** What the law predicts, with units, e.g. "loss, nats/token". */
  readonly output: string;
  /** Parameters in the order the fitter uses, with transforms, bounds and meanings. */
  readonly params: readonly ParamSpec<P>[];
  /** Published constant sets by short name; the first is the default of `predict`. */
  readonly published: Readonly<Record<string, PublishedConstants<LawParams<P>>>>;
  /** Input ranges the published constants were fitted on (also where the formula test samples). */
  readonly ranges: Readonly<Record<keyof X & string, readonly [number, number]>>;
  readonly citation: Citation;
  /** "unverified" when the form itself is recalled, not read; otherwise the weakest status of `published`. */
  readonly status?: SourceStatus;
  /** The implementation. Inputs are validated before it is called. */
  predict(x: X, p: LawParams<P>): number;
  /** Analytic gradient ∂f/∂p in `params` order, written into `grad`; returns f. Without it the fitter uses differences. */
  gradient?(x: X, p: LawParams<P>, grad: Float64Array): number;
  /**
   * The compute budget of an input, when the law has one (Chinchilla: C = 6·N·D): fits record its range in
   * `dataRanges`, `check({ C })` and allocations at a budget compare with it. `range`: the budgets the published
   * constants were fitted on.
   */
  readonly budget?: LawBudget<X>;
  /** Inputs that may be zero or negative (default: every input must be finite and > 0). */
  readonly signedInputs?: readonly (keyof X & string)[];
  /** A hand-tuned fitting model to use instead of the one derived from predict/gradient (e.g. a log-sum-exp path). */
  readonly model?: Model<X, P>;
  /** `__filename` of the defining module, so worker threads can load the model for multi-starts. */
  readonly module?: string;
  /** Named start grids in scale coordinates (e.g. { hoffmann, default }); `fit(…, { grid: "hoffmann" })` picks one. */
  readonly grids?: Readonly<Record<G, StartGrid>>;
  /**
   * Fit options this law uses unless the caller overrides them. A default `grid` is the fallback start: it is
   * dropped when the caller gives its own init, starts or grid.
   */
  readonly fitDefaults?: LawFitOptions<NoInference<G>>;
}

/** A law's compute budget as a function of its inputs (see LawSpec.budget). */
export interface LawBudget<X> {
  readonly name: string;
  readonly meaning: string;
  of(x: X): number;
  readonly range?: readonly [number, number];
}

/** A law of the catalogue. See LawSpec for the fields; `predict`/`fit` validate their inputs. */
export interface Law<X extends object, P extends string, G extends string = never> extends LawCard {
  readonly kind: "law";
  readonly inputs: Readonly<Record<keyof X & string, string>>;
  readonly output: string;
  readonly paramNames: readonly P[];
  readonly params: readonly ParamSpec<P>[];
  readonly published: Readonly<Record<string, PublishedConstants<LawParams<P>>>>;
  /** The default constant set (the first of `published`). */
  readonly defaults: PublishedConstants<LawParams<P>>;
  readonly ranges: Readonly<Record<keyof X & string, readonly [number, number]>>;
  /** The law's compute budget, if it has one (see LawSpec.budget). */
  readonly budget: LawBudget<X> | null;
  /** Inputs that may be zero or negative. */
  readonly signedInputs: readonly (keyof X & string)[];
  /** The differentiable model the fitter uses. */
  readonly model: Model<X, P>;
  /** Named start grids (scale coordinates) that `fit`'s `grid` option accepts by name. */
  readonly grids: Readonly<Record<G, StartGrid>>;
  /** The options `fit` starts from (see LawSpec.fitDefaults). */
  readonly fitDefaults: LawFitOptions<G>;
  /**
   * The law's value at `x` (or at each of several inputs) with `params` (default: the first published set).
   * @throws InvalidInputError naming the input or parameter that is missing or out of domain
   */
  predict(x: X, params?: ParamsLike<P>): number;
  predict(x: readonly X[], params?: ParamsLike<P>): number[];
  /**
   * Warnings for predicting at `x` (or at each of several inputs) with `params`: inputs more than 3× outside the
   * ranges the constants were fitted on — the law's `ranges`, or a fit's `dataRanges` — with the factor. `predict`
   * reports the same warnings once per cell (stderr in a notebook); an implausible input (N = 7 parameters) throws.
   * `x` may give only some inputs, or the budget alone (`{ C: 1e24 }` for Chinchilla).
   */
  check(x: Partial<X> | readonly Partial<X>[] | Readonly<Record<string, number>>, params?: ParamsLike<P>): string[];
  /**
   * The law as a math function for library code that searches over its inputs (bisection, optimisation, curves):
   * `predict` with the domain checks but without the unit and extrapolation guards meant for a user's inputs.
   */
  evaluate(x: X, params?: ParamsLike<P>): number;
  /**
   * Fits the law's parameters to observations y at inputs `rows` on the common fitting path (multi-start
   * L-BFGS, robust objective, bootstrap or Hessian uncertainty).
   */
  fit(rows: readonly X[], y: ArrayLike<number>, options?: LawFitOptions<G>): Promise<FitResult<P>>;
  /** `fit` on the calling thread, synchronously (small fits, code that cannot await). */
  fitSync(rows: readonly X[], y: ArrayLike<number>, options?: LawFitOptions<G>): FitResult<P>;
}

/**
 * Plain FitOptions from a law's fit options: the defaults, the caller's options over them, and a grid name resolved
 * to the law's grid. The default grid is a fallback start, so it is dropped when the caller gives init, starts or grid.
 */
export function resolveLawFitOptions<G extends string>(fn: string,
  law: { readonly grids?: Readonly<Record<G, StartGrid>>; readonly fitDefaults?: LawFitOptions<G> }, options: LawFitOptions<G> = {}): FitOptions {
  const { grid: defaultGrid, ...defaults } = law.fitDefaults ?? {};
  const { grid: ownGrid, ...rest } = options;
  const ownStart = ownGrid !== undefined || options.init !== undefined || options.starts !== undefined;
  const grid = ownStart ? ownGrid : defaultGrid;
  const merged = { ...defaults, ...rest };
  if (grid === undefined) return merged;
  if (typeof grid === "string") {
    const named = law.grids?.[grid];
    const names = Object.keys(law.grids ?? {});
    if (!named) throw new InvalidInputError(fn, `unknown grid "${grid}"; valid: ${[...names, "or an object of start values"].join(", ")}`);
    return { ...merged, grid: named };
  }
  return { ...merged, grid };
}

/** The plain parameter values of anything ParamsLike. */
export function paramsOf<P extends string>(fn: string, names: readonly P[], p: ParamsLike<P>): LawParams<P> {
  if (!p || typeof p !== "object") throw new InvalidInputError(fn, `params must be an object { ${names.join(", ")} }`);
  const values = ("kind" in p && p.kind === "fit-result") || "citation" in p ? (p as { params: LawParams<P> }).params : (p as LawParams<P>);
  for (const k of names) {
    if (typeof values[k] !== "number" || !Number.isFinite(values[k])) {
      throw new InvalidInputError(fn, `params.${k} must be a finite number, got ${String(values[k])}`, `pass { ${names.join(", ")} }`);
    }
  }
  return values;
}

function checkInputs<X extends object>(fn: string, spec: LawSpec<X, string, string>, x: X, row?: number): void {
  checkDomain(fn, spec, x, row);
  if (!guardsOn()) return;
  for (const k of Object.keys(spec.inputs) as (keyof X & string)[]) {
    assertPlausible(fn, k, (x as Record<string, number>)[k], spec.inputs[k], spec.ranges[k]?.[0], row === undefined ? "" : `row ${row}: `);
  }
}

/**
 * Inputs (and the budget) outside the ranges behind `params`: a fit's data ranges, or the law's published ranges.
 * Rows that lack the budget get it from their inputs.
 */
export function extrapolationsOf<X extends object>(spec: Pick<LawSpec<X, string, string>, "inputs" | "ranges" | "budget">, xs: readonly object[],
  params: unknown): Extrapolation[] {
  const b = spec.budget;
  const rows = b ? xs.map((x) => {
    const r = x as Record<string, unknown>;
    return r[b.name] !== undefined || !Object.keys(spec.inputs).every((k) => typeof r[k] === "number") ? x : { ...x, [b.name]: b.of(x as X) };
  }) : xs;
  const keys = [...Object.keys(spec.inputs), ...(b ? [b.name] : [])];
  const fit = params && typeof params === "object" && (params as { kind?: unknown }).kind === "fit-result" ? (params as FitResult) : null;
  if (!fit) {
    const ranges: Record<string, readonly [number, number]> = { ...spec.ranges };
    if (b?.range) ranges[b.name] = b.range;
    return extrapolations(rows, ranges, "its constants were fitted on");
  }
  return extrapolations(rows, Object.fromEntries(keys.filter((k) => fit.dataRanges[k]).map((k) => [k, fit.dataRanges[k]])), "of the fit's data");
}

function checkDomain<X extends object>(fn: string, spec: LawSpec<X, string, string>, x: X, row?: number): void {
  const where = row === undefined ? "" : `row ${row}: `;
  if (!x || typeof x !== "object") throw new InvalidInputError(fn, `${where}input must be an object { ${Object.keys(spec.inputs).join(", ")} }`);
  for (const k of Object.keys(spec.inputs) as (keyof X & string)[]) {
    const v = (x as Record<string, unknown>)[k];
    const signed = spec.signedInputs?.includes(k);
    if (typeof v !== "number" || !Number.isFinite(v) || (!signed && !(v > 0))) {
      throw new InvalidInputError(fn, `${where}${k} must be a finite number${signed ? "" : " > 0"}, got ${String(v)}`,
        `${k} is ${spec.inputs[k]}`);
    }
  }
}

/** The fitting model of a spec: its own, or one built from predict/gradient. */
function modelOf<X extends object, P extends string, G extends string>(spec: LawSpec<X, P, G>): Model<X, P> {
  if (spec.model) return spec.model;
  const names = spec.params.map((q) => q.name);
  // The fitter evaluates every row at one θ before it moves: build the named constants once per θ, not per row.
  let lastTheta: number[] = [];
  let lastRecord: LawParams<P> | null = null;
  const record = (theta: ArrayLike<number>): LawParams<P> => {
    if (lastRecord && names.every((_, j) => lastTheta[j] === theta[j])) return lastRecord;
    lastTheta = Array.from(theta);
    lastRecord = Object.fromEntries(names.map((n, j) => [n, theta[j]])) as LawParams<P>;
    return lastRecord;
  };
  const gradient = spec.gradient;
  return {
    id: spec.id,
    params: spec.params,
    value: (theta, x) => spec.predict(x, record(theta)),
    ...(gradient ? { valueAndGradient: (theta: ArrayLike<number>, x: X, grad: Float64Array) => gradient(x, record(theta), grad) } : {}),
    ...(spec.module ? { module: spec.module } : {}),
  };
}

/**
 * Builds a Law from its spec, registers its card in the catalogue (for `help()`) and its model for the fitter.
 * `extras` adds the law's own derived quantities (e.g. `optimal(C)` for an allocation) to the same object.
 * @example defineLaw({ id: "doc-power", name: "power law", topic: "other", latex: "y = a x^{-b}", formula: "a * x^(-b)", inputs: { x: "size" }, output: "y", params: [{ name: "a", transform: "log" }, { name: "b" }], published: { demo: { name: "demo", params: { a: 2, b: 1 }, status: "confirmed", citation: { key: "doc", authors: "Doc", year: 2024, title: "Example" } } }, ranges: { x: [1, 10] }, citation: { key: "doc", authors: "Doc", year: 2024, title: "Example" }, api: "doc.power", predict: (x, p) => p.a * x.x ** -p.b }).predict({ x: 4 }) // => 0.5
 */
export function defineLaw<X extends object, P extends string, E extends object = object, G extends string = never>(
  spec: LawSpec<X, P, G>, extras?: E): Law<X, P, G> & E {
  const paramNames = spec.params.map((q) => q.name);
  const sets = Object.values(spec.published);
  if (sets.length === 0) throw new InvalidInputError("defineLaw", `law "${spec.id}" has no published constant set`, "add one to `published`");
  const model = spec.model ?? modelOf(spec);
  if (spec.module) registerFitModel(model);
  const status: SourceStatus = spec.status ?? (sets.some((s) => s.status === "unverified") ? "unverified" : "confirmed");
  const fn = spec.api;
  function predict(x: X, params?: ParamsLike<P>): number;
  function predict(x: readonly X[], params?: ParamsLike<P>): number[];
  function predict(x: X | readonly X[], params?: ParamsLike<P>): number | number[] {
    const p = paramsOf(`${fn}.predict`, paramNames, params ?? sets[0]);
    const xs = (Array.isArray(x) ? x : [x]) as readonly X[];
    xs.forEach((xi, i) => checkInputs(`${fn}.predict`, spec, xi, Array.isArray(x) ? i : undefined));
    if (guardsOn()) for (const e of extrapolationsOf(spec, xs, params)) reportWarning(`${fn}.predict ${e.input}`, `${fn}.predict: ${e.message}`);
    return Array.isArray(x) ? xs.map((xi) => spec.predict(xi, p)) : spec.predict(x as X, p);
  }
  function evaluate(x: X, params?: ParamsLike<P>): number {
    const p = paramsOf(`${fn}.evaluate`, paramNames, params ?? sets[0]);
    checkDomain(`${fn}.evaluate`, spec, x);
    return spec.predict(x, p);
  }
  function check(x: Partial<X> | readonly Partial<X>[] | Readonly<Record<string, number>>, params?: ParamsLike<P>): string[] {
    const xs = (Array.isArray(x) ? x : [x]) as readonly Record<string, unknown>[];
    xs.forEach((xi, i) => {
      if (!xi || typeof xi !== "object") throw new InvalidInputError(`${fn}.check`, `${Array.isArray(x) ? `row ${i}: ` : ""}input must be an object`);
      for (const k of Object.keys(spec.inputs)) {
        const v = xi[k];
        if (typeof v === "number") assertPlausible(`${fn}.check`, k, v, spec.inputs[k as keyof X & string], spec.ranges[k as keyof X & string]?.[0], Array.isArray(x) ? `row ${i}: ` : "");
      }
    });
    return extrapolationsOf(spec, xs, params).map((e) => e.message);
  }
  const checkRows = (name: string, rows: readonly X[]) => {
    if (!Array.isArray(rows)) throw new InvalidInputError(name, "rows must be an array of inputs", `pass [{ ${Object.keys(spec.inputs).join(", ")} }, …]`);
    rows.forEach((r, i) => checkInputs(name, spec, r, i));
  };
  // A fit's dataRanges also record the budget of its rows, so allocations at a budget can be checked against them.
  const budget = spec.budget;
  const withBudget = <R extends FitResult<P>>(rows: readonly X[], r: R): R => {
    if (!budget || rows.length === 0) return r;
    let lo = Infinity, hi = -Infinity;
    for (const x of rows) { const c = budget.of(x); lo = Math.min(lo, c); hi = Math.max(hi, c); }
    (r.dataRanges as Record<string, readonly [number, number]>)[budget.name] = [lo, hi];
    return r;
  };
  // A law without a start grid starts from its default constants instead of refusing to fit.
  const startingOptions = (name: string, options: LawFitOptions<G> = {}): FitOptions => {
    const o = resolveLawFitOptions(name, spec, options);
    return o.grid || o.init || o.starts ? o : { ...o, init: sets[0].params };
  };
  const law = {
    kind: "law" as const,
    id: spec.id, api: spec.api, name: spec.name, topic: spec.topic, latex: spec.latex, formula: spec.formula,
    variables: { ...spec.inputs, output: spec.output },
    inputs: spec.inputs, output: spec.output, citation: spec.citation, status,
    constants: sets, paramNames, params: spec.params, published: spec.published, defaults: sets[0], ranges: spec.ranges, budget: spec.budget ?? null, signedInputs: spec.signedInputs ?? [], model,
    grids: spec.grids ?? ({} as Record<G, StartGrid>), fitDefaults: spec.fitDefaults ?? {},
    predict, check, evaluate,
    async fit(rows: readonly X[], y: ArrayLike<number>, options: LawFitOptions<G> = {}) {
      checkRows(`${fn}.fit`, rows);
      return withBudget(rows, await fitModel(model, rows, y, startingOptions(`${fn}.fit`, options), `${fn}.fit`));
    },
    fitSync(rows: readonly X[], y: ArrayLike<number>, options: LawFitOptions<G> = {}) {
      checkRows(`${fn}.fitSync`, rows);
      return withBudget(rows, fitModelSync(model, rows, y, startingOptions(`${fn}.fitSync`, options), `${fn}.fitSync`));
    },
    ...extras,
  } as Law<X, P, G> & E;
  return registerLawCard(law);
}
