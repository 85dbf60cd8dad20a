/**
 * Replies on a zeromq v6 ROUTER socket from code that must not await: zeromq queues a message synchronously when
 * it can (so output gets out even while a cell busy-loops) and allows only one pending send, so later
 * messages wait in order behind a pending one.
 */
import type * as zmq from "zeromq";
import { encode, makeHeader, type Header, type Message, type Signer } from "./wire";
import type { Built } from "./messages";
import { log } from "../log";

/** Signed frames of `msg` as a child of `parent`; `prefix` is the ROUTER identities or the iopub topic. */
export function frameMessage(msg: Built, parent: Message | null, session: string, signer: Signer, prefix: readonly Buffer[]): Buffer[] {
  const parentHeader: Header | Record<string, never> = parent ? parent.header : {};
  return encode({ header: makeHeader(msg.msgType, session), parent_header: parentHeader, metadata: msg.metadata ?? {}, content: msg.content }, signer, prefix);
}

/** The iopub topic of a message, as ipykernel names them. */
export function iopubTopic(session: string, msgType: string): Buffer {
  return Buffer.from(`kernel.${session}.${msgType}`);
}

/** Replies on a ROUTER socket (shell, control). */
export class Channel {
  private readonly backlog: Buffer[][] = [];
  private pending: Promise<void> | null = null;

  constructor(
    readonly socket: zmq.Writable & zmq.Socket,
    private readonly signer: Signer,
    private readonly session: string,
    private readonly name: string,
  ) {}

  /** Sends `msg` as a reply to `parent`, through the identities it came from. */
  send(msg: Built, parent: Message): void {
    this.sendFrames(frameMessage(msg, parent, this.session, this.signer, parent.identities));
  }

  private sendFrames(frames: Buffer[]): void {
    if (this.backlog.length > 0) this.backlog.push(frames);
    else if (!this.trySend(frames)) this.backlog.push(frames);
  }

  /** False when the socket still has a send in flight (EBUSY): the frames must wait. */
  private trySend(frames: Buffer[]): boolean {
    let p: Promise<void>;
    try {
      p = this.socket.send(frames);
    } catch (e) {
      if ((e as { code?: string }).code === "EBUSY" || /busy/i.test((e as Error).message)) {
        this.pending?.then(() => this.drain(), () => this.drain());
        return false;
      }
      log(`${this.name}: send failed: ${(e as Error).message}`);
      return true;
    }
    this.pending = p;
    p.catch((e: Error) => log(`${this.name}: send failed: ${e.message}`));
    return true;
  }

  private drain(): void {
    while (this.backlog.length > 0) {
      if (!this.trySend(this.backlog[0]!)) return;
      this.backlog.shift();
    }
  }
}
