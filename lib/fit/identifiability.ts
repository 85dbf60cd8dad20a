/**
 * Can these data determine this law? Checks that turn a silent "converged" into a plain-language warning (issue 11):
 * too few distinct input points or an input that never varies (before trusting the fit), flat directions of the
 * objective with the parameters that span them, parameters driven to the edge of their domain, and bootstrap
 * distributions that collapse to a point. Each returns warning strings for FitResult.warnings.
 */
import { FitError, shortNumber as short } from "../core";
import type { Model } from "./model";
import { flatDirections, type FlatDirection } from "./hessian";
import type { BootstrapSummary } from "./bootstrap";
import { centralDifferenceGradient } from "./objective";

/** Numeric input fields of the rows ("x" for rows that are plain numbers). */
function numericKeys(rows: readonly unknown[]): string[] {
  const first = rows[0];
  if (typeof first === "number") return ["x"];
  if (!first || typeof first !== "object") return [];
  return Object.keys(first).filter((k) => rows.every((r) => typeof (r as Record<string, unknown>)?.[k] === "number"));
}

function field(row: unknown, k: string): number {
  return k === "x" && typeof row === "number" ? row : ((row as Record<string, number>)[k]);
}

function withField<X>(row: X, k: string, v: number): X {
  return (typeof row === "number" ? v : { ...(row as object), [k]: v }) as X;
}

function fmt(x: number): string {
  return String(+x.toPrecision(4));
}

/**
 * Relative eigenvalue of the design's scaled Gram matrix JᵀJ (J = ∂f/∂θ over the rows) below which parameters count as
 * confounded by the design. Exact confounding (a constant D in Chinchilla) gives ≤ 1e-20 (the square of the gradients'
 * ~1e-10 relative error); the healthy Chinchilla sweeps of tests/fit/honest.test.ts stay above 1e-8 at every start.
 */
const CONFOUNDED = 1e-12;

/** Parameters (by index) whose effect ∂f/∂θ_j changes when input `k` of the first row changes: they act through k. */
function actingThrough<X>(model: Model<X>, row: X, k: string, theta: Float64Array): number[] {
  const p = model.params.length;
  const g0 = new Float64Array(p), g1 = new Float64Array(p);
  const v = field(row, k);
  gradientAt(model, theta, row, g0);
  gradientAt(model, theta, withField(row, k, v === 0 ? 1 : v * 1.5), g1);
  return model.params.map((_, j) => j).filter((j) => Math.abs(g1[j] - g0[j]) > 1e-6 * Math.max(Math.abs(g0[j]), Math.abs(g1[j])));
}

function gradientAt<X>(model: Model<X>, theta: Float64Array, x: X, g: Float64Array): number {
  return model.valueAndGradient ? model.valueAndGradient(theta, x, g) : centralDifferenceGradient(model, theta, x, g);
}

/** The rows with input k spread over 9 levels (×e^−0.5 … ×e^0.5 around each value): "what if k had varied?". */
function spread<X>(rows: readonly X[], k: string): X[] {
  return rows.map((r, i) => {
    const v = field(r, k), step = ((i % 9) - 4) / 8;
    return withField(r, k, v === 0 ? step : v * Math.exp(step));
  });
}

/**
 * Directions of θ that the rows cannot tell apart at `theta` (flat directions of the scaled Gram matrix JᵀJ), or null
 * when the law is not finite on these rows there.
 */
function confounded<X>(model: Model<X>, rows: readonly X[], theta: Float64Array): FlatDirection[] | null {
  const p = model.params.length;
  const gram = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const g = new Float64Array(p);
  for (const r of rows) {
    const f = gradientAt(model, theta, r, g);
    // Relative sensitivities: the rank does not change, and rows of very different size weigh alike.
    const s = Number.isFinite(f) && f !== 0 ? 1 / Math.abs(f) : 1;
    for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) gram[a][b] += g[a] * s * g[b] * s;
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[b][a] = gram[a][b];
  if (gram.some((r) => r.some((v) => !Number.isFinite(v)))) return null;
  return flatDirections(gram, CONFOUNDED);
}

/**
 * Refuses data that cannot determine the law, before fitting: all rows at one input point, fewer distinct input points
 * than parameters, or parameters confounded at every start given because an input takes too few values (e.g.
 * Chinchilla on a constant D: B and β act only through B/D^β, one number). The error names the input that does not vary enough, the parameters acting
 * through it and the fix. Borderline designs pass and get warnings after the fit.
 * @param rows the rows with weight > 0
 * @param thetas start points (natural units); the design is refused only when it confounds parameters at all of them
 * @throws FitError
 */
