/**
 * Small dense linear algebra for parameter-sized matrices (p ≲ 50): LU solve and inverse with a clear singular-matrix
 * error, symmetric eigen-decomposition with vectors (cyclic Jacobi), quadratic forms and sample covariance.
 * Hand-written rather than mathjs: these run inside every fit (Hessian, bootstrap summaries, normal equations) on
 * plain number[][] and need a typed "singular" outcome; mathjs's `eigs` also returns complex-typed values.
 */
import { ScalingLabError } from "../core";

export type Matrix = number[][];

/** The matrix is singular to working precision (a pivot below 1e-14 × its largest entry). */
export class SingularMatrixError extends ScalingLabError {
  override name = "SingularMatrixError";
}

/** LU factors with partial pivoting, packed in one matrix; `perm[i]` = original row of row i. */
interface LU {
  readonly lu: Matrix;
  readonly perm: number[];
}

function luDecompose(fn: string, a: readonly (readonly number[])[]): LU {
  const n = a.length;
  const lu = a.map((row) => {
    if (row.length !== n) throw new ScalingLabError(fn, `matrix is not square (${n} rows, a row of ${row.length})`);
    return [...row];
  });
  const perm = Array.from({ length: n }, (_, i) => i);
  let scale = 0;
  for (const row of lu) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(lu[r][c]) > Math.abs(lu[piv][c])) piv = r;
    if (!(Math.abs(lu[piv][c]) > 1e-14 * scale)) {
      throw new SingularMatrixError(fn, `the ${n}×${n} matrix is singular to working precision (pivot ${c + 1})`,
        "the system has a direction with no information: remove collinear columns or add data");
    }
    if (piv !== c) {
      [lu[c], lu[piv]] = [lu[piv], lu[c]];
      [perm[c], perm[piv]] = [perm[piv], perm[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = (lu[r][c] /= lu[c][c]);
      if (f !== 0) for (let k = c + 1; k < n; k++) lu[r][k] -= f * lu[c][k];
    }
  }
  return { lu, perm };
}

function luSolve({ lu, perm }: LU, b: ArrayLike<number>): number[] {
  const n = lu.length;
  const x = perm.map((i) => b[i]);
  for (let r = 1; r < n; r++) for (let k = 0; k < r; k++) x[r] -= lu[r][k] * x[k];
  for (let r = n - 1; r >= 0; r--) {
    for (let k = r + 1; k < n; k++) x[r] -= lu[r][k] * x[k];
    x[r] /= lu[r][r];
  }
  return x;
}

/**
 * Solves A x = b by LU with partial pivoting.
 * @throws SingularMatrixError when A is singular to working precision
 * @example solve([[2, 1], [1, 3]], [3, 5]) // => [0.8, 1.4]
 */
export function solve(a: readonly (readonly number[])[], b: ArrayLike<number>, fn = "solve"): number[] {
  if (b.length !== a.length) throw new ScalingLabError(fn, `right-hand side has ${b.length} entries for ${a.length} rows`);
  return luSolve(luDecompose(fn, a), b);
}

/**
 * Inverse by LU with partial pivoting.
 * @throws SingularMatrixError when A is singular to working precision
 * @example inverse([[4, 7], [2, 6]]).map((r) => r.map((v) => +v.toFixed(12))) // => [[0.6, -0.7], [-0.2, 0.4]]
 */
export function inverse(a: readonly (readonly number[])[], fn = "inverse"): Matrix {
  const f = luDecompose(fn, a);
  const n = a.length;
  const cols = Array.from({ length: n }, (_, j) => luSolve(f, Array.from({ length: n }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
}

/** {@link inverse}, or null when the matrix is singular (for callers that report singularity as a diagnostic). */
export function inverseOrNull(a: readonly (readonly number[])[]): Matrix | null {
  try {
    return inverse(a);
  } catch (e) {
    if (e instanceof SingularMatrixError) return null;
    throw e;
  }
}

/** Eigenvalues ascending; `vectors[k]` is the unit eigenvector of `values[k]`. */
export interface SymmetricEigen {
  readonly values: number[];
  readonly vectors: number[][];
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (accurate to ~1e-15 relative to the largest
 * eigenvalue; O(p³) per sweep, fine for p ≲ 50). Only the upper triangle's symmetric part matters.
 * @example symmetricEigen([[2, 1], [1, 2]]).values // => [1, 3]
 */
export function symmetricEigen(a: readonly (readonly number[])[]): SymmetricEigen {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, diag = 0;
    for (let i = 0; i < n; i++) {
      diag += m[i][i] * m[i][i];
      for (let j = i + 1; j < n; j++) off += m[i][j] * m[i][j];
    }
    if (off <= 1e-32 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (m[p][q] === 0) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p], mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k], mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p], vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[x][x] - m[y][y]);
  return { values: order.map((i) => m[i][i]), vectors: order.map((i) => v.map((row) => row[i])) };
}

/** Sample covariance (denominator n − 1) of row vectors. */
export function sampleCovariance(samples: readonly ArrayLike<number>[]): Matrix {
  const n = samples.length;
  const p = n ? samples[0].length : 0;
  const mean = new Array<number>(p).fill(0);
  for (const s of samples) for (let j = 0; j < p; j++) mean[j] += s[j] / n;
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const s of samples) {
    for (let i = 0; i < p; i++) {
      const di = s[i] - mean[i];
      for (let j = i; j < p; j++) cov[i][j] += (di * (s[j] - mean[j])) / (n - 1);
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) cov[i][j] = cov[j][i];
  return cov;
}

/**
 * x·A·x for a square matrix A.
 * @example quadraticForm([[2, 0], [0, 3]], [1, 2]) // => 14
 */
export function quadraticForm(a: readonly (readonly number[])[], x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) s += x[i] * a[i][j] * x[j];
  return s;
}
