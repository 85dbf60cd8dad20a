/**
 * Issue 12 item 2: an interrupt stops the cell's continuation, not only the kernel's wait for it. A loop that
 * yields (`await sleep(5)`, a user-made timer promise, promise-based I/O) does not go on in the background, a
 * timer the interrupted cell scheduled does not fire, and functions the cell defined still work in later cells.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import type { Message } from "../../kernel/server/wire";
import { startTestKernel } from "./helpers";

let k: LocalKernel;
const content = (m: Message | undefined) => (m?.content ?? {}) as Record<string, any>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  k = await startTestKernel();
  await k.executeRequest("await sleep(1)"); // the first cell also waits for the type checker
});
afterAll(async () => {
  await k?.shutdown();
});

async function value(code: string): Promise<string> {
  const r = await k.executeRequest(code);
  const result = r.outputs.find((m) => m.header.msg_type === "execute_result");
  return content(result).data?.["text/plain"];
}

/** Runs `code` for 800 ms, interrupts it, and returns the value of `counter` read twice 500 ms apart. */
async function interruptAndRead(code: string, counter: string): Promise<[string, string, Record<string, any>]> {
  const running = k.executeRequest(code, { stop_on_error: false }, 60_000);
  await sleep(800);
  await k.request("interrupt_request", {}, { channel: "control", timeoutMs: 10_000 });
  const reply = content((await running).reply);
  const first = await value(counter);
  await sleep(500);
  return [first, await value(counter), reply];
}

describe("an interrupted cell does not go on", () => {
  it("`while (true) { j++; await sleep(5) }`: j is unchanged in later cells", async () => {
    const [a, b, reply] = await interruptAndRead("let j = 0; while (true) { j++; await sleep(5) }", "j");
    expect(reply).toMatchObject({ status: "error", ename: "InterruptedError" });
    expect(Number(a)).toBeGreaterThan(0);
    expect(b).toBe(a);
  });

  it("a loop on its own timer promise stops, and the setTimeout callback it scheduled never fires", async () => {
    const [a, b] = await interruptAndRead(
      "let t = 0; let fired = false; setTimeout(() => { fired = true }, 1500);\n" +
      "const tick = () => new Promise((r) => setTimeout(r, 5));\nwhile (true) { t++; await tick() }", "t");
    expect(b).toBe(a);
    await sleep(1000); // past the 1,500 ms of the timer
    expect(await value("fired")).toBe("false");
  });

  it("a loop on promise-based I/O (fs.promises.stat) stops", async () => {
    const [a, b] = await interruptAndRead("let io = 0; while (true) { io++; await require('node:fs/promises').stat('.') }", "io");
    expect(b).toBe(a);
  });

  it("a loop that catches the InterruptedError stops at its next await", async () => {
    const [a, b] = await interruptAndRead("let c = 0; async function spin() { while (true) { try { c++; await sleep(5) } catch {} } }\nawait spin()", "c");
    expect(b).toBe(a);
  });

  it("a function defined by the interrupted cell still runs in a later cell, awaits included", async () => {
    await interruptAndRead("async function twice(x: number) { await sleep(1); return 2 * x }\nlet w = 0; while (true) { w++; await sleep(5) }", "w");
    expect(await value("await twice(21)")).toBe("42");
  });
});
