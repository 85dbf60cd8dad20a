/**
 * The host contract between the kernel and the code its cells run, declared once. Both sides meet on global
 * slots, so cell code (the library, the cell API) never imports the kernel:
 * - the library's runtime hooks (progress events, the interrupt signal, display of a mime bundle): their types
 *   are the library's own, since lib/core/runtime.ts reads the same slot;
 * - the cell API's host (display(), clearOutput() and input() of the running cell).
 */
import type { ProgressEvent, RuntimeHooks } from "../../lib/internal";

export type { ProgressEvent, RuntimeHooks };

const RUNTIME_SLOT = Symbol.for("scalinglab.runtime");
const CELL_HOST_SLOT = Symbol.for("scalinglab.kernel.cellHost");

export interface DisplayOptions {
  /** Names the output so a later `display(x, { displayId, update: true })` can replace it in place. */
  displayId?: string;
  /** Replace the output named `displayId` instead of adding a new one. */
  update?: boolean;
  /** `value` is already a mime bundle ({"text/html": ..., "text/plain": ...}). */
  raw?: boolean;
}

/** What the kernel installs for the running cell. */
export interface CellHost {
  display(value: unknown, options: DisplayOptions): void;
  clearOutput(wait: boolean): void;
  /** Whether the running cell's frontend answers input (its execute_request's allow_stdin). */
  readonly allowStdin: boolean;
  /** Asks the frontend for one line (input_request on stdin); rejects when the cell is interrupted. */
  input(prompt: string, password: boolean): Promise<string>;
}

const slots = globalThis as unknown as { [RUNTIME_SLOT]?: RuntimeHooks; [CELL_HOST_SLOT]?: CellHost };

/** The runtime hooks object the library reads (created on first use, by whichever side comes first). */
export function runtimeHooks(): RuntimeHooks {
  return (slots[RUNTIME_SLOT] ??= {});
}

export function cellHost(): CellHost | undefined {
  return slots[CELL_HOST_SLOT];
}

export function setCellHost(host: CellHost): void {
  slots[CELL_HOST_SLOT] = host;
}
