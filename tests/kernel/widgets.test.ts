/**
 * Comms and widgets through a real `jupyter server` and @jupyterlab/services, the way JupyterLab's widget manager
 * talks to the kernel: the kernel opens widget comms, the client sends updates on them, comm_info lists them, a
 * comm to an unknown target is closed, a throwing handler leaves the kernel alive, and a handler runs while a
 * cell awaits.
 */
import * as fs from "node:fs";
import { KernelManager, ServerConnection, type Kernel, type KernelMessage } from "@jupyterlab/services";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJupyter, tempDir, type JupyterServer } from "../cli/helpers";
import { tempJupyterPath } from "./helpers";

let jupyterPath: string;
let rootDir: string;
let server: JupyterServer | undefined;
let manager: KernelManager | undefined;
let kernel: Kernel.IKernelConnection;
/** Comms the kernel opened to jupyter.widget, by id, with their comm_open message. */
const opened = new Map<string, { comm: Kernel.IComm; msg: KernelMessage.ICommOpenMsg }>();
const iopub: KernelMessage.IIOPubMessage[] = [];

async function run(code: string): Promise<{ reply: KernelMessage.IExecuteReplyMsg["content"]; msgs: KernelMessage.IIOPubMessage[] }> {
  const msgs: KernelMessage.IIOPubMessage[] = [];
  const future = kernel.requestExecute({ code, stop_on_error: false });
  future.onIOPub = (m) => { if (m.header.msg_type !== "status") msgs.push(m); };
  const reply = await future.done;
  return { reply: reply.content, msgs };
}

const stateOf = (id: string) => (opened.get(id)!.msg.content.data as { state: Record<string, unknown> }).state;
const modelIds = (r: { msgs: KernelMessage.IIOPubMessage[] }) => r.msgs
  .filter((m) => m.header.msg_type === "display_data" || m.header.msg_type === "execute_result")
  .map((m) => (m.content as { data: Record<string, { model_id?: string }> }).data["application/vnd.jupyter.widget-view+json"]?.model_id)
  .filter((x): x is string => !!x);

async function waitFor<T>(what: string, get: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sends a frontend update on a widget comm; resolves with the iopub messages whose parent is that comm_msg. */
async function update(modelId: string, state: Record<string, unknown>): Promise<KernelMessage.IIOPubMessage[]> {
  const msgs: KernelMessage.IIOPubMessage[] = [];
  const future = opened.get(modelId)!.comm.send({ method: "update", state, buffer_paths: [] });
  future.onIOPub = (m) => { if (m.header.msg_type !== "status") msgs.push(m); };
  await future.done;
  return msgs;
}

beforeAll(async () => {
  jupyterPath = tempJupyterPath();
  rootDir = tempDir("widgets-root");
  server = await startJupyter("server", rootDir, jupyterPath);
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: server.url, wsUrl: server.url.replace(/^http/, "ws"), token: server.token, appendToken: true,
    WebSocket: WebSocket as never, fetch: globalThis.fetch as never, Request: globalThis.Request as never, Headers: globalThis.Headers as never,
  });
  manager = new KernelManager({ serverSettings });
  await manager.ready;
  kernel = await manager.startNew({ name: "scalinglab" });
  await kernel.info;
  kernel.registerCommTarget("jupyter.widget", (comm, msg) => { opened.set(comm.commId, { comm, msg }); });
  kernel.iopubMessage.connect((_k, m) => { iopub.push(m); });
});

afterAll(async () => {
  try { await kernel?.shutdown(); } catch { /* the server stops it below anyway */ }
  manager?.dispose();
  await server?.stop();
  fs.rmSync(jupyterPath, { recursive: true, force: true });
  fs.rmSync(rootDir, { recursive: true, force: true });
});

