/**
 * Hoffmann et al. 2022 ("Chinchilla"), Approach 3: the parametric loss L(N, D) = E + A/N^α + B/D^β, its
 * compute-optimal allocation under C = 6ND, the published constants and Besiroglu et al. 2024's refits, the start
 * grids, and the hand-tuned fitting Model (analytic gradients; log-sum-exp evaluation of log L).
 * The public Law object (`laws.chinchilla`) is assembled in ./chinchilla-law.ts.
 */
import { assertPositive, InvalidInputError, type PublishedConstants } from "../core";
import { registerFitModel, type Model } from "../fit/model";
import { chinchillaCitation, besiroglu2024Citation } from "../core/bibliography";

/** The Chinchilla law's parameter names, in fitting order. */
export type ChinchillaParamName = "E" | "A" | "B" | "alpha" | "beta";

/** Parameters of the Chinchilla loss surface. */
export interface ChinchillaParams {
  /** Irreducible loss, nats/token. */
  readonly E: number;
  /** Parameter-term scale, nats·params^α. */
  readonly A: number;
  /** Data-term scale, nats·tokens^β. */
  readonly B: number;
  /** Parameter exponent. */
  readonly alpha: number;
  /** Data exponent. */
  readonly beta: number;
}

/** One observation's inputs: N parameters, D training tokens. */
export interface ChinchillaRow {
  readonly N: number;
  readonly D: number;
}

const NOTE = "N = total parameters, D = training tokens, C ≈ 6ND FLOP; loss in nats/token on MassiveText.";

/**
 * Hoffmann et al.'s published Approach-3 constants as printed (rounded).
 * @example laws.chinchilla.published.hoffmann.params.A // => 406.4
 */
export const CHINCHILLA_APPROACH3: PublishedConstants<ChinchillaParams> = {
  name: "Hoffmann et al. 2022, Approach 3 (rounded, as published)",
  params: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
  status: "confirmed",
  citation: chinchillaCitation,
  note: NOTE,
};

/**
 * The unrounded Approach-3 constants Besiroglu et al. test against (their `true_params`: a, b, e in logs).
 * Their provenance inside Hoffmann et al. is not verified here; the values themselves are confirmed from the notebook.
 * @example laws.chinchilla.published.hoffmannUnrounded.params.alpha // => 0.33917084
 */
export const CHINCHILLA_APPROACH3_UNROUNDED: PublishedConstants<ChinchillaParams> = {
  name: "Hoffmann et al. 2022, Approach 3 (unrounded, Epoch `true_params`)",
  params: { E: Math.exp(0.5267228), A: Math.exp(6.0073404), B: Math.exp(6.0179186), alpha: 0.33917084, beta: 0.2849083 },
  status: "confirmed",
  citation: { ...besiroglu2024Citation, where: "data_analysis.ipynb `true_params` = [6.0073404, 6.0179186, 0.5267228, 0.33917084, 0.2849083]" },
  note: NOTE + " Use these, not the rounded set, when reproducing Approach-3 allocation (a = 0.4565 vs 0.4516).",
};

/**
 * Besiroglu et al. 2024's refit on their extracted data (240 points): Huber likelihood with free scale, BFGS.
 * @example laws.chinchilla.published.besiroglu.params.B // => 2085.4342
 */
export const BESIROGLU_REFIT: PublishedConstants<ChinchillaParams> = {
  name: "Besiroglu et al. 2024 refit (Huber likelihood)",
  params: { E: Math.exp(0.59711196), A: Math.exp(6.17795598), B: Math.exp(7.64273236), alpha: 0.34781303, beta: 0.36585412 },
  status: "confirmed",
  citation: { ...besiroglu2024Citation, where: "Table 1; log-space a = 6.17795598, b = 7.64273236, e = 0.59711196 from data_analysis.ipynb" },
  note: "Fitted to the 240 lowest-loss points of Chinchilla Fig. 4 as extracted by Epoch; D = C/(6N). SEs (bootstrap, 4000): A 124.52, B 1293.28, E 0.0257, α 0.0154, β 0.0206.",
};

/**
 * Besiroglu et al.'s rerun of Hoffmann's own procedure (4,500-start grid, L-BFGS-B, Huber δ = 1e-3, sum).
 * @example laws.chinchilla.published.besirogluGrid.params.E // => 1.8172
 */
