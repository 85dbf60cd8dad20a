/**
 * LR-annealing loss-curve law (Tissue, Wang, Wang et al. 2024): the loss after s steps of any schedule is
 *   L(s) = L0 + A·S1^−α − C·S2,
 * S1 = Σ η_i (forward area), S2 = Σ m_i with m_i = λ·m_{i−1} + (η_{i−1} − η_i) (annealing area with momentum λ).
 * Fit (L0, A, α, C) on one curve and predict the whole curve of another schedule.
 */
import { assertPositive, defineCard, InsufficientDataError, InvalidInputError, makeDisplayable, type Citation } from "../core";

import { registerFitModel, type Model } from "../fit/model";

import { linearRegression } from "../numeric/regression";
import { minimizeOnInterval } from "../numeric/minimize1d";
import { tissueCitation } from "../core/bibliography";



/** Fitted constants of the annealing law (they depend on the absolute LR scale of the schedule). */
export interface TissueConstants {
  readonly L0: number;
  readonly A: number;
  readonly alpha: number;
  readonly C: number;
  /** Momentum decay λ of the annealing area (default 0.999). */
  readonly lambda?: number;
}

/** Options of {@link annealingAreas}. */
export interface AnnealingAreaOptions {
  /** Initial momentum m_0 (default 0; the zkshan2002 reproduction uses lr[0], which adds a linear term to S2). */
  readonly m0?: number;
  /** Leading steps (e.g. warmup) that count in neither area (default 0). */
  readonly skipSteps?: number;
}

function checkLrs(fn: string, lrs: readonly number[]): void {
  if (!lrs.length) throw new InvalidInputError(fn, "empty learning-rate schedule", "pass one learning rate per step");
  lrs.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0)) throw new InvalidInputError(fn, `lrs[${i}] = ${v}`, "learning rates must be finite and ≥ 0");
  });
}

/**
 * Forward and annealing areas after every step: S1(s) = Σ_{i≤s} η_i and S2(s) = Σ_{i≤s} m_i with
 * m_i = λ·m_{i−1} + (η_{i−1} − η_i) and η_0 = η_1.
 * @param lrs learning rate of steps 1..S (absolute values, not factors)
 * @param lambda momentum decay λ in [0, 1) (default 0.999)
 * @param opts m0, skipSteps
 * @returns S1 and S2, one value per step (0 for skipped steps)
 * @throws InvalidInputError for negative or non-finite LRs or λ outside [0, 1)
 * @example annealingAreas([1e-3, 1e-3, 9e-4]).S2[2] // => 1e-4
 * @see tissueCitation
 */
export function annealingAreas(lrs: readonly number[], lambda = 0.999, opts: AnnealingAreaOptions = {}): { S1: number[]; S2: number[] } {
  const fn = "annealingAreas";
  checkLrs(fn, lrs);
  if (!(lambda >= 0 && lambda < 1)) throw new InvalidInputError(fn, `lambda must be in [0, 1), got ${lambda}`);
  const skip = opts.skipSteps ?? 0;
  if (!(Number.isInteger(skip) && skip >= 0 && skip < lrs.length)) throw new InvalidInputError(fn, `skipSteps must be an integer in [0, ${lrs.length}), got ${skip}`);
  const S1 = new Array<number>(lrs.length).fill(0);
  const S2 = new Array<number>(lrs.length).fill(0);
  let s1 = 0;
  let s2 = 0;
  let m = opts.m0 ?? 0;
  for (let i = skip; i < lrs.length; i++) {
    const prev = i === skip ? lrs[skip] : lrs[i - 1];
    m = lambda * m + (prev - lrs[i]);
    s1 += lrs[i];
    s2 += m;
    S1[i] = s1;
    S2[i] = s2;
  }
  return { S1, S2 };
}

/**
 * The annealing law at one point: L = L0 + A·S1^−α − C·S2.
 * @param p S1 (> 0), S2, L0, A, alpha, C
 * @returns the predicted loss, nats/token
 * @throws InvalidInputError for S1 ≤ 0 or non-finite inputs
 * @example tissueLoss({ S1: 1, S2: 0.1, L0: 2, A: 1, alpha: 0.5, C: 1 }) // => 2.9
 * @see tissueCitation
 */
