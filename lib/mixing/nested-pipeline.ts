/**
 * Ye et al. 2024's nested pipeline: predict a large model's losses under many mixtures from small runs.
 * For each mixture: (1) step law L(S) = E + B·S^(−β) fitted on a step window of each small model, extrapolated to
 * the target step; (2) size law L(N) = E + A·N^(−α) over the small sizes, extrapolated to the target size;
 * (3) the mixing law fitted on the predicted target losses (pipeline/run.sh: steps 10k–30k → 100k, sizes
 * 70M–410M → 1B). Step and size laws are the saturating power law of lib/laws (hestnessModel), fitted by lib/fit;
 * the exact step/size forms of the paper are from memory (reference §11.1).
 */
import { defineCard, displayResult, InsufficientDataError, InvalidInputError } from "../core";
import { yeMixingCitation } from "../core/bibliography";
import { fitModelSync } from "../fit/fit";
import type { FitResult } from "../fit/result";
import { hestnessModel } from "../laws/hestness";
import { fitMixtures, type YeParam } from "./mixing-law";


/** A saturating power law y = E + A·x^(−a) fitted to one curve. */
export interface SaturatingPowerFit {
  readonly E: number;
  readonly A: number;
  readonly exponent: number;
  predict(x: number): number;
}

/**
 * Fits y = E + A·x^(−a) (a > 0 expected) by least squares on the loss with a multi-start grid (lib/fit,
 * hestnessModel) — the step law (x = steps) and the size law (x = parameters) of the pipeline.
 * @param x steps or parameter counts (> 0, ≥ 3 distinct)
 * @param y losses (> 0)
 * @returns E, A, exponent and a predictor
 * @throws InvalidInputError for bad input; InsufficientDataError for fewer than 3 distinct x
 * @example Math.round(fitPowerLaw([1e3, 2e3, 4e3, 8e3, 16e3], [1e3, 2e3, 4e3, 8e3, 16e3].map((s) => 2 + 30 * s ** -0.5)).predict(1e5) * 1e4) / 1e4 // => 2.0949
 * @see yeMixingCitation
 */
