/**
 * Fine-tuning and transfer: the multiplicative joint law of Zhang et al. (fine-tuning data × another scaling
 * factor), the rectified law of Lin et al. (a "pre-learned data size" that produces the pre-power phase), and a
 * card for cross-lingual continual pre-training.
 */
import { crossLingualCptCitation, finetuneScalingCitation, rectifiedScalingCitation } from "../../core/bibliography";
import { defineLaw } from "../law";
import { paperCard } from "./paper-card";

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

export const crossLingualCpt = paperCard({
  id: "cross-lingual-cpt",
  api: "laws.papers.finetuning.crossLingualCpt",
  name: "Cross-lingual continual pre-training at scale (Zheng et al. 2024)",
  topic: "loss",
  citation: crossLingualCptCitation,
  formula: "Chinchilla's E + A/N^α + B/D^β extended with a joint data–parameter term",
  contributes: "Across 40 model sizes (40M–5B), continually pre-training an existing LLM on a new language converges faster than training from scratch, follows a Chinchilla-style law with an extra joint term, and so has a different compute-optimal data/parameter split; transfer depends on training length and language, and replaying old data limits forgetting.",
  whyNoLaw: "The exact joint term and its constants were not read at the source; the base form is laws.chinchilla.",
  related: "laws.chinchilla (base form and fitter); laws.computeOptimalAllocation for the optimal split of any L(N, D).",
});
