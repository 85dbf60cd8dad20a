/**
 * Vision, diffusion and multimodal papers of the seed list: ViT's saturating compute law (Zhai et al.), CLIP's
 * per-task power laws (Cherti et al.), DiT's loss-vs-compute law (Liang et al.), and cards for the studies that
 * report trends without one fittable formula (text-to-image scalability, latent diffusion sampling efficiency,
 * video DiT hyperparameter laws).
 */
import {
  chertiClipCitation, ditScalingCitation, latentDiffusionScalingCitation, t2iScalabilityCitation, videoDitCitation, zhaiVitCitation,
} from "../../core/bibliography";
import { InvalidInputError, type PublishedConstants } from "../../core";
import { defineLaw, type LawParams } from "../law";
import { paperCard } from "./paper-card";

/** y = β·C^α with its gradient: the single-variable power law that both the CLIP and the DiT fits use. */
const powerLawInCompute = {
  params: [
    { name: "beta" as const, transform: "log" as const, description: "scale" },
    { name: "alpha" as const, description: "exponent (negative)" },
  ],
  predict: (x: { C: number }, p: LawParams<"beta" | "alpha">) => p.beta * x.C ** p.alpha,
  gradient: (x: { C: number }, p: LawParams<"beta" | "alpha">, g: Float64Array) => {
    const t = x.C ** p.alpha;
    g[0] = t; g[1] = p.beta * t * Math.log(x.C);
    return p.beta * t;
  },
};

/**
 * Zhai et al. 2022: downstream error of ViT models on the compute-efficient frontier is a "double-saturating" power
 * law, E(C) = a·(C + d)^(−b) + c: the floor c is the error even unlimited compute keeps, and the shift d reflects
 * that near-zero compute still beats chance (e.g. predicting the majority class).
 * @example zhaiVit.predict({ C: 100 }, { a: 0.3, b: 0.4, c: 0.1, d: 0 }) // => 0.14755
 */
export const zhaiVit = defineLaw({
  id: "zhai-vit",
  api: "laws.papers.vision.zhaiVit",
  name: "ViT saturating power law in compute (Zhai et al. 2022)",
  topic: "downstream",
  latex: "E(C) = a\\,(C + d)^{-b} + c",
  formula: "a * (C + d)^(-b) + c",
  inputs: { C: "pre-training compute on the frontier, TPUv3 core-days" },
  output: "downstream error rate (fraction, e.g. ImageNet few-shot or fine-tune error)",
  params: [
    { name: "a", transform: "log", description: "scale of the reducible error" },
    { name: "b", transform: "log", description: "exponent" },
    { name: "c", lower: 0, upper: 1, description: "irreducible error floor" },
    { name: "d", transform: "log", description: "compute offset, core-days" },
  ],
  published: {
    recalled: {
      name: "Zhai 2022, ImageNet 10-shot error vs compute (recalled)",
      params: { a: 0.26, b: 0.35, c: 0.09, d: 0.01 },
      status: "unverified",
      citation: { ...zhaiVitCitation, where: "form and units (TPUv3 core-days) read in §2.2 of a stored copy of the paper; the fitted values appear only in Fig. 2, so these are from memory (unverified)" },
      note: "rough values for the 10-shot linear-probe error; check against Fig. 2 before use",
    },
  },
  // Plausible domain (not read at the source): the compute-frontier ViTs span about 0.1 to 1e3+ core-days.
  ranges: { C: [0.1, 1e3] },
  citation: zhaiVitCitation,
  predict: (x: { C: number }, p) => p.a * (x.C + p.d) ** -p.b + p.c,
  gradient: (x: { C: number }, p, g) => {
    const s = x.C + p.d, t = s ** -p.b;
    g[0] = t; g[1] = -p.a * t * Math.log(s); g[2] = 1; g[3] = -p.a * p.b * t / s;
    return p.a * t + p.c;
  },
});

