/**
 * Strong-Wolfe line search (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithms 3.5 and 3.6) with
 * safeguarded cubic interpolation. Finds α with
 *   φ(α) ≤ φ(0) + c1·α·φ'(0)          (sufficient decrease)
 *   |φ'(α)| ≤ c2·|φ'(0)|              (strong curvature)
 * Strong Wolfe guarantees sᵀy > 0, so every accepted L-BFGS curvature pair keeps the inverse Hessian positive.
 */

/** φ(α) = f(x + α·d) and φ'(α) = ∇f(x + α·d)·d. Evaluations may have side effects (the caller keeps x, g). */
export type LineFunction = (alpha: number) => { f: number; slope: number };

export interface LineSearchOptions {
  /** Sufficient-decrease constant (default 1e-4). */
  readonly c1: number;
  /** Curvature constant (default 0.9, the usual quasi-Newton choice). */
  readonly c2: number;
  /** Maximum φ evaluations (default 20). */
  readonly maxEvaluations: number;
}

export interface LineSearchResult {
  /** Accepted step, or the best step with sufficient decrease found when `ok` is false (0 if none). */
  readonly alpha: number;
  readonly f: number;
  readonly slope: number;
  readonly evaluations: number;
  /** Both strong-Wolfe conditions hold at `alpha`. */
  readonly ok: boolean;
  /** The last φ evaluation was at `alpha` (so the caller's buffers already hold that point). */
  readonly lastEvaluated: boolean;
}

/** Minimiser of the cubic through (a, fa, da), (b, fb, db), kept inside [lo + 10%, hi − 10%] of the interval. */
function interpolate(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const margin = 0.1 * (hi - lo);
  let t = NaN;
  if (Number.isFinite(fa) && Number.isFinite(fb) && Number.isFinite(da) && Number.isFinite(db)) {
    const d1 = da + db - 3 * (fa - fb) / (a - b);
    const disc = d1 * d1 - da * db;
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc);
      t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }
  }
  if (!Number.isFinite(t) || t < lo + margin || t > hi - margin) return 0.5 * (a + b);
  return t;
}

/**
 * Runs the strong-Wolfe search along a descent direction.
 * @param phi the line function
 * @param f0 φ(0)
 * @param slope0 φ'(0) (must be < 0)
 * @param alpha1 first trial step
 * @returns the accepted step (see LineSearchResult)
 */
export function strongWolfeLineSearch(phi: LineFunction, f0: number, slope0: number, alpha1: number,
  opts: LineSearchOptions): LineSearchResult {
  const { c1, c2, maxEvaluations } = opts;
  let evaluations = 0;
  let aPrev = 0, fPrev = f0, dPrev = slope0;
  let alpha = alpha1;
  let lastAlpha = NaN;
  // Best point with sufficient decrease, returned if the search runs out of evaluations.
  let bestA = 0, bestF = f0, bestD = slope0;

  const zoom = (aLo: number, fLo: number, dLo: number, aHi: number, fHi: number, dHi: number): LineSearchResult => {
    while (evaluations < maxEvaluations) {
      const a = interpolate(aLo, fLo, dLo, aHi, fHi, dHi);
      if (a === aLo || a === aHi || Math.abs(aHi - aLo) <= 1e-16 * Math.max(1, Math.abs(aLo))) break;
      const { f, slope } = phi(a);
      evaluations++;
      lastAlpha = a;
      if (!Number.isFinite(f) || f > f0 + c1 * a * slope0 || f >= fLo) {
        aHi = a; fHi = f; dHi = slope;
      } else {
        if (Math.abs(slope) <= -c2 * slope0) {
          return { alpha: a, f, slope, evaluations, ok: true, lastEvaluated: true };
        }
        if (slope * (aHi - aLo) >= 0) {
          aHi = aLo; fHi = fLo; dHi = dLo;
        }
        aLo = a; fLo = f; dLo = slope;
        if (f < bestF) { bestA = a; bestF = f; bestD = slope; }
      }
    }
    return { alpha: bestA, f: bestF, slope: bestD, evaluations, ok: false, lastEvaluated: bestA === lastAlpha };
  };

  for (let i = 0; evaluations < maxEvaluations; i++) {
    const { f, slope } = phi(alpha);
    evaluations++;
    lastAlpha = alpha;
    if (!Number.isFinite(f) || f > f0 + c1 * alpha * slope0 || (i > 0 && f >= fPrev)) {
      return zoom(aPrev, fPrev, dPrev, alpha, f, slope);
    }
    if (f < bestF) { bestA = alpha; bestF = f; bestD = slope; }
    if (Math.abs(slope) <= -c2 * slope0) {
      return { alpha, f, slope, evaluations, ok: true, lastEvaluated: true };
    }
    if (slope >= 0) return zoom(alpha, f, slope, aPrev, fPrev, dPrev);
    aPrev = alpha; fPrev = f; dPrev = slope;
    alpha *= 4;
  }
  return { alpha: bestA, f: bestF, slope: bestD, evaluations, ok: false, lastEvaluated: bestA === lastAlpha };
}
