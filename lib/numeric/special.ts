/**
 * Special functions and distributions: erf/erfc, ln Γ, the regularised incomplete gamma and beta functions, and
 * from them the normal, Student-t and χ² distributions.
 *
 * Hand-written (~150 lines) rather than a package: `jstat` is untyped and its incomplete-beta inverse is coarse
 * (~1e-8), and the stdlib `@stdlib/stats-base-dists-t-quantile` pulls in some 40 micro-packages. These are the
 * textbook algorithms (Numerical Recipes §6.2, §6.4; continued fractions by the modified Lentz method), accurate to ~1e-13 relative
 * for the arguments a fit meets (tests/numeric/special.test.ts checks them against scipy).
 */

const SQRT_PI = Math.sqrt(Math.PI);
const TINY = 1e-300;

/**
 * The error function erf(x), to ~1e-15 relative: Maclaurin series for |x| < 2, continued fraction for erfc beyond.
 * @example erf(0.5) // => 0.5204998778130465
 */
export function erf(x: number): number {
  if (Math.abs(x) >= 2) return Math.sign(x) * (1 - erfcLarge(Math.abs(x)));
  // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
  const x2 = x * x;
  let term = x, sum = x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * sum;
}

/**
 * The complementary error function 1 − erf(x), without cancellation in the upper tail.
 * @example erfc(3) < 2.3e-5 // => true
 */
export function erfc(x: number): number {
  if (x >= 2) return erfcLarge(x);
  if (x <= -2) return 2 - erfcLarge(-x);
  return 1 - erf(x);
}

/**
 * Modified Lentz evaluation of the continued fraction b0 + a1/(b1 + a2/(b2 + …)), with term(n) = [a_n, b_n].
 */
function continuedFraction(b0: number, term: (n: number) => readonly [number, number]): number {
  let f = b0 === 0 ? TINY : b0, C = f, D = 0;
  for (let n = 1; n < 10000; n++) {
    const [an, bn] = term(n);
    D = bn + an * D;
    D = Math.abs(D) < TINY ? TINY : D;
    C = bn + an / C;
    C = Math.abs(C) < TINY ? TINY : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}

/** erfc(x) for x ≥ 2: e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))). */
function erfcLarge(x: number): number {
  return Math.exp(-x * x) / SQRT_PI / continuedFraction(x, (n) => [n / 2, x]);
}

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; ~1e-15).
 * @example logGamma(5) // => 3.1780538303479458
 */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Series for P(a, x) (x < a + 1) and Lentz's continued fraction for Q(a, x) (x ≥ a + 1); returns the direct one. */
function gammaSeriesOrFraction(a: number, x: number): { P: number } | { Q: number } {
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a, term = 1 / a;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return { P: Math.exp(lead) * sum };
  }
  // Q = e^lead / (x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …)))  (Numerical Recipes gcf)
  return { Q: Math.exp(lead) / continuedFraction(x + 1 - a, (i) => [-i * (i - a), x + 1 - a + 2 * i]) };
}

/**
 * Upper regularised incomplete gamma Q(a, x) = Γ(a, x)/Γ(a), a > 0.
 * @example regularizedGammaQ(1, 2) // => 0.1353352832366127
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const r = gammaSeriesOrFraction(a, x);
  return "Q" in r ? r.Q : 1 - r.P;
}

/** Lower regularised incomplete gamma P(a, x) = 1 − Q(a, x). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const r = gammaSeriesOrFraction(a, x);
  return "P" in r ? r.P : 1 - r.Q;
}

/**
 * Survival function of the chi-square distribution, P(X ≥ x) for X ~ χ²(df).
 * @example +chiSquareSurvival(11.0705, 5).toFixed(6) // => 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
  return regularizedGammaQ(df / 2, x / 2);
}

/**
 * The continued fraction of I_x(a, b) (Numerical Recipes betacf): 1/(1 + d1/(1 + d2/(1 + …))) with
 * d_{2m+1} = −(a+m)(a+b+m)x/((a+2m)(a+2m+1)), d_{2m} = m(b−m)x/((a+2m−1)(a+2m)); fast for x < (a+1)/(a+b+2).
 */
function betaFraction(a: number, b: number, x: number): number {
  return 1 / continuedFraction(1, (n) => {
    const m = n >> 1;
    return [n % 2 ? (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)) : (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), 1];
  });
}

/**
 * Regularised incomplete beta I_x(a, b) for a, b > 0, x ∈ [0, 1].
 * @example +regularizedBeta(0.5, 2, 3).toFixed(12) // => 0.6875
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(x > 0)) return x === 0 ? 0 : NaN;
  if (!(x < 1)) return x === 1 ? 1 : NaN;
  const lead = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2) ? (lead * betaFraction(a, b, x)) / a : 1 - (lead * betaFraction(b, a, 1 - x)) / b;
}

/**
 * Standard normal CDF Φ(z) = erfc(−z/√2)/2 (accurate in both tails).
 * @example normalCdf(0) // => 0.5
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p): Acklam's rational approximation (~1e-9) polished by two Halley steps on erfc
 * (~1e-15).
 * @example normalQuantile(0.975) // => 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => {
    const t = Math.sqrt(-2 * Math.log(q));
    return (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
  };
  let z: number;
  if (p < 0.02425) z = tail(p);
  else if (p > 1 - 0.02425) z = -tail(1 - p);
  else {
    const q = p - 0.5, r = q * q;
    z = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  for (let i = 0; i < 2; i++) {
    // Halley on the smaller tail, so p near 1 keeps its precision.
    const e = z < 0 ? normalCdf(z) - p : (1 - p) - 0.5 * erfc(z / Math.SQRT2); // Φ(z) − p
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((z * z) / 2);
    z -= u / (1 + (z * u) / 2);
  }
  return z;
}

/** P(T > t) for t ≥ 0, T ~ Student-t(df): I_{df/(df+t²)}(df/2, 1/2)/2. */
function studentTUpperTail(t: number, df: number): number {
  return 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * Student-t CDF with df > 0 degrees of freedom, through the regularised incomplete beta.
 * @example +studentTCdf(2.0, 5).toFixed(10) // => 0.9490302605
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = studentTUpperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Student-t quantile: Newton on the upper tail (density as derivative) from the normal quantile, kept inside a
 * bracket that bisection shrinks whenever a Newton step leaves it; ~1e-13 relative.
 * @example +studentTQuantile(0.975, 10).toFixed(10) // => 2.2281388520
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const q = 1 - p; // target upper tail, q < 0.5
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const density = (t: number) => Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
  let lo = 0, hi = Math.max(1, normalQuantile(p));
  while (studentTUpperTail(hi, df) > q) { lo = hi; hi *= 2; }
  let t = Math.min(Math.max(normalQuantile(p), lo), hi);
  for (let i = 0; i < 200; i++) {
    const f = studentTUpperTail(t, df) - q; // decreasing in t
    if (f > 0) lo = t; else hi = t;
    let next = t + f / density(t);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t) || hi - lo <= 1e-15 * hi) return next;
    t = next;
  }
  return t;
}
