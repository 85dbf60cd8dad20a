/**
 * Ye et al. 2024 data mixing law for one validation domain i: L_i(r) = c_i + k_i·exp(Σ_j t_ij r_j), with r the
 * training mixture. The law, its Model (analytic gradient) for lib/fit, and the per-domain fit.
 */
import { defineCard, InsufficientDataError, InvalidInputError } from "../core";

import type { Model } from "../fit/model";
import { fitModelSync } from "../fit/fit";

import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";
import { assertMixture } from "./simplex";
import { yeMixingCitation } from "../core/bibliography";


/** Parameters of the mixing law of one validation domain. */
export interface MixingLawParams {
  /** c: mixture-independent part of the loss, nats/token. */
  readonly c: number;
  /** k: scale of the mixture-dependent part (> 0), nats/token. */
  readonly k: number;
  /** t_j: effect of training proportion r_j on the log of the reducible loss (negative = domain j helps). */
  readonly t: readonly number[];
}

/**
 * Loss on one validation domain predicted by the data mixing law.
 * Formula: L(r) = c + k·exp(Σ_j t_j r_j).
 * @param law c, k, t (one t per training domain)
 * @param r training mixture (≥ 0, Σ = 1)
 * @returns loss, nats/token
 * @throws InvalidInputError when r is not a mixture of t.length domains or k ≤ 0
 * @example mixingLawLoss({ c: 1, k: 2, t: [0, 0] }, [0.3, 0.7]) // => 3
 * @see yeMixingCitation
 */
export function mixingLawLoss(law: MixingLawParams, r: ArrayLike<number>): number {
  const fn = "mixingLawLoss";
  checkMixingLawParams(fn, law);
  assertMixture(fn, "r", r, law.t.length);
  let z = 0;
  for (let j = 0; j < r.length; j++) z += law.t[j] * r[j];
  return law.c + law.k * Math.exp(z);
}

/** @throws InvalidInputError unless c, t are finite and k > 0 */
export function checkMixingLawParams(fn: string, law: MixingLawParams): void {
  if (!law || !Array.isArray(law.t as unknown) || law.t.length === 0) throw new InvalidInputError(fn, "law.t must be a non-empty array (one t per training domain)");
  if (!Number.isFinite(law.c)) throw new InvalidInputError(fn, `law.c = ${law.c} is not finite`);
  if (!(law.k > 0 && Number.isFinite(law.k))) throw new InvalidInputError(fn, `law.k = ${law.k}; k must be finite and > 0`);
  law.t.forEach((x, j) => {
    if (!Number.isFinite(x)) throw new InvalidInputError(fn, `law.t[${j}] = ${x} is not finite`);
  });
}

/**
 * The mixing law of one validation domain over `domains` training domains as a Model for lib/fit, in the gauge
 * k = 1. Because Σ_j r_j = 1, k·exp(Σ t_j r_j) = exp(Σ (t_j + log k) r_j): k and the t_j are not separately
 * identifiable, so the fit estimates c and the t_j (the log k is folded into every t_j) and reports k = 1.
 * Params: c, t_1 … t_M; analytic gradient.
 * @param domains number of training domains M (≥ 2)
 * @throws InvalidInputError for M < 2
 * @example mixingLawModel(2).value([1, Math.log(2), Math.log(2)], [0.5, 0.5]) // => 3
 * @see yeMixingCitation
 */
export function mixingLawModel(domains: number): Model<readonly number[]> {
  if (!(Number.isInteger(domains) && domains >= 2)) throw new InvalidInputError("mixingLawModel", `domains = ${domains}; need an integer ≥ 2`);
  return {
    id: `ye-mixing-law-${domains}`,
    params: [
      { name: "c", description: "mixture-independent loss, nats/token" },
      ...Array.from({ length: domains }, (_, j) => ({ name: `t${j + 1}`, description: `effect of training proportion r${j + 1} (k = 1 gauge)` })),
    ],
    value: (th, r) => {
      let z = 0;
      for (let j = 0; j < domains; j++) z += th[j + 1] * r[j];
      return th[0] + Math.exp(z);
    },
    valueAndGradient: (th, r, g) => {
      let z = 0;
      for (let j = 0; j < domains; j++) z += th[j + 1] * r[j];
      const e = Math.exp(z);
      g[0] = 1;
      for (let j = 0; j < domains; j++) g[j + 1] = e * r[j];
      return th[0] + e;
    },
  };
}

/** A fitted mixing law of one validation domain. */
export interface MixingLawFit {
  readonly params: MixingLawParams;
  /** The engine's result (parameters in the k = 1 gauge, diagnostics, uncertainty). */
  readonly fit: FitResult;
  /** Predicted loss for a mixture. */
  predict(r: ArrayLike<number>): number;
}

