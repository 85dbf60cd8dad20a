/**
 * DeepSeek LLM (Bi et al. 2024) compute-optimal hyperparameters and allocation, with C = M·D and
 * M = non-embedding FLOPs/token including attention (72·n_layer·d² + 12·n_layer·d·l_seq; use
 * `laws.flops` with "deepseek-M"):
 *   η_opt = 0.3118·C^−0.125,  B_opt = 0.2920·C^0.3271 (tokens),  M_opt = 0.1715·C^0.5243,  D_opt = 5.8316·C^0.4757.
 */
import type { ParamConvention } from "./param-convention";
import { assertPositive, defineCard, InvalidInputError, type PublishedConstants } from "../core";
import { deepseekCitation } from "../core/bibliography";
import { defineLaw, paramsOf, type LawParams } from "../laws/law";
import { monomial } from "./monomial";

/** Constants of DeepSeek η_opt = lrCoef·C^lrExp and B_opt = batchCoef·C^batchExp. */
export type DeepseekHparamConstants = LawParams<"lrCoef" | "lrExp" | "batchCoef" | "batchExp">;

/** η_opt and B_opt fits (confirmed-secondary: DeepSeek calculator page; matches the 7B/67B published LR and batch). */
export const DEEPSEEK_HPARAMS: PublishedConstants<DeepseekHparamConstants> = {
  name: "DeepSeek LLM η_opt(C), B_opt(C)",
  params: { lrCoef: 0.3118, lrExp: -0.125, batchCoef: 0.292, batchExp: 0.3271 },
  status: "confirmed",
  citation: { ...deepseekCitation, where: "η_opt, B_opt fit (confirmed-secondary; consistent with DeepSeek-7B's LR 4.2e-4 and batch 2304×4096)" },
  note: "C = M·D FLOPs with M = non-embedding FLOPs/token incl. attention; η = peak AdamW LR (β 0.9/0.95, wd 0.1, multi-step schedule); B in tokens. Fitted on ~1e17–2e19 FLOPs",
};

/** Constants of DeepSeek M_opt = mBase·C^mExp and D_opt = dBase·C^dExp. */
export type DeepseekAllocationConstants = LawParams<"mBase" | "mExp" | "dBase" | "dExp">;

/** M_opt, D_opt allocation (from memory, UNVERIFIED; internally consistent: exponents sum to 1). */
export const DEEPSEEK_ALLOCATION: PublishedConstants<DeepseekAllocationConstants> = {
  name: "DeepSeek LLM M_opt(C), D_opt(C) (unverified)",
  params: { mBase: 0.1715, mExp: 0.5243, dBase: 5.8316, dExp: 0.4757 },
  status: "unverified",
  citation: { ...deepseekCitation, where: "M_opt, D_opt fit (from memory, unverified)" },
  note: "M in non-embedding FLOPs/token, D in tokens, C = M·D",
};

/** The compute range of DeepSeek's hyperparameter sweeps. */
const C_RANGE = { C: [1e17, 2e19] as const };
const C_INPUT = { C: "compute M·D, FLOPs (M = non-embedding FLOPs/token incl. attention)" };

/**
 * DeepSeek compute-optimal peak learning rate η_opt = 0.3118·C^−0.125.
 * @example hparams.deepseek.lr.predict({ C: 1e20 }) // => 9.85998e-4
 * @see deepseekCitation
 */
export const deepseekLR = defineLaw<{ C: number }, "lrCoef" | "lrExp">({
  id: "deepseek-lr",
  api: "hparams.deepseek.lr",
  name: "DeepSeek LLM compute-optimal learning rate η_opt(C)",
  topic: "hparams",
  latex: "\\eta_{opt} = 0.3118\\,C^{-0.1250}",
  formula: "lrCoef * C^lrExp",
  inputs: C_INPUT,
  output: "peak AdamW learning rate",
  params: [{ name: "lrCoef", transform: "log", description: "prefactor" }, { name: "lrExp", description: "exponent of C" }],
  published: { deepseek: DEEPSEEK_HPARAMS },
  ranges: C_RANGE,
  citation: deepseekCitation,
  ...monomial<{ C: number }, "lrCoef" | "lrExp">("lrCoef", [["C", "lrExp"]]),
  module: __filename,
  fitDefaults: { objective: "mse", init: { lrCoef: 1, lrExp: 0 } },
});

