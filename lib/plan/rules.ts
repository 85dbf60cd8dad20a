/**
 * The planner's one door to the rest of the library: every law, counting convention and hyperparameter rule the
 * plan uses is called here, so a rename elsewhere touches this file only. Each function returns plain numbers;
 * what the rule is and where it comes from travels with it (`RuleSource`).
 */
import type { Citation, SourceStatus } from "../core";
import { besiroglu2024Citation, chinchillaCitation, kaplanCitation, mupCitation, sardanaCitation } from "../core/bibliography";
import type { ChinchillaParams } from "../laws/chinchilla";
import { chinchilla } from "../laws/chinchilla-law";
import { muennighoff } from "../laws/muennighoff";
import { inferenceAwareAllocation } from "../laws/inference-allocation";
import { transformerFlopsPerToken, transformerParamCount, type FlopCounting, type ParamCounting, type TransformerShape } from "../laws/flops";
import { KAPLAN_2020 } from "../laws/kaplan";
import { kaplanCriticalBatch } from "../laws/kaplan-batch";
import { deepseek } from "../hparams/deepseek";
import { STEP_LAW_PUBLISHED, STEP_LAW_RELEASED_REFIT, stepLawBatch, stepLawLR, type StepLawConstants } from "../hparams/step-law";
import { mupTransferLR } from "../hparams/mup";
import { wsdFactor } from "../hparams/wsd";
import { cosineFactor } from "../hparams/cosine";
import { quantileSorted as sortedQuantile } from "../numeric/quantile";
import { normalQuantile } from "../numeric/special";
import type { FitResult } from "../fit/result";

export type { ParamCounting, FlopCounting, TransformerShape };

/** Where a number comes from: the rule's name, its citation and whether its constants were read at the source. */
export interface RuleSource {
  readonly rule: string;
  readonly citation: Citation;
  readonly status: SourceStatus;
}

// ---------------------------------------------------------------------------------------------------------------
// The loss law L(N, D) = E + A/N^α + B/D^β

/** Constants of the Chinchilla-form loss law. */
export type LossParams = ChinchillaParams;
/** Parameter names in the order of a fit's bootstrap samples. */
export const LOSS_PARAM_NAMES = ["E", "A", "B", "alpha", "beta"] as const;

/** A published constant set the plan can use, with its standard errors when the source publishes them. */
export interface LawSet extends RuleSource {
  readonly params: LossParams;
  /** Published standard errors (natural units); correlations are not published. */
  readonly se: Readonly<Record<keyof LossParams, number>> | null;
}

/** Standard errors published with a set (Besiroglu et al.'s bootstrap); correlations are not published. */
const PUBLISHED_SE: Readonly<Record<string, LawSet["se"]>> = {
  besiroglu: { E: 0.0257, A: 124.52, B: 1293.28, alpha: 0.0154, beta: 0.0206 },
};

/** The published constant sets of `laws.chinchilla`, by its names (hoffmann, hoffmannUnrounded, besiroglu, besirogluGrid). */
export const LAW_SETS: Readonly<Record<string, LawSet>> = Object.fromEntries(Object.entries(chinchilla.published).map(([key, s]) =>
  [key, { rule: s.name, params: s.params, status: s.status, citation: s.citation, se: PUBLISHED_SE[key] ?? null }]));

/** Where the published SEs of `besiroglu` come from. */
export const BESIROGLU_SE_CITATION: Citation = { ...besiroglu2024Citation, where: "data_analysis.ipynb bootstrap (4,000 resamples) SEs: A 124.52, B 1293.28, E 0.0257, α 0.0154, β 0.0206" };

/** The N and D the Chinchilla constants were fitted on: "70 million to over 16 billion parameters trained on 5 to 500 billion tokens". */
export const LAW_RANGES: Readonly<Record<"N" | "D", readonly [number, number]>> = chinchilla.ranges;
export const LAW_RANGES_CITATION: Citation = { ...chinchillaCitation, where: "§3: over 400 models, 70M to over 16B parameters, 5 to 500B tokens" };
/** What the law's N counts and how its C is counted. */
export const LAW_COUNTING: { readonly params: ParamCounting; readonly flopsPerParamToken: number } = { params: "total", flopsPerParamToken: 6 };

/** The fitted constants of a FitResult of the Chinchilla law, or null when it is not one. */
export function fitParams(r: FitResult): LossParams | null {
  const p = r.params as Record<string, number>;
  return LOSS_PARAM_NAMES.every((k) => typeof p[k] === "number") ? { E: p.E, A: p.A, B: p.B, alpha: p.alpha, beta: p.beta } : null;
}

