/**
 * Functions every notebook cell has in scope (the hidden prelude imports them): `display`, `clearOutput`
 * and `math` (mathjs, loaded on first use). They talk to the kernel through a global slot, so this module
 * stays tiny and also works (printing text) outside the kernel.
 */
import { inspect } from "node:util";
import { cellHost, type DisplayOptions } from "./host";

export type { DisplayOptions };

/**
 * Shows a value as a rich output of the running cell: objects implementing
 * `[Symbol.for("Jupyter.display")]()` render through it (laws, fits, tables, figures), other values as text.
 * @param value what to show, or a mime bundle with `{ raw: true }`
 * @param options `displayId` names the output; with `update: true` it replaces the output with that id
 * Async renderers are awaited by the kernel before the cell finishes, so there is nothing to await here.
 * @example display(listLaws())
 * @example display({ "text/html": "<b>bold</b>", "text/plain": "bold" }, { raw: true })
 */
export function display(value: unknown, options: DisplayOptions = {}): void {
  const h = cellHost();
  if (h) h.display(value, options);
  else console.log(typeof value === "string" ? value : inspect(value));
}

/**
 * Clears the outputs of the running cell.
 * @param wait if true, clear only when the next output arrives (avoids flicker in animations)
 */
export function clearOutput(wait = false): void {
  cellHost()?.clearOutput(wait);
}

/**
 * The mathjs instance, typed loosely on purpose: typing it as `typeof import("mathjs")` makes every kernel
 * start type-check mathjs's 250 kB of declarations (~0.35 s of CPU measured), for one optional helper.
 */
export interface MathJs {
  /** Evaluates an expression: `math.evaluate("sqrt(3^2 + 4^2)")` → 5. */
  evaluate(expr: string, scope?: Record<string, unknown>): any;
  /** Every other mathjs function and constant (matrix, eigs, unit, pi, ...). */
  [name: string]: any;
}

let mathjs: MathJs | undefined;
const load = (): MathJs => (mathjs ??= require("mathjs") as MathJs);

/**
 * mathjs (https://mathjs.org), loaded on first use: `math.evaluate("2^10")`, `math.matrix(...)`, units, ...
 * @see https://mathjs.org/docs/reference/functions.html
 */
export const math: MathJs = new Proxy({} as MathJs, {
  get: (_t, p) => Reflect.get(load(), p),
  has: (_t, p) => Reflect.has(load(), p),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_t, p) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), p);
    return d && { ...d, configurable: true };
  },
});
