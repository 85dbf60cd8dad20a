/**
 * The predicted final loss of a plan, its interval and how far the plan extrapolates beyond the data the law was
 * fitted on. The interval is propagated from the law's parameter uncertainty: a fit's bootstrap resamples when
 * there are some (percentile interval), else its covariance or the published standard errors (delta method).
 */
import type { ResolvedLaw } from "./inputs";
import { BESIROGLU_SE_CITATION, LAW_RANGES, LAW_RANGES_CITATION, LAW_SETS, LOSS_PARAM_NAMES, fitSamples, normalInverse, quantileSorted, type LossParams } from "./rules";
import { formatCitation } from "../core";

export interface LossInterval {
  readonly ci: readonly [number, number] | null;
  /** How the interval was obtained (or why there is none). */
  readonly method: string;
}

/** Extrapolation beyond the law's fitted range: 1 inside it, else the largest ratio to the nearest end. */
export interface Extrapolation {
  readonly factor: number;
  readonly N: number;
  readonly D: number;
  readonly ranges: Readonly<Record<"N" | "D", readonly [number, number]>>;
  readonly rangeSource: string;
}

/** Factor beyond which the plan warns that the law is extrapolated far. */
export const EXTRAPOLATION_WARNING = 10;

type Params = Record<(typeof LOSS_PARAM_NAMES)[number], number>;

/** ∂f/∂p by central differences (relative step 1e-6): f may be any loss built on the law (e.g. with repetition). */
function gradient(f: (p: LossParams) => number, p: LossParams): number[] {
  return LOSS_PARAM_NAMES.map((k) => {
    const h = 1e-6 * Math.max(Math.abs(p[k]), 1e-8);
    const up: Params = { ...p }, down: Params = { ...p };
    up[k] += h;
    down[k] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

function deltaInterval(value: number, variance: number, level: number): readonly [number, number] {
  const z = normalInverse(0.5 + level / 2);
  const s = Math.sqrt(Math.max(variance, 0));
  return [value - z * s, value + z * s];
}

/**
 * The interval of a loss built on the law's parameters, from the best uncertainty the law carries.
 * @param law the resolved law
 * @param lossOf the loss as a function of the law's parameters (at the plan's N, D, …)
 * @param level central coverage
 */
export function lossInterval(law: ResolvedLaw, lossOf: (p: LossParams) => number, level: number): LossInterval {
  const pct = `${Math.round(level * 100)}%`;
  if (law.kind === "fit") {
    const samples = fitSamples(law.fit);
    if (samples.length >= 20) {
      const values = samples.map(lossOf).filter(Number.isFinite).sort((a, b) => a - b);
      return {
        ci: [quantileSorted(values, (1 - level) / 2), quantileSorted(values, (1 + level) / 2)],
        method: `${pct} percentile interval over the fit's ${values.length} bootstrap resamples (parameter uncertainty only)`,
      };
    }
    const cov = law.fit.covariance;
    if (cov) {
      const idx = LOSS_PARAM_NAMES.map((k) => law.fit.paramNames.indexOf(k));
      const g = gradient(lossOf, law.params);
      let v = 0;
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) v += g[i] * g[j] * cov[idx[i]][idx[j]];
      return { ci: deltaInterval(lossOf(law.params), v, level), method: `${pct} delta-method interval from the fit's covariance (${law.fit.uncertainty})` };
    }
    return { ci: null, method: "none: the fit has neither bootstrap resamples nor a covariance (refit with bootstrap)" };
  }
  const se = law.kind === "published" ? LAW_SETS[law.name].se : null;
  if (!se) {
    return { ci: null, method: law.kind === "published" ? `none: no standard errors are published for "${law.name}" (use "besiroglu" or a bootstrapped fit)` : "none: constants carry no uncertainty (pass a bootstrapped FitResult)" };
  }
  const g = gradient(lossOf, law.params);
  const v = LOSS_PARAM_NAMES.reduce((s, k, i) => s + (g[i] * se[k]) ** 2, 0);
  return {
    ci: deltaInterval(lossOf(law.params), v, level),
    method: `${pct} delta-method interval from the published standard errors treated as independent (correlations are not published, so this overstates the width); ${formatCitation(BESIROGLU_SE_CITATION)}`,
  };
}

/** How far (N, D) lies beyond the N and D the law was fitted on. */
export function extrapolation(law: ResolvedLaw, N: number, D: number): Extrapolation {
  const fitted = law.kind === "fit" ? law.fit.dataRanges : null;
  const ranges = fitted?.N && fitted?.D ? { N: fitted.N, D: fitted.D } : LAW_RANGES;
  const beyond = (x: number, [lo, hi]: readonly [number, number]) => Math.max(1, x / hi, lo / x);
  const fN = beyond(N, ranges.N), fD = beyond(D, ranges.D);
  return {
    factor: Math.max(fN, fD), N: fN, D: fD, ranges,
    rangeSource: fitted?.N && fitted?.D ? "the fit's data ranges" : formatCitation(LAW_RANGES_CITATION),
  };
}
