/**
 * Muennighoff et al. 2023, "Scaling Data-Constrained Language Models": the Chinchilla loss with diminishing
 * returns for repeated tokens (epochs beyond the first) and for parameters beyond the compute-optimal size for
 * the unique data, plus the loss-optimal allocation of a compute budget under a unique-data budget, solved
 * exactly (the authors' README uses a 500-point grid search and asks for better).
 */
import { assertPositive, InvalidInputError, DidNotConvergeError, displayResult, type PublishedConstants } from "../core";
import type { Model } from "../fit/model";
import { chinchillaOptimal, type ChinchillaParams } from "./chinchilla";
import { muennighoffCitation } from "../core/bibliography";
import { defineLaw, paramsOf, type ParamsLike } from "./law";

type MuennighoffParamName = keyof MuennighoffParams;
const NAMES: readonly MuennighoffParamName[] = ["E", "A", "B", "alpha", "beta", "RDstar", "RNstar"];


/** Parameters of the data-constrained law; E, A, B, alpha, beta are the Chinchilla-form base law. */
export interface MuennighoffParams extends ChinchillaParams {
  /** R_D*: repeated tokens are worth at most R_D* extra epochs of unique data (decay constant in epochs). */
  readonly RDstar: number;
  /** R_N*: decay constant of excess parameters, in multiples of the compute-optimal size for the unique data. */
  readonly RNstar: number;
}


/**
 * The C4 fit: base law on 54 C4 IsoFLOP points (alpha tied to beta), then R_D*, R_N* on 182 data-constrained runs.
 * Log-space values from the README: a = 6.255414, b = 7.3049974, e = 0.6254804.
 */
export const MUENNIGHOFF_C4: PublishedConstants<MuennighoffParams> = {
  name: "Muennighoff et al. 2023, C4 fit",
  params: {
    E: Math.exp(0.6254804),
    A: Math.exp(6.255414),
    B: Math.exp(7.3049974),
    alpha: 0.3526596,
    beta: 0.3526596,
    RDstar: 15.387756,
    RNstar: 5.309743,
  },
  status: "confirmed",
  citation: muennighoffCitation,
  note: "N = total parameters, D = training tokens, U = unique tokens, C = 6ND FLOP; loss = held-out C4 cross-entropy, nats/token (GPT-2 tokenizer).",
};

function checkParams(fn: string, p: MuennighoffParams): void {
  for (const k of ["E", "A", "B", "alpha", "beta", "RDstar", "RNstar"] as const) {
    if (k === "E") {
      if (!Number.isFinite(p.E)) throw new InvalidInputError(fn, `params.E must be finite, got ${p.E}`);
    } else assertPositive(fn, `params.${k}`, p[k]);
  }
}

/** g(x) = x for x ≤ 1, 1 + R(1 − e^{−(x−1)/R}) beyond: the effective multiple of a base quantity. */
function saturate(x: number, R: number): number {
  return x <= 1 ? x : 1 + R * -Math.expm1(-(x - 1) / R);
}

/** Elasticity x g'(x) / g(x) of `saturate` (1 up to x = 1, then strictly decreasing to 0). */
function saturateElasticity(x: number, R: number): number {
  if (x <= 1) return 1;
  const u = Math.exp(-(x - 1) / R);
  return (x * u) / (1 + R * (1 - u));
}

/**
 * Effective data D' of training on D tokens drawn from U unique tokens.
 *
 * D' = U + U·R_D*·(1 − exp(−R_D/R_D*)), R_D = max(D/U − 1, 0); D' ≤ U·(1 + R_D*), and D' = D without repetition.
 * @param U unique tokens (> 0)
 * @param D total training tokens (> 0); if D < U only D unique tokens are seen and D' = D
 * @param RDstar R_D* (> 0), default the C4 fit's 15.387756
 * @returns effective tokens D'
 * @throws InvalidInputError if an argument is not a finite positive number
 * @example Math.round(laws.muennighoff.effectiveData({ U: 1e10, D: 5e10 }) / 1e6) // => 45224
 * @see muennighoffCitation
 */
export function muennighoffEffectiveData(U: number, D: number, RDstar: number = MUENNIGHOFF_C4.params.RDstar): number {
  const fn = "laws.muennighoff.effectiveData";
  assertPositive(fn, "U", U);
  assertPositive(fn, "D", D);
  assertPositive(fn, "RDstar", RDstar);
  const u = Math.min(U, D);
  return u * saturate(D / u, RDstar);
}

