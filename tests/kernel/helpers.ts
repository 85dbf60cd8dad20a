/** Shared setup for the kernel tests: the compiled kernel, a throwaway JUPYTER_PATH holding its kernelspec. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeKernelSpec } from "../../kernel/kernelspec";

export const ROOT = path.resolve(__dirname, "..", "..");
export const KERNEL_MAIN = path.join(ROOT, "dist", "kernel", "main.js");
export const VENV_BIN = path.join(ROOT, ".venv", "bin");
export const KERNEL_ARGV = [process.execPath, KERNEL_MAIN, "-f", "{connection_file}"];

/** A temp dir usable as JUPYTER_PATH (kernels/scalinglab/kernel.json inside); remove it when done. */
export function tempJupyterPath(): string {
  if (!fs.existsSync(KERNEL_MAIN)) throw new Error(`${KERNEL_MAIN} is missing: run \`npx tsc -p tsconfig.json\` first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-jupyter-"));
  writeKernelSpec(path.join(dir, "kernels"), { main: KERNEL_MAIN });
  return dir;
}
