/** The over-training extrapolation targets of Gadre et al. 2024 and the refit law's predictions for them. */
import { GADRE_OVERTRAINING_SPEC } from "../gadre-overtraining/spec";
import { definePublishedTable } from "./table";

/** One extrapolation target: a large model, its observed C4 loss and the small-model law's prediction. */
export interface GadreExtrapolationTarget {
  /** Model name (file stem in exp_data/models). */
  readonly model: string;
  /** Total parameters. */
  readonly N: number;
  /** Token multiplier D/N. */
  readonly M: number;
  /** Observed C4 validation loss, nats/token. */
  readonly observedLoss: number;
  /** Loss predicted by the RedPajama law fitted on the 5 small runs, nats/token. */
  readonly predictedLoss: number;
  /** |predicted − observed| / observed, as printed by the repository notebook. */
  readonly relativeError: number;
}

/**
 * Gadre et al.'s headline extrapolations on RedPajama: the law fitted on 5 small runs predicts the 6.9B model at
 * M = 20 and the 1.4B model at M = 640. Predictions recomputed with the repository's procedure; relative errors
 * match the notebook's printed 0.7320% and 0.7103%.
 * @example GADRE_EXTRAPOLATION_TARGETS.rows.map((r) => r.model) // => ["rpj-open_lm_7b-1.0", "rpj-open_lm_1b-32.0"]
 * @see https://arxiv.org/abs/2403.08540
 */
export const GADRE_EXTRAPOLATION_TARGETS = definePublishedTable<GadreExtrapolationTarget>({
  name: "Over-training extrapolation targets (RedPajama, C4 eval loss)",
  status: "confirmed",
  citation: { ...GADRE_OVERTRAINING_SPEC.citation, where: "fit of scaling/shared.py::fit_ds on rpj; notebook relative-error printout" },
  units: { N: "params", M: "tokens/param", observedLoss: "nats/token", predictedLoss: "nats/token", relativeError: "fraction" },
  note: "Observed losses equal the c4_val losses of the two model JSONs (4 decimals); reference loss-and-mixing.md §6.",
  rows: [
    { model: "rpj-open_lm_7b-1.0", N: 6_889_410_560, M: 20, observedLoss: 2.425, predictedLoss: 2.4427, relativeError: 0.00732 },
    { model: "rpj-open_lm_1b-32.0", N: 1_439_795_200, M: 640, observedLoss: 2.5021, predictedLoss: 2.5198, relativeError: 0.007103 },
  ],
});
