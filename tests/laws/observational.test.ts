import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { OBS_SCALING_BENCHMARKS } from "../../datasets/obsscaling";
import {
  observationalComputeEquivalent,
  observationalImpute,
  observationalLogLinear,
  observationalPCA,
  observationalSigmoid,
  observationalSigmoidModel,
  fitObservationalLink,
} from "../../lib/laws/observational";
import { DidNotConvergeError, InsufficientDataError, InvalidInputError } from "../../lib/core";
import { checkModelGradient } from "../../lib/fit/fit";

// The mirrored 148-model table (no quoted fields, so a plain split parses it).
const lines = fs.readFileSync(path.join(process.env.SCALINGLAB_DATA_MIRROR!, "obsscaling", "base_llm_benchmark_eval.csv"), "utf8").trim().split("\n");
const header = lines[0].split(",");
const table = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i], v])));
const X = table.map((r) => OBS_SCALING_BENCHMARKS.map((b) => (r[b] === "" ? NaN : Number(r[b]))));

// Independent numbers: numpy (np.cov + np.linalg.eigh, axes oriented so loadings sum ≥ 0, and the repository's
// pca_impute loop with k = 1) on the same CSV — script /tmp/h5/obs.py, run for these tests.
const numpy = {
  completeRows: 124,
  completeRatio: [0.8430509786708745, 0.09965369774480769, 0.030851492400189865, 0.010775539234909155],
  completePC1: [0.4370362269908738, 0.3160737559349651, 0.33735212967438605, 0.22419198841883176, 0.08860716945833436, 0.5923689959215003, 0.21399798321229557, 0.37480770457971885],
  completeScores0: [0.04710278141990829, 0.20449388914934374, -0.0076380230780134575],
  imputedRows7to9ArcC: [0.7084941031693957, 0.6062578486115069, 0.7437952559669705],
  imputedRatio: [0.8528631259917507, 0.0933336325253865, 0.027391624398298214],
  imputedScores0: [0.024590644593963214, 0.1928829205224015, -0.027802552529076076],
  llama2: { slope: 0.5292117779811251, intercept: -12.103314129692365, r2: 0.9996962860140317 },
};

describe("observationalPCA on the 148-model benchmark table", () => {
  const complete = X.filter((r) => r.every((v) => !Number.isNaN(v)));
  it("has 124 models with all eight benchmarks", () => {
    expect(complete.length).toBe(numpy.completeRows);
  });
  it("explained-variance ratios match numpy's eigh of the covariance", () => {
    const p = observationalPCA(complete, { components: 3 });
    numpy.completeRatio.forEach((r, i) => expect(p.explainedVarianceRatio[i]).toBeCloseTo(r, 10));
  });
  it("PC1 loadings and the first model's scores match numpy", () => {
    const p = observationalPCA(complete, { components: 3 });
    numpy.completePC1.forEach((v, j) => expect(p.components[0][j]).toBeCloseTo(v, 9));
    numpy.completeScores0.forEach((v, q) => expect(Math.abs(p.scores[0][q])).toBeCloseTo(Math.abs(v), 9));
  });
  it("after PCA imputation (k = 1), imputed cells and the PCA match the repository's loop run in numpy", () => {
    const filled = observationalImpute(X);
    const missingArc = [7, 8, 9].map((i) => filled[i][1]);
    missingArc.forEach((v, i) => expect(v).toBeCloseTo(numpy.imputedRows7to9ArcC[i], 5));
    const p = observationalPCA(filled, { components: 3 });
    numpy.imputedRatio.forEach((r, i) => expect(p.explainedVarianceRatio[i]).toBeCloseTo(r, 6));
    expect(p.scores[0][0]).toBeCloseTo(numpy.imputedScores0[0], 5);
  });
  it("PC1 is log-linear in FLOPs within Llama-2 (slope 0.529 per decade, R² 0.9997, numpy polyfit)", () => {
    const filled = observationalImpute(X);
    const p = observationalPCA(filled, { components: 3 });
    const idx = table.map((r, i) => (r["Model Family"] === "Llama-2" ? i : -1)).filter((i) => i >= 0);
    const line = observationalLogLinear(idx.map((i) => Math.log10(Number(table[i]["FLOPs (1E21)"]) * 1e21)), idx.map((i) => p.scores[i][0]));
    expect(line.slope).toBeCloseTo(numpy.llama2.slope, 5);
    expect(line.intercept).toBeCloseTo(numpy.llama2.intercept, 4);
    expect(line.r2).toBeCloseTo(numpy.llama2.r2, 6);
  });
  it("observed cells are left unchanged by imputation", () => {
    const filled = observationalImpute(X);
    X.forEach((r, i) => r.forEach((v, j) => { if (!Number.isNaN(v)) expect(filled[i][j]).toBe(v); }));
  });
});

