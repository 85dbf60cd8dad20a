/**
 * Brandfonbrener et al. 2024, loss-to-loss prediction: across models trained on one dataset, the loss on a second
 * distribution is a shifted power law of the loss on the first. Form recalled: status "unverified".
 */
import { InvalidInputError } from "../core";
import { defineLaw } from "./law";
import { illustrativeConstants } from "./laws-internal";

import type { Model } from "../fit/model";
import { lossToLossCitation } from "../core/bibliography";

export interface LossToLossParams {
  /** Scale (> 0). */
  readonly K: number;
  /** Exponent (> 0). */
  readonly kappa: number;
  /** Irreducible loss of the source loss L_x (from a Chinchilla fit on that data), nats. */
  readonly Ex: number;
  /** Irreducible loss of the target loss L_y, nats. */
  readonly Ey: number;
}


/**
 * The loss-to-loss law as a Model over L_x (params K [log], kappa [log], Ex, Ey), analytic gradient.
 * Rows with L_x ≤ E_x evaluate to NaN, which the fitter rejects.
 * @example lossToLossModel.value([1.2, 0.9, 1.5, 1.7], { Lx: 3 }) // => 3.4284761014259924
 * @see lossToLossCitation
 */
export const lossToLossModel: Model<{ Lx: number }, keyof LossToLossParams> = {
  id: "loss-to-loss",
  params: [
    { name: "K", transform: "log", description: "scale" },
    { name: "kappa", transform: "log", description: "exponent" },
    { name: "Ex", description: "irreducible source loss, nats" },
    { name: "Ey", description: "irreducible target loss, nats" },
  ],
  value: (th, { Lx }) => (Lx > th[2] ? th[0] * (Lx - th[2]) ** th[1] + th[3] : NaN),
  valueAndGradient: (th, { Lx }, g) => {
    if (!(Lx > th[2])) {
      g.fill(NaN);
      return NaN;
    }
    const r = Lx - th[2];
    const t = r ** th[1];
    g[0] = t;
    g[1] = th[0] * t * Math.log(r);
    g[2] = (-th[0] * th[1] * t) / r;
    g[3] = 1;
    return th[0] * t + th[3];
  },
};

/**
 * `laws.lossToLoss`: L_y = K·(L_x − E_x)^kappa + E_y over { Lx }; L_x must exceed E_x.
 * @example laws.lossToLoss.predict({ Lx: 3 }, { K: 1.2, kappa: 0.9, Ex: 1.5, Ey: 1.7 }) // => 3.4284761014259924
 */
export const lossToLoss = defineLaw({
  id: "loss-to-loss",
  api: "laws.lossToLoss",
  name: "Loss-to-loss prediction (Brandfonbrener 2024)",
  topic: "downstream",
  latex: "L_y = K\\,(L_x - E_x)^{\\kappa} + E_y",
  formula: "K * (Lx - Ex)^kappa + Ey",
  inputs: { Lx: "source loss (e.g. train loss), nats/token; > Ex" },
  output: "target loss (other dataset or test), nats/token",
  params: lossToLossModel.params,
  published: { example: illustrativeConstants(lossToLossCitation, { K: 1.2, kappa: 0.9, Ex: 1.5, Ey: 1.7 }, "E_x, E_y come from per-dataset Chinchilla fits.") },
  ranges: { Lx: [1.6, 5] },
  citation: lossToLossCitation,
  status: "unverified",
  predict: (x: { Lx: number }, p) => {
    if (!(x.Lx > p.Ex)) throw new InvalidInputError("laws.lossToLoss.predict", `Lx = ${x.Lx} must exceed the irreducible loss Ex = ${p.Ex}`, "refit Ex or drop points below it");
    return p.K * (x.Lx - p.Ex) ** p.kappa + p.Ey;
  },
  model: lossToLossModel,
});
