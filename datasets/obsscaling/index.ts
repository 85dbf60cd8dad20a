/** Dataset "obsscaling": registry entry (spec.ts, files.ts), parser and row types (parse.ts). */
import { defineDataset } from "../source";
import { OBSSCALING_SPEC } from "./spec";
import { parseObsScaling } from "./parse";

export { OBSSCALING_SPEC, OBS_SCALING_BENCHMARKS, obsScalingColumn } from "./spec";
export type { ObsScalingBenchmark } from "./spec";
export type { ObsScalingRow } from "./parse";

/** The "obsscaling" module of the registry. */
export const dataset = defineDataset({ spec: OBSSCALING_SPEC, main: "models", parse: parseObsScaling });
