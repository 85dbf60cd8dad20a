/**
 * Goyal et al. 2024 scaling law for data filtering (QQT): a pool's utility exponent b decays with every repetition
 * with half-life τ, b_k = b·(1/2)^(k/τ); the error follows y = d + (a·n/Z)^b in the first epoch and y_k =
 * y_{k−1}·(n_k/n_{k−1})^(b_k) over later epochs. Pools combine into an effective exponent Σ b_i δ_i / Σ δ_i with
 * δ_i = (1/2)^(k_i/τ_i). Form confirmed from locuslab/scaling_laws_data_filtering objective.py (reference §11.4);
 * fitted on CLIP/DataComp, not language models; no constants are published in the repository.
 */
import { assertPositive, defineCard, InvalidInputError } from "../core";
import { qqtCitation } from "../core/bibliography";


/** QQT parameters of one data pool. */
export interface QqtParams {
  /** a: utility scale (> 0). */
  readonly a: number;
  /** b: utility exponent of fresh data (< 0 for an error or loss that falls with data). */
  readonly b: number;
  /** τ: repetition half-life in epochs (> 0). */
  readonly tau: number;
  /** d: offset of the curve (error floor), in the metric's units. */
  readonly d: number;
}

/** The normaliser Z of the samples seen (1e5 in objective.py). */
export const QQT_NORMALIZER = 1e5;

/**
 * Exponent of a pool at its k-th repetition, b_k = b·(1/2)^(k/τ).
 * @example utilityExponent(-0.2, 2, 2) // => -0.1
 * @see qqtCitation
 */
export function utilityExponent(b: number, k: number, tau: number): number {
  const fn = "mixing.qqt.exponent";
  if (!Number.isFinite(b)) throw new InvalidInputError(fn, `b = ${b} is not finite`);
  if (!(k >= 0 && Number.isFinite(k))) throw new InvalidInputError(fn, `k = ${k}; the repetition index must be ≥ 0`);
  assertPositive(fn, "tau", tau);
  return b * 0.5 ** (k / tau);
}

/**
 * Error after n samples drawn from one pool of `samplesPerEpoch` samples (the pool is repeated once exhausted).
 * Formula: first epoch y = d + (a·n/Z)^b; epoch k > 0: y ← y·(n_k/n_{k−1})^(b_k), n_k the cumulative samples.
 * @param n samples seen (> 0)
 * @param samplesPerEpoch pool size (> 0)
 * @param p a, b, tau, d
 * @param Z normaliser (default 1e5, as in objective.py)
 * @returns error / loss in the metric's units
 * @throws InvalidInputError for non-positive n, pool size, a, tau or Z
 * @example qqtLoss(1e5, 1e6, { a: 1, b: -0.5, tau: 1, d: 0 }) // => 1
 * @see qqtCitation
 */
export function qqtLoss(n: number, samplesPerEpoch: number, p: QqtParams, Z = QQT_NORMALIZER): number {
  const fn = "mixing.qqt.loss";
  assertPositive(fn, "n", n);
  assertPositive(fn, "samplesPerEpoch", samplesPerEpoch);
  assertPositive(fn, "a", p.a);
  assertPositive(fn, "tau", p.tau);
  assertPositive(fn, "Z", Z);
  if (!Number.isFinite(p.b) || !Number.isFinite(p.d)) throw new InvalidInputError(fn, `b = ${p.b}, d = ${p.d}; both must be finite`);
  const first = Math.min(n, samplesPerEpoch);
  let y = p.d + ((p.a * first) / Z) ** p.b;
  for (let k = 1, prev = samplesPerEpoch; prev < n; k++) {
    const next = Math.min(n, (k + 1) * samplesPerEpoch);
    y *= (next / prev) ** utilityExponent(p.b, k, p.tau);
    prev = next;
  }
  return y;
}

/**
 * Effective utility exponent of pools seen together: Σ_i b_i δ_i / Σ_i δ_i with δ_i = (1/2)^(k_i/τ_i), k_i the
 * current repetition of pool i.
 * @param pools each pool's b, tau and current repetition k
 * @returns the combined exponent
 * @throws InvalidInputError for an empty list or bad entries
 * @example combinedExponent([{ b: -0.2, tau: 1, k: 0 }, { b: -0.1, tau: 1, k: 1 }]) // => -0.16666666666666666
 * @see qqtCitation
 */
export function combinedExponent(pools: readonly { b: number; tau: number; k: number }[]): number {
  const fn = "mixing.qqt.combinedExponent";
  if (!Array.isArray(pools as unknown) || pools.length === 0) throw new InvalidInputError(fn, "pools must be a non-empty array of { b, tau, k }");
  let num = 0, den = 0;
  pools.forEach((q, i) => {
    if (!Number.isFinite(q.b)) throw new InvalidInputError(fn, `pools[${i}].b = ${q.b} is not finite`);
    if (!(q.k >= 0)) throw new InvalidInputError(fn, `pools[${i}].k = ${q.k}; repetitions must be ≥ 0`);
    assertPositive(fn, `pools[${i}].tau`, q.tau);
    const delta = 0.5 ** (q.k / q.tau);
    num += q.b * delta;
    den += delta;
  });
  return num / den;
}

export const qqtCard = defineCard({
  id: "qqt-data-filtering",
  name: "Scaling law for data filtering, quality-quantity trade-off (Goyal et al. 2024)",
  topic: "mixing",
  latex: "b_k = b\\,(1/2)^{k/\\tau},\\quad y(n) = d + (a n / Z)^{b_0},\\quad y_k = y_{k-1} (n_k/n_{k-1})^{b_k}",
  formula: "b_k = b * 0.5^(k/tau); y = d + (a*n/Z)^b first epoch; y_k = y_{k-1} * (n_k/n_{k-1})^b_k",
  variables: {
    n: "samples seen", k: "repetition (epoch) index of the pool", "τ": "repetition half-life, epochs",
    Z: "normaliser of n (1e5)", y: "error (CLIP/DataComp downstream error in the paper)",
  },
  citation: qqtCitation,
  status: "confirmed",
  api: "mixing.qqt",
});

/**
 * Goyal et al.'s quality-quantity trade-off for data filtering: `loss(n, samplesPerEpoch, p)`, the per-repetition
 * `exponent(b, k, tau)`, `combinedExponent(pools)`, the normaliser `Z` and the card.
 * @example qqt.loss(1e5, 1e6, { a: 1, b: -0.5, tau: 1, d: 0 }) // => 1
 */
export const qqt = { loss: qqtLoss, exponent: utilityExponent, combinedExponent, Z: QQT_NORMALIZER, card: qqtCard } as const;
