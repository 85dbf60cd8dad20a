/** Parser of ryoungj/ObsScaling eval_results/base_llm_benchmark_eval.csv, sizes converted to base units. */
import { OBS_SCALING_BENCHMARKS, obsScalingColumn } from "./spec";
import { range, type SourceReader } from "../source";

/** One public base model: size, data, compute and 8 benchmark accuracies in [0, 1] (null = not evaluated). */
export interface ObsScalingRow {
  /** Hugging Face model id. */
  readonly model: string;
  readonly family: string;
  /** Parameters (`Model Size (B)` × 1e9). */
  readonly N: number;
  /** Pretraining tokens (`Pretraining Data Size (T)` × 1e12), null when unknown. */
  readonly D: number | null;
  /** Training FLOP (`FLOPs (1E21)` × 1e21), null when unknown. */
  readonly C: number | null;
  readonly MMLU: number;
  readonly ARC_C: number | null;
  readonly HellaSwag: number;
  readonly Winograd: number;
  readonly TruthfulQA: number;
  readonly GSM8K: number;
  readonly XWinograd: number | null;
  readonly HumanEval: number | null;
}

export function parseObsScaling(src: SourceReader): { models: ObsScalingRow[] } {
  const t = src.csv("obsscaling/base_llm_benchmark_eval.csv");
  const scaled = (k: number, col: string, unit: number) => {
    const v = t.numOrNull(k, col);
    return v === null ? null : v * unit;
  };
  return {
    models: range(t.table.records.length).map((k) => {
      const row: Record<string, unknown> = {
        model: t.str(k, "Model"), family: t.str(k, "Model Family"), N: t.num(k, "Model Size (B)") * 1e9,
        D: scaled(k, "Pretraining Data Size (T)", 1e12), C: scaled(k, "FLOPs (1E21)", 1e21),
      };
      for (const b of OBS_SCALING_BENCHMARKS) row[obsScalingColumn(b)] = t.numOrNull(k, b);
      return row as unknown as ObsScalingRow;
    }),
  };
}
