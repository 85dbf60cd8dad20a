/**
 * Gadre et al. 2024, "Language models scale reliably with over-training and on downstream tasks": loss as a
 * function of parameters N and the token multiplier M = D/N, fitted on small models and extrapolated to
 * over-trained and larger ones (mlfoundations/scaling `powlaw_ours`, `fit_ds`).
 */
import { assertPositive, DataError, displayResult, InvalidInputError, type PublishedConstants } from "../core";
import type { Model } from "../fit/model";
import { fitModelSync } from "../fit/fit";
import type { FitResult } from "../fit/result";
import { defineLaw, paramsOf, type ParamsLike } from "./law";

import { gadreCitation } from "../core/bibliography";


/** Code form of the law (eta < 0): L(N, M) = a·N^eta + b·6^(eta/2)·(M·N)^eta + E. */
export interface GadreOvertrainingParams {
  readonly a: number;
  readonly b: number;
  /** Exponent in the code's parametrisation (< 0); the paper's compute exponent is −eta/2. */
  readonly eta: number;
  /** Irreducible loss, nats/token. */
  readonly E: number;
}


/** A fit per training set (C4 eval loss), recomputed from the public JSONs and rounded as in the reference. */
function recomputedFit(label: string, trainSet: string, params: GadreOvertrainingParams): PublishedConstants<GadreOvertrainingParams> {
  return {
    name: `Gadre et al. 2024, ${label} (C4 eval loss)`,
    params,
    status: "confirmed",
    citation: gadreCitation,
    note: "N = total parameters incl. embeddings, M = D/N = 20 × chinchilla_multiplier, C = 6ND; loss = C4 eval loss (nats/token). " +
      `Recomputed from the public model JSONs with the repository's fit_ds procedure (train set ${trainSet}), rounded as in the reference.`,
  };
}

export const GADRE_OVERTRAINING_RPJ = recomputedFit("RedPajama", "rpj", { a: 166.2, b: 366.7, eta: -0.2729, E: 1.8366 });
export const GADRE_OVERTRAINING_C4 = recomputedFit("C4", "c4_original", { a: 113.7, b: 189.5, eta: -0.2425, E: 1.5083 });
export const GADRE_OVERTRAINING_RW = recomputedFit("RefinedWeb", "rw_original", { a: 125.1, b: 246.2, eta: -0.2544, E: 1.7345 });

function checkEta(fn: string, p: GadreOvertrainingParams): void {
  assertPositive(fn, "params.a", p.a);
  assertPositive(fn, "params.b", p.b);
  if (!(p.eta < 0)) throw new InvalidInputError(fn, `params.eta must be < 0 (code parametrisation), got ${p.eta}`);
}

/** One fit row: parameters and token multiplier. */
export interface GadreOvertrainingRow {
  readonly N: number;
  readonly M: number;
}

/**
 * The over-training law as a Model over {N, M}: params a, b (optimised in log space), eta, E (unbounded, as in
 * the repository's curve_fit). Analytic gradient.
 * @example gadreOvertrainingModel.value([166.2, 366.7, -0.2729, 1.8366], { N: 6889410560, M: 20 }) // => 2.44196
 * @see gadreCitation
 */
export const gadreOvertrainingModel: Model<GadreOvertrainingRow, keyof GadreOvertrainingParams> = {
  id: "gadre-overtraining",
  params: [
    { name: "a", transform: "log", description: "scale of the N term" },
    { name: "b", transform: "log", description: "scale of the D term" },
    { name: "eta", description: "exponent (< 0); compute exponent is −eta/2" },
    { name: "E", description: "irreducible loss, nats" },
  ],
  value: (th, x) => th[0] * x.N ** th[2] + th[1] * 6 ** (th[2] / 2) * (x.M * x.N) ** th[2] + th[3],
  valueAndGradient: (th, x, g) => {
    const tN = x.N ** th[2];
    const tD = 6 ** (th[2] / 2) * (x.M * x.N) ** th[2];
    g[0] = tN;
    g[1] = tD;
    g[2] = th[0] * tN * Math.log(x.N) + th[1] * tD * (Math.log(6) / 2 + Math.log(x.M * x.N));
    g[3] = 1;
    return th[0] * tN + th[1] * tD + th[3];
  },
};

