/**
 * Refitting the Step Law from (N, D, η, B, loss) runs with the paper's procedure (step-law/steplaw code/fit_tool.py):
 * group runs by (N, D), keep every run whose smoothed loss is within 0.25% of its group's best, then ordinary least
 * squares of ln η on (1, ln N, ln D) and of ln B (tokens) on (1, ln D) over all kept runs. A case bootstrap over the
 * kept runs gives intervals for every coefficient. Also: the (η, B) loss landscape of one group, for heatmaps.
 */
import { InsufficientDataError, InvalidInputError, assertPositive, makeDisplayable } from "../core";

import { bootstrapRegression, linearRegression } from "../numeric/regression";
import { quantile } from "../numeric/quantile";

import type { StepLawConstants } from "./step-law";
import { stepLawCitation } from "../core/bibliography";

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
}

/**
 * Converts CSV records of the Step Law release (columns N, D, lr, bs, "smooth loss"; numbers or numeric strings)
 * to {@link StepLawRun}s.
 * @param records rows as parsed from data/dense_lr_bs_loss.csv (or `loadDataset("steplaw")`)
 * @returns the runs
 * @throws InvalidInputError naming the first row with a missing or non-positive value
 * @example stepLawRunsFromRecords([{ N: "2e8", D: "4e9", lr: "1e-3", bs: "128", "smooth loss": "2.5" }])[0].bs // => 128
 */
export function stepLawRunsFromRecords(records: readonly Readonly<Record<string, unknown>>[]): StepLawRun[] {
  const fn = "stepLawRunsFromRecords";
  return records.map((r, i) => {
    const get = (k: string, alt?: string) => {
      const v = Number(r[k] ?? (alt ? r[alt] : undefined));
      if (!(Number.isFinite(v) && v > 0)) throw new InvalidInputError(fn, `row ${i} has ${k} = ${String(r[k])}`, `every row needs positive N, D, lr, bs and "smooth loss"`);
      return v;
    };
    return { N: get("N"), D: get("D"), lr: get("lr"), bs: get("bs"), smoothLoss: get("smooth loss", "smoothLoss") };
  });
}

/** One (N, D) group of runs and its near-optimal subset. */
export type StepLawGroup = {
  readonly N: number;
  readonly D: number;
  readonly runs: number;
  readonly kept: number;
  readonly bestLoss: number;
};

/**
 * Keeps, in every (N, D) group, the runs whose smoothed loss is ≤ (1 + threshold)·(group best): the paper's
 * `filter_threshold = 0.0025`.
 * @param runs the sweep
 * @param threshold relative loss window (default 0.0025)
 * @returns the kept runs and a per-group summary
 * @throws InvalidInputError for an empty sweep or a negative threshold
 * @example selectStepLawOptima([{ N: 1, D: 1, lr: 1, bs: 1, smoothLoss: 2 }, { N: 1, D: 1, lr: 2, bs: 1, smoothLoss: 2.1 }]).kept.length // => 1
 */
export function selectStepLawOptima(runs: readonly StepLawRun[], threshold = 0.0025): { kept: StepLawRun[]; groups: StepLawGroup[] } {
  const fn = "selectStepLawOptima";
  if (!runs.length) throw new InvalidInputError(fn, "no runs given", "pass the sweep as { N, D, lr, bs, smoothLoss } rows");
  if (!(threshold >= 0)) throw new InvalidInputError(fn, `threshold must be ≥ 0, got ${threshold}`);
  const byGroup = new Map<string, StepLawRun[]>();
  for (const r of runs) {
    const key = `${r.N}|${r.D}`;
    const g = byGroup.get(key);
    if (g) g.push(r); else byGroup.set(key, [r]);
  }
  const kept: StepLawRun[] = [];
  const groups: StepLawGroup[] = [];
  for (const g of byGroup.values()) {
    const best = Math.min(...g.map((r) => r.smoothLoss));
    const k = g.filter((r) => r.smoothLoss <= best * (1 + threshold));
    kept.push(...k);
    groups.push({ N: g[0].N, D: g[0].D, runs: g.length, kept: k.length, bestLoss: best });
  }
  groups.sort((a, b) => a.N - b.N || a.D - b.D);
  return { kept, groups };
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
}

type Interval = readonly [number, number];

