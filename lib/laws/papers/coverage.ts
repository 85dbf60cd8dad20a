/**
 * Where each paper of the project's seed list (../shared/reference/seed-scaling-papers.md, 69 entries) lives in the
 * catalogue: exactly one law or card per paper, found by the card id (and the paper's arXiv id as a fallback, since
 * ids of older entries may be renamed). Papers that already had a law elsewhere map to it; the rest have a new
 * entry under laws.papers.*.
 */

export interface PaperCoverage {
  /** Number in the seed list. */
  readonly n: number;
  readonly title: string;
  readonly arxiv: string;
  /** Id of the catalogue card (law or paper card) that is this paper's entry. */
  readonly id: string;
  /** true: a new entry in lib/laws/papers; false: an existing law/card elsewhere in lib. */
  readonly added: boolean;
  /** Notebooks that use or reproduce the entry. */
  readonly notebooks?: readonly string[];
}

const row = (n: number, title: string, arxiv: string, id: string, added: boolean, notebooks?: readonly string[]): PaperCoverage =>
  ({ n, title, arxiv, id, added, ...(notebooks ? { notebooks } : {}) });

/** The seed list in order, each with its one catalogue entry. */
export const coverage: readonly PaperCoverage[] = [
  row(1, "Collaborative Performance Prediction for Large Language Models", "2407.01300", "collaborative-performance-prediction", true),
  row(2, "Wukong: Towards a Scaling Law for Large-Scale Recommendation", "2403.02545", "wukong", true),
  row(3, "Resolving Discrepancies in Compute-Optimal Scaling of Language Models", "2406.19146", "porian-discrepancies", false, ["kaplan-2020.ipynb"]),
  row(4, "Scaling Laws for Data Filtering -- Data Curation cannot be Compute Agnostic", "2404.07177", "qqt-data-filtering", false),
  row(5, "Unraveling the Mystery of Scaling Laws: Part I", "2403.06563", "su-loss-trajectory", false, ["critical-batch-size.ipynb"]),
  row(6, "(Mis)Fitting: A Survey of Scaling Laws", "2502.18969", "misfitting-survey", true),
  row(7, "Unlock Predictable Scaling from Emergent Abilities", "2310.03262", "pass-until", true),
  row(8, "Beyond neural scaling laws: beating power law scaling via data pruning", "2206.14486", "sorscher-pruning", true),
  row(9, "Rethinking Conventional Wisdom in Machine Learning: From Generalization to Scaling", "2409.15156", "rethinking-conventional-wisdom", true),
  row(10, "Reproducible scaling laws for contrastive language-image learning", "2212.07143", "cherti-clip", true),
  row(11, "Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations", "2405.18392", "wsd-schedule", false, ["lr-schedules.ipynb"]),
  row(12, "Data Mixing Made Efficient: A Bivariate Scaling Law for Language Model Pretraining", "2405.14908", "bimix", false, ["data-mixing-laws.ipynb"]),
  row(13, "Towards Neural Scaling Laws for Time Series Foundation Models", "2410.12360", "tsfm-scaling", true),
  row(14, "Sloth: scaling laws for LLM skills to predict multi-benchmark performance across families", "2412.06540", "sloth", true),
  row(15, "Unified Scaling Laws for Routed Language Models", "2202.01169", "clark-moe", false),
  row(16, "Communication-Efficient Language Model Training Scales Reliably and Robustly: Scaling Laws for DiLoCo", "2503.09799", "diloco", false),
  row(17, "Scaling Laws for Downstream Task Performance of Large Language Models", "2402.04177", "isik-downstream", true),
  row(18, "Scaling Laws for Multilingual Neural Machine Translation", "2302.09650", "multilingual-nmt", true),
  row(19, "A Dynamical Model of Neural Scaling Laws", "2402.01092", "dynamical-model", true),
  row(20, "When Scaling Meets LLM Finetuning: The Effect of Data, Model and Finetuning Method", "2402.17193", "finetune-joint", true),
  row(21, "Observational Scaling Laws and the Predictability of Language Model Performance", "2405.10938", "observational-scaling", false, ["observational-scaling.ipynb"]),
  row(22, "Scaling Laws for Autoregressive Generative Modeling", "2010.14701", "henighan", false),
  row(23, "On the Scalability of Diffusion-based Text-to-Image Generation", "2404.02883", "t2i-scalability", true),
  row(24, "Breaking Language Barriers: Cross-Lingual Continual Pre-Training at Scale", "2407.02118", "cross-lingual-cpt", true),
  row(25, "Parameters vs FLOPs: Scaling Laws for Optimal Sparsity for Mixture-of-Experts Language Models", "2501.12370", "abnar-sparsity", true),
  row(26, "μnit Scaling: Simple and Scalable FP8 LLM Training", "2502.05967", "munit-scaling", false, ["mup-transfer.ipynb"]),
  row(27, "Why Has Predicting Downstream Capabilities of Frontier AI Models with Scale Remained Elusive?", "2406.04391", "elusive-downstream", true),
  row(28, "Scaling Laws Under the Microscope: Predicting Transformer Performance from Small Scale Experiments", "2202.06387", "ivgi-microscope", true),
  row(29, "Deep Learning Scaling is Predictable, Empirically", "1712.00409", "hestness", false),
  row(30, "Loss-to-Loss Prediction: Scaling Laws for All Datasets", "2411.12925", "loss-to-loss", false),
  row(31, "Research without Re-search: Maximal Update Parametrization Yields Accurate Loss Prediction across Scales", "2304.06875", "mu-scaling", false, ["mup-transfer.ipynb"]),
  row(32, "Scaling Optimal LR Across Token Horizons", "2409.19913", "bjorck-lr-horizon", false),
  row(33, "Gemstones: A Model Suite for Multi-Faceted Scaling Laws", "2502.06857", "gemstones", true),
  row(34, "Inverse Scaling: When Bigger Isn't Better", "2306.09479", "inverse-scaling", true),
  row(35, "Selecting Large Language Model to Fine-tune via Rectified Scaling Law", "2402.02314", "rectified-finetune", true),
  row(36, "Scaling Laws for Neural Language Models", "2001.08361", "kaplan-loss-ND", false, ["kaplan-2020.ipynb"]),
  row(37, "Scaling Law with Learning Rate Annealing", "2408.11029", "tissue-lr-annealing", false, ["lr-schedules.ipynb"]),
  row(38, "How Does Critical Batch Size Scale in Pre-training?", "2410.21676", "zhang-critical-batch", false, ["critical-batch-size.ipynb"]),
  row(39, "Time Transfer: On Optimal Learning Rate and Batch Size In The Infinite Data Limit", "2410.05838", "time-transfer", false),
  row(40, "Scaling Vision Transformers", "2106.04560", "zhai-vit", true),
  row(41, "Actions Speak Louder than Words: Trillion-Parameter Sequential Transducers for Generative Recommendations", "2402.17152", "hstu", true),
  row(42, "Performance Law of Large Language Models", "2408.09895", "performance-law", true),
  row(43, "Distillation Scaling Laws", "2502.08606", "busbridge-distillation", false),
  row(44, "u-μP: The Unit-Scaled Maximal Update Parametrization", "2407.17465", "umup", false, ["mup-transfer.ipynb"]),
  row(45, "More Compute Is What You Need", "2404.19484", "more-compute", true),
  row(46, "Scaling Laws For Diffusion Transformers", "2410.08184", "dit-scaling", true),
  row(47, "A Solvable Model of Neural Scaling Laws", "2210.16859", "solvable-model", true),
  row(48, "Predictable Scale: Part I -- Optimal Hyperparameter Scaling Law in Large Language Model Pretraining", "2503.04715", "step-law", false, ["step-law.ipynb"]),
  row(49, "Scaling Laws vs Model Architectures: How does Inductive Bias Influence Scaling?", "2207.10551", "scaling-vs-architectures", true),
  row(50, "Bigger is not Always Better: Scaling Properties of Latent Diffusion Models", "2404.01367", "latent-diffusion-scaling", true),
  row(51, "A Neural Scaling Law from Lottery Ticket Ensembling", "2310.02258", "lottery-ticket-ensembling", true),
  row(52, "Value-Based Deep RL Scales Predictably", "2502.04327", "value-based-rl", true),
  row(53, "Language models scale reliably with over-training and on downstream tasks", "2403.08540", "gadre-overtraining", false, ["overtraining.ipynb"]),
  row(54, "Towards Precise Scaling Laws for Video Diffusion Transformers", "2411.17470", "video-dit-scaling", true),
  row(55, "The Fine Line: Navigating Large Language Model Pretraining with Down-streaming Capability Analysis", "2404.01204", "fine-line", true),
  row(56, "Scaling Laws Beyond Backpropagation", "2210.14593", "beyond-backprop", true),
  row(57, "DataDecide: How to Predict Best Pretraining Data with Small Experiments", "2504.11393", "datadecide", true),
  row(58, "Is the Number of Trainable Parameters All That Actually Matters?", "2109.11928", "trainable-parameters", true),
  row(59, "Chinchilla Scaling: A replication attempt", "2404.10102", "chinchilla", false, ["chinchilla-replication.ipynb"]),
  row(60, "A Tale of Tails: Model Collapse as a Change of Scaling Laws", "2402.07043", "model-collapse", true),
  row(61, "Emergent Abilities in Reduced-Scale Generative Language Models", "2404.02204", "reduced-scale-emergence", true),
  row(62, "Joint MoE Scaling Laws: Mixture of Experts Can Be Memory Efficient", "2502.05172", "joint-moe", false),
  row(63, "Scaling Parameter-Constrained Language Models with Quality Data", "2410.03083", "quality-data", true),
  row(64, "Scaling Data-Constrained Language Models", "2305.16264", "muennighoff-data-constrained", false, ["data-constrained.ipynb"]),
  row(65, "Scaling Law for Language Models Training Considering Batch Size", "2412.01505", "shuai-batch", false),
  row(66, "How to Scale Your EMA", "2307.13813", "ema-scaling", false, ["lr-schedules.ipynb"]),
  row(67, "DeepSeek LLM: Scaling Open-Source Language Models with Longtermism", "2401.02954", "deepseek-hparams", false, ["step-law.ipynb"]),
  row(68, "Scaling Laws for Upcycling Mixture-of-Experts Language Models", "2502.03009", "upcycling-moe", true),
  row(69, "Physics of Language Models: Part 3.3, Knowledge Capacity Scaling Laws", "2404.05405", "knowledge-capacity", true),
];
