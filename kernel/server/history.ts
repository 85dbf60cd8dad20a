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

/** sqlite GLOB semantics (what IPython uses): * ? [abc] [^abc], whole string, case-sensitive. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        const body = glob.slice(i + 1, close);
        re += "[" + (body.startsWith("^") ? "^" + body.slice(1) : body).replace(/\\/g, "\\\\") + "]";
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
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
        const re = globToRegExp(q.pattern);
        cells = this.cells.filter((c) => re.test(c.input));
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
