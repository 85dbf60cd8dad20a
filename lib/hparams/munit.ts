/**
 * μnit Scaling (Narayan et al. 2025): an FP8-oriented unit-scaled parametrization that keeps width transfer.
 * Only its components are confirmed (Res-Post-LayerNorm, variance-preserving residuals, unit-variance init); the exact
 * multiplier and learning-rate rule below is from memory and UNVERIFIED (hparams.md §2), so nothing asserts it.
 */
import { assertChoice, assertPositive, defineCard, displayResult } from "../core";
import { munitCitation } from "../core/bibliography";



/** Layer kinds of {@link munitScaling}. */
export type MunitParamKind = "hidden" | "output";

/** Init variance, forward multiplier and Adam LR multiplier of one μnit Scaling layer (UNVERIFIED rule). */
export interface MunitRule {
  readonly initVar: number;
  readonly multiplier: number;
  readonly adamLRScale: number;
  readonly status: "unverified";
}

/**
 * μnit Scaling rule (UNVERIFIED): unit-variance init; hidden layers multiplier and Adam LR ∝ 1/√fan_in;
 * output multiplier 1/fan_in; weight decay fully decoupled.
 * @param p.kind hidden | output; p.fanIn fan-in (> 0)
 * @returns initVar, multiplier, adamLRScale and status "unverified"
 * @throws UnknownChoiceError for an unknown kind; InvalidInputError for fanIn ≤ 0
 * @example hparams.munit.scaling({ kind: "hidden", fanIn: 1024 }).multiplier // => 0.03125
 * @see munitCitation
 */
export function munitScaling(p: { kind: MunitParamKind; fanIn: number }): MunitRule {
  const fn = "hparams.munit.scaling";
  assertChoice(fn, "parameter kind", p.kind, ["hidden", "output"] as const);
  assertPositive(fn, "fanIn", p.fanIn);
  return displayResult(`${fn}: ${p.kind} parameters at fan-in ${p.fanIn} (rule unverified)`, p.kind === "hidden"
    ? { initVar: 1, multiplier: p.fanIn ** -0.5, adamLRScale: p.fanIn ** -0.5, status: "unverified" }
    : { initVar: 1, multiplier: 1 / p.fanIn, adamLRScale: 1, status: "unverified" });
}

/** Card of μnit Scaling (rule unverified): registers it in the catalogue (`help()`). */
export const munitCard = defineCard({
  id: "munit-scaling",
  name: "μnit Scaling (μS) parametrization for FP8 training (rule unverified)",
  topic: "hparams",
  latex: "\\sigma^2_{\\mathrm{init}} = 1,\\; A_{\\mathrm{hidden}} = \\eta_{\\mathrm{hidden}} \\propto \\mathrm{fan\\_in}^{-1/2},\\; A_{\\mathrm{out}} = 1/\\mathrm{fan\\_in}",
  formula: "hidden: multiplier = adamLR = fanIn^-0.5; output: multiplier = 1/fanIn; init var 1",
  variables: { fan_in: "input dimension of the layer" },
  citation: munitCitation,
  status: "unverified",
  api: "hparams.munit",
});

/**
 * μnit Scaling (rule UNVERIFIED): `scaling({ kind, fanIn })`.
 * @example hparams.munit.scaling({ kind: "output", fanIn: 4 }).multiplier // => 0.25
 */
export const munit = { scaling: munitScaling } as const;
