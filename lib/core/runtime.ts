/**
 * The seam between long-running library work and whoever hosts it (the kernel, the CLI, a test).
 * The kernel installs hooks on a global slot so the library stays free of kernel code:
 * progress is drawn as an updating display in the notebook, and an interrupt aborts the signal.
 * Without a host, progress goes to stderr when it is a terminal.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { InterruptedError } from "./errors";
import type { MimeBundle } from "./display";

export interface ProgressEvent {
  /** What is running, e.g. "fitChinchilla: multi-start 4500 starts". */
  readonly task: string;
  readonly done: number;
  readonly total: number;
}

/** Names an output so that a later display can replace it in place (update_display_data). */
export interface DisplayTarget {
  displayId?: string;
  /** Replace the output named `displayId` instead of adding one. */
  update?: boolean;
}

/** The data of one comm message, either direction (Jupyter messaging 5.3, "Custom messages"). */
export interface CommMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
}

/** One open comm: kernel side of a channel to a frontend object. */
export interface Comm {
  readonly commId: string;
  readonly targetName: string;
  readonly closed: boolean;
  /** Sends a comm_msg. */
  send(data: Record<string, unknown>, metadata?: Record<string, unknown>): void;
  /** Sends comm_close (once). */
  close(data?: Record<string, unknown>): void;
  /** Called with each comm_msg from the frontend. */
  onMsg?: (msg: CommMessage) => void | Promise<void>;
  /** Called when the frontend closes the comm. */
  onClose?: (msg: CommMessage) => void;
}

/** The kernel's comm manager as the library sees it. */
export interface CommHost {
  /** Opens a comm from the kernel (comm_open on iopub). */
  open(targetName: string, data: Record<string, unknown>, metadata?: Record<string, unknown>, commId?: string): Comm;
  /** Handles comms the frontend opens to `targetName`; the handler sets the comm's onMsg/onClose. */
  registerTarget(targetName: string, handler: (comm: Comm, msg: CommMessage) => void): void;
  unregisterTarget(targetName: string): void;
}

/** One output item as nbformat stores it: what an Output widget collects. */
export type OutputItem =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

/** Where captured output goes (an Output widget). */
export interface OutputSink {
  add(item: OutputItem): void;
  clear(wait: boolean): void;
}

export interface RuntimeHooks {
  progress?: (e: ProgressEvent) => void;
  /** Aborted when the user interrupts the running cell. */
  signal?: AbortSignal;
  /** Shows a mime bundle as a display_data output of the running cell (or replaces a named one). */
  display?: (bundle: MimeBundle, target?: DisplayTarget) => void;
  /** The kernel's comms (absent outside a kernel: widgets then keep their state locally). */
  comms?: CommHost;
  /** Runs `fn` with its console output and displays, also those of its async continuations, going to `sink`. */
  captureOutput?: <T>(sink: OutputSink, fn: () => T) => T;
  /** Receives the library's warnings (default: a "warning: …" line on stderr, which the kernel shows in the cell). */
  warn?: (message: string) => void;
}

const SLOT = Symbol.for("scalinglab.runtime");

/** The hooks a host installed (the kernel sets them per cell). */
export function runtimeHooks(): RuntimeHooks {
  const g = globalThis as unknown as Record<symbol, RuntimeHooks | undefined>;
  return (g[SLOT] ??= {});
}

let warned = new Set<string>();
let warnedScope: unknown;

/**
 * Reports a warning of a call that returns a plain value (a law's prediction outside its fitted ranges): once per key
 * per cell (per host signal; without a kernel, once per process or per `warn` hook), to the host's `warn` hook or as a
 * "warning: …" line on stderr.
 * @param key what makes two warnings the same (e.g. the law and the input), so a loop warns once
 */
export function reportWarning(key: string, message: string): void {
  const hooks = runtimeHooks();
  const scope = hooks.signal ?? hooks.warn;
  if (scope !== warnedScope) { warned = new Set(); warnedScope = scope; }
  if (warned.has(key)) return;
  warned.add(key);
  if (hooks.warn) hooks.warn(message);
  else process.stderr.write(`warning: ${message}\n`);
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

/** A signal scoped to one task and its async continuations (an interact callback that a newer change cancels). */
const taskSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn` so that throwIfInterrupted inside it (and in what it awaits) also checks `signal`. */
export function withTaskSignal<T>(signal: AbortSignal, fn: () => T): T {
  return taskSignal.run(signal, fn);
}

/** Throws InterruptedError when the host's signal, the task's, or the given one is aborted. Call it in long loops. */
export function throwIfInterrupted(fn: string, signal?: AbortSignal): void {
  if (signal?.aborted || runtimeHooks().signal?.aborted || taskSignal.getStore()?.aborted) throw new InterruptedError(fn);
}