/** The result of {@link fitStepLaw}; displays as a coefficient table. */
export interface StepLawFit {
  readonly constants: StepLawConstants;
  /** Percentile bootstrap intervals (null without bootstrap). */
  readonly intervals: { readonly [K in keyof StepLawConstants]: Interval } | null;
  readonly keptRuns: number;
  readonly groups: readonly StepLawGroup[];
  /** RMS residual of ln η and ln B over the kept runs. */
  readonly rmsLogLr: number;
  readonly rmsLogBatch: number;
  /** Successful bootstrap resamples. */
  readonly resamples: number;
}

/**
 * Fits the Step Law η* = a·N^αN·D^αD and B* = b·D^βD to a sweep with the paper's procedure: keep runs within
 * `threshold` of their (N, D) group's best smoothed loss, then OLS in natural logs over all kept runs
 * (B in tokens = bs × seqLen). Intervals come from a seeded case bootstrap over the kept runs.
 * @param runs the sweep ({@link stepLawRunsFromRecords} converts the released CSV)
 * @param opts threshold, seqLen, bootstrap, seed, level
 * @returns constants, intervals, counts and residuals
 * @throws InsufficientDataError with fewer than 4 kept runs; InvalidInputError when N or D take fewer than 2 values
 * @example
 * const runs = [1e8, 4e8].flatMap((N) => [1e9, 1e10].map((D) => ({ N, D, lr: 2 * N ** -0.5 * D ** 0.25, bs: D ** 0.5 / 2048, smoothLoss: 2 })));
 * fitStepLaw(runs, { bootstrap: 0 }).constants.lrExpN // => -0.5
 * @see stepLawCitation
 */
