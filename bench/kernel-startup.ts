/**
 * The kernel rows of issue #15's performance table, for the scalinglab kernel vs stock tslab 1.0.22 vs ipykernel,
 * all started the same way (argv + connection file) and driven by the same ZMQ client in the same run. Rounds are
 * interleaved so machine load hits all three alike. Per round and kernel, two fresh processes:
 *   1. start → first result of a trivial cell (and the CPU the kernel used until then), `--cells` trivial cells,
 *      `--cells` 20-line typed cells, resident memory (the process tree's RSS) after that, and again after loading
 *      a dataset (ours: `data.load("steplaw")`; tslab: the same CSV files read and split into rows);
 *   2. start → idle → the first complete_request (what JupyterLab sends on the first Tab; it drops replies after 1 s).
 *
 *   npx tsc -p tsconfig.json && node dist/bench/kernel-startup.js [--rounds 3] [--cells 20]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalKernel, type LocalKernel } from "../kernel/runner/localClient";

const ROOT = path.resolve(__dirname, "..", "..");
const MIRROR = process.env.SCALINGLAB_DATA_MIRROR ?? path.join(ROOT, "..", "shared", "datasets");
// Our kernel runs in the temporary folder, where the default mirror (../shared/datasets from the working folder) is not.
process.env.SCALINGLAB_DATA_MIRROR = MIRROR;

interface Contender {
  name: string;
  argv: string[];
  /** A 20-line cell with types, in this kernel's language. */
  typed: string;
  /** Loads a dataset and keeps it in a variable. */
  load: string;
  /** A completion request: code and cursor. */
  complete: { code: string; cursor: number };
}

const TYPED_TS = `interface Run { name: string; N: number; D: number; loss: number }
type Grid = readonly Run[];
function makeGrid(n: number): Grid {
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const N = 1e8 * 2 ** (i % 8);
    const D = 20 * N;
    runs.push({ name: \`run-\${i}\`, N, D, loss: 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28 });
  }
  return runs;
}
function best<T extends { loss: number }>(xs: readonly T[]): T {
  return xs.reduce((a, b) => (b.loss < a.loss ? b : a));
}
const grid: Grid = makeGrid(64);
const byName = new Map<string, Run>(grid.map((r) => [r.name, r]));
const winner: Run = best(grid);
const total: number = grid.reduce((s, r) => s + r.loss, 0);
const summary: { runs: number; best: string; mean: number } = { runs: byName.size, best: winner.name, mean: total / grid.length };
summary.runs`;

const TYPED_PY = `from typing import NamedTuple
class Run(NamedTuple):
    name: str
    N: float
    D: float
    loss: float
def make_grid(n: int) -> list[Run]:
    runs: list[Run] = []
    for i in range(n):
        N = 1e8 * 2 ** (i % 8)
        D = 20 * N
        runs.append(Run(f"run-{i}", N, D, 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28))
    return runs
def best(xs: list[Run]) -> Run:
    return min(xs, key=lambda r: r.loss)
grid: list[Run] = make_grid(64)
by_name: dict[str, Run] = {r.name: r for r in grid}
winner: Run = best(grid)
total: float = sum(r.loss for r in grid)
summary = {"runs": len(by_name), "best": winner.name, "mean": total / len(grid)}
summary["runs"]`;

const stepDir = path.join(MIRROR, "steplaw");
const LOAD_PLAIN_TS = `const fs = require("fs");
const files = fs.readdirSync(${JSON.stringify(stepDir)}).filter((f: string) => f.endsWith(".csv"));
const tables = files.map((f: string) => fs.readFileSync(${JSON.stringify(stepDir)} + "/" + f, "utf8").split("\\n").map((l: string) => l.split(",")));
tables.length`;