/** One trained model of the Gadre et al. grid, parsed from its exp_data/models/<name>.json. */
export interface GadreRun {
  /** File stem, e.g. "rpj-open_lm_7b-1.0". */
  readonly name: string;
  /** Training set: "rpj", "c4_original" or "rw_original". */
  readonly trainSet: string;
  /** Architecture config, e.g. "d=96_l=8_h=4" or "open_lm_7b". */
  readonly config: string;
  /** Parameters incl. embeddings. */
  readonly N: number;
  /** Parameters without embeddings. */
  readonly NNoEmbed: number;
  /** Training tokens. */
  readonly D: number;
  /** Token multiplier M = 20 × chinchilla_multiplier. */
  readonly M: number;
  /** C = 6ND. */
  readonly C: number;
  /** Eval losses by split, dashes written as underscores: c4_val, openlm, paloma_falcon_refinedweb, …, val_de_en_100 (nats/token). */
  readonly losses: Readonly<Record<string, number>>;
}

/** The training sets of the Gadre et al. grid and their names in the figures. */
export const GADRE_TRAIN_SETS: Readonly<Record<string, string>> = { rpj: "RedPajama", c4_original: "C4", rw_original: "RefinedWeb" };

/** The four small configurations the laws are fitted on (fit_ds). */
export const GADRE_FIT_CONFIGS: readonly string[] = ["d=96_l=8_h=4", "d=512_l=8_h=4", "d=576_l=24_h=8", "d=1024_l=24_h=8"];

/**
 * Parses one model JSON of mlfoundations/scaling exp_data/models into a GadreRun (as the repo's parse_model_json:
 * the eval split is the second-to-last path component of val_data, or the file stem for de-en).
 * @param json the parsed JSON object
 * @returns the run
 * @throws DataError naming the missing field
 * @example laws.gadre.parseRun({ name: "x", dataset_name: "rpj", hyperparameters: { model: "a/d=96_l=8_h=4.json", params: 10, params_no_embed: 5, tokens: 200, chinchilla_multiplier: 1 }, results: [{ loss: 3, val_data: ["p/c4_val/s.tar"] }] }).M // => 20
 * @see gadreCitation
 */
export function gadreParseRun(json: unknown): GadreRun {
  const fn = "laws.gadre.parseRun";
  const j = json as {
    name?: string;
    dataset_name?: string;
    hyperparameters?: { model?: string; params?: number; params_no_embed?: number; tokens?: number; chinchilla_multiplier?: number };
    results?: { loss?: number; val_data?: string[] }[];
  };
  const h = j?.hyperparameters;
  if (!j || typeof j.name !== "string" || typeof j.dataset_name !== "string" || !h || !Array.isArray(j.results)) {
    throw new DataError(fn, "expected a model JSON with name, dataset_name, hyperparameters and results", "pass one file of exp_data/models");
  }
  for (const k of ["params", "params_no_embed", "tokens", "chinchilla_multiplier"] as const) {
    if (typeof h[k] !== "number" || !(h[k]! > 0)) throw new DataError(fn, `${j.name}: hyperparameters.${k} must be a positive number, got ${h[k]}`);
  }
  if (typeof h.model !== "string") throw new DataError(fn, `${j.name}: hyperparameters.model missing`);
  const losses: Record<string, number> = {};
  for (const r of j.results) {
    const path = r.val_data?.[0];
    if (typeof path !== "string" || typeof r.loss !== "number") throw new DataError(fn, `${j.name}: a result lacks val_data or loss`);
    const parts = path.split("/");
    const split = path.includes("de-en") ? parts[parts.length - 1].split(".")[0] : parts[parts.length - 2];
    losses[split.replace(/-/g, "_")] = r.loss;
  }
  const N = h.params!, D = h.tokens!;
  return displayResult(`${fn}: ${j.name}`, {
    name: j.name,
    trainSet: j.dataset_name,
    config: h.model.split("/").pop()!.split(".")[0],
    N,
    NNoEmbed: h.params_no_embed!,
    D,
    M: 20 * h.chinchilla_multiplier!,
    C: 6 * N * D,
    losses,
  });
}

