/**
 * `data.read` of a generated N-row sweep CSV (run id, N and D with scale letters, loss): time and peak RSS, and the
 * ratio to a naive baseline in the same invocation (split on line breaks and commas, Number() per cell — no quoting,
 * no checks), which bounds what a checked reader can cost. Issue 11's target: 1M rows in < 3 s and < 500 MB RSS.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/data-read.js [--rows 1000000]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { read } from "../lib/data/read";

const arg = process.argv.indexOf("--rows");
const rows = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-bench-")), "runs.csv");
{
  const lines = ["run,N,D,loss"];
  for (let i = 0; i < rows; i++) lines.push(`r${i % 997},${(i % 7) + 1}25M,${(i % 13) + 1}.5B,${(3 + (i % 1000) / 1000).toFixed(4)}`);
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

const time = (f: () => unknown) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const ours = time(() => read(file));
// RSS after our read (measured before the baseline allocates its own copy).
const rss = process.memoryUsage().rss / 1e6;
const naive = time(() => fs.readFileSync(file, "utf8").split("\n").slice(1).filter(Boolean).map((l) => l.split(",").map((c, j) => (j ? Number(c.replace(/[MB]$/, "")) : c))));
console.log(`data.read ${rows} rows: ${ours.toFixed(0)} ms (naive split ${naive.toFixed(0)} ms, ratio ${(ours / naive).toFixed(2)}), RSS ${rss.toFixed(0)} MB`);
fs.rmSync(path.dirname(file), { recursive: true, force: true });
