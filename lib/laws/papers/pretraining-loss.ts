/**
 * LM pre-training loss: surveys, architecture and method comparisons, and negative results of the seed list that
 * have no fittable law of their own (each card says which existing law to fit instead).
 */
import {
  beyondBackpropCitation, gemstonesCitation, misfittingCitation, moreComputeCitation, reducedScaleCitation, tayArchitecturesCitation,
  trainableParamsCitation, xiaoRethinkingCitation,
} from "../../core/bibliography";
import { paperCard } from "./paper-card";

export const misfitting = paperCard({
  id: "misfitting-survey",
  api: "laws.papers.pretrainingLoss.misfitting",
  name: "(Mis)Fitting: a survey of scaling laws (Li et al. 2025)",
  topic: "loss",
  citation: misfittingCitation,
  contributes: "Surveys 50+ scaling-law papers, shows how the choice of equation, training setup, data points and optimiser changes conclusions such as the optimal tokens-per-parameter ratio, notes that most papers under-report what is needed to reproduce them, and proposes a reporting checklist.",
  whyNoLaw: "A survey and a methodology critique: it compares how laws are fitted rather than proposing a new one.",
  related: "fit.* options (objective, Huber δ, log/linear space, start grids) and fit.sensitivity — the knobs the survey shows matter; notebooks/chinchilla-replication.ipynb.",
});

export const rethinking = paperCard({
  id: "rethinking-conventional-wisdom",
  api: "laws.papers.pretrainingLoss.rethinking",
  name: "From generalization to scaling: rethinking conventional wisdom (Xiao 2024)",
  topic: "loss",
  citation: xiaoRethinkingCitation,
  contributes: "Argues that in the scaling era the target is approximation rather than generalization error, shows that regularisation-era rules (explicit L2, small batches and large learning rates as implicit regularisers) may no longer help, and names 'scaling law crossover': two methods' curves can cross, so small-scale wins need not transfer.",
  whyNoLaw: "A position paper with case studies; its crossover is a relation between two fitted laws, not a new law.",
  related: "fit.* to fit two methods' laws and find where they cross; laws.papers.pretrainingLoss.architectures (the same crossover across architectures).",
});

export const gemstones = paperCard({
  id: "gemstones",
  api: "laws.papers.pretrainingLoss.gemstones",
  name: "Gemstones: a model suite for multi-faceted scaling laws (McLeish et al. 2025)",
  topic: "loss",
  citation: gemstonesCitation,
  formula: "loss as a function of width, depth and tokens, fitted on 4000+ checkpoints",
  contributes: "Releases 4000+ checkpoints of transformers up to 2B parameters trained with varied widths, depths, learning rates and cool-downs, fits a law in width and depth, and shows that scaling prescriptions change markedly with which checkpoints and design choices enter the fit.",
  whyNoLaw: "The width–depth law's exact form and constants were not read at the source; the paper's main point is the sensitivity of any fitted law to design choices.",
  related: "laws.chinchilla and fit.sensitivity (how prescriptions move with the fitted points); laws.shapeForParamCount (width/depth for a parameter count).",
});

export const architectures = paperCard({
  id: "scaling-vs-architectures",
  api: "laws.papers.pretrainingLoss.architectures",
  name: "Scaling laws vs model architectures (Tay et al. 2022)",
  topic: "loss",
  citation: tayArchitecturesCitation,
  contributes: "Compares the scaling of ten architectures (Transformer, Switch, Universal Transformer, dynamic convolutions, Performer, MLP-Mixer, …) upstream and downstream: architecture changes the slope, and the best model at small scale is not always the best at large scale.",
  whyNoLaw: "A comparative study; each architecture's curve is an ordinary power law whose constants were not read at the source.",
  related: "laws.kaplanLossN (single-variable power law to fit per architecture); laws.papers.pretrainingLoss.rethinking (crossover).",
});

export const beyondBackprop = paperCard({
  id: "beyond-backprop",
  api: "laws.papers.pretrainingLoss.beyondBackprop",
  name: "Scaling laws beyond backpropagation (Filipovich et al. 2022)",
  topic: "loss",
  citation: beyondBackpropCitation,
  contributes: "Fits compute scaling laws to causal decoder transformers trained with Direct Feedback Alignment and with backpropagation: DFA's curve is worse everywhere, so no compute budget makes its cheaper updates worth the loss penalty — a negative result for this alternative to backprop.",
  whyNoLaw: "A negative comparison of two fitted compute laws; the constants were not read at the source.",
  related: "laws.kaplanLossCmin (loss vs compute to fit per training method); fit.* to compare two curves.",
});

export const trainableParams = paperCard({
  id: "trainable-parameters",
  api: "laws.papers.pretrainingLoss.trainableParams",
  name: "Only trainable parameters count (Chatelain et al. 2021)",
  topic: "loss",
  citation: trainableParamsCitation,
  contributes: "Tries to 'cheat' scaling laws by adding frozen random parameters or replacing dense layers by fast structured transforms: loss vs compute depends only on the number of trainable parameters, so spurious parameters buy nothing.",
  whyNoLaw: "A negative result about what N means in an existing law.",
  related: "laws.kaplanLossN / laws.chinchilla with N = trainable parameters; laws.transformerParamCount for counting conventions.",
});

export const reducedScale = paperCard({
  id: "reduced-scale-emergence",
  api: "laws.papers.pretrainingLoss.reducedScale",
  name: "Emergent abilities in reduced-scale models (Muckatira et al. 2024)",
  topic: "loss",
  citation: reducedScaleCitation,
  contributes: "Pre-trains 36 causal LMs (1M–165M parameters) on a simplified-vocabulary corpus: zero-shot in-context abilities appear at much smaller sizes in the simplified language, matching models six times larger on unrestricted text, and loss follows power laws in compute, data and parameters.",
  whyNoLaw: "Its power laws are the standard ones refitted on simplified data; the constants were not read at the source.",
  related: "laws.kaplanLossN / kaplanLossD / kaplanLossCmin (the forms refitted); laws.papers.downstream.passUntil (emergence measured finely).",
});

export const moreCompute = paperCard({
  id: "more-compute",
  api: "laws.papers.pretrainingLoss.moreCompute",
  name: "More compute is what you need (Guo 2024)",
  topic: "allocation",
  citation: moreComputeCitation,
  formula: "performance ≈ f(C), largely independent of the N/D split of C = 6ND",
  contributes: "Hypothesises that transformer performance depends mostly on total compute, not on how it is split between parameters and tokens; hence smaller models on more data for inference efficiency, and, once web text runs out, larger models as the remaining lever.",
  whyNoLaw: "A hypothesis about the flatness of loss along iso-compute curves, without published constants.",
  related: "laws.isoflopParabola and laws.chinchillaEnvelope (test how flat loss is along an isoFLOP curve); laws.inferenceAwareAllocation.",
});
