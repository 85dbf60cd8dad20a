/**
 * Operational critical batch size (Zhang et al. 2024, "How Does Critical Batch Size Scale in Pre-training?"):
 * R(B) = optimizer steps to reach a target loss at batch B; R_lin(B) = R(B0)·B0/B is perfect linear scaling from the
 * smallest batch B0; the CBS is the B where R(B) = 1.2·R_lin(B) (20% step overhead).
 *
 * Raw sweep tables are noisy (each entry is a minimum over LR/β2/EWA sweeps), so the crossing is read off a smooth
 * curve fitted per model size: McCandlish's R(B) = S_min·(1 + B_noise/B), fitted in log space. With it the overhead
 * ratio is (B + B_noise)/(B0 + B_noise) and the CBS is (1 + o)·B0 + o·B_noise for overhead o. This smoothing is this
 * library's choice; the paper's own fitting procedure is not reproduced.
 */
import { assertPositive, defineCard, InsufficientDataError, InvalidInputError, type Citation } from "../core";

import { minimizeOnInterval } from "../numeric/minimize1d";
import { zhangCbsCitation } from "../core/bibliography";



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
 * @example zhangStepsOverheadRatio({ steps: [1000, 500, 300], batch: [1, 2, 4] }) // => [1, 1, 1.2]
 * @see zhangCbsCitation
 */
export function zhangStepsOverheadRatio(p: { steps: readonly number[]; batch: readonly number[] }): number[] {
  checkSweep("zhangStepsOverheadRatio", p, 1);
  const e0 = p.steps[0] * p.batch[0];
  return p.steps.map((s, i) => (s * p.batch[i]) / e0);
}

/** A smooth steps-vs-batch curve R(B) = S_min·(1 + B_noise/B). */
export interface ZhangStepsCurve {
  /** Steps needed at infinite batch. */
  readonly Smin: number;
  /** Noise-scale batch, same unit as the input batches (E_min/S_min). */
  readonly Bnoise: number;
  /** RMS residual of log R. */
  readonly rmsLog: number;
  /** The smallest batch of the sweep (the linear-scaling reference). */
  readonly B0: number;
}

/**
 * Fits R(B) = S_min·(1 + B_noise/B) to a steps-vs-batch sweep by least squares on log R (B_noise by 1-D search over
 * log B_noise, S_min in closed form).
 * @param p.steps steps to target per batch; p.batch increasing batch sizes
 * @returns S_min, B_noise, RMS log residual, B0
 * @throws InsufficientDataError with < 3 points; InvalidInputError for bad input
 * @example Math.round(fitZhangStepsCurve({ steps: [3000, 2000, 1500], batch: [1, 2, 4] }).Bnoise) // => 2
 * @see zhangCbsCitation
 */
export function fitZhangStepsCurve(p: { steps: readonly number[]; batch: readonly number[] }): ZhangStepsCurve {
  const fn = "fitZhangStepsCurve";
  checkSweep(fn, p, 3);
  const logR = p.steps.map(Math.log);
  const n = logR.length;
  const offsetAt = (bn: number) => logR.map((y, i) => y - Math.log1p(bn / p.batch[i]));
  const rss = (lb: number) => {
    const r = offsetAt(Math.exp(lb));
    const mean = r.reduce((a, b) => a + b, 0) / n;
    return r.reduce((a, b) => a + (b - mean) ** 2, 0);
  };
  const lo = Math.log(p.batch[0]) - 10;
  const hi = Math.log(p.batch[n - 1]) + 10;
  const lb = minimizeOnInterval(rss, lo, hi, { gridPoints: 401, fn }).x;
  const Bnoise = Math.exp(lb);
  const r = offsetAt(Bnoise);
  const mean = r.reduce((a, b) => a + b, 0) / n;
  return { Smin: Math.exp(mean), Bnoise, rmsLog: Math.sqrt(rss(lb) / n), B0: p.batch[0] };
}

