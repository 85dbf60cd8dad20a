// datasets registry (datasets/), loaders, parsers and the normalised loss schema
export * from "../../datasets";
export * from "./csv";
export * from "./fetch";
export * from "./dataframe";
export * from "./table";
export * from "./load";
export * from "./registry";
export * from "./loss-runs";
export type { ChinchillaEpochRow } from "./parsers/chinchilla-epoch";
export type { GadreRunKey, GadreLossColumn, GadreModelRow, GadreLossRow, GadreDownstreamRow, GadreTaskRow } from "./parsers/gadre-overtraining";
export type { StepLawDenseRow, StepLawBootstrapRow } from "./parsers/steplaw";
export type { RegMixRow } from "./parsers/regmix";
export { parseMixingLawCheckpoint, type MixingLawCheckpoint, type MixingLawRunRow } from "./parsers/mixinglaws";
export type { ObsScalingRow } from "./parsers/obsscaling";
export type { IsoFlopRow } from "./parsers/isoflops";
