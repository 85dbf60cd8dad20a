/** Runs one notebook file on a fresh kernel (local or on a Jupyter server) and writes the executed copy. */
import * as fs from "node:fs";
import * as path from "node:path";
import { findKernelSpec, KernelSpecFile } from "./jupyterPaths";
import { startLocalKernel } from "./localClient";
import type { KernelSession } from "./session";
import { KERNEL_NAME, kernelSpec } from "./kernelspec";
import { Notebook, readNotebook, writeNotebook } from "./nbformat";
import { injectParameters } from "./parameters";
import { CellFailure, executeNotebook } from "./runner";

export type KernelTarget =
  | { kind: "local"; name: string; spec: KernelSpecFile }
  | { kind: "server"; url: string; token: string; kernelName: string };

export interface RunFileOptions {
  target: KernelTarget;
  params?: ReadonlyArray<[string, string]>;
  timeoutS?: number;
  startupTimeoutS?: number;
  log?: (line: string) => void;
}

export interface RunFileResult {
  notebook: Notebook;
  failure?: CellFailure;
  executed: number;
  /** Wall time including kernel start and shutdown. */
  seconds: number;
}

/** Resolves `--kernel NAME`: scalinglab is this checkout's kernel; other names are looked up like Jupyter does. */
export function localTarget(name: string, dataDirs: readonly string[]): KernelTarget | undefined {
  // This checkout's kernel, exactly as `scalinglab install` would register it.
  if (name === KERNEL_NAME) return { kind: "local", name, spec: kernelSpec() };
  const found = findKernelSpec(name, dataDirs);
  if (!found) return undefined;
  // Like jupyter_client: a bare "python" in argv means the Python of the environment that holds the spec.
  const envPython = path.resolve(found.dir, "..", "..", "..", "..", "bin", "python");
  const argv = /^python3?$/.test(found.spec.argv[0]) && fs.existsSync(envPython) ? [envPython, ...found.spec.argv.slice(1)] : found.spec.argv;
  return { kind: "local", name, spec: { ...found.spec, argv } };
}

/**
 * Reads `input`, injects parameters, executes every cell (the kernel's cwd is the notebook's directory) and
 * writes the result to `output`, also when a cell fails (the partial notebook shows where).
 */
export async function runNotebookFile(input: string, output: string, opts: RunFileOptions): Promise<RunFileResult> {
  const t0 = Date.now();
  let nb = readNotebook(input);
  if (opts.params && opts.params.length > 0) nb = injectParameters(nb, opts.params, path.basename(input));
  const startupTimeoutMs = (opts.startupTimeoutS ?? 60) * 1000;
  const t = opts.target;
  let session: KernelSession | undefined;
  try {
    session = t.kind === "local"
      ? await startLocalKernel({ name: t.name, spec: t.spec, cwd: path.dirname(path.resolve(input)), startupTimeoutMs })
      // Loaded on demand: @jupyterlab/services costs ~0.1 s to load, local runs never need it.
      : await (await import("./serverClient")).startServerKernel({ url: t.url, token: t.token, kernelName: t.kernelName, path: path.basename(input), startupTimeoutMs });
  } catch (e) {
    return {
      notebook: nb, executed: 0, seconds: (Date.now() - t0) / 1000,
      failure: { cell: 0, ename: "KernelStartError", evalue: (e as Error).message, traceback: [] },
    };
  }
  try {
    const r = await executeNotebook(nb, session, { timeoutS: opts.timeoutS, log: opts.log });
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    writeNotebook(output, nb);
    return { notebook: nb, failure: r.failure, executed: r.executed, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await session.shutdown();
  }
}
