/**
 * Issue 16 defect 5: an interrupt stops any JavaScript the kernel runs — a busy loop in a callback a cell
 * scheduled (timer, interval, immediate, the rest of an async function after `await sleep()`) — and leaves the
 * kernel usable with its variables; a pathological history search pattern completes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import type { Message } from "../../kernel/server/wire";
import { startTestKernel } from "./helpers";

let k: LocalKernel;
const content = (m: Message | undefined) => (m?.content ?? {}) as Record<string, any>;
const find = (outs: Message[], type: string) => outs.find((m) => m.header.msg_type === type);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  k = await startTestKernel();
  await k.executeRequest("const kept = 41; (globalThis as any).busy = () => { (globalThis as any).looping = true; while (true) {} }");
});
afterAll(async () => {
  await k?.shutdown();
});

/** Runs `code`, waits until its callback is looping (the kernel stops answering shell), interrupts, and checks the kernel works. */
async function interruptCallbackLoop(code: string, how: "message" | "signal"): Promise<Message[]> {
  const first = await k.executeRequest(code);
  expect(content(first.reply).status).toBe("ok");
  const parent = (first.reply.parent_header as { msg_id: string }).msg_id;
  await sleep(800); // the callback fires after 300 ms and loops
  // The loop holds the main thread: this request is only answered after the interrupt.
  const probe = k.executeRequest("(globalThis as any).looping", {}, 60_000);
  await sleep(300);
  if (how === "message") {
    const ir = await k.request("interrupt_request", {}, { channel: "control", timeoutMs: 10_000 });
    expect(ir.reply.header.msg_type).toBe("interrupt_reply");
  } else {
    k.child.kill("SIGINT");
  }
  const p = await probe;
  expect(content(p.reply).status).toBe("ok");
  expect(content(find(p.outputs, "execute_result")).data["text/plain"]).toBe("true");
  const after = await k.executeRequest("(globalThis as any).looping = false; kept + 1");
  expect(content(find(after.outputs, "execute_result")).data["text/plain"]).toBe("42");
  return k.iopubLog.filter((m) => (m.parent_header as { msg_id?: string }).msg_id === parent);
}

describe("interrupting callbacks", () => {
  it("interrupt_request stops `setTimeout(() => { while (true) {} }, 300)` after its cell finished; the error goes to that cell's stderr", async () => {
    const outs = await interruptCallbackLoop("setTimeout(() => (globalThis as any).busy(), 300); 'scheduled'", "message");
    const err = outs.filter((m) => m.header.msg_type === "stream" && content(m).name === "stderr").map((m) => content(m).text).join("");
    expect(err).toMatch(/Uncaught exception after the cell finished: InterruptedError/);
  });

  it("SIGINT stops a loop in a setInterval callback and clears that interval (it would only loop again)", async () => {
    await interruptCallbackLoop("(globalThis as any).ticks = 0; setInterval(() => { (globalThis as any).ticks++; (globalThis as any).busy() }, 300); 'scheduled'", "signal");
    const r = await k.executeRequest("await new Promise((r) => setTimeout(r, 700)); (globalThis as any).ticks");
    expect(content(find(r.outputs, "execute_result")).data["text/plain"]).toBe("1");
  });

  it("interrupt stops a loop in a setImmediate callback scheduled from a timer", async () => {
    await interruptCallbackLoop("setTimeout(() => setImmediate(() => (globalThis as any).busy()), 300); 'scheduled'", "message");
  });

  it("interrupt stops a loop in the rest of an async function after `await` on a timer", async () => {
    await interruptCallbackLoop("(async () => { await new Promise((r) => setTimeout(r, 300)); (globalThis as any).busy() })(); 'started'", "message");
  });

  it("interrupt stops a top-level-await cell that loops after its await: InterruptedError, kernel usable", async () => {
    const loop = k.executeRequest("await new Promise((r) => setTimeout(r, 200));\nwhile (true) {}", {}, 60_000);
    await sleep(800);
    await k.request("interrupt_request", {}, { channel: "control", timeoutMs: 10_000 });
    const r = await loop;
    expect(content(r.reply)).toMatchObject({ status: "error", ename: "InterruptedError" });
    const after = await k.executeRequest("kept + 1");
    expect(content(find(after.outputs, "execute_result")).data["text/plain"]).toBe("42");
  });

  it("util.promisify(setTimeout) and clearTimeout still work on the wrapped timers", async () => {
    const r = await k.executeRequest('const t = setTimeout(() => { throw new Error("should not run") }, 50); clearTimeout(t);\n' +
      'await require("node:util").promisify(setTimeout)(80); "waited"');
    expect(content(r.reply).status).toBe("ok");
    expect(content(find(r.outputs, "execute_result")).data["text/plain"]).toBe("'waited'");
  });

  it("history search with a pathological glob ('*a'*25 + '*b*') answers with the matching cell", async () => {
    const code = `"${"a".repeat(300)}b"`;
    await k.executeRequest(code);
    await k.executeRequest(`"${"a".repeat(300)}"`);
    const { reply } = await k.request("history_request", { hist_access_type: "search", pattern: "*a".repeat(25) + "*b*", raw: true, output: false });
    expect(content(reply).history.map((h: any) => h[2])).toEqual([code]);
  });
});
