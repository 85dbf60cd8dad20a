/**
 * Honest fits (issue 11): a fit on data that cannot determine the law says so in `warnings` (also in its text display
 * and its JSON) instead of a silent "converged". Data are small synthetic Chinchilla sweeps generated here:
 * `sweep(seed, noise)` puts 8 model sizes log-spaced over ±0.8 dex around √(C/120) on each of the budgets
 * C = 1e18…1e21 (32 runs, D = C/(6N)), with loss = L(N, D)·exp(noise·z), L the Chinchilla law with E = 1.69,
 * A = 406.4, B = 410.7, α = 0.34, β = 0.28 and z standard normal from the seeded xoshiro128** stream.
 */
import { describe, expect, it } from "vitest";
import { fitModelSync } from "../../lib/fit/fit";
import type { Model } from "../../lib/fit/model";
import { chinchillaModel, CHINCHILLA_DEFAULT_GRID } from "../../lib/laws/chinchilla";
import { formatFitResultText } from "../../lib/fit/result";
import { Xoshiro128 } from "../../lib/numeric/random";
import { FitError } from "../../lib/core/errors";
import { normalQuantile } from "../../lib/numeric/special";

interface Sweep { rows: { N: number; D: number }[]; loss: number[] }

function sweep(seed: number, noise: number, opts: { constantD?: number; E?: number } = {}): Sweep {
  const rng = new Xoshiro128(seed);
  const rows: { N: number; D: number }[] = [], loss: number[] = [];
  for (const C of [1e18, 1e19, 1e20, 1e21]) {
    for (let k = 0; k < 8; k++) {
      const N = 10 ** (Math.log10(Math.sqrt(C / 120)) - 0.8 + (1.6 * k) / 7);
      const D = opts.constantD ?? C / (6 * N);
      rows.push({ N, D });
      const L = (opts.E ?? 1.69) + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;
      loss.push(L * Math.exp(noise * normalQuantile((rng.nextUint32() + 0.5) / 2 ** 32)));
    }
  }
  return { rows, loss };
}

const fitOf = (s: Sweep, extra: object = {}) =>
  fitModelSync(chinchillaModel, s.rows, s.loss, { grid: CHINCHILLA_DEFAULT_GRID, workers: 0, ...extra });

describe("healthy fits stay quiet", () => {
  it.each([1, 2, 3, 4, 5, 6])("1%-noise sweep, seed %i: no warnings, positive-definite Hessian, Hessian SEs", (seed) => {
    // Seeds 1 and 2 printed "Hessian not positive definite" with the former Hessian step (1e-4·|u|): Huber kinks.
    const r = fitOf(sweep(seed, 0.01));
    expect(r.warnings).toEqual([]);
    expect(r.diagnostics.flatDirections).toEqual([]);
    expect(r.uncertainty).toBe("hessian-sandwich");
    for (const n of r.paramNames) expect(r.se[n]).toBeGreaterThan(0);
  });
});