/**
 * DeepSeek compute-optimal batch size B_opt = 0.2920·C^0.3271, in tokens.
 * @example hparams.deepseek.batch.predict({ C: 1e20 }) // => 1.017145e6
 * @see deepseekCitation
 */
export const deepseekBatch = defineLaw<{ C: number }, "batchCoef" | "batchExp">({
  id: "deepseek-batch",
  api: "hparams.deepseek.batch",
  name: "DeepSeek LLM compute-optimal batch size B_opt(C)",
  topic: "hparams",
  latex: "B_{opt} = 0.2920\\,C^{0.3271}",
  formula: "batchCoef * C^batchExp",
  inputs: C_INPUT,
  output: "batch size, tokens",
  params: [{ name: "batchCoef", transform: "log", description: "prefactor, tokens" }, { name: "batchExp", description: "exponent of C" }],
  published: { deepseek: DEEPSEEK_HPARAMS },
  ranges: C_RANGE,
  citation: deepseekCitation,
  ...monomial<{ C: number }, "batchCoef" | "batchExp">("batchCoef", [["C", "batchExp"]]),
  module: __filename,
  fitDefaults: { objective: "mse", init: { batchCoef: 1, batchExp: 0 } },
});

/**
 * DeepSeek compute-optimal allocation M_opt = 0.1715·C^0.5243 (FLOPs/token), D_opt = 5.8316·C^0.4757 (tokens).
 * The default constants are UNVERIFIED (from memory).
 * @param x.C compute in FLOPs (> 0)
 * @param params mBase, mExp, dBase, dExp (default {@link DEEPSEEK_ALLOCATION})
 * @returns M (non-embedding FLOPs/token) and D (tokens)
 * @throws InvalidInputError for C ≤ 0 or non-finite constants
 * @example hparams.deepseek.allocation({ C: 1e20 }, { mBase: 1, mExp: 0.5, dBase: 1, dExp: 0.5 }).D // => 1e10
 * @see deepseekCitation
 */
export function deepseekAllocation(x: { C: number }, params?: DeepseekAllocationConstants | PublishedConstants<DeepseekAllocationConstants>): { M: number; D: number } {
  const fn = "hparams.deepseek.allocation";
  if (!x || typeof x !== "object") throw new InvalidInputError(fn, "input must be an object { C }");
  assertPositive(fn, "C", x.C);
  const k = paramsOf(fn, ["mBase", "mExp", "dBase", "dExp"], params ?? DEEPSEEK_ALLOCATION);
  return { M: k.mBase * x.C ** k.mExp, D: k.dBase * x.C ** k.dExp };
}

/** Card of the allocation (two outputs, constants unverified): registers it in the catalogue. */
export const deepseekAllocationCard = defineCard({
  id: "deepseek-allocation",
  name: "DeepSeek LLM model/data allocation M_opt(C), D_opt(C)",
  topic: "hparams",
  latex: "M_{opt} = 0.1715\\,C^{0.5243},\\quad D_{opt} = 5.8316\\,C^{0.4757}",
  formula: "M = mBase * C^mExp; D = dBase * C^dExp",
  variables: { C: "compute M·D, FLOPs", M: "non-embedding FLOPs/token", D: "tokens" },
  citation: deepseekCitation,
  status: "unverified",
  constants: [DEEPSEEK_ALLOCATION],
  api: "hparams.deepseek.allocation",
});

/**
 * DeepSeek LLM's compute-optimal rules: `lr` and `batch` are Laws of C = M·D; `allocation(x, params?)` splits C
 * into M and D (constants unverified).
 * @example hparams.deepseek.allocation({ C: 1e20 }).D / 1e10 // => 1.90453
 */
export const deepseek = {
  lr: deepseekLR,
  batch: deepseekBatch,
  allocation: deepseekAllocation,
  published: { hparams: DEEPSEEK_HPARAMS, allocation: DEEPSEEK_ALLOCATION },
  /** What the rules' model scale counts: M is non-embedding FLOPs per token, i.e. of the active parameters. */
  parameters: { count: "active", embedding: "excluded" } as ParamConvention,
} as const;
