/**
 * Where a law, a constant set or a dataset comes from.
 * `where` pins the table, equation or notebook cell, so a reader can check the number.
 */
export interface Citation {
  /** Short key, e.g. "hoffmann2022". */
  readonly key: string;
  readonly authors: string;
  readonly year: number;
  readonly title: string;
  readonly arxiv?: string;
  readonly url?: string;
  /** Table, equation, figure or code cell the values come from. */
  readonly where?: string;
}

/**
 * How far a constant can be trusted.
 * - "confirmed": read in a source (paper text, code, notebook output) or recomputed from public data.
 * - "unverified": recalled from the paper and not checked against its text; never asserted in tests.
 */
export type SourceStatus = "confirmed" | "unverified";

/** A published parameter set of a law, with its provenance. */
export interface PublishedConstants<P> {
  readonly name: string;
  readonly params: Readonly<P>;
  readonly status: SourceStatus;
  readonly citation: Citation;
  /** Units and conventions the numbers assume (what N counts, how C is counted, loss units). */
  readonly note?: string;
}

/** Formats a citation as "Authors (year), Title. arXiv:id, where". */
export function formatCitation(c: Citation): string {
  const parts = [`${c.authors} (${c.year}). ${c.title}.`];
  if (c.arxiv) parts.push(`arXiv:${c.arxiv}.`);
  if (c.where) parts.push(c.where + ".");
  return parts.join(" ");
}