describe("unidentifiable data are flagged", () => {
  it("all-identical rows: FitError before fitting, naming the point and the fix", () => {
    const rows = Array.from({ length: 10 }, () => ({ N: 1e9, D: 2e10 }));
    const fit = () => fitModelSync(chinchillaModel, rows, Array(10).fill(2.5), { grid: CHINCHILLA_DEFAULT_GRID, workers: 0 });
    expect(fit).toThrow(FitError);
    expect(fit).toThrow("fit.modelSync: all 10 rows have the same inputs (N = 1e9, D = 2e10), so none of the 5 parameters " +
      "(E, A, B, alpha, beta) can be determined (fit rows measured at different inputs)");
  });
  it("one distinct point determines a one-parameter law: y = k·x at x = 2 only", () => {
    const m: Model<number> = { id: "honest-one", params: [{ name: "k" }],
      value: (t, x) => t[0] * x, valueAndGradient: (t, x, g) => { g[0] = x; return t[0] * x; } };
    expect(fitModelSync(m, [2, 2, 2], [6, 6, 6], { init: [1], objective: "mse", space: "linear", workers: 0 }).params.k).toBeCloseTo(3, 8);
  });
  it("fewer distinct points than parameters: FitError", () => {
    const rows = [1, 2, 3, 1, 2, 3].map((k) => ({ N: k * 1e9, D: k * 2e10 }));
    expect(() => fitModelSync(chinchillaModel, rows, [2.5, 2.4, 2.3, 2.5, 2.4, 2.3], { grid: CHINCHILLA_DEFAULT_GRID, workers: 0 }))
      .toThrow("fit.modelSync: the rows hold only 3 distinct input points (N, D) for 5 parameters (E, A, B, alpha, beta) " +
        "(add runs at other inputs, at least 5 distinct points)");
  });
  it("constant D: FitError naming D, its value and the parameters acting through it (B, beta)", () => {
    const s = sweep(1, 0.01, { constantD: 4e9 });
    expect(() => fitOf(s, { bootstrap: 20, seed: 3 })).toThrow("fit.modelSync: D takes 1 distinct value (4e9) but the law needs D " +
      "to vary to determine B, beta (add runs at other D, or hold B, beta at known values with the fit option fixed)");
  });
  it("constant D with B, beta held fixed (option fixed): E, A, alpha are fitted, B and beta keep their values", () => {
    const s = sweep(1, 0, { constantD: 4e9 });
    const r = fitOf(s, { fixed: { B: 410.7, beta: 0.28 } });
    // Noiseless data from E = 1.69, A = 406.4, α = 0.34 (the generator's constants).
    expect(r.params.E).toBeCloseTo(1.69, 5);
    expect(r.params.A).toBeCloseTo(406.4, 2);
    expect(r.params.alpha).toBeCloseTo(0.34, 6);
    expect(r.paramNames).toEqual(["E", "A", "B", "alpha", "beta"]);
    expect([r.params.B, r.params.beta, r.se.B, r.ci.beta]).toEqual([410.7, 0.28, null, null]);
    expect(r.fixed).toEqual({ B: 410.7, beta: 0.28 });
    expect(formatFitResultText(r)).toContain("fixed: B = 410.7, beta = 0.28 (not fitted)");
    expect(() => fitOf(s, { fixed: { gamma: 1 } })).toThrow(
      "fit.modelSync: option fixed names \"gamma\", which is not a parameter; parameters: E, A, B, alpha, beta");
  });
  it("two distinct D: too few to determine B, beta next to E", () => {
    const s = sweep(1, 0.01);
    const rows = s.rows.map((r, i) => ({ N: r.N, D: i % 2 ? 1e9 : 4e10 }));
    expect(() => fitOf({ rows, loss: s.loss })).toThrow("fit.modelSync: D takes 2 distinct values (1e9, 4e10) but the law needs D " +
      "to vary over more values to determine B, beta (add runs at other D, or hold B, beta at known values with the fit option fixed)");
  });
  it("(c) all resamples collapse: two distinct points, each repeated, fitted exactly by a two-parameter law", () => {
    // Every resample of 50 + 50 copies holds both points (probability 1 − 2·2^−100), so each refit is the same exact fit.
    const m: Model<number> = { id: "honest-line", params: [{ name: "a" }, { name: "b" }],
      value: (t, x) => t[0] + t[1] * x, valueAndGradient: (t, x, g) => { g[0] = 1; g[1] = x; return t[0] + t[1] * x; } };
    const xs = [...Array(50).fill(1), ...Array(50).fill(2)];
    const r = fitModelSync(m, xs, xs.map((x) => 1 + 2 * x), { init: [0, 0], objective: "mse", space: "linear", workers: 0, bootstrap: 10 });
    expect(r.warnings).toContain("all 10 bootstrap resamples collapsed to the same point: resampling the rows cannot move the fit, " +
      "so the intervals have zero width and say nothing about uncertainty (too few distinct rows?)");
  });
  it("(a) a parameter driven to the edge of its domain: E → 0 when the data want E < 0", () => {
    // Generated with E = −0.5: the best E ≥ 0 is E = 0, reached as e^u with u → −∞.
    const r = fitOf(sweep(2, 0.002, { E: -0.5 }));
    const w = r.warnings.find((x) => x.startsWith("E = "));
    expect(r.params.E).toBeLessThan(1e-8);
    expect(w).toMatch(/^E = \S+ was driven to its limit 0 and no longer affects the fit: the data want E ≤ 0 or do not determine it/);
  });
  it("(a) a parameter on an explicit bound", () => {
    // y = k·x with k ∈ [0, 1] and data generated with k = 2: k ends on its upper bound.
    const m: Model<number> = { id: "honest-bounded", params: [{ name: "k", lower: 0, upper: 1 }],
      value: (t, x) => t[0] * x, valueAndGradient: (t, x, g) => { g[0] = x; return t[0] * x; } };
    const r = fitModelSync(m, [1, 2, 3], [2, 4, 6], { init: [0.5], objective: "mse", space: "linear", workers: 0 });
    expect(r.warnings.some((x) => /^k = 0\.99\d* sits on its bound|^k = 1 sits on its bound/.test(x))).toBe(true);
  });
  it("an unused constant column is not flagged", () => {
    const s = sweep(3, 0.01);
    const rows = s.rows.map((r) => ({ ...r, epochs: 1 }));
    const r = fitModelSync(chinchillaModel, rows, s.loss, { grid: CHINCHILLA_DEFAULT_GRID, workers: 0 });
    expect(r.warnings).toEqual([]);
  });
});