/**
 * The parameter count that is compute-optimal for D tokens under the base law (datablations' `D_to_N`).
 *
 * N_base(D) = G·(D·G)^(beta/alpha), G = ((alpha·A)/(beta·B))^(1/(alpha+beta)).
 * @param D tokens (> 0)
 * @param p law parameters, default the C4 fit
 * @returns parameters
 * @throws InvalidInputError for non-positive D or parameters
 * @example Math.round(laws.muennighoff.baseParams({ D: 25e9 }) / 1e6) // => 1275
 * @see muennighoffCitation
 */
export function muennighoffBaseParams(D: number, p: MuennighoffParams = MUENNIGHOFF_C4.params): number {
  const fn = "laws.muennighoff.baseParams";
  assertPositive(fn, "D", D);
  checkParams(fn, p);
  return baseParams(D, p);
}

function chinchillaG(p: MuennighoffParams): number {
  return ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
}

function baseParams(D: number, p: MuennighoffParams): number {
  const G = chinchillaG(p);
  return G * (D * G) ** (p.beta / p.alpha);
}

/**
 * Effective parameters N' of an N-parameter model trained on D tokens of which U are unique.
 *
 * U_N = min(N, N_base(min(U, D))), R_N = max(N/U_N − 1, 0), N' = U_N + U_N·R_N*·(1 − exp(−R_N/R_N*)).
 * @param N parameters (> 0)
 * @param D total training tokens (> 0)
 * @param U unique tokens (> 0)
 * @param p law parameters, default the C4 fit
 * @returns effective parameters N' (≤ N)
 * @throws InvalidInputError for non-positive inputs
 * @example laws.muennighoff.effectiveParams({ N: 1e9, D: 20e9, U: 25e9 }) // => 1e9
 * @see muennighoffCitation
 */
export function muennighoffEffectiveParams(N: number, D: number, U: number, p: MuennighoffParams = MUENNIGHOFF_C4.params): number {
  const fn = "laws.muennighoff.effectiveParams";
  assertPositive(fn, "N", N);
  assertPositive(fn, "D", D);
  assertPositive(fn, "U", U);
  checkParams(fn, p);
  const UN = Math.min(N, baseParams(Math.min(U, D), p));
  return UN * saturate(N / UN, p.RNstar);
}

function lossUnchecked(N: number, D: number, U: number, p: MuennighoffParams): number {
  const u = Math.min(U, D);
  const Dp = u * saturate(D / u, p.RDstar);
  const UN = Math.min(N, baseParams(u, p));
  const Np = UN * saturate(N / UN, p.RNstar);
  return p.E + p.A / Np ** p.alpha + p.B / Dp ** p.beta;
}

/** The loss-optimal split of a compute budget under a unique-data budget. */
export interface MuennighoffAllocation {
  /** Parameters. */
  readonly N: number;
  /** Total training tokens (D = C / (6N)). */
  readonly D: number;
  /** Unique tokens available. */
  readonly U: number;
  /** Epochs over the unique data, D / U. */
  readonly epochs: number;
  readonly tokensPerParam: number;
  /** Predicted loss, nats/token. */
  readonly loss: number;
  /** Effective data and parameters at the optimum. */
  readonly effectiveData: number;
  readonly effectiveParams: number;
  /** True when U ≥ the Chinchilla-optimal D for C: the answer is then the unconstrained closed form. */
  readonly unconstrained: boolean;
  /** dL/dlnN at the optimum (0 at an interior optimum, up to rounding). */
  readonly gradient: number;
}

/**
 * d/dt of the loss along the budget line, t = ln N, D = C/(6N), on one side of N_U = C/(6U).
 * `repeated`: the piece N < N_U (D > U, cap N_base(U) fixed); otherwise N ≥ N_U (D ≤ U, cap N_base(D)).
 */
