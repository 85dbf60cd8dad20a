/**
 * Gadre et al. 2024: average top-1 error on downstream tasks as an exponential decay in C4 eval loss,
 * Err(L) = eps − k·exp(−gamma·L), fitted on six small/medium models (fit_ds) and extrapolated to 7B.
 */
import { assertFinite, assertPositive, defineLaw, DataError, InvalidInputError } from "../core";
import type { Model } from "../fit/model";
import { gadreCitation } from "./gadre-overtraining";

export interface GadreErrorParams {
  /** Error ceiling as the loss grows (≈ chance error). */
  readonly eps: number;
  /** Scale (> 0). */
  readonly k: number;
  /** Decay rate per nat (> 0). */
  readonly gamma: number;
}

/** The 46 downstream evaluations of the paper (FRIENDLY_CITATIONS in scaling/constants.py). */
export const GADRE_EVAL_TASKS: readonly string[] = [
  "agi_eval_lsat_ar", "agi_eval_lsat_rc", "agi_eval_lsat_lr", "agi_eval_sat_en", "arc_easy", "arc_challenge", "bbq",
  "bigbench_conceptual_combinations", "bigbench_conlang_translation", "bigbench_cs_algorithms", "bigbench_dyck_languages",
  "bigbench_elementary_math_qa", "bigbench_misconceptions", "bigbench_language_identification", "bigbench_logical_deduction",
  "bigbench_novel_concepts", "bigbench_operators", "bigbench_repeat_copy_logic", "bigbench_qa_wikidata",
  "bigbench_strange_stories", "bigbench_strategy_qa", "bigbench_understanding_fables", "boolq", "commonsense_qa", "copa",
  "coqa", "enterprise_pii_classification", "hellaswag", "hellaswag_zeroshot", "jeopardy", "lambada_openai", "logi_qa",
  "math_qa", "mmlu", "mmlu_zeroshot", "openbook_qa", "piqa", "pubmed_qa_labeled", "simple_arithmetic_nospaces",
  "simple_arithmetic_withspaces", "siqa", "squad", "winogender_mc_female", "winogender_mc_male", "winograd", "winogrande",
];

/** The 17-task subset whose average error is the paper's headline downstream metric (SUBSET in scaling/constants.py). */
export const GADRE_EVAL_SUBSET: readonly string[] = [
  "bigbench_operators", "pubmed_qa_labeled", "hellaswag_zeroshot", "boolq", "arc_easy", "coqa", "bigbench_dyck_languages",
  "lambada_openai", "bigbench_novel_concepts", "winograd", "bigbench_cs_algorithms", "commonsense_qa", "bigbench_qa_wikidata",
  "hellaswag", "copa", "squad", "piqa",
];

/**
 * Average top-1 error (1 − accuracy) over a task list, from one evaluation file's `eval_metrics.icl` accuracies.
 * @param icl task → accuracy in [0, 1] (evaluation_<name>_heavy.json, eval_metrics.icl)
 * @param tasks tasks to average, default the 17-task subset
 * @returns mean error in [0, 1]
 * @throws DataError naming a missing task
 * @example gadreAverageError({ a: 0.5, b: 0.7 }, ["a", "b"]) // => 0.4
 * @see gadreCitation
 */
export function gadreAverageError(icl: Readonly<Record<string, number>>, tasks: readonly string[] = GADRE_EVAL_SUBSET): number {
  const fn = "gadreAverageError";
  if (tasks.length === 0) throw new InvalidInputError(fn, "tasks is empty", "pass GADRE_EVAL_SUBSET or GADRE_EVAL_TASKS");
  let sum = 0;
  for (const t of tasks) {
    const acc = icl[t];
    if (typeof acc !== "number" || !Number.isFinite(acc)) throw new DataError(fn, `task "${t}" has no accuracy in this evaluation`);
    sum += 1 - acc;
  }
  return sum / tasks.length;
}

/**
 * Downstream error from loss, Err(L) = eps − k·exp(−gamma·L).
 * @param L C4 eval loss, nats/token
 * @param p eps, k > 0, gamma > 0
 * @returns average top-1 error
 * @throws InvalidInputError for non-finite L or invalid parameters
 * @example gadreErrorFromLoss(2.425, { eps: 0.857, k: 2.2065, gamma: 0.7146 }) // => 0.466957
 * @see gadreCitation
 */
export function gadreErrorFromLoss(L: number, p: GadreErrorParams): number {
  const fn = "gadreErrorFromLoss";
  assertFinite(fn, "L", L);
  assertFinite(fn, "params.eps", p.eps);
  assertPositive(fn, "params.k", p.k);
  assertPositive(fn, "params.gamma", p.gamma);
  return p.eps - p.k * Math.exp(-p.gamma * L);
}

/**
 * The loss→error law as a Model over the loss L (params eps, k, gamma; unconstrained, like the repo's curve_fit).
 * Analytic gradient.
 * @example gadreErrorModel.value([0.857, 2.2065, 0.7146], 2.425) // => 0.466957
 * @see gadreCitation
 */
export const gadreErrorModel: Model<number> = {
  id: "gadre-error",
  params: [
    { name: "eps", description: "error ceiling" },
    { name: "k", description: "scale" },
    { name: "gamma", description: "decay per nat" },
  ],
  value: (th, L) => th[0] - th[1] * Math.exp(-th[2] * L),
  valueAndGradient: (th, L, g) => {
    const e = Math.exp(-th[2] * L);
    g[0] = 1;
    g[1] = -e;
    g[2] = th[1] * L * e;
    return th[0] - th[1] * e;
  },
};

export const gadreDownstreamLaw = defineLaw({
  id: "gadre-downstream",
  name: "Loss → downstream error (Gadre 2024)",
  topic: "downstream",
  latex: "\\mathrm{Err}(L) = \\epsilon - k\\, e^{-\\gamma L}",
  formula: "eps - k * exp(-gamma * L)",
  variables: { L: "C4 eval loss, nats/token", Err: "average top-1 error over the 17-task subset (or 46 tasks)" },
  citation: gadreCitation,
  status: "confirmed",
  functions: ["gadreErrorFromLoss", "gadreAverageError", "gadreErrorModel", "fitGadreDownstream"],
});
