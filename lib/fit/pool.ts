/**
 * Runs batches of starts on worker threads (all cores), with progress and interrupts. Falls back to the
 * calling thread (returns null) when workers cannot be used: no compiled worker script under dist/, a model
 * without `module`, rows that cannot be cloned, or a worker that fails to load the model.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { InterruptedError, reportProgress, runtimeHooks } from "../core";
import type { ObjectiveSpec } from "./objective";
import type { LbfgsOptions } from "./lbfgs";
import { MERGE_BLOCK, OUTCOME_EXTRA, type MergeRule } from "./multistart";

/** Plain data a worker needs to rebuild the objective. */
export interface WorkerSetup {
  readonly modulePath: string;
  readonly modelId: string;
  readonly rows: readonly unknown[];
  readonly ys: Float64Array;
  readonly weights: Float64Array | null;
  readonly spec: ObjectiveSpec;
  readonly lbfgs: LbfgsOptions;
  readonly merge: MergeRule | null;
}

export interface WorkerTask {
  readonly id: number;
  readonly starts: Float64Array;
  readonly weights: Float64Array | null;
}

/** The package root: the nearest ancestor of `from` holding package.json. */
function packageRoot(from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The compiled .js for a module path: itself when it is .js, else (a .ts source, e.g. under vitest)
 * <root>/dist/<same relative path>.js. Null when that file does not exist.
 */
export function compiledModulePath(file: string): string | null {
  if (file.endsWith(".js")) return fs.existsSync(file) ? file : null;
  const root = packageRoot(path.dirname(file));
  if (!root) return null;
  const js = path.join(root, "dist", path.relative(root, file)).replace(/\.ts$/, ".js");
  return fs.existsSync(js) ? js : null;
}

/** Number of worker threads to use for `requested` ("auto" = available cores). */
export function workerCount(requested: number | "auto"): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return requested === "auto" ? cores : requested;
}

interface PoolJob {
  readonly setup: Omit<WorkerSetup, "modulePath">;
  readonly module: string | undefined;
  readonly dim: number;
  readonly n: number;
  /** k starts × dim. */
  readonly starts: Float64Array;
  /** k × n weights, or null. */
  readonly weights: Float64Array | null;
  readonly workers: number | "auto";
  readonly task: string;
  readonly fn: string;
  readonly signal?: AbortSignal;
}

/**
 * Runs the job on worker threads; resolves to the runStartBatch-format output, or null when workers are
 * unavailable (the caller then runs in-process). Rejects with InterruptedError on interrupt.
 */
export function runOnWorkers(job: PoolJob): Promise<Float64Array | null> {
  const script = compiledModulePath(__filename.replace(/pool\.(ts|js)$/, "worker.$1"));
  const modulePath = job.module ? compiledModulePath(job.module) : null;
  const k = job.starts.length / job.dim;
  // Starting a worker costs ~0.1 s (module loading): below ~64 starts per worker the calling thread is faster.
  const nWorkers = Math.min(workerCount(job.workers), Math.floor(k / 64));
  if (!script || !modulePath || nWorkers < 2) return Promise.resolve(null);

  const stride = job.dim + OUTCOME_EXTRA;
  const out = new Float64Array(k * stride);
  // Whole joining blocks when starts join (see MergeRule), so the outcomes do not depend on the number of workers.
  const chunk = job.setup.merge ? MERGE_BLOCK * Math.ceil(k / (nWorkers * 12 * MERGE_BLOCK)) : Math.max(4, Math.ceil(k / (nWorkers * 12)));
  const tasks: { id: number; from: number; to: number }[] = [];
  for (let from = 0, id = 0; from < k; from += chunk, id++) tasks.push({ id, from, to: Math.min(k, from + chunk) });

  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0, finished = 0, doneStarts = 0, settled = false, anyResult = false;
    const signals = [job.signal, runtimeHooks().signal].filter((s): s is AbortSignal => !!s);
    const cleanup = () => {
      settled = true;
      for (const w of workers) void w.terminate();
      for (const s of signals) s.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      if (settled) return;
      cleanup();
      reject(new InterruptedError(job.fn));
    };
    const fail = (e: unknown) => {
      if (settled) return;
      cleanup();
      // A worker that cannot start (model not loadable, data not cloneable) means: run in-process instead.
      if (!anyResult) resolve(null); else reject(e);
    };
    for (const s of signals) {
      if (s.aborted) return onAbort();
      s.addEventListener("abort", onAbort);
    }
    const dispatch = (w: Worker) => {
      if (next >= tasks.length) return;
      const t = tasks[next++];
      const starts = job.starts.slice(t.from * job.dim, t.to * job.dim);
      const weights = job.weights ? job.weights.slice(t.from * job.n, t.to * job.n) : null;
      const msg: WorkerTask = { id: t.id, starts, weights };
      w.postMessage(msg, weights ? [starts.buffer, weights.buffer] : [starts.buffer]);
    };
    for (let i = 0; i < nWorkers; i++) {
      let w: Worker;
      try {
        w = new Worker(script, { workerData: { ...job.setup, modulePath } });
      } catch (e) {
        return fail(e);
      }
      workers.push(w);
      w.on("error", fail);
      w.on("message", (m: { ready?: boolean; failed?: string; id?: number; out?: Float64Array }) => {
        if (settled) return;
        if (m.failed) return fail(new Error(m.failed));
        if (m.ready) return dispatch(w);
        anyResult = true;
        const t = tasks[m.id!];
        out.set(m.out!, t.from * stride);
        doneStarts += t.to - t.from;
        finished++;
        reportProgress(job.task, doneStarts, k);
        if (finished === tasks.length) {
          cleanup();
          resolve(out);
        } else dispatch(w);
      });
    }
  });
}