function budgetSlope(t: number, C: number, U: number, p: MuennighoffParams, repeated: boolean): number {
  const N = Math.exp(t);
  const D = C / (6 * N);
  let Np: number, dlnNp: number, Dp: number, dlnDp: number;
  if (repeated) {
    Dp = U * saturate(D / U, p.RDstar);
    dlnDp = saturateElasticity(D / U, p.RDstar);
    const cap = baseParams(U, p);
    Np = cap * saturate(N / cap, p.RNstar);
    dlnNp = saturateElasticity(N / cap, p.RNstar);
  } else {
    Dp = D;
    dlnDp = 1;
    const cap = baseParams(D, p);
    const r = p.beta / p.alpha;
    Np = cap * saturate(N / cap, p.RNstar);
    dlnNp = -r + (1 + r) * saturateElasticity(N / cap, p.RNstar);
  }
  // dlnD/dt = −1, so the data term's slope has the opposite sign of its slope in lnD.
  return -p.alpha * p.A * Np ** -p.alpha * dlnNp + p.beta * p.B * Dp ** -p.beta * dlnDp;
}

/**
 * Minimises a convex piece of the budget-line loss over t ∈ [lo, hi] (hi may be +∞, lo may be −∞) by bisection on its
 * nondecreasing slope. Brackets are grown geometrically until the slope's sign is proven at both ends.
 */
function minimiseConvexPiece(slope: (t: number) => number, lo: number, hi: number, start: number): number {
  const fn = "laws.muennighoff.optimal";
  let a = lo, b = hi;
  if (!Number.isFinite(a)) {
    a = start;
    for (let step = 1; slope(a) >= 0; step *= 2) {
      a -= step;
      if (step > 1e4) throw new DidNotConvergeError(fn, "could not bracket the optimum from below", "check that the parameters are finite and positive");
    }
  } else if (slope(a) >= 0) return a;
  if (!Number.isFinite(b)) {
    b = Math.max(start, a);
    for (let step = 1; slope(b) <= 0; step *= 2) {
      b += step;
      if (step > 1e4) throw new DidNotConvergeError(fn, "could not bracket the optimum from above", "check that the parameters are finite and positive");
    }
  } else if (slope(b) <= 0) return b;
  // Bisection to adjacent doubles: the slope is monotone on the piece, so the bracket always holds the minimiser.
  for (let i = 0; i < 200; i++) {
    const m = 0.5 * (a + b);
    if (m <= a || m >= b) break;
    if (slope(m) > 0) b = m;
    else a = m;
  }
  return 0.5 * (a + b);
}

/**
 * Loss-optimal (N, D) for training compute C = 6ND when only U unique tokens exist, solved exactly.
 *
 * Along the budget line (t = ln N) the loss is convex on each side of N_U = C/(6U): ln D' and ln N' are concave in
 * t there (the saturation g has decreasing elasticity), so A·N'^−alpha and B·D'^−beta are convex. Each piece is
 * minimised by bisection on its analytic slope with a bracket whose end signs are checked, and the better piece
 * wins. When U ≥ D_opt(C) the result equals the Chinchilla closed form N_opt = G·(C/6)^(beta/(alpha+beta)).
 * Because the bisection follows the analytic slope, it stays exact where both terms saturate and the loss itself is
 * flat to double precision (hundreds of epochs).
 * @param C training FLOP (> 0), C = 6ND
 * @param U unique tokens available (> 0)
 * @param p law parameters, default the C4 fit
 * @returns the optimum with its loss, epochs and effective data/params
 * @throws InvalidInputError for non-positive inputs; DidNotConvergeError only for degenerate parameters
 * @example Math.round(laws.muennighoff.optimal({ C: 6 * 8.67e9 * 178e9, U: 25e9 }).epochs * 10) / 10 // => 9.1
 * @see muennighoffCitation
 */
export function muennighoffOptimalAllocation(C: number, U: number, p: MuennighoffParams = MUENNIGHOFF_C4.params): MuennighoffAllocation {
  const fn = "laws.muennighoff.optimal";
  assertPositive(fn, "C", C);
  assertPositive(fn, "U", U);
  checkParams(fn, p);
  const Nopt = chinchillaOptimal(p, C).N;
  const tU = Math.log(C / (6 * U));
  const candidates: number[] = [];
  const unconstrained = Nopt > Math.exp(tU);
  if (unconstrained) {
    // D' ≤ D and N' ≤ N everywhere, with equality at N_opt, so the Chinchilla optimum is the global one.
    candidates.push(Math.log(Nopt));
  } else {
    candidates.push(minimiseConvexPiece((t) => budgetSlope(t, C, U, p, true), -Infinity, tU, Math.min(Math.log(Nopt), tU)));
    candidates.push(minimiseConvexPiece((t) => budgetSlope(t, C, U, p, false), tU, Infinity, tU));
  }
  let best = candidates[0], bestLoss = Infinity;
  for (const t of candidates) {
    const N = Math.exp(t);
    const L = lossUnchecked(N, C / (6 * N), U, p);
    if (L < bestLoss) [best, bestLoss] = [t, L];
  }
  const N = Math.exp(best);
  const D = C / (6 * N);
  const u = Math.min(U, D);
  const UN = Math.min(N, baseParams(u, p));
  return {
    N,
    D,
    U,
    epochs: D / U,
    tokensPerParam: D / N,
    loss: bestLoss,
    effectiveData: u * saturate(D / u, p.RDstar),
    effectiveParams: UN * saturate(N / UN, p.RNstar),
    unconstrained,
    gradient: budgetSlope(best, C, U, p, best < tU),
  };
}

