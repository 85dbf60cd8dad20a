/**
 * The Chinchilla sensitivity report (Li et al. 2025's "(Mis)Fitting" checklist) in one call:
 * `laws.chinchilla.sensitivity(data, options?)`. The generic report is lib/fit/sensitivity.ts.
 */
import { InvalidInputError } from "../core";
import { sensitivityReport, type SensitivityReport, type SensitivityVariant } from "../fit/sensitivity";
import { fitModel } from "../fit/fit";
import { chinchillaModel, type ChinchillaRow } from "./chinchilla";
import { chinchillaFitOptions, type ChinchillaFitOptions } from "./chinchilla-fit";

/** A Chinchilla observation with the optional alternative definitions the sensitivity report can switch to. */
export interface ChinchillaSensitivityRow {
  readonly N: number;
  /** Training tokens; when absent D = C/(6N). */
  readonly D?: number;
  /** Training FLOP as reported (e.g. Hoffmann's Appendix F count); with D also given, adds a "D = C/(6N)" variant. */
  readonly C?: number;
  /** Parameters without embeddings; adds an "N without embeddings" variant. */
  readonly NNonEmbedding?: number;
  readonly loss: number;
}

/**
 * The Chinchilla sensitivity report in one call: baseline Huber δ = 1e-3 (sum), then δ = 1e-4 and 1e-2, MSE on
 * log loss, mean reduction, the k worst-fitting points dropped, N without embeddings (when given), and D = C/(6N)
 * instead of the given D (when both are given). Public as `laws.chinchilla.sensitivity`.
 * @param data rows with N, loss and D and/or C (optionally NNonEmbedding)
 * @param options fit options for every variant, plus `dropWorst` (default 5)
 * @throws InvalidInputError when a row lacks both D and C
 */
export async function chinchillaSensitivity(data: readonly ChinchillaSensitivityRow[],
  options: ChinchillaFitOptions & { readonly dropWorst?: number } = {}): Promise<SensitivityReport> {
  const fn = "laws.chinchilla.sensitivity";
  const { dropWorst = 5, ...fitOptions } = options;
  if (!Array.isArray(data)) throw new InvalidInputError(fn, "data must be an array of rows { N, D and/or C, loss }");
  data.forEach((r, i) => {
    if (r?.D === undefined && r?.C === undefined) throw new InvalidInputError(fn, `row ${i} has neither D nor C`, "give tokens D or FLOP C per row");
  });
  const rows: ChinchillaRow[] = data.map((r) => ({ N: r.N, D: r.D ?? r.C! / (6 * r.N) }));
  const ys = data.map((r) => r.loss);
  const base = chinchillaFitOptions(fn, fitOptions);
  const baseline = await fitModel(chinchillaModel, rows, ys, base);
  const worst = new Set(baseline.residuals.map((r, i) => [Math.abs(r), i]).sort((a, b) => b[0] - a[0]).slice(0, dropWorst).map(([, i]) => i));
  const keep = (i: number) => !worst.has(i);
  const variants: SensitivityVariant<ChinchillaRow>[] = [
    { label: `baseline: huber δ=${base.delta ?? 1e-3}, ${base.reduction ?? "sum"}` },
    { label: "huber δ=1e-4", options: { delta: 1e-4 } },
    { label: "huber δ=1e-2", options: { delta: 1e-2 } },
    { label: "mse (log loss)", options: { objective: "mse" } },
    { label: "mean reduction", options: { reduction: "mean" } },
    { label: `drop ${dropWorst} worst points`, rows: rows.filter((_, i) => keep(i)), ys: ys.filter((_, i) => keep(i)) },
  ];
  if (data.every((r) => r.NNonEmbedding !== undefined)) {
    variants.push({ label: "N without embeddings", rows: data.map((r, i) => ({ N: r.NNonEmbedding!, D: rows[i].D })) });
  }
  if (data.every((r) => r.D !== undefined && r.C !== undefined)) {
    variants.push({ label: "D = C/(6N) from given FLOP", rows: data.map((r) => ({ N: r.N, D: r.C! / (6 * r.N) })) });
  }
  return sensitivityReport(chinchillaModel, rows, ys, variants, base);
}
