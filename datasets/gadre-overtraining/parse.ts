/**
 * Parser of mlfoundations/scaling exp_data: one model JSON (hyperparameters + 8 eval losses) and one eval JSON
 * (46 ICL accuracies) per model, linked by file name, plus eval_metadata.csv.
 */
import { DataError } from "../../lib/core";
import { GADRE_EVAL_SETS, gadreLossColumn, type GadreEvalSet } from "./spec";
import { range, type SourceReader } from "../source";

/** Fields every Gadre table row starts with. */
export interface GadreRunKey {
  /** Model name = file stem, e.g. "rpj-d=576_l=24_h=8-0.5". */
  readonly name: string;
  /** "rpj", "c4_original" or "rw_original". */
  readonly trainSet: string;
  /** Total parameters incl. embeddings. */
  readonly N: number;
  /** Training tokens. */
  readonly D: number;
  /** Token multiplier D/N. */
  readonly M: number;
}

/** Loss column names of the wide models table. */
export type GadreLossColumn =
  | "loss_openlm" | "loss_c4_val" | "loss_paloma_c4_en" | "loss_paloma_dolma_100_programing_languages"
  | "loss_paloma_falcon_refinedweb" | "loss_paloma_ptb" | "loss_paloma_redpajama" | "loss_val_de_en_100";

/** One model with its hyperparameters and its 8 eval losses (nats/token). */
export type GadreModelRow = GadreRunKey & {
  /** Architecture config, e.g. "d=96_l=8_h=4" or "open_lm_1b". */
  readonly config: string;
  /** Parameters without embeddings. */
  readonly N_nonembedding: number;
  /** C = 6·N·D, FLOP. */
  readonly C: number;
  readonly chinchillaMultiplier: number;
  readonly lr: number;
  readonly wd: number;
  /** Warm-up steps. */
  readonly warmup: number;
  /** Global batch in sequences. */
  readonly batchSequences: number;
} & { readonly [K in GadreLossColumn]: number };

/** One (model, eval set) loss with its bootstrap 95% CIs. */
export interface GadreLossRow extends GadreRunKey {
  readonly evalSet: GadreEvalSet;
  readonly loss: number;
  readonly lossTokensLower95: number;
  readonly lossTokensUpper95: number;
  readonly lossSequencesLower95: number;
  readonly lossSequencesUpper95: number;
  /** Tokens evaluated. */
  readonly evalTokens: number;
}

/** One (model, task) in-context-learning accuracy in [0, 1]. */
export interface GadreDownstreamRow extends GadreRunKey {
  readonly task: string;
  readonly accuracy: number;
}

/** One evaluation task of eval_metadata.csv. */
export interface GadreTaskRow {
  readonly task: string;
  readonly category: string;
  readonly type: string;
  readonly shots: number;
  readonly datapoints: number;
  /** Chance accuracy, percent. */
  readonly randomBaseline: number;
  readonly description: string;
}

const MODEL_PREFIX = "gadre-overtraining/models/";
const EVAL_PREFIX = "gadre-overtraining/evals/";

/** The eval set of one `results[]` entry: the folder of its val_data path, or the de-en file stem. */
function evalSetOf(valData: string): string {
  const parts = valData.split("/");
  return valData.includes("de-en") ? parts[parts.length - 1].split(".")[0] : parts[parts.length - 2];
}

function positive(fn: string, file: string, key: string, v: unknown): number {
  if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) throw new DataError(fn, `${file}: ${key} must be a positive number, got ${JSON.stringify(v)}`);
  return v;
}

function finite(fn: string, file: string, key: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new DataError(fn, `${file}: ${key} must be a finite number, got ${JSON.stringify(v)}`);
  return v;
}

function json(fn: string, file: string, text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new DataError(fn, `${file} is not valid JSON: ${(e as Error).message}`);
  }
}

