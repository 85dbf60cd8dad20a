/**
 * linalg, quantile, regression, 1-D minimisation, PRNG. Reference values: numpy 2.4.6 (`np.linalg.eigh`,
 * `np.quantile`, `np.polyfit`), or exact results stated next to each test.
 */
import { describe, expect, it } from "vitest";
import { inverse, inverseOrNull, quadraticForm, sampleCovariance, solve, symmetricEigen, SingularMatrixError } from "../../lib/numeric/linalg";
import { quantile, quantileSorted } from "../../lib/numeric/quantile";
import { bootstrapRegression, linearRegression } from "../../lib/numeric/regression";
import { minimizeOnInterval } from "../../lib/numeric/minimize1d";
import { Xoshiro128 } from "../../lib/numeric/random";
import { InvalidInputError } from "../../lib/core";

describe("linalg", () => {
  it("solve and inverse agree with exact rational answers", () => {
    // [[2,1],[1,3]] x = [3,5] → x = [4/5, 7/5] (Cramer's rule).
    const x = solve([[2, 1], [1, 3]], [3, 5]);
    expect(x[0]).toBeCloseTo(0.8, 14);
    expect(x[1]).toBeCloseTo(1.4, 14);
    // Needs a row swap (zero leading pivot).
    expect(solve([[0, 1], [1, 0]], [2, 3])).toEqual([3, 2]);
    const inv = inverse([[4, 7], [2, 6]]); // = [[0.6, -0.7], [-0.2, 0.4]] (det 10)
    [[0.6, -0.7], [-0.2, 0.4]].forEach((r, i) => r.forEach((v, j) => expect(inv[i][j]).toBeCloseTo(v, 14)));
  });
  it("singular matrices: a typed error naming the function, or null", () => {
    expect(() => solve([[1, 2], [2, 4]], [1, 2], "myFit")).toThrow(SingularMatrixError);
    expect(() => solve([[1, 2], [2, 4]], [1, 2], "myFit")).toThrow(/^myFit: the 2×2 matrix is singular/);
    expect(inverseOrNull([[1, 1], [1, 1]])).toBeNull();
  });
  it("symmetricEigen matches numpy.linalg.eigh (values ascending, vectors up to sign)", () => {
    const A = [[4, 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]];
    const { values, vectors } = symmetricEigen(A);
    [1.8800869029150529, 2.3983430193369966, 4.72157007774795].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 13));
    // numpy columns of v (eigh): eigenvector k = v[:, k].
    const np = [[-0.2530423616352546, 0.05343872082877621, 0.965978191438211],
      [-0.4819496604261799, 0.8587971746720288, -0.17375827344454736],
      [-0.8388647614682253, -0.5095210652088138, -0.1915572918876562]];
    vectors.forEach((vec, k) => {
      const sign = Math.sign(vec[0] * np[k][0]);
      vec.forEach((x, i) => expect(sign * x).toBeCloseTo(np[k][i], 12));
      // A v = λ v
      A.forEach((row, i) => expect(row.reduce((s, a, j) => s + a * vec[j], 0)).toBeCloseTo(values[k] * vec[i], 12));
    });
  });
  it("quadraticForm and sampleCovariance", () => {
    expect(quadraticForm([[2, 0], [0, 3]], [1, 2])).toBe(14);
    // Rows (1,2), (3,6): var = 2, 8, cov = 4 (exact, denominator n − 1).
    expect(sampleCovariance([[1, 2], [3, 6]])).toEqual([[2, 4], [4, 8]]);
  });
});

describe("quantile (type 7; numpy.quantile reference)", () => {
  it("matches np.quantile([3,1,4,1,5,9,2,6], [0, .1, .25, .5, .9, 1])", () => {
    const v = [3, 1, 4, 1, 5, 9, 2, 6];
    const want = [1.0, 1.0, 1.75, 3.5, 6.8999999999999995, 9.0];
    [0, 0.1, 0.25, 0.5, 0.9, 1].forEach((p, i) => expect(quantile(v, p)).toBeCloseTo(want[i], 13));
    expect(quantileSorted([1, 1, 2, 3, 4, 5, 6, 9], 0.25)).toBe(1.75);
  });
  it("ignores NaN, empty input is NaN, p outside [0, 1] is NaN", () => {
    expect(quantile([NaN, 2, 1], 0.5)).toBe(1.5);
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([1, 2], 1.5)).toBeNaN();
  });
});

