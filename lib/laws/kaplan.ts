/**
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models": power laws of WebText2 test loss in
 * non-embedding parameters N, tokens D, compute on the efficient frontier C_min and minimum steps S_min,
 * the joint L(N, D) and L(N, S_min) forms, and the compute-efficient allocation N_opt ∝ C_min^0.73.
 *
 * Conventions: N counts NON-embedding parameters (≈ 12·n_layer·d_model²), compute is C ≈ 6·N·D with embedding
 * and last-layer FLOPs excluded, C_min is in PF-days (8.64e19 FLOP), loss is nats/token.
 */
import { assertPositive, defineCard, InvalidInputError, type Citation, type PublishedConstants } from "../core";

import type { Model } from "../fit/model";
import { kaplanCitation } from "../core/bibliography";

/** FLOP in one PF-day: 1e15 FLOP/s × 86,400 s. */
export const PFDAY_FLOP = 8.64e19;


/** The constants of Kaplan's power laws (Table 5 "summary of power laws"). */
export interface KaplanConstants {
  /** Exponent of L(N). */
  readonly alphaN: number;
  /** N_c, non-embedding parameters. */
  readonly Nc: number;
  /** Exponent of L(D). */
  readonly alphaD: number;
  /** D_c, tokens. */
  readonly Dc: number;
  /** Exponent of L(C_min). */
  readonly alphaCmin: number;
  /** C_c^min, PF-days. */
  readonly CcMinPFDays: number;
  /** Exponent of the critical batch size in the loss. */
  readonly alphaB: number;
  /** B_*, tokens. */
  readonly BstarTokens: number;
  /** Exponent of L(S_min). */
  readonly alphaS: number;
  /** S_c, steps. */
  readonly Sc: number;
}

const UNVERIFIED = "from memory, value to be checked against the PDF (loss-and-mixing.md §1)";

/** Table 5 constants (from memory, unverified). */
export const KAPLAN_2020: PublishedConstants<KaplanConstants> = {
  name: "Kaplan et al. 2020, Table 5 (summary of power laws)",
  params: { alphaN: 0.076, Nc: 8.8e13, alphaD: 0.095, Dc: 5.4e13, alphaCmin: 0.05, CcMinPFDays: 3.1e8, alphaB: 0.21, BstarTokens: 2.0e8, alphaS: 0.76, Sc: 2.1e3 },
  status: "unverified",
  citation: { ...kaplanCitation, where: "Table 5" },
  note: `N = non-embedding params, D = tokens, C_min in PF-days, B in tokens, S in steps, loss = WebText2 nats/token; ${UNVERIFIED}`,
};

/** Table 2 fit of L(N, D) (from memory, unverified). */
export const KAPLAN_2020_LND: PublishedConstants<Pick<KaplanConstants, "alphaN" | "alphaD" | "Nc" | "Dc">> = {
  name: "Kaplan et al. 2020, Table 2 (L(N, D) fit)",
  params: { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 },
  status: "unverified",
  citation: { ...kaplanCitation, where: "Table 2" },
  note: `N = non-embedding params, D = tokens; ${UNVERIFIED}`,
};

/** Table 3 fit of L(N, S_min) (from memory, unverified). */
export const KAPLAN_2020_LNS: PublishedConstants<Pick<KaplanConstants, "alphaN" | "Nc" | "alphaS" | "Sc">> = {
  name: "Kaplan et al. 2020, Table 3 (L(N, S) fit)",
  params: { alphaN: 0.077, Nc: 6.5e13, alphaS: 0.76, Sc: 2.1e3 },
  status: "unverified",
  citation: { ...kaplanCitation, where: "Table 3" },
  note: `N = non-embedding params, S_min = steps at B ≫ B_crit; ${UNVERIFIED}`,
};

/** L(C) at a fixed (not critical) batch size, the Fig. 1 left line (from memory, unverified). */
export const KAPLAN_2020_FIXED_BATCH_COMPUTE: PublishedConstants<{ alphaC: number; CcPFDays: number }> = {
  name: "Kaplan et al. 2020, Fig. 1 L(C) at fixed batch",
  params: { alphaC: 0.057, CcPFDays: 1.6e7 },
  status: "unverified",
  citation: { ...kaplanCitation, where: "Fig. 1 (left)" },
  note: `C in PF-days, not on the C_min frontier; ${UNVERIFIED}`,
};

