/**
 * Optimal learning rate across token horizons (Bjorck et al. 2024): LR*(D) = B_h·D^−β per model size, and jointly
 * LR*(N, D) = C_h·N^−α·D^−β. LR* of a sweep is the minimum of a parabola in log LR fitted to final losses; fitting
 * the law on short horizons and scaling a tuned LR by (D_new/D_old)^−β transfers it to a longer run.
 * The paper's β, α, C_h are not stored (β ≈ 0.3 is only the rough order): users supply or fit them, so this is a
 * documented group (`hparams.bjorck`), not a Law with published constants.
 */
import { assertPositive, defineCard, InsufficientDataError, InvalidInputError } from "../core";
import { bjorckCitation } from "../core/bibliography";
import { fitModelSync } from "../fit/fit";
import { linearRegression } from "../numeric/regression";
import type { Model } from "../fit/model";
import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";

function finite(fn: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw new InvalidInputError(fn, `${name} must be finite, got ${v}`);
}

/**
 * LR*(D) = B_h·D^−β.
 * @param x.D tokens (> 0)
 * @param p.Bh prefactor (> 0); p.beta exponent (a plain object or a `fitHorizon` result)
 * @returns the optimal peak LR at horizon D
 * @throws InvalidInputError for non-positive D or Bh
 * @example hparams.bjorck.lr({ D: 1e10 }, { Bh: 1, beta: 0.5 }) // => 1e-5
 * @see bjorckCitation
 */
export function bjorckOptimalLR(x: { D: number }, p: { Bh: number; beta: number } | FitResult<"Bh" | "beta">): number {
  const fn = "hparams.bjorck.lr";
  const k = "kind" in p ? p.params : p;
  assertPositive(fn, "D", x.D);
  assertPositive(fn, "Bh", k.Bh);
  finite(fn, "beta", k.beta);
  return k.Bh * x.D ** -k.beta;
}

/**
 * LR*(N, D) = C_h·N^−α·D^−β.
 * @param x.N parameters; x.D tokens
 * @param p.Ch prefactor; p.alpha; p.beta
 * @returns the optimal peak LR
 * @throws InvalidInputError for non-positive N, D or Ch
 * @example hparams.bjorck.lrJoint({ N: 1e4, D: 1e4 }, { Ch: 1, alpha: 0.5, beta: 0.25 }) // => 1e-3
 * @see bjorckCitation
 */
export function bjorckOptimalLRJoint(x: { N: number; D: number }, p: { Ch: number; alpha: number; beta: number }): number {
  const fn = "hparams.bjorck.lrJoint";
  assertPositive(fn, "N", x.N);
  assertPositive(fn, "D", x.D);
  assertPositive(fn, "Ch", p.Ch);
  finite(fn, "alpha", p.alpha);
  finite(fn, "beta", p.beta);
  return p.Ch * x.N ** -p.alpha * x.D ** -p.beta;
}

/**
 * Transfers a tuned LR to a new horizon: lr1 = lr0·(D1/D0)^−β.
 * @param x.lr0 LR tuned at D0 tokens; x.D0; x.D1 the new horizon
 * @param p.beta the horizon exponent
 * @returns the LR for D1 tokens
 * @throws InvalidInputError for non-positive input
 * @example hparams.bjorck.transfer({ lr0: 1e-3, D0: 1e9, D1: 1e11 }, { beta: 0.5 }) // => 1e-4
 * @see bjorckCitation
 */
export function bjorckTransferLR(x: { lr0: number; D0: number; D1: number }, p: { beta: number }): number {
  const fn = "hparams.bjorck.transfer";
  assertPositive(fn, "lr0", x.lr0);
  assertPositive(fn, "D0", x.D0);
  assertPositive(fn, "D1", x.D1);
  finite(fn, "beta", p.beta);
  return x.lr0 * (x.D1 / x.D0) ** -p.beta;
}

/** Log-space least squares of a power law is quadratic in (ln Bh, β): tight rules reach the exact optimum. */
const EXACT = { objective: "mse", workers: 0, gtol: 1e-10, ftol: 1e-14, polish: 0 } as const;

/**
 * LR* of one horizon's sweep: fits loss = a + b·x + c·x² with x = ln LR and returns e^(−b/2c), as the paper does.
 * @param p.lrs learning rates (≥ 3 distinct, > 0); p.losses final losses
 * @returns the LR at the parabola's minimum
 * @throws InsufficientDataError with < 3 points; InvalidInputError when the parabola opens downward (no interior minimum)
 * @example hparams.bjorck.sweepOptimum({ lrs: [1e-4, 1e-3, 1e-2], losses: [3.2, 3.0, 3.2] }) // => 1e-3
 * @see bjorckCitation
 */
