/**
 * The rich display protocol shared with Deno's kernel: an object with a `[Symbol.for("Jupyter.display")]()`
 * method returning a mime bundle renders through it (sync or async). The math never imports the kernel;
 * objects only promise a bundle.
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** mime type → data; JSON mime types carry objects, text types strings. */
export type MimeBundle = { [mime: string]: unknown };

export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

/** True when `v` implements the display protocol. */
export function isDisplayable(v: unknown): v is Displayable {
  return (typeof v === "object" || typeof v === "function") && v !== null &&
    typeof (v as Record<symbol, unknown>)[JUPYTER_DISPLAY] === "function";
}
