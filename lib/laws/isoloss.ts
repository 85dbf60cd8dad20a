/**
 * Iso-loss contours of a loss law L(N, D): for each model size, the tokens needed to reach a given loss
 * (Hoffmann et al. 2022 Fig. 4 left; Muennighoff et al. Fig. 3). Works for any law decreasing in D.
 */
import { assertFinite, assertPositive, defineCard, displayRows, InvalidInputError } from "../core";

import { lossSurfaceOf, type LossSurfaceLike } from "./laws-internal";
import { chinchillaCitation } from "../core/bibliography";

const D_MAX = 1e30;

/**
 * Tokens D with L(N, D) = target for a model of N parameters (bisection on ln D; L must decrease in D).
 * @param loss the law L(N, D)
 * @param N parameters (> 0)
 * @param target loss to reach
 * @returns tokens; Infinity if even unlimited data (D = 1e30) cannot reach the target; 1 if one token suffices
 * @throws InvalidInputError for N ≤ 0 or a non-finite target
 * @example Math.round(isoLossTokens((N, D) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28, 70e9, 1.93665) / 1e9) // => 1400
 * @see chinchillaCitation
 */
export function isoLossTokens(lossIn: LossSurfaceLike, N: number, target: number): number {
  const fn = "laws.isoloss.tokens";
  const loss = lossSurfaceOf(fn, lossIn);
  assertPositive(fn, "N", N);
  assertFinite(fn, "target", target);
  if (!(loss(N, D_MAX) < target)) return Infinity;
  if (loss(N, 1) <= target) return 1;
  let lo = 0, hi = Math.log(D_MAX);
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const m = 0.5 * (lo + hi);
    if (loss(N, Math.exp(m)) > target) lo = m;
    else hi = m;
  }
  return Math.exp(0.5 * (lo + hi));
}

export interface IsoLossPoint {
  readonly N: number;
  readonly D: number;
  /** Training FLOP 6ND of the point. */
  readonly C: number;
}

/**
 * The iso-loss contour L(N, D) = target over the given model sizes (sizes that cannot reach it are dropped).
 * @param loss the law L(N, D)
 * @param target loss level
 * @param Ns model sizes (> 0)
 * @returns the reachable points (N, D, C = 6ND)
 * @throws InvalidInputError for an empty or non-positive Ns
 * @example isoLossContour((N, D) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28, 2.2, [1e7, 1e9]).length // => 1
 * @see chinchillaCitation
 */
export function isoLossContour(loss: LossSurfaceLike, target: number, Ns: readonly number[]): IsoLossPoint[] {
  const fn = "laws.isoloss.contour";
  if (!Array.isArray(Ns) || Ns.length === 0) throw new InvalidInputError(fn, "Ns must be a non-empty array of model sizes");
  Ns.forEach((N, i) => assertPositive(fn, `Ns[${i}]`, N));
  const out: IsoLossPoint[] = [];
  for (const N of Ns) {
    const D = isoLossTokens(loss, N, target);
    if (Number.isFinite(D)) out.push({ N, D, C: 6 * N * D });
  }
  return displayRows(out);
}

export const isoLossContourLaw = defineCard({
  id: "iso-loss-contour",
  name: "Iso-loss contours of a loss law",
  topic: "allocation",
  latex: "\\{(N, D) : L(N, D) = \\ell\\}",
  formula: "D(N) solving L(N, D) = target; C = 6ND along the contour",
  variables: { N: "parameters", D: "training tokens", "ℓ": "loss level" },
  citation: { ...chinchillaCitation, where: "Fig. 4 (left), iso-loss contours" },
  status: "confirmed",
  api: "laws.isoloss.tokens",
});
