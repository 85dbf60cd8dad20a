import { describe, expect, it } from "vitest";
import * as hparams from "../../lib/hparams";
import type { StepLawBootstrapFit } from "../../lib/hparams";
import { InsufficientDataError, InvalidInputError, listLaws } from "../../lib/core";

const { stepLaw } = hparams;
const STEP_LAW_PUBLISHED = stepLaw.published.paper;
const STEP_LAW_BOOTSTRAP_MEAN = stepLaw.published.bootstrapMean;
const STEP_LAW_RELEASED_REFIT = stepLaw.published.releasedRefit;
const stepLawLearningRate = (x: { N: number; D: number }, p?: Parameters<typeof stepLaw.lr.predict>[1]) => stepLaw.lr.predict(x, p);
const stepLawBatchSize = (x: { D: number }, p?: Parameters<typeof stepLaw.batch.predict>[1]) => stepLaw.batch.predict(x, p);
import { expectRel, mirrorFile, readCsv } from "./helpers";

const bootstrapRows = readCsv(mirrorFile("steplaw", "1004_fitted_lr_bs_scaling_model_parameters.csv")) as unknown as StepLawBootstrapFit[];
const runs = stepLaw.runsFromRecords(readCsv(mirrorFile("steplaw", "dense_lr_bs_loss.csv")));

describe("Step Law with published constants (hparams.md reference checks 6–7, (C))", () => {
  it("N = 1e9, D = 1e11 gives η* = 1.63250e-3 and B* = 1.10771e6 tokens (check 6)", () => {
    expectRel(stepLawLearningRate({ N: 1e9, D: 1e11 }), 1.6325e-3, 5e-6);
    expectRel(stepLawBatchSize({ D: 1e11 }), 1.10771e6, 5e-6);
  });
  it("N = 7e9, D = 2e12 gives η* = 1.02262e-3 and B* = 6.12796e6 (check 7)", () => {
    expectRel(stepLawLearningRate({ N: 7e9, D: 2e12 }), 1.02262e-3, 5e-6);
    expectRel(stepLawBatchSize({ D: 2e12 }), 6.12796e6, 5e-6);
  });
  it("N = 4e8, D = 4e10 gives η* = 2.36819e-3 and B* = 6.56454e5 (check 7)", () => {
    expectRel(stepLawLearningRate({ N: 4e8, D: 4e10 }), 2.36819e-3, 5e-6);
    expectRel(stepLawBatchSize({ D: 4e10 }), 6.56454e5, 5e-6);
  });
  it("bootstrap-mean constants at N = 1e9, D = 1e11 give η* ≈ 1.6624e-3 and B* ≈ 1.10747e6 within 1e-4 (check 8)", () => {
    expectRel(stepLawLearningRate({ N: 1e9, D: 1e11 }, STEP_LAW_BOOTSTRAP_MEAN), 1.6624e-3, 1e-4);
    expectRel(stepLawBatchSize({ D: 1e11 }, STEP_LAW_BOOTSTRAP_MEAN.params), 1.10747e6, 1e-4);
  });
  it("counts N as n_layer·h·(4h + 3·ffn_h), matching the CSV row h 960, ffnh 9368, numl 7 → 214,663,680", () => {
    expect(stepLaw.nonEmbeddingParams({ nLayer: 7, dModel: 960, dFF: 9368 })).toBe(214663680);
  });
  it("rejects non-positive N or D with the function name in the message", () => {
    expect(() => stepLawLearningRate({ N: 0, D: 1e11 })).toThrow(/hparams\.stepLaw\.lr\.predict: N must be a finite number > 0/);
    expect(() => stepLawBatchSize({ D: -1 })).toThrow(InvalidInputError);
  });
  it("is registered in the law catalogue under topic hparams as two Laws with three constant sets each", () => {
    const ids = listLaws("hparams").map((l) => l.id);
    expect(ids).toContain("step-law-lr");
    expect(ids).toContain("step-law-batch");
    expect(stepLaw.lr.constants?.length).toBe(3);
    expect(stepLaw.batch.constants?.length).toBe(3);
    expect(stepLaw.lr.kind).toBe("law");
  });
});

