/**
 * RegMix (Liu et al. 2024) on its public runs (sail-sg/regmix data/, read from the mirror through the datasets
 * registry): regression from the 17 Pile domain weights to Pile-CC validation loss, fitted on the 512 1M-parameter
 * training runs, then Spearman ρ on the 1M test mixtures and rank transfer to the 60M and 1B test runs.
 *
 * Expected values: independent numpy/scipy computation (/tmp/mixw/rm.py, run 2026-11-27: np.linalg.lstsq with an
 * intercept column for OLS; centred ridge solve for λ = 1e-3; scipy.stats.spearmanr) printed
 *   OLS       ρ(pred, actual): 1M 0.902144, 60M 0.893289, 1B 0.876557
 *   ridge 1e-3 ρ(pred, actual): 1M 0.901799, 60M 0.892787, 1B 0.881090
 *   ρ(actual 1M, actual 60M) on the 256 shared test mixtures: 0.994098
 * The paper's own ρ values are not recorded in the project reference, so only these recomputations are asserted.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/data/load";
import { REGMIX_TRAIN_DOMAINS, type RegMixRow } from "../../datasets/regmix";
import * as mixing from "../../lib/mixing";
import { fractionalRanks } from "../../lib/mixing/rank-correlation";

const { regmix } = mixing;
const fitGradientBoostedTrees = regmix.trees;
const fitMixtureLinearRegression = regmix.linear;
const regmixProposeMixture = regmix.propose;
const regmixSampleMixtures = regmix.sample;
const spearmanRho = mixing.spearman;
import { InsufficientDataError, InvalidInputError } from "../../lib/core";

let rows: RegMixRow[];
const X = (split: string, scale: string) => rows.filter((r) => r.split === split && r.scale === scale).map((r) => REGMIX_TRAIN_DOMAINS.map((d) => r[`w_${d}`]));
const y = (split: string, scale: string) => rows.filter((r) => r.split === split && r.scale === scale).map((r) => r.loss_pile_cc);

beforeAll(async () => {
  rows = (await loadDataset("regmix")).rows;
});

describe("RegMix linear regression on the 512 1M runs (numpy cross-check)", () => {
  it("uses 512 training runs and 256/256/64 test runs", () => {
    expect([X("train", "1M").length, X("test", "1M").length, X("test", "60M").length, X("test", "1B").length]).toEqual([512, 256, 256, 64]);
  });

  it("OLS: Spearman ρ of predicted vs actual Pile-CC loss matches numpy at 1M, 60M and 1B", () => {
    const m = fitMixtureLinearRegression(X("train", "1M"), y("train", "1M"));
    expect(spearmanRho(X("test", "1M").map(m.predict), y("test", "1M"))).toBeCloseTo(0.902144, 5);
    expect(spearmanRho(X("test", "60M").map(m.predict), y("test", "60M"))).toBeCloseTo(0.893289, 5);
    expect(spearmanRho(X("test", "1B").map(m.predict), y("test", "1B"))).toBeCloseTo(0.876557, 5);
  });

  it("ridge λ = 1e-3: Spearman ρ matches numpy at 1M, 60M and 1B", () => {
    const m = fitMixtureLinearRegression(X("train", "1M"), y("train", "1M"), 1e-3);
    expect(spearmanRho(X("test", "1M").map(m.predict), y("test", "1M"))).toBeCloseTo(0.901799, 5);
    expect(spearmanRho(X("test", "60M").map(m.predict), y("test", "60M"))).toBeCloseTo(0.892787, 5);
    expect(spearmanRho(X("test", "1B").map(m.predict), y("test", "1B"))).toBeCloseTo(0.88109, 5);
  });

  it("rank invariance: the 1M and 60M actual losses on the same 256 test mixtures rank alike (ρ = 0.994098, numpy)", () => {
    expect(X("test", "1M")).toEqual(X("test", "60M"));
    expect(spearmanRho(y("test", "1M"), y("test", "60M"))).toBeCloseTo(0.994098, 5);
  });
});

describe("RegMix gradient-boosted trees (in-house)", () => {
  let cached: ReturnType<typeof fitGradientBoostedTrees> | undefined;
  const booster = () => (cached ??= fitGradientBoostedTrees(X("train", "1M"), y("train", "1M"), { trees: 150, learningRate: 0.1 }));

  it("ranks held-out 1M mixtures better than the linear model and keeps ρ > 0.9 at 60M and 1B", () => {
    const g = booster();
    const lin = fitMixtureLinearRegression(X("train", "1M"), y("train", "1M"));
    const rho = (s: string, m: { predict(r: number[]): number }) => spearmanRho(X("test", s).map((r) => m.predict(r)), y("test", s));
    expect(rho("1M", g)).toBeGreaterThan(rho("1M", lin));
    expect(rho("60M", g)).toBeGreaterThan(0.9);
    expect(rho("1B", g)).toBeGreaterThan(0.9);
  });

  it("proposes a mixture dominated by Pile-CC (the target domain), predicted below the prior's loss", () => {
    const Xtr = X("train", "1M");
    const mean = Xtr[0].map((_, j) => Xtr.reduce((a, r) => a + r[j], 0) / Xtr.length);
    const prior = mean.map((v) => v / mean.reduce((a, b) => a + b, 0));
    const g = booster();
    const p = regmixProposeMixture(g, prior, { samples: 5000, topK: 50, seed: 0 });
    expect(p.mixture.indexOf(Math.max(...p.mixture))).toBe(REGMIX_TRAIN_DOMAINS.indexOf("pile_cc"));
    expect(p.predictedLoss).toBeLessThan(g.predict(prior));
    expect(p.mixture.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("is deterministic for a seed", () => {
    const a = fitGradientBoostedTrees(X("train", "1M"), y("train", "1M"), { trees: 10, seed: 3 });
    const b = fitGradientBoostedTrees(X("train", "1M"), y("train", "1M"), { trees: 10, seed: 3 });
    expect(a.predict(X("test", "1M")[0])).toBe(b.predict(X("test", "1M")[0]));
  });

  it("rejects learningRate 0 with InvalidInputError", () => {
    expect(() => fitGradientBoostedTrees([[0], [1], [2], [3]], [0, 0, 1, 1], { learningRate: 0, minLeaf: 1 })).toThrow(InvalidInputError);
  });

  it("rejects too few rows for the leaf size with InsufficientDataError", () => {
    expect(() => fitGradientBoostedTrees([[0], [1]], [0, 1], { minLeaf: 5 })).toThrow(InsufficientDataError);
  });
});

describe("RegMix mixture sampler and proposal", () => {
  it("Dirichlet samples are mixtures and reproducible per seed", () => {
    const a = regmixSampleMixtures([0.2, 0.3, 0.5], 200, { seed: 7 });
    expect(a.every((r) => Math.abs(r.reduce((s, v) => s + v, 0) - 1) < 1e-12 && r.every((v) => v >= 0))).toBe(true);
    expect(regmixSampleMixtures([0.2, 0.3, 0.5], 200, { seed: 7 })).toEqual(a);
    expect(regmixSampleMixtures([0.2, 0.3, 0.5], 200, { seed: 8 })).not.toEqual(a);
  });

  it("Dirichlet samples are centred on the prior (mean of 20,000 draws within 0.01 of it)", () => {
    const prior = [0.1, 0.3, 0.6];
    const s = regmixSampleMixtures(prior, 20000, { seed: 1 });
    prior.forEach((p, j) => expect(Math.abs(s.reduce((a, r) => a + r[j], 0) / s.length - p)).toBeLessThan(0.01));
  });

  it("a zero prior entry is never sampled", () => {
    expect(regmixSampleMixtures([0, 0.5, 0.5], 500, { seed: 2 }).every((r) => r[0] === 0)).toBe(true);
  });

  it("rejects a prior that does not sum to 1", () => {
    expect(() => regmixSampleMixtures([0.2, 0.2], 10)).toThrow(InvalidInputError);
  });

  it("rejects topK larger than samples", () => {
    expect(() => regmixProposeMixture({ kind: "t", predict: () => 1 }, [0.5, 0.5], { samples: 5, topK: 10 })).toThrow(InvalidInputError);
  });

});

describe("spearmanRho", () => {
  it("equals 1 for any increasing transform", () => {
    expect(spearmanRho([1, 2, 3, 4, 5], [1, 8, 27, 64, 125])).toBeCloseTo(1, 15);
  });
  it("averages tied ranks like scipy.stats.rankdata", () => {
    expect(fractionalRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
  });
  it("rejects unequal lengths", () => {
    expect(() => spearmanRho([1, 2, 3], [1, 2])).toThrow(InvalidInputError);
  });
  it("rejects a constant sample", () => {
    expect(() => spearmanRho([1, 1, 1], [1, 2, 3])).toThrow(InvalidInputError);
  });
  it("rejects fewer than 3 values", () => {
    expect(() => spearmanRho([1, 2], [2, 1])).toThrow(InsufficientDataError);
  });
  it("rejects NaN", () => {
    expect(() => spearmanRho([1, NaN, 3], [1, 2, 3])).toThrow(InvalidInputError);
  });
});

describe("fitMixtureLinearRegression input checks", () => {
  it("rejects collinear weights at λ = 0 and names the fix", () => {
    expect(() => fitMixtureLinearRegression([[0.5, 0.5], [0.2, 0.8], [0.9, 0.1], [0.4, 0.6]], [1, 2, 3, 4])).toThrow(/ridge > 0/);
  });
  it("rejects ragged rows", () => {
    expect(() => fitMixtureLinearRegression([[1, 0], [0.5]], [1, 2], 1)).toThrow(InvalidInputError);
  });
  it("rejects a negative ridge", () => {
    expect(() => fitMixtureLinearRegression([[1, 0], [0, 1]], [1, 2], -1)).toThrow(InvalidInputError);
  });
  it("rejects a NaN target", () => {
    expect(() => fitMixtureLinearRegression([[1, 0], [0, 1], [0.5, 0.5]], [1, NaN, 2], 1)).toThrow(InvalidInputError);
  });
});