/** The bootstrap parameter samples of a fit as LossParams (empty without a bootstrap). */
export function fitSamples(r: FitResult): LossParams[] {
  const samples = r.bootstrap?.samples ?? [];
  const idx = LOSS_PARAM_NAMES.map((k) => r.paramNames.indexOf(k));
  return samples.map((s) => ({ E: s[idx[0]], A: s[idx[1]], B: s[idx[2]], alpha: s[idx[3]], beta: s[idx[4]] }));
}

/** L(N, D), nats/token. */
export function lawLoss(p: LossParams, N: number, D: number): number {
  return chinchilla.evaluate({ N, D }, p);
}

/** Compute-optimal N, D under C = 6ND (closed form, Hoffmann et al. Eq. 4). */
export function lawOptimal(p: LossParams, C: number): { N: number; D: number; loss: number } {
  const o = chinchilla.optimal(C, p, { flopsPerParamToken: LAW_COUNTING.flopsPerParamToken });
  return { N: o.N, D: o.D, loss: o.loss };
}
export const COMPUTE_OPTIMAL_SOURCE: RuleSource = { rule: "compute-optimal closed form N ∝ C^(β/(α+β)) under C = 6ND", citation: { ...chinchillaCitation, where: "Eq. 4" }, status: "confirmed" };

// ---------------------------------------------------------------------------------------------------------------
// Data-constrained (Muennighoff et al. 2023) and inference-aware (Sardana et al. 2023) allocation

/** R_D*, R_N* of Muennighoff et al.'s C4 fit, applied on top of the plan's base law. */
export const REPETITION = { RDstar: muennighoff.published.c4.params.RDstar, RNstar: muennighoff.published.c4.params.RNstar };
export const DATA_CONSTRAINED_SOURCE: RuleSource = {
  rule: `data-constrained optimum (effective data/params with R_D* = ${REPETITION.RDstar.toFixed(2)}, R_N* = ${REPETITION.RNstar.toFixed(2)} from the C4 fit, on the plan's base law)`,
  citation: muennighoff.citation, status: muennighoff.published.c4.status,
};

/** Loss of N params trained on D tokens drawn from U unique tokens. */
export function dataConstrainedLoss(p: LossParams, N: number, D: number, U: number): number {
  return muennighoff.evaluate({ N, D, U }, { ...p, ...REPETITION });
}

/** The loss-optimal (N, D) for budget C with U unique tokens. */
export function dataConstrainedOptimal(p: LossParams, C: number, U: number): { N: number; D: number; loss: number; epochs: number; binding: boolean } {
  const a = muennighoff.optimal({ C, U }, { ...p, ...REPETITION });
  return { N: a.N, D: a.D, loss: a.loss, epochs: a.epochs, binding: !a.unconstrained };
}

export const INFERENCE_SOURCE: RuleSource = {
  rule: "inference-aware: minimise 6ND + 2N·T_inf at the compute-optimal loss", citation: sardanaCitation, status: "confirmed",
};

/** The (N, D) that reaches `targetLoss` with the fewest training + inference FLOPs when serving T tokens. */
export function inferenceOptimal(p: LossParams, targetLoss: number, T: number): { N: number; D: number } {
  const r = inferenceAwareAllocation((N, D) => chinchilla.evaluate({ N, D }, p), targetLoss, T);
  return { N: r.N, D: r.D };
}

// ---------------------------------------------------------------------------------------------------------------
// Counting

export function paramCount(shape: TransformerShape, counting: ParamCounting): number {
  return transformerParamCount(shape, counting);
}

export function flopsPerToken(shape: TransformerShape, counting: FlopCounting): number {
  return transformerFlopsPerToken(shape, counting);
}
export const EXACT_FLOPS_SOURCE: RuleSource = {
  rule: "exact training FLOPs for the shape: 3 × forward matmuls incl. embeddings, attention and logits (Hoffmann et al. App. F)",
  citation: { ...chinchillaCitation, where: "Appendix F (term list from memory)" }, status: "unverified",
};

// ---------------------------------------------------------------------------------------------------------------
// Hyperparameter rules

/** A learning-rate / batch-size rule's answer. */
export interface HparamAnswer extends RuleSource {
  readonly lr: number | null;
  readonly batchTokens: number | null;
  readonly note: string;
  /** Which inputs lie outside the range the rule's constants were fitted on, in words (null when none). */
  readonly outside: string | null;
}