describe("linearRegression", () => {
  // y = 1 + 2x + e with e = (0.1, −0.2, 0.15, −0.05, 0): numpy.polyfit(x, y, 1) = [1.995, 1.01] (slope, intercept),
  // residual sum of squares 0.07475; SEs from s²(XᵀX)⁻¹ with s² = rss/3 and Σ(x − x̄)² = 10.
  const x = [0, 1, 2, 3, 4];
  const y = [1.1, 2.8, 5.15, 6.95, 9];
  it("OLS: coefficients, SEs, r²", () => {
    const r = linearRegression(x.map((v) => [v]), y, { intercept: true });
    expect(r.coef[0]).toBeCloseTo(1.01, 12);
    expect(r.coef[1]).toBeCloseTo(1.995, 12);
    expect(r.rss).toBeCloseTo(0.07475, 12);
    expect(r.dof).toBe(3);
    expect(r.se[1]).toBeCloseTo(Math.sqrt(0.07475 / 3 / 10), 12);
    expect(r.se[0]).toBeCloseTo(Math.sqrt((0.07475 / 3) * (30 / 50)), 12); // (XᵀX)⁻¹[0][0] = Σx²/(nΣx² − (Σx)²) = 30/50
  });
  it("WLS: integer weights equal repeating rows", () => {
    const w = [1, 2, 1, 3, 1];
    const rep = x.flatMap((v, i) => Array(w[i]).fill([1, v]));
    const repY = y.flatMap((v, i) => Array(w[i]).fill(v));
    const a = linearRegression(x.map((v) => [1, v]), y, { weights: w });
    const b = linearRegression(rep, repY);
    a.coef.forEach((c, i) => expect(c).toBeCloseTo(b.coef[i], 12));
  });
  it("ridge: matches the closed form (XᵀX + λI)⁻¹Xᵀy on centred data with an unpenalised intercept", () => {
    // Centred x: xc = x − 2, Σxc² = 10, Σxc·yc = 19.95 (numpy) → slope = 19.95 / (10 + λ).
    const r = linearRegression(x.map((v) => [v]), y, { intercept: true, ridge: 5 });
    expect(r.coef[1]).toBeCloseTo(19.95 / 15, 12);
    expect(r.coef[0]).toBeCloseTo(5 - 2 * (19.95 / 15), 12); // ȳ − slope·x̄
  });
  it("collinear design: InvalidInputError that names the fix", () => {
    expect(() => linearRegression([[1, 1], [1, 1], [1, 1]], [1, 2, 3], { fn: "f" })).toThrow(InvalidInputError);
    expect(() => linearRegression([[1, 1], [1, 1], [1, 1]], [1, 2, 3], { fn: "f" })).toThrow(/^f: .*collinear.*ridge > 0/);
  });
  it("bootstrap is seeded and skips singular resamples", () => {
    const X = x.map((v) => [1, v]);
    const a = bootstrapRegression(X, y, 50, 7);
    expect(a).toEqual(bootstrapRegression(X, y, 50, 7));
    expect(a.length).toBeGreaterThan(40);
    expect(() => bootstrapRegression(X, y, 5, 7)).toThrow(InvalidInputError);
  });
});

describe("minimizeOnInterval", () => {
  it("finds an interior minimum to ~1e-10 and the global one of several", () => {
    expect(minimizeOnInterval((t) => (t - Math.PI) ** 2 + 1, 0, 10).x).toBeCloseTo(Math.PI, 10);
    // cos has minima near π and 3π on [0, 12]; adding 0.01·x makes the first (sin t = 0.01, t = π − asin 0.01) global.
    expect(minimizeOnInterval((t) => Math.cos(t) + 0.01 * t, 0, 12, { gridPoints: 101 }).x).toBeCloseTo(Math.PI - Math.asin(0.01), 9);
  });
  it("reports a minimum at an end", () => {
    const r = minimizeOnInterval((t) => t, 1, 2);
    expect(r).toEqual({ x: 1, fx: 1, atBoundary: true });
  });
  it("golden-section fallback on a kink", () => {
    expect(minimizeOnInterval((t) => Math.abs(t - 0.3), 0, 1, { gridPoints: 10 }).x).toBeCloseTo(0.3, 9);
  });
  it("bad input", () => {
    expect(() => minimizeOnInterval((t) => t, 2, 1)).toThrow(InvalidInputError);
    expect(() => minimizeOnInterval(() => NaN, 0, 1)).toThrow(/not finite/);
  });
});

describe("Xoshiro128", () => {
  it("is deterministic per seed and uniform enough", () => {
    const a = new Xoshiro128(1), b = new Xoshiro128(1);
    for (let i = 0; i < 5; i++) expect(a.nextUint32()).toBe(b.nextUint32());
    const counts = new Array(4).fill(0);
    const r = new Xoshiro128(3);
    for (let i = 0; i < 4000; i++) counts[r.nextInt(4)]++;
    counts.forEach((c) => expect(Math.abs(c - 1000)).toBeLessThan(120));
  });
});
