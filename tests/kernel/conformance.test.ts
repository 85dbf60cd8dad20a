import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempJupyterPath, VENV_BIN } from "./helpers";

const jupyterPath = tempJupyterPath();
afterAll(() => fs.rmSync(jupyterPath, { recursive: true, force: true }));

describe("jupyter_kernel_test conformance (tests/kernel/conformance.py)", () => {
  it("passes all 12 tests of jupyter_kernel_test with every sample filled in, none skipped", async () => {
    const proc = spawn(path.join(VENV_BIN, "python"), ["-m", "unittest", "-v", "conformance"], {
      cwd: __dirname,
      env: { ...process.env, JUPYTER_PATH: jupyterPath, PYTHONDONTWRITEBYTECODE: "1" },
    });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
    try {
      const code = await new Promise<number | null>((resolve) => proc.on("exit", resolve));
      expect(out).toMatch(/Ran 12 tests/);
      expect(out).not.toMatch(/skipped/);
      expect(out).toMatch(/\nOK\s*$/);
      expect(code, out).toBe(0);
    } finally {
      // jupyter_client shuts the kernel down in tearDownClass; make sure python itself is gone.
      if (proc.exitCode === null) proc.kill("SIGKILL");
    }
  }, 240_000);
});
