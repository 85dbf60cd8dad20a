/** Test helpers: run the built CLI, write small notebooks, serve Jupyter on a private port. */
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CLI = path.join(ROOT, "dist", "kernel", "cli", "cli.js");
export const VENV_JUPYTER = path.join(ROOT, ".venv", "bin", "jupyter");

export interface CliResult { code: number | null; stdout: string; stderr: string }

/** Runs `node dist/kernel/cli/cli.js ...args` to completion. */
export function runCli(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return runCommand(process.execPath, [CLI, ...args], opts);
}

/** Runs `command ...args` to completion (cwd defaults to the checkout), collecting its output and exit code. */
export function runCommand(command: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `scalinglab-${prefix}-`));
}

/** An nbformat 4.5 notebook for the scalinglab kernel; each cell is code unless it starts with "md:". */
export function writeNotebook(file: string, cells: ReadonlyArray<string | { source: string; tags: string[] }>): void {
  const nb = {
    nbformat: 4, nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "scalinglab", display_name: "TypeScript (scalinglab)", language: "typescript" },
      language_info: { name: "typescript" },
    },
    cells: cells.map((c, i) => {
      const { source, tags } = typeof c === "string" ? { source: c, tags: [] } : c;
      const id = `cell${i}`;
      return source.startsWith("md:")
        ? { cell_type: "markdown", id, metadata: {}, source: source.slice(3) }
        : { cell_type: "code", id, metadata: tags.length ? { tags } : {}, source, outputs: [], execution_count: null };
    }),
  };
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
}

/** A free port in the range this test suite owns (42000–42999). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 42000 + Math.floor(Math.random() * 1000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer().once("error", () => resolve(false)).listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export interface JupyterServer {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * Serves the venv's Jupyter (`server`, `lab` or `notebook`) on 127.0.0.1 with a random token, config and
 * runtime dirs isolated in a temp dir, and JUPYTER_PATH = `jupyterPath` (where the test put the kernelspec).
 * Resolves once /api/status answers. stop() kills the server and its kernels (process group).
 */
export async function startJupyter(app: "server" | "lab" | "notebook", rootDir: string, jupyterPath: string,
                                   extraArgs: readonly string[] = []): Promise<JupyterServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const home = tempDir("jupyter-home");
  // No news or update checks: the machine is offline and the toast would cover the page.
  const settings = path.join(home, "lab-settings", "@jupyterlab", "apputils-extension");
  fs.mkdirSync(settings, { recursive: true });
  fs.writeFileSync(path.join(settings, "notification.jupyterlab-settings"), JSON.stringify({ fetchNews: "false", checkForUpdates: false }));
  const child: ChildProcess = spawn(VENV_JUPYTER, [app, "--no-browser", "--ServerApp.ip=127.0.0.1", `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0", `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${rootDir}`, "--allow-root",
    ...extraArgs], {
    detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env, JUPYTER_PATH: jupyterPath, JUPYTER_CONFIG_DIR: path.join(home, "config"),
      JUPYTER_RUNTIME_DIR: path.join(home, "runtime"), JUPYTER_DATA_DIR: path.join(home, "data"),
      JUPYTERLAB_SETTINGS_DIR: path.join(home, "lab-settings"), JUPYTERLAB_WORKSPACES_DIR: path.join(home, "lab-workspaces"),
    },
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => { log += d.toString(); });
  child.stderr?.on("data", (d: Buffer) => { log += d.toString(); });
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      try { process.kill(-child.pid!, "SIGTERM"); } catch { /* already gone */ }
      const t = setTimeout(() => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } }, 5000);
      await exited;
      clearTimeout(t);
    }
    fs.rmSync(home, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const r = await fetch(`${url}api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return { url, token, stop };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`jupyter ${app} did not start on ${url}:\n${log.slice(-3000)}`);
}
