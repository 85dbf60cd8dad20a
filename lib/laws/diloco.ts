/**
 * Charles et al. 2025, scaling laws for DiLoCo (data-parallel training with M replicas synchronising rarely):
 * loss as a power law in model size per replica count, or jointly in N and M. Forms recalled, no constants:
 * status "unverified".
 */
import { defineLaw } from "./law";
import { illustrativeConstants } from "./laws-internal";

import type { Model } from "../fit/model";
import { dilocoCitation } from "../core/bibliography";

export interface DilocoParams {
  /** Scale (> 0). */
  readonly A: number;
  /** Exponent in N (< 0 for a falling loss). */
  readonly alpha: number;
  /** Exponent in the replica count M (0 for the per-M independent fits). */
  readonly beta: number;
}


/**
 * The joint DiLoCo law as a Model over {N, M} (params A [log], alpha, beta), analytic gradient.
 * @example dilocoModel.value([20, -0.1, 0.01], { N: 1e9, M: 2 }) // => 2.535363861027154
 * @see dilocoCitation
 */
export const dilocoModel: Model<{ N: number; M: number }, keyof DilocoParams> = {
  id: "diloco",
  params: [
    { name: "A", transform: "log", description: "scale" },
    { name: "alpha", description: "exponent in N" },
    { name: "beta", description: "exponent in replicas M" },
  ],
  value: (th, x) => th[0] * x.N ** th[1] * x.M ** th[2],
  valueAndGradient: (th, x, g) => {
    const L = th[0] * x.N ** th[1] * x.M ** th[2];
    g[0] = L / th[0];
    g[1] = L * Math.log(x.N);
    g[2] = L * Math.log(x.M);
    return L;
  },
};

/**
 * `laws.diloco`: L(N, M) = A·N^alpha·M^beta over { N, M } (beta = 0: the per-M independent fit).
 * @example laws.diloco.predict({ N: 1e9, M: 2 }, { A: 20, alpha: -0.1, beta: 0.01 }) // => 2.535363861027154
 */
export const diloco = defineLaw({
  id: "diloco",
  api: "laws.diloco",
  name: "DiLoCo scaling law (Charles 2025)",
  topic: "loss",
  latex: "L(N, M) = A\\,N^{\\alpha} M^{\\beta}",
  formula: "A * N^alpha * M^beta",
  inputs: { N: "parameters", M: "DiLoCo replicas (≥ 1)" },
  output: "loss, nats/token",
  params: dilocoModel.params,
  published: { example: illustrativeConstants(dilocoCitation, { A: 20, alpha: -0.1, beta: 0.01 }) },
  ranges: { N: [3.5e7, 1e10], M: [1, 8] },
  citation: dilocoCitation,
  status: "unverified",
  predict: (x: { N: number; M: number }, p) => p.A * x.N ** p.alpha * x.M ** p.beta,
  model: dilocoModel,
});
