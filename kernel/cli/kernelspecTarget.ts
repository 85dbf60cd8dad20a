/** Which Jupyter data dir `install`/`uninstall` act on, chosen the way `jupyter kernelspec install` chooses. */
import * as path from "node:path";
import { jupyterDataPath, prefixDataDir, SYSTEM_DATA_DIRS, userDataDir } from "../runner/jupyterPaths";
import { KERNEL_NAME } from "../runner/kernelspec";
import { UsageError } from "./command";
import { OptionSpec, Parsed } from "./args";
import { hasVenv, venvDir } from "./jupyterEnv";

export { KERNEL_NAME };

export const TARGET_OPTIONS: Record<string, OptionSpec> = {
  user: { type: "boolean" },
  "sys-prefix": { type: "boolean" },
  prefix: { type: "string" },
};

export const TARGET_HELP = `  --user          the per-user data dir ($JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter or ~/.local/share/jupyter)
  --sys-prefix    the project venv (<project>/.venv/share/jupyter), where \`npm start\` runs Jupyter
  --prefix P      P/share/jupyter (another Python environment's sys.prefix)
  (none)          system-wide ${SYSTEM_DATA_DIRS[0]} when run as root, else --user`;

/** The kernels/ dir the flags name, or undefined when none was given (uninstall then searches everywhere). */
export function explicitKernelsDir(values: Parsed["values"]): string | undefined {
  const chosen = ["user", "sys-prefix", "prefix"].filter((k) => values[k] !== undefined && values[k] !== false);
  if (chosen.length > 1) throw new UsageError(`choose one of --user, --sys-prefix, --prefix (got ${chosen.map((c) => `--${c}`).join(" and ")})`);
  if (values.user) return path.join(userDataDir(), "kernels");
  if (values["sys-prefix"]) {
    if (!hasVenv()) throw new UsageError(`--sys-prefix: there is no project venv at ${venvDir()}; run \`npx scalinglab setup\` first or use --user`);
    return path.join(prefixDataDir(venvDir()), "kernels");
  }
  if (typeof values.prefix === "string") {
    if (values.prefix.trim() === "") throw new UsageError("--prefix needs a directory");
    return path.join(prefixDataDir(values.prefix), "kernels");
  }
  return undefined;
}

/** Default install location: system-wide for root, else per user. */
export function defaultKernelsDir(): string {
  return path.join(process.getuid?.() === 0 ? SYSTEM_DATA_DIRS[0] : userDataDir(), "kernels");
}

/** Every kernels/ dir Jupyter searches, the project venv included. */
export function searchedKernelsDirs(): string[] {
  return jupyterDataPath(hasVenv() ? [venvDir()] : []).map((d) => path.join(d, "kernels"));
}
