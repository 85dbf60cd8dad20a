/**
 * What interruptibility costs code that yields often (the fitter yields once per chunk): an `await` on
 * `setImmediate` through the wrapped global that cells see (interruptible.ts: each callback enters a vm
 * `breakOnSigint` scope) against `node:timers`' own setImmediate, and an `await` through the engine's guard
 * (`await x` in a cell runs as `await __scalinglabAwait(x)`) against a plain `await`, in the same process.
 * The SIGINT keeper runs as in the kernel (sigint-keeper.ts: without it, entering a scope starts a thread).
 *
 *   npx tsc -p tsconfig.json && node dist/bench/interrupt-yield.js [--rounds 20000]
 */
import * as timers from "node:timers";
import { installInterruptibleCallbacks, runAsCell } from "../kernel/engine/interruptible";
import { AWAIT_GUARD } from "../kernel/engine/await-guard";

const rounds = (() => {
  const i = process.argv.indexOf("--rounds");
  return i >= 0 ? Number(process.argv[i + 1]) : 20_000;
})();

async function perRound(step: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 1000; i++) await step(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await step();
  return Number(process.hrtime.bigint() - t0) / rounds / 1000;
}

async function main(): Promise<void> {
  await installInterruptibleCallbacks(() => {});
  const guard = (globalThis as unknown as Record<string, (x: unknown) => Promise<unknown>>)[AWAIT_GUARD]!;
  const resolved = Promise.resolve(1);
  await runAsCell({ interrupted: false }, async () => {
    const raw = await perRound(() => new Promise((r) => timers.setImmediate(r)));
    const wrapped = await perRound(() => new Promise((r) => setImmediate(r)));
    const plain = await perRound(async () => await resolved);
    const guarded = await perRound(async () => await guard(resolved));
    console.log(`setImmediate round trip: node:timers ${raw.toFixed(2)} µs, wrapped ${wrapped.toFixed(2)} µs — ratio ${(wrapped / raw).toFixed(1)}×`);
    console.log(`await on a resolved promise: plain ${plain.toFixed(3)} µs, guarded ${guarded.toFixed(3)} µs — ratio ${(guarded / plain).toFixed(2)}×`);
  });
}

// The SIGINT keeper parks its thread inside a scope: the process ends by exit, as the kernel does.
void main().then(() => process.exit(0));
