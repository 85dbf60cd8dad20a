/**
 * The TypeScript engine: tslab's converter (type checking, completion, quick info, cross-cell declarations,
 * top-level await) and executor (vm.runInThisContext with breakOnSigint). We use only those two pieces and
 * turn what the executor reports through its console into structured results: the last expression value,
 * type errors with their codes and positions, runtime exceptions.
 */
import * as util from "node:util";
import type { ErrorContent } from "./messages";

// tslab's internals (pinned tslab@1.0.22): the TypeScript fork it ships and its converter/executor.
import type * as TS from "@tslab/typescript-for-tslab";
import type { Converter, ConvertResult, Diagnostic } from "tslab/dist/converter";
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

const INTERRUPTED = /Script execution was interrupted|Interrupted asynchronously/;

export class Engine {
  readonly ts: typeof TS;
  private readonly converter: Converter;
  private readonly executor: Executor;
  private state: RunState | null = null;

  constructor(rootDir: string) {
    this.ts = require("@tslab/typescript-for-tslab") as typeof TS;
    const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
    const { createExecutor } = require("tslab/dist/executor") as typeof import("tslab/dist/executor");
    const conv = createConverter({ isJS: false, isBrowser: false });
    const convert = conv.convert.bind(conv);
    // Keep the structured diagnostics (code, position) that the executor only prints as text.
    conv.convert = (prevDecl, src) => {
      const r = convert(prevDecl, src);
      if (this.state) this.state.convert = r;
      return r;
    };
    this.converter = conv;
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
    let ok: boolean;
    try {
      ok = await this.executor.execute(code);
    } catch (e) {
      ok = false;
      state.thrown ??= { e };
    } finally {
      this.state = null;
    }
    if (ok) {
      // `/** @module */` cells report their diagnostics without failing; show them.
      if (state.messages.length) process.stderr.write(state.messages.join("\n") + "\n");
      return { ok: true, value: state.value };
    }
    const diagnostics = state.convert?.diagnostics ?? [];
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

  complete(code: string, pos: number) {
    return this.executor.complete(code, pos);
  }

  inspect(code: string, pos: number): TS.QuickInfo | undefined {
    return this.executor.inspect(code, pos);
  }

  /** Values of the notebook's top-level names (for inspecting a law's citation at run time). */
  get locals(): Record<string, unknown> {
    return this.executor.locals;
  }

  /** Rejects a pending top-level await; synchronous code is stopped by SIGINT itself. */
  interrupt(): void {
    this.executor.interrupt();
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
