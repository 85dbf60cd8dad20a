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
/** `lines` iterations of console.log(i) and console.error(i): 2 × `lines` stream messages, since a switch flushes. */
export const streamCell = (lines: number) => `for (let i = 0; i < ${lines}; i++) { console.log(i); console.error(i) }`;
/** Every number below `lines` once, in order: what each stream of streamCell(lines) must carry. */
export const expectedStream = (lines: number) => Array.from({ length: lines }, (_, i) => `${i}\n`).join("");
/** Test timeout for these cells: 200,000 messages take seconds, far longer on a busy shared machine; a hang is what must fail. */
export const LOADED_MACHINE_MS = 300_000;
