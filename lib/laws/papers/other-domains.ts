/**
 * Scaling beyond language pre-training: recommendation (Wukong, HSTU), multilingual translation (Fernandes et
 * al.), value-based RL (Rybkin et al.) and time-series foundation models (Yao et al.).
 */
import {
  hstuCitation, multilingualNmtCitation, tsfmScalingCitation, valueRlCitation, wukongCitation,
} from "../../core/bibliography";
import { InvalidInputError } from "../../core";
import { defineLaw, paramsOf, type ParamsLike } from "../law";
import { paperCard } from "./paper-card";

/**
 * Wukong (Zhang et al. 2024): the quality of a stacked-factorization-machine recommender keeps improving as a power
 * of the dense compute per example, over two orders of magnitude. Written relative to the LogLoss at 1 GFLOP/example.
 * @example wukong.predict({ C: 4 }, { A: 1, alpha: 0.001 }) // => 0.998615
 */
export const wukong = defineLaw({
  id: "wukong",
  api: "laws.papers.otherDomains.wukong",
  name: "Wukong recommendation quality vs compute (Zhang et al. 2024)",
  topic: "loss",
  latex: "\\mathrm{LogLoss}(C) = A\\, C^{-\\alpha}",
  formula: "A * C^(-alpha)",
  inputs: { C: "dense compute per example, GFLOP/example" },
  output: "LogLoss (normalized entropy) relative to its value at 1 GFLOP/example",
  params: [
    { name: "A", transform: "log", description: "LogLoss at C = 1 GFLOP/example (1 when normalised)" },
    { name: "alpha", transform: "log", description: "exponent" },
  ],
  published: {
    perQuadrupling: {
      name: "≈0.1% relative LogLoss gain per 4× compute (secondary summary)",
      params: { A: 1, alpha: -Math.log(0.999) / Math.log(4) },
      status: "unverified",
      citation: { ...wukongCitation, where: "Fig. 1 (relative LogLoss vs GFLOP/example, 146B-sample internal dataset); α = −ln(0.999)/ln 4 from a secondary summary's \"≈0.1% per quadrupling\", not read in the paper" },
      note: "A = 1 normalises to the LogLoss at 1 GFLOP/example; only the ratio between compute levels is meaningful",
    },
  },
  ranges: { C: [1, 200] },
  citation: wukongCitation,
  predict: (x: { C: number }, p) => p.A * x.C ** -p.alpha,
  gradient: (x: { C: number }, p, g) => {
    const t = x.C ** -p.alpha;
    g[0] = t; g[1] = -p.A * t * Math.log(x.C);
    return p.A * t;
  },
});

/**
 * HSTU (Zhai et al. 2024): generative recommenders keep improving with training compute over three orders of
 * magnitude where classic deep-learning recommendation models plateau; the paper's Fig. 7 annotates log-linear fits
 * metric = a + b·ln C for retrieval (HR@100, b > 0) and ranking (normalized entropy, b < 0).
 * @example hstu.predict({ C: Math.E }, { a: 0.15, b: 0.02 }) // => 0.17
 */
export const hstu = defineLaw({
  id: "hstu",
  api: "laws.papers.otherDomains.hstu",
  name: "HSTU generative-recommender metric vs compute (Zhai et al. 2024)",
  topic: "loss",
  latex: "y(C) = a + b \\ln C",
  formula: "a + b * log(C)",
  inputs: { C: "training compute, PetaFLOP/s-days" },
  output: "retrieval HR@100 (fraction) or ranking normalized entropy",
  params: [
    { name: "a", description: "metric at C = 1 PF-day" },
    { name: "b", description: "change per e-fold of compute (negative for NE)" },
  ],
  published: {
    retrievalHr100: {
      name: "retrieval HR@100, generative recommenders (Fig. 7 annotation)",
      params: { a: 0.15, b: 0.0195 },
      status: "unverified",
      citation: { ...hstuCitation, where: "Fig. 7 fit annotation, as quoted by a secondary note and as we recall it; not read in the paper" },
    },
    rankingNe: {
      name: "ranking normalized entropy, generative recommenders (Fig. 7 annotation)",
      params: { a: 0.549, b: -5.3e-3 },
      status: "unverified",
      citation: { ...hstuCitation, where: "Fig. 7 fit annotation, as quoted by a secondary note; not read in the paper" },
    },
  },
  // Three orders of magnitude of training compute, about 1e3 to 1e6 PF-days (secondary note).
  ranges: { C: [1e3, 1e6] },
  citation: hstuCitation,
  predict: (x: { C: number }, p) => p.a + p.b * Math.log(x.C),
  gradient: (x: { C: number }, p, g) => { g[0] = 1; g[1] = Math.log(x.C); return p.a + p.b * Math.log(x.C); },
});

