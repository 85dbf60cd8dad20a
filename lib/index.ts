/**
 * scalinglab: scaling laws, fitting, allocation, hyperparameter transfer and data-mixing laws.
 * Flat re-exports grouped by topic; each topic's index lists its modules.
 */
// core: citations, typed errors, display protocol, progress and interrupts
export * from "./core";
// fitting engine
export * from "./fit";
// datasets registry and loaders: the `data` namespace, plus loadDataset at top level
export * as data from "./data";
export { loadDataset } from "./data/load";
// loss laws, FLOP counting, compute-optimal allocation
export * from "./laws";
// hyperparameter transfer and training dynamics
export * from "./hparams";
// data-mixing laws: the `mixing` namespace
export * as mixing from "./mixing";
// display adapters and figures (kept apart from the math)
export * from "./display";
export * from "./plot";
