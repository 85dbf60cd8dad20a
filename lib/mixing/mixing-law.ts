/**
 * Ye et al. 2024 data mixing law for one validation domain: L(r) = c + k·exp(Σ_j t_j r_j), r the training mixture.
 *
 * Gauge. Because Σ_j r_j = 1, k·exp(Σ t_j r_j) = exp(Σ (t_j + ln k) r_j): k and the t_j are not separately
 * identifiable, so every fit and every constant set here is in the gauge k = 1 (params c, t1 … tK).
 *
 * Two representations. A `Law` needs named scalar inputs, so the catalogue holds the law for a fixed number of
 * domains with inputs r1 … rK: `lawFor2` (the paper's 2-domain experiments) and `lawFor3` (3 domains), each with a
 * constant set refitted on the public runs. Their `predict` evaluates the formula at any r ≥ 0 (the exponent is
 * linear in r, so the formula is defined off the simplex too, which is what the formula-consistency test samples);
 * `predictMixture`, which takes the mixture as an array for any K, checks that r is a mixture (Σ = 1).
 */
import { InvalidInputError, type PublishedConstants } from "../core";
import { yeMixingCitation } from "../core/bibliography";
import { fitModel, fitModelSync } from "../fit/fit";
import type { Model } from "../fit/model";
import type { FitOptions } from "../fit/options";
import type { FitResult } from "../fit/result";
import { defineLaw, type Law } from "../laws/law";
import { assertMixture } from "./simplex";

/** Parameter names of the mixing law over K domains: c, t1 … tK. */
export type YeParam = "c" | `t${number}`;

/** A mixing law's constants in the k = 1 gauge, e.g. `{ c: 2.9, t1: -0.6, t2: -0.9, t3: -2.8 }`. */
export type YeParams = { readonly c: number } & { readonly [t: `t${number}`]: number };

/** The form of the paper, with an explicit scale k (folded into the t's: t_j + ln k). */
export interface YePaperParams {
  readonly c: number;
  readonly k?: number;
  readonly t: readonly number[];
}

/** Anything that holds a mixing law's constants: named (c, t1 …), the paper's (c, k, t[]), a fit or a published set. */
export type YeParamsLike = YeParams | YePaperParams | FitResult<string> | PublishedConstants<YeParams>;

/** Inputs of the law over K domains: r1 … rK. */
export type YeInputs = { readonly [r: `r${number}`]: number };

/** The constants as { c, t[] } in the k = 1 gauge. */
export function yeVector(fn: string, p: YeParamsLike): { c: number; t: number[] } {
  if (!p || typeof p !== "object") throw new InvalidInputError(fn, "params must be an object { c, t1, …, tK } (or a fit result)");
  const raw = ("kind" in p && p.kind === "fit-result") || "citation" in p ? (p as { params: Record<string, number> }).params : (p as Record<string, unknown>);
  const c = raw.c as number;
  if (!Number.isFinite(c)) throw new InvalidInputError(fn, `params.c = ${String(c)} is not finite`);
  let t: number[];
  if (Array.isArray(raw.t)) {
    const k = (raw.k as number | undefined) ?? 1;
    if (!(k > 0 && Number.isFinite(k))) throw new InvalidInputError(fn, `params.k = ${k}; k must be finite and > 0`);
    t = (raw.t as number[]).map((x) => x + Math.log(k));
  } else {
    t = [];
    for (let j = 1; `t${j}` in raw; j++) t.push(raw[`t${j}`] as number);
  }
  if (t.length === 0) throw new InvalidInputError(fn, "params has no t1 (one t per training domain)", "pass { c, t1, …, tK }");
  t.forEach((x, j) => { if (!Number.isFinite(x)) throw new InvalidInputError(fn, `params.t${j + 1} = ${x} is not finite`); });
  return { c, t };
}

const inputNames = (K: number) => Array.from({ length: K }, (_, j) => `r${j + 1}`);