export function checkDesign<X>(fn: string, model: Model<X>, rows: readonly X[], thetas: readonly Float64Array[]): void {
  const keys = numericKeys(rows);
  if (keys.length === 0 || rows.length === 0) return;
  const p = model.params.length;
  const names = model.params.map((q) => q.name);
  // Distinct input points, counted up to p: only "one" and "fewer than p" matter.
  const seen = new Set<string>();
  for (const r of rows) {
    seen.add(keys.map((k) => field(r, k)).join(","));
    if (seen.size >= p) break;
  }
  const points = seen.size;
  const at = (r: X) => keys.map((k) => `${k} = ${short(field(r, k))}`).join(", ");
  if (points === 1 && p > 1) {
    throw new FitError(fn, `all ${rows.length} rows have the same inputs (${at(rows[0])}), so none of the ${p} parameters (${names.join(", ")}) can be determined`,
      "fit rows measured at different inputs");
  }
  if (points < p) {
    throw new FitError(fn, `the rows hold only ${points} distinct input points (${keys.join(", ")}) for ${p} parameters (${names.join(", ")})`,
      `add runs at other inputs, at least ${p} distinct points`);
  }
  let first: FlatDirection[] | null = null;
  for (const t of thetas) {
    const f = confounded(model, rows, t);
    if (!f || f.length === 0) return;
    first ??= f;
  }
  if (!first) return;
  const loaded = new Set(first.flatMap((d) => d.loadings.map((l, j) => (Math.abs(l) >= 0.2 ? j : -1)).filter((j) => j >= 0)));
  // The input to blame takes no more distinct values than there are parameters acting through it (a constant D, or two
  // D for B and β), and giving it more values removes the confounding. Confounding that remains is the law's own (a gauge
  // freedom, mixture weights that sum to 1): the fit goes ahead and its flat-direction warnings name the parameters.
  const distinct = (k: string) => [...new Set(rows.map((r) => field(r, k)))].sort((a, b) => a - b);
  const c = keys.map((k) => ({ k, values: distinct(k), through: actingThrough(model, rows[0], k, thetas[0]) }))
    .filter((x) => x.through.some((j) => loaded.has(j)) && x.values.length <= x.through.length)
    .sort((a, b) => a.values.length - b.values.length)
    .find((x) => confounded(model, spread(rows, x.k), thetas[0])?.length === 0);
  if (!c) return;
  const params = c.through.map((j) => names[j]).join(", ");
  const n = c.values.length;
  const shown = n <= 3 ? c.values.map(short).join(", ") : `${short(c.values[0])} … ${short(c.values[n - 1])}`;
  throw new FitError(fn, `${c.k} takes ${n} distinct value${n === 1 ? "" : "s"} (${shown}) but the law needs ${c.k} to vary ` +
    `${n === 1 ? "" : "over more values "}to determine ${params}`, `add runs at other ${c.k}, or hold ${params} at known values with the fit option fixed`);
}

/**
 * Design warnings after a fit (checkDesign refused the hopeless designs): inputs the law depends on that take one value
 * in every row (the law's dependence on them cannot be fitted).
 * @param theta the fitted parameters (natural units), used to ask whether the law depends on a constant input
 */
export function designWarnings<X>(model: Model<X>, rows: readonly X[], theta: ArrayLike<number>): string[] {
  const keys = numericKeys(rows);
  if (keys.length === 0) return [];
  const out: string[] = [];
  const constant = keys.filter((k) => rows.every((r) => field(r, k) === field(rows[0], k)));
  const used = constant.filter((k) => {
    const v = field(rows[0], k);
    const f0 = model.value(theta, rows[0]);
    const f1 = model.value(theta, withField(rows[0], k, v === 0 ? 1 : v * 1.5));
    return Number.isFinite(f0) && Number.isFinite(f1) && Math.abs(f1 - f0) > 1e-12 * Math.abs(f0);
  });
  for (const k of used) {
    out.push(`${k} = ${fmt(field(rows[0], k))} in every row: the law's dependence on ${k} cannot be determined from these data ` +
      `(parameters acting through ${k} are confounded)`);
  }
  return out;
}