describe("observationalPCA invariants", () => {
  const M = [[1, 2, 0.5], [2, 3.9, 0.1], [3, 6.2, 0.7], [4, 7.8, 0.2], [5, 10.1, 0.9]];
  it("variance ratios sum to 1 and are sorted", () => {
    const p = observationalPCA(M, { components: 3 });
    expect(p.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < 3; i++) expect(p.explainedVarianceRatio[i]).toBeLessThanOrEqual(p.explainedVarianceRatio[i - 1]);
  });
  it("components are orthonormal", () => {
    const p = observationalPCA(M, { components: 3 });
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
      const dot = p.components[a].reduce((s, v, j) => s + v * p.components[b][j], 0);
      expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
    }
  });
  it("transform of the fitted rows reproduces the scores", () => {
    const p = observationalPCA(M, { components: 2, standardize: true });
    const t = p.transform(M);
    t.forEach((r, i) => r.forEach((v, q) => expect(v).toBeCloseTo(p.scores[i][q], 12)));
  });
  it("rejects a NaN score and points to observationalImpute", () => {
    expect(() => observationalPCA([[1, NaN], [2, 3]])).toThrow(/observationalImpute/);
  });
  it("rejects a single row with InsufficientDataError", () => {
    expect(() => observationalPCA([[1, 2]])).toThrow(InsufficientDataError);
  });
  it("rejects ragged rows", () => {
    expect(() => observationalPCA([[1, 2], [3]])).toThrow(/row 1 has 1 columns, expected 2/);
  });
  it("rejects more components than benchmarks", () => {
    expect(() => observationalPCA(M, { components: 4 })).toThrow(InvalidInputError);
  });
  it("imputation reports DidNotConvergeError when the iteration budget is too small", () => {
    expect(() => observationalImpute(X, { maxIterations: 1 })).toThrow(DidNotConvergeError);
  });
  it("imputation rejects a column with no observed value", () => {
    expect(() => observationalImpute([[1, NaN], [2, NaN]])).toThrow(/column 1 has no observed value/);
  });
});

describe("observational link and compute-equivalent", () => {
  it("the sigmoid link spans [floor, 1]", () => {
    const p = { alpha: 0, beta: [3], floor: 0.25 };
    expect(observationalSigmoid([-100], p)).toBeCloseTo(0.25, 12);
    expect(observationalSigmoid([100], p)).toBeCloseTo(1, 12);
  });
  it("the sigmoid model's analytic gradient matches central differences", () => {
    const rows = [[0.4, 0.9], [-1, 0.2], [2, -0.5]];
    expect(checkModelGradient(observationalSigmoidModel(2), rows, [0.3, 1.2, -0.7, 0.1]).maxRelError).toBeLessThan(1e-6);
  });
  it("a reference-family model's compute-equivalent is its own compute", () => {
    const lines = [{ slope: 0.5, intercept: -12, r2: 1, n: 3 }, { slope: -0.1, intercept: 2, r2: 1, n: 3 }];
    const log10C = 23.3;
    const S = lines.map((l) => l.slope * log10C + l.intercept);
    expect(observationalComputeEquivalent(S, [1.5, 0.4], lines)).toBeCloseTo(log10C, 12);
  });
  it("compute-equivalent rejects a reference family whose capability falls with compute", () => {
    expect(() => observationalComputeEquivalent([1], [1], [{ slope: -1, intercept: 0, r2: 1, n: 2 }])).toThrow(/choose another reference family/);
  });
  it("log-linear fit rejects a family with one model", () => {
    expect(() => observationalLogLinear([22], [0.1])).toThrow(InsufficientDataError);
  });
  it("sigmoid rejects mismatched score and weight lengths", () => {
    expect(() => observationalSigmoid([1, 2], { alpha: 0, beta: [1], floor: 0 })).toThrow(/beta has 1 weights/);
  });
});

describe("fitObservationalLink: held-out prediction of GSM8K from the other seven benchmarks", () => {
  // Independent check: numpy PCA (k = 3) fitted on the 75 models below 8.4e22 FLOPs, after PCA imputation of the
  // seven predictor benchmarks, then scipy curve_fit (bounded, floor ∈ [0, 0.2]) of the sigmoid link
  // (script /tmp/h5/obs_pred.py, run for this test): train MAE 0.03865, held-out MAE 0.07876 on 48 larger models.
  it("matches scipy's fit: train MAE 0.0387 and held-out MAE 0.0788", () => {
    const target = OBS_SCALING_BENCHMARKS.indexOf("GSM8K");
    const Xp = observationalImpute(X.map((r) => r.filter((_, j) => j !== target)));
    const y = X.map((r) => r[target]);
    const flops = table.map((r) => (r["FLOPs (1E21)"] === "" ? NaN : Number(r["FLOPs (1E21)"]) * 1e21));
    const train = flops.map((f) => f < 8.4e22), test = flops.map((f) => f >= 8.4e22);
    expect(train.filter(Boolean).length).toBe(75);
    expect(test.filter(Boolean).length).toBe(48);
    const pca = observationalPCA(Xp.filter((_, i) => train[i]), { components: 3 });
    const S = pca.transform(Xp);
    const link = fitObservationalLink(S.filter((_, i) => train[i]), y.filter((_, i) => train[i]));
    const mae = (mask: boolean[]) => {
      const idx = mask.map((m, i) => (m ? i : -1)).filter((i) => i >= 0);
      return idx.reduce((a, i) => a + Math.abs(link.predict(S[i]) - y[i]), 0) / idx.length;
    };
    expect(mae(train)).toBeCloseTo(0.03865250406732748, 4);
    expect(mae(test)).toBeCloseTo(0.07876241267846985, 3);
    expect(link.params.floor).toBeLessThan(1e-3);
    expect(link.sigmoid.floor).toBe(link.params.floor);
    expect(link.kind).toBe("fit-result");
  });
  it("rejects fewer models than parameters", () => {
    expect(() => fitObservationalLink([[1], [2], [3]], [0.1, 0.2, 0.3])).toThrow(InsufficientDataError);
  });
});
