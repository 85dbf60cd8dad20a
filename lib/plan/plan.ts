/**
 * `plan(spec)`: from a budget to a complete training recipe — N and D, the predicted loss with its interval, a
 * concrete shape, learning rate, batch and schedule, FLOPs, GPU-hours and the alternatives — where every number
 * carries the rule that produced it and its citation, and every default applied is stated.
 */
import { formatCitation, makeDisplayable, type Citation, type SourceStatus } from "../core";
import { chinchillaCitation, kaplanCitation, palmCitation } from "../core/bibliography";
import { chooseAllocation, type Allocation, type AllocationKind } from "./alternatives";
import { hyperparameters, type HparamPlan } from "./hyperparams";
import { resolveSpec, type PlanSpec, type ResolvedSpec, type StatedDefault } from "./inputs";
import { lossFrontier, type FrontierPoint } from "./frontier";
import { EXTRAPOLATION_WARNING, extrapolation, lossInterval, type Extrapolation } from "./loss";
import { EXACT_FLOPS_SOURCE, LAW_SETS, flopsPerToken, type RuleSource } from "./rules";
import { activeArchitecture, completeShape, shapeForN, shapeParams, shapeRule, type PlanShape, type ShapeParams } from "./shape";

/** One number of the plan with the rule that produced it. */
export interface PlanRule {
  /** What the number is, e.g. "N", "lr (DeepSeek LLM)". */
  readonly quantity: string;
  readonly value: number;
  /** The rule, in words. */
  readonly name: string;
  /** Formatted citation. */
  readonly citation: string;
  readonly status: SourceStatus;
}

/** An alternative allocation as shown in the plan's table. */
export interface PlanAlternative extends Omit<Allocation, "lossOf" | "source"> {
  readonly lossCI: readonly [number, number] | null;
  readonly rule: string;
  readonly citation: string;
}

export interface Plan {
  readonly kind: "plan";
  /** Which allocation the plan adopts and why. */
  readonly choice: { readonly kind: AllocationKind; readonly why: string };
  /** The law's N: total parameters incl. embeddings (active per token for MoE). */
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  /** D / unique tokens (null without uniqueTokens). */
  readonly epochs: number | null;
  readonly loss: number;
  readonly lossCI: readonly [number, number] | null;
  readonly lossMethod: string;
  readonly level: number;
  readonly extrapolation: Extrapolation;
  readonly law: { readonly name: string; readonly params: Readonly<Record<string, number>>; readonly citation: string; readonly status: SourceStatus };
  readonly shape: PlanShape;
  /** Parameter counts of the shape (total, non-embedding, active). */
  readonly params: ShapeParams;
  /** shape's active count / N − 1. */
  readonly shapeError: number;
  readonly shapeRule: string;
  readonly hyperparameters: HparamPlan;
  /** The recommended peak LR and batch (tokens). */
  readonly lr: number;
  readonly batchTokens: number;
  /** Training FLOPs: 6ND (the law's convention, the budget) and the exact count for the shape. */
  readonly flops: number;
  readonly flopsExact: number;
  readonly budget: number;
  readonly hardware: {
    readonly accelerator: string; readonly peakFlops: number; readonly mfu: number; readonly gpus: number | null;
    readonly gpuHours: number; readonly wallClockDays: number | null; readonly citation: string; readonly status: SourceStatus;
  };
  readonly alternatives: readonly PlanAlternative[];
  /** Compute-optimal loss from budget/100 to 100 × budget with its interval (for the frontier figure). */
  readonly frontier: readonly FrontierPoint[];
  readonly rules: readonly PlanRule[];
  readonly defaults: readonly StatedDefault[];
  readonly warnings: readonly string[];
  toJSON(): Record<string, unknown>;
}

function lawInfo(spec: ResolvedSpec): Plan["law"] & { source: { citation: Citation; status: SourceStatus } } {
  const l = spec.law;
  if (l.kind === "published") {
    const s = LAW_SETS[l.name];
    return { name: s.rule, params: { ...l.params }, citation: formatCitation(s.citation), status: s.status, source: s };
  }
  const citation = { ...chinchillaCitation, where: l.kind === "fit" ? "the law's form; constants from your fit" : "the law's form; constants given by you" };
  return { name: l.kind === "fit" ? `your fit of the Chinchilla law (n = ${l.fit.diagnostics.n})` : "your constants", params: { ...l.params }, citation: formatCitation(citation), status: "confirmed", source: { citation, status: "confirmed" } };
}

