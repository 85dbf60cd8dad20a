/**
 * Optimal learning rate across token horizons (Bjorck et al. 2024): LR*(D) = B_h·D^−β per model size, and jointly
 * LR*(N, D) = C_h·N^−α·D^−β. LR* of a sweep is the minimum of a parabola in log LR fitted to final losses; fitting
 * the law on short horizons and scaling a tuned LR by (D_new/D_old)^−β transfers it to a longer run.
 * The paper's β, α, C_h are not stored (β ≈ 0.3 is only the rough order): users supply or fit them.
 */
import { assertPositive, defineCard, InsufficientDataError, InvalidInputError, type Citation } from "../core";

import { linearRegression } from "../numeric/regression";
import { bjorckCitation } from "../core/bibliography";



/**
 * LR*(D) = B_h·D^−β.
 * @param p.D tokens (> 0); p.Bh prefactor (> 0); p.beta exponent
 * @returns the optimal peak LR at horizon D
 * @throws InvalidInputError for non-positive D or Bh
 * @example bjorckOptimalLR({ D: 1e10, Bh: 1, beta: 0.5 }) // => 1e-5
 * @see bjorckCitation
 */
export function bjorckOptimalLR(p: { D: number; Bh: number; beta: number }): number {
  const fn = "bjorckOptimalLR";
  assertPositive(fn, "D", p.D);
  assertPositive(fn, "Bh", p.Bh);
  if (!Number.isFinite(p.beta)) throw new InvalidInputError(fn, `beta must be finite, got ${p.beta}`);
  return p.Bh * p.D ** -p.beta;
}

/**
 * LR*(N, D) = C_h·N^−α·D^−β.
 * @param p.N parameters; p.D tokens; p.Ch prefactor; p.alpha; p.beta
 * @returns the optimal peak LR
 * @throws InvalidInputError for non-positive N, D or Ch
 * @example bjorckOptimalLRJoint({ N: 1e4, D: 1e4, Ch: 1, alpha: 0.5, beta: 0.25 }) // => 1e-3
 * @see bjorckCitation
 */
export function bjorckOptimalLRJoint(p: { N: number; D: number; Ch: number; alpha: number; beta: number }): number {
  const fn = "bjorckOptimalLRJoint";
  assertPositive(fn, "N", p.N);
  assertPositive(fn, "D", p.D);
  assertPositive(fn, "Ch", p.Ch);
  if (!Number.isFinite(p.alpha) || !Number.isFinite(p.beta)) throw new InvalidInputError(fn, `alpha and beta must be finite, got ${p.alpha}, ${p.beta}`);
  return p.Ch * p.N ** -p.alpha * p.D ** -p.beta;
}

/**
 * Transfers a tuned LR to a new horizon: lr1 = lr0·(D1/D0)^−β.
 * @param p.lr0 LR tuned at D0 tokens; p.D0; p.D1 the new horizon; p.beta
 * @returns the LR for D1 tokens
 * @throws InvalidInputError for non-positive input
 * @example bjorckTransferLR({ lr0: 1e-3, D0: 1e9, D1: 1e11, beta: 0.5 }) // => 1e-4
 * @see bjorckCitation
 */
export function bjorckTransferLR(p: { lr0: number; D0: number; D1: number; beta: number }): number {
  const fn = "bjorckTransferLR";
  assertPositive(fn, "lr0", p.lr0);
  assertPositive(fn, "D0", p.D0);
  assertPositive(fn, "D1", p.D1);
  if (!Number.isFinite(p.beta)) throw new InvalidInputError(fn, `beta must be finite, got ${p.beta}`);
  return p.lr0 * (p.D1 / p.D0) ** -p.beta;
}

/**
 * LR* of one horizon's sweep: fits loss = a + b·x + c·x² with x = ln LR and returns e^(−b/2c), as the paper does.
 * @param p.lrs learning rates (≥ 3 distinct, > 0); p.losses final losses
 * @returns the LR at the parabola's minimum
 * @throws InsufficientDataError with < 3 points; InvalidInputError when the parabola opens downward (no interior minimum)
 * @example bjorckSweepOptimum({ lrs: [1e-4, 1e-3, 1e-2], losses: [3.2, 3.0, 3.2] }) // => 1e-3
 * @see bjorckCitation
 */
export function bjorckSweepOptimum(p: { lrs: readonly number[]; losses: readonly number[] }): number {
  const fn = "bjorckSweepOptimum";
  if (p.lrs.length !== p.losses.length) throw new InvalidInputError(fn, `lrs has ${p.lrs.length} entries but losses has ${p.losses.length}`);
  if (p.lrs.length < 3) throw new InsufficientDataError(fn, 3, p.lrs.length, "sweep at least 3 learning rates");
  p.lrs.forEach((v, i) => assertPositive(fn, `lrs[${i}]`, v));
  const fit = linearRegression(p.lrs.map((v) => [1, Math.log(v), Math.log(v) ** 2]), p.losses, { fn });
  const [, b, c] = fit.coef;
  if (!(c > 0)) throw new InvalidInputError(fn, "the loss-vs-log-LR parabola opens downward, so it has no minimum", "sweep LRs on both sides of the optimum");
  return Math.exp(-b / (2 * c));
}

/**
 * Fits LR*(D) = B_h·D^−β to (D, LR*) pairs by least squares on log LR*.
 * @param points { D, lr } with LR* per horizon (≥ 2 distinct D)
 * @returns Bh and beta
 * @throws InsufficientDataError with < 2 points; InvalidInputError for non-positive values
 * @example fitBjorckHorizon([{ D: 1e9, lr: 1e-3 }, { D: 1e11, lr: 1e-4 }]).beta // => 0.5
 * @see bjorckCitation
 */
export function fitBjorckHorizon(points: readonly { D: number; lr: number }[]): { Bh: number; beta: number } {
  const fn = "fitBjorckHorizon";
  if (points.length < 2) throw new InsufficientDataError(fn, 2, points.length, "give LR* at ≥ 2 horizons");
  points.forEach((q, i) => {
    assertPositive(fn, `points[${i}].D`, q.D);
    assertPositive(fn, `points[${i}].lr`, q.lr);
  });
  const fit = linearRegression(points.map((q) => [1, Math.log(q.D)]), points.map((q) => Math.log(q.lr)), { fn });
  return { Bh: Math.exp(fit.coef[0]), beta: -fit.coef[1] };
}

/** Law card: registers this law in the catalogue (`listLaws`) and renders it in the notebook. */
export const bjorckHorizonLaw = defineCard({
  id: "bjorck-lr-horizon",
  name: "Optimal LR vs token horizon (Bjorck et al.)",
  topic: "hparams",
  latex: "\\mathrm{LR}^*(D) = B_h\\,D^{-\\beta},\\quad \\mathrm{LR}^*(N, D) = C_h\\,N^{-\\alpha}D^{-\\beta}",
  formula: "LR = Bh * D^-beta; LR = Ch * N^-alpha * D^-beta; transfer lr1 = lr0 * (D1/D0)^-beta",
  variables: { D: "training tokens (horizon)", N: "parameters", "LR*": "optimal peak LR (AdamW, cosine)" },
  citation: bjorckCitation,
  status: "unverified",
  api: "bjorckOptimalLR",
});
