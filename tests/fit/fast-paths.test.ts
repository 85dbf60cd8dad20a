/**
 * The fitter's performance paths change no result (issue #15): the Huber fast loop gives exactly the general loop's
 * numbers; screened multi-starts (lib/fit/screen.ts), whose starts join an earlier start's end point (SCREEN_MERGE),
 * reach the optimum that running every start to the full rules reaches (polish: 0) on every dataset the project ships
 * that the Chinchilla law fits, and give the same outcomes on worker threads as on this thread; bootstrap refits preconditioned
 * with the full-data inverse Hessian give the SEs of refits run to convergence (gtol 1e-12), for a fixed seed.
 * Data: Besiroglu et al.'s 240 points (./chinchilla-data) and the consolidated IsoFLOP points (isoflops.csv).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { slowIt } from "../slow";
import type { FitOptions } from "../../lib/fit/options";
import type { Model } from "../../lib/fit/model";
import { fitModel, fitModelSync } from "../../lib/fit/fit";
import { bootstrapWeights } from "../../lib/fit/bootstrap";
import { minimizeLbfgs } from "../../lib/fit/lbfgs";
import { clusterOptima, createFitObjective, decodeOutcomes, MERGE_BLOCK, runStartBatch, SCREEN_MERGE, startGrid, type StartOutcome } from "../../lib/fit/multistart";
import type { ParamCoordinates } from "../../lib/fit/transforms";
import { resolveFitOptions } from "../../lib/fit/options";
import { inverseHessianAt } from "../../lib/fit/hessian";
import { chinchillaModel, CHINCHILLA_DEFAULT_GRID, HOFFMANN_GRID } from "../../lib/laws/chinchilla";
import { besiroglu240 } from "./chinchilla-data";

const data = besiroglu240();
const loss = data.map((d) => d.loss);
const huber = { kind: "huber" as const, delta: 1e-3, space: "log" as const, reduction: "sum" as const };
const rel = (a: number, b: number) => Math.abs(a / b - 1);

/** Screened and unscreened fits of the same starts reach the same optimum. */
function expectSameOptimum<X>(label: string, model: Model<X>, rows: readonly X[], ys: readonly number[], options: FitOptions): void {
  const screened = fitModelSync(model, rows, ys, options);
  const full = fitModelSync(model, rows, ys, { ...options, polish: 0 });
  expect(screened.grid.screening, label).not.toBeNull();
  expect(rel(screened.objective, full.objective), `${label}: objective`).toBeLessThan(1e-9);
  for (const k of screened.paramNames) expect(rel(screened.params[k], full.params[k]), `${label}: ${k}`).toBeLessThan(1e-4);
}

/** The consolidated IsoFLOP points of one experiment as Chinchilla rows (D = C / 6N), outliers dropped. */
function isoflopExperiments(): Map<string, { N: number; D: number; loss: number }[]> {
  const file = path.join(process.env.SCALINGLAB_DATA_MIRROR!, "isoflops", "isoflops.csv");
  const [head, ...lines] = fs.readFileSync(file, "utf8").trim().split("\n");
  const cols = head.split(",");
  const at = (name: string) => cols.indexOf(name);
  const out = new Map<string, { N: number; D: number; loss: number }[]>();
  for (const f of lines.map((l) => l.split(","))) {
    if (f[at("outlier")] !== "False") continue;
    const N = +f[at("params")];
    const row = { N, D: +f[at("budget")] / (6 * N), loss: +f[at("loss")] };
    out.set(f[at("experiment")], [...(out.get(f[at("experiment")]) ?? []), row]);
  }
  return out;
}

