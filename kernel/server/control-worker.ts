/**
 * Heartbeat, control channel and the iopub socket, served from a worker thread: while a cell busy-loops the
 * main thread cannot run JavaScript, yet Jupyter must still see the heartbeat, get interrupt/shutdown replies
 * and receive the cell's output as it is produced (see iopub.ts).
 * An interrupt is a message to the main thread, which aborts asynchronous work; when the main thread is stuck in
 * synchronous code, also SIGINT to our own process: tslab runs cells with vm `breakOnSigint`, which stops it.
 */
import { parentPort, workerData } from "node:worker_threads";
import * as zmq from "zeromq";
import type { MessagePort } from "node:worker_threads";
import { Channel, frameMessage, iopubTopic } from "./channel";
import { IopubPublisher, SEND_HIGH_WATER_MARK } from "./iopub";
import { build, type KernelInfoReply } from "./messages";
import { decode, endpoint, SeenSignatures, Signer, type ConnectionInfo, type Message } from "./wire";
import { log } from "../log";
import { contentErrorContent, ContentError, parseContent } from "./contents";
import { ACKED, REQUESTED } from "./interrupts";

export interface ControlWorkerData {
  connection: ConnectionInfo;
  session: string;
  kernelInfo: KernelInfoReply;
  /** The main thread's iopub messages arrive here (transferred). */
  iopubPort: MessagePort;
  /** IopubSender's count of messages handed over and not yet sent. */
  iopubQueued: SharedArrayBuffer;
  /** The interrupt counters (see interrupts.ts). */
  interrupts: SharedArrayBuffer;
}

/** What the worker tells the main thread. */
export type ControlEvent =
  | { type: "ready" }
  /** An interrupt_request: the main thread aborts awaits and library workers (and acknowledges, see ACKED). */
  | { type: "interrupt" }
  | { type: "shutdown"; restart: boolean };

const data = workerData as ControlWorkerData;
const interrupts = new Int32Array(data.interrupts);
const post = (e: ControlEvent) => parentPort!.postMessage(e);

async function heartbeat(sock: zmq.Reply): Promise<void> {
  for await (const frames of sock) await sock.send(frames);
}

async function control(sock: zmq.Router, channel: Channel, signer: Signer, iopub: IopubPublisher): Promise<void> {
  const seen = new SeenSignatures();
  const status = (state: "busy" | "idle", parent: Message) =>
    iopub.push(frameMessage(build.status(state), parent, data.session, signer, [iopubTopic(data.session, "status")]));
  for await (const frames of sock) {
    let msg: Message;
    try {
      msg = decode(frames, signer, seen);
    } catch (e) {
      log(`control: dropped message: ${(e as Error).message}`);
      continue;
    }
    const type = msg.header.msg_type;
    status("busy", msg);
    try {
      handle(msg, channel);
    } catch (e) {
      // A malformed request (ContentError) or a failed reply must not end the control loop.
      const err = e instanceof ContentError ? contentErrorContent(e) : { ename: "Error", evalue: (e as Error).message, traceback: [] };
      log(`control: ${type} failed: ${err.evalue}`);
      channel.send(build.errorReply(type.replace(/_request$/, "_reply"), err), msg);
    }
    status("idle", msg);
  }
}

function handle(msg: Message, channel: Channel): void {
  const type = msg.header.msg_type;
  switch (type) {
    case "interrupt_request": {
      // The main thread acknowledges the message when it is free to run JavaScript; only if it does not within
      // 50 ms is it stuck in synchronous code, which SIGINT breaks (vm breakOnSigint). A SIGINT sent always would
      // arrive late after an await was interrupted and break the next cell.
      const n = Atomics.add(interrupts, REQUESTED, 1) + 1;
      channel.send(build.interruptReply(), msg);
      post({ type: "interrupt" });
      const deadline = Date.now() + 50;
      for (let acked = Atomics.load(interrupts, ACKED); acked < n && Date.now() < deadline; acked = Atomics.load(interrupts, ACKED)) {
        Atomics.wait(interrupts, ACKED, acked, deadline - Date.now());
      }
      if (Atomics.load(interrupts, ACKED) < n) process.kill(process.pid, "SIGINT");
      break;
    }
    case "shutdown_request": {
      const { restart } = parseContent(type, msg.content);
      channel.send(build.shutdownReply(restart), msg);
      post({ type: "shutdown", restart });
      // A cell stuck in a loop cannot see the message: break the loop, and as a last resort terminate.
      setTimeout(() => process.kill(process.pid, "SIGINT"), 200).unref();
      setTimeout(() => process.kill(process.pid, "SIGTERM"), 3000).unref();
      break;
    }
    case "kernel_info_request":
      channel.send(build.kernelInfoReply(data.kernelInfo), msg);
      break;
    default:
      log(`control: unsupported ${type}`);
      channel.send(build.errorReply(type.replace(/_request$/, "_reply"),
        { ename: "NotImplemented", evalue: `${type} is not supported by scalinglab`, traceback: [] }), msg);
  }
}

async function main(): Promise<void> {
  const c = data.connection;
  const signer = new Signer(c.key, c.signature_scheme);
  const hb = new zmq.Reply();
  const ctl = new zmq.Router({ handover: true }); // see the shell socket in kernel.ts
  const pub = new zmq.Publisher({ noDrop: true, sendHighWaterMark: SEND_HIGH_WATER_MARK });
  await hb.bind(endpoint(c, c.hb_port));
  await ctl.bind(endpoint(c, c.control_port));
  await pub.bind(endpoint(c, c.iopub_port));
  const iopub = new IopubPublisher(pub, data.iopubPort, data.iopubQueued);
  post({ type: "ready" });
  parentPort!.on("message", (m: unknown) => {
    if (m !== "close") return;
    // The last status and outputs leave before the sockets close.
    void iopub.drain().then(() => {
      for (const s of [hb, ctl, pub]) s.close();
      process.exit(0); // ends this worker thread only
    });
  });
  await Promise.all([heartbeat(hb), control(ctl, new Channel(ctl, signer, data.session, "control"), signer, iopub)]);
}

main().catch((e: Error & { code?: string }) => {
  // Closing the sockets on shutdown ends the loops with EAGAIN/ETERM-like errors: not a failure.
  if (e.code !== "EAGAIN" && e.code !== "ETERM") log(`control worker failed: ${e.stack ?? e.message}`);
});
