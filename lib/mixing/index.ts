/**
 * The `mixing` namespace: data-mixing laws and procedures. Laws: `ye` (Ye et al. 2024; a group holding the Laws
 * for 2 and 3 domains plus the array form for any K), `bimix` (a Law). Documented groups of rules: `regmix`,
 * `doremi`, `qqt`, `nested`. Tools: `optimize` (best mixture under fitted laws), `compare` (every method on one
 * split), `select` / `split` (runs of the "mixinglaws" dataset), `spearman`, `project` (onto the bounded simplex).
 */
export { ye } from "./ye";
export { bimix } from "./bimix";
export { regmix } from "./regmix";
export { doremi } from "./doremi";
export { qqt } from "./data-filtering";
export { nested } from "./nested-pipeline";
export { optimizeMixture as optimize } from "./optimize-mixture";
export { compareMixingPredictors as compare } from "./compare";
export { selectRuns as select, everyKthSplit as split } from "./mixing-data";
export { spearmanRho as spearman } from "./rank-correlation";
export { projectOntoSimplex as project } from "./simplex";
export type { YeParam, YeParams, YeParamsLike, YeInputs, YePaperParams, YeFitOptions } from "./mixing-law";
export type { BimixParam, BimixInputs } from "./bimix";
export type { OptimalMixture, OptimizeMixtureOptions } from "./optimize-mixture";
export type { MixtureBounds } from "./simplex";
export type { MixingComparisonInput, MixingComparisonRow } from "./compare";
export type { MixingRunRow, MixingRunSelection, MixingRunData } from "./mixing-data";
export type { MixtureRegressor, LinearMixtureRegression } from "./mixture-regression";
export type { GradientBoostedTrees, GradientBoostingOptions } from "./gradient-boosting";
export type { RegMixSampleOptions, RegMixProposeOptions, RegMixProposal } from "./regmix";
export type { QqtParams } from "./data-filtering";
export type { DoremiOptions } from "./doremi";
export type { NestedPipelineRun, NestedPipelineOptions, NestedPipelineResult, SaturatingPowerFit } from "./nested-pipeline";
