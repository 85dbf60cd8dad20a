import { describe, expect, it } from "vitest";
import * as hparams from "../../lib/hparams";
import type { MupForm, MupMlpSpec } from "../../lib/hparams";
import { InsufficientDataError, InvalidInputError, UnknownChoiceError } from "../../lib/core";
import { Xoshiro128 } from "../../lib/numeric";
import { expectRel } from "./helpers";

const { mup } = hparams;
const FORMS: MupForm[] = ["sp", "table8", "table3", "unit"];
const small = (over: Partial<MupMlpSpec> = {}): MupMlpSpec => ({ width: 6, baseWidth: 4, inputs: 3, outputs: 2, lr: 1e-2, seed: 5, ...over });
const task = mup.teacher({ inputs: 3, outputs: 2, seed: 1 });

describe("hparams.mup.mlp: gradients", () => {
  for (const form of FORMS) {
    for (const hiddenLayers of [1, 3]) {
      it(`${form}, ${hiddenLayers} hidden layer(s): every weight and bias gradient matches central finite differences`, () => {
        const net = mup.mlp(small({ form, hiddenLayers }));
        const { x, y } = task.sample(5, 2);
        // Two steps first, so biases are non-zero and the readout no longer has its init values.
        net.step(x, y);
        net.step(x, y);
        net.lossAndGradient(x, y);
        for (const t of net.tensors()) {
          const analytic = t.grad.slice();
          for (let i = 0; i < t.value.length; i++) {
            const keep = t.value[i], h = 1e-6 * Math.max(1, Math.abs(keep));
            t.value[i] = keep + h;
            const up = net.loss(x, y);
            t.value[i] = keep - h;
            const down = net.loss(x, y);
            t.value[i] = keep;
            const numeric = (up - down) / (2 * h);
            expect(Math.abs(numeric - analytic[i]), `${t.name}[${i}]: numeric ${numeric}, analytic ${analytic[i]}`).toBeLessThanOrEqual(1e-7 + 1e-5 * Math.abs(numeric));
          }
        }
      });
    }
  }
});

describe("hparams.mup.mlp: optimizer steps", () => {
  /** Takes one step and checks every entry against `expected(value before, gradient, the tensor's learning rate)`. */
  function checkOneStep(spec: MupMlpSpec, expected: (w: number, g: number, lr: number) => number, digits: number) {
    const net = mup.mlp(spec);
    const { x, y } = task.sample(4, 3);
    net.lossAndGradient(x, y);
    const before = net.tensors().map((t) => ({ value: t.value.slice(), grad: t.grad.slice() }));
    net.step(x, y);
    const lrs = net.layers.flatMap((l) => [l.lr, l.biasLR]);
    net.tensors().forEach((t, k) => {
      for (let i = 0; i < t.value.length; i++) expect(t.value[i]).toBeCloseTo(expected(before[k].value[i], before[k].grad[i], lrs[k]), digits);
    });
  }
  it("SGD moves every tensor by −lr·grad with its own per-tensor learning rate", () => {
    checkOneStep(small({ optimizer: "sgd", form: "table8", width: 8 }), (w, g, lr) => w - lr * g, 14);
  });
  it("Adam's first step is lr·sign(grad) (bias-corrected m/√v = g/|g|), up to ε", () => {
    // Math.sign(0) = 0: a dead ReLU unit's weights stay put (ε keeps 0/0 away).
    checkOneStep(small({ form: "table8", width: 8, adam: { eps: 1e-300 } }), (w, g, lr) => w - lr * Math.sign(g), 12);
  });
  it("a diverging run stops at the first loss above maxLoss, reports the step, and leaves finite weights", () => {
    const net = mup.mlp(small({ lr: 10, form: "sp", width: 64, baseWidth: 64 }));
    const { x, y } = task.sample(400, 4);
    const r = net.train(x, y, { batch: 8, maxLoss: 10 });
    expect(r.diverged).not.toBeNull();
    expect(r.losses.length).toBe(r.diverged! + 1);
    expect(r.finalLoss).toBe(Infinity);
    for (const t of net.tensors()) expect(t.value.every(Number.isFinite)).toBe(true);
  });
  it("train's finalLoss is the mean of the last quarter of the losses", () => {
    const net = mup.mlp(small());
    const { x, y } = task.sample(80, 5);
    const r = net.train(x, y, { batch: 4 });
    expect(r.losses).toHaveLength(20);
    expect(r.finalLoss).toBeCloseTo(r.losses.slice(15).reduce((a, b) => a + b, 0) / 5, 14);
  });
});

