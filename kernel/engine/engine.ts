/**
 * The TypeScript engine: tslab's converter (type checking, completion, quick info, cross-cell declarations,
 * top-level await) and executor (vm.runInThisContext with breakOnSigint). We use only those two pieces and
 * turn what the executor reports through its console into structured results: the last expression value,
 * type errors with their codes and positions, runtime exceptions.
 */
import * as path from "node:path";
import * as util from "node:util";
import Module from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { ErrorContent } from "../server/messages";
import type { CellConversion, ConverterRequest, ConverterResponse, ConverterWorkerData, SyntaxOps } from "./converter-worker";

// tslab's internals (pinned tslab@1.0.22): the TypeScript fork it ships and its converter/executor.
import type * as TS from "@tslab/typescript-for-tslab";
import type { CompletionInfo, Converter, ConvertResult, Diagnostic } from "tslab/dist/converter";
import { expandedCell, mayHaveShorthand, type ExpandedCell } from "./shorthand";
import { registerCell, runtimeError, scriptName } from "./traceback";
import { claimScope, isInterrupt, releaseScope, runAsCell, type CellRun } from "./interruptible";
import { log } from "../log";
import type { CodeMetadata } from "tslab/dist/metadata";
import type { Executor } from "tslab/dist/executor";

export type RunOutcome =
  | { ok: true; /** Present when the cell ended with an expression whose value is not null/undefined. */ value?: { v: unknown } }
  | { ok: false; error: ErrorContent };

interface RunState {
  code: string;
  label: string;
  expanded: ExpandedCell;
  value?: { v: unknown };
  thrown?: { e: unknown };
  messages: string[];
  convert?: CellConversion;
  /** The cell's run: an interrupt marks it, which stops its awaits and callbacks (interruptible.ts). */
  run: CellRun;
  /** prepare() claimed the breakOnSigint scope for the cell (interruptible.ts), released when it yields. */
  claimed?: boolean;
  /** Set once the converted cell is about to run: the names it declares and their earlier values. */
  ran?: { names: string[]; earlier: Map<string, unknown>; lastExpr?: string };
}

/**
 * The converter's CommonJS output starts by setting every name the cell declares to undefined
 * (`exports.a = exports.b = void 0;`, TypeScript's CommonJS emit). Removed before the cell runs, so that a
 * name is in `exports` exactly when its declaration ran (what a failed cell keeps, see declarations.ts).
 */
const EXPORTS_RESET = /^exports\.[^\s=]+ = (?:exports\.[^\s=]+ = )*void 0;$/gm;
/** The source of the internal step that installs a failed cell's kept declarations (see keepWhatRan). */
const KEEP_DECLARATIONS = "/* scalinglab: the declarations a failed cell keeps */";

/** The worker gave no answer: its thread ended (see RemoteConverter.call). */
class ConverterStopped extends Error {}

/** The converter living in converter-worker.ts, called synchronously (tslab's executor expects that). */
export class RemoteConverter implements Converter {
  private port!: MessagePort;
  private state!: Int32Array;
  private worker!: Worker;
  /** Why the worker's thread ended, once its exit or error event has been seen. */
  private ended: string | null = null;
  /** A cell whose conversion is known in advance (the prelude). */
  private known: { src: string; result: ConvertResult } | null = null;

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(8);
    const data: ConverterWorkerData = { port: port2, flag };
    const worker = new Worker(path.join(__dirname, "converter-worker.js"), { workerData: data, transferList: [port2] });
    worker.unref();
    worker.on("error", (e) => (this.ended = `error: ${e.stack ?? e.message}`));
    worker.on("exit", (code) => (this.ended ??= `exit code ${code}`));
    this.worker = worker;
    this.ended = null;
    this.port = port1;
    this.state = new Int32Array(flag);
  }

  /** A parse-only operation of the worker's compiler (the main thread loads none). */
  syntax<K extends keyof SyntaxOps>(op: K, ...args: Parameters<SyntaxOps[K]>): ReturnType<SyntaxOps[K]> {
    return this.call("syntax", op, ...args);
  }

  /**
   * One request, answered synchronously. A worker whose thread ended (seen once under a full test run, reason
   * unknown) is replaced, once per call: every request carries the cells' declarations, so a new worker gives the
   * same answer; only modules from `@module` cells (addModule) are not carried over.
   */
  private call<T>(method: ConverterRequest["method"], ...args: unknown[]): T {
    try {
      return this.request<T>(method, args);
    } catch (e) {
      if (!(e instanceof ConverterStopped)) throw e;
      log(`the TypeScript converter worker stopped (${e.message}); starting a new one`);
      void this.worker.terminate();
      this.port.close();
      this.spawn();
      return this.request<T>(method, args);
    }
  }

  private request<T>(method: ConverterRequest["method"], args: unknown[]): T {
    if (Atomics.load(this.state, 0) === 2) throw new Error(this.failure());
    if (this.ended !== null) throw new ConverterStopped(this.ended);
    Atomics.store(this.state, 0, 0);
    this.port.postMessage({ method, args } satisfies ConverterRequest);
    const waited = Atomics.wait(this.state, 0, 0, 300_000);
    if (waited === "timed-out") throw new Error("the TypeScript converter did not answer within 300 s");
    const r = receiveMessageOnPort(this.port)?.message as ConverterResponse | undefined;
    if (!r) throw new ConverterStopped(`no answer to ${method} (wait: ${waited}, state ${Atomics.load(this.state, 0)})`);
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
  preconverted(src: string, result: ConvertResult, warm = true): void {
    this.known = { src, result };
    if (warm) {
      Atomics.add(this.state, 1, 1); // the worker takes it back when the warm-up is done
      this.port.postMessage({ method: "convert", args: [result.declOutput ?? "", ""], oneway: true } satisfies ConverterRequest);
    }
  }

  /** True while the worker still runs warm-up work: a call now would wait for it. */
  get warming(): boolean {
    return Atomics.load(this.state, 1) > 0;
  }

  convert(prevDecl: string, src: string): CellConversion {
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
      if (this.ended === null) this.request("close", []);
    } finally {
      void this.worker.terminate();
    }
  }
}

