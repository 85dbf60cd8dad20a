/**
 * What a plan is asked for, checked in one place, with every default filled in and written down: the resolved
 * spec carries the list of defaults the plan applied, so the output can state them.
 */
import { InvalidInputError } from "../core";
import type { FitResult } from "../fit/result";
import { ACCELERATOR_IDS, findAccelerator, type Accelerator } from "./hardware";
import { fitParams, LAW_SETS, type LossParams } from "./rules";
import { completeShape, shapeParams } from "./shape";

/** The law to plan with: a published set's name, a FitResult of the Chinchilla law, or constants. */
export type PlanLaw = string | FitResult | LossParams;

/** Everything `plan` accepts; every field is optional, but some budget must be given. */
export interface PlanSpec {
  /** Training budget, FLOPs, counted as the law counts it (C = 6ND with N total parameters). */
  readonly compute?: number;
  /** Number of accelerators. */
  readonly gpus?: number;
  /** Accelerator id (see ACCELERATORS): "h100", "a100", "tpu-v5p", … (default "h100"). */
  readonly gpu?: string;
  /** Days of training: with gpus, sets the budget C = gpus · peak · days · 86,400 s · mfu. */
  readonly days?: number;
  /** Model FLOPs utilisation, counted on 6ND against dense BF16 peak (default 0.4). */
  readonly mfu?: number;
  /** Fix the model size (total parameters, the law's N) instead of choosing it. */
  readonly N?: number;
  /** Fix the training tokens instead of choosing them. */
  readonly D?: number;
  /** Fix the architecture (then N is its parameter count); d_ff defaults to 8/3·d_model (SwiGLU). */
  readonly shape?: { readonly nLayers: number; readonly dModel: number; readonly nHeads: number; readonly dFF?: number };
  /** Unique tokens available: above this the data repeats (Muennighoff et al.'s data-constrained law). */
  readonly uniqueTokens?: number;
  /** Tokens the model will serve over its life (inference-aware allocation). */
  readonly inferenceTokens?: number;
  /** Mixture of experts: routed experts per layer and experts active per token (the law's N is then active params). */
  readonly moe?: { readonly experts: number; readonly active: number };
  readonly seqLen?: number;
  readonly vocab?: number;
  /** "hoffmann" | "hoffmannUnrounded" | "besiroglu" (default) | "besirogluGrid", a FitResult, or { E, A, B, alpha, beta }. */
  readonly law?: PlanLaw;
  /** "sp" (default) or "mup" with a base run. */
  readonly parametrization?: "sp" | "mup";
  /** μP base (proxy) run: its width, tuned peak LR and (optionally) batch in tokens. */
  readonly base?: { readonly width: number; readonly lr: number; readonly batchTokens?: number };
  /** "wsd" (default) or "cosine". */
  readonly schedule?: "wsd" | "cosine";
  /** Target d_model / n_layers of the shape (default 100). */
  readonly aspectRatio?: number;
  /** Central coverage of the loss interval (default 0.95). */
  readonly level?: number;
}

/** A default the plan applied, for the output. */
export interface StatedDefault {
  readonly input: string;
  readonly value: string;
  readonly why: string;
}

/** The checked spec with defaults filled in. */
export interface ResolvedSpec {
  /** The training budget, or null when N and D are both fixed without one (then C = 6ND). */
  readonly compute: number | null;
  /** How the budget was given. */
  readonly budgetFrom: "compute" | "hardware" | "N and D";
  readonly accelerator: Accelerator;
  readonly gpus: number | null;
  readonly days: number | null;
  readonly mfu: number;
  readonly N: number | null;
  readonly D: number | null;
  readonly shape: { readonly nLayers: number; readonly dModel: number; readonly nHeads: number; readonly dFF?: number } | null;
  readonly uniqueTokens: number | null;
  readonly inferenceTokens: number;
  readonly moe: { readonly experts: number; readonly active: number } | null;
  readonly seqLen: number;
  readonly vocab: number;
  readonly law: ResolvedLaw;
  readonly parametrization: "sp" | "mup";
  readonly base: { readonly width: number; readonly lr: number; readonly batchTokens?: number } | null;
  readonly schedule: "wsd" | "cosine";
  readonly aspectRatio: number;
  readonly level: number;
  readonly defaults: readonly StatedDefault[];
}

