/**
 * `hparams.recommend`: the peak learning rate and batch size for one training run from every applicable
 * published rule side by side, each cited and labelled with its status, plus the spread between them.
 */
import { assertPositive, formatCitation, InvalidInputError, makeDisplayable, type SourceStatus } from "../core";

import { transformerFlopsPerToken, type TransformerShape } from "../laws/flops";
import { assertPlausible } from "../laws/guards";

import { kaplanCriticalBatch } from "../laws/kaplan-batch";

import { bjorckTransferLR } from "./lr-horizon";
import { DEEPSEEK_HPARAMS, deepseekBatch, deepseekLR } from "./deepseek";
import { scaleEmaMomentum } from "./ema";
import { adamSqrtBatchScaling } from "./batch-scaling";
import { STEP_LAW_PUBLISHED, STEP_LAW_RELEASED_REFIT, stepLawBatch, stepLawLR, stepLawParameters } from "./step-law";
import { paramConventionWarnings, type ParamConvention } from "./param-convention";
import { bjorckCitation, wsdCitation, malladiCitation, kaplanCitation } from "../core/bibliography";


/** The run to recommend for. */
export interface RecommendInput {
  /** Non-embedding parameters; for a mixture of experts, the active ones (see `parameters`). */
  readonly N: number;
  /** The model is a mixture of experts (active ≠ total parameters): then the convention of N matters. */
  readonly moe?: boolean;
  /**
   * What N counts, e.g. `{ count: "active", embedding: "excluded" }`. The rules here were fitted on active
   * non-embedding parameters: an MoE N counted by total parameters is an error, an unstated one a warning.
   */
  readonly parameters?: ParamConvention;
  /** Training tokens. */
  readonly D: number;
  /** Tokens per sequence (converts batches to sequences). */
  readonly seqLen: number;
  /** Architecture, for DeepSeek's M (non-embedding FLOPs/token incl. attention); without it M ≈ 6N. */
  readonly arch?: Omit<TransformerShape, "seqLen">;
  /** Your batch size in tokens, if fixed: adds the Step Law LR moved to it with the Adam square-root rule. */
  readonly batch?: number;
  /** A learning rate you tuned at a shorter horizon, moved to D with Bjorck's rule (β from you; ≈0.3 is only the order). */
  readonly tuned?: { readonly lr: number; readonly D: number; readonly beta: number };
  /** Model-EMA momentum tuned at some batch (tokens): each row gets ρ^(B/batch). */
  readonly ema?: { readonly rho: number; readonly batch: number };
  /** Expected final loss (nats/token): adds Kaplan's critical batch B_crit(L) (constants unverified). */
  readonly loss?: number;
}

/** One rule's recommendation. */
export type HparamRecommendation = {
  readonly rule: string;
  /** Peak learning rate (null if the rule gives none). */
  readonly lr: number | null;
  /** Batch size in tokens (null if the rule gives none). */
  readonly batchTokens: number | null;
  readonly batchSequences: number | null;
  readonly beta2: number | null;
  readonly emaMomentum: number | null;
  readonly schedule: string;
  readonly status: SourceStatus;
  readonly source: string;
  readonly note: string;
};

/** The rows of {@link recommendHyperparameters} and the spread (max/min) over rules that give a value. */
export interface HparamRecommendations {
  readonly rows: readonly HparamRecommendation[];
  readonly spread: { readonly lr: number | null; readonly batchTokens: number | null };
  /** What to check before trusting the rows (the parameter convention of N), one line each; shown under the table. */
  readonly warnings: readonly string[];
  /** Table view (column names and row-major cells) for display. */
  readonly columns: readonly string[];
  readonly values: readonly (readonly unknown[])[];
  readonly tableOptions: { readonly caption: string };
}

