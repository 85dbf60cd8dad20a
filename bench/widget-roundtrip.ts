/**
 * A slider drag through the protocol: the client sends the frontend's `update` comm_msg for a slider, the kernel
 * echoes it, `interact` re-runs its function, which draws a 200-point plotly figure, and the client waits for the
 * `update_display_data` that replaces the output. Median over many moves, with interact's default debounce (20 ms)
 * and without it (debounceMs: 0), against the trivial-cell round trip of the same kernel in the same run.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/widget-roundtrip.js [--moves 40]
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalKernel, type LocalKernel } from "../kernel/runner/localClient";

const ROOT = path.resolve(__dirname, "..", "..");
const moves = (() => {
  const i = process.argv.indexOf("--moves");
  return i >= 0 ? Number(process.argv[i + 1]) : 40;
})();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function sliderId(k: LocalKernel, debounceMs: number): Promise<string> {
  const r = await k.executeRequest(`widgets.interact(({ alpha }) => plot.lines([{ name: "L(N)", x: Array.from({ length: 200 }, (_, i) => 10 ** (6 + i * 0.03)),
  y: Array.from({ length: 200 }, (_, i) => 1.69 + 406.4 * (10 ** (6 + i * 0.03)) ** -alpha) }], { logX: true, logY: true, title: \`α = \${alpha}\` }),
  { alpha: widgets.FloatSlider({ value: 0.34, min: 0.1, max: 0.6, step: 0.001 }) }, { debounceMs: ${debounceMs} });`);
  const open = r.outputs.filter((m) => m.header.msg_type === "comm_open" && (m.content as any).data.state._model_name === "FloatSliderModel").pop();
  if (!open) throw new Error("no slider opened");
  return (open.content as { comm_id: string }).comm_id;
}

async function roundTrip(k: LocalKernel, id: string, value: number): Promise<number> {
  const start = k.iopubLog.length;
  const t0 = performance.now();
  await k.request("comm_msg", { comm_id: id, data: { method: "update", state: { value }, buffer_paths: [] } }, { noReply: true });
  for (;;) {
    const hit = k.iopubLog.slice(start).find((m) => m.header.msg_type === "update_display_data");
    if (hit) {
      const spec = (hit.content as { data: Record<string, { data: { y: number[] }[] }> }).data["application/vnd.plotly.v1+json"];
      if (spec.data[0]!.y.length !== 200) throw new Error("the figure does not have 200 points");
      return performance.now() - t0;
    }
    await new Promise((r) => setImmediate(r));
  }
}

async function main(): Promise<void> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-bench-"));
  const k = await startLocalKernel({
    name: "scalinglab", cwd, startupTimeoutMs: 90_000,
    spec: { argv: [process.execPath, path.join(ROOT, "dist", "kernel", "server", "main.js"), "-f", "{connection_file}"], display_name: "bench", language: "typescript", interrupt_mode: "message" },
  });
  try {
    const trivial: number[] = [];
    for (let i = 0; i < moves; i++) {
      const t0 = performance.now();
      await k.executeRequest("1 + 1");
      trivial.push(performance.now() - t0);
    }
    const results: [string, number][] = [];
    for (const debounce of [20, 0]) {
      const id = await sliderId(k, debounce);
      const times: number[] = [];
      for (let i = 0; i < moves + 3; i++) {
        const t = await roundTrip(k, id, 0.2 + (i % 30) * 0.01 + Math.random() * 1e-3);
        if (i >= 3) times.push(t); // the first moves compile the paths
      }
      results.push([`slider → update_display_data (200-point plotly figure), debounce ${debounce} ms`, median(times)]);
    }
    const base = median(trivial);
    console.log(`moves: ${moves} each`);
    console.log(`${"trivial cell round trip (baseline)".padEnd(80)} ${base.toFixed(1).padStart(7)} ms  1.00×`);
    for (const [name, ms] of results) console.log(`${name.padEnd(80)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base).toFixed(2)}×`);
  } finally {
    await k.shutdown();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