describe("Step Law bootstrap fits released in step-law/steplaw (1,000 rows)", () => {
  it("has 1,000 bootstrap rows", () => {
    expect(bootstrapRows.length).toBe(1000);
  });
  it("their means give η = 1.797·N^-0.7129·D^0.3075 and B = 0.5807·D^0.5709 (numpy: 1.797340, −0.712922, 0.307491, 0.580688, 0.570944)", () => {
    const m = stepLaw.bootstrapMean(bootstrapRows);
    expectRel(m.lrCoef, 1.79734, 1e-5);
    expectRel(m.lrExpN, -0.712922, 1e-5);
    expectRel(m.lrExpD, 0.307491, 1e-5);
    expectRel(m.bsCoef, 0.580688, 1e-5);
    expectRel(m.bsExpD, 0.570944, 1e-5);
  });
  it("their means match the paper's 1.79·N^-0.713·D^0.307 and 0.58·D^0.571 to the published digits", () => {
    const m = stepLaw.bootstrapMean(bootstrapRows);
    const p = STEP_LAW_PUBLISHED.params;
    expect(Math.abs(m.lrCoef - p.lrCoef)).toBeLessThan(0.01);
    expect(Math.abs(m.lrExpN - p.lrExpN)).toBeLessThan(5e-4);
    expect(Math.abs(m.lrExpD - p.lrExpD)).toBeLessThan(5e-4);
    expect(Math.abs(m.bsCoef - p.bsCoef)).toBeLessThan(0.005);
    expect(Math.abs(m.bsExpD - p.bsExpD)).toBeLessThan(5e-4);
  });
  it("the stored bootstrap-mean constants equal the recomputed means", () => {
    const m = stepLaw.bootstrapMean(bootstrapRows);
    for (const k of Object.keys(m) as (keyof typeof m)[]) expectRel(STEP_LAW_BOOTSTRAP_MEAN.params[k], m[k], 5e-6);
  });
  it("the 95% band at N = 1e9, D = 1e11 contains the published η* and B*", () => {
    const band = stepLaw.bootstrapBand({ N: 1e9, D: 1e11 }, bootstrapRows);
    const lr = stepLawLearningRate({ N: 1e9, D: 1e11 });
    const bs = stepLawBatchSize({ D: 1e11 });
    expect(band.lr.lo).toBeLessThan(lr);
    expect(band.lr.hi).toBeGreaterThan(lr);
    expect(band.batch.lo).toBeLessThan(bs);
    expect(band.batch.hi).toBeGreaterThan(bs);
  });
  it("stepLawBootstrapMean rejects an empty list and names the bad row", () => {
    expect(() => stepLaw.bootstrapMean([])).toThrow(/hparams\.stepLaw\.bootstrapMean: no bootstrap fits/);
    expect(() => stepLaw.bootstrapMean([{ ...bootstrapRows[0], lr_coefN: Number.NaN }])).toThrow(/row 0 has lr_coefN/);
  });
});