describe("cluster bootstrap (bootstrap: { n, by })", () => {
  // 12 runs at x = 1…12, each with a run-level multiplicative offset exp(0.05·z_run) and 8 checkpoints that repeat
  // the run's value with 0.2% noise: y = 3·x^−0.5 · offset · exp(0.002·z). Checkpoints are not independent evidence.
  const rng = new Xoshiro128(11);
  const z = () => normalQuantile((rng.nextUint32() + 0.5) / 2 ** 32);
  const rows: { x: number; run: string }[] = [], ys: number[] = [];
  for (let r = 1; r <= 12; r++) {
    const offset = Math.exp(0.05 * z());
    for (let c = 0; c < 8; c++) {
      rows.push({ x: r, run: `run-${r}` });
      ys.push(3 * r ** -0.5 * offset * Math.exp(0.002 * z()));
    }
  }
  const power: Model<{ x: number }> = {
    id: "honest-power", params: [{ name: "k", transform: "log" }, { name: "b" }],
    value: (t, r) => t[0] * r.x ** -t[1],
    valueAndGradient: (t, r, g) => { const f = t[0] * r.x ** -t[1]; g[0] = f / t[0]; g[1] = -f * Math.log(r.x); return f; },
  };
  const opts = { init: [1, 0.3], objective: "mse" as const, workers: 0, seed: 5 };
  it("resamples runs, not checkpoints: SEs several times larger, and the display says which unit", () => {
    const byRow = fitModelSync(power, rows, ys, { ...opts, bootstrap: 200 });
    const byRun = fitModelSync(power, rows, ys, { ...opts, bootstrap: { n: 200, by: "run" } });
    expect(byRun.params.b).toBeCloseTo(byRow.params.b, 12);
    expect(byRun.bootstrap).toMatchObject({ unit: "run", units: 12, resamples: 200 });
    expect(byRow.bootstrap).toMatchObject({ unit: "row", units: 96 });
    // With 8 near-identical checkpoints per run, row resampling sees ~96 independent points instead of 12: its SE is
    // ~√8 ≈ 2.8× too small.
    expect(byRun.se.b! / byRow.se.b!).toBeGreaterThan(2);
    expect(formatFitResultText(byRun)).toContain("200 resamples of 12 clusters by run");
    expect(formatFitResultText(byRow)).toContain("200 resamples of 96 rows");
  });
  it("names a missing field and a single cluster", () => {
    expect(() => fitModelSync(power, rows, ys, { ...opts, bootstrap: { n: 10, by: "seed" } }))
      .toThrow(/^fit.modelSync: option bootstrap.by = "seed": row 0 has no string or number field seed/);
    const one = rows.map((r) => ({ ...r, run: "a" }));
    expect(() => fitModelSync(power, one, ys, { ...opts, bootstrap: { n: 10, by: "run" } })).toThrow(/all rows are in one cluster/);
  });
});

describe("Hessian not positive definite: explained", () => {
  it("Huber-likelihood on Besiroglu et al.'s 240 points: σ shrinks until the fit is L1, and the warning says so", async () => {
    const { besiroglu240 } = await import("./chinchilla-data");
    const d = besiroglu240();
    const r = fitModelSync(chinchillaModel, d.map((p) => ({ N: p.N, D: p.D })), d.map((p) => p.loss),
      { grid: CHINCHILLA_DEFAULT_GRID, workers: 0, objective: "huber-likelihood" });
    expect(r.diagnostics.sigma).toBeLessThan(1e-5);
    const w = r.warnings.find((x) => x.startsWith("Hessian of the objective is not positive definite"));
    expect(w).toMatch(/: only \d of 240 residuals lie inside the Huber threshold \|r\| ≤ \S+, so the objective is piecewise linear there \(an L1 fit\)/);
    // No spurious "flat direction" claims: the curvature is strongly negative at the kink, not near zero.
    expect(r.warnings.some((x) => x.startsWith("the data do not determine"))).toBe(false);
  });
});
