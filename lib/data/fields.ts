/**
 * Typed access to the fields of parsed CSV records: numbers as float64 (Number(), never int32), booleans, and
 * errors that name the file, the record and the column.
 */
import { DataError } from "../core";
import type { CsvTable } from "./csv";

/** Reads named columns of one CSV table; every getter throws DataError naming file, record and column. */
export class CsvColumns {
  private readonly at = new Map<string, number>();
  constructor(readonly fn: string, readonly file: string, readonly table: CsvTable) {
    table.header.forEach((h, j) => this.at.set(h, j));
  }

  /** Column index of `name`; throws when the header lacks it. */
  index(name: string): number {
    const j = this.at.get(name);
    if (j === undefined) {
      throw new DataError(this.fn, `${this.file} has no column "${name}" (columns: ${this.table.header.join(", ")})`, "the file does not match the registered schema; check its sha256");
    }
    return j;
  }

  /** The raw string of record `k`, column `name`. */
  str(k: number, name: string): string {
    return this.table.records[k][this.index(name)];
  }

  /** A finite float64; throws for empty or non-numeric text. */
  num(k: number, name: string): number {
    const v = this.numOrNull(k, name);
    if (v === null) throw new DataError(this.fn, `${this.file} record ${k + 1}: column "${name}" is empty`);
    return v;
  }

  /** A finite float64, or null for an empty field; throws for non-numeric text. */
  numOrNull(k: number, name: string): number | null {
    return parseNumberField(this.fn, this.str(k, name), `${this.file} record ${k + 1}, column "${name}"`);
  }

  /** "True"/"true"/"False"/"false" as a boolean. */
  bool(k: number, name: string): boolean {
    const s = this.str(k, name).trim().toLowerCase();
    if (s === "true") return true;
    if (s === "false") return false;
    throw new DataError(this.fn, `${this.file} record ${k + 1}: column "${name}" = "${this.str(k, name)}" is not True/False`);
  }
}

/** Parses a numeric field as float64; empty → null; anything else non-finite throws DataError naming `where`. */
export function parseNumberField(fn: string, raw: string, where: string): number | null {
  const s = raw.trim();
  if (s === "") return null;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new DataError(fn, `${where} = "${raw}" is not a finite number`);
  return v;
}
