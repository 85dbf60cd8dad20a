/**
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models": power laws of WebText2 test loss in
 * non-embedding parameters N, tokens D, compute on the efficient frontier C_min and minimum steps S_min,
 * the joint L(N, D) and L(N, S_min) forms, and the compute-efficient allocation N_opt ∝ C_min^0.73.
 *
 * Conventions: N counts NON-embedding parameters (≈ 12·n_layer·d_model²), compute is C ≈ 6·N·D with embedding
 * and last-layer FLOPs excluded, C_min is in PF-days (8.64e19 FLOP), loss is nats/token.
 */
import { assertPositive, defineCard, displayResult, type PublishedConstants } from "../core";
import { kaplanCitation } from "../core/bibliography";
import { defineLaw, paramsOf, type LawParams, type ParamsLike } from "./law";

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

/** A published set restricted to the constants one law uses (same name, status and citation). */
function subset<K extends keyof KaplanConstants>(set: PublishedConstants<Pick<KaplanConstants, K>>, keys: readonly K[]): PublishedConstants<Pick<KaplanConstants, K>> {
  return { ...set, params: Object.fromEntries(keys.map((k) => [k, set.params[k]])) as Pick<KaplanConstants, K> };
}

const VARIABLES = {
  N: "parameters, non-embedding (≈ 12·n_layer·d_model²)",
  D: "training tokens",
  Cmin: "minimum compute to reach L, PF-days (8.64e19 FLOP), C ≈ 6ND without embedding/last-layer FLOPs",
  Smin: "minimum optimisation steps (B ≫ B_crit)",
};
const OUTPUT = "WebText2 test loss, nats/token";
// Kaplan et al.'s sweep: 768 to 1.5e9 non-embedding parameters, 22M to 23B tokens, ~1e-8 to ~10 PF-days.
const RANGES = { N: [768, 1.5e9], D: [2.2e7, 2.3e10], Cmin: [1e-8, 10], C: [1e-8, 10], Smin: [1e3, 1e6] } as const;

/**
 * A single-variable law L(X) = (X_c / X)^alpha: value and analytic gradient in [X_c, alpha] (both log-transformed).
 * The same form serves L(N), L(D), L(C_min) and L(C) at a fixed batch.
 */
function powerLaw<V extends string, Xc extends string, A extends string>(o: {
  id: string; api: string; name: string; latex: string; variable: V; Xc: Xc; alpha: A; meaning: string; range: readonly [number, number];
  published: Readonly<Record<string, PublishedConstants<LawParams<Xc | A>>>>;
}) {
  type X = Record<V, number>;
  return defineLaw({
    id: o.id, api: o.api, name: o.name, topic: "loss", latex: o.latex,
    formula: `(${o.Xc} / ${o.variable})^${o.alpha}`,
    inputs: { [o.variable]: o.meaning } as Record<V, string>,
    output: OUTPUT,
    params: [
      { name: o.Xc, transform: "log", description: `${o.Xc}, same units as ${o.variable}` },
      { name: o.alpha, transform: "log", description: "exponent" },
    ],
    published: o.published,
    ranges: { [o.variable]: o.range } as Record<V, readonly [number, number]>,
    citation: kaplanCitation,
    status: "unverified",
    predict: (x: X, p) => (p[o.Xc] / x[o.variable]) ** p[o.alpha],
    gradient: (x: X, p, g) => {
      const L = (p[o.Xc] / x[o.variable]) ** p[o.alpha];
      g[0] = (p[o.alpha] * L) / p[o.Xc];
      g[1] = L * Math.log(p[o.Xc] / x[o.variable]);
      return L;
    },
  });
}

/**
 * `laws.kaplan.lossN`: L(N) = (N_c / N)^alpha_N, the converged loss of a non-embedding-N model on ample data.
 * @example laws.kaplan.lossN.predict({ N: 1e9 }) // => 2.37564
 * @see kaplanCitation
 */
export const kaplanLossN = powerLaw({
  id: "kaplan-loss-N", api: "laws.kaplan.lossN", name: "Kaplan L(N): loss vs model size",
  latex: "L(N) = \\left(\\frac{N_c}{N}\\right)^{\\alpha_N}", variable: "N", Xc: "Nc", alpha: "alphaN", meaning: VARIABLES.N, range: RANGES.N,
  published: { table5: subset(KAPLAN_2020, ["Nc", "alphaN"]) },
});

/**
 * `laws.kaplan.lossD`: L(D) = (D_c / D)^alpha_D, the loss of a large model trained on D tokens with early stopping.
 * @example laws.kaplan.lossD.predict({ D: 1e10 }) // => 2.26244
 * @see kaplanCitation
 */
