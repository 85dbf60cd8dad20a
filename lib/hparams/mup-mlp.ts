/**
 * A ReLU MLP trained in plain TypeScript whose init, forward multipliers and per-tensor learning rates come from the
 * μP tables of `./mup` (any form, or SP), so that μP's two claims can be checked by experiment on these machines: the
 * coordinate check (activations and their updates keep their size as width grows) and learning-rate transfer. A
 * teacher network supplies a synthetic regression task. Float64Array throughout, seeded by Xoshiro128.
 */
import { assertChoice, assertPositive, assertPositiveInteger, displayResult, InsufficientDataError, InvalidInputError, makeDisplayable, throwIfInterrupted } from "../core";
import { linearRegression } from "../numeric/regression";
import { Xoshiro128 } from "../numeric/random";
import { MUP_FORMS, MUP_OPTIMIZERS, mupScaling, type MupForm, type MupOptimizer } from "./mup";

/** Shape, parametrization and optimizer of a {@link MupMlp}. */
export interface MupMlpSpec {
  /** Hidden width n (every hidden layer). */
  readonly width: number;
  /** Width of the base (proxy) model the constants are tuned at; at width = baseWidth every form equals SP. */
  readonly baseWidth: number;
  /** Input features (finite: does not scale). */
  readonly inputs: number;
  /** Outputs (finite). */
  readonly outputs: number;
  /** Hidden activations (default 2): an input layer, hiddenLayers − 1 width×width hidden layers, a readout. */
  readonly hiddenLayers?: number;
  /** "sp", or a μP form "table8" (default, the mup package), "table3", "unit". */
  readonly form?: MupForm;
  /** "adam" (default) or "sgd" (plain, no momentum). */
  readonly optimizer?: MupOptimizer;
  /** Learning rate at the base width; each tensor gets lr × the table's LR multiplier. */
  readonly lr: number;
  /** Readout multiplier α_out at the base width (default 1). */
  readonly outputMultiplier?: number;
  /** Init seed (default 0). */
  readonly seed?: number;
  /** Adam's β₁, β₂ in [0, 1) and ε > 0 (default 0.9, 0.999, 1e-8). */
  readonly adam?: { readonly beta1?: number; readonly beta2?: number; readonly eps?: number };
}

/** One layer of a {@link MupMlp}: what the μP table gave it. A type alias, so rows pass straight to `table()`. */
export type MupMlpLayer = {
  /** "input", "hidden 1", …, "output". */
  readonly layer: string;
  readonly kind: "input" | "hidden" | "output";
  readonly fanIn: number;
  readonly fanOut: number;
  /** Init std of the stored weights w (the effective weight is multiplier·w). */
  readonly initStd: number;
  /** Forward multiplier A (z = A·w·h + A_b·b). */
  readonly multiplier: number;
  /** Optimizer learning rate of w. */
  readonly lr: number;
  /** Forward multiplier of the bias (biases start at 0). */
  readonly biasMultiplier: number;
  /** Optimizer learning rate of the bias. */
  readonly biasLR: number;
};

/** One trainable tensor, live: `value` is the stored parameter, `grad` its gradient from the last backward pass. */
export interface MupMlpTensor {
  readonly name: string;
  readonly value: Float64Array;
  readonly grad: Float64Array;
}

/** What {@link MupMlp.train} returns. */
export interface MupTrainResult {
  /** Training loss of every step taken, measured before that step's update. */
  readonly losses: number[];
  /** Step at which the loss became non-finite or exceeded maxLoss (training stopped there), or null. */
  readonly diverged: number | null;
  /** Mean loss over the last `tail` steps, Infinity if the run diverged. */
  readonly finalLoss: number;
}

interface Layer {
  readonly spec: MupMlpLayer;
  readonly w: Float64Array;
  readonly b: Float64Array;
  readonly gw: Float64Array;
  readonly gb: Float64Array;
  readonly state: Float64Array[];
}

const FN = "hparams.mup.mlp";

