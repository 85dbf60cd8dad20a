import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { prefixDataDir } from "../runner/jupyterPaths";
import { writeKernelSpec } from "../runner/kernelspec";
import { CliCommand, UsageError } from "./command";
import { parseCommandArgs, str } from "./args";
import { ensureJupyter, venvBin, venvDir } from "./jupyterEnv";
import { projectRoot } from "../root";
import { KERNEL_NAME } from "./kernelspecTarget";

/** The first port ≥ `from` that nobody listens on at `ip`. */
async function firstFreePort(ip: string, from: number): Promise<number> {
  for (let port = from; port < from + 50; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer().once("error", () => resolve(false)).listen(port, ip, () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new UsageError(`no free port in ${from}–${from + 49} on ${ip}; pick one with --port`);
}

export const startCommand: CliCommand = {
  name: "start",
  summary: "open JupyterLab (or Notebook 7) on notebooks/ with the scalinglab kernel as default",
  usage: `usage: scalinglab start [--notebook] [--port N] [--ip ADDR] [--no-browser]

Makes sure Jupyter is in the project venv (like \`scalinglab setup\`, without apt), installs the ${KERNEL_NAME}
kernelspec there, and serves JupyterLab on notebooks/ with ${KERNEL_NAME} as the default kernel. Prints the URL
(with its token) and runs until Ctrl-C.

  --notebook      open Notebook 7 instead of JupyterLab
  --port N        first port to try (default 8888; the next free one is used)
  --ip ADDR       address to listen on (default 127.0.0.1)
  --no-browser    do not open a browser`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      notebook: { type: "boolean" }, port: { type: "string" }, ip: { type: "string" }, "no-browser": { type: "boolean" },
    }, false);
    const wanted = Number(str(values.port) ?? 8888);
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535) throw new UsageError(`--port expects a port number, got ${str(values.port)}`);
    const ip = str(values.ip) ?? "127.0.0.1";
    const root = projectRoot();
    ensureJupyter((l) => console.error(`start: ${l}`), root);
    writeKernelSpec(path.join(prefixDataDir(venvDir(root)), "kernels"));
    const notebooks = path.join(root, "notebooks");
    fs.mkdirSync(notebooks, { recursive: true });
    const port = await firstFreePort(ip, wanted);
    const token = randomBytes(24).toString("hex");
    const app = values.notebook ? "notebook" : "lab";
    const args = [app, `--ServerApp.root_dir=${notebooks}`, `--ServerApp.ip=${ip}`, `--ServerApp.port=${port}`,
      "--ServerApp.port_retries=0", `--MappingKernelManager.default_kernel_name=${KERNEL_NAME}`];
    if (values["no-browser"]) args.push("--no-browser");
    if (process.getuid?.() === 0) args.push("--allow-root");
    const url = `http://${ip}:${port}/${app === "lab" ? "lab" : "tree"}?token=${token}`;
    console.log(`${app === "lab" ? "JupyterLab" : "Notebook 7"} on ${notebooks}, default kernel ${KERNEL_NAME}:\n  ${url}\n(Ctrl-C stops it)`);
    // The token goes through the environment, which only this user can read: any local user can read argv (`ps`).
    const child = spawn(venvBin(app === "lab" ? "jupyter-lab" : "jupyter-notebook", root), args.slice(1), {
      stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, JUPYTER_TOKEN: token },
    });
    const stop = () => child.kill("SIGTERM");
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return new Promise<number>((resolve) => {
      child.on("error", (e) => { console.error(`scalinglab start: ${e.message}`); resolve(1); });
      child.on("exit", (code, signal) => resolve(signal ? 0 : code ?? 0));
    });
  },
};
