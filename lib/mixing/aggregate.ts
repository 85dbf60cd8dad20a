/**
 * Overall validation loss from per-domain mixing laws (Ye et al. 2024): explicit aggregation with known validation
 * weights s_i, or implicit aggregation with weights learned from measured overall losses.
 */
import { InvalidInputError } from "../core";
import { predictMixture, type YeParamsLike } from "./mixing-law";
import { assertMixture, projectOntoSimplex } from "./simplex";


/**
 * Overall loss L(r) = Σ_i s_i·L_i(r) for validation-domain weights s (explicit aggregation).
 * @param laws one mixing law per validation domain (constants or fit results)
 * @param r training mixture
 * @param s validation-domain weights (≥ 0, Σ = 1), same order as `laws`
 * @returns overall validation loss, nats/token
 * @throws InvalidInputError for mismatched lengths or bad weights
 * @example aggregateLoss([{ c: 1, t1: 0, t2: 0 }, { c: 2, t1: 0, t2: 0 }], [0.5, 0.5], [0.25, 0.75]) // => 2.75
 * @see yeMixingCitation
 */
export function aggregateLoss(laws: readonly YeParamsLike[], r: ArrayLike<number>, s: ArrayLike<number>): number {
  const fn = "mixing.ye.aggregate";
  if (!Array.isArray(laws as unknown) || laws.length === 0) throw new InvalidInputError(fn, "laws must be a non-empty array (one per validation domain)");
  if (!s || s.length !== laws.length) throw new InvalidInputError(fn, `s has ${s?.length ?? 0} weights for ${laws.length} validation domains`);
  assertMixture(fn, "s", s, laws.length, 1e-6);
  return laws.reduce((acc, law, i) => acc + s[i] * predictMixture(r, law), 0);
}

/**
 * Implicit aggregation: validation-domain weights s (≥ 0, Σ = 1) that best explain measured overall losses as
 * Σ_i s_i·L_i, by projected-gradient least squares (convex, so the solution is global).
 * @param domainLosses rows of per-domain losses (predicted or measured), one row per run
 * @param overall measured overall loss of each run
 * @returns weights s, in the column order of domainLosses
 * @throws InvalidInputError for ragged or non-finite input
 * @example learnWeights([[1, 3], [2, 2], [3, 1]], [2.5, 2, 1.5]).map((x) => Math.round(x * 1e6) / 1e6) // => [0.25, 0.75]
 * @see yeMixingCitation
 */
export function learnWeights(domainLosses: readonly (readonly number[])[], overall: ArrayLike<number>): number[] {
  const fn = "mixing.ye.learnWeights";
  if (!Array.isArray(domainLosses as unknown) || domainLosses.length === 0) throw new InvalidInputError(fn, "domainLosses must be a non-empty array of rows");
  const m = domainLosses[0].length;
  if (!overall || overall.length !== domainLosses.length) throw new InvalidInputError(fn, `need one overall loss per row; got ${domainLosses.length} rows and ${overall?.length ?? 0} losses`);
  domainLosses.forEach((row, i) => {
    if (row.length !== m) throw new InvalidInputError(fn, `row ${i} has ${row.length} domain losses, expected ${m}`);
    row.forEach((x, j) => { if (!Number.isFinite(x)) throw new InvalidInputError(fn, `domainLosses[${i}][${j}] = ${x} is not finite`); });
    if (!Number.isFinite(overall[i])) throw new InvalidInputError(fn, `overall[${i}] = ${overall[i]} is not finite`);
  });
  // Step 1/Lipschitz constant of the gradient of ½‖As − y‖² (Frobenius norm bounds the spectral norm).
  let fro = 0;
  domainLosses.forEach((row) => row.forEach((x) => { fro += x * x; }));
  const step = 1 / Math.max(fro, 1e-300);
  let s = new Array<number>(m).fill(1 / m);
  for (let it = 0; it < 20000; it++) {
    const g = new Array<number>(m).fill(0);
    domainLosses.forEach((row, i) => {
      const res = row.reduce((a, x, j) => a + x * s[j], 0) - overall[i];
      row.forEach((x, j) => { g[j] += res * x; });
    });
    const next = projectOntoSimplex(s.map((v, j) => v - step * g[j]));
    const moved = next.reduce((a, v, j) => Math.max(a, Math.abs(v - s[j])), 0);
    s = next;
    if (moved < 1e-13) break;
  }
  return s;
}
