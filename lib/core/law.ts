/**
 * Law descriptors: the pure-data card of a law (formula, variables with units, constants, citation).
 * `defineLaw` registers it in the catalogue and makes it render in the notebook.
 */
import type { Citation, PublishedConstants, SourceStatus } from "./citation";
import { makeDisplayable } from "./render";

export type LawTopic = "loss" | "allocation" | "flops" | "downstream" | "hparams" | "schedule" | "batch" | "mixing" | "other";

export interface LawInfo {
  /** Unique id, e.g. "chinchilla". */
  readonly id: string;
  /** Human name, e.g. "Chinchilla parametric loss (Approach 3)". */
  readonly name: string;
  readonly topic: LawTopic;
  /** The formula as LaTeX, e.g. "L(N,D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}". */
  readonly latex: string;
  /** The formula in plain text / mathjs syntax, e.g. "E + A / N^alpha + B / D^beta". */
  readonly formula: string;
  /** Symbol → meaning with units, e.g. { N: "parameters (non-embedding)", L: "loss, nats/token" }. */
  readonly variables: Readonly<Record<string, string>>;
  readonly citation: Citation;
  /** Weakest status among its published constants ("unverified" if the form itself is from memory). */
  readonly status: SourceStatus;
  /** Published constant sets, each with its own status. */
  readonly constants?: readonly PublishedConstants<object>[];
  /** Names of the library functions that implement it, e.g. ["chinchillaLoss", "fitChinchilla"]. */
  readonly functions: readonly string[];
}

const SLOT = Symbol.for("scalinglab.laws");

function catalogue(): Map<string, LawInfo> {
  const g = globalThis as unknown as Record<symbol, Map<string, LawInfo> | undefined>;
  return (g[SLOT] ??= new Map());
}

/** Freezes a law card, registers it in the catalogue and makes it displayable. */
export function defineLaw(info: LawInfo): LawInfo {
  const law = makeDisplayable("law", { ...info }, () => `${info.name}: ${info.formula} — ${info.citation.authors} (${info.citation.year})`);
  catalogue().set(info.id, Object.freeze(law));
  return law;
}

/** Every registered law, in registration order, optionally filtered by topic. */
export function listLaws(topic?: LawTopic): LawInfo[] {
  const all = [...catalogue().values()];
  return topic ? all.filter((l) => l.topic === topic) : all;
}
