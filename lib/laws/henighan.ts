/**
 * Henighan et al. 2020: across modalities, loss = irreducible loss (entropy of the data) + a reducible power law
 * in model size or compute (the reducible part estimates the KL divergence to the true distribution).
 */
import type { PublishedConstants } from "../core";
import { defineLaw, paramsOf, type ParamsLike } from "./law";
import { illustrativeConstants } from "./laws-internal";

import type { Model } from "../fit/model";
import { henighanCitation } from "../core/bibliography";

export interface HenighanParams {
  /** L_inf: irreducible loss, nats/token (or per pixel/bit as in the domain). */
  readonly Linf: number;
  /** x_0: scale of x at which the reducible loss is 1 nat (> 0). */
  readonly x0: number;
  /** alpha_x: exponent of the reducible loss (> 0). */
  readonly alphaX: number;
}


/** Exponent for language, as recalled; x_0 and L_inf per domain are in their Table 1 (not transcribed). */
export const HENIGHAN_LANGUAGE_COMPUTE_EXPONENT: PublishedConstants<{ alphaX: number }> = {
  name: "Henighan 2020, language L(C) exponent",
  params: { alphaX: 0.048 },
  status: "unverified",
  citation: henighanCitation,
  note: "from memory (matches Kaplan's alpha_C ≈ 0.05), value to be checked against the PDF; C in PF-days",
};

/**
 * Henighan's form as a Model over x > 0 (params Linf, x0 [log], alphaX [log]), analytic gradient.
 * @example henighanModel.value([1.5, 1e8, 0.5], { x: 1e10 }) // => 1.6
 * @see henighanCitation
 */
export const henighanModel: Model<{ x: number }, keyof HenighanParams> = {
  id: "henighan",
  params: [
    { name: "Linf", description: "irreducible loss" },
    { name: "x0", transform: "log", description: "scale" },
    { name: "alphaX", transform: "log", description: "exponent" },
  ],
  value: (th, { x }) => th[0] + (th[1] / x) ** th[2],
  valueAndGradient: (th, { x }, g) => {
    const r = (th[1] / x) ** th[2];
    g[0] = 1;
    g[1] = (th[2] * r) / th[1];
    g[2] = r * Math.log(th[1] / x);
    return th[0] + r;
  },
};

const NAMES: readonly (keyof HenighanParams)[] = ["Linf", "x0", "alphaX"];

/**
 * `laws.henighan`: L(x) = L_inf + (x_0/x)^alpha_x over { x } (parameters N or compute C).
 * @example laws.henighan.predict({ x: 1e10 }, { Linf: 1.5, x0: 1e8, alphaX: 0.5 }) // => 1.6
 * @example laws.henighan.reducible({ x: 1e10 }, { Linf: 1.5, x0: 1e8, alphaX: 0.5 }) // => 0.1
 */
export const henighan = defineLaw({
  id: "henighan",
  api: "laws.henighan",
  name: "Irreducible + reducible power law (Henighan 2020)",
  topic: "loss",
  latex: "L(x) = L_\\infty + \\left(\\frac{x_0}{x}\\right)^{\\alpha_x}",
  formula: "Linf + (x0 / x)^alphaX",
  inputs: { x: "parameters N or compute C (PF-days), same units as x0" },
  output: "loss, nats/token (language)",
  params: henighanModel.params,
  published: { example: illustrativeConstants(henighanCitation, { Linf: 1.5, x0: 1e8, alphaX: 0.5 }, "The recalled language compute exponent is laws.henighan.languageComputeExponent.") },
  ranges: { x: [1e6, 1e12] },
  citation: henighanCitation,
  status: "unverified",
  predict: (x: { x: number }, p) => p.Linf + (p.x0 / x.x) ** p.alphaX,
  model: henighanModel,
}, {
  /** Language L(C) exponent as recalled (unverified). */
  languageComputeExponent: HENIGHAN_LANGUAGE_COMPUTE_EXPONENT,
  /** Reducible loss (x_0/x)^alpha_x: the estimated KL divergence between the model and the data distribution. */
  reducible(x: { x: number }, params?: ParamsLike<keyof HenighanParams>): number {
    const p = paramsOf("laws.henighan.reducible", NAMES, params ?? henighan.defaults);
    return henighan.evaluate(x, p) - p.Linf;
  },
});