/**
 * Cherti et al. 2023: error of CLIP models on a downstream task against total training compute, a pure power law
 * E = β·C^α (α < 0) fitted on the Pareto frontier, separately per task and per pre-training distribution (LAION vs
 * OpenAI's WIT). `chertiClip.exponents` lists the exponents the paper states for both distributions.
 * @example chertiClip.predict({ C: 1e10 }, { beta: 10, alpha: -0.1 }) // => 1
 */
export const chertiClip = defineLaw({
  id: "cherti-clip",
  api: "laws.papers.vision.chertiClip",
  name: "CLIP downstream error power law in compute (Cherti et al. 2023)",
  topic: "downstream",
  latex: "E(C) = \\beta\\, C^{\\alpha}",
  formula: "beta * C^alpha",
  inputs: { C: "total pre-training compute, GMACs (GMACs per sample × samples seen)" },
  output: "downstream error (1 − top-1 accuracy), fraction",
  published: {
    openclipImagenet: {
      name: "OpenCLIP on LAION, zero-shot ImageNet top-1 error",
      params: { beta: 5.613, alpha: -0.11 },
      status: "confirmed",
      citation: { ...chertiClipCitation, where: "α = −0.11 stated in §4.1 (read in a stored copy of the paper); β recomputed: the one value that reproduces the paper's four stated predictions (g/14 at 34B samples: 79.1%; H/14, g/14, G/14 at 68B: 79.7, 80.7, 81.9%) with GMACs per sample from the repository's arch_info.csv" },
      note: "C in GMACs (multiply-accumulates, not FLOPs); β reproduces the four predictions to within 0.1 pp",
    },
  },
  // ViT-B/32 at 3B samples (2.2e10 GMACs) to ViT-G/14 at 68B (3.6e13).
  ranges: { C: [2e10, 4e13] },
  citation: chertiClipCitation,
  ...powerLawInCompute,
}, {
  /** Exponents α of E = β·C^α stated in the paper (§4.1–4.2), for OpenCLIP (LAION) and OpenAI CLIP (WIT-400M). */
  exponents: {
    imagenetZeroShot: { openclip: -0.11, openai: -0.16 },
    imagenetRobustness: { openclip: -0.13, openai: -0.24 },
    mscocoRetrieval: { openclip: -0.08, openai: -0.05 },
    flickr30kRetrieval: { openclip: -0.19, openai: -0.10 },
  },
});

/**
 * Liang et al. 2024: the pre-training loss of diffusion transformers on the compute-optimal frontier falls as a
 * power of compute, L = β·C^α, like the language-model envelope.
 * @example ditScaling.predict({ C: 1e18 }, { beta: 2, alpha: -0.03 }) // => 0.5768
 */
export const ditScaling = defineLaw({
  id: "dit-scaling",
  api: "laws.papers.vision.ditScaling",
  name: "Diffusion-transformer loss vs compute (Liang et al. 2024)",
  topic: "loss",
  latex: "L(C) = \\beta\\, C^{\\alpha}",
  formula: "beta * C^alpha",
  inputs: { C: "training compute, FLOPs" },
  output: "diffusion training loss on the compute-optimal frontier",
  published: {
    recalled: {
      name: "Liang 2024, text-to-image DiT on the isoFLOP frontier (recalled)",
      params: { beta: 2.3943, alpha: -0.0273 },
      status: "unverified",
      citation: { ...ditScalingCitation, where: "§3 loss–compute fit: β = 2.3943 from memory and one third-party summary, but an OpenReview reviewer's summary writes 3.3943 — not read in the paper" },
      note: "the two secondary sources disagree on β (2.3943 vs 3.3943); α = −0.0273 in both",
    },
  },
  ranges: { C: [1e17, 1e21] },
  citation: ditScalingCitation,
  ...powerLawInCompute,
}, {
  /**
   * Compute-optimal model size and data of the text-to-image DiT runs, N_opt = k_N·C^a and D_opt = k_D·C^b.
   * The default constants are unverified (see DIT_ALLOCATION); they satisfy 6·N_opt·D_opt ≈ C.
   * @example ditScaling.optimal({ C: 1e18 }, { kN: 1, a: 0.5, kD: 1 / 6, b: 0.5 }) // => { N: 1000000000, D: 166666666.67 }
   */
  optimal(x: { C: number }, allocation: { kN: number; a: number; kD: number; b: number } = DIT_ALLOCATION.params): { N: number; D: number } {
    const fn = "laws.papers.vision.ditScaling.optimal";
    if (!(x && x.C > 0)) throw new InvalidInputError(fn, `C must be > 0, got ${String(x?.C)}`, "C is training compute in FLOPs");
    return { N: allocation.kN * x.C ** allocation.a, D: allocation.kD * x.C ** allocation.b };
  },

});

