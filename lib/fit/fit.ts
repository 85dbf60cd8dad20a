/**
 * fitModel: the generic fitting core. Multi-start L-BFGS on a robust objective, then uncertainty
 * (seeded bootstrap over rows or clusters of rows, or Hessian-based), diagnostics, warnings when the data cannot
 * determine the law (./identifiability) and a displayable FitResult.
 */
import { DidNotConvergeError, displayResult, InsufficientDataError, InvalidInputError, reportProgress, throwIfInterrupted } from "../core";
import type { Model } from "./model";
import { resolveFitOptions, type FitOptions, type ResolvedFitOptions } from "./options";
import { centralDifferenceGradient, type FitObjective } from "./objective";
import type { ParamCoordinates } from "./transforms";
import { clusterOptima, createFitObjective, decodeOutcomes, MERGE_BLOCK, runStartBatch, SCREEN_MERGE, startGrid, type MergeRule, type StartOutcome } from "./multistart";
import { runOnWorkers } from "./pool";
import { polishOutcomes, selectForPolish } from "./screen";
import { bootstrapWeights, clustersBy, summarizeBootstrap, type Clusters } from "./bootstrap";
import { curvatureAt, inverseHessianAt } from "./hessian";
import { bootstrapWarnings, checkDesign, designWarnings, flatDirectionWarnings, limitWarnings, undeterminedDirections } from "./identifiability";
import { normalQuantile } from "../numeric/special";
import { STOP_REASON_TEXT, type LbfgsOptions } from "./lbfgs";
import { fixParameters } from "./fixed";
import { finalizeFitResult, formatFitNumber, type FitResult, type FitScreening, type UncertaintySource } from "./result";
import type { Matrix } from "../numeric/linalg";

interface FitPlan<X> {
  readonly fn: string;
  readonly model: Model<X>;
  readonly rows: readonly X[];
  readonly ys: Float64Array;
  readonly weights: Float64Array | null;
  readonly o: ResolvedFitOptions;
  readonly coords: ParamCoordinates;
  readonly objective: FitObjective;
  /** k × dim start points in optimiser coordinates. */
  readonly starts: Float64Array;
  readonly p: number;
  readonly dim: number;
  /** Resampling units of a cluster bootstrap (null: rows). */
  readonly clusters: Clusters | null;
  readonly signal?: AbortSignal;
}

/**
 * Compares a model's analytic gradient with central differences on a few rows at θ.
 * @returns the largest relative disagreement and where it occurred
 * @example checkModelGradient({ id: "doc-sq", params: [{ name: "k" }], value: (t, x: number) => t[0] * x * x, valueAndGradient: (t, x: number, g) => { g[0] = x * x; return t[0] * x * x; } }, [1, 2], [3]).maxRelError < 1e-8 // => true
 */
export function checkModelGradient<X>(model: Model<X>, rows: readonly X[], theta: ArrayLike<number>, maxRows = 5):
  { maxRelError: number; param: string; row: number } {
  const p = model.params.length;
  const t = Float64Array.from(theta);
  const ga = new Float64Array(p);
  const gn = new Float64Array(p);
  let worst = { maxRelError: 0, param: model.params[0]?.name ?? "", row: 0 };
  const step = Math.max(1, Math.floor(rows.length / maxRows));
  for (let i = 0; i < rows.length && i / step < maxRows; i += step) {
    if (!model.valueAndGradient) break;
    model.valueAndGradient(t, rows[i], ga);
    centralDifferenceGradient(model, t, rows[i], gn);
    for (let j = 0; j < p; j++) {
      const err = Math.abs(ga[j] - gn[j]) / Math.max(Math.abs(ga[j]), Math.abs(gn[j]), 1e-6);
      if (err > worst.maxRelError) worst = { maxRelError: err, param: model.params[j].name, row: i };
    }
  }
  return displayResult(`fit.checkGradient: analytic vs central-difference gradient of ${model.id}`, worst);
}

