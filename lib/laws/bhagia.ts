/**
 * Bhagia et al. 2024 (OLMo model ladder): predict a task's accuracy in two steps: a Chinchilla-form law for the
 * task loss (bits-per-byte of the correct answer) in N and D, then a sigmoid from task loss to accuracy.
 * Form recalled from the paper: status "unverified".
 */
import { assertFinite, assertPositive, defineCard, type Citation } from "../core";

import type { Model } from "../fit/model";
import { chinchillaLoss, type ChinchillaParams } from "./chinchilla";
import { bhagiaCitation } from "../core/bibliography";


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
 * Step 1 of the ladder: task loss A/N^alpha + B/D^beta + E.
 * @param N parameters (> 0)
 * @param D training tokens (> 0)
 * @param p step-1 parameters
 * @returns task loss, bits per byte
 * @throws InvalidInputError for non-positive inputs
 * @example bhagiaTaskLoss(1e9, 1e11, { A: 100, alpha: 0.3, B: 300, beta: 0.3, E: 0.5 }) // => 0.8498824015850697
 * @see bhagiaCitation
 */
export function bhagiaTaskLoss(N: number, D: number, p: BhagiaTaskLossParams): number {
  assertPositive("bhagiaTaskLoss", "N", N);
  assertPositive("bhagiaTaskLoss", "D", D);
  return chinchillaLoss(p, N, D);
}

/**
 * Step 2 of the ladder: accuracy from task loss, a/(1 + exp(−k·(L − L0))) + b.
 * @param L task loss, bits per byte
 * @param p a (height), b (floor), k (slope; negative so accuracy falls with loss), L0 (midpoint)
 * @returns accuracy in [b, a + b]
 * @throws InvalidInputError for non-finite inputs
 * @example bhagiaAccuracyFromTaskLoss(1, { a: 0.75, b: 0.25, k: -5, L0: 1 }) // => 0.625
 * @see bhagiaCitation
 */
export function bhagiaAccuracyFromTaskLoss(L: number, p: BhagiaAccuracyParams): number {
  const fn = "bhagiaAccuracyFromTaskLoss";
  assertFinite(fn, "L", L);
  for (const k of ["a", "b", "k", "L0"] as const) assertFinite(fn, `params.${k}`, p[k]);
  return p.a / (1 + Math.exp(-p.k * (L - p.L0))) + p.b;
}

/**
 * Both steps chained: accuracy predicted for a model of N parameters trained on D tokens.
 * @example bhagiaPredictAccuracy(1e9, 1e11, { A: 100, alpha: 0.3, B: 300, beta: 0.3, E: 0.5 }, { a: 0.75, b: 0.25, k: -5, L0: 1 }) // => 0.7594801046532552
 * @see bhagiaCitation
 */
export function bhagiaPredictAccuracy(N: number, D: number, step1: BhagiaTaskLossParams, step2: BhagiaAccuracyParams): number {
  return bhagiaAccuracyFromTaskLoss(bhagiaTaskLoss(N, D, step1), step2);
}

/**
 * Step 2 as a Model over task loss L (params a, b, k, L0), analytic gradient.
 * @example bhagiaAccuracyModel.value([0.75, 0.25, -5, 1], 1) // => 0.625
 * @see bhagiaCitation
 */
export const bhagiaAccuracyModel: Model<number> = {
  id: "bhagia-accuracy",
  params: [
    { name: "a", description: "height (max accuracy − floor)" },
    { name: "b", description: "floor (chance accuracy)" },
    { name: "k", description: "slope; < 0 so accuracy rises as loss falls" },
    { name: "L0", description: "midpoint task loss, bits per byte" },
  ],
  value: (th, L) => th[0] / (1 + Math.exp(-th[2] * (L - th[3]))) + th[1],
  valueAndGradient: (th, L, g) => {
    const s = 1 / (1 + Math.exp(-th[2] * (L - th[3])));
    const ds = s * (1 - s);
    g[0] = s;
    g[1] = 1;
    g[2] = th[0] * ds * (L - th[3]);
    g[3] = -th[0] * ds * th[2];
    return th[0] * s + th[1];
  },
};

export const bhagiaLaw = defineCard({
  id: "bhagia-two-step",
  name: "Two-step task scaling law (Bhagia 2024, OLMo ladder)",
  topic: "downstream",
  latex: "L(N,D) = \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}} + E,\\quad \\mathrm{Acc}(L) = \\frac{a}{1 + e^{-k(L - L_0)}} + b",
  formula: "L = A/N^alpha + B/D^beta + E; Acc = a/(1 + exp(-k*(L - L0))) + b",
  variables: { N: "parameters", D: "training tokens", L: "task loss, bits per byte of the correct answer", Acc: "task accuracy" },
  citation: bhagiaCitation,
  status: "unverified",
  api: "bhagiaTaskLoss",
});
