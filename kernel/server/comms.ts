/**
 * Comms (Jupyter messaging 5.3, "Custom messages"): comm_open, comm_msg and comm_close in both directions,
 * comm_info_request, and the targets kernel-side code registers. The library reaches this through the host
 * contract (runtimeHooks().comms, typed in lib/core/runtime.ts), never by import.
 *
 * Handlers run on the main thread: between cells from the shell queue, and while a cell awaits straight from the
 * receive loop (kernel.ts), so never during synchronous cell code. Whatever a handler sends or prints, also from
 * its async continuations (timers, promises), has the comm message that caused it as parent (an
 * AsyncLocalStorage context). A handler that throws is logged and reported as a stderr stream; the kernel goes on.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as crypto from "node:crypto";
import type { Comm, CommHost, CommMessage, OutputSink } from "../../lib/internal";
import { runtimeError } from "../engine/traceback";
import { log } from "../log";
import { build, type Built } from "./messages";
import { parseContent } from "./contents";
import type { Message } from "./wire";

/** Where output produced in the current async context goes: a parent message, an Output widget's sink. */
export interface OutputContext {
  parent?: Message;
  sink?: OutputSink;
}

const context = new AsyncLocalStorage<OutputContext>();

/** The context of the running code (undefined: a cell's own code, whose output goes to the cell). */
export function outputContext(): OutputContext | undefined {
  return context.getStore();
}

/** Runs `fn` (and what it schedules) with `patch` merged into the current output context. */
export function withOutputContext<T>(patch: OutputContext, fn: () => T): T {
  return context.run({ ...context.getStore(), ...patch }, fn);
}

export const COMM_MESSAGE_TYPES: ReadonlySet<string> = new Set(["comm_open", "comm_msg", "comm_close", "comm_info_request"]);

export interface CommIo {
  /** Sends an iopub message with `parent` (null: the message that caused the current context, or the cell). */
  publish(b: Built, parent: Message | null): void;
  /** The reply to a shell request. */
  reply(b: Built, parent: Message): void;
  /** Flushes captured stdout/stderr before the output parent changes. */
  flush(): void;
}

type Target = (comm: Comm, msg: CommMessage) => void;

const toMessage = (msg: Message, data: unknown): CommMessage => ({
  data: (data ?? {}) as Record<string, unknown>,
  metadata: msg.metadata,
  buffers: msg.buffers.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
});

class KernelComm implements Comm {
  closed = false;
  onMsg?: (msg: CommMessage) => void | Promise<void>;
  onClose?: (msg: CommMessage) => void;

  constructor(readonly commId: string, readonly targetName: string, private readonly owner: Comms) {}

  send(data: Record<string, unknown>, metadata: Record<string, unknown> = {}): void {
    if (this.closed) throw new Error(`comm ${this.commId} (${this.targetName}) is closed`);
    this.owner.io.publish(build.commMsg(this.commId, data, metadata), null);
  }

  close(data: Record<string, unknown> = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.owner.forget(this.commId);
    this.owner.io.publish(build.commClose(this.commId, data), null);
  }
}

export class Comms implements CommHost {
  private readonly comms = new Map<string, KernelComm>();
  private readonly targets = new Map<string, Target>();

  constructor(readonly io: CommIo) {}

  open(targetName: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}, commId?: string): Comm {
    const comm = new KernelComm(commId ?? crypto.randomUUID().replace(/-/g, ""), targetName, this);
    this.comms.set(comm.commId, comm);
    this.io.publish(build.commOpen(comm.commId, targetName, data, metadata), null);
    return comm;
  }

  registerTarget(targetName: string, handler: Target): void {
    this.targets.set(targetName, handler);
  }

  unregisterTarget(targetName: string): void {
    this.targets.delete(targetName);
  }

  forget(commId: string): void {
    this.comms.delete(commId);
  }

  /** The open comms, optionally only those of one target (comm_info_reply). */
  info(targetName: string | null): Record<string, { target_name: string }> {
    const out: Record<string, { target_name: string }> = {};
    for (const c of this.comms.values()) if (targetName === null || c.targetName === targetName) out[c.commId] = { target_name: c.targetName };
    return out;
  }

  /** Handles one comm message or comm_info_request from the shell channel. */
  handle(msg: Message): void {
    const type = msg.header.msg_type;
    switch (type) {
      case "comm_info_request":
        return this.io.reply(build.commInfoReply(this.info(parseContent(type, msg.content).target_name)), msg);
      case "comm_open": {
        const c = parseContent(type, msg.content);
        const target = this.targets.get(c.target_name);
        if (!target) {
          log(`comm_open for unknown target ${c.target_name}: closing`);
          return this.io.publish(build.commClose(c.comm_id), msg);
        }
        const comm = new KernelComm(c.comm_id, c.target_name, this);
        this.comms.set(comm.commId, comm);
        return this.run(msg, `comm target ${c.target_name}`, () => target(comm, toMessage(msg, c.data)));
      }
      case "comm_msg": {
        const c = parseContent(type, msg.content);
        const comm = this.comms.get(c.comm_id);
        if (!comm) return log(`comm_msg for unknown comm ${c.comm_id}: ignored`);
        return this.run(msg, `comm ${comm.targetName} message handler`, () => comm.onMsg?.(toMessage(msg, c.data)));
      }
      case "comm_close": {
        const c = parseContent(type, msg.content);
        const comm = this.comms.get(c.comm_id);
        if (!comm) return;
        comm.closed = true;
        this.comms.delete(c.comm_id);
        return this.run(msg, `comm ${comm.targetName} close handler`, () => comm.onClose?.(toMessage(msg, c.data)));
      }
    }
  }

  /** Runs a handler with `parent` as the parent of everything it causes; failures are reported, never thrown. */
  private run(parent: Message, what: string, fn: () => unknown): void {
    const fail = (e: unknown) => {
      const err = runtimeError(e, "<comm>");
      const text = `${what} failed: ${err.traceback.join("\n")}`;
      log(text);
      this.io.flush();
      this.io.publish(build.stream("stderr", text.endsWith("\n") ? text : `${text}\n`), parent);
    };
    this.io.flush();
    withOutputContext({ parent }, () => {
      try {
        const out = fn();
        if (out instanceof Promise) out.catch(fail);
      } catch (e) {
        fail(e);
      } finally {
        // What the handler printed leaves now, with the handler's message as parent.
        this.io.flush();
      }
    });
  }
}