describe("hparams.mup.mlp: determinism", () => {
  it("the same seed and data give bit-identical losses; another seed does not", () => {
    const { x, y } = task.sample(64, 6);
    const run = (seed: number) => mup.mlp(small({ seed, width: 16 })).train(x, y, { batch: 8 }).losses;
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
  });
  it("teacher samples depend only on the seeds", () => {
    expect(task.sample(10, 9)).toEqual(mup.teacher({ inputs: 3, outputs: 2, seed: 1 }).sample(10, 9));
    expect(task.sample(10, 9).y).not.toEqual(mup.teacher({ inputs: 3, outputs: 2, seed: 2 }).sample(10, 9).y);
  });
  it("teacher inputs are standard normal: mean 0 and variance 1 within 4 standard errors (n = 30000)", () => {
    const x = mup.teacher({ inputs: 3, outputs: 1 }).sample(10000, 1).x;
    const n = x.length, mean = x.reduce((a, v) => a + v, 0) / n, variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n)); // Var of the sample variance of N(0,1) is 2/n
  });
});

describe("hparams.mup.mlp applies the library's μP tables", () => {
  it("table8 at 4× the base width, Adam: hidden LR/4, readout multiplier 1/4 with its base init, input unchanged (hparams.md Table B)", () => {
    const net = mup.mlp({ width: 256, baseWidth: 64, inputs: 5, outputs: 1, lr: 1e-2 });
    const [input, hidden, output] = net.layers;
    expectRel(input.initStd, 1 / Math.sqrt(5), 1e-12);
    expect(input.lr).toBe(1e-2);
    expectRel(hidden.initStd, Math.SQRT2 / Math.sqrt(256), 1e-12);
    expectRel(hidden.lr, 2.5e-3, 1e-12);
    expectRel(output.initStd, Math.SQRT2 / Math.sqrt(64), 1e-12);
    expect(output.multiplier).toBe(0.25);
    expect(output.lr).toBe(1e-2);
    expect(net.layers.map((l) => l.biasLR)).toEqual([1e-2, 1e-2, 1e-2]);
  });
  it("SP at 4× the base width: init std 1/√fan_in everywhere, one learning rate, multiplier 1", () => {
    const net = mup.mlp({ width: 256, baseWidth: 64, inputs: 5, outputs: 1, lr: 1e-2, form: "sp" });
    for (const l of net.layers) {
      expect(l.lr).toBe(1e-2);
      expect(l.multiplier).toBe(1);
      expectRel(l.initStd, (l.kind === "input" ? 1 : Math.SQRT2) / Math.sqrt(l.fanIn), 1e-12);
    }
  });
  it("every layer equals base × hparams.mup.scaling, for every form and optimizer", () => {
    for (const form of FORMS) {
      for (const optimizer of ["adam", "sgd"] as const) {
        const net = mup.mlp({ width: 96, baseWidth: 32, inputs: 3, outputs: 2, hiddenLayers: 3, lr: 0.1, outputMultiplier: 2, form, optimizer });
        for (const l of net.layers) {
          const fanInMult = l.kind === "input" ? 1 : 3, fanOutMult = l.kind === "output" ? 1 : 3;
          const rule = mup.scaling({ kind: l.kind, optim: optimizer, fanInMult, fanOutMult, form });
          const bias = mup.scaling({ kind: "bias", optim: optimizer, fanInMult: 1, fanOutMult, form });
          expectRel(l.lr, 0.1 * rule.lrMult, 1e-12);
          expectRel(l.multiplier, (l.kind === "output" ? 2 : 1) * rule.multiplier, 1e-12);
          expectRel(l.initStd, ((l.kind === "input" ? 1 : Math.SQRT2) / Math.sqrt(l.kind === "input" ? 3 : 32)) * rule.initStdMult, 1e-12);
          expectRel(l.biasLR, 0.1 * bias.lrMult, 1e-12);
        }
      }
    }
  });
  it("the stored init weights have the layer's initStd (sample std within 2%: 6 standard errors at 65536 draws)", () => {
    const net = mup.mlp({ width: 256, baseWidth: 64, inputs: 5, outputs: 1, lr: 1e-2, form: "unit" });
    const w = net.tensors().find((t) => t.name === "hidden 1.w")!.value;
    const std = Math.sqrt(w.reduce((a, v) => a + v * v, 0) / w.length);
    expectRel(std, net.layers[1].initStd, 0.02);
  });
  it("at the base width every form is SP: identical losses", () => {
    const { x, y } = task.sample(80, 7);
    const losses = FORMS.map((form) => mup.mlp(small({ form, width: 4 })).train(x, y, { batch: 8 }).losses);
    for (const l of losses.slice(1)) expect(l).toEqual(losses[0]);
  });
  it("abc-symmetry: table3, table8 and unit train identically away from the base width (SGD exactly, Adam up to ε)", () => {
    const { x, y } = task.sample(160, 8);
    const spec = { width: 24, baseWidth: 4, inputs: 3, outputs: 2, hiddenLayers: 2, seed: 3 } as const;
    const sgd = (["table8", "table3", "unit"] as const).map((form) => mup.mlp({ ...spec, form, optimizer: "sgd", lr: 0.05 }).train(x, y, { batch: 8 }).losses);
    const adam = (["table8", "table3", "unit"] as const).map((form) => mup.mlp({ ...spec, form, lr: 1e-2, adam: { eps: 1e-14 } }).train(x, y, { batch: 8 }).losses);
    for (const runs of [sgd, adam]) {
      for (const other of runs.slice(1)) other.forEach((v, i) => expectRel(v, runs[0][i], 1e-8));
    }
    // …and they differ from SP, which is a different parametrization.
    const sp = mup.mlp({ ...spec, form: "sp", optimizer: "sgd", lr: 0.05 }).train(x, y, { batch: 8 }).losses;
    expect(Math.abs(sp[19] / sgd[0][19] - 1)).toBeGreaterThan(1e-3);
  });
  it("coordinate check after one Adam step: the hidden layer's update grows ~width under SP and stays flat under μP (TP-V §5)", () => {
    const { x, y } = mup.teacher({ inputs: 4, outputs: 1 }).sample(8, 1);
    const widths = [32, 64, 128, 256];
    const change = (form: MupForm) => widths.map((width) => {
      const net = mup.mlp({ width, baseWidth: 32, inputs: 4, outputs: 1, lr: 1e-2, form, seed: 1 });
      net.step(x, y);
      const z0 = net.preactivations()["hidden 1"];
      net.loss(x, y);
      const z1 = net.preactivations()["hidden 1"];
      return z1.reduce((a, v, i) => a + Math.abs(v - z0[i]), 0) / z1.length;
    });
    // Sign descent moves each of the n weights feeding a unit by lr in a direction aligned with its input: Δz ∝ n under SP.
    expect(mup.widthExponent(widths, change("sp")).exponent).toBeGreaterThan(0.7);
    expect(Math.abs(mup.widthExponent(widths, change("table8")).exponent)).toBeLessThan(0.2);
  });
});

