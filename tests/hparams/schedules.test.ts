import { describe, expect, it } from "vitest";
import * as hparams from "../../lib/hparams";
import { InsufficientDataError, UnknownChoiceError } from "../../lib/core";
import { expectRel } from "./helpers";

const { schedules, tissue } = hparams;
const COOLDOWN_SHAPES = schedules.wsd.cooldownShapes;
const wsdFactor = schedules.wsd.factor;
const wsdSchedule = schedules.wsd.schedule;
const cosineFactor = schedules.cosine.factor;
const cosineSchedule = schedules.cosine.schedule;

describe("WSD factor, hparams.md check 20 (C): n = 1000, fract_decay 0.2, f = 0, no warmup", () => {
  const o = { total: 1000, fractDecay: 0.2 };
  it("step 799 is still in the stable phase → 1.0", () => {
    for (const shape of COOLDOWN_SHAPES) expect(wsdFactor(799, { ...o, shape })).toBe(1);
  });
  it("step 900 (t = 0.5): linear 0.5, sqrt 1 − √0.5 = 0.292893, cosine 0.5, square 0.75", () => {
    expectRel(wsdFactor(900, { ...o, shape: "linear" }), 0.5, 1e-12);
    expectRel(wsdFactor(900, { ...o, shape: "sqrt" }), 0.292893, 1e-6);
    expectRel(wsdFactor(900, { ...o, shape: "cosine" }), 0.5, 1e-12);
    expectRel(wsdFactor(900, { ...o, shape: "square" }), 0.75, 1e-12);
  });
  it("step 850 (t = 0.25): sqrt 0.5, cosine 0.853553", () => {
    expectRel(wsdFactor(850, { ...o, shape: "sqrt" }), 0.5, 1e-12);
    expectRel(wsdFactor(850, { ...o, shape: "cosine" }), 0.853553, 1e-6);
  });
  it("mirror_cosine is 2·linear − cosine and exp is f^t", () => {
    const t = 0.25;
    expectRel(wsdFactor(850, { ...o, shape: "mirror_cosine", finalFactor: 0.1 }), 2 * (0.1 + 0.9 * (1 - t)) - (0.1 + 0.9 * (1 + Math.cos(Math.PI * t)) / 2), 1e-12);
    expectRel(wsdFactor(850, { ...o, shape: "exp", finalFactor: 0.1 }), 0.1 ** t, 1e-12);
  });
});

describe("WSD warmup, check 21 (C)", () => {
  it("step 0 with init_div 100 → 0.01", () => {
    expect(schedules.warmup(0, { warmup: 1000, initDiv: 100 })).toBe(0.01);
    expect(wsdFactor(0, { total: 10000, warmup: 1000 })).toBe(0.01);
  });
  it("step 500 of a 1000-step warmup → 0.505", () => {
    expectRel(wsdFactor(500, { total: 10000, warmup: 1000 }), 0.505, 1e-12);
  });
});

describe("WSD invariants", () => {
  for (const shape of COOLDOWN_SHAPES) {
    it(`${shape}: factor is 1 through the stable phase, starts the cooldown at 1, and approaches and then equals the final factor at the end`, () => {
      const o = { total: 2000, warmup: 100, fractDecay: 0.25, shape, finalFactor: 0.05 };
      for (let s = 100; s < 1500; s += 7) expect(wsdFactor(s, o)).toBe(1);
      expectRel(wsdFactor(1500, o), 1, 1e-12);
      expectRel(wsdFactor(2000, o), 0.05, 1e-12);
      expect(Math.abs(wsdFactor(1999, o) - 0.05)).toBeLessThan(0.01);
      const lrs = wsdSchedule({ ...o, peakLR: 3e-4 });
      expect(lrs.length).toBe(2000);
      for (let s = 1501; s < 2000; s++) expect(lrs[s]).toBeLessThanOrEqual(lrs[s - 1] + 1e-18);
    });
  }
  it("rejects an unknown cooldown shape, listing the valid ones", () => {
    expect(() => wsdFactor(1, { total: 10, shape: "step" as "linear" })).toThrow(UnknownChoiceError);
    expect(() => wsdFactor(1, { total: 10, shape: "step" as "linear" })).toThrow(/linear, sqrt, cosine, square, exp, mirror_cosine/);
  });
  it("rejects fractDecay outside [0, 1] and a negative step", () => {
    expect(() => wsdFactor(1, { total: 10, fractDecay: 1.5 })).toThrow(/hparams\.schedules\.wsd\.factor: fractDecay must be in \[0, 1\]/);
    expect(() => wsdFactor(-1, { total: 10 })).toThrow(/step must be/);
  });
});

describe("cosine schedule", () => {
  it("starts at the peak after warmup, is halfway at the midpoint and ends at the final factor", () => {
    const o = { total: 1100, warmup: 100, finalFactor: 0.1 };
    expect(cosineFactor(100, o)).toBe(1);
    expectRel(cosineFactor(600, o), 0.55, 1e-12);
    expect(cosineFactor(1100, o)).toBe(0.1);
    expect(cosineFactor(50, o)).toBe(schedules.warmup(50, { warmup: 100 }));
  });
  it("cosineSchedule has one LR per step", () => {
    expect(cosineSchedule({ total: 10, peakLR: 2 }).length).toBe(10);
  });
  it("rejects a warmup as long as the run", () => {
    expect(() => cosineFactor(0, { total: 10, warmup: 10 })).toThrow(/hparams\.schedules\.cosine\.factor: warmup must be in \[0, total\)/);
  });
});

