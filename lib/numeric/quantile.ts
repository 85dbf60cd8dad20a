/**
 * The one empirical quantile: linear interpolation between order statistics (Hyndman & Fan type 7 — numpy's
 * default "linear", R's default, d3.quantile). NaN values are ignored, as d3 does.
 */

/**
 * The p-quantile (p ∈ [0, 1]) of values that are already sorted ascending (no copy, no check).
 * @example quantileSorted([1, 2, 3, 4], 0.5) // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The p-quantile (p ∈ [0, 1]) of unsorted values (sorts a copy; NaN entries are dropped).
 * @example quantile([4, 1, 3, 2], 0.25) // => 1.75
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[]).sort();
  return quantileSorted(s, p);
}
