/**
 * Bhagia et al. 2024 (OLMo model ladder): predict a task's accuracy in two steps: a Chinchilla-form law for the
 * task loss (bits-per-byte of the correct answer) in N and D, then a sigmoid from task loss to accuracy.
 * Form recalled from the paper: status "unverified".
 */
import type { Model } from "../fit/model";
import { chinchillaLoss, type ChinchillaParams } from "./chinchilla";
import { bhagiaCitation } from "../core/bibliography";
import { defineLaw, type ParamsLike } from "./law";
import { illustrativeConstants } from "./laws-internal";


/** Step 1: task loss L(N, D) = A/N^alpha + B/D^beta + E (bits per byte of the correct continuation): the Chinchilla form. */
export type BhagiaTaskLossParams = ChinchillaParams;

/** Step 2: Acc(L) = a / (1 + exp(−k·(L − L0))) + b. With k < 0, accuracy rises as the task loss falls. */
export interface BhagiaAccuracyParams {
  readonly a: number;
  readonly b: number;
  readonly k: number;
  readonly L0: number;
}


/**
 * Step 2 as a Model over task loss L (params a, b, k, L0), analytic gradient.
 * @example bhagiaAccuracyModel.value([0.75, 0.25, -5, 1], { L: 1 }) // => 0.625
 * @see bhagiaCitation
 */
export const bhagiaAccuracyModel: Model<{ L: number }, keyof BhagiaAccuracyParams> = {
  id: "bhagia-accuracy",
  params: [
    { name: "a", description: "height (max accuracy − floor)" },
    { name: "b", description: "floor (chance accuracy)" },
    { name: "k", description: "slope; < 0 so accuracy rises as loss falls" },
    { name: "L0", description: "midpoint task loss, bits per byte" },
  ],
  value: (th, { L }) => th[0] / (1 + Math.exp(-th[2] * (L - th[3]))) + th[1],
  valueAndGradient: (th, { L }, g) => {
    const s = 1 / (1 + Math.exp(-th[2] * (L - th[3])));
    const ds = s * (1 - s);
    g[0] = s;
    g[1] = 1;
    g[2] = th[0] * ds * (L - th[3]);
    g[3] = -th[0] * ds * th[2];
    return th[0] * s + th[1];
  },
};

/**
 * `laws.bhagia.taskLoss`: step 1 of the ladder, task loss A/N^alpha + B/D^beta + E (bits per byte of the correct
 * continuation), the Chinchilla form.
 * @example laws.bhagia.taskLoss.predict({ N: 1e9, D: 1e11 }, { A: 100, alpha: 0.3, B: 300, beta: 0.3, E: 0.5 }) // => 0.8498824015850697
 */
export const bhagiaTaskLoss = defineLaw({
  id: "bhagia-task-loss",
  api: "laws.bhagia.taskLoss",
  name: "Task loss, step 1 of the two-step task law (Bhagia 2024, OLMo ladder)",
  topic: "downstream",
  latex: "L(N,D) = \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}} + E",
  formula: "A / N^alpha + B / D^beta + E",
  inputs: { N: "parameters", D: "training tokens" },
  output: "task loss, bits per byte of the correct answer",
  params: [
    { name: "E", transform: "log" }, { name: "A", transform: "log" }, { name: "B", transform: "log" },
    { name: "alpha" }, { name: "beta" },
  ],
  published: { example: illustrativeConstants(bhagiaCitation, { A: 100, alpha: 0.3, B: 300, beta: 0.3, E: 0.5 }) },
  ranges: { N: [1.9e8, 1.3e10], D: [3.8e9, 5e12] },
  citation: bhagiaCitation,
  status: "unverified",
  predict: (x: { N: number; D: number }, p) => chinchillaLoss(p, x.N, x.D),
});

/**
 * `laws.bhagia.accuracy`: step 2, accuracy from task loss, a/(1 + exp(−k·(L − L0))) + b (k < 0: accuracy rises
 * as the task loss falls).
 * @example laws.bhagia.accuracy.predict({ L: 1 }, { a: 0.75, b: 0.25, k: -5, L0: 1 }) // => 0.625
 */
export const bhagiaAccuracy = defineLaw({
  id: "bhagia-accuracy",
  api: "laws.bhagia.accuracy",
  name: "Accuracy from task loss, step 2 of the two-step task law (Bhagia 2024)",
  topic: "downstream",
  latex: "\\mathrm{Acc}(L) = \\frac{a}{1 + e^{-k(L - L_0)}} + b",
  formula: "a / (1 + exp(-k * (L - L0))) + b",
  inputs: { L: "task loss, bits per byte" },
  output: "task accuracy",
  params: bhagiaAccuracyModel.params,
  published: { example: illustrativeConstants(bhagiaCitation, { a: 0.75, b: 0.25, k: -5, L0: 1 }) },
  ranges: { L: [0.3, 2] },
  citation: bhagiaCitation,
  status: "unverified",
  predict: (x: { L: number }, p) => p.a / (1 + Math.exp(-p.k * (x.L - p.L0))) + p.b,
  model: bhagiaAccuracyModel,
});

/**
 * Both steps chained: accuracy predicted for a model of N parameters trained on D tokens.
 * @example laws.bhagia.predictAccuracy({ N: 1e9, D: 1e11 }, { A: 100, alpha: 0.3, B: 300, beta: 0.3, E: 0.5 }, { a: 0.75, b: 0.25, k: -5, L0: 1 }) // => 0.7594801046532552
 * @see bhagiaCitation
 */
export function bhagiaPredictAccuracy(x: { N: number; D: number }, step1?: ParamsLike<keyof BhagiaTaskLossParams>,
  step2?: ParamsLike<keyof BhagiaAccuracyParams>): number {
  return bhagiaAccuracy.evaluate({ L: bhagiaTaskLoss.evaluate(x, step1) }, step2);
}

