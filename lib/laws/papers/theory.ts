/**
 * Theory of scaling: knowledge capacity (Allen-Zhu & Li), model collapse as a change of exponent (Dohmatob et al.),
 * lottery-ticket ensembling (Liu & Tegmark), and the solvable / dynamical random-feature models (Maloney et al.;
 * Bordelon et al.), with their curves computed here (closed forms and small simulations).
 */
import {
  dynamicalModelCitation, knowledgeCapacityCitation, lotteryTicketCitation, modelCollapseCitation, solvableModelCitation,
} from "../../core/bibliography";
import { InvalidInputError } from "../../core";
import { defineLaw, paramsOf, type ParamsLike } from "../law";
import { paperCard } from "./paper-card";
import { randomFeatureLoss } from "./random-features";
import { zipfMemorizationError } from "./zipf-memorization";

/**
 * Allen-Zhu & Li 2024: a language model trained long enough on synthetic biographies stores at most about 2 bits
 * of knowledge per parameter (also at int8), so stored bits = ratio · N.
 * @example knowledgeCapacity.predict({ N: 7e9 }) // => 14000000000
 */
export const knowledgeCapacity = defineLaw({
  id: "knowledge-capacity",
  api: "laws.papers.theory.knowledgeCapacity",
  name: "Knowledge capacity: bits per parameter (Allen-Zhu & Li 2024)",
  topic: "other",
  latex: "\\text{bits}(N) = r\\, N",
  formula: "ratio * N",
  inputs: { N: "model parameters" },
  output: "factual knowledge stored, bits",
  params: [{ name: "ratio", transform: "log", description: "capacity ratio, bits per parameter" }],
  published: {
    twoBits: {
      name: "2 bits per parameter (sufficiently trained)",
      params: { ratio: 2 },
      status: "confirmed",
      citation: { ...knowledgeCapacityCitation, where: "abstract: 2 bits of knowledge per parameter, also with int8; a 7B model stores 14B bits" },
      note: "the capacity at sufficient training (about 1000 exposures per fact, per a secondary summary); an upper bound, not a prediction for every corpus",
    },
    rareKnowledge: {
      name: "≈1 bit per parameter for rarely seen knowledge (100 exposures)",
      params: { ratio: 1 },
      status: "unverified",
      citation: { ...knowledgeCapacityCitation, where: "result for 100 exposures per fact: from memory, and a secondary literature summary agrees; not read in the paper" },
    },
  },
  ranges: { N: [1e6, 1e12] },
  citation: knowledgeCapacityCitation,
  predict: (x: { N: number }, p) => p.ratio * x.N,
  gradient: (x: { N: number }, p, g) => { g[0] = x.N; return p.ratio * x.N; },
}, {
  /**
   * Parameters needed to store `bits` of knowledge at the capacity ratio.
   * @example knowledgeCapacity.parametersFor({ bits: 1e9 }) // => 500000000
   */
  parametersFor(x: { bits: number }, params?: ParamsLike<"ratio">): number {
    const fn = "laws.papers.theory.knowledgeCapacity.parametersFor";
    if (!(x && x.bits > 0)) throw new InvalidInputError(fn, `bits must be > 0, got ${String(x?.bits)}`);
    return x.bits / paramsOf(fn, ["ratio"], params ?? knowledgeCapacity.defaults).ratio;
  },
});

/**
 * Dohmatob et al. 2024: with heavy-tailed (Zipf β) data, test error falls as T^(−(1−1/β)) in the sample count; when
 * the data come from an earlier model that lost its tail beyond rank k, a floor k^(−(β−1)) appears — the scaling law
 * changes instead of the model simply getting worse. A and B are the asymptotic prefactors; in the memorisation
 * model the sum of the two rates bounds the exact error from above, by less than a factor 2 near the crossover.
 * @example modelCollapse.predict({ T: 1e4, k: 100 }, { A: 1, B: 1, beta: 2 }) // => 0.02
 */
export const modelCollapse = defineLaw({
  id: "model-collapse",
  api: "laws.papers.theory.modelCollapse",
  name: "Model collapse as a change of scaling law (Dohmatob et al. 2024)",
  topic: "other",
  latex: "E(T, k) = A\\, T^{-(1 - 1/\\beta)} + B\\, k^{-(\\beta - 1)}",
  formula: "A * T^(-(1 - 1/beta)) + B * k^(-(beta - 1))",
  inputs: { T: "training samples", k: "rank beyond which the synthetic data lost the tail" },
  output: "test error (probability mass the model gets wrong)",
  params: [
    { name: "A", transform: "log", description: "prefactor of the sample term" },
    { name: "B", transform: "log", description: "prefactor of the tail-cut floor" },
    { name: "beta", lower: 1, upper: 10, description: "Zipf exponent of the data (> 1)" },
  ],
  published: {
    zipf2: {
      name: "memorisation model with Zipf β = 2: prefactors derived here",
      params: { A: Math.sqrt(Math.PI) * Math.sqrt(6 / Math.PI ** 2) / 2, B: 6 / Math.PI ** 2, beta: 2 },
      status: "unverified",
      citation: { ...modelCollapseCitation, where: "exponents of the tail-cutting result (recalled); A = Γ(1−1/β)ζ(β)^(−1/β)/β and B = 1/((β−1)ζ(β)) derived by us for the memorisation model" },
      note: "A, B are our asymptotics of zipfMemorizationError (the test checks them against it); the paper states the rates, not these prefactors",
    },
  },
  ranges: { T: [1e2, 1e6], k: [10, 1e5] },
  status: "unverified",
  citation: modelCollapseCitation,
  predict: (x: { T: number; k: number }, p) => p.A * x.T ** -(1 - 1 / p.beta) + p.B * x.k ** -(p.beta - 1),
  gradient: (x: { T: number; k: number }, p, g) => {
    const a = x.T ** -(1 - 1 / p.beta), b = x.k ** -(p.beta - 1);
    g[0] = a; g[1] = b;
    g[2] = p.A * a * Math.log(x.T) * (-1 / p.beta ** 2) - p.B * b * Math.log(x.k);
    return p.A * a + p.B * b;
  },
}, {
  /** The exact expected error of the memorisation model (Zipf β over V facts, T samples, tail cut at k). */
  simulate: zipfMemorizationError,
});

