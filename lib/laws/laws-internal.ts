/**
 * Internal numeric helpers of lib/laws (not re-exported, so they stay out of the notebook namespace): the log-log
 * OLS power-law fit every allocation approach applies to its optima (with a Student-t interval) and the FLOP-per-token rule.
 */
import { assertPositive, InvalidInputError, type Citation, type PublishedConstants } from "../core";
import { linearRegression } from "../numeric/regression";
import { studentTQuantile } from "../numeric/special";
import { unguarded } from "./guards";

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

/**
 * A constant set for a law whose paper's fitted values are not transcribed here: a Law needs one to predict by
 * default and to be checked by tests/laws/law-consistency.test.ts. Status "unverified" and the name say so.
 */
export function illustrativeConstants<P>(citation: Citation, params: P, note = ""): PublishedConstants<P> {
  return {
    name: "illustrative values (not from the paper)",
    params,
    status: "unverified",
    citation,
    note: `Placeholder constants for examples and tests; the paper's fitted values are not transcribed here, fit your own with .fit().${note ? " " + note : ""}`,
  };
}

/** A loss surface L(N, D): a plain function, or any Law over { N, D } (e.g. laws.chinchilla, predicting with its defaults). */
export type LossSurfaceLike = ((N: number, D: number) => number)
  | { readonly predict: (x: { N: number; D: number }) => number; readonly evaluate?: (x: { N: number; D: number }) => number };

/** The plain (N, D) => loss function of a LossSurfaceLike. */
export function lossSurfaceOf(fn: string, loss: LossSurfaceLike): (N: number, D: number) => number {
  // The callers search over N and D, so the guards meant for a user's own inputs are off inside the loss.
  if (typeof loss === "function") return (N, D) => unguarded(() => loss(N, D));
  if (loss && typeof loss === "object" && typeof loss.evaluate === "function") return (N, D) => loss.evaluate!({ N, D });
  if (loss && typeof loss === "object" && typeof loss.predict === "function") return (N, D) => unguarded(() => loss.predict({ N, D }));
  throw new InvalidInputError(fn, "loss must be a function (N, D) => loss or a law over { N, D }", "e.g. laws.chinchilla or (N, D) => laws.chinchilla.predict({ N, D }, params)");
}