/** The compute-efficient allocation N_opt = k·C_min^a: exponent confirmed (secondary sources), prefactor from memory. */
export const KAPLAN_2020_ALLOCATION: PublishedConstants<{ coefficient: number; exponent: number }> = {
  name: "Kaplan et al. 2020, compute-efficient N_opt(C_min)",
  params: { coefficient: 1.3e9, exponent: 0.73 },
  status: "unverified",
  citation: { ...kaplanCitation, where: "Eq. 6.1 / Fig. 14" },
  note: "N_opt in non-embedding params at C_min in PF-days. The exponent 0.73 is confirmed by secondary sources (Porian et al. 2024); the prefactor 1.3e9 is from memory, unverified.",
};

function merged<T extends object>(fn: string, base: T, k: Partial<T> | undefined): T {
  const p = { ...base, ...(k ?? {}) } as T;
  for (const [name, v] of Object.entries(p)) assertPositive(fn, `constants.${name}`, v as number);
  return p;
}

/**
 * L(N) = (N_c / N)^alpha_N: converged loss of a non-embedding-N model trained on ample data with early stopping.
 * @param N non-embedding parameters (> 0)
 * @param k constants overriding Table 5 (alphaN, Nc)
 * @returns loss, nats/token
 * @throws InvalidInputError for N ≤ 0 or non-positive constants
 * @example kaplanLossN(1e9, { alphaN: 0.076, Nc: 8.8e13 }) // => 2.37564
 * @see kaplanCitation
 */
export function kaplanLossN(N: number, k?: Partial<KaplanConstants>): number {
  const fn = "kaplanLossN";
  assertPositive(fn, "N", N);
  const p = merged(fn, KAPLAN_2020.params, k);
  return (p.Nc / N) ** p.alphaN;
}

/**
 * L(D) = (D_c / D)^alpha_D: loss of a large model trained on D tokens with early stopping.
 * @param D tokens (> 0)
 * @param k constants overriding Table 5 (alphaD, Dc)
 * @returns loss, nats/token
 * @throws InvalidInputError for D ≤ 0
 * @example kaplanLossD(1e10, { alphaD: 0.095, Dc: 5.4e13 }) // => 2.26244
 * @see kaplanCitation
 */
export function kaplanLossD(D: number, k?: Partial<KaplanConstants>): number {
  const fn = "kaplanLossD";
  assertPositive(fn, "D", D);
  const p = merged(fn, KAPLAN_2020.params, k);
  return (p.Dc / D) ** p.alphaD;
}

/**
 * L(C_min) = (C_c^min / C_min)^alpha_C^min: loss on the compute-efficient frontier.
 * @param CminPFDays minimum compute, PF-days (> 0); divide FLOP by PFDAY_FLOP
 * @param k constants overriding Table 5 (alphaCmin, CcMinPFDays)
 * @returns loss, nats/token
 * @throws InvalidInputError for C ≤ 0
 * @example kaplanLossCmin(1, { alphaCmin: 0.05, CcMinPFDays: 3.1e8 }) // => 2.65808
 * @see kaplanCitation
 */
export function kaplanLossCmin(CminPFDays: number, k?: Partial<KaplanConstants>): number {
  const fn = "kaplanLossCmin";
  assertPositive(fn, "CminPFDays", CminPFDays);
  const p = merged(fn, KAPLAN_2020.params, k);
  return (p.CcMinPFDays / CminPFDays) ** p.alphaCmin;
}

/**
 * L(C) = (C_c / C)^alpha_C at a fixed batch size (Fig. 1 left), the un-adjusted compute trend.
 * @param CPFDays compute, PF-days (> 0)
 * @param k alphaC, CcPFDays overriding the Fig. 1 values
 * @returns loss, nats/token
 * @throws InvalidInputError for C ≤ 0
 * @example kaplanLossFixedBatchCompute(1, { alphaC: 0.05, CcPFDays: 3.1e8 }) // => 2.65808
 * @see kaplanCitation
 */
export function kaplanLossFixedBatchCompute(CPFDays: number, k?: Partial<{ alphaC: number; CcPFDays: number }>): number {
  const fn = "kaplanLossFixedBatchCompute";
  assertPositive(fn, "CPFDays", CPFDays);
  const p = merged(fn, KAPLAN_2020_FIXED_BATCH_COMPUTE.params, k);
  return (p.CcPFDays / CPFDays) ** p.alphaC;
}

