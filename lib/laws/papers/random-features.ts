/**
 * A linear random-feature model with a power-law data spectrum — the solvable model of Maloney, Roberts & Sully
 * (2022) and, trained by gradient descent, the dynamical model of Bordelon, Atanasov & Pehlevan (2024).
 *
 * Latent inputs x ∈ R^M have covariance Λ = diag(k^(−α)), k = 1..M; the target is y = w·x with w_k ~ N(0, 1); the
 * model sees N random features φ = F x (F Gaussian) and fits a linear readout v. The test loss is the exact
 * expectation over x: L(v) = (w − Fᵀv)ᵀ Λ (w − Fᵀv). With unlimited data the loss falls as N^(−(α−1)); with
 * unlimited features, as P^(−(α−1)) in the number of samples P.
 */
import { InvalidInputError } from "../../core";
import { Xoshiro128 } from "../../numeric/random";
import { inverseOrNull } from "../../numeric/linalg";

export interface RandomFeatureSetup {
  /** Number of random features (model size). */
  readonly N: number;
  /** Training samples; Infinity (default) uses the population readout. */
  readonly P?: number;
  /** Latent dimension (default 2000); keep N, P ≪ M so the spectrum's cut-off does not show. */
  readonly M?: number;
  /** Spectral decay α > 1 of the data covariance (default 1.5). */
  readonly alpha?: number;
  /** Gradient-descent steps from v = 0; omitted → the (ridge-regularised) least-squares solution. */
  readonly steps?: number;
  /** Relative ridge added to the normal equations (default 1e-10 · trace/N). */
  readonly ridge?: number;
  /** PRNG seed (default 1). */
  readonly seed?: number;
}

/**
 * Test loss of one draw of the random-feature model (exact expectation over test inputs).
 * @throws InvalidInputError for N, P, M or α out of range
 * @example randomFeatureLoss({ N: 4, M: 4, alpha: 2 }) < 1e-6 // => true
 */
export function randomFeatureLoss(setup: RandomFeatureSetup): number {
  const fn = "laws.papers.theory.solvableModel.simulate";
  const { N, P = Infinity, M = 2000, alpha = 1.5, steps, seed = 1 } = setup;
  if (!Number.isInteger(N) || N < 1) throw new InvalidInputError(fn, `N must be a positive integer, got ${N}`);
  if (!(P === Infinity || (Number.isInteger(P) && P >= 1))) throw new InvalidInputError(fn, `P must be a positive integer or Infinity, got ${P}`);
  if (!Number.isInteger(M) || M < N) throw new InvalidInputError(fn, `M must be an integer ≥ N, got ${M}`);
  if (!(alpha > 1)) throw new InvalidInputError(fn, `alpha must be > 1, got ${alpha}`, "the spectrum k^(−α) must be summable");
  if (steps !== undefined && !(Number.isInteger(steps) && steps >= 0)) throw new InvalidInputError(fn, `steps must be an integer ≥ 0, got ${steps}`);
  const rng = new Xoshiro128(seed);
  const randn = () => rng.nextNormal();
  const lam = Float64Array.from({ length: M }, (_, k) => (k + 1) ** -alpha);
  const w = Float64Array.from({ length: M }, randn);
  const F = Array.from({ length: N }, () => Float64Array.from({ length: M }, randn));
  // Population moments: G = F Λ Fᵀ, b = F Λ w, and the loss of v = 0.
  const G = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  const b = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < M; k++) b[i] += F[i][k] * lam[k] * w[k];
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < M; k++) s += F[i][k] * lam[k] * F[j][k];
      G[i][j] = G[j][i] = s;
    }
  }
  let L0 = 0;
  for (let k = 0; k < M; k++) L0 += lam[k] * w[k] * w[k];
  // The moments the readout is fitted on: population ones, or those of P samples.
  let Gfit = G, bfit = b;
  if (P !== Infinity) {
    Gfit = Array.from({ length: N }, () => new Array<number>(N).fill(0));
    bfit = new Float64Array(N);
    const phi = new Float64Array(N);
    for (let s = 0; s < P; s++) {
      const x = Float64Array.from(lam, (l) => Math.sqrt(l) * randn());
      let y = 0;
      for (let k = 0; k < M; k++) y += w[k] * x[k];
      for (let i = 0; i < N; i++) { let t = 0; for (let k = 0; k < M; k++) t += F[i][k] * x[k]; phi[i] = t; }
      for (let i = 0; i < N; i++) { bfit[i] += phi[i] * y / P; for (let j = 0; j < N; j++) Gfit[i][j] += phi[i] * phi[j] / P; }
    }
  }
  let trace = 0;
  for (let i = 0; i < N; i++) trace += Gfit[i][i];
  let v: Float64Array;
  if (steps === undefined) {
    const ridge = (setup.ridge ?? 1e-10) * trace / N;
    const inv = inverseOrNull(Gfit.map((row, i) => row.map((g, j) => g + (i === j ? ridge : 0))));
    if (!inv) throw new InvalidInputError(fn, "the feature covariance is singular", "raise `ridge`");
    v = Float64Array.from(inv, (row: number[]) => row.reduce((s, a, j) => s + a * bfit[j], 0));
  } else {
    // Gradient descent on ½vᵀGv − bᵀv with step 1/trace(G) (below 2/λ_max, so stable).
    v = new Float64Array(N);
    const lr = 1 / trace, grad = new Float64Array(N);
    for (let t = 0; t < steps; t++) {
      for (let i = 0; i < N; i++) { let s = -bfit[i]; for (let j = 0; j < N; j++) s += Gfit[i][j] * v[j]; grad[i] = s; }
      for (let i = 0; i < N; i++) v[i] -= lr * grad[i];
    }
  }
  let vGv = 0, vb = 0;
  for (let i = 0; i < N; i++) { vb += v[i] * b[i]; for (let j = 0; j < N; j++) vGv += v[i] * G[i][j] * v[j]; }
  return Math.max(L0 - 2 * vb + vGv, 0);
}