/** Options of fitMixingLaw. */
export interface FitMixingLawOptions {
  /**
   * Start values of every t_j (default [-4, -2, 0, 1]); c starts at {0, 0.5, 0.8, 0.95}·min L. Up to 4 domains the
   * starts are the full grid over (c, t_1..t_M); with more, every t_j starts at the same grid value.
   */
  readonly tGrid?: readonly number[];
  /** Passed to the fitting engine (default: least squares on the loss, objective "mse", space "linear"). */
  readonly fit?: FitOptions;
}

/**
 * Fits the data mixing law of one validation domain by least squares over a multi-start grid (lib/fit).
 * Formula: L(r) = c + k·exp(Σ_j t_j r_j), reported with k = 1 (see mixingLawModel).
 * @param R training mixtures, one row per run (M ≥ 2 proportions each, Σ = 1)
 * @param L validation loss of each run on this domain, nats/token (> 0)
 * @param options start grid and engine options
 * @returns parameters, engine result and a predictor
 * @throws InvalidInputError for bad mixtures or losses; InsufficientDataError for fewer than M + 1 runs
 * @example Math.round(fitMixingLaw([[0, 1], [0.25, 0.75], [0.5, 0.5], [0.75, 0.25], [1, 0]], [0, 0.25, 0.5, 0.75, 1].map((a) => 1 + Math.exp(-a))).params.c * 1e4) / 1e4 // => 1
 * @see yeMixingCitation
 */
export function fitMixingLaw(R: readonly (readonly number[])[], L: ArrayLike<number>, options: FitMixingLawOptions = {}): MixingLawFit {
  const fn = "fitMixingLaw";
  if (!Array.isArray(R as unknown) || R.length === 0) throw new InvalidInputError(fn, "R must be a non-empty array of mixtures");
  const M = R[0]?.length ?? 0;
  if (M < 2) throw new InvalidInputError(fn, `mixtures need ≥ 2 training domains, got ${M}`);
  R.forEach((r, i) => assertMixture(fn, `R[${i}]`, r, M));
  if (!L || L.length !== R.length) throw new InvalidInputError(fn, `need one loss per mixture; got ${R.length} mixtures and ${L?.length ?? 0} losses`);
  for (let i = 0; i < L.length; i++) {
    if (!(Number.isFinite(L[i]) && L[i] > 0)) throw new InvalidInputError(fn, `L[${i}] = ${L[i]}; losses must be finite and > 0`);
  }
  if (R.length < M + 1) throw new InsufficientDataError(fn, M + 1, R.length, `the law has ${M + 1} identifiable parameters (c and ${M} t's)`);
  const minL = Math.min(...Array.from(L));
  const tGrid = options.tGrid ?? [-4, -2, 0, 1];
  const cGrid = [0, 0.5, 0.8, 0.95].map((f) => f * minL);
  // Up to 4 domains: the full Cartesian grid over (c, t_1..t_M); beyond, it explodes (4^M), so start from every
  // (c, common t) pair instead.
  const starts: { grid?: Record<string, number[]>; starts?: number[][] } = {};
  if (M <= 4) {
    const grid: Record<string, number[]> = { c: cGrid };
    for (let j = 0; j < M; j++) grid[`t${j + 1}`] = [...tGrid];
    starts.grid = grid;
  } else {
    starts.starts = cGrid.flatMap((c) => tGrid.map((t) => [c, ...new Array<number>(M).fill(t)]));
  }
  const fit = fitModelSync(mixingLawModel(M), R, L, { objective: "mse", space: "linear", workers: 0, ...options.fit, ...starts });
  const params: MixingLawParams = { c: fit.params.c, k: 1, t: Array.from({ length: M }, (_, j) => fit.params[`t${j + 1}`]) };
  return { params, fit, predict: (r) => mixingLawLoss(params, r) };
}

export const yeMixingLaw = defineCard({
  id: "ye-data-mixing-law",
  name: "Data mixing law (Ye et al. 2024)",
  topic: "mixing",
  latex: "L_i(r_{1..M}) = c_i + k_i \\exp\\Big(\\sum_{j=1}^{M} t_{ij} r_j\\Big)",
  formula: "c_i + k_i * exp(sum_j t_ij * r_j)",
  variables: {
    "r_j": "training proportion of domain j (fraction, Σ r_j = 1)",
    "L_i": "validation loss on domain i, nats/token",
    "c_i": "mixture-independent loss, nats/token",
    "k_i": "scale of the mixture-dependent loss, nats/token (not identifiable apart from t when Σ r = 1; fitted as 1)",
    "t_ij": "effect of training domain j on validation domain i (negative helps)",
  },
  citation: yeMixingCitation,
  status: "confirmed",
  api: "mixingLawLoss",
});
