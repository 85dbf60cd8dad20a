/**
 * `laws.chinchilla`: the Chinchilla loss L(N, D) = E + A/N^α + B/D^β as a Law (Hoffmann et al. 2022, Approach 3),
 * with its compute-optimal allocation, start grids, bootstrap-derived quantities, χ² test and sensitivity report.
 * This is the reference conversion: other laws follow the same pattern (constants and the implementation in the
 * law's file, `defineLaw(spec, extras)` with derived quantities taking `(inputs, params?)`).
 */
import { chinchillaCitation } from "../core/bibliography";
import { displayResult } from "../core/render";
import {
  BESIROGLU_HOFFMANN_GRID_REFIT, BESIROGLU_REFIT, CHINCHILLA_APPROACH3, CHINCHILLA_APPROACH3_UNROUNDED,
  chinchillaLoss, chinchillaModel, chinchillaOptimal, type ChinchillaOptimum, type ChinchillaParamName,
  type ChinchillaRow,
} from "./chinchilla";
import {
  CHINCHILLA_FITTING, chinchillaChiSquare, chinchillaDerived, type ChinchillaDerived, type ChinchillaFit, type ChiSquareTest,
} from "./chinchilla-fit";
import { chinchillaSensitivity } from "./chinchilla-sensitivity";
import { defineLaw, extrapolationsOf, paramsOf, type ParamsLike } from "./law";
import { reportWarning } from "../core";

const NAMES: readonly ChinchillaParamName[] = ["E", "A", "B", "alpha", "beta"];

/** Inputs, their published ranges and the budget: what predictions and allocations are checked against. */
const GUARDED = {
  inputs: { N: "parameters (total, incl. embeddings)", D: "training tokens" },
  // Hoffmann et al. §3: "over 400 language models ranging from 70 million to over 16 billion parameters trained on 5 to 500 billion tokens".
  ranges: { N: [7e7, 1.6e10] as const, D: [5e9, 5e11] as const },
  // Hoffmann et al. §3.2: IsoFLOP profiles at nine budgets from 6e18 to 3e21 FLOPs.
  budget: { name: "C", meaning: "training compute, FLOP (C ≈ 6·N·D)", of: (x: ChinchillaRow) => 6 * x.N * x.D, range: [6e18, 3e21] as const },
};

/**
 * The Chinchilla parametric loss as a Law.
 * @example laws.chinchilla.predict({ N: 70e9, D: 1.4e12 }, laws.chinchilla.published.hoffmann) // => 1.93665
 * @example laws.chinchilla.predict({ N: 280e9, D: 300e9 }) // => 1.99326
 * @example laws.chinchilla.optimal(1e21).tokensPerParam // => 50.08
 */
export const chinchilla = defineLaw({
  id: "chinchilla",
  api: "laws.chinchilla",
  name: "Chinchilla parametric loss (Hoffmann et al. 2022, Approach 3)",
  topic: "loss",
  latex: "L(N,D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}",
  formula: "E + A / N^alpha + B / D^beta",
  inputs: GUARDED.inputs,
  output: "loss, nats/token (MassiveText)",
  params: chinchillaModel.params,
  published: {
    hoffmann: CHINCHILLA_APPROACH3,
    hoffmannUnrounded: CHINCHILLA_APPROACH3_UNROUNDED,
    besiroglu: BESIROGLU_REFIT,
    besirogluGrid: BESIROGLU_HOFFMANN_GRID_REFIT,
  },
  ranges: GUARDED.ranges,
  budget: GUARDED.budget,
  citation: chinchillaCitation,
  predict: (x: ChinchillaRow, p) => chinchillaLoss(p, x.N, x.D),
  model: chinchillaModel,
  // fit: Huber δ = 1e-3 on log loss, sum, L-BFGS from the 243-start default grid, or grid: "hoffmann" (4,500 starts).
  grids: CHINCHILLA_FITTING.grids,
  fitDefaults: CHINCHILLA_FITTING.fitDefaults,
}, {
  /**
   * Compute-optimal N and D for a FLOP budget C under C = k·N·D (closed form; Hoffmann et al. Eq. 4).
   * @param C training FLOP (> 0)
   * @param params constants or a fit (default: Hoffmann's rounded Approach 3)
   * @param options flopsPerParamToken k (default 6)
   */
  optimal(C: number, params?: ParamsLike<ChinchillaParamName>, options: { readonly flopsPerParamToken?: number } = {}): ChinchillaOptimum {
    const p = paramsOf("laws.chinchilla.optimal", NAMES, params ?? CHINCHILLA_APPROACH3);
    const out = chinchillaOptimal(p, C, options.flopsPerParamToken ?? 6);
    for (const e of extrapolationsOf(GUARDED, [{ C }], params ?? CHINCHILLA_APPROACH3)) {
      reportWarning(`laws.chinchilla.optimal ${e.input}`, `laws.chinchilla.optimal: ${e.message}`);
    }
    return displayResult(`laws.chinchilla.optimal: compute-optimal N, D at C = ${C.toExponential(3)} FLOPs`, out);
  },
  /** Bootstrap bands of a = β/(α+β) and of the optimum at each budget (needs a fit with `bootstrap`). */
  derived(result: ChinchillaFit, budgets: readonly number[], level?: number): ChinchillaDerived {
    return chinchillaDerived(result, budgets, level);
  },
  /** χ² of a parameter set against a bootstrapped fit (Besiroglu et al. 2024: 238.4 for Hoffmann's unrounded constants). */
  chiSquare(result: ChinchillaFit, params: ParamsLike<ChinchillaParamName>): ChiSquareTest {
    return chinchillaChiSquare(result, paramsOf("laws.chinchilla.chiSquare", NAMES, params));
  },
  /** Refits under the (Mis)Fitting survey's variants (δ, MSE, mean, drop-k, N and C definitions) and tabulates them. */
  sensitivity: chinchillaSensitivity,
});