/**
 * L(N, D) = [ (N_c/N)^(alpha_N/alpha_D) + D_c/D ]^alpha_D: the joint model/data law (overfitting penalty).
 * @param N non-embedding parameters (> 0)
 * @param D tokens (> 0)
 * @param k constants overriding the Table 2 fit (alphaN, alphaD, Nc, Dc)
 * @returns loss, nats/token
 * @throws InvalidInputError for N ≤ 0 or D ≤ 0
 * @example kaplanLossND(1e9, 1e10, { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 }) // => 2.41965
 * @see kaplanCitation
 */
export function kaplanLossND(N: number, D: number, k?: Partial<KaplanConstants>): number {
  const fn = "kaplanLossND";
  assertPositive(fn, "N", N);
  assertPositive(fn, "D", D);
  const p = merged(fn, KAPLAN_2020_LND.params, k);
  return ((p.Nc / N) ** (p.alphaN / p.alphaD) + p.Dc / D) ** p.alphaD;
}

/**
 * L(N, S_min) = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S: loss after S_min steps at B ≫ B_crit.
 * @param N non-embedding parameters (> 0)
 * @param Smin minimum steps (> 0), see kaplanSmin
 * @param k constants overriding the Table 3 fit (alphaN, Nc, alphaS, Sc)
 * @returns loss, nats/token
 * @throws InvalidInputError for N ≤ 0 or S ≤ 0
 * @example kaplanLossNSmin(1e9, 1e5, { alphaN: 0.077, Nc: 6.5e13, alphaS: 0.76, Sc: 2.1e3 }) // => 2.40051
 * @see kaplanCitation
 */
export function kaplanLossNSmin(N: number, Smin: number, k?: Partial<KaplanConstants>): number {
  const fn = "kaplanLossNSmin";
  assertPositive(fn, "N", N);
  assertPositive(fn, "Smin", Smin);
  const p = merged(fn, KAPLAN_2020_LNS.params, k);
  return (p.Nc / N) ** p.alphaN + (p.Sc / Smin) ** p.alphaS;
}

/**
 * Kaplan's overfitting guide: D ≳ 5e3·N^0.74 tokens keeps the L(N, D) penalty small (from memory, unverified).
 * @param N non-embedding parameters (> 0)
 * @returns tokens
 * @throws InvalidInputError for N ≤ 0
 * @example Math.round(kaplanOverfittingTokens(1e9) / 1e7) / 1e3 // => 2.285
 * @see kaplanCitation
 */
export function kaplanOverfittingTokens(N: number): number {
  assertPositive("kaplanOverfittingTokens", "N", N);
  return 5e3 * N ** 0.74;
}

/** A point of Kaplan's compute-efficient allocation. */
export interface KaplanAllocation {
  /** Minimum compute, PF-days. */
  readonly CminPFDays: number;
  /** Non-embedding parameters. */
  readonly N: number;
  /** Tokens, D = C_min·PFDAY_FLOP / (6N). */
  readonly D: number;
  readonly tokensPerParam: number;
}

/**
 * Compute-efficient model size N_opt = k·C_min^a (Kaplan: 1.3e9 · C_min^0.73, C_min in PF-days) and the implied
 * tokens D = C/(6N).
 * @param CminPFDays minimum compute, PF-days (> 0)
 * @param k coefficient and exponent overriding the published ones
 * @returns N (non-embedding params), D (tokens) and D/N
 * @throws InvalidInputError for C ≤ 0
 * @example Math.round(kaplanOptimalAllocation(1e3, { coefficient: 1.3e9, exponent: 0.73 }).N / 1e8) / 1e3 // => 2.013
 * @see kaplanCitation
 */
export function kaplanOptimalAllocation(CminPFDays: number, k?: Partial<{ coefficient: number; exponent: number }>): KaplanAllocation {
  const fn = "kaplanOptimalAllocation";
  assertPositive(fn, "CminPFDays", CminPFDays);
  const p = merged(fn, KAPLAN_2020_ALLOCATION.params, k);
  const N = p.coefficient * CminPFDays ** p.exponent;
  const D = (CminPFDays * PFDAY_FLOP) / (6 * N);
  return { CminPFDays, N, D, tokensPerParam: D / N };
}

