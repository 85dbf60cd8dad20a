/**
 * Chinchilla Approach 1 (Hoffmann et al. 2022, §3.1): the minimum over training curves. Each run (fixed N) traces
 * loss against tokens; at every FLOP value C the run with the lowest loss defines the envelope point (N*, D*);
 * N* = k·C^a and D* = k'·C^b are then fitted by least squares in log-log. With final-loss-only data (one point per
 * run, as in IsoFLOP tables) the envelope at a budget is the best run at that budget (ties: the smaller model).
 */
import { assertPositive, defineCard, InsufficientDataError, InvalidInputError } from "../core";

import { fitLogLogLine } from "./laws-internal";
import { chinchillaCitation } from "../core/bibliography";


/** One training run: its size and its loss curve (tokens ascending). */
export interface TrainingCurve {
  readonly N: number;
  /** Tokens seen at each logged point, strictly increasing. */
  readonly tokens: readonly number[];
  /** Loss at each logged point. */
  readonly loss: readonly number[];
}

export interface EnvelopePoint {
  readonly C: number;
  /** Size of the best run at C. */
  readonly N: number;
  /** Tokens of the best run at C, C/(k·N). */
  readonly D: number;
  readonly loss: number;
  /** Index of the best run in the input. */
  readonly run: number;
}

export interface EnvelopeOptions {
  /** FLOP per parameter per token (default 6: C = 6·N·tokens). */
  readonly flopsPerParamToken?: number;
  /** Budgets at which to read the envelope; default 40 log-spaced values over the covered range, or the distinct
   * budgets of the runs when every run has a single point. */
  readonly budgets?: readonly number[];
  readonly level?: number;
}

export interface EnvelopeResult {
  readonly points: readonly EnvelopePoint[];
  readonly nExponent: number;
  readonly nCoefficient: number;
  readonly nExponentCI: readonly [number, number];
  readonly dExponent: number;
  readonly dCoefficient: number;
  readonly dExponentCI: readonly [number, number];
}

/** Loss of a run at FLOP C: linear interpolation in ln C between logged points; NaN outside the run. */
function lossAt(run: TrainingCurve, k: number, C: number): number {
  const t = C / (k * run.N);
  const ts = run.tokens;
  if (t < ts[0] * (1 - 1e-9) || t > ts[ts.length - 1] * (1 + 1e-9)) return NaN;
  if (ts.length === 1) return run.loss[0];
  let i = 1;
  while (i < ts.length - 1 && ts[i] < t) i++;
  const w = (Math.log(t) - Math.log(ts[i - 1])) / (Math.log(ts[i]) - Math.log(ts[i - 1]));
  return run.loss[i - 1] + Math.min(1, Math.max(0, w)) * (run.loss[i] - run.loss[i - 1]);
}

/**
 * Approach 1: the lower envelope of training curves over FLOPs and the power laws N_opt ∝ C^a, D_opt ∝ C^b.
 * @param runs training curves {N, tokens[], loss[]} (tokens strictly increasing)
 * @param opts flopsPerParamToken (default 6), budgets, interval level (default 0.95)
 * @returns envelope points and the fitted exponents with Student-t intervals
 * @throws InvalidInputError for malformed runs; InsufficientDataError if fewer than 3 budgets are covered
 * @example
 * const runs = [1e8, 1e9, 1e10].map((N) => ({ N, tokens: [1e9, 1e10, 1e11, 1e12], loss: [1e9, 1e10, 1e11, 1e12].map((D) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28) }));
 * chinchillaEnvelope(runs, { budgets: [6e17, 6e19, 6e21] }).points.map((p) => p.N) // => [1e8, 1e9, 1e10]
 * @see chinchillaCitation
 */
