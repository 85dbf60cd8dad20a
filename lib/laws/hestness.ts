/**
 * Hestness et al. 2017: generalization error falls as a power law in training-set size down to an irreducible
 * floor, with a small-data region before and an irreducible-error region after the power-law region.
 */
import { assertPositive, InvalidInputError, type PublishedConstants } from "../core";
import { defineLaw, paramsOf, type ParamsLike } from "./law";
import { illustrativeConstants } from "./laws-internal";

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
 * The training-set size at which the power-law term has fallen to `ratio` × the irreducible error
 * (a practical start of the irreducible region): m = (ratio·gamma/alpha)^(1/beta_g).
 * @param p parameters with beta_g < 0 and gamma > 0
 * @param ratio reducible / irreducible error (> 0), default 0.01
 * @returns training-set size
 * @throws InvalidInputError unless beta_g < 0 and gamma > 0
 * @example laws.hestness.irreducibleOnset({ alpha: 10, betaG: -0.5, gamma: 0.1 }, 0.1) // => 1e6
 * @see hestnessCitation
 */
export function hestnessIrreducibleOnset(p: HestnessParams, ratio = 0.01): number {
  const fn = "laws.hestness.irreducibleOnset";
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
export const hestnessModel: Model<number, keyof HestnessParams> = {
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

type HestnessParamName = keyof HestnessParams;

/**
 * `laws.hestness`: the power-law learning curve eps(m) = alpha·m^beta_g + gamma as a Law over { m }.
 * @example laws.hestness.predict({ m: 1e6 }, { alpha: 10, betaG: -0.5, gamma: 0.1 }) // => 0.11
 */
export const hestness = defineLaw({
  id: "hestness",
  api: "laws.hestness",
  name: "Power-law learning curve (Hestness 2017)",
  topic: "loss",
  latex: "\\varepsilon(m) = \\alpha\\, m^{\\beta_g} + \\gamma",
  formula: "alpha * m^betaG + gamma",
  inputs: { m: "training-set size (tokens, examples)" },
  output: "generalization error or loss, the metric's units",
  params: hestnessModel.params,
  published: { example: illustrativeConstants(hestnessCitation, { alpha: 10, betaG: -0.5, gamma: 0.1 }, "Hestness's recalled exponents per domain are in laws.hestness.exponents.") },
  ranges: { m: [1e3, 1e10] },
  citation: hestnessCitation,
  status: "unverified",
  predict: (x: { m: number }, p) => p.alpha * x.m ** p.betaG + p.gamma,
  gradient: (x, p, g) => hestnessModel.valueAndGradient!([p.alpha, p.betaG, p.gamma], x.m, g),
}, {
  /** Learning-curve exponents beta_g per domain (recalled, unverified). */
  exponents: HESTNESS_EXPONENTS,
  /** Training-set size where the power-law term is `ratio` × the irreducible error (see hestnessIrreducibleOnset). */
  irreducibleOnset(params?: ParamsLike<HestnessParamName>, ratio = 0.01): number {
    const names: HestnessParamName[] = ["alpha", "betaG", "gamma"];
    return hestnessIrreducibleOnset(paramsOf("laws.hestness.irreducibleOnset", names, params ?? hestness.defaults), ratio);
  },
});
