/** Spearman's rank correlation, the agreement measure RegMix reports between predicted and actual losses. */
import { InsufficientDataError, InvalidInputError } from "../core";

/**
 * Ranks 1..n with ties given their average rank (the "fractional" ranking used by scipy.stats.rankdata).
 * @example fractionalRanks([10, 20, 20, 30]) // => [1, 2.5, 2.5, 4]
 */
export function fractionalRanks(x: ArrayLike<number>): number[] {
  const idx = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const ranks = new Array<number>(x.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's ρ: Pearson correlation of the fractional ranks of x and y.
 * @param x first sample
 * @param y second sample (same length, ≥ 3 values)
 * @returns ρ in [-1, 1]
 * @throws InvalidInputError for unequal lengths, non-finite values or a constant sample; InsufficientDataError for n < 3
 * @example spearmanRho([1, 2, 3, 4], [10, 30, 20, 40]) // => 0.8
 * @see Spearman 1904
 */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const fn = "mixing.spearman";
  if (!x || !y || x.length !== y.length) throw new InvalidInputError(fn, `x and y must have equal lengths, got ${x?.length} and ${y?.length}`);
  if (x.length < 3) throw new InsufficientDataError(fn, 3, x.length);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new InvalidInputError(fn, `row ${i} has x = ${x[i]}, y = ${y[i]}; values must be finite`);
  }
  const rx = fractionalRanks(x);
  const ry = fractionalRanks(y);
  const n = rx.length;
  const mean = (n + 1) / 2;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const a = rx[i] - mean, b = ry[i] - mean;
    sxy += a * b; sxx += a * a; syy += b * b;
  }
  if (sxx === 0 || syy === 0) throw new InvalidInputError(fn, "a sample is constant; its ranks carry no order");
  return sxy / Math.sqrt(sxx * syy);
}