export const BESIROGLU_HOFFMANN_GRID_REFIT: PublishedConstants<ChinchillaParams> = {
  name: "Besiroglu et al. 2024, Hoffmann's grid + L-BFGS-B on the extracted data",
  params: { E: 1.8172, A: 477.84, B: 2143.86, alpha: 0.34731, beta: 0.36718 },
  status: "confirmed",
  citation: { ...besiroglu2024Citation, where: "data_analysis.ipynb, \"Replicate exactly\" cell output (objective 1.01827e-3)" },
  note: "Rounded as printed in the notebook.",
};

/**
 * Hoffmann et al.'s Approach-3 start grid in scale coordinates (e = log E, a = log A, b = log B):
 * α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25} — 4,500 starts.
 * @example Object.values(laws.chinchilla.grids.hoffmann).reduce((n, v) => n * v.length, 1) // => 4500
 */
export const HOFFMANN_GRID: Readonly<Record<ChinchillaParamName, readonly number[]>> = {
  E: [-1, -0.5, 0, 0.5, 1],
  A: [0, 5, 10, 15, 20, 25],
  B: [0, 5, 10, 15, 20, 25],
  alpha: [0, 0.5, 1, 1.5, 2],
  beta: [0, 0.5, 1, 1.5, 2],
};

/**
 * A coarse default grid (243 starts) in scale coordinates: e ∈ {−1, 0, 1}, a, b ∈ {0, 10, 20}, α, β ∈ {0.5, 1, 1.5}.
 * @example Object.values(laws.chinchilla.grids.default).reduce((n, v) => n * v.length, 1) // => 243
 */
export const CHINCHILLA_DEFAULT_GRID: Readonly<Record<ChinchillaParamName, readonly number[]>> = {
  E: [-1, 0, 1],
  A: [0, 10, 20],
  B: [0, 10, 20],
  alpha: [0.5, 1, 1.5],
  beta: [0.5, 1, 1.5],
};

/** Throws unless the constants make a decreasing loss surface (E ≥ 0; A, B, α, β > 0). */
export function checkChinchillaParams(fn: string, p: ChinchillaParams): void {
  if (!p || typeof p !== "object") throw new InvalidInputError(fn, "params must be an object { E, A, B, alpha, beta }");
  if (!(Number.isFinite(p.E) && p.E >= 0)) throw new InvalidInputError(fn, `params.E must be finite and ≥ 0, got ${p.E}`);
  for (const k of ["A", "B", "alpha", "beta"] as const) assertPositive(fn, `params.${k}`, p[k]);
}

/**
 * Chinchilla loss L(N, D) = E + A/N^α + B/D^β, nats/token: the one implementation (laws.chinchilla.predict
 * validates the inputs, then calls this).
 * @example chinchillaLoss(CHINCHILLA_APPROACH3.params, 70e9, 1.4e12) // => 1.93665
 */
export function chinchillaLoss(p: ChinchillaParams, N: number, D: number): number {
  return p.E + p.A / N ** p.alpha + p.B / D ** p.beta;
}

/** Compute-optimal allocation of a FLOP budget. */
export interface ChinchillaOptimum {
  /** Loss-optimal parameters. */
  readonly N: number;
  /** Loss-optimal tokens. */
  readonly D: number;
  /** D / N. */
  readonly tokensPerParam: number;
  /** Loss at (N, D). */
  readonly loss: number;
  /** Exponent a = β/(α+β): N_opt ∝ C^a. */
  readonly a: number;
  /** Exponent b = α/(α+β): D_opt ∝ C^b. */
  readonly b: number;
}

/**
 * Closed-form compute-optimal N and D under C = k·N·D (k = 6): with G = (αA/(βB))^{1/(α+β)},
 * N_opt = G (C/k)^{β/(α+β)}, D_opt = G⁻¹ (C/k)^{α/(α+β)}. Public as `laws.chinchilla.optimal(C, params?)`.
 * @param p constants
 * @param C training FLOP budget (> 0)
 * @param flopsPerParamToken k in C = kND (default 6)
 * @param fn the public name, for errors
 * @returns N, D, tokens per parameter, loss and the exponents a, b
 * @example laws.chinchilla.optimal(5.76e23).N / 1e10 // => 3.219
 * @example laws.chinchilla.optimal(5.76e23, laws.chinchilla.published.besiroglu).tokensPerParam // => 18.34
 * @see Hoffmann et al. 2022 Eq. 4; epoch-research/analyzing-chinchilla `compute_optimal_allocation`
 */
