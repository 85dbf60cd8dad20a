/**
 * Steps to a target loss vs batch size (Zhang et al. 2024) as a displayable published table. The numbers live once,
 * in lib/hparams/critical-batch-zhang.ts (ZHANG_2024_CHINCHILLA_STEPS, the law module that uses them); this adds
 * provenance, units and table display.
 */
import { ZHANG_2024_BATCHES, ZHANG_2024_CHINCHILLA_STEPS, type ZhangStepsRow } from "../../lib/hparams/critical-batch-zhang";
import { definePublishedTable } from "./table";
import { zhangCbsCitation } from "../../lib/core/bibliography";


/**
 * Zhang et al. (2024) steps-to-target table in the Chinchilla setting: C4, sequence length 512, batch in sequences
 * (64 … 16384, see ZHANG_2024_BATCHES); each entry is the minimum over LR/β2/EWA sweeps.
 * @example ZHANG_STEPS_TO_TARGET.rows[0].steps[3] // => 7000
 * @see https://arxiv.org/abs/2410.21676
 */
export const ZHANG_STEPS_TO_TARGET = definePublishedTable<ZhangStepsRow>({
  name: "Steps to target loss vs batch size (critical batch size)",
  status: "confirmed",
  citation: { ...zhangCbsCitation, where: "plots/chinchilla.ipynb, cell outputs \"Minimum goal step\"" },
  units: { N: "params", targetLoss: "nats/token", steps: `steps at batch ${ZHANG_2024_BATCHES.join(", ")} sequences` },
  note: "Batch in sequences of 512 tokens; constant LR with EWA. Small-batch ratios below 1 are sweep noise (reference hparams.md §5).",
  rows: ZHANG_2024_CHINCHILLA_STEPS,
});