/** clusterOptima's rule applied by searching every cluster for each end point (the reference for its faster search). */
function clustersByWholeSearch(outcomes: readonly StartOutcome[], coords: ParamCoordinates, tol: { ftol: number; xtol: number }) {
  const sorted = outcomes.filter((o) => Number.isFinite(o.objective)).sort((a, b) => a.objective - b.objective);
  const clusters: { s: Float64Array; f: number; count: number; converged: number }[] = [];
  for (const o of sorted) {
    const s = new Float64Array(coords.dim);
    coords.uToS(o.u, s);
    const hit = clusters.find((c) => Math.abs(c.f - o.objective) <= tol.ftol * Math.max(Math.abs(c.f), 1e-300) &&
      c.s.every((v, j) => Math.abs(v - s[j]) <= tol.xtol * (1 + Math.abs(v))));
    const conv = o.reason === "gradient" || o.reason === "function-change" ? 1 : 0;
    if (hit) { hit.count++; hit.converged += conv; } else clusters.push({ s, f: o.objective, count: 1, converged: conv });
  }
  return clusters.map((c) => ({
    params: Object.fromEntries(coords.names.map((n, j) => [n, coords.sToTheta(j, c.s[j])])), objective: c.f, count: c.count, converged: c.converged,
  }));
}

describe("the Huber fast loop", () => {
  it("returns exactly the general loop's objective and gradient, with zero weights and mean reduction too", () => {
    const weights = bootstrapWeights(data.length, 1, 3); // ~37% of rows get weight 0
    for (const spec of [huber, { ...huber, reduction: "mean" as const }, { ...huber, delta: 0.05 }]) {
      for (const w of [null, weights]) {
        const { objective, coords } = createFitObjective("test", chinchillaModel, data, loss, w, spec);
        for (const theta of [[1.82, 478, 2144, 0.347, 0.367], [0.5, 30, 90, 0.1, 0.9], [3, 1e6, 1e-3, 1.5, 0.01]]) {
          const u = coords.sToU("test", coords.thetaToS("test", theta));
          const gFast = new Float64Array(5);
          const gGeneral = new Float64Array(5);
          const fFast = objective.evaluate(u, gFast);
          // A per-point buffer sends accumulate down the general loop.
          const fGeneral = objective.accumulate(u, gGeneral, new Float64Array(data.length * 5));
          expect(fFast).toBe(fGeneral);
          expect(Array.from(gFast)).toEqual(Array.from(gGeneral));
        }
      }
    }
  });
});

describe("screened multi-starts", () => {
  it("reach the full-rules optimum on Besiroglu et al.'s 240 points and on every IsoFLOP experiment (243-start grid)", () => {
    expectSameOptimum("besiroglu240", chinchillaModel, data, loss, { grid: CHINCHILLA_DEFAULT_GRID });
    const experiments = isoflopExperiments();
    expect(experiments.size).toBe(8);
    for (const [name, rows] of experiments) {
      expectSameOptimum(name, chinchillaModel, rows, rows.map((r) => r.loss), { grid: CHINCHILLA_DEFAULT_GRID });
    }
  });
  slowIt("reach the full-rules optimum with Hoffmann's 4,500 starts on the 240 points", () => {
    expectSameOptimum("hoffmann grid", chinchillaModel, data, loss, { grid: HOFFMANN_GRID });
  });
});

