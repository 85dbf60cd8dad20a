/**
 * The seam between long-running library work and whoever hosts it (the kernel, the CLI, a test).
 * The kernel installs hooks on a global slot so the library stays free of kernel code:
 * progress is drawn as an updating display in the notebook, and an interrupt aborts the signal.
 * Without a host, progress goes to stderr when it is a terminal.
 */
import { InterruptedError } from "./errors";
import type { MimeBundle } from "./display";

export interface ProgressEvent {
  /** What is running, e.g. "fitChinchilla: multi-start 4500 starts". */
  readonly task: string;
  readonly done: number;
  readonly total: number;
}

export interface RuntimeHooks {
  progress?: (e: ProgressEvent) => void;
  /** Aborted when the user interrupts the running cell. */
  signal?: AbortSignal;
  /** Shows a mime bundle as a display_data output of the running cell. */
  display?: (bundle: MimeBundle) => void;
}

const SLOT = Symbol.for("scalinglab.runtime");

/** The hooks a host installed (the kernel sets them per cell). */
export function runtimeHooks(): RuntimeHooks {
  const g = globalThis as unknown as Record<symbol, RuntimeHooks | undefined>;
  return (g[SLOT] ??= {});
}

let lastTerminalDraw = 0;

/** Reports progress to the host, or to a terminal on stderr, at most ~10 times a second. */
export function reportProgress(task: string, done: number, total: number): void {
  const hooks = runtimeHooks();
  if (hooks.progress) return hooks.progress({ task, done, total });
  if (!process.stderr.isTTY) return;
  const now = Date.now();
  if (done < total && now - lastTerminalDraw < 100) return;
  lastTerminalDraw = now;
  const width = 30;
  const filled = Math.round((width * done) / Math.max(total, 1));
  process.stderr.write(`\r${task} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done >= total ? "\n" : ""}`);
}

/** Throws InterruptedError when the host's signal (or the given one) is aborted. Call it in long loops. */
export function throwIfInterrupted(fn: string, signal?: AbortSignal): void {
  if (signal?.aborted || runtimeHooks().signal?.aborted) throw new InterruptedError(fn);
}
