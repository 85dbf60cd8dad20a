/**
 * Generic compute-optimal allocation, iso-loss contours and inference-aware allocation. Reference checks 1, 2, 5, 6, 7
 * of loss-and-mixing.md (a) (Chinchilla closed form, confirmed constant sets) are recomputed by the NUMERIC solver.
 */
import { describe, expect, it } from "vitest";
import { computeOptimalAllocation, computeOptimalFrontier } from "../../lib/laws/allocation";
import { inferenceAwareAllocation } from "../../lib/laws/inference-allocation";
import { isoLossContour, isoLossTokens } from "../../lib/laws/isoloss";
import { DidNotConvergeError, InvalidInputError, listLaws } from "../../lib/core";
import "../../lib/laws";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
type P = { E: number; A: number; B: number; alpha: number; beta: number };
const law = (p: P) => (N: number, D: number) => p.E + p.A / N ** p.alpha + p.B / D ** p.beta;
const ROUNDED: P = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const UNROUNDED: P = { E: Math.exp(0.5267228), A: Math.exp(6.0073404), B: Math.exp(6.0179186), alpha: 0.33917084, beta: 0.2849083 };
const EPOCH: P = { E: 1.81686, A: 482.0057, B: 2085.4342, alpha: 0.34781303, beta: 0.36585412 };
/** The closed form of loss-and-mixing.md §0 (G, a_exp), written out here independently of lib. */
function closedForm(p: P, C: number) {
  const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
  const N = G * (C / 6) ** (p.beta / (p.alpha + p.beta));
  return { N, D: C / (6 * N) };
}

describe("computeOptimalAllocation reproduces the Chinchilla closed-form reference checks", () => {
  const cases: [string, P, number, number, number, number | null][] = [
    ["check 1 (rounded, C = 5.76e23)", ROUNDED, 5.76e23, 3.219e10, 2.982e12, 1.9307],
    ["check 2 (rounded, C = 1e21)", ROUNDED, 1e21, 1.824e9, 9.136e10, 2.3289],
    ["check 5 (Epoch true_params unrounded, C = 5.76e23)", UNROUNDED, 5.76e23, 4.036e10, 2.379e12, 1.9184],
    ["check 6 (Epoch refit, C = 5.76e23)", EPOCH, 5.76e23, 7.236e10, 1.327e12, 1.974],
    ["check 7 (Epoch refit, C = 1e21)", EPOCH, 1e21, 2.782e9, 5.991e10, null],
  ];
  for (const [name, p, C, N, D, L] of cases) {
    it(`${name}: N, D${L ? ", L" : ""} match the reference to its 4 digits`, () => {
      const r = computeOptimalAllocation(law(p), C);
      expect(rel(r.N, N)).toBeLessThan(5e-4);
      expect(rel(r.D, D)).toBeLessThan(5e-4);
      if (L) expect(rel(r.loss, L)).toBeLessThan(5e-5);
    });
  }
  it("agrees with the closed form to 1e-9 relative (tolerance of loss-and-mixing.md (a))", () => {
    for (const p of [ROUNDED, UNROUNDED, EPOCH]) {
      for (const C of [1e18, 1e21, 5.76e23, 1e26]) expect(rel(computeOptimalAllocation(law(p), C).N, closedForm(p, C).N)).toBeLessThan(1e-9);
    }
  });
  it("check 1: the frontier's N exponent is a_exp = beta/(alpha+beta) = 0.4516", () => {
    expect(computeOptimalFrontier(law(ROUNDED), [1e19, 1e21, 1e23]).nExponent).toBeCloseTo(0.28 / 0.62, 9);
  });
});

describe("computeOptimalAllocation: properties", () => {
  it("spends the budget exactly: f(N)·D = C", () => {
    for (const C of [1e17, 3.3e20, 5.76e23]) {
      const r = computeOptimalAllocation(law(EPOCH), C);
      expect(rel(6 * r.N * r.D, C)).toBeLessThan(1e-15);
      expect(r.flopsSpent).toBe(6 * r.N * r.D);
    }
  });
  it("satisfies the first-order condition dL/dlnN = 0 along the budget line", () => {
    const r = computeOptimalAllocation(law(ROUNDED), 1e22);
    expect(Math.abs(r.slope)).toBeLessThan(1e-8);
    expect(r.atBoundary).toBe(false);
  });
  it("is a minimum: moving N by ±1% along the budget raises the loss", () => {
    const f = law(UNROUNDED), C = 1e21, r = computeOptimalAllocation(f, C);
    for (const s of [0.99, 1.01]) expect(f(r.N * s, C / (6 * r.N * s))).toBeGreaterThan(r.loss);
  });
  it("supports a general FLOP rule f(N) and spends C exactly under it", () => {
    const fpt = (N: number) => 6 * N + 6 * 2048 * Math.sqrt(N);
    const r = computeOptimalAllocation(law(ROUNDED), 1e21, { flopsPerToken: fpt });
    expect(rel(fpt(r.N) * r.D, 1e21)).toBeLessThan(1e-15);
    expect(Math.abs(r.slope)).toBeLessThan(1e-8);
  });
  it("flags an optimum at the end of the searched N range", () => {
    expect(computeOptimalAllocation(law(ROUNDED), 1e21, { Nmax: 1e8 }).atBoundary).toBe(true);
  });
  it("computeOptimalFrontier refuses budgets whose optimum sits on the range end", () => {
    expect(() => computeOptimalFrontier(law(ROUNDED), [1e20, 1e21], { Nmax: 1e8 })).toThrow(/widen Nmin\/Nmax/);
  });
  it("rejects C ≤ 0", () => {
    expect(() => computeOptimalAllocation(law(ROUNDED), 0)).toThrow(InvalidInputError);
  });
  it("rejects a non-function loss", () => {
    expect(() => computeOptimalAllocation(3 as never, 1e20)).toThrow(/loss must be a function/);
  });
  it("fails with DidNotConvergeError when the loss is nowhere finite", () => {
    expect(() => computeOptimalAllocation(() => NaN, 1e20)).toThrow(DidNotConvergeError);
  });
  it("computeOptimalFrontier rejects a single budget", () => {
    expect(() => computeOptimalFrontier(law(ROUNDED), [1e20])).toThrow(/2 distinct budgets/);
  });
});

