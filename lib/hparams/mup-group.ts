/** `hparams.mup`: the μP tables, the abc-symmetry, per-layer scaling and the per-group table of a transformer. */
import {
  MUP_ABC_THETA_FROM_TABLE3, MUP_FORMS, MUP_LAYER_KINDS, MUP_OPTIMIZERS, MUP_TABLES, mupAbcSymmetry, mupAbcTransformEntry,
  mupAttentionScale, mupColumn, mupScaling, mupTransferLR,
} from "./mup";
import { mupTable } from "./mup-table";
import { mupMlp, mupOptimalLR, mupTeacher, mupWidthExponent } from "./mup-mlp";

/**
 * μP (Tensor Programs V): `tables` (exponents of fan_in/fan_out per form and column), `scaling({ kind, optim,
 * fanInMult, fanOutMult, form? })`, `transferLR({ baseLR, kind, optim, widthMult, form? })`, the abc-symmetry
 * (`abcSymmetry`, `abcTransformEntry`, `thetaFromTable3`), `attentionScale(dHead, opts?)` and `table(arch, base)`
 * (init, multiplier and LR of every parameter group of a GPT-style transformer); `mlp(spec)` (a ReLU MLP parametrized by
 * these tables, trainable in the kernel), `teacher({ inputs, outputs })` (a synthetic task for it), and for the
 * experiments `widthExponent(widths, values)` (slope of log value vs log width) and `optimalLR(lrs, losses)`.
 * @example hparams.mup.transferLR({ baseLR: 1e-2, kind: "hidden", optim: "adam", widthMult: 4 }) // => 2.5e-3
 */
export const mup = {
  tables: MUP_TABLES,
  thetaFromTable3: MUP_ABC_THETA_FROM_TABLE3,
  layerKinds: MUP_LAYER_KINDS,
  optimizers: MUP_OPTIMIZERS,
  forms: MUP_FORMS,
  column: mupColumn,
  scaling: mupScaling,
  transferLR: mupTransferLR,
  abcSymmetry: mupAbcSymmetry,
  abcTransformEntry: mupAbcTransformEntry,
  attentionScale: mupAttentionScale,
  table: mupTable,
  mlp: mupMlp,
  teacher: mupTeacher,
  widthExponent: mupWidthExponent,
  optimalLR: mupOptimalLR,
} as const;