export function tissueLoss(p: { S1: number; S2: number; L0: number; A: number; alpha: number; C: number }): number {
  const fn = "tissueLoss";
  assertPositive(fn, "S1", p.S1);
  for (const k of ["S2", "L0", "A", "alpha", "C"] as const) {
    if (!Number.isFinite(p[k])) throw new InvalidInputError(fn, `${k} must be finite, got ${p[k]}`);
  }
  return p.L0 + p.A * p.S1 ** -p.alpha - p.C * p.S2;
}

/**
 * The predicted loss after every step of a schedule.
 * @param lrs learning rate of steps 1..S
 * @param c L0, A, alpha, C, lambda (default 0.999)
 * @param opts m0, skipSteps (skipped steps get NaN: the law is not defined before S1 > 0)
 * @returns one loss per step
 * @throws as {@link annealingAreas}
 * @example tissueLossCurve([1, 1], { L0: 2, A: 1, alpha: 1, C: 0 })[1] // => 2.5
 * @see tissueCitation
 */
export function tissueLossCurve(lrs: readonly number[], c: TissueConstants, opts: AnnealingAreaOptions = {}): number[] {
  const { S1, S2 } = annealingAreas(lrs, c.lambda ?? 0.999, opts);
  return S1.map((s1, i) => (s1 > 0 ? c.L0 + c.A * s1 ** -c.alpha - c.C * S2[i] : NaN));
}

/** The result of {@link fitTissueLoss}. */
export interface TissueFit extends TissueConstants {
  readonly lambda: number;
  /** Root-mean-square error of the fitted losses. */
  readonly rmse: number;
  readonly points: number;
}

/**
 * Fits L0, A, α, C of the annealing law to an observed loss curve (least squares on L; for each α the other three
 * are linear, so α is found by a 1-D search on [0.01, 3] and the rest by linear least squares).
 * The reproduction (zkshan2002/ScalingLaw) minimises a Huber loss on log L instead; on clean curves both agree.
 * @param p.lrs learning rate of steps 1..S; p.steps 1-based steps where the loss was recorded; p.losses losses there;
 *   p.lambda (default 0.999); p.skipSteps leading steps excluded from the areas
 * @returns the fitted constants, rmse and the number of points
 * @throws InvalidInputError for mismatched lengths or steps outside 1..S; InsufficientDataError with < 5 points
 * @example
 * const lrs = Array.from({ length: 200 }, (_, i) => (i < 150 ? 1e-3 : 1e-3 * (200 - i) / 50));
 * const steps = Array.from({ length: 40 }, (_, k) => 5 * (k + 1));
 * const losses = tissueLossCurve(lrs, { L0: 2, A: 0.5, alpha: 0.5, C: 50 }).filter((_, i) => (i + 1) % 5 === 0);
 * fitTissueLoss({ lrs, steps, losses }).alpha // => 0.5
 * @see tissueCitation
 */
export function fitTissueLoss(p: { lrs: readonly number[]; steps: readonly number[]; losses: readonly number[]; lambda?: number; skipSteps?: number }): TissueFit {
  const fn = "fitTissueLoss";
  const lambda = p.lambda ?? 0.999;
  if (p.steps.length !== p.losses.length) throw new InvalidInputError(fn, `steps has ${p.steps.length} entries but losses has ${p.losses.length}`);
  const { S1, S2 } = annealingAreas(p.lrs, lambda, { skipSteps: p.skipSteps });
  const rows: { s1: number; s2: number; y: number }[] = [];
  p.steps.forEach((s, k) => {
    if (!(Number.isInteger(s) && s >= 1 && s <= p.lrs.length)) throw new InvalidInputError(fn, `steps[${k}] = ${s}`, `steps are 1-based and at most ${p.lrs.length}`);
    const y = p.losses[k];
    if (!Number.isFinite(y)) throw new InvalidInputError(fn, `losses[${k}] = ${y}`, "drop non-finite losses");
    if (S1[s - 1] > 0) rows.push({ s1: S1[s - 1], s2: S2[s - 1], y });
  });
  if (rows.length < 5) throw new InsufficientDataError(fn, 5, rows.length, "record the loss at more steps (after warmup)");
  const ys = rows.map((r) => r.y);
  const solve = (alpha: number) => linearRegression(rows.map((r) => [1, r.s1 ** -alpha, -r.s2]), ys, { fn });
  const rssAt = (alpha: number) => {
    try {
      return solve(alpha).rss;
    } catch {
      return Infinity;
    }
  };
  const alpha = minimizeOnInterval(rssAt, 0.01, 3, { gridPoints: 301, fn }).x;
  const best = solve(alpha);
  const [L0, A, C] = best.coef;
  const fit: TissueFit = { L0, A, alpha, C, lambda, rmse: Math.sqrt(best.rss / rows.length), points: rows.length };
  const frame = { columns: ["L0", "A", "alpha", "C", "lambda", "rmse"], values: [[L0, A, alpha, C, lambda, fit.rmse]] };
  return makeDisplayable("table", Object.assign(fit, frame), () =>
    `Tissue annealing law: L = ${L0.toPrecision(5)} + ${A.toPrecision(4)}·S1^−${alpha.toPrecision(4)} − ${C.toPrecision(4)}·S2 (λ = ${lambda}, rmse ${fit.rmse.toExponential(2)}, ${rows.length} points)`);
}

