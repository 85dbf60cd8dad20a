/**
 * scalinglab: scaling laws, fitting, allocation, hyperparameter transfer and data-mixing laws.
 * Flat re-exports grouped by topic; each topic's index lists its modules.
 */
// core: citations, typed errors, display protocol, progress and interrupts
export * from "./core";
// fitting engine
export * from "./fit";
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
