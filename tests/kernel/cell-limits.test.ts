/**
 * Issue 16 defect 7: a cell cannot take the kernel down or make it hold a huge program. `process.exit(n)` is
 * refused with KernelExitError (the kernel keeps running); a cell above MAX_CODE_BYTES of source is refused
 * with CodeTooLargeError before type checking, without entering the history.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import type { Message } from "../../kernel/server/wire";
import { MAX_CODE_BYTES } from "../../kernel/server/limits";
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

describe("cell size limit", () => {
  it(`refuses a cell just above ${MAX_CODE_BYTES} bytes with one clear line, keeps it out of the history, and keeps serving`, async () => {
    const body = "// " + "x".repeat(MAX_CODE_BYTES - 10) + "\n";
    const code = body + "1 + 1\n".repeat(3); // MAX_CODE_BYTES + 11 bytes
    expect(Buffer.byteLength(code)).toBeGreaterThan(MAX_CODE_BYTES);
    const r = await k.executeRequest(code, { stop_on_error: false }, 60_000);
    const c = content(r.reply);
    expect(c).toMatchObject({ status: "error", ename: "CodeTooLargeError" });
    expect(c.evalue).toBe(`the cell is ${Buffer.byteLength(code)} bytes of source; the kernel runs at most ${MAX_CODE_BYTES} bytes (5 MiB) per cell: ` +
      "read large data from a file (data.read, fs.readFileSync) instead of pasting it into the cell");
    expect(content(find(r.outputs, "error")).ename).toBe("CodeTooLargeError");
    // The echo on iopub is cut, not the whole source again.
    expect(content(find(r.outputs, "execute_input")).code.length).toBeLessThan(2000);
    const hist = await k.request("history_request", { hist_access_type: "tail", n: 1, raw: true, output: false });
    expect(JSON.stringify(content(hist.reply).history).length).toBeLessThan(2000);
    const after = await k.executeRequest("kept + 1");
    expect(content(find(after.outputs, "execute_result")).data["text/plain"]).toBe("42");
  }, 120_000);

  it("a cell at the limit is not refused for its size", async () => {
    const code = "// " + "x".repeat(MAX_CODE_BYTES - 3 - 8) + "\nkept+1\n";
    expect(Buffer.byteLength(code)).toBe(MAX_CODE_BYTES);
    const r = await k.executeRequest(code, {}, 120_000);
    expect(content(r.reply).status).toBe("ok");
  }, 180_000);
});
