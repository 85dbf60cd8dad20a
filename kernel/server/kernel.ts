/**
 * The scalinglab kernel process: shell and stdin on the main thread (where cells run), heartbeat, control
 * and the iopub socket in a worker (see control-worker.ts and iopub.ts). Shell requests are handled one at a time in arrival order,
 * like ipykernel; a failed cell aborts the execute_requests queued behind it unless stop_on_error is false.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { setImmediate, setTimeout } from "node:timers";
import { MessageChannel, Worker } from "node:worker_threads";
import * as zmq from "zeromq";
import { Channel, frameMessage, iopubTopic } from "./channel";
import { IopubSender, newQueueCounter } from "./iopub";
import { build, type Built, type ErrorContent, type KernelInfoReply, type MimeData } from "./messages";
import { decode, endpoint, readConnectionFile, SeenSignatures, Signer, type ConnectionInfo, type Message } from "./wire";
import { log } from "../log";
import { projectRoot } from "../root";
import { saveCodeCache } from "../engine/codecache";
import { StreamCapture } from "./streams";
import { runtimeError } from "../engine/traceback";
import { TypeScriptLanguage, type ExecuteOutcome } from "../engine/language";
import type { RemoteConverter } from "../engine/engine";
import { renderBundle, textPlain } from "../engine/render";
import { History } from "./history";
import { ContentError, contentErrorContent, parseContent, type Content } from "./contents";
import { ProgressDisplays } from "./display";
import { runtimeHooks, setCellHost, type CellHost, type DisplayOptions } from "../engine/host";
import type { ControlEvent, ControlWorkerData } from "./control-worker";
import { ACKED, newInterruptCounters, REQUESTED } from "./interrupts";
import { COMM_MESSAGE_TYPES, Comms, outputContext, withOutputContext } from "./comms";
import { installInterruptibleCallbacks } from "../engine/interruptible";
import { codeTooLarge, truncatedEcho } from "./limits";

export const PROJECT_ROOT = projectRoot();

/** The real process.exit, for the kernel itself; cells get the refusal below. */
const exitProcess: (code?: number) => never = process.exit.bind(process);

/**
 * process.exit(n) from a cell (or a callback it scheduled) is refused with this error: exiting under the open
 * zeromq sockets aborts the process (SIGABRT) and loses the cell's output. The kernel ends by shutdown only.
 */
export class KernelExitError extends Error {
  override name = "KernelExitError";
  constructor(code: unknown) {
    super(`process.exit(${code === undefined ? "" : String(code)}) would end the kernel, so a cell may not call it: ` +
      `throw an error to fail the cell (scalinglab run then exits 1), or restart or shut down the kernel from the notebook`);
  }
}

/** Output target of one execute_request (stays the target of late async output until the next one). */
interface Cell {
  parent: Message;
  silent: boolean;
  pending: Promise<unknown>[];
  progress: ProgressDisplays;
  abort: AbortController;
  /** Until its reply is sent, uncaught errors and unhandled rejections are this cell's failure. */
  open: boolean;
  failures: { what: string; e: unknown }[];
  /** The frontend answers input_request (execute_request's allow_stdin). */
  allowStdin: boolean;
  /** interrupt_requests received before the cell began: those are not for it. */
  interruptsBefore: number;
}

