/**
 * Tracebacks of runtime errors at the lines the user wrote. Each cell runs as a script named by its label
 * (`//# sourceURL=In[3]`), so V8's frames name the cell even for a function defined there and called much
 * later. tslab's converter emits no source map (its compiler options are fixed), so a position in the
 * JavaScript that ran is mapped back by aligning the two token streams — the cell's TypeScript and the
 * converter's output differ only by inserted tokens (`exports.`, helpers) and deleted ones (types) — with a
 * shortest-edit diff, computed only when an error needs it. Library frames go through dist's `.js.map` files
 * to `lib/…ts:line`; frames of Node, tslab, the kernel and other packages are dropped.
 */
import * as path from "node:path";
import * as util from "node:util";
import type * as TS from "@tslab/typescript-for-tslab";
import type { ErrorContent } from "../server/messages";
import type { ExpandedCell } from "./shorthand";
import { originalPosition } from "./sourcemap";
import { projectRoot } from "../root";
import { AWAIT_GUARD } from "./await-guard";
import { log } from "../log";

interface CellScript {
  /** The cell as the user typed it. */
  code: string;
  /** What went to the converter (shorthand properties spelled out) and how to map back from it. */
  expanded: ExpandedCell;
  /** The script's body as run: line n of the script is line n of this text. */
  output: string;
  /** Output token index → source token start offset (-1: inserted by the converter); computed on first use. */
  mapping?: ((offset: number) => number | undefined) | null;
}

const cells = new Map<string, CellScript>();
/** Tokens of a text (`tokens` below, run where the compiler is loaded: the converter's worker). */
let tokenize: ((text: string) => Token[]) | undefined;

/** A fresh script name for a cell labelled `label` (In[3] is reused by silent cells: In[3]#2, …). */
export function scriptName(label: string): string {
  let name = label;
  for (let i = 2; cells.has(name); i++) name = `${label}#${i}`;
  return name;
}

/** Remembers a cell's source and the converter's output, so frames in it can be mapped later. */
export function registerCell(tokenizer: (text: string) => Token[], name: string, code: string, expanded: ExpandedCell, output: string): void {
  tokenize = tokenizer;
  cells.set(name, { code, expanded, output });
}

const INTERRUPTED = /Script execution was interrupted|Interrupted asynchronously/;

