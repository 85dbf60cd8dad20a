/**
 * The `scalinglab` kernelspec: Jupyter starts `node dist/kernel/server/main.js -f {connection_file}` and
 * interrupts through interrupt_request (message mode), which reaches the kernel even mid-loop.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const KERNEL_NAME = "scalinglab";
export const DISPLAY_NAME = "TypeScript (scalinglab)";

export interface KernelSpecOptions {
  /** Node binary (default: the one running now). */
  node?: string;
  /** Compiled kernel entry (default: dist/kernel/server/main.js). */
  main?: string;
  /** Extra environment for the kernel process. */
  env?: Record<string, string>;
}

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: "typescript";
  interrupt_mode: "message";
  env?: Record<string, string>;
  metadata: Record<string, unknown>;
}

export function kernelSpec(opts: KernelSpecOptions = {}): KernelSpec {
  const main = path.resolve(opts.main ?? path.join(__dirname, "..", "server", "main.js"));
  return {
    argv: [opts.node ?? process.execPath, main, "-f", "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "message",
    ...(opts.env ? { env: opts.env } : {}),
    metadata: { debugger: false, scalinglab: { root: path.resolve(path.dirname(main), "..", "..", "..") } },
  };
}

/**
 * Writes `<dir>/scalinglab/kernel.json` (+ logo) where `dir` is a Jupyter `kernels` directory
 * (e.g. `~/.local/share/jupyter/kernels`). Returns the kernelspec directory.
 */
export function writeKernelSpec(dir: string, opts: KernelSpecOptions = {}): string {
  const specDir = path.join(dir, KERNEL_NAME);
  fs.mkdirSync(specDir, { recursive: true });
  fs.writeFileSync(path.join(specDir, "kernel.json"), JSON.stringify(kernelSpec(opts), null, 2) + "\n");
  fs.writeFileSync(path.join(specDir, "logo-svg.svg"), LOGO_SVG);
  return specDir;
}

// A log-log power-law line: the project's one picture.
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
<rect width="64" height="64" rx="10" fill="#1f4e79"/>
<path d="M10 14 C 22 34, 34 44, 56 50" stroke="#ffd166" stroke-width="5" fill="none" stroke-linecap="round"/>
<circle cx="16" cy="24" r="3.5" fill="#fff"/><circle cx="28" cy="37" r="3.5" fill="#fff"/><circle cx="44" cy="46" r="3.5" fill="#fff"/>
</svg>
`;
