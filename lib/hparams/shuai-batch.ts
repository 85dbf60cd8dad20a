/**
 * Shuai et al. 2024 (batch-size-aware scaling law): compute-optimal exponents N_opt ∝ C^0.464, D_opt ∝ C^0.536, and in
 * the FLOPs-efficient regime S_opt ∝ C^0.434, B_opt ∝ C^0.102; noise-aware LR scaling LR_opt ∝ B^γ with γ ∈ [0.75, 1]
 * in the large-batch regime. Exponents confirmed-secondary; prefactors were not retrieved and are user inputs.
 */
import { assertPositive, defineCard, InvalidInputError, type PublishedConstants } from "../core";
import { shuaiCitation } from "../core/bibliography";



/** Shuai et al. 2024 exponents (confirmed-secondary); prefactors are not known. */
export const SHUAI_EXPONENTS: PublishedConstants<{ nExp: number; dExp: number; stepsExp: number; batchExp: number; lrBatchExpLo: number; lrBatchExpHi: number }> = {
  name: "Shuai et al. 2024 compute exponents",
  params: { nExp: 0.464, dExp: 0.536, stepsExp: 0.434, batchExp: 0.102, lrBatchExpLo: 0.75, lrBatchExpHi: 1 },
  status: "confirmed",
  citation: { ...shuaiCitation, where: "exponents (confirmed-secondary summary)" },
  note: "C presumably 6ND (unverified); prefactors not retrieved",
};

/**
 * Compute-optimal allocation with Shuai's exponents: N = kN·C^0.464, D = kD·C^0.536 (prefactors from the user).
 * @param x.C compute (> 0)
 * @param p.kN, p.kD prefactors (> 0)
 * @returns N and D
 * @throws InvalidInputError for non-positive input
 * @example hparams.criticalBatch.shuai.allocation({ C: 1 }, { kN: 2, kD: 3 }).D // => 3
 * @see shuaiCitation
 */
export function shuaiOptimalAllocation(x: { C: number }, p: { kN: number; kD: number }): { N: number; D: number } {
  const fn = "hparams.criticalBatch.shuai.allocation";
  assertPositive(fn, "C", x.C);
  assertPositive(fn, "kN", p.kN);
  assertPositive(fn, "kD", p.kD);
  const e = SHUAI_EXPONENTS.params;
  return { N: p.kN * x.C ** e.nExp, D: p.kD * x.C ** e.dExp };
}

/**
 * Noise-aware LR rescaling for a new batch size: lr = lr0·(B/B0)^γ, γ ∈ [0.75, 1] (default 0.75).
 * @param x.lr0 tuned LR at batch B0; x.B0; x.B new batch
 * @param p.gamma exponent in [0.75, 1] (default 0.75)
 * @returns the learning rate at B
 * @throws InvalidInputError for non-positive input or γ outside [0.75, 1]
 * @example hparams.criticalBatch.shuai.lrForBatch({ lr0: 1e-3, B0: 1, B: 16 }, { gamma: 0.75 }) // => 8e-3
 * @see shuaiCitation
 */
export function shuaiLRForBatch(x: { lr0: number; B0: number; B: number }, p: { gamma?: number } = {}): number {
  const fn = "hparams.criticalBatch.shuai.lrForBatch";
  assertPositive(fn, "lr0", x.lr0);
  assertPositive(fn, "B0", x.B0);
  assertPositive(fn, "B", x.B);
  const g = p.gamma ?? 0.75;
  if (!(g >= 0.75 && g <= 1)) throw new InvalidInputError(fn, `gamma must be in [0.75, 1], got ${g}`, "the paper's large-batch range");
  return x.lr0 * (x.B / x.B0) ** g;
}

/** Card of Shuai et al.'s rules (exponents only; prefactors from the user): registers them in the catalogue. */
export const shuaiCard = defineCard({
  id: "shuai-batch",
  name: "Batch-size-aware compute allocation and LR scaling (Shuai et al.)",
  topic: "batch",
  latex: "N_{\\mathrm{opt}} \\propto C^{0.464},\\; D_{\\mathrm{opt}} \\propto C^{0.536},\\; S_{\\mathrm{opt}} \\propto C^{0.434},\\; B_{\\mathrm{opt}} \\propto C^{0.102},\\; \\eta \\propto B^{\\gamma},\\ \\gamma \\in [0.75, 1]",
  formula: "N = kN C^0.464; D = kD C^0.536; lr = lr0 (B/B0)^gamma",
  variables: { C: "compute, FLOPs", N: "parameters", D: "tokens", B: "batch size", S: "steps" },
  citation: shuaiCitation,
  status: "confirmed",
  constants: [SHUAI_EXPONENTS],
  api: "hparams.criticalBatch.shuai",
});

/**
 * Shuai et al.'s batch-size-aware rules (exponents published, prefactors from the user): `exponents`,
 * `allocation({ C }, { kN, kD })`, `lrForBatch({ lr0, B0, B }, { gamma? })`.
 * @example hparams.criticalBatch.shuai.exponents.params.nExp // => 0.464
 */
export const shuai = {
  exponents: SHUAI_EXPONENTS,
  allocation: shuaiOptimalAllocation,
  lrForBatch: shuaiLRForBatch,
} as const;
