/**
 * Henighan et al. 2020: across modalities, loss = irreducible loss (entropy of the data) + a reducible power law
 * in model size or compute (the reducible part estimates the KL divergence to the true distribution).
 */
import { assertFinite, assertPositive, defineCard, type Citation, type PublishedConstants } from "../core";

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
 * Loss with an irreducible term, L(x) = L_inf + (x_0/x)^alpha_x, for x = parameters N or compute C.
 * @param x parameters or compute (> 0), same units as x_0
 * @param p L_inf, x_0 > 0, alpha_x > 0
 * @returns loss in the domain's units (nats per token for language)
 * @throws InvalidInputError for x ≤ 0 or invalid parameters
 * @example henighanLoss(1e10, { Linf: 1.5, x0: 1e8, alphaX: 0.5 }) // => 1.6
 * @see henighanCitation
 */
export function henighanLoss(x: number, p: HenighanParams): number {
  const fn = "henighanLoss";
  assertPositive(fn, "x", x);
  assertFinite(fn, "params.Linf", p.Linf);
  assertPositive(fn, "params.x0", p.x0);
  assertPositive(fn, "params.alphaX", p.alphaX);
  return p.Linf + (p.x0 / x) ** p.alphaX;
}

/**
 * Reducible loss (x_0/x)^alpha_x: the estimated KL divergence between the model and the data distribution.
 * @example henighanReducibleLoss(1e10, { Linf: 1.5, x0: 1e8, alphaX: 0.5 }) // => 0.1
 * @see henighanCitation
 */
export function henighanReducibleLoss(x: number, p: HenighanParams): number {
  return henighanLoss(x, p) - p.Linf;
}

/**
 * Henighan's form as a Model over x > 0 (params Linf, x0 [log], alphaX [log]), analytic gradient.
 * @example henighanModel.value([1.5, 1e8, 0.5], 1e10) // => 1.6
 * @see henighanCitation
 */
export const henighanModel: Model<number> = {
  id: "henighan",
  params: [
    { name: "Linf", description: "irreducible loss" },
    { name: "x0", transform: "log", description: "scale" },
    { name: "alphaX", transform: "log", description: "exponent" },
  ],
  value: (th, x) => th[0] + (th[1] / x) ** th[2],
  valueAndGradient: (th, x, g) => {
    const r = (th[1] / x) ** th[2];
    g[0] = 1;
    g[1] = (th[2] * r) / th[1];
    g[2] = r * Math.log(th[1] / x);
    return th[0] + r;
  },
};

export const henighanLaw = defineCard({
  id: "henighan",
  name: "Irreducible + reducible power law (Henighan 2020)",
  topic: "loss",
  latex: "L(x) = L_\\infty + \\left(\\frac{x_0}{x}\\right)^{\\alpha_x}",
  formula: "Linf + (x0/x)^alpha_x",
  variables: { x: "parameters N or compute C (PF-days)", L: "loss, nats/token (language)", "L_∞": "irreducible loss (data entropy)" },
  citation: henighanCitation,
  status: "unverified",
  constants: [HENIGHAN_LANGUAGE_COMPUTE_EXPONENT],
  api: "henighanLoss",
});
