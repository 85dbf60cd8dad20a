/**
 * μScaling loss prediction (Yao & Wang 2023, "Research without Re-search"): with μP and hyperparameters fixed on a
 * small proxy, the loss at a fixed step is a power law in model size, L(N) = a·N^b + c (b < 0, N in millions),
 * so small widths predict the loss of wider models without any search at large scale.
 */
import { InsufficientDataError, InvalidInputError, type PublishedConstants } from "../core";
import { muScalingCitation } from "../core/bibliography";
import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";
import { defineLaw, type LawParams } from "../laws/law";

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

type MuParam = "a" | "b" | "c";

/** Our least-squares fit of the first 7 widths of the GPT-2 sweep (scipy curve_fit agrees to 1e-2). */
export const MU_SCALING_GPT2_FIT: PublishedConstants<LawParams<MuParam>> = {
  name: "μScaling fit of the cofe-ai GPT-2 sweep, widths 128–896 (this library)",
  params: { a: 2.46943, b: -0.423108, c: 2.92330 },
  status: "confirmed",
  citation: { ...muScalingCitation, where: "cofe-ai/Mu-scaling GPT-2 μP sweep (loss at step 20k), first 7 widths refitted; scipy curve_fit agrees to 1e-2" },
  note: "N in millions of parameters; loss at step 20k of that sweep's setup only",
};

/** One held-out point of {@link fitMuScaling}. */
export type MuScalingHeldOut = {
  readonly nMillions: number;
  readonly loss: number;
  readonly predicted: number;
  /** (predicted − loss)/loss. */
  readonly relError: number;
};

/** Result of {@link fitMuScaling}: the FitResult of a, b, c plus the held-out predictions. */
export type MuScalingFit = FitResult<MuParam> & {
  /** Points used for the fit. */
  readonly fittedPoints: number;
  /** Predictions of the held-out (largest) points. */
  readonly heldOut: readonly MuScalingHeldOut[];
};

/**
 * Fits L = a·N^b + c (least squares on L, as scipy's curve_fit) to all but the `holdout` largest models and predicts
 * those, on the common fitting path (`hparams.muScaling.fitSync`).
 * @param points { nMillions, loss } rows (any order)
 * @param opts.holdout how many of the largest models to hold out (default 3); other fit options pass through
 * @returns a FitResult (a, b, c) plus `heldOut` predictions with their relative errors and `fittedPoints`
 * @throws InsufficientDataError with fewer than 4 points to fit; InvalidInputError for non-positive N or loss
 * @example hparams.muScaling.fitHeldOut([1, 2, 4, 8, 16].map((n) => ({ nMillions: n, loss: 2 * n ** -0.5 + 3 })), { holdout: 1 }).params.b // => -0.5
 * @see muScalingCitation
 */
export function fitMuScaling(points: readonly { nMillions: number; loss: number }[], opts: FitOptions & { holdout?: number } = {}): MuScalingFit {
  const fn = "hparams.muScaling.fitHeldOut";
  const { holdout = 3, ...options } = opts;
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
  const fit = muScaling.fitSync(train.map((p) => ({ nMillions: p.nMillions })), train.map((p) => p.loss), options);
  const heldOut = test.map((p) => {
    const predicted = muScaling.evaluate({ nMillions: p.nMillions }, fit);
    return { nMillions: p.nMillions, loss: p.loss, predicted, relError: (predicted - p.loss) / p.loss };
  });
  return Object.assign(fit, { fittedPoints: train.length, heldOut });
}

/**
 * μScaling L(N) = a·N^b + c over N in millions (default constants: our fit of the GPT-2 sweep's first 7 widths).
 * `sweep` is that public sweep; `fitHeldOut(points, { holdout })` fits all but the largest models and predicts them.
 * @example hparams.muScaling.evaluate({ nMillions: 100 }, { a: 1, b: -0.5, c: 3 }) // => 3.1
 * @see muScalingCitation
 */
export const muScaling = defineLaw<{ nMillions: number }, MuParam, { sweep: typeof MU_SCALING_GPT2_SWEEP; fitHeldOut: typeof fitMuScaling }>({
  id: "mu-scaling",
  api: "hparams.muScaling",
  name: "μScaling: loss vs model size at fixed μP hyperparameters",
  topic: "hparams",
  latex: "L(N) = a\\,N^{b} + c,\\quad b < 0",
  formula: "a * nMillions^b + c",
  inputs: { nMillions: "parameters, millions" },
  output: "training loss at a fixed step (20k), nats/token",
  params: [
    { name: "a", transform: "log", description: "prefactor, loss units" },
    { name: "b", upper: 0, description: "exponent of N (negative)" },
    { name: "c", description: "loss floor, nats/token" },
  ],
  published: { gpt2: MU_SCALING_GPT2_FIT },
  ranges: { nMillions: [8, 1500] },
  citation: muScalingCitation,
  predict: (x, p) => p.a * x.nMillions ** p.b + p.c,
  gradient(x, p, g) {
    const q = x.nMillions ** p.b;
    g[0] = q;
    g[1] = p.a * q * Math.log(x.nMillions);
    g[2] = 1;
    return p.a * q + p.c;
  },
  module: __filename,
  // Least squares on L as scipy's curve_fit (p0 = [1, −1, 3]); tight rules so the optimum is met, not approached.
  fitDefaults: { objective: "mse", space: "linear", init: { a: 1, b: -1, c: 3 }, workers: 0, gtol: 1e-10, ftol: 1e-14 },
}, { sweep: MU_SCALING_GPT2_SWEEP, fitHeldOut: fitMuScaling });
