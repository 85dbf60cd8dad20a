/**
 * Special functions and distributions against scipy 1.17.1 (scipy.special / scipy.stats, computed for this test with
 * `python3 -c "from scipy import stats; print(repr(stats.t.ppf(0.975, 10)))"` and the like; each value is the repr).
 */
import { describe, expect, it } from "vitest";
import {
  chiSquareSurvival, erf, erfc, logGamma, normalCdf, normalQuantile, regularizedBeta, regularizedGammaP, regularizedGammaQ,
  studentTCdf, studentTQuantile,
} from "../../lib/numeric/special";

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe("Student-t (scipy.stats.t)", () => {
  it.each([
    [0.975, 1, 12.706204736174694], [0.975, 2, 4.302652729749462], [0.975, 3, 3.1824463052837078],
    [0.975, 10, 2.228138851986274], [0.995, 4, 4.604094871349992], [0.9995, 30, 3.6459586350420627],
    [0.6, 7, 0.2631668613520229], [0.975, 1000, 1.9623390808264083], [0.999999, 3, 103.29946777942898],
    [0.975, 0.5, 164.55767348048818], [0.025, 8, -2.3060041352041662],
  ])("ppf(%f, df=%f)", (p, df, want) => {
    expect(rel(studentTQuantile(p, df), want)).toBeLessThan(1e-11);
  });
  it.each([[2.0, 5, 0.9490302605850708], [-1.5, 3, 0.11529193262241147], [10, 2, 0.9950737714883372],
    [0.3, 100, 0.6176000598498482], [40, 4, 0.9999988329918387]])("cdf(%f, df=%f)", (x, df, want) => {
    expect(rel(studentTCdf(x, df), want)).toBeLessThan(1e-13);
  });
  it("keeps the far tail (sf(40, 4) = 1.1670081613006339e-06)", () => {
    expect(rel(1 - studentTCdf(40, 4), 1.1670081613006339e-6)).toBeLessThan(1e-8);
    expect(rel(studentTCdf(-40, 4), 1.1670081613006339e-6)).toBeLessThan(1e-12);
  });
  it("edge cases", () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
    expect(studentTQuantile(0.9, 0)).toBeNaN();
    expect(studentTCdf(Infinity, 3)).toBe(1);
  });
});

describe("incomplete beta and gamma (scipy.special.betainc / gammainc / gammaincc)", () => {
  it("regularizedBeta", () => {
    expect(rel(regularizedBeta(0.5, 2, 3), 0.6875)).toBeLessThan(1e-14);
    expect(rel(regularizedBeta(0.1, 0.5, 0.5), 0.20483276469913345)).toBeLessThan(1e-13);
    expect(rel(regularizedBeta(0.45, 50, 60), 0.4642352914306031)).toBeLessThan(1e-12);
    expect(rel(regularizedBeta(0.999, 5, 0.5), 0.9222819921009667)).toBeLessThan(1e-13);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
  it("regularizedGammaP / Q and χ² survival", () => {
    expect(rel(regularizedGammaQ(1, 2), 0.1353352832366127)).toBeLessThan(1e-14);
    expect(rel(regularizedGammaQ(3.5, 1.2), 0.9344370795779711)).toBeLessThan(1e-13);
    expect(rel(regularizedGammaP(3.5, 1.2), 0.06556292042202891)).toBeLessThan(1e-12);
    expect(rel(regularizedGammaP(20, 30), 0.9781265315586091)).toBeLessThan(1e-13);
    expect(rel(chiSquareSurvival(11.0705, 5), 0.0499999554280436)).toBeLessThan(1e-10);
    // Moved from tests/fit/engine.test.ts (scipy 1.17.1): chi2.sf(238.4, 5), chi2.sf(3, 2), chi2.sf(100, 10).
    expect(rel(chiSquareSurvival(238.4, 5), 1.6917239591137909e-49)).toBeLessThan(1e-8);
    expect(rel(chiSquareSurvival(3, 2), 0.22313016014842982)).toBeLessThan(1e-12);
    expect(rel(chiSquareSurvival(100, 10), 5.4497019829205215e-17)).toBeLessThan(1e-8);
  });
  it("logGamma (scipy.special.gammaln)", () => {
    expect(rel(logGamma(5), 3.1780538303479458)).toBeLessThan(1e-15);
    expect(rel(logGamma(0.3), 1.0957979948180756)).toBeLessThan(1e-14);
    expect(rel(logGamma(123.4), 469.3360974421906)).toBeLessThan(1e-14);
  });
});

describe("normal and erf (scipy.stats.norm, scipy.special.erf/erfc)", () => {
  it("normalQuantile", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(rel(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.3), -0.5244005127080409)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.999999999), 5.997807019601637)).toBeLessThan(1e-8); // p itself carries 1e-16/1e-9 error
    expect(rel(normalQuantile(0.5 + 1e-9), 2.5066282037387115e-9)).toBeLessThan(1e-6);
  });
  it("normalCdf", () => {
    expect(rel(normalCdf(-8), 6.22096057427174e-16)).toBeLessThan(1e-12);
    expect(rel(normalCdf(-1.3), 0.09680048458561036)).toBeLessThan(1e-14);
    expect(rel(normalCdf(0.7), 0.758036347776927)).toBeLessThan(1e-14);
    expect(rel(normalCdf(5), 0.9999997133484281)).toBeLessThan(1e-15);
  });
  it("erf / erfc", () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(-1.2)).toBeCloseTo(-0.9103139782296353, 15);
    // Moved from tests/fit/engine.test.ts (scipy 1.17.1).
    expect(rel(erf(1e-3 / Math.SQRT2), 0.0007978844278221252)).toBeLessThan(1e-14);
    expect(erf(2.9)).toBeCloseTo(0.9999589021219005, 15);
    expect(erf(3.5)).toBeCloseTo(0.9999992569016276, 15);
    expect(rel(erfc(3), 2.2090496998585445e-5)).toBeLessThan(1e-13);
    expect(rel(erfc(-0.5), 1.5204998778130465)).toBeLessThan(1e-15);
    expect(rel(erfc(6), 2.1519736712498913e-17)).toBeLessThan(1e-12);
  });
});
