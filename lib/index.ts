/**
 * scalinglab: scaling laws, fitting, allocation, hyperparameter transfer and data-mixing laws.
 * Flat re-exports grouped by topic; each topic's index lists its modules.
 */
// core: citations, typed errors, display protocol, progress and interrupts
export * from "./core";
// fitting engine: the `fit` namespace (Chinchilla's fit helpers stay flat until they move to lib/laws)
export * as fit from "./fit";
export type { FitResult } from "./fit/result";
export * from "./fit/chinchilla-fit";
export { chinchillaSensitivity, formatSensitivityText, type ChinchillaSensitivityRow } from "./fit/sensitivity";
// datasets registry and loaders
export * from "./data";
// loss laws, FLOP counting, compute-optimal allocation
export * from "./laws";
// hyperparameter transfer and training dynamics
export * as hparams from "./hparams";
// data-mixing laws
export * from "./mixing";
// display adapters and figures (kept apart from the math)
export * from "./display";
export * from "./plot";
