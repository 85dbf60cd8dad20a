/**
 * Mixture proportions live on the probability simplex. Validation of mixtures and the exact Euclidean projection
 * onto the simplex with per-domain bounds {r : Σ r_j = 1, lo_j ≤ r_j ≤ hi_j}, used by the mixture optimisers.
 */
import { InvalidInputError } from "../core";

/** Per-domain bounds on a mixture (defaults 0 and 1). */
export interface MixtureBounds {
  /** Lower bound per domain, or one number for all (default 0). */
  readonly lower?: number | readonly number[];
  /** Upper bound per domain, or one number for all (default 1). */
  readonly upper?: number | readonly number[];
}

/**
 * Checks that `r` is a mixture: finite, ≥ 0, summing to 1 within `tol` (RegMix's files sum to 0.998–1.000).
 * @throws InvalidInputError naming `fn` and the offending entry
 */
export function assertMixture(fn: string, name: string, r: ArrayLike<number>, domains?: number, tol = 1e-2): void {
  if (!r || typeof r.length !== "number" || r.length === 0) throw new InvalidInputError(fn, `${name} must be a non-empty array of proportions`);
  if (domains !== undefined && r.length !== domains) {
    throw new InvalidInputError(fn, `${name} has ${r.length} proportions, expected ${domains} (one per training domain)`);
  }
  let sum = 0;
  for (let j = 0; j < r.length; j++) {
    if (!(Number.isFinite(r[j]) && r[j] >= 0)) throw new InvalidInputError(fn, `${name}[${j}] = ${r[j]}; proportions must be finite and ≥ 0`);
    sum += r[j];
  }
  if (Math.abs(sum - 1) > tol) throw new InvalidInputError(fn, `${name} sums to ${sum}; proportions must sum to 1`, "normalise the mixture");
}

/** Resolves bounds to two arrays of length m and checks that the bounded simplex is non-empty. */
export function resolveMixtureBounds(fn: string, m: number, b: MixtureBounds = {}): { lower: number[]; upper: number[] } {
  const expand = (v: number | readonly number[] | undefined, dflt: number, name: string): number[] => {
    const a = v === undefined ? new Array<number>(m).fill(dflt) : typeof v === "number" ? new Array<number>(m).fill(v) : [...v];
    if (a.length !== m) throw new InvalidInputError(fn, `${name} has ${a.length} entries for ${m} domains`);
    a.forEach((x, j) => {
      if (!(Number.isFinite(x) && x >= 0 && x <= 1)) throw new InvalidInputError(fn, `${name}[${j}] = ${x}; bounds must lie in [0, 1]`);
    });
    return a;
  };
  const lower = expand(b.lower, 0, "lower");
  const upper = expand(b.upper, 1, "upper");
  for (let j = 0; j < m; j++) {
    if (lower[j] > upper[j]) throw new InvalidInputError(fn, `lower[${j}] = ${lower[j]} exceeds upper[${j}] = ${upper[j]}`);
  }
  const lo = lower.reduce((a, x) => a + x, 0);
  const hi = upper.reduce((a, x) => a + x, 0);
  if (lo > 1 + 1e-12 || hi < 1 - 1e-12) {
    throw new InvalidInputError(fn, `no mixture satisfies the bounds: Σ lower = ${lo}, Σ upper = ${hi}`, "need Σ lower ≤ 1 ≤ Σ upper");
  }
  return { lower, upper };
}

/**
 * Euclidean projection of `y` onto {r : Σ r = 1, lower ≤ r ≤ upper}. The projection is r_j = clip(y_j − τ, lo_j, hi_j)
 * for the unique τ with Σ r_j = 1 (KKT conditions); τ is found by bisection to machine precision.
 * @param y point to project
 * @param bounds per-domain bounds (default [0, 1])
 * @returns the nearest feasible mixture
 * @throws InvalidInputError for non-finite y or infeasible bounds
 * @example projectOntoSimplex([0.5, 0.5, 0.5]).map((x) => Math.round(x * 1e12) / 1e12) // => [0.333333333333, 0.333333333333, 0.333333333333]
 * @see Held, Wolfe & Crowder 1974 (projection onto the simplex)
 */
export function projectOntoSimplex(y: ArrayLike<number>, bounds: MixtureBounds = {}): number[] {
  const fn = "projectOntoSimplex";
  const m = y.length;
  if (m === 0) throw new InvalidInputError(fn, "y is empty");
  for (let j = 0; j < m; j++) if (!Number.isFinite(y[j])) throw new InvalidInputError(fn, `y[${j}] = ${y[j]} is not finite`);
  const { lower, upper } = resolveMixtureBounds(fn, m, bounds);
  const total = (tau: number) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += Math.min(upper[j], Math.max(lower[j], y[j] - tau));
    return s;
  };
  // total(τ) is non-increasing in τ; bracket it so that total(lo) ≥ 1 ≥ total(hi).
  let lo = Math.min(...Array.from(y, (v, j) => v - upper[j])) - 1;
  let hi = Math.max(...Array.from(y, (v, j) => v - lower[j])) + 1;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo), Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (total(mid) > 1) lo = mid; else hi = mid;
  }
  const tau = 0.5 * (lo + hi);
  return Array.from(y, (v, j) => Math.min(upper[j], Math.max(lower[j], v - tau)));
}