const models = new Map<number, Model<YeInputs, YeParam>>();

/**
 * The mixing law over K training domains as a fitting Model (k = 1 gauge, params c, t1 … tK, analytic gradient),
 * rows { r1 … rK }. One model per K, built once.
 * @throws InvalidInputError for K < 2
 * @example yeModel(2).value([1, Math.log(2), Math.log(2)], { r1: 0.5, r2: 0.5 }) // => 3
 */
export function yeModel(K: number): Model<YeInputs, YeParam> {
  if (!(Number.isInteger(K) && K >= 2)) throw new InvalidInputError("mixing.ye", `domains = ${K}; need an integer ≥ 2`);
  let m = models.get(K);
  if (m) return m;
  const keys = inputNames(K) as `r${number}`[];
  const z = (th: ArrayLike<number>, x: YeInputs) => {
    let s = 0;
    for (let j = 0; j < K; j++) s += th[j + 1] * x[keys[j]];
    return s;
  };
  m = {
    id: `ye-mixing-${K}`,
    params: [
      { name: "c", description: "mixture-independent loss, nats/token" },
      ...keys.map((_, j) => ({ name: `t${j + 1}` as YeParam, description: `effect of training proportion r${j + 1} (k = 1 gauge)` })),
    ],
    value: (th, x) => th[0] + Math.exp(z(th, x)),
    valueAndGradient: (th, x, g) => {
      const e = Math.exp(z(th, x));
      g[0] = 1;
      for (let j = 0; j < K; j++) g[j + 1] = e * x[keys[j]];
      return th[0] + e;
    },
  };
  models.set(K, m);
  return m;
}

/**
 * Loss of one validation domain predicted for a mixture (or for each of several mixtures).
 * Formula: L(r) = c + exp(Σ_j t_j r_j) (k = 1 gauge; the paper's { c, k, t } is accepted too).
 * @param r training mixture (≥ 0, Σ = 1), one proportion per domain, or an array of mixtures
 * @param params c, t1 … tK (or a fit result, or { c, k, t })
 * @returns loss, nats/token
 * @throws InvalidInputError when r is not a mixture of K domains
 * @example predictMixture([0.3, 0.7], { c: 1, t1: Math.log(2), t2: Math.log(2) }) // => 3
 * @see yeMixingCitation
 */
export function predictMixture(r: ArrayLike<number>, params: YeParamsLike): number;
export function predictMixture(r: readonly ArrayLike<number>[], params: YeParamsLike): number[];
export function predictMixture(r: ArrayLike<number> | readonly ArrayLike<number>[], params: YeParamsLike): number | number[] {
  const fn = "mixing.ye.predict";
  const { c, t } = yeVector(fn, params);
  const one = (x: ArrayLike<number>, name: string) => {
    assertMixture(fn, name, x, t.length);
    let s = 0;
    for (let j = 0; j < t.length; j++) s += t[j] * x[j];
    return c + Math.exp(s);
  };
  if (Array.isArray(r) && r.length > 0 && typeof r[0] !== "number") return (r as readonly ArrayLike<number>[]).map((x, i) => one(x, `r[${i}]`));
  return one(r as ArrayLike<number>, "r");
}

/** Options of the mixing-law fit: the engine's options plus the start values of the t's. */
export interface YeFitOptions extends FitOptions {
  /**
   * Start values of every t_j (default [-4, -2, 0, 1]); c starts at {0, 0.5, 0.8, 0.95}·min L. Up to 4 domains the
   * starts are the full grid over (c, t1 … tK); with more, every t_j starts at the same grid value. A `grid` or
   * `starts` option replaces these starts.
   */
  readonly tGrid?: readonly number[];
}

