/** Parser of sail-sg/regmix data/{train,test}_{mixture,pile_loss}_*.csv: mixtures joined to losses on `index`. */
import { DataError } from "../../lib/core";
import { REGMIX_EVAL_DOMAINS, REGMIX_SCALES, REGMIX_TRAIN_DOMAINS, type RegMixEvalDomain, type RegMixTrainDomain } from "./spec";
import { range, type SourceReader } from "../source";

/** One RegMix proxy model: its training mixture (17 weights) and its 13 Pile validation losses. */
export type RegMixRow = {
  readonly split: "train" | "test";
  readonly scale: keyof typeof REGMIX_SCALES;
  /** Row id shared by the mixture and loss files. */
  readonly index: number;
  /** Nominal parameters of the scale. */
  readonly N: number;
  /** Training tokens where stated (1M: 1e9, 1B: 2.5e10), else null. */
  readonly D: number | null;
} & { readonly [K in `w_${RegMixTrainDomain}`]: number } & { readonly [K in `loss_${RegMixEvalDomain}`]: number };

/** The (split, scale, file suffix) of every mixture/loss file pair, in registry order. */
const PAIRS = [
  ["train", "1M", "1m"],
  ["test", "1M", "1m"],
  ["test", "60M", "60m"],
  ["test", "1B", "1B"],
] as const;

export function parseRegMix(src: SourceReader): { runs: RegMixRow[] } {
  const fn = "loadDataset";
  const runs: RegMixRow[] = [];
  for (const [split, scale, suffix] of PAIRS) {
    const mixFile = `regmix/${split}_mixture_${suffix}.csv`;
    const lossFile = `regmix/${split}_pile_loss_${suffix}.csv`;
    const mix = src.csv(mixFile);
    const loss = src.csv(lossFile);
    const lossRow = new Map<number, number>();
    range(loss.table.records.length).forEach((k) => lossRow.set(loss.num(k, "index"), k));
    if (lossRow.size !== mix.table.records.length) {
      throw new DataError(fn, `${lossFile} has ${lossRow.size} distinct indices but ${mixFile} has ${mix.table.records.length} rows`);
    }
    for (const k of range(mix.table.records.length)) {
      const index = mix.num(k, "index");
      const j = lossRow.get(index);
      if (j === undefined) throw new DataError(fn, `${mixFile} index ${index} has no row in ${lossFile}`);
      const row: Record<string, unknown> = { split, scale, index, N: REGMIX_SCALES[scale].N, D: REGMIX_SCALES[scale].D };
      for (const d of REGMIX_TRAIN_DOMAINS) row[`w_${d}`] = mix.num(k, `train_the_pile_${d}`);
      for (const d of REGMIX_EVAL_DOMAINS) row[`loss_${d}`] = loss.num(j, `metric/the_pile_${d}_val_loss`);
      runs.push(row as RegMixRow);
    }
  }
  return { runs };
}
