/**
 * What a parameter count N counts. Dense models have one N; a mixture-of-experts model has two — the parameters a token
 * passes through (`active`: shared layers plus the top-k experts) and all of them (`total`) — and every count may or may
 * not include the embedding matrices. Data state their convention (`data.read(…, { parameters })`); each rule states
 * the one it was fitted with (`hparams.stepLaw.parameters`, `hparams.deepseek.parameters`).
 */
import { InvalidInputError, assertChoice } from "../core";

/** The convention of a parameter count. */
export interface ParamConvention {
  /** "active": parameters used per token (MoE: shared + routed top-k experts); "total": every expert. Equal for dense. */
  readonly count: "active" | "total";
  /** Whether input and output embedding matrices are counted. */
  readonly embedding: "included" | "excluded";
}

const COUNTS = ["active", "total"] as const;
const EMBEDDINGS = ["included", "excluded"] as const;

/**
 * Checks a convention object.
 * @param fn - public function name for errors
 * @param c - the convention
 * @returns the same convention, typed
 * @throws InvalidInputError / UnknownChoiceError for a missing or unknown count or embedding
 */
export function checkParamConvention(fn: string, c: ParamConvention): ParamConvention {
  if (c === null || typeof c !== "object") throw new InvalidInputError(fn, "parameters must be { count: \"active\" | \"total\", embedding: \"included\" | \"excluded\" }");
  assertChoice(fn, "parameters.count", c.count, COUNTS);
  assertChoice(fn, "parameters.embedding", c.embedding, EMBEDDINGS);
  return c;
}

/**
 * A convention in words.
 * @example describeParamConvention({ count: "active", embedding: "excluded" }) // => "active non-embedding parameters"
 */
export function describeParamConvention(c: ParamConvention): string {
  return `${c.count} ${c.embedding === "excluded" ? "non-embedding" : "embedding-included"} parameters`;
}

/**
 * What a rule expecting `expects` should say about data counted with `data`, for a sweep with `moeRuns` MoE runs:
 * a total count where the rule wants active parameters on MoE runs is an error (the two differ there by the expert
 * factor); an unstated convention on MoE runs and an embedding mismatch are warnings (returned).
 * @param fn - the rule's public path, for messages
 * @param rule - the rule's name, e.g. "the Step Law"
 * @param expects - the convention the rule was fitted with
 * @param data - the data's convention, or undefined when not stated
 * @param moeRuns - how many runs are MoE (active ≠ total)
 * @returns warnings, one line each
 * @throws InvalidInputError when MoE runs are counted by total parameters and the rule expects active ones (or back)
 */
export function paramConventionWarnings(fn: string, rule: string, expects: ParamConvention, data: ParamConvention | undefined, moeRuns: number): string[] {
  const want = describeParamConvention(expects);
  if (data === undefined) {
    return moeRuns > 0
      ? [`${fn}: ${moeRuns} run(s) are MoE and the parameter convention of N is not stated; ${rule} expects ${want} (pass parameters: { count: "${expects.count}", embedding: "${expects.embedding}" } once N is that count)`]
      : [];
  }
  checkParamConvention(fn, data);
  if (moeRuns > 0 && data.count !== expects.count) {
    throw new InvalidInputError(fn, `N counts ${data.count} parameters and ${moeRuns} run(s) are MoE, but ${rule} expects ${want}`, `give N as the ${expects.count} parameter count of each run`);
  }
  return data.embedding !== expects.embedding
    ? [`${fn}: N counts ${describeParamConvention(data)} but ${rule} was fitted on ${want}; small models' N differs most`]
    : [];
}