/** ename/evalue/traceback of an exception thrown by cell code, with frames at the cell's and library's lines. */
export function runtimeError(e: unknown, cellName: string): ErrorContent {
  if (!(e instanceof Error)) {
    const evalue = typeof e === "string" ? e : util.inspect(e);
    return { ename: "Error", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  if (INTERRUPTED.test(e.message) || (e as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
    return { ename: "InterruptedError", evalue: "interrupted by the user (kernel interrupt)", traceback: [`InterruptedError: execution of ${cellName} was interrupted`] };
  }
  const ename = e.name && e.name !== "Error" ? e.name : e.constructor?.name || "Error";
  const evalue = e.message;
  const frames = (e.stack ?? "").split("\n").flatMap((l) => frameLines(l));
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...frames] };
}

const FRAME = /^\s+at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
const LIB_DIR = path.join(projectRoot(), "dist", "lib") + path.sep;

/** One V8 stack line as traceback lines: a cell frame with its source line and caret, a library frame, or nothing. */
function frameLines(line: string): string[] {
  const m = FRAME.exec(line);
  if (!m) return [];
  const [, fn, file, l, c] = m;
  // V8 prefixes the receiver's type: "Proxy.f" for a cell's function (a property of tslab's `exports` proxy),
  // "Object.fitModelSync" for a namespace member; the function's name is what the user knows.
  const name = fn?.replace(/^(?:async )?(?:Proxy|Object)\./, (m) => (m.startsWith("async ") ? "async " : ""));
  const at = (where: string) => `    at ${name ? `${name} (${where})` : where}`;
  const cell = cells.get(file!);
  if (cell) {
    const pos = cellPosition(cell, Number(l), Number(c));
    if (pos === "wrapper") return [];
    if (!pos) return [at(`${file}:${l}:${c}`)];
    const src = cell.code.split("\n")[pos.line] ?? "";
    return [at(`${file}:${pos.line + 1}:${pos.character + 1}`), `        ${src}`, `        ${" ".repeat(pos.character)}^`];
  }
  if (file!.startsWith(LIB_DIR)) {
    const o = originalPosition(file!, Number(l), Number(c));
    const shown = o ? `${path.relative(projectRoot(), o.file)}:${o.line}` : `${path.relative(projectRoot(), file!)}:${l}`;
    return [at(shown.split(path.sep).join("/"))];
  }
  return [];
}

/** The cell position (zero-based) of 1-based script line:col; "wrapper" for tslab's wrapper lines. */
function cellPosition(cell: CellScript, line: number, col: number): { line: number; character: number } | "wrapper" | undefined {
  const starts = lineStarts(cell.output);
  // Line 1 holds tslab's `(function(exports, require) {` prefix, the line after the output its call.
  if (line <= 1 || line > starts.length) return "wrapper";
  if (cell.mapping === undefined) cell.mapping = tokenMapping(cell); // null (too large) is kept too
  const offset = cell.mapping?.(starts[line - 1]! + col - 1);
  if (offset === undefined) return cell.mapping ? "wrapper" : undefined;
  const expanded = cell.expanded.code;
  const before = expanded.slice(0, offset);
  const l = before.split("\n").length - 1;
  const character = offset - (before.lastIndexOf("\n") + 1);
  const p = cell.expanded.toOriginal({ offset, line: l, character });
  return { line: p.line, character: p.character };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

export interface Token {
  text: string;
  pos: number;
}

/**
 * The tokens of `text` in order, from its syntax tree: type annotations, interfaces and type aliases are left
 * out (the converter deletes them, so they would only be edits), and template literals come out whole.
 */
export function tokens(ts: typeof TS, text: string): Token[] {
  const sf = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Token[] = [];
  const isType = (n: TS.Node) => ts.isTypeNode(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n);
  const visit = (node: TS.Node): void => {
    // The engine's `await` guard (interruptible.ts) is not in the cell: only its operand is.
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === AWAIT_GUARD) return visit(node.arguments[0]!);
    if (ts.isToken(node)) {
      if (node.kind !== ts.SyntaxKind.EndOfFileToken) out.push({ text: node.getText(sf), pos: node.getStart(sf) });
      return;
    }
    const children = node.getChildren(sf);
    children.forEach((c, i) => {
      const next = children[i + 1];
      // `x: number`, `y as T`: the token before a type goes with it.
      if (isType(c) || (next && isType(next) && (c.kind === ts.SyntaxKind.ColonToken || c.kind === ts.SyntaxKind.AsKeyword))) return;
      visit(c);
    });
  };
  visit(sf);
  return out;
}

/**
 * The converter adds a line `exports.x = x;` after each declaration (and a getter per import): left out of the
 * alignment, they would be most of its edits in a cell with many declarations. Nothing maps into them.
 */
const EXPORT_COPY = /^(?:exports\.([^\s=]+) = \1;|Object\.defineProperty\(exports, .*)$/gm;

function withoutCopies(output: string, toks: Token[]): Token[] {
  const ranges = [...output.matchAll(EXPORT_COPY)].map((m) => [m.index!, m.index! + m[0].length] as const);
  let r = 0;
  return toks.filter((t) => {
    while (r < ranges.length && ranges[r]![1] <= t.pos) r++;
    return !(r < ranges.length && ranges[r]![0] <= t.pos);
  });
}

/** Beyond these sizes the diff is not attempted (an error in a huge cell shows the script position). */
const MAX_TOKENS = 200_000;
const MAX_EDITS = 3_000;

/** offset in the output → offset in the expanded cell, through the token alignment; null if it failed. */
function tokenMapping(cell: CellScript): ((offset: number) => number | undefined) | null {
  if (!tokenize) return null;
  let a: Token[], b: Token[];
  try {
    a = tokenize(cell.expanded.code);
    b = withoutCopies(cell.output, tokenize(cell.output));
  } catch (e) {
    log(`tokenizing a cell for its traceback failed: ${(e as Error).message}`);
    return null;
  }
  if (a.length + b.length > MAX_TOKENS) return null;
  const match = alignTokens(a.map((t) => t.text), b.map((t) => t.text), MAX_EDITS);
  if (!match) return null;
  const lineEnd = (offset: number) => {
    const i = cell.output.indexOf("\n", offset);
    return i < 0 ? cell.output.length : i;
  };
  return (offset) => {
    // The token at `offset`, or the first matched one after it on its line (a call on `exports.f` points at `exports`).
    let j = b.findIndex((t, i) => t.pos <= offset && (b[i + 1]?.pos ?? Infinity) > offset);
    if (j < 0) return undefined;
    const end = lineEnd(offset);
    const within = offset - b[j]!.pos;
    for (let k = j; k < b.length && b[k]!.pos < end; k++) {
      if (match[k]! >= 0) return a[match[k]!]!.pos + (k === j && within < a[match[k]!]!.text.length ? within : 0);
    }
    return undefined;
  };
}

/**
 * Myers' O(ND) shortest edit script between token sequences `a` (cell) and `b` (output): for each token of
 * `b`, the index of the equal token of `a` it was kept from, or -1. Null when more than `maxEdits` edits.
 */
export function alignTokens(a: string[], b: string[], maxEdits: number): Int32Array | null {
  const n = a.length, m = b.length, off = n + m + 1;
  const v = new Int32Array(2 * off + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxEdits; d++) {
    // v for k in [-d-1, d+1] before this round: enough to walk back through round d.
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Int32Array {
  const match = new Int32Array(m).fill(-1);
  let x = n, y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const get = (k: number) => trace[d]![k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = get(prevK), prevY = prevX - prevK;
    while (x > prevX && y > prevY) match[--y] = --x;
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) match[--y] = --x;
  return match;
}
