/**
 * Time Transfer (Filatov, Ebert, Wang, Kesselheim 2024/25): under μP, as the token budget T grows the critical batch
 * grows ∝ T, and the optimal LR passes through three regimes η ∝ √T, η ∝ 1 and η ∝ 1/√T depending on B relative to
 * B_crit(T). The paper's parametric η*(T, B) and its constants were not retrieved: everything here takes user constants.
 */
import { assertPositive, defineCard, InvalidInputError } from "../core";
import { timeTransferCitation } from "../core/bibliography";



/**
 * Critical batch proportional to the token budget, B_crit = k·T.
 * @param x.T pretraining tokens (> 0)
 * @param p.k user-fitted slope (> 0)
 * @returns B_crit in the unit k maps to
 * @throws InvalidInputError for non-positive input
 * @example hparams.criticalBatch.timeTransfer.criticalBatch({ T: 1e9 }, { k: 1e-4 }) // => 1e5
 * @see timeTransferCitation
 */
export function timeTransferCriticalBatch(x: { T: number }, p: { k: number }): number {
  const fn = "hparams.criticalBatch.timeTransfer.criticalBatch";
  assertPositive(fn, "T", x.T);
  assertPositive(fn, "k", p.k);
  return p.k * x.T;
}

/** The optimal-LR regimes of Time Transfer: η ∝ √T, η ∝ 1, η ∝ 1/√T. */
export type TimeTransferRegime = "sqrtT" | "const" | "invSqrtT";

/**
 * Which optimal-LR regime a run is in. The paper says the transitions are set by B relative to B_crit(T) but the
 * boundaries were not retrieved; this uses the user's `band` (default 2): B > band·B_crit → η ∝ √T (batch above
 * critical, noise-free limit), B < B_crit/band → η ∝ 1/√T (noise-dominated), else η ∝ 1. UNVERIFIED mapping.
 * @param x.T tokens; x.B batch; x.Bcrit critical batch (same unit as B)
 * @param opts.band regime half-width factor (> 1, default 2)
 * @returns the regime
 * @throws InvalidInputError for non-positive input or band ≤ 1
 * @example hparams.criticalBatch.timeTransfer.lrRegime({ T: 1e9, B: 1e6, Bcrit: 1e5 }) // => "sqrtT"
 * @see timeTransferCitation
 */
export function timeTransferLRRegime(x: { T: number; B: number; Bcrit: number }, opts: { band?: number } = {}): TimeTransferRegime {
  const fn = "hparams.criticalBatch.timeTransfer.lrRegime";
  const p = x;
  assertPositive(fn, "T", p.T);
  assertPositive(fn, "B", p.B);
  assertPositive(fn, "Bcrit", p.Bcrit);
  const band = opts.band ?? 2;
  if (!(band > 1 && Number.isFinite(band))) throw new InvalidInputError(fn, `band must be a finite number > 1, got ${band}`);
  if (p.B > band * p.Bcrit) return "sqrtT";
  if (p.B < p.Bcrit / band) return "invSqrtT";
  return "const";
}

/** Card of the Time Transfer rules (user constants): registers them in the catalogue (`help()`). */
export const timeTransferCard = defineCard({
  id: "time-transfer",
  name: "Time Transfer: B_crit ∝ T and three optimal-LR regimes (user constants)",
  topic: "batch",
  latex: "B_{\\mathrm{crit}} = k\\,T,\\quad \\eta^* \\propto T^{1/2},\\ T^{0},\\ T^{-1/2}",
  formula: "Bcrit = k * T; regime from B vs Bcrit(T)",
  variables: { T: "pretraining tokens", B: "batch size", B_crit: "critical batch size", "η*": "optimal peak LR" },
  citation: timeTransferCitation,
  status: "unverified",
  api: "hparams.criticalBatch.timeTransfer",
});

/**
 * Time Transfer's rules with user constants: `criticalBatch({ T }, { k })` and `lrRegime({ T, B, Bcrit }, { band? })`.
 * @example hparams.criticalBatch.timeTransfer.lrRegime({ T: 1e9, B: 1e5, Bcrit: 1e5 }) // => "const"
 */
export const timeTransfer = {
  criticalBatch: timeTransferCriticalBatch,
  lrRegime: timeTransferLRRegime,
} as const;
