/**
 * The `fixed` fit option: hold some parameters at given values and fit the others. The fit runs on a reduced model
 * over the free parameters (on this thread: workers rebuild registered models only), and its result is expanded back
 * to every parameter — fixed ones with their value and no SE or interval — so a law's FitResult keeps its shape.
 */
import { InvalidInputError } from "../core";
import type { Model } from "./model";
import type { FitOptions } from "./options";
import { finalizeFitResult, type FitResult } from "./result";

export interface FixedFit<X> {
  readonly model: Model<X>;
  readonly options: FitOptions;
  expand(r: FitResult): FitResult;
}

/** A grid, init or start list over every parameter restricted to the free ones. */
function freeOptions(fn: string, o: FitOptions, names: readonly string[], free: readonly number[]): FitOptions {
  const { fixed: _fixed, ...rest } = o;
  if (o.starts) throw new InvalidInputError(fn, "option starts cannot be combined with fixed", "give init or grid by parameter name instead");
  const freeNames = new Set(free.map((j) => names[j]));
  const out: { -readonly [K in keyof FitOptions]: FitOptions[K] } = { ...rest };
  if (o.grid) out.grid = Object.fromEntries(Object.entries(o.grid).filter(([k]) => freeNames.has(k)));
  if (o.init) {
    const init = o.init as Record<string, number> & ArrayLike<number>;
    out.init = typeof init.length === "number" ? free.map((j) => init[j]) : Object.fromEntries(Object.entries(init).filter(([k]) => freeNames.has(k)));
  }
  return { ...out, workers: 0 };
}

/**
 * The reduced model and options for `options.fixed`, or null when nothing is fixed.
 * @throws InvalidInputError for an unknown or non-finite fixed parameter, or when every parameter is fixed
 */
export function fixParameters<X>(fn: string, model: Model<X>, options: FitOptions): FixedFit<X> | null {
  const fixed = options.fixed;
  if (!fixed || Object.keys(fixed).length === 0) return null;
  const names = model.params.map((q) => q.name);
  for (const [k, v] of Object.entries(fixed)) {
    if (!names.includes(k)) throw new InvalidInputError(fn, `option fixed names "${k}", which is not a parameter; parameters: ${names.join(", ")}`);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new InvalidInputError(fn, `option fixed.${k} must be a finite number, got ${String(v)}`);
  }
  const free = names.map((_, j) => j).filter((j) => !(names[j] in fixed));
  if (free.length === 0) throw new InvalidInputError(fn, "option fixed holds every parameter; nothing is left to fit");
  const p = names.length;
  const full = new Float64Array(p);
  names.forEach((n, j) => { if (n in fixed) full[j] = fixed[n]; });
  const fill = (t: ArrayLike<number>) => { free.forEach((j, i) => { full[j] = t[i]; }); return full; };
  const grad = new Float64Array(p);
  const base = model.valueAndGradient;
  const reduced: Model<X> = {
    id: `${model.id} with ${Object.keys(fixed).join(", ")} fixed`,
    params: free.map((j) => model.params[j]),
    value: (t, x) => model.value(fill(t), x),
    ...(base ? {
      valueAndGradient: (t: ArrayLike<number>, x: X, g: Float64Array) => {
        const f = base(fill(t), x, grad);
        free.forEach((j, i) => { g[i] = grad[j]; });
        return f;
      },
    } : {}),
  };
  const expand = (r: FitResult): FitResult => {
    const at = (j: number) => free.indexOf(j);
    const pick = <T>(rec: Readonly<Record<string, T>>, none: T) => Object.fromEntries(names.map((n) => [n, n in fixed ? none : rec[n]]));
    const { toJSON: _toJSON, ...plain } = r;
    return finalizeFitResult({
      ...plain,
      model: model.id,
      paramNames: names,
      params: Object.fromEntries(names.map((n) => [n, n in fixed ? fixed[n] : r.params[n]])),
      se: pick(r.se, null),
      ci: pick(r.ci, null),
      covariance: r.covariance && names.map((_, a) => names.map((_, b) => (at(a) >= 0 && at(b) >= 0 ? r.covariance![at(a)][at(b)] : 0))),
      fixed: { ...fixed },
    });
  };
  return { model: reduced, options: freeOptions(fn, options, names, free), expand };
}
