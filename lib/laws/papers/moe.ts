/**
 * Mixture-of-experts papers of the seed list not covered by laws.clarkMoeLoss / krajewskiMoeLoss / jointMoeLoss:
 * optimal sparsity (Abnar et al.) and upcycling a dense model into an MoE (Liew et al.).
 */
import { abnarSparsityCitation, upcyclingCitation } from "../../core/bibliography";
import { defineLaw } from "../law";
import { paperCard } from "./paper-card";

export const abnarSparsity = paperCard({
  id: "abnar-sparsity",
  api: "laws.papers.moe.abnarSparsity",
  name: "Optimal MoE sparsity: parameters vs FLOPs (Abnar et al. 2025)",
  topic: "loss",
  citation: abnarSparsityCitation,
  formula: "a / N^alpha + b / D^beta + c / (1 - S)^lambda + d / ((1 - S)^delta * N^gamma) + e",
  latex: "L(N, D, S) = \\frac{a}{N^{\\alpha}} + \\frac{b}{D^{\\beta}} + \\frac{c}{(1-S)^{\\lambda}} + \\frac{d}{(1-S)^{\\delta} N^{\\gamma}} + e",
  variables: { N: "total parameters", D: "training tokens", S: "sparsity, (E − K)/E: fraction of experts inactive per token (0 = dense)", λ: "fitted negative: sparser is better at fixed N, D" },
  contributes: "Separates the two sides of capacity — total parameters and FLOPs per example — by varying MoE sparsity at fixed compute (3e19–1e21 FLOPs, S up to 98%): for a given training budget there is an optimal sparsity, and it rises towards 1 as the budget and total size grow, i.e. more total parameters with fewer active ones lowers pre-training loss; downstream few-shot error follows loss, except reading comprehension (SQuAD), where sparser models transfer worse.",
  whyNoLaw: "The sparsity-extended law (Eq. 6, as given by a detailed secondary summary of the paper) has nine constants listed only in an appendix table that was not read; the form is stated here so it can be fitted to one's own runs with fit.*, but no constant set is published.",
  related: "laws.jointMoeLoss and laws.clarkMoeLoss (fittable MoE laws with numbers of experts); laws.krajewskiMoeLoss (granularity).",
});

/**
 * Liew et al. 2025: loss of an MoE upcycled from a dense checkpoint trained on D1 tokens, after D2 upcycling tokens.
 * The exponent of D2 shrinks as D1 grows (an interaction term), so upcycling a longer-trained dense model gains less
 * per upcycling token: L = A·D1^(−α1)·D2^(−α2 + α3·ln D1) + E.
 * @example upcycling.predict({ D1: Math.E, D2: Math.E }, { A: 1, alpha1: 0.5, alpha2: 0.5, alpha3: 0.25, E: 1 }) // => 1.4724
 */
export const upcycling = defineLaw({
  id: "upcycling-moe",
  api: "laws.papers.moe.upcycling",
  name: "Upcycling dense → MoE with a data interaction term (Liew et al. 2025)",
  topic: "loss",
  latex: "L(D_1, D_2) = A\\, D_1^{-\\alpha_1}\\, D_2^{-\\alpha_2 + \\alpha_3 \\ln D_1} + E",
  formula: "A * D1^(-alpha1) * D2^(-alpha2 + alpha3 * log(D1)) + E",
  inputs: { D1: "tokens the dense model was pre-trained on, billions", D2: "upcycling (MoE) training tokens, billions" },
  output: "validation loss of the upcycled MoE, nats/token",
  params: [
    { name: "A", transform: "log", description: "scale" },
    { name: "alpha1", description: "dense-data exponent" },
    { name: "alpha2", description: "upcycling-data exponent at D1 = 1" },
    { name: "alpha3", description: "interaction: how much the D2 exponent shrinks per e-fold of D1" },
    { name: "E", lower: 0, description: "loss floor, nats" },
  ],
  published: {
    illustrative: {
      name: "illustrative values (not from the paper)",
      params: { A: 1.2, alpha1: 0.1, alpha2: 0.25, alpha3: 0.02, E: 1.8 },
      status: "unverified",
      citation: { ...upcyclingCitation, where: "form recalled (interaction in the exponent of D2), not read; numbers are ours, for shape only" },
      note: "illustrative, not published; both the form and the values need checking against the paper and its repository",
    },
  },
  ranges: { D1: [1, 1000], D2: [1, 1000] },
  status: "unverified",
  citation: upcyclingCitation,
  predict: (x: { D1: number; D2: number }, p) => p.A * x.D1 ** -p.alpha1 * x.D2 ** (-p.alpha2 + p.alpha3 * Math.log(x.D1)) + p.E,
  gradient: (x: { D1: number; D2: number }, p, g) => {
    const l1 = Math.log(x.D1), l2 = Math.log(x.D2);
    const t = p.A * x.D1 ** -p.alpha1 * x.D2 ** (-p.alpha2 + p.alpha3 * l1);
    g[0] = t / p.A; g[1] = -t * l1; g[2] = -t * l2; g[3] = t * l1 * l2; g[4] = 1;
    return t + p.E;
  },
});