function planFit<X>(fn: string, model: Model<X>, rows: readonly X[], ysIn: ArrayLike<number>, options: FitOptions): FitPlan<X> {
  if (!Array.isArray(rows)) throw new InvalidInputError(fn, "rows must be an array");
  if (!ysIn || ysIn.length !== rows.length) {
    throw new InvalidInputError(fn, `need one observed y per row; got ${rows.length} rows and ${ysIn?.length ?? 0} y values`);
  }
  const o = resolveFitOptions(fn, options);
  const p = model.params.length;
  const extra = o.spec.kind === "huber-likelihood" ? 1 : 0;
  const ys = Float64Array.from(ysIn);
  for (let i = 0; i < ys.length; i++) {
    if (!Number.isFinite(ys[i]) || (o.spec.space === "log" && !(ys[i] > 0))) {
      throw new InvalidInputError(fn, `row ${i} has y = ${ys[i]}; ${o.spec.space === "log" ? "log-space fits need finite y > 0" : "y must be finite"}`,
        "drop or fix that row");
    }
  }
  let weights: Float64Array | null = null;
  if (options.weights) {
    if (options.weights.length !== rows.length) throw new InvalidInputError(fn, `weights has ${options.weights.length} entries for ${rows.length} rows`);
    weights = Float64Array.from(options.weights);
    const bad = weights.findIndex((w) => !(w >= 0) || !Number.isFinite(w));
    if (bad >= 0) throw new InvalidInputError(fn, `weight of row ${bad} is ${weights[bad]}; weights must be finite and ≥ 0`);
  }
  const usable = weights ? weights.filter((w) => w > 0).length : rows.length;
  if (usable < p + extra) {
    throw new InsufficientDataError(fn, p + extra, usable, `the model has ${p} parameters${extra ? " plus the scale σ" : ""}; fit at least that many points`);
  }
  const { objective, coords } = createFitObjective(fn, model, rows, ys, weights, o.spec);
  const names = coords.names;
  const sStarts: ArrayLike<number>[] = [];
  if (options.grid) sStarts.push(...startGrid(names, options.grid));
  if (options.starts) {
    options.starts.forEach((s, i) => {
      if (s.length !== p) throw new InvalidInputError(fn, `start ${i} has ${s.length} values; the model has ${p} parameters (${names.join(", ")})`);
      sStarts.push(s);
    });
  }
  if (options.init) {
    const init = options.init as Record<string, number> & ArrayLike<number>;
    const theta = typeof init.length === "number" ? Array.from(init) : names.map((n) => {
      if (!(n in init)) throw new InvalidInputError(fn, `init is missing parameter ${n}`);
      return init[n];
    });
    if (theta.length !== p) throw new InvalidInputError(fn, `init has ${theta.length} values; the model has ${p} parameters (${names.join(", ")})`);
    sStarts.push(coords.thetaToS(fn, theta));
  }
  if (sStarts.length === 0) throw new InvalidInputError(fn, "no start point", "pass init (natural units), grid or starts (scale coordinates)");
  const dim = p + extra;
  const starts = new Float64Array(sStarts.length * dim);
  sStarts.forEach((s, i) => {
    starts.set(coords.sToU(fn, s), i * dim);
    if (extra) starts[i * dim + p] = NaN;
  });
  // The design is refused only if it confounds parameters at the first, middle and last start alike.
  const k = sStarts.length;
  checkDesign(fn, model, weights ? rows.filter((_, i) => weights![i] > 0) : rows, [...new Set([0, k >> 1, k - 1])].map((i) => {
    const theta = new Float64Array(p);
    coords.uToTheta(starts.subarray(i * dim, i * dim + p), theta);
    return theta;
  }));
  if (o.checkGradient && model.valueAndGradient) {
    const theta = new Float64Array(p);
    coords.uToTheta(starts.subarray(0, p), theta);
    const check = checkModelGradient(model, rows, theta);
    if (check.maxRelError > 1e-4) {
      throw new InvalidInputError(fn, `model ${model.id}: analytic gradient of ${check.param} disagrees with central differences at row ${check.row} ` +
        `(relative error ${check.maxRelError.toExponential(2)})`, "fix valueAndGradient, or pass checkGradient: false if the model is non-smooth there");
    }
  }
  const clusters = o.bootstrap > 0 && o.bootstrapBy !== null ? clustersBy(fn, rows, o.bootstrapBy) : null;
  return { fn, model, rows, ys, weights, o, coords, objective, starts, p, dim, clusters, signal: options.signal };
}

