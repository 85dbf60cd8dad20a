/** Dataset "isoflops": registry entry (spec.ts, files.ts), parser and row types (parse.ts). */
import { defineDataset } from "../source";
import { ISOFLOPS_SPEC } from "./spec";
import { parseIsoFlops } from "./parse";

export { ISOFLOPS_SPEC } from "./spec";
export type { IsoFlopRow } from "./parse";

/** The "isoflops" module of the registry. */
export const dataset = defineDataset({ spec: ISOFLOPS_SPEC, main: "points", parse: parseIsoFlops });
