/**
 * Captures what cell code writes to process.stdout / process.stderr (console.log, console.error, direct
 * writes, output of callbacks that run later) and forwards it as `stream` messages of the cell that is
 * running, or of the last one when the write comes after it finished (like ipykernel).
 */
import { setTimeout } from "node:timers";
type StreamName = "stdout" | "stderr";
export type StreamSink = (name: StreamName, text: string) => void;

/** Flush at least this often, even from inside a synchronous loop (zeromq can send without the event loop). */
const MAX_DELAY_MS = 50;

export class StreamCapture {
  private sink: StreamSink | null = null;
  private readonly buf: Record<StreamName, string> = { stdout: "", stderr: "" };
  private firstBuffered = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Asked on every write: a sink that takes the text instead of the cell (an Output widget capturing a callback). */
  redirect: (() => StreamSink | undefined) | null = null;

  install(): void {
    for (const name of ["stdout", "stderr"] as const) {
      const stream = process[name];
      const real = stream.write.bind(stream);
      stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
        const redirect = this.redirect?.();
        if (!this.sink && !redirect) return real(chunk as string, encoding as BufferEncoding, cb as () => void);
        const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
        if (redirect) redirect(name, text);
        else this.write(name, text);
        const done = typeof encoding === "function" ? encoding : cb;
        if (typeof done === "function") process.nextTick(done as () => void);
        return true;
      }) as typeof stream.write;
    }
  }

  /** Where captured text goes from now on (null: back to the real stdio). */
  setSink(sink: StreamSink | null): void {
    this.flush();
    this.sink = sink;
  }

  private write(name: StreamName, text: string): void {
    if (!text) return;
    const now = Date.now();
    if (!this.buf.stdout && !this.buf.stderr) this.firstBuffered = now;
    // Keep the order of interleaved stdout/stderr: switching streams flushes the other one first.
    const other: StreamName = name === "stdout" ? "stderr" : "stdout";
    if (this.buf[other]) this.flushOne(other);
    this.buf[name] += text;
    if (now - this.firstBuffered >= MAX_DELAY_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), MAX_DELAY_MS);
  }

  private flushOne(name: StreamName): void {
    const text = this.buf[name];
    this.buf[name] = "";
    if (text && this.sink) this.sink(name, text);
  }

  /** Sends everything buffered; called before any other output so messages stay in order. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.flushOne("stdout");
    this.flushOne("stderr");
  }
}
