/**
 * `data.read` of a generated N-row sweep CSV (run id, N and D with scale letters, loss): time and peak RSS, each reader
 * in its own child process so one's garbage does not inflate another's RSS. Baselines in the same run:
 *   - naive: readFileSync, split on line breaks and commas, Number() per cell (no quoting, no checks, no scale
 *     letters beyond stripping them) — what a checked reader cannot beat by much;
 *   - papaparse (a well-kept CSV parser, here as danfojs's dependency): tokenizing only, cells left as strings.
 * `data.read + .rows` also builds the row objects (RunTable keeps a read file columnar and makes them on first use).
 * Issue 11's target: 1M rows in < 3 s and < 500 MB RSS.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/data-read.js [--rows 1000000]
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readRuns as read } from "../lib/internal";

const READERS: Record<string, (file: string) => unknown> = {
  "data.read": (file) => read(file),
  "data.read + .rows": (file) => read(file).rows.length,
  naive: (file) => fs.readFileSync(file, "utf8").split("\n").slice(1).filter(Boolean)
    .map((l) => l.split(",").map((c, j) => (j ? Number(c.replace(/[MB]$/, "")) : c))),
  papaparse: (file) => (require("papaparse") as { parse: (t: string, o: object) => unknown }).parse(fs.readFileSync(file, "utf8"), { skipEmptyLines: true }),
};

const child = process.argv.indexOf("--child");
if (child > 0) {
  const [name, file] = process.argv.slice(child + 1);
  const t = process.hrtime.bigint();
  READERS[name](file);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024 }));
} else {
  const arg = process.argv.indexOf("--rows");
  const rows = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-bench-")), "runs.csv");
  {
    const lines = ["run,N,D,loss"];
    for (let i = 0; i < rows; i++) lines.push(`r${i % 997},${(i % 7) + 1}25M,${(i % 13) + 1}.5B,${(3 + (i % 1000) / 1000).toFixed(4)}`);
    fs.writeFileSync(file, lines.join("\n") + "\n");
  }
  const run = (name: string) => JSON.parse(execFileSync(process.execPath, [__filename, "--child", name, file], { encoding: "utf8" })) as { ms: number; rssMB: number };
  const res = Object.fromEntries(Object.keys(READERS).map((n) => [n, run(n)]));
  const ours = res["data.read"];
  console.log(`${rows} rows, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB CSV; goal (issue 11): data.read < 3000 ms and < 500 MB peak RSS`);
  for (const [n, r] of Object.entries(res)) {
    console.log(`${n.padEnd(18)} ${r.ms.toFixed(0).padStart(6)} ms  peak RSS ${r.rssMB.toFixed(0).padStart(5)} MB   data.read/this: time ${(ours.ms / r.ms).toFixed(2)}, RSS ${(ours.rssMB / r.rssMB).toFixed(2)}`);
  }
  console.log(`data.read within goal: ${ours.ms < 3000 && ours.rssMB < 500 ? "yes" : "NO"}`);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
