/**
 * Operational critical batch size (Zhang et al. 2024, "How Does Critical Batch Size Scale in Pre-training?"):
 * R(B) = optimizer steps to reach a target loss at batch B; R_lin(B) = R(B0)·B0/B is perfect linear scaling from the
 * smallest batch B0; the CBS is the B where R(B) = 1.2·R_lin(B) (20% step overhead).
 *
 * Raw sweep tables are noisy (each entry is a minimum over LR/β2/EWA sweeps), so the crossing is read off a smooth
 * curve fitted per model size: McCandlish's R(B) = S_min·(1 + B_noise/B), fitted in log space (the Law
 * `hparams.criticalBatch.zhang`). With it the overhead ratio is (B + B_noise)/(B0 + B_noise) and the CBS is
 * (1 + o)·B0 + o·B_noise for overhead o. This smoothing is this library's choice; the paper's own fitting procedure
 * is not reproduced.
 */
import { assertPositive, InsufficientDataError, InvalidInputError, type PublishedConstants } from "../core";
import { zhangCbsCitation } from "../core/bibliography";
import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";
import { defineLaw, type LawParams } from "../laws/law";

/** One model size of the Chinchilla-setting sweep: minimum steps to the target loss per batch size (sequences of 512). */
export interface ZhangStepsRow {
  readonly model: string;
  /** Parameters (nominal, from the model name). */
  readonly N: number;
  readonly targetLoss: number;
  readonly steps: readonly number[];
}

/** Batch sizes of {@link ZHANG_2024_CHINCHILLA_STEPS}, in sequences of 512 tokens. */
export const ZHANG_2024_BATCHES: readonly number[] = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];

/** Steps to target loss, C4, seq len 512, Chinchilla setting: plots/chinchilla.ipynb "Minimum goal step" outputs. */
export const ZHANG_2024_CHINCHILLA_STEPS: readonly ZhangStepsRow[] = [
  { model: "85M", N: 85e6, targetLoss: 3.42, steps: [46000, 23000, 13282, 7000, 3840, 2500, 1800, 1600, 1600] },
  { model: "151M", N: 151e6, targetLoss: 3.24, steps: [96000, 49000, 24000, 11951, 7128, 4200, 2760, 2400, 2300] },
  { model: "302M", N: 302e6, targetLoss: 3.07, steps: [196000, 90000, 46000, 23400, 13300, 7224, 4980, 3400, 2879] },
  { model: "604M", N: 604e6, targetLoss: 2.92, steps: [311000, 166000, 81000, 37440, 21320, 11400, 7199, 4700, 3800] },
  { model: "1.2B", N: 1.2e9, targetLoss: 2.736, steps: [643000, 331000, 176000, 94000, 46500, 25000, 15360, 8900, 6500] },
];

type ZhangParam = "Smin" | "Bnoise";

/** Our smooth fits of the released table, one per model size (checked against an independent scipy fit to 1e-6). */
function released(model: string, Smin: number, Bnoise: number): PublishedConstants<LawParams<ZhangParam>> {
  return {
    name: `Zhang et al. ${model}, Chinchilla setting: R(B) fit (this library)`,
    params: { Smin, Bnoise },
    status: "confirmed",
    citation: { ...zhangCbsCitation, where: "plots/chinchilla.ipynb steps-to-target table, smoothed by least squares on ln R (this library; scipy agrees to 1e-6)" },
    note: "B in sequences of 512 tokens; R in optimizer steps to that model's target loss",
  };
}

function checkSweep(fn: string, p: { steps: readonly number[]; batch: readonly number[] }, minPoints: number): void {
  if (p.steps.length !== p.batch.length) throw new InvalidInputError(fn, `steps has ${p.steps.length} entries but batch has ${p.batch.length}`);
  if (p.steps.length < minPoints) throw new InsufficientDataError(fn, minPoints, p.steps.length, "measure steps-to-target at more batch sizes");
  p.steps.forEach((s, i) => assertPositive(fn, `steps[${i}]`, s));
  p.batch.forEach((b, i) => assertPositive(fn, `batch[${i}]`, b));
  for (let i = 1; i < p.batch.length; i++) {
    if (!(p.batch[i] > p.batch[i - 1])) throw new InvalidInputError(fn, `batch must be strictly increasing; batch[${i}] = ${p.batch[i]} after ${p.batch[i - 1]}`);
  }
}