/**
 * Log-transformed parameters (θ > 0, no explicit lower bound) that the fit drove towards 0 (θ < 1e-8) until they no
 * longer change any fitted value by 1e-8 relative: the data want θ ≤ 0 or do not determine it (e.g. E = 7.9e-20).
 */
export function limitWarnings<X>(model: Model<X>, rows: readonly X[], theta: ArrayLike<number>): { params: number[]; warnings: string[] } {
  const out: string[] = [];
  const params: number[] = [];
  const t = Array.from(theta);
  model.params.forEach((spec, j) => {
    // Tiny in absolute terms as well: a parameter of ordinary size can be irrelevant to these rows (A·N^−α with a
    // huge N) without having been driven anywhere.
    if (spec.transform !== "log" || spec.lower !== undefined || !(t[j] < 1e-8)) return;
    const zeroed = [...t];
    zeroed[j] = 0;
    let maxRel = 0;
    for (const r of rows) {
      const f = model.value(t, r), f0 = model.value(zeroed, r);
      const rel = Math.abs(f0 - f) / Math.abs(f);
      maxRel = Number.isFinite(rel) ? Math.max(maxRel, rel) : Infinity;
      if (maxRel > 1e-8) return;
    }
    params.push(j);
    out.push(`${spec.name} = ${t[j].toExponential(2)} was driven to its limit 0 and no longer affects the fit: the data want ` +
      `${spec.name} ≤ 0 or do not determine it; its SE and interval are not meaningful`);
  });
  return { params, warnings: out };
}

/**
 * The flat directions that mean "undetermined": not one already reported as a parameter at a bound or limit
 * (`edge`), and either no Hessian covariance at all or a parameter of the direction with an SE above its own size.
 * An ill-conditioned but determined fit keeps quiet: NIST's Bennett5 has a b1–b3 direction of relative curvature
 * 3e-10, yet its certified SEs are 12% and 2%.
 */
export function undeterminedDirections(flat: readonly FlatDirection[], theta: ArrayLike<number>, edge: ReadonlySet<number>,
  hessianSE: readonly number[] | null): FlatDirection[] {
  return flat.filter((d) => {
    const onEdge = d.loadings.reduce((s, l, j) => s + (edge.has(j) ? l * l : 0), 0);
    if (onEdge >= 0.5) return false;
    if (!hessianSE) return true;
    return d.loadings.some((l, j) => Math.abs(l) >= 0.2 && !(hessianSE[j] <= Math.abs(theta[j])));
  });
}

/**
 * One warning per flat direction, naming the parameters that span it by their eigenvector loadings
 * (|loading| ≥ 0.2, in optimiser coordinates: log θ for log-transformed parameters).
 */
export function flatDirectionWarnings(names: readonly string[], flat: readonly FlatDirection[]): string[] {
  return flat.map((d) => {
    const terms = d.loadings.map((l, j) => ({ l, name: names[j] })).filter((x) => Math.abs(x.l) >= 0.2)
      .sort((a, b) => Math.abs(b.l) - Math.abs(a.l));
    const combo = terms.map((x, i) => `${x.l < 0 ? (i ? " − " : "−") : i ? " + " : ""}${Math.abs(x.l).toFixed(2)}·${x.name}`).join("");
    return `the data do not determine ${terms.map((x) => x.name).join(", ")}: the objective is flat along ${combo} ` +
      `(relative curvature ${d.curvature.toExponential(1)}); their SEs and intervals are not meaningful`;
  });
}

/** Bootstrap distributions that collapse to a point: resampling rows never moves the parameter. */
export function bootstrapWarnings(names: readonly string[], params: Readonly<Record<string, number>>, b: BootstrapSummary): string[] {
  const collapsed = names.filter((n) => {
    const [lo, hi] = b.ci[n];
    return !(hi - lo > 1e-6 * Math.abs(params[n]));
  });
  if (collapsed.length === 0) return [];
  const used = b.samples.length;
  if (collapsed.length === names.length) {
    return [`all ${used} bootstrap resamples collapsed to the same point: resampling the rows cannot move the fit, ` +
      "so the intervals have zero width and say nothing about uncertainty (too few distinct rows?)"];
  }
  return collapsed.map((n) => `bootstrap interval of ${n} has zero width ([${fmt(b.ci[n][0])}, ${fmt(b.ci[n][1])}] over ${used} resamples): ` +
    `no resample moved ${n}, so the data do not determine it — it stays where the optimiser started`);
}