/**
 * The annealing law as a fitting-engine Model over rows { S1, S2 } (from {@link annealingAreas}), with analytic
 * gradients, for `fitModel` (e.g. the reproduction's Huber loss on log L) instead of {@link fitTissueLoss}.
 * @example tissueLossModel.value([2, 1, 0.5, 1], { S1: 1, S2: 0.1 }) // => 2.9
 * @see tissueCitation
 */
export const tissueLossModel: Model<{ S1: number; S2: number }> = registerFitModel({
  id: "tissue-lr-annealing",
  params: [
    { name: "L0", description: "loss floor, nats/token" },
    { name: "A", transform: "log", description: "prefactor of S1^−α" },
    { name: "alpha", lower: 0, description: "exponent of the forward area" },
    { name: "C", description: "coefficient of the annealing area" },
  ],
  value: (t, x) => t[0] + t[1] * x.S1 ** -t[2] - t[3] * x.S2,
  valueAndGradient(t, x, g) {
    const p = x.S1 ** -t[2];
    g[0] = 1;
    g[1] = p;
    g[2] = -t[1] * p * Math.log(x.S1);
    g[3] = -x.S2;
    return t[0] + t[1] * p - t[3] * x.S2;
  },
  module: __filename,
});

/** Law card: registers this law in the catalogue (`listLaws`) and renders it in the notebook. */
export const tissueAnnealingLaw = defineCard({
  id: "tissue-lr-annealing",
  name: "Loss curve under LR annealing: L = L0 + A·S1^−α − C·S2",
  topic: "schedule",
  latex: "L(s) = L_0 + A\\,S_1^{-\\alpha} - C\\,S_2,\\quad S_1 = \\sum_{i \\le s} \\eta_i,\\quad S_2 = \\sum_{i \\le s} m_i,\\; m_i = \\lambda m_{i-1} + (\\eta_{i-1} - \\eta_i)",
  formula: "L0 + A * S1^-alpha - C * S2",
  variables: {
    s: "training step",
    "η_i": "learning rate at step i (absolute)",
    S1: "forward area, LR·steps",
    S2: "annealing area with momentum, LR·steps",
    "λ": "momentum decay (0.999, confirmed-secondary)",
    L: "loss, nats/token",
  },
  citation: tissueCitation,
  status: "confirmed",
  constants: [{
    name: "zkshan2002/ScalingLaw third-party fit, 100M GPT on 20B tokens, cosine (illustrative)",
    params: { L0: 2.7381, A: 0.019767, alpha: 0.88723, C: 0.39947, lambda: 0.999 },
    status: "unverified",
    citation: { ...tissueCitation, where: "third-party reproduction zkshan2002/ScalingLaw main.py; loss data not public" },
    note: "constants depend on the absolute LR scale and step count of that run, which are not stored",
  }, {
    name: "zkshan2002/ScalingLaw third-party fit, 100M GPT on 20B tokens, WSD (illustrative)",
    params: { L0: 2.8137, A: 0.012277, alpha: 0.96191, C: 0.47808, lambda: 0.999 },
    status: "unverified",
    citation: { ...tissueCitation, where: "third-party reproduction zkshan2002/ScalingLaw main.py; loss data not public" },
    note: "constants depend on the absolute LR scale and step count of that run, which are not stored",
  }],
  api: "annealingAreas",
});
