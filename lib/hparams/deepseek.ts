/**
 * DeepSeek LLM (Bi et al. 2024) compute-optimal hyperparameters and allocation, with C = M·D and
 * M = non-embedding FLOPs/token including attention (72·n_layer·d² + 12·n_layer·d·l_seq; use
 * `transformerFlopsPerToken(shape, "deepseek-M")`):
 *   η_opt = 0.3118·C^−0.125,  B_opt = 0.2920·C^0.3271 (tokens),  M_opt = 0.1715·C^0.5243,  D_opt = 5.8316·C^0.4757.
 */
import { assertPositive, defineCard, InvalidInputError, type PublishedConstants } from "../core";
import { deepseekCitation } from "../core/bibliography";


/** Constants of DeepSeek η_opt = lrCoef·C^lrExp and B_opt = batchCoef·C^batchExp. */
export interface DeepseekHparamConstants {
  readonly lrCoef: number;
  readonly lrExp: number;
  readonly batchCoef: number;
  readonly batchExp: number;
}

/** η_opt and B_opt fits (confirmed-secondary: DeepSeek calculator page; matches the 7B/67B published LR and batch). */
export const DEEPSEEK_HPARAMS: PublishedConstants<DeepseekHparamConstants> = {
  name: "DeepSeek LLM η_opt(C), B_opt(C)",
  params: { lrCoef: 0.3118, lrExp: -0.125, batchCoef: 0.292, batchExp: 0.3271 },
  status: "confirmed",
  citation: { ...deepseekCitation, where: "η_opt, B_opt fit (confirmed-secondary; consistent with DeepSeek-7B's LR 4.2e-4 and batch 2304×4096)" },
  note: "C = M·D FLOPs with M = non-embedding FLOPs/token incl. attention; η = peak AdamW LR (β 0.9/0.95, wd 0.1, multi-step schedule); B in tokens. Fitted on ~1e17–2e19 FLOPs",
};

/** Constants of DeepSeek M_opt = mBase·C^mExp and D_opt = dBase·C^dExp. */
export interface DeepseekAllocationConstants {
  readonly mBase: number;
  readonly mExp: number;
  readonly dBase: number;
  readonly dExp: number;
}

/** M_opt, D_opt allocation (from memory, UNVERIFIED; internally consistent: exponents sum to 1). */
export const DEEPSEEK_ALLOCATION: PublishedConstants<DeepseekAllocationConstants> = {
  name: "DeepSeek LLM M_opt(C), D_opt(C) (unverified)",
  params: { mBase: 0.1715, mExp: 0.5243, dBase: 5.8316, dExp: 0.4757 },
  status: "unverified",
  citation: { ...deepseekCitation, where: "M_opt, D_opt fit (from memory, unverified)" },
  note: "M in non-embedding FLOPs/token, D in tokens, C = M·D",
};

function finite(fn: string, k: object): void {
  for (const [name, v] of Object.entries(k)) if (!Number.isFinite(v)) throw new InvalidInputError(fn, `constants.${name} must be finite, got ${v}`);
}

/**
 * DeepSeek compute-optimal peak learning rate η_opt = 0.3118·C^−0.125.
 * @param p.C compute M·D in FLOPs (> 0); p.constants override {@link DEEPSEEK_HPARAMS}
 * @returns the peak AdamW learning rate
 * @throws InvalidInputError for C ≤ 0
 * @example deepseekOptimalLearningRate({ C: 1e20 }) // => 9.85998e-4
 * @see deepseekCitation
 */
export function deepseekOptimalLearningRate(p: { C: number; constants?: DeepseekHparamConstants }): number {
  const fn = "deepseekOptimalLearningRate";
  assertPositive(fn, "C", p.C);
  const k = p.constants ?? DEEPSEEK_HPARAMS.params;
  finite(fn, k);
  return k.lrCoef * p.C ** k.lrExp;
}

/**
 * DeepSeek compute-optimal batch size B_opt = 0.2920·C^0.3271, in tokens.
 * @param p.C compute M·D in FLOPs (> 0); p.constants override {@link DEEPSEEK_HPARAMS}
 * @returns the batch size in tokens
 * @throws InvalidInputError for C ≤ 0
 * @example deepseekOptimalBatch({ C: 1e20 }) // => 1.017145e6
 * @see deepseekCitation
 */
export function deepseekOptimalBatch(p: { C: number; constants?: DeepseekHparamConstants }): number {
  const fn = "deepseekOptimalBatch";
  assertPositive(fn, "C", p.C);
  const k = p.constants ?? DEEPSEEK_HPARAMS.params;
  finite(fn, k);
  return k.batchCoef * p.C ** k.batchExp;
}

/**
 * DeepSeek compute-optimal allocation M_opt = 0.1715·C^0.5243 (FLOPs/token), D_opt = 5.8316·C^0.4757 (tokens).
 * The default constants are UNVERIFIED (from memory).
 * @param p.C compute in FLOPs (> 0); p.constants override {@link DEEPSEEK_ALLOCATION}
 * @returns M (non-embedding FLOPs/token) and D (tokens)
 * @throws InvalidInputError for C ≤ 0
 * @example deepseekAllocation({ C: 1e20, constants: { mBase: 1, mExp: 0.5, dBase: 1, dExp: 0.5 } }).D // => 1e10
 * @see deepseekCitation
 */
export function deepseekAllocation(p: { C: number; constants?: DeepseekAllocationConstants }): { M: number; D: number } {
  const fn = "deepseekAllocation";
  assertPositive(fn, "C", p.C);
  const k = p.constants ?? DEEPSEEK_ALLOCATION.params;
  finite(fn, k);
  return { M: k.mBase * p.C ** k.mExp, D: k.dBase * p.C ** k.dExp };
}

/** Law card: registers this law in the catalogue (`listLaws`) and renders it in the notebook. */
export const deepseekHparamsLaw = defineCard({
  id: "deepseek-hparams",
  name: "DeepSeek LLM compute-optimal learning rate and batch size",
  topic: "hparams",
  latex: "\\eta_{opt} = 0.3118\\,C^{-0.1250},\\quad B_{opt} = 0.2920\\,C^{0.3271}",
  formula: "eta = 0.3118 * C^-0.125; B = 0.2920 * C^0.3271",
  variables: { C: "compute M·D, FLOPs (M = non-embedding FLOPs/token incl. attention)", "η_opt": "peak AdamW learning rate", B_opt: "batch size, tokens" },
  citation: deepseekCitation,
  status: "confirmed",
  constants: [DEEPSEEK_HPARAMS],
  api: "deepseekOptimalLearningRate",
});

/** Law card: registers this law in the catalogue (`listLaws`) and renders it in the notebook. */
export const deepseekAllocationLaw = defineCard({
  id: "deepseek-allocation",
  name: "DeepSeek LLM model/data allocation M_opt(C), D_opt(C)",
  topic: "hparams",
  latex: "M_{opt} = 0.1715\\,C^{0.5243},\\quad D_{opt} = 5.8316\\,C^{0.4757}",
  formula: "M = 0.1715 * C^0.5243; D = 5.8316 * C^0.4757",
  variables: { C: "compute M·D, FLOPs", M: "non-embedding FLOPs/token", D: "tokens" },
  citation: deepseekCitation,
  status: "unverified",
  constants: [DEEPSEEK_ALLOCATION],
  api: "deepseekAllocation",
});