export const kaplanLossD = powerLaw({
  id: "kaplan-loss-D", api: "laws.kaplan.lossD", name: "Kaplan L(D): loss vs data",
  latex: "L(D) = \\left(\\frac{D_c}{D}\\right)^{\\alpha_D}", variable: "D", Xc: "Dc", alpha: "alphaD", meaning: VARIABLES.D, range: RANGES.D,
  published: { table5: subset(KAPLAN_2020, ["Dc", "alphaD"]) },
});

/**
 * `laws.kaplan.lossCmin`: L(C_min) = (C_c^min / C_min)^alpha_C^min on the compute-efficient frontier (C_min in PF-days;
 * divide FLOP by PFDAY_FLOP).
 * @example laws.kaplan.lossCmin.predict({ Cmin: 1 }) // => 2.65808
 * @see kaplanCitation
 */
export const kaplanLossCmin = powerLaw({
  id: "kaplan-loss-Cmin", api: "laws.kaplan.lossCmin", name: "Kaplan L(C_min): compute-efficient frontier",
  latex: "L(C_{\\mathrm{min}}) = \\left(\\frac{C_c^{\\mathrm{min}}}{C_{\\mathrm{min}}}\\right)^{\\alpha_C^{\\mathrm{min}}}", variable: "Cmin", Xc: "CcMinPFDays", alpha: "alphaCmin",
  meaning: VARIABLES.Cmin, range: RANGES.Cmin,
  published: { table5: subset(KAPLAN_2020, ["CcMinPFDays", "alphaCmin"]) },
});

/**
 * `laws.kaplan.lossFixedBatch`: L(C) = (C_c / C)^alpha_C at a fixed batch size (Fig. 1 left), the un-adjusted compute trend.
 * @example laws.kaplan.lossFixedBatch.predict({ C: 1 }, { alphaC: 0.05, CcPFDays: 3.1e8 }) // => 2.65808
 * @see kaplanCitation
 */
export const kaplanLossFixedBatch = powerLaw({
  id: "kaplan-loss-C-fixed-batch", api: "laws.kaplan.lossFixedBatch", name: "Kaplan L(C) at a fixed batch size",
  latex: "L(C) = \\left(\\frac{C_c}{C}\\right)^{\\alpha_C}", variable: "C", Xc: "CcPFDays", alpha: "alphaC",
  meaning: "compute, PF-days (not on the C_min frontier)", range: RANGES.C,
  published: { fig1: KAPLAN_2020_FIXED_BATCH_COMPUTE },
});

/** A (non-embedding N, tokens D) row. */
export interface KaplanNDRow {
  readonly N: number;
  readonly D: number;
}

/**
 * `laws.kaplan.lossND`: L(N, D) = [ (N_c/N)^(alpha_N/alpha_D) + D_c/D ]^alpha_D, the joint model/data law
 * (overfitting penalty); default constants the Table 2 fit.
 * @example laws.kaplan.lossND.predict({ N: 1e9, D: 1e10 }) // => 2.41965
 * @see kaplanCitation
 */
export const kaplanLossND = defineLaw({
  id: "kaplan-loss-ND",
  api: "laws.kaplan.lossND",
  name: "Kaplan L(N, D): joint model/data law",
  topic: "loss",
  latex: "L(N,D) = \\left[\\left(\\frac{N_c}{N}\\right)^{\\alpha_N/\\alpha_D} + \\frac{D_c}{D}\\right]^{\\alpha_D}",
  formula: "((Nc / N)^(alphaN / alphaD) + Dc / D)^alphaD",
  inputs: { N: VARIABLES.N, D: VARIABLES.D },
  output: OUTPUT,
  params: [
    { name: "Nc", transform: "log", description: "N_c, non-embedding params" },
    { name: "Dc", transform: "log", description: "D_c, tokens" },
    { name: "alphaN", transform: "log" },
    { name: "alphaD", transform: "log" },
  ],
  published: { table2: KAPLAN_2020_LND },
  ranges: { N: RANGES.N, D: RANGES.D },
  citation: kaplanCitation,
  status: "unverified",
  predict: (x: KaplanNDRow, p) => ((p.Nc / x.N) ** (p.alphaN / p.alphaD) + p.Dc / x.D) ** p.alphaD,
  gradient: (x, p, g) => {
    const lnNcN = Math.log(p.Nc / x.N);
    const u = Math.exp((p.alphaN / p.alphaD) * lnNcN);
    const v = p.Dc / x.D;
    const S = u + v;
    const L = S ** p.alphaD;
    g[0] = (L * p.alphaN * u) / (S * p.Nc);
    g[1] = (L * p.alphaD * v) / (S * p.Dc);
    g[2] = (L * u * lnNcN) / S;
    g[3] = L * (Math.log(S) - ((p.alphaN / p.alphaD) * u * lnNcN) / S);
    return L;
  },
});

/** A (non-embedding N, minimum steps S_min) row. */
export interface KaplanNSRow {
  readonly N: number;
  readonly Smin: number;
}

