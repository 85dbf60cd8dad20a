/**
 * μP (Tensor Programs V, Yang, Hu et al. 2022): how init variance, forward multiplier and per-tensor learning rate
 * scale with width for input weights (and all biases and norm gains), hidden weights and output (readout) weights,
 * in the three equivalent forms (TP-V "Table 3", the "Table 8" form the `mup` package implements, and the unit-init
 * form u-μP builds on), the abc-symmetry that converts between them, and the attention logit scale.
 *
 * Every table entry is a monomial fan_in^p · fan_out^q; only ratios to a base (proxy) shape matter, the O(1)
 * constants (base LR, init std, output multiplier) are tuned on the proxy.
 */
import { assertChoice, assertPositive, defineCard, displayResult } from "../core";
import { mupCitation } from "../core/bibliography";



/** Layer kinds: input weights, hidden (infinite→infinite) weights, output (readout) weights, biases, norm gains. */
export type MupLayerKind = "input" | "hidden" | "output" | "bias" | "norm";
/** Every {@link MupLayerKind}. */
export const MUP_LAYER_KINDS: readonly MupLayerKind[] = ["input", "hidden", "output", "bias", "norm"];
/** Optimizers the μP tables cover. */
export type MupOptimizer = "adam" | "sgd";
/** Every {@link MupOptimizer}. */
export const MUP_OPTIMIZERS: readonly MupOptimizer[] = ["adam", "sgd"];
/** "table3" (TP-V Table 3), "table8" (the mup package), "unit" (unit init, u-μP's starting point), "sp" (standard). */
export type MupForm = "table3" | "table8" | "unit" | "sp";
/** Every {@link MupForm}. */
export const MUP_FORMS: readonly MupForm[] = ["table3", "table8", "unit", "sp"];

/** fan_in^fanIn · fan_out^fanOut. */
export interface WidthMonomial {
  readonly fanIn: number;
  readonly fanOut: number;
}

/** How one layer kind's init variance, multiplier and SGD/Adam learning rates scale with width. */
export interface MupTableEntry {
  readonly initVar: WidthMonomial;
  readonly multiplier: WidthMonomial;
  readonly sgdLR: WidthMonomial;
  readonly adamLR: WidthMonomial;
}

/** Table columns: biases and norm gains (vector-like, one infinite dim) follow the input column. */
export type MupTableColumn = "input" | "hidden" | "output";

const m = (fanIn: number, fanOut = 0): WidthMonomial => ({ fanIn, fanOut });
const ONE = m(0);

/**
 * The parametrization tables of hparams.md §1, as exponents of fan_in and fan_out.
 * table3 and unit are derived in TP-V from table8 by the abc-symmetry ({@link mupAbcTransformEntry}); the tests check
 * that the three hard-coded tables are related exactly that way.
 */
export const MUP_TABLES: Readonly<Record<MupForm, Readonly<Record<MupTableColumn, MupTableEntry>>>> = {
  table3: {
    input: { initVar: m(-1), multiplier: ONE, sgdLR: m(0, 1), adamLR: ONE },
    hidden: { initVar: m(-1), multiplier: ONE, sgdLR: ONE, adamLR: m(-1) },
    output: { initVar: m(-2), multiplier: ONE, sgdLR: m(-1), adamLR: m(-1) },
  },
  table8: {
    input: { initVar: m(-1), multiplier: ONE, sgdLR: m(0, 1), adamLR: ONE },
    hidden: { initVar: m(-1), multiplier: ONE, sgdLR: ONE, adamLR: m(-1) },
    output: { initVar: ONE, multiplier: m(-1), sgdLR: m(1), adamLR: ONE },
  },
  unit: {
    input: { initVar: ONE, multiplier: m(-0.5), sgdLR: m(1, 1), adamLR: m(0.5) },
    hidden: { initVar: ONE, multiplier: m(-0.5), sgdLR: m(1), adamLR: m(-0.5) },
    output: { initVar: ONE, multiplier: m(-1), sgdLR: m(1), adamLR: ONE },
  },
  sp: {
    input: { initVar: m(-1), multiplier: ONE, sgdLR: ONE, adamLR: ONE },
    hidden: { initVar: m(-1), multiplier: ONE, sgdLR: ONE, adamLR: ONE },
    output: { initVar: m(-1), multiplier: ONE, sgdLR: ONE, adamLR: ONE },
  },
};

