/**
 * Charles et al. 2025, scaling laws for DiLoCo (data-parallel training with M replicas synchronising rarely):
 * loss as a power law in model size per replica count, or jointly in N and M. Forms recalled, no constants:
 * status "unverified".
 */
import { assertPositive, assertFinite, defineCard, type Citation } from "../core";

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
 * Joint DiLoCo law L(N, M) = A·N^alpha·M^beta (beta = 0 gives the per-M independent fit L(N) = A·N^alpha).
 * @param N parameters (> 0)
 * @param M number of DiLoCo replicas (≥ 1)
 * @param p A > 0, alpha, beta
 * @returns loss, nats/token
 * @throws InvalidInputError for non-positive inputs
 * @example dilocoLoss(1e9, 2, { A: 20, alpha: -0.1, beta: 0.01 }) // => 2.535363861027154
 * @see dilocoCitation
 */
export function dilocoLoss(N: number, M: number, p: DilocoParams): number {
  const fn = "dilocoLoss";
  assertPositive(fn, "N", N);
  assertPositive(fn, "M", M);
  assertPositive(fn, "params.A", p.A);
  assertFinite(fn, "params.alpha", p.alpha);
  assertFinite(fn, "params.beta", p.beta);
  return p.A * N ** p.alpha * M ** p.beta;
}

/**
 * The joint DiLoCo law as a Model over {N, M} (params A [log], alpha, beta), analytic gradient.
 * @example dilocoModel.value([20, -0.1, 0.01], { N: 1e9, M: 2 }) // => 2.535363861027154
 * @see dilocoCitation
 */
export const dilocoModel: Model<{ N: number; M: number }> = {
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

export const dilocoLaw = defineCard({
  id: "diloco",
  name: "DiLoCo scaling law (Charles 2025)",
  topic: "loss",
  latex: "L(N, M) = A\\,N^{\\alpha} M^{\\beta}",
  formula: "A * N^alpha * M^beta",
  variables: { N: "parameters", M: "DiLoCo replicas", L: "loss, nats/token" },
  citation: dilocoCitation,
  status: "unverified",
  api: "dilocoLoss",
});
