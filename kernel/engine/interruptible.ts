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
 * Not covered: I/O callbacks (fs, net, child processes, fetch) and promise reactions that settle outside a timer
 * or immediate. Entering the scope costs ~50–100 µs (Node starts its SIGINT watchdog thread), once per top-level
 * callback; nested entries run directly. Measured in a cell: an `await` on `setImmediate` takes 100 µs wrapped vs
 * 3.9 µs raw (20,000 round trips); code that yields that often can use `require("node:timers")` directly.
 */
import * as timers from "node:timers";
import * as util from "node:util";
import * as vm from "node:vm";

const SLOT = Symbol.for("scalinglab.kernel.interruptibleCall");
const entry = new vm.Script(`globalThis[Symbol.for("scalinglab.kernel.interruptibleCall")]()`, { filename: "<callback>" });
const slot = globalThis as unknown as { [SLOT]?: () => void };
/** Node's own microtask/nextTick drain (what runs after every callback): lets promise reactions run in scope. */
const drainTicks = (process as unknown as { _tickCallback?: () => void })._tickCallback;
let depth = 0;

/** Runs `fn` so that SIGINT stops it (throwing ERR_SCRIPT_EXECUTION_INTERRUPTED); `drain` also runs the reactions it queued. */
export function runInterruptibly<T>(fn: () => T, drain = false): T {
  if (depth > 0) return fn();
  let result: T;
  slot[SLOT] = () => {
    result = fn();
    if (drain) drainTicks?.();
  };
  depth++;
  try {
    entry.runInThisContext({ breakOnSigint: true });
  } finally {
    depth--;
    slot[SLOT] = undefined;
  }
  return result!;
}

type AnyFn = (...args: any[]) => unknown;

const isInterrupt = (e: unknown) => (e as { code?: string } | null)?.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";

/** `cancel` (clearInterval) stops a repeating callback once it was interrupted: it would only loop again. */
function wrapScheduler<F extends AnyFn>(original: F, drain: boolean, cancel?: (handle: unknown) => void): F {
  const wrapped = function (this: unknown, cb: unknown, ...rest: unknown[]) {
    if (typeof cb !== "function") return original.call(this, cb, ...rest); // Node's own argument error
    const f = cb as AnyFn;
    const handle = original.call(this, function (this: unknown, ...args: unknown[]) {
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

let installed = false;

/** Replaces the scheduling globals that cells see (idempotent). The kernel's own code uses node:timers. */
export function installInterruptibleCallbacks(): void {
  if (installed) return;
  installed = true;
  const g = globalThis as unknown as Record<string, AnyFn>;
  g.setTimeout = wrapScheduler(timers.setTimeout as AnyFn, true);
  g.setInterval = wrapScheduler(timers.setInterval as AnyFn, true, (h) => timers.clearInterval(h as NodeJS.Timeout));
  g.setImmediate = wrapScheduler(timers.setImmediate as AnyFn, true);
  g.queueMicrotask = wrapScheduler(globalThis.queueMicrotask as AnyFn, false);
}