/** The law after resolution: constants plus where they come from. */
export type ResolvedLaw =
  | { readonly kind: "published"; readonly name: string; readonly params: LossParams }
  | { readonly kind: "fit"; readonly params: LossParams; readonly fit: FitResult }
  | { readonly kind: "constants"; readonly params: LossParams };

const FN = "plan";
/** Relative mismatch between C and 6ND tolerated when N, D and a budget are all fixed. */
export const BUDGET_TOLERANCE = 0.01;
const SECONDS_PER_DAY = 86_400;

const fail = (what: string, fix: string): never => { throw new InvalidInputError(FN, what, fix); };

function positive(name: string, x: unknown, fix: string): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x <= 0) fail(`${name} must be a finite number > 0, got ${String(x)}`, fix);
  return x as number;
}

function wholePositive(name: string, x: unknown, fix: string): number {
  if (typeof x !== "number" || !Number.isInteger(x) || x < 1) fail(`${name} must be a whole number ≥ 1, got ${String(x)}`, fix);
  return x as number;
}

function resolveLaw(law: PlanLaw | undefined): ResolvedLaw {
  if (law === undefined) return { kind: "published", name: "besiroglu", params: LAW_SETS.besiroglu.params };
  if (typeof law === "string") {
    const set = LAW_SETS[law];
    if (!set) fail(`unknown law "${law}"`, `use one of ${Object.keys(LAW_SETS).join(", ")}, a FitResult of laws.chinchilla, or { E, A, B, alpha, beta }`);
    return { kind: "published", name: law, params: set.params };
  }
  if (typeof law !== "object" || law === null) return fail("law must be a set name, a FitResult or { E, A, B, alpha, beta }", `e.g. law: "besiroglu"`);
  if ((law as FitResult).kind === "fit-result") {
    const params = fitParams(law as FitResult);
    if (!params) fail(`law is a fit of "${(law as FitResult).model}", not of the Chinchilla law`, "fit laws.chinchilla (E, A, B, alpha, beta) and pass its result");
    return { kind: "fit", params: params as LossParams, fit: law as FitResult };
  }
  const p = law as LossParams;
  for (const k of ["A", "B", "alpha", "beta"] as const) positive(`law.${k}`, p[k], "pass { E, A, B, alpha, beta } with A, B, alpha, beta > 0");
  if (typeof p.E !== "number" || !Number.isFinite(p.E) || p.E < 0) fail(`law.E must be a finite number ≥ 0, got ${String(p.E)}`, "E is the irreducible loss in nats/token");
  return { kind: "constants", params: { E: p.E, A: p.A, B: p.B, alpha: p.alpha, beta: p.beta } };
}

/**
 * Checks a plan spec and fills in its defaults. Every bad input throws one `InvalidInputError("plan", what, fix)`.
 * @param spec the user's spec
 * @returns the resolved spec with the list of defaults applied
 * @throws InvalidInputError for a negative or missing budget, zero GPUs, MFU outside (0, 1], an unknown accelerator,
 *   N, D and a budget that disagree, and any other out-of-domain value
 */
