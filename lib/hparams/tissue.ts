/**
 * LR-annealing loss-curve law (Tissue, Wang, Wang et al. 2024): the loss after s steps of any schedule is
 *   L(s) = L0 + A·S1^−α − C·S2,
 * S1 = Σ η_i (forward area), S2 = Σ m_i with m_i = λ·m_{i−1} + (η_{i−1} − η_i) (annealing area with momentum λ).
 * Fit (L0, A, α, C) on one curve and predict the whole curve of another schedule.
 */
import { displayResult, InsufficientDataError, InvalidInputError, type PublishedConstants } from "../core";
import { tissueCitation } from "../core/bibliography";
import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";
import { defineLaw, type LawParams, type ParamsLike } from "../laws/law";

type TissueParam = "L0" | "A" | "alpha" | "C";

/** Constants of the annealing law (they depend on the absolute LR scale of the schedule) and the λ they assume. */
export type TissueConstants = LawParams<TissueParam> & { readonly lambda?: number };

/** Options of {@link annealingAreas}. */
export interface AnnealingAreaOptions {
  /** Momentum decay λ in [0, 1) (default 0.999). */
  readonly lambda?: number;
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
 * @param opts lambda (default 0.999), m0, skipSteps
 * @returns S1 and S2, one value per step (0 for skipped steps)
 * @throws InvalidInputError for negative or non-finite LRs or λ outside [0, 1)
 * @example hparams.tissue.areas([1e-3, 1e-3, 9e-4]).S2[2] // => 1e-4
 * @see tissueCitation
 */
export function annealingAreas(lrs: readonly number[], opts: AnnealingAreaOptions = {}): { S1: number[]; S2: number[] } {
  const fn = "hparams.tissue.areas";
  const lambda = opts.lambda ?? 0.999;
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
  return displayResult(`${fn}: forward area S1 and annealing area S2 over ${lrs.length} steps`, { S1, S2 });
}

/** λ of a constant set or fit, if it carries one. */
function lambdaOf(p: unknown): number | undefined {
  const q = p as { lambda?: unknown; params?: { lambda?: unknown } } | undefined;
  const v = q?.lambda ?? q?.params?.lambda;
  return typeof v === "number" ? v : undefined;
}

/**
 * The predicted loss after every step of a schedule.
 * @param lrs learning rate of steps 1..S
 * @param params L0, A, alpha, C (default: the first published set), plain, published or a fit; its λ is used unless
 *   opts.lambda is given (default 0.999)
 * @param opts lambda, m0, skipSteps (skipped steps get NaN: the law is not defined before S1 > 0)
 * @returns one loss per step
 * @throws as {@link annealingAreas}
 * @example hparams.tissue.curve([1, 1], { L0: 2, A: 1, alpha: 1, C: 0 })[1] // => 2.5
 * @see tissueCitation
 */
export function tissueLossCurve(lrs: readonly number[], params?: ParamsLike<TissueParam>, opts: AnnealingAreaOptions = {}): number[] {
  const lambda = opts.lambda ?? lambdaOf(params) ?? 0.999;
  const { S1, S2 } = annealingAreas(lrs, { ...opts, lambda });
  return S1.map((s1, i) => (s1 > 0 ? tissue.evaluate({ S1: s1, S2: S2[i] }, params) : NaN));
}

/** The result of {@link fitTissueLoss}: the FitResult of L0, A, alpha, C plus: */
export type TissueFit = FitResult<TissueParam> & {
  /** The λ the areas were computed with. */
  readonly lambda: number;
  /** Root-mean-square error of the fitted losses. */
  readonly rmse: number;
  /** Recorded points used (those with S1 > 0). */
  readonly points: number;
};

/**
 * Fits L0, A, α, C of the annealing law to an observed loss curve: least squares on L on the common fitting path
 * (`hparams.tissue.fitSync` on the areas at the recorded steps), from starts spread over α ∈ [0.1, 2].
 * The reproduction (zkshan2002/ScalingLaw) minimises a Huber loss on log L instead; on clean curves both agree.
 * @param p.lrs learning rate of steps 1..S; p.steps 1-based steps where the loss was recorded; p.losses losses there
 * @param opts lambda (default 0.999), skipSteps (leading steps excluded from the areas), and fit options
 * @returns a FitResult (L0, A, alpha, C) plus lambda, rmse and the number of points (usable as params of `curve`)
 * @throws InvalidInputError for mismatched lengths or steps outside 1..S; InsufficientDataError with < 5 points
 * @example
 * const lrs = Array.from({ length: 200 }, (_, i) => (i < 150 ? 1e-3 : 1e-3 * (200 - i) / 50));
 * const steps = Array.from({ length: 40 }, (_, k) => 5 * (k + 1));
 * const losses = hparams.tissue.curve(lrs, { L0: 2, A: 0.5, alpha: 0.5, C: 50 }).filter((_, i) => (i + 1) % 5 === 0);
 * hparams.tissue.fitCurve({ lrs, steps, losses }).params.alpha // => 0.5
 * @see tissueCitation
 */
export function fitTissueLoss(p: { lrs: readonly number[]; steps: readonly number[]; losses: readonly number[] },
  opts: FitOptions & { lambda?: number; skipSteps?: number } = {}): TissueFit {
  const fn = "hparams.tissue.fitCurve";
  const { lambda = 0.999, skipSteps, ...options } = opts;
  if (p.steps.length !== p.losses.length) throw new InvalidInputError(fn, `steps has ${p.steps.length} entries but losses has ${p.losses.length}`);
  const { S1, S2 } = annealingAreas(p.lrs, { lambda, skipSteps });
  const rows: { S1: number; S2: number }[] = [];
  const ys: number[] = [];
  p.steps.forEach((s, k) => {
    if (!(Number.isInteger(s) && s >= 1 && s <= p.lrs.length)) throw new InvalidInputError(fn, `steps[${k}] = ${s}`, `steps are 1-based and at most ${p.lrs.length}`);
    const y = p.losses[k];
    if (!Number.isFinite(y)) throw new InvalidInputError(fn, `losses[${k}] = ${y}`, "drop non-finite losses");
    if (S1[s - 1] > 0) {
      rows.push({ S1: S1[s - 1], S2: S2[s - 1] });
      ys.push(y);
    }
  });
  if (rows.length < 5) throw new InsufficientDataError(fn, 5, rows.length, "record the loss at more steps (after warmup)");
  // Starts in scale coordinates (L0, ln A, α, C): for each α, A puts the first point's excess over the minimum on
  // the power term, so every start begins near the curve.
  const yMin = Math.min(...ys);
  const excess = Math.max(ys[0] - yMin, 1e-3 * Math.abs(yMin) + 1e-12);
  const starts = [0.1, 0.25, 0.5, 1, 2].map((alpha) => [yMin, Math.log(excess * rows[0].S1 ** alpha), alpha, 0]);
  const fit = tissue.fitSync(rows, ys, { starts, ...options });
  const rmse = Math.sqrt(fit.residuals.reduce((s, r) => s + r * r, 0) / rows.length);
  return Object.assign(fit, { lambda, rmse, points: rows.length });
}

const ZKSHAN = { ...tissueCitation, where: "third-party reproduction zkshan2002/ScalingLaw main.py; loss data not public" };
const ZKSHAN_NOTE = "constants depend on the absolute LR scale and step count of that run, which are not stored";

/** Third-party fits (zkshan2002/ScalingLaw), illustrative: the LR scale and step count of those runs are not stored. */
const TISSUE_SETS: Record<"zkshanCosine" | "zkshanWsd", PublishedConstants<TissueConstants>> = {
  zkshanCosine: {
    name: "zkshan2002/ScalingLaw third-party fit, 100M GPT on 20B tokens, cosine (illustrative)",
    params: { L0: 2.7381, A: 0.019767, alpha: 0.88723, C: 0.39947, lambda: 0.999 },
    status: "unverified", citation: ZKSHAN, note: ZKSHAN_NOTE,
  },
  zkshanWsd: {
    name: "zkshan2002/ScalingLaw third-party fit, 100M GPT on 20B tokens, WSD (illustrative)",
    params: { L0: 2.8137, A: 0.012277, alpha: 0.96191, C: 0.47808, lambda: 0.999 },
    status: "unverified", citation: ZKSHAN, note: ZKSHAN_NOTE,
  },
};

/**
 * The annealing law L = L0 + A·S1^−α − C·S2 over the areas { S1, S2 } of a schedule, with `areas(lrs, opts?)`,
 * `curve(lrs, params?, opts?)` (the loss after every step) and `fitCurve({ lrs, steps, losses }, opts?)` (a FitResult).
 * @example hparams.tissue.predict({ S1: 1, S2: 0.1 }, { L0: 2, A: 1, alpha: 0.5, C: 1 }) // => 2.9
 * @see tissueCitation
 */
export const tissue = defineLaw<{ S1: number; S2: number }, TissueParam, { areas: typeof annealingAreas; curve: typeof tissueLossCurve; fitCurve: typeof fitTissueLoss }>({
  id: "tissue-lr-annealing",
  api: "hparams.tissue",
  name: "Loss curve under LR annealing: L = L0 + A·S1^−α − C·S2",
  topic: "schedule",
  latex: "L(s) = L_0 + A\\,S_1^{-\\alpha} - C\\,S_2,\\quad S_1 = \\sum_{i \\le s} \\eta_i,\\quad S_2 = \\sum_{i \\le s} m_i,\\; m_i = \\lambda m_{i-1} + (\\eta_{i-1} - \\eta_i)",
  formula: "L0 + A * S1^(-alpha) - C * S2",
  inputs: { S1: "forward area Σ η_i, LR·steps", S2: "annealing area with momentum λ (0.999, confirmed-secondary), LR·steps" },
  output: "loss, nats/token",
  params: [
    { name: "L0", description: "loss floor, nats/token" },
    { name: "A", transform: "log", description: "prefactor of S1^−α" },
    { name: "alpha", lower: 0, description: "exponent of the forward area" },
    { name: "C", description: "coefficient of the annealing area" },
  ],
  published: TISSUE_SETS,
  // Areas of typical runs with absolute LRs ~1e-4–1e-3 over 1e3–1e5 steps; S2 dips below 0 while the LR rises (warmup).
  ranges: { S1: [0.01, 30], S2: [-0.1, 5] },
  signedInputs: ["S2"],
  citation: tissueCitation,
  predict: (x, p) => p.L0 + p.A * x.S1 ** -p.alpha - p.C * x.S2,
  gradient(x, p, g) {
    const q = x.S1 ** -p.alpha;
    g[0] = 1;
    g[1] = q;
    g[2] = -p.A * q * Math.log(x.S1);
    g[3] = -x.S2;
    return p.L0 + p.A * q - p.C * x.S2;
  },
  module: __filename,
  // Least squares on L (the areas make the curve smooth in the parameters); tight rules so the optimum is met.
  fitDefaults: { objective: "mse", space: "linear", workers: 0, gtol: 1e-10, ftol: 1e-14, init: { L0: 3, A: 0.1, alpha: 0.5, C: 0 } },
}, { areas: annealingAreas, curve: tissueLossCurve, fitCurve: fitTissueLoss });