export function kernelInfo(): KernelInfoReply {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string; homepage?: string };
  const tsVersion = (require("@tslab/typescript-for-tslab/package.json") as { version: string }).version;
  return {
    status: "ok",
    protocol_version: "5.3",
    implementation: "scalinglab",
    implementation_version: pkg.version,
    language_info: {
      name: "typescript",
      version: tsVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: "typescript",
      pygments_lexer: "typescript",
      nbconvert_exporter: "script",
    },
    banner:
      `scalinglab ${pkg.version}: TypeScript ${tsVersion} (tslab engine) on Node.js ${process.version}.\n` +
      "help() lists every law, fitter, rule and dataset in scope; help(x) shows one (also Shift-Tab on a name).\n" +
      "Also in scope: display(x) (and display.markdown/latex/html/json), clearOutput(), await input(), time, timeit, await sleep(ms), math.",
    // Web pages only: the frontend opens these in a browser tab, where a file:// link opens nothing. The project's
    // own page is listed once package.json names one (`homepage`); until then help() is the documentation.
    help_links: [
      ...(pkg.homepage ? [{ text: "scalinglab documentation", url: pkg.homepage }] : []),
      { text: "Jupyter documentation", url: "https://docs.jupyter.org/en/latest/" },
      { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/" },
      { text: "mathjs reference", url: "https://mathjs.org/docs/reference/functions.html" },
      { text: "Node.js API", url: "https://nodejs.org/docs/latest-v20.x/api/" },
      { text: "Kaplan et al. 2020 (arXiv:2001.08361)", url: "https://arxiv.org/abs/2001.08361" },
      { text: "Hoffmann et al. 2022, Chinchilla (arXiv:2203.15556)", url: "https://arxiv.org/abs/2203.15556" },
    ],
    debugger: false,
  };
}

export class Kernel {
  private readonly conn: ConnectionInfo;
  private readonly signer: Signer;
  private readonly seen = new SeenSignatures();
  private readonly session = crypto.randomUUID();
  private readonly info = kernelInfo();
  // handover: a client reconnecting with the identity of a dead connection gets the replies (as ipykernel).
  private readonly shell = new zmq.Router({ handover: true });
  private readonly stdin = new zmq.Router({ handover: true });
  private shellOut!: Channel;
  private stdinOut!: Channel;
  /** The cell's input() waiting for the frontend's input_reply (one at a time, as in ipykernel). */
  private pendingInput: { cell: Cell; resolve: (value: string) => void; reject: (e: Error) => void } | null = null;
  private iopub!: IopubSender;
  private worker!: Worker;
  private language!: TypeScriptLanguage;
  private readonly capture = new StreamCapture();
  private readonly history = new History();
  private readonly queue: Message[] = [];
  private wake: (() => void) | null = null;
  private executionCount = 0;
  private cell: Cell | null = null;
  private running = false;
  private closing = false;
  private comms!: Comms;
  /** Shared with the control worker: interrupt_requests so far and those this thread has taken (REQUESTED, ACKED). */
  private readonly interrupts = newInterruptCounters();

  /** `checker`: the type checker's worker, started before this module loaded (see main.ts). */
  constructor(connectionFile: string, private readonly checker?: RemoteConverter) {
    this.conn = readConnectionFile(connectionFile);
    this.signer = new Signer(this.conn.key, this.conn.signature_scheme);
  }

  async start(): Promise<void> {
    const t0 = performance.now();
    this.language = new TypeScriptLanguage(process.cwd(), PROJECT_ROOT, this.checker);
    const c = this.conn;
    await this.shell.bind(endpoint(c, c.shell_port));
    await this.stdin.bind(endpoint(c, c.stdin_port));
    this.shellOut = new Channel(this.shell, this.signer, this.session, "shell");
    this.stdinOut = new Channel(this.stdin, this.signer, this.session, "stdin");
    this.startWorker();
    this.installProcessHooks();
    this.installComms();
    this.publish(build.status("starting"), null);
    void this.receive();
    void this.receiveStdin();
    const t1 = performance.now();
    await this.language.preload();
    log(`ready ${performance.now().toFixed(0)} ms after process start (engine + sockets ${(t1 - t0).toFixed(0)} ms, ` +
      `library + type check ${(performance.now() - t1).toFixed(0)} ms)`);
    await this.serve();
  }

  private startWorker(): void {
    const { port1, port2 } = new MessageChannel();
    const iopubQueued = newQueueCounter();
    this.iopub = new IopubSender(port1, iopubQueued);
    const data: ControlWorkerData = {
      connection: this.conn, session: this.session, kernelInfo: this.info, iopubPort: port2, iopubQueued, interrupts: this.interrupts.buffer as SharedArrayBuffer,
    };
    this.worker = new Worker(path.join(__dirname, "control-worker.js"), { workerData: data, transferList: [port2] });
    this.worker.on("message", (e: ControlEvent) => {
      if (e.type === "interrupt") {
        Atomics.store(this.interrupts, ACKED, Atomics.load(this.interrupts, REQUESTED));
        Atomics.notify(this.interrupts, ACKED);
        this.interruptRequested();
      }
      else if (e.type === "shutdown") this.shutdown();
    });
    this.worker.on("error", (e) => log(`control worker error: ${e.stack ?? e.message}`));
    this.worker.unref();
  }

