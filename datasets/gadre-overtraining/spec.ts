/** Registry entry: the over-training grid of Gadre et al. 2024 (104 models, 8 eval losses, 46 downstream tasks). */
import { gadreCitation } from "../../lib/core/bibliography";
import { FILES } from "./files";
import type { ColumnSpec, DatasetSpec } from "../types";

/**
 * The 8 evaluation sets of every model JSON, named by the folder of `val_data` (the de-en file by its stem),
 * in file order. "c4_val" is the C4 validation loss the paper's laws are fitted on.
 */
export const GADRE_EVAL_SETS = [
  "openlm", "c4_val", "paloma_c4_en", "paloma_dolma_100_programing_languages", "paloma_falcon-refinedweb",
  "paloma_ptb", "paloma_redpajama", "val_de-en_100",
] as const;
export type GadreEvalSet = (typeof GADRE_EVAL_SETS)[number];

/** Column name of an eval set's loss in the wide models table, e.g. "loss_paloma_falcon_refinedweb". */
export function gadreLossColumn(evalSet: GadreEvalSet): string {
  return `loss_${evalSet.replace(/-/g, "_")}`;
}

const runColumns: ColumnSpec[] = [
  { name: "name", type: "string", unit: null, description: "model name = file stem, e.g. \"rpj-d=576_l=24_h=8-0.5\"" },
  { name: "trainSet", type: "string", unit: null, description: "training set: \"rpj\" (RedPajama), \"c4_original\" (C4), \"rw_original\" (RefinedWeb) (`dataset_name`)" },
  { name: "N", type: "number", unit: "params", description: "total parameters including embeddings (`hyperparameters.params`)" },
  { name: "D", type: "number", unit: "tokens", description: "training tokens (`hyperparameters.tokens`)" },
  { name: "M", type: "number", unit: "tokens/param", description: "token multiplier D/N = 20 × chinchilla_multiplier" },
];

export const GADRE_OVERTRAINING_SPEC: DatasetSpec = {
  id: "gadre-overtraining",
  title: "Over-training grid: 104 OpenLM models, 8 eval losses and 46 downstream tasks each",
  summary:
    "104 decoder-only models trained on RedPajama, C4 or RefinedWeb at token multipliers M = D/N from 5 to 640, " +
    "one JSON per model with hyperparameters and 8 evaluation losses (with 95% CIs), one JSON per model with 46 " +
    "in-context-learning task accuracies, and the task metadata table.",
  citation: { ...gadreCitation, where: "exp_data/models/*.json, exp_data/evals/evaluation_*_heavy.json, exp_data/eval_metadata.csv" },
  source: { repo: "mlfoundations/scaling", commit: "a003c4913793ac2ae7ef87b28ecb562955d026d5" },
  licence: { spdx: "MIT", statement: "MIT", bundled: false },
  files: FILES,
  tables: [
    {
      name: "models",
      description: "One row per model (104), with the 8 eval losses as columns.",
      from: ["gadre-overtraining/models/"],
      columns: [
        ...runColumns,
        { name: "config", type: "string", unit: null, description: "architecture config, e.g. \"d=96_l=8_h=4\" or \"open_lm_1b\" (from `hyperparameters.model`)" },
        { name: "N_nonembedding", type: "number", unit: "params", description: "parameters without embeddings (`hyperparameters.params_no_embed`)" },
        { name: "C", type: "number", unit: "FLOP", description: "training compute C = 6·N·D (the paper's convention, N incl. embeddings)" },
        { name: "chinchillaMultiplier", type: "number", unit: null, description: "`hyperparameters.chinchilla_multiplier` (M / 20)" },
        { name: "lr", type: "number", unit: null, description: "peak learning rate (`hyperparameters.lr`)" },
        { name: "wd", type: "number", unit: null, description: "weight decay (`hyperparameters.wd`)" },
        { name: "warmup", type: "number", unit: "steps", description: "warm-up steps (`hyperparameters.warmup`)" },
        { name: "batchSequences", type: "number", unit: "sequences", description: "global batch size in sequences (`hyperparameters.global_bs`)" },
        ...GADRE_EVAL_SETS.map((s): ColumnSpec => ({
          name: gadreLossColumn(s), type: "number", unit: "nats/token", description: `final loss on the ${s} eval set (results[].loss)`,
        })),
      ],
    },
    {
      name: "losses",
      description: "One row per (model, eval set): 104 × 8 = 832 rows, with the token- and sequence-bootstrap 95% CIs.",
      from: ["gadre-overtraining/models/"],
      columns: [
        ...runColumns,
        { name: "evalSet", type: "string", unit: null, description: `eval set (${GADRE_EVAL_SETS.join(", ")})` },
        { name: "loss", type: "number", unit: "nats/token", description: "final loss on the eval set (`loss`)" },
        { name: "lossTokensLower95", type: "number", unit: "nats/token", description: "`loss_tokens_lower_95`" },
        { name: "lossTokensUpper95", type: "number", unit: "nats/token", description: "`loss_tokens_upper_95`" },
        { name: "lossSequencesLower95", type: "number", unit: "nats/token", description: "`loss_sequences_lower_95`" },
        { name: "lossSequencesUpper95", type: "number", unit: "nats/token", description: "`loss_sequences_upper_95`" },
        { name: "evalTokens", type: "number", unit: "tokens", description: "tokens evaluated (`tokens`)" },
      ],
    },
    {
      name: "downstream",
      description: "One row per (model, task): 104 × 46 = 4,784 in-context-learning accuracies.",
      from: ["gadre-overtraining/evals/", "gadre-overtraining/models/"],
      columns: [
        ...runColumns,
        { name: "task", type: "string", unit: null, description: "task id (key of `eval_metrics.icl`)" },
        { name: "accuracy", type: "number", unit: "fraction", description: "task accuracy in [0, 1] (`eval_metrics.icl[task]`)" },
      ],
    },
    {
      name: "tasks",
      description: "Task metadata (51 tasks; 46 of them are evaluated for every model).",
      from: ["gadre-overtraining/eval_metadata.csv"],
      columns: [
        { name: "task", type: "string", unit: null, description: "`Eval Task`" },
        { name: "category", type: "string", unit: null, description: "`Task Category`" },
        { name: "type", type: "string", unit: null, description: "`Task Type`" },
        { name: "shots", type: "number", unit: null, description: "in-context examples (`#shots`)" },
        { name: "datapoints", type: "number", unit: null, description: "test examples (`#datapoints`)" },
        { name: "randomBaseline", type: "number", unit: "percent", description: "chance accuracy in percent (`Random baseline`)" },
        { name: "description", type: "string", unit: null, description: "`Description`" },
      ],
    },
  ],
  lossRuns: true,
  notes: [
    "The `Centered Metric?` column of eval_metadata.csv is empty in the source and is not parsed.",
    "The model and eval JSONs are linked by file name (evaluation_<name>_heavy.json); the eval JSON's own `name` is a path.",
    "Batch size is stored in sequences; the sequence length is not in the files, so the normalised `batch` is null.",
  ],
};
