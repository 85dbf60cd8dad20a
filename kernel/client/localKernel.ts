/**
 * Starts a kernel process from a kernelspec with a fresh connection file and talks to it over ZMQ
 * (shell, iopub and control), with every message signed and every incoming signature checked.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import { newConnectionInfo } from "./connection";
import type { KernelSpecFile } from "./jupyterPaths";
import type { ExecuteReply, IOPubMessage, KernelSession } from "./session";
import { ConnectionInfo, decode, encode, endpoint, makeHeader, Message, Signer } from "../wire";

/** Kernel processes still alive; killed if the CLI exits without shutting them down (Ctrl-C, crash). */
const live = new Set<ChildProcess>();
process.on("exit", () => { for (const c of live) c.kill("SIGKILL"); });

export interface LocalKernelOptions {
  name: string;
  spec: KernelSpecFile;
  /** Working directory of the kernel process (the notebook's own directory). */
  cwd: string;
  startupTimeoutMs?: number;
}

type Waiter = (msg: Message) => void;

class LocalKernelSession implements KernelSession {
  readonly description: string;
  private readonly session = randomUUID();
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private readonly replyWaiters = new Map<string, Waiter>();
  private readonly iopubListeners = new Map<string, Waiter>();
  private exitWaiters: Array<(why: string) => void> = [];
  private exited: string | undefined;
  private stderrTail = "";
  private closed = false;
  private readonly signer: Signer;

