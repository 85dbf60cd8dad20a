/**
 * Sensitivity of a fit to the fitting choices the (Mis)Fitting survey (Li et al. 2025, arXiv 2502.18969) says to
 * report: loss and δ, reduction, outliers, the definition of N and of C. One call refits every variant and
 * tabulates parameters, objective, convergence and the conditioning (Hessian condition number) at each optimum.
 * The Chinchilla report with the survey's standard variants is `laws.chinchilla.sensitivity` (lib/laws/chinchilla-sensitivity.ts).
 */
import { InvalidInputError, makeDisplayable } from "../core";
import type { Model } from "./model";
import type { FitOptions } from "./options";
import { fitModel } from "./fit";
import { formatFitNumber, type FitResult } from "./result";

/** One refit: a label, and what changes relative to the baseline (rows, observations, options). */
export interface SensitivityVariant<X> {
  readonly label: string;
  readonly rows?: readonly X[];
  readonly ys?: ArrayLike<number>;
  readonly options?: FitOptions;
}

export interface SensitivityRow {
  readonly label: string;
  readonly params: Readonly<Record<string, number>>;
  readonly objective: number;
  readonly converged: boolean;
  readonly reason: string;
  readonly conditionNumber: number;
  readonly n: number;
}

export interface SensitivityReport {
  readonly kind: "sensitivity-report";
  readonly model: string;
  readonly paramNames: readonly string[];
  /** First row is the baseline. */
  readonly rows: readonly SensitivityRow[];
  /** Per parameter: min, max and (max − min)/|baseline| over the variants. */
  readonly spread: Readonly<Record<string, { readonly min: number; readonly max: number; readonly relativeRange: number }>>;
  /** The full fit of every variant, same order as `rows`. */
  readonly fits: readonly FitResult[];
}

/** Text table of a sensitivity report (the display fallback). */
export function formatSensitivityText(r: SensitivityReport): string {
  const head = ["variant", ...r.paramNames, "objective", "converged", "cond(H)", "n"];
  const body = r.rows.map((row) => [row.label, ...r.paramNames.map((p) => formatFitNumber(row.params[p])),
    formatFitNumber(row.objective), row.converged ? "yes" : `no (${row.reason})`, formatFitNumber(row.conditionNumber), String(row.n)]);
  const spread = ["relative range", ...r.paramNames.map((p) => formatFitNumber(r.spread[p].relativeRange)), "", "", "", ""];
  const all = [head, ...body, spread];
  const w = head.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  return [`Sensitivity of the ${r.model} fit`, ...all.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(w[c]) : cell.padStart(w[c]))).join("  "))].join("\n");
}

/**
 * Refits `model` under each variant (the first is the baseline) and tabulates the spread.
 * @param model the law
 * @param rows baseline rows
 * @param ys baseline observations
 * @param variants labelled changes; an empty variant is the baseline
 * @param baseOptions options every variant starts from
 * @returns a displayable SensitivityReport
 */
export async function sensitivityReport<X>(model: Model<X>, rows: readonly X[], ys: ArrayLike<number>,
  variants: readonly SensitivityVariant<X>[], baseOptions: FitOptions = {}): Promise<SensitivityReport> {
  if (variants.length === 0) throw new InvalidInputError("sensitivityReport", "give at least one variant (the first is the baseline)");
  const fits: FitResult[] = [];
  for (const v of variants) {
    fits.push(await fitModel(model, v.rows ?? rows, v.ys ?? ys, { ...baseOptions, ...v.options }));
  }
  const names = fits[0].paramNames;
  const spread = Object.fromEntries(names.map((p) => {
    const vals = fits.map((f) => f.params[p]);
    const min = Math.min(...vals), max = Math.max(...vals);
    return [p, { min, max, relativeRange: (max - min) / Math.abs(fits[0].params[p]) }];
  }));
  const report: SensitivityReport = {
    kind: "sensitivity-report", model: model.id, paramNames: names, spread, fits,
    rows: fits.map((f, i) => ({
      label: variants[i].label, params: f.params, objective: f.objective, converged: f.converged, reason: f.reason,
      conditionNumber: f.diagnostics.conditionNumber, n: f.diagnostics.n,
    })),
  };
  Object.defineProperty(report, "toJSON", { enumerable: false, value: () => ({ ...report, fits: undefined }) });
  return makeDisplayable("sensitivity-report", report, () => formatSensitivityText(report));
}