/**
 * Peak LR and batch size from every applicable rule: Step Law (published constants and our refit of the released
 * runs), DeepSeek (C = M·D), and when you give the inputs, the Step Law LR moved to your batch (Adam √ rule),
 * Bjorck's horizon transfer of a tuned LR, Kaplan's critical batch at an expected loss, and EMA momentum scaling.
 * Each row carries its citation, status and caveats; `spread` is max/min over rows.
 * @param p N, D, seqLen, and optionally moe, parameters (what N counts), arch, batch, tuned, ema, loss
 * @returns { rows, spread, warnings } (displays as a table whose caption gives the spread, warnings below it)
 * @throws InvalidInputError for non-positive N, D, seqLen or optional values, implausible scales (N < 1e5 parameters:
 *   N is in parameters, not billions; a batch below one sequence; a tuned learning rate above 1), or an MoE model
 *   (`moe: true`) whose N counts total parameters
 * @example hparams.recommend({ N: 1e9, D: 1e11, seqLen: 2048 }).rows[0].lr // => 1.63250e-3
 */
export function recommendHyperparameters(p: RecommendInput): HparamRecommendations {
  const fn = "hparams.recommend";
  assertPositive(fn, "N", p.N);
  assertPositive(fn, "D", p.D);
  assertPositive(fn, "seqLen", p.seqLen);
  assertPlausible(fn, "N", p.N, "parameters");
  assertPlausible(fn, "D", p.D, "tokens");
  if (p.moe !== undefined && typeof p.moe !== "boolean") throw new InvalidInputError(fn, `moe must be true or false, got ${JSON.stringify(p.moe)}`);
  // The Step Law and DeepSeek rules both read active non-embedding parameters (DeepSeek's M is per-token FLOPs).
  const warnings = paramConventionWarnings(fn, "each rule here", stepLawParameters, p.parameters, p.moe ? 1 : 0);
  const rows: Omit<HparamRecommendation, "batchSequences" | "emaMomentum">[] = [];
  const stepSchedule = "as in the Step Law runs (peak LR, min LR 1e-5; shape unverified)";
  rows.push({
    rule: "Step Law (published)", lr: stepLawLR.predict({ N: p.N, D: p.D }, STEP_LAW_PUBLISHED), batchTokens: stepLawBatch.predict({ D: p.D }, STEP_LAW_PUBLISHED),
    beta2: null, schedule: stepSchedule, status: STEP_LAW_PUBLISHED.status, source: formatCitation(STEP_LAW_PUBLISHED.citation),
    note: "N non-embedding = n_layer·h·(4h + 3·ffn_h); fitted on N ≈ 2e8–1e9, D ≲ 1e12",
  });
  const refit = STEP_LAW_RELEASED_REFIT;
  rows.push({
    rule: "Step Law (refit of released runs)", lr: stepLawLR.predict({ N: p.N, D: p.D }, refit), batchTokens: stepLawBatch.predict({ D: p.D }, refit),
    beta2: null, schedule: stepSchedule, status: STEP_LAW_RELEASED_REFIT.status, source: formatCitation(STEP_LAW_RELEASED_REFIT.citation),
    note: "17 released (N, D) groups only; D exponent 0.197 vs published 0.307",
  });
  let M: number;
  let mNote: string;
  if (p.arch) {
    M = transformerFlopsPerToken({ ...p.arch, seqLen: p.seqLen }, "deepseek-M");
    mNote = "M = 72·n_layer·d² + 12·n_layer·d·l_seq from arch";
  } else {
    M = 6 * p.N;
    mNote = "no arch given: M ≈ 6N (ignores attention FLOPs)";
  }
  const C = M * p.D;
  rows.push({
    rule: "DeepSeek LLM", lr: deepseekLR.predict({ C }), batchTokens: deepseekBatch.predict({ C }),
    beta2: 0.95, schedule: "multi-step: 2000 warmup steps, ×0.316 at 80% and ×0.1 at 90% of tokens (from memory)",
    status: DEEPSEEK_HPARAMS.status, source: formatCitation(DEEPSEEK_HPARAMS.citation),
    note: `C = M·D = ${C.toExponential(3)} FLOPs; ${mNote}; fitted at ~1e17–2e19 FLOPs, β2 from memory`,
  });
  if (p.batch !== undefined) {
    assertPositive(fn, "batch", p.batch);
    if (p.batch < p.seqLen) {
      throw new InvalidInputError(fn, `batch = ${p.batch} tokens is less than one sequence (seqLen = ${p.seqLen})`, "batch is in tokens: sequences × seqLen");
    }
    const base = rows[0];
    const kappa = p.batch / (base.batchTokens as number);
    rows.push({
      rule: "Step Law LR at your batch (Adam √ rule)", lr: adamSqrtBatchScaling({ lr: base.lr as number, beta1: 0.9, beta2: 0.95, eps: 1e-8, kappa }).lr,
      batchTokens: p.batch, beta2: null, schedule: stepSchedule, status: "unverified", source: formatCitation(malladiCitation),
      note: `η*·√κ with κ = B/B* = ${kappa.toPrecision(3)}; valid only near B*`,
    });
  }
  if (p.tuned) {
    if (p.tuned.lr > 1) throw new InvalidInputError(fn, `tuned.lr = ${p.tuned.lr} is implausible for a peak learning rate (above 1)`, "give the learning rate itself, e.g. 3e-4");
    rows.push({
      rule: "Bjorck horizon transfer of your tuned LR", lr: bjorckTransferLR({ lr0: p.tuned.lr, D0: p.tuned.D, D1: p.D }, { beta: p.tuned.beta }),
      batchTokens: null, beta2: null, schedule: "as your tuning run", status: "unverified", source: formatCitation(bjorckCitation),
      note: `lr·(D/D0)^−β with your β = ${p.tuned.beta}`,
    });
  }
  if (p.loss !== undefined) {
    assertPositive(fn, "loss", p.loss);
    rows.push({
      rule: "Kaplan critical batch B_crit(L)", lr: null, batchTokens: kaplanCriticalBatch(p.loss), beta2: null,
      schedule: "—", status: "unverified", source: formatCitation(kaplanCitation),
      note: "B_*/L^(1/α_B) with B_* = 2e8, α_B = 0.21 (WebText2 losses; unverified); an upper bound for efficient batches",
    });
  }
  rows.push({
    rule: "WSD schedule (Hägele et al.)", lr: null, batchTokens: null, beta2: null,
    schedule: "warmup, constant peak LR, 20% cooldown with 1−sqrt shape (matches cosine; one run serves many horizons)",
    status: "unverified", source: formatCitation(wsdCitation), note: "schedule only; pair with any LR above",
  });
  if (p.ema) {
    if (!(p.ema.rho >= 0 && p.ema.rho <= 1)) throw new InvalidInputError(fn, `ema.rho must be in [0, 1], got ${p.ema.rho}`);
    assertPositive(fn, "ema.batch", p.ema.batch);
  }
  const ema = p.ema;
  const full = rows.map((r): HparamRecommendation => ({
    ...r,
    batchSequences: r.batchTokens === null ? null : r.batchTokens / p.seqLen,
    emaMomentum: ema && r.batchTokens !== null ? scaleEmaMomentum({ rho: ema.rho, kappa: r.batchTokens / ema.batch }) : null,
  }));
  const ratio = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length >= 2 ? Math.max(...v) / Math.min(...v) : null;
  };
  const spread = { lr: ratio(full.map((r) => r.lr)), batchTokens: ratio(full.map((r) => r.batchTokens)) };
  const columns = ["rule", "lr", "batchTokens", "batchSequences", "beta2", "emaMomentum", "schedule", "status", "source", "note"] as const;
  const caption = `Hyperparameters for N = ${p.N.toExponential(2)}, D = ${p.D.toExponential(2)} tokens, seqLen ${p.seqLen}; ` +
    `spread (max/min): lr ×${spread.lr?.toFixed(2) ?? "—"}, batch ×${spread.batchTokens?.toFixed(2) ?? "—"}`;
  const out: HparamRecommendations = { rows: full, spread, warnings, columns: [...columns], values: full.map((r) => columns.map((c) => r[c])), tableOptions: { caption } };
  const text = () => [
    ...full.map((r) => `${r.rule}: lr ${r.lr === null ? "—" : r.lr.toExponential(3)}, batch ${r.batchTokens === null ? "—" : r.batchTokens.toExponential(3)} tokens [${r.status}]`),
    `spread (max/min): lr ×${spread.lr?.toFixed(2) ?? "—"}, batch ×${spread.batchTokens?.toFixed(2) ?? "—"}`,
    ...warnings.map((w) => `warning: ${w}`),
  ].join("\n");
  return makeDisplayable("table", out, text);
}
