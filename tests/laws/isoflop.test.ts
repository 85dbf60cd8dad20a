/**
 * Chinchilla Approaches 1 and 2. The IsoFLOP exponents on the mirrored consolidated table
 * (Open-Athena/scaling-law-analysis data/isoflops/transform/isoflops.csv @3e0656ee) were computed independently with
 * numpy (np.polyfit of loss on ln N per budget with ≥ 3 points, convex only; then np.polyfit of ln N_opt on ln C):
 *   epochai_chinchilla, outliers dropped: 7 budgets, a = 0.5414213465146935
 *   epochai_chinchilla, all rows:         9 budgets, a = 0.49506939014692436
 *   llama_3__exp_loss, outliers dropped:  8 budgets, a = 0.4952612778634542
 *   llama_3__exp_loss, all rows:         10 budgets, a = 0.4631208104224362
 * and for Approach 1 on final losses (argmin of loss per budget, then np.polyfit):
 *   epochai_chinchilla, outliers dropped: 7 budgets, a = 0.47802484054423044
 */
import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { isoflopParabola, isoflopParabolas, type IsoflopRow } from "../../lib/laws/isoflop";
import { chinchillaEnvelope } from "../../lib/laws/envelope";
import { computeOptimalFrontier } from "../../lib/laws/allocation";
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
    ["epochai_chinchilla__massivetext__chinchilla", false, 9, 0.49506939014692436],
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
  it("budgets with fewer than 3 distinct sizes are skipped and listed", () => {
    const rows = isoflopRows("epochai_chinchilla__massivetext__chinchilla", true);
    const r = isoflopParabolas([...rows, { N: 1e9, C: 7e22, L: 2 }, { N: 2e9, C: 7e22, L: 1.9 }]);
    expect(r.skippedBudgets).toEqual([7e22]);
    expect(r.budgets.length).toBe(7);
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
