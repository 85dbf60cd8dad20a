/**
 * A concrete Transformer shape for a parameter count: integer layers, d_model a multiple of 128, whole heads and a
 * SwiGLU width, chosen by a stated aspect-ratio rule and hitting N within 2% in the law's counting (total
 * parameters incl. the input embedding and an untied output head). Mixture-of-experts shapes replicate the FFN per
 * expert; the law's N is then the parameters active per token.
 */
import { InvalidInputError } from "../core";
import { paramCount, type ParamCounting, type TransformerShape } from "./rules";

/** The architecture of the plan. */
export interface PlanShape {
  readonly nLayers: number;
  readonly dModel: number;
  readonly nHeads: number;
  readonly dHead: number;
  /** SwiGLU hidden width of one FFN (one expert for MoE). */
  readonly dFF: number;
  readonly vocab: number;
  readonly seqLen: number;
  /** Routed experts per layer and active per token (1 and 1 for a dense model). */
  readonly experts: number;
  readonly activeExperts: number;
}

/** Parameter counts of a shape. */
export interface ShapeParams {
  /** Every weight, all experts, embeddings and head (the memory footprint). */
  readonly total: number;
  /** Attention + FFN weights, all experts. */
  readonly nonEmbedding: number;
  /** Weights used per token incl. embeddings (= total for a dense model): the law's N. */
  readonly active: number;
  /** Non-embedding weights used per token (what Step Law's N counts). */
  readonly activeNonEmbedding: number;
}

/** Tolerance of the shape's count against the requested N. */
export const SHAPE_TOLERANCE = 0.02;
/** SwiGLU: three matrices of d_model × d_ff; d_ff ≈ 8/3·d_model keeps the FFN at the size of a 4·d_model GELU MLP. */
const FFN_MATRICES = 3;
const FFN_RATIO = 8 / 3;
const FFN_RATIO_RANGE: readonly [number, number] = [2, 3.5];
const D_MODEL_STEP = 128;
const D_FF_STEP = 64;

/** The rule, stated in the output. */
export function shapeRule(aspectRatio: number): string {
  return `n_layers and d_model (a multiple of ${D_MODEL_STEP}) with d_model/n_layers closest to ${aspectRatio}; heads of 128 ` +
    `(64 below d_model 2048); SwiGLU d_ff a multiple of ${D_FF_STEP} near 8/3·d_model, adjusted to hit N; untied embeddings`;
}

/** The shape as the counting functions see it, with the FFN of `copies` experts folded into d_ff. */
function asCounted(s: PlanShape, copies: number): TransformerShape {
  return {
    nLayers: s.nLayers, dModel: s.dModel, nHeads: s.nHeads, dHead: s.dHead, dFF: s.dFF * copies, vocab: s.vocab, seqLen: s.seqLen,
    ffnMatrices: FFN_MATRICES, tiedEmbeddings: false,
  };
}

/** The shape with only the active experts' FFNs: what runs per token, for FLOP counts and per-token rules. */
export function activeArchitecture(s: PlanShape): TransformerShape {
  return asCounted(s, s.activeExperts);
}

/** Parameter counts of a shape. */
export function shapeParams(s: PlanShape): ShapeParams {
  const count = (copies: number, c: ParamCounting) => paramCount(asCounted(s, copies), c);
  return {
    total: count(s.experts, "total"),
    nonEmbedding: count(s.experts, "non-embedding"),
    active: count(s.activeExperts, "total"),
    activeNonEmbedding: count(s.activeExperts, "non-embedding"),
  };
}

/** A user-given architecture completed with the plan's defaults. */
export function completeShape(p: { nLayers: number; dModel: number; nHeads: number; dFF?: number }, vocab: number, seqLen: number,
  moe: { experts: number; active: number } | null): PlanShape {
  return {
    nLayers: p.nLayers, dModel: p.dModel, nHeads: p.nHeads, dHead: p.dModel / p.nHeads,
    dFF: p.dFF ?? Math.round((FFN_RATIO * p.dModel) / D_FF_STEP) * D_FF_STEP, vocab, seqLen,
    experts: moe?.experts ?? 1, activeExperts: moe?.active ?? 1,
  };
}

/**
 * The shape whose active parameter count (total incl. embeddings) is within 2% of N, closest to the aspect ratio.
 * @param N the law's N (active parameters for MoE)
 * @param o vocab, seqLen, aspectRatio, moe
 * @returns the shape
 * @throws InvalidInputError when no shape of the family comes within 2% (N too small for the vocabulary)
 */
export function shapeForN(N: number, o: { vocab: number; seqLen: number; aspectRatio: number; moe: { experts: number; active: number } | null }): PlanShape {
  const experts = o.moe?.experts ?? 1, active = o.moe?.active ?? 1;
  const embedding = 2 * o.vocab;
  let best: { shape: PlanShape; score: number } | null = null;
  for (let L = 1; L <= 512; L++) {
    // Continuous d_model for this depth at d_ff = 8/3·d, then round to the grid and let d_ff absorb the rest.
    const k = L * (4 + FFN_MATRICES * FFN_RATIO * active);
    const d = (-embedding + Math.sqrt(embedding ** 2 + 4 * k * N)) / (2 * k);
    for (const dq of new Set([Math.floor(d / D_MODEL_STEP) * D_MODEL_STEP, Math.ceil(d / D_MODEL_STEP) * D_MODEL_STEP])) {
      if (dq < D_MODEL_STEP) continue;
      const ffnBudget = N - L * 4 * dq * dq - embedding * dq;
      if (ffnBudget <= 0) continue;
      const dFF = Math.round(ffnBudget / (L * FFN_MATRICES * dq * active) / D_FF_STEP) * D_FF_STEP;
      if (dFF / dq < FFN_RATIO_RANGE[0] || dFF / dq > FFN_RATIO_RANGE[1]) continue;
      const dHead = dq >= 2048 ? 128 : 64;
      const shape: PlanShape = { nLayers: L, dModel: dq, nHeads: dq / dHead, dHead, dFF, vocab: o.vocab, seqLen: o.seqLen, experts, activeExperts: active };
      const err = shapeParams(shape).active / N - 1;
      if (Math.abs(err) > SHAPE_TOLERANCE) continue;
      const score = Math.abs(Math.log(dq / L / o.aspectRatio)) + Math.abs(Math.log(dFF / (FFN_RATIO * dq))) + Math.abs(err);
      if (!best || score < best.score) best = { shape, score };
    }
  }
  if (!best) {
    throw new InvalidInputError("plan", `no shape with d_model ≥ ${D_MODEL_STEP} has ${N.toExponential(3)} parameters within 2% (vocab ${o.vocab})`,
      "raise the budget or N, or lower vocab: the embeddings alone need 2·vocab·d_model parameters");
  }
  return best.shape;
}
