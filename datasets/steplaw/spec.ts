/** Registry entry: the Step Law dense LR × batch-size sweep and its bootstrap fits (Li et al. 2025). */
import { FILES } from "./files";

import { type DatasetSpec, noLicenceFile } from "../types";
import { stepLawCitation } from "../../lib/core/bibliography";


/** Sequence length of the Step Law runs: batch in tokens = bs × 2048 (step-law/steplaw code/fit_tool.py). */
export const STEP_LAW_SEQ_LEN = 2048;

export const STEPLAW_SPEC: DatasetSpec = {
  id: "steplaw",
  title: "Step Law: dense LR × batch-size sweep and bootstrap fits",
  summary:
    "1,911 dense pre-training runs over a grid of peak learning rate and batch size at 15 data sizes " +
    "(D = 4e9…1e11 tokens), with final and smoothed loss; plus 1,000 bootstrap refits of the Step Law " +
    "(ln η on ln N, ln D; ln B on ln D).",
  citation: {
    ...stepLawCitation,
    where: "data/dense_lr_bs_loss.csv, data/1004_fitted_lr_bs_scaling_model_parameters.csv",
  },
  source: { repo: "step-law/steplaw", commit: "32a8f4cc50247695fb56cc6c9117abdf67c97763" },
  licence: noLicenceFile("no LICENSE file in the repository: load by URL with citation, do not bundle"),
  files: FILES,
  tables: [
    {
      name: "dense",
      description: "One row per dense training run (1,911 rows, file order).",
      from: ["steplaw/dense_lr_bs_loss.csv"],
      columns: [
        { name: "N", type: "number", unit: "params", description: "non-embedding parameters, numl·h·(4h + 3·ffnh) (MHA + SwiGLU; `N`)" },
        { name: "D", type: "number", unit: "tokens", description: "training tokens (`D`)" },
        { name: "lr", type: "number", unit: null, description: "peak learning rate (`lr`); min LR 1e-5 per the run names" },
        { name: "bs", type: "number", unit: "sequences", description: "batch size in sequences of 2048 tokens (`bs`)" },
        { name: "batchTokens", type: "number", unit: "tokens", description: "batch size in tokens, bs × 2048" },
        { name: "steps", type: "number", unit: "steps", description: "training iterations (`ti`); bs·2048·steps ≈ D" },
        { name: "loss", type: "number", unit: "nats/token", description: "final loss as released (`loss`; split not stated by the source)" },
        { name: "smoothLoss", type: "number", unit: "nats/token", description: "smoothed final loss (`smooth loss`), used by the paper to pick optima" },
        { name: "tokensPerParam", type: "number", unit: "tokens/param", description: "D / N (`D/N`)" },
        { name: "h", type: "number", unit: null, description: "hidden size (`h`)" },
        { name: "ffnh", type: "number", unit: null, description: "FFN hidden size (`ffnh`)" },
        { name: "numh", type: "number", unit: null, description: "attention heads (`numh`)" },
        { name: "numl", type: "number", unit: null, description: "layers (`numl`)" },
        { name: "expName", type: "string", unit: null, description: "experiment name (`exp_name`)" },
      ],
    },
    {
      name: "bootstrap",
      description: "1,000 bootstrap refits of the Step Law by natural-log linear regression (file order).",
      from: ["steplaw/1004_fitted_lr_bs_scaling_model_parameters.csv"],
      columns: [
        { name: "lr_intercept", type: "number", unit: null, description: "ln η intercept; η* = exp(lr_intercept)·N^lr_coefN·D^lr_coefD" },
        { name: "lr_coefN", type: "number", unit: null, description: "exponent of N (non-embedding params) in η*" },
        { name: "lr_coefD", type: "number", unit: null, description: "exponent of D (tokens) in η*" },
        { name: "bs_intercept", type: "number", unit: null, description: "ln B intercept; B* (tokens) = exp(bs_intercept)·D^bs_coefD" },
        { name: "bs_coefD", type: "number", unit: null, description: "exponent of D (tokens) in B*" },
      ],
    },
  ],
  lossRuns: true,
  notes: [
    "N is non-embedding; total parameters are not in the file (normalised runs carry N = null, N_nonembedding = N).",
    "The paper reports ~3,700 runs; this release has 1,911 dense runs.",
    "Whether `loss` is training or validation loss is not stated in the file.",
  ],
};
