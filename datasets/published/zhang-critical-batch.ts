/** Steps to a target loss vs batch size (Zhang et al. 2024, critical-batch-size repository notebook outputs). */
import { definePublishedTable } from "./table";

/** Batch sizes (sequences of 512 tokens) of the steps-to-target table, in column order. */
export const ZHANG_CBS_BATCH_SIZES = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384] as const;

/** One model of the table: its target C4 loss and the minimum steps to reach it at each batch size. */
export interface ZhangStepsToTargetRow {
  /** Model size label, e.g. "151M". */
  readonly model: string;
  /** Nominal parameters. */
  readonly N: number;
  /** Target C4 validation loss, nats/token. */
  readonly targetLoss: number;
  /** Minimum optimizer steps to reach the target, one per entry of {@link ZHANG_CBS_BATCH_SIZES}. */
  readonly steps: readonly number[];
}

/**
 * Zhang et al. (2024) steps-to-target table in the Chinchilla setting: C4, sequence length 512, batch in sequences;
 * each entry is the minimum over LR/β2/EWA sweeps (notebook cell "Minimum goal step").
 * @example ZHANG_STEPS_TO_TARGET.rows[0].steps[3] // => 7000
 * @see https://arxiv.org/abs/2410.21676
 */
export const ZHANG_STEPS_TO_TARGET = definePublishedTable<ZhangStepsToTargetRow>({
  name: "Steps to target loss vs batch size (critical batch size)",
  status: "confirmed",
  citation: {
    key: "zhang2024cbs",
    authors: "Zhang et al.",
    year: 2024,
    title: "How Does Critical Batch Size Scale in Pre-training?",
    arxiv: "2410.21676",
    url: "https://github.com/hlzhang109/critical-batch-size",
    where: "plots/chinchilla.ipynb, cell outputs \"Minimum goal step\"",
  },
  units: { N: "params", targetLoss: "nats/token", steps: "steps at batch 64…16384 sequences" },
  note: "Batch in sequences of 512 tokens; constant LR with EWA. Small-batch ratios below 1 are sweep noise (reference hparams.md §5).",
  rows: [
    { model: "85M", N: 85e6, targetLoss: 3.42, steps: [46000, 23000, 13282, 7000, 3840, 2500, 1800, 1600, 1600] },
    { model: "151M", N: 151e6, targetLoss: 3.24, steps: [96000, 49000, 24000, 11951, 7128, 4200, 2760, 2400, 2300] },
    { model: "302M", N: 302e6, targetLoss: 3.07, steps: [196000, 90000, 46000, 23400, 13300, 7224, 4980, 3400, 2879] },
    { model: "604M", N: 604e6, targetLoss: 2.92, steps: [311000, 166000, 81000, 37440, 21320, 11400, 7199, 4700, 3800] },
    { model: "1.2B", N: 1.2e9, targetLoss: 2.736, steps: [643000, 331000, 176000, 94000, 46500, 25000, 15360, 8900, 6500] },
  ],
});
