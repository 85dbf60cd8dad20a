/**
 * The library's internal entry (`scalinglab/internal` in package.json's exports): what the kernel, the command
 * line and the benches need beyond the notebook scope — the host contract (runtime hooks, progress events), the
 * check record's mime type, the fitting pieces the `fit` command drives, and the shape of the API docs the build
 * writes for `help()`. Users never see these names.
 */
export {
  runtimeHooks, type ProgressEvent, type RuntimeHooks, type Comm, type CommHost, type CommMessage, type OutputItem, type OutputSink,
  type DisplayTarget,
} from "./core/runtime";
export { CHECK_MIME, type CheckRecord } from "./core/check";
export { DataError, InputNotAllowedError, InterruptedError, InvalidInputError, ScalingLabError } from "./core/errors";
export { formatFitResultText } from "./fit/result";
export { listLaws } from "./core/law";
export { extrapolations, formatFactor } from "./laws/guards";
export { shortNumber } from "./core/errors";
export type { Law } from "./laws/law";
export type { FitResult } from "./fit/result";
export { chinchilla } from "./laws/chinchilla-law";
export type { ChinchillaFitOptions } from "./laws/chinchilla-fit";
export { parseCsv } from "./data/csv";
export { read as readRuns } from "./data/read";
export type { ApiDocEntry } from "./display/help";
export { plan, type PlanSpec } from "./plan";
export { planHtml, planText } from "./plan/display";
export { plotlyDrawHtml, plotlyScript, type PlotlySpec } from "./plot/plotly";