/** The inputs outside a rule's fitted ranges, in words, or null. */
function outsideRanges(ranges: Readonly<Record<string, readonly [number, number]>>, x: Readonly<Record<string, number>>): string | null {
  const out = Object.entries(x).filter(([k, v]) => ranges[k] && (v < ranges[k][0] || v > ranges[k][1]));
  return out.length
    ? out.map(([k, v]) => `${k} = ${v.toExponential(2)} is outside the fitted [${ranges[k][0].toExponential(1)}, ${ranges[k][1].toExponential(1)}]`).join("; ")
    : null;
}

const stepLaw = (name: string, set: { params: StepLawConstants; status: SourceStatus; citation: Citation }, N: number, D: number, note: string): HparamAnswer => ({
  rule: name, citation: set.citation, status: set.status, note, outside: outsideRanges(stepLawLR.ranges, { N, D }),
  lr: stepLawLR.evaluate({ N, D }, set.params), batchTokens: stepLawBatch.evaluate({ D }, set.params),
});

/** Step Law η*(N, D), B*(D) with the published constants and with the refit of the released runs. N non-embedding. */
export function stepLawRules(Nne: number, D: number): HparamAnswer[] {
  return [
    stepLaw("Step Law (published)", STEP_LAW_PUBLISHED, Nne, D, "η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571; N non-embedding"),
    stepLaw("Step Law (refit of released runs)", STEP_LAW_RELEASED_REFIT, Nne, D, "17 released (N, D) groups only; D exponent 0.197 vs the published 0.307"),
  ];
}

/** DeepSeek LLM η_opt(C), B_opt(C) with C = M·D, M = non-embedding FLOPs/token incl. attention (from the shape). */
export function deepseekRule(shape: TransformerShape, D: number): HparamAnswer {
  const M = transformerFlopsPerToken(shape, "deepseek-M");
  const C = M * D;
  return {
    rule: "DeepSeek LLM", citation: deepseek.published.hparams.citation, status: deepseek.published.hparams.status,
    lr: deepseek.lr.evaluate({ C }), batchTokens: deepseek.batch.evaluate({ C }), outside: outsideRanges(deepseek.lr.ranges, { C }),
    note: `η = 0.3118·C^−0.125, B = 0.2920·C^0.3271 with C = M·D = ${C.toExponential(3)} (M from the shape)`,
  };
}

/** μTransfer of a base run's LR to a wider model (hidden weights, Adam: η ∝ 1/width; the `mup` package's Table 8). */
export function mupRule(base: { width: number; lr: number; batchTokens?: number }, width: number): HparamAnswer {
  const widthMult = width / base.width;
  return {
    rule: "μP transfer from your base run", citation: { ...mupCitation, where: "Table 8 (mup package): Adam LR of hidden weights ∝ 1/fan_in" }, status: "confirmed", outside: null,
    lr: mupTransferLR({ baseLR: base.lr, kind: "hidden", optim: "adam", widthMult }), batchTokens: base.batchTokens ?? null,
    note: `hidden-weight Adam LR = base LR / ${widthMult.toPrecision(3)} (width ${width} vs base ${base.width}); input/output layers follow μP's table; batch kept from the base run (μP does not transfer batch size)`,
  };
}

/** Kaplan et al.'s critical batch B_crit(L) = B_* / L^(1/α_B) at the predicted loss: batches above it waste compute. */
export function criticalBatchRule(loss: number): HparamAnswer {
  return {
    rule: "critical batch B_crit(L) (Kaplan et al.)", citation: kaplanCitation, status: KAPLAN_2020.status,
    lr: null, batchTokens: kaplanCriticalBatch(loss), outside: null,
    note: "B* = 2e8 tokens, α_B = 0.21 fitted on WebText2 losses; evaluated at this law's loss (a different dataset), so only the order of magnitude carries over; an upper bound for efficient batches",
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Schedules and statistics

export function wsdLrFactor(step: number, total: number, warmup: number, decayFraction: number): number {
  return wsdFactor(step, { total, warmup, fractDecay: decayFraction, shape: "sqrt" });
}

export function cosineLrFactor(step: number, total: number, warmup: number, finalFactor: number): number {
  return cosineFactor(step, { total, warmup, finalFactor });
}

/** The q-quantile of already sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  return sortedQuantile(sorted, q);
}

/** Φ⁻¹(p). */
export function normalInverse(p: number): number {
  return normalQuantile(p);
}
