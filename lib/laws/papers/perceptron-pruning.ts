/**
 * The teacher–student perceptron of Sorscher et al. (2022), simulated: Gaussian inputs in d dimensions labelled by
 * a teacher direction, a pool of examples pruned by their margin |w*·x| under a perfect ranking (the teacher
 * itself), and a max-margin student (linear SVM, dual coordinate descent) trained on what is kept. The test error of
 * a direction w is exactly angle(w, w*)/π for isotropic inputs. With a large pool, keeping the hardest (smallest-
 * margin) examples beats keeping a random subset of the same size; with a small pool, keeping the easiest does.
 */
import { InvalidInputError } from "../../core";
import { Xoshiro128 } from "../../numeric/random";

export interface PruningSetup {
  /** Input dimension (default 20). */
  readonly d?: number;
  /** Pool size before pruning, examples. */
  readonly pool: number;
  /** Examples kept after pruning (≤ pool). */
  readonly keep: number;
  /** Which examples are kept: the smallest margins ("hard"), the largest ("easy") or a random subset. */
  readonly keepWhich: "hard" | "easy" | "random";
  /** PRNG seed (default 1). */
  readonly seed?: number;
}

/**
 * Test error of the max-margin student trained on the pruned pool (one draw).
 * @throws InvalidInputError for sizes out of range
 * @example pruningError({ d: 5, pool: 400, keep: 400, keepWhich: "random" }) < 0.05 // => true
 */
export function pruningError(setup: PruningSetup): number {
  const fn = "laws.papers.data.sorscherPruning.simulate";
  const { d = 20, pool, keep, keepWhich, seed = 1 } = setup;
  if (!Number.isInteger(d) || d < 2) throw new InvalidInputError(fn, `d must be an integer ≥ 2, got ${d}`);
  if (!Number.isInteger(pool) || pool < 1) throw new InvalidInputError(fn, `pool must be a positive integer, got ${pool}`);
  if (!Number.isInteger(keep) || keep < 1 || keep > pool) throw new InvalidInputError(fn, `keep must be an integer in [1, pool], got ${keep}`);
  if (!["hard", "easy", "random"].includes(keepWhich)) throw new InvalidInputError(fn, `keepWhich must be "hard", "easy" or "random", got ${String(keepWhich)}`);
  const rng = new Xoshiro128(seed);
  const randn = () => {
    const u = (rng.nextUint32() + 1) / 4294967297, v = rng.nextUint32() / 4294967296;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const teacher = Float64Array.from({ length: d }, randn);
  const tn = Math.hypot(...teacher);
  teacher.forEach((t, j) => { teacher[j] = t / tn; });
  const xs = Array.from({ length: pool }, () => Float64Array.from({ length: d }, randn));
  const margin = xs.map((x) => x.reduce((s, xj, j) => s + xj * teacher[j], 0));
  let order = xs.map((_, i) => i);
  if (keepWhich === "random") {
    for (let i = order.length - 1; i > 0; i--) { const j = rng.nextUint32() % (i + 1); [order[i], order[j]] = [order[j], order[i]]; }
  } else {
    order.sort((a, b) => (keepWhich === "hard" ? 1 : -1) * (Math.abs(margin[a]) - Math.abs(margin[b])));
  }
  order = order.slice(0, keep);
  // Hard-margin SVM through the bias-free dual with a large box C, by coordinate descent (Hsieh et al. 2008).
  const C = 1e6, w = new Float64Array(d), alpha = new Float64Array(keep);
  const q = order.map((i) => xs[i].reduce((s, v) => s + v * v, 0));
  for (let epoch = 0; epoch < 300; epoch++) {
    let maxStep = 0;
    order.forEach((i, k) => {
      const y = margin[i] >= 0 ? 1 : -1, x = xs[i];
      const g = y * x.reduce((s, xj, j) => s + xj * w[j], 0) - 1;
      const next = Math.min(Math.max(alpha[k] - g / q[k], 0), C), step = next - alpha[k];
      if (step !== 0) { for (let j = 0; j < d; j++) w[j] += step * y * x[j]; alpha[k] = next; maxStep = Math.max(maxStep, Math.abs(step)); }
    });
    if (maxStep < 1e-10) break;
  }
  const wn = Math.hypot(...w);
  if (!(wn > 0)) return 0.5;
  const cos = Math.min(1, Math.max(-1, w.reduce((s, wj, j) => s + wj * teacher[j], 0) / wn));
  return Math.acos(cos) / Math.PI;
}