export const lotteryTicket = paperCard({
  id: "lottery-ticket-ensembling",
  api: "laws.papers.theory.lotteryTicket",
  name: "A scaling law from lottery-ticket ensembling (Liu & Tegmark 2023)",
  topic: "other",
  citation: lotteryTicketCitation,
  formula: "MSE ∝ N^(−1)",
  latex: "\\mathrm{MSE} \\propto N^{-1}",
  variables: { N: "parameters (network width)", MSE: "test mean-squared error", d: "intrinsic input dimension" },
  constants: [
    { name: "1-D target y = x², observed exponent", params: { alpha: 1 }, status: "confirmed", citation: { ...lotteryTicketCitation, where: "abstract" } },
    { name: "Sharma–Kaplan approximation-theory prediction α = 4/d (d = 1)", params: { alpha: 4 }, status: "confirmed", citation: { ...lotteryTicketCitation, where: "abstract" } },
  ],
  contributes: "Finds that small networks fitting y = x² follow MSE ∝ N^(−1) rather than the N^(−4/d) = N^(−4) of approximation theory, and explains it mechanistically: a wider network contains more 'lottery tickets' whose errors average out, a central-limit effect.",
  whyNoLaw: "The exponent is a mechanism-level claim (α = 1 from averaging); the prefactor depends on the task, so there is nothing but α to publish — use any power-law fitter for a given task.",
  related: "laws.hestnessError / laws.kaplanLossN (power laws to fit the prefactor); laws.papers.theory.solvableModel (another mechanism for exponents).",
}, {
  /**
   * The approximation-theory exponent 4/d that the paper contrasts with its ensembling exponent of 1.
   * @example lotteryTicket.sharmaKaplanExponent({ d: 1 }) // => 4
   */
  sharmaKaplanExponent(x: { d: number }): number {
    if (!(x && x.d > 0)) throw new InvalidInputError("laws.papers.theory.lotteryTicket.sharmaKaplanExponent", `d must be > 0, got ${String(x?.d)}`);
    return 4 / x.d;
  },
});

export const solvableModel = paperCard({
  id: "solvable-model",
  api: "laws.papers.theory.solvableModel",
  name: "A solvable model of neural scaling laws (Maloney, Roberts & Sully 2022)",
  topic: "other",
  citation: solvableModelCitation,
  formula: "L(N, P) ∝ N^(−(α−1)) when P ≫ N, ∝ P^(−(α−1)) when N ≫ P (data spectrum k^(−α))",
  latex: "L \\propto \\min(N, P)^{-(\\alpha-1)}",
  variables: { N: "random features (parameters)", P: "training samples", α: "decay exponent of the data's covariance spectrum" },
  contributes: "A generative data model with a power-law spectrum plus a random-feature model, solved in the joint limit of many features and samples: nonlinear features extend the data's power law, the test loss inherits it as a power law in whichever of N and P is the bottleneck, equal scaling of the two is optimal, and the loss plateaus where the data spectrum ends.",
  whyNoLaw: "A theory: its exponent follows from the spectrum rather than being fitted; `simulate` reproduces it numerically.",
  related: "simulate(setup) here (exact test loss of one draw); laws.kaplanLossND (the empirical two-variable law); notebook theory-of-scaling (planned).",
}, {
  /** Test loss of one draw of the linear random-feature model (see lib/laws/papers/random-features.ts). */
  simulate: randomFeatureLoss,
  /**
   * The predicted exponent of L in the bottleneck variable for a k^(−α) spectrum.
   * @example solvableModel.exponent({ alpha: 1.5 }) // => 0.5
   */
  exponent(x: { alpha: number }): number {
    if (!(x && x.alpha > 1)) throw new InvalidInputError("laws.papers.theory.solvableModel.exponent", `alpha must be > 1, got ${String(x?.alpha)}`);
    return x.alpha - 1;
  },
});

export const dynamicalModel = paperCard({
  id: "dynamical-model",
  api: "laws.papers.theory.dynamicalModel",
  name: "A dynamical model of neural scaling laws (Bordelon, Atanasov & Pehlevan 2024)",
  topic: "other",
  citation: dynamicalModelCitation,
  formula: "L(t, N) ≈ t^(−a) + N^(−b) with a ≠ b set by the spectrum; compute-optimal steps grow faster than N",
  variables: { t: "gradient-descent steps", N: "random features (parameters)" },
  contributes: "Solves gradient-descent training of a random-feature model: loss falls with training time and with model size at different exponents, which makes compute-optimal training increase steps faster than parameters; reproduces the 1/width early-time convergence with a slower width^(−c) late-time rate, and the gradual build-up of a train–test gap when data are reused.",
  whyNoLaw: "A theory whose exponents follow from the spectra; there are no empirical constants. `simulate({ N, steps })` runs the same model with gradient descent.",
  related: "laws.papers.theory.solvableModel.simulate (the same model at convergence); laws.kaplanLossNSmin (the empirical L(N, steps) law); laws.computeOptimalAllocation.",
}, {
  /** Test loss after `steps` of gradient descent on the random-feature model (population data unless P is given). */
  simulate: (setup: { N: number; steps: number; P?: number; M?: number; alpha?: number; seed?: number }) => randomFeatureLoss(setup),
});
