/**
 * The card of a paper that offers no law to fit (a method, a benchmark suite, a survey, a negative result, a
 * theory without a closed form): what it contributes, why there is nothing to fit, and which scalinglab tools
 * relate. These three live in `variables` so the card keeps the common LawCard shape that `help()` renders.
 */
import { defineCard, type Citation, type LawCard, type LawTopic, type PublishedConstants, type SourceStatus } from "../../core";

export interface PaperCardSpec {
  readonly id: string;
  readonly api: string;
  readonly name: string;
  readonly topic: LawTopic;
  readonly citation: Citation;
  /** What the paper adds, in our own words. */
  readonly contributes: string;
  /** Why the catalogue has a card and not a fittable law for it. */
  readonly whyNoLaw: string;
  /** scalinglab functions and notebooks that implement or relate to the idea. */
  readonly related: string;
  /** A short statement of the paper's central relation, when it has one (default "—"). */
  readonly formula?: string;
  readonly latex?: string;
  /** Symbols used in `formula`, with units. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Numbers the paper states, each with its own status. */
  readonly constants?: readonly PublishedConstants<object>[];
}

/**
 * Registers a paper card. Its status is the weakest of its constants; a card stating no constant has nothing
 * unverified in it and is "confirmed" (its description was written from the paper's own summary).
 * `extras` adds the paper's curves (closed forms or small simulations) to the same object.
 */
export function paperCard<E extends object = object>(spec: PaperCardSpec, extras?: E): LawCard & E {
  const status: SourceStatus = spec.constants?.some((c) => c.status === "unverified") ? "unverified" : "confirmed";
  const card: LawCard = {
    id: spec.id,
    api: spec.api,
    name: spec.name,
    topic: spec.topic,
    latex: spec.latex ?? "\\text{—}",
    formula: spec.formula ?? "—",
    variables: { ...spec.variables, contributes: spec.contributes, "why no law": spec.whyNoLaw, "related tools": spec.related },
    citation: spec.citation,
    status,
    ...(spec.constants ? { constants: spec.constants } : {}),
  };
  return defineCard({ ...card, ...extras }) as LawCard & E;
}
