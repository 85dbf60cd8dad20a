/**
 * Ye et al. 2024 data mixing law on the public 2- and 3-domain runs (yegcjs/mixinglaws data/2Mix, data/3Mix, read
 * from the byte-exact mirror through the datasets registry): fitted on part of the mixtures, it predicts the
 * held-out mixtures' losses.
 *
 * Expected numbers: an independent scipy computation (scipy.optimize.least_squares, method "lm", same law in the
 * k = 1 gauge, same data and split, 4×3^3 starts; script /tmp/mixw/ye3.py and ye.py, run 2026-11-27) printed
 *   3Mix 410M step 60000, positive mixtures, held out = positions 0,4,8,12,16 (ids 7, 11, 16, 21, 26):
 *     Github  MAE 0.00697  MRE 0.00608;  Books3 MAE 0.00642 MRE 0.00213;  Pile-CC MAE 0.00474 MRE 0.00151
 *   2Mix step 30000, leave-one-out over the 3 interior mixtures, absolute errors:
 *     70M Github 0.00544 0.00838 0.00400; 70M Pile-CC 0.00385 0.00490 0.00217
 *     160M Github 0.00014 0.00497 0.00582; 160M Pile-CC 0.00033 0.00624 0.00721
 *
 * The bound. The project reference (loss-and-mixing.md §11) does not record Ye et al.'s own prediction errors; the
 * closest published figure is BiMix's "mean relative error < 0.2%" for loss extrapolation and R² > 0.97 on unseen
 * mixtures (Ge et al. 2024 abstract, reference §11.2). We assert mean relative error < 1% per domain: 5× BiMix's
 * extrapolation figure (our held-out mixtures are predicted from 15 fitted mixtures, or 4 in the 2-domain case) and far
 * below the effect being modelled (losses move by 8–16% across these mixtures); for 3 domains also that the law beats
 * the "predict the mean of the fitted mixtures" baseline by ≥ 3×. The 2-domain leave-one-out errors are held to 1%
 * per mixture (largest measured: 0.63%, 70M Github at r = 0.5).
 * Mixtures with a zero proportion are excluded from the 3-domain fit: the loss on a domain absent from training jumps
 * (Github 2.2 nats at r_Github = 0 vs 1.2 at 0.125), which no smooth law in r follows (with them, Github's held-out
 * error is 7%).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/data/load";
import type { MixingLawRunRow } from "../../datasets/mixinglaws";
import * as mixing from "../../lib/mixing";

const { ye } = mixing;

let runs: MixingLawRunRow[];
beforeAll(async () => {
  runs = (await loadDataset("mixinglaws")).rows;
});

function heldOutErrors(R: number[][], L: number[], fit: number[], held: number[]) {
  const law = ye.fitSync(fit.map((i) => R[i]), fit.map((i) => L[i]));
  const abs = held.map((i) => Math.abs(ye.predict(R[i], law) - L[i]));
  const rel = held.map((i, k) => abs[k] / L[i]);
  const mean = fit.reduce((a, i) => a + L[i], 0) / fit.length;
  const baseline = held.reduce((a, i) => a + Math.abs(mean - L[i]), 0) / held.length;
  return { law, abs, mae: abs.reduce((a, b) => a + b, 0) / abs.length, mre: rel.reduce((a, b) => a + b, 0) / rel.length, baseline };
}

describe("Ye et al. mixing law, 3 domains (3Mix 410M, step 60000)", () => {
  const expected: Record<string, { mae: number; mre: number }> = {
    Github: { mae: 0.00697, mre: 0.00608 }, Books3: { mae: 0.00642, mre: 0.00213 }, "Pile-CC": { mae: 0.00474, mre: 0.00151 },
  };
  for (const domain of ["Github", "Books3", "Pile-CC"]) {
    it(`fitted on 15 mixtures, predicts the 5 held-out ${domain} losses within 1% mean relative error`, () => {
      const d = mixing.select(runs, { experiment: "3Mix", modelSize: "410M", step: 60000, evalDomain: domain, positiveOnly: true });
      expect(d.mixtureIds.length).toBe(20);
      const { fit, heldOut } = mixing.split(d.R.length, 4, 0);
      expect(heldOut.map((i) => d.mixtureIds[i])).toEqual([7, 11, 16, 21, 26]);
      const e = heldOutErrors(d.R, d.L, fit, heldOut);
      expect(e.mre).toBeLessThan(0.01);
      expect(e.mae).toBeLessThan(e.baseline / 3);
      // Same optimum as the independent scipy fit (errors agree to 5e-4 nats).
      expect(e.mae).toBeCloseTo(expected[domain].mae, 3);
      expect(e.mre).toBeCloseTo(expected[domain].mre, 3);
    });
  }
});

describe("Ye et al. mixing law, 2 domains (2Mix, step 30000), leave-one-out over interior mixtures", () => {
  const expected: Record<string, number[]> = {
    "70M Github": [0.00544, 0.00838, 0.004], "70M Pile-CC": [0.00385, 0.0049, 0.00217],
    "160M Github": [0.00014, 0.00497, 0.00582], "160M Pile-CC": [0.00033, 0.00624, 0.00721],
  };
  for (const key of Object.keys(expected)) {
    const [size, domain] = key.split(" ");
    it(`${key}: each interior mixture predicted from the other four within 1% relative error`, () => {
      const d = mixing.select(runs, { experiment: "2Mix", modelSize: size, step: 30000, evalDomain: domain });
      expect(d.R.length).toBe(5);
      const errs = [1, 2, 3].map((h) => {
        const fit = [0, 1, 2, 3, 4].filter((i) => i !== h);
        const e = heldOutErrors(d.R, d.L, fit, [h]);
        expect(e.abs[0] / d.L[h]).toBeLessThan(0.01);
        return e.abs[0];
      });
      errs.forEach((e, k) => expect(e).toBeCloseTo(expected[key][k], 3));
    });
  }
});

describe("the refitted constant sets of the catalogue Laws", () => {
  it("lawFor2 / lawFor3 hold the refit of their documented runs (to the printed digits)", () => {
    const two = mixing.select(runs, { experiment: "2Mix", modelSize: "70M", step: 30000, evalDomain: "Pile-CC" });
    const three = mixing.select(runs, { experiment: "3Mix", modelSize: "410M", step: 60000, evalDomain: "Pile-CC", positiveOnly: true });
    for (const [law, d] of [[ye.lawFor2, two], [ye.lawFor3, three]] as const) {
      const f = ye.fitSync(d.R, d.L);
      for (const name of law.paramNames) expect(f.params[name]).toBeCloseTo(law.defaults.params[name], 4);
    }
  });
});