export function chinchillaOptimal(p: ChinchillaParams, C: number, flopsPerParamToken = 6, fn = "laws.chinchilla.optimal"): ChinchillaOptimum {
  checkChinchillaParams(fn, p);
  assertPositive(fn, "C", C);
  assertPositive(fn, "flopsPerParamToken", flopsPerParamToken);
  const s = p.alpha + p.beta;
  const a = p.beta / s;
  const b = p.alpha / s;
  const logG = (Math.log(p.alpha * p.A) - Math.log(p.beta * p.B)) / s;
  const logC = Math.log(C / flopsPerParamToken);
  const N = Math.exp(logG + a * logC);
  const D = Math.exp(-logG + b * logC);
  return { N, D, tokensPerParam: D / N, loss: p.E + p.A / N ** p.alpha + p.B / D ** p.beta, a, b };
}

/**
 * The Chinchilla law as a fittable Model over rows { N, D }: parameters E, A, B on log scales (e, a, b in the
 * papers), α, β linear. log L is evaluated as LSE(a − α log N, b − β log D, e) (Besiroglu et al.'s form), stable
 * for any e, a, b.
 * @example chinchillaModel.value([1.69, 406.4, 410.7, 0.34, 0.28], { N: 70e9, D: 1.4e12 }) // => 1.93665
 */
export const chinchillaModel: Model<ChinchillaRow, ChinchillaParamName> = registerFitModel<ChinchillaRow, ChinchillaParamName>({
  id: "chinchilla",
  module: __filename,
  params: [
    { name: "E", transform: "log", description: "irreducible loss, nats/token" },
    { name: "A", transform: "log", description: "parameter-term scale" },
    { name: "B", transform: "log", description: "data-term scale" },
    { name: "alpha", description: "parameter exponent" },
    { name: "beta", description: "data exponent" },
  ],
  value(t, x) {
    return t[0] + t[1] * x.N ** -t[3] + t[2] * x.D ** -t[4];
  },
  valueAndGradient(t, x, g) {
    const nTerm = x.N ** -t[3];
    const dTerm = x.D ** -t[4];
    g[0] = 1;
    g[1] = nTerm;
    g[2] = dTerm;
    g[3] = -t[1] * nTerm * Math.log(x.N);
    g[4] = -t[2] * dTerm * Math.log(x.D);
    return t[0] + t[1] * nTerm + t[2] * dTerm;
  },
  bindLog(rows) {
    const logN = Float64Array.from(rows, (r) => Math.log(r.N));
    const logD = Float64Array.from(rows, (r) => Math.log(r.D));
    // s = [e, a, b, α, β]; d log L / ds are the softmax weights of the three terms. Shifting by e saves one
    // exp per row; the max-shift is used only where a term would overflow.
    return (s, idx, count, lf, g) => {
      const e = s[0], a = s[1], b = s[2], alpha = s[3], beta = s[4];
      for (let k = 0, o = 0; k < count; k++, o += 5) {
        const i = idx[k];
        const ln = logN[i], ld = logD[i];
        const t1 = a - alpha * ln - e;
        const t2 = b - beta * ld - e;
        let w0: number, w1: number, w2: number;
        if (t1 < 700 && t2 < 700) {
          const e1 = Math.exp(t1), e2 = Math.exp(t2);
          const sum = 1 + e1 + e2;
          w0 = 1 / sum; w1 = e1 / sum; w2 = e2 / sum;
          lf[k] = e + Math.log(sum);
        } else {
          const m = Math.max(t1, t2);
          const e1 = Math.exp(t1 - m), e2 = Math.exp(t2 - m), e3 = Math.exp(-m);
          const sum = e1 + e2 + e3;
          w0 = e3 / sum; w1 = e1 / sum; w2 = e2 / sum;
          lf[k] = e + m + Math.log(sum);
        }
        g[o] = w0; g[o + 1] = w1; g[o + 2] = w2; g[o + 3] = -w1 * ln; g[o + 4] = -w2 * ld;
      }
    };
  },
});
