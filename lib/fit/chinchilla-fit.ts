/**
 * Chinchilla-specific fitting: input checks, Hoffmann's start grid, derived quantities with bootstrap bands,
 * and the chi-square test of a published parameter set (Besiroglu et al. 2024).
 */
import { InsufficientDataError, InvalidInputError, ScalingLabError } from "../core";
import {
  chinchillaModel, chinchillaOptimal, HOFFMANN_GRID, type ChinchillaParams, type ChinchillaRow,
} from "../laws/chinchilla";
import { fitModel } from "./fit";
import type { FitOptions } from "./options";
import type { FitResult } from "./result";
import { inverseOrNull, quadraticForm, sampleCovariance } from "../numeric/linalg";
import { chiSquareSurvival } from "../numeric/special";
import { quantileSorted } from "../numeric/quantile";

/** Observations for a Chinchilla fit: rows, or parallel arrays. */
export type ChinchillaData =
  | readonly { readonly N: number; readonly D: number; readonly loss: number }[]
  | { readonly N: ArrayLike<number>; readonly D: ArrayLike<number>; readonly loss: ArrayLike<number> };

/**
 * A coarse default grid (243 starts) in scale coordinates: e ∈ {−1, 0, 1}, a, b ∈ {0, 10, 20}, α, β ∈ {0.5, 1, 1.5}.
 * @example Object.values(CHINCHILLA_DEFAULT_GRID).reduce((n, v) => n * v.length, 1) // => 243
 */
export const CHINCHILLA_DEFAULT_GRID: Readonly<Record<keyof ChinchillaParams, readonly number[]>> = {
  E: [-1, 0, 1],
  A: [0, 10, 20],
  B: [0, 10, 20],
  alpha: [0.5, 1, 1.5],
  beta: [0.5, 1, 1.5],
};

export interface ChinchillaFitOptions extends Omit<FitOptions, "grid"> {
  /** "hoffmann" (4,500 starts), "default" (243 starts), or a custom grid in scale coordinates. */
  readonly grid?: "hoffmann" | "default" | Readonly<Record<string, readonly number[]>>;
}

/** Validates and splits Chinchilla data into rows and losses. */
export function chinchillaRows(fn: string, data: ChinchillaData): { rows: ChinchillaRow[]; loss: number[] } {
  if (!data || typeof data !== "object") throw new InvalidInputError(fn, "data must be rows [{ N, D, loss }] or arrays { N, D, loss }");
  let N: ArrayLike<number>, D: ArrayLike<number>, L: ArrayLike<number>;
  if (Array.isArray(data)) {
    const rows = data as readonly { N: number; D: number; loss: number }[];
    N = rows.map((r) => r?.N); D = rows.map((r) => r?.D); L = rows.map((r) => r?.loss);
  } else {
    const d = data as { N: ArrayLike<number>; D: ArrayLike<number>; loss: ArrayLike<number> };
    if (!d.N || !d.D || !d.loss) throw new InvalidInputError(fn, "data arrays need N, D and loss");
    if (d.N.length !== d.D.length || d.N.length !== d.loss.length) {
      throw new InvalidInputError(fn, `N, D and loss must have equal lengths; got ${d.N.length}, ${d.D.length}, ${d.loss.length}`);
    }
    N = d.N; D = d.D; L = d.loss;
  }
  const n = N.length;
  for (let i = 0; i < n; i++) {
    for (const [name, v] of [["N", N[i]], ["D", D[i]], ["loss", L[i]]] as const) {
      if (!(typeof v === "number" && Number.isFinite(v) && v > 0)) {
        throw new InvalidInputError(fn, `need ≥ 5 points with N, D, loss > 0; row ${i} has ${name} = ${String(v)}`, "drop or fix that row");
      }
    }
  }
  if (n < 5) throw new InsufficientDataError(fn, 5, n, "the Chinchilla law has 5 parameters");
  return { rows: Array.from({ length: n }, (_, i) => ({ N: N[i], D: D[i] })), loss: Array.from(L) };
}

/**
 * Fits L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022 Approach 3; by default Huber δ = 1e-3 on log loss,
 * sum, L-BFGS from a 243-start grid; `grid: "hoffmann"` gives their 4,500 starts).
 * @param data rows [{ N, D, loss }] or arrays { N, D, loss }
 * @param options FitOptions plus `grid`
 * @returns a FitResult with params E, A, B, alpha, beta
 * @throws InvalidInputError naming the first bad row; InsufficientDataError below 5 points
 * @see Besiroglu et al. 2024 (arXiv 2404.10102)
 */
export async function fitChinchilla(data: ChinchillaData, options: ChinchillaFitOptions = {}): Promise<FitResult> {
  const { rows, loss } = chinchillaRows("fitChinchilla", data);
  return fitModel(chinchillaModel, rows, loss, chinchillaFitOptions("fitChinchilla", options));
}

/** Resolves the Chinchilla grid choice into plain FitOptions. */
export function chinchillaFitOptions(fn: string, options: ChinchillaFitOptions): FitOptions {
  const { grid, ...rest } = options;
  if (grid === "hoffmann") return { ...rest, grid: HOFFMANN_GRID };
  if (grid === "default" || (grid === undefined && !rest.init && !rest.starts)) return { ...rest, grid: CHINCHILLA_DEFAULT_GRID };
  if (typeof grid === "string") throw new InvalidInputError(fn, `unknown grid "${grid}"; valid: hoffmann, default, or an object of start values`);
  return { ...rest, grid };
}

