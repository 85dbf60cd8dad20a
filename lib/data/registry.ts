/** Browsing the registry: a table of datasets, and one dataset's schema with units, citation, source and licence. */
import { formatCitation, makeDisplayable } from "../core";
import { DATASET_SPECS, type DatasetSpec } from "../../datasets";
import { datasetSpec } from "./load";

/** A small displayable table (rendered by lib/display's "table" renderer; plain text without it). */
export interface RegistryTable {
  readonly columns: string[];
  readonly values: unknown[][];
  readonly tableOptions: { readonly caption: string };
}

function registryTable(caption: string, columns: string[], values: unknown[][]): RegistryTable {
  const t = { columns, values, tableOptions: { caption } };
  return makeDisplayable("table", t, () => [caption, columns.join(" | "), ...values.map((r) => r.join(" | "))].join("\n"));
}

/** "Gadre, Smyrnis, …" → "Gadre et al."; single authors and "X et al." stay as they are. */
function shortAuthors(authors: string): string {
  const first = authors.split(",")[0].trim();
  return authors.includes(",") && !first.endsWith("et al.") ? `${first} et al.` : first;
}

function totalBytes(spec: DatasetSpec): number {
  return spec.files.reduce((s, f) => s + f.bytes, 0);
}

/**
 * The registered datasets as a table: id, title, paper, tables, files, size, licence.
 * @returns a displayable table; `.values` holds one row per dataset
 * @example
 * listDatasets().values.map((r) => r[0]).includes("steplaw") // => true
 * @see describeDataset
 */
export function listDatasets(): RegistryTable {
  return registryTable(
    "Datasets for loadDataset(id) (= data.load); data.describe(id) shows columns and units. Files are loaded by reference (never bundled).",
    ["id", "title", "paper", "tables", "files", "bytes", "licence"],
    DATASET_SPECS.map((s) => [
      s.id, s.title, `${shortAuthors(s.citation.authors)} (${s.citation.year})${s.citation.arxiv ? ` arXiv:${s.citation.arxiv}` : ""}`,
      s.tables.map((t) => t.name).join(", "), s.files.length, totalBytes(s), s.licence.spdx ?? "none (load by reference)",
    ]),
  );
}

/** A dataset's description: the registry entry plus its schema as a displayable table. */
export interface DatasetDescription extends RegistryTable {
  readonly spec: DatasetSpec;
}

/**
 * One dataset's column schema (table, column, type, unit, definition), with citation, source commit, licence and
 * caveats in the caption.
 * @param id - dataset id
 * @returns a displayable table with the registry entry under `.spec`
 * @throws UnknownChoiceError for an unknown id (the message lists the ids)
 * @example
 * describeDataset("chinchilla-epoch").values.find((r) => r[1] === "D")?.[3] // => "tokens"
 */
export function describeDataset(id: string): DatasetDescription {
  const spec = datasetSpec(id, "describeDataset");
  const caption = [
    `${spec.id}: ${spec.title}`,
    spec.summary,
    `Cite: ${formatCitation(spec.citation)}`,
    `Source: https://github.com/${spec.source.repo} @ ${spec.source.commit} (${spec.files.length} files, ${totalBytes(spec)} bytes, sha256-verified)`,
    `Licence: ${spec.licence.statement}`,
    ...spec.notes.map((n) => `Note: ${n}`),
  ].join("\n");
  const values = spec.tables.flatMap((t) => t.columns.map((c) => [t.name, c.name, c.type + (c.nullable ? " | null" : ""), c.unit ?? "", c.description]));
  const t = registryTable(caption, ["table", "column", "type", "unit", "definition"], values);
  Object.defineProperty(t, "spec", { value: spec, enumerable: false });
  return t as DatasetDescription;
}
