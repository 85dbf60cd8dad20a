/** Fit options: every default in one place (FIT_DEFAULTS), and their validation at the public boundary. */
import { InvalidInputError, assertChoice } from "../core";
import { FIT_OBJECTIVES, type FitObjectiveKind, type ObjectiveSpec, type Reduction, type ResidualSpace } from "./objective";
import { LBFGS_DEFAULTS, type LbfgsOptions } from "./lbfgs";

export interface FitOptions {
  /** "huber" (default), "mse" or "huber-likelihood" (adds a free scale σ; Besiroglu et al. 2024). */
  readonly objective?: FitObjectiveKind;
  /** Huber threshold δ on residuals (default 1e-3, Hoffmann et al. 2022). */
  readonly delta?: number;
  /** Residual space: "log" (log y − log f, default) or "linear" (y − f). */
  readonly space?: ResidualSpace;
  /**
   * "sum" (default) or "mean" of per-point losses. The stopping rules are absolute (like scipy's), so a mean
   * objective, ~n times smaller, can stop at its start: Besiroglu et al. 2024's explanation of Chinchilla's fit.
   */
  readonly reduction?: Reduction;
  /** Per-point weights ≥ 0 (default all 1). */
  readonly weights?: ArrayLike<number>;
  /** One start in natural units, by name or in parameter order. */
  readonly init?: Readonly<Record<string, number>> | ArrayLike<number>;
  /**
   * Cartesian start grid in scale coordinates (log θ for log-transformed parameters, θ otherwise), by
   * parameter name, e.g. Hoffmann's { a: [0, 5, …], … } becomes { A: [0, 5, …] } for A = e^a.
   */
  readonly grid?: Readonly<Record<string, readonly number[]>>;
  /** Explicit starts in scale coordinates, each in parameter order. */
  readonly starts?: readonly ArrayLike<number>[];
  readonly maxIterations?: number;
  /** Stop when max |∂f/∂u| ≤ gtol (scipy's pgtol). */
  readonly gtol?: number;
  /** Stop when the objective's decrease ≤ ftol·|f| (relative; see lib/fit/lbfgs.ts). */
  readonly ftol?: number;
  /** L-BFGS memory m. */
  readonly historySize?: number;
  /**
   * Multi-starts with more starts than this are screened, then this many distinct best end points are polished
   * with the full stopping rules (see lib/fit/screen.ts); 0 runs every start to the full rules.
   */
  readonly polish?: number;
  /** Function-change tolerance (relative) of the screening runs (the larger of this and ftol is used). */
  readonly screenFtol?: number;
  /** Worker threads for multi-starts and bootstrap: "auto" (= available cores) or a count; 0 = in-process. */
  readonly workers?: number | "auto";
  /**
   * Bootstrap resamples (0 = none; Besiroglu et al. used 4000), over rows, or with `{ n, by: "run" }` over the
   * clusters of rows that share a value of that field (use it when rows are checkpoints of the same runs).
   */
  readonly bootstrap?: number | { readonly n: number; readonly by?: string };
  /** Seed of the bootstrap's PRNG (xoshiro128**). */
  readonly seed?: number;
  /** Confidence level of the reported intervals. */
  readonly ciLevel?: number;
  /** Compare the model's analytic gradient with central differences at the first start (default true). */
  readonly checkGradient?: boolean;
  /**
   * Parameters held at these values (natural units) while the others are fitted, e.g. `{ B: 410.7, beta: 0.28 }` when
   * the data cannot determine them. The result lists them with their value and no SE or interval. Runs on this thread.
   */
  readonly fixed?: Readonly<Record<string, number>>;
  /** Aborts long fits (the kernel's interrupt signal is honoured as well). */
  readonly signal?: AbortSignal;
}

/**
 * The defaults of every fit option (see FitOptions for meanings).
 * Multi-start: with more than `polish` starts, every start first runs under the screening rule (gradient ≤ gtol
 * or relative decrease ≤ screenFtol, about scipy's factr 1e7 on a Huber sum of ~1e-3), then the `polish` best
 * distinct end points continue with the full gtol/ftol rules. The reported best fit is always a polished end
 * point, so it meets the same criteria as a single start; screening only skips finishing hopeless basins.
 */
export const FIT_DEFAULTS = {
  objective: "huber" as FitObjectiveKind,
  delta: 1e-3,
  space: "log" as ResidualSpace,
  reduction: "sum" as Reduction,
  maxIterations: LBFGS_DEFAULTS.maxIterations,
  gtol: LBFGS_DEFAULTS.gtol,
  ftol: LBFGS_DEFAULTS.ftol,
  historySize: LBFGS_DEFAULTS.historySize,
  polish: 16,
  screenFtol: 1e-6,
  workers: "auto" as number | "auto",
  bootstrap: 0,
  seed: 0,
  ciLevel: 0.95,
  checkGradient: true,
} as const;

