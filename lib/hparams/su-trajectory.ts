/**
 * Su et al. 2024 ("Unraveling the Mystery of Scaling Laws, Part I"): Kaplan's L(N, S_min) with the batch correction
 * S_min = S/(1 + B_crit(L)/B), where B_crit = B_* / L^(1/α_B) depends on the loss itself, so L(N, S, B) is a fixed point.
 * Their constants are setup-specific and not stored: the defaults are Kaplan's (unverified).
 */
import { assertPositive, defineCard, DidNotConvergeError, InvalidInputError } from "../core";

import { KAPLAN_2020, KAPLAN_2020_LNS, type KaplanConstants } from "../laws/kaplan";
import { suCitation } from "../core/bibliography";



/** The constants L(N, S, B) needs (defaults: Kaplan Table 3 for N_c, α_N, S_c, α_S and Table 5 for B_*, α_B; unverified). */
export type SuConstants = Pick<KaplanConstants, "Nc" | "alphaN" | "Sc" | "alphaS" | "BstarTokens" | "alphaB">;

function constants(fn: string, k: Partial<SuConstants> | undefined): SuConstants {
  const c: SuConstants = {
    Nc: KAPLAN_2020_LNS.params.Nc, alphaN: KAPLAN_2020_LNS.params.alphaN, Sc: KAPLAN_2020_LNS.params.Sc, alphaS: KAPLAN_2020_LNS.params.alphaS,
    BstarTokens: KAPLAN_2020.params.BstarTokens, alphaB: KAPLAN_2020.params.alphaB, ...k,
  };
  for (const [name, v] of Object.entries(c)) assertPositive(fn, `constants.${name}`, v);
  return c;
}

/**
 * Loss after S steps at batch B (tokens): the solution of L = (N_c/N)^α_N + (S_c/S_min)^α_S with
 * S_min = S/(1 + B_crit(L)/B). The right side falls as L grows (B_crit shrinks), so L − f(L) is increasing and the
 * root is unique; it is found by bisection (plain fixed-point iteration can oscillate at small S·B).
 * @param p.N non-embedding params; p.steps S; p.batch B in tokens
 * @param params Nc, alphaN, Sc, alphaS, BstarTokens, alphaB (any subset; default Kaplan, unverified)
 * @param opts.tol relative tolerance on L (default 1e-12)
 * @returns the loss, nats/token
 * @throws InvalidInputError for non-positive input; DidNotConvergeError if no bracket is found
 * @example hparams.criticalBatch.su.loss({ N: 1e8, steps: 1e5, batch: 1e12 }) > hparams.criticalBatch.su.loss({ N: 1e8, steps: 1e5, batch: 1e5 }) // => false
 * @see suCitation
 */
export function suLossTrajectory(p: { N: number; steps: number; batch: number }, params?: Partial<SuConstants>, opts: { tol?: number } = {}): number {
  const fn = "hparams.criticalBatch.su.loss";
  assertPositive(fn, "N", p.N);
  assertPositive(fn, "steps", p.steps);
  assertPositive(fn, "batch", p.batch);
  const k = constants(fn, params);
  const tol = opts.tol ?? 1e-12;
  const lossN = (k.Nc / p.N) ** k.alphaN;
  const f = (L: number) => lossN + (k.Sc * (1 + k.BstarTokens / L ** (1 / k.alphaB) / p.batch) / p.steps) ** k.alphaS;
  // f(L) > lossN for every L, so L = lossN is below the root; f(∞) = L(N, S) bounds f from below, so double until above.
  let lo = lossN;
  let hi = Math.max(2 * lossN, lossN + (k.Sc / p.steps) ** k.alphaS);
  for (let i = 0; hi - f(hi) <= 0; i++) {
    if (i > 200 || !Number.isFinite(hi)) throw new DidNotConvergeError(fn, "found no loss above the fixed point", "check the constants");
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > tol * Math.max(1, hi)) {
    const mid = (lo + hi) / 2;
    if (mid - f(mid) > 0) hi = mid; else lo = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Steps to reach a target loss at batch B (tokens): S_min = S_c/(L − (N_c/N)^α_N)^(1/α_S), then
 * S = S_min·(1 + B_crit(L)/B). Explicit, because B_crit is evaluated at the target loss.
 * @param p.N; p.targetLoss; p.batch tokens
 * @param params Nc, alphaN, Sc, alphaS, BstarTokens, alphaB (any subset; default Kaplan, unverified)
 * @returns steps (Infinity is never returned: an unreachable target throws)
 * @throws InvalidInputError when targetLoss ≤ L(N) (the model cannot reach it at any step count)
 * @example Math.round(hparams.criticalBatch.su.stepsToLoss({ N: 1e9, targetLoss: 3, batch: 1e12 }, { Nc: 1e13, alphaN: 0.1, Sc: 1e3, alphaS: 1 })) // => 2049
 * @see suCitation
 */
export function suStepsToLoss(p: { N: number; targetLoss: number; batch: number }, params?: Partial<SuConstants>): number {
  const fn = "hparams.criticalBatch.su.stepsToLoss";
  assertPositive(fn, "N", p.N);
  assertPositive(fn, "targetLoss", p.targetLoss);
  assertPositive(fn, "batch", p.batch);
  const k = constants(fn, params);
  const floor = (k.Nc / p.N) ** k.alphaN;
  if (!(p.targetLoss > floor)) throw new InvalidInputError(fn, `targetLoss ${p.targetLoss} is not above L(N) = ${floor.toFixed(4)}`, "pick a higher target or a larger N");
  const Smin = k.Sc / (p.targetLoss - floor) ** (1 / k.alphaS);
  return Smin * (1 + k.BstarTokens / p.targetLoss ** (1 / k.alphaB) / p.batch);
}

/** Card of Su et al.'s L(N, S, B) (an implicit equation, solved numerically): registers it in the catalogue. */
export const suCard = defineCard({
  id: "su-loss-trajectory",
  name: "Loss vs steps and batch size, L(N, S, B) as a fixed point (Su et al.)",
  topic: "batch",
  latex: "L = \\left(\\frac{N_c}{N}\\right)^{\\alpha_N} + \\left(\\frac{S_c}{S_{\\mathrm{min}}}\\right)^{\\alpha_S},\\; S_{\\mathrm{min}} = \\frac{S}{1 + B_{\\mathrm{crit}}(L)/B},\\; B_{\\mathrm{crit}}(L) = \\frac{B_*}{L^{1/\\alpha_B}}",
  formula: "L = (Nc/N)^alphaN + (Sc/Smin)^alphaS, Smin = S/(1 + Bstar/L^(1/alphaB)/B), solved for L by bisection",
  variables: { N: "non-embedding parameters", S: "optimizer steps", B: "batch size, tokens", L: "loss, nats/token" },
  citation: suCitation,
  status: "unverified",
  constants: [KAPLAN_2020, KAPLAN_2020_LNS],
  api: "hparams.criticalBatch.su",
});

/**
 * Su et al.'s L(N, S, B), a fixed point solved by bisection (defaults: Kaplan's constants, unverified):
 * `loss({ N, steps, batch }, params?, opts?)` and its inverse `stepsToLoss({ N, targetLoss, batch }, params?)`.
 * @example Math.round(hparams.criticalBatch.su.stepsToLoss({ N: 1e9, targetLoss: 3, batch: 1e12 }, { Nc: 1e13, alphaN: 0.1, Sc: 1e3, alphaS: 1 })) // => 2049
 */
export const su = {
  loss: suLossTrajectory,
  stepsToLoss: suStepsToLoss,
} as const;
