import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../lib/core";
import { fitModelSync } from "../../lib/fit/fit";
import type { Model } from "../../lib/fit/model";
import {
  bootstrapPairs as plotBootstrapPairs, heatmap as plotHeatmap, isoflop as plotIsoFlop, isoloss as plotIsoLoss, lines as plotLines,
  logLogFit as plotLogLogFit, residuals as plotResiduals, scatter as plotScatter, schedule as plotSchedule,
} from "../../lib/plot";
import { elements, parseXml } from "./xml";

// Chinchilla Approach 3 constants (Hoffmann et al. 2022): used here only as a smooth test surface.
const chinchilla = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;

describe("plotLogLogFit", () => {
  const x = [1e8, 3e8, 1e9, 3e9, 1e10];
  const y = x.map((n) => 1.7 + 400 / n ** 0.34);
  const fig = plotLogLogFit({
    x, y, fit: (n) => 1.7 + 400 / n ** 0.34,
    band: { lower: (n) => 0.98 * (1.7 + 400 / n ** 0.34), upper: (n) => 1.02 * (1.7 + 400 / n ** 0.34) },
    curveRange: [1e8, 1e11],
  }, { title: "fit", xTitle: "N", yTitle: "loss" });

  it("draws the band under the points and the fitted curve on top, on log-log axes", () => {
    expect(fig.traces.map((t) => t.type + (t.name ? `:${t.name}` : ""))).toEqual(["band:95% CI", "scatter:data", "scatter:fit"]);
    const spec = fig.toPlotly();
    expect([spec.layout.xaxis, spec.layout.yaxis].map((a) => (a as { type: string }).type)).toEqual(["log", "log"]);
    const els = parseXml(fig.toSVG());
    expect(elements(els, "circle", "point")).toHaveLength(5);
    expect(elements(els, "path", "line")).toHaveLength(1);
    expect(elements(els, "path", "band")).toHaveLength(1);
  });

  it("evaluates curve functions on 200 log-spaced points over curveRange (extrapolating past the data)", () => {
    const curve = fig.traces[2] as unknown as { x: number[] };
    expect(curve.x).toHaveLength(200);
    expect(curve.x[0]).toBe(1e8);
    expect(curve.x[199]).toBeCloseTo(1e11, -3);
    expect(curve.x[100] / curve.x[99]).toBeCloseTo(10 ** (3 / 199), 12);
  });

  it("accepts the curve and band as points", () => {
    const f = plotLogLogFit({ x, y, fit: { x, y }, band: { x, lower: y, upper: y } });
    expect(f.traces).toHaveLength(3);
  });

  it("rejects data of different lengths", () => {
    expect(() => plotLogLogFit({ x, y: y.slice(1) })).toThrow("plotLogLogFit: data: x has 5 values but y has 4");
  });
});

describe("plotIsoFlop", () => {
  // Two budgets, three sizes each, losses exactly 2 + (ln f)² with f = N / N*, N* = √C/10: the parabola in ln N
  // is exact, so each minimum sits at N* with loss 2.
  const rows = [1e20, 1e21].flatMap((C) => [0.5, 1, 2].map((f) => ({ C, N: (f * Math.sqrt(C)) / 10, L: 2 + Math.log(f) ** 2 })));

  it("draws each budget's runs and parabola, and marks the minima", () => {
    const fig = plotIsoFlop(rows);
    const els = parseXml(fig.toSVG());
    expect(elements(els, "circle", "point")).toHaveLength(6);
    expect(elements(els, "path", "line")).toHaveLength(2);
    expect(elements(els, "path", "point")).toHaveLength(2); // diamonds
    const minima = fig.traces[fig.traces.length - 1] as unknown as { x: number[]; y: number[] };
    expect(minima.x[0]).toBeCloseTo(1e9, -1);
    expect(minima.x[1]).toBeCloseTo(Math.sqrt(1e21) / 10, -1);
    expect(minima.y).toEqual([expect.closeTo(2, 10), expect.closeTo(2, 10)]);
  });

  it("names budgets in the legend, smallest first", () => {
    expect(plotIsoFlop(rows).resolved.legend.map((l) => l.name)).toEqual(["1e20 FLOP (3 runs)", "1e21 FLOP (3 runs)", "parabola minimum"]);
  });

  it("budgets with fewer than 3 sizes get points only", () => {
    const fig = plotIsoFlop([...rows, { C: 1e22, N: 1e10, L: 1.9 }, { C: 1e22, N: 2e10, L: 1.95 }]);
    expect(fig.resolved.legend.map((l) => l.name)).toContain("1e22 FLOP (2 runs)");
    expect(parseXml(fig.toSVG()).filter((e) => e.attrs.class === "line")).toHaveLength(2);
  });

  it("bins raw runs whose C carries rounding into one band per budget", () => {
    // Budget label = geometric mean of the band: 1e20·(0.975·0.985·0.995)^(1/3) = 9.85e19, 1e21·(1.005·1.015·1.025)^(1/3) = 1.01e21.
    const jittered = rows.map((r, i) => ({ ...r, C: r.C * (1 + 0.01 * (i - 2.5)) }));
    expect(new Set(jittered.map((r) => r.C)).size).toBe(6);
    expect(plotIsoFlop(jittered).resolved.legend.map((l) => l.name)).toEqual(["9.85e19 FLOP (3 runs)", "1.01e21 FLOP (3 runs)", "parabola minimum"]);
  });

  it("rejects rows without positive N and C", () => {
    expect(() => plotIsoFlop([{ C: 1e20, N: -1, L: 2 }])).toThrow(/plotIsoFlop: row 0 needs N > 0/);
  });
});