/**
 * Runs from the registry's "gadre-overtraining" models table (one row per model, losses in `loss_<split>` columns).
 * @param rows rows with name, trainSet, config, N, N_nonembedding, D, M, C and loss_* columns (`(await loadDataset("gadre-overtraining")).rows`)
 * @returns one GadreRun per row
 * @throws DataError naming the row and the missing column
 * @example laws.gadre.runsFromTable([{ name: "x", trainSet: "rpj", config: "d=96_l=8_h=4", N: 10, N_nonembedding: 5, D: 200, M: 20, C: 12000, loss_c4_val: 3 }])[0].losses.c4_val // => 3
 * @see gadreCitation
 */
export function gadreRunsFromTable(rows: readonly object[]): GadreRun[] {
  const fn = "laws.gadre.runsFromTable";
  return (rows as readonly Readonly<Record<string, unknown>>[]).map((row, i) => {
    const str = (k: string): string => {
      if (typeof row[k] !== "string") throw new DataError(fn, `row ${i} has no string column "${k}"`, "pass the rows of the \"models\" table");
      return row[k] as string;
    };
    const num = (k: string): number => {
      const v = row[k];
      if (typeof v !== "number" || !(v > 0)) throw new DataError(fn, `row ${i} (${String(row.name)}) has ${k} = ${String(v)}, expected a positive number`);
      return v;
    };
    const losses: Record<string, number> = {};
    for (const [k, v] of Object.entries(row)) if (k.startsWith("loss_") && typeof v === "number") losses[k.slice(5)] = v;
    return { name: str("name"), trainSet: str("trainSet"), config: str("config"), N: num("N"), NNoEmbed: num("N_nonembedding"), D: num("D"), M: num("M"), C: num("C"), losses };
  });
}

/**
 * The repository's fit set for one training set: the four small configs at M = 20 plus d=96 at M = 320 (5 points).
 * @param runs all parsed runs (any order)
 * @param trainSet "rpj", "c4_original" or "rw_original"
 * @returns the five runs, sorted by compute
 * @throws DataError if a required run is missing
 * @see gadreCitation
 */
export function gadreOvertrainingFitRuns(runs: readonly GadreRun[], trainSet: string): GadreRun[] {
  const fn = "laws.gadre.fitRuns";
  const pick = (config: string, M: number): GadreRun => {
    const r = runs.find((x) => x.trainSet === trainSet && x.config === config && x.M === M);
    if (!r) throw new DataError(fn, `no run ${trainSet}/${config} at M = ${M}`, `train sets: ${Object.keys(GADRE_TRAIN_SETS).join(", ")}`);
    return r;
  };
  return [...GADRE_FIT_CONFIGS.map((c) => pick(c, 20)), pick("d=96_l=8_h=4", 320)].sort((x, y) => x.C - y.C);
}

/** A fit of the over-training law by the repository's procedure: the FitResult plus the data it was fitted on. */
export type GadreOvertrainingFit = FitResult<keyof GadreOvertrainingParams> & {
  readonly trainSet: string;
  /** Eval split whose loss was fitted, e.g. "c4_val". */
  readonly valSet: string;
  /** The repository's selection criterion: sqrt(Σ r² / (n − 2)). */
  readonly rms: number;
  readonly runs: readonly GadreRun[];
};

/**
 * Fits the over-training law with the repository's procedure (fit_ds / curve_fit_powlaw_ours): the five fit runs of
 * one training set, least squares on the loss, starts a, b ∈ {1e2, 3e2, 1e3, 3e3}, eta ∈ {−0.1, −0.3},
 * E ∈ {0, 1, 2, 10} (128 starts), best by residual RMS.
 * @param runs all parsed runs (gadreParseRun on each model JSON)
 * @param options trainSet (default "rpj"), valSet (default "c4_val")
 * @returns the FitResult with trainSet, valSet, rms and runs added. Public as `laws.gadre.overtraining.fitRepository`.
 * @throws DataError if a fit run or its loss is missing
 * @see gadreCitation
 */
