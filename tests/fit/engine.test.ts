/**
 * The generic engine: gradients (analytic vs the central-difference fallback), transforms and bounds, objectives,
 * input validation, recovery of known parameters from seeded synthetic data, seeded bootstrap, workers vs
 * in-process, the Huber normaliser (value from scipy 1.17.1), the public `fit` namespace, and the FitResult shape.
 * (The special functions are tested in tests/numeric/special.test.ts.)
 */
import { describe, expect, it } from "vitest";
import * as fit from "../../lib/fit";
import { fitModel, fitModelSync, checkModelGradient } from "../../lib/fit/fit";
import { bindModel, centralDifferenceGradient, FitObjective, huberLogNormalizer } from "../../lib/fit/objective";
import { ParamCoordinates } from "../../lib/fit/transforms";
import { bootstrapWeights } from "../../lib/fit/bootstrap";
import { numericHessian } from "../../lib/fit/hessian";
import { formatFitResultText } from "../../lib/fit/result";
import { FIT_DEFAULTS } from "../../lib/fit/options";
import type { Model } from "../../lib/fit/model";
import { Xoshiro128 } from "../../lib/numeric/random";
import { chinchillaModel, chinchillaLoss, CHINCHILLA_DEFAULT_GRID, type ChinchillaParams } from "../../lib/laws/chinchilla";
import { chinchilla } from "../../lib/laws/chinchilla-law";
import type { ChinchillaFitOptions } from "../../lib/laws/chinchilla-fit";
import { InsufficientDataError, InterruptedError, InvalidInputError, UnknownChoiceError, JUPYTER_DISPLAY } from "../../lib/core";

const rel = (a: number, b: number) => Math.abs(a / b - 1);

/** Power law + constant y = c + k·x^(−p) with analytic gradient. */
const powerLawPlusConstant: Model<number> = {
  id: "test-power-law-plus-constant",
  params: [{ name: "c", transform: "log" }, { name: "k", transform: "log" }, { name: "p" }],
  value: (t, x) => t[0] + t[1] * x ** -t[2],
  valueAndGradient(t, x, g) {
    const xp = x ** -t[2];
    g[0] = 1; g[1] = xp; g[2] = -t[1] * xp * Math.log(x);
    return t[0] + t[1] * xp;
  },
};
const { valueAndGradient: _drop, ...powerLawNoGradient } = powerLawPlusConstant;

