/**
 * Chinchilla Approach 2 (Hoffmann et al. 2022, §3.2): IsoFLOP profiles. For each compute budget, fit a parabola of
 * loss against ln N over the runs at that budget, take its minimum as N_opt(C), then fit N_opt = k·C^a (and
 * D_opt = C/(6·N_opt) ∝ C^(1−a)) by least squares in log-log. Uncertainty: a Student-t interval from the log-log
 * regression, the delta-method SE of each parabola's minimum, and a seeded bootstrap over runs within budgets.
 * Known bias (Open-Athena "Problems with Chinchilla Approach 2"): the parabola is a Taylor approximation, so grid
 * width, off-centre sampling and α ≠ β asymmetry shift the minima.
 */
import { assertPositive, defineCard, InsufficientDataError, InvalidInputError, reportProgress, throwIfInterrupted } from "../core";

import { Xoshiro128 } from "../numeric/random";

import { inverseOrNull } from "../numeric/linalg";

import { quantileSorted } from "../numeric/quantile";

import { fitLogLogLine } from "./laws-internal";
import { chinchillaCitation } from "../core/bibliography";


/** One parabola L = p0 + p1·x + p2·x², x = ln N, and its minimum. */
export interface IsoflopParabola {
  readonly p0: number;
  readonly p1: number;
  readonly p2: number;
  /** ln N at the minimum, −p1/(2·p2) (NaN if the parabola is not convex). */
  readonly logNopt: number;
  readonly Nopt: number;
  /** Loss at the minimum. */
  readonly lossMin: number;
  /** Delta-method standard error of ln N_opt (NaN with 3 points). */
  readonly logNoptSE: number;
  /** p2 > 0: the profile has a minimum. */
  readonly convex: boolean;
  /** The minimum lies inside the sampled N range (otherwise it is an extrapolation). */
  readonly inRange: boolean;
  readonly n: number;
  /** Root-mean-square residual, loss units. */
  readonly rmse: number;
}

function parabolaFromLogs(x: readonly number[], L: readonly number[]): IsoflopParabola {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  // Centre x for conditioning: L = q0 + q1·u + q2·u², u = x − mx.
  const S = [0, 0, 0, 0, 0], T = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const u = x[i] - mx;
    let pw = 1;
    for (let k = 0; k < 5; k++) {
      S[k] += pw;
      if (k < 3) T[k] += pw * L[i];
      pw *= u;
    }
  }
  const inv = inverseOrNull([[S[0], S[1], S[2]], [S[1], S[2], S[3]], [S[2], S[3], S[4]]]);
  if (!inv) throw new InvalidInputError("laws.isoflop.parabola", "the N values are degenerate (need at least 3 distinct N per budget)");
  const q = inv.map((row) => row[0] * T[0] + row[1] * T[1] + row[2] * T[2]);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const u = x[i] - mx;
    sse += (L[i] - q[0] - q[1] * u - q[2] * u * u) ** 2;
  }
  const convex = q[2] > 0;
  const uOpt = convex ? -q[1] / (2 * q[2]) : NaN;
  const s2 = n > 3 ? sse / (n - 3) : NaN;
  // Delta method: ∂u*/∂q1 = −1/(2q2), ∂u*/∂q2 = q1/(2q2²).
  const g1 = -1 / (2 * q[2]), g2 = q[1] / (2 * q[2] ** 2);
  const varU = s2 * (g1 * g1 * inv[1][1] + 2 * g1 * g2 * inv[1][2] + g2 * g2 * inv[2][2]);
  const logNopt = mx + uOpt;
  // Back to uncentred coefficients.
  const p2 = q[2], p1 = q[1] - 2 * q[2] * mx, p0 = q[0] - q[1] * mx + q[2] * mx * mx;
  return {
    p0, p1, p2, logNopt,
    Nopt: Math.exp(logNopt),
    lossMin: convex ? q[0] - (q[1] * q[1]) / (4 * q[2]) : NaN,
    logNoptSE: convex ? Math.sqrt(varU) : NaN,
    convex,
    inRange: convex && logNopt >= Math.min(...x) && logNopt <= Math.max(...x),
    n,
    rmse: Math.sqrt(sse / n),
  };
}

/**
 * Least-squares parabola of loss against ln N at one compute budget, and its minimum.
 * @param N model sizes at the budget (≥ 3 distinct, > 0)
 * @param L final losses (finite), same length
 * @returns coefficients (in x = ln N), N_opt, the minimum loss, the delta-method SE of ln N_opt and flags
 * @throws InsufficientDataError for fewer than 3 points; InvalidInputError for bad values or degenerate N
 * @example Math.round(isoflopParabola([1e8, 1e9, 1e10], [3, 2, 3]).Nopt) // => 1000000000
 * @see chinchillaCitation
 */