/**
 * Polishing tightens gtol by this factor. A polish restarts L-BFGS with an empty curvature memory, so it stops on
 * the edge of the gtol ball (parameters ~1e-5 off on the Chinchilla fit), whereas runs that slide into the optimum
 * from the grid usually end well inside it; the tighter rule makes the screened fit agree with the unscreened one
 * to ~1e-7 in every parameter, for a handful of extra iterations on `polish` starts.
 */
const POLISH_GTOL_FACTOR = 0.1;

export interface ResolvedFitOptions {
  readonly spec: ObjectiveSpec;
  readonly lbfgs: LbfgsOptions;
  /** Screening rules and polish count for multi-starts (null: every start runs to the full rules). */
  readonly screen: { readonly lbfgs: LbfgsOptions; readonly polish: number; readonly polishLbfgs: LbfgsOptions } | null;
  readonly workers: number | "auto";
  readonly bootstrap: number;
  /** Row field whose values define the bootstrap's clusters, or null to resample rows. */
  readonly bootstrapBy: string | null;
  readonly seed: number;
  readonly ciLevel: number;
  readonly checkGradient: boolean;
}

function positiveNumber(fn: string, name: string, x: unknown): number {
  if (typeof x !== "number" || !(x > 0) || !Number.isFinite(x)) throw new InvalidInputError(fn, `option ${name} must be a finite number > 0, got ${String(x)}`);
  return x;
}

function count(fn: string, name: string, x: unknown, min: number): number {
  if (typeof x !== "number" || !Number.isInteger(x) || x < min) throw new InvalidInputError(fn, `option ${name} must be an integer ≥ ${min}, got ${String(x)}`);
  return x;
}

function bootstrapBy(fn: string, b: FitOptions["bootstrap"]): string | null {
  if (typeof b !== "object" || b === null || b.by === undefined) return null;
  if (typeof b.by !== "string" || b.by === "") throw new InvalidInputError(fn, `option bootstrap.by must be a row field name such as "run", got ${String(b.by)}`);
  return b.by;
}

/** Checks every option and fills in FIT_DEFAULTS; throws a typed error naming `fn` and the bad option. */
export function resolveFitOptions(fn: string, o: FitOptions): ResolvedFitOptions {
  const d = FIT_DEFAULTS;
  const kind = o.objective ?? d.objective;
  assertChoice(fn, "objective", kind, FIT_OBJECTIVES);
  const space = o.space ?? d.space;
  assertChoice(fn, "space", space, ["log", "linear"] as const);
  const reduction = o.reduction ?? d.reduction;
  assertChoice(fn, "reduction", reduction, ["sum", "mean"] as const);
  const workers = o.workers ?? d.workers;
  if (workers !== "auto") count(fn, "workers", workers, 0);
  const ciLevel = o.ciLevel ?? d.ciLevel;
  if (!(ciLevel > 0 && ciLevel < 1)) throw new InvalidInputError(fn, `option ciLevel must be in (0, 1), got ${ciLevel}`);
  const seed = o.seed ?? d.seed;
  if (!Number.isInteger(seed)) throw new InvalidInputError(fn, `option seed must be an integer, got ${seed}`);
  const lbfgs: LbfgsOptions = {
    ...LBFGS_DEFAULTS,
    maxIterations: count(fn, "maxIterations", o.maxIterations ?? d.maxIterations, 1),
    gtol: o.gtol === 0 ? 0 : positiveNumber(fn, "gtol", o.gtol ?? d.gtol),
    ftol: o.ftol === 0 ? 0 : positiveNumber(fn, "ftol", o.ftol ?? d.ftol),
    historySize: count(fn, "historySize", o.historySize ?? d.historySize, 1),
  };
  const polish = count(fn, "polish", o.polish ?? d.polish, 0);
  const screenFtol = positiveNumber(fn, "screenFtol", o.screenFtol ?? d.screenFtol);
  return {
    spec: { kind, space, reduction, delta: positiveNumber(fn, "delta", o.delta ?? d.delta) },
    lbfgs,
    screen: polish > 0 ? {
      lbfgs: { ...lbfgs, ftol: Math.max(screenFtol, lbfgs.ftol) },
      polish,
      polishLbfgs: { ...lbfgs, gtol: lbfgs.gtol * POLISH_GTOL_FACTOR },
    } : null,
    workers,
    bootstrap: count(fn, typeof o.bootstrap === "object" ? "bootstrap.n" : "bootstrap",
      typeof o.bootstrap === "object" && o.bootstrap !== null ? o.bootstrap.n : o.bootstrap ?? d.bootstrap, 0),
    bootstrapBy: bootstrapBy(fn, o.bootstrap),
    seed,
    ciLevel,
    checkGradient: o.checkGradient ?? d.checkGradient,
  };
}
