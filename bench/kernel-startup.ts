/**
 * Kernel start → first result (fresh process), median trivial-cell round trip, and the first complete_request
 * after the kernel reports idle (another fresh process: JupyterLab drops a completion reply after 1 s, so the
 * first Tab after a start shows nothing when this is slower), for the scalinglab kernel vs stock tslab 1.0.22
 * vs ipykernel, all started the same way (argv + connection file) and driven by the same ZMQ client in the same
 * run. Runs are interleaved so machine load hits all three alike.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/kernel-startup.js [--starts 3] [--cells 30]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalKernel } from "../kernel/runner/localClient";

const ROOT = path.resolve(__dirname, "..", "..");

interface Contender {
  name: string;
  argv: string[];
  trivial: string;
  /** A completion that needs the language's library (reply must offer `expect`). */
  complete: { code: string; expect: string };
}

const contenders: Contender[] = [
  { name: "scalinglab", argv: [process.execPath, path.join(ROOT, "dist", "kernel", "server", "main.js"), "-f", "{connection_file}"], trivial: "1 + 1", complete: { code: "laws.chin", expect: "chinchilla" } },
  { name: "tslab (stock)", argv: [path.join(ROOT, "node_modules", ".bin", "tslab"), "kernel", "--config-path", "{connection_file}"], trivial: "1 + 1", complete: { code: "Math.ma", expect: "max" } },
  { name: "ipykernel", argv: [path.join(ROOT, ".venv", "bin", "python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"], trivial: "1 + 1", complete: { code: "import o", expect: "os" } },
];

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** CPU seconds (all threads, user + system) a process has used so far; Linux /proc, clock ticks of 10 ms. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * One fresh process: ms from spawn to the first output of the first cell (and the CPU the kernel spent
 * until then, a figure machine load distorts less than wall time), then `cells` round trips.
 */
async function measure(c: Contender, cells: number): Promise<{ first: number; cpu: number; latencies: number[] }> {
  const t0 = performance.now();
  const k = await start(c);
  try {
    const r = await k.executeRequest(c.trivial, {}, 120_000);
    // Stock tslab prints the value as a stdout stream instead of an execute_result: count either.
    if (!r.outputs.some((m) => m.header.msg_type === "execute_result" || m.header.msg_type === "stream")) {
      throw new Error(`${c.name}: no result for ${c.trivial}\n${k.stderr()}`);
    }
    const first = performance.now() - t0;
    const cpu = cpuSeconds(k.child.pid!);
    const latencies: number[] = [];
    for (let i = 0; i < cells; i++) {
      const s = performance.now();
      await k.executeRequest(c.trivial);
      latencies.push(performance.now() - s);
    }
    return { first, cpu, latencies };
  } finally {
    await k.shutdown();
  }
}

const start = (c: Contender) =>
  startLocalKernel({ name: c.name, spec: { argv: c.argv, display_name: c.name, language: "typescript" }, cwd: os.tmpdir(), startupTimeoutMs: 120_000 });

/** A fresh process: ms from its kernel_info reply (the frontend sees it idle) to the first complete_reply. */
async function firstComplete(c: Contender): Promise<number> {
  const k = await start(c);
  try {
    const t0 = performance.now();
    const { reply } = await k.request("complete_request", { code: c.complete.code, cursor_pos: c.complete.code.length }, { timeoutMs: 120_000 });
    const ms = performance.now() - t0;
    const matches = (reply.content as { matches?: string[] }).matches ?? [];
    if (!matches.includes(c.complete.expect)) throw new Error(`${c.name}: completing ${c.complete.code} did not offer ${c.complete.expect}: ${matches.join(", ")}`);
    return ms;
  } finally {
    await k.shutdown();
  }
}

async function main(): Promise<void> {
  const starts = arg("--starts", 3);
  const cells = arg("--cells", 30);
  const available = contenders.filter((c) => fs.existsSync(c.argv[0]!) || c.argv[0] === process.execPath);
  const results = new Map(available.map((c) => [c.name, { first: [] as number[], cpu: [] as number[], lat: [] as number[], complete: [] as number[] }]));
  for (let i = 0; i < starts; i++) {
    for (const c of available) {
      const r = await measure(c, cells);
      results.get(c.name)!.first.push(r.first);
      results.get(c.name)!.cpu.push(r.cpu);
      results.get(c.name)!.lat.push(...r.latencies);
      results.get(c.name)!.complete.push(await firstComplete(c));
    }
  }
  const ours = results.get("scalinglab")!;
  const oursFirst = median(ours.first);
  const oursLat = median(ours.lat);
  const oursCpu = median(ours.cpu);
  const oursComplete = median(ours.complete);
  console.log(`kernel startup bench: ${starts} fresh starts each, ${cells} trivial cells per start; load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
  console.log("kernel           start→first result   CPU until then   trivial cell   first complete after idle   ours/them: start   CPU   cell   (medians)");
  for (const [name, r] of results) {
    const f = median(r.first);
    const u = median(r.cpu);
    const l = median(r.lat);
    const fc = median(r.complete);
    console.log(`${name.padEnd(16)} ${(f / 1000).toFixed(2).padStart(9)} s ${u.toFixed(2).padStart(14)} s ${l.toFixed(1).padStart(11)} ms ${fc.toFixed(0).padStart(22)} ms` +
      `${(oursFirst / f).toFixed(2).padStart(18)}${(oursCpu / u).toFixed(2).padStart(6)}${(oursLat / l).toFixed(2).padStart(7)}`);
  }
  console.log(`goals: start→first result ≤ 1.5 s (${oursFirst <= 1500 ? "met" : "NOT met"}), trivial cell ≤ 30 ms (${oursLat <= 30 ? "met" : "NOT met"}), ` +
    `first complete_request after idle < 0.5 s (${(oursComplete / 1000).toFixed(3)} s: ${oursComplete < 500 ? "met" : "NOT met"})`);
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
