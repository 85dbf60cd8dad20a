/**
 * μScaling loss prediction (Yao & Wang 2023, "Research without Re-search"): with μP and hyperparameters fixed on a
 * small proxy, the loss at a fixed step is a power law in model size, L(N) = a·N^b + c (b < 0, N in millions),
 * so small widths predict the loss of wider models without any search at large scale.
 */
import { assertPositive, defineCard, InsufficientDataError, InvalidInputError, makeDisplayable, type Citation } from "../core";

import { registerFitModel, type Model } from "../fit/model";

import { linearRegression } from "../numeric/regression";
import { minimizeOnInterval } from "../numeric/minimize1d";
import { muScalingCitation } from "../core/bibliography";



/** The public GPT-2 μP width sweep of cofe-ai/Mu-scaling (training loss at step 20k; N in millions). */
export const MU_SCALING_GPT2_SWEEP: readonly { readonly width: number; readonly nMillions: number; readonly loss: number }[] = [
  { width: 128, nMillions: 8.53, loss: 3.9181 },
  { width: 256, nMillions: 21.56, loss: 3.6054 },
  { width: 384, nMillions: 39.09, loss: 3.4431 },
  { width: 512, nMillions: 61.12, loss: 3.3542 },
  { width: 640, nMillions: 87.65, loss: 3.2902 },
  { width: 768, nMillions: 118.68, loss: 3.2478 },
  { width: 896, nMillions: 154.21, loss: 3.224 },
  { width: 1024, nMillions: 194.24, loss: 3.1797 },
  { width: 2048, nMillions: 676.48, loss: 3.0854 },
  { width: 3072, nMillions: 1446.72, loss: 3.0425 },
];

/**
 * L(N) = a·N^b + c.
 * @param p.nMillions parameters in millions (> 0); p.a, p.b, p.c the constants
 * @returns the loss at the fixed step
 * @throws InvalidInputError for nMillions ≤ 0 or non-finite constants
 * @example muScalingLoss({ nMillions: 100, a: 1, b: -0.5, c: 3 }) // => 3.1
 * @see muScalingCitation
 */
export function muScalingLoss(p: { nMillions: number; a: number; b: number; c: number }): number {
  const fn = "muScalingLoss";
  assertPositive(fn, "nMillions", p.nMillions);
  for (const k of ["a", "b", "c"] as const) if (!Number.isFinite(p[k])) throw new InvalidInputError(fn, `${k} must be finite, got ${p[k]}`);
  return p.a * p.nMillions ** p.b + p.c;
}

/** One held-out point of {@link fitMuScaling}. */
export type MuScalingHeldOut = {
  readonly nMillions: number;
  readonly loss: number;
  readonly predicted: number;
  /** (predicted − loss)/loss. */
  readonly relError: number;
};

/** Result of {@link fitMuScaling}: constants and held-out predictions. */
export interface MuScalingFit {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Points used for the fit. */
  readonly fitted: number;
  /** Predictions of the held-out (largest) points. */
  readonly heldOut: readonly MuScalingHeldOut[];
}

/**
 * Fits L = a·N^b + c (least squares, as scipy's curve_fit) to all but the `holdout` largest models and predicts those.
 * For each b the fit is linear in (a, c), so b is found by a 1-D search on [−3, −0.001] and a, c by least squares.
 * @param points { nMillions, loss } rows (any order)
 * @param holdout how many of the largest models to hold out (default 3)
 * @returns a, b, c and the held-out predictions with their relative errors (displayable as a table)
 * @throws InsufficientDataError with fewer than 4 points to fit; InvalidInputError for non-positive N or loss
 * @example fitMuScaling([1, 2, 4, 8, 16].map((n) => ({ nMillions: n, loss: 2 * n ** -0.5 + 3 })), 1).b // => -0.5
 * @see muScalingCitation
 */
export function fitMuScaling(points: readonly { nMillions: number; loss: number }[], holdout = 3): MuScalingFit {
  const fn = "fitMuScaling";
  if (!(Number.isInteger(holdout) && holdout >= 0)) throw new InvalidInputError(fn, `holdout must be an integer ≥ 0, got ${holdout}`);
  points.forEach((p, i) => {
    if (!(Number.isFinite(p.nMillions) && p.nMillions > 0 && Number.isFinite(p.loss) && p.loss > 0)) {
      throw new InvalidInputError(fn, `row ${i} has nMillions = ${p.nMillions}, loss = ${p.loss}`, "both must be finite and > 0");
    }
  });
  const sorted = [...points].sort((x, y) => x.nMillions - y.nMillions);
  const train = sorted.slice(0, sorted.length - holdout);
  const test = sorted.slice(sorted.length - holdout);
  if (train.length < 4) throw new InsufficientDataError(fn, 4 + holdout, points.length, "3 constants need at least 4 fitted points besides the held-out ones");
  const ys = train.map((p) => p.loss);
  const solve = (b: number) => linearRegression(train.map((p) => [p.nMillions ** b, 1]), ys, { fn });
  const b = minimizeOnInterval((x) => solve(x).rss, -3, -0.001, { gridPoints: 601, fn }).x;
  const [a, c] = solve(b).coef;
  const heldOut = test.map((p) => {
    const predicted = a * p.nMillions ** b + c;
    return { nMillions: p.nMillions, loss: p.loss, predicted, relError: (predicted - p.loss) / p.loss };
  });
  const fit: MuScalingFit = { a, b, c, fitted: train.length, heldOut };
  const frame = { columns: ["nMillions", "loss", "predicted", "relError"], values: heldOut.map((h) => [h.nMillions, h.loss, h.predicted, h.relError]) };
  return makeDisplayable("table", Object.assign(fit, frame), () =>
    `μScaling fit on ${train.length} widths: L = ${a.toPrecision(5)}·N^${b.toPrecision(5)} + ${c.toPrecision(5)}; held-out errors ${heldOut.map((h) => (100 * h.relError).toFixed(2) + "%").join(", ")}`);
}

/**
 * L(N) = a·N^b + c as a fitting-engine Model over N in millions, with analytic gradients, for `fitModel`
 * (robust objectives, bootstrap) instead of the closed-form least squares of {@link fitMuScaling}.
 * @example muScalingModel.value([1, -0.5, 3], 100) // => 3.1
 * @see muScalingCitation
 */
export const muScalingModel: Model<number> = registerFitModel({
  id: "mu-scaling",
  params: [
    { name: "a", transform: "log", description: "prefactor, loss units" },
    { name: "b", upper: 0, description: "exponent of N (negative)" },
    { name: "c", description: "loss floor, nats/token" },
  ],
  value: (t, n) => t[0] * n ** t[1] + t[2],
  valueAndGradient(t, n, g) {
    const p = n ** t[1];
    g[0] = p;
    g[1] = t[0] * p * Math.log(n);
    g[2] = 1;
    return t[0] * p + t[2];
  },
  module: __filename,
});

/** Law card: registers this law in the catalogue (`listLaws`) and renders it in the notebook. */
export const muScalingLaw = defineCard({
  id: "mu-scaling",
  name: "μScaling: loss vs model size at fixed μP hyperparameters",
  topic: "hparams",
  latex: "L(N) = a\\,N^{b} + c,\\quad b < 0",
  formula: "a * N^b + c",
  variables: { N: "parameters, millions", L: "training loss at a fixed step (20k), nats/token" },
  citation: muScalingCitation,
  status: "confirmed",
  api: "muScalingLoss",
});
