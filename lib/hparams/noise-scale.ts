/**
 * McCandlish et al. 2018, "An Empirical Model of Large-Batch Training": the gradient noise scale and the
 * steps/examples trade-off. B_simple = tr(Σ)/|G|²; the optimal step ε_opt(B) = ε_max/(1 + B_noise/B); training at batch
 * B needs S = S_min(1 + B_noise/B) steps and E = E_min(1 + B/B_noise) examples, so (S/S_min − 1)(E/E_min − 1) = 1.
 */
import { assertPositive, defineCard, InvalidInputError } from "../core";
import { mccandlishCitation } from "../core/bibliography";



/**
 * The simple gradient noise scale B_simple = tr(Σ)/|G|² (equals B_noise when the Hessian is ∝ I).
 * @param p.traceSigma trace of the per-example gradient covariance (> 0); p.gradNormSq |G|² (> 0)
 * @returns B_simple, in examples
 * @throws InvalidInputError for non-positive inputs
 * @example hparams.criticalBatch.mccandlish.noiseScale({ traceSigma: 4, gradNormSq: 0.01 }) // => 400
 * @see mccandlishCitation
 */
export function mccandlishNoiseScale(p: { traceSigma: number; gradNormSq: number }): number {
  const fn = "hparams.criticalBatch.mccandlish.noiseScale";
  assertPositive(fn, "traceSigma", p.traceSigma);
  assertPositive(fn, "gradNormSq", p.gradNormSq);
  return p.traceSigma / p.gradNormSq;
}

/**
 * Optimal SGD step size at batch B relative to its large-batch limit: ε_opt/ε_max = 1/(1 + B_noise/B)
 * (the loss improvement per step ΔL_opt/ΔL_max has the same form).
 * @param p.B batch size (> 0); p.Bnoise noise scale, same unit (> 0)
 * @returns ε_opt/ε_max in (0, 1)
 * @throws InvalidInputError for non-positive inputs
 * @example hparams.criticalBatch.mccandlish.optimalStepFraction({ B: 100, Bnoise: 100 }) // => 0.5
 * @see mccandlishCitation
 */
export function mccandlishOptimalStepFraction(p: { B: number; Bnoise: number }): number {
  const fn = "hparams.criticalBatch.mccandlish.optimalStepFraction";
  assertPositive(fn, "B", p.B);
  assertPositive(fn, "Bnoise", p.Bnoise);
  return 1 / (1 + p.Bnoise / p.B);
}

/**
 * Steps and examples at batch B relative to their minima: S/S_min = 1 + B_noise/B, E/E_min = 1 + B/B_noise.
 * @param p.B batch size (> 0); p.Bnoise critical/noise batch, same unit (> 0)
 * @returns stepsOverMin and examplesOverMin; (stepsOverMin − 1)(examplesOverMin − 1) = 1
 * @throws InvalidInputError for non-positive inputs
 * @example hparams.criticalBatch.mccandlish.tradeoff({ B: 4, Bnoise: 1 }).examplesOverMin // => 5
 * @see mccandlishCitation
 */
export function mccandlishStepsExamplesTradeoff(p: { B: number; Bnoise: number }): { stepsOverMin: number; examplesOverMin: number } {
  const fn = "hparams.criticalBatch.mccandlish.tradeoff";
  assertPositive(fn, "B", p.B);
  assertPositive(fn, "Bnoise", p.Bnoise);
  return { stepsOverMin: 1 + p.Bnoise / p.B, examplesOverMin: 1 + p.B / p.Bnoise };
}

/**
 * Points on the steps/examples Pareto hyperbola for given S_min and E_min (B_crit = E_min/S_min).
 * @param p.Smin minimum steps; p.Emin minimum examples (or tokens); p.batches batch sizes in the unit of E/S
 * @returns rows { B, S, E }
 * @throws InvalidInputError for non-positive inputs or an empty batch list
 * @example hparams.criticalBatch.mccandlish.tradeoffCurve({ Smin: 100, Emin: 1e4, batches: [100] })[0].S // => 200
 * @see mccandlishCitation
 */
export function mccandlishTradeoffCurve(p: { Smin: number; Emin: number; batches: readonly number[] }): { B: number; S: number; E: number }[] {
  const fn = "hparams.criticalBatch.mccandlish.tradeoffCurve";
  assertPositive(fn, "Smin", p.Smin);
  assertPositive(fn, "Emin", p.Emin);
  if (!p.batches.length) throw new InvalidInputError(fn, "no batch sizes given");
  const Bcrit = p.Emin / p.Smin;
  return p.batches.map((B, i) => {
    assertPositive(fn, `batches[${i}]`, B);
    const S = p.Smin * (1 + Bcrit / B);
    return { B, S, E: S * B };
  });
}

/** Card of the McCandlish rules (no fitted constants): registers them in the catalogue (`help()`). */
export const mccandlishCard = defineCard({
  id: "mccandlish-noise-scale",
  name: "Gradient noise scale and the steps/examples trade-off",
  topic: "batch",
  latex: "B_{\\mathrm{simple}} = \\frac{\\mathrm{tr}\\,\\Sigma}{|G|^2},\\; \\epsilon_{\\mathrm{opt}} = \\frac{\\epsilon_{\\mathrm{max}}}{1 + B_{\\mathrm{noise}}/B},\\; \\left(\\frac{S}{S_{\\mathrm{min}}} - 1\\right)\\left(\\frac{E}{E_{\\mathrm{min}}} - 1\\right) = 1",
  formula: "Bsimple = tr(Sigma)/|G|^2; eps_opt = eps_max/(1 + Bnoise/B); S = Smin (1 + Bcrit/B); E = Emin (1 + B/Bcrit)",
  variables: { B: "batch size, examples", "Σ": "per-example gradient covariance", G: "true gradient", S: "optimizer steps", E: "examples processed = B·S" },
  citation: mccandlishCitation,
  status: "confirmed",
  api: "hparams.criticalBatch.mccandlish",
});

/**
 * McCandlish et al.'s gradient noise scale and steps/examples trade-off (formulas without fitted constants):
 * `noiseScale({ traceSigma, gradNormSq })`, `optimalStepFraction({ B, Bnoise })`, `tradeoff({ B, Bnoise })`,
 * `tradeoffCurve({ Smin, Emin, batches })`.
 * @example hparams.criticalBatch.mccandlish.tradeoff({ B: 100, Bnoise: 100 }).stepsOverMin // => 2
 */
export const mccandlish = {
  noiseScale: mccandlishNoiseScale,
  optimalStepFraction: mccandlishOptimalStepFraction,
  tradeoff: mccandlishStepsExamplesTradeoff,
  tradeoffCurve: mccandlishTradeoffCurve,
} as const;