/**
 * Step overhead vs perfect linear scaling: R(B)/R_lin(B) with R_lin(B) = R(B0)·B0/B, B0 the smallest batch.
 * @param p.steps steps to target per batch; p.batch batch sizes, increasing (any unit)
 * @returns one ratio per batch (1 at B0; 1.2 marks the CBS; < 1 at small B is sweep noise)
 * @throws InvalidInputError for mismatched or non-positive input or unsorted batches
 * @example hparams.criticalBatch.zhang.overheadRatio({ steps: [1000, 500, 300], batch: [1, 2, 4] }) // => [1, 1, 1.2]
 * @see zhangCbsCitation
 */
export function zhangStepsOverheadRatio(p: { steps: readonly number[]; batch: readonly number[] }): number[] {
  checkSweep("hparams.criticalBatch.zhang.overheadRatio", p, 1);
  const e0 = p.steps[0] * p.batch[0];
  return p.steps.map((s, i) => (s * p.batch[i]) / e0);
}

/** The result of {@link fitZhangStepsCurve}: the FitResult of S_min and B_noise plus: */
export type ZhangStepsFit = FitResult<ZhangParam> & {
  /** RMS residual of ln R. */
  readonly rmsLog: number;
  /** The smallest batch of the sweep (the linear-scaling reference). */
  readonly B0: number;
};

/**
 * Fits R(B) = S_min·(1 + B_noise/B) to a steps-vs-batch sweep by least squares on ln R (lib/fit, starts spread over
 * ln B_noise from B0·e^−5 to B_max·e^5).
 * @param x.steps steps to target per batch; x.batch increasing batch sizes
 * @param options fit options passed to the fitter
 * @returns a FitResult (Smin, Bnoise) plus the RMS log residual `rmsLog` and `B0`
 * @throws InsufficientDataError with < 3 points; InvalidInputError for bad input
 * @example Math.round(hparams.criticalBatch.zhang.fitSweep({ steps: [3000, 2000, 1500], batch: [1, 2, 4] }).params.Bnoise) // => 2
 * @see zhangCbsCitation
 */
export function fitZhangStepsCurve(x: { steps: readonly number[]; batch: readonly number[] }, options: FitOptions = {}): ZhangStepsFit {
  const fn = "hparams.criticalBatch.zhang.fitSweep";
  checkSweep(fn, x, 3);
  const n = x.batch.length;
  const lo = Math.log(x.batch[0]) - 5;
  const hi = Math.log(x.batch[n - 1]) + 5;
  const grid = { Smin: [Math.log(x.steps[n - 1])], Bnoise: Array.from({ length: 9 }, (_, k) => lo + ((hi - lo) * k) / 8) };
  const fit = zhang.fitSync(x.batch.map((B) => ({ B })), x.steps, { grid, ...options });
  const rmsLog = Math.sqrt(fit.residuals.reduce((s, r) => s + r * r, 0) / n);
  return Object.assign(fit, { rmsLog, B0: x.batch[0] });
}

/**
 * The operational critical batch size: the B where R(B) = (1 + overhead)·R_lin(B).
 * "smooth" (default) reads it off the fitted {@link fitZhangStepsCurve}: (1 + o)·B0 + o·B_noise.
 * "interpolate" interpolates the raw ratio in log-log space at its first upward crossing (noisy; for comparison).
 * @param x.steps; x.batch
 * @param opts.overhead (default 0.2); opts.method "smooth" | "interpolate"
 * @returns the CBS in the unit of `batch`
 * @throws InvalidInputError when the raw ratio never crosses 1 + overhead ("interpolate")
 * @example hparams.criticalBatch.zhang.criticalBatch({ steps: [1000, 500, 300], batch: [1, 2, 4] }, { method: "interpolate" }) // => 4
 * @see zhangCbsCitation
 */
export function criticalBatchSizeZhang(x: { steps: readonly number[]; batch: readonly number[] }, opts: { overhead?: number; method?: "smooth" | "interpolate" } = {}): number {
  const fn = "hparams.criticalBatch.zhang.criticalBatch";
  const o = opts.overhead ?? 0.2;
  assertPositive(fn, "overhead", o);
  const method = opts.method ?? "smooth";
  if (method === "smooth") {
    const c = fitZhangStepsCurve(x);
    return (1 + o) * c.B0 + o * c.params.Bnoise;
  }
  if (method !== "interpolate") throw new InvalidInputError(fn, `unknown method "${String(method)}"`, "use \"smooth\" or \"interpolate\"");
  const ratio = zhangStepsOverheadRatio(x);
  const target = 1 + o;
  for (let i = 1; i < ratio.length; i++) {
    if (ratio[i] >= target && ratio[i - 1] < target) {
      const t = (Math.log(target) - Math.log(ratio[i - 1])) / (Math.log(ratio[i]) - Math.log(ratio[i - 1]));
      return Math.exp(Math.log(x.batch[i - 1]) + t * (Math.log(x.batch[i]) - Math.log(x.batch[i - 1])));
    }
  }
  throw new InvalidInputError(fn, `the step overhead never crosses ${target} (max ${Math.max(...ratio).toFixed(3)})`, "extend the sweep to larger batches");
}

