/**
 * Refitting the Step Law from (N, D, η, B, loss) runs with the paper's procedure (step-law/steplaw code/fit_tool.py):
 * group runs by (N, D), keep every run whose smoothed loss is within 0.25% of its group's best, then ordinary least
 * squares of ln η on (1, ln N, ln D) and of ln B (tokens) on (1, ln D) over all kept runs (both on lib/fit: log-space
 * least squares of the two Laws). A case bootstrap over the kept runs gives intervals for every coefficient. Also: the (η, B) loss landscape of one group, for heatmaps.
 */
import { DidNotConvergeError, InsufficientDataError, InvalidInputError, assertPositive, displayResult, displayRows, makeDisplayable } from "../core";
import { summarizeBootstrap, type BootstrapSummary } from "../fit/bootstrap";
import { finalizeFitResult, type FitResult } from "../fit/result";
import { paramsOf, type ParamsLike } from "../laws/law";
import { STEP_LAW_PUBLISHED, stepLawBatch, stepLawLR, stepLawParameters, type StepLawBatchParam, type StepLawLRParam, type StepLawParam } from "./step-law";
import { paramConventionWarnings, type ParamConvention } from "./param-convention";

/** One training run of a learning-rate/batch-size sweep. */
export interface StepLawRun {
  /** Non-embedding parameters. */
  readonly N: number;
  /** Training tokens. */
  readonly D: number;
  /** Peak learning rate. */
  readonly lr: number;
  /** Batch size in sequences (converted to tokens with `seqLen`). */
  readonly bs: number;
  /** Final smoothed training loss, nats/token. */
  readonly smoothLoss: number;
  /**
   * Configuration id (shape, expert count…). When every run has one, runs group by (config, D), so two configurations
   * with the same N stay apart; without, they group by (N, D).
   */
  readonly config?: string;
  /** A mixture-of-experts run (its active and total parameter counts differ). */
  readonly moe?: boolean;
}

/**
 * Converts CSV records of the Step Law release (columns N, D, lr, bs, "smooth loss"; numbers or numeric strings)
 * to {@link StepLawRun}s.
 * @param records rows as parsed from data/dense_lr_bs_loss.csv (or `loadDataset("steplaw")`)
 * @returns the runs
 * @throws InvalidInputError naming the first row with a missing or non-positive value
 * @example hparams.stepLaw.runsFromRecords([{ N: "2e8", D: "4e9", lr: "1e-3", bs: "128", "smooth loss": "2.5" }])[0].bs // => 128
 */
export function stepLawRunsFromRecords(records: readonly Readonly<Record<string, unknown>>[]): StepLawRun[] {
  const fn = "hparams.stepLaw.runsFromRecords";
  return displayRows(records.map((r, i) => {
    const get = (k: string, alt?: string) => {
      const v = Number(r[k] ?? (alt ? r[alt] : undefined));
      if (!(Number.isFinite(v) && v > 0)) throw new InvalidInputError(fn, `row ${i} has ${k} = ${String(r[k])}`, `every row needs positive N, D, lr, bs and "smooth loss"`);
      return v;
    };
    return { N: get("N"), D: get("D"), lr: get("lr"), bs: get("bs"), smoothLoss: get("smooth loss", "smoothLoss") };
  }));
}

/** One (configuration or N, D) group of runs and its near-optimal subset. */
export type StepLawGroup = {
  /** The group's configuration id (null when runs group by N). */
  readonly config: string | null;
  readonly N: number;
  readonly D: number;
  readonly runs: number;
  readonly kept: number;
  readonly bestLoss: number;
};

/** The runs of each group: by (config, D) when every run has a configuration id, else by (N, D). */
function groupRuns(fn: string, runs: readonly StepLawRun[]): { byConfig: boolean; groups: StepLawRun[][] } {
  const withId = runs.filter((r) => r.config !== undefined && r.config !== null).length;
  if (withId > 0 && withId < runs.length) {
    const i = runs.findIndex((r) => r.config === undefined || r.config === null);
    throw new InvalidInputError(fn, `run ${i} has no config while ${withId} of ${runs.length} runs do`, "give every run its configuration id, or none");
  }
  const byConfig = withId > 0;
  const byGroup = new Map<string, StepLawRun[]>();
  for (const r of runs) {
    const key = byConfig ? JSON.stringify([r.config, r.D]) : `${r.N}|${r.D}`;
    const g = byGroup.get(key);
    if (g) g.push(r); else byGroup.set(key, [r]);
  }
  return { byConfig, groups: [...byGroup.values()] };
}