export function fitGadreOvertraining(runs: readonly GadreRun[], options: { trainSet?: string; valSet?: string } = {}): GadreOvertrainingFit {
  const fn = "laws.gadre.overtraining.fitRepository";
  const trainSet = options.trainSet ?? "rpj";
  const valSet = options.valSet ?? "c4_val";
  const fitRuns = gadreOvertrainingFitRuns(runs, trainSet);
  const ys = fitRuns.map((r) => {
    const y = r.losses[valSet];
    if (typeof y !== "number") throw new DataError(fn, `${r.name} has no "${valSet}" loss`, `splits: ${Object.keys(r.losses).join(", ")}`);
    return y;
  });
  const scales = [1e2, 3e2, 1e3, 3e3].map(Math.log);
  const fit = fitModelSync(gadreOvertrainingModel, fitRuns.map((r) => ({ N: r.N, M: r.M })), ys, {
    objective: "mse",
    space: "linear",
    grid: { a: scales, b: scales, eta: [-0.1, -0.3], E: [0, 1, 2, 10] },
    // Residuals are ~1e-2, so the engine's default relative stopping rule would stop short of curve_fit's optimum.
    ftol: 1e-15,
    gtol: 1e-12,
    maxIterations: 10000,
    workers: 0,
  });
  const ss = fit.residuals.reduce((s, r) => s + r * r, 0);
  return Object.assign(fit, { trainSet, valSet, rms: Math.sqrt(ss / (fitRuns.length - 2)), runs: fitRuns });
}

const NAMES: readonly (keyof GadreOvertrainingParams)[] = ["a", "b", "eta", "E"];

/**
 * `laws.gadre.overtraining`: loss in parameters N and token multiplier M = D/N, L(N, M) = a·N^eta + b·6^(eta/2)·(M·N)^eta + E
 * (code parametrisation, eta < 0); default constants the RedPajama fit.
 * @example laws.gadre.overtraining.predict({ N: 6889410560, M: 20 }) // => 2.44196
 * @example laws.gadre.overtraining.fromCompute({ C: 6 * 6889410560 * 6889410560 * 20, M: 20 }) // => 2.44196
 * @see gadreCitation
 */
export const gadreOvertraining = defineLaw({
  id: "gadre-overtraining",
  api: "laws.gadre.overtraining",
  name: "Over-training scaling law (Gadre 2024)",
  topic: "loss",
  latex: "L(N, M) = a N^{\\eta} + b\\, 6^{\\eta/2} (M N)^{\\eta} + E = E + \\left(a 6^{\\eta'} M^{\\eta'} + b M^{-\\eta'}\\right) C^{-\\eta'},\\ \\eta' = -\\eta/2",
  formula: "a * N^eta + b * 6^(eta / 2) * (M * N)^eta + E",
  inputs: { N: "parameters incl. embeddings", M: "token multiplier D/N (Chinchilla-optimal ≈ 20)" },
  output: "C4 eval loss, nats/token",
  params: gadreOvertrainingModel.params,
  published: { rpj: GADRE_OVERTRAINING_RPJ, c4: GADRE_OVERTRAINING_C4, rw: GADRE_OVERTRAINING_RW },
  // The grid: 0.011B–6.9B parameters, M = 5…640 (Gadre et al. §3).
  ranges: { N: [1.1e7, 6.9e9], M: [5, 640] },
  citation: gadreCitation,
  predict: (x: GadreOvertrainingRow, p) => {
    checkEta("laws.gadre.overtraining.predict", p);
    return p.a * x.N ** p.eta + p.b * 6 ** (p.eta / 2) * (x.M * x.N) ** p.eta + p.E;
  },
  model: gadreOvertrainingModel,
}, {
  /**
   * The same law in compute form: L(C, M) = E + (a·6^eta_p·M^eta_p + b·M^(−eta_p))·C^(−eta_p), eta_p = −eta/2,
   * with N = sqrt(C/(6M)).
   */
  fromCompute(x: { C: number; M: number }, params?: ParamsLike<keyof GadreOvertrainingParams>): number {
    const fn = "laws.gadre.overtraining.fromCompute";
    for (const k of ["C", "M"] as const) {
      if (!(typeof x?.[k] === "number" && Number.isFinite(x[k]) && x[k] > 0)) throw new InvalidInputError(fn, `${k} must be a finite number > 0, got ${String(x?.[k])}`);
    }
    const p = paramsOf(fn, NAMES, params ?? GADRE_OVERTRAINING_RPJ);
    checkEta(fn, p);
    const etaP = -p.eta / 2;
    return p.E + (p.a * 6 ** etaP * x.M ** etaP + p.b * x.M ** -etaP) * x.C ** -etaP;
  },
  /** The repository's fit (fit_ds): five runs of one training set, 128-start grid, least squares on the loss. */
  fitRepository: fitGadreOvertraining,
});
