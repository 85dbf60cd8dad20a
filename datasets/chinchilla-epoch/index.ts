/** Dataset "chinchilla-epoch": registry entry (spec.ts, files.ts), parser and row types (parse.ts). */
import { defineDataset } from "../source";
import { CHINCHILLA_EPOCH_SPEC } from "./spec";
import { parseChinchillaEpoch } from "./parse";

export { CHINCHILLA_EPOCH_SPEC } from "./spec";
export type { ChinchillaEpochRow } from "./parse";

/** The "chinchilla-epoch" module of the registry. */
export const dataset = defineDataset({ spec: CHINCHILLA_EPOCH_SPEC, main: "points", parse: parseChinchillaEpoch });