/** Checks x (batch × inputs) and y (batch × outputs, optional) and returns the batch size. */
function batchOf(fn: string, x: Float64Array, inputs: number, y?: Float64Array, outputs = 0): number {
  if (x.length === 0 || x.length % inputs !== 0) {
    throw new InvalidInputError(fn, `x has ${x.length} numbers, not a positive multiple of inputs = ${inputs}`, "pass batch × inputs numbers, row by row");
  }
  const batch = x.length / inputs;
  if (y && y.length !== batch * outputs) throw new InvalidInputError(fn, `y has ${y.length} numbers, expected batch ${batch} × outputs ${outputs}`);
  for (const [name, a, width] of [["x", x, inputs], ["y", y, outputs]] as const) {
    const bad = a ? a.findIndex((v) => !Number.isFinite(v)) : -1;
    if (bad >= 0) throw new InvalidInputError(fn, `${name} row ${Math.floor(bad / width)} has ${a![bad]}`, "drop or fix that example");
  }
  return batch;
}

/**
 * A ReLU MLP parametrized by the μP table: each layer's init std, forward multiplier and learning rate are the base
 * values times `hparams.mup.scaling` for its kind (input, hidden, output; biases follow the input column) at
 * fan/base-fan. Base values: init std gain/√(base fan_in) (gain 1 on the inputs, √2 after a ReLU), multiplier 1
 * (α_out on the readout), learning rate `lr`. Loss: ½·mean squared error over batch and outputs.
 */
export class MupMlp {
  /** The spec with defaults filled in. */
  readonly spec: Required<Omit<MupMlpSpec, "adam">> & { readonly adam: { beta1: number; beta2: number; eps: number } };
  /** Per layer: init std, multiplier and learning rate of its weights and bias (displayable as a table). */
  readonly layers: MupMlpLayer[];
  private readonly net: Layer[];
  private zs: Float64Array[] = [];
  private hs: Float64Array[] = [];
  private deltas: Float64Array[] = [];
  private batch = 0;
  private steps = 0;

  constructor(spec: MupMlpSpec) {
    assertPositiveInteger(FN, "width", spec.width);
    assertPositiveInteger(FN, "baseWidth", spec.baseWidth);
    assertPositiveInteger(FN, "inputs", spec.inputs);
    assertPositiveInteger(FN, "outputs", spec.outputs);
    const hiddenLayers = spec.hiddenLayers ?? 2;
    assertPositiveInteger(FN, "hiddenLayers", hiddenLayers);
    const form = spec.form ?? "table8";
    assertChoice(FN, "form", form, MUP_FORMS);
    const optimizer = spec.optimizer ?? "adam";
    assertChoice(FN, "optimizer", optimizer, MUP_OPTIMIZERS);
    assertPositive(FN, "lr", spec.lr);
    const outputMultiplier = spec.outputMultiplier ?? 1;
    assertPositive(FN, "outputMultiplier", outputMultiplier);
    const seed = spec.seed ?? 0;
    const adam = { beta1: spec.adam?.beta1 ?? 0.9, beta2: spec.adam?.beta2 ?? 0.999, eps: spec.adam?.eps ?? 1e-8 };
    for (const k of ["beta1", "beta2"] as const) {
      if (!(adam[k] >= 0 && adam[k] < 1)) throw new InvalidInputError(FN, `adam.${k} must be in [0, 1), got ${adam[k]}`);
    }
    // ε = 0 would turn a zero gradient (a dead ReLU unit) into 0/0.
    assertPositive(FN, "adam.eps", adam.eps);
    this.spec = { width: spec.width, baseWidth: spec.baseWidth, inputs: spec.inputs, outputs: spec.outputs, hiddenLayers, form, optimizer, lr: spec.lr, outputMultiplier, seed, adam };

    const n = spec.width, r = n / spec.baseWidth;
    const rng = new Xoshiro128(seed);
    this.net = [];
    for (let l = 0; l <= hiddenLayers; l++) {
      const kind = l === 0 ? "input" : l === hiddenLayers ? "output" : "hidden";
      const fanIn = l === 0 ? spec.inputs : n, fanOut = l === hiddenLayers ? spec.outputs : n;
      const baseFanIn = l === 0 ? spec.inputs : spec.baseWidth;
      const fanInMult = l === 0 ? 1 : r, fanOutMult = l === hiddenLayers ? 1 : r;
      const rule = mupScaling({ kind, optim: optimizer, fanInMult, fanOutMult, form });
      const bias = mupScaling({ kind: "bias", optim: optimizer, fanInMult: 1, fanOutMult, form });
      const gain = l === 0 ? 1 : Math.SQRT2;
      const initStd = (gain / Math.sqrt(baseFanIn)) * rule.initStdMult;
      const row: MupMlpLayer = {
        layer: kind === "hidden" ? `hidden ${l}` : kind, kind, fanIn, fanOut, initStd,
        multiplier: (kind === "output" ? outputMultiplier : 1) * rule.multiplier,
        lr: spec.lr * rule.lrMult, biasMultiplier: bias.multiplier, biasLR: spec.lr * bias.lrMult,
      };
      const w = new Float64Array(fanIn * fanOut);
      for (let i = 0; i < w.length; i++) w[i] = initStd * rng.nextNormal();
      const b = new Float64Array(fanOut);
      const state = optimizer === "adam" ? [new Float64Array(w.length), new Float64Array(w.length), new Float64Array(fanOut), new Float64Array(fanOut)] : [];
      this.net.push({ spec: row, w, b, gw: new Float64Array(w.length), gb: new Float64Array(fanOut), state });
    }
    const rows = this.net.map((x) => x.spec);
    this.layers = makeDisplayable("table", rows, () => rows.map((x) => `${x.layer.padEnd(9)} ${x.fanIn}×${x.fanOut} init ${x.initStd.toPrecision(3)} mult ${x.multiplier.toPrecision(3)} lr ${x.lr.toPrecision(3)} (bias lr ${x.biasLR.toPrecision(3)})`).join("\n"));
  }

