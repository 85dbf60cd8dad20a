/**
 * Executes a notebook cell by cell on a kernel session, collecting outputs like nbclient, with a per-cell
 * timeout and stop-on-first-error (cells tagged `raises-exception` may fail; `skip-execution` cells are skipped).
 */
import * as path from "node:path";
import type { KernelSession } from "./session";
import { ContentError } from "../server/contents";
import { CodeCell, hasTag, joinSource, Notebook } from "./nbformat";
import { NotebookOutputCollector } from "./outputs";

/** The first failure of a run: a cell error, a timeout, or a dead kernel. */
export interface CellFailure {
  /** 1-based index among all cells, as Jupyter UIs count them. */
  cell: number;
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface ExecuteOptions {
  /** Seconds a cell may run before it is interrupted and the run fails; 0 or undefined = no limit. */
  timeoutS?: number;
  /** Progress, one line per cell. */
  log?: (line: string) => void;
}

export interface ExecuteResult {
  failure?: CellFailure;
  /** Code cells executed (including a failing one). */
  executed: number;
  seconds: number;
}

/** Removes ANSI escape sequences (kernels colour their tracebacks). */
export function stripAnsi(s: string): string {
  return s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "");
}

/** Lines longer than this are cut in printed tracebacks (a failed import can echo kilobytes of names). */
const MAX_LINE = 400;

function clipLine(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters)` : line;
}

/** A failure as readable text: "ename: evalue" and the traceback, without colour codes or overlong lines. */
export function formatFailure(f: CellFailure): string {
  const head = clipLine(`${f.ename}: ${f.evalue}`);
  const tb = f.traceback.map(stripAnsi).join("\n").split("\n").map(clipLine).join("\n").trim();
  return tb === "" || tb === head ? head : tb.includes(f.ename) ? tb : `${head}\n${tb}`;
}

function firstLine(code: string): string {
  const line = code.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** Runs every code cell of `nb` in place (outputs and execution counts are replaced). */
export async function executeNotebook(nb: Notebook, session: KernelSession, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
  const started = Date.now();
  const collector = new NotebookOutputCollector();
  const code = nb.cells.map((c, i) => [c, i] as const).filter(([c]) => c.cell_type === "code") as Array<readonly [CodeCell, number]>;
  for (const [c] of code) { c.outputs = []; c.execution_count = null; }
  let executed = 0;
  for (const [k, [cell, index]] of code.entries()) {
    const source = joinSource(cell.source);
    const label = `[${k + 1}/${code.length}]`;
    if (source.trim() === "" || hasTag(cell, "skip-execution")) continue;
    executed++;
    const t0 = Date.now();
    const onIOPub = collector.forCell(cell.outputs);
    const run = session.execute(source, (msg) => {
      const { executionCount } = onIOPub(msg);
      if (executionCount !== undefined) cell.execution_count = executionCount;
    });
    let failure: CellFailure | undefined;
    try {
      const reply = await withTimeout(run, opts.timeoutS, async () => {
        await session.interrupt().catch(() => undefined);
        // Give the kernel a moment to answer the interrupted request so its outputs land in this cell.
        await Promise.race([run.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
      });
      if (reply === "timeout") {
        failure = { cell: index + 1, ename: "CellTimeoutError", evalue: `cell ${index + 1} did not finish within ${opts.timeoutS} s (interrupted)`, traceback: [] };
      } else {
        if (typeof reply.execution_count === "number") cell.execution_count = reply.execution_count;
        if (reply.status !== "ok" && !hasTag(cell, "raises-exception")) {
          failure = {
            cell: index + 1, ename: reply.ename ?? (reply.status === "aborted" ? "Aborted" : "Error"),
            evalue: reply.evalue ?? "", traceback: reply.traceback ?? [],
          };
        }
      }
    } catch (e) {
      const err = e as Error;
      failure = { cell: index + 1, ename: err instanceof ContentError ? err.name : "DeadKernelError", evalue: err.message, traceback: [] };
    }
    const secs = ((Date.now() - t0) / 1000).toFixed(2);
    opts.log?.(`${label} ${failure ? "FAILED" : "ok"} ${secs} s  ${firstLine(source)}`);
    if (failure) return { failure, executed, seconds: (Date.now() - started) / 1000 };
  }
  return { executed, seconds: (Date.now() - started) / 1000 };
}

/** Resolves with `p`, or with "timeout" after running `onTimeout` when `seconds` pass first. */
async function withTimeout<T>(p: Promise<T>, seconds: number | undefined, onTimeout: () => Promise<void>): Promise<T | "timeout"> {
  if (!seconds || seconds <= 0) return p;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"timeout">((r) => { timer = setTimeout(() => r("timeout"), seconds * 1000); });
  try {
    const first = await Promise.race([p, expired]);
    if (first === "timeout") await onTimeout();
    return first;
  } finally {
    clearTimeout(timer);
  }
}

/** Display name of a notebook path relative to the current directory. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}
