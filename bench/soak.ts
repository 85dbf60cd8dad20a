/**
 * Kernel soak (issue 16): several clients, each with its own local scalinglab kernel, run a fixed rotation of
 * mixed cells for a set time — computation, bursts of display(), interleaved stdout/stderr, a busy loop stopped by
 * interrupt_request, a busy loop in a timer callback stopped by SIGINT, an async failure — and restart their kernel
 * every few rounds. It checks, and exits 1 unless all hold:
 * - no lost message: every request gets its reply and its `idle`; every display, stream byte and result arrives,
 *   in order;
 * - no leaked kernel process: every kernel started is gone after its shutdown or restart, and at the end;
 * - RSS growth < 20% for every kernel process that ran at least 6 rotations: RSS is sampled after a full garbage
 *   collection (a cell calls gc()) once per rotation, and since it saws by ±100 MB (the type checker's worker
 *   collects on its own schedule; the main thread's heap stays flat) the growth is trough to trough: the lowest
 *   sample of the last third of the kernel's life over the lowest of the first third.
 * It stops by itself after --minutes (a watchdog ends it 5 minutes later if something hangs). Not a test: a load
 * harness, run by hand (CONTRIBUTING.md):
 *
 *   npm run soak                      # 30 minutes, 4 clients
 *   npm run build && node dist/bench/soak.js --minutes 3 [--clients 4] [--restart-every 40]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalKernel, type LocalKernel, type Reply } from "../kernel/runner/localClient";
import type { Message } from "../kernel/server/wire";

const ROOT = path.resolve(__dirname, "..", "..");
const MAIN = path.join(ROOT, "dist", "kernel", "server", "main.js");

function arg(name: string, dflt: number): number {
  const i = process.argv.lastIndexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isFinite(v) || v <= 0) {
    process.stderr.write(`soak: ${name} takes a positive number, got ${process.argv[i + 1]}\n`);
    process.exit(2);
  }
  return v;
}

const MINUTES = arg("--minutes", 30);
const CLIENTS = arg("--clients", 4);
const RESTART_EVERY = arg("--restart-every", 120);
const DISPLAYS = 500;
const LINES = 2000;
const REQUEST_MS = 120_000;
const RSS_LIMIT = 0.2;
/** --trace: print each kernel's RSS after every rotation. */
const TRACE = process.argv.includes("--trace");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const content = (m: Message | undefined) => (m?.content ?? {}) as Record<string, any>;
const of = (r: Reply, type: string) => r.outputs.filter((m) => m.header.msg_type === type).map(content);
const resultText = (r: Reply) => of(r, "execute_result")[0]?.data?.["text/plain"] as string | undefined;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m![1]) / 1024;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is gone for our purposes only once reaped; /proc/<pid>/stat says "Z".
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** The kernel's RSS and main-thread heap after a full garbage collection (a cell runs gc()). */
async function retained(k: LocalKernel, pid: number): Promise<{ rss: number; heap: number }> {
  const r = await k.executeRequest('require("v8").setFlagsFromString("--expose-gc"); require("vm").runInNewContext("gc")(); ' + 
    '"collected " + Object.entries(process.memoryUsage()).map(([k, v]) => `${k}=${Math.round(v / 2 ** 20)}`).join(" ")',
    { store_history: false }, REQUEST_MS);
  check(resultText(r)?.startsWith("'collected") === true, `gc cell: ${JSON.stringify(content(r.reply)).slice(0, 200)}`);
  k.iopubLog.length = 0;
  if (TRACE) process.stderr.write(`soak: pid ${pid} ${resultText(r)}\n`);
  return { rss: rssMb(pid), heap: Number(/heapUsed=(\d+)/.exec(resultText(r)!)![1]) };
}

class SoakFailure extends Error {}

function check(ok: boolean, what: string): void {
  if (!ok) throw new SoakFailure(what);
}

interface KernelLife {
  pid: number;
  rounds: number;
  /** RSS (MB) after a full GC, once per rotation. */
  rss: number[];
  /** The main thread's heapUsed (MB) after that GC. */
  heap: number[];
}

const MIN_SAMPLES = 6;

/**
 * Growth of a series that saws (the type checker's worker heap grows and collects on its own schedule, ±100 MB):
 * the lowest value of its last third over the lowest of its first third.
 */
function troughGrowth(xs: number[]): number {
  const third = Math.max(1, Math.floor(xs.length / 3));
  return Math.min(...xs.slice(-third)) / Math.min(...xs.slice(0, third)) - 1;
}

interface ClientStats {
  cells: number;
  displays: number;
  streamBytes: number;
  interrupts: number;
  restarts: number;
  lives: KernelLife[];
  failures: string[];
}

const expectedStream = Array.from({ length: LINES }, (_, i) => `${i}\n`).join("");

