/**
 * `mupTable`: the per-parameter-group μP recipe for a concrete GPT-style transformer at a target width, given the
 * base (proxy) shape and the hyperparameters tuned there: init std, forward multiplier and per-tensor learning rate
 * of every group, the effective learning rate each group's effective weight A·w gets, and the SP values side by side.
 */
import { assertChoice, assertPositive, assertPositiveInteger, InvalidInputError, makeDisplayable } from "../core";

import { MUP_FORMS, MUP_OPTIMIZERS, mupScaling, type MupForm, type MupLayerKind, type MupOptimizer } from "./mup";


/** Shape of a GPT-style decoder (pre-LN, MHA, MLP). */
export interface MupArchitecture {
  /** Residual width d_model. */
  readonly dModel: number;
  readonly nLayers: number;
  readonly vocab: number;
  /** MLP inner size (default 4·dModel). */
  readonly dFF?: number;
  /** Head dimension (default 64); heads = dModel / dHead. */
  readonly dHead?: number;
  /** Linear layers and norms carry biases (default true, as GPT-2). */
  readonly biases?: boolean;
}

/** The base (proxy) model's shape and the hyperparameters tuned on it. */
export interface MupBase {
  /** Base residual width. */
  readonly dModel: number;
  /** Base MLP inner size (default 4·dModel). */
  readonly dFF?: number;
  /** Base head dimension (default: the target's). */
  readonly dHead?: number;
  /** Peak learning rate tuned at the base width. */
  readonly lr: number;
  /** Init std tuned at the base width (e.g. 0.02). */
  readonly initStd: number;
  /** Output (readout) multiplier α_out tuned at the base width (default 1). */
  readonly outputMultiplier?: number;
  /** Optimizer (default "adam"). */
  readonly optimizer?: MupOptimizer;
  /** μP form (default "table8", what the mup package implements). */
  readonly form?: MupForm;
  /** Zero-init the readout, as the mup README recommends (default false). */
  readonly readoutZeroInit?: boolean;
}

/** One parameter group of {@link mupTable} (a type alias, so rows pass straight to `table()`). */
export type MupGroupRow = {
  readonly group: string;
  readonly kind: MupLayerKind;
  /** "fan_in×fan_out". */
  readonly shape: string;
  /** Parameters in the group, over all layers. */
  readonly params: number;
  /** Init std of the stored tensor w (0 for biases; norm gains start at 1 and have no random init). */
  readonly initStd: number;
  /** Forward multiplier A (W = A·w). */
  readonly multiplier: number;
  /** Per-tensor learning rate to give the optimizer. */
  readonly lr: number;
  /** Init std of the effective weight A·w. */
  readonly effectiveInitStd: number;
  /** Learning rate of the effective weight: A·lr (Adam) or A²·lr (SGD); equal across μP forms. */
  readonly effectiveLR: number;
  /** Standard parametrization with the same base constants: init std, learning rate. */
  readonly spInitStd: number;
  readonly spLR: number;
};

interface Group {
  group: string;
  kind: MupLayerKind;
  fanIn: number;
  fanOut: number;
  baseFanIn: number;
  baseFanOut: number;
  count: number;
}

/**
 * The μP table of a GPT-style transformer: per parameter group (token embedding, attention QKV and output, MLP up
 * and down, readout, biases, norm gains) the init std, forward multiplier, optimizer learning rate, the effective
 * learning rate of A·w and the SP values with the same base constants. At the base width every group equals SP.
 * @param arch target shape { dModel, nLayers, vocab, dFF?, dHead?, biases? }
 * @param base base shape and tuned values { dModel, dFF?, dHead?, lr, initStd, outputMultiplier?, optimizer?, form?, readoutZeroInit? }
 * @returns rows (displayable as a table)
 * @throws InvalidInputError for non-integer dims, dModel not divisible by dHead, non-positive lr/initStd;
 *   UnknownChoiceError for an unknown optimizer or form
 * @example hparams.mup.table({ dModel: 1024, nLayers: 2, vocab: 50257 }, { dModel: 256, lr: 1e-2, initStd: 0.02 }).find((r) => r.group === "MLP up").lr // => 2.5e-3
 * @see mupCitation
 */
