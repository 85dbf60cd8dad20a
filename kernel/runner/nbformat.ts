/** Reading and writing Jupyter notebooks (nbformat 4), written the way nbformat writes them. */
import * as fs from "node:fs";
import { randomBytes } from "node:crypto";

export type MultilineString = string | string[];

export interface StreamOutput { output_type: "stream"; name: "stdout" | "stderr"; text: MultilineString }
export interface DisplayDataOutput { output_type: "display_data"; data: Record<string, unknown>; metadata: Record<string, unknown> }
export interface ExecuteResultOutput {
  output_type: "execute_result"; execution_count: number | null; data: Record<string, unknown>; metadata: Record<string, unknown>;
}
export interface ErrorOutput { output_type: "error"; ename: string; evalue: string; traceback: string[] }
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CellMetadata { tags?: string[]; [key: string]: unknown }
export interface CodeCell {
  cell_type: "code"; id?: string; metadata: CellMetadata; source: MultilineString;
  outputs: Output[]; execution_count: number | null;
}
export interface OtherCell { cell_type: "markdown" | "raw"; id?: string; metadata: CellMetadata; source: MultilineString }
export type Cell = CodeCell | OtherCell;

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, any>;
  cells: Cell[];
}

/** Joins nbformat's list-of-lines form into one string. */
export function joinSource(s: MultilineString): string {
  return Array.isArray(s) ? s.join("") : s;
}

/** Splits text into lines that keep their "\n", nbformat's on-disk form for multiline strings. */
export function splitLines(s: string): string[] {
  return s === "" ? [] : s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A notebook could not be read: not JSON, or not nbformat 4. */
export class NotebookFormatError extends Error {
  override name = "NotebookFormatError";
}

/** Parses notebook JSON text; `file` only labels errors. */
export function parseNotebook(text: string, file: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(text) as Notebook;
  } catch (e) {
    throw new NotebookFormatError(`${file} is not valid notebook JSON (${(e as Error).message})`);
  }
  if (nb?.nbformat !== 4 || !Array.isArray(nb.cells)) {
    throw new NotebookFormatError(`${file} is not an nbformat 4 notebook (nbformat = ${String(nb?.nbformat)})`);
  }
  // Checked before any kernel starts: what the runner reads of each cell.
  nb.cells.forEach((c: unknown, i) => {
    const cell = c as Partial<Cell> | null;
    const bad = (what: string) => new NotebookFormatError(`${file}: cells[${i}] ${what}`);
    if (typeof cell !== "object" || cell === null || Array.isArray(cell)) throw bad(`must be an object, got ${JSON.stringify(c)}`);
    if (!["code", "markdown", "raw"].includes(cell.cell_type as string)) throw bad(`has cell_type ${JSON.stringify(cell.cell_type)}; expected "code", "markdown" or "raw"`);
    const src = cell.source;
    if (typeof src !== "string" && !(Array.isArray(src) && src.every((l) => typeof l === "string"))) {
      throw bad(`needs a source (a string or a list of strings), got ${JSON.stringify(src) ?? "nothing"}`);
    }
    cell.metadata ??= {};
  });
  return nb;
}

export function readNotebook(file: string): Notebook {
  return parseNotebook(fs.readFileSync(file, "utf8"), file);
}

/** A fresh cell id (nbformat ≥ 4.5 requires one per cell). */
export function newCellId(): string {
  return randomBytes(4).toString("hex");
}

function isTextMime(mime: string): boolean {
  return mime.startsWith("text/") || mime === "image/svg+xml" || mime === "application/javascript";
}

/** nbformat stores multiline strings as lists of lines: source, stream text and textual mime data. */
function toDiskForm(nb: Notebook): Notebook {
  const data = (d: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === "string" && isTextMime(k) ? splitLines(v) : v]));
  const output = (o: Output): Output => {
    if (o.output_type === "stream") return { ...o, text: splitLines(joinSource(o.text)) };
    if (o.output_type === "display_data" || o.output_type === "execute_result") return { ...o, data: data(o.data) };
    return o;
  };
  return {
    ...nb,
    cells: nb.cells.map((c) => c.cell_type === "code"
      ? { ...c, source: splitLines(joinSource(c.source)), outputs: c.outputs.map(output) }
      : { ...c, source: splitLines(joinSource(c.source)) }),
  };
}

/** JSON with sorted keys and one-space indent, as nbformat.write produces. */
function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  }, 1);
}

export function serializeNotebook(nb: Notebook): string {
  return stableStringify(toDiskForm(nb)) + "\n";
}

export function writeNotebook(file: string, nb: Notebook): void {
  fs.writeFileSync(file, serializeNotebook(nb));
}

export function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata?.tags) && cell.metadata.tags.includes(tag);
}
