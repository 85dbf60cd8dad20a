/**
 * Chinchilla Approach 1 (Hoffmann et al. 2022, §3.1): the minimum over training curves. Each run (fixed N) traces
 * loss against tokens; at every FLOP value C the run with the lowest loss defines the envelope point (N*, D*);
 * N* = k·C^a and D* = k'·C^b are then fitted by least squares in log-log. With final-loss-only data (one point per
 * run, as in IsoFLOP tables) the envelope at a budget is the best run at that budget (ties: the smaller model).
 */
import { assertPositive, defineCard, displayResult, displayRows, InsufficientDataError, InvalidInputError, throwIfInterrupted } from "../core";
import { Xoshiro128 } from "../numeric/random";
import { quantileSorted } from "../numeric/quantile";

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
  /**
   * Resamples of the runs for the intervals (default 400; ≥ 20). The envelope's budgets are interpolated points of
   * few runs — 40 budgets may hold only 10 distinct N — so the intervals resample runs, not budgets.
   */
  readonly bootstrap?: number;
  /** Seed of the bootstrap (default 42). */
  readonly seed?: number;
  readonly signal?: AbortSignal;
}

export interface EnvelopeResult {
  readonly points: readonly EnvelopePoint[];
  /** Distinct model sizes among the envelope points (what the exponent really rests on). */
  readonly distinctN: number;
  readonly nExponent: number;
  readonly nCoefficient: number;
  /** Percentile interval of the exponent from the bootstrap over runs. */
  readonly nExponentCI: readonly [number, number];
  readonly dExponent: number;
  readonly dCoefficient: number;
  /** Percentile interval from the bootstrap over runs. */
  readonly dExponentCI: readonly [number, number];
  /** Standard deviations of the bootstrap exponents and the resamples that gave ≥ 3 envelope points. */
  readonly bootstrap: { readonly resamples: number; readonly nExponentSE: number; readonly dExponentSE: number };
}

/** Options of {@link lossCurveAt} and {@link isoflopSlice}. */
export interface CurveAtOptions {
  /** FLOP per parameter per token (default 6: C = 6·N·tokens). */
  readonly flopsPerParamToken?: number;
}

/**
 * The loss of one training curve at a compute budget: tokens = C/(k·N), loss interpolated linearly in ln tokens
 * between the logged points (the interpolation Approach 1 uses).
 * @param run - {N, tokens[], loss[]}, tokens strictly increasing
 * @param C - budget, FLOP
 * @param opts - flopsPerParamToken (default 6)
 * @returns the loss, or null when the run does not reach C or starts after it
 * @throws InvalidInputError for a malformed run or C ≤ 0
 * @example lossCurveAt({ N: 1e8, tokens: [1e9, 1e10], loss: [3, 2.5] }, 6 * 1e8 * Math.sqrt(1e19)) // => 2.75
 */
export function lossCurveAt(run: TrainingCurve, C: number, opts: CurveAtOptions = {}): number | null {
  const fn = "laws.isoflop.curveAt";
  const k = opts.flopsPerParamToken ?? 6;
  assertPositive(fn, "flopsPerParamToken", k);
  assertPositive(fn, "C", C);
  checkRuns(fn, [run]);
  const L = lossAt(run, k, C);
  return Number.isNaN(L) ? null : L;
}

/**
 * An IsoFLOP slice of training curves: each run's loss interpolated at budget C ({@link lossCurveAt}), as rows for
 * `laws.isoflop.approach2` or `plot.isoflop`; runs that do not cover C are left out.
 * @param runs - training curves {N, tokens[], loss[]}
 * @param budgets - one budget or several, FLOP
 * @param opts - flopsPerParamToken (default 6)
 * @returns rows {N, C, L, run} (run = index in `runs`), budget by budget
 * @throws InvalidInputError for malformed runs or a budget ≤ 0
 * @example isoflopSlice([{ N: 1e8, tokens: [1e9, 1e10], loss: [3, 2.5] }], [6e17, 6e19]).map((r) => r.L) // => [3]
 */
export function isoflopSlice(runs: readonly TrainingCurve[], budgets: number | readonly number[], opts: CurveAtOptions = {}): { N: number; C: number; L: number; run: number }[] {
  const fn = "laws.isoflop.slice";
  const k = opts.flopsPerParamToken ?? 6;
  assertPositive(fn, "flopsPerParamToken", k);
  checkRuns(fn, runs);
  const Cs = typeof budgets === "number" ? [budgets] : budgets;
  Cs.forEach((C, i) => assertPositive(fn, `budgets[${i}]`, C));
  return displayRows(Cs.flatMap((C) => runs.flatMap((r, run) => {
    const L = lossAt(r, k, C);
    return Number.isNaN(L) ? [] : [{ N: r.N, C, L, run }];
  })));
}

