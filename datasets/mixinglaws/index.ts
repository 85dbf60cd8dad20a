/** Dataset "mixinglaws": registry entry (spec.ts, files.ts), parser and row types (parse.ts). */
import { defineDataset } from "../source";
import { MIXINGLAWS_SPEC } from "./spec";
import { parseMixingLaws } from "./parse";

export { MIXINGLAWS_SPEC, MIXING_LAWS_TRAIN_DOMAINS } from "./spec";
export { parseMixingLawCheckpoint } from "./parse";
export type { MixingLawCheckpoint, MixingLawRunRow } from "./parse";

/** The "mixinglaws" module of the registry. */
export const dataset = defineDataset({ spec: MIXINGLAWS_SPEC, main: "runs", parse: parseMixingLaws });
