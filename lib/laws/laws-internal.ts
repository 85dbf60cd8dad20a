/**
 * Internal numeric helpers of lib/laws (not re-exported, so they stay out of the notebook namespace): the log-log
 * OLS power-law fit every allocation approach applies to its optima (with a Student-t interval) and the 1-D minimiser over ln N shared by the allocation solvers.
 */
import { assertPositive, DidNotConvergeError, InvalidInputError, type Citation, type PublishedConstants } from "../core";
import { logGamma } from "../fit/special";

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

/** Student-t CDF for x ≥ 0 by Simpson integration of the density (accurate to ~1e-10 for the ranges used here). */
function studentTCdf(x: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const density = (t: number) => Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
  const n = 2000;
  const h = x / n;
  let s = density(0) + density(x);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * density(i * h);
  return 0.5 + (s * h) / 3;
}

/** Quantile of the Student-t distribution for p ∈ (0.5, 1), by bisection on the CDF. */
export function studentTQuantile(p: number, df: number): number {
  let lo = 0, hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 80; i++) {
    const m = 0.5 * (lo + hi);
    if (studentTCdf(m, df) < p) lo = m;
    else hi = m;
  }
  return 0.5 * (lo + hi);
}

/**
 * OLS of ln y on ln x; the caller guarantees ≥ 2 positive, finite points with distinct x. `level: null` skips the
 * t interval (its quantile costs a numeric integration), for bootstrap loops that need only the exponent.
 */
export function fitLogLogLine(x: readonly number[], y: readonly number[], level: number | null = 0.95): LogLogLine {
  const n = x.length;
  const lx = x.map(Math.log), ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / n, my = ly.reduce((a, b) => a + b, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
    syy += (ly[i] - my) ** 2;
  }
  const a = sxy / sxx;
  const intercept = my - a * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ly[i] - intercept - a * lx[i]) ** 2;
  const se = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : NaN;
  const t = n > 2 && level !== null ? studentTQuantile(0.5 + level / 2, n - 2) : NaN;
  return {
    coefficient: Math.exp(intercept),
    exponent: a,
    exponentSE: se,
    exponentCI: [a - t * se, a + t * se],
    r2: syy > 0 ? 1 - sse / syy : 1,
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
 * Minimises h(t) over t ∈ [lo, hi] from a log-spaced scan, then by bisection on the central-difference slope of h
 * inside the bracket around the best scan point (golden-section search if h is too flat for the slope's sign).
 * Shared by the compute-optimal and inference-aware allocations. Returns t and whether it is at an end.
 */
export function minimiseOnLogScale(fn: string, h: (t: number) => number, lo: number, hi: number, gridPoints: number): { t: number; atBoundary: boolean } {
  if (!(Number.isInteger(gridPoints) && gridPoints >= 3)) throw new InvalidInputError(fn, `gridPoints must be an integer ≥ 3, got ${gridPoints}`);
  let best = -1, bestH = Infinity;
  const ts: number[] = [];
  for (let i = 0; i < gridPoints; i++) {
    const t = lo + ((hi - lo) * i) / (gridPoints - 1);
    ts.push(t);
    const v = h(t);
    if (Number.isFinite(v) && v < bestH) [best, bestH] = [i, v];
  }
  if (best < 0) throw new DidNotConvergeError(fn, "the loss is not finite anywhere on the searched range", "check the law and the N range (Nmin, Nmax)");
  if (best === 0 || best === gridPoints - 1) return { t: ts[best], atBoundary: true };
  let a = ts[best - 1], b = ts[best + 1];
  const eps = 1e-6 * Math.max(1, Math.abs(ts[best]));
  const slope = (t: number) => (h(t + eps) - h(t - eps)) / (2 * eps);
  if (slope(a) < 0 && slope(b) > 0) {
    for (let i = 0; i < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a)); i++) {
      const m = 0.5 * (a + b);
      if (slope(m) > 0) b = m;
      else a = m;
    }
    return { t: 0.5 * (a + b), atBoundary: false };
  }
  // Golden-section search on the value.
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), d = a + g * (b - a);
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); i++) {
    if (h(c) < h(d)) b = d;
    else a = c;
    c = b - g * (b - a);
    d = a + g * (b - a);
  }
  return { t: 0.5 * (a + b), atBoundary: false };
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
export type LossSurfaceLike = ((N: number, D: number) => number) | { readonly predict: (x: { N: number; D: number }) => number };

/** The plain (N, D) => loss function of a LossSurfaceLike. */
export function lossSurfaceOf(fn: string, loss: LossSurfaceLike): (N: number, D: number) => number {
  if (typeof loss === "function") return loss;
  if (loss && typeof loss === "object" && typeof loss.predict === "function") return (N, D) => loss.predict({ N, D });
  throw new InvalidInputError(fn, "loss must be a function (N, D) => loss or a law over { N, D }", "e.g. laws.chinchilla or (N, D) => laws.chinchilla.predict({ N, D }, params)");
}
