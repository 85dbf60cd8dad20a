/**
 * Kaplan et al. 2020 critical batch size and the step/compute adjustments built on it (after McCandlish et al.
 * 2018): B_crit(L) = B_* / L^(1/alpha_B); training at batch B needs S = S_min·(1 + B_crit/B) steps and
 * E = E_min·(1 + B/B_crit) tokens, so S_min, E_min and C_min recover the step-, data- and compute-minimal values.
 */
import { assertPositive, defineCard } from "../core";

import { KAPLAN_2020, type KaplanConstants } from "./kaplan";
import { kaplanCitation } from "../core/bibliography";

function constants(fn: string, k: Partial<KaplanConstants> | undefined): { alphaB: number; BstarTokens: number } {
  const p = { alphaB: k?.alphaB ?? KAPLAN_2020.params.alphaB, BstarTokens: k?.BstarTokens ?? KAPLAN_2020.params.BstarTokens };
  assertPositive(fn, "constants.alphaB", p.alphaB);
  assertPositive(fn, "constants.BstarTokens", p.BstarTokens);
  return p;
}

/**
 * Critical batch size B_crit(L) = B_* / L^(1/alpha_B), in tokens.
 * @param L loss reached, nats/token (> 0)
 * @param k alphaB and BstarTokens overriding Table 5 (B_* = 2e8 tokens, alpha_B = 0.21, unverified)
 * @returns critical batch size in tokens
 * @throws InvalidInputError for L ≤ 0 or non-positive constants
 * @example Math.round(laws.kaplan.criticalBatch(2.0, { alphaB: 0.21, BstarTokens: 2e8 })) // => 7371465
 * @see kaplanCitation
 */
export function kaplanCriticalBatch(L: number, k?: Partial<KaplanConstants>): number {
  const fn = "laws.kaplan.criticalBatch";
  assertPositive(fn, "L", L);
  const p = constants(fn, k);
  return p.BstarTokens / L ** (1 / p.alphaB);
}

function validatedCriticalBatch(fn: string, name: string, x: number, B: number, L: number, k: Partial<KaplanConstants> | undefined): number {
  assertPositive(fn, name, x);
  assertPositive(fn, "B", B);
  assertPositive(fn, "L", L);
  const p = constants(fn, k);
  return p.BstarTokens / L ** (1 / p.alphaB);
}

/**
 * Minimum steps to reach L: S_min = S / (1 + B_crit(L)/B).
 * @param S steps taken at batch size B (> 0)
 * @param B batch size, tokens (> 0)
 * @param L loss reached, nats/token (> 0)
 * @param k critical-batch constants (see kaplanCriticalBatch)
 * @returns S_min, steps
 * @throws InvalidInputError for non-positive inputs
 * @example
 * const k = { alphaB: 0.21, BstarTokens: 2e8 };
 * laws.kaplan.Smin(1e5, laws.kaplan.criticalBatch(2.0, k), 2.0, k) // => 50000
 * @see kaplanCitation
 */
export function kaplanSmin(S: number, B: number, L: number, k?: Partial<KaplanConstants>): number {
  const Bcrit = validatedCriticalBatch("laws.kaplan.Smin", "S", S, B, L, k);
  return S / (1 + Bcrit / B);
}

/**
 * Minimum tokens (examples) to reach L: E_min = E / (1 + B/B_crit(L)).
 * @param E tokens processed at batch size B (> 0)
 * @param B batch size, tokens (> 0)
 * @param L loss reached, nats/token (> 0)
 * @param k critical-batch constants
 * @returns E_min, tokens
 * @throws InvalidInputError for non-positive inputs
 * @example
 * const k = { alphaB: 0.21, BstarTokens: 2e8 };
 * laws.kaplan.Emin(1e10, laws.kaplan.criticalBatch(2.0, k), 2.0, k) // => 5e9
 * @see kaplanCitation
 */
export function kaplanEmin(E: number, B: number, L: number, k?: Partial<KaplanConstants>): number {
  const Bcrit = validatedCriticalBatch("laws.kaplan.Emin", "E", E, B, L, k);
  return E / (1 + B / Bcrit);
}

/**
 * Minimum compute to reach L: C_min = C / (1 + B/B_crit(L)) (same units as C).
 * @param C compute spent at batch size B (> 0), any unit
 * @param B batch size, tokens (> 0)
 * @param L loss reached, nats/token (> 0)
 * @param k critical-batch constants
 * @returns C_min in the units of C
 * @throws InvalidInputError for non-positive inputs
 * @example
 * const k = { alphaB: 0.21, BstarTokens: 2e8 };
 * laws.kaplan.Cmin(100, laws.kaplan.criticalBatch(2.0, k), 2.0, k) // => 50
 * @see kaplanCitation
 */
export function kaplanCmin(C: number, B: number, L: number, k?: Partial<KaplanConstants>): number {
  const Bcrit = validatedCriticalBatch("laws.kaplan.Cmin", "C", C, B, L, k);
  return C / (1 + B / Bcrit);
}

export const kaplanCriticalBatchLaw = defineCard({
  id: "kaplan-critical-batch",
  name: "Kaplan critical batch size B_crit(L) and S_min, E_min, C_min",
  topic: "batch",
  latex: "B_{\\mathrm{crit}}(L) = \\frac{B_*}{L^{1/\\alpha_B}},\\; S_{\\mathrm{min}} = \\frac{S}{1 + B_{\\mathrm{crit}}/B},\\; C_{\\mathrm{min}} = \\frac{C}{1 + B/B_{\\mathrm{crit}}}",
  formula: "Bcrit = Bstar / L^(1/alphaB); Smin = S / (1 + Bcrit/B); Emin = E / (1 + B/Bcrit); Cmin = C / (1 + B/Bcrit)",
  variables: {
    L: "WebText2 test loss reached, nats/token",
    B: "batch size, tokens",
    B_crit: "critical batch size, tokens",
    S: "optimisation steps",
    E: "tokens processed",
    C: "compute, any unit (C_min in the same unit)",
  },
  citation: { ...kaplanCitation, where: "Eqs. 5.2–5.5, Table 5" },
  status: "unverified",
  constants: [KAPLAN_2020],
  api: "laws.kaplan.criticalBatch",
});
