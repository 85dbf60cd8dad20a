/**
 * The minimiser on standard problems: Rosenbrock (minimum (1, …, 1), f = 0), NIST StRD nonlinear regressions
 * with certified values (see ./nist-strd.ts), the strong-Wolfe conditions, and every stop reason.
 */
import { describe, expect, it } from "vitest";
import { minimizeLbfgs, type DifferentiableFunction } from "../../lib/fit/lbfgs";
import { strongWolfeLineSearch } from "../../lib/fit/line-search";
import { fitModelSync } from "../../lib/fit/fit";
import type { Model } from "../../lib/fit/model";
import { BENNETT5, MISRA1A } from "./nist-strd";

/** Extended Rosenbrock: Σ 100 (x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})² (Moré, Garbow & Hillstrom 1981, problem 21). */
function rosenbrock(dim: number): DifferentiableFunction {
  return {
    dim,
    evaluate(x, g) {
      let f = 0;
      g.fill(0);
      for (let i = 0; i < dim; i += 2) {
        const t1 = x[i + 1] - x[i] * x[i];
        const t2 = 1 - x[i];
        f += 100 * t1 * t1 + t2 * t2;
        g[i] += -400 * x[i] * t1 - 2 * t2;
        g[i + 1] += 200 * t1;
      }
      return f;
    },
  };
}