describe("iso-loss contours", () => {
  it("check 3 inverted: the rounded law reaches 1.93665 at N = 70e9 with D = 1.4e12", () => {
    expect(rel(isoLossTokens(law(ROUNDED), 70e9, 1.93665), 1.4e12)).toBeLessThan(2e-4);
  });
  it("every contour point has the target loss", () => {
    const f = law(EPOCH);
    for (const p of isoLossContour(f, 2.1, [1e9, 1e10, 1e11])) expect(f(p.N, p.D)).toBeCloseTo(2.1, 10);
  });
  it("returns Infinity when the model cannot reach the target even with unlimited data", () => {
    expect(isoLossTokens(law(ROUNDED), 1e6, 1.9)).toBe(Infinity);
  });
  it("the contour's minimum-compute point is the compute-optimal allocation at that loss", () => {
    const f = law(ROUNDED), opt = computeOptimalAllocation(f, 1e22);
    const Ns = [0.97, 0.99, 1, 1.01, 1.03].map((s) => opt.N * s);
    const Cs = isoLossContour(f, opt.loss, Ns).map((p) => p.C);
    expect(Math.min(...Cs)).toBe(Cs[2]);
  });
  it("isoLossContour rejects an empty list of sizes", () => {
    expect(() => isoLossContour(law(ROUNDED), 2, [])).toThrow(InvalidInputError);
  });
});

describe("inferenceAwareAllocation", () => {
  const f = law(ROUNDED);
  it("with no inference tokens it returns the compute-optimal model for the target loss", () => {
    const r = inferenceAwareAllocation(f, 2.0, 0);
    const opt = computeOptimalAllocation(f, r.trainingFlops);
    expect(rel(r.N, opt.N)).toBeLessThan(1e-6);
    expect(rel(opt.loss, 2.0)).toBeLessThan(1e-9);
  });
  it("reaches the target loss and satisfies the first-order condition", () => {
    const r = inferenceAwareAllocation(f, 2.0, 1e13);
    expect(f(r.N, r.D)).toBeCloseTo(2.0, 10);
    expect(Math.abs(r.relativeSlope)).toBeLessThan(1e-7);
    expect(r.totalFlops).toBe(r.trainingFlops + r.inferenceFlops);
    expect(r.inferenceFlops).toBe(2 * r.N * 1e13);
  });
  it("serving more tokens favours a smaller model trained on more tokens", () => {
    const [a, b, c] = [0, 1e12, 1e14].map((T) => inferenceAwareAllocation(f, 2.0, T));
    expect(b.N).toBeLessThan(a.N);
    expect(c.N).toBeLessThan(b.N);
    expect(c.tokensPerParam).toBeGreaterThan(a.tokensPerParam);
  });
  it("its lifetime cost never exceeds that of the compute-optimal model serving the same tokens", () => {
    const T = 1e13, r = inferenceAwareAllocation(f, 2.0, T), a = inferenceAwareAllocation(f, 2.0, 0);
    expect(r.totalFlops).toBeLessThanOrEqual(a.trainingFlops + 2 * a.N * T);
  });
  it("rejects a target below the law's irreducible loss", () => {
    expect(() => inferenceAwareAllocation(f, 1.5, 0)).toThrow(/not reachable/);
  });
  it("rejects negative inference tokens", () => {
    expect(() => inferenceAwareAllocation(f, 2.0, -1)).toThrow(InvalidInputError);
  });
});

describe("law cards", () => {
  it("every allocation, counting and approach module registers its card in the catalogue", () => {
    const ids = listLaws().map((l) => l.id);
    for (const id of ["transformer-flop-counting", "compute-optimal-allocation", "iso-loss-contour", "inference-aware-allocation",
      "chinchilla-approach-1", "chinchilla-approach-2", "counting-conversion", "porian-discrepancies"]) expect(ids).toContain(id);
  });
});
