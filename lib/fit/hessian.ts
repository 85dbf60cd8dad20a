/**
 * Curvature-based uncertainty at the optimum. The Hessian H of the objective in optimiser coordinates u is
 * taken by central differences of the gradient (symmetrised), step h·|u_j| (h at 0) with h = 1e-6 for analytic
 * gradients: a Huber objective is only C¹ (its second derivative jumps where |r_i| = δ), and the former step 1e-4
 * moved residuals by ~2e-4 ≈ δ/5 on Chinchilla fits, so points crossed the kink and the estimate came out
 * indefinite ("not positive definite") on healthy fits; at 1e-6 and 1e-7 the eigenvalues agree to 1e-8. Gradients
 * by finite differences keep h = 1e-4 (their own error, ~1e-11, would dominate a smaller step). Covariance of u:
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
import { inverseOrNull, symmetricEigen, type Matrix } from "../numeric/linalg";

/** Central-difference Hessian of a function with a gradient; `relStep` h gives steps h·|x_j| (h at 0). */
export function numericHessian(fn: { dim: number; evaluate(x: Float64Array, g: Float64Array): number }, x: ArrayLike<number>,
  relStep = 1e-6): Matrix {
  const n = fn.dim;
  const xp = Float64Array.from(x);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  const h: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const step = relStep * (x[j] !== 0 ? Math.abs(x[j]) : 1);
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

/**
 * A direction in which the objective is (nearly) flat at the optimum: the data do not determine this combination of
 * parameters. Found on the Hessian scaled to unit diagonal (D^-½ H D^-½), so the test does not depend on units.
 */
export interface FlatDirection {
  /** Eigenvalue of the scaled Hessian divided by its largest, in [−KINK_CURVATURE, FLAT_CURVATURE]. */
  readonly curvature: number;
  /** Unit eigenvector in scaled optimiser coordinates, parameter order. */
  readonly loadings: readonly number[];
}

/**
 * Relative curvature below which a direction counts as flat. Healthy fits sit far above it: the Chinchilla fit of
 * Besiroglu et al.'s 240 points, whose A–α direction is the worst determined, has a smallest scaled eigenvalue of
 * ~1e-4; all-identical rows or a constant D give ≤ ~1e-9 (tests/fit/honest.test.ts).
 */
export const FLAT_CURVATURE = 1e-7;

/**
 * Relative curvature below which a negative eigenvalue is not a flat direction blurred by noise (a flat direction of
 * a Huber fit comes out as ~−3e-6 across its kinks) but a point where the objective has no usable curvature at all:
 * a kink of a near-L1 objective (Huber-likelihood with a tiny σ gives −6e-2) or a saddle.
 */
export const KINK_CURVATURE = 1e-4;

/**
 * Flat directions of a law-parameter Hessian block (a parameter with no curvature at all is its own direction);
 * `flatBelow` is the relative curvature that counts as flat.
 */
export function flatDirections(block: Matrix, flatBelow = FLAT_CURVATURE): FlatDirection[] {
  const p = block.length;
  const d = block.map((r, i) => r[i]);
  const dmax = Math.max(...d.map(Math.abs), 0);
  if (!(dmax > 0)) return Array.from({ length: p }, (_, i) => ({ curvature: 0, loadings: d.map((_, j) => (i === j ? 1 : 0)) }));
  // Parameters without curvature: report them alone, scale the rest.
  const alone = d.map((v) => !(v > 1e-14 * dmax));
  const out: FlatDirection[] = [];
  alone.forEach((a, i) => { if (a) out.push({ curvature: d[i] / dmax, loadings: d.map((_, j) => (i === j ? 1 : 0)) }); });
  const keep = d.map((_, i) => i).filter((i) => !alone[i]);
  if (keep.length === 0) return out;
  const scaled = keep.map((i) => keep.map((j) => block[i][j] / Math.sqrt(d[i] * d[j])));
  const { values, vectors } = symmetricEigen(scaled);
  const top = values[values.length - 1];
  values.forEach((v, k) => {
    if (v / top <= flatBelow && v / top >= -KINK_CURVATURE) {
      const loadings = new Array<number>(p).fill(0);
      keep.forEach((i, m) => { loadings[i] = vectors[k][m]; });
      out.push({ curvature: v / top, loadings });
    }
  });
  return out;
}

export interface CurvatureSummary {
  /** Hessian of the objective in optimiser coordinates (law parameters, then log σ when present). */
  readonly hessian: Matrix;
  /** Eigenvalues of the law-parameter block, ascending. */
  readonly eigenvalues: readonly number[];
  /** max |λ| / min |λ| of that block (Infinity when singular). */
  readonly conditionNumber: number;
  /** Directions of (near-)zero curvature of the law-parameter block (empty for a well-determined fit). */
  readonly flat: readonly FlatDirection[];
  /** Covariance of the law parameters in optimiser coordinates, or null when H is not positive definite. */
  readonly covarianceU: Matrix | null;
  readonly method: "hessian-inverse" | "hessian-least-squares" | "hessian-sandwich";
}

/**
 * Hessian, conditioning, flat directions and covariance (in u) at the optimum `u` of `objective`; `p` = law
 * parameters; `analyticGradient` selects the Hessian step (see above).
 */
export function curvatureAt(objective: FitObjective, u: Float64Array, p: number, n: number, analyticGradient = true): CurvatureSummary {
  const hessian = numericHessian(objective, u, analyticGradient ? 1e-6 : 1e-4);
  const block = hessian.slice(0, p).map((r) => r.slice(0, p));
  const eigenvalues = symmetricEigen(block).values;
  const absEig = eigenvalues.map(Math.abs);
  const conditionNumber = Math.min(...absEig) > 0 ? Math.max(...absEig) / Math.min(...absEig) : Infinity;
  const flat = flatDirections(block);
  const positive = symmetricEigen(hessian).values[0] > 0;
  const inv = positive ? inverseOrNull(hessian) : null;
  const kind = objective.spec.kind;
  const method = kind === "huber-likelihood" ? "hessian-inverse" : kind === "mse" ? "hessian-least-squares" : "hessian-sandwich";
  if (!inv) return { hessian, eigenvalues, conditionNumber, flat, covarianceU: null, method };
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
  return { hessian, eigenvalues, conditionNumber, flat, covarianceU: cov.slice(0, p).map((r) => r.slice(0, p)), method };
}

/**
 * The inverse Hessian at `u` (row-major), for warm-started refits of resampled data (L-BFGS's H0), or null when the
 * Hessian there is not positive definite or has a flat direction (its inverse would send the first steps arbitrarily
 * far along a direction the data do not determine); those refits then start from the plain γI. On Besiroglu et al.'s 240 points
 * it cuts a bootstrap refit from ~56 to ~12 evaluations, and the end points are closer to the resamples' optima: SEs
 * agree to 3e-5 with refits converged to gtol 1e-12, where the plain start's stopped up to 2.5% off.
 */
export function inverseHessianAt(objective: FitObjective, u: Float64Array, analyticGradient = true): Float64Array | null {
  const hessian = numericHessian(objective, u, analyticGradient ? 1e-6 : 1e-4);
  if (!(symmetricEigen(hessian).values[0] > 0) || flatDirections(hessian).length > 0) return null;
  const inv = inverseOrNull(hessian);
  return inv ? Float64Array.from(inv.flat()) : null;
}
