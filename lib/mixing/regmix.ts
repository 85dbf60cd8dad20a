/**
 * RegMix (Liu et al. 2024): sample many training mixtures from a Dirichlet centred on the token prior, train proxy
 * models on them, regress loss on mixture, then simulate a large number of mixtures, rank them by predicted loss and
 * average the top-k into the proposed mixture. No closed-form law: the regressor is the model.
 */
import { defineCard, displayResult, InvalidInputError, throwIfInterrupted } from "../core";
import { regmixCitation } from "../core/bibliography";
import { Xoshiro128 } from "../numeric/random";
import { fitGradientBoostedTrees } from "./gradient-boosting";
import { fitMixtureLinearRegression, type MixtureRegressor } from "./mixture-regression";
import { fractionalRanks, spearmanRho } from "./rank-correlation";
import { assertMixture } from "./simplex";

/** Uniform in (0, 1) from the project's seeded PRNG. */
function uniform(rng: Xoshiro128): number {
  return (rng.nextUint32() + 0.5) / 4294967296;
}

/** Gamma(shape, 1) by Marsaglia & Tsang 2000 (with the U^(1/a) boost for shape < 1). */
function gammaSample(rng: Xoshiro128, shape: number): number {
  if (shape < 1) return gammaSample(rng, shape + 1) * uniform(rng) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      // Box–Muller standard normal.
      x = Math.sqrt(-2 * Math.log(uniform(rng))) * Math.cos(2 * Math.PI * uniform(rng));
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform(rng);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Options of regmixSampleMixtures. */
export interface RegMixSampleOptions {
  /** Dirichlet concentration scales; sample k uses α = scales[k mod len]·prior (default RegMix's range 0.1–5). */
  readonly scales?: readonly number[];
  /** PRNG seed (default 0). */
  readonly seed?: number;
  readonly signal?: AbortSignal;
}

/**
 * Draws n mixtures from Dirichlet(α = scale·prior), cycling through the concentration scales (small scales give
 * sparse, extreme mixtures; large ones stay near the prior), with a seeded PRNG (xoshiro128**).
 * @param prior token distribution of the domains (≥ 0, Σ = 1; zero entries stay zero)
 * @param n number of mixtures
 * @param options scales, seed
 * @returns n mixtures, each summing to 1
 * @throws InvalidInputError for a bad prior, n or scales
 * @example regmixSampleMixtures([0.5, 0.5], 3, { seed: 1 }).every((r) => Math.abs(r[0] + r[1] - 1) < 1e-12) // => true
 * @see regmixCitation
 */
export function regmixSampleMixtures(prior: ArrayLike<number>, n: number, options: RegMixSampleOptions = {}): number[][] {
  const fn = "mixing.regmix.sample";
  assertMixture(fn, "prior", prior);
  if (!(Number.isInteger(n) && n >= 1)) throw new InvalidInputError(fn, `n = ${n}; need an integer ≥ 1`);
  const scales = options.scales ?? [0.1, 0.25, 0.5, 1, 2, 5];
  if (scales.length === 0 || scales.some((s) => !(s > 0 && Number.isFinite(s)))) throw new InvalidInputError(fn, `scales must be finite numbers > 0, got [${scales.join(", ")}]`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new InvalidInputError(fn, `seed = ${seed}; need an integer`);
  const rng = new Xoshiro128(seed);
  const out: number[][] = [];
  const m = prior.length;
  for (let k = 0; k < n; k++) {
    if (k % 1000 === 0) throwIfInterrupted(fn, options.signal);
    const scale = scales[k % scales.length];
    let g: number[];
    let sum: number;
    do {
      // Tiny shapes can underflow every draw to 0; redraw in that (rare) case.
      g = Array.from({ length: m }, (_, j) => (prior[j] > 0 ? gammaSample(rng, scale * prior[j]) : 0));
      sum = g.reduce((a, v) => a + v, 0);
    } while (!(sum > 0));
    out.push(g.map((v) => v / sum));
  }
  return out;
}

/** Options of regmixProposeMixture. */
export interface RegMixProposeOptions extends RegMixSampleOptions {
  /** Number of simulated mixtures (default 100,000). */
  readonly samples?: number;
  /** How many of the best-predicted mixtures to average (default 100). */
  readonly topK?: number;
}

/** Result of regmixProposeMixture. */
export interface RegMixProposal {
  /** Average of the top-k simulated mixtures. */
  readonly mixture: number[];
  /** The regressor's prediction for that average. */
  readonly predictedLoss: number;
  /** Mean predicted loss of the top-k mixtures. */
  readonly topKMeanLoss: number;
  readonly samples: number;
  readonly topK: number;
}

/**
 * RegMix's final step: simulate many mixtures around the prior, predict their loss with the fitted regressor,
 * keep the top-k (lowest predicted loss) and average them into the proposed mixture.
 * @param model fitted mixture regressor (linear/ridge or gradient-boosted trees)
 * @param prior token distribution the simulation is centred on
 * @param options samples, topK, scales, seed
 * @returns proposed mixture and its predicted loss
 * @throws InvalidInputError for bad prior/sizes
 * @example regmixProposeMixture({ kind: "toy", predict: (r) => 1 - r[0] }, [0.5, 0.5], { samples: 2000, topK: 10 }).mixture[0] > 0.99 // => true
 * @see regmixCitation
 */
export function regmixProposeMixture(model: MixtureRegressor, prior: ArrayLike<number>, options: RegMixProposeOptions = {}): RegMixProposal {
  const fn = "mixing.regmix.propose";
  const samples = options.samples ?? 100000;
  const topK = options.topK ?? 100;
  if (!(Number.isInteger(topK) && topK >= 1)) throw new InvalidInputError(fn, `topK = ${topK}; need an integer ≥ 1`);
  if (!(Number.isInteger(samples) && samples >= topK)) throw new InvalidInputError(fn, `samples = ${samples}; need an integer ≥ topK (${topK})`);
  if (!model || typeof model.predict !== "function") throw new InvalidInputError(fn, "model must have a predict(r) method (fit one with mixing.regmix.linear or mixing.regmix.trees)");
  const mixes = regmixSampleMixtures(prior, samples, options);
  const scored = mixes.map((r) => ({ r, loss: model.predict(r) }));
  scored.forEach((s, i) => { if (!Number.isFinite(s.loss)) throw new InvalidInputError(fn, `the model predicts ${s.loss} for simulated mixture ${i}`); });
  scored.sort((a, b) => a.loss - b.loss);
  const top = scored.slice(0, topK);
  const mixture = new Array<number>(prior.length).fill(0);
  top.forEach((s) => s.r.forEach((v, j) => { mixture[j] += v / topK; }));
  return displayResult(`${fn}: mean of the top ${topK} of ${samples} simulated mixtures`,
    { mixture, predictedLoss: model.predict(mixture), topKMeanLoss: top.reduce((a, s) => a + s.loss, 0) / topK, samples, topK });
}

export const regmixCard = defineCard({
  id: "regmix",
  name: "RegMix: data mixture as regression (Liu et al. 2024)",
  topic: "mixing",
  latex: "\\hat L(r) = f_\\theta(r),\\; r \\sim \\mathrm{Dir}(s\\,p);\\; r^\\star = \\tfrac{1}{k}\\sum_{r \\in \\mathrm{top}_k \\hat L} r",
  formula: "fit a regressor f from proxy-run mixtures r to loss; r* = mean of the k simulated mixtures with lowest f(r)",
  variables: {
    r: "training mixture (17 Pile domain weights, Σ = 1)",
    p: "token prior of the domains (the natural Pile distribution)",
    s: "Dirichlet concentration scale (RegMix samples 0.1–5.0)",
    "L̂": "predicted validation loss (RegMix's target: Pile-CC), nats/token",
  },
  citation: regmixCitation,
  status: "confirmed",
  api: "mixing.regmix",
});

/**
 * RegMix as a documented group: `sample` mixtures from the Dirichlet around the prior, fit a regressor (`linear`
 * ridge/OLS or gradient-boosted `trees`), `propose` the top-k average, score rank agreement with `spearman` (and
 * `ranks`, the fractional ranks it correlates).
 * @example regmix.spearman([1, 2, 3, 4], [10, 30, 20, 40]) // => 0.8
 */
export const regmix = {
  sample: regmixSampleMixtures,
  propose: regmixProposeMixture,
  linear: fitMixtureLinearRegression,
  trees: fitGradientBoostedTrees,
  spearman: spearmanRho,
  ranks: fractionalRanks,
  card: regmixCard,
} as const;
