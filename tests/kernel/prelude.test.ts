/**
 * A kernel whose project has no compiled library: it must stay alive and explain the problem in cell 1.
 * The compiled kernel is copied into a temp "project" without dist/lib (node_modules linked).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalKernel } from "../../kernel/runner/localClient";
import { ROOT, startTestKernel } from "./helpers";

let project: string;
let k: LocalKernel | undefined;

beforeAll(async () => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-nolib-"));
  fs.cpSync(path.join(ROOT, "dist", "kernel"), path.join(project, "dist", "kernel"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "package.json"), path.join(project, "package.json"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
  k = await startTestKernel([process.execPath, path.join(project, "dist", "kernel", "server", "main.js"), "-f", "{connection_file}"]);
});
afterAll(async () => {
  await k?.shutdown();
  fs.rmSync(project, { recursive: true, force: true });
});

describe("prelude failure", () => {
  it("keeps the kernel alive; cell 1 fails with an error saying what is missing and how to fix it", async () => {
    const r = await k!.executeRequest("1 + 1");
    const c = r.reply.content as Record<string, any>;
    expect(c.status).toBe("error");
    expect(c.ename).toBe("PreludeError");
    expect(c.evalue).toMatch(/^scalinglab prelude failed: dist\/lib or its declaration bundle is missing in .* run `npm run build`/);
    expect(r.outputs.map((m) => m.header.msg_type)).toEqual(["execute_input", "error"]);
  });

  it("later cells run normally", async () => {
    const r = await k!.executeRequest("6 * 7");
    expect(r.outputs.find((m) => m.header.msg_type === "execute_result")?.content).toMatchObject({ data: { "text/plain": "42" } });
  });
});