async function start(cwd: string): Promise<LocalKernel> {
  return startLocalKernel({
    name: "scalinglab",
    spec: { argv: [process.execPath, MAIN, "-f", "{connection_file}"], display_name: "soak", language: "typescript", interrupt_mode: "message" },
    cwd, startupTimeoutMs: 120_000,
  });
}

/** Interrupts (message or SIGINT) until `pending` settles; a lost interrupt would otherwise hang the client. */
async function interruptUntil(k: LocalKernel, pending: Promise<Reply>, how: "message" | "signal"): Promise<Reply> {
  let settled = false;
  const p = pending.finally(() => (settled = true));
  for (let attempt = 0; attempt < 10 && !settled; attempt++) {
    if (how === "message") await k.request("interrupt_request", {}, { channel: "control", timeoutMs: 10_000 });
    else k.child.kill("SIGINT");
    for (let t = 0; t < 50 && !settled; t++) await sleep(100);
  }
  return p;
}

/** One kind of cell each; every one checks that all its messages arrived. */
const ACTIONS: Record<string, (k: LocalKernel, s: ClientStats) => Promise<void>> = {
  async compute(k, s) {
    const r = await k.executeRequest("let acc = 0; for (let i = 0; i < 100000; i++) acc += i; acc", {}, REQUEST_MS);
    check(content(r.reply).status === "ok" && resultText(r) === "4999950000", `compute: ${JSON.stringify(content(r.reply))}`);
    s.cells++;
  },
  async displays(k, s) {
    const r = await k.executeRequest(`for (let i = 0; i < ${DISPLAYS}; i++) display(i); 'shown'`, {}, REQUEST_MS);
    const shown = of(r, "display_data").map((c) => c.data["text/plain"]);
    check(shown.length === DISPLAYS && shown.every((t, i) => t === String(i)), `displays: ${shown.length} of ${DISPLAYS} arrived in order`);
    check(resultText(r) === "'shown'" && r.outputs.at(-1)!.header.msg_type === "execute_result", "displays: execute_result missing or out of order");
    s.cells++;
    s.displays += shown.length;
  },
  async streams(k, s) {
    const r = await k.executeRequest(`for (let i = 0; i < ${LINES}; i++) { console.log(i); console.error(i) }`, {}, REQUEST_MS);
    for (const name of ["stdout", "stderr"]) {
      const text = of(r, "stream").filter((c) => c.name === name).map((c) => c.text).join("");
      check(text === expectedStream, `streams: ${name} carried ${text.length} of ${expectedStream.length} characters`);
      s.streamBytes += text.length;
    }
    s.cells++;
  },
  async interruptLoop(k, s) {
    await k.executeRequest("(globalThis as any).keptValue = 41", {}, REQUEST_MS);
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const { id, frames } = k.frames("execute_request", { code: "while (true) {}", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });
    const loop = k.sendAndWait(id, frames, { timeoutMs: REQUEST_MS, onIOPub: (m) => { if (m.header.msg_type === "execute_input") started(); } });
    await running;
    await sleep(100);
    const r = await interruptUntil(k, loop, "message");
    check(content(r.reply).ename === "InterruptedError", `interrupt: ${JSON.stringify(content(r.reply)).slice(0, 200)}`);
    const after = await k.executeRequest("(globalThis as any).keptValue + 1", {}, REQUEST_MS);
    check(resultText(after) === "42", "interrupt: the kernel lost its state");
    s.cells += 3;
    s.interrupts++;
  },
  async interruptTimer(k, s) {
    const armed = await k.executeRequest("(globalThis as any).spun = false; setTimeout(() => { (globalThis as any).spun = true; while (true) {} }, 50); 'armed'", {}, REQUEST_MS);
    check(resultText(armed) === "'armed'", "timer loop: not armed");
    await sleep(300);
    const probe = k.executeRequest("(globalThis as any).spun", { stop_on_error: false }, REQUEST_MS);
    const r = await interruptUntil(k, probe, "signal");
    check(content(r.reply).status === "ok" && resultText(r) === "true", `timer loop: probe ${JSON.stringify(content(r.reply)).slice(0, 200)}`);
    s.cells += 2;
    s.interrupts++;
  },
  async asyncFailure(k, s) {
    const r = await k.executeRequest('Promise.reject(new Error("soak async failure"))', { stop_on_error: false }, REQUEST_MS);
    check(content(r.reply).status === "error" && of(r, "error")[0]?.evalue === "soak async failure", "async failure: not the cell's error");
    s.cells++;
  },
};
const ROTATION = Object.keys(ACTIONS);

async function stop(k: LocalKernel, life: KernelLife): Promise<void> {
  await k.shutdown();
  for (let t = 0; t < 50 && alive(life.pid); t++) await sleep(100);
  check(!alive(life.pid), `kernel pid ${life.pid} still alive after shutdown`);
}

