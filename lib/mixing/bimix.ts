/**
 * BiMix (Ge et al. 2024): a bivariate law of validation loss in a domain's training proportion and training steps,
 * L_i(s, r_i) = A_i / r_i^α_i · (B_i / s^β_i + C_i). The count of five coefficients per domain is confirmed (paper
 * summary); the exact form is from memory and UNVERIFIED (project reference §11.2). No public implementation or
 * constants exist: the one constant set is this project's refit on Ye et al.'s public 3-domain runs.
 */
import { InvalidInputError } from "../core";
import { bimixCitation, yeMixingCitation } from "../core/bibliography";
import { defineLaw } from "../laws/law";

/** BiMix coefficients of one validation domain. */
export type BimixParam = "A" | "alpha" | "B" | "beta" | "C";

/** One observation for BiMix: steps s and the proportion r of the validation domain's own training domain. */
export interface BimixInputs {
  readonly s: number;
  readonly r: number;
}

/**
 * BiMix as a Law over { s, r } (form unverified, see the module note): L(s, r) = A / r^α · (B / s^β + C).
 * A is not identifiable: (A·k, B/k, C/k) gives the same loss for every k > 0, so a fit of all five coefficients has
 * a flat direction (an ill-conditioned Hessian, arbitrary A, meaningless SEs). The default fit holds A = 1 — the
 * gauge in which B and C carry the scale — rather than renaming the parameters, so the paper's five-coefficient form
 * and any set written in it still work (`predict` takes any A). A `fixed` you pass replaces the default (keep
 * `A: 1` in it). `fit(rows, L)` fits one domain (mean squared log error, multi-start grid); identify α with ≥ 2
 * distinct r and β with ≥ 2 distinct s.
 * @example bimix.predict({ s: 100, r: 0.5 }, { A: 1, alpha: 1, B: 100, beta: 1, C: 1 }) // => 4
 * @see bimixCitation
 */
export const bimix = defineLaw<BimixInputs, BimixParam>({
  id: "bimix",
  api: "mixing.bimix",
  name: "BiMix bivariate data mixing law (Ge et al. 2024)",
  topic: "mixing",
  latex: "L_i(s, r_i) = \\frac{A_i}{r_i^{\\alpha_i}} \\Big(\\frac{B_i}{s^{\\beta_i}} + C_i\\Big)",
  formula: "A / r^alpha * (B / s^beta + C)",
  inputs: { s: "training steps (data volume)", r: "training proportion of the domain itself (0 < r ≤ 1)" },
  output: "validation loss on the domain, nats/token",
  params: [
    { name: "A", transform: "log", description: "proportion scale" },
    { name: "alpha", description: "proportion exponent" },
    { name: "B", transform: "log", description: "step scale" },
    { name: "beta", description: "step exponent" },
    { name: "C", description: "step-independent factor" },
  ],
  published: {
    pileCC160M: {
      name: "Refit on Ye et al.'s 3Mix 160M runs, Pile-CC (this project; form unverified)",
      // The refit gave A = 2.588130, B = 44.15963, C = 1.108096; B and C are multiplied by that A (A = 1 gauge).
      params: { A: 1, alpha: 0.05026564, B: 114.2908632, beta: 0.5337075, C: 2.867896500 },
      status: "unverified",
      citation: { ...yeMixingCitation, where: "refit of data/3Mix/160M.txt, Pile-CC validation loss, every step 500–60000, r_PileCC > 0 (597 lines)" },
      note: "s in steps, r = Pile-CC proportion, loss nats/token. In the A = 1 gauge of the default fit: the refit's B and C " +
        "rescaled by its A = 2.588130, so predictions are unchanged. BiMix publishes no constants; unverified because the form is.",
    },
  },
  ranges: { s: [500, 60000], r: [0.25, 0.625] },
  citation: bimixCitation,
  status: "unverified",
  module: __filename,
  fitDefaults: {
    objective: "mse",
    fixed: { A: 1 },
    grid: { alpha: [0, 0.1, 0.5], B: [0, 3, 6], beta: [0.2, 0.6], C: [0.5, 1, 2] },
  },
  predict: (x, p) => {
    if (!(x.r <= 1)) throw new InvalidInputError("mixing.bimix.predict", `r = ${x.r}; the proportion must be in (0, 1] (the law diverges at r = 0)`);
    return (p.A / x.r ** p.alpha) * (p.B / x.s ** p.beta + p.C);
  },
  gradient: (x, p, g) => {
    const pr = p.A / x.r ** p.alpha;
    const sp = p.B / x.s ** p.beta;
    const f = pr * (sp + p.C);
    g[0] = f / p.A;
    g[1] = -f * Math.log(x.r);
    g[2] = pr / x.s ** p.beta;
    g[3] = -pr * sp * Math.log(x.s);
    g[4] = pr;
    return f;
  },
});