describe("L-BFGS with strong-Wolfe line search", () => {
  it("minimises the 2-D Rosenbrock function from (−1.2, 1) to (1, 1)", () => {
    const r = minimizeLbfgs(rosenbrock(2), [-1.2, 1], { gtol: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.reason).toBe("gradient");
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.f).toBeLessThan(1e-16);
  });

  it("minimises the 20-D extended Rosenbrock function from (−1.2, 1, …)", () => {
    const x0 = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
    const r = minimizeLbfgs(rosenbrock(20), x0, { gtol: 1e-9 });
    expect(r.converged).toBe(true);
    for (const v of r.x) expect(v).toBeCloseTo(1, 7);
  });

  it("reports max-iterations when the budget runs out", () => {
    const r = minimizeLbfgs(rosenbrock(2), [-1.2, 1], { maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.reason).toBe("max-iterations");
    expect(r.iterations).toBe(3);
  });

  it("reports non-finite when the objective is NaN at the start", () => {
    const r = minimizeLbfgs({ dim: 1, evaluate: (_x, g) => { g[0] = NaN; return NaN; } }, [0]);
    expect(r.reason).toBe("non-finite");
    expect(r.converged).toBe(false);
  });

  it("reports gradient convergence without iterating when started at the minimum", () => {
    const r = minimizeLbfgs(rosenbrock(2), [1, 1]);
    expect(r).toMatchObject({ reason: "gradient", iterations: 0, converged: true });
  });

  it("reports line-search failure on a function that cannot decrease along its gradient (wrong gradient sign)", () => {
    const wrong = { dim: 1, evaluate: (x: Float64Array, g: Float64Array) => { g[0] = -2 * x[0]; return x[0] * x[0]; } };
    const r = minimizeLbfgs(wrong, [1]);
    expect(r.reason).toBe("line-search");
    expect(r.converged).toBe(false);
  });

  it("the line search returns a step satisfying both strong-Wolfe conditions", () => {
    // φ(α) = (α − 2)² − 4 along a descent direction at α = 0: φ(0) = 0, φ'(0) = −4.
    const phi = (a: number) => ({ f: (a - 2) ** 2 - 4, slope: 2 * (a - 2) });
    const c1 = 1e-4, c2 = 0.1;
    const r = strongWolfeLineSearch(phi, 0, -4, 0.01, { c1, c2, maxEvaluations: 30 });
    expect(r.ok).toBe(true);
    expect(r.f).toBeLessThanOrEqual(0 + c1 * r.alpha * -4);
    expect(Math.abs(r.slope)).toBeLessThanOrEqual(c2 * 4);
  });

  it("the line search backs off from non-finite trial points", () => {
    // Finite only for α < 1; the first trial α = 4 is NaN.
    const phi = (a: number) => (a < 1 ? { f: -a + 0.1 * a * a, slope: -1 + 0.2 * a } : { f: NaN, slope: NaN });
    const r = strongWolfeLineSearch(phi, 0, -1, 4, { c1: 1e-4, c2: 0.9, maxEvaluations: 30 });
    expect(r.alpha).toBeGreaterThan(0);
    expect(r.alpha).toBeLessThan(1);
    expect(Number.isFinite(r.f)).toBe(true);
  });
});

interface XRow { readonly x: number }

const misra1a: Model<XRow> = {
  id: "test-misra1a",
  params: [{ name: "b1" }, { name: "b2" }],
  value: (t, r) => t[0] * (1 - Math.exp(-t[1] * r.x)),
  valueAndGradient(t, r, g) {
    const e = Math.exp(-t[1] * r.x);
    g[0] = 1 - e;
    g[1] = t[0] * r.x * e;
    return t[0] * (1 - e);
  },
};

const bennett5: Model<XRow> = {
  id: "test-bennett5",
  params: [{ name: "b1", scale: 2000 }, { name: "b2", scale: 50 }, { name: "b3" }],
  value: (t, r) => t[0] * (t[1] + r.x) ** (-1 / t[2]),
  valueAndGradient(t, r, g) {
    const base = t[1] + r.x;
    const p = base ** (-1 / t[2]);
    g[0] = p;
    g[1] = (t[0] * p * (-1 / t[2])) / base;
    g[2] = (t[0] * p * Math.log(base)) / (t[2] * t[2]);
    return t[0] * p;
  },
};

const tight = { objective: "mse" as const, space: "linear" as const, gtol: 1e-12, ftol: 1e-15, maxIterations: 20000 };

describe("NIST StRD nonlinear regression, certified values", () => {
  for (const [label, start] of [["start 1", MISRA1A.start1], ["start 2", MISRA1A.start2]] as const) {
    it(`Misra1a from ${label} reaches the certified b1, b2 and residual sum of squares`, () => {
      const rows = MISRA1A.x.map((x) => ({ x }));
      const r = fitModelSync(misra1a, rows, MISRA1A.y, { ...tight, init: start });
      expect(Math.abs(r.params.b1 / MISRA1A.certified[0] - 1)).toBeLessThan(1e-6);
      expect(Math.abs(r.params.b2 / MISRA1A.certified[1] - 1)).toBeLessThan(1e-6);
      expect(Math.abs(r.objective / MISRA1A.certifiedRSS - 1)).toBeLessThan(1e-8);
    });
  }

  it("Misra1a from a 5 × 5 grid of starts (screened, starts joining earlier end points) reaches the certified optimum", () => {
    const rows = MISRA1A.x.map((x) => ({ x }));
    // Both NIST starts' ranges and beyond: b1 from 100 to 1000, b2 from 1e-4 to 1e-3.
    const starts = [100, 250, 500, 750, 1000].flatMap((b1) => [1e-4, 2.5e-4, 5e-4, 7.5e-4, 1e-3].map((b2) => [b1, b2]));
    const r = fitModelSync(misra1a, rows, MISRA1A.y, { ...tight, starts, workers: 0 });
    expect(r.grid.screening).not.toBeNull();
    expect(Math.abs(r.params.b1 / MISRA1A.certified[0] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.params.b2 / MISRA1A.certified[1] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.objective / MISRA1A.certifiedRSS - 1)).toBeLessThan(1e-8);
  });

  it("Misra1a: least-squares Hessian SEs match the certified standard deviations", () => {
    const rows = MISRA1A.x.map((x) => ({ x }));
    const r = fitModelSync(misra1a, rows, MISRA1A.y, { ...tight, init: MISRA1A.start2 });
    expect(r.uncertainty).toBe("hessian-least-squares");
    // NIST uses the Gauss–Newton JᵀJ; the full Hessian adds residual curvature terms, hence 1e-2.
    expect(Math.abs(r.se.b1! / MISRA1A.certifiedSE[0] - 1)).toBeLessThan(1e-2);
    expect(Math.abs(r.se.b2! / MISRA1A.certifiedSE[1] - 1)).toBeLessThan(1e-2);
  });

  // Bennett5's parameters differ by 3 orders of magnitude: ParamSpec.scale (2000, 50, 1) rounds the problem.
  it("Bennett5 (higher difficulty) from NIST start 1 reaches the certified values", () => {
    const rows = BENNETT5.data.map(([, x]) => ({ x }));
    const ys = BENNETT5.data.map(([y]) => y);
    const r = fitModelSync(bennett5, rows, ys, { ...tight, init: BENNETT5.start1 });
    BENNETT5.certified.forEach((c, j) => {
      expect(Math.abs(r.params[`b${j + 1}`] / c - 1)).toBeLessThan(1e-6);
    });
    // Ill-conditioned (b1–b3 relative curvature ~3e-10) but determined (certified SEs 12% and 2%): no
    // "the data do not determine" warning (lib/fit/identifiability.ts).
    expect(r.diagnostics.flatDirections).toEqual([]);
    expect(r.warnings.filter((w) => w.startsWith("the data do not determine"))).toEqual([]);
  });
});
