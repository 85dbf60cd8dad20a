/**
 * Downstream and emergent abilities: Isik et al.'s log-law for translation quality vs pre-training data,
 * PassUntil's task law, and cards for prediction methods and negative results (CPP, Sloth, the elusiveness of
 * multiple-choice scaling, inverse scaling, Ivgi et al., Performance Law, The Fine Line).
 */
import {
  cppCitation, elusiveDownstreamCitation, fineLineCitation, inverseScalingCitation, isikDownstreamCitation, ivgiMicroscopeCitation,
  passUntilCitation, performanceLawCitation, slothCitation,
} from "../../core/bibliography";
import { InvalidInputError } from "../../core";
import { defineLaw, paramsOf, type LawParams } from "../law";
import { paperCard } from "./paper-card";

/**
 * Isik et al. 2024: when pre-training and translation data are aligned, BLEU after fine-tuning follows a log-law in
 * the pre-training data size, BLEU(D_p) = (log(A·D_p^α))^β, while downstream cross-entropy follows a saturating power
 * law (`isik.crossEntropy`). Misaligned pre-training can make BLEU fluctuate even as cross-entropy keeps falling.
 * @example isik.predict({ Dp: 1e9 }, { A: 1, alpha: 0.1, beta: 2 }) // => 4.29454
 */
export const isik = defineLaw({
  id: "isik-downstream",
  api: "laws.papers.downstream.isik",
  name: "BLEU log-law in pre-training data (Isik et al. 2024)",
  topic: "downstream",
  latex: "\\mathrm{BLEU}(D_p) = \\left(\\log(A\\, D_p^{\\alpha})\\right)^{\\beta}",
  formula: "(log(A * Dp^alpha))^beta",
  inputs: { Dp: "pre-training data seen (no repetition), tokens" },
  output: "BLEU after fine-tuning on the translation task",
  params: [
    { name: "A", transform: "log", description: "scale inside the log" },
    { name: "alpha", transform: "log", description: "data exponent" },
    { name: "beta", transform: "log", description: "outer exponent" },
  ],
  published: {
    illustrative: {
      name: "illustrative values (not from the paper)",
      params: { A: 100, alpha: 0.1, beta: 1.5 },
      status: "unverified",
      citation: { ...isikDownstreamCitation, where: "form: Eq. 1 (and Eq. 3 for cross-entropy), as given by a detailed secondary note on the paper; the fitted values (App. C.3) were not read, so these numbers are ours (BLEU ≈ 17 at 1e9 tokens), for shape only" },
      note: "illustrative, not published: the paper fits A, α, β per pre-training mixture and fine-tuning size",
    },
  },
  // T5-3B pre-trained for up to 256 × 512 × 1e6 ≈ 1.3e11 token positions.
  ranges: { Dp: [1e8, 1.3e11] },
  citation: isikDownstreamCitation,
  predict: (x: { Dp: number }, p) => Math.log(p.A * x.Dp ** p.alpha) ** p.beta,
  gradient: (x: { Dp: number }, p, g) => {
    const u = Math.log(p.A) + p.alpha * Math.log(x.Dp), f = u ** p.beta, d = p.beta * u ** (p.beta - 1);
    g[0] = d / p.A; g[1] = d * Math.log(x.Dp); g[2] = f * Math.log(u);
    return f;
  },
}, {
  /**
   * Downstream cross-entropy after fine-tuning, E + A/D_p^α (Isik et al.'s companion law; its own constants).
   * @example isik.crossEntropy({ Dp: 1e8 }, { E: 1, A: 100, alpha: 0.25 }) // => 2
   */
  crossEntropy(x: { Dp: number }, params: LawParams<"E" | "A" | "alpha">): number {
    const fn = "laws.papers.downstream.isik.crossEntropy";
    const p = paramsOf(fn, ["E", "A", "alpha"], params);
    if (!(x && x.Dp > 0)) throw new InvalidInputError(fn, `Dp must be > 0, got ${String(x?.Dp)}`, "Dp is pre-training data in tokens");
    return p.E + p.A / x.Dp ** p.alpha;
  },
});

/**
 * PassUntil (Hu et al. 2023): measured with enough samples to see tiny pass rates, task performance of small models
 * already improves smoothly; −log PU falls as a power of model size, so PU(N) = exp(−c·N^(−α)).
 * @example passUntil.predict({ N: 1e8 }, { c: 100, alpha: 0.25 }) // => 0.3679
 */
export const passUntil = defineLaw({
  id: "pass-until",
  api: "laws.papers.downstream.passUntil",
  name: "PassUntil task scaling law (Hu et al. 2023)",
  topic: "downstream",
  latex: "\\mathrm{PU}(N) = \\exp\\left(-c\\, N^{-\\alpha}\\right)",
  formula: "exp(-c * N^(-alpha))",
  inputs: { N: "model parameters" },
  output: "pass rate per sample estimated by sampling until success (PassUntil), fraction",
  params: [
    { name: "c", transform: "log", description: "scale of −log PU" },
    { name: "alpha", transform: "log", description: "exponent" },
  ],
  published: {
    illustrative: {
      name: "illustrative values (not from the paper)",
      params: { c: 3e3, alpha: 0.4 },
      status: "unverified",
      citation: { ...passUntilCitation, where: "form of the task scaling law (recalled); numbers are ours, for shape only" },
      note: "illustrative, not published; the form itself is recalled, check §4 of the paper",
    },
  },
  ranges: { N: [1e7, 3e9] },
  citation: passUntilCitation,
  predict: (x: { N: number }, p) => Math.exp(-p.c * x.N ** -p.alpha),
  gradient: (x: { N: number }, p, g) => {
    const s = x.N ** -p.alpha, f = Math.exp(-p.c * s);
    g[0] = -f * s; g[1] = f * p.c * s * Math.log(x.N);
    return f;
  },
});

