/** Registry entry: 148 public base models with size, data, compute and 8 benchmark scores (Ruan et al. 2024). */
import { observationalCitation } from "../../lib/core/bibliography";
import { FILES } from "./files";
import type { ColumnSpec, DatasetSpec } from "../types";

/** Benchmark columns as named in the source CSV, in file order; values are accuracies in [0, 1]. */
export const OBS_SCALING_BENCHMARKS = ["MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K", "XWinograd", "HumanEval"] as const;
export type ObsScalingBenchmark = (typeof OBS_SCALING_BENCHMARKS)[number];

/** Row key of a benchmark: the source name with "-" replaced by "_" (e.g. "ARC_C"). */
export function obsScalingColumn(b: ObsScalingBenchmark): string {
  return b.replace(/-/g, "_");
}

const MISSING = new Set<string>(["ARC-C", "XWinograd", "HumanEval"]);

export const OBSSCALING_SPEC: DatasetSpec = {
  id: "obsscaling",
  title: "Observational scaling: 148 public base models, their size, data, compute and 8 benchmarks",
  summary:
    "Public base LLMs from many families with parameter count, pretraining tokens, training FLOPs (where known) " +
    "and accuracies on MMLU, ARC-C, HellaSwag, Winogrande, TruthfulQA, GSM8K, XWinograd and HumanEval. " +
    "Sizes are converted to base units: params, tokens, FLOP.",
  citation: { ...observationalCitation, where: "eval_results/base_llm_benchmark_eval.csv" },
  source: { repo: "ryoungj/ObsScaling", commit: "4d6e1e43fd2635d04654aa77d1df9d5266ea0382" },
  licence: { spdx: "Apache-2.0", statement: "Apache-2.0", bundled: false },
  files: FILES,
  tables: [
    {
      name: "models",
      description: "One row per model (148 rows, file order).",
      from: ["obsscaling/base_llm_benchmark_eval.csv"],
      columns: [
        { name: "model", type: "string", unit: null, description: "Hugging Face model id (`Model`)" },
        { name: "family", type: "string", unit: null, description: "model family (`Model Family`)" },
        { name: "N", type: "number", unit: "params", description: "parameters = `Model Size (B)` × 1e9" },
        { name: "D", type: "number", unit: "tokens", description: "pretraining tokens = `Pretraining Data Size (T)` × 1e12; null when unknown", nullable: true },
        { name: "C", type: "number", unit: "FLOP", description: "training compute = `FLOPs (1E21)` × 1e21 (the source's estimate, 6ND); null when unknown", nullable: true },
        ...OBS_SCALING_BENCHMARKS.map((b): ColumnSpec => ({
          name: obsScalingColumn(b), type: "number", unit: "fraction", description: `${b} accuracy in [0, 1] (\`${b}\`)${MISSING.has(b) ? "; null when not evaluated" : ""}`, ...(MISSING.has(b) ? { nullable: true } : {}),
        })),
      ],
    },
  ],
  lossRuns: false,
  notes: ["Benchmark accuracies, not losses: `loadLossRuns` does not apply.", "C and D are missing for 25 models (e.g. Qwen1.5-110B)."],
};
