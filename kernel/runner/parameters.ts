/**
 * Papermill-style parameters for TypeScript notebooks: the cell tagged `parameters` declares the knobs with
 * `let`, and an `injected-parameters` cell placed right after it assigns the values given on the command line.
 */
import { Cell, CodeCell, hasTag, joinSource, newCellId, Notebook } from "./nbformat";

export class ParameterError extends Error {
  override name = "ParameterError";
}

const INJECTED_HEADER = "// Parameters injected by `scalinglab run`";
/** An assignment is an expression: without this line the last one would echo as the cell's result. */
const INJECTED_FOOTER = "undefined; // no cell result";

/** Parses `key=value` from the command line. */
export function parseParam(arg: string): [string, string] {
  const eq = arg.indexOf("=");
  const key = eq < 0 ? "" : arg.slice(0, eq).trim();
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) {
    throw new ParameterError(`--param ${arg}: expected name=value with a TypeScript identifier as name`);
  }
  return [key, arg.slice(eq + 1)];
}

/** TypeScript literal for a value: numbers, booleans, null and JSON arrays/objects/strings as written; other text quoted. */
export function tsLiteral(value: string): string {
  const v = value.trim();
  try {
    JSON.parse(v);
    return v;
  } catch {
    return JSON.stringify(value);
  }
}

/** Names declared with `let`/`var`/`const` at the top of a cell (also `let a = 1, b = 2`). */
function declaredNames(source: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of source.matchAll(/^\s*(?:export\s+)?(let|var|const)\s+([^;]*)/gm)) {
    for (const part of m[2].split(",")) {
      const name = /^\s*([A-Za-z_$][\w$]*)/.exec(part)?.[1];
      if (name) names.set(name, m[1]);
    }
  }
  return names;
}

/**
 * Returns a copy of `nb` with an `injected-parameters` cell after its `parameters` cell (replacing an earlier
 * injected cell, as papermill does). Throws ParameterError when the notebook has no parameters cell or a
 * parameter is not declared there with `let`/`var` (an assignment to it would not compile).
 */
export function injectParameters(nb: Notebook, params: ReadonlyArray<[string, string]>, file: string): Notebook {
  const cells: Cell[] = nb.cells.filter((c) => !hasTag(c, "injected-parameters"));
  const at = cells.findIndex((c) => c.cell_type === "code" && hasTag(c, "parameters"));
  if (at < 0) {
    throw new ParameterError(`${file} has no cell tagged "parameters" to take --param values; tag the cell that declares the knobs`);
  }
  const declared = declaredNames(joinSource(cells[at].source));
  for (const [key] of params) {
    const kind = declared.get(key);
    if (kind === undefined || kind === "const") {
      const list = [...declared.keys()].join(", ") || "nothing";
      throw new ParameterError(kind === "const"
        ? `--param ${key}: the parameters cell of ${file} declares ${key} with const; declare it with let so it can be set`
        : `--param ${key}: the parameters cell of ${file} does not declare ${key} (it declares ${list})`);
    }
  }
  const injected: CodeCell = {
    cell_type: "code", execution_count: null, metadata: { tags: ["injected-parameters"] }, outputs: [],
    source: [INJECTED_HEADER, ...params.map(([k, v]) => `${k} = ${tsLiteral(v)};`), INJECTED_FOOTER].join("\n"),
  };
  if (nb.nbformat_minor >= 5) injected.id = newCellId();
  cells.splice(at + 1, 0, injected);
  return { ...nb, cells };
}
