/**
 * Can these data determine this law? Checks that turn a silent "converged" into a plain-language warning (issue 11):
 * too few distinct input points or an input that never varies (before trusting the fit), flat directions of the
 * objective with the parameters that span them, parameters driven to the edge of their domain, and bootstrap
 * distributions that collapse to a point. Each returns warning strings for FitResult.warnings.
 */
import type { Model } from "./model";
import type { FlatDirection } from "./hessian";
import type { BootstrapSummary } from "./bootstrap";

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
 * Design checks: fewer distinct input points than parameters, and inputs the law depends on that take one value
 * in every row (e.g. a constant D: the law's D-dependence cannot be fitted).
 * @param theta the fitted parameters (natural units), used to ask whether the law depends on a constant input
 */
export function designWarnings<X>(model: Model<X>, rows: readonly X[], theta: ArrayLike<number>): string[] {
  const keys = numericKeys(rows);
  if (keys.length === 0) return [];
  const out: string[] = [];
  const p = model.params.length;
  const distinct = new Set(rows.map((r) => keys.map((k) => field(r, k)).join(","))).size;
  const constant = keys.filter((k) => rows.every((r) => field(r, k) === field(rows[0], k)));
  const used = constant.filter((k) => {
    const v = field(rows[0], k);
    const f0 = model.value(theta, rows[0]);
    const f1 = model.value(theta, withField(rows[0], k, v === 0 ? 1 : v * 1.5));
    return Number.isFinite(f0) && Number.isFinite(f1) && Math.abs(f1 - f0) > 1e-12 * Math.abs(f0);
  });
  if (distinct < p) {
    out.push(`only ${distinct} distinct input point${distinct === 1 ? "" : "s"} (${keys.join(", ")}) for ${p} parameters: ` +
      "the data cannot determine the law; the estimates reflect the start values, not the data");
  }
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
