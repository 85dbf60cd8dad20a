/**
 * Keeps Node's SIGINT watchdog thread running, so that the main thread's breakOnSigint scopes (a cell, each
 * callback it scheduled: interruptible.ts) cost ~7 µs to enter instead of ~90 µs: Node starts that thread for
 * the first open scope of the process and joins it when the last one closes. This worker holds two nested
 * scopes open, parked in Atomics.wait. Node hands SIGINT to the most recently opened scope, so one arriving while
 * the main thread runs in a scope stops the main thread; one arriving otherwise stops this worker's inner scope,
 * which reports it ("sigint") — the kernel's SIGINT handler — and opens it again. It reopens it only while the
 * main thread is in no scope (the shared lock), never above it. The outer scope keeps the thread running meanwhile.
 */
import * as vm from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { FREE, KEEPER, MAIN } from "./scope-lock";

const lock = new Int32Array(workerData as SharedArrayBuffer);
const parked = new Int32Array(new SharedArrayBuffer(4));
let announced = false;

/** Takes the lock once the main thread is in no scope (MAIN), so a scope this worker opens is below any of its. */
function claim(): void {
  while (Atomics.compareExchange(lock, 0, FREE, KEEPER) !== FREE) Atomics.wait(lock, 0, MAIN, 5);
}

const hooks = {
  /** Runs inside the newly opened scope: it is registered, the main thread may open its own now. */
  opened(): void {
    Atomics.store(lock, 0, FREE);
    Atomics.notify(lock, 0);
  },
  /** Once, when the inner scope first opened: the keeper is in place. */
  ready(): void {
    if (announced) return;
    announced = true;
    parentPort!.postMessage("ready");
  },
  park(): never {
    for (;;) Atomics.wait(parked, 0, 0);
  },
  inner(): never {
    for (;;) {
      claim();
      try {
        innerScope.runInThisContext({ breakOnSigint: true });
      } catch (e) {
        if ((e as { code?: string }).code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw e;
        parentPort!.postMessage("sigint");
      }
    }
  },
};
(globalThis as unknown as { keeper: typeof hooks }).keeper = hooks;
const innerScope = new vm.Script("keeper.opened(); keeper.ready(); keeper.park()");
const outerScope = new vm.Script("keeper.opened(); keeper.inner()");

for (;;) {
  claim();
  try {
    outerScope.runInThisContext({ breakOnSigint: true });
  } catch (e) {
    // Only when a SIGINT came while the inner scope was being reopened.
    if ((e as { code?: string }).code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw e;
    parentPort!.postMessage("sigint");
  }
}