/** Seeded synthetic Chinchilla data: 4×4 grid of N, D with multiplicative noise exp(σ·z). */
function syntheticChinchilla(p: ChinchillaParams, noise: number, seed: number) {
  const rng = new Xoshiro128(seed);
  const normal = () => {
    const u1 = (rng.nextUint32() + 1) / 4294967297, u2 = rng.nextUint32() / 4294967296;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  const rows: { N: number; D: number; loss: number }[] = [];
  for (const N of [1e8, 4e8, 1.6e9, 6.4e9, 2.56e10]) {
    for (const D of [2e9, 8e9, 3.2e10, 1.28e11, 5.12e11]) rows.push({ N, D, loss: chinchillaLoss(p, N, D) * Math.exp(noise * normal()) });
  }
  return rows;
}
const truth: ChinchillaParams = { E: 1.8, A: 480, B: 2100, alpha: 0.35, beta: 0.37 };
const fitChinchilla = (rows: readonly { N: number; D: number; loss: number }[], options?: ChinchillaFitOptions) =>
  chinchilla.fit(rows, rows.map((r) => r.loss), options);

describe("gradients", () => {
  it("the central-difference fallback agrees with the analytic gradient of the Chinchilla model", () => {
    const t = new Float64Array([1.8, 480, 2100, 0.35, 0.37]);
    const ga = new Float64Array(5), gn = new Float64Array(5);
    for (const x of [{ N: 1e8, D: 1e9 }, { N: 7e10, D: 1.4e12 }]) {
      chinchillaModel.valueAndGradient!(t, x, ga);
      centralDifferenceGradient(chinchillaModel, t, x, gn);
      ga.forEach((v, j) => expect(Math.abs(v - gn[j]) / Math.max(Math.abs(v), 1e-12)).toBeLessThan(1e-7));
    }
  });

  it("the log-sum-exp path, the analytic path and the finite-difference path give the same objective gradient", () => {
    const rows = [{ N: 1e8, D: 1e9 }, { N: 1e9, D: 3e10 }, { N: 7e10, D: 1.4e12 }];
    const ys = [3.1, 2.5, 1.95];
    const coords = new ParamCoordinates("test", chinchillaModel.params);
    const spec = { kind: "huber" as const, delta: 1, space: "log" as const, reduction: "sum" as const };
    const { bindLog: _b, ...analyticOnly } = chinchillaModel;
    const { bindLog: _c, valueAndGradient: _v, ...fdOnly } = chinchillaModel;
    const u = coords.thetaToS("test", [1.8, 480, 2100, 0.35, 0.37]);
    const grads = [chinchillaModel, analyticOnly, fdOnly].map((m) => {
      const obj = new FitObjective(bindModel(m, rows, coords), ys, null, spec);
      const g = new Float64Array(5);
      obj.evaluate(u, g);
      return g;
    });
    for (let j = 0; j < 5; j++) {
      expect(rel(grads[1][j], grads[0][j])).toBeLessThan(1e-10);
      expect(rel(grads[2][j], grads[0][j])).toBeLessThan(1e-6);
    }
    expect(bindModel(fdOnly, rows, coords).finiteDifferences).toBe(true);
  });

  it("the Huber-likelihood gradient (incl. log σ) matches central differences of the objective", () => {
    const rows = [{ N: 1e8, D: 1e9 }, { N: 1e9, D: 3e10 }, { N: 7e10, D: 1.4e12 }, { N: 3e9, D: 6e10 }];
    const coords = new ParamCoordinates("test", chinchillaModel.params);
    const obj = new FitObjective(bindModel(chinchillaModel, rows, coords), [3.1, 2.5, 1.95, 2.3], null,
      { kind: "huber-likelihood", delta: 1, space: "log", reduction: "mean" });
    const u = new Float64Array([0.6, 6.2, 7.6, 0.35, 0.37, Math.log(0.05)]);
    const g = new Float64Array(6), tmp = new Float64Array(6);
    obj.evaluate(u, g);
    for (let j = 0; j < 6; j++) {
      const h = 1e-6;
      const up = Float64Array.from(u); up[j] += h;
      const dn = Float64Array.from(u); dn[j] -= h;
      const fd = (obj.evaluate(up, tmp) - obj.evaluate(dn, tmp)) / (2 * h);
      expect(Math.abs(fd - g[j])).toBeLessThan(1e-6 * Math.max(1, Math.abs(g[j])));
    }
  });

  it("a wrong analytic gradient is caught before fitting, naming the parameter", () => {
    const wrong: Model<number> = { ...powerLawPlusConstant, valueAndGradient: (t, x, g) => { powerLawPlusConstant.valueAndGradient!(t, x, g); g[2] *= 2; return powerLawPlusConstant.value(t, x); } };
    expect(() => fitModelSync(wrong, [1, 2, 4, 8], [3, 2.5, 2.2, 2.1], { init: [2, 1, 0.5] }))
      .toThrow(/analytic gradient of p disagrees with central differences/);
    expect(checkModelGradient(powerLawPlusConstant, [1, 2, 4], [2, 1, 0.5]).maxRelError).toBeLessThan(1e-7);
  });

  it("the numeric Hessian of a quadratic is exact", () => {
    const q = { dim: 2, evaluate: (x: Float64Array, g: Float64Array) => { g[0] = 6 * x[0] + 2 * x[1]; g[1] = 2 * x[0] + 4 * x[1]; return 3 * x[0] ** 2 + 2 * x[0] * x[1] + 2 * x[1] ** 2; } };
    const h = numericHessian(q, [0.3, -2]);
    expect(h[0][0]).toBeCloseTo(6, 8); expect(h[0][1]).toBeCloseTo(2, 8); expect(h[1][1]).toBeCloseTo(4, 8);
  });
});

describe("parameter coordinates and bounds", () => {
  it("log parameters round-trip through scale and optimiser coordinates", () => {
    const c = new ParamCoordinates("t", powerLawPlusConstant.params);
    const s = c.thetaToS("t", [2, 5, 0.3]);
    const theta = new Float64Array(3);
    c.uToTheta(c.sToU("t", s), theta);
    theta.forEach((v, j) => expect(rel(v, [2, 5, 0.3][j])).toBeLessThan(1e-14));
  });

  it("a two-sided bound keeps the fitted value inside [lower, upper] even when the data want it outside", () => {
    const bounded: Model<number> = { ...powerLawPlusConstant, params: [powerLawPlusConstant.params[0], powerLawPlusConstant.params[1], { name: "p", lower: 0.1, upper: 0.4 }] };
    const xs = [1, 2, 4, 8, 16, 32];
    const ys = xs.map((x) => 1 + 3 * x ** -0.8); // true p = 0.8, outside the bounds
    const r = fitModelSync(bounded, xs, ys, { init: [1, 3, 0.3], objective: "mse" });
    expect(r.params.p).toBeGreaterThan(0.1);
    expect(r.params.p).toBeLessThanOrEqual(0.4);
    expect(r.params.p).toBeGreaterThan(0.39);
  });

  it("a start outside the bounds is rejected with the parameter's name", () => {
    const bounded: Model<number> = { ...powerLawPlusConstant, params: [powerLawPlusConstant.params[0], powerLawPlusConstant.params[1], { name: "p", lower: 0.1, upper: 0.4 }] };
    expect(() => fitModelSync(bounded, [1, 2, 4, 8], [3, 2.5, 2.2, 2.1], { init: [1, 1, 0.9] })).toThrow(/start value of p is 0.9/);
  });
});

describe("input validation at the boundary", () => {
  it("laws.chinchilla.fit names the first bad row and column", async () => {
    const rows = syntheticChinchilla(truth, 0, 1).slice(0, 10);
    const bad = rows.map((r, i) => (i === 7 ? { ...r, D: NaN } : r));
    await expect(fitChinchilla(bad)).rejects.toThrow("laws.chinchilla.fit: row 7: D must be a finite number > 0, got NaN");
  });
  it("laws.chinchilla.fit needs at least 5 points", async () => {
    await expect(fitChinchilla(syntheticChinchilla(truth, 0, 1).slice(0, 4))).rejects.toThrow(InsufficientDataError);
  });
  it("laws.chinchilla.fit rejects losses of another length than the rows", async () => {
    await expect(chinchilla.fit([{ N: 1e9, D: 1e10 }, { N: 2e9, D: 2e10 }], [1, 2, 3])).rejects.toThrow(/one observed y per row/);
  });
  it("an unknown objective lists the valid ones", () => {
    expect(() => fitModelSync(powerLawPlusConstant, [1, 2, 4, 8], [3, 2.5, 2.2, 2.1], { init: [1, 1, 0.5], objective: "l1" as never }))
      .toThrow(UnknownChoiceError);
  });
  it("log-space fits reject non-positive observations", () => {
    expect(() => fitModelSync(powerLawPlusConstant, [1, 2, 4, 8], [3, -1, 2.2, 2.1], { init: [1, 1, 0.5] })).toThrow(/row 1 has y = -1/);
  });
  it("fewer usable points than parameters is an InsufficientDataError", () => {
    expect(() => fitModelSync(powerLawPlusConstant, [1, 2], [3, 2.5], { init: [1, 1, 0.5] })).toThrow(InsufficientDataError);
  });
  it("a fit without any start point says how to give one", () => {
    expect(() => fitModelSync(powerLawPlusConstant, [1, 2, 4, 8], [3, 2.5, 2.2, 2.1])).toThrow(/pass init/);
  });
  it("negative weights are rejected", () => {
    expect(() => fitModelSync(powerLawPlusConstant, [1, 2, 4, 8], [3, 2.5, 2.2, 2.1], { init: [1, 1, 0.5], weights: [1, 1, -1, 1] }))
      .toThrow(InvalidInputError);
  });
});

describe("recovery of known parameters", () => {
  it("noise-free Chinchilla data are fitted exactly from the default grid", async () => {
    const r = await fitChinchilla(syntheticChinchilla(truth, 0, 1), { objective: "mse", gtol: 1e-12 });
    for (const k of ["E", "A", "B", "alpha", "beta"] as const) expect(rel(r.params[k], truth[k]), k).toBeLessThan(1e-4);
  });

  it("1% multiplicative noise: the truth lies inside the 95% bootstrap intervals", async () => {
    const r = await fitChinchilla(syntheticChinchilla(truth, 0.01, 2), { bootstrap: 300, seed: 3 });
    for (const k of ["E", "A", "B", "alpha", "beta"] as const) {
      const [lo, hi] = r.ci[k]!;
      expect(lo, k).toBeLessThan(truth[k]);
      expect(hi, k).toBeGreaterThan(truth[k]);
    }
  });

  it("power law + constant is recovered by the same engine, with finite-difference gradients when none are given", () => {
    const xs = [1, 2, 4, 8, 16, 32, 64, 128];
    const ys = xs.map((x) => 1.5 + 4 * x ** -0.6);
    for (const m of [powerLawPlusConstant, powerLawNoGradient]) {
      const r = fitModelSync(m, xs, ys, { grid: { c: [0], k: [0, 2], p: [0.3, 1] }, objective: "mse", gtol: 1e-12 });
      expect(rel(r.params.c, 1.5)).toBeLessThan(1e-5);
      expect(rel(r.params.k, 4)).toBeLessThan(1e-5);
      expect(rel(r.params.p, 0.6)).toBeLessThan(1e-5);
    }
    const fd = fitModelSync(powerLawNoGradient, xs, ys, { init: [1, 1, 0.5] });
    expect(fd.method.gradients).toBe("central differences");
    expect(fd.diagnostics.warnings.join(" ")).toMatch(/central differences/);
  });
});

describe("multi-start screening and polishing", () => {
  const data = syntheticChinchilla(truth, 0.01, 4);

  it("screening the 243 default starts and polishing the best 16 finds the optimum that running every start to the full rules finds", () => {
    const screened = fitModelSync(chinchillaModel, data, data.map((r) => r.loss), { grid: CHINCHILLA_DEFAULT_GRID });
    const full = fitModelSync(chinchillaModel, data, data.map((r) => r.loss), { grid: CHINCHILLA_DEFAULT_GRID, polish: 0 });
    expect(screened.converged).toBe(true);
    expect(rel(screened.objective, full.objective)).toBeLessThan(1e-9);
    for (const k of screened.paramNames) expect(rel(screened.params[k], full.params[k]), k).toBeLessThan(1e-5);
  });

  it("the grid summary reports the screening rule and how many end points were polished", () => {
    const r = fitModelSync(chinchillaModel, data, data.map((x) => x.loss), { grid: CHINCHILLA_DEFAULT_GRID, polish: 5, screenFtol: 1e-5 });
    expect(r.grid.screening).toEqual({ ftol: 1e-5, polished: 5 });
    expect(r.grid.optima[0].objective).toBe(r.objective);
  });

  it("polish: 0, or no more starts than are polished, runs every start to the full rules", () => {
    const ys = data.map((x) => x.loss);
    expect(fitModelSync(chinchillaModel, data, ys, { grid: CHINCHILLA_DEFAULT_GRID, polish: 0 }).grid.screening).toBeNull();
    expect(fitModelSync(chinchillaModel, data, ys, { init: truth }).grid.screening).toBeNull();
  });

  it("a negative or fractional polish count and a non-positive screenFtol are rejected by name", () => {
    const ys = data.map((x) => x.loss);
    expect(() => fitModelSync(chinchillaModel, data, ys, { init: truth, polish: -1 })).toThrow(/polish/);
    expect(() => fitModelSync(chinchillaModel, data, ys, { init: truth, polish: 1.5 })).toThrow(/polish/);
    expect(() => fitModelSync(chinchillaModel, data, ys, { init: truth, screenFtol: 0 })).toThrow(/screenFtol/);
  });
});

describe("Hessian-based standard errors", () => {
  const xs = [1, 2, 4, 8, 16, 32, 64, 128];
  const ys = xs.map((x, i) => (1.5 + 4 * x ** -0.6) * (1 + 0.01 * Math.sin(3 * i)));
  for (const objective of ["mse", "huber", "huber-likelihood"] as const) {
    it(`do not depend on the reduction (${objective})`, () => {
      const opts = { init: [1.5, 4, 0.6], objective, delta: objective === "huber" ? 1e-3 : 10, gtol: 1e-10 };
      const sum = fitModelSync(powerLawPlusConstant, xs, ys, { ...opts, reduction: "sum" });
      const mean = fitModelSync(powerLawPlusConstant, xs, ys, { ...opts, reduction: "mean", gtol: 1e-12 });
      for (const k of ["c", "k", "p"]) expect(rel(mean.se[k]!, sum.se[k]!), k).toBeLessThan(1e-3);
    });
  }
});

describe("seeded bootstrap", () => {
  it("xoshiro128** is deterministic per seed and differs between seeds", () => {
    const a = new Xoshiro128(42), b = new Xoshiro128(42), c = new Xoshiro128(43);
    const sa = [a.nextUint32(), a.nextUint32()], sb = [b.nextUint32(), b.nextUint32()], sc = [c.nextUint32(), c.nextUint32()];
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });
  it("each resample draws n rows with replacement", () => {
    const w = bootstrapWeights(50, 20, 9);
    for (let b = 0; b < 20; b++) expect(w.subarray(b * 50, (b + 1) * 50).reduce((s, x) => s + x, 0)).toBe(50);
    expect(Array.from(w).some((x) => x === 0)).toBe(true);
  });
  it("the same seed gives the same bootstrap SEs, on worker threads or in-process", async () => {
    const data = syntheticChinchilla(truth, 0.01, 5);
    const a = await fitChinchilla(data, { bootstrap: 64, seed: 11 });
    const b = await fitChinchilla(data, { bootstrap: 64, seed: 11, workers: 0 });
    expect(a.se).toEqual(b.se);
    expect(a.params).toEqual(b.params);
  });
});

describe("interrupts", () => {
  const data = syntheticChinchilla(truth, 0.01, 4);
  for (const workers of ["auto", 0] as const) {
    it(`an already-aborted signal rejects with InterruptedError (workers: ${workers})`, async () => {
      const ac = new AbortController();
      ac.abort();
      await expect(fitChinchilla(data, { grid: "hoffmann", signal: ac.signal, workers })).rejects.toThrow(InterruptedError);
    });
    it(`aborting during a 4,500-start fit stops it with InterruptedError (workers: ${workers})`, async () => {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      await expect(fitChinchilla(data, { grid: "hoffmann", signal: ac.signal, workers })).rejects.toThrow(InterruptedError);
    });
  }
});

describe("Huber normaliser (reference: scipy 1.17.1)", () => {
  it("log of the Huber normaliser at δ = 1e-3 (Besiroglu et al.'s huber_normalizing_factor)", () => {
    expect(huberLogNormalizer(1e-3)).toBeCloseTo(7.600902959541916, 12);
  });
});

describe("the fit namespace", () => {
  it("lists the public names only (no plumbing)", () => {
    expect(Object.keys(fit).sort()).toEqual(["FitError", "checkGradient", "defaults", "model", "modelSync", "sensitivity"]);
    expect(fit.model).toBe(fitModel);
    expect(fit.defaults).toBe(FIT_DEFAULTS);
  });
});

describe("FitResult", () => {
  it("renders as a text table 'estimate (SE) [95% CI]' and serialises to JSON without the bootstrap samples", async () => {
    const r = await fitChinchilla(syntheticChinchilla(truth, 0.01, 2), { bootstrap: 50, seed: 1 });
    const text = formatFitResultText(r);
    expect(text).toMatch(/param\s+estimate\s+\(SE\)\s+\[95% CI\]/);
    expect(text).toMatch(/\nalpha\s+0\.3\d+\s+\(0\.\d+\)\s+\[0\.\d+, 0\.\d+\]/);
    const bundle = (r as unknown as Record<symbol, () => Record<string, unknown>>)[JUPYTER_DISPLAY]();
    expect(typeof bundle["text/plain"]).toBe("string");
    const json = JSON.parse(JSON.stringify(r));
    expect(Object.keys(json.params)).toEqual(["E", "A", "B", "alpha", "beta"]);
    expect(json.bootstrap.samples).toBeUndefined();
    expect(json.converged).toBe(true);
    expect(json.reason).toBe("gradient");
  });
  it("FIT_DEFAULTS documents Huber δ = 1e-3, log residuals and sum reduction", () => {
    expect(FIT_DEFAULTS).toMatchObject({ objective: "huber", delta: 1e-3, space: "log", reduction: "sum" });
  });
  it("fitModel (async) and fitModelSync agree", async () => {
    const xs = [1, 2, 4, 8, 16, 32];
    const ys = xs.map((x) => 1.5 + 4 * x ** -0.6);
    const a = await fitModel(powerLawPlusConstant, xs, ys, { init: [1, 1, 0.5] });
    const b = fitModelSync(powerLawPlusConstant, xs, ys, { init: [1, 1, 0.5] });
    expect(a.params).toEqual(b.params);
  });
});