/** Fernandes et al. 2023's joint-law parameters of one language pair: scale at weight p, exponent, loss floor. */
export interface MultilingualNmtParams { readonly beta: number; readonly alpha: number; readonly Linf: number }

/**
 * Fernandes et al. 2023: for one language pair in a multilingual translation model, loss falls as a power of model
 * size, L(N) = β·N^(−α) + L∞, and changing the pair's weight in the training mixture changes only β, not α — so a
 * weight acts as a fraction of "effective parameters" allocated to the pair. (With encoder and decoder scaled in
 * proportion, Ghorbani et al.'s encoder–decoder law β·N_e^(−p_e)·N_d^(−p_d) + L∞ reduces to this form.)
 * @example multilingualNmt.predict({ N: 1e8 }, { beta: 100, alpha: 0.25, Linf: 1 }) // => 2
 */
export const multilingualNmt = defineLaw({
  id: "multilingual-nmt",
  api: "laws.papers.otherDomains.multilingualNmt",
  name: "Multilingual NMT per-pair law (Fernandes et al. 2023)",
  topic: "loss",
  latex: "L_i(N) = \\beta_i(p_i)\\, N^{-\\alpha} + L_{\\infty,i}",
  formula: "beta * N^(-alpha) + Linf",
  inputs: { N: "non-embedding parameters (encoder and decoder scaled together)" },
  output: "per-token test cross-entropy of one language pair, nats",
  params: [
    { name: "beta", transform: "log", description: "multiplicative factor (depends on the pair's mixture weight)" },
    { name: "alpha", transform: "log", description: "exponent (shared across mixture weights)" },
    { name: "Linf", lower: 0, description: "irreducible loss, nats" },
  ],
  published: {
    illustrative: {
      name: "illustrative values (not from the paper)",
      params: { beta: 60, alpha: 0.3, Linf: 1.2 },
      status: "unverified",
      citation: { ...multilingualNmtCitation, where: "form: Eq. 7 (β depends on the weight p; α and L∞ do not), read in a stored copy of the paper; the fitted values are only in figures, so these numbers are ours, for shape only" },
      note: "illustrative, not published: fit your own per-pair losses",
    },
  },
  // The paper's models: about 20M to 1B non-embedding parameters (§3.1).
  ranges: { N: [2e7, 1e9] },
  citation: multilingualNmtCitation,
  predict: (x: { N: number }, p) => p.beta * x.N ** -p.alpha + p.Linf,
  gradient: (x: { N: number }, p, g) => {
    const t = x.N ** -p.alpha;
    g[0] = t; g[1] = -p.beta * t * Math.log(x.N); g[2] = 1;
    return p.beta * t + p.Linf;
  },
}, {
  /**
   * Fraction of the parameters effectively serving a pair trained at a lower weight, relative to the reference
   * weight: with a shared α, β_p·N^(−α) = β_ref·(f·N)^(−α) gives f = (β_ref/β_p)^(1/α).
   * @example multilingualNmt.effectiveFraction({ betaRef: 50, betaAtWeight: 100 }, { alpha: 0.5 }) // => 0.25
   */
  effectiveFraction(x: { betaRef: number; betaAtWeight: number }, params: { alpha: number } | ParamsLike<"beta" | "alpha" | "Linf">): number {
    const fn = "laws.papers.otherDomains.multilingualNmt.effectiveFraction";
    const { alpha } = paramsOf(fn, ["alpha"], params as ParamsLike<"alpha">);
    for (const k of ["betaRef", "betaAtWeight"] as const) {
      if (!(x[k] > 0)) throw new InvalidInputError(fn, `${k} must be > 0, got ${String(x[k])}`, "pass the two fitted multiplicative factors");
    }
    if (!(alpha > 0)) throw new InvalidInputError(fn, `alpha must be > 0, got ${alpha}`);
    return (x.betaRef / x.betaAtWeight) ** (1 / alpha);
  },
});

