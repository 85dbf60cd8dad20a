/**
 * The `fit` namespace: fit any Model to data with one call and get a FitResult (estimates, SEs, intervals,
 * diagnostics, warnings). `fit.model` runs multi-starts and bootstrap resamples on worker threads; `fit.modelSync`
 * runs on the calling thread. Options and their defaults: `fit.defaults` (see FitOptions). A law's own
 * `law.fit(rows, y, options)` calls the same engine. Internals (objective, L-BFGS, pool, screening) are imported
 * from their files by lib's own modules and are not part of this namespace.
 */
export { fitModel as model, fitModelSync as modelSync, checkModelGradient as checkGradient } from "./fit";
export { FIT_DEFAULTS as defaults } from "./options";
export { sensitivityReport as sensitivity } from "./sensitivity";
export type { FitOptions } from "./options";
export type { FitResult, FitDiagnostics, FitMethod, FitGridSummary, UncertaintySource } from "./result";
export type { Model, ParamSpec } from "./model";
export type { BootstrapSummary } from "./bootstrap";
export type { SensitivityReport, SensitivityVariant } from "./sensitivity";
