// data-mixing laws: Ye et al. mixing law (+ aggregation, optimisation), RegMix, BiMix, data filtering (QQT), DoReMi
export * from "./citations";
export * from "./simplex";
export * from "./mixing-law";
export * from "./aggregate";
export * from "./optimize-mixture";
export * from "./rank-correlation";
export * from "./mixture-regression";
export * from "./gradient-boosting";
export * from "./regmix";
export * from "./mixing-data";
export * from "./bimix";
export * from "./data-filtering";
export * from "./doremi";
export * from "./nested-pipeline";
export * from "./compare";
