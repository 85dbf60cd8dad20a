/**
 * How to Scale Your EMA (Busbridge et al. 2023): when the batch grows by κ, set the model-EMA momentum ρ → ρ^κ
 * (and scale the optimizer with its own rule: linear for SGD, square root for Adam).
 */
import { assertPositive, defineCard, InvalidInputError } from "../core";
import { emaScalingCitation } from "../core/bibliography";



/**
 * EMA momentum for a batch scaled by κ: ρ^κ.
 * @param p.rho momentum at the base batch, in [0, 1]; p.kappa batch scale factor (> 0)
 * @returns the momentum at κ × the batch
 * @throws InvalidInputError for ρ outside [0, 1] or κ ≤ 0
 * @example hparams.ema.scaleMomentum({ rho: 0.999, kappa: 8 }) // => 0.99202794
 * @see emaScalingCitation
 */
export function scaleEmaMomentum(p: { rho: number; kappa: number }): number {
  const fn = "hparams.ema.scaleMomentum";
  if (!(p.rho >= 0 && p.rho <= 1)) throw new InvalidInputError(fn, `rho must be in [0, 1], got ${p.rho}`);
  assertPositive(fn, "kappa", p.kappa);
  return p.rho ** p.kappa;
}

/** Card of the EMA rule (no fitted constants): registers it in the catalogue (`help()`). */
export const emaCard = defineCard({
  id: "ema-scaling",
  name: "EMA momentum scaling with batch size",
  topic: "batch",
  latex: "\\rho(\\kappa B) = \\rho(B)^{\\kappa}",
  formula: "rho^kappa",
  variables: { "ρ": "model EMA momentum", "κ": "batch-size scale factor" },
  citation: emaScalingCitation,
  status: "confirmed",
  api: "hparams.ema",
});

/**
 * EMA momentum under batch scaling (Busbridge et al. 2023): `scaleMomentum({ rho, kappa })` = ρ^κ.
 * @example hparams.ema.scaleMomentum({ rho: 0.99, kappa: 2 }) // => 0.9801
 */
export const ema = { scaleMomentum: scaleEmaMomentum } as const;
