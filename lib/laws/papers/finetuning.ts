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
 * L(X, D_f) = A·X^(−α)·D_f^(−β) + E. Published sets are the paper's Table 4 fits (confirmed); β and E are shared
 * between the model-size and pre-training-data fits of one task and method.
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
    wmtEnDeFmt: {
      name: "WMT14 En-De, full-model tuning, X = LLM parameters",
      params: { A: 1.2e5, alpha: 0.52, beta: 0.15, E: 0.75 },
      status: "confirmed",
      citation: { ...finetuneScalingCitation, where: "Eq. 1 and Table 4 (A_m, α_m, β, E), read in a stored copy of the paper" },
      note: "X in parameters (1B–16B bilingual LLMs), D_f in fine-tuning examples (100K–4.5M); loss = test log-perplexity",
    },
    wmtEnDeLora: {
      name: "WMT14 En-De, LoRA, X = LLM parameters",
      params: { A: 2.1e3, alpha: 0.36, beta: 0.081, E: 0.62 },
      status: "confirmed",
      citation: { ...finetuneScalingCitation, where: "Table 4, read in a stored copy of the paper" },
      note: "D_f from 8K to 100K examples",
    },
    wmtEnDePrompt: {
      name: "WMT14 En-De, prompt tuning, X = LLM parameters",
      params: { A: 3.9e3, alpha: 0.4, beta: 0.051, E: 0.62 },
      status: "confirmed",
      citation: { ...finetuneScalingCitation, where: "Table 4, read in a stored copy of the paper" },
      note: "D_f from 8K to 100K examples",
    },
    wmtEnDeFmtPretrainData: {
      name: "WMT14 En-De, full-model tuning, X = pre-training tokens (1B model)",
      params: { A: 6.3e2, alpha: 0.21, beta: 0.15, E: 0.75 },
      status: "confirmed",
      citation: { ...finetuneScalingCitation, where: "Table 4 (A_p, α_p, β, E), read in a stored copy of the paper" },
      note: "X in pre-training tokens (84B–283B)",
    },
  },
  // Model-size sets: X from 1B to 16B parameters; the pre-training-data set has X = 84B–283B tokens (outside this box).
  ranges: { X: [1e9, 1.6e10], Df: [8e3, 4.5e6] },
  citation: finetuneScalingCitation,
  predict: (x: { X: number; Df: number }, p) => p.A * x.X ** -p.alpha * x.Df ** -p.beta + p.E,
  gradient: (x: { X: number; Df: number }, p, g) => {
    const t = x.X ** -p.alpha * x.Df ** -p.beta, f = p.A * t;
    g[0] = t; g[1] = -f * Math.log(x.X); g[2] = -f * Math.log(x.Df); g[3] = 1;
    return f + p.E;
  },
}, {
  /**
   * The fine-tuning data size at which method 1's loss gap to method 2 equals E₁ − E₂ (the paper's Eq. 3), a power
   * law in X: D_f^c = H·X^γ with H = (A₁/A₂)^(1/(β₁−β₂)), γ = (α₂−α₁)/(β₁−β₂).
   * @example finetuneJoint.criticalData({ X: 1 }, { A: 4, alpha: 0.5, beta: 0.3, E: 0 }, { A: 1, alpha: 0.5, beta: 0.1, E: 0 }) // => 1024
   */
  criticalData(x: { X: number }, method1: ParamsLike<"A" | "alpha" | "beta" | "E">, method2: ParamsLike<"A" | "alpha" | "beta" | "E">): number {
    const fn = "laws.papers.finetuning.finetuneJoint.criticalData";
    if (!(x && x.X > 0)) throw new InvalidInputError(fn, `X must be > 0, got ${String(x?.X)}`);
    const names = ["A", "alpha", "beta", "E"] as const;
    const p1 = paramsOf(fn, names, method1), p2 = paramsOf(fn, names, method2);
    if (p1.beta === p2.beta) throw new InvalidInputError(fn, "the two methods have the same β; the critical size is undefined");
    return (p1.A / p2.A) ** (1 / (p1.beta - p2.beta)) * x.X ** ((p2.alpha - p1.alpha) / (p1.beta - p2.beta));
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