/**
 * The operational critical batch size: the B where R(B) = (1 + overhead)·R_lin(B).
 * "smooth" (default) reads it off the fitted {@link fitZhangStepsCurve}: (1 + o)·B0 + o·B_noise.
 * "interpolate" interpolates the raw ratio in log-log space at its first upward crossing (noisy; for comparison).
 * @param p.steps; p.batch; p.overhead (default 0.2); p.method "smooth" | "interpolate"
 * @returns the CBS in the unit of `batch`
 * @throws InvalidInputError when the raw ratio never crosses 1 + overhead ("interpolate")
 * @example criticalBatchSizeZhang({ steps: [1000, 500, 300], batch: [1, 2, 4], method: "interpolate" }) // => 4
 * @see zhangCbsCitation
 */
export function criticalBatchSizeZhang(p: { steps: readonly number[]; batch: readonly number[]; overhead?: number; method?: "smooth" | "interpolate" }): number {
  const fn = "criticalBatchSizeZhang";
  const o = p.overhead ?? 0.2;
  assertPositive(fn, "overhead", o);
  const method = p.method ?? "smooth";
  if (method === "smooth") {
    const c = fitZhangStepsCurve(p);
    return (1 + o) * c.B0 + o * c.Bnoise;
  }
  if (method !== "interpolate") throw new InvalidInputError(fn, `unknown method "${String(method)}"`, "use \"smooth\" or \"interpolate\"");
  const ratio = zhangStepsOverheadRatio(p);
  const target = 1 + o;
  for (let i = 1; i < ratio.length; i++) {
    if (ratio[i] >= target && ratio[i - 1] < target) {
      const t = (Math.log(target) - Math.log(ratio[i - 1])) / (Math.log(ratio[i]) - Math.log(ratio[i - 1]));
      return Math.exp(Math.log(p.batch[i - 1]) + t * (Math.log(p.batch[i]) - Math.log(p.batch[i - 1])));
    }
  }
  throw new InvalidInputError(fn, `the step overhead never crosses ${target} (max ${Math.max(...ratio).toFixed(3)})`, "extend the sweep to larger batches");
}

/**
 * CBS power law in data size, B* = c·D^γ (Zhang et al.: CBS grows with D at fixed N; c and γ must be fitted by the user,
 * the paper's values are not stored).
 * @param p.D tokens (> 0); p.c prefactor (> 0); p.gamma exponent
 * @returns the CBS
 * @throws InvalidInputError for non-positive D or c
 * @example zhangCbsPowerLaw({ D: 1e10, c: 1, gamma: 0.5 }) // => 1e5
 * @see zhangCbsCitation
 */
export function zhangCbsPowerLaw(p: { D: number; c: number; gamma: number }): number {
  const fn = "zhangCbsPowerLaw";
  assertPositive(fn, "D", p.D);
  assertPositive(fn, "c", p.c);
  if (!Number.isFinite(p.gamma)) throw new InvalidInputError(fn, `gamma must be finite, got ${p.gamma}`);
  return p.c * p.D ** p.gamma;
}

/** Law card: registers this law in the catalogue (`listLaws`) and renders it in the notebook. */
export const zhangCriticalBatchLaw = defineCard({
  id: "zhang-critical-batch",
  name: "Operational critical batch size (20% step overhead over linear scaling)",
  topic: "batch",
  latex: "R(B^*) = 1.2\\,R(B_0)\\frac{B_0}{B^*},\\quad R(B) \\approx S_{min}(1 + B_{noise}/B),\\quad B^* = c\\,D^{\\gamma}",
  formula: "CBS: R(B) = 1.2 * R(B0) * B0 / B; smooth R(B) = Smin * (1 + Bnoise / B); B* = c * D^gamma",
  variables: { B: "batch size (sequences of 512 in the released table)", "R(B)": "optimizer steps to reach the target loss", D: "training tokens", "B*": "critical batch size" },
  citation: zhangCbsCitation,
  status: "unverified",
  api: "zhangStepsOverheadRatio",
});