function chinchillaParamsOf(names: readonly string[], v: readonly number[]): ChinchillaParams {
  const get = (k: string) => v[names.indexOf(k)];
  return { E: get("E"), A: get("A"), B: get("B"), alpha: get("alpha"), beta: get("beta") };
}

function requireChinchillaBootstrap(fn: string, r: FitResult): readonly (readonly number[])[] {
  if (r.model !== "chinchilla") throw new InvalidInputError(fn, `expected a Chinchilla fit, got model "${r.model}"`);
  if (!r.bootstrap) throw new InvalidInputError(fn, "the fit has no bootstrap", "fit with { bootstrap: 1000, seed: 1 } or more resamples");
  return r.bootstrap.samples;
}

/** A point estimate with a bootstrap band. */
export interface BandedValue {
  readonly estimate: number;
  readonly lo: number;
  readonly hi: number;
}

export interface ChinchillaDerived {
  readonly level: number;
  /** a = β/(α+β), the exponent of N_opt ∝ C^a. */
  readonly a: BandedValue;
  readonly budgets: readonly {
    readonly C: number;
    readonly N: BandedValue;
    readonly D: BandedValue;
    readonly tokensPerParam: BandedValue;
    readonly loss: BandedValue;
  }[];
}

/**
 * Propagates a bootstrapped Chinchilla fit to derived quantities: a = β/(α+β), and at each budget C the
 * compute-optimal N, D, tokens per parameter and loss, each with a percentile band over the resamples.
 * @param result fitChinchilla result with `bootstrap`
 * @param budgets FLOP budgets
 * @param level band coverage (default 0.8, as in Besiroglu et al.'s Fig. 5)
 * @throws InvalidInputError when the fit has no bootstrap
 */
export function chinchillaDerived(result: FitResult, budgets: readonly number[], level = 0.8): ChinchillaDerived {
  const fn = "chinchillaDerived";
  const samples = requireChinchillaBootstrap(fn, result);
  if (!(level > 0 && level < 1)) throw new InvalidInputError(fn, `level must be in (0, 1), got ${level}`);
  budgets.forEach((C, i) => {
    if (!(Number.isFinite(C) && C > 0)) throw new InvalidInputError(fn, `budget ${i} is ${C}; budgets must be finite FLOP counts > 0`);
  });
  const names = result.paramNames;
  const best = chinchillaParamsOf(names, names.map((n) => result.params[n]));
  const boot = samples.map((s) => chinchillaParamsOf(names, s));
  const band = (estimate: number, values: number[]): BandedValue => {
    const sorted = values.filter(Number.isFinite).sort((x, y) => x - y);
    return { estimate, lo: quantileSorted(sorted, (1 - level) / 2), hi: quantileSorted(sorted, (1 + level) / 2) };
  };
  return {
    level,
    a: band(best.beta / (best.alpha + best.beta), boot.map((p) => p.beta / (p.alpha + p.beta))),
    budgets: budgets.map((C) => {
      const est = chinchillaOptimal(best, C);
      const opts = boot.map((p) => chinchillaOptimal(p, C));
      return {
        C,
        N: band(est.N, opts.map((o) => o.N)),
        D: band(est.D, opts.map((o) => o.D)),
        tokensPerParam: band(est.tokensPerParam, opts.map((o) => o.tokensPerParam)),
        loss: band(est.loss, opts.map((o) => o.loss)),
      };
    }),
  };
}

export interface ChiSquareTest {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/**
 * Chi-square test of a published parameter set against a bootstrapped fit:
 * χ² = (θ_pub − θ̂)ᵀ Σ⁻¹ (θ_pub − θ̂), Σ = bootstrap covariance of (log A, log B, log E, α, β), df = 5
 * (Besiroglu et al. 2024, Section 3: 238.4 for Hoffmann's unrounded constants).
 * @param result fitChinchilla result with `bootstrap`
 * @param published the constants to test
 * @throws InvalidInputError when the fit has no bootstrap; ScalingLabError when Σ is singular
 */
export function chinchillaChiSquare(result: FitResult, published: ChinchillaParams): ChiSquareTest {
  const fn = "chinchillaChiSquare";
  const samples = requireChinchillaBootstrap(fn, result);
  const names = result.paramNames;
  const toLog = (p: ChinchillaParams) => [Math.log(p.A), Math.log(p.B), Math.log(p.E), p.alpha, p.beta];
  const inv = inverseOrNull(sampleCovariance(samples.map((s) => toLog(chinchillaParamsOf(names, s)))));
  if (!inv) throw new ScalingLabError(fn, "the bootstrap covariance is singular", "use more resamples");
  const est = toLog(chinchillaParamsOf(names, names.map((n) => result.params[n])));
  const pub = toLog(published);
  const statistic = quadraticForm(inv, pub.map((v, j) => v - est[j]));
  return { statistic, df: 5, pValue: chiSquareSurvival(statistic, 5) };
}