/**
 * Keeps, in every group of runs — (config, D) when every run has a configuration id, else (N, D) — the runs whose
 * smoothed loss is ≤ (1 + threshold)·(group best): the paper's `filter_threshold = 0.0025`. Grouped by N, a group that
 * holds two runs at the same (η, B) holds two configurations with the same N: that gets a warning.
 * @param runs the sweep
 * @param threshold relative loss window (default 0.0025)
 * @returns the kept runs, a per-group summary and warnings
 * @throws InvalidInputError for an empty sweep, a negative threshold or configuration ids on only some runs
 * @example hparams.stepLaw.selectOptima([{ N: 1, D: 1, lr: 1, bs: 1, smoothLoss: 2 }, { N: 1, D: 1, lr: 2, bs: 1, smoothLoss: 2.1 }]).kept.length // => 1
 */
export function selectStepLawOptima(runs: readonly StepLawRun[], threshold = 0.0025): { kept: StepLawRun[]; groups: StepLawGroup[]; warnings: string[] } {
  const fn = "hparams.stepLaw.selectOptima";
  if (!runs.length) throw new InvalidInputError(fn, "no runs given", "pass the sweep as { N, D, lr, bs, smoothLoss } rows");
  if (!(threshold >= 0)) throw new InvalidInputError(fn, `threshold must be ≥ 0, got ${threshold}`);
  const { byConfig, groups: byGroup } = groupRuns(fn, runs);
  const kept: StepLawRun[] = [];
  const groups: StepLawGroup[] = [];
  const warnings: string[] = [];
  for (const g of byGroup) {
    const best = Math.min(...g.map((r) => r.smoothLoss));
    const k = g.filter((r) => r.smoothLoss <= best * (1 + threshold));
    kept.push(...k);
    groups.push({ config: byConfig ? (g[0].config as string) : null, N: g[0].N, D: g[0].D, runs: g.length, kept: k.length, bestLoss: best });
    if (!byConfig) {
      const cells = new Set(g.map((r) => `${r.lr}|${r.bs}`));
      if (cells.size < g.length) {
        warnings.push(`${fn}: the group N = ${g[0].N}, D = ${g[0].D} repeats ${g.length - cells.size} (lr, bs) pair(s): configurations with the same N were merged into one group (give each run its configuration id: config)`);
      }
    }
  }
  groups.sort((a, b) => a.N - b.N || a.D - b.D || String(a.config).localeCompare(String(b.config)));
  return displayResult(`${fn}: ${kept.length} of ${runs.length} runs within ${threshold} of their group's best, ${groups.length} groups`, { kept, groups, warnings });
}

/** Options of {@link fitStepLaw}. */
export interface StepLawFitOptions {
  /** Relative loss window for near-optimal runs (default 0.0025). */
  readonly threshold?: number;
  /** Tokens per sequence to convert `bs` to tokens (default 2048, the Step Law runs). */
  readonly seqLen?: number;
  /** Bootstrap resamples over the kept runs (default 1000; 0 = none). */
  readonly bootstrap?: number;
  /** Bootstrap seed (default 0). */
  readonly seed?: number;
  /** Central interval coverage (default 0.95). */
  readonly level?: number;
  /**
   * The convention of the runs' N (e.g. `table.parameters` of a `data.read` table). The Step Law expects active
   * non-embedding parameters ({@link stepLawParameters}): MoE runs counted by total parameters are an error.
   */
  readonly parameters?: ParamConvention;
}

/**
 * The result of {@link fitStepLaw}: one FitResult over all five constants (the two regressions side by side; with a
 * bootstrap, SEs, covariance and percentile intervals come from the joint resamples), plus:
 */
export type StepLawFit = FitResult<StepLawParam> & {
  /** The ln η regression on its own (feeds `stepLaw.lr.predict`). */
  readonly lr: FitResult<StepLawLRParam>;
  /** The ln B regression on its own (feeds `stepLaw.batch.predict`). */
  readonly batch: FitResult<StepLawBatchParam>;
  /** Runs within the threshold of their group's best, over which both regressions run. */
  readonly keptRuns: number;
  readonly groups: readonly StepLawGroup[];
  /** The convention of N the fit was told (null when not stated). */
  readonly parameters: ParamConvention | null;
};