/**
 * CBS power law in data size, B* = c·D^γ (Zhang et al.: CBS grows with D at fixed N; c and γ must be fitted by the user,
 * the paper's values are not stored).
 * @param x.D tokens (> 0)
 * @param p.c prefactor (> 0); p.gamma exponent
 * @returns the CBS
 * @throws InvalidInputError for non-positive D or c
 * @example hparams.criticalBatch.zhang.powerLaw({ D: 1e10 }, { c: 1, gamma: 0.5 }) // => 1e5
 * @see zhangCbsCitation
 */
export function zhangCbsPowerLaw(x: { D: number }, p: { c: number; gamma: number }): number {
  const fn = "hparams.criticalBatch.zhang.powerLaw";
  assertPositive(fn, "D", x.D);
  assertPositive(fn, "c", p.c);
  if (!Number.isFinite(p.gamma)) throw new InvalidInputError(fn, `gamma must be finite, got ${p.gamma}`);
  return p.c * x.D ** p.gamma;
}

/**
 * Zhang et al.'s steps-to-target curve R(B) = S_min·(1 + B_noise/B) (published sets: our fits of the released table,
 * one per model size), with the operational critical batch size and the table itself:
 * `overheadRatio({ steps, batch })`, `fitSweep({ steps, batch })` (a FitResult), `criticalBatch({ steps, batch }, opts?)`,
 * `powerLaw({ D }, { c, gamma })`, `batches` and `chinchillaSteps` (the released table).
 * @example Math.round(hparams.criticalBatch.zhang.predict({ B: 2048 }, hparams.criticalBatch.zhang.published["85M"])) // => 2651
 * @see zhangCbsCitation
 */
export const zhang = defineLaw<{ B: number }, ZhangParam, {
  batches: typeof ZHANG_2024_BATCHES; chinchillaSteps: typeof ZHANG_2024_CHINCHILLA_STEPS; overheadRatio: typeof zhangStepsOverheadRatio;
  fitSweep: typeof fitZhangStepsCurve; criticalBatch: typeof criticalBatchSizeZhang; powerLaw: typeof zhangCbsPowerLaw;
}>({
  id: "zhang-critical-batch",
  api: "hparams.criticalBatch.zhang",
  name: "Steps to target loss vs batch size, and the operational critical batch size (Zhang et al.)",
  topic: "batch",
  latex: "R(B) = S_{\\mathrm{min}}\\left(1 + \\frac{B_{\\mathrm{noise}}}{B}\\right),\\quad R(B^*) = 1.2\\,R(B_0)\\frac{B_0}{B^*} \\Rightarrow B^* = 1.2\\,B_0 + 0.2\\,B_{\\mathrm{noise}}",
  formula: "Smin * (1 + Bnoise / B)",
  inputs: { B: "batch size (sequences of 512 in the released table)" },
  output: "optimizer steps to reach the target loss",
  params: [
    { name: "Smin", transform: "log", description: "steps at infinite batch" },
    { name: "Bnoise", transform: "log", description: "noise-scale batch E_min/S_min, unit of B" },
  ],
  published: {
    "85M": released("85M", 1267.46469, 2235.23488),
    "151M": released("151M", 1710.25074, 3303.42922),
    "302M": released("302M", 2095.34978, 5432.63466),
    "604M": released("604M", 2459.92756, 7906.61025),
    "1.2B": released("1.2B", 3895.49981, 11139.6891),
  },
  ranges: { B: [64, 16384] },
  citation: zhangCbsCitation,
  predict: (x, p) => p.Smin * (1 + p.Bnoise / x.B),
  gradient(x, p, g) {
    g[0] = 1 + p.Bnoise / x.B;
    g[1] = p.Smin / x.B;
    return p.Smin * g[0];
  },
  module: __filename,
  // Least squares on ln R; the objective is not convex in B_noise, so fitSweep spreads starts over it.
  fitDefaults: { objective: "mse", space: "log", workers: 0, gtol: 1e-10, ftol: 1e-13, init: { Smin: 1000, Bnoise: 1000 } },
}, {
  batches: ZHANG_2024_BATCHES, chinchillaSteps: ZHANG_2024_CHINCHILLA_STEPS, overheadRatio: zhangStepsOverheadRatio,
  fitSweep: fitZhangStepsCurve, criticalBatch: criticalBatchSizeZhang, powerLaw: zhangCbsPowerLaw,
});
