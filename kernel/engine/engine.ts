/**
 * The TypeScript engine: tslab's converter (type checking, completion, quick info, cross-cell declarations,
 * top-level await) and executor (vm.runInThisContext with breakOnSigint). We use only those two pieces and
 * turn what the executor reports through its console into structured results: the last expression value,
 * type errors with their codes and positions, runtime exceptions.
 */
import * as path from "node:path";
import * as util from "node:util";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { ErrorContent } from "../server/messages";
import type { ConverterRequest, ConverterResponse, ConverterWorkerData } from "./converter-worker";

// tslab's internals (pinned tslab@1.0.22): the TypeScript fork it ships and its converter/executor.
import type * as TS from "@tslab/typescript-for-tslab";
import type { CompletionInfo, Converter, ConvertResult, Diagnostic } from "tslab/dist/converter";
import { expandShorthandProperties } from "./shorthand";
import type { CodeMetadata } from "tslab/dist/metadata";
import type { Executor } from "tslab/dist/executor";

export type RunOutcome =
  | { ok: true; /** Present when the cell ended with an expression whose value is not null/undefined. */ value?: { v: unknown } }
  | { ok: false; error: ErrorContent };

interface RunState {
  value?: { v: unknown };
  thrown?: { e: unknown };
  messages: string[];
  convert?: ConvertResult;
}

/** The converter living in converter-worker.ts, called synchronously (tslab's executor expects that). */
class RemoteConverter implements Converter {
  private readonly port: MessagePort;
  private readonly state: Int32Array;
  private readonly worker: Worker;
  /** A cell whose conversion is known in advance (the prelude). */
  private known: { src: string; result: ConvertResult } | null = null;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(8);
    const data: ConverterWorkerData = { port: port2, flag };
    this.worker = new Worker(path.join(__dirname, "converter-worker.js"), { workerData: data, transferList: [port2] });
    this.worker.unref();
    this.port = port1;
    this.state = new Int32Array(flag);
  }

  private call<T>(method: ConverterRequest["method"], ...args: unknown[]): T {
    if (Atomics.load(this.state, 0) === 2) throw new Error(this.failure());
    Atomics.store(this.state, 0, 0);
    this.port.postMessage({ method, args } satisfies ConverterRequest);
    if (Atomics.wait(this.state, 0, 0, 300_000) === "timed-out") throw new Error("the TypeScript converter did not answer within 300 s");
    const r = receiveMessageOnPort(this.port)?.message as ConverterResponse | undefined;
    if (!r) throw new Error(this.failure());
    if ("error" in r) throw new Error(r.error);
    return r.value as T;
  }

  private failure(): string {
    const r = receiveMessageOnPort(this.port)?.message as ConverterResponse | undefined;
    return r && "error" in r ? r.error : "the TypeScript converter worker stopped";
  }

  /**
   * Makes `convert(…, src)` return `result` without the type checker, and has the worker load the
   * program for `result.declOutput` meanwhile (parsing the library's .d.ts) without waiting for it.
   */
  preconverted(src: string, result: ConvertResult): void {
    this.known = { src, result };
    Atomics.add(this.state, 1, 1); // the worker takes it back when the warm-up is done
    this.port.postMessage({ method: "convert", args: [result.declOutput ?? "", ""], oneway: true } satisfies ConverterRequest);
  }

  /** True while the worker still runs warm-up work: a call now would wait for it. */
  get warming(): boolean {
    return Atomics.load(this.state, 1) > 0;
  }

  convert(prevDecl: string, src: string): ConvertResult {
    if (this.known?.src === src) {
      const { result } = this.known;
      this.known = null;
      return result;
    }
    return this.call("convert", prevDecl, src);
  }
  inspect(prevDecl: string, src: string, position: number): TS.QuickInfo {
    return this.call("inspect", prevDecl, src, position);
  }
  complete(prevDecl: string, src: string, position: number): CompletionInfo {
    return this.call("complete", prevDecl, src, position);
  }
  addModule(name: string, content: string, meta?: CodeMetadata): Diagnostic[] {
    return this.call("addModule", name, content, meta);
  }
  close(): void {
    try {
      this.call("close");
    } finally {
      void this.worker.terminate();
    }
  }
}

const INTERRUPTED = /Script execution was interrupted|Interrupted asynchronously/;

export class Engine {
  readonly ts: typeof TS;
  private readonly executor: Executor;
  private state: RunState | null = null;
  private readonly remote: RemoteConverter;

  constructor(rootDir: string) {
    // The type checker starts in its worker first, so the rest of the start-up overlaps with it.
    const conv = new RemoteConverter();
    this.remote = conv;
    this.ts = require("@tslab/typescript-for-tslab") as typeof TS;
    const { createExecutor } = require("tslab/dist/executor") as typeof import("tslab/dist/executor");
    const convert = conv.convert.bind(conv);
    // Keep the structured diagnostics (code, position) that the executor only prints as text.
    conv.convert = (prevDecl, src) => {
      const r = convert(prevDecl, src);
      if (this.state) this.state.convert = r;
      return r;
    };
    const sink = {
      log: (v: unknown) => {
        if (this.state) this.state.value = { v };
      },
      error: (...args: unknown[]) => {
        if (!this.state) return;
        if (typeof args[0] === "string" && args[0].startsWith("%s%d:%d")) this.state.messages.push(util.format(...args));
        else this.state.thrown ??= { e: args[0] };
      },
    };
    this.executor = createExecutor(rootDir, { node: conv, browser: conv, close: () => conv.close() }, sink);
  }

