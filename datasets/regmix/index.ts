/** Dataset "regmix": registry entry (spec.ts, files.ts), parser and row types (parse.ts). */
import { defineDataset } from "../source";
import { REGMIX_SPEC } from "./spec";
import { parseRegMix } from "./parse";

export { REGMIX_SPEC, REGMIX_TRAIN_DOMAINS, REGMIX_EVAL_DOMAINS, REGMIX_SCALES } from "./spec";
export type { RegMixTrainDomain, RegMixEvalDomain } from "./spec";
export type { RegMixRow } from "./parse";

/** The "regmix" module of the registry. */
export const dataset = defineDataset({ spec: REGMIX_SPEC, main: "runs", parse: parseRegMix });
