import { describe, expect, it } from "vitest";
import {
  STEP_LAW_BOOTSTRAP_MEAN, STEP_LAW_PUBLISHED, STEP_LAW_RELEASED_REFIT, fitStepLaw, selectStepLawOptima, stepLaw,
  stepLawBatchSize, stepLawBootstrapBand, stepLawBootstrapMean, stepLawLandscape, stepLawLearningRate,
  stepLawNonEmbeddingParams, stepLawPredictionGaps, stepLawRunsFromRecords, type StepLawBootstrapFit,
} from "../../lib/hparams";
import { InsufficientDataError, InvalidInputError, listLaws } from "../../lib/core";
import { expectRel, mirrorFile, readCsv } from "./helpers";

const bootstrapRows = readCsv(mirrorFile("steplaw", "1004_fitted_lr_bs_scaling_model_parameters.csv")) as unknown as StepLawBootstrapFit[];
const runs = stepLawRunsFromRecords(readCsv(mirrorFile("steplaw", "dense_lr_bs_loss.csv")));

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
    const constants = STEP_LAW_BOOTSTRAP_MEAN.params;
    expectRel(stepLawLearningRate({ N: 1e9, D: 1e11, constants }), 1.6624e-3, 1e-4);
    expectRel(stepLawBatchSize({ D: 1e11, constants }), 1.10747e6, 1e-4);
  });
  it("counts N as n_layer·h·(4h + 3·ffn_h), matching the CSV row h 960, ffnh 9368, numl 7 → 214,663,680", () => {
    expect(stepLawNonEmbeddingParams({ nLayer: 7, dModel: 960, dFF: 9368 })).toBe(214663680);
  });
  it("rejects non-positive N or D with the function name in the message", () => {
    expect(() => stepLawLearningRate({ N: 0, D: 1e11 })).toThrow(/stepLawLearningRate: N must be a finite number > 0/);
    expect(() => stepLawBatchSize({ D: -1 })).toThrow(InvalidInputError);
  });
  it("is registered in the law catalogue under topic hparams with three constant sets", () => {
    expect(listLaws("hparams").map((l) => l.id)).toContain("step-law");
    expect(stepLaw.constants?.length).toBe(3);
  });
});

describe("Step Law bootstrap fits released in step-law/steplaw (1,000 rows)", () => {
  it("has 1,000 bootstrap rows", () => {
    expect(bootstrapRows.length).toBe(1000);
  });
  it("their means give η = 1.797·N^-0.7129·D^0.3075 and B = 0.5807·D^0.5709 (numpy: 1.797340, −0.712922, 0.307491, 0.580688, 0.570944)", () => {
    const m = stepLawBootstrapMean(bootstrapRows);
    expectRel(m.lrCoef, 1.79734, 1e-5);
    expectRel(m.lrExpN, -0.712922, 1e-5);
    expectRel(m.lrExpD, 0.307491, 1e-5);
    expectRel(m.bsCoef, 0.580688, 1e-5);
    expectRel(m.bsExpD, 0.570944, 1e-5);
  });
  it("their means match the paper's 1.79·N^-0.713·D^0.307 and 0.58·D^0.571 to the published digits", () => {
    const m = stepLawBootstrapMean(bootstrapRows);
    const p = STEP_LAW_PUBLISHED.params;
    expect(Math.abs(m.lrCoef - p.lrCoef)).toBeLessThan(0.01);
    expect(Math.abs(m.lrExpN - p.lrExpN)).toBeLessThan(5e-4);
    expect(Math.abs(m.lrExpD - p.lrExpD)).toBeLessThan(5e-4);
    expect(Math.abs(m.bsCoef - p.bsCoef)).toBeLessThan(0.005);
    expect(Math.abs(m.bsExpD - p.bsExpD)).toBeLessThan(5e-4);
  });
  it("the stored bootstrap-mean constants equal the recomputed means", () => {
    const m = stepLawBootstrapMean(bootstrapRows);
    for (const k of Object.keys(m) as (keyof typeof m)[]) expectRel(STEP_LAW_BOOTSTRAP_MEAN.params[k], m[k], 5e-6);
  });
  it("the 95% band at N = 1e9, D = 1e11 contains the published η* and B*", () => {
    const band = stepLawBootstrapBand({ N: 1e9, D: 1e11, fits: bootstrapRows });
    const lr = stepLawLearningRate({ N: 1e9, D: 1e11 });
    const bs = stepLawBatchSize({ D: 1e11 });
    expect(band.lr.lo).toBeLessThan(lr);
    expect(band.lr.hi).toBeGreaterThan(lr);
    expect(band.batch.lo).toBeLessThan(bs);
    expect(band.batch.hi).toBeGreaterThan(bs);
  });
  it("stepLawBootstrapMean rejects an empty list and names the bad row", () => {
    expect(() => stepLawBootstrapMean([])).toThrow(/stepLawBootstrapMean: no bootstrap fits/);
    expect(() => stepLawBootstrapMean([{ ...bootstrapRows[0], lr_coefN: Number.NaN }])).toThrow(/row 0 has lr_coefN/);
  });
});