/** The text form of a plan (also its fallback display). */
export function planSummary(p: Plan): string {
  const e = (x: number) => x.toExponential(3);
  const ci = p.lossCI ? ` [${p.lossCI[0].toFixed(3)}, ${p.lossCI[1].toFixed(3)}]` : "";
  return [
    `plan (${p.choice.kind}): N = ${e(p.N)}, D = ${e(p.D)} (${p.tokensPerParam.toFixed(1)} tokens/param${p.epochs !== null ? `, ${p.epochs.toFixed(2)} epochs` : ""})`,
    `loss ${p.loss.toFixed(4)}${ci}; lr ${e(p.lr)}, batch ${e(p.batchTokens)} tokens; ${e(p.flops)} FLOPs, ${e(p.hardware.gpuHours)} GPU-hours`,
    ...p.warnings.map((w) => `warning: ${w}`),
  ].join("\n");
}

/**
 * Plans a training run from a budget: N, D, the loss with its interval, a shape, LR, batch, schedule and costs.
 * @param spec compute (FLOPs) or gpus/gpu/days/mfu, and optionally N, D, shape, uniqueTokens, inferenceTokens, moe,
 *   seqLen, vocab, law, parametrization with base, schedule, aspectRatio, level (see PlanSpec)
 * @returns the Plan (displays as a plan card; `toJSON()` for machines)
 * @throws InvalidInputError("plan", …) for any bad input, on one line
 * @example Math.round(plan({ compute: 5.76e23, law: "besiroglu" }).tokensPerParam * 100) / 100 // => 18.34
 */
