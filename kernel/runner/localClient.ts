/**
 * The one local Jupyter client: starts a kernel process from a kernelspec (ours, tslab, ipykernel) with a fresh
 * connection file and talks to it over ZMQ (shell, iopub, control), every message signed and every incoming
 * signature checked. The notebook runner uses it through KernelSession; the kernel tests and
 * bench/kernel-startup.ts use `request` and the raw-frame helpers.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import { newConnectionInfo } from "./connection";
import type { KernelSpecFile } from "./jupyterPaths";
import { executeReply, iopubMessage, type ExecuteReply, type IOPubMessage, type KernelSession } from "./session";
import { ConnectionInfo, decode, encode, endpoint, makeHeader, Message, Signer } from "../server/wire";

/** Kernel processes still alive; killed if the CLI exits without shutting them down (Ctrl-C, crash). */
const live = new Set<ChildProcess>();
process.on("exit", () => { for (const c of live) c.kill("SIGKILL"); });

/** Kernel output kept for error messages and tests (the end of it). */
const OUTPUT_KEPT = 1 << 20;

export interface LocalKernelOptions {
  name: string;
  spec: KernelSpecFile;
  /** Working directory of the kernel process (the notebook's own directory). */
  cwd: string;
  startupTimeoutMs?: number;
}

export type ChannelName = "shell" | "control";

export interface RequestOptions {
  channel?: ChannelName;
  /** 0 = wait as long as the kernel lives. */
  timeoutMs?: number;
  /** For messages that get no reply (comm_open, comm_msg): wait for `idle` only. */
  noReply?: boolean;
  /** Every iopub message of this request as it arrives (status included). */
  onIOPub?: (msg: Message) => void;
  /** Answers the kernel's input_request for this request (send allow_stdin: true with it). */
  onInput?: (prompt: string, password: boolean) => string | Promise<string>;
}

export interface Reply {
  reply: Message;
  /** iopub messages with this request as parent, excluding status, in arrival order. */
  outputs: Message[];
}

type Listener = (msg: Message) => void;

export class LocalKernel implements KernelSession {
  readonly description: string;
  readonly session = randomUUID();
  readonly signer: Signer;
  /** Every iopub message received, in order (tests look at status sequences). */
  readonly iopubLog: Message[] = [];
  // The kernel sends input_request on stdin to the identity the execute_request came from on shell, so both
  // sockets carry the session's identity (as jupyter_client does).
  private readonly sockets: Record<ChannelName, zmq.Dealer> = {
    shell: new zmq.Dealer({ linger: 0, routingId: this.session }), control: new zmq.Dealer({ linger: 0 }),
  };
  private readonly stdin = new zmq.Dealer({ linger: 0, routingId: this.session });
  private readonly inputListeners = new Map<string, Listener>();
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  /** zeromq allows one pending send per socket: concurrent requests queue here. */
  private readonly sending: Record<ChannelName, Promise<unknown>> = { shell: Promise.resolve(), control: Promise.resolve() };
  private readonly replyListeners = new Map<string, Listener>();
  private readonly iopubListeners = new Map<string, Listener>();
  private exitWaiters: Array<(why: string) => void> = [];
  private exited: string | undefined;
  private output = "";
  private closed = false;

