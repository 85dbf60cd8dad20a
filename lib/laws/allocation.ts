/**
 * Compute-optimal allocation for ANY loss law L(N, D): split a FLOP budget C between parameters and tokens so the
 * loss is minimal. The budget is spent exactly (D = C / f(N), f = FLOP per token) and the optimum satisfies the
 * first-order condition dL/d ln N = 0 along the budget line to rounding; the closed form of the Chinchilla law
 * (Hoffmann et al. 2022, Eq. 4) is the special case L = E + A/N^α + B/D^β, f(N) = 6N.
 */
import { assertFinite, assertPositive, defineCard, displayResult, InvalidInputError, ScalingLabError } from "../core";

import { fitLogLogLine, flopsPerTokenFunction, lossSurfaceOf, type LossSurfaceLike } from "./laws-internal";
import { minimizeOnInterval } from "../numeric/minimize1d";


/** A loss law L(N, D) in nats/token (or any unit), decreasing in both arguments where it is meaningful. */
export type LossSurface = (N: number, D: number) => number;

export type { FlopsPerTokenRule } from "./laws-internal";
import type { FlopsPerTokenRule } from "./laws-internal";
import { chinchillaCitation } from "../core/bibliography";

export interface ComputeOptimalOptions {
  /** FLOP per training token as a function of N (default 6 → C = 6ND). Must increase with N. */
  readonly flopsPerToken?: FlopsPerTokenRule;
  /** Smallest N searched (default 1). */
  readonly Nmin?: number;
  /** Largest N searched (default: the N at which the budget buys a single token). */
  readonly Nmax?: number;
  /** Points of the coarse log-spaced scan that brackets the optimum (default 400). */
  readonly gridPoints?: number;
}

export interface ComputeOptimalResult {
  /** Budget, FLOP. */
  readonly C: number;
  readonly N: number;
  readonly D: number;
  readonly loss: number;
  readonly tokensPerParam: number;
  /** f(N)·D: equals C to rounding. */
  readonly flopsSpent: number;
  /** dL/d ln N along the budget line at the optimum (the first-order condition, ≈ 0). */
  readonly slope: number;
  /** True if the minimum sits at an end of the searched N range (then slope ≠ 0 and the range should widen). */
  readonly atBoundary: boolean;
}

function searchRange(fn: string, C: number, f: (N: number) => number, opts: ComputeOptimalOptions): [number, number] {
  const lo = opts.Nmin ?? 1;
  assertPositive(fn, "Nmin", lo);
  let hi = opts.Nmax;
  if (hi === undefined) {
    hi = lo;
    while (f(hi) < C && hi < 1e40) hi *= 2;
  }
  assertPositive(fn, "Nmax", hi);
  if (!(hi > lo)) throw new InvalidInputError(fn, `the search range is empty: Nmin = ${lo}, Nmax = ${hi}`, "raise the budget C or lower Nmin");
  return [Math.log(lo), Math.log(hi)];
}

/**
 * Loss-minimising (N, D) for a training budget of C FLOP under any loss law, spending C exactly.
 *
 * Minimises L(N, C/f(N)) over ln N (f = FLOP per token, default 6N) by a log-spaced scan and bisection on the
 * slope; the result satisfies dL/d ln N = 0 along the budget line to rounding.
 * @param loss the law L(N, D)
 * @param C budget, FLOP (> 0)
 * @param opts flopsPerToken (default 6 → C = 6ND), N search range, scan size
 * @returns N, D, loss, tokens/param, FLOP spent, the slope (first-order condition) and a boundary flag
 * @throws InvalidInputError for C ≤ 0 or a bad option; DidNotConvergeError if the loss is nowhere finite
 * @example Math.round(computeOptimalAllocation((N, D) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28, 5.76e23).N / 1e7) / 1e3 // => 3.219
 * @see chinchillaCitation
 */
