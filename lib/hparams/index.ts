// μP: parametrization tables, abc-symmetry, attention scale; per-group table for a concrete transformer
export * from "./mup";
export * from "./mup-table";
// u-μP and μnit Scaling
export * from "./umup";
export * from "./munit";
// μScaling loss prediction across widths
export * from "./mu-scaling";
// optimal LR vs token horizon (Bjorck)
export * from "./lr-horizon";
// batch size: Zhang operational CBS, McCandlish noise scale, Su L(N,S,B), Time Transfer, Shuai
export * from "./critical-batch-zhang";
export * from "./noise-scale";
export * from "./su-trajectory";
export * from "./time-transfer";
export * from "./shuai-batch";
// compute/data-based LR and batch laws: DeepSeek, Step Law (+ refit from sweeps)
export * from "./deepseek";
export * from "./step-law";
export * from "./step-law-fit";
// schedules and the LR-annealing loss-curve law
export * from "./wsd";
export * from "./cosine";
export * from "./tissue";
// EMA and batch-size LR rules
export * from "./ema";
export * from "./batch-scaling";
// every applicable rule side by side
export * from "./recommend";
