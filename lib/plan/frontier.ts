/**
 * The compute-optimal loss frontier around a plan's budget, with the loss interval at each budget: the numbers
 * behind the plan's frontier figure (drawn in display.ts).
 */
import type { ResolvedLaw } from "./inputs";
import { lossInterval } from "./loss";
import { lawLoss, lawOptimal } from "./rules";

export interface FrontierPoint {
  /** Budget, FLOPs (C = 6ND). */
  readonly C: number;
  readonly N: number;
  readonly D: number;
  readonly loss: number;
  /** Interval bounds (null when the law carries no uncertainty). */
  readonly lo: number | null;
  readonly hi: number | null;
}

/**
 * Compute-optimal points at `points` budgets spaced evenly in log from C/100 to 100·C.
 * @param law the plan's law
 * @param C the plan's budget
 * @param level interval coverage
 * @param points number of budgets (default 25)
 */
export function lossFrontier(law: ResolvedLaw, C: number, level: number, points = 25): FrontierPoint[] {
  return Array.from({ length: points }, (_, i) => {
    const c = C * 10 ** (-2 + (4 * i) / (points - 1));
    const o = lawOptimal(law.params, c);
    const ci = lossInterval(law, (p) => lawLoss(p, o.N, o.D), level).ci;
    return { C: c, N: o.N, D: o.D, loss: o.loss, lo: ci ? ci[0] : null, hi: ci ? ci[1] : null };
  });
}
