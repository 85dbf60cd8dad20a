/**
 * The syntax side of the `await` guard (the runtime side is guardAwait in interruptible.ts), kept free of
 * runtime imports: the engine rewrites a cell's output with it, the traceback alignment skips it.
 */
import type * as TS from "@tslab/typescript-for-tslab";

/**
 * The name the engine wraps each `await` operand of a cell in (`await x` runs as `await guard(x)`, see
 * guardAwaits): an `await` reached after the interrupt never resumes (its frame is collected); one pending at
 * the interrupt rejects with InterruptedError when its promise settles, so `finally` blocks run and a loop
 * that catches the error stops at its next `await`.
 */
export const AWAIT_GUARD = "__scalinglabAwait";

/** `js` (the converter's output) with each `await x` as `await __scalinglabAwait(x)`. */
export function guardAwaits(ts: typeof TS, js: string): string {
  if (!js.includes("await")) return js;
  const sf = ts.createSourceFile("cell.js", js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits: { at: number; text: string }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isAwaitExpression(node)) {
      edits.push({ at: node.expression.getStart(sf), text: `${AWAIT_GUARD}(` }, { at: node.expression.end, text: ")" });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  edits.sort((a, b) => a.at - b.at);
  let out = "";
  let from = 0;
  for (const e of edits) {
    out += js.slice(from, e.at) + e.text;
    from = e.at;
  }
  return out + js.slice(from);
}
