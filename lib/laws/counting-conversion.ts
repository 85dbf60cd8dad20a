/**
 * Converting laws between counting conventions. A law fitted with one definition of N (non-embedding, with the
 * output head, total) and of C (6N_ne·D, Chinchilla's exact count, …) describes the same models as a law in
 * another convention once each N is mapped to an architecture. The map needs a shape family: here a fixed aspect
 * ratio d_model/n_layer, head width and vocabulary, with continuous n_layer and d_model (so conversions are smooth
 * and invertible). This is the mechanism behind part of the Kaplan/Chinchilla gap (embedding parameters, Pearce &
 * Song 2024; last-layer FLOPs, Porian et al. 2024): the same allocation has different exponents in different counts.
 */
import { assertChoice, assertPositive, defineCard, displayResult, InvalidInputError } from "../core";

import type { LossSurface } from "./allocation";
import { FLOP_COUNTINGS, PARAM_COUNTINGS, transformerFlopsPerToken, transformerParamCount, type FlopCounting, type ParamCounting, type TransformerShape } from "./flops";
import { fitLogLogLine } from "./laws-internal";
import { porianCitation } from "../core/bibliography";


/** A one-parameter family of Transformer shapes indexed by size. */
export interface ShapeFamily {
  /** d_model / n_layer (> 0). */
  readonly aspectRatio: number;
  readonly vocab: number;
  readonly seqLen: number;
  /** Head width (default 64). */
  readonly dHead?: number;
  /** d_ff / d_model (default 4). */
  readonly ffRatio?: number;
  readonly ffnMatrices?: 2 | 3;
  readonly tiedEmbeddings?: boolean;
}

/** A counting convention: what N counts and how training FLOPs are counted. */
export interface CountingConvention {
  readonly params: ParamCounting;
  readonly flops: FlopCounting;
}

function checkFamily(fn: string, f: ShapeFamily): void {
  if (typeof f !== "object" || f === null) throw new InvalidInputError(fn, "family must be an object {aspectRatio, vocab, seqLen}");
  assertPositive(fn, "family.aspectRatio", f.aspectRatio);
  assertPositive(fn, "family.vocab", f.vocab);
  assertPositive(fn, "family.seqLen", f.seqLen);
  if (f.dHead !== undefined) assertPositive(fn, "family.dHead", f.dHead);
  if (f.ffRatio !== undefined) assertPositive(fn, "family.ffRatio", f.ffRatio);
}

function checkConvention(fn: string, what: string, c: CountingConvention): void {
  if (typeof c !== "object" || c === null) throw new InvalidInputError(fn, `${what} must be {params, flops}`);
  assertChoice(fn, `${what}.params`, c.params, PARAM_COUNTINGS);
  assertChoice(fn, `${what}.flops`, c.flops, FLOP_COUNTINGS);
}

function shapeOf(f: ShapeFamily, dModel: number): TransformerShape {
  const dHead = f.dHead ?? 64;
  return {
    nLayers: dModel / f.aspectRatio,
    dModel,
    nHeads: dModel / dHead,
    dHead,
    dFF: (f.ffRatio ?? 4) * dModel,
    vocab: f.vocab,
    seqLen: f.seqLen,
    ffnMatrices: f.ffnMatrices,
    tiedEmbeddings: f.tiedEmbeddings,
  };
}

function solveShape(fn: string, N: number, counting: ParamCounting, f: ShapeFamily): TransformerShape {
  const count = (d: number) => transformerParamCount(shapeOf(f, d), counting);
  let lo = Math.log(1e-6), hi = Math.log(1e9);
  if (!(count(Math.exp(lo)) < N && count(Math.exp(hi)) > N)) {
    throw new InvalidInputError(fn, `no model of the family has ${N} ${counting} parameters`, "with embeddings counted, N must exceed the embedding size vocab·d_model");
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.abs(hi); i++) {
    const m = 0.5 * (lo + hi);
    if (count(Math.exp(m)) < N) lo = m;
    else hi = m;
  }
  return shapeOf(f, Math.exp(0.5 * (lo + hi)));
}