describe("plotIsoLoss", () => {
  const fig = plotIsoLoss(chinchilla, { N: [1e7, 1e12], D: [1e9, 1e14], gridSize: 30, budgets: [1e21, 1e23] });

  it("draws iso-loss contours, iso-FLOP lines and the frontier over the requested box", () => {
    expect(fig.traces.map((t) => t.name)).toEqual(["iso-loss", "iso-FLOP lines", undefined, "compute-optimal frontier"]);
    const sp = fig.resolved.subplots[0];
    expect(sp.x.range).toEqual([1e7, 1e12]);
    expect(sp.y.range).toEqual([1e9, 1e14]);
    expect(elements(parseXml(fig.toSVG()), "path", "contour").length).toBeGreaterThan(3);
  });

  it("the frontier of the Chinchilla law has slope α/β = 0.34/0.28 in log D vs log N", () => {
    // For L = E + A/N^α + B/D^β at C = 6ND, N_opt ∝ C^(β/(α+β)) and D_opt ∝ C^(α/(α+β)), so D_opt ∝ N_opt^(α/β).
    const f = fig.traces[3] as unknown as { x: number[]; y: number[] };
    const k = f.x.length - 1;
    const slope = Math.log(f.y[k] / f.y[0]) / Math.log(f.x[k] / f.x[0]);
    expect(slope).toBeCloseTo(0.34 / 0.28, 3);
    f.x.forEach((n, i) => expect(n >= 1e7 && n <= 1e12 && f.y[i] >= 1e9 && f.y[i] <= 1e14).toBe(true));
  });

  it("rejects decreasing ranges", () => {
    expect(() => plotIsoLoss(chinchilla, { N: [1e12, 1e7] })).toThrow(/plotIsoLoss: ranges must increase/);
  });
});

describe("plotHeatmap", () => {
  const rows = [
    { lr: 1e-3, bs: 128, loss: 3.0 }, { lr: 2e-3, bs: 128, loss: 2.9 }, { lr: 4e-3, bs: 128, loss: 3.1 },
    { lr: 1e-3, bs: 256, loss: 2.95 }, { lr: 2e-3, bs: 256, loss: 2.85 }, { lr: 2e-3, bs: 256, loss: 2.8 },
  ];

  it("pivots rows on two columns, keeps the best of repeated runs and leaves missing cells blank", () => {
    const fig = plotHeatmap({ rows, x: "lr", y: "bs", z: "loss" });
    const hm = fig.traces[0] as unknown as { x: number[]; y: number[]; z: number[][] };
    expect(hm.x).toEqual([1e-3, 2e-3, 4e-3]);
    expect(hm.y).toEqual([128, 256]);
    expect(hm.z).toEqual([[3.0, 2.9, 3.1], [2.95, 2.8, NaN]]);
    const els = parseXml(fig.toSVG());
    expect(elements(els, "rect", "cell")).toHaveLength(5);
    expect(elements(els, "text", "cell-value").map((e) => e.text)).toEqual(["3", "2.9", "3.1", "2.95", "2.8"]);
  });

  it("rings the lowest cell and titles the axes with the column names", () => {
    const fig = plotHeatmap({ rows, x: "lr", y: "bs", z: "loss" });
    const best = fig.traces[1] as unknown as { x: number[]; y: number[]; name: string };
    expect([best.x[0], best.y[0], best.name]).toEqual([2e-3, 256, "lowest: 2.8"]);
    expect([fig.resolved.subplots[0].x.title, fig.resolved.subplots[0].y.title]).toEqual(["lr", "bs"]);
  });

  it("rejects rows with a non-numeric cell", () => {
    expect(() => plotHeatmap({ rows: [{ lr: "x", bs: 1, loss: 1 }], x: "lr", y: "bs", z: "loss" })).toThrow(/plotHeatmap: row 0: column "lr" is string, expected a number/);
  });
});