  /** The trainable tensors (weights "<layer>.w" and biases "<layer>.b"), live. */
  tensors(): MupMlpTensor[] {
    return this.net.flatMap((x) => [{ name: `${x.spec.layer}.w`, value: x.w, grad: x.gw }, { name: `${x.spec.layer}.b`, value: x.b, grad: x.gb }]);
  }

  private ensureBatch(batch: number): void {
    if (batch === this.batch) return;
    this.batch = batch;
    this.zs = this.net.map((x) => new Float64Array(batch * x.spec.fanOut));
    this.hs = this.net.map((x) => new Float64Array(batch * x.spec.fanOut));
    this.deltas = this.net.map((x) => new Float64Array(batch * x.spec.fanOut));
  }

  private forwardPass(x: Float64Array, batch: number): Float64Array {
    this.ensureBatch(batch);
    let a = x;
    this.net.forEach((layer, l) => {
      const { fanIn, fanOut, multiplier, biasMultiplier } = layer.spec;
      const { w, b } = layer, z = this.zs[l], h = this.hs[l];
      for (let o = 0; o < fanOut; o++) {
        const row = o * fanIn, bias = biasMultiplier * b[o];
        for (let s = 0; s < batch; s++) {
          const as = s * fanIn;
          let acc = 0;
          for (let i = 0; i < fanIn; i++) acc += w[row + i] * a[as + i];
          z[s * fanOut + o] = multiplier * acc + bias;
        }
      }
      if (l < this.net.length - 1) for (let i = 0; i < z.length; i++) h[i] = z[i] > 0 ? z[i] : 0;
      a = h;
    });
    return this.zs[this.net.length - 1];
  }

  /**
   * Outputs for a batch (rows of `inputs` numbers); also sets {@link preactivations}.
   * @example hparams.mup.mlp({ width: 8, baseWidth: 8, inputs: 2, outputs: 3, lr: 1e-3 }).predict(new Float64Array(4)).length // => 6
   */
  predict(x: Float64Array): Float64Array {
    return this.forwardPass(x, batchOf(`${FN}.predict`, x, this.spec.inputs)).slice();
  }

  /** ½·mean squared error over batch and outputs, without gradients. */
  loss(x: Float64Array, y: Float64Array): number {
    const batch = batchOf(`${FN}.loss`, x, this.spec.inputs, y, this.spec.outputs);
    const f = this.forwardPass(x, batch);
    let s = 0;
    for (let i = 0; i < f.length; i++) s += (f[i] - y[i]) ** 2;
    return s / (2 * f.length);
  }

  /**
   * Loss and the gradient of every tensor (into `tensors()[k].grad`), without an update.
   * @returns the loss
   */
  lossAndGradient(x: Float64Array, y: Float64Array): number {
    return this.backprop(`${FN}.lossAndGradient`, x, y);
  }