describe("Tissue annealing areas, check 19 (C given the recursion)", () => {
  // One LR drop of Δ = 1e-4 at step k = 11 (index 10), constant afterwards; S2 at step k+n−1 = Δ(1 − λ^n)/(1 − λ).
  const lrs = Array.from({ length: 1100 }, (_, i) => (i < 10 ? 1e-3 : 9e-4));
  const { S1, S2 } = tissue.areas(lrs, { lambda: 0.999 });
  it("n = 1 → 1e-4", () => expectRel(S2[10], 1e-4, 1e-9));
  it("n = 10 → 9.95512e-4", () => expectRel(S2[19], 9.95512e-4, 1e-6));
  it("n = 1000 → 6.32305e-2", () => expectRel(S2[1009], 6.32305e-2, 1e-6));
  it("S1 sums the LRs", () => expectRel(S1[1099], 10 * 1e-3 + 1090 * 9e-4, 1e-12));
  it("a constant schedule has S2 = 0 and S1 = η·s at every step", () => {
    const c = tissue.areas(new Array(500).fill(3e-4));
    c.S2.forEach((v) => expect(v).toBe(0));
    c.S1.forEach((v, i) => expectRel(v, 3e-4 * (i + 1), 1e-12));
  });
  it("m0 = lr[0] (the third-party reproduction's initialisation) adds a growing term to S2", () => {
    const c = tissue.areas(new Array(100).fill(1e-3), { lambda: 0.999, m0: 1e-3 });
    expect(c.S2[99]).toBeGreaterThan(0.09);
  });
  it("skipped warmup steps count in neither area", () => {
    const w = tissue.areas([1e-5, 5e-4, 1e-3, 1e-3, 9e-4], { lambda: 0.999, skipSteps: 2 });
    expect(w.S1.slice(0, 2)).toEqual([0, 0]);
    expectRel(w.S1[4], 2.9e-3, 1e-12);
    expectRel(w.S2[4], 1e-4, 1e-9);
  });
  it("rejects λ ≥ 1 and negative LRs", () => {
    expect(() => tissue.areas([1e-3], { lambda: 1 })).toThrow(/hparams\.tissue\.areas: lambda must be in \[0, 1\)/);
    expect(() => tissue.areas([1e-3, -1])).toThrow(/lrs\[1\] = -1/);
  });
});

describe("Tissue loss law: fit on one schedule, predict another", () => {
  const truth = { L0: 2.7, A: 0.4, alpha: 0.6, C: 0.5 };
  const total = 6000;
  const cosine = cosineSchedule({ total, warmup: 0, finalFactor: 0.1, peakLR: 3e-4 });
  const wsd = wsdSchedule({ total, fractDecay: 0.2, shape: "sqrt", peakLR: 3e-4 });
  const steps = Array.from({ length: 120 }, (_, k) => 50 * (k + 1));

  it("tissue.predict is L0 + A·S1^−α − C·S2", () => {
    expectRel(tissue.predict({ S1: 0.25, S2: 0.01 }, { L0: 2, A: 1, alpha: 0.5, C: 2 }), 2 + 2 - 0.02, 1e-12);
  });
  it("recovers the constants from a noiseless cosine curve", () => {
    const curve = tissue.curve(cosine, truth);
    const fit = tissue.fitCurve({ lrs: cosine, steps, losses: steps.map((s) => curve[s - 1]) });
    expectRel(fit.params.alpha, truth.alpha, 1e-5);
    expectRel(fit.params.L0, truth.L0, 1e-6);
    expectRel(fit.params.A, truth.A, 1e-5);
    expectRel(fit.params.C, truth.C, 1e-5);
    expect(fit.kind).toBe("fit-result");
    expect(fit.points).toBe(120);
    expect(fit.lambda).toBe(0.999);
  });
  it("a fit on a noisy cosine curve predicts the whole WSD curve within 0.5%", () => {
    let seed = 7;
    const noise = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed / 2147483648 - 0.5) * 2e-3;
    };
    const observed = tissue.curve(cosine, truth).map((l) => l * (1 + noise()));
    const fit = tissue.fitCurve({ lrs: cosine, steps, losses: steps.map((s) => observed[s - 1]) });
    const predicted = tissue.curve(wsd, fit);
    const actual = tissue.curve(wsd, truth);
    for (let i = 49; i < total; i += 50) expect(Math.abs(predicted[i] - actual[i]) / actual[i]).toBeLessThan(5e-3);
  });
  it("the law reproduces the paper's qualitative claim that the WSD cooldown lowers the final loss below the constant LR", () => {
    const constant = tissue.curve(new Array(total).fill(3e-4), truth);
    expect(tissue.curve(wsd, truth)[total - 1]).toBeLessThan(constant[total - 1]);
  });
  it("needs at least 5 recorded points", () => {
    expect(() => tissue.fitCurve({ lrs: cosine, steps: [1, 2, 3], losses: [3, 3, 3] })).toThrow(InsufficientDataError);
  });
  it("rejects steps outside the schedule", () => {
    expect(() => tissue.fitCurve({ lrs: cosine, steps: [0, 1, 2, 3, 4], losses: [1, 1, 1, 1, 1] })).toThrow(/hparams\.tissue\.fitCurve: steps\[0\] = 0/);
  });
});
