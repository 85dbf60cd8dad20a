/**
 * Chinchilla Approach 2 (Hoffmann et al. 2022, §3.2): IsoFLOP profiles. For each compute budget, fit a parabola of
 * loss against ln N over the runs at that budget, take its minimum as N_opt(C), then fit N_opt = k·C^a (and
 * D_opt = C/(6·N_opt) ∝ C^(1−a)) by least squares in log-log. Uncertainty: a Student-t interval from the log-log
 * regression, the delta-method SE of each parabola's minimum, and a seeded bootstrap over runs within budgets.
 * Known bias (Open-Athena "Problems with Chinchilla Approach 2"): the parabola is a Taylor approximation, so grid
 * width, off-centre sampling and α ≠ β asymmetry shift the minima.
 */
import { assertPositive, defineCard, displayResult, InsufficientDataError, InvalidInputError, reportProgress, throwIfInterrupted } from "../core";

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
  const p = parabolaFromLogs(N.map(Math.log), L);
  return displayResult(`${fn}: loss parabola in ln N over ${p.n} sizes, N_opt = ${sci(p.Nopt)}`, p);
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

/** How runs are grouped into IsoFLOP budgets (see {@link isoflopBands}). */
export interface IsoflopBandOptions {
  /**
   * Half-width of a band in decades of C (default 0.05 dex, ±12%): runs whose C = 6ND differ only by rounding of
   * steps or tokens share a budget. 0 groups by exact equality of C.
   */
  readonly toleranceDex?: number;
  /** The budgets of the sweep, FLOP: each run joins the nearest one within `toleranceDex` (others are unassigned). */
  readonly budgets?: readonly number[];
}

/** One IsoFLOP band: its budget and its runs. */
export interface IsoflopBand {
  /** The band's budget: the given budget, the runs' common C, or the geometric mean of their C. */
  readonly C: number;
  /** Indices of the band's runs in the input. */
  readonly indices: readonly number[];
  /** Number of runs in the band. */
  readonly runs: number;
  /** Smallest and largest C of the band's runs. */
  readonly range: readonly [number, number];
}

/** The bands of a sweep and the runs left outside every band. */
export interface IsoflopBands {
  readonly bands: readonly IsoflopBand[];
  /** Indices of runs farther than `toleranceDex` from every given budget (always empty without `budgets`). */
  readonly unassigned: readonly number[];
}

/**
 * Bins runs into IsoFLOP bands by compute: with `budgets`, each run joins the nearest budget within `toleranceDex`
 * decades; without, runs sorted by C start a new band whenever C is more than 2·toleranceDex above the band's first
 * run (so a band spans at most 2·toleranceDex). Raw sweeps whose C = 6ND carries rounding then give one band per
 * intended budget instead of one "budget" per run.
 * @param rows - runs with a compute C > 0 (FLOP)
 * @param opts - toleranceDex (default 0.05), budgets
 * @returns bands by increasing C (budget, run indices, count, C range) and the unassigned runs
 * @throws InvalidInputError for C ≤ 0, a negative tolerance or a budget ≤ 0
 * @example isoflopBands([{ C: 1.01e20 }, { C: 0.99e20 }, { C: 1e21 }]).bands.map((b) => b.runs) // => [2, 1]
 */
export function isoflopBands(rows: readonly { readonly C: number }[], opts: IsoflopBandOptions = {}): IsoflopBands {
  const fn = "laws.isoflop.bands";
  if (!Array.isArray(rows)) throw new InvalidInputError(fn, "rows must be an array of runs with C");
  const tol = opts.toleranceDex ?? 0.05;
  if (!(tol >= 0 && Number.isFinite(tol))) throw new InvalidInputError(fn, `toleranceDex must be a finite number ≥ 0, got ${tol}`);
  rows.forEach((r, i) => assertPositive(fn, `rows[${i}].C`, r?.C));
  const lg = rows.map((r) => Math.log10(r.C));
  const band = (C: number, idx: number[]): IsoflopBand => {
    const cs = idx.map((i) => rows[i].C);
    return { C, indices: idx, runs: idx.length, range: [Math.min(...cs), Math.max(...cs)] };
  };
  if (opts.budgets) {
    opts.budgets.forEach((C, i) => assertPositive(fn, `budgets[${i}]`, C));
    const targets = [...opts.budgets].sort((a, b) => a - b);
    const members = targets.map((): number[] => []);
    const unassigned: number[] = [];
    lg.forEach((x, i) => {
      let best = -1;
      targets.forEach((C, j) => {
        if (Math.abs(x - Math.log10(C)) <= tol + 1e-12 && (best < 0 || Math.abs(x - Math.log10(C)) < Math.abs(x - Math.log10(targets[best])))) best = j;
      });
      if (best < 0) unassigned.push(i); else members[best].push(i);
    });
    return displayResult(`${fn}: ${targets.length} given budgets, ${unassigned.length} run(s) unassigned`,
      { bands: targets.flatMap((C, j) => (members[j].length ? [band(C, members[j])] : [])), unassigned });
  }
  const order = lg.map((_, i) => i).sort((a, b) => lg[a] - lg[b]);
  const groups: number[][] = [];
  for (const i of order) {
    const g = groups[groups.length - 1];
    if (g && (tol === 0 ? rows[i].C === rows[g[0]].C : lg[i] - lg[g[0]] <= 2 * tol + 1e-12)) g.push(i); else groups.push([i]);
  }
  return displayResult(`${fn}: ${groups.length} IsoFLOP bands (tolerance ${tol} dex)`, {
    bands: groups.map((g) => {
      const same = g.every((i) => rows[i].C === rows[g[0]].C);
      return band(same ? rows[g[0]].C : 10 ** (g.reduce((a, i) => a + lg[i], 0) / g.length), [...g].sort((a, b) => a - b));
    }),
    unassigned: [],
  });
}