  private backprop(fn: string, x: Float64Array, y: Float64Array): number {
    const batch = batchOf(fn, x, this.spec.inputs, y, this.spec.outputs);
    const f = this.forwardPass(x, batch);
    const L = this.net.length;
    const top = this.deltas[L - 1];
    let s = 0;
    for (let i = 0; i < f.length; i++) {
      const e = f[i] - y[i];
      s += e * e;
      top[i] = e / f.length;
    }
    for (let l = L - 1; l >= 0; l--) {
      const layer = this.net[l];
      const { fanIn, fanOut, multiplier, biasMultiplier } = layer.spec;
      const { w, gw, gb } = layer, delta = this.deltas[l];
      const a = l === 0 ? x : this.hs[l - 1];
      const below = l > 0 ? this.deltas[l - 1] : null;
      gw.fill(0);
      gb.fill(0);
      below?.fill(0);
      for (let o = 0; o < fanOut; o++) {
        const row = o * fanIn;
        for (let sIdx = 0; sIdx < batch; sIdx++) {
          const d = delta[sIdx * fanOut + o];
          if (d === 0) continue;
          gb[o] += biasMultiplier * d;
          const dA = multiplier * d, as = sIdx * fanIn;
          if (below) {
            for (let i = 0; i < fanIn; i++) {
              gw[row + i] += dA * a[as + i];
              below[as + i] += w[row + i] * dA;
            }
          } else {
            for (let i = 0; i < fanIn; i++) gw[row + i] += dA * a[as + i];
          }
        }
      }
      if (below) {
        const z = this.zs[l - 1];
        for (let i = 0; i < below.length; i++) if (!(z[i] > 0)) below[i] = 0;
      }
    }
    return s / (2 * f.length);
  }

  /**
   * One optimizer step on a batch: forward, backward, update. A non-finite loss leaves the weights unchanged.
   * @returns the loss before the update
   * @throws InvalidInputError for x, y of the wrong length
   */
  step(x: Float64Array, y: Float64Array): number {
    const loss = this.backprop(`${FN}.step`, x, y);
    if (!Number.isFinite(loss)) return loss;
    this.steps++;
    const { optimizer, adam } = this.spec;
    const c1 = 1 - adam.beta1 ** this.steps, c2 = 1 - adam.beta2 ** this.steps;
    for (const layer of this.net) {
      const pairs: [Float64Array, Float64Array, number, number][] = [[layer.w, layer.gw, layer.spec.lr, 0], [layer.b, layer.gb, layer.spec.biasLR, 2]];
      for (const [p, g, lr, k] of pairs) {
        if (optimizer === "sgd") {
          for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
          continue;
        }
        const m = layer.state[k], v = layer.state[k + 1];
        for (let i = 0; i < p.length; i++) {
          m[i] = adam.beta1 * m[i] + (1 - adam.beta1) * g[i];
          v[i] = adam.beta2 * v[i] + (1 - adam.beta2) * g[i] * g[i];
          p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + adam.eps);
        }
      }
    }
    return loss;
  }

  /**
   * Pre-activations of every layer from the last forward pass (copies, batch × fanOut each; the last is the output),
   * keyed by layer name: what a coordinate check measures.
   */
  preactivations(): Record<string, Float64Array> {
    if (this.batch === 0) throw new InvalidInputError(`${FN}.preactivations`, "no forward pass yet", "call step, loss or predict first");
    return Object.fromEntries(this.net.map((x, l) => [x.spec.layer, this.zs[l].slice()]));
  }

  /**
   * Trains on consecutive batches of (x, y), one step each, and stops early if the loss becomes non-finite or
   * exceeds `maxLoss`.
   * @param opts.batch examples per step; opts.tail steps averaged into finalLoss (default a quarter of the steps);
   *   opts.maxLoss (default Infinity); opts.signal aborts (as a kernel interrupt does)
   * @throws InvalidInputError for a batch that does not fit the data; InterruptedError when interrupted
   * @example hparams.mup.mlp({ width: 16, baseWidth: 16, inputs: 1, outputs: 1, lr: 1e-2 }).train(new Float64Array(8), new Float64Array(8), { batch: 4 }).losses.length // => 2
   */
  train(x: Float64Array, y: Float64Array, opts: { batch: number; tail?: number; maxLoss?: number; signal?: AbortSignal }): MupTrainResult {
    const fn = `${FN}.train`;
    const total = batchOf(fn, x, this.spec.inputs, y, this.spec.outputs);
    assertPositiveInteger(fn, "batch", opts.batch);
    const steps = Math.floor(total / opts.batch);
    if (steps < 1) throw new InvalidInputError(fn, `batch ${opts.batch} is larger than the ${total} examples given`);
    const tail = opts.tail ?? Math.max(1, Math.floor(steps / 4));
    assertPositiveInteger(fn, "tail", tail);
    const maxLoss = opts.maxLoss ?? Infinity;
    const { inputs, outputs } = this.spec;
    const losses: number[] = [];
    for (let t = 0; t < steps; t++) {
      throwIfInterrupted(fn, opts.signal);
      const s = t * opts.batch;
      const loss = this.step(x.subarray(s * inputs, (s + opts.batch) * inputs), y.subarray(s * outputs, (s + opts.batch) * outputs));
      losses.push(loss);
      if (!(loss <= maxLoss)) return { losses, diverged: t, finalLoss: Infinity };
    }
    const last = losses.slice(-tail);
    return { losses, diverged: null, finalLoss: last.reduce((a, v) => a + v, 0) / last.length };
  }
}

