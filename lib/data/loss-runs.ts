/**
 * Every loss-type dataset in one long, normalised schema, so any fitter takes any dataset:
 * {source, run, N, N_nonembedding, D, C, step, lr, batch, dataset, eval_set, loss}, null where the source does not say.
 */
import { UnknownChoiceError } from "../core";
import { DATASET_SPECS, MIXING_LAWS_TRAIN_DOMAINS, REGMIX_EVAL_DOMAINS, type ColumnSpec, type DatasetId } from "../../datasets";
import { type LoadDatasetOptions, loadDataset } from "./load";
import { DatasetTable } from "./table";

/** One loss measurement in the normalised schema. */
export interface LossRun {
  /** Dataset id it comes from, e.g. "steplaw". */
  readonly source: string;
  /** Run identifier within the source (model name, experiment name, point number). */
  readonly run: string;
  /** Total parameters incl. embeddings (null when the source gives only non-embedding or nominal counts it does not define). */
  readonly N: number | null;
  /** Non-embedding parameters (null when unknown). */
  readonly N_nonembedding: number | null;
  /** Training tokens. */
  readonly D: number | null;
  /** Training FLOP as the source counts them (see the source's schema). */
  readonly C: number | null;
  /** Optimizer step of the measurement (null = end of training as reported). */
  readonly step: number | null;
  /** Peak learning rate. */
  readonly lr: number | null;
  /** Batch size in tokens. */
  readonly batch: number | null;
  /** Training data (set or mixture). */
  readonly dataset: string | null;
  /** Evaluation set the loss is measured on. */
  readonly eval_set: string | null;
  /** Loss, nats/token. */
  readonly loss: number;
}

/** Column schema of {@link LossRun}. */
export const LOSS_RUN_COLUMNS: readonly ColumnSpec[] = [
  { name: "source", type: "string", unit: null, description: "dataset id" },
  { name: "run", type: "string", unit: null, description: "run identifier within the source" },
  { name: "N", type: "number", unit: "params", description: "total parameters (or the source's stated model size)", nullable: true },
  { name: "N_nonembedding", type: "number", unit: "params", description: "non-embedding parameters", nullable: true },
  { name: "D", type: "number", unit: "tokens", description: "training tokens", nullable: true },
  { name: "C", type: "number", unit: "FLOP", description: "training compute as the source counts it", nullable: true },
  { name: "step", type: "number", unit: "steps", description: "optimizer step of the measurement; null = final", nullable: true },
  { name: "lr", type: "number", unit: null, description: "peak learning rate", nullable: true },
  { name: "batch", type: "number", unit: "tokens", description: "batch size in tokens", nullable: true },
  { name: "dataset", type: "string", unit: null, description: "training data set or mixture", nullable: true },
  { name: "eval_set", type: "string", unit: null, description: "evaluation set", nullable: true },
  { name: "loss", type: "number", unit: "nats/token", description: "loss" },
];

const NONE = { N: null, N_nonembedding: null, D: null, C: null, step: null, lr: null, batch: null, dataset: null, eval_set: null } as const;

/** Ids of the datasets {@link loadLossRuns} accepts. */
export const LOSS_DATASET_IDS = DATASET_SPECS.filter((s) => s.lossRuns).map((s) => s.id);

async function lossRuns(id: DatasetId, opts: LoadDatasetOptions): Promise<LossRun[]> {
  switch (id) {
    case "chinchilla-epoch":
      return (await loadDataset(id, opts)).rows.map((r, k) => ({ ...NONE, source: id, run: `point-${k}`, N: r.N, D: r.D, C: r.C, dataset: "MassiveText", loss: r.loss }));
    case "gadre-overtraining": {
      const ds = await loadDataset(id, opts);
      const models = new Map(ds.rows.map((m) => [m.name, m]));
      return ds.tables.losses.rows.map((r) => {
        const m = models.get(r.name)!;
        return { ...NONE, source: id, run: r.name, N: r.N, N_nonembedding: m.N_nonembedding, D: r.D, C: m.C, lr: m.lr, dataset: r.trainSet, eval_set: r.evalSet, loss: r.loss };
      });
    }
    case "steplaw":
      return (await loadDataset(id, opts)).rows.map((r) => ({
        ...NONE, source: id, run: r.expName, N_nonembedding: r.N, D: r.D, step: r.steps, lr: r.lr, batch: r.batchTokens, loss: r.smoothLoss,
      }));
    case "regmix":
      return (await loadDataset(id, opts)).rows.flatMap((r) =>
        REGMIX_EVAL_DOMAINS.map((d) => ({
          ...NONE, source: id, run: `${r.split}-${r.scale}-${r.index}`, N: r.N, D: r.D, dataset: `pile mixture ${r.split}-${r.scale}-${r.index}`,
          eval_set: `pile/${d}`, loss: r[`loss_${d}`],
        })));
    case "mixinglaws":
      return (await loadDataset(id, opts)).rows.map((r) => {
        const props = MIXING_LAWS_TRAIN_DOMAINS[r.experiment].map((d) => `${d}:${d === "Github" ? r.r_Github : d === "Books3" ? r.r_Books3 : r.r_PileCC}`);
        return {
          ...NONE, source: id, run: `${r.experiment}/${r.modelSize}/${r.mixtureId}`, N: r.N, step: r.step,
          dataset: props.join(","), eval_set: `pile/${r.evalDomain}`, loss: r.loss,
        };
      });
    case "isoflops":
      return (await loadDataset(id, opts)).rows.map((r, k) => ({
        ...NONE, source: id, run: `${r.experiment}#${k}`, N: r.N, D: r.D, C: r.C, dataset: r.dataset, loss: r.loss,
      }));
    default:
      throw new UnknownChoiceError("loadLossRuns", "loss dataset id", id, LOSS_DATASET_IDS);
  }
}

/**
 * A loss-type dataset in the normalised long schema (one row per loss measurement).
 * Per source: chinchilla-epoch one row per point; gadre-overtraining one per (model, eval set) (eval sets in
 * GADRE_EVAL_SETS; "c4_val" is the paper's); steplaw one per run with the smoothed final loss and N as non-embedding only; regmix one per
 * (run, Pile validation domain); mixinglaws one per line; isoflops one per point (outliers included: filter on
 * the dataset's `outlier` column if needed).
 * @param id - a loss dataset id (see {@link LOSS_DATASET_IDS}; "obsscaling" holds accuracies, not losses)
 * @param opts - same as {@link loadDataset}
 * @returns a displayable table of {@link LossRun}s (`.rows`, `.columns`, `.toDataFrame()`)
 * @throws UnknownChoiceError for an id without losses; DataError as loadDataset
 * @example
 * const runs = await loadLossRuns("steplaw");
 * runs.rows[0].N_nonembedding; // 214663680 (first run of dense_lr_bs_loss.csv)
 */
export async function loadLossRuns(id: DatasetId, opts: LoadDatasetOptions = {}): Promise<DatasetTable<LossRun>> {
  if (!LOSS_DATASET_IDS.includes(id)) throw new UnknownChoiceError("loadLossRuns", "loss dataset id", id, LOSS_DATASET_IDS);
  const rows = await lossRuns(id, opts);
  return new DatasetTable(id, "loss-runs", rows, LOSS_RUN_COLUMNS, `${id} as normalised loss runs (${rows.length} rows): N, D, C, step, lr, batch (tokens), dataset, eval_set, loss (nats/token)`);
}
