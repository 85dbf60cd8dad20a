/**
 * The allocations a decision-maker compares for one budget: compute-optimal (Chinchilla), inference-optimal (same
 * loss, fewest training + serving FLOPs), data-constrained (repeated data is worth less), and the user's own fixed
 * N or D. Each has its loss and cost; `chooseAllocation` says which one the plan adopts and why.
 */
import type { ResolvedSpec } from "./inputs";
import {
  COMPUTE_OPTIMAL_SOURCE, DATA_CONSTRAINED_SOURCE, INFERENCE_SOURCE, LAW_COUNTING, dataConstrainedLoss, dataConstrainedOptimal, inferenceOptimal,
  lawLoss, lawOptimal, type LossParams, type RuleSource,
} from "./rules";
import { chinchillaCitation } from "../core/bibliography";

export type AllocationKind = "compute-optimal" | "inference-optimal" | "data-constrained" | "fixed";

export interface Allocation {
  readonly kind: AllocationKind;
  /** The law's N: total parameters (active per token for MoE). */
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  /** D / unique tokens, when the unique data is given. */
  readonly epochs: number | null;
  /** Predicted loss with the plan's law (with repetition when unique data is given). */
  readonly loss: number;
  /** The loss as a function of the law's constants at this (N, D), for intervals. */
  readonly lossOf: (p: LossParams) => number;
  /** 6ND. */
  readonly trainingFlops: number;
  /** 2N per served token. */
  readonly inferenceFlops: number;
  readonly lifetimeFlops: number;
  readonly gpuHours: number;
  readonly source: RuleSource;
}

const FIXED_SOURCE: RuleSource = { rule: "your fixed N or D; the other from C = 6ND", citation: { ...chinchillaCitation, where: "C = 6ND" }, status: "confirmed" };

function allocation(spec: ResolvedSpec, kind: AllocationKind, N: number, D: number, source: RuleSource): Allocation {
  const U = spec.uniqueTokens;
  const lossOf = U !== null ? (p: LossParams) => dataConstrainedLoss(p, N, D, U) : (p: LossParams) => lawLoss(p, N, D);
  const trainingFlops = LAW_COUNTING.flopsPerParamToken * N * D;
  const inferenceFlops = 2 * N * spec.inferenceTokens;
  return {
    kind, N, D, tokensPerParam: D / N, epochs: U !== null ? D / U : null, loss: lossOf(spec.law.params), lossOf,
    trainingFlops, inferenceFlops, lifetimeFlops: trainingFlops + inferenceFlops,
    gpuHours: trainingFlops / (spec.accelerator.peakFlops * spec.mfu) / 3600, source,
  };
}

export interface AllocationChoice {
  readonly options: readonly Allocation[];
  readonly chosen: Allocation;
  readonly why: string;
  readonly warnings: readonly string[];
}

/**
 * The alternatives for the spec's budget and the one the plan adopts.
 * @param spec resolved spec
 * @param fixedN N fixed by the user or by a given shape (null to choose it)
 */
export function chooseAllocation(spec: ResolvedSpec, fixedN: number | null): AllocationChoice {
  const p = spec.law.params;
  const C = spec.compute ?? LAW_COUNTING.flopsPerParamToken * (fixedN as number) * (spec.D as number);
  const warnings: string[] = [];
  const opt = lawOptimal(p, C);
  const options: Allocation[] = [allocation(spec, "compute-optimal", opt.N, opt.D, COMPUTE_OPTIMAL_SOURCE)];
  let inference: Allocation | null = null;
  if (spec.inferenceTokens > 0) {
    const r = inferenceOptimal(p, opt.loss, spec.inferenceTokens);
    inference = allocation(spec, "inference-optimal", r.N, r.D, INFERENCE_SOURCE);
    options.push(inference);
  }
  let constrained: Allocation | null = null, binding = false;
  if (spec.uniqueTokens !== null) {
    const r = dataConstrainedOptimal(p, C, spec.uniqueTokens);
    binding = r.binding;
    constrained = allocation(spec, "data-constrained", r.N, r.D, DATA_CONSTRAINED_SOURCE);
    options.push(constrained);
  }
  let fixed: Allocation | null = null;
  if (fixedN !== null || spec.D !== null) {
    const N = fixedN ?? C / (LAW_COUNTING.flopsPerParamToken * (spec.D as number));
    const D = spec.D ?? C / (LAW_COUNTING.flopsPerParamToken * N);
    fixed = allocation(spec, "fixed", N, D, FIXED_SOURCE);
    options.push(fixed);
  }

  if (fixed) return { options, chosen: fixed, why: "N or D fixed by you", warnings };
  if (constrained && binding) {
    if (inference) warnings.push("unique data and inference tokens were both given: the plan takes the data-constrained optimum; the two are not optimised jointly");
    return { options, chosen: constrained, why: `the unique data (${spec.uniqueTokens!.toExponential(2)} tokens) is less than the compute-optimal D, so repeated epochs are discounted`, warnings };
  }
  if (inference) {
    if (spec.uniqueTokens !== null && inference.D > spec.uniqueTokens) warnings.push(`the inference-optimal D needs ${(inference.D / spec.uniqueTokens).toFixed(1)} epochs of the unique data; its loss includes the repetition penalty`);
    const extra = inference.trainingFlops / C;
    warnings.push(`the inference-optimal model reaches the compute-optimal loss with ${extra.toFixed(2)}× the training budget and saves ${(100 * (1 - inference.lifetimeFlops / options[0].lifetimeFlops)).toFixed(1)}% of lifetime FLOPs`);
    return { options, chosen: inference, why: `serving ${spec.inferenceTokens.toExponential(2)} tokens makes a smaller model trained longer cheaper over its life at the same loss`, warnings };
  }
  return { options, chosen: options[0], why: "loss-minimising split of the budget under C = 6ND", warnings };
}
