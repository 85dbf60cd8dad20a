/**
 * Chinchilla-specific fitting: the start-grid choice, derived quantities with bootstrap bands, and the
 * chi-square test of a published parameter set (Besiroglu et al. 2024). Exposed on `laws.chinchilla`
 * (`fit`'s `grid` option, `derived`, `chiSquare`).
 */
import { displayResult, InvalidInputError, ScalingLabError } from "../core";
import {
  CHINCHILLA_DEFAULT_GRID, chinchillaOptimal, HOFFMANN_GRID, type ChinchillaParamName, type ChinchillaParams,
} from "./chinchilla";
import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";
import { resolveLawFitOptions, type LawFitOptions } from "./law";
import { inverseOrNull, quadraticForm, sampleCovariance } from "../numeric/linalg";
import { chiSquareSurvival } from "../numeric/special";
import { quantileSorted } from "../numeric/quantile";

/** A Chinchilla fit's result: `params` is { E, A, B, alpha, beta }. */
export type ChinchillaFit = FitResult<ChinchillaParamName>;

/**
 * The Chinchilla law's named start grids and fit defaults: "default" (243 starts) unless the caller gives init,
 * starts or a grid; "hoffmann" is Hoffmann et al.'s 4,500 starts.
 */
export const CHINCHILLA_FITTING = {
  grids: { hoffmann: HOFFMANN_GRID, default: CHINCHILLA_DEFAULT_GRID },
  fitDefaults: { grid: "default" },
} as const;

/** `laws.chinchilla.fit` options: FitOptions with `grid: "hoffmann" | "default" | <custom grid>`. */
export type ChinchillaFitOptions = LawFitOptions<keyof typeof CHINCHILLA_FITTING.grids>;

/** Resolves the Chinchilla grid choice into plain FitOptions (for fits outside `laws.chinchilla.fit`, e.g. the sensitivity report). */
export function chinchillaFitOptions(fn: string, options: ChinchillaFitOptions): FitOptions {
  return resolveLawFitOptions(fn, CHINCHILLA_FITTING, options);
}

function chinchillaParamsOf(names: readonly string[], v: ArrayLike<number>): ChinchillaParams {
  const get = (k: string) => v[names.indexOf(k)];
  return { E: get("E"), A: get("A"), B: get("B"), alpha: get("alpha"), beta: get("beta") };
}

function requireChinchillaBootstrap(fn: string, r: FitResult): readonly (readonly number[])[] {
  if (!r || r.kind !== "fit-result" || r.model !== "chinchilla") {
    throw new InvalidInputError(fn, `expected a Chinchilla fit, got ${r?.kind === "fit-result" ? `model "${r.model}"` : String(r)}`, "pass the result of laws.chinchilla.fit");
  }
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
 * Public as `laws.chinchilla.derived(result, budgets, level?)`.
 * @param result laws.chinchilla.fit result with `bootstrap`
 * @param budgets FLOP budgets
 * @param level band coverage (default 0.8, as in Besiroglu et al.'s Fig. 5)
 * @throws InvalidInputError when the fit has no bootstrap
 */
export function chinchillaDerived(result: FitResult, budgets: readonly number[], level = 0.8): ChinchillaDerived {
  const fn = "laws.chinchilla.derived";
  const samples = requireChinchillaBootstrap(fn, result);
  if (!(level > 0 && level < 1)) throw new InvalidInputError(fn, `level must be in (0, 1), got ${level}`);
  if (!Array.isArray(budgets)) throw new InvalidInputError(fn, "budgets must be an array of FLOP counts");
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
  return displayResult(`${fn}: ${Math.round(level * 100)}% bootstrap bands of a and of the optimum at ${budgets.length} budget(s)`, {
    level,
    a: band(best.beta / (best.alpha + best.beta), boot.map((p) => p.beta / (p.alpha + p.beta))),
    budgets: budgets.map((C) => {
      const est = chinchillaOptimal(best, C, 6, fn);
      const opts = boot.map((p) => chinchillaOptimal(p, C, 6, fn));
      return {
        C,
        N: band(est.N, opts.map((o) => o.N)),
        D: band(est.D, opts.map((o) => o.D)),
        tokensPerParam: band(est.tokensPerParam, opts.map((o) => o.tokensPerParam)),
        loss: band(est.loss, opts.map((o) => o.loss)),
      };
    }),
  });
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
 * Public as `laws.chinchilla.chiSquare(result, params)`.
 * @param result laws.chinchilla.fit result with `bootstrap`
 * @param published the constants to test
 * @throws InvalidInputError when the fit has no bootstrap; ScalingLabError when Σ is singular
 */
export function chinchillaChiSquare(result: FitResult, published: ChinchillaParams): ChiSquareTest {
  const fn = "laws.chinchilla.chiSquare";
  const samples = requireChinchillaBootstrap(fn, result);
  const names = result.paramNames;
  const toLog = (p: ChinchillaParams) => [Math.log(p.A), Math.log(p.B), Math.log(p.E), p.alpha, p.beta];
  const inv = inverseOrNull(sampleCovariance(samples.map((s) => toLog(chinchillaParamsOf(names, s)))));
  if (!inv) throw new ScalingLabError(fn, "the bootstrap covariance is singular", "use more resamples");
  const est = toLog(chinchillaParamsOf(names, names.map((n) => result.params[n])));
  const pub = toLog(published);
  const statistic = quadraticForm(inv, pub.map((v, j) => v - est[j]));
  return displayResult(`${fn}: χ² of the given constants against the bootstrap distribution`, { statistic, df: 5, pValue: chiSquareSurvival(statistic, 5) });
}