export function mupTable(arch: MupArchitecture, base: MupBase): MupGroupRow[] {
  const fn = "hparams.mup.table";
  assertPositiveInteger(fn, "arch.dModel", arch.dModel);
  assertPositiveInteger(fn, "arch.nLayers", arch.nLayers);
  assertPositiveInteger(fn, "arch.vocab", arch.vocab);
  assertPositiveInteger(fn, "base.dModel", base.dModel);
  const dFF = arch.dFF ?? 4 * arch.dModel;
  const baseFF = base.dFF ?? 4 * base.dModel;
  const dHead = arch.dHead ?? 64;
  const baseHead = base.dHead ?? dHead;
  assertPositiveInteger(fn, "arch.dFF", dFF);
  assertPositiveInteger(fn, "base.dFF", baseFF);
  assertPositiveInteger(fn, "arch.dHead", dHead);
  for (const [w, h, who] of [[arch.dModel, dHead, "arch"], [base.dModel, baseHead, "base"]] as const) {
    if (w % h !== 0) throw new InvalidInputError(fn, `${who}.dModel = ${w} is not a multiple of dHead = ${h}`, "choose widths that are whole numbers of heads");
  }
  assertPositive(fn, "base.lr", base.lr);
  assertPositive(fn, "base.initStd", base.initStd);
  const alphaOut = base.outputMultiplier ?? 1;
  assertPositive(fn, "base.outputMultiplier", alphaOut);
  const optimizer = base.optimizer ?? "adam";
  assertChoice(fn, "optimizer", optimizer, MUP_OPTIMIZERS);
  const form = base.form ?? "table8";
  assertChoice(fn, "form", form, MUP_FORMS);
  const L = arch.nLayers;
  const d = arch.dModel;
  const bd = base.dModel;
  const groups: Group[] = [
    { group: "token embedding", kind: "input", fanIn: arch.vocab, fanOut: d, baseFanIn: arch.vocab, baseFanOut: bd, count: 1 },
    { group: "attention QKV", kind: "hidden", fanIn: d, fanOut: 3 * d, baseFanIn: bd, baseFanOut: 3 * bd, count: L },
    { group: "attention output", kind: "hidden", fanIn: d, fanOut: d, baseFanIn: bd, baseFanOut: bd, count: L },
    { group: "MLP up", kind: "hidden", fanIn: d, fanOut: dFF, baseFanIn: bd, baseFanOut: baseFF, count: L },
    { group: "MLP down", kind: "hidden", fanIn: dFF, fanOut: d, baseFanIn: baseFF, baseFanOut: bd, count: L },
    { group: "readout", kind: "output", fanIn: d, fanOut: arch.vocab, baseFanIn: bd, baseFanOut: arch.vocab, count: 1 },
  ];
  if (arch.biases ?? true) {
    // Bias width d_model for attention-out and MLP-down, 3d for QKV, d_ff for MLP-up; the μP rule only sees fan_out.
    groups.push({ group: "biases (d_model wide)", kind: "bias", fanIn: 1, fanOut: d, baseFanIn: 1, baseFanOut: bd, count: 5 * L });
    groups.push({ group: "biases (d_ff wide)", kind: "bias", fanIn: 1, fanOut: dFF, baseFanIn: 1, baseFanOut: baseFF, count: L });
  }
  groups.push({ group: "norm gains", kind: "norm", fanIn: 1, fanOut: d, baseFanIn: 1, baseFanOut: bd, count: 2 * L + 1 });
  const lrPower = optimizer === "adam" ? 1 : 2;
  const rows = groups.map((g): MupGroupRow => {
    const fanInMult = g.fanIn / g.baseFanIn;
    const fanOutMult = g.fanOut / g.baseFanOut;
    const r = mupScaling({ kind: g.kind, optim: optimizer, fanInMult, fanOutMult, form });
    const sp = mupScaling({ kind: g.kind, optim: optimizer, fanInMult, fanOutMult, form: "sp" });
    const baseMult = g.kind === "output" ? alphaOut : 1;
    const random = g.kind !== "bias" && g.kind !== "norm" && !(g.kind === "output" && base.readoutZeroInit);
    const initStd = random ? base.initStd * r.initStdMult : 0;
    const spInitStd = random ? base.initStd * sp.initStdMult : 0;
    const multiplier = baseMult * r.multiplier;
    const lr = base.lr * r.lrMult;
    return {
      group: g.group, kind: g.kind, shape: `${g.fanIn}×${g.fanOut}`,
      params: g.fanIn * g.fanOut * g.count,
      initStd, multiplier, lr,
      effectiveInitStd: multiplier * initStd,
      effectiveLR: multiplier ** lrPower * lr,
      spInitStd, spLR: base.lr * sp.lrMult,
    };
  });
  const text = () => rows.map((r) => `${r.group.padEnd(22)} ${r.kind.padEnd(6)} init ${r.initStd.toPrecision(3)} mult ${r.multiplier.toPrecision(3)} lr ${r.lr.toPrecision(3)} (SP ${r.spLR.toPrecision(3)})`).join("\n");
  return makeDisplayable("table", rows, text);
}
