/** Dataset "steplaw": registry entry (spec.ts, files.ts), parser and row types (parse.ts). */
import { defineDataset } from "../source";
import { STEPLAW_SPEC } from "./spec";
import { parseStepLaw } from "./parse";

export { STEPLAW_SPEC, STEP_LAW_SEQ_LEN } from "./spec";
export type { StepLawDenseRow, StepLawBootstrapRow } from "./parse";

/** The "steplaw" module of the registry. */
export const dataset = defineDataset({ spec: STEPLAW_SPEC, main: "dense", parse: parseStepLaw });