describe("refit of the released dense runs with the paper's procedure", () => {
  // Independent numpy computation (np.linalg.lstsq on the same selection) gave
  // lr: exp(4.35268285) = 77.68660, −0.76622765, 0.19700574; bs: exp(−1.5677126) = 0.20852161, 0.61252902;
  // 129 selected runs in 17 groups; case-bootstrap (2000 resamples) 95% interval of the D exponent [0.134, 0.264].
  const fit = fitStepLaw(runs, { bootstrap: 1000, seed: 1 });

  it("reads 1,911 runs in 17 (N, D) groups and keeps 129 runs within 0.25% of their group's best smoothed loss", () => {
    expect(runs.length).toBe(1911);
    expect(fit.groups.length).toBe(17);
    expect(fit.keptRuns).toBe(129);
  });
  it("gives η ≈ 77.7·N^-0.766·D^0.197 (numpy: 77.68660, −0.7662276, 0.1970057)", () => {
    expectRel(fit.constants.lrCoef, 77.6866048, 1e-6);
    expectRel(fit.constants.lrExpN, -0.76622765, 1e-6);
    expectRel(fit.constants.lrExpD, 0.19700574, 1e-6);
  });
  it("gives B ≈ 0.209·D^0.613 tokens (numpy: 0.2085216, 0.6125290)", () => {
    expectRel(fit.constants.bsCoef, 0.20852161, 1e-6);
    expectRel(fit.constants.bsExpD, 0.61252902, 1e-6);
  });
  it("the stored refit constants equal this fit", () => {
    for (const k of Object.keys(fit.constants) as (keyof typeof fit.constants)[]) expectRel(STEP_LAW_RELEASED_REFIT.params[k], fit.constants[k], 1e-5);
  });
  it("the bootstrap 95% interval of the D exponent does not cover the published 0.307 (numpy: [0.134, 0.264])", () => {
    const [lo, hi] = fit.intervals!.lrExpD;
    expect(lo).toBeLessThan(0.197);
    expect(hi).toBeGreaterThan(0.197);
    expect(hi).toBeLessThan(0.307);
    expect(Math.abs(lo - 0.134)).toBeLessThan(0.03);
    expect(Math.abs(hi - 0.264)).toBeLessThan(0.03);
  });
  it("uses ~1000 bootstrap resamples", () => {
    expect(fit.resamples).toBeGreaterThan(990);
  });
  it("the threshold is the paper's 0.25%: a wider window keeps more runs", () => {
    expect(selectStepLawOptima(runs, 0.005).kept.length).toBeGreaterThan(129);
    expect(selectStepLawOptima(runs, 0).kept.length).toBe(17);
  });
  it("recovers known exponents from noiseless synthetic optima", () => {
    const synth = [2e8, 4e8, 8e8].flatMap((N) => [1e10, 3e10, 1e11].map((D) => ({ N, D, lr: 1.5 * N ** -0.7 * D ** 0.3, bs: (0.6 * D ** 0.57) / 2048, smoothLoss: 2 })));
    const f = fitStepLaw(synth, { bootstrap: 0 });
    expectRel(f.constants.lrCoef, 1.5, 1e-9);
    expectRel(f.constants.lrExpN, -0.7, 1e-9);
    expectRel(f.constants.lrExpD, 0.3, 1e-9);
    expectRel(f.constants.bsExpD, 0.57, 1e-9);
    expect(f.intervals).toBeNull();
  });
  it("needs two distinct N and two distinct D values", () => {
    const one = [1e10, 2e10, 3e10, 4e10].map((D) => ({ N: 1e8, D, lr: 1e-3, bs: 100, smoothLoss: 2 }));
    expect(() => fitStepLaw(one, { bootstrap: 0 })).toThrow(/all kept runs have the same N/);
  });
  it("needs at least 4 kept runs", () => {
    expect(() => fitStepLaw([{ N: 1, D: 1, lr: 1, bs: 1, smoothLoss: 1 }])).toThrow(InsufficientDataError);
  });
  it("names a row with a non-positive value", () => {
    expect(() => fitStepLaw([{ N: 1, D: 1, lr: -1, bs: 1, smoothLoss: 1 }])).toThrow(/fitStepLaw: row 0 has lr = -1/);
  });
});

describe("stepLawLandscape", () => {
  it("puts every run of a group on an LR × batch grid whose minimum is the group's best run", () => {
    const g = stepLawLandscape(runs, { N: 214663680, D: 1e11 });
    const cells = g.loss.flat().filter((v): v is number => v !== null);
    expect(cells.length).toBeGreaterThan(50);
    expect(Math.min(...cells)).toBe(g.best.loss);
    expect(g.batches.every((b) => b % 2048 === 0)).toBe(true);
  });
  it("lists available groups when the requested one has no runs", () => {
    expect(() => stepLawLandscape(runs, { N: 1, D: 1 })).toThrow(/available groups: \(N 214663680/);
  });
});

describe("stepLawPredictionGaps on the released runs", () => {
  // numpy (nearest run in (ln η, ln B) per group, first on ties): published max gap 0.0031031, mean 0.00095656,
  // 16 of 17 groups within 0.25%; refit max 0.0023435, mean 0.00096402, 17 of 17.
  it("the published law's nearest swept run is within 0.31% of each group's best smoothed loss", () => {
    const g = stepLawPredictionGaps(runs, { constants: STEP_LAW_PUBLISHED.params });
    expect(g.length).toBe(17);
    expectRel(Math.max(...g.map((r) => r.gap)), 0.0031031261763747597, 1e-9);
    expectRel(g.reduce((s, r) => s + r.gap, 0) / 17, 0.000956563835100435, 1e-9);
    expect(g.filter((r) => r.gap <= 0.0025).length).toBe(16);
  });
  it("our refit's nearest swept run is within 0.25% in all 17 groups", () => {
    const g = stepLawPredictionGaps(runs, { constants: STEP_LAW_RELEASED_REFIT.params });
    expectRel(Math.max(...g.map((r) => r.gap)), 0.002343486898137348, 1e-9);
    expect(g.every((r) => r.gap <= 0.0025)).toBe(true);
  });
});
