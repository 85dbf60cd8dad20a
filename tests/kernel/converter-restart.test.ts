/**
 * The type checker's worker (kernel/engine/engine.ts RemoteConverter) is replaced when its thread has ended, and the
 * request is answered by the new one: the kernel's cells keep their type checking instead of failing with
 * "the TypeScript converter worker stopped".
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { RemoteConverter } from "../../kernel/engine/engine";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the type checker's worker", () => {
  it("is replaced when its thread ended, and the request that found it gone is answered", async () => {
    // From dist: the worker's script is dist/kernel/engine/converter-worker.js.
    const { RemoteConverter: Remote } = require(path.join(ROOT, "dist", "kernel", "engine", "engine.js")) as typeof import("../../kernel/engine/engine");
    const conv: RemoteConverter = new Remote();
    try {
      expect(conv.convert("", "const a: number = 1;").diagnostics).toEqual([]);
      await (conv as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await new Promise((r) => setImmediate(r)); // the exit event
      const r = conv.convert("declare const a: number;\n", "const b: string = a;");
      expect(r.diagnostics.map((d) => d.messageText)).toEqual(["Type 'number' is not assignable to type 'string'."]);
    } finally {
      conv.close();
    }
  }, 60_000);
});
