/** The kernel options shared by `run` and `reproduce`: --kernel NAME, or --server URL --token T. */
import { UsageError } from "./command";
import type { OptionSpec, Parsed } from "./args";
import { str } from "./args";
import { KernelTarget, localTarget } from "../runner/runFile";
import { KERNEL_NAME, searchedKernelsDirs } from "./kernelspecTarget";
import * as path from "node:path";

export const KERNEL_OPTIONS: Record<string, OptionSpec> = {
  kernel: { type: "string" },
  server: { type: "string" },
  token: { type: "string" },
  timeout: { type: "string" },
};

export const KERNEL_HELP = `  --timeout S          seconds one cell may run before it is interrupted and the run fails (default 300; 0 = none)
  --kernel NAME        kernelspec to use (default ${KERNEL_NAME}: this checkout's kernel, nothing to install)
  --server URL         execute on an existing Jupyter server (JupyterLab, JupyterHub user server) instead of a
                       local kernel; the kernel runs in the server's root directory
  --token T            the server's token (default: $JUPYTER_TOKEN)`;

export function kernelTarget(values: Parsed["values"]): KernelTarget {
  const name = str(values.kernel) ?? KERNEL_NAME;
  const server = str(values.server);
  const token = str(values.token) ?? (server ? process.env.JUPYTER_TOKEN : undefined);
  if (values.token !== undefined && !server) throw new UsageError("--token is only used with --server URL");
  if (server !== undefined) {
    if (!/^https?:\/\/[^/]+/.test(server)) throw new UsageError(`--server expects an http(s):// URL, got ${JSON.stringify(server)}`);
    if (!token) throw new UsageError("--server needs --token T (or JUPYTER_TOKEN in the environment)");
    return { kind: "server", url: server, token, kernelName: name };
  }
  const dirs = searchedKernelsDirs().map((d) => path.dirname(d));
  const target = localTarget(name, dirs);
  if (!target) throw new UsageError(`no kernelspec named ${name} (looked in ${dirs.map((d) => path.join(d, "kernels")).join(", ")})`);
  return target;
}
