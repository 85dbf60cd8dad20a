/**
 * The kernel's V8 code cache (kernel/engine/codecache.ts) compiles CommonJS modules through vm.Script. An ES module
 * loaded by require() (Node ≥ 20.19) must keep Node's own path: compiled as CommonJS it failed with "Cannot use import
 * statement outside a module", which broke data.readParquet (hyparquet is ESM-only) inside the kernel.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");

describe("code cache", () => {
  it("leaves require() of an ES module to Node and still reads Parquet through the cached library", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-codecache-"));
    const script = `
      const { installCodeCache } = require(${JSON.stringify(path.join(root, "dist/kernel/engine/codecache.js"))});
      installCodeCache(${JSON.stringify(tmp)}, "test");
      const { parquetWriteBuffer } = require("hyparquet-writer");
      const data = require(${JSON.stringify(path.join(root, "dist/lib/data"))});
      const buf = parquetWriteBuffer({ columnData: [{ name: "N", data: [1e8, 2e8], type: "DOUBLE" }] });
      data.readParquet(new Uint8Array(buf)).then((t) => console.log(JSON.stringify(t.column("N"))));
    `;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
    fs.rmSync(tmp, { recursive: true, force: true });
    expect(out.trim()).toBe("[100000000,200000000]");
  });
});