/**
 * A μP- (or SP-) parametrized ReLU MLP, trainable in the kernel: see {@link MupMlp}.
 * @param spec { width, baseWidth, inputs, outputs, hiddenLayers?, form?, optimizer?, lr, outputMultiplier?, seed?, adam? }
 * @returns the network (`layers` shows what the μP table gave each layer)
 * @throws InvalidInputError for non-integer sizes or a non-positive lr; UnknownChoiceError for an unknown form or optimizer
 * @example hparams.mup.mlp({ width: 256, baseWidth: 64, inputs: 4, outputs: 1, lr: 1e-2 }).layers[1].lr // => 2.5e-3
 * @see mupCitation
 */
export function mupMlp(spec: MupMlpSpec): MupMlp {
  return new MupMlp(spec);
}

/** A synthetic regression task: Gaussian inputs labelled by a fixed random teacher network. */
export interface MupTeacher {
  readonly inputs: number;
  readonly outputs: number;
  /**
   * `count` fresh examples drawn with `seed`: x row by row (count × inputs), y (count × outputs).
   */
  sample(count: number, seed: number): { x: Float64Array; y: Float64Array };
}

/**
 * A teacher for {@link mupMlp}: x ~ N(0, I), y = A·tanh(U x)/√width with U ~ N(0, gain²/inputs) (tanh sees arguments
 * of std `gain`: the larger, the less linear the target) and A ~ N(0, 1); averaged over teacher weights,
 * Var(y) = E tanh²(gain·Z) with Z ~ N(0, 1), 0.635 at gain 2.
 * @param p.inputs, p.outputs sizes; p.width teacher width (default 32); p.gain (default 2); p.seed teacher weights (default 0)
 * @returns { inputs, outputs, sample(count, seed) }
 * @throws InvalidInputError for non-integer sizes
 * @example hparams.mup.teacher({ inputs: 3, outputs: 2 }).sample(5, 1).y.length // => 10
 * @see mupCitation
 */
export function mupTeacher(p: { inputs: number; outputs: number; width?: number; gain?: number; seed?: number }): MupTeacher {
  const fn = "hparams.mup.teacher";
  assertPositiveInteger(fn, "inputs", p.inputs);
  assertPositiveInteger(fn, "outputs", p.outputs);
  const k = p.width ?? 32;
  assertPositiveInteger(fn, "width", k);
  const gain = p.gain ?? 2;
  assertPositive(fn, "gain", gain);
  const rng = new Xoshiro128(p.seed ?? 0);
  const U = Float64Array.from({ length: k * p.inputs }, () => (gain / Math.sqrt(p.inputs)) * rng.nextNormal());
  const A = Float64Array.from({ length: p.outputs * k }, () => rng.nextNormal() / Math.sqrt(k));
  const { inputs, outputs } = p;
  return {
    inputs, outputs,
    sample(count: number, seed: number) {
      assertPositiveInteger(`${fn}.sample`, "count", count);
      const r = new Xoshiro128(seed);
      const x = new Float64Array(count * inputs), y = new Float64Array(count * outputs), hidden = new Float64Array(k);
      for (let s = 0; s < count; s++) {
        for (let i = 0; i < inputs; i++) x[s * inputs + i] = r.nextNormal();
        for (let j = 0; j < k; j++) {
          let acc = 0;
          for (let i = 0; i < inputs; i++) acc += U[j * inputs + i] * x[s * inputs + i];
          hidden[j] = Math.tanh(acc);
        }
        for (let o = 0; o < outputs; o++) {
          let acc = 0;
          for (let j = 0; j < k; j++) acc += A[o * k + j] * hidden[j];
          y[s * outputs + o] = acc;
        }
      }
      return { x, y };
    },
  };
}