export function bjorckSweepOptimum(p: { lrs: readonly number[]; losses: readonly number[] }): number {
  const fn = "hparams.bjorck.sweepOptimum";
  if (p.lrs.length !== p.losses.length) throw new InvalidInputError(fn, `lrs has ${p.lrs.length} entries but losses has ${p.losses.length}`);
  if (p.lrs.length < 3) throw new InsufficientDataError(fn, 3, p.lrs.length, "sweep at least 3 learning rates");
  p.lrs.forEach((v, i) => assertPositive(fn, `lrs[${i}]`, v));
  // The parabola is linear in its coefficients: one linear regression (a step of the analysis, not a law fit).
  const fit = linearRegression(p.lrs.map((v) => [1, Math.log(v), Math.log(v) ** 2]), p.losses, { fn });
  const [, b, c] = fit.coef;
  if (!(c > 0)) throw new InvalidInputError(fn, "the loss-vs-log-LR parabola opens downward, so it has no minimum", "sweep LRs on both sides of the optimum");
  return Math.exp(-b / (2 * c));
}

/** LR*(D) = B_h·D^−β as a model over D, for fitting in log space. */
const horizonModel: Model<{ D: number }, "Bh" | "beta"> = {
  id: "bjorck-lr-horizon",
  params: [{ name: "Bh", transform: "log", description: "prefactor" }, { name: "beta", description: "horizon exponent" }],
  value: (t, x) => t[0] * x.D ** -t[1],
  valueAndGradient(t, x, g) {
    const f = t[0] * x.D ** -t[1];
    g[0] = f / t[0];
    g[1] = -f * Math.log(x.D);
    return f;
  },
};

/**
 * Fits LR*(D) = B_h·D^−β to (D, LR*) pairs by least squares on ln LR* (lib/fit, log-space mse).
 * @param points { D, lr } with LR* per horizon (≥ 2 distinct D)
 * @param options fit options (e.g. bootstrap) passed to the fitter
 * @returns a FitResult of Bh and beta (usable as params of `hparams.bjorck.lr`)
 * @throws InsufficientDataError with < 2 points; InvalidInputError for non-positive values
 * @example hparams.bjorck.fitHorizon([{ D: 1e9, lr: 1e-3 }, { D: 1e11, lr: 1e-4 }]).params.beta // => 0.5
 * @see bjorckCitation
 */
export function fitBjorckHorizon(points: readonly { D: number; lr: number }[], options: FitOptions = {}): FitResult<"Bh" | "beta"> {
  const fn = "hparams.bjorck.fitHorizon";
  if (points.length < 2) throw new InsufficientDataError(fn, 2, points.length, "give LR* at ≥ 2 horizons");
  points.forEach((q, i) => {
    assertPositive(fn, `points[${i}].D`, q.D);
    assertPositive(fn, `points[${i}].lr`, q.lr);
  });
  if (new Set(points.map((q) => q.D)).size < 2) throw new InvalidInputError(fn, "every point has the same D", "give LR* at ≥ 2 distinct horizons");
  const first = points[0];
  return fitModelSync(horizonModel, points.map((q) => ({ D: q.D })), points.map((q) => q.lr), { ...EXACT, init: { Bh: first.lr, beta: 0 }, ...options });
}

/** Card of the Bjorck rules: registers them in the catalogue (`help()`). */
export const bjorckCard = defineCard({
  id: "bjorck-lr-horizon",
  name: "Optimal LR vs token horizon (Bjorck et al.)",
  topic: "hparams",
  latex: "\\mathrm{LR}^*(D) = B_h\\,D^{-\\beta},\\quad \\mathrm{LR}^*(N, D) = C_h\\,N^{-\\alpha}D^{-\\beta}",
  formula: "LR = Bh * D^-beta; LR = Ch * N^-alpha * D^-beta; transfer lr1 = lr0 * (D1/D0)^-beta",
  variables: { D: "training tokens (horizon)", N: "parameters", "LR*": "optimal peak LR (AdamW, cosine)" },
  citation: bjorckCitation,
  status: "unverified",
  api: "hparams.bjorck",
});

/**
 * Bjorck et al.'s optimal LR vs token horizon, with user-supplied or fitted constants: `lr({ D }, { Bh, beta })`,
 * `lrJoint({ N, D }, { Ch, alpha, beta })`, `transfer({ lr0, D0, D1 }, { beta })`, `sweepOptimum({ lrs, losses })`
 * and `fitHorizon(points)` (a FitResult).
 * @example hparams.bjorck.lr({ D: 1e11 }, hparams.bjorck.fitHorizon([{ D: 1e9, lr: 1e-3 }, { D: 1e10, lr: 5e-4 }])) // => 2.5e-4
 */
export const bjorck = {
  lr: bjorckOptimalLR,
  lrJoint: bjorckOptimalLRJoint,
  transfer: bjorckTransferLR,
  sweepOptimum: bjorckSweepOptimum,
  fitHorizon: fitBjorckHorizon,
} as const;