describe("refit of the released dense runs with the paper's procedure", () => {
  // Independent numpy computation (np.linalg.lstsq on the same selection) gave
  // lr: exp(4.35268285) = 77.68660, −0.76622765, 0.19700574; bs: exp(−1.5677126) = 0.20852161, 0.61252902;
  // 129 selected runs in 17 groups; case-bootstrap (2000 resamples) 95% interval of the D exponent [0.134, 0.264].
  const fit = stepLaw.refit(runs, { bootstrap: 1000, seed: 1 });
  const constants = fit.params;

  it("reads 1,911 runs in 17 (N, D) groups and keeps 129 runs within 0.25% of their group's best smoothed loss", () => {
    expect(runs.length).toBe(1911);
    expect(fit.groups.length).toBe(17);
    expect(fit.keptRuns).toBe(129);
  });
  it("gives η ≈ 77.7·N^-0.766·D^0.197 (numpy: 77.68660, −0.7662276, 0.1970057)", () => {
    expectRel(constants.lrCoef, 77.6866048, 1e-6);
    expectRel(constants.lrExpN, -0.76622765, 1e-6);
    expectRel(constants.lrExpD, 0.19700574, 1e-6);
  });
  it("gives B ≈ 0.209·D^0.613 tokens (numpy: 0.2085216, 0.6125290)", () => {
    expectRel(constants.bsCoef, 0.20852161, 1e-6);
    expectRel(constants.bsExpD, 0.61252902, 1e-6);
  });
  it("the stored refit constants equal this fit", () => {
    for (const k of fit.paramNames) expectRel(STEP_LAW_RELEASED_REFIT.params[k], constants[k], 1e-5);
  });
  it("the bootstrap 95% interval of the D exponent does not cover the published 0.307 (numpy: [0.134, 0.264])", () => {
    const [lo, hi] = fit.ci.lrExpD!;
    expect(lo).toBeLessThan(0.197);
    expect(hi).toBeGreaterThan(0.197);
    expect(hi).toBeLessThan(0.307);
    expect(Math.abs(lo - 0.134)).toBeLessThan(0.03);
    expect(Math.abs(hi - 0.264)).toBeLessThan(0.03);
  });
  it("uses ~1000 bootstrap resamples, the same draws for both regressions", () => {
    expect(fit.bootstrap!.resamples).toBe(1000);
    expect(fit.bootstrap!.samples.length).toBeGreaterThan(990);
    expect(fit.uncertainty).toBe("bootstrap");
    expect(fit.lr.bootstrap!.seed).toBe(1);
    expect(fit.batch.bootstrap!.seed).toBe(1);
  });
  it("is a FitResult over the five constants whose parts feed the two laws", () => {
    expect(fit.kind).toBe("fit-result");
    expect(fit.paramNames).toEqual(["lrCoef", "lrExpN", "lrExpD", "bsCoef", "bsExpD"]);
    expect(fit.converged).toBe(true);
    expectRel(stepLaw.lr.predict({ N: 1e9, D: 1e11 }, fit.lr), stepLaw.lr.predict({ N: 1e9, D: 1e11 }, STEP_LAW_RELEASED_REFIT), 1e-5);
    expectRel(stepLaw.batch.predict({ D: 1e11 }, fit.params), stepLaw.batch.predict({ D: 1e11 }, STEP_LAW_RELEASED_REFIT), 1e-5);
    expect(fit.dataRanges.N).toEqual([214663680, 1073741824]);
  });
  it("the threshold is the paper's 0.25%: a wider window keeps more runs", () => {
    expect(stepLaw.selectOptima(runs, 0.005).kept.length).toBeGreaterThan(129);
    expect(stepLaw.selectOptima(runs, 0).kept.length).toBe(17);
  });
  it("recovers known exponents from noiseless synthetic optima", () => {
    const synth = [2e8, 4e8, 8e8].flatMap((N) => [1e10, 3e10, 1e11].map((D) => ({ N, D, lr: 1.5 * N ** -0.7 * D ** 0.3, bs: (0.6 * D ** 0.57) / 2048, smoothLoss: 2 })));
    const f = stepLaw.refit(synth, { bootstrap: 0 });
    expectRel(f.params.lrCoef, 1.5, 1e-9);
    expectRel(f.params.lrExpN, -0.7, 1e-9);
    expectRel(f.params.lrExpD, 0.3, 1e-9);
    expectRel(f.params.bsExpD, 0.57, 1e-9);
    expect(f.bootstrap).toBeNull();
  });
  it("needs two distinct N and two distinct D values", () => {
    const one = [1e10, 2e10, 3e10, 4e10].map((D) => ({ N: 1e8, D, lr: 1e-3, bs: 100, smoothLoss: 2 }));
    expect(() => stepLaw.refit(one, { bootstrap: 0 })).toThrow(/all kept runs have the same N/);
  });
  it("needs at least 4 kept runs", () => {
    expect(() => stepLaw.refit([{ N: 1, D: 1, lr: 1, bs: 1, smoothLoss: 1 }])).toThrow(InsufficientDataError);
  });
  it("names a row with a non-positive value", () => {
    expect(() => stepLaw.refit([{ N: 1, D: 1, lr: -1, bs: 1, smoothLoss: 1 }])).toThrow(/hparams\.stepLaw\.refit: row 0 has lr = -1/);
  });
});

describe("stepLaw.landscape", () => {
  it("puts every run of a group on an LR × batch grid whose minimum is the group's best run", () => {
    const g = stepLaw.landscape(runs, { N: 214663680, D: 1e11 });
    const cells = g.loss.flat().filter((v): v is number => v !== null);
    expect(cells.length).toBeGreaterThan(50);
    expect(Math.min(...cells)).toBe(g.best.loss);
    expect(g.batches.every((b) => b % 2048 === 0)).toBe(true);
  });
  it("lists available groups when the requested one has no runs", () => {
    expect(() => stepLaw.landscape(runs, { N: 1, D: 1 })).toThrow(/available groups: \(N 214663680/);
  });
});

describe("stepLaw.predictionGaps on the released runs", () => {
  // numpy (nearest run in (ln η, ln B) per group, first on ties): published max gap 0.0031031, mean 0.00095656,
  // 16 of 17 groups within 0.25%; refit max 0.0023435, mean 0.00096402, 17 of 17.
  it("the published law's nearest swept run is within 0.31% of each group's best smoothed loss", () => {
    const g = stepLaw.predictionGaps(runs, STEP_LAW_PUBLISHED);
    expect(g.length).toBe(17);
    expectRel(Math.max(...g.map((r) => r.gap)), 0.0031031261763747597, 1e-9);
    expectRel(g.reduce((s, r) => s + r.gap, 0) / 17, 0.000956563835100435, 1e-9);
    expect(g.filter((r) => r.gap <= 0.0025).length).toBe(16);
  });
  it("our refit's nearest swept run is within 0.25% in all 17 groups", () => {
    const g = stepLaw.predictionGaps(runs, STEP_LAW_RELEASED_REFIT.params);
    expectRel(Math.max(...g.map((r) => r.gap)), 0.002343486898137348, 1e-9);
    expect(g.every((r) => r.gap <= 0.0025)).toBe(true);
  });
});
