/**
 * The public files of "obsscaling": path under the mirror layout (`local`), path in the source repository, sha256 and
 * size, transcribed from the byte-exact mirror's SOURCES.json. The files themselves are never committed.
 */
import type { SourceFile } from "../types";

export const FILES: readonly SourceFile[] = [
  { local: "obsscaling/base_llm_benchmark_eval.csv", path: "eval_results/base_llm_benchmark_eval.csv", sha256: "511996815735a4c46251dc585dcc525e370d148201f86561e6f927f9df2d0db8", bytes: 28155 },
];
