/**
 * DoReMi (Xie et al. 2023) domain reweighting: exponentiated-gradient ascent on the proxy model's excess loss over
 * a reference model, smoothed towards uniform; final weights are the average over steps. The rule and its
 * constants (η = 1, c = 1e-3) are from memory and UNVERIFIED (project reference §11.5).
 */
import { defineCard, InvalidInputError } from "../core";

import { assertMixture } from "./simplex";
import { doremiCitation } from "../core/bibliography";


/** Constants of the update (unverified). */
export interface DoremiOptions {
  /** Step size η (default 1, unverified). */
  readonly eta?: number;
  /** Smoothing towards uniform c (default 1e-3, unverified). */
  readonly smoothing?: number;
}

/**
 * One DoReMi step: λ_i = max(L_proxy,i − L_ref,i, 0), α ← normalise(α·exp(η λ)), α ← (1 − c)·α + c/k.
 * @param alpha current domain weights (Σ = 1)
 * @param proxyLoss per-domain loss of the proxy model
 * @param referenceLoss per-domain loss of the reference model
 * @param options eta, smoothing
 * @returns new domain weights
 * @throws InvalidInputError for mismatched lengths or bad weights
 * @example doremiUpdate([0.5, 0.5], [3, 2], [2, 2], { eta: Math.log(3), smoothing: 0 }) // => [0.75, 0.25]
 * @see doremiCitation
 */
export function doremiUpdate(alpha: ArrayLike<number>, proxyLoss: ArrayLike<number>, referenceLoss: ArrayLike<number>, options: DoremiOptions = {}): number[] {
  const fn = "mixing.doremi.update";
  assertMixture(fn, "alpha", alpha, undefined, 1e-6);
  const k = alpha.length;
  if (proxyLoss.length !== k || referenceLoss.length !== k) {
    throw new InvalidInputError(fn, `alpha, proxyLoss and referenceLoss must have equal lengths, got ${k}, ${proxyLoss.length}, ${referenceLoss.length}`);
  }
  const eta = options.eta ?? 1;
  const c = options.smoothing ?? 1e-3;
  if (!(eta > 0 && Number.isFinite(eta))) throw new InvalidInputError(fn, `eta = ${eta}; need a finite step size > 0`);
  if (!(c >= 0 && c <= 1)) throw new InvalidInputError(fn, `smoothing = ${c}; need 0 ≤ c ≤ 1`);
  const logits = Array.from(alpha, (a, i) => {
    const excess = proxyLoss[i] - referenceLoss[i];
    if (!Number.isFinite(excess)) throw new InvalidInputError(fn, `domain ${i}: proxy ${proxyLoss[i]} or reference ${referenceLoss[i]} loss is not finite`);
    return Math.log(a) + eta * Math.max(excess, 0);
  });
  const top = Math.max(...logits.filter(Number.isFinite));
  const w = logits.map((z) => Math.exp(z - top));
  const sum = w.reduce((s, v) => s + v, 0);
  return w.map((v) => (1 - c) * (v / sum) + c / k);
}

export const doremiCard = defineCard({
  id: "doremi",
  name: "DoReMi domain reweighting update (Xie et al. 2023)",
  topic: "mixing",
  latex: "\\alpha_t = (1-c)\\,\\frac{\\alpha_{t-1} e^{\\eta \\lambda_t}}{\\sum \\alpha_{t-1} e^{\\eta \\lambda_t}} + \\frac{c}{k},\\; \\lambda_{t,i} = \\max(\\ell^{\\mathrm{proxy}}_i - \\ell^{\\mathrm{ref}}_i, 0)",
  formula: "alpha_t = (1-c) * normalize(alpha_{t-1} * exp(eta * max(L_proxy - L_ref, 0))) + c/k",
  variables: {
    "α": "domain weights (Σ = 1)", "λ": "clipped excess loss of the proxy over the reference model, nats/token",
    "η": "step size (1, unverified)", c: "smoothing towards uniform (1e-3, unverified)", k: "number of domains",
  },
  citation: doremiCitation,
  status: "unverified",
  api: "mixing.doremi",
});

/**
 * DoReMi domain reweighting (rule unverified): `update(alpha, proxyLoss, referenceLoss, options)` and the card.
 * @example doremi.update([0.5, 0.5], [3, 2], [2, 2], { eta: Math.log(3), smoothing: 0 }) // => [0.75, 0.25]
 */
export const doremi = { update: doremiUpdate, card: doremiCard } as const;