describe("screened starts joining an earlier start's end point", () => {
  it("stop at a converged end point of their block, and save evaluations (243-start grid, 240 points)", () => {
    const { objective, coords } = createFitObjective("test", chinchillaModel, data, loss, null, huber);
    const grid = startGrid(coords.names, CHINCHILLA_DEFAULT_GRID);
    const starts = new Float64Array(grid.length * 5);
    grid.forEach((s, i) => starts.set(coords.sToU("test", s), i * 5));
    const lbfgs = resolveFitOptions("test", {}).screen!.lbfgs;
    const run = (merge: typeof SCREEN_MERGE | null) => {
      const out = [];
      for (let from = 0; from < grid.length; from += MERGE_BLOCK) {
        out.push(...decodeOutcomes(runStartBatch(objective, starts.subarray(from * 5, Math.min(grid.length, from + MERGE_BLOCK) * 5), null, lbfgs, null, merge), 5));
      }
      return out;
    };
    const joined = run(SCREEN_MERGE);
    const alone = run(null);
    const evaluations = (xs: typeof joined) => xs.reduce((s, x) => s + x.evaluations, 0);
    expect(evaluations(joined)).toBeLessThan(0.9 * evaluations(alone));
    let stopped = 0;
    joined.forEach((x, i) => {
      if (x.evaluations === alone[i].evaluations) {
        expect(Array.from(x.u)).toEqual(Array.from(alone[i].u)); // the starts before any join run exactly as alone
        return;
      }
      stopped++;
      const block = i - (i % MERGE_BLOCK);
      // A joined start reports the end point of an earlier start of its block, which met a convergence rule.
      const earlier = joined.slice(block, i).find((e) => e.objective === x.objective && Array.from(e.u).every((v, j) => v === x.u[j]));
      expect(earlier, `start ${i}`).toBeDefined();
      expect(["gradient", "function-change"]).toContain(earlier!.reason);
    });
    expect(stopped).toBeGreaterThan(grid.length / 4);
    // The best screened end point is the same basin's, within the screening rule (relative change 1e-6); the
    // polish then reaches the same optimum (the tests above).
    const best = (xs: typeof joined) => Math.min(...xs.map((x) => x.objective));
    expect(rel(best(joined), best(alone))).toBeLessThan(1e-6);

    // clusterOptima searches only the clusters within ftol of each end point: the clusters of a search of all of them.
    for (const tol of [{ ftol: 1e-6, xtol: 1e-3 }, { ftol: 1e-4, xtol: 1e-2 }, { ftol: 2, xtol: 1e-2 }]) {
      for (const outcomes of [joined, alone, joined.map((x) => ({ ...x, objective: x.objective - 1 }))]) {
        expect(clusterOptima(outcomes, coords, tol)).toEqual(clustersByWholeSearch(outcomes, coords, tol));
      }
    }
  });
  it("give the same fit on two worker threads as on this thread (whole blocks per worker task)", async () => {
    const local = fitModelSync(chinchillaModel, data, loss, { grid: CHINCHILLA_DEFAULT_GRID, workers: 0 });
    const threaded = await fitModel(chinchillaModel, data, loss, { grid: CHINCHILLA_DEFAULT_GRID, workers: 2 });
    expect(threaded.objective).toBe(local.objective);
    expect(threaded.params).toEqual(local.params);
    expect(threaded.grid).toEqual(local.grid);
  });
});

describe("bootstrap refits preconditioned with the full-data inverse Hessian", () => {
  it("give the SEs of refits run to convergence (seed 11, 200 resamples)", () => {
    const B = 200;
    const seed = 11;
    const fit = fitModelSync(chinchillaModel, data, loss, { init: { E: 1.8172, A: 477.8, B: 2144, alpha: 0.3473, beta: 0.3672 }, bootstrap: B, seed });
    expect(fit.bootstrap!.notConverged).toBe(0);
    // Reference: each resample refit from the full-data optimum with far tighter rules than the fit's (gtol 1e-5).
    const { objective, coords } = createFitObjective("test", chinchillaModel, data, loss, null, huber);
    const u0 = coords.sToU("test", coords.thetaToS("test", chinchillaModel.params.map((p) => fit.params[p.name])));
    const h0 = inverseHessianAt(objective, u0);
    expect(h0).not.toBeNull();
    const w = bootstrapWeights(data.length, B, seed);
    const ref: number[][] = [];
    const theta = new Float64Array(5);
    for (let b = 0; b < B; b++) {
      objective.setWeights(w.subarray(b * data.length, (b + 1) * data.length));
      const r = minimizeLbfgs(objective, u0, { gtol: 1e-12, ftol: 1e-15, maxIterations: 5000, initialInverseHessian: h0 });
      coords.uToTheta(r.x, theta);
      ref.push(Array.from(theta));
    }
    const sd = (xs: number[]) => {
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
    };
    chinchillaModel.params.forEach((p, j) => {
      // Plain L-BFGS from γI stopped up to 2.5% away from these SEs (its gtol is absolute, the A–α valley flat).
      expect(Math.abs(fit.se[p.name]! / sd(ref.map((r) => r[j])) - 1), p.name).toBeLessThan(1e-3);
    });
  });
});