export function chinchillaEnvelope(runs: readonly TrainingCurve[], opts: EnvelopeOptions = {}): EnvelopeResult {
  const fn = "laws.isoflop.envelope";
  if (!Array.isArray(runs) || runs.length === 0) throw new InvalidInputError(fn, "runs must be a non-empty array of {N, tokens[], loss[]}");
  const k = opts.flopsPerParamToken ?? 6;
  assertPositive(fn, "flopsPerParamToken", k);
  runs.forEach((r, i) => {
    assertPositive(fn, `runs[${i}].N`, r.N);
    if (!Array.isArray(r.tokens) || !Array.isArray(r.loss) || r.tokens.length === 0 || r.tokens.length !== r.loss.length) {
      throw new InvalidInputError(fn, `runs[${i}] needs tokens[] and loss[] of the same non-zero length`);
    }
    r.tokens.forEach((t: number, j: number) => {
      assertPositive(fn, `runs[${i}].tokens[${j}]`, t);
      if (j > 0 && !(t > r.tokens[j - 1])) throw new InvalidInputError(fn, `runs[${i}].tokens must increase strictly (index ${j})`);
      if (!Number.isFinite(r.loss[j])) throw new InvalidInputError(fn, `runs[${i}].loss[${j}] must be finite`);
    });
  });
  let budgets = opts.budgets;
  if (budgets === undefined) {
    if (runs.every((r) => r.tokens.length === 1)) {
      // Runs of one IsoFLOP budget agree on k·N·D only to rounding: merge budgets within 1e-9 relative.
      const sorted = runs.map((r) => k * r.N * r.tokens[0]).sort((a, b) => a - b);
      budgets = sorted.filter((C, i) => i === 0 || C > sorted[i - 1] * (1 + 1e-9));
    } else {
      const lo = Math.min(...runs.map((r) => k * r.N * r.tokens[0]));
      const hi = Math.max(...runs.map((r) => k * r.N * r.tokens[r.tokens.length - 1]));
      budgets = Array.from({ length: 40 }, (_, i) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / 39));
    }
  }
  budgets.forEach((C, i) => assertPositive(fn, `budgets[${i}]`, C));
  const points: EnvelopePoint[] = [];
  for (const C of budgets) {
    let best = -1, bestL = Infinity;
    runs.forEach((r, i) => {
      const L = lossAt(r, k, C);
      // Ties (equal losses, e.g. in digitised data) go to the smaller model, independent of input order.
      if (L < bestL || (L === bestL && r.N < runs[best].N)) [best, bestL] = [i, L];
    });
    if (best >= 0) points.push({ C, N: runs[best].N, D: C / (k * runs[best].N), loss: bestL, run: best });
  }
  if (points.length < 3) throw new InsufficientDataError(fn, 3, points.length, "fewer than 3 budgets are covered by any run");
  const level = opts.level ?? 0.95;
  const n = fitLogLogLine(points.map((p) => p.C), points.map((p) => p.N), level);
  const d = fitLogLogLine(points.map((p) => p.C), points.map((p) => p.D), level);
  return {
    points,
    nExponent: n.exponent, nCoefficient: n.coefficient, nExponentCI: n.exponentCI,
    dExponent: d.exponent, dCoefficient: d.coefficient, dExponentCI: d.exponentCI,
  };
}

export const chinchillaEnvelopeLaw = defineCard({
  id: "chinchilla-approach-1",
  name: "Chinchilla Approach 1: envelope of training curves",
  topic: "allocation",
  latex: "N^*(C) = \\arg\\min_{\\mathrm{runs}} L_{\\mathrm{run}}(C),\\quad N^* = k\\,C^{a},\\; D^* = k' C^{b}",
  formula: "at each FLOP value C take the run with the lowest loss; fit ln N* = a ln C + ln k, ln D* = b ln C + ln k'",
  variables: { N: "parameters of a run", D: "tokens, C/(6N)", C: "training FLOP", L: "loss, nats/token" },
  citation: { ...chinchillaCitation, where: "§3.1, Fig. 2, Table 2" },
  status: "confirmed",
  api: "laws.isoflop.envelope",
});
