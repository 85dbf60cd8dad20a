/**
 * FitResult: what every fit returns. Plain data plus `toJSON()`; displayable as kind "fit-result" through
 * lib/core's renderer registry (lib/display draws the HTML table; the text fallback is below).
 *
 * Shape for renderers: `paramNames` gives the row order; per parameter `params[name]` (estimate),
 * `se[name]` and `ci[name]` = [lo, hi] (null when unavailable, e.g. a singular Hessian), `ciLevel`;
 * `uncertainty` says where SEs and intervals come from; `grid`, `diagnostics` and `method` describe the run.
 */
import { makeDisplayable } from "../core";
import type { Matrix } from "../numeric/linalg";
import type { StopReason } from "./lbfgs";
import type { FitObjectiveKind, Reduction, ResidualSpace } from "./objective";
import type { LocalOptimum } from "./multistart";
import type { BootstrapSummary } from "./bootstrap";

export type UncertaintySource = "bootstrap" | "hessian-inverse" | "hessian-least-squares" | "hessian-sandwich" | "none";

export interface FitMethod {
  readonly optimizer: "L-BFGS (strong Wolfe)";
  readonly objective: FitObjectiveKind;
  readonly delta: number;
  readonly space: ResidualSpace;
  readonly reduction: Reduction;
  readonly gtol: number;
  readonly ftol: number;
  readonly maxIterations: number;
  /** How gradients were obtained. */
  readonly gradients: "analytic" | "central differences";
}

export interface FitGridSummary {
  readonly starts: number;
  /** Starts that met a convergence criterion. */
  readonly converged: number;
  /** Number of distinct end points (local optima or stalls). */
  readonly distinctOptima: number;
  /** Best few distinct optima, best first (the first is the reported fit). */
  readonly optima: readonly LocalOptimum[];
  /** Index of the best start in the start list. */
  readonly best: number;
  /** Screening of the starts before polishing (see lib/fit/screen.ts), or null when every start ran to the full rules. */
  readonly screening: FitScreening | null;
}

/** How a multi-start was screened: `converged` and `optima` above count screened end points. */
export interface FitScreening {
  /** Relative function-change tolerance of the screening runs. */
  readonly ftol: number;
  /** Distinct best end points refined with the full stopping rules (the best fit is one of them). */
  readonly polished: number;
}

export interface FitDiagnostics {
  readonly n: number;
  /** Degrees of freedom n − p. */
  readonly dof: number;
  /** max |∂objective/∂u| at the optimum. */
  readonly gradientMaxAbs: number;
  /** Eigenvalues of the objective's Hessian (law parameters, optimiser coordinates), ascending. */
  readonly hessianEigenvalues: readonly number[];
  /** Condition number of that Hessian: large = poorly determined directions. */
  readonly conditionNumber: number;
  /**
   * Directions in which the objective is (nearly) flat at the optimum, each with its eigenvector loadings per
   * parameter (optimiser coordinates): the parameter combinations these data do not determine. Empty when healthy.
   */
  readonly flatDirections: readonly { readonly curvature: number; readonly loadings: Readonly<Record<string, number>> }[];
  /** Hessian-based SEs (natural units), whatever `uncertainty` reports. */
  readonly hessianSE: Readonly<Record<string, number>> | null;
  /** Fitted scale σ of the Huber likelihood. */
  readonly sigma?: number;
  /** Plain-language warnings (not converged, near a bound, singular Hessian, ...). */
  readonly warnings: readonly string[];
}

/**
 * The result of every fit. `P` is the union of parameter names, so `result.params` has the law's own
 * parameter type (e.g. `FitResult<"E" | "A" | "B" | "alpha" | "beta">` feeds `laws.chinchilla.optimal`).
 */
