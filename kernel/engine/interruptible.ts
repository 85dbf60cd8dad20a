/**
 * Interrupts reach callbacks too: a cell runs inside vm's `breakOnSigint`, so SIGINT (an interrupt_request
 * becomes one, see server/control-worker.ts) stops its synchronous code; a callback the cell scheduled runs
 * later, outside that scope, where SIGINT only queues a JavaScript signal handler that a busy loop never lets
 * run. This module wraps the global `setTimeout`, `setInterval`, `setImmediate` and `queueMicrotask` that cells
 * see, so each callback runs through the same kind of entry — a precompiled `vm.Script` run with
 * `breakOnSigint` — and the promise reactions a timer or immediate triggers (the rest of an `async` function
 * after `await sleep(…)`) run inside that scope before it closes. An interrupted callback throws
 * `ERR_SCRIPT_EXECUTION_INTERRUPTED`, which the kernel reports like any uncaught error; an interrupted
 * `setInterval` is cleared (it would only loop again).
 *
 * An interrupt also ends the cell's continuation (CellRun below): from then on, a timer, interval, immediate or
 * microtask the cell (or code it called) scheduled is dropped instead of run, and the cell's `await`s stop
 * (AWAIT_GUARD): so a loop that yields — on `sleep`, its own timer promise, `fs.promises` or `fetch` — does not
 * go on in the background.
 *
 * Not covered: a callback handed to an I/O API (`fs.readFile(p, cb)`, stream and emitter listeners, child
 * processes, sockets) still runs after the interrupt, though its own awaits and the timers it schedules stop;
 * `.then(cb)` callbacks (only `await` is guarded); the implicit awaits of `for await`; a synchronous loop reached
 * in the reaction to an I/O promise (no breakOnSigint scope around it).
 *
 * Entering a scope costs ~7 µs, since the SIGINT keeper (sigint-keeper.ts) keeps Node's watchdog thread running
 * (without it, ~90 µs: the thread is started and joined for each scope); nested entries run directly.
 * bench/interrupt-yield.ts: an `await` on the wrapped `setImmediate` is ~2.4× the raw one (it was ~70×), the
 * `await` guard ~1.1× a plain `await`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as path from "node:path";
import * as timers from "node:timers";
import * as util from "node:util";
import * as vm from "node:vm";
import { Worker } from "node:worker_threads";
import { FREE, KEEPER, MAIN } from "./scope-lock";
import { AWAIT_GUARD } from "./await-guard";

const SLOT = Symbol.for("scalinglab.kernel.interruptibleCall");
const entry = new vm.Script(`globalThis[Symbol.for("scalinglab.kernel.interruptibleCall")]()`, { filename: "<callback>" });
const slot = globalThis as unknown as { [SLOT]?: () => void };
/** Node's own microtask/nextTick drain (what runs after every callback): lets promise reactions run in scope. */
const drainTicks = (process as unknown as { _tickCallback?: () => void })._tickCallback;
let depth = 0;

const scopeLock = new Int32Array(new SharedArrayBuffer(4));
let claimed = 0;

/** The main thread is about to run breakOnSigint code: the SIGINT keeper must not open a scope above it. */
export function claimScope(): void {
  if (claimed++ > 0) return;
  while (Atomics.compareExchange(scopeLock, 0, FREE, MAIN) !== FREE) Atomics.wait(scopeLock, 0, KEEPER, 5);
}

export function releaseScope(): void {
  if (--claimed > 0) return;
  Atomics.store(scopeLock, 0, FREE);
  Atomics.notify(scopeLock, 0);
}

/** Runs `fn` so that SIGINT stops it (throwing ERR_SCRIPT_EXECUTION_INTERRUPTED); `drain` also runs the reactions it queued. */
export function runInterruptibly<T>(fn: () => T, drain = false): T {
  if (depth > 0) return fn();
  let result: T;
  slot[SLOT] = () => {
    result = fn();
    if (drain) drainTicks?.();
  };
  depth++;
  claimScope();
  try {
    entry.runInThisContext({ breakOnSigint: true });
  } finally {
    releaseScope();
    depth--;
    slot[SLOT] = undefined;
  }
  return result!;
}

type AnyFn = (...args: any[]) => unknown;

/**
 * One run of a cell, and everything it started: an interrupt marks it, and from then on its code does not go on.
 * It follows the cell's asynchronous context (AsyncLocalStorage), so it reaches the rest of an async function
 * after `await`, timers and immediates the cell scheduled, and the functions it calls — while a function the cell
 * defined and a later cell calls runs under that later cell's run.
 */
export interface CellRun {
  interrupted: boolean;
}

