/**
 * Data: pruning beyond power laws (Sorscher et al.), quality-weighted effective tokens (Chang et al.) and the
 * DataDecide suite (Magnusson et al.). Model collapse lives with the theory papers (laws.papers.theory.modelCollapse).
 */
import { dataDecideCitation, qualityDataCitation, sorscherPruningCitation } from "../../core/bibliography";
import { paperCard } from "./paper-card";
import { pruningError } from "./perceptron-pruning";

export const sorscherPruning = paperCard({
  id: "sorscher-pruning",
  api: "laws.papers.data.sorscherPruning",
  name: "Beating power-law scaling by data pruning (Sorscher et al. 2022)",
  topic: "mixing",
  citation: sorscherPruningCitation,
  formula: "test error vs kept examples: power law for random pruning; faster, up to exponential, for an ideal ranking metric",
  contributes: "A teacher–student perceptron theory (solved with replica methods) in which keeping the hardest examples — when data is plentiful — or the easiest — when it is scarce — bends error-vs-data below a power law; confirmed on CIFAR-10, SVHN and ImageNet ResNets, with a benchmark of ten pruning metrics and a cheap self-supervised metric that matches the best supervised ones.",
  whyNoLaw: "The curve comes from solving the replica equations for each pruning fraction and teacher–probe angle; there is no closed form with constants to fit. `simulate(setup)` runs the same teacher–student perceptron numerically.",
  related: "simulate({ d, pool, keep, keepWhich }) here; laws.hestnessError (the power-law baseline it beats); mixing.qqt (data filtering under repetition); laws.muennighoffLoss (value of repeated data).",
}, {
  /** Test error of a max-margin student trained on a margin-pruned pool (see lib/laws/papers/perceptron-pruning.ts). */
  simulate: pruningError,
});

export const qualityData = paperCard({
  id: "quality-data",
  api: "laws.papers.data.qualityData",
  name: "Parameter-constrained models with quality data (Chang et al. 2024)",
  topic: "mixing",
  citation: qualityDataCitation,
  formula: "accuracy/loss law in N and effective tokens D_eff = D · g(diversity, syntheticity)",
  contributes: "Replaces raw token count by effective training tokens, a function of two cheap text statistics — diversity and syntheticity (judged by a teacher model) — and fits the constants on 200+ models (25M–1.5B) over synthetic and sampled data; the fitted law correlates at 0.83 with accuracy on eight reasoning tasks.",
  whyNoLaw: "The effective-token function's form and constants were not read at the source; the base N/D law is laws.chinchilla.",
  related: "laws.chinchilla (base form); laws.muennighoffLoss (effective data under repetition, the closest fittable analogue); mixing.qqt.",
});

export const dataDecide = paperCard({
  id: "datadecide",
  api: "laws.papers.data.dataDecide",
  name: "DataDecide: predicting the best pre-training data from small runs (Magnusson et al. 2025)",
  topic: "mixing",
  citation: dataDecideCitation,
  contributes: "An open suite of models trained on 25 corpora at many sizes up to 1B parameters and 100B tokens with 3 seeds, used to test decision rules: ranking corpora at one small size (150M) picks the 1B winner about 80% of the time, none of 8 scaling-law baselines beats that, and continuous likelihood metrics make several benchmarks predictable at 0.01% of the compute.",
  whyNoLaw: "A benchmark of decision methods and a model/data release; its finding is that extrapolation laws did not beat single-scale ranking.",
  related: "mixing.rankCorrelation / mixing.compare (ranking agreement across scales); notebooks/regmix.ipynb and data-mixing-laws.ipynb.",
});