/** One training run for the data-constrained fit: parameters, total tokens, unique tokens (and the observed loss). */
export interface MuennighoffRun {
  readonly N: number;
  readonly D: number;
  readonly U: number;
}

/**
 * Step 2 of the paper's fit as a Model: (R_D*, R_N*) with the base law frozen (both optimised in log space).
 * Value is the loss in nats; the gradient is analytic.
 * @param base the frozen base law (E, A, B, alpha, beta), default the C4 fit
 * @returns a Model over runs {N, D, U} with params [RDstar, RNstar]
 * @example laws.muennighoff.repetitionModel().value([15.387756, 5.309743], { N: 6.34e9, D: 242e9, U: 25e9 }) // => 2.2256440889984477
 * @see muennighoffCitation
 */
export function muennighoffRepetitionModel(base: Omit<MuennighoffParams, "RDstar" | "RNstar"> = MUENNIGHOFF_C4.params): Model<MuennighoffRun, "RDstar" | "RNstar"> {
  checkParams("laws.muennighoff.repetitionModel", { ...base, RDstar: 1, RNstar: 1 });
  const valueAndGradient = (theta: ArrayLike<number>, x: MuennighoffRun, grad?: Float64Array): number => {
    const [RD, RN] = [theta[0], theta[1]];
    const u = Math.min(x.U, x.D);
    const UN = Math.min(x.N, baseParams(u, { ...base, RDstar: RD, RNstar: RN }));
    const yD = x.D / u - 1, yN = x.N / UN - 1;
    const Dp = u * saturate(x.D / u, RD), Np = UN * saturate(x.N / UN, RN);
    if (grad) {
      // d/dR [U·R·(1 − e^{−y/R})] = U·[(1 − e^{−y/R}) − (y/R)·e^{−y/R}]
      const dDp = yD > 0 ? u * (-Math.expm1(-yD / RD) - (yD / RD) * Math.exp(-yD / RD)) : 0;
      const dNp = yN > 0 ? UN * (-Math.expm1(-yN / RN) - (yN / RN) * Math.exp(-yN / RN)) : 0;
      grad[0] = -base.beta * base.B * Dp ** (-base.beta - 1) * dDp;
      grad[1] = -base.alpha * base.A * Np ** (-base.alpha - 1) * dNp;
    }
    return base.E + base.A / Np ** base.alpha + base.B / Dp ** base.beta;
  };
  return {
    id: "muennighoff-repetition",
    params: [
      { name: "RDstar", transform: "log", description: "R_D*, epochs of repeated data worth keeping" },
      { name: "RNstar", transform: "log", description: "R_N*, decay of excess parameters" },
    ],
    value: (theta, x) => valueAndGradient(theta, x),
    valueAndGradient: (theta, x, grad) => valueAndGradient(theta, x, grad),
  };
}

function positive(fn: string, x: object, keys: readonly string[]): void {
  if (!x || typeof x !== "object") throw new InvalidInputError(fn, `input must be an object { ${keys.join(", ")} }`);
  for (const k of keys) assertPositive(fn, k, (x as Record<string, number>)[k]);
}

const params = (fn: string, p: ParamsLike<MuennighoffParamName> | undefined): MuennighoffParams => {
  const v = paramsOf(fn, NAMES, p ?? MUENNIGHOFF_C4);
  checkParams(fn, v);
  return v;
};

/**
 * `laws.muennighoff`: the data-constrained loss L(N, D, U) = E + A/N'^alpha + B/D'^beta (nats/token) with the
 * effective data D' and parameters N' of repeated tokens. Matches the datablations README's `scaling_law(N, D, U)`
 * (which requires U ≤ D; here U > D means only D unique tokens are seen, as in its `optimal_allocation`).
 * @example laws.muennighoff.predict({ N: 6.34e9, D: 242e9, U: 25e9 }) // => 2.2256440889984477
 * @see muennighoffCitation
 */
