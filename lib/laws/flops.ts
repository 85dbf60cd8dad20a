/**
 * Parameter and FLOP counting for a decoder-only Transformer, in every convention the scaling-law papers use.
 * Which N and which C a law assumes changes its fitted exponents (Kaplan counts non-embedding parameters and
 * 6·N·D; Chinchilla counts all parameters and, in Appendix F, every matmul incl. embeddings, attention and
 * logits; DeepSeek uses M = non-embedding FLOPs/token incl. attention; Porian et al. trace the Kaplan/Chinchilla
 * gap partly to the last-layer FLOPs). Training FLOPs = 3 × forward FLOPs (backward ≈ 2 × forward).
 */
import { assertChoice, assertPositive, defineCard, InvalidInputError } from "../core";
import { chinchillaCitation } from "../core/bibliography";


/** The shape of a decoder-only Transformer. Biases and norms are ignored, as in all counting conventions here. */
export interface TransformerShape {
  readonly nLayers: number;
  readonly dModel: number;
  readonly nHeads: number;
  /** Feed-forward width; default 4·dModel. */
  readonly dFF?: number;
  readonly vocab: number;
  /** Context length (tokens per sequence). */
  readonly seqLen: number;
  /** Per-head width; default dModel / nHeads (so d_attn = nHeads·dHead = dModel). */
  readonly dHead?: number;
  /** 2 for a plain MLP, 3 for a gated MLP (SwiGLU/GeGLU); default 2. */
  readonly ffnMatrices?: 2 | 3;
  /** Input embedding and output head share weights (default true); only the total parameter count depends on it. */
  readonly tiedEmbeddings?: boolean;
}

/** What N counts. "non-embedding": attention + MLP weights (Kaplan); "with-head": + the vocab×d output layer
 * (Porian's params_active); "total": + the input embedding too when untied (Chinchilla's N). */
export type ParamCounting = "non-embedding" | "with-head" | "total";
/** Every ParamCounting, for validation and menus. */
export const PARAM_COUNTINGS: readonly ParamCounting[] = ["non-embedding", "with-head", "total"];

/**
 * How training FLOPs per token are counted.
 * - "6N-nonembedding": 6·N_non-embedding (Kaplan's C ≈ 6ND; Porian "no_att_no_embed"; DeepSeek 6N₁)
 * - "6N-with-head": 6·(N_non-embedding + V·d) (Porian's default "no_att"; DeepSeek 6N₂)
 * - "6N-total": 6·N_total (the common C = 6ND with Chinchilla's N)
 * - "kaplan": 6·N_non-embedding + 6·n_layer·n_ctx·d_attn (3 × Kaplan's forward count 2N + 2·n_layer·n_ctx·d_attn)
 * - "porian-attention": 6·(N_non-embedding + V·d) + 6·n_ctx·d_attn·n_layer (Porian "att")
 * - "deepseek-M": 6·N_non-embedding + 12·n_layer·d_attn·n_ctx (DeepSeek's M = 72·n_layer·d² + 12·n_layer·d·l_seq)
 * - "chinchilla": Hoffmann et al. Appendix F, every matmul incl. embeddings, attention, softmax and logits
 */
export type FlopCounting = "6N-nonembedding" | "6N-with-head" | "6N-total" | "kaplan" | "porian-attention" | "deepseek-M" | "chinchilla";
/** Every FlopCounting, for validation and menus. */
export const FLOP_COUNTINGS: readonly FlopCounting[] = ["6N-nonembedding", "6N-with-head", "6N-total", "kaplan", "porian-attention", "deepseek-M", "chinchilla"];



interface Resolved {
  L: number;
  d: number;
  H: number;
  dAttn: number;
  dFF: number;
  V: number;
  S: number;
  m: number;
  tied: boolean;
}

function resolve(fn: string, s: TransformerShape): Resolved {
  if (typeof s !== "object" || s === null) throw new InvalidInputError(fn, "shape must be an object {nLayers, dModel, nHeads, vocab, seqLen}");
  assertPositive(fn, "shape.nLayers", s.nLayers);
  assertPositive(fn, "shape.dModel", s.dModel);
  assertPositive(fn, "shape.nHeads", s.nHeads);
  assertPositive(fn, "shape.vocab", s.vocab);
  assertPositive(fn, "shape.seqLen", s.seqLen);
  const dFF = s.dFF ?? 4 * s.dModel;
  assertPositive(fn, "shape.dFF", dFF);
  const dHead = s.dHead ?? s.dModel / s.nHeads;
  assertPositive(fn, "shape.dHead", dHead);
  const m = s.ffnMatrices ?? 2;
  if (m !== 2 && m !== 3) throw new InvalidInputError(fn, `shape.ffnMatrices must be 2 (plain MLP) or 3 (gated MLP), got ${m}`);
  return { L: s.nLayers, d: s.dModel, H: s.nHeads, dAttn: s.nHeads * dHead, dFF, V: s.vocab, S: s.seqLen, m, tied: s.tiedEmbeddings ?? true };
}

