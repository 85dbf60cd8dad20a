/**
 * The kernel behind a real `jupyter server` (127.0.0.1, random token), driven through @jupyterlab/services
 * exactly like JupyterLab drives it: execute, display, errors, interrupt keeping state, restart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KernelManager, ServerConnection, type Kernel, type KernelMessage } from "@jupyterlab/services";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../kernel/runner/connection";
import { DISPLAY_CELL, DISPLAYS, expectedStream, LOADED_MACHINE_MS, streamCell, tempJupyterPath, VENV_BIN } from "./helpers";

const token = crypto.randomBytes(16).toString("hex");
const SERVER_STREAM_LINES = 20_000;
let jupyterPath: string;
let rootDir: string;
let server: ChildProcess | undefined;
let serverLog = "";
let manager: KernelManager | undefined;
let kernel: Kernel.IKernelConnection | undefined;

async function waitForServer(base: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(`${base}api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server?.exitCode !== null) throw new Error(`jupyter server did not come up:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Run {
  reply: KernelMessage.IExecuteReplyMsg["content"];
  iopub: KernelMessage.IIOPubMessage[];
}

async function run(code: string): Promise<Run> {
  const iopub: KernelMessage.IIOPubMessage[] = [];
  const future = kernel!.requestExecute({ code, stop_on_error: false });
  future.onIOPub = (m) => {
    if (m.header.msg_type !== "status") iopub.push(m);
  };
  const reply = await future.done;
  return { reply: reply.content, iopub };
}

const of = (r: Run, type: string) => r.iopub.filter((m) => m.header.msg_type === type).map((m) => m.content as Record<string, any>);

beforeAll(async () => {
  jupyterPath = tempJupyterPath();
  rootDir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-server-root-"));
  const port = await freePort();
  server = spawn(path.join(VENV_BIN, "jupyter"), ["server", "--ServerApp.ip=127.0.0.1", `--ServerApp.port=${port}`,
    `--ServerApp.token=${token}`, `--ServerApp.root_dir=${rootDir}`, "--no-browser", "--allow-root",
    // The server's own iopub rate limiter drops on purpose (and says so); these tests check the kernel drops nothing.
    "--ZMQChannelsWebsocketConnection.limit_rate=False"], {
    env: { ...process.env, JUPYTER_PATH: jupyterPath, JUPYTER_RUNTIME_DIR: path.join(rootDir, ".runtime") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
  const base = `http://127.0.0.1:${port}/`;
  await waitForServer(base, 60_000);
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: base, wsUrl: base.replace(/^http/, "ws"), token, appendToken: true,
    WebSocket: WebSocket as never, fetch: globalThis.fetch as never, Request: globalThis.Request as never, Headers: globalThis.Headers as never,
  });
  manager = new KernelManager({ serverSettings });
  await manager.ready;
  kernel = await manager.startNew({ name: "scalinglab" });
  await kernel.info;
});

afterAll(async () => {
  try {
    await kernel?.shutdown();
  } catch {
    // the server kills the kernel below anyway
  }
  manager?.dispose();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM"); // jupyter server shuts its kernels down on SIGTERM
    const t = setTimeout(() => server!.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(t);
  }
  fs.rmSync(jupyterPath, { recursive: true, force: true });
  fs.rmSync(rootDir, { recursive: true, force: true });
});

describe("scalinglab kernel behind jupyter server (@jupyterlab/services)", () => {
  it("reports kernel_info for TypeScript", async () => {
    const info = await kernel!.info;
    expect(info.implementation).toBe("scalinglab");
    expect(info.language_info.name).toBe("typescript");
  });

  it("executes with an execute_result and streams", async () => {
    const r = await run('console.log("from stdout"); const answer = 6 * 7; answer');
    expect(r.reply.status).toBe("ok");
    expect(of(r, "stream")[0]).toMatchObject({ name: "stdout", text: "from stdout\n" });
    expect(of(r, "execute_result")[0]!.data["text/plain"]).toBe("42");
  });

  it("renders display() of a Displayable as display_data with its bundle", async () => {
    const r = await run('display({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<b>law card</b>", "text/plain": "law card" }) })');
    expect(of(r, "display_data")[0]!.data).toEqual({ "text/html": "<b>law card</b>", "text/plain": "law card" });
  });

  it("reports a type error as TSError with line:col, and a runtime error with its class", async () => {
    const t = await run("const n: number = 'x'");
    expect(t.reply).toMatchObject({ status: "error", ename: "TSError", evalue: "Type 'string' is not assignable to type 'number'." });
    expect((t.reply as { traceback: string[] }).traceback[0]).toMatch(/^In\[\d+\]:1:7 - error TS2322/);
    expect(of(t, "error")).toHaveLength(1);
    const e = await run('throw new RangeError("out of range")');
    expect(e.reply).toMatchObject({ status: "error", ename: "RangeError", evalue: "out of range" });
    expect(of(e, "error")[0]).toMatchObject({ ename: "RangeError", evalue: "out of range" });
  });

  it("interrupts `while (true) {}` (interrupt_mode message) and keeps variables defined before", async () => {
    await run("let before = 'still here'");
    const loop = run("while (true) {}");
    await new Promise((r) => setTimeout(r, 500));
    await kernel!.interrupt();
    const r = await loop;
    expect(r.reply).toMatchObject({ status: "error", ename: "InterruptedError" });
    const after = await run("before");
    expect(of(after, "execute_result")[0]!.data["text/plain"]).toBe("'still here'");
  });

  it(`delivers all ${DISPLAYS} displays of a fast loop, its execute_result and idle (issue 16)`, async () => {
    const r = await run(DISPLAY_CELL); // resolves once the reply and idle arrived
    expect(r.reply.status).toBe("ok");
    expect(of(r, "display_data").map((c) => c.data["text/plain"])).toEqual(Array.from({ length: DISPLAYS }, (_, i) => String(i)));
    expect(r.iopub.at(-1)!.header.msg_type).toBe("execute_result");
  }, LOADED_MACHINE_MS);

  // A fifth of the local test's lines: every message also crosses the server's websocket, which costs CPU, not coverage.
  it(`delivers ${SERVER_STREAM_LINES} interleaved stdout/stderr lines of a fast loop completely, each stream in order (issue 16)`, async () => {
    const r = await run(streamCell(SERVER_STREAM_LINES));
    const expected = expectedStream(SERVER_STREAM_LINES);
    expect(r.reply.status).toBe("ok");
    for (const name of ["stdout", "stderr"]) {
      const text = of(r, "stream").filter((c) => c.name === name).map((c) => c.text).join("");
      expect(text.length).toBe(expected.length);
      expect(text === expected).toBe(true);
    }
  }, LOADED_MACHINE_MS);

  it("restarts into a new process that answers kernel_info", async () => {
    const pid1 = of(await run("process.pid"), "execute_result")[0]!.data["text/plain"];
    await kernel!.restart();
    const info = await kernel!.requestKernelInfo();
    expect(info!.content.status).toBe("ok");
    const pid2 = of(await run("process.pid"), "execute_result")[0]!.data["text/plain"];
    expect(pid2).not.toBe(pid1);
    // a fresh process: earlier variables are gone, the library is preloaded again
    expect((await run("answer")).reply).toMatchObject({ status: "error", ename: "TSError" });
    expect((await run("typeof laws")).reply.status).toBe("ok");
  });
});
