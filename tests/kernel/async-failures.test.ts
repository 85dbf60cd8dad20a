/**
 * Issue 11 item 7 / issue 16 defect 7: async failures fail the cell that caused them. A rejected promise as a
 * cell's value, an unhandled rejection or an uncaught error in a callback before the cell's reply are that
 * cell's `error` output and status; one after the reply goes at once to the stderr stream of the cell that ran
 * last (and the kernel log) and fails nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import type { Message } from "../../kernel/server/wire";
import { startTestKernel } from "./helpers";

let k: LocalKernel;
const content = (m: Message | undefined) => (m?.content ?? {}) as Record<string, any>;
const find = (outs: Message[], type: string) => outs.find((m) => m.header.msg_type === type);

beforeAll(async () => {
  k = await startTestKernel();
});
afterAll(async () => {
  await k?.shutdown();
});

describe("async failures", () => {
  it("a rejected promise as the cell's value is an error output and status error", async () => {
    const { reply, outputs } = await k.executeRequest('Promise.reject(new RangeError("x"))', { stop_on_error: false });
    expect(content(reply)).toMatchObject({ status: "error", ename: "RangeError", evalue: "x" });
    expect(content(find(outputs, "error"))).toMatchObject({ ename: "RangeError", evalue: "x" });
    expect(find(outputs, "execute_result")).toBeUndefined();
  });

  it("an un-awaited async call that rejects later fails the cell; one that resolves shows its value", async () => {
    await k.executeRequest("async function fitLater(ok: boolean) { await new Promise((r) => setTimeout(r, 20)); if (!ok) throw new Error(\"bad rows\"); return 42 }");
    const bad = await k.executeRequest("fitLater(false)", { stop_on_error: false });
    expect(content(bad.reply)).toMatchObject({ status: "error", ename: "Error", evalue: "bad rows" });
    const good = await k.executeRequest("fitLater(true)");
    expect(content(good.reply).status).toBe("ok");
    expect(content(find(good.outputs, "execute_result")).data["text/plain"]).toBe("42");
  });

  it("an unhandled rejection raised while the cell runs is that cell's error, before its idle", async () => {
    const { reply, outputs } = await k.executeRequest('Promise.reject(new Error("background")); 1', { stop_on_error: false });
    expect(content(reply)).toMatchObject({ status: "error", ename: "Error", evalue: "background" });
    expect(content(reply).traceback[0]).toMatch(/^Unhandled promise rejection during In\[\d+\]:$/);
    expect(content(find(outputs, "error")).evalue).toBe("background");
    expect(find(outputs, "execute_result")).toBeDefined();
  });

  it("an error thrown in a timer callback while the cell awaits fails the cell", async () => {
    const { reply } = await k.executeRequest('setTimeout(() => { throw new TypeError("in callback") }, 10);\nawait new Promise((r) => setTimeout(r, 100));', { stop_on_error: false });
    expect(content(reply)).toMatchObject({ status: "error", ename: "TypeError", evalue: "in callback" });
    expect(content(reply).traceback[0]).toMatch(/^Uncaught exception during In\[\d+\]:$/);
  });

  it("a rejection after the cell finished goes to the stderr stream of that cell at once and fails no cell", async () => {
    const first = await k.executeRequest('setTimeout(() => { Promise.reject(new Error("late boom")) }, 150); "scheduled"');
    expect(content(first.reply).status).toBe("ok");
    const parent = first.reply.parent_header as { msg_id: string };
    const late = () => k.iopubLog.find((m) => (m.parent_header as { msg_id?: string }).msg_id === parent.msg_id &&
      m.header.msg_type === "stream" && /late boom/.test(content(m).text));
    await expect.poll(late, { timeout: 10_000 }).toBeDefined();
    expect(content(late())).toMatchObject({ name: "stderr" });
    expect(content(late()).text).toMatch(/^Unhandled promise rejection after the cell finished: Error: late boom/);
    const next = await k.executeRequest("2");
    expect(content(next.reply).status).toBe("ok");
  });
});