/**
 * The (continuous) shape in a family that has N parameters in a given counting.
 * @param N parameters (> 0)
 * @param counting what N counts
 * @param family aspect ratio, vocab, seqLen, head width
 * @returns the shape (n_layer and d_model continuous)
 * @throws InvalidInputError for a bad family or unreachable N; UnknownChoiceError for another counting
 * @example Math.round(shapeForParamCount(12 * 64 * 128 ** 2, "non-embedding", { aspectRatio: 2, vocab: 32000, seqLen: 2048 }).dModel) // => 128
 * @see porianCitation
 */
export function shapeForParamCount(N: number, counting: ParamCounting, family: ShapeFamily): TransformerShape {
  const fn = "laws.counting.shapeFor";
  assertPositive(fn, "N", N);
  assertChoice(fn, "parameter counting", counting, PARAM_COUNTINGS);
  checkFamily(fn, family);
  return displayResult(`${fn}: the shape with N = ${N.toExponential(3)} ${counting} parameters`, solveShape(fn, N, counting, family));
}

/**
 * Converts a parameter count between conventions within a shape family.
 * @param N parameters in the `from` counting (> 0)
 * @param from what N counts
 * @param to the target counting
 * @param family the shape family
 * @returns parameters in the `to` counting
 * @throws InvalidInputError / UnknownChoiceError for bad arguments
 * @example Math.round(convertParamCount(12 * 64 * 128 ** 2, "non-embedding", "with-head", { aspectRatio: 2, vocab: 32000, seqLen: 2048 })) // => 16678912
 * @see porianCitation
 */
export function convertParamCount(N: number, from: ParamCounting, to: ParamCounting, family: ShapeFamily): number {
  const fn = "laws.counting.params";
  assertPositive(fn, "N", N);
  assertChoice(fn, "from", from, PARAM_COUNTINGS);
  assertChoice(fn, "to", to, PARAM_COUNTINGS);
  checkFamily(fn, family);
  return transformerParamCount(solveShape(fn, N, from, family), to);
}

export interface ConvertedAllocation {
  readonly N: number;
  readonly D: number;
  readonly C: number;
}

/**
 * Re-expresses a (N, D) training run from one counting convention in another: same model, same tokens, N and
 * C = FLOP/token · D recounted.
 * @param point {N, D} with N in `from.params`
 * @param from the source convention {params, flops}
 * @param to the target convention
 * @param family the shape family
 * @returns {N, D, C} in the target convention
 * @throws InvalidInputError / UnknownChoiceError for bad arguments
 * @example
 * const fam = { aspectRatio: 2, vocab: 32000, seqLen: 2048 };
 * const k = { params: "non-embedding", flops: "6N-nonembedding" }, t = { params: "total", flops: "chinchilla" };
 * Math.round(convertAllocationCounting(convertAllocationCounting({ N: 1e8, D: 2e9 }, k, t, fam), t, k, fam).N) // => 100000000
 * @see porianCitation
 */
export function convertAllocationCounting(point: { N: number; D: number }, from: CountingConvention, to: CountingConvention, family: ShapeFamily): ConvertedAllocation {
  const fn = "laws.counting.allocation";
  assertPositive(fn, "point.N", point?.N);
  assertPositive(fn, "point.D", point.D);
  checkConvention(fn, "from", from);
  checkConvention(fn, "to", to);
  checkFamily(fn, family);
  const shape = solveShape(fn, point.N, from.params, family);
  return displayResult(`${fn}: N, D, C counted as ${to.params} parameters and ${to.flops} FLOP`,
    { N: transformerParamCount(shape, to.params), D: point.D, C: transformerFlopsPerToken(shape, to.flops) * point.D });
}

/**
 * A loss law L(N, D) with N in one parameter counting, re-expressed with N in another counting.
 * @param loss the law in the `from` counting
 * @param from what the law's N counts
 * @param to what the returned law's N counts
 * @param family the shape family
 * @returns (N_to, D) => loss(N_from, D)
 * @throws InvalidInputError / UnknownChoiceError for bad arguments
 * @example
 * const fam = { aspectRatio: 2, vocab: 32000, seqLen: 2048 };
 * const law = convertLossLawCounting((N, D) => 2 + 1e3 / N ** 0.3 + 1e3 / D ** 0.3, "total", "non-embedding", fam);
 * law(1e8, 1e9) < 2 + 1e3 / 1e8 ** 0.3 + 1e3 / 1e9 ** 0.3 // => true
 * @see porianCitation
 */