/**
 * The width exponent of a quantity: the least-squares slope of log(value) against log(width), with its standard
 * error and R². A coordinate check asks for 0 under μP.
 * @param widths widths (> 0, at least two distinct); values the measured quantity at each width (> 0)
 * @returns { exponent, se, r2 }
 * @throws InvalidInputError for mismatched lengths or non-positive entries; InsufficientDataError for fewer than two widths
 * @example hparams.mup.widthExponent([64, 128, 256], [1, 2, 4]).exponent // => 1
 * @see mupCitation
 */
export function mupWidthExponent(widths: readonly number[], values: readonly number[]): { exponent: number; se: number; r2: number } {
  const fn = "hparams.mup.widthExponent";
  if (widths.length !== values.length) throw new InvalidInputError(fn, `${widths.length} widths but ${values.length} values`, "pass one value per width");
  if (widths.length < 2) throw new InsufficientDataError(fn, 2, widths.length);
  widths.forEach((w, i) => assertPositive(fn, `widths[${i}]`, w));
  values.forEach((v, i) => assertPositive(fn, `values[${i}] (width ${widths[i]})`, v));
  const r = linearRegression(widths.map((w) => [Math.log(w)]), values.map(Math.log), { intercept: true, fn });
  return displayResult(`${fn}: value ∝ width^exponent over ${widths.length} widths`, { exponent: r.coef[1], se: r.se[1], r2: r.r2 });
}

/**
 * The best learning rate of a sweep: the grid point with the lowest loss, refined by the vertex of the parabola in
 * log(lr) through it and its two neighbours (kept between them). Diverged runs count as loss Infinity.
 * @param lrs increasing learning rates (> 0); losses one per lr (a number or Infinity, not NaN)
 * @returns { lr, index (of the best grid point), warnings } — a warning when the best point is at the grid's edge
 *   (the optimum may lie outside it) or its neighbour diverged (no refinement)
 * @throws InvalidInputError for mismatched lengths, a non-increasing grid, NaN losses, or every run diverged
 * @example hparams.mup.optimalLR([1e-3, 1e-2, 1e-1], [2, 1, 2]).lr // => 1e-2
 * @see mupCitation
 */
export function mupOptimalLR(lrs: readonly number[], losses: readonly number[]): { lr: number; index: number; warnings: string[] } {
  const fn = "hparams.mup.optimalLR";
  if (lrs.length !== losses.length) throw new InvalidInputError(fn, `${lrs.length} learning rates but ${losses.length} losses`, "pass one loss per learning rate");
  lrs.forEach((lr, i) => {
    assertPositive(fn, `lrs[${i}]`, lr);
    if (i > 0 && !(lr > lrs[i - 1])) throw new InvalidInputError(fn, `lrs[${i}] = ${lr} is not above lrs[${i - 1}] = ${lrs[i - 1]}`, "sort the grid increasingly");
  });
  losses.forEach((v, i) => {
    if (Number.isNaN(v) || v === -Infinity) throw new InvalidInputError(fn, `losses[${i}] (lr ${lrs[i]}) is ${v}`, "give a diverged run the loss Infinity");
  });
  let index = -1;
  losses.forEach((v, i) => { if (Number.isFinite(v) && (index < 0 || v < losses[index])) index = i; });
  if (index < 0) throw new InvalidInputError(fn, "every run diverged", "extend the grid to smaller learning rates");
  const warnings: string[] = [];
  const result = (lr: number) => displayResult(`${fn}: best learning rate of a ${lrs.length}-point grid`, { lr, index, warnings });
  if (index === 0 || index === lrs.length - 1) {
    warnings.push(`the best loss is at the ${index === 0 ? "smallest" : "largest"} learning rate of the grid: the optimum may lie outside it`);
    return result(lrs[index]);
  }
  const [a, b, c] = [losses[index - 1], losses[index], losses[index + 1]];
  if (!Number.isFinite(a) || !Number.isFinite(c)) {
    warnings.push(`a neighbour of the best learning rate ${lrs[index]} diverged: not refined`);
    return result(lrs[index]);
  }
  const [u, v, w] = [Math.log(lrs[index - 1]), Math.log(lrs[index]), Math.log(lrs[index + 1])];
  // Vertex of the parabola through (u, a), (v, b), (w, c); b is the smallest, so the vertex lies in [u, w].
  const num = (v - u) ** 2 * (b - c) - (v - w) ** 2 * (b - a);
  const den = (v - u) * (b - c) - (v - w) * (b - a);
  const x = den === 0 ? v : v - num / (2 * den);
  return result(Math.exp(Math.min(w, Math.max(u, x))));
}