/** Joins the two regressions (same rows, same bootstrap draws) into one FitResult over the five constants. */
function joinFits(lr: FitResult<StepLawLRParam>, bs: FitResult<StepLawBatchParam>): Omit<FitResult<StepLawParam>, "toJSON"> {
  const paramNames: StepLawParam[] = [...lr.paramNames, ...bs.paramNames];
  let bootstrap: BootstrapSummary | null = null;
  if (lr.bootstrap && bs.bootstrap) {
    // Failed resamples would misalign the rows; an OLS refit never fails, so both lists hold every resample in order.
    if (lr.bootstrap.samples.length !== bs.bootstrap.samples.length) throw new DidNotConvergeError("hparams.stepLaw.refit", "a bootstrap refit failed in one of the two regressions");
    const samples = lr.bootstrap.samples.map((s, b) => [...s, ...bs.bootstrap!.samples[b]]);
    bootstrap = summarizeBootstrap(paramNames, samples, lr.ciLevel, {
      resamples: lr.bootstrap.resamples, seed: lr.bootstrap.seed, unit: lr.bootstrap.unit, units: lr.bootstrap.units,
      notConverged: Math.max(lr.bootstrap.notConverged, bs.bootstrap.notConverged), failed: 0,
    });
  }
  const p = lr.paramNames.length;
  const blockDiagonal = lr.covariance && bs.covariance
    ? paramNames.map((_, i) => paramNames.map((__, j) => (i < p && j < p ? lr.covariance![i][j] : i >= p && j >= p ? bs.covariance![i - p][j - p] : 0)))
    : null;
  const warnings = [...lr.warnings.map((w) => `ln η fit: ${w}`), ...bs.warnings.map((w) => `ln B fit: ${w}`)];
  return {
    kind: "fit-result", model: "step-law", paramNames,
    params: { ...lr.params, ...bs.params },
    se: bootstrap ? { ...bootstrap.se } as Record<StepLawParam, number> : { ...lr.se, ...bs.se },
    covariance: bootstrap ? bootstrap.covariance : blockDiagonal,
    ci: bootstrap ? { ...bootstrap.ci } as Record<StepLawParam, readonly [number, number]> : { ...lr.ci, ...bs.ci },
    ciLevel: lr.ciLevel, uncertainty: lr.uncertainty, bootstrap,
    // Residuals and fitted values of the ln η regression, then of the ln B regression.
    residuals: [...lr.residuals, ...bs.residuals], fitted: [...lr.fitted, ...bs.fitted],
    objective: lr.objective + bs.objective, converged: lr.converged && bs.converged,
    reason: lr.converged ? bs.reason : lr.reason, message: lr.converged ? bs.message : lr.message,
    iterations: lr.iterations + bs.iterations, evaluations: lr.evaluations + bs.evaluations,
    method: lr.method, grid: lr.grid,
    diagnostics: { ...lr.diagnostics, hessianSE: lr.diagnostics.hessianSE && bs.diagnostics.hessianSE ? { ...lr.diagnostics.hessianSE, ...bs.diagnostics.hessianSE } : null, warnings },
    warnings,
    dataRanges: lr.dataRanges,
  };
}

/**
 * Fits the Step Law η* = lrCoef·N^lrExpN·D^lrExpD and B* = bsCoef·D^bsExpD to a sweep with the paper's procedure:
 * keep runs within `threshold` of their (N, D) group's best smoothed loss, then least squares of ln η and ln B
 * (tokens = bs × seqLen) over all kept runs, on the common fitting path (`stepLaw.lr.fitSync`, `stepLaw.batch.fitSync`).
 * Intervals come from a seeded case bootstrap over the kept runs (the same draws for both regressions).
 * @param runs the sweep (`stepLaw.runsFromRecords` converts the released CSV)
 * Runs with configuration ids (`config`) group by configuration, never by equality of N.
 * @param opts threshold, seqLen, bootstrap, seed, level, parameters (the convention of N)
 * @returns a FitResult over the five constants, plus `lr`, `batch` (the two regressions), `keptRuns`, `groups`;
 *   warnings for merged configurations and for a convention of N that differs from the Step Law's
 * @throws InsufficientDataError with fewer than 4 kept runs; InvalidInputError when N or D take fewer than 2 values,
 *   or when MoE runs (`moe: true`) are counted by total parameters
 * @example
 * const runs = [1e8, 4e8].flatMap((N) => [1e9, 1e10].map((D) => ({ N, D, lr: 2 * N ** -0.5 * D ** 0.25, bs: D ** 0.5 / 2048, smoothLoss: 2 })));
 * hparams.stepLaw.refit(runs, { bootstrap: 0 }).params.lrExpN // => -0.5
 */
