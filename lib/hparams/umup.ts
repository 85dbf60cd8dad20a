/**
 * u-μP (Blake et al. 2024): μP on top of Unit Scaling. Every weight starts at unit variance, linear layers scale their
 * output by fan_in^−1/2, and the per-parameter learning-rate multipliers below are absolute (no base shape), with a
 * depth factor depth^−1/2 on residual-branch parameters and "independent" weight decay wd/lr.
 * Rules as implemented in graphcore-research/unit-scaling `unit_scaling/optim.py`.
 */
import { assertChoice, assertPositive, defineCard, InvalidInputError } from "../core";
import { umupCitation } from "../core/bibliography";



/** Parameter kinds of {@link umupAdamLRScale}. */
export type UmupAdamParamKind = "weight" | "embedding" | "bias" | "norm" | "output";
const ADAM_KINDS: readonly UmupAdamParamKind[] = ["weight", "embedding", "bias", "norm", "output"];
/** Parameter kinds of {@link umupSgdLRScale}. */
export type UmupSgdParamKind = "weight" | "bias" | "norm" | "output";
const SGD_KINDS: readonly UmupSgdParamKind[] = ["weight", "bias", "norm", "output"];

function depthFactor(fn: string, depth: number | undefined): number {
  if (depth === undefined) return 1;
  assertPositive(fn, "depth", depth);
  return depth ** -0.5;
}

/**
 * u-μP Adam/AdamW learning-rate multiplier of one parameter (absolute, multiplies the global η).
 * weight: fan_in^−1/2 · depth^−1/2; embedding: d_model^−1/2 (the code's fan_in is the hidden dim);
 * bias/norm: depth^−1/2; output: 1 (× depth factor if tagged).
 * @param p.kind weight | embedding | bias | norm | output; p.fanIn fan-in (for an embedding: d_model);
 *   p.depth residual scaling depth (only for residual-branch parameters)
 * @returns the LR multiplier
 * @throws UnknownChoiceError for an unknown kind; InvalidInputError for non-positive fanIn/depth
 * @example hparams.umup.adamLRScale({ kind: "weight", fanIn: 1024, depth: 16 }) // => 0.0078125
 * @see umupCitation
 */
export function umupAdamLRScale(p: { kind: UmupAdamParamKind; fanIn: number; depth?: number }): number {
  const fn = "hparams.umup.adamLRScale";
  assertChoice(fn, "parameter kind", p.kind, ADAM_KINDS);
  const depth = depthFactor(fn, p.depth);
  if (p.kind === "bias" || p.kind === "norm" || p.kind === "output") return depth;
  assertPositive(fn, "fanIn", p.fanIn);
  return p.fanIn ** -0.5 * depth;
}

/**
 * u-μP SGD learning-rate multiplier: bias/norm depth^−1/2·shape[0]; weight depth^−1/2·fan_in^−1/2
 * (fan_in^+1/2 with the readout constraint "to_output_scale"); output depth^−1/2.
 * @param p.kind weight | bias | norm | output; p.fanIn; p.shape0 first dim (bias/norm); p.depth; p.readoutConstraint
 * @returns the LR multiplier
 * @throws UnknownChoiceError for an unknown kind; InvalidInputError for a missing shape0 on bias/norm
 * @example hparams.umup.sgdLRScale({ kind: "weight", fanIn: 256, readoutConstraint: "to_output_scale" }) // => 16
 * @see umupCitation
 */
export function umupSgdLRScale(p: { kind: UmupSgdParamKind; fanIn: number; shape0?: number; depth?: number; readoutConstraint?: "to_output_scale" | null }): number {
  const fn = "hparams.umup.sgdLRScale";
  assertChoice(fn, "parameter kind", p.kind, SGD_KINDS);
  const depth = depthFactor(fn, p.depth);
  if (p.kind === "output") return depth;
  if (p.kind === "bias" || p.kind === "norm") {
    if (p.shape0 === undefined) throw new InvalidInputError(fn, `shape0 is required for kind "${p.kind}"`, "pass the parameter's first dimension");
    assertPositive(fn, "shape0", p.shape0);
    return depth * p.shape0;
  }
  assertPositive(fn, "fanIn", p.fanIn);
  return depth * p.fanIn ** (p.readoutConstraint === "to_output_scale" ? 0.5 : -0.5);
}

/**
 * Independent weight decay: the per-parameter decay coefficient wd / lr_param, so the decay applied per step
 * (lr_param · wd_param = wd) does not depend on the learning rate.
 * @param p.wd the decay per step; p.paramLR the parameter's learning rate
 * @returns the coefficient to give AdamW
 * @throws InvalidInputError for wd < 0 or paramLR ≤ 0
 * @example hparams.umup.independentWeightDecay({ wd: 0.1, paramLR: 0.01 }) // => 10
 * @see umupCitation
 */
export function umupIndependentWeightDecay(p: { wd: number; paramLR: number }): number {
  const fn = "hparams.umup.independentWeightDecay";
  const { wd, paramLR } = p;
  if (!(Number.isFinite(wd) && wd >= 0)) throw new InvalidInputError(fn, `wd must be a finite number ≥ 0, got ${wd}`);
  assertPositive(fn, "paramLR", paramLR);
  return wd / paramLR;
}

/** Card of u-μP's rules (no fitted constants): registers them in the catalogue (`help()`). */
export const umupCard = defineCard({
  id: "umup",
  name: "u-μP learning-rate multipliers and independent weight decay",
  topic: "hparams",
  latex: "\\eta_W = \\eta\\,\\mathrm{fan\\_in}^{-1/2}\\,\\mathrm{depth}^{-1/2},\\; \\eta_{\\mathrm{bias,norm}} = \\eta\\,\\mathrm{depth}^{-1/2},\\; \\eta_{\\mathrm{out}} = \\eta,\\; \\mathrm{wd}_W = \\mathrm{wd}/\\eta_W",
  formula: "adam: weight fanIn^-0.5 * depth^-0.5; embedding dModel^-0.5; bias/norm depth^-0.5; output 1; wd_param = wd / lr_param",
  variables: { fan_in: "input dimension (d_model for an embedding)", depth: "residual scaling depth", η: "global learning rate", wd: "weight decay per step" },
  citation: umupCitation,
  status: "confirmed",
  api: "hparams.umup",
});

/**
 * u-μP's per-parameter rules (absolute multipliers of the global LR): `adamLRScale`, `sgdLRScale`,
 * `independentWeightDecay`.
 * @example hparams.umup.adamLRScale({ kind: "output", fanIn: 1024 }) // => 1
 */
export const umup = {
  adamLRScale: umupAdamLRScale,
  sgdLRScale: umupSgdLRScale,
  independentWeightDecay: umupIndependentWeightDecay,
} as const;
