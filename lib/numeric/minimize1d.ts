/**
 * The one bracketed 1-D minimiser: a grid scan finds the best bracket (robust to several local minima when the grid
 * resolves them), then bisection on the central-difference slope refines it to ~1e-13 relative — value comparisons
 * (golden section, Brent) stall at ~√ε because the function is flat at its minimum. Golden section is the fallback
 * when the slope does not change sign across the bracket (noise or a kink).
 */
import { DidNotConvergeError, InvalidInputError } from "../core";

export interface Minimum1d {
  /** The minimiser. */
  readonly x: number;
  /** f(x). */
  readonly fx: number;
  /** True when the best grid point is an end of [lo, hi]: the minimum may lie outside the interval (x is that end). */
  readonly atBoundary: boolean;
}

export interface Minimize1dOptions {
  /** Points of the scan, both ends included (default 201, at least 3). */
  readonly gridPoints?: number;
  /** Function name used in errors. */
  readonly fn?: string;
}

/**
 * Minimises f on [lo, hi].
 * @throws InvalidInputError for a bad interval or grid; DidNotConvergeError when f is not finite at any grid point
 * @example +minimizeOnInterval((x) => (x - 0.3) ** 2, 0, 1).x.toFixed(9) // => 0.3
 */
export function minimizeOnInterval(f: (x: number) => number, lo: number, hi: number, options: Minimize1dOptions = {}): Minimum1d {
  const fn = options.fn ?? "minimizeOnInterval";
  const gridPoints = options.gridPoints ?? 201;
  if (!(Number.isInteger(gridPoints) && gridPoints >= 3)) throw new InvalidInputError(fn, `gridPoints must be an integer ≥ 3, got ${gridPoints}`);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new InvalidInputError(fn, `need a finite interval lo < hi, got [${lo}, ${hi}]`);
  let best = -1, bestF = Infinity;
  const xs: number[] = [];
  for (let i = 0; i < gridPoints; i++) {
    const x = lo + ((hi - lo) * i) / (gridPoints - 1);
    xs.push(x);
    const v = f(x);
    if (Number.isFinite(v) && v < bestF) [best, bestF] = [i, v];
  }
  if (best < 0) throw new DidNotConvergeError(fn, `the function is not finite anywhere on [${lo}, ${hi}]`, "check the function and the interval");
  if (best === 0 || best === gridPoints - 1) return { x: xs[best], fx: bestF, atBoundary: true };
  let a = xs[best - 1], b = xs[best + 1];
  const eps = 1e-6 * Math.max(1, Math.abs(xs[best]));
  const slope = (x: number) => (f(x + eps) - f(x - eps)) / (2 * eps);
  if (slope(a) < 0 && slope(b) > 0) {
    for (let i = 0; i < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a)); i++) {
      const m = 0.5 * (a + b);
      if (slope(m) > 0) b = m;
      else a = m;
    }
  } else {
    const g = (Math.sqrt(5) - 1) / 2;
    let c = b - g * (b - a), d = a + g * (b - a);
    let fc = f(c), fd = f(d);
    for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); i++) {
      if (fc < fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
      else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
    }
  }
  const x = 0.5 * (a + b);
  return { x, fx: f(x), atBoundary: false };
}
