/**
 * BiMix (Ge et al. 2024): a bivariate law of validation loss in a domain's training proportion and training steps,
 * L_i(s, r_i) = A_i / r_i^α_i · (B_i / s^β_i + C_i). The count of five coefficients per domain is confirmed (paper
 * summary); the exact form is from memory and UNVERIFIED (project reference §11.2). No public implementation or data
 * exist; this one is fitted through lib/fit like every other law.
 */
import { defineCard, InsufficientDataError, InvalidInputError, assertPositive } from "../core";

import type { Model } from "../fit/model";
import { fitModelSync } from "../fit/fit";

import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";
import { bimixCitation } from "../core/bibliography";

/** BiMix coefficients of one validation domain. */
export interface BimixParams {
  readonly A: number;
  readonly alpha: number;
  readonly B: number;
  readonly beta: number;
  readonly C: number;
}

/** One observation for BiMix: steps s and the proportion r of the validation domain's own training domain. */
export interface BimixRow {
  readonly s: number;
  readonly r: number;
}

/**
 * BiMix loss (form unverified, see module note): L(s, r) = A / r^α · (B / s^β + C).
 * @param s training steps (> 0)
 * @param r training proportion of the domain (0 < r ≤ 1)
 * @param p A, alpha, B, beta, C
 * @returns loss, nats/token
 * @throws InvalidInputError for s ≤ 0, r outside (0, 1] or non-positive A, B
 * @example bimixLoss(100, 0.5, { A: 1, alpha: 1, B: 100, beta: 1, C: 1 }) // => 4
 * @see bimixCitation
 */
export function bimixLoss(s: number, r: number, p: BimixParams): number {
  const fn = "bimixLoss";
  assertPositive(fn, "s", s);
  if (!(r > 0 && r <= 1)) throw new InvalidInputError(fn, `r = ${r}; the proportion must be in (0, 1] (the law diverges at r = 0)`);
  assertPositive(fn, "A", p.A);
  assertPositive(fn, "B", p.B);
  for (const k of ["alpha", "beta", "C"] as const) {
    if (!Number.isFinite(p[k])) throw new InvalidInputError(fn, `${k} = ${p[k]} is not finite`);
  }
  return (p.A / r ** p.alpha) * (p.B / s ** p.beta + p.C);
}

/**
 * BiMix as a Model over rows {s, r} (A, B log-transformed; analytic gradient).
 * @example bimixModel.value([1, 1, 100, 1, 1], { s: 100, r: 0.5 }) // => 4
 * @see bimixCitation
 */
export const bimixModel: Model<BimixRow> = {
  id: "bimix",
  params: [
    { name: "A", transform: "log", description: "proportion scale" },
    { name: "alpha", description: "proportion exponent" },
    { name: "B", transform: "log", description: "step scale" },
    { name: "beta", description: "step exponent" },
    { name: "C", description: "step-independent factor" },
  ],
  value: (th, x) => (th[0] / x.r ** th[1]) * (th[2] / x.s ** th[3] + th[4]),
  valueAndGradient: (th, x, g) => {
    const pr = th[0] / x.r ** th[1];
    const sp = th[2] / x.s ** th[3];
    const inner = sp + th[4];
    const f = pr * inner;
    g[0] = f / th[0];
    g[1] = -f * Math.log(x.r);
    g[2] = (pr * sp) / th[2];
    g[3] = -pr * sp * Math.log(x.s);
    g[4] = pr;
    return f;
  },
};

/** A fitted BiMix law of one validation domain. */
export interface BimixFit {
  readonly params: BimixParams;
  readonly fit: FitResult;
  predict(s: number, r: number): number;
}

/**
 * Fits BiMix to (steps, proportion, loss) runs of one validation domain (log-space least squares, multi-start).
 * @param rows steps s > 0 and proportion 0 < r ≤ 1 of the domain's own training data
 * @param L losses (> 0)
 * @param options engine options (grid is set here)
 * @returns parameters, engine result, predictor
 * @throws InvalidInputError for bad rows; InsufficientDataError for fewer than 5 runs or fewer than 2 distinct r or s
 * @example Math.round(fitBimix([1, 2, 4, 8].flatMap((s) => [0.25, 0.5, 1].map((r) => ({ s: s * 1000, r }))), [1, 2, 4, 8].flatMap((s) => [0.25, 0.5, 1].map((r) => bimixLoss(s * 1000, r, { A: 1, alpha: 0.1, B: 30, beta: 0.5, C: 2 })))).params.alpha * 1000) / 1000 // => 0.1
 * @see bimixCitation
 */
export function fitBimix(rows: readonly BimixRow[], L: ArrayLike<number>, options: FitOptions = {}): BimixFit {
  const fn = "fitBimix";
  if (!Array.isArray(rows as unknown) || rows.length === 0) throw new InvalidInputError(fn, "rows must be a non-empty array of { s, r }");
  rows.forEach((x, i) => {
    if (!(x.s > 0 && Number.isFinite(x.s))) throw new InvalidInputError(fn, `rows[${i}].s = ${x.s}; steps must be finite and > 0`);
    if (!(x.r > 0 && x.r <= 1)) throw new InvalidInputError(fn, `rows[${i}].r = ${x.r}; proportions must be in (0, 1]`, "drop runs without the domain (BiMix diverges at r = 0)");
  });
  if (!L || L.length !== rows.length) throw new InvalidInputError(fn, `need one loss per row; got ${rows.length} rows and ${L?.length ?? 0} losses`);
  if (rows.length < 5) throw new InsufficientDataError(fn, 5, rows.length, "BiMix has 5 coefficients per domain");
  const distinct = (k: "s" | "r") => new Set(rows.map((x) => x[k])).size;
  if (distinct("r") < 2) throw new InsufficientDataError(fn, 2, distinct("r"), "need ≥ 2 distinct proportions r to identify alpha");
  const fit = fitModelSync(bimixModel, rows, L, {
    objective: "mse", workers: 0, ...options,
    grid: { A: [-1, 0, 1], alpha: [0, 0.1, 0.5], B: [0, 3, 6], beta: [0.2, 0.6], C: [0.5, 1, 2] },
  });
  const params: BimixParams = { A: fit.params.A, alpha: fit.params.alpha, B: fit.params.B, beta: fit.params.beta, C: fit.params.C };
  return { params, fit, predict: (s, r) => bimixLoss(s, r, params) };
}

export const bimixLaw = defineCard({
  id: "bimix",
  name: "BiMix bivariate data mixing law (Ge et al. 2024)",
  topic: "mixing",
  latex: "L_i(s, r_i) = \\frac{A_i}{r_i^{\\alpha_i}} \\Big(\\frac{B_i}{s^{\\beta_i}} + C_i\\Big)",
  formula: "A_i / r_i^alpha_i * (B_i / s^beta_i + C_i)",
  variables: {
    s: "training steps (data volume)",
    "r_i": "training proportion of domain i (0 < r_i ≤ 1)",
    "L_i": "validation loss on domain i, nats/token",
  },
  citation: bimixCitation,
  status: "unverified",
  api: "bimixLoss",
});