describe("hparams.mup.widthExponent and optimalLR", () => {
  it("widthExponent recovers an exact power law's exponent", () => {
    const w = [64, 128, 256, 512];
    expect(mup.widthExponent(w, w.map((n) => 3 * n ** -0.5)).exponent).toBeCloseTo(-0.5, 12);
  });
  it("optimalLR finds the vertex of a loss that is a parabola in log(lr)", () => {
    const lrs = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2];
    const best = 7e-4;
    expectRel(mup.optimalLR(lrs, lrs.map((lr) => 1 + (Math.log(lr) - Math.log(best)) ** 2)).lr, best, 1e-12);
  });
  it("optimalLR warns at the grid's edge and next to a diverged run, and skips diverged runs", () => {
    const edge = mup.optimalLR([1, 2, 4], [1, 2, 3]);
    expect(edge.lr).toBe(1);
    expect(edge.warnings[0]).toMatch(/smallest learning rate/);
    const next = mup.optimalLR([1, 2, 4, 8], [3, 2, 1, Infinity]);
    expect(next.lr).toBe(4);
    expect(next.warnings[0]).toMatch(/largest|diverged/);
    expect(mup.optimalLR([1, 2, 4, 8], [3, 1, 2, Infinity]).warnings).toEqual([]);
  });
});

