/**
 * Renderer registry: math modules make their objects displayable without importing display code.
 * An object's `[JUPYTER_DISPLAY]()` asks the registry for the renderer of its kind; lib/display registers the
 * rich renderers when the library loads, and a plain-text fallback keeps the object printable without them.
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "./display";

export type Renderer<T> = (value: T) => MimeBundle | Promise<MimeBundle>;

const SLOT = Symbol.for("scalinglab.renderers");

function registry(): Map<string, Renderer<never>> {
  const g = globalThis as unknown as Record<symbol, Map<string, Renderer<never>> | undefined>;
  return (g[SLOT] ??= new Map());
}

/** Registers the renderer for a kind of object ("law", "fit-result", "table", ...). */
export function registerRenderer<T>(kind: string, render: Renderer<T>): void {
  registry().set(kind, render as Renderer<never>);
}

/** Renders `value` with its kind's renderer, or as text when none is registered. */
export function renderAs<T>(kind: string, value: T, fallbackText: () => string): MimeBundle | Promise<MimeBundle> {
  const render = registry().get(kind) as Renderer<T> | undefined;
  return render ? render(value) : { "text/plain": fallbackText() };
}

/** Adds a non-enumerable `[JUPYTER_DISPLAY]` method that renders through the registry. */
export function makeDisplayable<T extends object>(kind: string, value: T, fallbackText: () => string): T {
  Object.defineProperty(value, JUPYTER_DISPLAY, {
    value: () => renderAs(kind, value, fallbackText),
    enumerable: false,
  });
  return value;
}

/** Like {@link makeDisplayable}, for objects that may already be displayable or frozen (shared citations). */
export function ensureDisplayable<T extends object>(kind: string, value: T, fallbackText: () => string): T {
  if (Object.prototype.hasOwnProperty.call(value, JUPYTER_DISPLAY) || !Object.isExtensible(value)) return value;
  return makeDisplayable(kind, value, fallbackText);
}

const RESULT_TITLES = new WeakMap<object, string>();

/**
 * Makes a plain result object (an optimum, a frontier, an allocation) displayable: a titled table of its fields,
 * with its warnings. The fields stay plain data (JSON, destructuring and equality are unchanged).
 */
export function displayResult<T extends object>(title: string, value: T): T {
  RESULT_TITLES.set(value, title);
  return makeDisplayable("result", value, () => `${title}: ${JSON.stringify(value)}`);
}

/** The title {@link displayResult} gave a result. */
export function resultTitle(value: object): string | undefined {
  return RESULT_TITLES.get(value);
}

/**
 * Makes a plain list of result rows (a contour, a slice, parsed runs) display as a table. The rows stay plain data.
 */
export function displayRows<T extends readonly object[]>(rows: T): T {
  return makeDisplayable("table", rows, () => rows.map((r) => JSON.stringify(r)).join("\n"));
}
