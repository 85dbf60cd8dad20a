/**
 * Gadre et al. 2024: average top-1 error on downstream tasks as an exponential decay in C4 eval loss,
 * Err(L) = eps − k·exp(−gamma·L), fitted on six small/medium models (fit_ds) and extrapolated to 7B.
 */
import { assertPositive, DataError, displayResult, InvalidInputError, type PublishedConstants } from "../core";
import type { Model } from "../fit/model";
import { fitModelSync } from "../fit/fit";
import type { FitResult } from "../fit/result";
import { defineLaw } from "./law";

import { gadreOvertrainingFitRuns, type GadreRun } from "./gadre-overtraining";
import { gadreCitation } from "../core/bibliography";

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
 * @example laws.gadre.averageError({ a: 0.5, b: 0.7 }, ["a", "b"]) // => 0.4
 * @see gadreCitation
 */
export function gadreAverageError(icl: Readonly<Record<string, number>>, tasks: readonly string[] = GADRE_EVAL_SUBSET): number {
  const fn = "laws.gadre.averageError";
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
 * Average top-1 error per run from the registry's "gadre-overtraining" downstream table (one row per model and task).
 * @param rows rows with name, task and accuracy columns (`(await loadDataset("gadre-overtraining")).tables.downstream.rows`)
 * @param tasks tasks to average, default the 17-task subset
 * @returns run name → average error
 * @throws DataError if a run lacks one of the tasks or a row is malformed
 * @example laws.gadre.averageErrors([{ name: "m", task: "a", accuracy: 0.5 }, { name: "m", task: "b", accuracy: 0.7 }], ["a", "b"]).m // => 0.4
 * @see gadreCitation
 */
export function gadreAverageErrors(rows: readonly object[], tasks: readonly string[] = GADRE_EVAL_SUBSET): Record<string, number> {
  const fn = "laws.gadre.averageErrors";
  const byRun = new Map<string, Record<string, number>>();
  (rows as readonly Readonly<Record<string, unknown>>[]).forEach((r, i) => {
    if (typeof r.name !== "string" || typeof r.task !== "string" || typeof r.accuracy !== "number") {
      throw new DataError(fn, `row ${i} needs name, task (strings) and accuracy (number)`, "pass the rows of the \"downstream\" table");
    }
    let icl = byRun.get(r.name);
    if (!icl) byRun.set(r.name, (icl = {}));
    icl[r.task] = r.accuracy;
  });
  return displayResult(`${fn}: average top-1 error over ${tasks.length} tasks, per run`,
    Object.fromEntries([...byRun].map(([name, icl]) => [name, gadreAverageError(icl, tasks)])));
}

/**
 * The loss→error law as a Model over the loss L (params eps, k, gamma; unconstrained, like the repo's curve_fit).
 * Analytic gradient.
 * @example gadreErrorModel.value([0.857, 2.2065, 0.7146], { L: 2.425 }) // => 0.466957
 * @see gadreCitation
 */
export const gadreErrorModel: Model<{ L: number }, keyof GadreErrorParams> = {
  id: "gadre-error",
  params: [
    { name: "eps", description: "error ceiling" },
    { name: "k", description: "scale" },
    { name: "gamma", description: "decay per nat" },
  ],
  value: (th, { L }) => th[0] - th[1] * Math.exp(-th[2] * L),
  valueAndGradient: (th, { L }, g) => {
    const e = Math.exp(-th[2] * L);
    g[0] = 1;
    g[1] = -e;
    g[2] = th[1] * L * e;
    return th[0] - th[1] * e;
  },
};

/** A fit of the loss → error law by the repository's procedure: the FitResult plus the runs it was fitted on. */
export type GadreDownstreamFit = FitResult<keyof GadreErrorParams> & {
  readonly trainSet: string;
  readonly valSet: string;
  readonly runs: readonly GadreRun[];
};

/**
 * Fits Err(L) with the repository's procedure (fit_ds): the five loss-fit runs plus the 1.4B model at M = 20,
 * least squares on the error, one start at eps = k = gamma = 1 (curve_fit's default p0).
 * @param runs all parsed runs
 * @param averageErrors run name → average top-1 error (gadreAverageError of its evaluation file)
 * @param options trainSet (default "rpj"), valSet (default "c4_val")
 * @returns the FitResult with trainSet, valSet and runs added. Public as `laws.gadre.error.fitRepository`.
 * @throws DataError if a run, its loss or its error is missing
 * @see gadreCitation
 */
export function fitGadreDownstream(
  runs: readonly GadreRun[],
  averageErrors: Readonly<Record<string, number>>,
  options: { trainSet?: string; valSet?: string } = {},
): GadreDownstreamFit {
  const fn = "laws.gadre.error.fitRepository";
  const trainSet = options.trainSet ?? "rpj";
  const valSet = options.valSet ?? "c4_val";
  const oneB = runs.find((r) => r.trainSet === trainSet && r.config === "open_lm_1b" && r.M === 20);
  if (!oneB) throw new DataError(fn, `no run ${trainSet}/open_lm_1b at M = 20`);
  const fitRuns = [...gadreOvertrainingFitRuns(runs, trainSet), oneB];
  const L = fitRuns.map((r) => {
    const y = r.losses[valSet];
    if (typeof y !== "number") throw new DataError(fn, `${r.name} has no "${valSet}" loss`);
    return y;
  });
  const err = fitRuns.map((r) => {
    const e = averageErrors[r.name];
    if (typeof e !== "number" || !Number.isFinite(e)) throw new DataError(fn, `no average error for ${r.name}`, "map every run name to gadreAverageError(its icl metrics)");
    return e;
  });
  const fit = fitModelSync(gadreErrorModel, L.map((x) => ({ L: x })), err, { objective: "mse", space: "linear", init: { eps: 1, k: 1, gamma: 1 }, ftol: 1e-15, gtol: 1e-12, maxIterations: 10000, workers: 0 });
  return Object.assign(fit, { trainSet, valSet, runs: fitRuns });
}

/** The RedPajama 17-task fit, recomputed from the public JSONs with the repository's fit_ds procedure. */
export const GADRE_ERROR_RPJ: PublishedConstants<GadreErrorParams> = {
  name: "Gadre et al. 2024, RedPajama, 17-task average (recomputed)",
  params: { eps: 0.8570, k: 2.2065, gamma: 0.7146 },
  status: "confirmed",
  citation: gadreCitation,
  note: "L = C4 eval loss (nats/token), Err = average top-1 error over the 17-task subset; recomputed from the public model and evaluation JSONs with scipy curve_fit as in fit_ds, rounded.",
};

/**
 * `laws.gadre.error`: average top-1 downstream error from C4 eval loss, Err(L) = eps − k·exp(−gamma·L).
 * @example laws.gadre.error.predict({ L: 2.425 }) // => 0.466957
 * @see gadreCitation
 */
export const gadreError = defineLaw({
  id: "gadre-downstream",
  api: "laws.gadre.error",
  name: "Loss → downstream error (Gadre 2024)",
  topic: "downstream",
  latex: "\\mathrm{Err}(L) = \\epsilon - k\\, e^{-\\gamma L}",
  formula: "eps - k * exp(-gamma * L)",
  inputs: { L: "C4 eval loss, nats/token" },
  output: "average top-1 error over the 17-task subset (or 46 tasks)",
  params: gadreErrorModel.params,
  published: { rpj: GADRE_ERROR_RPJ },
  ranges: { L: [2.2, 5] },
  citation: gadreCitation,
  predict: (x: { L: number }, p) => {
    assertPositive("laws.gadre.error.predict", "params.k", p.k);
    assertPositive("laws.gadre.error.predict", "params.gamma", p.gamma);
    return p.eps - p.k * Math.exp(-p.gamma * x.L);
  },
  model: gadreErrorModel,
}, {
  /** The repository's fit (fit_ds): five loss-fit runs plus the 1.4B model at M = 20, least squares on the error. */
  fitRepository: fitGadreDownstream,
});