describe("widgets through jupyter server and @jupyterlab/services", () => {
  it("a widget opens its comm (protocol 2.1, controls 2.0.0); a frontend update fires the observer", async () => {
    const r = await run(`const N = widgets.FloatLogSlider({ value: 1e10, min: 8, max: 12, description: "N" });
const seen: number[] = [];
N.observe(({ new: v }) => { seen.push(v); console.log("observed", v); });
N`);
    expect(r.reply.status).toBe("ok");
    const [id] = modelIds(r);
    expect(opened.has(id!)).toBe(true);
    expect(opened.get(id!)!.msg.metadata).toEqual({ version: "2.1.0" });
    // Layout, style and slider: comm_open with the cell's execute_request as parent, before the view.
    expect(r.msgs.filter((m) => m.header.msg_type === "comm_open").map((m) => (m.content as { comm_id: string }).comm_id).at(-1)).toBe(id);
    expect(r.msgs.filter((m) => m.header.msg_type === "comm_open")).toHaveLength(3);
    expect(stateOf(id!)).toMatchObject({
      _model_name: "FloatLogSliderModel", _model_module: "@jupyter-widgets/controls", _model_module_version: "2.0.0",
      _view_name: "FloatLogSliderView", value: 1e10, min: 8, max: 12, description: "N",
    });
    const layoutId = String(stateOf(id!).layout).replace("IPY_MODEL_", "");
    expect(stateOf(layoutId)).toMatchObject({ _model_name: "LayoutModel", _model_module: "@jupyter-widgets/base", _model_module_version: "2.0.0" });
    const out = await update(id!, { value: 3e9 });
    expect(out.map((m) => m.header.msg_type)).toEqual(["comm_msg", "stream"]);
    expect(out[0]!.content).toMatchObject({ comm_id: id, data: { method: "echo_update", state: { value: 3e9 } } });
    expect(out[1]!.content).toEqual({ name: "stdout", text: "observed 3000000000\n" });
    const check = await run("seen");
    expect((check.msgs.find((m) => m.header.msg_type === "execute_result")!.content as { data: Record<string, string> }).data["text/plain"]).toBe("[ 3000000000 ]");
  });

  it("interact: a frontend update re-runs fn and replaces its output (update_display_data, same display id)", async () => {
    const r = await run(`const h = widgets.interact(({ N, law }) => \`\${law}: \${N.toExponential(2)}\`, { N: [1e8, 1e12, "log"], law: ["hoffmann", "besiroglu"] }); h`);
    const first = r.msgs.find((m) => m.header.msg_type === "display_data" && (m.content as { transient: { display_id?: string } }).transient.display_id);
    const displayId = (first!.content as { transient: { display_id: string } }).transient.display_id;
    expect((first!.content as { data: Record<string, string> }).data["text/plain"]).toBe("hoffmann: 1.00e+10");
    const sliderId = [...opened.entries()].filter(([, o]) => (o.msg.content.data as { state: Record<string, unknown> }).state._model_name === "FloatLogSliderModel").at(-1)![0];
    const before = iopub.length;
    await update(sliderId, { value: 1e9 });
    const upd = await waitFor("update_display_data", () => iopub.slice(before).find((m) => m.header.msg_type === "update_display_data"));
    expect(upd.content).toMatchObject({ data: { "text/plain": "hoffmann: 1.00e+9" }, transient: { display_id: displayId } });
  });

  it("a button click runs its handler; Output.capture collects what the handler prints and displays", async () => {
    const r = await run(`const out = widgets.Output(); const go = widgets.Button({ description: "go" });
go.onClick(() => out.capture(() => { console.log("clicked"); display(6 * 7); }));
widgets.VBox([go, out])`);
    const outId = [...opened.entries()].filter(([, o]) => (o.msg.content.data as { state: Record<string, unknown> }).state._model_name === "OutputModel").at(-1)![0];
    const buttonId = [...opened.entries()].filter(([, o]) => (o.msg.content.data as { state: Record<string, unknown> }).state._model_name === "ButtonModel").at(-1)![0];
    expect(r.reply.status).toBe("ok");
    const before = iopub.length;
    const future = opened.get(buttonId)!.comm.send({ method: "custom", content: { event: "click" } });
    await future.done;
    const upd = await waitFor("the Output widget's update", () => iopub.slice(before).find((m) =>
      m.header.msg_type === "comm_msg" && (m.content as { comm_id: string }).comm_id === outId));
    expect((upd.content as { data: unknown }).data).toEqual({
      method: "update", buffer_paths: [],
      state: { outputs: [{ output_type: "stream", name: "stdout", text: "clicked\n" }, { output_type: "display_data", data: { "text/plain": "42" }, metadata: {} }] },
    });
    // Nothing of it leaked into the cell or the click's own output.
    expect(iopub.slice(before).filter((m) => m.header.msg_type === "stream" || m.header.msg_type === "display_data")).toEqual([]);
  });

  it("comm_info lists the open widget comms, filtered by target", async () => {
    const info = await kernel.requestCommInfo({ target_name: "jupyter.widget" });
    const comms = (info.content as { comms: Record<string, { target_name: string }> }).comms;
    expect(Object.keys(comms).length).toBeGreaterThanOrEqual(opened.size - 1);
    for (const id of opened.keys()) expect(comms[id]).toEqual({ target_name: "jupyter.widget" });
    const none = await kernel.requestCommInfo({ target_name: "no.such.target" });
    expect((none.content as { comms: object }).comms).toEqual({});
  });

  it("a comm the frontend opens to an unknown target is closed", async () => {
    const comm = kernel.createComm("no.such.target");
    const closed = new Promise<KernelMessage.ICommCloseMsg>((resolve) => { comm.onClose = (m) => resolve(m); });
    await comm.open({}).done;
    const msg = await closed;
    expect(msg.content.comm_id).toBe(comm.commId);
  });

  it("the control comm answers request_states with the live widgets (a page reload)", async () => {
    const comm = kernel.createComm("jupyter.widget.control");
    const got = new Promise<KernelMessage.ICommMsgMsg>((resolve) => { comm.onMsg = (m) => resolve(m); });
    comm.open({}, { version: "1.0.0" });
    comm.send({ method: "request_states" });
    const msg = await got;
    const data = msg.content.data as { method: string; states: Record<string, { model_name: string }> };
    expect(data.method).toBe("update_states");
    for (const id of opened.keys()) if (!opened.get(id)!.comm.isDisposed) expect(Object.keys(data.states)).toContain(id);
    comm.close();
  });

  it("a throwing handler reports to stderr and leaves the kernel alive", async () => {
    const r = await run(`const bad = widgets.IntSlider(); bad.observe(() => { throw new Error("observer failed on purpose") }); bad`);
    const [id] = modelIds(r);
    const out = await update(id!, { value: 5 });
    const err = out.find((m) => m.header.msg_type === "stream")!.content as { name: string; text: string };
    expect(err.name).toBe("stderr");
    expect(err.text).toContain("observer failed on purpose");
    const after = await run("6 * 7");
    expect(after.reply.status).toBe("ok");
    expect((after.msgs.find((m) => m.header.msg_type === "execute_result")!.content as { data: Record<string, string> }).data["text/plain"]).toBe("42");
  });

  it("a frontend update is handled while a cell awaits (not after it)", async () => {
    const r0 = await run(`const live = widgets.IntSlider({ value: 1 }); live`);
    const [id] = modelIds(r0);
    const cell = run(`await new Promise((r) => setTimeout(r, 1500)); live.value`);
    await new Promise((r) => setTimeout(r, 400));
    await update(id!, { value: 9 });
    const r = await cell;
    expect((r.msgs.find((m) => m.header.msg_type === "execute_result")!.content as { data: Record<string, string> }).data["text/plain"]).toBe("9");
  });
});