/**
 * Runs starts on this thread in chunks of MERGE_BLOCK (the worker threads' blocks, so joining gives the same outcomes),
 * reporting progress and honouring interrupts; yields between chunks.
 */
function* localChunks<X>(plan: FitPlan<X>, starts: Float64Array, weights: Float64Array | null, task: string,
  lbfgs: LbfgsOptions, merge: MergeRule | null): Generator<void, Float64Array> {
  const { dim, objective } = plan;
  const n = plan.rows.length;
  const k = starts.length / dim;
  const parts: Float64Array[] = [];
  const chunk = MERGE_BLOCK;
  for (let from = 0; from < k; from += chunk) {
    throwIfInterrupted(plan.fn, plan.signal);
    const to = Math.min(k, from + chunk);
    parts.push(runStartBatch(objective, starts.subarray(from * dim, to * dim),
      weights ? weights.subarray(from * n, to * n) : null, lbfgs, plan.weights, merge));
    if (k > chunk) reportProgress(task, to, k);
    yield;
  }
  const out = new Float64Array(parts.reduce((s, a) => s + a.length, 0));
  let off = 0;
  for (const a of parts) { out.set(a, off); off += a.length; }
  return out;
}

function runLocal<X>(plan: FitPlan<X>, starts: Float64Array, weights: Float64Array | null, task: string,
  lbfgs: LbfgsOptions, merge: MergeRule | null = null): Float64Array {
  const chunks = localChunks(plan, starts, weights, task, lbfgs, merge);
  for (;;) {
    const r = chunks.next();
    if (r.done) return r.value;
  }
}

