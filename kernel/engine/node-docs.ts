/**
 * Node's API declarations (@types/node, ~1.9 MB) read without their documentation comments. TypeScript 5.0
 * parses every `/** … *\/` comment in every declaration file into JSDoc nodes; for @types/node that is ~100 ms
 * of the type checker's start and ~10 MB of its heap (bench/kernel-startup). Hover over a Node API then shows
 * its signature without the prose; the library's and the ES library's documentation are untouched.
 */
import type * as TS from "@tslab/typescript-for-tslab";

const NODE_TYPES = /[\\/]@types[\\/]node[\\/].*\.d\.ts$/;
/** A documentation comment starting a line (as all of @types/node's do), up to its first close. */
const DOC_COMMENT = /^[ \t]*\/\*\*(?!\/)[\s\S]*?\*\//gm;

/** `text` with each documentation comment that starts a line removed, its line breaks kept (positions stay on their lines). */
export function withoutDocComments(text: string): string {
  return text.replace(DOC_COMMENT, (comment) => comment.replace(/[^\n]/g, ""));
}

/** Makes `ts.sys.readFile` (which tslab's compiler host reads real files through) drop @types/node's documentation. */
export function readNodeTypesWithoutDocs(ts: typeof TS): void {
  const readFile = ts.sys.readFile;
  ts.sys.readFile = (file, encoding) => {
    const text = readFile(file, encoding);
    return text !== undefined && NODE_TYPES.test(file) ? withoutDocComments(text) : text;
  };
}