  /** Type-checks and runs one cell. Never throws: failures come back as Jupyter error contents. */
  async run(code: string, cellName: string): Promise<RunOutcome> {
    const state: RunState = { messages: [] };
    this.state = state;
    const expanded = expandShorthandProperties(this.ts, code);
    let ok: boolean;
    try {
      ok = await this.executor.execute(expanded.code);
    } catch (e) {
      ok = false;
      state.thrown ??= { e };
    } finally {
      this.state = null;
    }
    if (ok) {
      // `/** @module */` cells report their diagnostics without failing; show them.
      if (state.messages.length) process.stderr.write(state.messages.join("\n") + "\n");
      // A promise as the cell's value is awaited (as Deno's kernel does): its rejection fails the cell, its
      // value is the result — `fit(rows)` without `await` is no longer an ok `Promise {<pending>}`.
      if (state.value && util.types.isPromise(state.value.v)) {
        try {
          const v = await this.untilInterrupted(state.value.v);
          return { ok: true, value: v == null ? undefined : { v } };
        } catch (e) {
          return { ok: false, error: runtimeError(e, cellName) };
        }
      }
      return { ok: true, value: state.value };
    }
    const diagnostics = (state.convert?.diagnostics ?? []).map((d) =>
      d.fileName ? d : { ...d, start: expanded.toOriginal(d.start), end: expanded.toOriginal(d.end) });
    if (diagnostics.length > 0) return { ok: false, error: this.typeError(code, diagnostics, cellName) };
    if (state.thrown) return { ok: false, error: runtimeError(state.thrown.e, cellName) };
    return { ok: false, error: { ename: "Error", evalue: state.messages.join("\n") || "cell failed", traceback: state.messages } };
  }

  private typeError(code: string, diagnostics: Diagnostic[], cellName: string): ErrorContent {
    const lines = code.split("\n");
    const traceback: string[] = [];
    let last = "";
    for (const d of diagnostics) {
      const where = `${d.fileName ?? cellName}:${d.start.line + 1}:${d.start.character + 1}`;
      if (where === last) {
        // A chained message elaborates the one above it.
        traceback.push(`    ${d.messageText}`);
        continue;
      }
      last = where;
      traceback.push(`${where} - error TS${d.code}: ${d.messageText}`);
      const src = d.fileName ? undefined : lines[d.start.line];
      if (src !== undefined) {
        const width = d.end.line === d.start.line ? Math.max(1, d.end.character - d.start.character) : Math.max(1, src.length - d.start.character);
        traceback.push(`    ${src}`, `    ${" ".repeat(d.start.character)}${"^".repeat(width)}`);
      }
    }
    const first = diagnostics[0]!;
    return { ename: "TSError", evalue: first.messageText, traceback };
  }

  /**
   * Runs the hidden prelude without type-checking it: the imports' declarations (`declOutput`) become the
   * scope of cell 1, exactly as if tslab had converted `code`; checking ~700 import specifiers would cost
   * more than creating the checker itself.
   */
  preload(code: string, declOutput: string, output: string): Promise<RunOutcome> {
    this.remote.preconverted(code, { output, declOutput, diagnostics: [] });
    return this.run(code, "<prelude>");
  }

  complete(code: string, pos: number) {
    return this.executor.complete(code, pos);
  }

  /** The type checker is still loading the library's declarations (the first seconds after start). */
  get checkerWarming(): boolean {
    return this.remote.warming;
  }

  inspect(code: string, pos: number): TS.QuickInfo | undefined {
    return this.executor.inspect(code, pos);
  }

  /** Values of the notebook's top-level names (for inspecting a law's citation at run time). */
  get locals(): Record<string, unknown> {
    return this.executor.locals;
  }

  private interrupted: ((e: Error) => void) | null = null;

  /** `p`, or a rejection with "Interrupted asynchronously" when the kernel is interrupted first. */
  private untilInterrupted<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.interrupted = reject;
      p.then(resolve, reject);
    }).finally(() => (this.interrupted = null));
  }

  /** Rejects a pending top-level await or awaited cell value; synchronous code is stopped by SIGINT itself. */
  interrupt(): void {
    this.executor.interrupt();
    this.interrupted?.(new Error("Interrupted asynchronously"));
  }

  close(): void {
    this.executor.close();
  }
}

/** ename/evalue/traceback of an exception thrown by cell code, with the stack cut below the cell. */
export function runtimeError(e: unknown, cellName: string): ErrorContent {
  if (!(e instanceof Error)) {
    const evalue = typeof e === "string" ? e : util.inspect(e);
    return { ename: "Error", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  if (INTERRUPTED.test(e.message) || (e as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
    return { ename: "InterruptedError", evalue: "interrupted by the user (kernel interrupt)", traceback: [`InterruptedError: execution of ${cellName} was interrupted`] };
  }
  const ename = e.name && e.name !== "Error" ? e.name : e.constructor?.name || "Error";
  const evalue = e.message;
  const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  // Frames below the cell's own top-level frame are tslab/kernel internals.
  let lastCell = -1;
  frames.forEach((f, i) => {
    if (f.includes("evalmachine.<anonymous>")) lastCell = i;
  });
  const kept = (lastCell >= 0 ? frames.slice(0, lastCell + 1) : frames.filter((f) => !/node_modules[\\/]tslab|dist[\\/]kernel/.test(f)))
    .map((f) => f.replace(/evalmachine\.<anonymous>/g, cellName));
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...kept] };
}