export function plan(spec: PlanSpec = {}): Plan {
  const s = resolveSpec(spec);
  const given = s.shape ? completeShape(s.shape, s.vocab, s.seqLen, s.moe) : null;
  const choice = chooseAllocation(s, s.N);
  const a = choice.chosen;
  const warnings: string[] = [...choice.warnings];
  const law = lawInfo(s);

  const shape = given ?? shapeForN(a.N, { vocab: s.vocab, seqLen: s.seqLen, aspectRatio: s.aspectRatio, moe: s.moe });
  const params = shapeParams(shape);
  const shapeError = params.active / a.N - 1;
  const interval = lossInterval(s.law, a.lossOf, s.level);
  if (!interval.ci) warnings.push(`no loss interval: ${interval.method}`);
  const ext = extrapolation(s.law, a.N, a.D);
  if (ext.factor > EXTRAPOLATION_WARNING) {
    warnings.push(`the plan lies ${ext.factor.toFixed(1)}× beyond the N or D the law was fitted on (N ${ext.ranges.N.map((x) => x.toExponential(1)).join("–")}, D ${ext.ranges.D.map((x) => x.toExponential(1)).join("–")}): the loss and its interval are extrapolations`);
  }
  if (s.moe) warnings.push("MoE: the dense law is applied to the active parameters (compute-matched); a routed-model law (laws: Clark, Krajewski) would credit the extra experts");
  const h = hyperparameters(s, shape, params.activeNonEmbedding, a.D, a.loss);
  warnings.push(...h.warnings);
  if (a.epochs !== null && a.epochs > 4) warnings.push(`${a.epochs.toFixed(1)} epochs over the unique data: Muennighoff et al. find returns from repetition fade beyond ~4 epochs`);

  const flopsExact = flopsPerToken(activeArchitecture(shape), "chinchilla") * a.D;
  const budget = s.compute ?? a.trainingFlops;
  const gpuHours = a.gpuHours;
  const wallClockDays = s.gpus !== null ? gpuHours / s.gpus / 24 : null;
  if (s.days !== null && wallClockDays !== null && wallClockDays > s.days * 1.01) {
    warnings.push(`the chosen run needs ${wallClockDays.toFixed(1)} days on ${s.gpus} × ${s.accelerator.id}, more than the ${s.days} given`);
  }
  const acc = s.accelerator;
  const cite = (c: Citation) => formatCitation(c);
  const rule = (quantity: string, value: number, src: RuleSource | { rule: string; citation: Citation; status: SourceStatus }): PlanRule =>
    ({ quantity, value, name: src.rule, citation: cite(src.citation), status: src.status });
  const lawSrc = { ...law.source, rule: `${law.name}: L = E + A/N^α + B/D^β` };
  const accSrc = { rule: `${acc.name} dense BF16 peak ${(acc.peakFlops / 1e12).toFixed(1)} TFLOP/s`, citation: acc.citation, status: acc.status };
  const recommendedRow = h.rows.find((r) => r.rule === h.recommended.rule)!;
  const rules: PlanRule[] = [
    rule("N", a.N, a.source),
    rule("D", a.D, a.source),
    rule("loss", a.loss, a.epochs !== null ? { ...a.source, rule: lawSrc.rule } : lawSrc),
    rule("extrapolation factor", ext.factor, { rule: `max ratio of N, D to the fitted range (${ext.rangeSource})`, citation: law.source.citation, status: "confirmed" }),
    rule("params (total)", params.total, { rule: shapeRule(s.aspectRatio), citation: { ...chinchillaCitation, where: "Table 4: Chinchilla 70B is 80 × 8192 (aspect ratio 102)" }, status: "unverified" }),
    ...h.rows.flatMap((r) => [
      ...(r.lr !== null ? [rule(`lr (${r.rule})`, r.lr, r)] : []),
      ...(r.batchTokens !== null ? [rule(`batch tokens (${r.rule})`, r.batchTokens, r)] : []),
    ]),
    rule("lr (recommended)", h.recommended.lr, { ...recommendedRow, rule: `${h.recommended.rule}: ${h.recommended.why}` }),
    rule("batch tokens (recommended)", h.recommended.batchTokens, { ...recommendedRow, rule: `${h.recommended.batchSequences} sequences of ${s.seqLen} (rounded)` }),
    rule("warmup steps", h.schedule.warmupSteps, h.schedule.warmupRule),
    rule("decay steps", h.schedule.decaySteps, h.schedule),
    rule("training FLOPs (6ND)", a.trainingFlops, { rule: "C = 6ND (2N forward + 4N backward per token)", citation: kaplanCitation, status: "confirmed" }),
    rule("training FLOPs (exact)", flopsExact, EXACT_FLOPS_SOURCE),
    rule("peak FLOP/s", acc.peakFlops, accSrc),
    rule("GPU-hours", gpuHours, { rule: `6ND / (peak × MFU ${s.mfu}); MFU counted on 6ND, as PaLM defines it without attention`, citation: palmCitation, status: "unverified" }),
  ];
  if (a.epochs !== null) rules.splice(3, 0, rule("epochs", a.epochs, { rule: "D / unique tokens", citation: a.source.citation, status: "confirmed" }));

  const alternatives: PlanAlternative[] = choice.options.map(({ lossOf, source, ...o }) => ({
    ...o, lossCI: lossInterval(s.law, lossOf, s.level).ci, rule: source.rule, citation: cite(source.citation),
  }));
  const out: Omit<Plan, "toJSON"> = {
    kind: "plan",
    choice: { kind: a.kind, why: choice.why },
    N: a.N, D: a.D, tokensPerParam: a.tokensPerParam, epochs: a.epochs,
    loss: a.loss, lossCI: interval.ci, lossMethod: interval.method, level: s.level, extrapolation: ext,
    law: { name: law.name, params: law.params, citation: law.citation, status: law.status },
    shape, params, shapeError, shapeRule: shapeRule(s.aspectRatio),
    hyperparameters: h, lr: h.recommended.lr, batchTokens: h.recommended.batchTokens,
    flops: a.trainingFlops, flopsExact, budget,
    hardware: { accelerator: acc.name, peakFlops: acc.peakFlops, mfu: s.mfu, gpus: s.gpus, gpuHours, wallClockDays, citation: cite(acc.citation), status: acc.status },
    alternatives, frontier: lossFrontier(s.law, budget, s.level), rules, defaults: s.defaults, warnings,
  };
  const result = out as Plan;
  Object.defineProperty(result, "toJSON", {
    enumerable: false,
    value: (): Record<string, unknown> => ({
      N: out.N, D: out.D, tokensPerParam: out.tokensPerParam, epochs: out.epochs, loss: out.loss, lossCI: out.lossCI ? [...out.lossCI] : null,
      lr: out.lr, batchTokens: out.batchTokens, flops: out.flops, flopsExact: out.flopsExact, budget: out.budget,
      gpuHours: out.hardware.gpuHours, wallClockDays: out.hardware.wallClockDays,
      choice: out.choice, lossMethod: out.lossMethod, extrapolation: out.extrapolation, law: out.law,
      shape: out.shape, params: out.params, shapeRule: out.shapeRule,
      hyperparameters: { rows: h.rows.map((r) => ({ ...r, citation: cite(r.citation) })), recommended: h.recommended, spread: h.spread, schedule: { ...h.schedule, curve: undefined, citation: cite(h.schedule.citation), warmupRule: { ...h.schedule.warmupRule, citation: cite(h.schedule.warmupRule.citation) } } },
      hardware: out.hardware, alternatives: out.alternatives,
      rules: out.rules, defaults: out.defaults, warnings: out.warnings,
    }),
  });
  return makeDisplayable("plan", result, () => planSummary(result));
}