  constructor(private readonly child: ChildProcess, info: ConnectionInfo,
              private readonly spec: KernelSpecFile, private readonly connDir: string, name: string) {
    this.description = `kernel ${name} (pid ${child.pid})`;
    this.signer = new Signer(info.key, info.signature_scheme);
    const keep = (chunk: Buffer) => { this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000); };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("exit", (code, signal) => {
      live.delete(child);
      this.exited = `the kernel process exited (${signal ?? `code ${code}`})` +
        (this.stderrTail.trim() ? `; its last output:\n${this.stderrTail.trim()}` : "");
      for (const w of this.exitWaiters) w(this.exited);
      this.exitWaiters = [];
    });
    this.shell.connect(endpoint(info, info.shell_port));
    this.control.connect(endpoint(info, info.control_port));
    this.iopub.connect(endpoint(info, info.iopub_port));
    this.iopub.subscribe();
    void this.pump(this.shell, this.replyWaiters);
    void this.pump(this.control, this.replyWaiters);
    void this.pump(this.iopub, this.iopubListeners);
  }

  private async pump(sock: zmq.Dealer | zmq.Subscriber, waiters: Map<string, Waiter>): Promise<void> {
    try {
      for await (const frames of sock) {
        let msg: Message;
        try {
          msg = decode(frames, this.signer);
        } catch {
          continue; // unsigned or malformed: never trusted
        }
        const parent = (msg.parent_header as { msg_id?: string }).msg_id;
        if (parent) waiters.get(parent)?.(msg);
      }
    } catch (e) {
      if (!this.closed) throw e;
    }
  }

  /** Sends a request and resolves with its reply, or rejects after `timeoutMs` or when the kernel dies. */
  private request(sock: zmq.Dealer, msgType: string, content: Record<string, unknown>, timeoutMs: number,
                  onIOPub?: Waiter): Promise<Message> {
    const header = makeHeader(msgType, this.session);
    const id = header.msg_id;
    return new Promise<Message>((resolve, reject) => {
      if (this.exited) return reject(new Error(this.exited));
      const timer = timeoutMs > 0 ? setTimeout(() => done(undefined, `no ${msgType} reply within ${timeoutMs} ms`), timeoutMs) : undefined;
      const onExit = (why: string) => done(undefined, why);
      const done = (reply: Message | undefined, err?: string) => {
        clearTimeout(timer);
        this.replyWaiters.delete(id);
        this.exitWaiters = this.exitWaiters.filter((w) => w !== onExit);
        if (reply) resolve(reply); else reject(new Error(err));
      };
      this.exitWaiters.push(onExit);
      this.replyWaiters.set(id, (reply) => done(reply));
      if (onIOPub) this.iopubListeners.set(id, onIOPub);
      sock.send(encode({ header, parent_header: {}, metadata: {}, content }, this.signer, [])).catch((e: Error) => done(undefined, e.message));
    });
  }

  /** Waits until the kernel answers kernel_info on shell AND its IOPub messages reach us (no slow-joiner loss). */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      let sawIOPub = false;
      try {
        await this.request(this.shell, "kernel_info_request", {}, 1000, () => { sawIOPub = true; });
        await new Promise((r) => setTimeout(r, 50));
        if (sawIOPub) return;
      } catch {
        if (this.exited) throw new Error(this.exited);
      } finally {
        this.iopubListeners.clear();
      }
    }
    throw new Error(`the kernel did not answer within ${timeoutMs / 1000} s` +
      (this.stderrTail.trim() ? `; its output:\n${this.stderrTail.trim()}` : ""));
  }

  async execute(code: string, onIOPub: (msg: IOPubMessage) => void): Promise<ExecuteReply> {
    let idle!: () => void;
    const idleSeen = new Promise<void>((r) => { idle = r; });
    const reply = await this.request(this.shell, "execute_request", {
      code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    }, 0, (m) => {
      if (m.header.msg_type === "status" && (m.content as { execution_state?: string }).execution_state === "idle") idle();
      else onIOPub({ msg_type: m.header.msg_type, content: m.content as Record<string, any> });
    });
    // Outputs may trail the reply on another socket; the idle status closes the request on IOPub.
    await Promise.race([idleSeen, new Promise<void>((_, rej) => {
      if (this.exited) rej(new Error(this.exited)); else this.exitWaiters.push((why) => rej(new Error(why)));
    })]);
    this.iopubListeners.delete((reply.parent_header as { msg_id?: string }).msg_id ?? "");
    return reply.content as unknown as ExecuteReply;
  }

  async interrupt(): Promise<void> {
    if (this.exited) return;
    if (this.spec.interrupt_mode === "message") {
      await this.request(this.control, "interrupt_request", {}, 5000).catch(() => this.child.kill("SIGINT"));
    } else {
      this.child.kill("SIGINT");
    }
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    if (!this.exited) {
      await this.request(this.control, "shutdown_request", { restart: false }, 2000).catch(() => undefined);
      await new Promise<void>((resolve) => {
        if (this.exited) return resolve();
        const t = setTimeout(() => { this.child.kill("SIGKILL"); resolve(); }, 3000);
        this.exitWaiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    this.closed = true;
    for (const s of [this.shell, this.control, this.iopub]) s.close();
    fs.rmSync(this.connDir, { recursive: true, force: true });
  }
}

/** Starts the kernel described by `spec` in `cwd` and resolves once it answers on every channel. */
export async function startLocalKernel(opts: LocalKernelOptions): Promise<KernelSession> {
  const info = await newConnectionInfo(opts.name);
  const connDir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-kernel-"));
  const connFile = path.join(connDir, "kernel.json");
  fs.writeFileSync(connFile, JSON.stringify(info, null, 1), { mode: 0o600 });
  const argv = opts.spec.argv.map((a) => a.replace("{connection_file}", connFile));
  const child = spawn(argv[0], argv.slice(1), {
    cwd: opts.cwd, env: { ...process.env, ...opts.spec.env }, stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const session = new LocalKernelSession(child, info, opts.spec, connDir, opts.name);
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (e) => reject(new Error(`cannot start ${argv[0]}: ${e.message}`)));
  }).catch(async (e) => { await session.shutdown(); throw e; });
  try {
    await session.waitReady(opts.startupTimeoutMs ?? 60_000);
  } catch (e) {
    await session.shutdown();
    throw e;
  }
  return session;
}
