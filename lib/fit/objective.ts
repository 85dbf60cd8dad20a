/**
 * Fitting objectives over a model bound to data.
 *
 * Residuals: r_i = log y_i − log f_i (space "log", the scaling-law default) or r_i = y_i − f_i ("linear").
 *   "huber"            Σ w_i ρ_δ(r_i),  ρ_δ(r) = r²/2 if |r| ≤ δ else δ(|r| − δ/2)   (Hoffmann et al. 2022, Approach 3)
 *   "mse"              Σ w_i r_i²
 *   "huber-likelihood" −Σ w_i log p(r_i), p(r) = exp(−ρ_δ(r/σ)) / (σ Z(δ)), Z(δ) = √(2π)(1 − 2Φ̄(δ)) + 2e^{−δ²/2}/δ,
 *                      with log σ a free extra parameter (Besiroglu et al. 2024, `huber_logpdf` in data_analysis.ipynb)
 * Reduction "sum" (default) or "mean" (divide by Σ w_i). Bootstrap resamples are integer weights.
 */
import { InvalidInputError } from "../core";
import type { Model } from "./model";
import type { DifferentiableFunction } from "./lbfgs";
import type { ParamCoordinates } from "./transforms";
import { erf } from "../numeric/special";

export type FitObjectiveKind = "huber" | "mse" | "huber-likelihood";
export const FIT_OBJECTIVES: readonly FitObjectiveKind[] = ["huber", "mse", "huber-likelihood"];
export type ResidualSpace = "log" | "linear";
export type Reduction = "sum" | "mean";

/** Plain-data description of an objective (crosses to worker threads). */
export interface ObjectiveSpec {
  readonly kind: FitObjectiveKind;
  readonly delta: number;
  readonly space: ResidualSpace;
  readonly reduction: Reduction;
}

/**
 * Huber's loss ρ_δ(r).
 * @example huberLoss(0.5, 1) // => 0.125
 * @example huberLoss(3, 1) // => 2.5
 */
