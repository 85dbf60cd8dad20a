/**
 * The `fit` namespace: fit any Model to data with one call and get a FitResult (estimates, SEs, intervals,
 * diagnostics, warnings). `fit.model` runs multi-starts and bootstrap resamples on worker threads; `fit.modelSync`
 * runs on the calling thread. Options and their defaults: `fit.defaults` (see FitOptions). A law's own
 * `law.fit(rows, y, options)` calls the same engine. Internals (objective, L-BFGS, pool, screening) are imported
 * from their files by lib's own modules and are not part of this namespace.
 * A design that cannot determine the law (identical rows, an input the law needs to vary that takes too few values) is
 * refused before fitting with a `fit.FitError` naming the input, the parameters and the fix. Every fit's `warnings`
 * flag the borderline cases (a constant input, flat directions of the objective with the parameters that span them,
 * parameters driven to a limit, collapsed bootstrap).
 * @example fit.modelSync({ id: "doc-ns", params: [{ name: "k" }], value: (t, x: number) => t[0] * x }, [1, 2, 3], [2, 4, 6], { init: [1], objective: "mse", space: "linear" }).params.k.toFixed(6) // => "2.000000"
 * @example fit.defaults.delta // => 0.001
 */
export { fitModel as model, fitModelSync as modelSync, checkModelGradient as checkGradient } from "./fit";
export { FIT_DEFAULTS as defaults } from "./options";
export { FitError } from "../core/errors";
export { sensitivityReport as sensitivity } from "./sensitivity";
export type { FitOptions } from "./options";
export type { FitResult, FitDiagnostics, FitMethod, FitGridSummary, UncertaintySource } from "./result";
export type { Model, ParamSpec } from "./model";
export type { BootstrapSummary } from "./bootstrap";
export type { SensitivityReport, SensitivityVariant } from "./sensitivity";