/**
 * `laws.kaplan.lossNS`: L(N, S_min) = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S, the loss after S_min steps at B ≫ B_crit;
 * default constants the Table 3 fit.
 * @example laws.kaplan.lossNS.predict({ N: 1e9, Smin: 1e5 }) // => 2.40051
 * @see kaplanCitation
 */
export const kaplanLossNS = defineLaw({
  id: "kaplan-loss-NSmin",
  api: "laws.kaplan.lossNS",
  name: "Kaplan L(N, S_min): loss vs model size and steps",
  topic: "loss",
  latex: "L(N,S_{\\mathrm{min}}) = \\left(\\frac{N_c}{N}\\right)^{\\alpha_N} + \\left(\\frac{S_c}{S_{\\mathrm{min}}}\\right)^{\\alpha_S}",
  formula: "(Nc / N)^alphaN + (Sc / Smin)^alphaS",
  inputs: { N: VARIABLES.N, Smin: VARIABLES.Smin },
  output: OUTPUT,
  params: [
    { name: "Nc", transform: "log", description: "N_c, non-embedding params" },
    { name: "alphaN", transform: "log" },
    { name: "Sc", transform: "log", description: "S_c, steps" },
    { name: "alphaS", transform: "log" },
  ],
  published: { table3: KAPLAN_2020_LNS },
  ranges: { N: RANGES.N, Smin: RANGES.Smin },
  citation: kaplanCitation,
  status: "unverified",
  predict: (x: KaplanNSRow, p) => (p.Nc / x.N) ** p.alphaN + (p.Sc / x.Smin) ** p.alphaS,
  gradient: (x, p, g) => {
    const a = (p.Nc / x.N) ** p.alphaN, b = (p.Sc / x.Smin) ** p.alphaS;
    g[0] = (p.alphaN * a) / p.Nc;
    g[1] = a * Math.log(p.Nc / x.N);
    g[2] = (p.alphaS * b) / p.Sc;
    g[3] = b * Math.log(p.Sc / x.Smin);
    return a + b;
  },
});

/**
 * Kaplan's overfitting guide: D ≳ 5e3·N^0.74 tokens keeps the L(N, D) penalty small (from memory, unverified).
 * @param x N, non-embedding parameters (> 0)
 * @returns tokens
 * @throws InvalidInputError for N ≤ 0
 * @example Math.round(laws.kaplan.overfittingTokens({ N: 1e9 }) / 1e7) / 1e3 // => 2.285
 * @see kaplanCitation
 */
export function kaplanOverfittingTokens(x: { N: number }): number {
  assertPositive("laws.kaplan.overfittingTokens", "N", x?.N);
  return 5e3 * x.N ** 0.74;
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
 * @param x Cmin, minimum compute in PF-days (> 0)
 * @param params coefficient and exponent (default the published ones; the prefactor is unverified)
 * @returns N (non-embedding params), D (tokens) and D/N
 * @throws InvalidInputError for C ≤ 0
 * @example Math.round(laws.kaplan.optimal({ Cmin: 1e3 }).N / 1e8) / 1e3 // => 2.013
 * @see kaplanCitation
 */
export function kaplanOptimalAllocation(x: { Cmin: number }, params?: ParamsLike<"coefficient" | "exponent">): KaplanAllocation {
  const fn = "laws.kaplan.optimal";
  assertPositive(fn, "Cmin", x?.Cmin);
  const p = paramsOf(fn, ["coefficient", "exponent"], params ?? KAPLAN_2020_ALLOCATION);
  assertPositive(fn, "params.coefficient", p.coefficient);
  assertPositive(fn, "params.exponent", p.exponent);
  const N = p.coefficient * x.Cmin ** p.exponent;
  const D = (x.Cmin * PFDAY_FLOP) / (6 * N);
  return displayResult(`${fn}: compute-efficient N, D at Cmin = ${x.Cmin} PF-days`, { CminPFDays: x.Cmin, N, D, tokensPerParam: D / N });
}

/** Card of the compute-efficient allocation (`laws.kaplan.optimal`). */
export const kaplanAllocationCard = defineCard({
  id: "kaplan-allocation",
  name: "Kaplan compute-efficient allocation",
  topic: "allocation",
  latex: "N_{\\mathrm{opt}} = 1.3\\times10^{9}\\, C_{\\mathrm{min}}^{0.73},\\quad D = C/(6N)",
  formula: "N = 1.3e9 * Cmin^0.73 (Cmin in PF-days); D = Cmin * 8.64e19 / (6 N)",
  variables: { ...VARIABLES, L: OUTPUT },
  citation: kaplanCitation,
  status: "unverified",
  constants: [KAPLAN_2020_ALLOCATION],
  api: "laws.kaplan.optimal",
});
