/**
 * IOPub without loss. A zeromq PUB socket silently drops messages once a subscriber's high-water mark is
 * reached, and a cell in a synchronous loop produces output faster than any client reads it. So:
 * - the PUB socket is `noDrop`: at the high-water mark a send waits instead of dropping;
 * - it lives in the control worker, whose event loop keeps sending while the main thread runs a cell;
 * - the main thread hands it frames through a MessagePort and counts them in shared memory; past
 *   MAX_QUEUED unsent messages the cell's writer (display, console.log, ...) blocks until the worker has
 *   sent some, so a chatty cell is slowed down, never truncated, and memory stays bounded;
 * - status messages never block and never drop (they only queue), so `idle` always arrives.
 */
import type { MessagePort } from "node:worker_threads";
import type * as zmq from "zeromq";
import { log } from "../log";

/** Messages zeromq buffers per subscriber before a send waits (libzmq's default is 1000). */
export const SEND_HIGH_WATER_MARK = 10_000;
/** Pause before sending again when the subscribers' queues are full. */
const RETRY_MS = 1;
/** Unsent messages in the worker's queue at which the main thread's writer waits ... */
const MAX_QUEUED = 10_000;
/** ... until the worker has caught up to this many (waking the writer for every sent message would spin). */
const RESUME_QUEUED = MAX_QUEUED / 2;
/** How long one wait lasts before the writer checks again; short so an interrupt (SIGINT) stops a waiting cell. */
const WAIT_SLICE_MS = 50;

/** Slots of the shared counter. */
const QUEUED = 0;
/** Bumped by the worker when the queue falls to RESUME_QUEUED; the waiting writer sleeps on it. */
const RESUMED = 1;

/** Shared between the main thread and the worker (the two slots above). */
export function newQueueCounter(): SharedArrayBuffer {
  return new SharedArrayBuffer(8);
}

/** One message's frames on their way to the worker. */
interface Packet {
  bytes: ArrayBuffer;
  lengths: number[];
}

/** Main-thread side: hands frames to the worker, in order. */
export class IopubSender {
  private readonly counter: Int32Array;

  constructor(private readonly port: MessagePort, shared: SharedArrayBuffer) {
    this.counter = new Int32Array(shared);
  }

  /** Queues `frames`; unless `urgent` (status), first waits while the worker is MAX_QUEUED messages behind. */
  send(frames: Buffer[], urgent = false): void {
    if (!urgent && Atomics.load(this.counter, QUEUED) >= MAX_QUEUED) {
      for (;;) {
        // Read the generation first: a resume between the check and the wait changes it, so the wait returns at once.
        const generation = Atomics.load(this.counter, RESUMED);
        if (Atomics.load(this.counter, QUEUED) <= RESUME_QUEUED) break;
        Atomics.wait(this.counter, RESUMED, generation, WAIT_SLICE_MS);
      }
    }
    Atomics.add(this.counter, QUEUED, 1);
    // One fresh buffer, transferred: cloning the frames would copy each one's whole 8 kB Buffer pool.
    const packed = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const f of frames) {
      packed.set(f, at);
      at += f.length;
    }
    const packet: Packet = { bytes: packed.buffer, lengths: frames.map((f) => f.length) };
    this.port.postMessage(packet, [packed.buffer]);
  }
}

/** Worker side: sends what the main thread hands over, and the worker's own messages, one at a time in order. */
export class IopubPublisher {
  private readonly counter: Int32Array;
  /** `counted`: handed over by the main thread, whose counter goes down once the message is sent. */
  private readonly pending: { frames: Buffer[]; counted: boolean }[] = [];
  private sending = false;
  private drained: (() => void) | null = null;

  constructor(private readonly socket: zmq.Publisher, port: MessagePort, counter: SharedArrayBuffer) {
    this.counter = new Int32Array(counter);
    port.on("message", ({ bytes, lengths }: Packet) => {
      let at = 0;
      const frames = lengths.map((n) => Buffer.from(bytes, (at += n) - n, n));
      this.pending.push({ frames, counted: true });
      if (!this.sending) void this.pump();
    });
  }

  /** Queues one of the worker's own messages (the status around control requests). */
  push(frames: Buffer[]): void {
    this.pending.push({ frames, counted: false });
    if (!this.sending) void this.pump();
  }

  private async pump(): Promise<void> {
    this.sending = true;
    while (this.pending.length > 0) {
      const { frames, counted } = this.pending.shift()!;
      await this.sendOne(frames);
      if (counted && Atomics.sub(this.counter, QUEUED, 1) === RESUME_QUEUED + 1) {
        Atomics.add(this.counter, RESUMED, 1);
        Atomics.notify(this.counter, RESUMED);
      }
    }
    this.sending = false;
    this.drained?.();
  }

  /**
   * Sends one message, waiting while the subscribers' queues are full: a noDrop PUB socket reports that as
   * EAGAIN (and zeromq cannot poll a PUB socket for room), so retry shortly after.
   */
  private async sendOne(frames: Buffer[]): Promise<void> {
    for (;;) {
      try {
        return await this.socket.send(frames);
      } catch (e) {
        if ((e as { code?: string }).code !== "EAGAIN") return log(`iopub: send failed: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  /** Resolves once everything queued so far has been sent (before the socket closes at shutdown). */
  drain(): Promise<void> {
    if (!this.sending && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => (this.drained = () => { this.drained = null; resolve(); }));
  }
}
