/**
 * Porian et al. 2024, "Resolving Discrepancies in Compute-Optimal Scaling of Language Models": Kaplan's N_opt ∝ C^0.73
 * and Chinchilla's ∝ C^0.5 are reconciled by three factors — last-layer FLOPs, warmup duration and scale-dependent
 * optimizer tuning (cosine decay is not essential). This module gives their FLOP-per-token variants (as in the
 * repo's data.py), their IsoFLOP argmin (Akima interpolation of log loss vs log N, minima on the grid edge
 * discarded) and the exponent sequence they report (from memory, unverified).
 */
import { assertChoice, assertPositive, defineCard, InvalidInputError, type PublishedConstants } from "../core";

import { openLmFeedForwardWidth, transformerFlopsPerToken, transformerParamCount, type TransformerShape } from "./flops";
import { porianCitation } from "../core/bibliography";

/** Porian's FLOP-per-token variants (data.py column names in brackets). */
export type PorianFlopCounting =
  | "kaplan_no_embed" // 6·params_no_embed [flops_per_token_no_att_no_embed]
  | "with_last_layer" // 6·params_active_precise [flops_per_token_no_att, their default]
  | "with_attention" // 6·params_active_precise + 6·seq_len·width·depth [flops_per_token_att]
  | "attention_no_embed" // 6·params_no_embed + 6·seq_len·width·depth [flops_per_token_att_no_embed]
  | "chinchilla_precise"; // their Chinchilla Appendix F implementation [flops_per_token_cc]
/** Every PorianFlopCounting. */
export const PORIAN_FLOP_COUNTINGS: readonly PorianFlopCounting[] = ["kaplan_no_embed", "with_last_layer", "with_attention", "attention_no_embed", "chinchilla_precise"];

/** The OpenLM shape Porian et al. count: SwiGLU MLP with their rounded width, untied vocab head. */
function openLmShape(width: number, depth: number, seqLen: number, vocab: number): TransformerShape {
  return { nLayers: depth, dModel: width, nHeads: 4, vocab, seqLen, dFF: openLmFeedForwardWidth(width), ffnMatrices: 3 };
}

/**
 * Training FLOPs per token in Porian et al.'s conventions for an OpenLM model of given width and depth.
 * params_no_embed = (4w + 3·d_ff)·w·depth, d_ff = openLmFeedForwardWidth(w); params_active_precise adds vocab·w.
 * "chinchilla_precise" follows their data.py: Appendix F terms with a 2·seq·w embedding term, d_ff = 4w (plain
 * MLP), 4 heads, and the vocabulary in the logits only.
 * @param width d_model (> 0)
 * @param depth layers (> 0)
 * @param seqLen context (Porian: 2048)
 * @param vocab vocabulary (Porian: 50432)
 * @param mode the counting
 * @returns FLOP per training token
 * @throws InvalidInputError for non-positive sizes; UnknownChoiceError for another mode
 * @example porianFlopsPerToken(512, 8, 2048, 50432, "kaplan_no_embed") // => 163577856
 * @see porianCitation
 */
export function porianFlopsPerToken(width: number, depth: number, seqLen: number, vocab: number, mode: PorianFlopCounting): number {
  const fn = "laws.porian.flopsPerToken";
  assertPositive(fn, "width", width);
  assertPositive(fn, "depth", depth);
  assertPositive(fn, "seqLen", seqLen);
  assertPositive(fn, "vocab", vocab);
  assertChoice(fn, "FLOP counting", mode, PORIAN_FLOP_COUNTINGS);
  const shape = openLmShape(width, depth, seqLen, vocab);
  const attention = 6 * seqLen * width * depth;
  switch (mode) {
    case "kaplan_no_embed":
      return transformerFlopsPerToken(shape, "6N-nonembedding");
    case "with_last_layer":
      return transformerFlopsPerToken(shape, "6N-with-head");
    case "with_attention":
      return transformerFlopsPerToken(shape, "6N-with-head") + attention;
    case "attention_no_embed":
      return transformerFlopsPerToken(shape, "6N-nonembedding") + attention;
    case "chinchilla_precise": {
      // The Appendix F count with vocab = 0 drops both vocab terms; add back the logits 2·S·w·V and the 2·S·w embedding term.
      const base = transformerFlopsPerToken({ nLayers: depth, dModel: width, nHeads: 4, vocab: 1, seqLen }, "chinchilla");
      const vocabTerms = 3 * (2 * width * 1 + 2 * width * 1); // the vocab = 1 embedding and logits terms per token, ×3
      return base - vocabTerms + 3 * (2 * width + 2 * width * vocab);
    }
  }
}