/** Liang et al. 2024's compute-optimal allocation of the text-to-image DiT runs (secondary source, unverified). */
export const DIT_ALLOCATION: PublishedConstants<{ kN: number; a: number; kD: number; b: number }> = {
  name: "Liang 2024, N_opt and D_opt vs compute (secondary)",
  params: { kN: 0.0009, a: 0.5681, kD: 186.8535, b: 0.4319 },
  status: "unverified",
  citation: { ...ditScalingCitation, where: "as quoted in an OpenReview reviewer's summary of the paper; not read in the paper (6·k_N·k_D ≈ 1.01 and a + b = 1, consistent with C = 6ND)" },
};

/** Li et al. 2024: which parts of a text-to-image diffusion model and its data are worth scaling. */
export const t2iScalability = paperCard({
  id: "t2i-scalability",
  api: "laws.papers.vision.t2iScalability",
  name: "Scalability of diffusion text-to-image models (Li et al. 2024)",
  topic: "other",
  citation: t2iScalabilityCitation,
  formula: "alignment score as a power-law-like function of model size, compute and data (per study)",
  contributes: "Controlled ablations of UNet and transformer denoisers (0.4B–4B) and training sets up to 600M images: cross-attention placement and transformer depth matter more than channel width, caption quality and diversity matter more than raw image count, and a leaner UNet matches SDXL's.",
  whyNoLaw: "The fitted scaling functions predict an alignment score for this paper's own backbones and data; the constants were not read at the source, so no constant set is offered here.",
  related: "laws.papers.vision.ditScaling for a loss–compute law of diffusion transformers; fit.* to fit a power law to your own alignment scores.",
});

/** Mei et al. 2024: under a fixed sampling budget a smaller latent diffusion model often wins. */
export const latentDiffusion = paperCard({
  id: "latent-diffusion-scaling",
  api: "laws.papers.vision.latentDiffusion",
  name: "Latent diffusion: bigger is not always better at fixed inference cost (Mei et al. 2024)",
  topic: "other",
  citation: latentDiffusionScalingCitation,
  contributes: "Trains a family of text-to-image latent diffusion models of different sizes and compares quality at equal sampling compute (steps × model cost): small models frequently give better images per inference FLOP, across samplers, downstream tasks and distilled models.",
  whyNoLaw: "The result is a comparison of quality curves at fixed inference budget, not a formula with constants.",
  related: "laws.inferenceAwareAllocation (the language-model analogue: train/inference trade-off); laws.papers.vision.ditScaling.",
});

/** Yin et al. 2024: scaling laws for video diffusion transformers with learning rate and batch size in the law. */
export const videoDit = paperCard({
  id: "video-dit-scaling",
  api: "laws.papers.vision.videoDit",
  name: "Precise scaling laws for video diffusion transformers (Yin et al. 2024)",
  topic: "hparams",
  citation: videoDitCitation,
  formula: "η_opt(N, C), B_opt(N, C) as power laws; L(N, C) at optimal hyperparameters",
  contributes: "Shows video DiTs are more sensitive to learning rate and batch size than language models, fits power laws for the optimal learning rate and batch size in model size and compute, and a loss law valid for non-optimal model sizes; at 1e10 TFLOPs this cuts inference cost by 40% at equal quality.",
  whyNoLaw: "The form couples several fitted sub-laws whose exact parametrisation and constants were not read at the source; a card avoids publishing a guessed form.",
  related: "hparams.stepLaw (the language-model optimal LR/batch law); laws.papers.vision.ditScaling.",
});
