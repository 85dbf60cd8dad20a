/**
 * Fine-tuning and transfer: the multiplicative joint law of Zhang et al. (fine-tuning data × another scaling
 * factor), the rectified law of Lin et al. (a "pre-learned data size" that produces the pre-power phase), and Zheng et
 * al.'s law for cross-lingual continual pre-training.
 */
import { crossLingualCptCitation, finetuneScalingCitation, rectifiedScalingCitation } from "../../core/bibliography";
import { InvalidInputError } from "../../core";
import { defineLaw, paramsOf, type ParamsLike } from "../law";

/**
 * Zhang et al. 2024: in the data-limited fine-tuning regime, test loss is a product of powers of the fine-tuning data
 * size and one other scaling factor X (model size, pre-training data, or PET parameters) plus a floor:
 * L(X, D_f) = A·X^(−α)·D_f^(−β) + E.
 * @example finetuneJoint.predict({ X: 1e9, Df: 1e4 }, { A: 1e3, alpha: 0.25, beta: 0.25, E: 0.5 }) // => 1.0623
 */
export const finetuneJoint = defineLaw({
  id: "finetune-joint",
  api: "laws.papers.finetuning.finetuneJoint",
  name: "Multiplicative joint fine-tuning law (Zhang et al. 2024)",
  topic: "loss",
  latex: "\\hat L(X, D_f) = A\\, X^{-\\alpha}\\, D_f^{-\\beta} + E",
  formula: "A * X^(-alpha) * Df^(-beta) + E",
  inputs: { X: "the other scaling factor: model parameters (or pre-training tokens, or PET parameters)", Df: "fine-tuning examples" },
  output: "test loss after fine-tuning (per-token cross-entropy, nats)",
  params: [
    { name: "A", transform: "log", description: "scale" },
    { name: "alpha", transform: "log", description: "exponent of X" },
    { name: "beta", transform: "log", description: "exponent of the fine-tuning data" },
    { name: "E", lower: 0, description: "loss floor, nats" },
  ],
  published: {
    illustrative: {
      name: "illustrative values (not from the paper)",
      params: { A: 200, alpha: 0.2, beta: 0.15, E: 0.8 },
      status: "unverified",
      citation: { ...finetuneScalingCitation, where: "form: the paper's joint law (as recalled); numbers are ours, for shape only" },
      note: "illustrative, not published: fitted per task and fine-tuning method (full, prompt tuning, LoRA) in the paper",
    },
  },
  ranges: { X: [1e9, 2e10], Df: [1e2, 1e6] },
  citation: finetuneScalingCitation,
  predict: (x: { X: number; Df: number }, p) => p.A * x.X ** -p.alpha * x.Df ** -p.beta + p.E,
  gradient: (x: { X: number; Df: number }, p, g) => {
    const t = x.X ** -p.alpha * x.Df ** -p.beta, f = p.A * t;
    g[0] = t; g[1] = -f * Math.log(x.X); g[2] = -f * Math.log(x.Df); g[3] = 1;
    return f + p.E;
  },
});

/**
 * Lin et al. 2024: fine-tuning loss against fine-tuning data D has a flat "pre-power" phase before the power phase;
 * a pre-learned data size D_l explains it, L(D) = B/(D_l + D^β) + E. Used to pick which model to fine-tune.
 * @example rectified.predict({ D: 100 }, { B: 100, Dl: 10, beta: 0.5, E: 1 }) // => 6
 */
export const rectified = defineLaw({
  id: "rectified-finetune",
  api: "laws.papers.finetuning.rectified",
  name: "Rectified fine-tuning scaling law (Lin et al. 2024)",
  topic: "loss",
  latex: "L(D) = \\frac{B}{D_l + D^{\\beta}} + E",
  formula: "B / (Dl + D^beta) + E",
  inputs: { D: "fine-tuning examples" },
  output: "fine-tuned test loss, nats/token",
  params: [
    { name: "B", transform: "log", description: "scale" },
    { name: "Dl", transform: "log", description: "pre-learned data size (in units of D^β)" },
    { name: "beta", transform: "log", description: "exponent" },
    { name: "E", lower: 0, description: "loss floor, nats" },
  ],
  published: {
    illustrative: {
      name: "illustrative values (not from the paper)",
      params: { B: 300, Dl: 50, beta: 0.6, E: 1.5 },
      status: "unverified",
      citation: { ...rectifiedScalingCitation, where: "form: the rectified law (recalled); numbers are ours, for shape only" },
      note: "illustrative, not published: fitted per (model, dataset) pair in the paper",
    },
  },
  ranges: { D: [1e2, 1e6] },
  citation: rectifiedScalingCitation,
  predict: (x: { D: number }, p) => p.B / (p.Dl + x.D ** p.beta) + p.E,
  gradient: (x: { D: number }, p, g) => {
    const t = x.D ** p.beta, s = p.Dl + t, f = p.B / s;
    g[0] = 1 / s; g[1] = -f / s; g[2] = -f / s * t * Math.log(x.D); g[3] = 1;
    return f + p.E;
  },
});

