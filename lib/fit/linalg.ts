/** Small dense linear algebra for p × p parameter matrices (p ≤ ~20): inverse, symmetric eigenvalues, covariance. */

export type Matrix = number[][];

/**
 * Inverse by Gauss–Jordan elimination with partial pivoting; null when singular to working precision.
 * @example fitMatrixInverse([[4, 7], [2, 6]]) // => [[0.6, -0.7], [-0.2, 0.4]]
 */
export function fitMatrixInverse(a: Matrix): Matrix | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...a.flat().map(Math.abs), 0);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    if (!(Math.abs(m[piv][c]) > 1e-14 * scale)) return null;
    [m[c], m[piv]] = [m[piv], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * Eigenvalues of a symmetric matrix (cyclic Jacobi), ascending.
 * @example symmetricEigenvalues([[2, 1], [1, 2]]) // => [1, 3]
 */
export function symmetricEigenvalues(a: Matrix): number[] {
  const n = a.length;
  const m = a.map((r) => [...r]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i][j] * m[i][j];
    if (off < 1e-30 * Math.max(1e-300, m.reduce((s, r, i) => s + r[i] * r[i], 0))) break;
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
      }
    }
  }
  return m.map((r, i) => r[i]).sort((x, y) => x - y);
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

/** x·A·x for a square matrix A. */
export function quadraticForm(a: Matrix, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) s += x[i] * a[i][j] * x[j];
  return s;
}