export function huberLoss(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/**
 * log of the normaliser Z(δ) of the Huber density exp(−ρ_δ(z)) (Besiroglu et al. 2024's `huber_normalizing_factor`).
 * @example Math.exp(huberLogNormalizer(1e6)) // => 2.5066282746310002
 */
export function huberLogNormalizer(delta: number): number {
  return Math.log(Math.sqrt(2 * Math.PI) * erf(delta / Math.SQRT2) + (2 * Math.exp(-0.5 * delta * delta)) / delta);
}

/** A model bound to rows, evaluated at one parameter point at a time. */
export interface BoundModel {
  readonly n: number;
  readonly dim: number;
  /** Sets the parameter point (optimiser coordinates u). */
  at(u: ArrayLike<number>): void;
  /**
   * For k < count: f at row `rows[k]` (or log f when `log`) into `pred[k]`, its gradient w.r.t. u into
   * `gradU[k·dim … k·dim + dim)`.
   */
  evaluate(rows: Int32Array, count: number, log: boolean, pred: Float64Array, gradU: Float64Array): void;
  /** True when the gradient comes from finite differences. */
  readonly finiteDifferences: boolean;
}

const FD_STEP = Math.cbrt(Number.EPSILON);

/** Central-difference ∂f/∂θ at one row: step h_j = ε^{1/3}·|θ_j| (ε^{1/3} when θ_j = 0). */
export function centralDifferenceGradient<X>(model: Model<X>, theta: Float64Array, x: X, grad: Float64Array): number {
  const t = Float64Array.from(theta);
  for (let j = 0; j < theta.length; j++) {
    const h = FD_STEP * (theta[j] !== 0 ? Math.abs(theta[j]) : 1);
    t[j] = theta[j] + h;
    const fp = model.value(t, x);
    t[j] = theta[j] - h;
    const fm = model.value(t, x);
    t[j] = theta[j];
    grad[j] = (fp - fm) / (2 * h);
  }
  return model.value(theta, x);
}

/**
 * Binds a model to its rows. Uses, in order: the model's stable log-space batch evaluator (`bindLog`) for log
 * residuals, its analytic gradient, and central differences only when it has neither.
 */
export function bindModel<X>(model: Model<X>, rows: readonly X[], coords: ParamCoordinates): BoundModel {
  const p = coords.dim;
  const theta = new Float64Array(p);
  const dtheta = new Float64Array(p);
  const s = new Float64Array(p);
  const dsdu = new Float64Array(p);
  const gTheta = new Float64Array(p);
  const logBatch = model.bindLog?.(rows);
  const analytic = typeof model.valueAndGradient === "function";
  const identity = coords.identity;
  return {
    n: rows.length,
    dim: p,
    finiteDifferences: !analytic && !logBatch,
    at(u) {
      coords.uToTheta(u, theta, dtheta);
      if (logBatch) coords.uToS(u, s, dsdu);
    },
    evaluate(idx, count, log, pred, gradU) {
      if (logBatch && (log || !analytic)) {
        logBatch(s, idx, count, pred, gradU);
        if (!identity) for (let o = 0; o < count * p; o += p) for (let j = 0; j < p; j++) gradU[o + j] *= dsdu[j];
        if (log) return;
        for (let k = 0, o = 0; k < count; k++, o += p) {
          const f = Math.exp(pred[k]);
          pred[k] = f;
          for (let j = 0; j < p; j++) gradU[o + j] *= f;
        }
        return;
      }
      for (let k = 0, o = 0; k < count; k++, o += p) {
        const x = rows[idx[k]];
        const f = analytic ? model.valueAndGradient!(theta, x, gTheta) : centralDifferenceGradient(model, theta, x, gTheta);
        if (log) {
          for (let j = 0; j < p; j++) gradU[o + j] = (gTheta[j] * dtheta[j]) / f;
          pred[k] = Math.log(f);
        } else {
          for (let j = 0; j < p; j++) gradU[o + j] = gTheta[j] * dtheta[j];
          pred[k] = f;
        }
      }
    },
  };
}

/** The objective as a differentiable function of u (plus log σ last for the Huber likelihood). */
export class FitObjective implements DifferentiableFunction {
  readonly dim: number;
  readonly n: number;
  private readonly target: Float64Array;
  /** Per-row predictions and gradients (n × p) of the last evaluation, in `active` order. */
  private readonly pred: Float64Array;
  private readonly gRows: Float64Array;
  /** Rows with non-zero weight (a bootstrap resample leaves ~37% out) and all rows. */
  private readonly active: Int32Array;
  private activeCount = 0;
  private readonly allRows: Int32Array;
  private weights: Float64Array;
  private weightSum = 0;
  private readonly logNorm: number;
  private readonly p: number;

  constructor(private readonly bound: BoundModel, ys: ArrayLike<number>, weights: ArrayLike<number> | null,
    readonly spec: ObjectiveSpec) {
    this.p = bound.dim;
    this.n = bound.n;
    this.dim = bound.dim + (spec.kind === "huber-likelihood" ? 1 : 0);
    this.target = Float64Array.from(ys, (y) => (spec.space === "log" ? Math.log(y) : y));
    this.pred = new Float64Array(this.n);
    this.gRows = new Float64Array(this.n * bound.dim);
    this.active = new Int32Array(this.n);
    this.allRows = Int32Array.from({ length: this.n }, (_, i) => i);
    this.weights = new Float64Array(this.n);
    this.setWeights(weights);
    this.logNorm = spec.kind === "huber-likelihood" ? huberLogNormalizer(spec.delta) : 0;
  }

  /** Replaces the per-point weights (null = all ones); bootstrap resamples pass their counts. */
  setWeights(w: ArrayLike<number> | null): void {
    if (w && w.length !== this.n) throw new InvalidInputError("FitObjective", `expected ${this.n} weights, got ${w.length}`);
    let sum = 0, count = 0;
    for (let i = 0; i < this.n; i++) {
      const wi = w ? w[i] : 1;
      this.weights[i] = wi;
      sum += wi;
      if (wi !== 0) this.active[count++] = i;
    }
    this.weightSum = sum;
    this.activeCount = count;
  }

  /** Σ w_i. */
  get totalWeight(): number {
    return this.weightSum;
  }

  evaluate(u: Float64Array, grad: Float64Array): number {
    return this.accumulate(u, grad, null);
  }

  /**
   * Objective value; writes the total gradient into `grad` and, when `perPoint` (n × dim) is given, each
   * point's contribution to it (for sandwich covariances).
   */
  accumulate(u: Float64Array, grad: Float64Array, perPoint: Float64Array | null): number {
    const { p, dim, gRows, pred, target, weights, active, activeCount } = this;
    const { kind, delta, space } = this.spec;
    const log = space === "log";
    this.bound.at(u);
    this.bound.evaluate(active, activeCount, log, pred, gRows);
    grad.fill(0);
    if (perPoint) perPoint.fill(0);
    // Branch on booleans, not on the kind string, inside the per-row loop (this is the multi-start's hot path).
    const mse = kind === "mse";
    const huber = kind === "huber";
    const logSigma = kind === "huber-likelihood" ? u[p] : 0;
    const sigma = Math.exp(logSigma);
    let total = 0;
    if (huber && !perPoint && p === 5) return this.huber5(grad);
    for (let k = 0; k < activeCount; k++) {
      const i = active[k];
      const w = weights[i];
      const r = target[i] - pred[k];
      let rho: number, psi: number; // ρ(r) and dρ/dr
      if (mse) {
        rho = r * r;
        psi = 2 * r;
      } else if (huber) {
        const a = Math.abs(r);
        if (a <= delta) { rho = 0.5 * r * r; psi = r; } else { rho = delta * (a - 0.5 * delta); psi = r > 0 ? delta : -delta; }
      } else {
        const z = r / sigma;
        const a = Math.abs(z);
        let dz: number;
        if (a <= delta) { rho = 0.5 * z * z; dz = z; } else { rho = delta * (a - 0.5 * delta); dz = z > 0 ? delta : -delta; }
        rho += this.logNorm + logSigma;
        psi = dz / sigma;
        const gs = w * (1 - dz * z);
        grad[p] += gs;
        if (perPoint) perPoint[i * dim + p] = gs;
      }
      total += w * rho;
      // ∂r/∂u = −∂pred/∂u
      const c = -w * psi;
      const o = k * p;
      for (let j = 0; j < p; j++) grad[j] += c * gRows[o + j];
      if (perPoint) for (let j = 0; j < p; j++) perPoint[i * dim + j] = c * gRows[o + j];
    }
    if (this.spec.reduction === "mean") {
      const k = 1 / this.weightSum;
      total *= k;
      for (let j = 0; j < dim; j++) grad[j] *= k;
      if (perPoint) for (let j = 0; j < perPoint.length; j++) perPoint[j] *= k;
    }
    return total;
  }

  /**
   * The Huber sum for five-parameter laws (Chinchilla's E, A, B, α, β) with the gradient in locals: the multi-start's
   * hot path, ~1.3× faster than the general loop (same operations in the same order, so the same numbers).
   */
  private huber5(grad: Float64Array): number {
    const { gRows, pred, target, weights, active, activeCount } = this;
    const delta = this.spec.delta;
    let total = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0;
    for (let k = 0, o = 0; k < activeCount; k++, o += 5) {
      const i = active[k];
      const w = weights[i];
      const r = target[i] - pred[k];
      const a = Math.abs(r);
      let rho: number, psi: number;
      if (a <= delta) { rho = 0.5 * r * r; psi = r; } else { rho = delta * (a - 0.5 * delta); psi = r > 0 ? delta : -delta; }
      total += w * rho;
      const c = -w * psi;
      g0 += c * gRows[o]; g1 += c * gRows[o + 1]; g2 += c * gRows[o + 2]; g3 += c * gRows[o + 3]; g4 += c * gRows[o + 4];
    }
    if (this.spec.reduction === "mean") {
      const m = 1 / this.weightSum;
      total *= m; g0 *= m; g1 *= m; g2 *= m; g3 *= m; g4 *= m;
    }
    grad[0] = g0; grad[1] = g1; grad[2] = g2; grad[3] = g3; grad[4] = g4;
    return total;
  }

  /** Residuals r_i (in the objective's space) and fitted values f_i at u. */
  residuals(u: ArrayLike<number>): { residuals: Float64Array; fitted: Float64Array } {
    this.bound.at(u);
    const residuals = new Float64Array(this.n);
    const fitted = new Float64Array(this.n);
    const log = this.spec.space === "log";
    this.bound.evaluate(this.allRows, this.n, log, this.pred, this.gRows);
    for (let i = 0; i < this.n; i++) {
      residuals[i] = this.target[i] - this.pred[i];
      fitted[i] = log ? Math.exp(this.pred[i]) : this.pred[i];
    }
    return { residuals, fitted };
  }

  /** log σ that minimises the Huber-likelihood objective for fixed law parameters (start value for σ). */
  initialLogSigma(uLaw: ArrayLike<number>): number {
    const { residuals } = this.residuals(uLaw);
    let sumAbs = 0, sumSq = 0;
    for (const r of residuals) { sumAbs += Math.abs(r); sumSq += r * r; }
    const n = residuals.length;
    // Linear-regime optimum σ = δ·mean|r|, quadratic-regime optimum σ = rms(r); keep the better of the two.
    const cands = [this.spec.delta * sumAbs / n, Math.sqrt(sumSq / n)].filter((x) => x > 0).map(Math.log);
    if (cands.length === 0) return 0;
    const u = new Float64Array(this.dim);
    for (let j = 0; j < this.p; j++) u[j] = uLaw[j];
    const g = new Float64Array(this.dim);
    let best = cands[0], bestF = Infinity;
    for (const c of cands) {
      u[this.p] = c;
      const f = this.evaluate(u, g);
      if (f < bestF) { bestF = f; best = c; }
    }
    return best;
  }
}
