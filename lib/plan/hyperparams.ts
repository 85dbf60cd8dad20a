/**
 * Peak learning rate, batch size and schedule for the planned run: every applicable rule side by side, the one
 * recommended (and why), the spread between them, and the warmup/decay lengths in steps.
 */
import type { Citation, SourceStatus } from "../core";
import { chinchillaCitation, deepseekLlmReadmeCitation, wsdCitation } from "../core/bibliography";
import type { ResolvedSpec } from "./inputs";
import { activeArchitecture, type PlanShape } from "./shape";
import { cosineLrFactor, criticalBatchRule, deepseekRule, mupRule, stepLawRules, wsdLrFactor, type HparamAnswer, type RuleSource } from "./rules";

export interface Recommendation {
  readonly rule: string;
  readonly lr: number;
  /** Batch in tokens: whole sequences. */
  readonly batchTokens: number;
  readonly batchSequences: number;
  readonly why: string;
}

export interface Schedule extends RuleSource {
  readonly kind: "wsd" | "cosine";
  readonly steps: number;
  readonly warmupSteps: number;
  readonly warmupRule: RuleSource;
  /** Steps of the final decay (WSD cooldown; the whole post-warmup run for cosine). */
  readonly decaySteps: number;
  /** Decay shape in words, e.g. "1 − sqrt to 0". */
  readonly decay: string;
  /** Learning rate at ~200 steps spread over the run, for plotting. */
  readonly curve: readonly { readonly step: number; readonly lr: number }[];
}

export interface HparamPlan {
  readonly rows: readonly HparamAnswer[];
  readonly recommended: Recommendation;
  /** max/min over the rules that recommend a value (the critical batch, a ceiling, is left out). */
  readonly spread: { readonly lr: number | null; readonly batchTokens: number | null };
  readonly schedule: Schedule;
  readonly warnings: readonly string[];
}

/** WSD cooldown fraction and shape (Hägele et al. 2024: a 20% (1 − sqrt) cooldown matches cosine). */
const WSD_DECAY_FRACTION = 0.2;
/** Cosine decays to 10% of the peak over the run (Hoffmann et al. 2022). */
const COSINE_FINAL = 0.1;
/** DeepSeek LLM's warmup, capped at this fraction of short runs. */
const WARMUP_STEPS = 2000;
const WARMUP_CAP = 0.05;

const ratio = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length >= 2 ? Math.max(...v) / Math.min(...v) : null;
};

function schedule(kind: "wsd" | "cosine", steps: number, peak: number): Schedule {
  const warmupSteps = Math.min(WARMUP_STEPS, Math.max(1, Math.round(WARMUP_CAP * steps)));
  const warmupRule: RuleSource = {
    rule: `${WARMUP_STEPS} warmup steps as DeepSeek LLM, capped at ${WARMUP_CAP * 100}% of the run`,
    citation: deepseekLlmReadmeCitation, status: "confirmed",
  };
  const n = 200;
  const at = (f: (s: number) => number) => Array.from({ length: n + 1 }, (_, i) => {
    const step = Math.min(steps - 1, Math.round((i / n) * (steps - 1)));
    return { step, lr: peak * f(step) };
  });
  if (kind === "wsd") {
    const decaySteps = Math.floor(WSD_DECAY_FRACTION * steps);
    const citation: Citation = { ...wsdCitation, where: "20% cooldown with the (1 − sqrt) shape matches cosine; wsd_schedule" };
    return {
      kind, steps, warmupSteps, warmupRule, decaySteps, decay: "1 − sqrt to 0", rule: "warmup–stable–decay, 20% (1 − sqrt) cooldown",
      citation, status: "unverified" as SourceStatus,
      curve: at((s) => wsdLrFactor(s, steps, warmupSteps, WSD_DECAY_FRACTION)),
    };
  }
  return {
    kind, steps, warmupSteps, warmupRule, decaySteps: steps - warmupSteps, decay: `cosine to ${COSINE_FINAL} × peak`,
    rule: "cosine over the whole run to 10% of the peak", citation: { ...chinchillaCitation, where: "§3: cosine cycle matched to the training length, decaying 10× (from memory)" },
    status: "unverified", curve: at((s) => cosineLrFactor(s, steps, warmupSteps, COSINE_FINAL)),
  };
}

/**
 * The hyperparameter rows, recommendation, spread and schedule for a run of `shape` on D tokens.
 * @param spec the resolved spec (seqLen, parametrization, base run, schedule)
 * @param shape the planned shape
 * @param nonEmbeddingActive non-embedding parameters used per token (Step Law's N)
 * @param D training tokens
 * @param loss the predicted loss (for the critical batch)
 */
export function hyperparameters(spec: ResolvedSpec, shape: PlanShape, nonEmbeddingActive: number, D: number, loss: number): HparamPlan {
  const rows: HparamAnswer[] = [...stepLawRules(nonEmbeddingActive, D), deepseekRule(activeArchitecture(shape), D)];
  const mup = spec.base ? mupRule(spec.base, shape.dModel) : null;
  if (mup) rows.push(mup);
  const critical = criticalBatchRule(loss);
  rows.push(critical);
  const warnings: string[] = [];
  const step = rows[0];
  const chosen = mup ?? step;
  const lr = chosen.lr as number;
  const rawBatch = chosen.batchTokens ?? (step.batchTokens as number);
  const batchSequences = Math.max(1, Math.round(rawBatch / spec.seqLen));
  const why = mup
    ? `μP transfers the LR tuned on your own base run; batch ${spec.base!.batchTokens ? "from the base run" : "from Step Law (μP does not transfer batch size)"}`
    : "Step Law: fitted on ~3,700 runs over both N and D (DeepSeek's rule sees only C); the other rules are shown for the spread";
  if (rawBatch > (critical.batchTokens as number)) {
    warnings.push(`the recommended batch (${rawBatch.toExponential(2)} tokens) exceeds Kaplan et al.'s critical batch at this loss (${(critical.batchTokens as number).toExponential(2)}): larger batches trade compute for fewer steps`);
  }
  if (chosen.outside) warnings.push(`${chosen.rule} is extrapolated: ${chosen.outside}`);
  const recommended: Recommendation = { rule: chosen.rule, lr, batchTokens: batchSequences * spec.seqLen, batchSequences, why };
  const recs = rows.filter((r) => r !== critical);
  return {
    rows, recommended, warnings,
    spread: { lr: ratio(recs.map((r) => r.lr)), batchTokens: ratio(recs.map((r) => r.batchTokens)) },
    schedule: schedule(spec.schedule, Math.max(1, Math.ceil(D / recommended.batchTokens)), lr),
  };
}
