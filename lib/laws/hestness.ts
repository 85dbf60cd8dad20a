/**
 * Hestness et al. 2017: generalization error falls as a power law in training-set size down to an irreducible
 * floor, with a small-data region before and an irreducible-error region after the power-law region.
 */
import { assertFinite, assertPositive, defineCard, InvalidInputError, type Citation, type PublishedConstants } from "../core";

import type { Model } from "../fit/model";
import { hestnessCitation } from "../core/bibliography";

export interface HestnessParams {
  /** alpha: scale of the power-law region (> 0). */
  readonly alpha: number;
  /** beta_g: the learning-curve exponent (< 0 for a falling error). */
  readonly betaG: number;
  /** gamma: irreducible error, in the metric's units. */
  readonly gamma: number;
}


/** Learning-curve exponents per domain, as recalled (approximate; only beta_g is given). */
export const HESTNESS_EXPONENTS: readonly PublishedConstants<{ betaG: number }>[] = [
  { name: "Hestness 2017, word LM", params: { betaG: -0.066 }, status: "unverified", citation: hestnessCitation, note: "from memory, value to be checked against the PDF; error vs training-set size m (tokens)" },
  { name: "Hestness 2017, character LM", params: { betaG: -0.094 }, status: "unverified", citation: hestnessCitation, note: "from memory, value to be checked against the PDF" },
  { name: "Hestness 2017, NMT", params: { betaG: -0.128 }, status: "unverified", citation: hestnessCitation, note: "from memory, value to be checked against the PDF" },
];

/**
 * Power-law learning curve eps(m) = alpha·m^beta_g + gamma.
 * @param m training-set size (> 0)
 * @param p alpha > 0, beta_g, gamma
 * @returns generalization error (or loss) in the metric's units
 * @throws InvalidInputError for m ≤ 0 or invalid parameters
 * @example hestnessError(1e6, { alpha: 10, betaG: -0.5, gamma: 0.1 }) // => 0.11
 * @see hestnessCitation
 */
export function hestnessError(m: number, p: HestnessParams): number {
  const fn = "hestnessError";
  assertPositive(fn, "m", m);
  assertPositive(fn, "params.alpha", p.alpha);
  assertFinite(fn, "params.betaG", p.betaG);
  assertFinite(fn, "params.gamma", p.gamma);
  return p.alpha * m ** p.betaG + p.gamma;
}

/**
 * The training-set size at which the power-law term has fallen to `ratio` × the irreducible error
 * (a practical start of the irreducible region): m = (ratio·gamma/alpha)^(1/beta_g).
 * @param p parameters with beta_g < 0 and gamma > 0
 * @param ratio reducible / irreducible error (> 0), default 0.01
 * @returns training-set size
 * @throws InvalidInputError unless beta_g < 0 and gamma > 0
 * @example hestnessIrreducibleOnset({ alpha: 10, betaG: -0.5, gamma: 0.1 }, 0.1) // => 1e6
 * @see hestnessCitation
 */
export function hestnessIrreducibleOnset(p: HestnessParams, ratio = 0.01): number {
  const fn = "hestnessIrreducibleOnset";
  assertPositive(fn, "params.alpha", p.alpha);
  assertPositive(fn, "params.gamma", p.gamma);
  assertPositive(fn, "ratio", ratio);
  if (!(p.betaG < 0)) throw new InvalidInputError(fn, `params.betaG must be < 0 for a falling curve, got ${p.betaG}`);
  return ((ratio * p.gamma) / p.alpha) ** (1 / p.betaG);
}

/**
 * The Hestness learning curve as a Model over m > 0 (params alpha [log], betaG, gamma), analytic gradient.
 * @example hestnessModel.value([10, -0.5, 0.1], 1e6) // => 0.11
 * @see hestnessCitation
 */
export const hestnessModel: Model<number> = {
  id: "hestness",
  params: [
    { name: "alpha", transform: "log", description: "power-law scale" },
    { name: "betaG", description: "learning-curve exponent" },
    { name: "gamma", description: "irreducible error" },
  ],
  value: (th, m) => th[0] * m ** th[1] + th[2],
  valueAndGradient: (th, m, g) => {
    const t = m ** th[1];
    g[0] = t;
    g[1] = th[0] * t * Math.log(m);
    g[2] = 1;
    return th[0] * t + th[2];
  },
};

export const hestnessLaw = defineCard({
  id: "hestness",
  name: "Power-law learning curve (Hestness 2017)",
  topic: "loss",
  latex: "\\varepsilon(m) = \\alpha\\, m^{\\beta_g} + \\gamma",
  formula: "alpha * m^beta_g + gamma",
  variables: { m: "training-set size (tokens, examples)", "ε": "generalization error or loss", "γ": "irreducible error" },
  citation: hestnessCitation,
  status: "unverified",
  constants: HESTNESS_EXPONENTS,
  api: "hestnessError",
});
