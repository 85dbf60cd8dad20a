/**
 * `hparams.criticalBatch`: the batch-size rules side by side. Kaplan's B_crit(L) lives with the Kaplan laws
 * (`laws` namespace).
 */
import { zhang } from "./critical-batch-zhang";
import { mccandlish } from "./noise-scale";
import { shuai } from "./shuai-batch";
import { su } from "./su-trajectory";
import { timeTransfer } from "./time-transfer";

/**
 * Critical batch size and batch-size trade-offs: `zhang` (Law R(B) with the operational CBS and the released table),
 * `mccandlish` (noise scale, steps/examples trade-off), `su` (L(N, S, B)), `timeTransfer` (B_crit ∝ T, LR regimes),
 * `shuai` (batch-aware allocation and LR scaling).
 * @example hparams.criticalBatch.mccandlish.optimalStepFraction({ B: 100, Bnoise: 100 }) // => 0.5
 */
export const criticalBatch = { zhang, mccandlish, su, timeTransfer, shuai } as const;
