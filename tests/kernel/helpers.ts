/** Shared setup for the kernel tests: the compiled kernel, a throwaway JUPYTER_PATH holding its kernelspec. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeKernelSpec } from "../../kernel/runner/kernelspec";
import { startLocalKernel, type LocalKernel } from "../../kernel/runner/localClient";

export const ROOT = path.resolve(__dirname, "..", "..");
export const KERNEL_MAIN = path.join(ROOT, "dist", "kernel", "server", "main.js");
export const VENV_BIN = path.join(ROOT, ".venv", "bin");
export const KERNEL_ARGV = [process.execPath, KERNEL_MAIN, "-f", "{connection_file}"];

/** A temp dir usable as JUPYTER_PATH (kernels/scalinglab/kernel.json inside); remove it when done. */
export function tempJupyterPath(): string {
  if (!fs.existsSync(KERNEL_MAIN)) throw new Error(`${KERNEL_MAIN} is missing: run \`npx tsc -p tsconfig.json\` first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-jupyter-"));
  writeKernelSpec(path.join(dir, "kernels"), { main: KERNEL_MAIN });
  return dir;
}

/** Starts a kernel from `argv` ("{connection_file}" is replaced) with the runner's local client, ready to use. */
export function startTestKernel(argv: string[] = KERNEL_ARGV): Promise<LocalKernel> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-cwd-"));
  return startLocalKernel({ name: "scalinglab", spec: { argv, display_name: "test", language: "typescript", interrupt_mode: "message" }, cwd, startupTimeoutMs: 90_000 });
}

/** The cells of issue 16 (severe 1) that lost iopub output: 20,000 displays and interleaved streams. */
export const DISPLAYS = 20_000;
export const DISPLAY_CELL = `for (let i = 0; i < ${DISPLAYS}; i++) display(i); 'done'`;
export const STREAM_LINES = 100_000;
export const STREAM_CELL = `for (let i = 0; i < ${STREAM_LINES}; i++) { console.log(i); console.error(i) }`;
/** Every number once, in order: what each stream of STREAM_CELL must carry. */
export const EXPECTED_STREAM = Array.from({ length: STREAM_LINES }, (_, i) => `${i}\n`).join("");