/** In-process, but giving the event loop a turn between chunks so interrupts and progress get through. */
async function runLocalAsync<X>(plan: FitPlan<X>, starts: Float64Array, weights: Float64Array | null, task: string,
  lbfgs: LbfgsOptions, merge: MergeRule | null): Promise<Float64Array> {
  const chunks = localChunks(plan, starts, weights, task, lbfgs, merge);
  for (;;) {
    const r = chunks.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runAnywhere<X>(plan: FitPlan<X>, starts: Float64Array, weights: Float64Array | null, task: string,
  lbfgs: LbfgsOptions, merge: MergeRule | null = null): Promise<Float64Array> {
  const viaWorkers = plan.o.workers === 0 ? null : await runOnWorkers({
    setup: {
      modelId: plan.model.id, rows: plan.rows, ys: plan.ys, weights: plan.weights, spec: plan.o.spec, lbfgs, merge,
    },
    module: plan.model.module, dim: plan.dim, n: plan.rows.length, starts, weights,
    workers: plan.o.workers, task, fn: plan.fn, signal: plan.signal,
  });
  return viaWorkers ?? runLocalAsync(plan, starts, weights, task, lbfgs, merge);
}

type Screen = ResolvedFitOptions["screen"];

/** Clustering tolerances for screened end points (relative objective, relative scale coordinates). */
const SCREENED_CLUSTER_TOL = { ftol: 1e-4, xtol: 1e-2 };

/** Only screened starts join (see SCREEN_MERGE): the fit's best end point is then always a polished one. */
function mergeOf(screen: Screen): MergeRule | null {
  return screen ? SCREEN_MERGE : null;
}

/** The screening rules when this fit has more starts than are polished (see ./screen), else null. */
function screenOf<X>(plan: FitPlan<X>): Screen {
  const s = plan.o.screen;
  return s && plan.starts.length / plan.dim > s.polish ? s : null;
}

/** Decodes the start runs and, after screening, polishes the best distinct end points with the full rules. */
function finishStarts<X>(plan: FitPlan<X>, out: Float64Array, screen: Screen): { outcomes: StartOutcome[]; screening: FitScreening | null } {
  const outcomes = decodeOutcomes(out, plan.dim);
  if (!screen) return { outcomes, screening: null };
  const picked = selectForPolish(outcomes, screen.polish);
  return {
    outcomes: polishOutcomes(plan.objective, outcomes, picked, screen.polishLbfgs),
    screening: { ftol: screen.lbfgs.ftol, polished: picked.length },
  };
}

function bestIndex<X>(plan: FitPlan<X>, outcomes: StartOutcome[]): number {
  let best = -1;
  outcomes.forEach((o, i) => {
    if (Number.isFinite(o.objective) && (best < 0 || o.objective < outcomes[best].objective)) best = i;
  });
  if (best < 0) {
    throw new DidNotConvergeError(plan.fn, `all ${outcomes.length} starts ended with a non-finite objective`,
      "check that the data are in the model's domain and the starts are sensible");
  }
  return best;
}

/** Every resample starts at the full-data optimum, with its inverse Hessian as L-BFGS's H0 (see inverseHessianAt). */
function bootstrapPlan<X>(plan: FitPlan<X>, best: StartOutcome): { starts: Float64Array; weights: Float64Array; lbfgs: LbfgsOptions } {
  const B = plan.o.bootstrap;
  const starts = new Float64Array(B * plan.dim);
  for (let b = 0; b < B; b++) starts.set(best.u, b * plan.dim);
  const h0 = inverseHessianAt(plan.objective, best.u, Boolean(plan.model.bindLog || plan.model.valueAndGradient));
  return {
    starts, weights: bootstrapWeights(plan.rows.length, B, plan.o.seed, plan.weights, plan.clusters),
    lbfgs: { ...plan.o.lbfgs, initialInverseHessian: h0 },
  };
}

/** [min, max] of every input field that is a finite number in all rows (rows that are plain numbers: key "x"). */
function dataRangesOf(rows: readonly unknown[]): Record<string, readonly [number, number]> {
  const ranges: Record<string, [number, number]> = {};
  const first = rows[0];
  const keys = typeof first === "number" ? ["x"] : first && typeof first === "object" ? Object.keys(first) : [];
  for (const k of keys) {
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) {
      const v = k === "x" && typeof r === "number" ? r : (r as Record<string, unknown>)?.[k];
      if (typeof v !== "number" || !Number.isFinite(v)) { lo = NaN; break; }
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (Number.isFinite(lo)) ranges[k] = [lo, hi];
  }
  return ranges;
}

function thetaOf(coords: ParamCoordinates, u: ArrayLike<number>): number[] {
  const t = new Float64Array(coords.dim);
  coords.uToTheta(u, t);
  return Array.from(t);
}

/** The fitted scale σ of a Huber-likelihood fit (the extra optimiser coordinate log σ). */
function sigmaOf<X>(plan: FitPlan<X>, u: Float64Array): number | undefined {
  return plan.o.spec.kind === "huber-likelihood" ? Math.exp(u[plan.p]) : undefined;
}

/**
 * Why Hessian SEs are unavailable. A Huber objective is quadratic only for residuals inside its threshold; when fewer
 * of them than parameters lie there (typical of Huber-likelihood fits, whose σ shrinks until δ·σ ~ 1e-9), the
 * objective is piecewise linear around the optimum — an L1 fit — and has no curvature to invert.
 */
function notPositiveDefinite(o: ResolvedFitOptions, residuals: ArrayLike<number>, flat: boolean, p: number, sigma: number | undefined): string {
  const base = "Hessian of the objective is not positive definite at the optimum";
  if (o.spec.kind !== "mse") {
    const zone = o.spec.delta * (sigma ?? 1);
    let inside = 0;
    for (let i = 0; i < residuals.length; i++) if (Math.abs(residuals[i]) <= zone) inside++;
    if (inside < p) {
      return `${base}: only ${inside} of ${residuals.length} residuals lie inside the Huber threshold ` +
        `|r| ≤ ${formatFitNumber(zone)}, so the objective is piecewise linear there (an L1 fit) and has no curvature to invert; ` +
        "Hessian-based SEs unavailable — use { bootstrap: 1000 } for intervals";
    }
  }
  return `${base}${flat ? " (see the flat directions above)" : " (a saddle point or a kink)"}; Hessian-based SEs unavailable`;
}

function finishFit<X>(plan: FitPlan<X>, outcomes: StartOutcome[], best: number, boot: StartOutcome[] | null,
  screening: FitScreening | null): FitResult {
  const { coords, objective, p, o, fn } = plan;
  const n = plan.rows.length;
  const names = coords.names;
  const b = outcomes[best];
  const theta = new Float64Array(p);
  const dtheta = new Float64Array(p);
  coords.uToTheta(b.u, theta, dtheta);
  const params = Object.fromEntries(names.map((nm, j) => [nm, theta[j]]));
  const { residuals, fitted } = objective.residuals(b.u);
  const grad = new Float64Array(plan.dim);
  objective.evaluate(b.u, grad);
  const analytic = Boolean(plan.model.bindLog || plan.model.valueAndGradient);
  const curv = curvatureAt(objective, b.u, p, n, analytic);
  const warnings: string[] = designWarnings(plan.model, plan.rows, theta);
  if (!(b.reason === "gradient" || b.reason === "function-change")) warnings.push(`best start did not converge: ${STOP_REASON_TEXT[b.reason]}`);
  if (!analytic) {
    warnings.push("gradients by central differences (the model has no analytic gradient)");
  }
  const s = new Float64Array(p);
  coords.uToS(b.u, s);
  const edge = new Set<number>();
  names.forEach((nm, j) => {
    if (coords.boundProximity(j, s[j]) < 1e-6) {
      edge.add(j);
      warnings.push(`${nm} = ${theta[j]} sits on its bound; its SE and interval are not meaningful`);
    }
  });
  const limits = limitWarnings(plan.model, plan.rows, theta);
  limits.params.forEach((j) => edge.add(j));
  warnings.push(...limits.warnings);

  let hessianSE: Record<string, number> | null = null;
  let hessCov: Matrix | null = null;
  if (curv.covarianceU) {
    hessCov = curv.covarianceU.map((r, i) => r.map((v, j) => v * dtheta[i] * dtheta[j]));
    hessianSE = Object.fromEntries(names.map((nm, j) => [nm, Math.sqrt(hessCov![j][j])]));
  }
  const flat = undeterminedDirections(curv.flat, theta, edge, hessCov ? names.map((nm) => hessianSE![nm]) : null);
  warnings.push(...flatDirectionWarnings(names, flat));
  if (!hessCov) warnings.push(notPositiveDefinite(o, residuals, flat.length > 0, p, sigmaOf(plan, b.u)));

  let uncertainty: UncertaintySource = curv.covarianceU ? curv.method : "none";
  let se: Record<string, number | null> = Object.fromEntries(names.map((nm) => [nm, hessianSE ? hessianSE[nm] : null]));
  let covariance = hessCov;
  let ci: Record<string, readonly [number, number] | null> = Object.fromEntries(names.map((nm, j) => {
    if (!curv.covarianceU) return [nm, null];
    const z = normalQuantile((1 + o.ciLevel) / 2);
    const seU = Math.sqrt(curv.covarianceU[j][j]);
    const u = Float64Array.from(b.u.subarray(0, p));
    u[j] = b.u[j] - z * seU;
    const lo = thetaOf(coords, u)[j];
    u[j] = b.u[j] + z * seU;
    const hi = thetaOf(coords, u)[j];
    return [nm, [Math.min(lo, hi), Math.max(lo, hi)] as const];
  }));
  let bootstrap = null;
  if (boot) {
    const ok = boot.filter((x) => Number.isFinite(x.objective));
    const samples = ok.map((x) => thetaOf(coords, x.u));
    const notConverged = ok.filter((x) => !(x.reason === "gradient" || x.reason === "function-change")).length;
    if (samples.length < 2) throw new DidNotConvergeError(fn, `only ${samples.length} of ${boot.length} bootstrap refits gave a finite objective`);
    bootstrap = summarizeBootstrap(names, samples, o.ciLevel, {
      resamples: boot.length, seed: o.seed, unit: o.bootstrapBy ?? "row", units: plan.clusters?.count ?? n, notConverged, failed: boot.length - ok.length,
    });
    if (notConverged > 0) warnings.push(`${notConverged} of ${boot.length} bootstrap refits stopped without meeting a convergence criterion`);
    warnings.push(...bootstrapWarnings(names, params, bootstrap));
    uncertainty = "bootstrap";
    se = { ...bootstrap.se };
    covariance = bootstrap.covariance;
    ci = { ...bootstrap.ci };
  }
  // Screened end points stopped early in flat valleys: group them at tolerances matching the screening rule,
  // or every stall would count as its own optimum.
  const optima = clusterOptima(outcomes, coords, screening ? SCREENED_CLUSTER_TOL : undefined);
  const sigma = sigmaOf(plan, b.u);
  return finalizeFitResult({
    kind: "fit-result",
    model: plan.model.id,
    paramNames: names,
    params, se, covariance, ci, ciLevel: o.ciLevel, uncertainty, bootstrap,
    residuals: Array.from(residuals), fitted: Array.from(fitted),
    objective: b.objective, converged: b.reason === "gradient" || b.reason === "function-change",
    reason: b.reason, message: STOP_REASON_TEXT[b.reason],
    iterations: b.iterations, evaluations: b.evaluations,
    method: {
      optimizer: "L-BFGS (strong Wolfe)", objective: o.spec.kind, delta: o.spec.delta, space: o.spec.space,
      reduction: o.spec.reduction, gtol: o.lbfgs.gtol, ftol: o.lbfgs.ftol, maxIterations: o.lbfgs.maxIterations,
      gradients: plan.model.valueAndGradient || plan.model.bindLog ? "analytic" : "central differences",
    },
    grid: {
      starts: outcomes.length,
      converged: outcomes.filter((x) => x.reason === "gradient" || x.reason === "function-change").length,
      distinctOptima: optima.length, optima: optima.slice(0, 10), best,
      screening,
    },
    warnings,
    dataRanges: dataRangesOf(plan.rows),
    diagnostics: {
      n, dof: n - p, gradientMaxAbs: Math.max(...Array.from(grad, Math.abs)),
      hessianEigenvalues: curv.eigenvalues, conditionNumber: curv.conditionNumber, hessianSE,
      flatDirections: flat.map((d) => ({ curvature: d.curvature, loadings: Object.fromEntries(names.map((nm, j) => [nm, d.loadings[j]])) })),
      ...(sigma !== undefined ? { sigma } : {}), warnings,
    },
  });
}

/**
 * Fits any Model to data: multi-start L-BFGS on a robust objective, uncertainty from a seeded bootstrap
 * (options.bootstrap > 0) or the Hessian, and diagnostics. Multi-starts and resamples run on worker threads
 * when the model is registered with a `module` (built-in laws are) and fall back to this thread otherwise.
 * @param model the law (see Model)
 * @param rows one input per observation (e.g. { N, D })
 * @param ys observed values (> 0 for log-space objectives)
 * @param options see FitOptions / FIT_DEFAULTS
 * @param caller the public name errors and progress lines carry (a law passes its own, e.g. "laws.chinchilla.fit")
 * @returns a displayable FitResult
 * @throws InvalidInputError for bad data/options, InsufficientDataError for too few points, FitError when the
 *   design cannot determine the law (identical rows, an input that does not vary enough; see checkDesign),
 *   DidNotConvergeError when no start gives a finite objective, InterruptedError on interrupt
 * @see Hoffmann et al. 2022 (Approach 3), Besiroglu et al. 2024
 */
export async function fitModel<X, P extends string = string>(model: Model<X, P>, rows: readonly X[], ys: ArrayLike<number>,
  options: FitOptions = {}, caller = "fit.model"): Promise<FitResult<P>> {
  const fx = fixParameters(caller, model, options);
  if (fx) return fx.expand(await fitModel(fx.model, rows, ys, fx.options, caller)) as FitResult<P>;
  const plan = planFit(caller, model, rows, ys, options);
  const k = plan.starts.length / plan.dim;
  const screen = screenOf(plan);
  const { outcomes, screening } = finishStarts(plan,
    await runAnywhere(plan, plan.starts, null, `${plan.fn}: ${k} starts`, (screen ?? plan.o).lbfgs, mergeOf(screen)), screen);
  const best = bestIndex(plan, outcomes);
  let boot: StartOutcome[] | null = null;
  if (plan.o.bootstrap > 0) {
    const bp = bootstrapPlan(plan, outcomes[best]);
    boot = decodeOutcomes(await runAnywhere(plan, bp.starts, bp.weights, `${plan.fn}: bootstrap ${plan.o.bootstrap}`, bp.lbfgs), plan.dim);
  }
  return finishFit(plan, outcomes, best, boot, screening) as FitResult<P>;
}

/**
 * fitModel on the calling thread, synchronously (small fits, examples, code that cannot await).
 * @example fitModelSync({ id: "doc-exp", params: [{ name: "k", transform: "log" }], value: (t, x: number) => Math.exp(-t[0] * x), valueAndGradient: (t, x: number, g) => { const f = Math.exp(-t[0] * x); g[0] = -x * f; return f; } }, [1, 2, 3], [Math.exp(-0.5), Math.exp(-1), Math.exp(-1.5)], { init: [1], objective: "mse" }).params.k // => 0.5
 */
export function fitModelSync<X, P extends string = string>(model: Model<X, P>, rows: readonly X[], ys: ArrayLike<number>,
  options: FitOptions = {}, caller = "fit.modelSync"): FitResult<P> {
  const fx = fixParameters(caller, model, options);
  if (fx) return fx.expand(fitModelSync(fx.model, rows, ys, fx.options, caller)) as FitResult<P>;
  const plan = planFit(caller, model, rows, ys, options);
  const k = plan.starts.length / plan.dim;
  const screen = screenOf(plan);
  const { outcomes, screening } = finishStarts(plan,
    runLocal(plan, plan.starts, null, `${plan.fn}: ${k} starts`, (screen ?? plan.o).lbfgs, mergeOf(screen)), screen);
  const best = bestIndex(plan, outcomes);
  let boot: StartOutcome[] | null = null;
  if (plan.o.bootstrap > 0) {
    const bp = bootstrapPlan(plan, outcomes[best]);
    boot = decodeOutcomes(runLocal(plan, bp.starts, bp.weights, `${plan.fn}: bootstrap ${plan.o.bootstrap}`, bp.lbfgs), plan.dim);
  }
  return finishFit(plan, outcomes, best, boot, screening) as FitResult<P>;
}