export function fitPowerLaw(x: ArrayLike<number>, y: ArrayLike<number>): SaturatingPowerFit {
  const fn = "mixing.nested.fitPowerLaw";
  if (!x || !y || x.length !== y.length) throw new InvalidInputError(fn, `x and y must have equal lengths, got ${x?.length} and ${y?.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0 && Number.isFinite(x[i]))) throw new InvalidInputError(fn, `x[${i}] = ${x[i]}; need finite x > 0`);
    if (!(y[i] > 0 && Number.isFinite(y[i]))) throw new InvalidInputError(fn, `y[${i}] = ${y[i]}; need finite y > 0`);
  }
  const distinct = new Set(Array.from(x)).size;
  if (distinct < 3) throw new InsufficientDataError(fn, 3, distinct, "the law has 3 parameters: give ≥ 3 distinct x");
  const minY = Math.min(...Array.from(y));
  const logScale = Math.log(Math.max(...Array.from(x)));
  const fit = fitModelSync(hestnessModel, Array.from(x), y, {
    objective: "mse", space: "linear", workers: 0,
    grid: { alpha: [0, 0.25, 0.5, 1].map((e) => e * logScale), betaG: [-1, -0.5, -0.25, -0.1], gamma: [0, 0.5, 0.9].map((f) => f * minY) },
  });
  const E = fit.params.gamma, A = fit.params.alpha, a = -fit.params.betaG;
  return displayResult(`${fn}: y = E + A·x^−exponent over ${x.length} points`, { E, A, exponent: a, predict: (v: number) => E + A * v ** -a });
}

/** One measured loss of a small run under a mixture. */
export interface NestedPipelineRun {
  /** Mixture id (runs of the same mixture share it). */
  readonly mixture: string | number;
  readonly r: readonly number[];
  /** Model size, parameters. */
  readonly N: number;
  readonly step: number;
  readonly loss: number;
}

/** Options of the nested pipeline (`mixing.nested.run`). */
export interface NestedPipelineOptions {
  /** Step to extrapolate each curve to (the large run's step). */
  readonly targetStep: number;
  /** Model size to extrapolate to. */
  readonly targetN: number;
  /** Steps used for the step law, inclusive (default all). */
  readonly stepRange?: readonly [number, number];
}

/** Output of the nested pipeline. */
export interface NestedPipelineResult {
  /** Per mixture: its proportions, the step-law predictions per size, and the size-law prediction at targetN. */
  readonly mixtures: { id: string | number; r: number[]; atTargetStep: { N: number; loss: number }[]; predicted: number }[];
  /** Mixing law fitted on the predicted target losses (params c, t1 … tK; predict with `mixing.ye.predict(r, law)`). */
  readonly law: FitResult<YeParam>;
}

/**
 * Runs the nested pipeline for one validation domain: step law per (mixture, size) → size law per mixture →
 * mixing law over mixtures.
 * @param runs small-model runs (several steps per size, ≥ 3 sizes per mixture, ≥ M + 1 mixtures)
 * @param options targetStep, targetN, stepRange
 * @returns per-mixture predictions and the fitted mixing law at the target scale
 * @throws InvalidInputError / InsufficientDataError naming the mixture or size that lacks data
 * @see yeMixingCitation
 */
export function runNested(runs: readonly NestedPipelineRun[], options: NestedPipelineOptions): NestedPipelineResult {
  const fn = "mixing.nested.run";
  if (!(options.targetStep > 0) || !(options.targetN > 0)) throw new InvalidInputError(fn, `targetStep = ${options.targetStep}, targetN = ${options.targetN}; both must be > 0`);
  const [lo, hi] = options.stepRange ?? [0, Infinity];
  const byMix = new Map<string | number, NestedPipelineRun[]>();
  for (const run of runs) {
    if (run.step < lo || run.step > hi) continue;
    byMix.set(run.mixture, [...(byMix.get(run.mixture) ?? []), run]);
  }
  if (byMix.size === 0) throw new InvalidInputError(fn, "no runs inside the step range", "check stepRange");
  const mixtures = [...byMix.entries()].map(([id, rs]) => {
    const sizes = [...new Set(rs.map((x) => x.N))].sort((a, b) => a - b);
    if (sizes.length < 3) throw new InsufficientDataError(fn, 3, sizes.length, `mixture ${id} has runs at ${sizes.length} model sizes; the size law needs ≥ 3`);
    const atTargetStep = sizes.map((N) => {
      const curve = rs.filter((x) => x.N === N);
      const steps = fitPowerLaw(curve.map((x) => x.step), curve.map((x) => x.loss));
      return { N, loss: steps.predict(options.targetStep) };
    });
    const size = fitPowerLaw(atTargetStep.map((x) => x.N), atTargetStep.map((x) => x.loss));
    return { id, r: [...rs[0].r], atTargetStep, predicted: size.predict(options.targetN) };
  });
  const law = fitMixtures(mixtures.map((m) => m.r), mixtures.map((m) => m.predicted));
  return displayResult(`${fn}: ${mixtures.length} mixtures predicted at N = ${options.targetN.toExponential(3)}, step ${options.targetStep}`, { mixtures, law });
}

/** Card of the nested pipeline (a procedure of three fits, not one formula). */
export const nestedCard = defineCard({
  id: "ye-nested-pipeline",
  api: "mixing.nested",
  name: "Nested scaling-law pipeline for mixtures (Ye et al. 2024)",
  topic: "mixing",
  latex: "L(S) = E + B S^{-\\beta} \\to L(N) = E + A N^{-\\alpha} \\to L(r) = c + \\exp\\big(\\textstyle\\sum_j t_j r_j\\big)",
  formula: "per mixture: step law E + B*S^(-beta) at each size → size law E + A*N^(-alpha) at the target step → mixing law c + exp(sum_j t_j r_j) over mixtures",
  variables: {
    S: "training steps", N: "parameters", r: "training mixture (Σ = 1)", L: "validation loss on one domain, nats/token",
  },
  citation: yeMixingCitation,
  status: "unverified",
  constants: [],
});

/**
 * Ye et al.'s nested pipeline: `run` (step law → size law → mixing law) and the saturating power law it fits twice.
 * @example Math.round(nested.fitPowerLaw([1, 2, 4, 8], [1, 2, 4, 8].map((x) => 1 + 2 / x)).predict(16) * 1e4) / 1e4 // => 1.125
 */
export const nested = { run: runNested, fitPowerLaw, card: nestedCard } as const;
