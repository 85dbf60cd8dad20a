/**
 * Inference-aware allocation: the model that reaches a target loss with the fewest FLOPs over its lifetime,
 * training (f(N)·D, default 6ND) plus serving T inference tokens at 2N FLOP each. More served tokens favour a
 * smaller model trained longer (the idea of Sardana et al. 2023, "Beyond Chinchilla-Optimal"), derived here from
 * any loss law L(N, D): on the iso-loss curve D(N) solves L(N, D) = target, and the lifetime cost
 * f(N)·D(N) + 2·N·T is minimised over ln N.
 */
import { assertFinite, assertPositive, defineCard, displayResult, InvalidInputError, ScalingLabError } from "../core";

import { flopsPerTokenFunction, lossSurfaceOf, type FlopsPerTokenRule, type LossSurfaceLike } from "./laws-internal";
import { minimizeOnInterval } from "../numeric/minimize1d";

import { isoLossTokens } from "./isoloss";
import { sardanaCitation } from "../core/bibliography";



export interface InferenceAwareOptions {
  /** Training FLOP per token (default 6 → 6N). */
  readonly flopsPerToken?: FlopsPerTokenRule;
  /** Inference FLOP per served token per parameter (default 2 → 2N). */
  readonly inferenceFlopsPerParam?: number;
  /** Search range for N; default from the smallest N that can reach the target to 1e15. */
  readonly Nmin?: number;
  readonly Nmax?: number;
  readonly gridPoints?: number;
}

export interface InferenceAwareResult {
  readonly N: number;
  readonly D: number;
  readonly targetLoss: number;
  readonly inferenceTokens: number;
  readonly trainingFlops: number;
  readonly inferenceFlops: number;
  readonly totalFlops: number;
  readonly tokensPerParam: number;
  /** d(total FLOP)/d ln N at the optimum divided by total FLOP (first-order condition, ≈ 0). */
  readonly relativeSlope: number;
  readonly atBoundary: boolean;
}

/**
 * Minimises training + inference FLOPs to reach `targetLoss`, serving `inferenceTokens` tokens afterwards.
 *
 * cost(N) = f(N)·D(N) + 2·N·T with L(N, D(N)) = target; minimised over ln N above the smallest N whose loss with
 * unlimited data is below the target. T = 0 gives the compute-optimal model for that loss.
 * @param loss the law L(N, D), decreasing in D
 * @param targetLoss loss to reach (above the law's floor)
 * @param inferenceTokens tokens served over the model's life (≥ 0)
 * @param opts FLOP rules and search range
 * @returns N, D, the FLOP split and the first-order residual
 * @throws InvalidInputError for bad inputs or an unreachable target
 * @example Math.round(inferenceAwareAllocation((N, D) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28, 2.0, 0).tokensPerParam) // => 79
 * @see sardanaCitation
 */
export function inferenceAwareAllocation(lossIn: LossSurfaceLike, targetLoss: number, inferenceTokens: number, opts: InferenceAwareOptions = {}): InferenceAwareResult {
  const fn = "laws.allocation.inferenceAware";
  const loss = lossSurfaceOf(fn, lossIn);
  assertFinite(fn, "targetLoss", targetLoss);
  assertFinite(fn, "inferenceTokens", inferenceTokens);
  if (inferenceTokens < 0) throw new InvalidInputError(fn, `inferenceTokens must be ≥ 0, got ${inferenceTokens}`);
  const f = flopsPerTokenFunction(fn, opts.flopsPerToken);
  const k = opts.inferenceFlopsPerParam ?? 2;
  assertPositive(fn, "inferenceFlopsPerParam", k);
  const Nmax = opts.Nmax ?? 1e15;
  assertPositive(fn, "Nmax", Nmax);
  if (!(loss(Nmax, 1e300) < targetLoss)) {
    throw new InvalidInputError(fn, `targetLoss ${targetLoss} is not reachable with N ≤ ${Nmax}`, "raise targetLoss above the law's irreducible loss or raise Nmax");
  }
  // Smallest N that can reach the target with unlimited data (bisection on ln N).
  let lo = Math.log(opts.Nmin ?? 1), hi = Math.log(Nmax);
  if (!(loss(Math.exp(lo), 1e300) < targetLoss)) {
    for (let i = 0; i < 200; i++) {
      const m = 0.5 * (lo + hi);
      if (loss(Math.exp(m), 1e300) < targetLoss) hi = m;
      else lo = m;
    }
    lo = hi + 1e-9;
  }
  const cost = (t: number) => {
    const N = Math.exp(t);
    return Math.log(f(N) * isoLossTokens(loss, N, targetLoss) + k * N * inferenceTokens);
  };
  const { x: t, atBoundary } = minimizeOnInterval(cost, lo, Math.log(Nmax), { gridPoints: opts.gridPoints ?? 400, fn });
  const N = Math.exp(t);
  const D = isoLossTokens(loss, N, targetLoss);
  if (!Number.isFinite(D)) throw new ScalingLabError(fn, "the optimum needs unlimited data", "raise Nmax or targetLoss");
  const training = f(N) * D, inference = k * N * inferenceTokens;
  const eps = 1e-6 * Math.max(1, Math.abs(t));
  return displayResult(`laws.allocation.inferenceAware: cheapest N, D reaching loss ${targetLoss} with ${inferenceTokens.toExponential(3)} inference tokens`, {
    N, D, targetLoss, inferenceTokens,
    trainingFlops: training, inferenceFlops: inference, totalFlops: training + inference,
    tokensPerParam: D / N,
    relativeSlope: (cost(t + eps) - cost(t - eps)) / (2 * eps),
    atBoundary,
  });
}

export const inferenceAwareAllocationLaw = defineCard({
  id: "inference-aware-allocation",
  name: "Inference-aware allocation (training + serving FLOPs at a target loss)",
  topic: "allocation",
  latex: "\\min_{N} \\; f(N)\\,D(N) + 2 N T_{\\mathrm{inf}} \\quad \\text{s.t. } L(N, D(N)) = \\ell",
  formula: "minimise f(N)*D(N) + 2*N*T over ln N with L(N, D(N)) = target; f(N) = 6N by default",
  variables: { N: "parameters", D: "training tokens", T_inf: "tokens served at inference", "ℓ": "target loss" },
  citation: sardanaCitation,
  status: "confirmed",
  api: "laws.allocation.inferenceAware",
});