describe("hparams.mup.mlp and friends reject bad input with typed errors", () => {
  it("names the function and the option", () => {
    expect(() => mup.mlp(small({ width: 0 }))).toThrow(InvalidInputError);
    expect(() => mup.mlp(small({ width: 0 }))).toThrow(/hparams\.mup\.mlp: width must be a positive integer/);
    expect(() => mup.mlp(small({ form: "mu" as MupForm }))).toThrow(UnknownChoiceError);
    expect(() => mup.mlp(small({ lr: -1 }))).toThrow(/lr must be a finite number > 0/);
    expect(() => mup.mlp(small({ adam: { beta2: 1 } }))).toThrow(/adam\.beta2/);
    expect(() => mup.mlp(small({ adam: { eps: 0 } }))).toThrow(/adam\.eps must be a finite number > 0/);
    const net = mup.mlp(small());
    expect(() => net.predict(new Float64Array(4))).toThrow(/predict: x has 4 numbers, not a positive multiple of inputs = 3/);
    expect(() => net.loss(new Float64Array(6), new Float64Array(3))).toThrow(/y has 3 numbers, expected batch 2 × outputs 2/);
    expect(() => net.train(new Float64Array(6), new Float64Array(4), { batch: 4 })).toThrow(/batch 4 is larger than the 2 examples/);
    expect(() => mup.mlp(small()).preactivations()).toThrow(/no forward pass yet/);
    expect(() => net.step(new Float64Array([0, 0, 0, 0, NaN, 0]), new Float64Array(4))).toThrow(/hparams\.mup\.mlp\.step: x row 1 has NaN/);
    expect(() => net.loss(new Float64Array(3), new Float64Array([0, Infinity]))).toThrow(/y row 0 has Infinity/);
    expect(() => mup.widthExponent([64], [1])).toThrow(InsufficientDataError);
    expect(() => mup.widthExponent([64, 128], [1, 0])).toThrow(/values\[1\] \(width 128\)/);
    expect(() => mup.optimalLR([1, 1], [1, 2])).toThrow(/not above/);
    expect(() => mup.optimalLR([1, 2], [NaN, 2])).toThrow(/losses\[0\]/);
    expect(() => mup.optimalLR([1, 2], [Infinity, Infinity])).toThrow(/every run diverged/);
  });
});

describe("Xoshiro128.nextNormal", () => {
  it("is standard normal: mean, variance and P(|z| < 1) = 0.6827 within 4 standard errors (n = 100000)", () => {
    const rng = new Xoshiro128(3), n = 100000;
    let s = 0, s2 = 0, inside = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.nextNormal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) < 1) inside++;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    const p = 0.682689492; // erf(1/√2)
    expect(Math.abs(inside / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });
});