/** Writes the gradient of (X_c/X)^alpha w.r.t. [X_c, alpha] and returns the value. */
function powerLawValueAndGradient(Xc: number, alpha: number, X: number, grad?: Float64Array): number {
  const L = (Xc / X) ** alpha;
  if (grad) {
    grad[0] = (alpha * L) / Xc;
    grad[1] = L * Math.log(Xc / X);
  }
  return L;
}

/**
 * Kaplan's single-variable law L(X) = (X_c / X)^alpha as a fittable Model (params [Xc, alpha], analytic gradient).
 * The same form serves L(N), L(D) and L(C_min).
 * @param variable what X is, used in the model id and descriptions ("N", "D" or "Cmin")
 * @returns a Model over X values
 * @throws InvalidInputError for another variable name
 * @example kaplanPowerLawModel("N").value([8.8e13, 0.076], 1e9) // => 2.37564
 * @see kaplanCitation
 */
export function kaplanPowerLawModel(variable: "N" | "D" | "Cmin"): Model<number> {
  if (!["N", "D", "Cmin"].includes(variable)) {
    throw new InvalidInputError("kaplanPowerLawModel", `variable must be "N", "D" or "Cmin", got ${variable}`);
  }
  return {
    id: `kaplan-L(${variable})`,
    params: [
      { name: `${variable}c`, transform: "log", description: `${variable}_c, same units as ${variable}` },
      { name: `alpha${variable}`, transform: "log", description: "exponent" },
    ],
    value: (t, X) => powerLawValueAndGradient(t[0], t[1], X),
    valueAndGradient: (t, X, g) => powerLawValueAndGradient(t[0], t[1], X, g),
  };
}

/** A (non-embedding N, tokens D) row. */
export interface KaplanNDRow {
  readonly N: number;
  readonly D: number;
}

function lndValueAndGradient(t: ArrayLike<number>, x: KaplanNDRow, grad?: Float64Array): number {
  const [Nc, Dc, aN, aD] = [t[0], t[1], t[2], t[3]];
  const lnNcN = Math.log(Nc / x.N);
  const u = Math.exp((aN / aD) * lnNcN);
  const v = Dc / x.D;
  const S = u + v;
  const L = S ** aD;
  if (grad) {
    grad[0] = (L * aN * u) / (S * Nc);
    grad[1] = (L * aD * v) / (S * Dc);
    grad[2] = (L * u * lnNcN) / S;
    grad[3] = L * (Math.log(S) - ((aN / aD) * u * lnNcN) / S);
  }
  return L;
}

/**
 * Kaplan's L(N, D) as a fittable Model, params [Nc, Dc, alphaN, alphaD] (all log-transformed), analytic gradient.
 * @returns a Model over rows {N, D}
 * @example kaplanLossNDModel().value([6.4e13, 1.8e13, 0.076, 0.103], { N: 1e9, D: 1e10 }) // => 2.41965
 * @see kaplanCitation
 */
export function kaplanLossNDModel(): Model<KaplanNDRow> {
  return {
    id: "kaplan-L(N,D)",
    params: [
      { name: "Nc", transform: "log", description: "N_c, non-embedding params" },
      { name: "Dc", transform: "log", description: "D_c, tokens" },
      { name: "alphaN", transform: "log" },
      { name: "alphaD", transform: "log" },
    ],
    value: (t, x) => lndValueAndGradient(t, x),
    valueAndGradient: (t, x, g) => lndValueAndGradient(t, x, g),
  };
}

/** A (non-embedding N, minimum steps S_min) row. */
export interface KaplanNSRow {
  readonly N: number;
  readonly Smin: number;
}

function lnsValueAndGradient(t: ArrayLike<number>, x: KaplanNSRow, grad?: Float64Array): number {
  const a = powerLawValueAndGradient(t[0], t[1], x.N, grad);
  const g2 = grad ? new Float64Array(2) : undefined;
  const b = powerLawValueAndGradient(t[2], t[3], x.Smin, g2);
  if (grad && g2) {
    grad[2] = g2[0];
    grad[3] = g2[1];
  }
  return a + b;
}

/**
 * Kaplan's L(N, S_min) as a fittable Model, params [Nc, alphaN, Sc, alphaS] (log-transformed), analytic gradient.
 * @returns a Model over rows {N, Smin}
 * @example kaplanLossNSminModel().value([6.5e13, 0.077, 2.1e3, 0.76], { N: 1e9, Smin: 1e5 }) // => 2.40051
 * @see kaplanCitation
 */