/** θ (as a width monomial) per column that maps Table 3 onto each μP form by the abc-symmetry. */
export const MUP_ABC_THETA_FROM_TABLE3: Readonly<Record<Exclude<MupForm, "sp">, Readonly<Record<MupTableColumn, WidthMonomial>>>> = {
  table3: { input: ONE, hidden: ONE, output: ONE },
  table8: { input: ONE, hidden: ONE, output: m(-1) },
  unit: { input: m(-0.5), hidden: m(-0.5), output: m(-1) },
};

/** The table column a layer kind follows. */
export function mupColumn(kind: MupLayerKind): MupTableColumn {
  return kind === "bias" || kind === "norm" ? "input" : kind;
}

/**
 * Applies the abc-symmetry to a table entry with θ = fan_in^a·fan_out^b: multiplier·θ, init std/θ (variance/θ²),
 * Adam LR/θ, SGD LR/θ². Training dynamics are unchanged.
 * @param entry a {@link MupTableEntry}
 * @param theta θ as a width monomial
 * @returns the transformed entry
 * @example hparams.mup.abcTransformEntry(hparams.mup.tables.table3.output, { fanIn: -1, fanOut: 0 }).adamLR.fanIn // => 0
 * @see mupCitation
 */
export function mupAbcTransformEntry(entry: MupTableEntry, theta: WidthMonomial): MupTableEntry {
  const add = (x: WidthMonomial, k: number): WidthMonomial => ({ fanIn: x.fanIn + k * theta.fanIn, fanOut: x.fanOut + k * theta.fanOut });
  return { initVar: add(entry.initVar, -2), multiplier: add(entry.multiplier, 1), sgdLR: add(entry.sgdLR, -2), adamLR: add(entry.adamLR, -1) };
}

/** One parameter's multiplier, init std and learning rate (numbers, not width exponents). */
export interface AbcParametrization {
  readonly multiplier: number;
  readonly initStd: number;
  readonly lr: number;
}

/**
 * The abc-symmetry on concrete numbers: multiplier·θ, init std/θ, LR/θ (Adam) or LR/θ² (SGD) leave training unchanged
 * (Adam up to its ε).
 * @param p multiplier, initStd, lr of one parameter; p.optimizer "adam" or "sgd"; p.theta > 0
 * @returns the equivalent parametrization
 * @throws InvalidInputError for θ ≤ 0; UnknownChoiceError for an unknown optimizer
 * @example hparams.mup.abcSymmetry({ multiplier: 1, initStd: 0.02, lr: 1e-3, optimizer: "adam", theta: 2 }).lr // => 5e-4
 * @see mupCitation
 */
export function mupAbcSymmetry(p: AbcParametrization & { optimizer: MupOptimizer; theta: number }): AbcParametrization {
  const fn = "hparams.mup.abcSymmetry";
  assertChoice(fn, "optimizer", p.optimizer, MUP_OPTIMIZERS);
  assertPositive(fn, "theta", p.theta);
  const lrPower = p.optimizer === "adam" ? 1 : 2;
  return displayResult(`${fn}: the same network with θ = ${p.theta} (${p.optimizer})`, { multiplier: p.multiplier * p.theta, initStd: p.initStd / p.theta, lr: p.lr / p.theta ** lrPower });
}

/** Multipliers relative to the base (proxy) model: init variance, init std, forward multiplier, learning rate. */
export interface MupRule {
  readonly initVarMult: number;
  readonly initStdMult: number;
  readonly multiplier: number;
  readonly lrMult: number;
}

const evalMono = (x: WidthMonomial, fanInMult: number, fanOutMult: number) => fanInMult ** x.fanIn * fanOutMult ** x.fanOut;

/**
 * How a layer's init, multiplier and learning rate change when its fan-in and fan-out grow by the given factors
 * relative to the base (proxy) model.
 * @param p.kind input | hidden | output | bias | norm; p.optim adam | sgd; p.fanInMult, p.fanOutMult = fan / base fan;
 *   p.form table3 | table8 (default, the mup package) | unit | sp
 * @returns initVarMult, initStdMult, multiplier, lrMult
 * @throws UnknownChoiceError for unknown kind/optim/form; InvalidInputError for non-positive multipliers
 * @example hparams.mup.scaling({ kind: "hidden", optim: "adam", fanInMult: 4, fanOutMult: 4 }).lrMult // => 0.25
 * @see mupCitation
 */
