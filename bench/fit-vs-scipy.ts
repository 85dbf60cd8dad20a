/**
 * Issue #15's fitter rows: our fitter vs scipy's L-BFGS-B with analytic gradients on the same problem: Besiroglu et
 * al.'s 240 points, Hoffmann's 4,500-start grid, Huber δ = 1e-3 on log loss through log-sum-exp, sum. One invocation
 * times, in the same run: the fit in this process (wall and CPU), the `scalinglab fit` command as a whole process
 * (start included, as scipy's), scipy's script as a whole process, and the 4,000-resample bootstrap; it prints the
 * ratios against the goals and both best objectives.
 * Run: npx tsc -p tsconfig.json && node dist/bench/fit-vs-scipy.js [--rounds 1]
 * Python: $SCALINGLAB_PYTHON, else the first of .venv/bin/python, python3, /usr/bin/python3 that imports scipy
 * (Debian: `apt-get install python3-scipy`).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chinchilla } from "../lib/internal";


function root(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error("package root not found");
  }
}

const csv = path.resolve(process.env.SCALINGLAB_DATA_MIRROR ?? path.join(root(), "../shared/datasets"), "chinchilla-epoch/svg_extracted_data.csv");

function data240() {
  const [header, ...lines] = fs.readFileSync(csv, "utf8").trim().split("\n");
  const cols = header.split(",");
  const rows = lines.map((l) => {
    const c = l.split(",");
    const N = Number(c[cols.indexOf("Model Size")]);
    return { N, D: Number(c[cols.indexOf("Training FLOP")]) / (6 * N), loss: Number(c[cols.indexOf("loss")]) };
  });
  return rows.sort((a, b) => a.loss - b.loss).slice(0, -5);
}

/** A python that can import numpy and scipy, or null. */
function python(): string | null {
  const candidates = [process.env.SCALINGLAB_PYTHON, path.join(root(), ".venv", "bin", "python"), "python3", "/usr/bin/python3"];
  for (const py of candidates) {
    if (!py) continue;
    try {
      execFileSync(py, ["-c", "import numpy, scipy"], { stdio: "ignore" });
      return py;
    } catch {
      // not this one
    }
  }
  return null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Wall seconds of a whole process. */
function timeProcess(cmd: string, args: string[]): { seconds: number; stdout: string } {
  const t = performance.now();
  const stdout = execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  return { seconds: (performance.now() - t) / 1000, stdout };
}

function row(what: string, ours: string, ref: string, ratio: string, goal: string, met: boolean | null): void {
  console.log(`| ${what} | ${ours} | ${ref} | ${ratio} | ${goal} | ${met === null ? "—" : met ? "met" : "NOT met"} |`);
}

async function main() {
  const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1] ?? 1) || 1;
  const data = data240();
  const py = python();
  if (!py) throw new Error("no python with numpy and scipy: set SCALINGLAB_PYTHON or `apt-get install python3-scipy`");
  const cli = path.join(root(), "dist", "kernel", "cli", "cli.js");
  const cliArgs = [cli, "fit", "--law", "chinchilla", "--data", csv, "--n", "Model Size", "--flops", "Training FLOP", "--loss", "loss",
    "--drop-top", "5", "--grid", "hoffmann", "--json"];
  const load0 = os.loadavg()[0];
  const inWall: number[] = [], inCpu: number[] = [], cliWall: number[] = [], pyProc: number[] = [], pyWall: number[] = [], pyCpu: number[] = [], bootWall: number[] = [];
  let ours = null as Awaited<ReturnType<typeof chinchilla.fit>> | null;
  let pyBest = NaN, cliBest = NaN;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    const cpu0 = process.cpuUsage();
    ours = await chinchilla.fit(data, data.map((x) => x.loss), { grid: "hoffmann" });
    inWall.push((performance.now() - t) / 1000);
    const cpu = process.cpuUsage(cpu0);
    inCpu.push((cpu.user + cpu.system) / 1e6); // all threads, workers included

    const c = timeProcess(process.execPath, cliArgs);
    cliWall.push(c.seconds);
    cliBest = (JSON.parse(c.stdout) as { objective: number }).objective;

    const proc = timeProcess(py, [path.join(root(), "bench/fit-vs-scipy.py"), csv]);
    const p = JSON.parse(proc.stdout) as { seconds: number; cpu_seconds: number; best: number; starts: number };
    // Whole-process wall (interpreter, numpy and scipy imports) against the CLI's; the script's own timing of its
    // loop against our in-process fit.
    pyProc.push(proc.seconds);
    pyWall.push(p.seconds);
    pyCpu.push(p.cpu_seconds);
    pyBest = p.best;

    t = performance.now();
    const boot = await chinchilla.fit(data, data.map((x) => x.loss), { init: ours.params, bootstrap: 4000, seed: 42 });
    bootWall.push((performance.now() - t) / 1000);
    if (r === rounds - 1) {
      console.log(`bootstrap SEs (seed 42): A ${boot.se.A!.toFixed(1)}, B ${boot.se.B!.toFixed(0)}, E ${boot.se.E!.toFixed(4)}, ` +
        `α ${boot.se.alpha!.toFixed(4)}, β ${boot.se.beta!.toFixed(4)}; ${boot.bootstrap!.notConverged} refits not converged`);
    }
  }
  const sc = ours!.grid.screening;
  console.log(`fit bench: ${data.length} points, ${ours!.grid.starts} starts, ${rounds} round(s), medians; cores ${os.availableParallelism()}; ` +
    `load average ${load0.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end; python ${py}`);
  if (sc) console.log(`  screened ${ours!.grid.starts} starts (relative ftol ${sc.ftol}), polished the ${sc.polished} best distinct end points`);
  const rel = Math.max(Math.abs(ours!.objective - pyBest), Math.abs(cliBest - pyBest)) / pyBest;
  const f = (x: number) => `${x.toFixed(2)} s`;
  console.log("| what | scalinglab | scipy L-BFGS-B | speed-up | goal | |");
  console.log("|---|---|---|---|---|---|");
  row("Chinchilla grid fit, whole process (`scalinglab fit` vs python script, start included)", f(median(cliWall)), f(median(pyProc)),
    `${(median(pyProc) / median(cliWall)).toFixed(1)}×`, "≥ 20× wall", median(pyProc) / median(cliWall) >= 20);
  row("Chinchilla grid fit, in process (wall; scipy: its loop alone)", f(median(inWall)), f(median(pyWall)), `${(median(pyWall) / median(inWall)).toFixed(1)}×`, "≥ 20× wall",
    median(pyWall) / median(inWall) >= 20);
  row("Chinchilla grid fit, in process (CPU, all threads)", f(median(inCpu)), f(median(pyCpu)), `${(median(pyCpu) / median(inCpu)).toFixed(1)}×`, "—", null);
  row("best objective, relative difference", `${ours!.objective.toPrecision(10)} (CLI ${cliBest.toPrecision(10)})`, pyBest.toPrecision(10),
    rel.toExponential(1), "≤ 1e-6", rel <= 1e-6);
  row("4,000-resample bootstrap (wall)", f(median(bootWall)), "—", "—", "≤ 1 s", median(bootWall) <= 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