/** Validated rows { r1 … rK } and the engine options of a mixing-law fit. */
function fitPlan(fn: string, R: readonly ArrayLike<number>[], L: ArrayLike<number>, options: YeFitOptions) {
  if (!Array.isArray(R) || R.length === 0) throw new InvalidInputError(fn, "R must be a non-empty array of mixtures");
  const K = R[0]?.length ?? 0;
  if (K < 2) throw new InvalidInputError(fn, `mixtures need ≥ 2 training domains, got ${K}`);
  R.forEach((r, i) => assertMixture(fn, `R[${i}]`, r, K));
  if (!L || L.length !== R.length) throw new InvalidInputError(fn, `need one loss per mixture; got ${R.length} mixtures and ${L?.length ?? 0} losses`);
  for (let i = 0; i < L.length; i++) {
    if (!(Number.isFinite(L[i]) && L[i] > 0)) throw new InvalidInputError(fn, `L[${i}] = ${L[i]}; losses must be finite and > 0`);
  }
  const keys = inputNames(K);
  const rows = R.map((r) => Object.fromEntries(keys.map((k, j) => [k, r[j]])) as YeInputs);
  const { tGrid = [-4, -2, 0, 1], ...engine } = options;
  const minL = Math.min(...Array.from(L));
  const cGrid = [0, 0.5, 0.8, 0.95].map((f) => f * minL);
  // Up to 4 domains: the full grid over (c, t1 … tK); beyond, 4^K explodes, so start from every (c, common t) pair.
  const starts = K <= 4
    ? { grid: Object.fromEntries([["c", cGrid], ...keys.map((_, j) => [`t${j + 1}`, [...tGrid]])]) as Record<string, number[]> }
    : { starts: cGrid.flatMap((c) => tGrid.map((t) => [c, ...new Array<number>(K).fill(t)])) };
  const opts: FitOptions = { objective: "mse", space: "linear", workers: 0, ...(engine.grid || engine.starts ? {} : starts), ...engine };
  return { model: yeModel(K), rows, opts };
}

/**
 * Fits the mixing law of one validation domain by least squares over a multi-start grid (lib/fit), in-process.
 * Formula: L(r) = c + exp(Σ_j t_j r_j) (k = 1 gauge). InsufficientDataError below K + 1 mixtures.
 * @param R training mixtures, one row per run (K ≥ 2 proportions each, Σ = 1)
 * @param L validation loss of each run on this domain, nats/token (> 0)
 * @param options start grid (tGrid) and engine options
 * @returns the FitResult (params c, t1 … tK); predict with `mixing.ye.predict(r, result)`
 * @example Math.round(fitMixtures([[0, 1], [0.25, 0.75], [0.5, 0.5], [0.75, 0.25], [1, 0]], [0, 0.25, 0.5, 0.75, 1].map((a) => 1 + Math.exp(-a))).params.c * 1e4) / 1e4 // => 1
 * @see yeMixingCitation
 */
export function fitMixtures(R: readonly ArrayLike<number>[], L: ArrayLike<number>, options: YeFitOptions = {}): FitResult<YeParam> {
  const { model, rows, opts } = fitPlan("mixing.ye.fitSync", R, L, options);
  return fitModelSync(model, rows, L, opts);
}

/** {@link fitMixtures} as a Promise (same fit; pass `workers` to spread the starts over threads for K = 2, 3). */
export function fitMixturesAsync(R: readonly ArrayLike<number>[], L: ArrayLike<number>, options: YeFitOptions = {}): Promise<FitResult<YeParam>> {
  const { model, rows, opts } = fitPlan("mixing.ye.fit", R, L, options);
  return fitModel(model, rows, L, opts);
}