/**
 * Porian et al.'s parameter counts: "no_embed" = (4w + 3·d_ff)·w·depth, "active" = + vocab·w (the head).
 * @param width d_model (> 0)
 * @param depth layers (> 0)
 * @param vocab vocabulary (default 50432)
 * @param which "no_embed" | "active"
 * @returns parameters
 * @throws InvalidInputError for non-positive sizes or another `which`
 * @example porianParamCount(512, 8, 50432, "no_embed") // => 27262976
 * @see porianCitation
 */
export function porianParamCount(width: number, depth: number, vocab = 50432, which: "no_embed" | "active" = "active"): number {
  const fn = "laws.porian.paramCount";
  assertPositive(fn, "width", width);
  assertPositive(fn, "depth", depth);
  assertPositive(fn, "vocab", vocab);
  if (which !== "no_embed" && which !== "active") throw new InvalidInputError(fn, `which must be "no_embed" or "active", got ${which}`);
  return transformerParamCount(openLmShape(width, depth, 2048, vocab), which === "no_embed" ? "non-embedding" : "with-head");
}

/** Akima slopes at the knots (Akima 1970), with the usual end extrapolation of the secant slopes. */
function akimaSlopes(x: readonly number[], y: readonly number[]): number[] {
  const n = x.length;
  const m: number[] = [];
  for (let i = 0; i < n - 1; i++) m.push((y[i + 1] - y[i]) / (x[i + 1] - x[i]));
  const ext = [2 * m[0] - m[1], 2 * (2 * m[0] - m[1]) - m[0]];
  const mm = [ext[1], ext[0], ...m];
  const e1 = 2 * m[n - 2] - m[n - 3];
  mm.push(e1, 2 * e1 - m[n - 2]);
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const w1 = Math.abs(mm[i + 3] - mm[i + 2]), w2 = Math.abs(mm[i + 1] - mm[i]);
    t.push(w1 + w2 > 0 ? (w1 * mm[i + 1] + w2 * mm[i + 2]) / (w1 + w2) : 0.5 * (mm[i + 1] + mm[i + 2]));
  }
  return t;
}

/**
 * Porian et al.'s IsoFLOP argmin: Akima interpolation of log loss against log N across the sizes at one budget;
 * returns log N at the minimum, or null when the minimum is at the grid edge (the budget is discarded).
 * @param logN log model sizes (≥ 4 distinct points; any order)
 * @param logL log losses
 * @returns log N* or null
 * @throws InvalidInputError for fewer than 4 points, mismatched lengths or non-finite values
 * @example Math.round(porianIsoflopArgmin([0, 1, 2, 3, 4], [4, 1, 0, 1, 4].map((v) => Math.log(2 + v))) * 1e6) / 1e6 // => 2
 * @see porianCitation
 */
