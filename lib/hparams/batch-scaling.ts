/**
 * Baseline learning-rate rules for a batch scaled by κ: linear for SGD (Goyal et al. 2017: η → κη, below the critical
 * batch, with warmup) and square root for Adam (Malladi et al. 2022: η → √κ·η; the β and ε map
 * 1 − β → κ(1 − β), ε → ε/√κ is from memory and UNVERIFIED).
 */
import { assertPositive, defineCard, displayResult, InvalidInputError } from "../core";
import { goyalCitation, malladiCitation } from "../core/bibliography";




/**
 * Linear scaling rule (SGD): η → κ·η when B → κ·B.
 * @param p.lr LR at the base batch (> 0); p.kappa batch factor (> 0)
 * @returns the LR at κ × the batch
 * @throws InvalidInputError for non-positive input
 * @example hparams.batchScaling.sgdLinear({ lr: 0.1, kappa: 32 }) // => 3.2
 * @see goyalCitation
 */
export function sgdLinearBatchScaling(p: { lr: number; kappa: number }): number {
  assertPositive("hparams.batchScaling.sgdLinear", "lr", p.lr);
  assertPositive("hparams.batchScaling.sgdLinear", "kappa", p.kappa);
  return p.lr * p.kappa;
}

/** Adam hyperparameters after square-root scaling; `warnings` lists β values that had to be clamped. */
export interface AdamScaled {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly warnings: readonly string[];
}

/**
 * Square-root scaling rule (Adam): η → √κ·η, 1 − β → κ(1 − β), ε → ε/√κ (β/ε map UNVERIFIED). A β whose
 * 1 − κ(1 − β) would be ≤ 0 is clamped to 0 and reported in `warnings`.
 * @param p lr, beta1, beta2, eps at the base batch; kappa the batch factor
 * @returns lr, beta1, beta2, eps and warnings
 * @throws InvalidInputError for non-positive lr/eps/kappa or β outside [0, 1)
 * @example hparams.batchScaling.adamSqrt({ lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, kappa: 4 }).lr // => 2e-3
 * @see malladiCitation
 */
export function adamSqrtBatchScaling(p: { lr: number; beta1: number; beta2: number; eps: number; kappa: number }): AdamScaled {
  const fn = "hparams.batchScaling.adamSqrt";
  assertPositive(fn, "lr", p.lr);
  assertPositive(fn, "eps", p.eps);
  assertPositive(fn, "kappa", p.kappa);
  const warnings: string[] = [];
  const beta = (name: string, b: number) => {
    if (!(b >= 0 && b < 1)) throw new InvalidInputError(fn, `${name} must be in [0, 1), got ${b}`);
    const v = 1 - p.kappa * (1 - b);
    if (v <= 0) {
      warnings.push(`${name}: 1 − κ(1 − β) = ${v.toPrecision(3)} ≤ 0, clamped to 0 (κ = ${p.kappa} is too large for the rule)`);
      return 0;
    }
    return v;
  };
  return displayResult(`${fn}: Adam hyperparameters at κ = ${p.kappa} × the batch`, { lr: p.lr * Math.sqrt(p.kappa), beta1: beta("beta1", p.beta1), beta2: beta("beta2", p.beta2), eps: p.eps / Math.sqrt(p.kappa), warnings });
}

/** Card of the rule (no fitted constants): registers it in the catalogue (`help()`). */
export const sgdLinearCard = defineCard({
  id: "sgd-linear-batch-scaling",
  name: "Linear LR scaling rule for SGD",
  topic: "batch",
  latex: "\\eta(\\kappa B) = \\kappa\\,\\eta(B)",
  formula: "lr * kappa",
  variables: { "η": "learning rate", "κ": "batch-size scale factor" },
  citation: goyalCitation,
  status: "confirmed",
  api: "hparams.batchScaling.sgdLinear",
});

/** Card of the rule (no fitted constants): registers it in the catalogue (`help()`). */
export const adamSqrtCard = defineCard({
  id: "adam-sqrt-batch-scaling",
  name: "Square-root LR scaling rule for Adam (β/ε map unverified)",
  topic: "batch",
  latex: "\\eta \\to \\sqrt{\\kappa}\\,\\eta,\\; 1 - \\beta_i \\to \\kappa (1 - \\beta_i),\\; \\epsilon \\to \\epsilon/\\sqrt{\\kappa}",
  formula: "lr * sqrt(kappa); 1 - beta -> kappa (1 - beta); eps / sqrt(kappa)",
  variables: { "η": "learning rate", "β1, β2": "Adam moment decays", "ε": "Adam epsilon", "κ": "batch-size scale factor" },
  citation: malladiCitation,
  status: "unverified",
  api: "hparams.batchScaling.adamSqrt",
});

/**
 * Learning-rate rules for a batch scaled by κ: `sgdLinear({ lr, kappa })` (Goyal et al.) and
 * `adamSqrt({ lr, beta1, beta2, eps, kappa })` (Malladi et al.; β/ε map unverified).
 * @example hparams.batchScaling.sgdLinear({ lr: 0.1, kappa: 4 }) // => 0.4
 */
export const batchScaling = { sgdLinear: sgdLinearBatchScaling, adamSqrt: adamSqrtBatchScaling } as const;