const cellRuns = new AsyncLocalStorage<CellRun>();

/** Runs `fn` (a cell) so that what it starts belongs to `run`. */
export function runAsCell<T>(run: CellRun, fn: () => T): T {
  return cellRuns.run(run, fn);
}

/** True in code that an interrupted cell started: it must not go on. */
const stopped = () => cellRuns.getStore()?.interrupted === true;

const never = () => new Promise<never>(() => {});
const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as { then?: unknown } | null)?.then === "function";

/** What `await` on `value` waits for in a cell: see AWAIT_GUARD (await-guard.ts). */
function guardAwait(value: unknown): unknown {
  if (stopped()) {
    // Nobody will see its rejection: not an unhandled one.
    if (value instanceof Promise) value.catch(() => {});
    return never();
  }
  if (!isThenable(value)) return value;
  const run = cellRuns.getStore();
  return run ? settled(run, value) : value;
}

/** `value`'s outcome, or InterruptedError when `run` was interrupted meanwhile. An `await` (not `.then`), so
 * V8's async stack traces still reach the cell's frames. */
async function settled(run: CellRun, value: PromiseLike<unknown>): Promise<unknown> {
  let v: unknown;
  try {
    v = await value;
  } catch (e) {
    if (!run.interrupted) throw e;
  }
  if (run.interrupted) throw interruptedError("await");
  return v;
}

/** Loaded on first use: the kernel starts, and reports a failed prelude, without dist/lib. */
function interruptedError(what: string): Error {
  const { InterruptedError } = require("../../lib/internal") as typeof import("../../lib/internal");
  return new InterruptedError(what);
}

/** The error vm's breakOnSigint throws when SIGINT stopped the code. */
export const isInterrupt = (e: unknown) => (e as { code?: string } | null)?.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";

/** `cancel` (clearInterval) stops a repeating callback once it was interrupted: it would only loop again. */
function wrapScheduler<F extends AnyFn>(original: F, drain: boolean, cancel?: (handle: unknown) => void): F {
  const wrapped = function (this: unknown, cb: unknown, ...rest: unknown[]) {
    if (typeof cb !== "function") return original.call(this, cb, ...rest); // Node's own argument error
    const f = cb as AnyFn;
    const handle = original.call(this, function (this: unknown, ...args: unknown[]) {
      if (stopped()) {
        cancel?.(handle);
        return;
      }
      try {
        return runInterruptibly(() => f.apply(this, args), drain);
      } catch (e) {
        if (cancel && isInterrupt(e)) cancel(handle);
        throw e;
      }
    }, ...rest);
    return handle;
  } as unknown as F;
  // `util.promisify(setTimeout)` and friends keep working (they never call a user callback).
  const custom = (original as unknown as Record<symbol, unknown>)[util.promisify.custom];
  if (custom) Object.defineProperty(wrapped, util.promisify.custom, { value: custom });
  Object.defineProperty(wrapped, "name", { value: original.name });
  return wrapped;
}

let installed: Promise<void> | null = null;

/**
 * Replaces the scheduling globals that cells see (idempotent; the kernel's own code uses node:timers) and starts
 * the SIGINT keeper (sigint-keeper.ts), which calls `onSigint` for a SIGINT that came while no scope ran. It
 * takes the place of `process.on("SIGINT")`: none may be added, since vm then sets the listeners aside for each
 * scope and their signal handler replaces the watchdog's. Resolves once the keeper holds its scopes.
 */
export function installInterruptibleCallbacks(onSigint: () => void): Promise<void> {
  if (installed) return installed;
  const keeper = new Worker(path.join(__dirname, "sigint-keeper.js"), { workerData: scopeLock.buffer });
  keeper.unref();
  installed = new Promise<void>((resolve, reject) => {
    keeper.once("error", (e) => {
      // Without the keeper, a listener is the only way SIGINT outside a scope does not end the process.
      process.on("SIGINT", onSigint);
      reject(e);
    });
    keeper.on("message", (m: string) => (m === "ready" ? resolve() : onSigint()));
  });
  const g = globalThis as unknown as Record<string, AnyFn>;
  g.setTimeout = wrapScheduler(timers.setTimeout as AnyFn, true);
  g.setInterval = wrapScheduler(timers.setInterval as AnyFn, true, (h) => timers.clearInterval(h as NodeJS.Timeout));
  g.setImmediate = wrapScheduler(timers.setImmediate as AnyFn, true);
  g.queueMicrotask = wrapScheduler(globalThis.queueMicrotask as AnyFn, false);
  Object.defineProperty(globalThis, AWAIT_GUARD, { value: guardAwait });
  return installed;
}
