/**
 * Issue 16 defect 7: a cell cannot take the kernel down or make it hold a huge program. `process.exit(n)` is
 * refused with KernelExitError (the kernel keeps running).
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
  await k.executeRequest("const kept = 41");
});
afterAll(async () => {
  await k?.shutdown();
});

describe("process.exit in a cell", () => {
  it("is refused with KernelExitError, in the cell and in a callback; the kernel process keeps running", async () => {
    const pid = k.child.pid;
    const r = await k.executeRequest("console.log('before'); process.exit(3); console.log('after')", { stop_on_error: false });
    expect(content(r.reply)).toMatchObject({ status: "error", ename: "KernelExitError" });
    expect(content(r.reply).evalue).toBe("process.exit(3) would end the kernel, so a cell may not call it: throw an error to fail the cell " +
      "(scalinglab run then exits 1), or restart or shut down the kernel from the notebook");
    const cb = await k.executeRequest("setTimeout(() => process.exit(), 10); await new Promise((r) => setTimeout(r, 100))", { stop_on_error: false });
    expect(content(cb.reply)).toMatchObject({ status: "error", ename: "KernelExitError" });
    const after = await k.executeRequest("[process.pid, kept + 1].join(' ')");
    expect(content(find(after.outputs, "execute_result")).data["text/plain"]).toBe(`'${pid} 42'`);
    expect(k.child.exitCode).toBeNull();
    expect(k.stderr()).not.toMatch(/terminate called|Napi::Error/);
  });
});
