/**
 * A minimal Jupyter client over zeromq: starts a kernel process from its argv (ours, tslab, ipykernel),
 * sends signed requests and collects the iopub messages of each request until its `idle`.
 * Used by the kernel tests and bench/kernel-startup.ts.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import * as zmq from "zeromq";
import { decode, encode, endpoint, makeHeader, Signer, type ConnectionInfo, type Message } from "./wire";

/** Ports the OS reports free on 127.0.0.1. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<net.Server>((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export async function newConnection(key = crypto.randomBytes(16).toString("hex")): Promise<ConnectionInfo> {
  const [shell, iopub, stdin, control, hb] = (await freePorts(5)) as [number, number, number, number, number];
  return { transport: "tcp", ip: "127.0.0.1", key, signature_scheme: "hmac-sha256", shell_port: shell, iopub_port: iopub, stdin_port: stdin, control_port: control, hb_port: hb };
}

export interface RequestOptions {
  channel?: "shell" | "control";
  timeoutMs?: number;
  /** For messages that get no reply (comm_open, comm_msg): wait for `idle` only. */
  noReply?: boolean;
}

export interface Reply {
  reply: Message;
  /** iopub messages with this request as parent, excluding status. */
  outputs: Message[];
}

export class KernelClient {
  readonly shell = new zmq.Dealer();
  readonly control = new zmq.Dealer();
  readonly iopub = new zmq.Subscriber();
  readonly signer: Signer;
  readonly session = crypto.randomUUID();
  private readonly replies = new Map<string, (m: Message) => void>();
  private readonly iopubByParent = new Map<string, Message[]>();
  private readonly idleWaiters = new Map<string, () => void>();
  /** Every iopub message received, in order (for tests that look at status sequences). */
  readonly allIopub: Message[] = [];

  constructor(readonly conn: ConnectionInfo) {
    this.signer = new Signer(conn.key, conn.signature_scheme);
    this.shell.connect(endpoint(conn, conn.shell_port));
    this.control.connect(endpoint(conn, conn.control_port));
    this.iopub.connect(endpoint(conn, conn.iopub_port));
    this.iopub.subscribe();
    void this.pump(this.shell);
    void this.pump(this.control);
    void this.pumpIopub();
  }

  private async pump(sock: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of sock) {
        const m = decode(frames, this.signer);
        const parent = (m.parent_header as { msg_id?: string }).msg_id ?? "";
        this.replies.get(parent)?.(m);
      }
    } catch {
      // socket closed
    }
  }

  private async pumpIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const m = decode(frames, this.signer);
        this.allIopub.push(m);
        const parent = (m.parent_header as { msg_id?: string }).msg_id ?? "";
        if (m.header.msg_type === "status") {
          if ((m.content as { execution_state?: string }).execution_state === "idle") this.idleWaiters.get(parent)?.();
          continue;
        }
        const list = this.iopubByParent.get(parent) ?? [];
        list.push(m);
        this.iopubByParent.set(parent, list);
      }
    } catch {
      // socket closed
    }
  }

  /** Raw frames of a signed request (tests tamper with them). */
  frames(msgType: string, content: object, signer: Signer = this.signer): { id: string; frames: Buffer[] } {
    const header = { ...makeHeader(msgType, this.session), username: "test" };
    return { id: header.msg_id, frames: encode({ header, parent_header: {}, metadata: {}, content }, signer, []) };
  }

  /** Sends a request and resolves with its reply and its iopub outputs (after `idle`). */
  async request(msgType: string, content: object, opts: RequestOptions = {}): Promise<Reply> {
    const { id, frames } = this.frames(msgType, content);
    return this.sendAndWait(id, frames, opts);
  }

  async sendAndWait(id: string, frames: Buffer[], opts: RequestOptions = {}): Promise<Reply> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const reply = opts.noReply ? Promise.resolve(undefined as unknown as Message) : new Promise<Message>((resolve) => this.replies.set(id, resolve));
    const idle = new Promise<void>((resolve) => this.idleWaiters.set(id, resolve));
    await this.send(opts.channel === "control" ? this.control : this.shell, frames);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no reply/idle for ${id} within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const [r] = await Promise.race([Promise.all([reply, idle]), timeout]);
      return { reply: r, outputs: this.iopubByParent.get(id) ?? [] };
    } finally {
      clearTimeout(timer);
      this.replies.delete(id);
      this.idleWaiters.delete(id);
    }
  }

  private sending: Promise<void> = Promise.resolve();

  /** zeromq allows one pending send per socket: concurrent requests queue here. */
  send(sock: zmq.Dealer, frames: Buffer[]): Promise<void> {
    const p = this.sending.then(() => sock.send(frames));
    this.sending = p.catch(() => undefined);
    return p;
  }

  execute(code: string, extra: object = {}, timeoutMs?: number): Promise<Reply> {
    return this.request("execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra }, { timeoutMs });
  }

  /** Sends kernel_info_request until a reply and an iopub message arrive (iopub may join late). */
  async waitReady(timeoutMs = 30_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const r = await this.request("kernel_info_request", {}, { timeoutMs: 1000 });
        return r.reply;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
  }

  close(): void {
    for (const s of [this.shell, this.control, this.iopub]) s.close();
  }
}

export interface StartedKernel {
  proc: ChildProcess;
  conn: ConnectionInfo;
  connectionFile: string;
  client: KernelClient;
  stderr: () => string;
  /** Kills the process (if still running) and closes the client. */
  stop(): Promise<void>;
}

/** Starts `argv` ("{connection_file}" is replaced) with a fresh connection file and a connected client. */
export async function startKernel(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; key?: string } = {}): Promise<StartedKernel> {
  const conn = await newConnection(opts.key);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-kernel-"));
  const connectionFile = path.join(dir, "connection.json");
  fs.writeFileSync(connectionFile, JSON.stringify(conn));
  const [cmd, ...args] = argv.map((a) => a.replace("{connection_file}", connectionFile));
  const proc = spawn(cmd!, args, { cwd: opts.cwd ?? dir, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  proc.stdout!.on("data", (d: Buffer) => (err += d.toString()));
  const client = new KernelClient(conn);
  const stop = async () => {
    client.close();
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGKILL");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { proc, conn, connectionFile, client, stderr: () => err, stop };
}
