import { describe, expect, it } from "vitest";
import { bnsl, bnslLoss, bnslModel } from "../../lib/laws/bnsl";
import { checkModelGradient } from "../../lib/fit/fit";
import { InvalidInputError } from "../../lib/core";

describe("bnslLoss", () => {
  it("check 25 (loss-and-mixing.md (a)): with no breaks it is the power law plus constant a + b·x^(−c0)", () => {
    for (const x of [1, 37, 1e3, 2.5e7]) expect(bnslLoss(x, { a: 0.3, b: 4, c0: 0.21, breaks: [] })).toBeCloseTo(0.3 + 4 * x ** -0.21, 13);
  });
  it("far beyond a break the local exponent is c0 + c1", () => {
    const p = { a: 0, b: 1, c0: 0.2, breaks: [{ c: 0.3, d: 1e3, f: 0.5 }] };
    const slope = (Math.log(bnslLoss(1e9, p)) - Math.log(bnslLoss(1e8, p))) / Math.log(10);
    expect(slope).toBeCloseTo(-0.5, 6);
  });
  it("well before a break the local exponent is c0", () => {
    const p = { a: 0, b: 1, c0: 0.2, breaks: [{ c: 0.3, d: 1e6, f: 0.5 }] };
    const slope = (Math.log(bnslLoss(10, p)) - Math.log(bnslLoss(1, p))) / Math.log(10);
    expect(slope).toBeCloseTo(-0.2, 6);
  });
  it("stays finite for a very sharp break far past its location", () => {
    expect(Number.isFinite(bnslLoss(1e12, { a: 1, b: 1, c0: 0.1, breaks: [{ c: 0.2, d: 10, f: 1e-3 }] }))).toBe(true);
  });
  it("a negative slope change (c1 < 0) makes the curve turn back up (U-shaped / inverse scaling)", () => {
    const p = { a: 0, b: 1, c0: 0.3, breaks: [{ c: -0.6, d: 1e3, f: 0.3 }] };
    expect(bnslLoss(1e6, p)).toBeGreaterThan(bnslLoss(1e3, p));
  });
  it("rejects x ≤ 0", () => {
    expect(() => bnslLoss(0, { a: 0, b: 1, c0: 0.1, breaks: [] })).toThrow(InvalidInputError);
  });
  it("rejects a break with non-positive sharpness, naming it", () => {
    expect(() => bnslLoss(5, { a: 0, b: 1, c0: 0.1, breaks: [{ c: 1, d: 1, f: 0 }] })).toThrow(/params.breaks\[0\].f/);
  });
});

describe("bnslModel", () => {
  it("its value equals bnslLoss", () => {
    expect(bnslModel(1).value([0.1, 2, 0.3, 0.4, 50, 0.7], { x: 123 })).toBeCloseTo(bnslLoss(123, { a: 0.1, b: 2, c0: 0.3, breaks: [{ c: 0.4, d: 50, f: 0.7 }] }), 13);
  });
  it("its analytic gradient matches central differences (two breaks)", () => {
    // Rows near and past the breaks: far before a break its terms are ~1e-9 and differences lose all digits.
    const r = checkModelGradient(bnslModel(2), [300, 2000, 7e3, 9e4].map((x) => ({ x })), [0.1, 2, 0.3, 0.4, 50, 0.7, -0.2, 3e3, 0.4]);
    expect(r.maxRelError).toBeLessThan(1e-5);
  });
  it("recovers a one-break law from noiseless synthetic data", () => {
    const truth = [0.5, 3, 0.25, 0.35, 300, 0.4];
    const xs = Array.from({ length: 30 }, (_, i) => 10 ** (0.5 + (i * 4.5) / 29));
    const ys = xs.map((x) => bnslModel(1).value(truth, { x }));
    const f = bnsl.fitSync(xs.map((x) => ({ x })), ys, {
      objective: "mse",
      space: "log",
      init: { a: 0.4, b: 2, c0: 0.2, c1: 0.3, d1: 200, f1: 0.5 },
      ftol: 1e-15,
      gtol: 1e-12,
      maxIterations: 5000,
      workers: 0,
    });
    expect(f.params.c0).toBeCloseTo(0.25, 3);
    expect(f.params.c1).toBeCloseTo(0.35, 3);
    expect(f.params.d1 / 300).toBeCloseTo(1, 2);
  });
  it("rejects a fractional number of breaks", () => {
    expect(() => bnslModel(1.5)).toThrow(/nBreaks must be an integer/);
    expect(() => bnsl.withBreaks(1.5)).toThrow(/laws\.bnsl\.withBreaks: nBreaks must be an integer/);
  });
  it("laws.bnsl is the one-break law with flat parameters; withBreaks(n) gives the n-break law", () => {
    const p = { a: 0.1, b: 2, c0: 0.3, c1: 0.4, d1: 50, f1: 0.7 };
    expect(bnsl.predict({ x: 123 }, p)).toBeCloseTo(bnslLoss(123, { a: 0.1, b: 2, c0: 0.3, breaks: [{ c: 0.4, d: 50, f: 0.7 }] }), 13);
    expect(bnsl.withBreaks(0).predict({ x: 100 }, { a: 0.3, b: 4, c0: 0.21 })).toBeCloseTo(0.3 + 4 * 100 ** -0.21, 13);
    expect(bnsl.withBreaks(2)).toBe(bnsl.withBreaks(2));
    expect(bnsl.withBreaks(2).paramNames).toEqual(["a", "b", "c0", "c1", "d1", "f1", "c2", "d2", "f2"]);
  });
});
