/**
 * Runs a kernel on an existing Jupyter server (JupyterLab, Notebook, JupyterHub single-user server) through
 * @jupyterlab/services, with the `ws` package as Node's WebSocket.
 */
import { KernelManager, ServerConnection, Session, SessionManager } from "@jupyterlab/services";
import WebSocket from "ws";
import { executeReply, iopubMessage, type ExecuteReply, type IOPubMessage, type KernelSession } from "./session";

export interface ServerKernelOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:8888/ or https://hub.example.org/user/me/ */
  url: string;
  token: string;
  kernelName: string;
  /** The session path shown in the server's running sessions (the notebook's file name). */
  path: string;
  startupTimeoutMs?: number;
}

class ServerKernelSession implements KernelSession {
  readonly description: string;
  private closed = false;

  constructor(private readonly session: Session.ISessionConnection, private readonly kernels: KernelManager,
              private readonly sessions: SessionManager, url: string) {
    this.description = `kernel ${session.kernel?.name} on ${url}`;
  }

  private get kernel() {
    const k = this.session.kernel;
    if (!k) throw new Error("the server session has no kernel");
    return k;
  }

  async execute(code: string, onIOPub: (msg: IOPubMessage) => void): Promise<ExecuteReply> {
    const future = this.kernel.requestExecute({ code, silent: false, store_history: true, allow_stdin: false, stop_on_error: true });
    let malformed: Error | undefined;
    future.onIOPub = (msg) => {
      try {
        if (msg.header.msg_type !== "status") onIOPub(iopubMessage(msg.header.msg_type, msg.content));
      } catch (e) {
        malformed ??= e as Error; // fails this cell once the request is done, like the local client
      }
    };
    const reply = await future.done;
    if (malformed) throw malformed;
    return executeReply(reply.content);
  }

  async interrupt(): Promise<void> {
    await this.kernel.interrupt();
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.session.shutdown();
    } finally {
      this.sessions.dispose();
      this.kernels.dispose();
    }
  }
}

/** Starts a session with a new kernel on the server and waits until the kernel answers kernel_info. */
export async function startServerKernel(opts: ServerKernelOptions): Promise<KernelSession> {
  const base = opts.url.endsWith("/") ? opts.url : `${opts.url}/`;
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: base, wsUrl: base.replace(/^http/, "ws"), token: opts.token, appendToken: true,
    WebSocket: WebSocket as never, fetch: globalThis.fetch as never, Request: globalThis.Request as never,
    Headers: globalThis.Headers as never,
  });
  const kernels = new KernelManager({ serverSettings });
  const sessions = new SessionManager({ kernelManager: kernels, serverSettings });
  let conn: Session.ISessionConnection | undefined;
  try {
    await sessions.ready;
    conn = await sessions.startNew({ path: opts.path, type: "notebook", name: opts.path, kernel: { name: opts.kernelName } });
    const kernel = conn.kernel;
    if (!kernel) throw new Error("the server started a session without a kernel");
    const timeout = opts.startupTimeoutMs ?? 60_000;
    await Promise.race([
      kernel.info,
      new Promise((_, rej) => setTimeout(() => rej(new Error(`the kernel did not answer within ${timeout / 1000} s`)), timeout).unref()),
    ]);
    return new ServerKernelSession(conn, kernels, sessions, base);
  } catch (e) {
    await conn?.shutdown().catch(() => undefined);
    sessions.dispose();
    kernels.dispose();
    throw new Error(describeServerError(e, base, opts.kernelName));
  }
}

/** Turns @jupyterlab/services errors (ResponseError with a JSON body, fetch failures) into one clear line. */
function describeServerError(e: unknown, url: string, kernelName: string): string {
  const err = e as { message?: string; response?: { status?: number }; cause?: { code?: string } };
  const status = err.response?.status;
  if (status === 403 || status === 401) return `the server at ${url} refused the token (HTTP ${status})`;
  if (err.cause?.code === "ECONNREFUSED" || /fetch failed/.test(err.message ?? "")) return `cannot reach a Jupyter server at ${url}`;
  if (/No such kernel|kernel.*not found/i.test(err.message ?? "")) {
    return `the server at ${url} has no kernel named ${kernelName} (install it there with: npx scalinglab install --sys-prefix)`;
  }
  return `server error at ${url}: ${err.message ?? String(e)}`;
}