  constructor(readonly child: ChildProcess, readonly info: ConnectionInfo, readonly connectionFile: string,
              private readonly spec: KernelSpecFile, name: string) {
    this.description = `kernel ${name} (pid ${child.pid})`;
    this.signer = new Signer(info.key, info.signature_scheme);
    const keep = (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT); };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("exit", (code, signal) => {
      live.delete(child);
      const tail = this.output.trim().slice(-4000);
      this.exited = `the kernel process exited (${signal ?? `code ${code}`})` + (tail ? `; its last output:\n${tail}` : "");
      for (const w of this.exitWaiters) w(this.exited);
      this.exitWaiters = [];
    });
    this.sockets.shell.connect(endpoint(info, info.shell_port));
    this.sockets.control.connect(endpoint(info, info.control_port));
    this.iopub.connect(endpoint(info, info.iopub_port));
    this.stdin.connect(endpoint(info, info.stdin_port));
    this.iopub.subscribe();
    void this.pump(this.sockets.shell, this.replyListeners);
    void this.pump(this.sockets.control, this.replyListeners);
    void this.pump(this.iopub, this.iopubListeners, this.iopubLog);
    void this.pump(this.stdin, this.inputListeners);
  }

  /** What the kernel process wrote to stdout and stderr so far (its last megabyte). */
  stderr(): string {
    return this.output;
  }

  private async pump(sock: zmq.Dealer | zmq.Subscriber, listeners: Map<string, Listener>, log?: Message[]): Promise<void> {
    try {
      for await (const frames of sock) {
        let msg: Message;
        try {
          msg = decode(frames, this.signer);
        } catch {
          continue; // unsigned or malformed: never trusted
        }
        log?.push(msg);
        const parent = (msg.parent_header as { msg_id?: string }).msg_id;
        if (parent) listeners.get(parent)?.(msg);
      }
    } catch (e) {
      if (!this.closed) throw e;
    }
  }

  /** Signed frames of a request (tests tamper with them or replay them). */
  frames(msgType: string, content: object, signer: Signer = this.signer): { id: string; frames: Buffer[] } {
    const header = makeHeader(msgType, this.session);
    return { id: header.msg_id, frames: encode({ header, parent_header: {}, metadata: {}, content }, signer, []) };
  }

  /** Sends raw frames on shell or control, in order with every other send on that socket. */
  sendFrames(channel: ChannelName, frames: Buffer[]): Promise<void> {
    const p = this.sending[channel].then(() => this.sockets[channel].send(frames));
    this.sending[channel] = p.catch(() => undefined);
    return p;
  }

  /** Sends a request and resolves with its reply and its iopub outputs once both the reply and `idle` arrived. */
  request(msgType: string, content: object, opts: RequestOptions = {}): Promise<Reply> {
    const { id, frames } = this.frames(msgType, content);
    return this.sendAndWait(id, frames, opts);
  }

  /** Like `request` for frames built by `frames()`; rejects after `timeoutMs` or when the kernel dies. */
  sendAndWait(id: string, frames: Buffer[], opts: RequestOptions = {}): Promise<Reply> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const outputs: Message[] = [];
    return new Promise<Reply>((resolve, reject) => {
      if (this.exited) return reject(new Error(this.exited));
      let reply: Message | undefined;
      let idle = false;
      const timer = timeoutMs > 0
        ? setTimeout(() => done(new Error(`no ${reply ? "idle status" : "reply"} for ${id} within ${timeoutMs} ms`)), timeoutMs)
        : undefined;
      const onExit = (why: string) => done(new Error(why));
      const done = (err?: Error) => {
        clearTimeout(timer);
        this.replyListeners.delete(id);
        this.iopubListeners.delete(id);
        this.inputListeners.delete(id);
        this.exitWaiters = this.exitWaiters.filter((w) => w !== onExit);
        if (err) reject(err);
        else resolve({ reply: reply!, outputs });
      };
      const check = () => { if (idle && (reply || opts.noReply)) done(); };
      this.exitWaiters.push(onExit);
      if (!opts.noReply) this.replyListeners.set(id, (m) => { reply = m; check(); });
      const onInput = opts.onInput;
      if (onInput) {
        this.inputListeners.set(id, (m) => {
          const { prompt, password } = m.content as { prompt: string; password: boolean };
          Promise.resolve(onInput(prompt, password))
            .then((value) => this.stdin.send(encode({
              header: makeHeader("input_reply", this.session), parent_header: m.header, metadata: {}, content: { value },
            }, this.signer, [])))
            .catch((e: Error) => done(e));
        });
      }
      this.iopubListeners.set(id, (m) => {
        try {
          opts.onIOPub?.(m);
        } catch (e) {
          return done(e as Error); // a malformed message fails this request, not the client
        }
        if (m.header.msg_type !== "status") outputs.push(m);
        else if ((m.content as { execution_state?: string }).execution_state === "idle") { idle = true; check(); }
      });
      this.sendFrames(opts.channel ?? "shell", frames).catch((e: Error) => done(e));
    });
  }

  /** An execute_request with Jupyter's defaults (`extra` overrides them). */
  executeRequest(code: string, extra: object = {}, timeoutMs = 30_000): Promise<Reply> {
    return this.request("execute_request", {
      code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra,
    }, { timeoutMs });
  }

  async execute(code: string, onIOPub: (msg: IOPubMessage) => void): Promise<ExecuteReply> {
    const { reply } = await this.request("execute_request", {
      code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    }, {
      timeoutMs: 0,
      onIOPub: (m) => { if (m.header.msg_type !== "status") onIOPub(iopubMessage(m.header.msg_type, m.content)); },
    });
    return executeReply(reply.content);
  }

  /** Waits until the kernel answers kernel_info on shell AND its IOPub messages reach us (no slow-joiner loss). */
  async waitReady(timeoutMs: number): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        return (await this.request("kernel_info_request", {}, { timeoutMs: 1000 })).reply;
      } catch {
        if (this.exited) throw new Error(this.exited);
      }
    }
    throw new Error(`the kernel did not answer within ${timeoutMs / 1000} s` +
      (this.output.trim() ? `; its output:\n${this.output.trim().slice(-4000)}` : ""));
  }

  async interrupt(): Promise<void> {
    if (this.exited) return;
    if (this.spec.interrupt_mode === "message") {
      await this.request("interrupt_request", {}, { channel: "control", timeoutMs: 5000 }).catch(() => this.child.kill("SIGINT"));
    } else {
      this.child.kill("SIGINT");
    }
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    if (!this.exited) {
      await this.request("shutdown_request", { restart: false }, { channel: "control", timeoutMs: 2000 }).catch(() => undefined);
      await new Promise<void>((resolve) => {
        if (this.exited) return resolve();
        const t = setTimeout(() => { this.child.kill("SIGKILL"); resolve(); }, 3000);
        this.exitWaiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    this.closed = true;
    for (const s of [this.sockets.shell, this.sockets.control, this.iopub, this.stdin]) s.close();
    fs.rmSync(path.dirname(this.connectionFile), { recursive: true, force: true });
  }
}

/** Starts the kernel described by `spec` in `cwd` and resolves once it answers on shell and iopub. */
export async function startLocalKernel(opts: LocalKernelOptions): Promise<LocalKernel> {
  const info = await newConnectionInfo(opts.name);
  const connDir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-kernel-"));
  const connFile = path.join(connDir, "kernel.json");
  fs.writeFileSync(connFile, JSON.stringify(info, null, 1), { mode: 0o600 });
  const argv = opts.spec.argv.map((a) => a.replace("{connection_file}", connFile));
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: opts.cwd, env: { ...process.env, ...opts.spec.env }, stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const kernel = new LocalKernel(child, info, connFile, opts.spec, opts.name);
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (e) => reject(new Error(`cannot start ${argv[0]}: ${e.message}`)));
  }).catch(async (e) => { await kernel.shutdown(); throw e; });
  try {
    await kernel.waitReady(opts.startupTimeoutMs ?? 60_000);
  } catch (e) {
    await kernel.shutdown();
    throw e;
  }
  return kernel;
}