export function fitStepLaw(runs: readonly StepLawRun[], opts: StepLawFitOptions = {}): StepLawFit {
  const fn = "hparams.stepLaw.refit";
  const seqLen = opts.seqLen ?? 2048;
  assertPositive(fn, "seqLen", seqLen);
  runs.forEach((r, i) => {
    for (const k of ["N", "D", "lr", "bs", "smoothLoss"] as const) {
      if (!(Number.isFinite(r[k]) && r[k] > 0)) throw new InvalidInputError(fn, `row ${i} has ${k} = ${r[k]}`, "every run needs positive N, D, lr, bs and smoothLoss");
    }
  });
  const moeRuns = runs.filter((r) => r.moe === true).length;
  const conventionWarnings = paramConventionWarnings(fn, "the Step Law", stepLawParameters, opts.parameters, moeRuns);
  const { kept, groups, warnings: groupWarnings } = selectStepLawOptima(runs, opts.threshold ?? 0.0025);
  if (kept.length < 4) throw new InsufficientDataError(fn, 4, kept.length, "the fit has 3 coefficients; add more (N, D) groups");
  for (const k of ["N", "D"] as const) {
    if (new Set(kept.map((r) => r[k])).size < 2) throw new InvalidInputError(fn, `all kept runs have the same ${k}`, `the exponent of ${k} needs at least two distinct values`);
  }
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InvalidInputError(fn, `level must be in (0, 1), got ${level}`);
  const o = { bootstrap: opts.bootstrap ?? 1000, seed: opts.seed ?? 0, ciLevel: level };
  const lr = stepLawLR.fitSync(kept.map((r) => ({ N: r.N, D: r.D })), kept.map((r) => r.lr), o);
  const batch = stepLawBatch.fitSync(kept.map((r) => ({ D: r.D })), kept.map((r) => r.bs * seqLen), o);
  const fits = joinFits(lr, batch);
  const warnings = [...conventionWarnings, ...groupWarnings, ...fits.warnings];
  const joined = { ...fits, warnings, diagnostics: { ...fits.diagnostics, warnings }, lr, batch, keptRuns: kept.length, groups, parameters: opts.parameters ?? null };
  return finalizeFitResult(joined) as StepLawFit;
}

/** The loss over the (η, B) grid of one (N, D) group: rows = learning rates, columns = batch sizes. */
export interface StepLawLandscape {
  readonly N: number;
  readonly D: number;
  /** Distinct learning rates, ascending. */
  readonly lrs: number[];
  /** Distinct batch sizes in tokens, ascending. */
  readonly batches: number[];
  /** loss[i][j] at lrs[i], batches[j]; null where no run exists. */
  readonly loss: (number | null)[][];
  /** The best run of the group. */
  readonly best: { readonly lr: number; readonly batch: number; readonly loss: number };
}

/**
 * Arranges one (N, D) group of a sweep as a loss grid over learning rate × batch size (for heatmaps).
 * @param runs the sweep; p.config (when runs carry ids) or p.N, and p.D pick the group; opts.seqLen converts bs to
 *   tokens (default 2048)
 * @returns the grid, with null where the sweep has no run
 * @throws InvalidInputError when the group has no runs (the message lists the available groups)
 * @example hparams.stepLaw.landscape([{ N: 1, D: 2, lr: 1e-3, bs: 1, smoothLoss: 3 }], { N: 1, D: 2 }).batches // => [2048]
 */
