/**
 * Ye et al. 2024's data mixing law as one documented group: the catalogue Laws for 2 and 3 domains (named inputs
 * r1 … rK), and the array form for any number of domains — predict, fit, explicit/implicit aggregation over
 * validation domains. The mixture optimiser is `mixing.optimize`, the nested pipeline `mixing.nested`.
 */
import { aggregateLoss, learnWeights } from "./aggregate";
import { fitMixtures, fitMixturesAsync, lawFor2, lawFor3, predictMixture } from "./mixing-law";

/**
 * The data mixing law L(r) = c + exp(Σ_j t_j r_j) of Ye (2024), as a group: predict and fit on mixtures of any K ≥ 2
 * domains, the Laws for 2 and 3 domains, aggregation over validation domains. `predict(r, params)` and `fit(R, L)` / `fitSync(R, L)` take mixtures as arrays (any
 * number K ≥ 2 of domains) and work in the k = 1 gauge (params c, t1 … tK); `lawFor2` / `lawFor3` are the Laws with
 * named inputs and refitted constants; `aggregate(laws, r, s)` and `learnWeights(domainLosses, overall)` combine
 * validation domains.
 * @example ye.predict([0.3, 0.7], ye.fitSync([[0, 1], [0.25, 0.75], [0.5, 0.5], [0.75, 0.25], [1, 0]], [0, 0.25, 0.5, 0.75, 1].map((a) => 1 + Math.exp(-a)))) > 1.7 // => true
 */
export const ye = {
  predict: predictMixture,
  fit: fitMixturesAsync,
  fitSync: fitMixtures,
  lawFor2,
  lawFor3,
  aggregate: aggregateLoss,
  learnWeights,
} as const;
