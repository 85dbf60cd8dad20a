/**
 * Curvature-based uncertainty at the optimum. The Hessian H of the objective in optimiser coordinates u is
 * taken by central differences of the analytic gradient (step 1e-4·|u_j|, 1e-4 at 0; symmetrised). Covariance of u:
 *   "huber-likelihood"  H⁻¹ of the negative log-likelihood (observed information; the σ row/column is dropped
 *                       after inversion)
 *   "mse"               s²·(H/2)⁻¹ with s² = Σ w r² / (n − p)   (nonlinear least squares, as NIST StRD reports)
 *   "huber"             sandwich H⁻¹ (Σ g_i g_iᵀ) H⁻¹ · n/(n − p), g_i = point i's gradient contribution
 *                       (Huber's M-estimator covariance). With small δ few points sit in the quadratic zone, so
 *                       H is poorly determined; the bootstrap is the better interval there.
 * Mean reduction scales H and g_i alike, so the covariances do not depend on it. Natural units by the delta
 * method: cov(θ) = J cov(u) J with J = diag(dθ/du).
 */
import type { FitObjective } from "./objective";
import { fitMatrixInverse, symmetricEigenvalues, type Matrix } from "./linalg";

/** Central-difference Hessian of a function with analytic gradient. */
export function numericHessian(fn: { dim: number; evaluate(x: Float64Array, g: Float64Array): number }, x: ArrayLike<number>): Matrix {
  const n = fn.dim;
  const xp = Float64Array.from(x);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  const h: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const step = 1e-4 * (x[j] !== 0 ? Math.abs(x[j]) : 1);
    xp[j] = x[j] + step;
    fn.evaluate(xp, gp);
    xp[j] = x[j] - step;
    fn.evaluate(xp, gm);
    xp[j] = x[j];
    for (let i = 0; i < n; i++) h[i][j] = (gp[i] - gm[i]) / (2 * step);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) h[i][j] = h[j][i] = 0.5 * (h[i][j] + h[j][i]);
  return h;
}

export interface CurvatureSummary {
  /** Hessian of the objective in optimiser coordinates (law parameters, then log σ when present). */
  readonly hessian: Matrix;
  /** Eigenvalues of the law-parameter block, ascending. */
  readonly eigenvalues: readonly number[];
  /** max |λ| / min |λ| of that block (Infinity when singular). */
  readonly conditionNumber: number;
  /** Covariance of the law parameters in optimiser coordinates, or null when H is not positive definite. */
  readonly covarianceU: Matrix | null;
  readonly method: "hessian-inverse" | "hessian-least-squares" | "hessian-sandwich";
}

/** Hessian, conditioning and covariance (in u) at the optimum `u` of `objective`; `p` = law parameters. */
export function curvatureAt(objective: FitObjective, u: Float64Array, p: number, n: number): CurvatureSummary {
  const hessian = numericHessian(objective, u);
  const block = hessian.slice(0, p).map((r) => r.slice(0, p));
  const eigenvalues = symmetricEigenvalues(block);
  const absEig = eigenvalues.map(Math.abs);
  const conditionNumber = Math.min(...absEig) > 0 ? Math.max(...absEig) / Math.min(...absEig) : Infinity;
  const positive = symmetricEigenvalues(hessian)[0] > 0;
  const inv = positive ? fitMatrixInverse(hessian) : null;
  const kind = objective.spec.kind;
  const method = kind === "huber-likelihood" ? "hessian-inverse" : kind === "mse" ? "hessian-least-squares" : "hessian-sandwich";
  if (!inv) return { hessian, eigenvalues, conditionNumber, covarianceU: null, method };
  let cov: Matrix;
  if (kind === "huber-likelihood") {
    // Observed information is the Hessian of the summed NLL; a mean-reduced NLL is that / W.
    const W = objective.spec.reduction === "mean" ? objective.totalWeight : 1;
    cov = inv.map((r) => r.map((v) => v / W));
  } else if (kind === "mse") {
    // Objective = Σ w r² (or that / W for mean): s² = Σ w r² / (n − p), cov = 2 s² H_sum⁻¹.
    const W = objective.totalWeight;
    const mean = objective.spec.reduction === "mean";
    const f = objective.evaluate(u, new Float64Array(objective.dim));
    const s2 = (mean ? f * W : f) / Math.max(n - p, 1);
    cov = inv.map((r) => r.map((v) => (2 * s2 * v) / (mean ? W : 1)));
  } else {
    const g = new Float64Array(objective.dim);
    const perPoint = new Float64Array(n * objective.dim);
    objective.accumulate(u, g, perPoint);
    const d = objective.dim;
    const meat: Matrix = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < d; a++) {
        const ga = perPoint[i * d + a];
        if (ga === 0) continue;
        for (let b = 0; b < d; b++) meat[a][b] += ga * perPoint[i * d + b];
      }
    }
    const corr = n / Math.max(n - p, 1);
    cov = inv.map((row, a) => row.map((_, b) => {
      let s = 0;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s += inv[a][i] * meat[i][j] * inv[j][b];
      return s * corr;
    }));
  }
  return { hessian, eigenvalues, conditionNumber, covarianceU: cov.slice(0, p).map((r) => r.slice(0, p)), method };
}