/**
 * Rybkin et al. 2025: the data needed to reach a return J with value-based off-policy RL falls with the
 * updates-to-data ratio σ towards a floor, D_J(σ) = D_min + (β/σ)^α; trading data for compute along this frontier is
 * predictable from small runs.
 * @example valueBasedRl.predict({ sigma: 2 }, { Dmin: 1e5, beta: 2e5, alpha: 1 }) // => 200000
 */
export const valueBasedRl = defineLaw({
  id: "value-based-rl",
  api: "laws.papers.otherDomains.valueBasedRl",
  name: "Value-based RL data requirement vs UTD ratio (Rybkin et al. 2025)",
  topic: "other",
  latex: "\\mathcal{D}_J(\\sigma) = D_{\\min} + \\left(\\frac{\\beta}{\\sigma}\\right)^{\\alpha}",
  formula: "Dmin + (beta / sigma)^alpha",
  inputs: { sigma: "updates-to-data ratio (gradient steps per environment step)" },
  output: "environment steps needed to reach return J",
  params: [
    { name: "Dmin", transform: "log", description: "data needed at unlimited UTD, environment steps" },
    { name: "beta", transform: "log", description: "UTD scale" },
    { name: "alpha", transform: "log", description: "exponent" },
  ],
  published: {
    illustrative: {
      name: "illustrative values (not from the paper)",
      params: { Dmin: 1e5, beta: 5e5, alpha: 0.8 },
      status: "unverified",
      citation: { ...valueRlCitation, where: "form as summarised from §4 (secondary source); numbers are ours, for shape only" },
      note: "illustrative, not published: fitted per environment and return level in the paper",
    },
  },
  ranges: { sigma: [0.25, 16] },
  citation: valueRlCitation,
  predict: (x: { sigma: number }, p) => p.Dmin + (p.beta / x.sigma) ** p.alpha,
  gradient: (x: { sigma: number }, p, g) => {
    const r = p.beta / x.sigma, t = r ** p.alpha;
    g[0] = 1; g[1] = p.alpha * t / p.beta; g[2] = t * Math.log(r);
    return p.Dmin + t;
  },
}, {
  /**
   * Compute (gradient steps) on the frontier at UTD σ: the data needed times σ.
   * @example valueBasedRl.compute({ sigma: 2 }, { Dmin: 1e5, beta: 2e5, alpha: 1 }) // => 400000
   */
  compute(x: { sigma: number }, params?: ParamsLike<"Dmin" | "beta" | "alpha">): number {
    return x.sigma * valueBasedRl.evaluate(x, params);
  },
});

/** Yao et al. 2024: scaling of time-series foundation models in and out of distribution. */
export const timeSeries = paperCard({
  id: "tsfm-scaling",
  api: "laws.papers.otherDomains.timeSeries",
  name: "Scaling laws for time-series foundation models (Yao et al. 2024)",
  topic: "loss",
  citation: tsfmScalingCitation,
  formula: "log-likelihood loss ∝ N^(−α_N), D^(−α_D), C^(−α_C), in and out of distribution",
  variables: { N: "parameters", D: "training time points", C: "compute, FLOPs" },
  contributes: "Trains encoder-only and decoder-only transformers for forecasting across sizes, data and compute, finds power-law scaling of the log-likelihood loss both in and out of distribution, that encoder-only models scale better, and that architectural tweaks of two recent foundation models help in-distribution but hurt out-of-distribution scalability.",
  whyNoLaw: "The per-architecture exponents were not read at the source; the forms are the Kaplan-style single-variable power laws the catalogue already has.",
  related: "laws.kaplanLossN / kaplanLossD for the same single-variable forms; fit.* to fit them to a time-series model's losses.",
});
