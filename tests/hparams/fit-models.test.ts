import { describe, expect, it } from "vitest";
import * as hparams from "../../lib/hparams";
import { checkModelGradient, fitModelSync } from "../../lib/fit/fit";
import { expectRel } from "./helpers";

const { muScaling, tissue } = hparams;
const MU_SCALING_GPT2_SWEEP = muScaling.sweep;

describe("μScaling and annealing-law Laws on the fitting engine", () => {
  it("muScaling's analytic gradient matches finite differences", () => {
    const rows = MU_SCALING_GPT2_SWEEP.map((p) => ({ nMillions: p.nMillions }));
    expect(checkModelGradient(muScaling.model, rows, [2.5, -0.42, 2.9]).maxRelError).toBeLessThan(1e-6);
  });
  it("fitHeldOut agrees with a direct fitModelSync of the law on the 7 fitted widths", () => {
    const train = MU_SCALING_GPT2_SWEEP.slice(0, 7);
    const held = muScaling.fitHeldOut(MU_SCALING_GPT2_SWEEP, { holdout: 3 });
    const engine = fitModelSync(muScaling.model, train.map((p) => ({ nMillions: p.nMillions })), train.map((p) => p.loss),
      { objective: "mse", space: "linear", init: { a: 1, b: -1, c: 3 }, workers: 0, gtol: 1e-12, ftol: 1e-15 });
    expectRel(engine.params.a, held.params.a, 1e-3);
    expectRel(engine.params.b, held.params.b, 1e-3);
    expectRel(engine.params.c, held.params.c, 1e-4);
  });
  it("tissue's gradient matches finite differences and a fit recovers known constants", () => {
    const lrs = hparams.schedules.cosine.schedule({ total: 3000, finalFactor: 0.1, peakLR: 3e-4 });
    const { S1, S2 } = tissue.areas(lrs);
    const idx = Array.from({ length: 60 }, (_, k) => 50 * (k + 1) - 1);
    const rows = idx.map((i) => ({ S1: S1[i], S2: S2[i] }));
    const truth = { L0: 2.7, A: 0.4, alpha: 0.6, C: 0.5 };
    // Central differences on S2 ~ 1e-4 terms carry ~1e-5 relative error; an analytic bug would show as O(1).
    expect(checkModelGradient(tissue.model, rows, [2.7, 0.4, 0.6, 0.5]).maxRelError).toBeLessThan(1e-4);
    const curve = tissue.curve(lrs, truth);
    const fit = fitModelSync(tissue.model, rows, idx.map((i) => curve[i]),
      { objective: "mse", space: "linear", init: { L0: 3, A: 0.3, alpha: 0.5, C: 0.3 }, workers: 0, gtol: 1e-14, ftol: 1e-16 });
    expectRel(fit.params.alpha, truth.alpha, 1e-3);
    expectRel(fit.params.L0, truth.L0, 1e-4);
  });
});
