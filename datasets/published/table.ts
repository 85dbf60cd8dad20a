/**
 * Small tables of published numbers transcribed by hand from papers and notebooks, each with its citation,
 * the table or cell it comes from, its units and a source status. Tables display themselves as tables.
 */
import { type Citation, type SourceStatus, makeDisplayable } from "../../lib/core";

/** A transcribed table: rows plus provenance. "unverified" tables must never be asserted in tests or notebooks. */
export interface PublishedTable<Row extends object> {
  readonly name: string;
  readonly status: SourceStatus;
  /** `citation.where` names the table, equation or notebook cell. */
  readonly citation: Citation;
  /** Unit of each column, e.g. `{ C: "FLOP", D: "tokens" }`. */
  readonly units: Readonly<Record<string, string>>;
  readonly note: string;
  readonly rows: readonly Readonly<Row>[];
  /** Column names (first row's keys), for table display. */
  readonly columns: string[];
  /** Row-major cells, for table display. */
  readonly values: unknown[][];
  readonly tableOptions: { readonly caption: string; readonly units: Readonly<Record<string, string>> };
}

/** Builds a displayable {@link PublishedTable} from its rows and provenance. */
export function definePublishedTable<Row extends object>(info: {
  name: string;
  status: SourceStatus;
  citation: Citation;
  units: Record<string, string>;
  note: string;
  rows: readonly Row[];
}): PublishedTable<Row> {
  const columns = Object.keys(info.rows[0] ?? {});
  const values = info.rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
  const caption = `${info.name} — ${info.citation.authors} (${info.citation.year})${info.citation.where ? `, ${info.citation.where}` : ""}` +
    (info.status === "unverified" ? " — UNVERIFIED (from memory)" : "");
  const t: PublishedTable<Row> = { ...info, columns, values, tableOptions: { caption, units: info.units } };
  return makeDisplayable("table", t, () =>
    [caption, columns.join("\t"), ...values.map((r) => r.map(String).join("\t"))].join("\n"));
}