export function kaplanLossNSminModel(): Model<KaplanNSRow> {
  return {
    id: "kaplan-L(N,Smin)",
    params: [
      { name: "Nc", transform: "log", description: "N_c, non-embedding params" },
      { name: "alphaN", transform: "log" },
      { name: "Sc", transform: "log", description: "S_c, steps" },
      { name: "alphaS", transform: "log" },
    ],
    value: (t, x) => lnsValueAndGradient(t, x),
    valueAndGradient: (t, x, g) => lnsValueAndGradient(t, x, g),
  };
}

const VARIABLES = {
  N: "parameters, non-embedding (≈ 12·n_layer·d_model²)",
  D: "training tokens",
  C_min: "minimum compute to reach L, PF-days (8.64e19 FLOP), C ≈ 6ND without embedding/last-layer FLOPs",
  S_min: "minimum optimisation steps (B ≫ B_crit)",
  L: "WebText2 test loss, nats/token",
};

export const kaplanLossNLaw = defineCard({
  id: "kaplan-loss-N",
  name: "Kaplan L(N): loss vs model size",
  topic: "loss",
  latex: "L(N) = \\left(\\frac{N_c}{N}\\right)^{\\alpha_N}",
  formula: "(Nc / N)^alphaN",
  variables: VARIABLES,
  citation: kaplanCitation,
  status: "unverified",
  constants: [KAPLAN_2020],
  api: "kaplanLossN",
});

export const kaplanLossDLaw = defineCard({
  id: "kaplan-loss-D",
  name: "Kaplan L(D): loss vs data",
  topic: "loss",
  latex: "L(D) = \\left(\\frac{D_c}{D}\\right)^{\\alpha_D}",
  formula: "(Dc / D)^alphaD",
  variables: VARIABLES,
  citation: kaplanCitation,
  status: "unverified",
  constants: [KAPLAN_2020],
  api: "kaplanLossD",
});

export const kaplanLossCminLaw = defineCard({
  id: "kaplan-loss-Cmin",
  name: "Kaplan L(C_min): compute-efficient frontier",
  topic: "loss",
  latex: "L(C_{min}) = \\left(\\frac{C_c^{min}}{C_{min}}\\right)^{\\alpha_C^{min}}",
  formula: "(CcMin / Cmin)^alphaCmin",
  variables: VARIABLES,
  citation: kaplanCitation,
  status: "unverified",
  constants: [KAPLAN_2020, KAPLAN_2020_FIXED_BATCH_COMPUTE],
  api: "kaplanLossCmin",
});

export const kaplanLossNDLaw = defineCard({
  id: "kaplan-loss-ND",
  name: "Kaplan L(N, D): joint model/data law",
  topic: "loss",
  latex: "L(N,D) = \\left[\\left(\\frac{N_c}{N}\\right)^{\\alpha_N/\\alpha_D} + \\frac{D_c}{D}\\right]^{\\alpha_D}",
  formula: "((Nc / N)^(alphaN / alphaD) + Dc / D)^alphaD",
  variables: VARIABLES,
  citation: kaplanCitation,
  status: "unverified",
  constants: [KAPLAN_2020_LND],
  api: "kaplanLossND",
});

export const kaplanLossNSminLaw = defineCard({
  id: "kaplan-loss-NSmin",
  name: "Kaplan L(N, S_min): loss vs model size and steps",
  topic: "loss",
  latex: "L(N,S_{min}) = \\left(\\frac{N_c}{N}\\right)^{\\alpha_N} + \\left(\\frac{S_c}{S_{min}}\\right)^{\\alpha_S}",
  formula: "(Nc / N)^alphaN + (Sc / Smin)^alphaS",
  variables: VARIABLES,
  citation: kaplanCitation,
  status: "unverified",
  constants: [KAPLAN_2020_LNS],
  api: "kaplanLossNSmin",
});

export const kaplanAllocationLaw = defineCard({
  id: "kaplan-allocation",
  name: "Kaplan compute-efficient allocation",
  topic: "allocation",
  latex: "N_{opt} = 1.3\\times10^{9}\\, C_{min}^{0.73},\\quad D = C/(6N)",
  formula: "N = 1.3e9 * Cmin^0.73 (Cmin in PF-days); D = Cmin * 8.64e19 / (6 N)",
  variables: VARIABLES,
  citation: kaplanCitation,
  status: "unverified",
  constants: [KAPLAN_2020_ALLOCATION],
  api: "kaplanOptimalAllocation",
});