  private interrupt(): void {
    if (!this.running) return;
    this.cell?.abort.abort();
    this.language?.interrupt();
  }

  /**
   * An interrupt_request interrupts the cell that was running when it came, never a later one: its message can
   * arrive after a SIGINT already ended that cell and the next one began.
   */
  private interruptRequested(): void {
    if (this.cell && Atomics.load(this.interrupts, REQUESTED) > this.cell.interruptsBefore) this.interrupt();
  }

  /** SIGINT: the control worker's for a request this thread has not taken yet, or from outside (Ctrl-C, signal mode). */
  private onSigint(): void {
    if (Atomics.load(this.interrupts, REQUESTED) > Atomics.load(this.interrupts, ACKED)) this.interruptRequested();
    else this.interrupt();
  }

  private installProcessHooks(): void {
    this.capture.install();
    // Callbacks that cells schedule run under breakOnSigint too, so an interrupt stops a loop inside them.
    // SIGINT (from the control worker or a signal) that comes while no cell or callback runs reaches onSigint
    // through the keeper: interrupts awaits. Synchronous code is stopped by vm's breakOnSigint itself.
    installInterruptibleCallbacks(() => this.onSigint()).catch((e: Error) => log(`SIGINT keeper failed: ${e.stack ?? e.message}`));
    process.exit = ((code?: number) => {
      throw new KernelExitError(code);
    }) as typeof process.exit;
    // Errors in callbacks that cell code scheduled must not kill the kernel. Until a cell's reply is sent they
    // fail that cell; later ones go at once to the stderr stream of the cell that ran last, and to the log.
    const report = (what: string) => (e: unknown) => {
      const cell = this.cell;
      if (cell?.open) return void cell.failures.push({ what, e });
      const text = `${what} after the cell finished: ${runtimeError(e, "<async>").traceback.join("\n")}`;
      log(text);
      if (cell && !cell.silent) {
        this.capture.flush(); // what the callback printed before it failed comes first
        this.publish(build.stream("stderr", text + "\n"), cell.parent);
      }
    };
    process.on("uncaughtException", report("Uncaught exception"));
    process.on("unhandledRejection", report("Unhandled promise rejection"));
  }

  /** The comm manager and output capture, given to the library through its runtime hooks before it loads. */
  private installComms(): void {
    this.comms = new Comms({
      publish: (b, parent) => this.publish(b, parent ?? outputContext()?.parent ?? this.cell?.parent ?? null),
      reply: (b, parent) => this.reply(b, parent),
      flush: () => this.capture.flush(),
    });
    const hooks = runtimeHooks();
    hooks.comms = this.comms;
    hooks.captureOutput = (sink, fn) => withOutputContext({ sink }, fn);
    this.capture.redirect = () => {
      const sink = outputContext()?.sink;
      return sink && ((name, text) => sink.add({ output_type: "stream", name, text }));
    };
  }

  /** A comm message that arrives while a cell awaits is handled at once (a slider moved during a long cell). */
  private handleCommNow(msg: Message): void {
    const cellParent = this.cell?.parent ?? null;
    this.publish(build.status("busy"), msg);
    try {
      this.comms.handle(msg);
    } catch (e) {
      const err = e instanceof ContentError ? contentErrorContent(e) : runtimeError(e, "<kernel>");
      log(`shell: ${msg.header.msg_type} failed: ${err.traceback.join("\n")}`);
      this.replyFailure(msg, err);
    }
    this.publish(build.status("idle"), msg);
    // The cell is still running: keep the frontend's indicator busy.
    this.publish(build.status("busy"), cellParent);
  }

