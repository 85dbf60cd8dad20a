/**
 * tslab rewrites references to earlier cells' variables as `exports.x`, but misses the `x` of a shorthand
 * property (`{ x }`), which then fails with "x is not defined". Spelling such properties out (`{ x: x }`)
 * before conversion gives the same program; diagnostics are mapped back to the columns the user typed.
 * The parse runs in the converter's worker (the main thread loads no compiler); the mapping on the main thread.
 */
import type * as TS from "@tslab/typescript-for-tslab";

interface Insertion {
  /** Where the inserted text starts in the expanded code. */
  offset: number;
  line: number;
  character: number;
  length: number;
}

/** A position as tslab reports it: offset from the start of the cell, zero-based line and column. */
export interface CellPosition {
  offset: number;
  line: number;
  character: number;
}

export interface ExpandedCell {
  code: string;
  /** Maps a (line, character) of the expanded code back to the cell as typed. */
  toOriginal<P extends CellPosition>(pos: P): P;
}

/** The expanded code and where text was inserted: plain data, so it crosses from the worker. */
export interface ShorthandExpansion {
  code: string;
  insertions: Insertion[];
}

/** Whether `code` can hold a shorthand property at all (saves a parse for most cells). */
export function mayHaveShorthand(code: string): boolean {
  return code.includes("{");
}

/** Spells out the shorthand properties of `code`; null when it has none. */
export function expandShorthand(ts: typeof TS, code: string): ShorthandExpansion | null {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ends: { at: number; text: string }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) ends.push({ at: node.name.end, text: `: ${node.name.text}` });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (ends.length === 0) return null;
  ends.sort((a, b) => a.at - b.at);
  const insertions: Insertion[] = [];
  let out = "";
  let from = 0;
  for (const e of ends) {
    out += code.slice(from, e.at) + e.text;
    const { line, character } = sf.getLineAndCharacterOfPosition(e.at);
    // Columns in the expanded line: earlier insertions on the same line shift this one right.
    const shift = insertions.filter((i) => i.line === line).reduce((s, i) => s + i.length, 0);
    insertions.push({ offset: out.length - e.text.length, line, character: character + shift, length: e.text.length });
    from = e.at;
  }
  out += code.slice(from);
  return { code: out, insertions };
}

/** The cell as the converter sees it, with positions mapped back to `code` as typed. */
export function expandedCell(code: string, expansion: ShorthandExpansion | null): ExpandedCell {
  if (!expansion) return { code, toOriginal: (p) => p };
  const { insertions } = expansion;
  return {
    code: expansion.code,
    toOriginal: (pos) => {
      let { offset, character } = pos;
      for (const i of insertions) {
        if (i.offset < pos.offset) offset -= Math.min(i.length, pos.offset - i.offset);
        if (i.line === pos.line && i.character < pos.character) character -= Math.min(i.length, pos.character - i.character);
      }
      return { ...pos, offset, character };
    },
  };
}