/**
 * tslab's executor reads a cell's JSDoc tags (`@module`, `@browser`) with its own module `metadata`, which loads
 * the whole compiler for a scanner: that module is given to it here, asking the worker's compiler instead, and
 * only for code with a JSDoc comment at all (code without its opening `/` `**` has no tags).
 */
function useWorkerForCodeMetadata(conv: RemoteConverter): void {
  const file = require.resolve("tslab/dist/metadata");
  if (require.cache[file]) return;
  const mod = new Module(file);
  mod.filename = file;
  mod.loaded = true;
  mod.exports = {
    getCodeMetadata: (src: string): CodeMetadata => (src.includes("/**") ? conv.syntax("codeMetadata", src) : {}),
  } satisfies typeof import("tslab/dist/metadata");
  require.cache[file] = mod;
}

export class Engine {
  private readonly executor: Executor;
  private state: RunState | null = null;
  private readonly remote: RemoteConverter;
  /** The cell scope's declarations as tslab's executor holds them (its `prevDecl`). */
  private decl = "";
  /** The prelude's names (library exports and the cell API) and those a cell already hid (warned once). */
  private libraryScope = new Set<string>();
  private readonly warnedHidden = new Set<string>();

  /** `conv`: the type checker's worker, started first by the kernel (see server/main.ts). */
  constructor(rootDir: string, conv = new RemoteConverter()) {
    this.remote = conv;
    useWorkerForCodeMetadata(conv);
    const { createExecutor } = require("tslab/dist/executor") as typeof import("tslab/dist/executor");
    const convert = conv.convert.bind(conv);
    // Keep the structured diagnostics (code, position) that the executor only prints as text.
    conv.convert = (prevDecl, src) => {
      const r = convert(prevDecl, src);
      const state = this.state;
      if (!state) return r;
      state.convert = r;
      return r.diagnostics.length === 0 && r.output ? this.prepare(state, r) : r;
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
    const expanded = this.expand(code);
    const state: RunState = { code, label: cellName, expanded, messages: [], run: { interrupted: false } };
    this.state = state;
    this.running = state.run;
    let ok: boolean;
    try {
      const running = runAsCell(state.run, () => this.executor.execute(expanded.code));
      // The executor's synchronous part (convert, then the cell's breakOnSigint scope: see prepare) is over.
      if (state.claimed) releaseScope();
      state.claimed = false;
      ok = await running;
    } catch (e) {
      ok = false;
      state.thrown ??= { e };
    } finally {
      this.state = null;
    }
    // SIGINT stopped its synchronous code: what it scheduled before does not run either.
    if (state.thrown && isInterrupt(state.thrown.e)) state.run.interrupted = true;
    if (ok && state.convert) this.decl = state.convert.declOutput ?? "";
    if (state.ran) {
      // Keeping declarations must never hide the cell's own error: on a failure here, the cell keeps none.
      const notRun = ok ? new Set<string>() : await this.keepWhatRan(state).catch((e: Error) => {
        log(`keeping the declarations of ${cellName} failed: ${e.stack ?? e.message}`);
        return new Set(state.ran!.names);
      });
      this.warnHidden(expanded.code, notRun, cellName, state.convert?.declared);
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

  /** The cell with its shorthand properties spelled out; as typed if that fails (the converter then reports why). */
  private expand(code: string): ExpandedCell {
    try {
      return expandedCell(code, mayHaveShorthand(code) ? this.syntax("expandShorthand", code) : null);
    } catch (e) {
      log(`expanding shorthand properties failed: ${(e as Error).message}`);
      return expandedCell(code, null);
    }
  }

  /** A parse-only operation, run by the type checker's worker (which holds the kernel's one compiler). */
  syntax<K extends keyof SyntaxOps>(op: K, ...args: Parameters<SyntaxOps[K]>): ReturnType<SyntaxOps[K]> {
    return this.remote.syntax(op, ...args);
  }

  /** Readies a converted cell to run: a script named for tracebacks, its earlier values set aside (see keepWhatRan). */
  private prepare(state: RunState, r: CellConversion): ConvertResult {
    const names: string[] = [];
    // The worker guards a cell's awaits as it converts it; a conversion known in advance (the prelude) has none.
    const guarded = r.guarded ?? (r.output!.includes("await") ? this.syntax("guardAwaits", r.output!) : r.output!);
    const output = guarded.replace(EXPORTS_RESET, (reset) => {
      for (const m of reset.matchAll(/exports\.([^\s=]+) = /g)) names.push(m[1]!);
      return "";
    });
    // A redeclared name is absent from exports until its new declaration runs; a failure puts the old value back.
    const locals = this.executor.locals;
    const earlier = new Map<string, unknown>();
    for (const n of names) {
      if (!Object.hasOwn(locals, n)) continue;
      earlier.set(n, locals[n]);
      delete locals[n];
    }
    state.ran = { names, earlier, lastExpr: r.lastExpressionVar };
    // The output starts on its own line (line 1 is tslab's wrapper), so script lines are output lines.
    const name = scriptName(state.label);
    const body = `\n${output}\n//# sourceURL=${name}`;
    registerCell((text) => this.syntax("tokens", text), name, state.code, state.expanded, body);
    // tslab runs the output under breakOnSigint right after this returns.
    claimScope();
    state.claimed = true;
    return { ...r, output: body };
  }

  /**
   * After a cell failed or was interrupted: the names whose declarations ran keep their values and get their
   * types in the next cells; the others get back what they had before. Returns the names that did not run.
   */
  private async keepWhatRan(state: RunState): Promise<Set<string>> {
    const { names, earlier, lastExpr } = state.ran!;
    const locals = this.executor.locals;
    if (lastExpr) delete locals[lastExpr];
    const notRun = new Set(names.filter((n) => n !== lastExpr && !Object.hasOwn(locals, n)));
    for (const [n, v] of earlier) if (notRun.has(n)) locals[n] = v;
    const decl = this.syntax("keepDeclarationsThatRan", this.decl, state.convert?.declOutput ?? "", [...notRun]);
    // tslab's executor takes a cell's declarations only from a conversion that succeeded: hand it this one.
    this.remote.preconverted(KEEP_DECLARATIONS, { output: "", declOutput: decl, diagnostics: [] }, false);
    await this.executor.execute(KEEP_DECLARATIONS);
    this.decl = decl;
    return notRun;
  }

  /**
   * Once per name and session: a cell's declaration hid a library export (`const table = …` hides `table()`).
   * `declared`: the names the cell declares, as the worker found them when it converted the cell.
   */
  private warnHidden(code: string, notRun: Set<string>, cellName: string, declared?: string[]): void {
    if (this.libraryScope.size === 0) return; // the prelude itself
    try {
      declared ??= this.syntax("declaredNames", code);
    } catch (e) {
      log(`finding the names ${cellName} declares failed: ${(e as Error).message}`);
      return;
    }
    const hidden = declared.filter((n) => this.libraryScope.has(n) && !notRun.has(n) && !this.warnedHidden.has(n));
    for (const n of hidden) {
      this.warnedHidden.add(n);
      process.stderr.write(`Warning: ${cellName} declares \`${n}\`, which hides the library's \`${n}\` for the rest of this session. ` +
        `To use the library's again, restart the kernel; to keep both, give yours another name.\n`);
    }
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
  async preload(code: string, declOutput: string, output: string, scope: readonly string[]): Promise<RunOutcome> {
    this.remote.preconverted(code, { output, declOutput, diagnostics: [] });
    const r = await this.run(code, "<prelude>");
    this.libraryScope = new Set(scope);
    return r;
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
  /** The run of the cell executing now, or of the last one (an interrupt comes only while the kernel runs a cell). */
  private running: CellRun | null = null;

  /** `p`, or a rejection with "Interrupted asynchronously" when the kernel is interrupted first. */
  private untilInterrupted<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.interrupted = reject;
      p.then(resolve, reject);
    }).finally(() => (this.interrupted = null));
  }

  /** Rejects a pending top-level await or awaited cell value; synchronous code is stopped by SIGINT itself. */
  interrupt(): void {
    if (this.running) this.running.interrupted = true;
    this.executor.interrupt();
    this.interrupted?.(new Error("Interrupted asynchronously"));
  }

  close(): void {
    this.executor.close();
  }
}