export function resolveSpec(spec: PlanSpec = {}): ResolvedSpec {
  if (typeof spec !== "object" || spec === null) fail("spec must be an object", "e.g. plan({ compute: 1e24 })");
  const known = new Set(["compute", "gpus", "gpu", "days", "mfu", "N", "D", "shape", "uniqueTokens", "inferenceTokens", "moe", "seqLen", "vocab", "law", "parametrization", "base", "schedule", "aspectRatio", "level"]);
  for (const k of Object.keys(spec)) if (!known.has(k)) fail(`unknown option "${k}"`, `valid options: ${[...known].join(", ")}`);
  const defaults: StatedDefault[] = [];
  const stated = <T>(input: string, given: T | undefined, value: T, why: string): T => {
    if (given !== undefined) return given;
    defaults.push({ input, value: String(value), why });
    return value;
  };

  if (spec.compute !== undefined) positive("compute", spec.compute, "give the training budget in FLOPs, e.g. compute: 1e24");
  const gpus = spec.gpus === undefined ? null : wholePositive("gpus", spec.gpus, "give the number of accelerators, e.g. gpus: 256");
  const days = spec.days === undefined ? null : positive("days", spec.days, "give the training time in days, e.g. days: 14");
  if (spec.mfu !== undefined && !(typeof spec.mfu === "number" && spec.mfu > 0 && spec.mfu <= 1)) {
    fail(`mfu must be in (0, 1], got ${String(spec.mfu)}`, "MFU is a fraction of peak: 0.4 means 40%");
  }
  const mfu = stated("mfu", spec.mfu, 0.4, "model FLOPs utilisation on 6ND vs dense BF16 peak; PaLM 540B reached 46.2%, Llama 3 405B 38–43%");
  let accelerator: Accelerator;
  if (spec.gpu !== undefined) {
    const a = typeof spec.gpu === "string" ? findAccelerator(spec.gpu) : undefined;
    if (!a) return fail(`unknown accelerator "${String(spec.gpu)}"`, `use one of ${ACCELERATOR_IDS.join(", ")}`);
    accelerator = a;
  } else {
    accelerator = findAccelerator(stated("gpu", undefined, "h100", "costs GPU-hours on NVIDIA H100 SXM (989 dense BF16 TFLOP/s)"))!;
  }
  let N = spec.N === undefined ? null : positive("N", spec.N, "N is the model size in total parameters, e.g. N: 7e9");
  const D = spec.D === undefined ? null : positive("D", spec.D, "D is the number of training tokens, e.g. D: 2e12");
  let shape: ResolvedSpec["shape"] = null;
  if (spec.shape !== undefined) {
    const s = spec.shape;
    if (typeof s !== "object" || s === null) return fail("shape must be { nLayers, dModel, nHeads, dFF? }", "e.g. shape: { nLayers: 30, dModel: 4096, nHeads: 32, dFF: 11008 }");
    wholePositive("shape.nLayers", s.nLayers, "layers, e.g. 30");
    wholePositive("shape.dModel", s.dModel, "model width, e.g. 4096");
    wholePositive("shape.nHeads", s.nHeads, "attention heads, e.g. 32");
    if (s.dFF !== undefined) wholePositive("shape.dFF", s.dFF, "SwiGLU hidden width, e.g. 11008");
    if (N !== null) fail("N and shape both fix the model size", "give one of them");
    shape = s;
  }
  const uniqueTokens = spec.uniqueTokens === undefined ? null : positive("uniqueTokens", spec.uniqueTokens, "the number of distinct tokens in your corpus, e.g. 1e11");
  if (spec.inferenceTokens !== undefined && !(typeof spec.inferenceTokens === "number" && Number.isFinite(spec.inferenceTokens) && spec.inferenceTokens >= 0)) {
    fail(`inferenceTokens must be a finite number ≥ 0, got ${String(spec.inferenceTokens)}`, "tokens served over the model's life, e.g. 1e13");
  }
  const inferenceTokens = spec.inferenceTokens ?? 0;

  let moe: ResolvedSpec["moe"] = null;
  if (spec.moe !== undefined) {
    const m = spec.moe;
    if (typeof m !== "object" || m === null) return fail("moe must be { experts, active }", "e.g. moe: { experts: 64, active: 8 }");
    const experts = wholePositive("moe.experts", m.experts, "routed experts per layer, e.g. 64");
    const active = wholePositive("moe.active", m.active, "experts active per token, e.g. 8");
    if (active > experts) fail(`moe.active (${active}) exceeds moe.experts (${experts})`, "active experts per token must be ≤ experts");
    moe = { experts, active };
  }
  const seqLen = spec.seqLen === undefined ? stated("seqLen", undefined, 2048, "Chinchilla's context length") : wholePositive("seqLen", spec.seqLen, "tokens per sequence, e.g. 4096");
  const vocab = spec.vocab === undefined ? stated("vocab", undefined, 32000, "Chinchilla's SentencePiece vocabulary (32k)") : wholePositive("vocab", spec.vocab, "vocabulary size, e.g. 32000");

  // A given shape fixes N: its parameters used per token, counted as the law counts N.
  if (shape !== null) N = shapeParams(completeShape(shape, vocab, seqLen, moe)).active;

  // The budget: compute, else hardware × time, else 6ND of a fixed N and D.
  const hardwareBudget = gpus !== null && days !== null ? gpus * accelerator.peakFlops * days * SECONDS_PER_DAY * mfu : null;
  let compute: number | null;
  let budgetFrom: ResolvedSpec["budgetFrom"];
  if (spec.compute !== undefined) {
    compute = spec.compute;
    budgetFrom = "compute";
    if (hardwareBudget !== null && Math.abs(hardwareBudget / compute - 1) > BUDGET_TOLERANCE) {
      fail(`compute ${compute.toExponential(3)} FLOPs disagrees with ${gpus} × ${accelerator.id} × ${days} days at MFU ${mfu} = ${hardwareBudget.toExponential(3)} FLOPs`,
        "give either compute or days, not both");
    }
  } else if (hardwareBudget !== null) {
    compute = hardwareBudget;
    budgetFrom = "hardware";
  } else if (N !== null && D !== null) {
    compute = null;
    budgetFrom = "N and D";
  } else if (days !== null) {
    return fail("days without gpus gives no budget", "add gpus (and gpu), or give compute in FLOPs");
  } else {
    return fail("no budget given", "give compute (FLOPs), or gpus + gpu + days, or both N (or shape) and D");
  }
  if (compute !== null && N !== null && D !== null && Math.abs((6 * N * D) / compute - 1) > BUDGET_TOLERANCE) {
    fail(`N = ${N.toExponential(3)} and D = ${D.toExponential(3)} need 6ND = ${(6 * N * D).toExponential(3)} FLOPs, but the budget is ${compute.toExponential(3)}`,
      "fix at most one of N and D when a budget is given");
  }

  if (spec.law === undefined) defaults.push({ input: "law", value: "besiroglu", why: "Besiroglu et al. 2024's refit of Chinchilla's data: the set with published standard errors" });
  const law = resolveLaw(spec.law);

  if (spec.parametrization !== undefined && spec.parametrization !== "sp" && spec.parametrization !== "mup") {
    fail(`parametrization must be "sp" or "mup", got ${JSON.stringify(spec.parametrization)}`, "use \"mup\" with base: { width, lr }");
  }
  const parametrization = stated("parametrization", spec.parametrization, spec.base ? "mup" : "sp", "standard parametrisation unless a μP base run is given");
  let base: ResolvedSpec["base"] = null;
  if (spec.base !== undefined) {
    const b = spec.base;
    if (typeof b !== "object" || b === null) return fail("base must be { width, lr, batchTokens? }", "the μP proxy run's d_model and tuned peak LR");
    positive("base.width", b.width, "the base (proxy) model's d_model, e.g. 256");
    positive("base.lr", b.lr, "the peak LR tuned on the base model, e.g. 3e-3");
    if (b.batchTokens !== undefined) positive("base.batchTokens", b.batchTokens, "the base run's batch in tokens");
    base = b;
  }
  if (parametrization === "mup" && base === null) fail("parametrization \"mup\" needs a base run", "add base: { width, lr } (the proxy's d_model and tuned peak LR)");
  if (parametrization === "sp" && base !== null) fail("a base run was given with parametrization \"sp\"", "μP transfer needs μP: set parametrization: \"mup\" or drop base");
  if (spec.schedule !== undefined && spec.schedule !== "wsd" && spec.schedule !== "cosine") {
    fail(`schedule must be "wsd" or "cosine", got ${JSON.stringify(spec.schedule)}`, "WSD lets one run serve many horizons; cosine is the classic baseline");
  }
  const schedule = stated("schedule", spec.schedule, "wsd" as const, "warmup–stable–decay matches cosine at the end and allows continued training (Hägele et al. 2024)");
  const aspectRatio = spec.aspectRatio === undefined
    ? stated("aspectRatio", undefined, 100, "d_model/n_layers ≈ 100 as Chinchilla 70B (8192/80); Kaplan et al. find loss flat over a wide range")
    : positive("aspectRatio", spec.aspectRatio, "d_model / n_layers, e.g. 100");
  if (spec.level !== undefined && !(typeof spec.level === "number" && spec.level > 0 && spec.level < 1)) {
    fail(`level must be in (0, 1), got ${String(spec.level)}`, "e.g. 0.95 for a 95% interval");
  }
  const level = stated("level", spec.level, 0.95, "95% interval on the predicted loss");

  return {
    compute, budgetFrom, accelerator, gpus, days, mfu, N, D, shape, uniqueTokens, inferenceTokens, moe, seqLen, vocab, law,
    parametrization, base, schedule, aspectRatio, level, defaults,
  };
}