export interface IsoflopBudgetFit extends IsoflopParabola {
  /** The band's budget, FLOP. */
  readonly C: number;
  /** Runs in the band. */
  readonly runs: number;
  /** D_opt = C / (flopsPerParamToken · N_opt). */
  readonly Dopt: number;
  /** Whether the budget entered the power-law fit. */
  readonly used: boolean;
}

export interface IsoflopOptions extends IsoflopBandOptions {
  /** FLOP per parameter per token for D_opt = C/(k·N_opt) (default 6). */
  readonly flopsPerParamToken?: number;
  /**
   * Leave out budgets whose parabola's minimum lies outside the sampled N range (default true: such a minimum is an
   * extrapolation of the parabola, not a measured optimum). Either way each such budget gets a warning.
   */
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
  /** Indices of runs outside every given budget's band (see {@link IsoflopBandOptions}). */
  readonly unassigned: readonly number[];
  /** One line per budget left out or kept with a doubtful minimum, and for unassigned runs. */
  readonly warnings: readonly string[];
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

/** "1.23e+20" style. */
function sci(x: number): string {
  return Number(x.toPrecision(3)).toExponential();
}

function checkedRows(fn: string, rows: readonly (IsoflopRow | IsoflopLossRow)[]): IsoflopRow[] {
  return rows.map((r, i) => {
    if (typeof r !== "object" || r === null) throw new InvalidInputError(fn, `row ${i} must be an object {N, C, L}`);
    assertPositive(fn, `rows[${i}].N`, r.N);
    assertPositive(fn, `rows[${i}].C`, r.C);
    const L = "L" in r ? r.L : r.loss;
    if (!Number.isFinite(L)) throw new InvalidInputError(fn, `rows[${i}].L must be finite, got ${L}`, "give the loss as L or loss");
    return { N: r.N, C: r.C, L: L as number };
  });
}

/**
 * Approach 2 end to end: a parabola per budget, the minima, and the power law N_opt ∝ C^a with intervals.
 * Runs are binned into IsoFLOP bands first ({@link isoflopBands}: `toleranceDex`, `budgets`); a budget whose profile is
 * concave or whose minimum lies outside its sampled sizes is left out of the power-law fit with a warning.
 * @param rows runs {N, C, L} (or {N, C, loss}); budgets with fewer than 3 distinct N are skipped (listed in skippedBudgets)
 * @param opts toleranceDex, budgets, flopsPerParamToken, excludeOutOfRange (default true), bootstrap resamples and
 *   seed, level
 * @returns per-budget fits (with their run counts), the fitted exponents with a t interval (and a bootstrap interval
 *   over runs within budgets if asked), and warnings
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
  const runs = checkedRows(fn, rows);
  const { bands, unassigned } = isoflopBands(runs, opts);
  const all = bands.map((b): [number, IsoflopRow[]] => [b.C, b.indices.map((i) => runs[i])]);
  // A parabola needs 3 distinct sizes; smaller budgets are reported, not fitted.
  const groups = all.filter(([, g]) => new Set(g.map((r) => r.N)).size >= 3);
  const skippedBudgets = all.filter(([, g]) => new Set(g.map((r) => r.N)).size < 3).map(([C]) => C);
  const logs = groups.map(([, g]) => ({ x: g.map((r) => Math.log(r.N)), L: g.map((r) => r.L) }));
  const exclude = opts.excludeOutOfRange ?? true;
  const usable = (p: IsoflopParabola) => p.convex && (p.inRange || !exclude);
  const warnings: string[] = [];
  if (unassigned.length) warnings.push(`${fn}: ${unassigned.length} run(s) lie farther than ${opts.toleranceDex ?? 0.05} dex from every given budget and were left out (rows ${unassigned.slice(0, 10).join(", ")}${unassigned.length > 10 ? ", …" : ""})`);
  const budgets: IsoflopBudgetFit[] = groups.map(([C, g], i) => {
    const p = parabolaFromLogs(logs[i].x, logs[i].L);
    const lo = Math.min(...g.map((r) => r.N)), hi = Math.max(...g.map((r) => r.N));
    if (!p.convex) warnings.push(`${fn}: budget ${sci(C)} FLOP: the loss profile is concave (no minimum); budget left out of the fit`);
    else if (!p.inRange) {
      warnings.push(`${fn}: budget ${sci(C)} FLOP: the parabola's minimum N = ${sci(p.Nopt)} lies outside the sampled sizes [${sci(lo)}, ${sci(hi)}]; ` +
        (exclude ? "budget left out of the fit (sample sizes around the optimum)" : "kept because excludeOutOfRange is false"));
    }
    return { ...p, C, runs: g.length, Dopt: C / (k * p.Nopt), used: usable(p) };
  });
  const used = budgets.filter((b) => b.used);
  if (used.length < 2) throw new InsufficientDataError(fn, 2, used.length, "need ≥ 2 budgets with a convex profile whose minimum lies inside the sampled sizes");
  const line = fitLogLogLine(used.map((b) => b.C), used.map((b) => b.Nopt), level);
  const dLine = fitLogLogLine(used.map((b) => b.C), used.map((b) => b.Dopt), null);
  const result: IsoflopScaling = {
    budgets,
    skippedBudgets,
    unassigned,
    warnings,
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
  const title = `${fn}: N_opt ∝ C^a over ${used.length} of ${budgets.length} budgets`;
  if (B === 0) return displayResult(title, result);
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
  return displayResult(title, {
    ...result,
    bootstrap: {
      resamples: samples.length,
      nExponentSE: sd,
      nExponentCI: [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)],
      samples,
    },
  });
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