export function mupScaling(p: { kind: MupLayerKind; optim: MupOptimizer; fanInMult: number; fanOutMult: number; form?: MupForm }): MupRule {
  const fn = "hparams.mup.scaling";
  assertChoice(fn, "layer kind", p.kind, MUP_LAYER_KINDS);
  assertChoice(fn, "optimizer", p.optim, MUP_OPTIMIZERS);
  const form = p.form ?? "table8";
  assertChoice(fn, "form", form, MUP_FORMS);
  assertPositive(fn, "fanInMult", p.fanInMult);
  assertPositive(fn, "fanOutMult", p.fanOutMult);
  const e = MUP_TABLES[form][mupColumn(p.kind)];
  const initVarMult = evalMono(e.initVar, p.fanInMult, p.fanOutMult);
  return displayResult(`${fn}: ${p.kind} layer, ${p.optim}, fan-in ×${p.fanInMult}, fan-out ×${p.fanOutMult} (${form})`, {
    initVarMult,
    initStdMult: Math.sqrt(initVarMult),
    multiplier: evalMono(e.multiplier, p.fanInMult, p.fanOutMult),
    lrMult: evalMono(p.optim === "adam" ? e.adamLR : e.sgdLR, p.fanInMult, p.fanOutMult),
  });
}

/** Which of a layer's dims are infinite (scale with width) for a given kind. */
function widthDims(kind: MupLayerKind): { fanIn: boolean; fanOut: boolean } {
  if (kind === "hidden") return { fanIn: true, fanOut: true };
  if (kind === "output") return { fanIn: true, fanOut: false };
  return { fanIn: false, fanOut: true };
}

/**
 * The μP learning rate of one layer at `widthMult` × the base width (every infinite dim scaled by widthMult).
 * @param p.baseLR LR tuned on the proxy; p.kind; p.optim; p.widthMult = width / base width; p.form (default table8)
 * @returns the per-tensor learning rate to give the optimizer
 * @throws UnknownChoiceError / InvalidInputError as {@link mupScaling}
 * @example hparams.mup.transferLR({ baseLR: 0.1, kind: "input", optim: "sgd", widthMult: 4 }) // => 0.4
 * @see mupCitation
 */
export function mupTransferLR(p: { baseLR: number; kind: MupLayerKind; optim: MupOptimizer; widthMult: number; form?: MupForm }): number {
  const fn = "hparams.mup.transferLR";
  assertPositive(fn, "baseLR", p.baseLR);
  assertPositive(fn, "widthMult", p.widthMult);
  assertChoice(fn, "layer kind", p.kind, MUP_LAYER_KINDS);
  const d = widthDims(p.kind);
  return p.baseLR * mupScaling({ kind: p.kind, optim: p.optim, form: p.form, fanInMult: d.fanIn ? p.widthMult : 1, fanOutMult: d.fanOut ? p.widthMult : 1 }).lrMult;
}

/**
 * Attention logit scale: μP uses q·k/d_head (the mup README's 8/d_head matches SP at d_head = 64); SP uses 1/√d_head.
 * @param dHead head dimension (> 0)
 * @param opts.mup μP (default true) or SP; opts.compat8 use 8/d_head (default true) instead of 1/d_head
 * @returns the factor multiplying q·k
 * @throws InvalidInputError for dHead ≤ 0
 * @example hparams.mup.attentionScale(128) // => 0.0625
 * @see mupCitation
 */
export function mupAttentionScale(dHead: number, opts: { mup?: boolean; compat8?: boolean } = {}): number {
  const fn = "hparams.mup.attentionScale";
  assertPositive(fn, "dHead", dHead);
  if (opts.mup === false) return 1 / Math.sqrt(dHead);
  return (opts.compat8 === false ? 1 : 8) / dHead;
}

/** Card of μP (tables, not fitted constants): registers it in the catalogue (`help()`). */
export const mupCard = defineCard({
  id: "mup",
  name: "μP (Maximal Update Parametrization): width scaling of init, multipliers and per-layer LR",
  topic: "hparams",
  latex: "W = A_W w,\\; w_0 \\sim \\mathcal{N}(0, B_W),\\; \\Delta w = -C_W \\Phi(\\nabla);\\quad \\text{Adam hidden: } C_W \\propto 1/\\mathrm{fan\\_in},\\; \\text{output: } A_W \\propto 1/\\mathrm{fan\\_in}",
  formula: "quantity_mult = fanInMult^p * fanOutMult^q with (p, q) from hparams.mup.tables[form][column]; abc-symmetry: A*θ, std/θ, C_adam/θ, C_sgd/θ²",
  variables: {
    fan_in: "input dimension of the layer",
    fan_out: "output dimension of the layer",
    A_W: "forward multiplier",
    B_W: "init variance",
    C_W: "per-tensor learning rate",
    θ: "abc-symmetry factor (> 0)",
  },
  citation: mupCitation,
  status: "confirmed",
  api: "hparams.mup",
});
