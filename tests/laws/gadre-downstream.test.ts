import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { gadreParseRun, type GadreRun } from "../../lib/laws/gadre-overtraining";
import {
  GADRE_EVAL_SUBSET,
  GADRE_EVAL_TASKS,
  fitGadreDownstream,
  gadreAverageError,
  gadreAverageErrors,
  gadreError,
  gadreErrorModel,
  type GadreErrorParams,
} from "../../lib/laws/gadre-downstream";
import { DataError, InvalidInputError } from "../../lib/core";
import { checkModelGradient } from "../../lib/fit/fit";

const root = path.join(process.env.SCALINGLAB_DATA_MIRROR!, "gadre-overtraining");
const runs: GadreRun[] = fs.readdirSync(path.join(root, "models")).map((f) => gadreParseRun(JSON.parse(fs.readFileSync(path.join(root, "models", f), "utf8"))));
const icl = (name: string): Record<string, number> =>
  JSON.parse(fs.readFileSync(path.join(root, "evals", `evaluation_${name}_heavy.json`), "utf8")).eval_metrics.icl;
const subsetErr = Object.fromEntries(runs.map((r) => [r.name, gadreAverageError(icl(r.name))]));
const gadreErrorFromLoss = (L: number, p?: GadreErrorParams) => gadreError.predict({ L }, p);
const allErr = Object.fromEntries(runs.map((r) => [r.name, gadreAverageError(icl(r.name), GADRE_EVAL_TASKS)]));

describe("fitGadreDownstream", () => {
  // Independent check: scipy.optimize.curve_fit(lambda t, a, b, E: E - a*exp(-b*t), p0 = ones) on the six fit_ds
  // points from the mirrored JSONs (script /tmp/h5/gadre_ds.py, run for this test).
  const scipy = [
    { trainSet: "rpj", tasks: "17", k: 2.2064900914623826, gamma: 0.7145905530490234, eps: 0.8569919276135063, pred7b: 0.46693949290045017 },
    { trainSet: "rpj", tasks: "46", k: 1.3228988873526577, gamma: 0.8907078482827041, eps: 0.7608495100309004, pred7b: 0.6082799919015939 },
    { trainSet: "c4_original", tasks: "17", k: 2.0789071624301534, gamma: 0.7561208817706444, eps: 0.8497420147166346, pred7b: 0.5065290903804182 },
    { trainSet: "rw_original", tasks: "17", k: 2.214814843606007, gamma: 0.7070485013065003, eps: 0.865279537456563, pred7b: 0.474822913293266 },
  ];
  for (const s of scipy) {
    it(`matches scipy's curve_fit for ${s.trainSet}, ${s.tasks}-task average, and its 7B prediction`, () => {
      const f = fitGadreDownstream(runs, s.tasks === "17" ? subsetErr : allErr, { trainSet: s.trainSet });
      expect(f.params.k / s.k).toBeCloseTo(1, 3);
      expect(f.params.gamma / s.gamma).toBeCloseTo(1, 3);
      expect(f.params.eps / s.eps).toBeCloseTo(1, 4);
      const r7 = runs.find((r) => r.trainSet === s.trainSet && r.config === "open_lm_7b")!;
      expect(gadreErrorFromLoss(r7.losses.c4_val, f.params)).toBeCloseTo(s.pred7b, 4);
    });
  }
  it("fits on six runs: the five loss-fit runs plus the 1.4B model at M=20", () => {
    const f = fitGadreDownstream(runs, subsetErr);
    expect(f.runs.length).toBe(6);
    expect(f.runs[5].config).toBe("open_lm_1b");
  });
  it("rejects a missing error for a fit run with a DataError", () => {
    expect(() => fitGadreDownstream(runs, {})).toThrow(DataError);
  });
});

describe("Gadre loss → error law", () => {
  it("error rises with loss (k, gamma > 0)", () => {
    const p = { eps: 0.857, k: 2.2, gamma: 0.71 };
    expect(gadreErrorFromLoss(3, p)).toBeGreaterThan(gadreErrorFromLoss(2.5, p));
  });
  it("approaches eps as the loss grows", () => {
    expect(gadreErrorFromLoss(100, { eps: 0.857, k: 2.2, gamma: 0.71 })).toBeCloseTo(0.857, 12);
  });
  it("the task lists are the repository's 46 tasks and 17-task subset", () => {
    expect(GADRE_EVAL_TASKS.length).toBe(46);
    expect(GADRE_EVAL_SUBSET.length).toBe(17);
    expect(GADRE_EVAL_SUBSET.every((t) => GADRE_EVAL_TASKS.includes(t))).toBe(true);
    expect(Object.keys(icl("rpj-open_lm_7b-1.0")).sort()).toEqual([...GADRE_EVAL_TASKS].sort());
  });
  it("gadreAverageErrors over long rows equals gadreAverageError over each run's icl metrics", () => {
    const name = "c4_original-d=512_l=8_h=4-2.0";
    const rows = Object.entries(icl(name)).map(([task, accuracy]) => ({ name, task, accuracy }));
    expect(gadreAverageErrors(rows)[name]).toBe(subsetErr[name]);
    expect(gadreAverageErrors(rows, GADRE_EVAL_TASKS)[name]).toBe(allErr[name]);
  });
  it("gadreAverageErrors rejects a row without accuracy", () => {
    expect(() => gadreAverageErrors([{ name: "m", task: "boolq" }])).toThrow(/row 0 needs name, task/);
  });
  it("gadreAverageError names a missing task", () => {
    expect(() => gadreAverageError({ boolq: 0.5 }, ["boolq", "piqa"])).toThrow(/task "piqa"/);
  });
  it("gadreAverageError rejects an empty task list", () => {
    expect(() => gadreAverageError({ boolq: 0.5 }, [])).toThrow(InvalidInputError);
  });
  it("gadreErrorFromLoss rejects a negative decay rate", () => {
    expect(() => gadreErrorFromLoss(2, { eps: 0.8, k: 1, gamma: -1 })).toThrow(/params.gamma must be/);
  });
  it("the model's analytic gradient matches central differences", () => {
    expect(checkModelGradient(gadreErrorModel, [2.4, 2.7, 3.5].map((L) => ({ L })), [0.85, 2.2, 0.71]).maxRelError).toBeLessThan(1e-6);
  });
});
