/**
 * Extrapolation and unit guards (lib/laws/guards.ts, issue 11): every Law checks its inputs' scale against their
 * declared units and warns when a prediction lies more than 3× outside the ranges behind its constants (the law's
 * published `ranges`, or a fit's `dataRanges`), with the factor. Factors are computed here from the stated ranges.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chinchilla } from "../../lib/laws/chinchilla-law";
import { stepLawLR } from "../../lib/hparams/step-law";
import { recommendHyperparameters } from "../../lib/hparams/recommend";
import { kaplanLossN } from "../../lib/laws/kaplan";
import { runtimeHooks } from "../../lib/core/runtime";
import { extrapolations, formatFactor } from "../../lib/laws/guards";
import { computeOptimalAllocation } from "../../lib/laws/allocation";

let warned: string[] = [];
beforeEach(() => {
  warned = [];
  runtimeHooks().warn = (m) => { warned.push(m); };
});
afterEach(() => { delete runtimeHooks().warn; });

/** A noiseless Chinchilla sweep on budgets 1e18 … 1e21 (8 sizes per budget over ±0.8 dex around √(C/120), D = C/6N). */
function sweep(): { rows: { N: number; D: number }[]; loss: number[] } {
  const rows: { N: number; D: number }[] = [];
  for (const C of [1e18, 1e19, 1e20, 1e21]) {
    for (let k = 0; k < 8; k++) {
      const N = 10 ** (Math.log10(Math.sqrt(C / 120)) - 0.8 + (1.6 * k) / 7);
      rows.push({ N, D: C / (6 * N) });
    }
  }
  return { rows, loss: rows.map(({ N, D }) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28) };
}

describe("extrapolation", () => {
  it("a fit on budgets ≤ 1e21 used at 1e24: the factor 1e24 / 1e21 = 1,000× is reported by check, optimal and predict", () => {
    const s = sweep();
    const fit = chinchilla.fitSync(s.rows, s.loss, { workers: 0 });
    expect(fit.dataRanges.C[1]).toBeCloseTo(1e21, -8);
    expect(chinchilla.check({ C: 1e24 }, fit)).toEqual([
      "C = 1e24 is 1,000× above the range of the fit's data (C 1e18 … 1e21): the value is an extrapolation",
    ]);
    const opt = chinchilla.optimal(1e24, fit);
    expect(warned).toEqual([
      "laws.chinchilla.optimal: C = 1e24 is 1,000× above the range of the fit's data (C 1e18 … 1e21): the value is an extrapolation",
    ]);
    // Predicting at that optimum: its budget 6·N·D = 1e24 and its D (here 4.0e12 against at most 3.6e11) are outside.
    chinchilla.predict({ N: opt.N, D: opt.D }, fit);
    expect(warned.slice(1).map((w) => w.replace(/D = \S+ is \S+ above .*\(D \S+ … \S+\)/, "D …"))).toEqual([
      "laws.chinchilla.predict: D …: the value is an extrapolation",
      "laws.chinchilla.predict: C = 1e24 is 1,000× above the range of the fit's data (C 1e18 … 1e21): the value is an extrapolation",
    ]);
  });
  it("Step Law beyond its N range (2e8 … 1.1e9): 7.7e9 is 7× above; inside the range no warning", () => {
    expect(stepLawLR.check({ N: 7.7e9, D: 1e11 })).toEqual([
      "N = 7.7e9 is 7× above the range its constants were fitted on (N 2e8 … 1.1e9): the value is an extrapolation",
    ]);
    stepLawLR.predict({ N: 7.7e9, D: 1e11 });
    expect(warned).toEqual([
      "hparams.stepLaw.lr.predict: N = 7.7e9 is 7× above the range its constants were fitted on (N 2e8 … 1.1e9): the value is an extrapolation",
    ]);
    expect(stepLawLR.check({ N: 1e9, D: 1e11 })).toEqual([]);
  });
  it("a loop of predictions warns once per law and input (the worst point of an array)", () => {
    for (const N of [3e9, 5e9, 8e9]) stepLawLR.predict({ N, D: 1e11 });
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/^hparams\.stepLaw\.lr\.predict: N = 5e9 is 4\.5× above/);
    expect(stepLawLR.check([{ N: 5e9, D: 1e11 }, { N: 8e9, D: 1e11 }])[0]).toMatch(/^N = 8e9 is 7\.3× above/);
  });
  it("below the range, and factors up to 3× stay quiet", () => {
    expect(extrapolations([{ N: 1e7 }], { N: [2e8, 1e9] }, "R").map((e) => e.message))
      .toEqual(["N = 1e7 is 20× below the range R (N 2e8 … 1e9): the value is an extrapolation"]);
    expect(extrapolations([{ N: 3e9 }], { N: [2e8, 1e9] }, "R")).toEqual([]);
    expect(formatFactor(6677)).toBe("6,700×");
  });
});

describe("implausible units", () => {
  it("N = 7 to a rule (meant 7e9): hparams.recommend throws, naming the likely value", () => {
    expect(() => recommendHyperparameters({ N: 7, D: 1e11, seqLen: 2048 })).toThrow(
      "hparams.recommend: N = 7 parameters is implausible (below 1e5); did you mean 7e9? (N is in parameters, not billions)");
  });
  it("N = 7 to a law's predict and fit rows; D in billions", () => {
    expect(() => stepLawLR.predict({ N: 7, D: 1e11 })).toThrow(
      "hparams.stepLaw.lr.predict: N = 7 parameters is implausible (below 1e5); did you mean 7e9? (N is in parameters, not billions)");
    expect(() => chinchilla.fitSync([{ N: 1e9, D: 2e10 }, { N: 2e9, D: 1.4 }], [2.5, 2.4], { workers: 0 })).toThrow(
      "laws.chinchilla.fitSync: row 1: D = 1.4 tokens is implausible (below 1e5); did you mean 1.4e9? (D is in tokens, not billions)");
  });
  it("a law fitted on small sizes keeps its own floor: Kaplan's L(N) starts at 768 parameters", () => {
    expect(kaplanLossN.ranges.N[0]).toBeLessThan(1e5);
    expect(() => kaplanLossN.predict({ N: 1000 })).not.toThrow();
  });
  it("a batch below one sequence and a learning rate above 1", () => {
    expect(() => recommendHyperparameters({ N: 1e9, D: 1e11, seqLen: 2048, batch: 256 })).toThrow(
      "hparams.recommend: batch = 256 tokens is less than one sequence (seqLen = 2048) (batch is in tokens: sequences × seqLen)");
    expect(() => recommendHyperparameters({ N: 1e9, D: 1e11, seqLen: 2048, tuned: { lr: 3, D: 1e10, beta: 0.3 } })).toThrow(
      "hparams.recommend: tuned.lr = 3 is implausible for a peak learning rate (above 1) (give the learning rate itself, e.g. 3e-4)");
  });
});

describe("library searches over a user's predict", () => {
  it("a closure over predict handed to an allocation search is probed without the guards (D = 1 is the search's, not the user's)", () => {
    const loss = (N: number, D: number) => chinchilla.predict({ N, D });
    // Hoffmann's Eq. 4 at 1e21 with the rounded Approach 3 constants (laws.chinchilla.optimal, the closed form).
    expect(computeOptimalAllocation(loss, 1e21).N / chinchilla.optimal(1e21).N).toBeCloseTo(1, 4);
    expect(warned.filter((w) => w.includes("laws.chinchilla.predict"))).toEqual([]);
  });
});