export const muennighoff = defineLaw({
  id: "muennighoff-data-constrained",
  api: "laws.muennighoff",
  name: "Data-constrained scaling law (Muennighoff 2023)",
  topic: "loss",
  latex:
    "L = E + \\frac{A}{N'^{\\alpha}} + \\frac{B}{D'^{\\beta}},\\; D' = U_D + U_D R_D^* (1 - e^{-R_D/R_D^*}),\\; N' = U_N + U_N R_N^* (1 - e^{-R_N/R_N^*})",
  formula: "u = min(U, D); Dp = u * (1 + RDstar * (1 - exp(-(D / u - 1) / RDstar))); G = (alpha * A / (beta * B))^(1 / (alpha + beta)); " +
    "UN = min(N, G * (u * G)^(beta / alpha)); Np = UN * (1 + RNstar * (1 - exp(-(N / UN - 1) / RNstar))); E + A / Np^alpha + B / Dp^beta",
  inputs: { N: "parameters (total)", D: "training tokens", U: "unique tokens available (U_D)" },
  output: "held-out C4 loss, nats/token",
  params: [
    { name: "E", transform: "log", description: "irreducible loss, nats/token" },
    { name: "A", transform: "log" }, { name: "B", transform: "log" },
    { name: "alpha", transform: "log" }, { name: "beta", transform: "log" },
    { name: "RDstar", transform: "log", description: "R_D*, epochs of repeated data worth keeping" },
    { name: "RNstar", transform: "log", description: "R_N*, decay of excess parameters" },
  ],
  published: { c4: MUENNIGHOFF_C4 },
  // The data-constrained runs: 10M–9B parameters, up to 900B tokens, 100M–100B unique tokens (approximate).
  ranges: { N: [1e7, 9e9], D: [1e8, 9e11], U: [1e8, 1e11] },
  budget: { name: "C", meaning: "training compute, FLOP (C ≈ 6·N·D)", of: (x: MuennighoffRun) => 6 * x.N * x.D },
  citation: muennighoffCitation,
  predict: (x: MuennighoffRun, p) => {
    checkParams("laws.muennighoff.predict", p);
    return lossUnchecked(x.N, x.D, x.U, p);
  },
}, {
  /**
   * Loss-optimal (N, D) for training compute C = 6ND when only U unique tokens exist, solved exactly: on each
   * convex branch of the repetition penalty the bracketed slope replaces a grid search.
   */
  optimal(x: { C: number; U: number }, p?: ParamsLike<MuennighoffParamName>): MuennighoffAllocation {
    const fn = "laws.muennighoff.optimal";
    positive(fn, x, ["C", "U"]);
    return displayResult(`${fn}: loss-optimal N, D at C = ${x.C.toExponential(3)} FLOPs, U = ${x.U.toExponential(3)} unique tokens`, muennighoffOptimalAllocation(x.C, x.U, params(fn, p)));
  },
  /** Effective data D' of training on D tokens drawn from U unique tokens. */
  effectiveData(x: { U: number; D: number }, p?: ParamsLike<MuennighoffParamName>): number {
    const fn = "laws.muennighoff.effectiveData";
    positive(fn, x, ["U", "D"]);
    return muennighoffEffectiveData(x.U, x.D, params(fn, p).RDstar);
  },
  /** Effective parameters N' of an N-parameter model trained on D tokens of which U are unique. */
  effectiveParams(x: MuennighoffRun, p?: ParamsLike<MuennighoffParamName>): number {
    const fn = "laws.muennighoff.effectiveParams";
    positive(fn, x, ["N", "D", "U"]);
    return muennighoffEffectiveParams(x.N, x.D, x.U, params(fn, p));
  },
  /** The parameter count that is compute-optimal for D tokens under the base law (datablations' `D_to_N`). */
  baseParams(x: { D: number }, p?: ParamsLike<MuennighoffParamName>): number {
    const fn = "laws.muennighoff.baseParams";
    positive(fn, x, ["D"]);
    return muennighoffBaseParams(x.D, params(fn, p));
  },
  /** Step 2 of the paper's fit: (R_D*, R_N*) with the base law frozen, as a Model for fit.model. */
  repetitionModel: muennighoffRepetitionModel,
});