export function computeOptimalAllocation(lossIn: LossSurfaceLike, C: number, opts: ComputeOptimalOptions = {}): ComputeOptimalResult {
  const fn = "laws.allocation.computeOptimal";
  const loss = lossSurfaceOf(fn, lossIn);
  assertPositive(fn, "C", C);
  const f = flopsPerTokenFunction(fn, opts.flopsPerToken);
  const [lo, hi] = searchRange(fn, C, f, opts);
  const h = (t: number) => {
    const N = Math.exp(t);
    return loss(N, C / f(N));
  };
  const { x: t, atBoundary } = minimizeOnInterval(h, lo, hi, { gridPoints: opts.gridPoints ?? 400, fn });
  const N = Math.exp(t);
  const D = C / f(N);
  const L = loss(N, D);
  assertFinite(fn, "loss at the optimum", L);
  const eps = 1e-6 * Math.max(1, Math.abs(t));
  return displayResult(`laws.allocation.computeOptimal: compute-optimal N, D at C = ${C.toExponential(3)} FLOPs`,
    { C, N, D, loss: L, tokensPerParam: D / N, flopsSpent: f(N) * D, slope: (h(t + eps) - h(t - eps)) / (2 * eps), atBoundary });
}

export interface ComputeOptimalFrontier {
  readonly points: readonly ComputeOptimalResult[];
  /** Power law N_opt = k·C^a fitted by OLS in log-log over the budgets. */
  readonly nExponent: number;
  readonly nCoefficient: number;
  /** Power law D_opt = k·C^b. */
  readonly dExponent: number;
  readonly dCoefficient: number;
}

/**
 * Compute-optimal allocations over several budgets and the power laws N_opt ∝ C^a, D_opt ∝ C^b through them (for a
 * law that is not a pure power law, a and b are the average log-log slopes over the budgets given).
 * @param loss the law L(N, D)
 * @param budgets ≥ 2 distinct budgets, FLOP
 * @param opts as computeOptimalAllocation
 * @returns the optima and the fitted exponents and coefficients
 * @throws InvalidInputError for fewer than 2 distinct positive budgets; ScalingLabError if an optimum hits the range end
 * @example Math.round(computeOptimalFrontier((N, D) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28, [1e20, 1e24]).nExponent * 1e4) / 1e4 // => 0.4516
 * @see chinchillaCitation
 */
export function computeOptimalFrontier(loss: LossSurfaceLike, budgets: readonly number[], opts: ComputeOptimalOptions = {}): ComputeOptimalFrontier {
  const fn = "laws.allocation.frontier";
  if (!Array.isArray(budgets) || new Set(budgets).size < 2) throw new InvalidInputError(fn, "need at least 2 distinct budgets C (FLOP)");
  budgets.forEach((C, i) => assertPositive(fn, `budgets[${i}]`, C));
  const points = budgets.map((C) => computeOptimalAllocation(loss, C, opts));
  const edge = points.find((p) => p.atBoundary);
  if (edge) throw new ScalingLabError(fn, `the optimum at C = ${edge.C} lies at the end of the N range`, "widen Nmin/Nmax");
  const n = fitLogLogLine(budgets, points.map((p) => p.N), null);
  const d = fitLogLogLine(budgets, points.map((p) => p.D), null);
  return displayResult(`laws.allocation.frontier: compute-optimal frontier over ${budgets.length} budgets`,
    { points, nExponent: n.exponent, nCoefficient: n.coefficient, dExponent: d.exponent, dCoefficient: d.coefficient });
}

export const computeOptimalAllocationLaw = defineCard({
  id: "compute-optimal-allocation",
  name: "Compute-optimal allocation for any loss law",
  topic: "allocation",
  latex: "(N^*, D^*) = \\arg\\min_{f(N) D = C} L(N, D),\\quad \\frac{\\partial L}{\\partial \\ln N} - \\frac{d\\ln f}{d\\ln N}\\frac{\\partial L}{\\partial \\ln D} = 0",
  formula: "minimise L(N, C / f(N)) over ln N; f(N) = 6N by default",
  variables: { N: "parameters (the law's convention)", D: "training tokens", C: "training FLOP", "f(N)": "FLOP per training token" },
  citation: { ...chinchillaCitation, where: "Eq. 4 (closed form for the parametric law); numeric generalisation here" },
  status: "confirmed",
  api: "laws.allocation.computeOptimal",
});