export const cpp = paperCard({
  id: "collaborative-performance-prediction",
  api: "laws.papers.downstream.cpp",
  name: "Collaborative Performance Prediction (Zhang et al. 2024)",
  topic: "downstream",
  citation: cppCitation,
  formula: "score(model, task) ≈ f(latent model factors, latent task factors, design factors)",
  contributes: "Treats benchmark results of many public models as a sparse model × task matrix and predicts missing scores collaboratively (as in recommender systems), using the similarity between model families and extra design factors; predicts scaled models better than per-family scaling laws and ranks the importance of factors.",
  whyNoLaw: "It is a learned predictor (matrix factorisation / neural collaborative filtering) over a collected score matrix, not a closed form with constants.",
  related: "laws.observationalPCA (low-dimensional capability space from public benchmark scores); laws.papers.downstream.sloth.",
});

export const sloth = paperCard({
  id: "sloth",
  api: "laws.papers.downstream.sloth",
  name: "Sloth: skill scaling laws across families (Polo et al. 2024)",
  topic: "downstream",
  citation: slothCitation,
  formula: "benchmark score = link(loadings · skills(log N, log D; family efficiency))",
  contributes: "Assumes benchmark scores are driven by a few latent skills (e.g. reasoning, instruction following) that grow with size and tokens at a family-specific efficiency; fitted on Open LLM Leaderboard data, it predicts a new family's scores from few models, with identifiability results.",
  whyNoLaw: "A latent-factor model fitted across families and benchmarks; its constants are the learned loadings of one dataset, not a portable law.",
  related: "laws.observationalPCA (the same low-dimensional-capability idea); laws.papers.downstream.cpp.",
});

export const elusive = paperCard({
  id: "elusive-downstream",
  api: "laws.papers.downstream.elusive",
  name: "Why downstream capabilities are hard to predict (Schaeffer et al. 2024)",
  topic: "downstream",
  citation: elusiveDownstreamCitation,
  formula: "accuracy = 1[p(correct) > max p(incorrect choices)] — depends on mass on specific wrong choices",
  contributes: "Follows multiple-choice accuracy back to per-choice log-likelihoods through a chain of transformations and shows each step weakens its correlation with scale: accuracy depends on how probability moves on the particular wrong choices, not only on the correct one; suggests scaling laws for the incorrect choices.",
  whyNoLaw: "A negative and diagnostic result: it explains why per-task accuracy resists a law; it does not propose one.",
  related: "laws.gadreErrorFromLoss (loss → average error, which works because it averages); laws.bhagiaTaskLoss (task loss → accuracy).",
});

export const inverseScaling = paperCard({
  id: "inverse-scaling",
  api: "laws.papers.downstream.inverseScaling",
  name: "Inverse scaling (McKenzie et al. 2023)",
  topic: "downstream",
  citation: inverseScalingCitation,
  contributes: "Collects, through a public prize, 11 tasks on which larger language models do worse, and groups the causes: repeating memorised text over following instructions, imitating bad patterns in the data, an easy distractor task, and misleading few-shot demonstrations; some trends turn U-shaped at larger scale.",
  whyNoLaw: "A benchmark of counter-examples: it shows where monotone laws fail, so there is no constant to fit.",
  related: "laws.bnslLoss (broken power laws can express the U-shaped and inverted-U trends it reports).",
});

export const ivgi = paperCard({
  id: "ivgi-microscope",
  api: "laws.papers.downstream.ivgi",
  name: "Scaling laws under the microscope (Ivgi et al. 2022)",
  topic: "downstream",
  citation: ivgiMicroscopeCitation,
  formula: "fine-tuned metric ≈ saturating power law in N, fitted from models as small as 10K parameters",
  contributes: "Fits power laws to fine-tuned performance on 9 language-understanding tasks starting from 10K-parameter models: laws appear for some tasks, can flag convergence problems and select models, but need careful tuning and several seeds per size, which eats part of the savings.",
  whyNoLaw: "The paper studies when the standard saturating power law works; its constants are per task and were not read at the source.",
  related: "laws.hestnessError (the same saturating form); fit.bootstrap for the seed-to-seed uncertainty it stresses.",
});

export const performanceLaw = paperCard({
  id: "performance-law",
  api: "laws.papers.downstream.performanceLaw",
  name: "Performance Law: MMLU from architecture and data (Wu & Tang 2024)",
  topic: "downstream",
  citation: performanceLawCitation,
  formula: "MMLU ≈ linear combination of log layers, log hidden size, log FFN size, log training tokens (dense models), with a stability discount",
  contributes: "An empirical regression that predicts MMLU directly from a few architecture hyperparameters and training-data size, across model families and years, to guide architecture and compute choices without training.",
  whyNoLaw: "The regression's exact terms and weights were not read at the source; publishing a guessed form would mislead.",
  related: "laws.observationalPCA and laws.gadreErrorFromLoss (other routes from scale to benchmark scores).",
});

export const fineLine = paperCard({
  id: "fine-line",
  api: "laws.papers.downstream.fineLine",
  name: "The Fine Line: downstream capability during pre-training (Yang et al. 2024)",
  topic: "downstream",
  citation: fineLineCitation,
  contributes: "Compares downstream capabilities across intermediate checkpoints of models up to 67B parameters, finds that specific metrics follow similar training dynamics across sizes, and releases reproduced Amber and OpenLLaMA checkpoints with guidance on which metrics track each training phase.",
  whyNoLaw: "An empirical checkpoint study and data release; it reports shared dynamics, not a formula with constants.",
  related: "laws.suLossTrajectory and hparams.wsd / annealing tools (loss along training); notebooks/lr-schedules.ipynb.",
});
