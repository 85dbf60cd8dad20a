/**
 * tslab's converter (the TypeScript type checker for cells) in a worker thread. Creating it parses
 * @types/node and lib.es2022 (~1 s); in a worker that overlaps with loading the library on the main
 * thread. The main thread calls it synchronously (see RemoteConverter in engine.ts): it posts a request,
 * blocks on Atomics.wait, and reads the answer with receiveMessageOnPort. The main thread's other uses of the
 * compiler (parse only: shorthand properties, declared names, is_complete, tokens for tracebacks, tslab's
 * `@module`/`@browser` tags) are answered
 * here too (`syntax`), so the kernel loads TypeScript once (~45 MB less resident memory).
 */
import { workerData, type MessagePort } from "node:worker_threads";
import { installCodeCache, saveCodeCache } from "./codecache";
import { projectRoot } from "../root";
import { log } from "../log";
import type { Converter, ConvertResult } from "tslab/dist/converter";
import type * as TS from "@tslab/typescript-for-tslab";
import { expandShorthand } from "./shorthand";
import { declaredNames, keepDeclarationsThatRan } from "./declarations";
import { isComplete } from "./introspect";
import { declaredExports } from "./prelude";
import { tokens } from "./traceback";
import { guardAwaits } from "./await-guard";
import { readNodeTypesWithoutDocs } from "./node-docs";

export interface ConverterWorkerData {
  port: MessagePort;
  /**
   * Two Int32 slots: [0] 0 = request pending, 1 = answer posted, 2 = worker failed; [1] warm-up requests
   * posted and not yet done (the main thread adds one per oneway request, the worker subtracts it when done).
   */
  flag: SharedArrayBuffer;
}

export interface ConverterRequest {
  method: "convert" | "inspect" | "complete" | "addModule" | "close" | "syntax";
  args: unknown[];
  /** Warm-up work: no answer is posted (the caller is not waiting). */
  oneway?: boolean;
}

/** Parse-only operations for the main thread: the first argument of a `syntax` request names one. */
export type SyntaxOps = typeof syntax;

export type ConverterResponse = { value: unknown } | { error: string };

/** A cell's conversion with the parse-only facts the kernel needs about it, answered in the same round trip. */
export interface CellConversion extends ConvertResult {
  /** The names the cell declares (absent if finding them failed: the kernel asks again and logs why). */
  declared?: string[];
  /** `output` with its awaits guarded (await-guard.ts), when the cell converted without errors. */
  guarded?: string;
}

const { port, flag } = workerData as ConverterWorkerData;
const state = new Int32Array(flag);
// The main thread shows stdout/stderr in notebook cells; compiler chatter belongs in the kernel log (best effort:
// a write to a full or closed stderr must not end this thread).
for (const m of ["log", "warn", "error", "info"] as const) {
  console[m] = (...a: unknown[]) => log(a.map(String).join(" "), "converter");
}

function answer(r: ConverterResponse, status = 1): void {
  port.postMessage(r);
  Atomics.store(state, 0, status);
  Atomics.notify(state, 0);
}

installCodeCache(projectRoot(), "converter");
const ts = require("@tslab/typescript-for-tslab") as typeof TS;
readNodeTypesWithoutDocs(ts);
const syntax = {
  expandShorthand: (code: string) => expandShorthand(ts, code),
  declaredNames: (code: string) => [...declaredNames(ts, code)],
  keepDeclarationsThatRan: (prev: string, next: string, notRun: string[]) => keepDeclarationsThatRan(ts, prev, next, new Set(notRun)),
  isComplete: (code: string) => isComplete(ts, code),
  declaredExports: (dtsFile: string) => [...declaredExports(ts, dtsFile)],
  tokens: (text: string) => tokens(ts, text),
  guardAwaits: (js: string) => guardAwaits(ts, js),
  codeMetadata: (src: string) => (require("tslab/dist/metadata") as typeof import("tslab/dist/metadata")).getCodeMetadata(src),
};
let conv: Converter;
let requests = 0;
try {
  const { createConverter } = require("tslab/dist/converter") as typeof import("tslab/dist/converter");
  conv = createConverter({ isJS: false, isBrowser: false });
} catch (e) {
  answer({ error: `creating the TypeScript converter failed: ${(e as Error).stack ?? e}` }, 2);
  throw e;
}

/** Runs what a request names: a converter method, or the `syntax` operation named by its first argument. */
function perform(req: ConverterRequest): unknown {
  if (req.method === "syntax") {
    const [op, ...args] = req.args as [keyof SyntaxOps, ...unknown[]];
    return (syntax[op] as (...a: unknown[]) => unknown)(...args);
  }
  if (req.method === "convert") return convertCell(...(req.args as [string, string]));
  return (conv[req.method] as (...a: unknown[]) => unknown)(...req.args);
}

function convertCell(prevDecl: string, src: string): CellConversion {
  const r: CellConversion = conv.convert(prevDecl, src);
  try {
    r.declared = syntax.declaredNames(src);
  } catch {
    // the kernel asks again and logs the failure
  }
  if (r.output && r.diagnostics.length === 0) r.guarded = guardAwaits(ts, r.output);
  return r;
}

port.on("message", (req: ConverterRequest) => {
  if (req.oneway) {
    try {
      perform(req);
    } catch (e) {
      console.error(`warm-up ${req.method} failed: ${(e as Error).message}`);
    } finally {
      Atomics.sub(state, 1, 1);
    }
    return;
  }
  try {
    let value = perform(req);
    if (req.method === "complete") {
      // `original` holds compiler objects that do not cross threads; keep what the kernel reads.
      const c = value as ReturnType<Converter["complete"]>;
      value = { ...c, original: c.original && { entries: c.original.entries.map((e) => ({ name: e.name, kind: e.kind })) } };
    }
    answer({ value });
  } catch (e) {
    answer({ error: (e as Error).stack ?? String(e) });
  }
  if (req.method === "close") port.close();
  // After the prelude and the first cell the checker's hot paths are compiled: keep them for next time.
  if (req.method !== "syntax" && ++requests === 2) setTimeout(saveCodeCache, 100);
});