function nonEmbedding(r: Resolved): number {
  return r.L * (4 * r.d * r.dAttn + r.m * r.d * r.dFF);
}

/**
 * Parameter count of a Transformer in a counting convention (weights only; biases and norms ignored).
 *
 * non-embedding = n_layer·(4·d·d_attn + k·d·d_ff) (k = 2, or 3 for gated MLPs; = 12·n_layer·d² for the default
 * shape), with-head = non-embedding + V·d, total = with-head + V·d if the embeddings are untied.
 * @param shape the architecture
 * @param counting "non-embedding" | "with-head" | "total" (default "non-embedding")
 * @returns parameters
 * @throws InvalidInputError for a malformed shape; UnknownChoiceError for another counting
 * @example transformerParamCount({ nLayers: 12, dModel: 768, nHeads: 12, vocab: 50257, seqLen: 1024 }) // => 84934656
 * @see kaplanCitation
 */
export function transformerParamCount(shape: TransformerShape, counting: ParamCounting = "non-embedding"): number {
  const fn = "laws.flops.params";
  const r = resolve(fn, shape);
  assertChoice(fn, "parameter counting", counting, PARAM_COUNTINGS);
  return paramsResolved(r, counting);
}

function paramsResolved(r: Resolved, counting: ParamCounting): number {
  const ne = nonEmbedding(r);
  if (counting === "non-embedding") return ne;
  if (counting === "with-head") return ne + r.V * r.d;
  return ne + r.V * r.d * (r.tied ? 1 : 2);
}

/** Chinchilla Appendix F forward FLOPs for one sequence of seqLen tokens. */
function chinchillaForwardPerSequence(r: Resolved): number {
  const { L, d, H, dAttn, dFF, V, S, m } = r;
  const embeddings = 2 * S * V * d;
  const attention =
    2 * 3 * S * d * dAttn + // key, query, value projections
    2 * S * S * dAttn + // key @ query logits
    3 * H * S * S + // softmax
    2 * S * S * dAttn + // softmax @ value reductions
    2 * S * dAttn * d; // final linear
  const dense = 2 * S * m * d * dFF;
  const logits = 2 * S * d * V;
  return embeddings + L * (attention + dense) + logits;
}

function flopsResolved(r: Resolved, counting: FlopCounting): number {
  const ne = nonEmbedding(r);
  switch (counting) {
    case "6N-nonembedding":
      return 6 * ne;
    case "6N-with-head":
      return 6 * (ne + r.V * r.d);
    case "6N-total":
      return 6 * paramsResolved(r, "total");
    case "kaplan":
      return 6 * ne + 6 * r.L * r.S * r.dAttn;
    case "porian-attention":
      return 6 * (ne + r.V * r.d) + 6 * r.S * r.dAttn * r.L;
    case "deepseek-M":
      return 6 * ne + 12 * r.L * r.dAttn * r.S;
    case "chinchilla":
      return (3 * chinchillaForwardPerSequence(r)) / r.S;
  }
}

/**
 * Training FLOPs per token (forward + backward) of a Transformer in a counting convention (see FlopCounting).
 * @param shape the architecture
 * @param counting the convention
 * @returns FLOP per training token
 * @throws InvalidInputError for a malformed shape; UnknownChoiceError for another counting
 * @example transformerFlopsPerToken({ nLayers: 30, dModel: 4096, nHeads: 32, vocab: 102400, seqLen: 4096 }, "deepseek-M") // => 42278584320
 * @see deepseekCitation
 */
export function transformerFlopsPerToken(shape: TransformerShape, counting: FlopCounting): number {
  const fn = "laws.flops.perToken";
  const r = resolve(fn, shape);
  assertChoice(fn, "FLOP counting", counting, FLOP_COUNTINGS);
  return flopsResolved(r, counting);
}

/**
 * Training FLOPs C = (FLOP per token) · D for D tokens.
 * @param shape the architecture
 * @param tokens training tokens D (> 0)
 * @param counting the convention (default "6N-nonembedding")
 * @returns FLOP
 * @throws InvalidInputError for a malformed shape or D ≤ 0; UnknownChoiceError for another counting
 * @example transformerTrainingFlops({ nLayers: 12, dModel: 768, nHeads: 12, vocab: 50257, seqLen: 1024 }, 1e9) // => 5.0960793600e17
 * @see kaplanCitation
 */
export function transformerTrainingFlops(shape: TransformerShape, tokens: number, counting: FlopCounting = "6N-nonembedding"): number {
  const fn = "laws.flops.training";
  assertPositive(fn, "tokens", tokens);
  const r = resolve(fn, shape);
  assertChoice(fn, "FLOP counting", counting, FLOP_COUNTINGS);
  return flopsResolved(r, counting) * tokens;
}

/**
 * The C ≈ 6·N·D rule: training FLOPs per token = 6N (2N forward + 4N backward).
 * @param N parameters in whatever convention the law uses (> 0)
 * @returns FLOP per token
 * @throws InvalidInputError for N ≤ 0
 * @example flopsPerToken6N(7e9) // => 4.2e10
 * @see kaplanCitation
 */