export function porianIsoflopArgmin(logN: readonly number[], logL: readonly number[]): number | null {
  const fn = "laws.porian.isoflopArgmin";
  if (!Array.isArray(logN) || !Array.isArray(logL) || logN.length !== logL.length) throw new InvalidInputError(fn, "logN and logL must be arrays of the same length");
  if (logN.length < 4) throw new InvalidInputError(fn, `need at least 4 sizes for an Akima interpolant, got ${logN.length}`);
  [...logN, ...logL].forEach((v) => {
    if (!Number.isFinite(v)) throw new InvalidInputError(fn, `all values must be finite, got ${v}`);
  });
  const order = logN.map((_, i) => i).sort((a, b) => logN[a] - logN[b]);
  const x = order.map((i) => logN[i]), y = order.map((i) => logL[i]);
  for (let i = 1; i < x.length; i++) if (!(x[i] > x[i - 1])) throw new InvalidInputError(fn, "logN values must be distinct");
  const t = akimaSlopes(x, y);
  let bestX = x[0], bestY = y[0];
  for (let i = 0; i < x.length - 1; i++) {
    const h = x[i + 1] - x[i];
    const s = (y[i + 1] - y[i]) / h;
    const c = (3 * s - 2 * t[i] - t[i + 1]) / h, d = (t[i] + t[i + 1] - 2 * s) / (h * h);
    // Stationary points of y[i] + t_i u + c u² + d u³ inside the segment.
    const roots: number[] = [];
    if (Math.abs(d) > 1e-300) {
      const disc = 4 * c * c - 12 * d * t[i];
      if (disc >= 0) roots.push((-2 * c + Math.sqrt(disc)) / (6 * d), (-2 * c - Math.sqrt(disc)) / (6 * d));
    } else if (Math.abs(c) > 0) roots.push(-t[i] / (2 * c));
    for (const u of [...roots.filter((u) => u > 0 && u < h), h]) {
      const v = y[i] + t[i] * u + c * u * u + d * u * u * u;
      if (v < bestY) [bestX, bestY] = [x[i] + u, v];
    }
  }
  return bestX <= x[0] || bestX >= x[x.length - 1] ? null : bestX;
}

/** The exponent a of N_opt ∝ C^a along Porian et al.'s sequence of fixes (RefinedWeb), from memory. */
export const PORIAN_2024_EXPONENTS: PublishedConstants<{ kaplanSetup: number; lastLayerFixLow: number; lastLayerFixHigh: number; warmupFix: number; tunedHparams: number }> = {
  name: "Porian et al. 2024, N_opt exponent after each correction",
  params: { kaplanSetup: 0.88, lastLayerFixLow: 0.6, lastLayerFixHigh: 0.7, warmupFix: 0.55, tunedHparams: 0.5 },
  status: "unverified",
  citation: { ...porianCitation, where: "Table 1 / Fig. 1 (from memory; only the qualitative agreement with Hoffmann is confirmed by the abstract)" },
  note: "N counts the params Porian's default counts (with the head); C = 6·N·D in that count. Values to be checked against the PDF.",
};

export const porianLaw = defineCard({
  id: "porian-discrepancies",
  name: "Porian et al. 2024: Kaplan vs Chinchilla discrepancy factors and counting variants",
  topic: "flops",
  latex: "C_{\\mathrm{no\\_embed}} = 6 N_{\\mathrm{ne}} D,\\; C_{\\mathrm{last}} = 6 (N_{\\mathrm{ne}} + V w) D,\\; C_{\\mathrm{att}} = C_{\\mathrm{last}} + 6\\, n_{\\mathrm{ctx}} w\\, n_{\\mathrm{layer}} D",
  formula: "6*params_no_embed; 6*(params_no_embed + vocab*width); + 6*seq_len*width*depth; Chinchilla-precise; IsoFLOP argmin by Akima interpolation of log L vs log N",
  variables: { w: "width (d_model)", n_layer: "depth", V: "vocabulary", n_ctx: "sequence length", N_ne: "non-embedding parameters (OpenLM SwiGLU)" },
  citation: porianCitation,
  status: "unverified",
  constants: [PORIAN_2024_EXPONENTS],
  api: "laws.porian.flopsPerToken",
});