export interface FitResult<P extends string = string> {
  readonly kind: "fit-result";
  /** Model id, e.g. "chinchilla". */
  readonly model: string;
  readonly paramNames: readonly P[];
  /** Estimates in natural units. */
  readonly params: Readonly<Record<P, number>>;
  readonly se: Readonly<Record<P, number | null>>;
  /** Covariance in natural units, paramNames order (null when unavailable). */
  readonly covariance: Matrix | null;
  readonly ci: Readonly<Record<P, readonly [number, number] | null>>;
  readonly ciLevel: number;
  readonly uncertainty: UncertaintySource;
  readonly bootstrap: BootstrapSummary | null;
  /** Residuals in the objective's space (log y − log f by default), one per row. */
  readonly residuals: readonly number[];
  readonly fitted: readonly number[];
  readonly objective: number;
  readonly converged: boolean;
  readonly reason: StopReason;
  /** Plain-language stop reason. */
  readonly message: string;
  readonly iterations: number;
  readonly evaluations: number;
  readonly method: FitMethod;
  readonly grid: FitGridSummary;
  readonly diagnostics: FitDiagnostics;
  /** Every warning of the fit (same list as diagnostics.warnings): shown in its display and kept in its JSON. */
  readonly warnings: readonly string[];
  /** Range [min, max] of each numeric input column the fit saw, e.g. { N: [7e7, 1.6e10] }. */
  readonly dataRanges: Readonly<Record<string, readonly [number, number]>>;
  /** Parameters held fixed (option `fixed`), with their values. */
  readonly fixed?: Readonly<Record<string, number>>;
  toJSON(): Record<string, unknown>;
}

/** Formats a number with 4 significant digits (exponent form outside [1e-3, 1e5)). */
export function formatFitNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return x.toExponential(3);
  return String(+x.toPrecision(4));
}

/**
 * The text table of a fit: one row per parameter, "estimate (SE) [lo, hi]", then objective and convergence.
 */
export function formatFitResultText<P extends string>(r: FitResult<P>): string {
  const pct = Math.round(r.ciLevel * 100);
  const rows = r.paramNames.map((n) => {
    const ci = r.ci[n];
    return [n, formatFitNumber(r.params[n]), `(${formatFitNumber(r.se[n])})`, ci ? `[${formatFitNumber(ci[0])}, ${formatFitNumber(ci[1])}]` : "[—]"];
  });
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c].length), ["param", "estimate", "(SE)", `[${pct}% CI]`][c].length));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    `Fit of ${r.model}: ${r.method.objective}${r.method.objective !== "mse" ? ` δ=${r.method.delta}` : ""}, ${r.method.space} residuals, ${r.method.reduction}; n = ${r.diagnostics.n}`,
    line(["param", "estimate", "(SE)", `[${pct}% CI]`]),
    ...rows.map(line),
    `objective ${r.objective.toPrecision(6)} · ${r.converged ? "converged" : "NOT converged"} (${r.message}) after ${r.iterations} iterations`,
    `uncertainty: ${r.uncertainty}${r.bootstrap ? ` (${r.bootstrap.resamples} resamples of ${r.bootstrap.units} ${r.bootstrap.unit === "row" ? "rows" : `clusters by ${r.bootstrap.unit}`}, seed ${r.bootstrap.seed})` : ""} · starts ${r.grid.starts}, distinct optima ${r.grid.distinctOptima}, condition number ${formatFitNumber(r.diagnostics.conditionNumber)}`,
    ...(r.fixed ? [`fixed: ${Object.entries(r.fixed).map(([k, v]) => `${k} = ${formatFitNumber(v)}`).join(", ")} (not fitted)`] : []),
    ...r.warnings.map((w) => `warning: ${w}`),
  ].join("\n");
}

/** Attaches `toJSON` (summaries, no bootstrap samples) and the display hook to a fit result. */
export function finalizeFitResult<P extends string>(r: Omit<FitResult<P>, "toJSON">): FitResult<P> {
  const result = r as FitResult<P>;
  Object.defineProperty(result, "toJSON", {
    enumerable: false,
    value: () => {
      const { bootstrap, ...rest } = r;
      return {
        ...rest,
        bootstrap: bootstrap ? { ...bootstrap, samples: undefined } : null,
      };
    },
  });
  return makeDisplayable("fit-result", result, () => formatFitResultText(result));
}