  /** Pulls shell messages into the queue as they arrive (also while a cell awaits). */
  private async receive(): Promise<void> {
    try {
      for await (const frames of this.shell) {
        try {
          const msg = decode(frames, this.signer, this.seen);
          if (this.running && COMM_MESSAGE_TYPES.has(msg.header.msg_type)) {
            this.handleCommNow(msg);
            continue;
          }
          this.queue.push(msg);
          this.wake?.();
        } catch (e) {
          log(`shell: dropped message: ${(e as Error).message}`);
        }
      }
    } catch (e) {
      if (!this.closing) log(`shell: receive failed: ${(e as Error).message}`);
    }
  }

  /** input_reply messages from the frontend: the answer to the pending input(). */
  private async receiveStdin(): Promise<void> {
    try {
      for await (const frames of this.stdin) {
        try {
          const msg = decode(frames, this.signer, this.seen);
          if (msg.header.msg_type !== "input_reply") throw new Error(`unexpected ${msg.header.msg_type}`);
          const { value } = parseContent("input_reply", msg.content);
          const pending = this.pendingInput;
          this.pendingInput = null;
          if (pending) pending.resolve(value);
          else log("stdin: input_reply with no input() waiting (interrupted?): ignored");
        } catch (e) {
          log(`stdin: dropped message: ${(e as Error).message}`);
        }
      }
    } catch (e) {
      if (!this.closing) log(`stdin: receive failed: ${(e as Error).message}`);
    }
  }

