/**
 * The project's Jupyter environment: the venv at <project>/.venv (Debian's python3, system site packages) with
 * JupyterLab, Notebook 7, nbclient, plotly, ipykernel and ipywidgets (with jupyterlab_widgets) installed from the machine's local wheel mirror.
 */
import { spawnSync, SpawnSyncOptions } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../root";

/** pip distributions the venv needs; each is also the name of the module checked for presence. */
export const PYTHON_PACKAGES = ["jupyterlab", "notebook", "nbclient", "plotly", "ipykernel", "ipywidgets", "jupyterlab_widgets"] as const;
export const SYSTEM_PYTHON = "/usr/bin/python3";

export function venvDir(root = projectRoot()): string {
  return path.join(root, ".venv");
}

export function venvBin(name: string, root = projectRoot()): string {
  return path.join(venvDir(root), "bin", name);
}

export function hasVenv(root = projectRoot()): boolean {
  return fs.existsSync(venvBin("python", root));
}

/** Runs a command, returning status and captured output (never throws on a non-zero exit). */
export function sh(cmd: string, args: readonly string[], opts: SpawnSyncOptions = {}): { status: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) return { status: 127, out: r.error.message };
  return { status: r.status ?? 1, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** The Python modules among PYTHON_PACKAGES that the venv cannot import. */
export function missingPythonPackages(root = projectRoot()): string[] {
  const code = "import importlib.util, sys; print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))";
  const r = sh(venvBin("python", root), ["-c", code, ...PYTHON_PACKAGES]);
  if (r.status !== 0) return [...PYTHON_PACKAGES];
  const missing = new Set(r.out.trim().split(/\s+/).filter(Boolean));
  return PYTHON_PACKAGES.filter((p) => missing.has(p));
}

/**
 * pip arguments that point at the machine's local wheel mirror: the file:// indexes listed in pip's config
 * (global.extra-index-url) become --index-url/--extra-index-url, so pip never waits on an unreachable main index.
 */
export function localIndexArgs(python: string): string[] {
  const r = sh(python, ["-m", "pip", "config", "list"]);
  const urls: string[] = [];
  for (const line of r.out.split("\n")) {
    const m = /^[\w:.-]*index-url='(.*)'$/.exec(line.trim());
    if (m) urls.push(...m[1].split(/\s+/).filter((u) => u.startsWith("file://")));
  }
  const unique = [...new Set(urls)];
  return unique.flatMap((u, i) => (i === 0 ? ["--index-url", u] : ["--extra-index-url", u]));
}

export class EnvironmentError extends Error {
  override name = "EnvironmentError";
}

/**
 * Makes sure the venv exists and imports every package of PYTHON_PACKAGES, creating and pip-installing as
 * needed. `say` reports each action. Throws EnvironmentError saying exactly what to install when it cannot.
 */
export function ensureJupyter(say: (line: string) => void, root = projectRoot()): void {
  const venv = venvDir(root);
  if (!hasVenv(root)) {
    if (!fs.existsSync(SYSTEM_PYTHON)) {
      throw new EnvironmentError(`${SYSTEM_PYTHON} not found; install Debian's python3 and python3-venv (apt-get install -y python3 python3-venv)`);
    }
    const t0 = Date.now();
    const r = sh(SYSTEM_PYTHON, ["-m", "venv", "--system-site-packages", venv]);
    if (r.status !== 0) {
      throw new EnvironmentError(`could not create the venv ${venv}: ${r.out.trim().split("\n").pop()}; ` +
        "install python3-venv (apt-get install -y python3-venv) and run this again");
    }
    say(`created the project venv ${venv} (${SYSTEM_PYTHON} -m venv --system-site-packages, ${secs(t0)})`);
  }
  const missing = missingPythonPackages(root);
  if (missing.length === 0) {
    say(`Jupyter is present in ${venv} (${PYTHON_PACKAGES.join(", ")})`);
    return;
  }
  const python = venvBin("python", root);
  const args = ["-m", "pip", "install", "--disable-pip-version-check", ...localIndexArgs(python), ...missing];
  say(`installing ${missing.join(", ")} into ${venv}: ${python} ${args.join(" ")}`);
  const t0 = Date.now();
  const r = sh(python, args, { stdio: ["ignore", "pipe", "pipe"] });
  const still = missingPythonPackages(root);
  if (r.status !== 0 || still.length > 0) {
    throw new EnvironmentError(`pip could not install ${still.join(", ") || missing.join(", ")} (${r.out.trim().split("\n").pop()}); ` +
      `install them yourself with: ${python} -m pip install ${still.join(" ") || missing.join(" ")} ` +
      "(JupyterLab 4, notebook 7, nbclient, plotly ≥ 5, ipykernel and ipywidgets 8 with jupyterlab_widgets 3 are needed)");
  }
  say(`installed ${missing.join(", ")} (${secs(t0)})`);
}

export function secs(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}
