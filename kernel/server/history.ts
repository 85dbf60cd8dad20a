/**
 * history_request over the cells this kernel process executed (in memory; one session, numbered 1).
 * Semantics follow IPython's HistoryManager: tail n, range [start, stop) of a session, glob search with
 * optional `unique` and last-n.
 */
import type { HistoryEntry } from "./messages";
import type { Content } from "./contents";

interface Cell {
  line: number;
  input: string;
  output: string | null;
}

export const SESSION = 1;

export type HistoryQuery = Content<"history_request">;

/** One position of a glob: a literal code unit, `?`, or a class `[abc]` / `[^a-z]`. */
type Atom = { kind: "char"; c: string } | { kind: "any" } | { kind: "class"; negate: boolean; ranges: [string, string][] };

function atomMatches(a: Atom, ch: string): boolean {
  if (a.kind === "any") return true;
  if (a.kind === "char") return a.c === ch;
  return a.ranges.some(([lo, hi]) => lo <= ch && ch <= hi) !== a.negate;
}

/** Does `seg` match `text` at `pos` (exactly seg.length code units)? */
function matchesAt(seg: Atom[], text: string, pos: number): boolean {
  for (let j = 0; j < seg.length; j++) if (!atomMatches(seg[j]!, text[pos + j]!)) return false;
  return true;
}

/**
 * sqlite GLOB semantics (what IPython uses): * ? [abc] [^abc] [a-z], whole string, case-sensitive. Compiled
 * into the pieces between stars, matched without backtracking: the first piece at the start, the last at the
 * end, each middle one at its leftmost place after the previous (a leftmost match never loses a solution), so a
 * test costs at most text length × longest piece — never the exponential backtracking of a regex like
 * `*a*a*a…*b` (issue 16, defect 5).
 */
export function compileGlob(glob: string): (text: string) => boolean {
  const segs: Atom[][] = [[]];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    const seg = segs[segs.length - 1]!;
    if (c === "*") {
      if (seg.length > 0 || segs.length === 1) segs.push([]);
    } else if (c === "?") seg.push({ kind: "any" });
    else if (c === "[" && glob.indexOf("]", i + 2) >= 0) {
      const close = glob.indexOf("]", i + 2);
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith("^");
      if (negate) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === "-" && j + 2 < body.length) {
          ranges.push([body[j]!, body[j + 2]!]);
          j += 2;
        } else ranges.push([body[j]!, body[j]!]);
      }
      seg.push({ kind: "class", negate, ranges });
      i = close;
    } else seg.push({ kind: "char", c });
  }
  if (segs.length === 1) {
    const only = segs[0]!;
    return (text) => text.length === only.length && matchesAt(only, text, 0);
  }
  const first = segs[0]!;
  const last = segs[segs.length - 1]!;
  const middle = segs.slice(1, -1).filter((s) => s.length > 0);
  const minLength = segs.reduce((n, s) => n + s.length, 0);
  return (text) => {
    if (text.length < minLength || !matchesAt(first, text, 0)) return false;
    const end = text.length - last.length;
    if (!matchesAt(last, text, end)) return false;
    let pos = first.length;
    for (const seg of middle) {
      let at = pos;
      while (at + seg.length <= end && !matchesAt(seg, text, at)) at++;
      if (at + seg.length > end) return false;
      pos = at + seg.length;
    }
    return true;
  };
}

export class History {
  private readonly cells: Cell[] = [];

  add(line: number, input: string, output: string | null): void {
    this.cells.push({ line, input, output });
  }

  query(q: HistoryQuery): HistoryEntry[] {
    let cells: Cell[];
    switch (q.hist_access_type) {
      case "tail":
        cells = q.n ? this.cells.slice(-q.n) : [...this.cells];
        break;
      case "range": {
        if (q.session !== 0 && q.session !== SESSION) return [];
        const stop = q.stop ?? Infinity;
        cells = this.cells.filter((c) => c.line >= q.start && c.line < stop);
        break;
      }
      case "search": {
        const matches = compileGlob(q.pattern);
        cells = this.cells.filter((c) => matches(c.input));
        if (q.unique) {
          const seen = new Set<string>();
          cells = cells.reverse().filter((c) => !seen.has(c.input) && seen.add(c.input)).reverse();
        }
        if (q.n) cells = cells.slice(-q.n);
        break;
      }
    }
    return cells.map((c) => [SESSION, c.line, q.output ? [c.input, c.output] : c.input]);
  }
}
