/**
 * Public values that used to print as raw JS objects now display through the renderer registry: every law's
 * published constant sets and citations, and the optimum/frontier/allocation results (text/plain + text/html).
 * Their data is unchanged: same enumerable fields, same JSON.
 */
import { describe, expect, it } from "vitest";
import { fit, hparams, laws, mixing } from "../../lib";
import { JUPYTER_DISPLAY, listLaws } from "../../lib/core";

type Bundle = Record<string, string>;
const bundle = (v: unknown): Bundle => {
  const show = (v as { [JUPYTER_DISPLAY]?: () => Bundle })[JUPYTER_DISPLAY];
  if (typeof show !== "function") throw new Error(`not displayable: ${JSON.stringify(v).slice(0, 80)}`);
  return show.call(v);
};
const loss = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;

describe("displays of public result values", () => {
  it("every card's published constant sets and citations display as cards, not raw objects", () => {
    for (const card of listLaws()) {
      expect(Object.keys(bundle(card.citation))).toEqual(["text/plain", "text/html"]);
      for (const c of card.constants ?? []) expect(Object.keys(bundle(c)).sort()).toEqual(["text/html", "text/plain"]);
    }
  });

  it("a published constant set shows its name, status badge, every constant and its source", () => {
    const b = bundle(laws.chinchilla.published.besiroglu);
    expect(b["text/html"]).toContain("scalinglab-badge");
    for (const name of ["E", "A", "B", "alpha", "beta"]) expect(b["text/html"]).toContain(`<th>${name}</th>`);
    expect(b["text/plain"]).toContain(laws.chinchilla.published.besiroglu.name);
    expect(b["text/plain"]).toContain("Source: Besiroglu");
  });

  it("a citation shows the formatted reference with an arXiv link", () => {
    const b = bundle(laws.chinchilla.citation);
    expect(b["text/plain"]).toMatch(/^Hoffmann/);
    expect(b["text/html"]).toContain(`href="https://arxiv.org/abs/${laws.chinchilla.citation.arxiv}"`);
  });

  it("optimum results are titled field tables; their fields and JSON stay plain data", () => {
    const opt = laws.chinchilla.optimal(5.76e23);
    const b = bundle(opt);
    expect(b["text/plain"].split("\n")[0]).toBe("laws.chinchilla.optimal: compute-optimal N, D at C = 5.760e+23 FLOPs");
    expect(b["text/html"]).toContain("<th style=\"text-align:left\">tokensPerParam</th>");
    expect(Object.keys(opt)).toEqual(["N", "D", "tokensPerParam", "loss", "a", "b"]);
    expect(Object.keys(JSON.parse(JSON.stringify(opt)))).toEqual(Object.keys(opt));
    for (const v of [laws.kaplan.optimal({ Cmin: 1 }), laws.muennighoff.optimal({ C: 1e21, U: 1e10 }), hparams.deepseek.allocation({ C: 1e20 }),
      laws.allocation.computeOptimal(loss, 1e21), laws.allocation.inferenceAware(loss, 2.0, 1e12)]) {
      const shown = bundle(v);
      expect(shown["text/plain"]).toMatch(/^(laws|hparams)\.[A-Za-z.]+: /);
      expect(shown["text/html"]).toContain("scalinglab-result");
    }
  });

  it("a frontier shows its exponents and its points as a nested table", () => {
    const b = bundle(laws.allocation.frontier(loss, [1e20, 1e22, 1e24]));
    expect(b["text/plain"]).toContain("nExponent: ");
    expect(b["text/plain"]).toMatch(/points:\n\s+C\s+N\s+D/);
    expect(b["text/html"].match(/<table/g)).toHaveLength(2);
  });

  // Results that printed as raw objects: each now displays (a titled field table, or a table of rows), and its
  // enumerable fields and JSON are exactly what they were.
  const fam = { aspectRatio: 64, vocab: 50257, seqLen: 1024 };
  const k = { params: "non-embedding", flops: "6N-nonembedding" } as const, t = { params: "total", flops: "chinchilla" } as const;
  const isoRows = [1e20, 1e21].flatMap((C) => [0.5, 1, 2].map((f) => ({ C, N: f * Math.sqrt(C) / 1e1, L: 2 + Math.log(f) ** 2 })));
  const curves = [1e8, 2e8, 4e8, 8e8].map((N) => ({ N, tokens: [1e9, 2e9, 4e9, 8e9, 16e9], loss: [1e9, 2e9, 4e9, 8e9, 16e9].map((D) => loss(N, D)) }));
  const sweep = [1e-3, 2e-3, 4e-3].flatMap((lr) => [64, 128, 256].map((bs) => ({ N: 1e8, D: 1e10, lr, bs, smoothLoss: 3 + 0.01 * Math.abs(Math.log(lr / 2e-3)) + 0.01 * Math.abs(Math.log(bs / 128)) })));
  const boot = [{ lr_intercept: -1, lr_coefN: -0.7, lr_coefD: 0.3, bs_intercept: 1, bs_coefD: 0.5 }, { lr_intercept: -1.1, lr_coefN: -0.7, lr_coefD: 0.3, bs_intercept: 1, bs_coefD: 0.5 }];
  const lrs = Array.from({ length: 200 }, (_, i) => (i < 150 ? 1e-3 : (1e-3 * (200 - i)) / 50));
  const steps = Array.from({ length: 40 }, (_, i) => 5 * (i + 1));
  const areas = hparams.tissue.areas(lrs);
  const results: [string, () => object, string[]][] = [
    ["laws.isoflop.parabola", () => laws.isoflop.parabola([1e8, 1e9, 1e10], [3, 2, 3]), ["p0", "p1", "p2", "logNopt", "Nopt", "lossMin", "logNoptSE", "convex", "inRange", "n", "rmse"]],
    ["laws.isoflop.approach2", () => laws.isoflop.approach2(isoRows), ["budgets", "skippedBudgets", "unassigned", "warnings", "nExponent", "nCoefficient", "nExponentSE", "nExponentCI", "dExponent", "dCoefficient", "r2"]],
    ["laws.isoflop.bands", () => laws.isoflop.bands(isoRows), ["bands", "unassigned"]],
    ["laws.isoflop.envelope", () => laws.isoflop.envelope(curves, { bootstrap: 50 }), ["points", "distinctN", "nExponent", "nCoefficient", "nExponentCI", "dExponent", "dCoefficient", "dExponentCI", "bootstrap"]],
    ["laws.counting.allocation", () => laws.counting.allocation({ N: 1e8, D: 2e9 }, k, t, fam), ["N", "D", "C"]],
    ["laws.counting.powerLaw", () => laws.counting.powerLaw({ coefficient: 0.1, exponent: 0.5 }, [1e18, 1e22], k, t, fam), ["coefficient", "exponent", "points"]],
    ["laws.counting.shapeFor", () => laws.counting.shapeFor(1e9, "non-embedding", fam), ["nLayers", "dModel", "nHeads", "dHead", "dFF", "vocab", "seqLen", "ffnMatrices", "tiedEmbeddings"]],
    ["laws.observational.pca", () => laws.observational.pca([[0, 0], [1, 1], [2, 2.5]], { components: 1 }), ["mean", "scale", "components", "explainedVariance", "explainedVarianceRatio", "scores", "transform"]],
    ["laws.observational.logLinear", () => laws.observational.logLinear([1, 2, 3], [2, 4, 6]), ["slope", "intercept", "r2", "n"]],
    ["hparams.stepLaw.selectOptima", () => hparams.stepLaw.selectOptima(sweep), ["kept", "groups", "warnings"]],
    ["hparams.stepLaw.landscape", () => hparams.stepLaw.landscape(sweep, { N: 1e8, D: 1e10 }), ["N", "D", "lrs", "batches", "loss", "best"]],
    ["hparams.stepLaw.bootstrapMean", () => hparams.stepLaw.bootstrapMean(boot), ["lrCoef", "lrExpN", "lrExpD", "bsCoef", "bsExpD"]],
    ["hparams.stepLaw.bootstrapBand", () => hparams.stepLaw.bootstrapBand({ N: 1e9, D: 1e11 }, boot), ["lr", "batch"]],
    ["hparams.tissue.areas", () => hparams.tissue.areas([1e-3, 1e-3, 9e-4]), ["S1", "S2"]],
    ["hparams.mup.widthExponent", () => hparams.mup.widthExponent([64, 128, 256], [1, 2, 4]), ["exponent", "se", "r2"]],
    ["hparams.mup.optimalLR", () => hparams.mup.optimalLR([1e-3, 1e-2, 1e-1], [2, 1, 2]), ["lr", "index", "warnings"]],
    ["hparams.mup.scaling", () => hparams.mup.scaling({ kind: "hidden", optim: "adam", fanInMult: 2, fanOutMult: 2 }), ["initVarMult", "initStdMult", "multiplier", "lrMult"]],
    ["hparams.mup.abcSymmetry", () => hparams.mup.abcSymmetry({ multiplier: 1, initStd: 0.02, lr: 1e-3, optimizer: "adam", theta: 2 }), ["multiplier", "initStd", "lr"]],
    ["hparams.batchScaling.adamSqrt", () => hparams.batchScaling.adamSqrt({ lr: 1e-3, beta1: 0.9, beta2: 0.95, eps: 1e-8, kappa: 4 }), ["lr", "beta1", "beta2", "eps", "warnings"]],
    ["hparams.munit.scaling", () => hparams.munit.scaling({ kind: "hidden", fanIn: 1024 }), ["initVar", "multiplier", "adamLRScale", "status"]],
    ["laws.gadre.averageErrors", () => laws.gadre.averageErrors([{ name: "m", task: "a", accuracy: 0.5 }, { name: "m", task: "b", accuracy: 0.7 }], ["a", "b"]), ["m"]],
    ["mixing.regmix.propose", () => mixing.regmix.propose({ kind: "toy", predict: (r) => 1 - r[0] }, [0.5, 0.5], { samples: 200, topK: 10 }), ["mixture", "predictedLoss", "topKMeanLoss", "samples", "topK"]],
    ["mixing.split", () => mixing.split(10, 4, 0), ["fit", "heldOut"]],
    ["mixing.optimize", () => mixing.optimize([{ c: 1, k: 1, t: [-1, 0.5] }, { c: 1, k: 1, t: [0.5, -1] }], [0.5, 0.5]), ["r", "loss", "iterations", "stationarity"]],
    ["mixing.nested.fitPowerLaw", () => mixing.nested.fitPowerLaw([1e3, 2e3, 4e3, 8e3, 16e3], [1e3, 2e3, 4e3, 8e3, 16e3].map((s) => 2 + 30 * s ** -0.5)), ["E", "A", "exponent", "predict"]],
    ["fit.checkGradient", () => fit.checkGradient(laws.chinchilla.model as never, [{ N: 1e9, D: 1e10 }], [1.69, 406.4, 410.7, 0.34, 0.28]), ["maxRelError", "param", "row"]],
  ];
  it.each(results)("%s displays as a titled result; its fields and JSON are unchanged", (api, make, keys) => {
    const v = make() as Record<string, unknown>;
    const b = bundle(v);
    expect(b["text/plain"].split("\n")[0]).toMatch(new RegExp(`^${api.replace(/\./g, "\\.")}: `));
    expect(b["text/html"]).toContain("scalinglab-result");
    expect(Object.keys(v)).toEqual(keys);
    const plain = Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x !== "function"));
    expect(JSON.parse(JSON.stringify(v))).toEqual(JSON.parse(JSON.stringify(plain)));
  });

  it("laws.chinchilla.derived and chiSquare display as titled results, fields unchanged", () => {
    const rows = [1e8, 3e8, 1e9, 3e9].flatMap((N) => [2e9, 6e9, 2e10, 6e10].map((D) => ({ N, D })));
    const y = rows.map(({ N, D }) => laws.chinchilla.predict({ N, D }, laws.chinchilla.published.hoffmann) * (1 + 0.003 * Math.sin(N / 1e7 + D / 1e8)));
    const f = laws.chinchilla.fitSync(rows, y, { bootstrap: 30, workers: 0, seed: 1 });
    const d = laws.chinchilla.derived(f, [1e21]), c = laws.chinchilla.chiSquare(f, laws.chinchilla.published.hoffmann);
    expect(bundle(d)["text/plain"]).toMatch(/^laws\.chinchilla\.derived: 80% bootstrap bands[^\n]*\n[\s\S]*budgets:\n\s+C\s+N\s+D/);
    expect(bundle(c)["text/plain"].split("\n")[0]).toBe("laws.chinchilla.chiSquare: χ² of the given constants against the bootstrap distribution");
    expect(Object.keys(d)).toEqual(["level", "a", "budgets"]);
    expect(Object.keys(c)).toEqual(["statistic", "df", "pValue"]);
  });

  it("a result with matrices shows their shape; nested row lists show as tables", () => {
    const pca = bundle(laws.observational.pca([[0, 0], [1, 1], [2, 2.5]], { components: 1 }))["text/plain"];
    expect(pca).toContain("components: 1 × 2 matrix");
    expect(pca).toContain("scores: 3 × 1 matrix");
    expect(bundle(laws.isoflop.approach2(isoRows))["text/plain"]).toMatch(/budgets:\n\s+p0\s+p1/);
  });

  it("lists of rows display as tables: isoflop.slice, isoloss.contour, stepLaw.runsFromRecords, mixing.compare", () => {
    const slice = laws.isoflop.slice(curves, [1e18]);
    const rows = hparams.stepLaw.runsFromRecords([{ N: 1e8, D: 1e10, lr: 1e-3, bs: 128, "smooth loss": 3 }]);
    for (const v of [slice, laws.isoloss.contour(loss, 2.2, [1e8, 1e9]), rows]) {
      const b = bundle(v);
      expect(b["text/html"]).toContain("<table");
      expect(b["application/vnd.dataresource+json"]).toBeDefined();
      expect(Array.isArray(v) && JSON.parse(JSON.stringify(v))).toEqual(v.map((r) => ({ ...r })));
    }
    expect(bundle(rows)["text/plain"]).toMatch(/N\s+D\s+lr\s+bs\s+smoothLoss/);
  });

  it("FitResult-based results (tissue.fitCurve) keep the fit display", () => {
    const f = hparams.tissue.fitCurve({ lrs, steps, losses: steps.map((s) => 2 + 0.3 * areas.S1[s - 1] ** -0.5 - 50 * areas.S2[s - 1]) });
    expect(Object.keys(bundle(f))).toContain("text/html");
    expect(f.points).toBe(40);
  });

  it("hparams.recommend shows its warnings under the table (and keeps them in its data)", () => {
    const r = hparams.recommend({ N: 1e9, D: 1e11, seqLen: 2048, moe: true });
    const b = bundle(r);
    expect(r.warnings).toHaveLength(1);
    expect(b["text/plain"]).toContain(`warning: ${r.warnings[0]}`);
    expect(b["text/html"]).toContain("scalinglab-warning");
    expect(bundle(hparams.recommend({ N: 1e9, D: 1e11, seqLen: 2048 }))["text/html"]).not.toContain("scalinglab-warning");
  });
});