export function convertLossLawCounting(loss: LossSurface, from: ParamCounting, to: ParamCounting, family: ShapeFamily): LossSurface {
  const fn = "laws.counting.lossLaw";
  if (typeof loss !== "function") throw new InvalidInputError(fn, "loss must be a function (N, D) => loss");
  assertChoice(fn, "from", from, PARAM_COUNTINGS);
  assertChoice(fn, "to", to, PARAM_COUNTINGS);
  checkFamily(fn, family);
  return (N, D) => loss(transformerParamCount(solveShape(fn, N, to, family), from), D);
}

export interface ConvertedPowerLaw {
  /** N_opt = coefficient · C^exponent in the target convention (OLS over the budgets). */
  readonly coefficient: number;
  readonly exponent: number;
  /** The converted optima at each budget. */
  readonly points: readonly ConvertedAllocation[];
}

/**
 * Converts a compute-optimal allocation law N_opt = k·C^a from one counting convention to another: evaluates it at
 * the given budgets, recounts each optimum's N and C, and refits the power law.
 * @param law {coefficient, exponent} in the `from` convention (C in FLOP, tokens D = C / (FLOP/token))
 * @param budgets ≥ 2 budgets in the `from` convention, FLOP
 * @param from source convention
 * @param to target convention
 * @param family the shape family
 * @returns the refitted coefficient and exponent and the converted points
 * @throws InvalidInputError / UnknownChoiceError for bad arguments
 * @example
 * const fam = { aspectRatio: 64, vocab: 50257, seqLen: 1024 };
 * const same = { params: "non-embedding", flops: "6N-nonembedding" };
 * Math.round(convertPowerLawCounting({ coefficient: 0.1, exponent: 0.5 }, [1e18, 1e22], same, same, fam).exponent * 1e6) / 1e6 // => 0.5
 * @see porianCitation
 */
export function convertPowerLawCounting(law: { coefficient: number; exponent: number }, budgets: readonly number[], from: CountingConvention, to: CountingConvention, family: ShapeFamily): ConvertedPowerLaw {
  const fn = "laws.counting.powerLaw";
  assertPositive(fn, "law.coefficient", law?.coefficient);
  assertPositive(fn, "law.exponent", law.exponent);
  if (!Array.isArray(budgets) || new Set(budgets).size < 2) throw new InvalidInputError(fn, "need at least 2 distinct budgets (FLOP)");
  budgets.forEach((C, i) => assertPositive(fn, `budgets[${i}]`, C));
  checkConvention(fn, "from", from);
  checkConvention(fn, "to", to);
  checkFamily(fn, family);
  const points = budgets.map((C) => {
    const N = law.coefficient * C ** law.exponent;
    const shape = solveShape(fn, N, from.params, family);
    const D = C / transformerFlopsPerToken(shape, from.flops);
    return { N: transformerParamCount(shape, to.params), D, C: transformerFlopsPerToken(shape, to.flops) * D };
  });
  const line = fitLogLogLine(points.map((p) => p.C), points.map((p) => p.N), null);
  return displayResult(`${fn}: N_opt = k·C^a counted as ${to.params} parameters and ${to.flops} FLOP`, { coefficient: line.coefficient, exponent: line.exponent, points });
}

export const countingConversionLaw = defineCard({
  id: "counting-conversion",
  name: "Converting laws between parameter/FLOP counting conventions",
  topic: "flops",
  latex: "N_{\\mathrm{to}} = P_{\\mathrm{to}}(s(N_{\\mathrm{from}})),\\; C_{\\mathrm{to}} = F_{\\mathrm{to}}(s)\\,D,\\; s = \\text{shape with } P_{\\mathrm{from}}(s) = N_{\\mathrm{from}}",
  formula: "shape s solves P_from(s) = N in a fixed-aspect-ratio family; N' = P_to(s), C' = F_to(s)*D",
  variables: { N: "parameters in a counting", D: "tokens (unchanged)", C: "training FLOP in a counting", s: "Transformer shape (n_layer, d_model)" },
  citation: porianCitation,
  status: "confirmed",
  api: "laws.counting.shapeFor",
});
