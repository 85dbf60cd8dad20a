/**
 * Internal numeric helpers of lib/laws (not re-exported, so they stay out of the notebook namespace): the log-log
 * OLS power-law fit every allocation approach applies to its optima (with a Student-t interval) and the FLOP-per-token rule.
 */
import { assertPositive, InvalidInputError } from "../core";
import { linearRegression } from "../numeric/regression";
import { studentTQuantile } from "../numeric/special";

/** FLOP per training token: a number k means k·N (default 6, i.e. C = 6ND); a function gives f(N) directly. */
export type FlopsPerTokenRule = number | ((N: number) => number);


export interface LogLogLine {
  /** k in y = k·x^a. */
  readonly coefficient: number;
  /** a in y = k·x^a. */
  readonly exponent: number;
  /** Standard error of the exponent (NaN with 2 points). */
  readonly exponentSE: number;
  /** Two-sided interval for the exponent at `level` from the t distribution with n − 2 d.o.f. ([NaN, NaN] for n = 2). */
  readonly exponentCI: readonly [number, number];
  readonly r2: number;
  readonly n: number;
}

/**
 * OLS of ln y on ln x; the caller guarantees ≥ 2 positive, finite points with distinct x. `level: null` skips the
 * t interval, for bootstrap loops that need only the exponent.
 */
export function fitLogLogLine(x: readonly number[], y: readonly number[], level: number | null = 0.95): LogLogLine {
  const n = x.length;
  const r = linearRegression(x.map((v) => [Math.log(v)]), y.map(Math.log), { intercept: true, fn: "fitLogLogLine" });
  const [intercept, a] = r.coef;
  const se = r.se[1];
  const t = n > 2 && level !== null ? studentTQuantile(0.5 + level / 2, n - 2) : NaN;
  return {
    coefficient: Math.exp(intercept),
    exponent: a,
    exponentSE: se,
    exponentCI: [a - t * se, a + t * se],
    r2: r.r2,
    n,
  };
}

/** Normalises the FLOP rule and checks it at a probe point. */
export function flopsPerTokenFunction(fn: string, rule: FlopsPerTokenRule | undefined): (N: number) => number {
  if (rule === undefined) return (N) => 6 * N;
  if (typeof rule === "number") {
    assertPositive(fn, "flopsPerToken", rule);
    return (N) => rule * N;
  }
  if (typeof rule !== "function") throw new InvalidInputError(fn, "flopsPerToken must be a number k (C = k·N·D) or a function N → FLOP per token");
  return rule;
}