export function isoflopParabola(N: readonly number[], L: readonly number[]): IsoflopParabola {
  const fn = "laws.isoflop.parabola";
  if (!Array.isArray(N) || !Array.isArray(L) || N.length !== L.length) throw new InvalidInputError(fn, "N and L must be arrays of the same length");
  if (N.length < 3) throw new InsufficientDataError(fn, 3, N.length, "a parabola needs ≥ 3 model sizes per budget");
  N.forEach((v, i) => assertPositive(fn, `N[${i}]`, v));
  L.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InvalidInputError(fn, `L[${i}] must be finite, got ${v}`);
  });
  return parabolaFromLogs(N.map(Math.log), L);
}

/** One IsoFLOP run: model size, budget and final loss. */
export interface IsoflopRow {
  readonly N: number;
  /** Compute budget, FLOP (runs are grouped by exact equality of C). */
  readonly C: number;
  readonly L: number;
}

/** The same run with the loss named `loss`, as in `loadDataset("isoflops")` rows. */
export interface IsoflopLossRow {
  readonly N: number;
  readonly C: number;
  readonly loss: number;
}

export interface IsoflopBudgetFit extends IsoflopParabola {
  readonly C: number;
  /** D_opt = C / (flopsPerParamToken · N_opt). */
  readonly Dopt: number;
  /** Whether the budget entered the power-law fit. */
  readonly used: boolean;
}

export interface IsoflopOptions {
  /** FLOP per parameter per token for D_opt = C/(k·N_opt) (default 6). */
  readonly flopsPerParamToken?: number;
  /** Leave out budgets whose minimum lies outside the sampled N range (default false: kept, flagged). */
  readonly excludeOutOfRange?: boolean;
  /** Bootstrap resamples over runs within each budget (default 0 = none). */
  readonly bootstrap?: number;
  readonly seed?: number;
  /** Interval level (default 0.95). */
  readonly level?: number;
  readonly signal?: AbortSignal;
}

export interface IsoflopScaling {
  readonly budgets: readonly IsoflopBudgetFit[];
  /** Budgets left out because they have fewer than 3 distinct model sizes. */
  readonly skippedBudgets: readonly number[];
  /** N_opt = nCoefficient · C^nExponent (OLS in log-log over the used budgets). */
  readonly nExponent: number;
  readonly nCoefficient: number;
  readonly nExponentSE: number;
  /** Student-t interval of the exponent from the log-log regression. */
  readonly nExponentCI: readonly [number, number];
  /** D_opt ∝ C^dExponent (= 1 − nExponent when D = C/(6N)). */
  readonly dExponent: number;
  readonly dCoefficient: number;
  readonly r2: number;
  /** Percentile bootstrap over runs within budgets (present when opts.bootstrap > 0). */
  readonly bootstrap?: {
    readonly resamples: number;
    readonly nExponentSE: number;
    readonly nExponentCI: readonly [number, number];
    readonly samples: readonly number[];
  };
}