const contenders: Contender[] = [
  {
    name: "scalinglab", argv: [process.execPath, path.join(ROOT, "dist", "kernel", "server", "main.js"), "-f", "{connection_file}"],
    typed: TYPED_TS, load: `const ds = await data.load("steplaw");\nds.files.length`, complete: { code: "Math.", cursor: 5 },
  },
  {
    name: "tslab (stock)", argv: [path.join(ROOT, "node_modules", ".bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    typed: TYPED_TS, load: LOAD_PLAIN_TS, complete: { code: "Math.", cursor: 5 },
  },
  {
    name: "ipykernel", argv: [path.join(ROOT, ".venv", "bin", "python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
    typed: TYPED_PY,
    load: `import csv, glob\ntables = [list(csv.reader(open(f))) for f in glob.glob(${JSON.stringify(stepDir + "/*.csv")})]\nlen(tables)`,
    complete: { code: "import math\nmath.", cursor: 17 },
  },
];

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** CPU seconds (all threads, user + system) a process has used so far; Linux /proc, clock ticks of 10 ms. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process and all its descendants, MB (Linux /proc). */
function treeRssMb(pid: number): number {
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const kids = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      for (const k of kids ? kids.split(/\s+/) : []) kb += treeRssMb(Number(k)) * 1024;
    }
  } catch {
    // the process (or a child) exited meanwhile
  }
  return kb / 1024;
}

async function run(k: LocalKernel, name: string, code: string): Promise<void> {
  const r = await k.executeRequest(code, {}, 120_000);
  const { status, ename, evalue } = r.reply.content as { status?: string; ename?: string; evalue?: string };
  // Stock tslab prints the value as a stdout stream instead of an execute_result: count either.
  if (status !== "ok" || !r.outputs.some((m) => m.header.msg_type === "execute_result" || m.header.msg_type === "stream")) {
    throw new Error(`${name}: no result for ${JSON.stringify(code.slice(0, 40))} (status ${status}${ename ? `: ${ename}: ${evalue}` : ""})\n${k.stderr()}`);
  }
}

interface Sample { first: number; cpu: number; trivial: number[]; typed: number[]; rss: number; rssData: number }

async function measureCells(c: Contender, cells: number): Promise<Sample> {
  const t0 = performance.now();
  const k = await startLocalKernel({ name: c.name, spec: { argv: c.argv, display_name: c.name, language: "typescript" }, cwd: os.tmpdir(), startupTimeoutMs: 120_000 });
  try {
    await run(k, c.name, "1 + 1");
    const first = performance.now() - t0;
    const cpu = cpuSeconds(k.child.pid!);
    const time = async (code: string) => {
      const s = performance.now();
      await run(k, c.name, code);
      return performance.now() - s;
    };
    const trivial: number[] = [];
    const typed: number[] = [];
    for (let i = 0; i < cells; i++) trivial.push(await time("i + 1".replace("i", String(i))));
    for (let i = 0; i < cells; i++) typed.push(await time(c.typed));
    const rss = treeRssMb(k.child.pid!);
    await run(k, c.name, c.load);
    return { first, cpu, trivial, typed, rss, rssData: treeRssMb(k.child.pid!) };
  } finally {
    await k.shutdown();
  }
}

/** ms from `idle` after start (kernel_info answered) to the first complete_request's reply, and whether it had matches. */
async function measureCompletion(c: Contender): Promise<{ ms: number; matches: number }> {
  const k = await startLocalKernel({ name: c.name, spec: { argv: c.argv, display_name: c.name, language: "typescript" }, cwd: os.tmpdir(), startupTimeoutMs: 120_000 });
  try {
    const s = performance.now();
    const r = await k.request("complete_request", { code: c.complete.code, cursor_pos: c.complete.cursor }, { timeoutMs: 60_000 });
    return { ms: performance.now() - s, matches: ((r.reply.content as { matches?: unknown[] }).matches ?? []).length };
  } finally {
    await k.shutdown();
  }
}

async function main(): Promise<void> {
  const rounds = arg("--rounds", arg("--starts", 3));
  const cells = arg("--cells", 20);
  const available = contenders.filter((c) => fs.existsSync(c.argv[0]!));
  const results = new Map(available.map((c) => [c.name, { samples: [] as Sample[], completion: [] as number[], matches: [] as number[] }]));
  for (let i = 0; i < rounds; i++) {
    for (const c of available) results.get(c.name)!.samples.push(await measureCells(c, cells));
    for (const c of available) {
      const r = await measureCompletion(c);
      results.get(c.name)!.completion.push(r.ms);
      results.get(c.name)!.matches.push(r.matches);
    }
  }
  const m = (name: string) => {
    const r = results.get(name);
    if (!r) return null;
    return {
      first: median(r.samples.map((s) => s.first)), cpu: median(r.samples.map((s) => s.cpu)),
      trivial: median(r.samples.flatMap((s) => s.trivial)), typed: median(r.samples.flatMap((s) => s.typed)),
      rss: median(r.samples.map((s) => s.rss)), rssData: median(r.samples.map((s) => s.rssData)),
      completion: median(r.completion), matches: Math.min(...r.matches),
    };
  };
  const ours = m("scalinglab")!;
  const tslab = m("tslab (stock)");
  const ipy = m("ipykernel");
  console.log(`kernel bench: ${rounds} rounds × (2 fresh starts per kernel), ${cells} trivial + ${cells} typed cells per start; ` +
    `load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} cores; medians`);
  const fmt = (v: number | undefined, unit: string, digits = 0) => (v === undefined || Number.isNaN(v) ? "—" : `${v.toFixed(digits)} ${unit}`);
  const row = (what: string, o: number, t: number | undefined, ip: number | undefined, unit: string, digits: number,
    goal: string, met: boolean | null) => {
    const ratio = t ? `${(o / t).toFixed(2)}×` : "—";
    console.log(`| ${what} | ${fmt(o, unit, digits)} | ${fmt(t, unit, digits)} | ${fmt(ip, unit, digits)} | ${ratio} | ${goal} | ${met === null ? "—" : met ? "met" : "NOT met"} |`);
  };
  console.log("| what | scalinglab | stock tslab | ipykernel | ours / tslab | goal | |");
  console.log("|---|---|---|---|---|---|---|");
  row("kernel start → first result", ours.first / 1000, tslab ? tslab.first / 1000 : undefined, ipy ? ipy.first / 1000 : undefined, "s", 2, "≤ 0.7× tslab",
    tslab ? ours.first <= 0.7 * tslab.first : null);
  row("CPU until first result", ours.cpu, tslab?.cpu, ipy?.cpu, "s", 2, "(load-independent view of the row above)", null);
  row("trivial cell (`i + 1`)", ours.trivial, tslab?.trivial, ipy?.trivial, "ms", 1, "≤ 1.0× tslab", tslab ? ours.trivial <= tslab.trivial : null);
  row("20-line typed cell", ours.typed, tslab?.typed, ipy?.typed, "ms", 1, "≤ 1.0× tslab", tslab ? ours.typed <= tslab.typed : null);
  row("first complete_request after idle", ours.completion, tslab?.completion, ipy?.completion, "ms", 0, "< 500 ms", ours.completion < 500);
  row("RSS after start + cells", ours.rss, tslab?.rss, ipy?.rss, "MB", 0, "≤ 1.3× tslab", tslab ? ours.rss <= 1.3 * tslab.rss : null);
  row("RSS with a dataset loaded", ours.rssData, tslab?.rssData, ipy?.rssData, "MB", 0, "≤ 1.3× tslab", tslab ? ours.rssData <= 1.3 * tslab.rssData : null);
  if (ours.matches === 0) console.log("warning: a scalinglab completion came back without matches");
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