export function flopsPerToken6N(N: number): number {
  assertPositive("laws.flops.sixN", "N", N);
  return 6 * N;
}

/**
 * Kaplan's training count per token: 3 × (2N + 2·n_layer·n_ctx·d_attn), N non-embedding.
 * @param shape the architecture
 * @returns FLOP per training token
 * @throws InvalidInputError for a malformed shape
 * @example flopsPerTokenKaplan({ nLayers: 12, dModel: 768, nHeads: 12, vocab: 50257, seqLen: 1024 }) // => 566231040
 * @see kaplanCitation
 */
export function flopsPerTokenKaplan(shape: TransformerShape): number {
  return flopsResolved(resolve("laws.flops.kaplan", shape), "kaplan");
}

/**
 * Chinchilla's exact count (Hoffmann et al. Appendix F) per training token: 3 × forward, with forward per sequence =
 * 2·S·V·d (embeddings) + n_layer·[2·3·S·d·d_attn + 2·S²·d_attn + 3·H·S² + 2·S²·d_attn + 2·S·d_attn·d + 2·S·k·d·d_ff]
 * + 2·S·d·V (logits), S = seqLen. The Appendix F term list is from memory; Porian et al.'s `data.py` implements the
 * same terms (with a 2·S·d embedding term instead of 2·S·V·d).
 * @param shape the architecture
 * @returns FLOP per training token
 * @throws InvalidInputError for a malformed shape
 * @example flopsPerTokenChinchilla({ nLayers: 12, dModel: 768, nHeads: 12, vocab: 50257, seqLen: 1024 }) // => 1087349760
 * @see chinchillaCitation
 */
export function flopsPerTokenChinchilla(shape: TransformerShape): number {
  return flopsResolved(resolve("laws.flops.chinchilla", shape), "chinchilla");
}

/**
 * DeepSeek's model scale M = 72·n_layer·d_model² + 12·n_layer·d_model·l_seq: non-embedding training FLOPs per token
 * incl. attention (generalised here to 6·N_non-embedding + 12·n_layer·d_attn·l_seq for other shapes).
 * @param shape the architecture
 * @returns M, FLOP per training token
 * @throws InvalidInputError for a malformed shape
 * @example flopsPerTokenDeepSeekM({ nLayers: 95, dModel: 8192, nHeads: 64, vocab: 102400, seqLen: 4096 }) // => 4.97276682240e11
 * @see deepseekCitation
 */
export function flopsPerTokenDeepSeekM(shape: TransformerShape): number {
  return flopsResolved(resolve("laws.flops.deepseekM", shape), "deepseek-M");
}

/**
 * OpenLM's SwiGLU hidden width as counted by Porian et al.: 256·⌈(8·width/3)/256⌉ (integer part of 8w/3 first).
 * Use it as `dFF` with `ffnMatrices: 3` to reproduce their `params_no_embed`.
 * @param width d_model (> 0)
 * @returns d_ff
 * @throws InvalidInputError for width ≤ 0
 * @example openLmFeedForwardWidth(512) // => 1536
 * @see porianCitation
 */
export function openLmFeedForwardWidth(width: number): number {
  assertPositive("laws.flops.openLmFeedForwardWidth", "width", width);
  return 256 * Math.ceil(Math.trunc((8 * width) / 3) / 256);
}

export const flopCountingLaw = defineCard({
  id: "transformer-flop-counting",
  name: "Transformer parameter and training-FLOP counting conventions",
  topic: "flops",
  latex:
    "N_{\\mathrm{ne}} = n_{\\mathrm{layer}}(4 d\\, d_{\\mathrm{attn}} + k\\, d\\, d_{\\mathrm{ff}}),\\; C_{6N} = 6 N D,\\; C_{\\mathrm{Kaplan}} = (6N_{\\mathrm{ne}} + 6 n_{\\mathrm{layer}} n_{\\mathrm{ctx}} d_{\\mathrm{attn}}) D,\\; M = 72 n_{\\mathrm{layer}} d^2 + 12 n_{\\mathrm{layer}} d\\, l_{\\mathrm{seq}}",
  formula:
    "N_ne = nLayers*(4*d*dAttn + k*d*dFF); 6N: 6*N*D; kaplan: (6*N_ne + 6*nLayers*seqLen*dAttn)*D; deepseek-M: 6*N_ne + 12*nLayers*dAttn*seqLen; chinchilla: 3*(Appendix F forward)/seqLen per token",
  variables: {
    N_ne: "non-embedding parameters",
    d: "d_model",
    d_attn: "n_heads·d_head",
    d_ff: "feed-forward width",
    k: "MLP matrices (2, or 3 if gated)",
    n_ctx: "context length (seqLen)",
    V: "vocabulary size",
    C: "training FLOP (forward + backward = 3 × forward)",
  },
  citation: chinchillaCitation,
  status: "unverified",
  api: "laws.flops.params",
});
