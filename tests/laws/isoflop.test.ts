/**
 * Chinchilla Approaches 1 and 2. The IsoFLOP exponents on the mirrored consolidated table
 * (Open-Athena/scaling-law-analysis data/isoflops/transform/isoflops.csv @3e0656ee) were computed independently with
 * numpy (np.polyfit of loss on ln N per budget with ≥ 3 points, convex only; then np.polyfit of ln N_opt on ln C):
 *   epochai_chinchilla, outliers dropped: 7 budgets, a = 0.5414213465146935
 *   epochai_chinchilla, all rows:         9 budgets, a = 0.49506939014692436 (convex only); with budgets whose
 *     minimum lies outside their sampled N dropped (the default since issue 11): 8 budgets, a = 0.49198638360843183,
 *     the dropped one 1e20 with N_opt = 501199172.7220348 outside [632224717, 2979521172]
 *   llama_3__exp_loss, outliers dropped:  8 budgets, a = 0.4952612778634542
 *   llama_3__exp_loss, all rows:         10 budgets, a = 0.4631208104224362
 * and for Approach 1 on final losses (argmin of loss per budget, then np.polyfit):
 *   epochai_chinchilla, outliers dropped: 7 budgets, a = 0.47802484054423044
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { isoflopBands, isoflopParabola, isoflopParabolas, type IsoflopRow } from "../../lib/laws/isoflop";
import { chinchillaEnvelope, isoflopSlice, lossCurveAt } from "../../lib/laws/envelope";
import { computeOptimalFrontier } from "../../lib/laws/allocation";
import { fitLogLogLine } from "../../lib/laws/laws-internal";
import { InsufficientDataError, InvalidInputError } from "../../lib/core";

function isoflopRows(experiment: string, dropOutliers: boolean): IsoflopRow[] {
  const file = path.join(process.env.SCALINGLAB_DATA_MIRROR!, "isoflops", "isoflops.csv");
  const [head, ...lines] = fs.readFileSync(file, "utf8").trim().split("\n");
  const cols = head.split(",");
  const at = (name: string) => cols.indexOf(name);
  return lines.map((l) => l.split(","))
    .filter((f) => f[at("experiment")] === experiment && (!dropOutliers || f[at("outlier")] === "False"))
    .map((f) => ({ N: +f[at("params")], C: +f[at("budget")], L: +f[at("loss")] }));
}

describe("Approach 2 on the consolidated IsoFLOP data matches an independent numpy computation", () => {
  const cases: [string, boolean, number, number][] = [
    ["epochai_chinchilla__massivetext__chinchilla", true, 7, 0.5414213465146935],
    ["epochai_chinchilla__massivetext__chinchilla", false, 8, 0.49198638360843183],
    ["llama_3__exp_loss", true, 8, 0.4952612778634542],
    ["llama_3__exp_loss", false, 10, 0.4631208104224362],
  ];
  for (const [exp, drop, n, a] of cases) {
    it(`${exp}, ${drop ? "outliers dropped" : "all rows"}: ${n} budgets, a = ${a.toFixed(4)}`, () => {
      const r = isoflopParabolas(isoflopRows(exp, drop));
      expect(r.budgets.filter((b) => b.used).length).toBe(n);
      expect(Math.abs(r.nExponent - a)).toBeLessThan(1e-9);
      expect(r.nExponentCI[0]).toBeLessThan(a);
      expect(r.nExponentCI[1]).toBeGreaterThan(a);
    });
  }
  it("the exponent interval is a ± t·SE with scipy's t quantiles (t.ppf(0.975, 5) = 2.5705818356363146, t.ppf(0.975, 6) = 2.4469118511449786)", () => {
    const chin = isoflopParabolas(isoflopRows("epochai_chinchilla__massivetext__chinchilla", true));
    expect((chin.nExponentCI[1] - chin.nExponent) / chin.nExponentSE).toBeCloseTo(2.5705818356363146, 8);
    const llama = isoflopParabolas(isoflopRows("llama_3__exp_loss", true));
    expect((llama.nExponent - llama.nExponentCI[0]) / llama.nExponentSE).toBeCloseTo(2.4469118511449786, 8);
  });
  it("a budget whose minimum lies outside its sampled sizes is dropped with a warning (kept on request)", () => {
    const rows = isoflopRows("epochai_chinchilla__massivetext__chinchilla", false);
    const r = isoflopParabolas(rows);
    expect(r.warnings).toEqual(["laws.isoflop.approach2: budget 1e+20 FLOP: the parabola's minimum N = 5.01e+8 lies outside the sampled sizes [6.32e+8, 2.98e+9]; budget left out of the fit (sample sizes around the optimum)"]);
    expect(r.budgets.find((b) => b.C === 1e20)!.used).toBe(false);
    const kept = isoflopParabolas(rows, { excludeOutOfRange: false });
    expect(Math.abs(kept.nExponent - 0.49506939014692436)).toBeLessThan(1e-9);
    expect(kept.warnings[0]).toMatch(/kept because excludeOutOfRange is false$/);
  });
  it("budgets with fewer than 3 distinct sizes are skipped and listed", () => {
    const rows = isoflopRows("epochai_chinchilla__massivetext__chinchilla", true);
    const r = isoflopParabolas([...rows, { N: 1e9, C: 7e22, L: 2 }, { N: 2e9, C: 7e22, L: 1.9 }]);
    expect(r.skippedBudgets).toEqual([7e22]);
    expect(r.budgets.length).toBe(7);
  });
});

describe("IsoFLOP bands on raw runs (C = 6·N·D with tokens rounded to 2M-token batches: every run its own C)", () => {
  // numpy (independent): rows of epochai_chinchilla (all 123), D' = round(D/2^21)·2^21, C' = 6·N·D' gives 123 distinct
  // C' within 0.00044 dex of the budget column; grouped by that column, the counts are [9, 24, 16, 12, 13, 14, 13, 14, 8]
  // and, with each band's budget the geometric mean of its C' and out-of-range minima dropped (1e20), np.polyfit gives
  // 8 budgets and a = 0.4919862608510511.
  const raw = () => isoflopRows("epochai_chinchilla__massivetext__chinchilla", false).map((r) => {
    const D = Math.round(r.C / (6 * r.N) / 2 ** 21) * 2 ** 21;
    return { N: r.N, C: 6 * r.N * D, L: r.L };
  });
  it("exact grouping sees one budget per run; bands of ±0.05 dex recover the 9 budgets and their run counts", () => {
    const rows = raw();
    expect(new Set(rows.map((r) => r.C)).size).toBe(123);
    expect(isoflopBands(rows, { toleranceDex: 0 }).bands.length).toBe(123);
    expect(isoflopBands(rows).bands.map((b) => b.runs)).toEqual([9, 24, 16, 12, 13, 14, 13, 14, 8]);
  });
  it("given budgets: each run joins the nearest within the tolerance; the others are reported", () => {
    const b = isoflopBands(raw(), { budgets: [6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21], toleranceDex: 0.01 });
    expect(b.bands.map((x) => [x.C, x.runs])).toEqual([[6e18, 9], [1e19, 24], [3e19, 16], [6e19, 12], [1e20, 13], [3e20, 14], [6e20, 13], [1e21, 14]]);
    expect(b.unassigned.length).toBe(8);
    const r = isoflopParabolas(raw(), { budgets: [6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21], toleranceDex: 0.01 });
    // numpy: the runs of the 3e21 budget (not given) are rows 4, 8, 9, 15, 20, 32, 59, 61 of the experiment.
    expect(b.unassigned).toEqual([4, 8, 9, 15, 20, 32, 59, 61]);
    expect(r.warnings[0]).toBe("laws.isoflop.approach2: 8 run(s) lie farther than 0.01 dex from every given budget and were left out (rows 4, 8, 9, 15, 20, 32, 59, 61)");
  });
  it("Approach 2 on the binned raw runs matches numpy: 8 budgets, a = 0.4919862608510511", () => {
    const r = isoflopParabolas(raw());
    expect(r.budgets.map((b) => b.runs)).toEqual([9, 24, 16, 12, 13, 14, 13, 14, 8]);
    expect(r.budgets.filter((b) => b.used).length).toBe(8);
    expect(Math.abs(r.nExponent - 0.4919862608510511)).toBeLessThan(1e-9);
  });
  it("rejects a negative tolerance", () => {
    expect(() => isoflopBands([{ C: 1 }], { toleranceDex: -1 })).toThrow("laws.isoflop.bands: toleranceDex must be a finite number ≥ 0, got -1");
  });
});

describe("isoflopParabola", () => {
  it("recovers an exact parabola's minimum and coefficients", () => {
    const x = [18, 19, 20, 21, 22];
    const p = isoflopParabola(x.map(Math.exp), x.map((v) => 2 + 0.05 * (v - 20.3) ** 2));
    expect(p.logNopt).toBeCloseTo(20.3, 10);
    expect(p.lossMin).toBeCloseTo(2, 12);
    expect(p.p2).toBeCloseTo(0.05, 12);
    expect(p.inRange).toBe(true);
    expect(p.rmse).toBeLessThan(1e-12);
  });
  it("flags a concave profile as having no minimum", () => {
    const p = isoflopParabola([1e8, 1e9, 1e10], [2, 3, 2]);
    expect(p.convex).toBe(false);
    expect(p.Nopt).toBeNaN();
  });
  it("flags a minimum outside the sampled range", () => {
    const x = [18, 19, 20];
    expect(isoflopParabola(x.map(Math.exp), x.map((v) => (v - 25) ** 2)).inRange).toBe(false);
  });
  it("rejects fewer than 3 points with InsufficientDataError", () => {
    expect(() => isoflopParabola([1e8, 1e9], [2, 3])).toThrow(InsufficientDataError);
  });
  it("rejects N ≤ 0", () => {
    expect(() => isoflopParabola([1e8, 0, 1e10], [2, 1, 2])).toThrow(/laws\.isoflop\.parabola: N\[1\]/);
  });
  it("rejects repeated sizes that leave fewer than 3 distinct N", () => {
    expect(() => isoflopParabola([1e8, 1e8, 1e9], [2, 2.1, 3])).toThrow(InvalidInputError);
  });
});

describe("isoflopParabolas", () => {
  const law = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;
  const synthetic = [1e19, 1e20, 1e21, 1e22].flatMap((C) => {
    const center = computeOptimalFrontier(law, [C, 2 * C]).points[0].N;
    return [-0.6, -0.3, 0, 0.3, 0.6].map((s) => {
      const N = center * Math.exp(s);
      return { N, C, L: law(N, C / (6 * N)) };
    });
  });
  it("on profiles sampled symmetrically around the true optimum recovers a = beta/(alpha+beta) to 0.01", () => {
    expect(Math.abs(isoflopParabolas(synthetic).nExponent - 0.28 / 0.62)).toBeLessThan(0.01);
  });
  it("D_opt = C/(6 N_opt) so the exponents sum to 1", () => {
    const r = isoflopParabolas(synthetic);
    expect(r.nExponent + r.dExponent).toBeCloseTo(1, 12);
  });
  it("the bootstrap is reproducible for a seed and brackets the point estimate", () => {
    const rows = isoflopRows("llama_3__exp_loss", true);
    const a = isoflopParabolas(rows, { bootstrap: 60, seed: 7 }), b = isoflopParabolas(rows, { bootstrap: 60, seed: 7 });
    expect(a.bootstrap!.samples).toEqual(b.bootstrap!.samples);
    expect(a.bootstrap!.nExponentCI[0]).toBeLessThan(a.nExponent);
    expect(a.bootstrap!.nExponentCI[1]).toBeGreaterThan(a.nExponent);
  });
  it("rejects rows with a non-finite loss", () => {
    expect(() => isoflopParabolas([{ N: 1, C: 1, L: NaN }])).toThrow(/rows\[0\].L must be finite/);
  });
  it("needs at least 2 usable budgets", () => {
    expect(() => isoflopParabolas(synthetic.filter((r) => r.C === 1e19))).toThrow(InsufficientDataError);
  });
  it("rejects a fractional bootstrap count", () => {
    expect(() => isoflopParabolas(synthetic, { bootstrap: 2.5 })).toThrow(/bootstrap must be a non-negative integer/);
  });
});

describe("chinchillaEnvelope (Approach 1)", () => {
  const law = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;
  const Ns = Array.from({ length: 25 }, (_, i) => 1e7 * 10 ** (i / 6));
  const runs = Ns.map((N) => {
    const tokens = Array.from({ length: 60 }, (_, j) => 1e8 * 10 ** (j / 10));
    return { N, tokens, loss: tokens.map((D) => law(N, D)) };
  });
  it("on curves from the parametric law recovers a = beta/(alpha+beta) within the size-grid resolution", () => {
    const r = chinchillaEnvelope(runs, { budgets: [1e19, 1e20, 1e21, 1e22, 1e23] });
    expect(Math.abs(r.nExponent - 0.28 / 0.62)).toBeLessThan(0.05);
  });
  it("with one point per run, the envelope at a budget is the lowest-loss run there", () => {
    const pts = [{ N: 1e8, tokens: [1e10], loss: [2.5] }, { N: 2e8, tokens: [5e9], loss: [2.4] }, { N: 1e9, tokens: [1e9], loss: [2.6] },
      { N: 1e8, tokens: [1e11], loss: [2.3] }, { N: 1e9, tokens: [1e10], loss: [2.2] }, { N: 1e9, tokens: [1e11], loss: [2.0] }];
    const r = chinchillaEnvelope(pts);
    expect(r.points.map((p) => p.N)).toEqual([2e8, 1e9, 1e9]);
  });
  it("on the Chinchilla IsoFLOP points (one final loss per run) matches the numpy best-run-per-budget exponent", () => {
    const rows = isoflopRows("epochai_chinchilla__massivetext__chinchilla", true);
    // tokens = C/(6N) so that 6·N·tokens reproduces each budget up to rounding, as in the CSV.
    const env = chinchillaEnvelope(rows.map((r) => ({ N: r.N, tokens: [r.C / (6 * r.N)], loss: [r.L] })));
    expect(env.points.length).toBe(7);
    expect(Math.abs(env.nExponent - 0.47802484054423044)).toBeLessThan(1e-9);
  });
  it("intervals resample runs: 40 interpolated budgets holding 10 sizes give a wider interval than the t interval over budgets", () => {
    // 10 runs with ±1% wiggles on the law; the envelope at the 40 default budgets takes only these 10 sizes.
    const Ns10 = Array.from({ length: 10 }, (_, i) => 1e8 * 10 ** (i / 3));
    const wiggly = Ns10.map((N) => {
      const tokens = Array.from({ length: 30 }, (_, j) => 1e9 * 10 ** (j / 10));
      return { N, tokens, loss: tokens.map((D) => law(N, D) * (1 + 0.01 * Math.sin(N * D))) };
    });
    const r = chinchillaEnvelope(wiggly, { seed: 3 });
    expect([r.points.length, r.distinctN]).toEqual([40, 10]);
    const t = fitLogLogLine(r.points.map((p) => p.C), r.points.map((p) => p.N));
    expect(r.nExponentCI[1] - r.nExponentCI[0]).toBeGreaterThan(1.5 * (t.exponentCI[1] - t.exponentCI[0]));
    expect(r.nExponentCI[0]).toBeLessThan(r.nExponent);
    expect(r.nExponentCI[1]).toBeGreaterThan(r.nExponent);
    expect(chinchillaEnvelope(wiggly, { seed: 3 }).nExponentCI).toEqual(r.nExponentCI);
    expect(() => chinchillaEnvelope(wiggly, { bootstrap: 5 })).toThrow("laws.isoflop.envelope: bootstrap must be an integer ≥ 20, got 5 (the intervals come from resampling runs)");
  });
  it("curveAt interpolates a curve linearly in ln tokens at a budget; slice turns curves into IsoFLOP rows", () => {
    const run = { N: 1e8, tokens: [1e9, 1e10, 1e11], loss: [3, 2.5, 2.2] };
    // By hand: C = 6e17·10^0.25 → tokens 10^9.25, a quarter of the way from 1e9 to 1e10 in ln: 3 − 0.25·0.5 = 2.875.
    expect(lossCurveAt(run, 6e17 * 10 ** 0.25)).toBeCloseTo(2.875, 12);
    expect(lossCurveAt(run, 6e19)).toBe(2.2);
    expect(lossCurveAt(run, 6e20)).toBeNull();
    expect(isoflopSlice([run, { N: 1e9, tokens: [1e9, 1e10], loss: [2.8, 2.4] }], [6e18, 6e19])).toEqual([
      { N: 1e8, C: 6e18, L: 2.5, run: 0 }, { N: 1e9, C: 6e18, L: 2.8, run: 1 }, { N: 1e8, C: 6e19, L: 2.2, run: 0 }, { N: 1e9, C: 6e19, L: 2.4, run: 1 },
    ]);
    expect(() => lossCurveAt(run, 0)).toThrow(/laws\.isoflop\.curveAt: C/);
  });
  it("rejects tokens that do not increase", () => {
    expect(() => chinchillaEnvelope([{ N: 1e8, tokens: [2, 1], loss: [3, 2] }])).toThrow(/must increase strictly/);
  });
  it("rejects mismatched tokens and loss arrays", () => {
    expect(() => chinchillaEnvelope([{ N: 1e8, tokens: [1, 2], loss: [3] }])).toThrow(InvalidInputError);
  });
  it("needs at least 3 covered budgets", () => {
    expect(() => chinchillaEnvelope(runs, { budgets: [1e19, 1e20] })).toThrow(InsufficientDataError);
  });
});
