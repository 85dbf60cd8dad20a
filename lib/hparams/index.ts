/**
 * The `hparams` namespace: hyperparameter laws and rules — learning rate and batch size vs scale, width transfer
 * (μP and relatives), critical batch size, schedules and the loss-curve law under annealing, and `recommend`.
 * Laws (`defineLaw`: predict, fit, card) are `stepLaw.lr`, `stepLaw.batch`, `deepseek.lr`, `deepseek.batch`,
 * `muScaling`, `tissue`, `criticalBatch.zhang`; the rest are documented groups of functions with a card.
 */
export { stepLaw } from "./step-law-group";
export { deepseek } from "./deepseek";
export { mup } from "./mup-group";
export { umup } from "./umup";
export { munit } from "./munit";
export { muScaling } from "./mu-scaling";
export { bjorck } from "./lr-horizon";
export { criticalBatch } from "./critical-batch";
export { schedules } from "./schedules";
export { tissue } from "./tissue";
export { ema } from "./ema";
export { batchScaling } from "./batch-scaling";
export { recommendHyperparameters as recommend } from "./recommend";

export type { StepLawConstants, StepLawParam, StepLawBootstrapFit, StepLawBand } from "./step-law";
export type { StepLawRun, StepLawFit, StepLawFitOptions, StepLawGroup, StepLawLandscape, StepLawGroupCheck } from "./step-law-fit";
export type { DeepseekHparamConstants, DeepseekAllocationConstants } from "./deepseek";
export type { MupLayerKind, MupOptimizer, MupForm, MupTableColumn, MupTableEntry, MupRule, WidthMonomial, AbcParametrization } from "./mup";
export type { MupArchitecture, MupBase, MupGroupRow } from "./mup-table";
export type { MupMlp, MupMlpSpec, MupMlpLayer, MupMlpTensor, MupTrainResult, MupTeacher } from "./mup-mlp";
export type { UmupAdamParamKind, UmupSgdParamKind } from "./umup";
export type { MunitParamKind, MunitRule } from "./munit";
export type { MuScalingFit, MuScalingHeldOut } from "./mu-scaling";
export type { ZhangStepsRow, ZhangStepsFit } from "./critical-batch-zhang";
export type { SuConstants } from "./su-trajectory";
export type { TimeTransferRegime } from "./time-transfer";
export type { CooldownShape, WsdOptions } from "./wsd";
export type { CosineOptions } from "./cosine";
export type { TissueConstants, TissueFit, AnnealingAreaOptions } from "./tissue";
export type { AdamScaled } from "./batch-scaling";
export type { ParamConvention } from "./param-convention";
export type { RecommendInput, HparamRecommendation, HparamRecommendations } from "./recommend";
