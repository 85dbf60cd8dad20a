/** Turning values into mime bundles: the Jupyter.display protocol shared with Deno, else text. */
import * as util from "node:util";
import type { MimeData } from "../server/messages";

/** The protocol key (lib/core/display.ts defines the same Symbol.for key; the kernel does not load lib). */
const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

export function textPlain(value: unknown): string {
  return util.inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 });
}

/**
 * A value's mime bundle: through `[Symbol.for("Jupyter.display")]()` or as text. Synchronous when the
 * renderer is, so a display keeps its place among the cell's other outputs; a promise for async renderers.
 */
export function renderBundle(value: unknown): MimeData | Promise<MimeData> {
  const render = (value as Record<symbol, unknown> | null | undefined)?.[JUPYTER_DISPLAY];
  if ((typeof value !== "object" && typeof value !== "function") || value === null || typeof render !== "function") {
    return { "text/plain": textPlain(value) };
  }
  const check = (bundle: unknown): MimeData => {
    if (typeof bundle !== "object" || bundle === null) {
      throw new TypeError(`[Symbol.for("Jupyter.display")]() must return a mime bundle object, got ${textPlain(bundle)}`);
    }
    return "text/plain" in bundle ? (bundle as MimeData) : { ...(bundle as MimeData), "text/plain": textPlain(value) };
  };
  const out = (render as () => unknown).call(value);
  return out instanceof Promise ? out.then(check) : check(out);
}
