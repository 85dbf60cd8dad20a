/**
 * Law descriptors: the pure-data card of a law (formula, variables with units, constants, citation).
 * `defineLaw` registers it in the catalogue and makes it render in the notebook.
 */
import { formatCitation, type Citation, type PublishedConstants, type SourceStatus } from "./citation";
import { ensureDisplayable, makeDisplayable } from "./render";

export type LawTopic = "loss" | "allocation" | "flops" | "downstream" | "hparams" | "schedule" | "batch" | "mixing" | "other";

/** The card of a law or rule: what `help(x)` shows and the catalogue lists. */
export interface LawCard {
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
  /** Where it lives in the notebook scope, e.g. "laws.chinchilla" or "hparams.mup.table". */
  readonly api: string;
}

const SLOT = Symbol.for("scalinglab.laws");

function catalogue(): Map<string, LawCard> {
  const g = globalThis as unknown as Record<symbol, Map<string, LawCard> | undefined>;
  return (g[SLOT] ??= new Map());
}

/** Registers a card (or a Law, which is its own card) in the catalogue and makes it displayable as a law card. */
export function registerLawCard<T extends LawCard>(card: T): T {
  const shown = makeDisplayable("law", card, () => `${card.name}: ${card.formula} — ${card.citation.authors} (${card.citation.year})`);
  // A law's published constant sets and citations print as cards too (laws.chinchilla.published.hoffmann).
  for (const c of card.constants ?? []) {
    ensureDisplayable("published-constants", c, () => `${c.name} [${c.status}]: ${JSON.stringify(c.params)}`);
    ensureDisplayable("citation", c.citation, () => formatCitation(c.citation));
  }
  ensureDisplayable("citation", card.citation, () => formatCitation(card.citation));
  catalogue().set(card.id, Object.freeze(shown));
  return shown;
}

/** A card for a rule that is not a single formula with fittable constants (a μP table, a schedule, a recipe). */
export function defineCard(card: LawCard): LawCard {
  return registerLawCard({ ...card });
}

/** Every registered law, in registration order, optionally filtered by topic. */
export function listLaws(topic?: LawTopic): LawCard[] {
  const all = [...catalogue().values()];
  return topic ? all.filter((l) => l.topic === topic) : all;
}
