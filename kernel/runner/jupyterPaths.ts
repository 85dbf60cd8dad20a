/**
 * Jupyter's data directories, found the way jupyter_core's `jupyter_data_dir()` / `jupyter_path()` find them,
 * so the kernelspec can be written and looked up without starting Python.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Where `jupyter kernelspec install` writes system-wide (jupyter_core's SYSTEM_JUPYTER_PATH[0] on Linux). */
export const SYSTEM_DATA_DIRS = ["/usr/local/share/jupyter", "/usr/share/jupyter"];

/** The per-user data dir: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return path.resolve(env.JUPYTER_DATA_DIR);
  const xdg = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), ".local", "share");
  return path.join(xdg, "jupyter");
}

/** The data dir of a Python environment (`sys.prefix/share/jupyter`). */
export function prefixDataDir(prefix: string): string {
  return path.join(path.resolve(prefix), "share", "jupyter");
}

/**
 * Every data dir Jupyter searches, highest priority first: $JUPYTER_PATH entries, the user dir, the given
 * environment prefixes (the project venv), then the system dirs ($JUPYTER_PREFER_ENV_PATH puts envs first).
 */
export function jupyterDataPath(envPrefixes: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.JUPYTER_PATH ?? "").split(path.delimiter).filter((p) => p !== "").map((p) => path.resolve(p));
  const user = [userDataDir(env)];
  const envs = envPrefixes.map(prefixDataDir);
  const preferEnv = ["1", "true", "yes", "on"].includes((env.JUPYTER_PREFER_ENV_PATH ?? "").toLowerCase());
  const all = [...fromEnv, ...(preferEnv ? [...envs, ...user] : [...user, ...envs]), ...SYSTEM_DATA_DIRS];
  return [...new Set(all)];
}

/** The contents of a kernel.json. */
export interface KernelSpecFile {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode?: "signal" | "message";
  env?: Record<string, string>;
  metadata?: Record<string, unknown>;
}

/** Finds the kernelspec `name` in the data dirs (first match wins), or undefined. */
export function findKernelSpec(name: string, dataDirs: readonly string[]): { dir: string; spec: KernelSpecFile } | undefined {
  for (const d of dataDirs) {
    const dir = path.join(d, "kernels", name);
    const file = path.join(dir, "kernel.json");
    if (fs.existsSync(file)) return { dir, spec: JSON.parse(fs.readFileSync(file, "utf8")) as KernelSpecFile };
  }
  return undefined;
}