function groupByBudget(fn: string, rows: readonly (IsoflopRow | IsoflopLossRow)[]): Map<number, IsoflopRow[]> {
  const groups = new Map<number, IsoflopRow[]>();
  rows.forEach((r, i) => {
    if (typeof r !== "object" || r === null) throw new InvalidInputError(fn, `row ${i} must be an object {N, C, L}`);
    assertPositive(fn, `rows[${i}].N`, r.N);
    assertPositive(fn, `rows[${i}].C`, r.C);
    const L = "L" in r ? r.L : r.loss;
    if (!Number.isFinite(L)) throw new InvalidInputError(fn, `rows[${i}].L must be finite, got ${L}`, "give the loss as L or loss");
    const g = groups.get(r.C) ?? [];
    g.push({ N: r.N, C: r.C, L: L as number });
    groups.set(r.C, g);
  });
  return new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * Approach 2 end to end: a parabola per budget, the minima, and the power law N_opt ∝ C^a with intervals.
 * @param rows runs {N, C, L} (or {N, C, loss}); budgets with fewer than 3 distinct N are skipped (listed in skippedBudgets)
 * @param opts flopsPerParamToken, excludeOutOfRange, bootstrap resamples and seed, level
 * @returns per-budget fits and the fitted exponents with a t interval (and a bootstrap interval if asked)
 * @throws InsufficientDataError for < 2 usable budgets; InvalidInputError for bad rows
 * @example
 * const rows = [1e20, 1e21].flatMap((C) => [0.5, 1, 2].map((f) => ({ C, N: f * Math.sqrt(C) / 1e1, L: 2 + Math.log(f) ** 2 })));
 * isoflopParabolas(rows).nExponent // => 0.5
 * @see chinchillaCitation
 */
export function isoflopParabolas(rows: readonly (IsoflopRow | IsoflopLossRow)[], opts: IsoflopOptions = {}): IsoflopScaling {
  const fn = "laws.isoflop.approach2";
  if (!Array.isArray(rows)) throw new InvalidInputError(fn, "rows must be an array of {N, C, L}");
  const k = opts.flopsPerParamToken ?? 6;
  assertPositive(fn, "flopsPerParamToken", k);
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(fn, `level must be in (0, 1), got ${level}`);
  const all = [...groupByBudget(fn, rows).entries()];
  // A parabola needs 3 distinct sizes; smaller budgets are reported, not fitted.
  const groups = all.filter(([, g]) => new Set(g.map((r) => r.N)).size >= 3);
  const skippedBudgets = all.filter(([, g]) => new Set(g.map((r) => r.N)).size < 3).map(([C]) => C);
  const logs = groups.map(([, g]) => ({ x: g.map((r) => Math.log(r.N)), L: g.map((r) => r.L) }));
  const usable = (p: IsoflopParabola) => p.convex && (p.inRange || !opts.excludeOutOfRange);
  const budgets: IsoflopBudgetFit[] = groups.map(([C], i) => {
    const p = parabolaFromLogs(logs[i].x, logs[i].L);
    return { ...p, C, Dopt: C / (k * p.Nopt), used: usable(p) };
  });
  const used = budgets.filter((b) => b.used);
  if (used.length < 2) throw new InsufficientDataError(fn, 2, used.length, "need ≥ 2 budgets with a convex profile (check for concave or out-of-range parabolas)");
  const line = fitLogLogLine(used.map((b) => b.C), used.map((b) => b.Nopt), level);
  const dLine = fitLogLogLine(used.map((b) => b.C), used.map((b) => b.Dopt), null);
  const result: IsoflopScaling = {
    budgets,
    skippedBudgets,
    nExponent: line.exponent,
    nCoefficient: line.coefficient,
    nExponentSE: line.exponentSE,
    nExponentCI: line.exponentCI,
    dExponent: dLine.exponent,
    dCoefficient: dLine.coefficient,
    r2: line.r2,
  };
  const B = opts.bootstrap ?? 0;
  if (!(Number.isInteger(B) && B >= 0)) throw new InvalidInputError(fn, `bootstrap must be a non-negative integer, got ${B}`);
  if (B === 0) return result;
  const rng = new Xoshiro128(opts.seed ?? 42);
  const samples: number[] = [];
  for (let b = 0; b < B; b++) {
    throwIfInterrupted(fn, opts.signal);
    const Cs: number[] = [], Ns: number[] = [];
    groups.forEach(([C], i) => {
      const { x, L } = logs[i];
      const xs: number[] = [], Ls: number[] = [];
      for (let j = 0; j < x.length; j++) {
        const pick = rng.nextInt(x.length);
        xs.push(x[pick]);
        Ls.push(L[pick]);
      }
      if (new Set(xs).size < 3) return;
      const p = parabolaFromLogs(xs, Ls);
      if (usable(p)) {
        Cs.push(C);
        Ns.push(p.Nopt);
      }
    });
    if (new Set(Cs).size >= 2) samples.push(fitLogLogLine(Cs, Ns, null).exponent);
    if (b % 50 === 49 || b === B - 1) reportProgress(fn, b + 1, B);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, samples.length - 1));
  return {
    ...result,
    bootstrap: {
      resamples: samples.length,
      nExponentSE: sd,
      nExponentCI: [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)],
      samples,
    },
  };
}

export const isoflopApproachLaw = defineCard({
  id: "chinchilla-approach-2",
  name: "Chinchilla Approach 2: IsoFLOP parabolas",
  topic: "allocation",
  latex: "L_C(N) \\approx p_0 + p_1 \\ln N + p_2 \\ln^2 N,\\; N_{\\mathrm{opt}}(C) = e^{-p_1/(2p_2)},\\; N_{\\mathrm{opt}} = k\\,C^{a}",
  formula: "per budget: L = p0 + p1*ln(N) + p2*ln(N)^2, ln N_opt = -p1/(2 p2); then ln N_opt = a ln C + ln k; D_opt = C/(6 N_opt)",
  variables: { N: "parameters (as counted by the data source)", C: "training FLOP budget (≈ 6ND)", L: "final loss, nats/token" },
  citation: { ...chinchillaCitation, where: "§3.2, Fig. 3, Table 2" },
  status: "confirmed",
  api: "laws.isoflop.parabola",
});