export function parseGadreOvertraining(src: SourceReader): {
  models: GadreModelRow[];
  losses: GadreLossRow[];
  downstream: GadreDownstreamRow[];
  tasks: GadreTaskRow[];
} {
  const fn = "loadDataset";
  const models: GadreModelRow[] = [];
  const losses: GadreLossRow[] = [];
  const downstream: GadreDownstreamRow[] = [];
  const keys = new Map<string, GadreRunKey>();
  for (const [file, text] of src.texts) {
    if (!file.startsWith(MODEL_PREFIX)) continue;
    const name = file.slice(MODEL_PREFIX.length, -".json".length);
    const j = json(fn, file, text);
    const h = (j.hyperparameters ?? {}) as Record<string, unknown>;
    if (j.name !== name) throw new DataError(fn, `${file}: name "${String(j.name)}" differs from the file name`);
    if (typeof j.dataset_name !== "string") throw new DataError(fn, `${file}: dataset_name missing`);
    const N = positive(fn, file, "hyperparameters.params", h.params);
    const D = positive(fn, file, "hyperparameters.tokens", h.tokens);
    const key: GadreRunKey = { name, trainSet: j.dataset_name, N, D, M: D / N };
    keys.set(name, key);
    const config = typeof h.model === "string" ? h.model.replace(/^.*\//, "").replace(/\.json$/, "") : name.split("-").slice(1, -1).join("-");
    const row: Record<string, unknown> = {
      ...key, config,
      N_nonembedding: positive(fn, file, "hyperparameters.params_no_embed", h.params_no_embed),
      C: 6 * N * D,
      chinchillaMultiplier: positive(fn, file, "hyperparameters.chinchilla_multiplier", h.chinchilla_multiplier),
      lr: positive(fn, file, "hyperparameters.lr", h.lr),
      wd: finite(fn, file, "hyperparameters.wd", h.wd),
      warmup: finite(fn, file, "hyperparameters.warmup", h.warmup),
      batchSequences: positive(fn, file, "hyperparameters.global_bs", h.global_bs),
    };
    const results = Array.isArray(j.results) ? (j.results as Record<string, unknown>[]) : [];
    for (const evalSet of GADRE_EVAL_SETS) {
      const r = results.find((x) => Array.isArray(x.val_data) && typeof x.val_data[0] === "string" && evalSetOf(x.val_data[0]) === evalSet);
      if (!r) throw new DataError(fn, `${file}: no result for eval set ${evalSet}`);
      const at = `results[${evalSet}]`;
      const loss = positive(fn, file, `${at}.loss`, r.loss);
      row[gadreLossColumn(evalSet)] = loss;
      losses.push({
        ...key, evalSet, loss,
        lossTokensLower95: finite(fn, file, `${at}.loss_tokens_lower_95`, r.loss_tokens_lower_95),
        lossTokensUpper95: finite(fn, file, `${at}.loss_tokens_upper_95`, r.loss_tokens_upper_95),
        lossSequencesLower95: finite(fn, file, `${at}.loss_sequences_lower_95`, r.loss_sequences_lower_95),
        lossSequencesUpper95: finite(fn, file, `${at}.loss_sequences_upper_95`, r.loss_sequences_upper_95),
        evalTokens: positive(fn, file, `${at}.tokens`, r.tokens),
      });
    }
    models.push(row as unknown as GadreModelRow);
  }
  for (const [file, text] of src.texts) {
    if (!file.startsWith(EVAL_PREFIX)) continue;
    const m = /^evaluation_(.+)_heavy\.json$/.exec(file.slice(EVAL_PREFIX.length));
    const key = m ? keys.get(m[1]) : undefined;
    if (!m || !key) throw new DataError(fn, `${file} does not name a model of ${MODEL_PREFIX} (expected evaluation_<model>_heavy.json)`);
    const icl = ((json(fn, file, text).eval_metrics ?? {}) as Record<string, unknown>).icl;
    if (!icl || typeof icl !== "object") throw new DataError(fn, `${file}: eval_metrics.icl missing`);
    for (const [task, acc] of Object.entries(icl)) downstream.push({ ...key, task, accuracy: finite(fn, file, `eval_metrics.icl.${task}`, acc) });
  }
  const t = src.csv("gadre-overtraining/eval_metadata.csv");
  const tasks = range(t.table.records.length).map((k): GadreTaskRow => ({
    task: t.str(k, "Eval Task"), category: t.str(k, "Task Category"), type: t.str(k, "Task Type"), shots: t.num(k, "#shots"),
    datapoints: t.num(k, "#datapoints"), randomBaseline: t.num(k, "Random baseline"), description: t.str(k, "Description"),
  }));
  return { models, losses, downstream, tasks };
}