function checkRuns(fn: string, runs: readonly TrainingCurve[]): void {
  if (!Array.isArray(runs) || runs.length === 0) throw new InvalidInputError(fn, "runs must be a non-empty array of {N, tokens[], loss[]}");
  runs.forEach((r, i) => {
    assertPositive(fn, `runs[${i}].N`, r?.N);
    if (!Array.isArray(r.tokens) || !Array.isArray(r.loss) || r.tokens.length === 0 || r.tokens.length !== r.loss.length) {
      throw new InvalidInputError(fn, `runs[${i}] needs tokens[] and loss[] of the same non-zero length`);
    }
    r.tokens.forEach((t: number, j: number) => {
      assertPositive(fn, `runs[${i}].tokens[${j}]`, t);
      if (j > 0 && !(t > r.tokens[j - 1])) throw new InvalidInputError(fn, `runs[${i}].tokens must increase strictly (index ${j})`);
      if (!Number.isFinite(r.loss[j])) throw new InvalidInputError(fn, `runs[${i}].loss[${j}] must be finite`);
    });
  });
}

/** The envelope points of `runs` at `budgets`: the lowest-loss run at each budget a run covers. */
function envelopePoints(runs: readonly TrainingCurve[], k: number, budgets: readonly number[], ids: readonly number[]): EnvelopePoint[] {
  const points: EnvelopePoint[] = [];
  for (const C of budgets) {
    let best = -1, bestL = Infinity;
    ids.forEach((i) => {
      const L = lossAt(runs[i], k, C);
      // Ties (equal losses, e.g. in digitised data) go to the smaller model, independent of input order.
      if (L < bestL || (L === bestL && runs[i].N < runs[best].N)) [best, bestL] = [i, L];
    });
    if (best >= 0) points.push({ C, N: runs[best].N, D: C / (k * runs[best].N), loss: bestL, run: best });
  }
  return points;
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
 * @param opts flopsPerParamToken (default 6), budgets, interval level (default 0.95), bootstrap resamples of the runs
 *   (default 400) and seed
 * @returns envelope points, how many distinct sizes they hold, and the fitted exponents with percentile intervals
 *   from a bootstrap over runs (not over the interpolated budgets, which share few distinct N)
 * @throws InvalidInputError for malformed runs; InsufficientDataError if fewer than 3 budgets are covered
 * @example
 * const runs = [1e8, 1e9, 1e10].map((N) => ({ N, tokens: [1e9, 1e10, 1e11, 1e12], loss: [1e9, 1e10, 1e11, 1e12].map((D) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28) }));
 * chinchillaEnvelope(runs, { budgets: [6e17, 6e19, 6e21] }).points.map((p) => p.N) // => [1e8, 1e9, 1e10]
 * @see chinchillaCitation
 */
export function chinchillaEnvelope(runs: readonly TrainingCurve[], opts: EnvelopeOptions = {}): EnvelopeResult {
  const fn = "laws.isoflop.envelope";
  const k = opts.flopsPerParamToken ?? 6;
  assertPositive(fn, "flopsPerParamToken", k);
  checkRuns(fn, runs);
  const B = opts.bootstrap ?? 400;
  if (!(Number.isInteger(B) && B >= 20)) throw new InvalidInputError(fn, `bootstrap must be an integer ≥ 20, got ${B}`, "the intervals come from resampling runs");
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
  const all = runs.map((_, i) => i);
  const points = envelopePoints(runs, k, budgets, all);
  if (points.length < 3) throw new InsufficientDataError(fn, 3, points.length, "fewer than 3 budgets are covered by any run");
  const n = fitLogLogLine(points.map((p) => p.C), points.map((p) => p.N), null);
  const d = fitLogLogLine(points.map((p) => p.C), points.map((p) => p.D), null);
  // Percentile bootstrap over runs: resample whole runs, recompute the envelope at the same budgets and refit.
  const rng = new Xoshiro128(opts.seed ?? 42);
  const na: number[] = [], da: number[] = [];
  for (let b = 0; b < B; b++) {
    throwIfInterrupted(fn, opts.signal);
    const ids = all.map(() => rng.nextInt(runs.length));
    const pts = envelopePoints(runs, k, budgets, ids);
    if (pts.length < 3 || new Set(pts.map((p) => p.N)).size < 2) continue;
    na.push(fitLogLogLine(pts.map((p) => p.C), pts.map((p) => p.N), null).exponent);
    da.push(fitLogLogLine(pts.map((p) => p.C), pts.map((p) => p.D), null).exponent);
  }
  if (na.length < 20) throw new InsufficientDataError(fn, 20, na.length, "too few bootstrap resamples of the runs cover 3 budgets with 2 sizes; add runs");
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(fn, `level must be in (0, 1), got ${level}`);
  const ci = (xs: number[]): [number, number] => {
    const sorted = [...xs].sort((x, y) => x - y);
    return [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)];
  };
  const sd = (xs: number[]) => {
    const m = xs.reduce((x, y) => x + y, 0) / xs.length;
    return Math.sqrt(xs.reduce((x, y) => x + (y - m) ** 2, 0) / (xs.length - 1));
  };
  return displayResult(`${fn}: envelope of ${runs.length} training curves over ${points.length} budgets`, {
    points,
    distinctN: new Set(points.map((p) => p.N)).size,
    nExponent: n.exponent, nCoefficient: n.coefficient, nExponentCI: ci(na),
    dExponent: d.exponent, dCoefficient: d.coefficient, dExponentCI: ci(da),
    bootstrap: { resamples: na.length, nExponentSE: sd(na), dExponentSE: sd(da) },
  });
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