export function stepLawLandscape(runs: readonly StepLawRun[], p: { N: number; D: number; config?: string | null }, opts: { seqLen?: number } = {}): StepLawLandscape {
  const fn = "hparams.stepLaw.landscape";
  const seqLen = opts.seqLen ?? 2048;
  // A group of configuration ids is picked by its id, never by equality of N.
  const byConfig = p.config !== undefined && p.config !== null;
  const g = runs.filter((r) => (byConfig ? r.config === p.config : r.N === p.N) && r.D === p.D);
  if (!g.length) {
    const avail = [...new Set(runs.map((r) => (byConfig ? `(config ${r.config}, D ${r.D})` : `(N ${r.N}, D ${r.D})`)))].slice(0, 20).join(", ");
    throw new InvalidInputError(fn, byConfig ? `no runs with config = ${p.config} and D = ${p.D}` : `no runs with N = ${p.N} and D = ${p.D}`, `available groups: ${avail}`);
  }
  const lrs = [...new Set(g.map((r) => r.lr))].sort((a, b) => a - b);
  const batches = [...new Set(g.map((r) => r.bs * seqLen))].sort((a, b) => a - b);
  const loss = lrs.map(() => batches.map((): number | null => null));
  let best = g[0];
  for (const r of g) {
    const i = lrs.indexOf(r.lr);
    const j = batches.indexOf(r.bs * seqLen);
    const cur = loss[i][j];
    loss[i][j] = cur === null ? r.smoothLoss : Math.min(cur, r.smoothLoss);
    if (r.smoothLoss < best.smoothLoss) best = r;
  }
  return displayResult(`${fn}: loss over ${lrs.length} learning rates × ${batches.length} batch sizes (tokens) at ${byConfig ? `config ${p.config}` : `N = ${p.N}`}, D = ${p.D}`,
    { N: p.N, D: p.D, lrs, batches, loss, best: { lr: best.lr, batch: best.bs * seqLen, loss: best.smoothLoss } });
}

/** How a law's (η*, B*) prediction fares on one (N, D) group of a sweep. */
export type StepLawGroupCheck = {
  readonly N: number;
  readonly D: number;
  readonly predictedLR: number;
  readonly predictedBatch: number;
  /** The swept run nearest to the prediction in (ln η, ln B). */
  readonly nearestLR: number;
  readonly nearestBatch: number;
  /** Its smoothed loss relative to the group's best: loss/best − 1. */
  readonly gap: number;
  readonly bestLoss: number;
};

/**
 * Checks a Step Law constant set against a sweep: for each (N, D) group, the run nearest to the predicted
 * (η*, B*) in log space and how far its smoothed loss is above the group's best. Small gaps mean the law lands on
 * the flat basin of the landscape even where its exponents differ from a refit.
 * @param runs the sweep
 * @param params the five constants (default: the paper's): plain values, a published set or a refit
 * @param opts.seqLen converts bs to tokens (default 2048)
 * @returns one row per group (displayable as a table)
 * @throws InvalidInputError for an empty sweep
 * @example hparams.stepLaw.predictionGaps([{ N: 1, D: 1, lr: 2, bs: 1, smoothLoss: 3 }], { lrCoef: 2, lrExpN: 0, lrExpD: 0, bsCoef: 2048, bsExpD: 0 })[0].gap // => 0
 */
export function stepLawPredictionGaps(runs: readonly StepLawRun[], params?: ParamsLike<StepLawParam>, opts: { seqLen?: number } = {}): StepLawGroupCheck[] {
  const fn = "hparams.stepLaw.predictionGaps";
  const seqLen = opts.seqLen ?? 2048;
  assertPositive(fn, "seqLen", seqLen);
  const k = paramsOf(fn, ["lrCoef", "lrExpN", "lrExpD", "bsCoef", "bsExpD"], params ?? STEP_LAW_PUBLISHED);
  const { groups } = selectStepLawOptima(runs);
  const byConfig = groups[0].config !== null;
  const rows = groups.map((g): StepLawGroupCheck => {
    const predictedLR = stepLawLR.evaluate({ N: g.N, D: g.D }, k);
    const predictedBatch = stepLawBatch.evaluate({ D: g.D }, k);
    let nearest: StepLawRun | null = null;
    let dist = Infinity;
    for (const r of runs) {
      if ((byConfig ? r.config !== g.config : r.N !== g.N) || r.D !== g.D) continue;
      const d = Math.log(r.lr / predictedLR) ** 2 + Math.log((r.bs * seqLen) / predictedBatch) ** 2;
      if (d < dist) { dist = d; nearest = r; }
    }
    const n = nearest as StepLawRun;
    return { N: g.N, D: g.D, predictedLR, predictedBatch, nearestLR: n.lr, nearestBatch: n.bs * seqLen, gap: n.smoothLoss / g.bestLoss - 1, bestLoss: g.bestLoss };
  });
  return makeDisplayable("table", rows, () => rows.map((r) => `N ${r.N.toExponential(2)} D ${r.D.toExponential(2)}: gap ${(100 * r.gap).toFixed(3)}%`).join("\n"));
}
