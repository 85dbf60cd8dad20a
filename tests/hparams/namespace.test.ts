import { describe, expect, it } from "vitest";
import * as lib from "../../lib";
import * as hparams from "../../lib/hparams";
import { listLaws } from "../../lib/core";

describe("the public hparams namespace", () => {
  it("lists exactly the documented short names (no least-squares, selection or model plumbing)", () => {
    expect(Object.keys(hparams).sort()).toEqual([
      "batchScaling", "bjorck", "criticalBatch", "deepseek", "ema", "muScaling", "munit", "mup", "recommend", "schedules",
      "stepLaw", "tissue", "umup",
    ]);
  });
  it("is the `hparams` namespace of the library's entry point, and no hparams name leaks to the top level", () => {
    expect((lib as Record<string, unknown>).hparams).toBeDefined();
    for (const flat of ["stepLawLearningRate", "fitStepLaw", "wsdSchedule", "mupTable", "fitTissueLoss", "linearLeastSquares", "stepLaw", "mup"]) {
      expect(flat in lib, flat).toBe(false);
    }
  });
  it("every hparams Law and card carries its notebook path", () => {
    const cards = listLaws().filter((c) => c.api.startsWith("hparams."));
    expect(cards.map((c) => c.api).sort()).toEqual([
      "hparams.batchScaling.adamSqrt", "hparams.batchScaling.sgdLinear", "hparams.bjorck", "hparams.criticalBatch.mccandlish",
      "hparams.criticalBatch.shuai", "hparams.criticalBatch.su", "hparams.criticalBatch.timeTransfer", "hparams.criticalBatch.zhang",
      "hparams.deepseek.allocation", "hparams.deepseek.batch", "hparams.deepseek.lr", "hparams.ema", "hparams.muScaling", "hparams.munit",
      "hparams.mup", "hparams.schedules.cosine", "hparams.schedules.wsd", "hparams.stepLaw.batch", "hparams.stepLaw.lr", "hparams.tissue",
      "hparams.umup",
    ]);
    const laws = cards.filter((c) => (c as { kind?: string }).kind === "law").map((c) => c.id).sort();
    expect(laws).toEqual(["deepseek-batch", "deepseek-lr", "mu-scaling", "step-law-batch", "step-law-lr", "tissue-lr-annealing", "zhang-critical-batch"]);
  });
  it("one calling convention: inputs first, params second and optional", () => {
    expect(hparams.stepLaw.lr.predict({ N: 1e9, D: 1e11 })).toBeCloseTo(1.6325e-3, 7);
    expect(hparams.deepseek.lr.predict([{ C: 1e20 }, { C: 1e21 }], hparams.deepseek.published.hparams)).toHaveLength(2);
    expect(hparams.tissue.predict({ S1: 1, S2: 0 }, { L0: 2, A: 1, alpha: 1, C: 1 })).toBe(3);
  });
});