export function fitStepLaw(runs: readonly StepLawRun[], opts: StepLawFitOptions = {}): StepLawFit {
  const fn = "fitStepLaw";
  const seqLen = opts.seqLen ?? 2048;
  assertPositive(fn, "seqLen", seqLen);
  runs.forEach((r, i) => {
    for (const k of ["N", "D", "lr", "bs", "smoothLoss"] as const) {
      if (!(Number.isFinite(r[k]) && r[k] > 0)) throw new InvalidInputError(fn, `row ${i} has ${k} = ${r[k]}`, "every run needs positive N, D, lr, bs and smoothLoss");
    }
  });
  const { kept, groups } = selectStepLawOptima(runs, opts.threshold ?? 0.0025);
  if (kept.length < 4) throw new InsufficientDataError(fn, 4, kept.length, "the fit has 3 coefficients; add more (N, D) groups");
  for (const k of ["N", "D"] as const) {
    if (new Set(kept.map((r) => r[k])).size < 2) throw new InvalidInputError(fn, `all kept runs have the same ${k}`, `the exponent of ${k} needs at least two distinct values`);
  }
  const Xlr = kept.map((r) => [1, Math.log(r.N), Math.log(r.D)]);
  const ylr = kept.map((r) => Math.log(r.lr));
  const Xbs = kept.map((r) => [1, Math.log(r.D)]);
  const ybs = kept.map((r) => Math.log(r.bs * seqLen));
  const lr = linearRegression(Xlr, ylr, { fn });
  const bs = linearRegression(Xbs, ybs, { fn });
  const toConstants = (l: number[], b: number[]): StepLawConstants => ({ lrCoef: Math.exp(l[0]), lrExpN: l[1], lrExpD: l[2], bsCoef: Math.exp(b[0]), bsExpD: b[1] });
  const constants = toConstants(lr.coef, bs.coef);
  const nBoot = opts.bootstrap ?? 1000;
  let intervals: StepLawFit["intervals"] = null;
  let resamples = 0;
  if (nBoot > 0) {
    const level = opts.level ?? 0.95;
    if (!(level > 0 && level < 1)) throw new InvalidInputError(fn, `level must be in (0, 1), got ${level}`);
    const seed = opts.seed ?? 0;
    // Same row draws for both regressions (same seed, same n), so each resample is one resampled set of runs.
    const bl = bootstrapRegression(Xlr, ylr, nBoot, seed, { fn });
    const bb = bootstrapRegression(Xbs, ybs, nBoot, seed, { fn });
    resamples = Math.min(bl.length, bb.length);
    const ci = (v: number[]): Interval => [quantile(v, (1 - level) / 2), quantile(v, (1 + level) / 2)];
    intervals = {
      lrCoef: ci(bl.map((c) => Math.exp(c[0]))), lrExpN: ci(bl.map((c) => c[1])), lrExpD: ci(bl.map((c) => c[2])),
      bsCoef: ci(bb.map((c) => Math.exp(c[0]))), bsExpD: ci(bb.map((c) => c[1])),
    };
  }
  const rms = (f: { rss: number }) => Math.sqrt(f.rss / kept.length);
  const result: StepLawFit = { constants, intervals, keptRuns: kept.length, groups, rmsLogLr: rms(lr), rmsLogBatch: rms(bs), resamples };
  const rows = () => (Object.keys(constants) as (keyof StepLawConstants)[]).map((k) => ({
    coefficient: k, estimate: constants[k], lo: intervals?.[k][0] ?? null, hi: intervals?.[k][1] ?? null,
  }));
  const text = () => `Step Law refit over ${kept.length} runs in ${groups.length} (N, D) groups: η = ${constants.lrCoef.toPrecision(4)}·N^${constants.lrExpN.toFixed(4)}·D^${constants.lrExpD.toFixed(4)}, B = ${constants.bsCoef.toPrecision(4)}·D^${constants.bsExpD.toFixed(4)} tokens`;
  const frame = { columns: ["coefficient", "estimate", "lo", "hi"], values: rows().map((r) => [r.coefficient, r.estimate, r.lo, r.hi]) };
  return makeDisplayable("table", Object.assign(result, frame), text);
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
 * @param runs the sweep; p.N and p.D pick the group; p.seqLen converts bs to tokens (default 2048)
 * @returns the grid, with null where the sweep has no run
 * @throws InvalidInputError when the group has no runs (the message lists the available groups)
 * @example stepLawLandscape([{ N: 1, D: 2, lr: 1e-3, bs: 1, smoothLoss: 3 }], { N: 1, D: 2 }).batches // => [2048]
 */
export function stepLawLandscape(runs: readonly StepLawRun[], p: { N: number; D: number; seqLen?: number }): StepLawLandscape {
  const fn = "stepLawLandscape";
  const seqLen = p.seqLen ?? 2048;
  const g = runs.filter((r) => r.N === p.N && r.D === p.D);
  if (!g.length) {
    const avail = [...new Set(runs.map((r) => `(N ${r.N}, D ${r.D})`))].slice(0, 20).join(", ");
    throw new InvalidInputError(fn, `no runs with N = ${p.N} and D = ${p.D}`, `available groups: ${avail}`);
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
  return { N: p.N, D: p.D, lrs, batches, loss, best: { lr: best.lr, batch: best.bs * seqLen, loss: best.smoothLoss } };
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
 * @param runs the sweep; p.constants the law's constants; p.seqLen converts bs to tokens (default 2048)
 * @returns one row per group (displayable as a table)
 * @throws InvalidInputError for an empty sweep
 * @example stepLawPredictionGaps([{ N: 1, D: 1, lr: 2, bs: 1, smoothLoss: 3 }], { constants: { lrCoef: 2, lrExpN: 0, lrExpD: 0, bsCoef: 2048, bsExpD: 0 } })[0].gap // => 0
 * @see stepLawCitation
 */
export function stepLawPredictionGaps(runs: readonly StepLawRun[], p: { constants: StepLawConstants; seqLen?: number }): StepLawGroupCheck[] {
  const fn = "stepLawPredictionGaps";
  const seqLen = p.seqLen ?? 2048;
  assertPositive(fn, "seqLen", seqLen);
  const { groups } = selectStepLawOptima(runs);
  const k = p.constants;
  const rows = groups.map((g): StepLawGroupCheck => {
    const predictedLR = k.lrCoef * g.N ** k.lrExpN * g.D ** k.lrExpD;
    const predictedBatch = k.bsCoef * g.D ** k.bsExpD;
    let nearest: StepLawRun | null = null;
    let dist = Infinity;
    for (const r of runs) {
      if (r.N !== g.N || r.D !== g.D) continue;
      const d = Math.log(r.lr / predictedLR) ** 2 + Math.log((r.bs * seqLen) / predictedBatch) ** 2;
      if (d < dist) { dist = d; nearest = r; }
    }
    const n = nearest as StepLawRun;
    return { N: g.N, D: g.D, predictedLR, predictedBatch, nearestLR: n.lr, nearestBatch: n.bs * seqLen, gap: n.smoothLoss / g.bestLoss - 1, bestLoss: g.bestLoss };
  });
  return makeDisplayable("table", rows, () => rows.map((r) => `N ${r.N.toExponential(2)} D ${r.D.toExponential(2)}: gap ${(100 * r.gap).toFixed(3)}%`).join("\n"));
}