async function client(n: number, deadline: number): Promise<ClientStats> {
  const s: ClientStats = { cells: 0, displays: 0, streamBytes: 0, interrupts: 0, restarts: 0, lives: [], failures: [] };
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), `scalinglab-soak-${n}-`));
  let k = await start(cwd);
  let life: KernelLife = { pid: k.child.pid!, rounds: 0, rss: [], heap: [] };
  s.lives.push(life);
  try {
    for (let round = 0; Date.now() < deadline; round++) {
      const name = ROTATION[(round + n) % ROTATION.length]!;
      try {
        await ACTIONS[name]!(k, s);
      } catch (e) {
        s.failures.push(`client ${n} round ${round} (${name}): ${(e as Error).message}`);
        if (!(e instanceof SoakFailure)) throw e;
      }
      k.iopubLog.length = 0; // the client keeps nothing across rounds
      life.rounds++;
      // RSS is sampled after a full GC once per rotation: between collections it saws by ±100 MB, which says
      // nothing about what the kernel keeps.
      if (life.rounds % ROTATION.length === 0) {
        const m = await retained(k, life.pid);
        life.rss.push(m.rss);
        life.heap.push(m.heap);
      }
      if (life.rounds >= RESTART_EVERY && Date.now() < deadline) {
        await stop(k, life);
        k = await start(cwd);
        life = { pid: k.child.pid!, rounds: 0, rss: [], heap: [] };
        s.lives.push(life);
        s.restarts++;
      }
    }
  } catch (e) {
    s.failures.push(`client ${n}: ${(e as Error).message}`);
  } finally {
    await stop(k, life).catch((e: Error) => s.failures.push(`client ${n}: ${e.message}`));
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  return s;
}

async function main(): Promise<void> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\``);
  const t0 = Date.now();
  const deadline = t0 + MINUTES * 60_000;
  setTimeout(() => {
    process.stderr.write(`soak: still running 5 minutes after its deadline: a hang (failed)\n`);
    process.exit(1);
  }, MINUTES * 60_000 + 5 * 60_000).unref();
  process.stderr.write(`soak: ${CLIENTS} clients, ${MINUTES} min, restart every ${RESTART_EVERY} rounds, rotation ${ROTATION.join(", ")}\n`);
  const stats = await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n, deadline)));
  const lives = stats.flatMap((s) => s.lives);
  const leaked = lives.filter((l) => alive(l.pid)).map((l) => l.pid);
  const measured = lives.filter((l) => l.rss.length >= MIN_SAMPLES);
  const worst = measured.length ? Math.max(...measured.map((l) => troughGrowth(l.rss))) : NaN;
  const worstHeap = measured.length ? Math.max(...measured.map((l) => l.heap.at(-1)! / l.heap[0]! - 1)) : NaN;
  const failures = stats.flatMap((s) => s.failures);
  const sum = (f: (s: ClientStats) => number) => stats.reduce((a, s) => a + f(s), 0);
  const minutes = (Date.now() - t0) / 60_000;
  console.log(`soak: ${minutes.toFixed(1)} min, ${CLIENTS} clients, ${lives.length} kernel processes (${sum((s) => s.restarts)} restarts)`);
  console.log(`  cells ${sum((s) => s.cells)}, displays ${sum((s) => s.displays)}, stream characters ${sum((s) => s.streamBytes)}, interrupts ${sum((s) => s.interrupts)}`);
  for (const l of measured) {
    console.log(`  kernel ${l.pid}: ${l.rounds} rounds; RSS after GC (MB) per rotation ${l.rss.map((x) => x.toFixed(0)).join(" ")}; ` +
      `main heap ${l.heap[0]}→${l.heap.at(-1)} MB; trough growth ${(troughGrowth(l.rss) * 100).toFixed(1)}%`);
  }
  console.log(`  kernels measured (≥ ${MIN_SAMPLES} rotations): ${measured.length} of ${lives.length}; worst RSS trough growth ` +
    `${(worst * 100).toFixed(1)}% (limit ${RSS_LIMIT * 100}%); worst main-heap growth ${(worstHeap * 100).toFixed(1)}%`);
  console.log(`  leaked kernel processes: ${leaked.length ? leaked.join(", ") : "none"}`);
  for (const f of failures) console.log(`  FAILED ${f}`);
  const ok = failures.length === 0 && leaked.length === 0 && measured.length > 0 && worst < RSS_LIMIT;
  console.log(ok ? "soak: ok" : "soak: FAILED");
  process.exit(ok ? 0 : 1);
}

main().catch((e: Error) => {
  console.error(`soak: ${e.message}`);
  process.exit(1);
});