/**
 * Zheng et al. 2024: continual pre-training of an existing LLM on a new language follows Chinchilla's law with the
 * data term extended by a joint data–parameter effect (larger source models transfer more), fitted with E, A, α fixed
 * at their from-scratch values: L(N, D) = E + A/N^α + B/(D^β·N^γ). γ = 0 is the from-scratch law.
 * @example crossLingualCpt.predict({ N: 1e9, D: 2e10 }, { E: 1.5, A: 400, B: 400, alpha: 0.4, beta: 0.2, gamma: 0.1 }) // => 2.0389
 */
export const crossLingualCpt = defineLaw({
  id: "cross-lingual-cpt",
  api: "laws.papers.finetuning.crossLingualCpt",
  name: "Cross-lingual continual pre-training law (Zheng et al. 2024)",
  topic: "loss",
  latex: "L(N, D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B'}{D^{\\beta'} N^{\\gamma}}",
  formula: "E + A / N^alpha + B / (D^beta * N^gamma)",
  inputs: { N: "parameters", D: "continual pre-training tokens in the target language" },
  output: "validation cross-entropy in the target language, nats/token",
  params: [
    { name: "E", lower: 0, description: "irreducible loss, nats" },
    { name: "A", transform: "log", description: "parameter-term scale" },
    { name: "B", transform: "log", description: "joint data-term scale B′" },
    { name: "alpha", transform: "log", description: "parameter exponent" },
    { name: "beta", transform: "log", description: "data exponent β′" },
    { name: "gamma", description: "joint parameter exponent of the data term (0 from scratch)" },
  ],
  published: {
    continual: {
      name: "Zheng 2024, continual pre-training (English → Chinese)",
      params: { E: 1.55, A: 420.0, B: 433.3, alpha: 0.40, beta: 0.20, gamma: 0.08 },
      status: "confirmed",
      citation: { ...crossLingualCptCitation, where: "Eq. 4 and Table 2(a), read in a stored copy of the arXiv HTML; E, A, α fixed from the from-scratch fit" },
      note: "N from 50M to 5.5B, D = 20·N tokens; the implied N_opt ∝ C^0.385, D_opt ∝ C^0.615 (Table 2(b))",
    },
    scratch: {
      name: "Zheng 2024, pre-training from scratch (Chinese)",
      params: { E: 1.55, A: 420.0, B: 719.5, alpha: 0.40, beta: 0.30, gamma: 0 },
      status: "confirmed",
      citation: { ...crossLingualCptCitation, where: "Eq. 1 and Table 2(a), read in a stored copy of the arXiv HTML" },
      note: "Chinchilla form (γ = 0); N_opt ∝ C^0.429, D_opt ∝ C^0.571 (Table 2(b))",
    },
  },
  ranges: { N: [5e7, 5.5e9], D: [1e9, 1.1e11] },
  citation: crossLingualCptCitation,
  predict: (x: { N: number; D: number }, p) => p.E + p.A / x.N ** p.alpha + p.B / (x.D ** p.beta * x.N ** p.gamma),
  gradient: (x: { N: number; D: number }, p, g) => {
    const lN = Math.log(x.N), lD = Math.log(x.D);
    const t1 = x.N ** -p.alpha, t2 = x.D ** -p.beta * x.N ** -p.gamma;
    g[0] = 1; g[1] = t1; g[2] = t2; g[3] = -p.A * t1 * lN; g[4] = -p.B * t2 * lD; g[5] = -p.B * t2 * lN;
    return p.E + p.A * t1 + p.B * t2;
  },
}, {
  /**
   * Compute-optimal exponents N_opt ∝ C^a, D_opt ∝ C^b of the extended law (the paper's Eq. 5):
   * a = β/(α + β − γ), b = (α − γ)/(α + β − γ).
   * @example crossLingualCpt.optimalExponents({ alpha: 0.4, beta: 0.2, gamma: 0.08 }) // => { a: 0.3846, b: 0.6154 }
   */
  optimalExponents(params?: ParamsLike<"alpha" | "beta" | "gamma"> | { alpha: number; beta: number; gamma: number }): { a: number; b: number } {
    const fn = "laws.papers.finetuning.crossLingualCpt.optimalExponents";
    const p = paramsOf(fn, ["alpha", "beta", "gamma"], (params ?? crossLingualCpt.defaults) as ParamsLike<"alpha" | "beta" | "gamma">);
    const s = p.alpha + p.beta - p.gamma;
    if (!(s > 0)) throw new InvalidInputError(fn, `alpha + beta − gamma must be > 0, got ${s}`);
    return { a: p.beta / s, b: (p.alpha - p.gamma) / s };
  },
});
