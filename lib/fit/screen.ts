/**
 * Screening and polishing of multi-start end points.
 *
 * Why: a multi-start spends almost all of its time on starts that end far from the best optimum, and the engine's
 * default function-change rule (relative, without scipy's floor at 1: see ./lbfgs) keeps every one of them
 * iterating through flat valleys to ~1e-10. So with more starts than FitOptions.polish, each start first runs
 * under a screening rule (the same gradient rule, function-change tolerance FIT_DEFAULTS.screenFtol); then the
 * `polish` best end points that are distinct in u are refined from where they stopped with the full rules. The
 * fit's best end point is therefore always a polished one, reached under exactly the criteria of a single fit:
 * the screen only decides which basins are worth finishing. On Besiroglu et al.'s 240 points with Hoffmann's
 * 4,500 starts this halves the function evaluations (374k → 176k); the best objective agrees with running every
 * start to the full rules to 1e-11 and every parameter to 1e-6, and 203 screened starts still end in that basin.
 */
import type { FitObjective } from "./objective";
import type { LbfgsOptions } from "./lbfgs";
import { decodeOutcomes, runStartBatch, type StartOutcome } from "./multistart";

/** Same position in u: every coordinate within xtol·(1 + |u|). */
function samePoint(a: Float64Array, b: Float64Array, xtol: number): boolean {
  for (let j = 0; j < a.length; j++) if (Math.abs(a[j] - b[j]) > xtol * (1 + Math.abs(a[j]))) return false;
  return true;
}

/**
 * Indices of the `count` best finite end points that are pairwise distinct (u differing by more than `xtol`
 * relative in some coordinate), best first.
 */
export function selectForPolish(outcomes: readonly StartOutcome[], count: number, xtol = 1e-3): number[] {
  const order = outcomes.map((_, i) => i).filter((i) => Number.isFinite(outcomes[i].objective))
    .sort((a, b) => outcomes[a].objective - outcomes[b].objective);
  const picked: number[] = [];
  for (const i of order) {
    if (picked.length >= count) break;
    if (!picked.some((j) => samePoint(outcomes[j].u, outcomes[i].u, xtol))) picked.push(i);
  }
  return picked;
}

/**
 * Refines the selected screened end points with the full stopping rules (on this thread: a handful of warm
 * starts) and returns the outcomes with those entries replaced; their iteration and evaluation counts include
 * the screening run.
 */
export function polishOutcomes(objective: FitObjective, outcomes: readonly StartOutcome[], indices: readonly number[],
  lbfgs: LbfgsOptions): StartOutcome[] {
  const dim = objective.dim;
  const starts = new Float64Array(indices.length * dim);
  indices.forEach((i, k) => starts.set(outcomes[i].u, k * dim));
  const polished = decodeOutcomes(runStartBatch(objective, starts, null, lbfgs, null), dim);
  const res = outcomes.slice();
  indices.forEach((i, k) => {
    const p = polished[k];
    res[i] = { ...p, iterations: outcomes[i].iterations + p.iterations, evaluations: outcomes[i].evaluations + p.evaluations };
  });
  return res;
}