  /** Sends input_request for the running cell and resolves with the frontend's answer; an interrupt rejects it. */
  private requestInput(cell: Cell, prompt: string, password: boolean): Promise<string> {
    // A newer request replaces one left waiting (an input() that was never awaited).
    this.pendingInput?.reject(new Error("input: replaced by a newer input() before an answer came"));
    this.capture.flush(); // what the cell printed before asking comes first
    return new Promise<string>((resolve, reject) => {
      const signal = cell.abort.signal;
      const onAbort = () => {
        this.pendingInput = null;
        reject(new Error("input: interrupted"));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      const settle = (f: () => void) => {
        signal.removeEventListener("abort", onAbort);
        f();
      };
      this.pendingInput = { cell, resolve: (v) => settle(() => resolve(v)), reject: (e) => settle(() => reject(e)) };
      this.stdinOut.send(build.inputRequest(prompt, password), cell.parent);
    });
  }

  private async next(): Promise<Message> {
    while (this.queue.length === 0) await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
    return this.queue.shift()!;
  }

  private async serve(): Promise<void> {
    while (!this.closing) {
      const msg = await this.next();
      this.publish(build.status("busy"), msg);
      try {
        await this.handle(msg);
      } catch (e) {
        // A malformed request is the sender's mistake: one line naming the field, never a stack.
        const err = e instanceof ContentError ? contentErrorContent(e) : runtimeError(e, "<kernel>");
        log(`shell: ${msg.header.msg_type} failed: ${err.traceback.join("\n")}`);
        this.replyFailure(msg, err);
      }
      this.publish(build.status("idle"), msg);
    }
  }

  private reply(b: Built, parent: Message): void {
    this.shellOut.send(b, parent);
  }

  /** The error reply to a request the kernel could not handle (execute_reply keeps its execution_count). */
  private replyFailure(msg: Message, err: ErrorContent): void {
    const type = msg.header.msg_type;
    if (type === "execute_request") this.reply(build.executeReplyError(this.executionCount, err), msg);
    else if (type.endsWith("_request")) this.reply(build.errorReply(type.replace(/_request$/, "_reply"), err), msg);
  }

  /** iopub message with `parent`; captured output is flushed first so messages stay in order. */
  private publish(b: Built, parent: Message | null): void {
    if (b.msgType !== "stream") this.capture.flush();
    this.iopub.send(frameMessage(b, parent, this.session, this.signer, [iopubTopic(this.session, b.msgType)]), b.msgType === "status");
  }

  private async handle(msg: Message): Promise<void> {
    const type = msg.header.msg_type;
    switch (type) {
      case "kernel_info_request":
        return this.reply(build.kernelInfoReply(this.info), msg);
      case "execute_request":
        return this.execute(msg, parseContent(type, msg.content));
      case "complete_request": {
        const c = parseContent(type, msg.content);
        return this.reply(build.completeReply(this.language.doComplete(c.code, c.cursor_pos)), msg);
      }
      case "inspect_request": {
        const c = parseContent(type, msg.content);
        return this.reply(build.inspectReply(this.language.doInspect(c.code, c.cursor_pos)), msg);
      }
      case "is_complete_request":
        return this.reply(build.isCompleteReply(this.language.doIsComplete(parseContent(type, msg.content).code)), msg);
      case "history_request":
        return this.reply(build.historyReply(this.history.query(parseContent(type, msg.content))), msg);
      case "comm_info_request":
      case "comm_open":
      case "comm_msg":
      case "comm_close":
        return this.comms.handle(msg);
      case "shutdown_request":
        this.reply(build.shutdownReply(parseContent(type, msg.content).restart), msg);
        return this.shutdown();
      default:
        log(`shell: unsupported ${type}`);
        this.replyFailure(msg, { ename: "NotImplemented", evalue: `${type} is not supported by scalinglab`, traceback: [] });
    }
  }

  private async execute(msg: Message, c: Content<"execute_request">): Promise<void> {
    const { code, silent } = c;
    const storeHistory = !silent && c.store_history;
    const stopOnError = c.stop_on_error;
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    const tooLarge = codeTooLarge(code);
    if (tooLarge) return this.refuse(msg, count, silent, stopOnError, tooLarge, truncatedEcho(code));
    if (!silent) this.publish(build.executeInput(code, count), msg);

    const cell = this.beginCell(msg, silent, c.allow_stdin);
    this.running = true;
    let outcome: ExecuteOutcome;
    try {
      outcome = await this.language.doExecute(code, `In[${count}]`);
      if (outcome.status === "ok" && outcome.result && !silent) this.publish(build.executeResult(count, outcome.result), msg);
      // display() with an async renderer: its output belongs to this cell, and its failure too.
      await Promise.all(cell.pending);
    } catch (e) {
      outcome = { status: "error", error: runtimeError(e, `In[${count}]`) };
    } finally {
      this.running = false;
      cell.progress.close();
    }
    outcome = await this.settle(cell, outcome, `In[${count}]`);
    // An input() still waiting belongs to a cell that is over (an interrupt that came before its first await).
    // Dropped, not rejected: nothing awaits it, so a rejection would be reported as unhandled.
    if (this.pendingInput?.cell === cell) this.pendingInput = null;
    this.capture.flush();
    if (storeHistory) {
      const text = outcome.status === "ok" ? outcome.result?.["text/plain"] : undefined;
      this.history.add(count, code, typeof text === "string" ? text : null);
    }
    // After the first cell the compiler's hot paths are compiled: keep them for the next start.
    if (count === 1) setTimeout(saveCodeCache, 100).unref();
    if (outcome.status === "ok") return this.reply(build.executeReplyOk(count, outcome.page ? [build.pagePayload(outcome.page)] : []), msg);
    if (!silent) this.publish(build.error(outcome.error), msg);
    this.reply(build.executeReplyError(count, outcome.error), msg);
    if (stopOnError) await this.abortQueued();
  }

  /** A cell refused before it ran (too large): echoed in part, an error, no history. */
  private async refuse(msg: Message, count: number, silent: boolean, stopOnError: boolean, error: ErrorContent, echo: string): Promise<void> {
    if (!silent) {
      this.publish(build.executeInput(echo, count), msg);
      this.publish(build.error(error), msg);
    }
    this.reply(build.executeReplyError(count, error), msg);
    if (stopOnError) await this.abortQueued();
  }

  /**
   * Lets rejections the cell left unhandled surface (Node reports them after the microtasks of the turn that
   * rejected), then closes the cell: the first uncaught error or unhandled rejection fails an ok cell; on a
   * cell that failed anyway they are printed to its stderr.
   */
  private async settle(cell: Cell, outcome: ExecuteOutcome, label: string): Promise<ExecuteOutcome> {
    await new Promise((r) => setImmediate(r));
    cell.open = false;
    const failures = cell.failures.map(({ what, e }) => {
      const err = runtimeError(e, label);
      return { ...err, traceback: [`${what} during ${label}:`, ...err.traceback] };
    });
    if (outcome.status === "ok" && failures.length > 0) outcome = { status: "error", error: failures.shift()! };
    for (const f of failures) process.stderr.write(f.traceback.join("\n") + "\n");
    return outcome;
  }

  /** Makes `msg` the target of output, display(), progress and interrupts. */
  private beginCell(parent: Message, silent: boolean, allowStdin: boolean): Cell {
    // Output of comm handlers (and what they schedule) has the comm message as parent.
    const send = (b: Built) => {
      const ctx = outputContext()?.parent;
      if (ctx) this.publish(b, ctx);
      else if (!cell.silent) this.publish(b, cell.parent);
    };
    // Inside an Output widget's capture, new outputs go to the widget (updates of named outputs still go out).
    const sinkOf = (update?: boolean) => (update ? undefined : outputContext()?.sink);
    const emit = (data: MimeData, target: { displayId?: string; update?: boolean }) => {
      if (target.update && !target.displayId) throw new TypeError("display: { update: true } needs the displayId of the output to replace");
      const sink = sinkOf(target.update);
      if (sink) sink.add({ output_type: "display_data", data, metadata: {} });
      else send(target.update ? build.updateDisplayData(data, target.displayId!) : build.displayData(data, target.displayId));
    };
    const cell: Cell = {
      parent,
      silent,
      pending: [],
      abort: new AbortController(),
      open: true,
      failures: [],
      allowStdin,
      interruptsBefore: Atomics.load(this.interrupts, REQUESTED),
      progress: new ProgressDisplays((data, id, update) => send(update ? build.updateDisplayData(data, id) : build.displayData(data, id))),
    };
    this.cell = cell;
    this.capture.setSink((name, text) => send(build.stream(name, text)));
    const host: CellHost = {
      display: (value: unknown, opts: DisplayOptions) => {
        if (opts.update && !opts.displayId) throw new TypeError("display: { update: true } needs the displayId of the output to replace");
        const show = (data: MimeData) => emit(data, opts);
        const data = opts.raw ? (value as MimeData) : renderBundle(value);
        // An async renderer's output is sent when ready; the cell waits for it (and fails if it throws).
        if (data instanceof Promise) cell.pending.push(data.then(show));
        else show(data);
      },
      clearOutput: (wait: boolean) => {
        const sink = sinkOf();
        if (sink) sink.clear(wait);
        else send(build.clearOutput(wait));
      },
      allowStdin,
      input: (prompt, password) => this.requestInput(cell, prompt, password),
    };
    setCellHost(host);
    const hooks = runtimeHooks();
    hooks.display = (bundle, target = {}) => emit("text/plain" in bundle ? bundle : { ...bundle, "text/plain": textPlain(bundle) }, target);
    hooks.progress = (e) => cell.progress.report(e);
    hooks.signal = cell.abort.signal;
    return cell;
  }

  /** After a failed cell: every execute_request already sent gets status "aborted" (messaging spec 5.3, as ipykernel). */
  private async abortQueued(): Promise<void> {
    // Let the receive loop pull what is already waiting in the socket.
    for (let stable = 0, n = -1; stable < 2; ) {
      await new Promise((r) => setImmediate(r));
      stable = this.queue.length === n ? stable + 1 : 0;
      n = this.queue.length;
    }
    const keep: Message[] = [];
    for (const m of this.queue.splice(0)) {
      if (m.header.msg_type !== "execute_request") {
        keep.push(m);
        continue;
      }
      this.publish(build.status("busy"), m);
      this.reply(build.executeReplyAbort(this.executionCount), m);
      this.publish(build.status("idle"), m);
    }
    this.queue.push(...keep);
  }

  private shutdown(): void {
    if (this.closing) return;
    this.closing = true;
    this.publish(build.status("idle"), null);
    // Let the reply and status leave before the sockets close.
    setTimeout(() => {
      try {
        this.language?.close();
      } catch (e) {
        log(`engine close: ${(e as Error).message}`);
      }
      for (const s of [this.shell, this.stdin]) s.close();
      this.worker.once("exit", () => exitProcess(0));
      this.worker.postMessage("close");
      setTimeout(() => exitProcess(0), 1000).unref();
    }, 50);
  }
}
