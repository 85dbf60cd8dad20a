/** Dataset "gadre-overtraining": registry entry (spec.ts, files.ts), parser and row types (parse.ts). */
import { defineDataset } from "../source";
import { GADRE_OVERTRAINING_SPEC } from "./spec";
import { parseGadreOvertraining } from "./parse";

export { GADRE_OVERTRAINING_SPEC, GADRE_EVAL_SETS, gadreLossColumn } from "./spec";
export type { GadreEvalSet } from "./spec";
export type { GadreRunKey, GadreLossColumn, GadreModelRow, GadreLossRow, GadreDownstreamRow, GadreTaskRow } from "./parse";

/** The "gadre-overtraining" module of the registry. */
export const dataset = defineDataset({ spec: GADRE_OVERTRAINING_SPEC, main: "models", parse: parseGadreOvertraining });