describe("plotBootstrapPairs", () => {
  const names = ["E", "A", "alpha"];
  const samples = Array.from({ length: 50 }, (_, i) => [1.7 + 0.01 * Math.sin(i), 400 * Math.exp(0.1 * Math.cos(i)), 0.34 + 0.01 * Math.cos(i)]);

  it("lays out k × k panels: histograms on the diagonal, pairwise scatter elsewhere", () => {
    const fig = plotBootstrapPairs({ names, samples, estimate: { E: 1.7, A: 400, alpha: 0.34 } }, { log: ["A"], bins: 10 });
    expect(fig.resolved.subplots).toHaveLength(9);
    const els = parseXml(fig.toSVG());
    expect(elements(els, "rect", "bar")).toHaveLength(3 * 10);
    // 6 off-diagonal panels × 50 resamples as circles; the estimate as a diamond in each.
    expect(elements(els, "circle", "point")).toHaveLength(6 * 50);
    expect(elements(els, "path", "point")).toHaveLength(6);
    expect(elements(els, "text", "axis-title").map((e) => e.text)).toContain("log₁₀ A");
  });

  it("histograms count every resample", () => {
    const fig = plotBootstrapPairs({ names, samples }, { bins: 7 });
    const diag = fig.traces.filter((t) => t.type === "bar") as unknown as unknown as { y: number[] }[];
    for (const h of diag) expect(h.y.reduce((a, b) => a + b, 0)).toBe(50);
  });

  it("takes the resamples and estimate from a FitResult fitted with bootstrap", () => {
    const model: Model<number> = { id: "pairs-test-line", params: [{ name: "a" }, { name: "b" }], value: (t, x) => t[0] + t[1] * x };
    const xs = [1, 2, 3, 4, 5, 6, 7, 8];
    const r = fitModelSync(model, xs, xs.map((x) => 1 + 2 * x + 0.1 * Math.sin(3 * x)), { init: [0, 1], objective: "mse", space: "linear", bootstrap: 30, seed: 3 });
    const fig = plotBootstrapPairs(r);
    expect(fig.resolved.subplots).toHaveLength(4);
    const est = fig.traces.find((t) => t.type === "scatter" && t.symbol === "diamond") as unknown as { x: number[]; y: number[] };
    expect(est.x[0]).toBe(r.params.b);
    expect(est.y[0]).toBe(r.params.a);
  });

  it("a fit without bootstrap is rejected with what to do", () => {
    expect(() => plotBootstrapPairs({ kind: "fit-result", bootstrap: null } as never)).toThrow(/no bootstrap samples \(fit again with bootstrap resamples/);
  });

  it("unknown parameter names are rejected", () => {
    expect(() => plotBootstrapPairs({ names, samples }, { log: ["B"] })).toThrow(/unknown parameter\(s\) B; the fit has E, A, alpha/);
  });
});

describe("plotResiduals, plotSchedule, plotLines, plotScatter", () => {
  it("a residual plot has a dashed zero line across the whole x axis", () => {
    const fig = plotResiduals([1e8, 1e9, 1e10], [0.01, -0.02, 0.005]);
    const zero = fig.traces[0] as unknown as { x: number[]; y: number[] };
    expect(zero.y).toEqual([0, 0]);
    expect(zero.x).toEqual(fig.resolved.subplots[0].x.range);
  });

  it("long schedules are thinned to every k-th step plus the last", () => {
    const fig = plotSchedule({ linear: Array.from({ length: 10_000 }, (_, t) => 1 - t / 10_000) });
    const tr = fig.traces[0] as unknown as { x: number[] };
    // k = ceil(10000 / 2000) = 5: steps 0, 5, …, 9995 and 9999.
    expect(tr.x).toHaveLength(2001);
    expect(tr.x.slice(-2)).toEqual([9995, 9999]);
  });

  it("plotLines and plotScatter draw one trace per series", () => {
    const a = plotLines([{ x: [1, 2], y: [1, 2], name: "a" }, { x: [1, 2], y: [2, 1], name: "b" }]);
    expect(elements(parseXml(a.toSVG()), "path", "line")).toHaveLength(2);
    const s = plotScatter({ x: [1, 2, 3], y: [1, 2, 3] }, { logX: true });
    expect(elements(parseXml(s.toSVG()), "circle", "point")).toHaveLength(3);
  });

  it("typed-array columns (Float64Array) are accepted and become plain JSON arrays in the plotly spec", () => {
    const fig = plotScatter({ x: new Float64Array([1, 2, 3]), y: new Float64Array([4, 5, 6]) });
    expect(JSON.parse(JSON.stringify(fig.toPlotly())).data[0].x).toEqual([1, 2, 3]);
    const r = plotResiduals(new Float64Array([1e8, 1e9]), new Float64Array([0.1, -0.1]));
    expect(JSON.parse(JSON.stringify(r.toPlotly())).data[1].y).toEqual([0.1, -0.1]);
  });

  it("mismatched series are rejected with the series name", () => {
    expect(() => plotLines({ x: [1], y: [1, 2], name: "lr" })).toThrow(InvalidInputError);
    expect(() => plotLines({ x: [1], y: [1, 2], name: "lr" })).toThrow('plotLines: series "lr": x has 1 values but y has 2');
  });
});