/** A catalogue Law for K domains, with inputs r1 … rK and one constant set refitted on public runs. */
function yeLaw(K: number, published: Record<string, PublishedConstants<YeParams>>, range: readonly [number, number]) {
  const keys = inputNames(K);
  const model = yeModel(K);
  const terms = keys.map((r, j) => `t${j + 1} * ${r}`).join(" + ");
  return defineLaw<YeInputs, YeParam>({
    id: model.id,
    api: `mixing.ye.lawFor${K}`,
    name: `Data mixing law over ${K} domains (Ye et al. 2024)`,
    topic: "mixing",
    latex: `L(${keys.map((_, j) => `r_${j + 1}`).join(", ")}) = c + \\exp\\Big(\\sum_{j=1}^{${K}} t_j r_j\\Big)\\quad (k = 1\\text{ gauge of } c + k\\,e^{\\sum t_j r_j})`,
    formula: `c + exp(${terms})`,
    inputs: Object.fromEntries(keys.map((r) => [r, `training proportion of domain ${r.slice(1)} (fraction; Σ r = 1)`])) as Record<`r${number}`, string>,
    output: "validation loss on one domain, nats/token",
    params: model.params,
    published,
    ranges: Object.fromEntries(keys.map((r) => [r, range])) as Record<`r${number}`, readonly [number, number]>,
    citation: yeMixingCitation,
    signedInputs: keys as `r${number}`[],
    model,
    module: __filename,
    fitDefaults: { objective: "mse", space: "linear" },
    predict: (x, p) => {
      let s = 0;
      keys.forEach((r, j) => {
        const v = x[r as `r${number}`];
        if (v < 0) throw new InvalidInputError(`mixing.ye.lawFor${K}.predict`, `${r} = ${v}; proportions must be ≥ 0`);
        s += p[`t${j + 1}` as YeParam] * v;
      });
      return p.c + Math.exp(s);
    },
  });
}

const refit = (where: string): PublishedConstants<YeParams>["citation"] => ({ ...yeMixingCitation, where });

/**
 * The mixing law over 2 training domains (Github, Pile-CC in the paper's 2Mix runs), inputs r1, r2.
 * Constants: this project's least-squares refit (k = 1 gauge) of yegcjs/mixinglaws data/2Mix/70M.txt at step 30000,
 * Pile-CC validation loss, the 5 mixtures r_Github ∈ {0.25 … 0.75} (tests/mixing/ye-heldout.test.ts refits them).
 * @example lawFor2.predict({ r1: 0.5, r2: 0.5 }) > 3 // => true
 */
export const lawFor2: Law<YeInputs, YeParam> = yeLaw(2, {
  pileCC70M: {
    name: "2Mix 70M, step 30000, Pile-CC (refit of the public runs)",
    params: { c: 3.423182, t1: -0.6225594, t2: -3.220188 },
    status: "confirmed",
    citation: refit("refit of data/2Mix/70M.txt, step 30000, Pile-CC validation loss"),
    note: "r1 = Github, r2 = Pile-CC; loss in nats/token; k = 1 gauge. Recomputed from public data, not printed in the paper.",
  },
}, [0.25, 0.75]);

/**
 * The mixing law over 3 training domains (Github, Books3, Pile-CC in the paper's 3Mix runs), inputs r1, r2, r3.
 * Constants: this project's refit (k = 1 gauge) of data/3Mix/410M.txt at step 60000, Pile-CC validation loss, the 20
 * mixtures with every proportion > 0 (proportions 0.125 … 0.75).
 * @example lawFor3.predict({ r1: 0.25, r2: 0.25, r3: 0.5 }) > 2.9 // => true
 */
export const lawFor3: Law<YeInputs, YeParam> = yeLaw(3, {
  pileCC410M: {
    name: "3Mix 410M, step 60000, Pile-CC (refit of the public runs)",
    params: { c: 2.920094, t1: -0.6251115, t2: -0.8632809, t3: -2.804169 },
    status: "confirmed",
    citation: refit("refit of data/3Mix/410M.txt, step 60000, Pile-CC validation loss, mixtures with all proportions > 0"),
    note: "r1 = Github, r2 = Books3, r3 = Pile-CC; loss in nats/token; k = 1 gauge. Recomputed from public data, not printed in the paper.",
  },
}, [0.125, 0.75]);
