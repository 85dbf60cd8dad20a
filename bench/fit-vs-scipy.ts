/**
 * Issue #15's fitter rows: our fitter vs scipy's L-BFGS-B with analytic gradients on the same problem: Besiroglu et
 * al.'s 240 points, Hoffmann's 4,500-start grid, Huber δ = 1e-3 on log loss through log-sum-exp, sum. One invocation
 * times, in the same run: the fit in this process (wall and CPU), the `scalinglab fit` command as a whole process
 * (start included, as scipy's), scipy's script as a whole process, and the 4,000-resample bootstrap; it prints the
 * ratios against the goals and both best objectives.
 * With `--baseline DIST` (another build's dist/, e.g. main's), that build's CLI, in-process fit and bootstrap are timed
 * in the same rounds, interleaved, and the speed-ups of this build over it are printed too.
 * Run: npx tsc -p tsconfig.json && node dist/bench/fit-vs-scipy.js [--rounds 1] [--baseline ../main/dist]
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

type Chinchilla = typeof chinchilla;

/** Wall and CPU seconds of one in-process fit (all threads of this process). */
async function timeFit<T>(fit: () => Promise<T>): Promise<{ wall: number; cpu: number; result: T }> {
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await fit();
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - t) / 1000, cpu: (cpu.user + cpu.system) / 1e6, result };
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const rounds = Number(option("--rounds") ?? 1) || 1;
  const baselineDist = option("--baseline") ? path.resolve(option("--baseline")!) : null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const baseline = baselineDist ? (require(path.join(baselineDist, "lib", "internal.js")) as { chinchilla: Chinchilla }).chinchilla : null;
  const data = data240();
  const py = python();
  if (!py) throw new Error("no python with numpy and scipy: set SCALINGLAB_PYTHON or `apt-get install python3-scipy`");
  const cli = path.join(root(), "dist", "kernel", "cli", "cli.js");
  const cliArgs = [cli, "fit", "--law", "chinchilla", "--data", csv, "--n", "Model Size", "--flops", "Training FLOP", "--loss", "loss",
    "--drop-top", "5", "--grid", "hoffmann", "--json"];
  const load0 = os.loadavg()[0];
  const inWall: number[] = [], inCpu: number[] = [], cliWall: number[] = [], pyProc: number[] = [], pyWall: number[] = [], pyCpu: number[] = [], bootWall: number[] = [];
  const base = { inWall: [] as number[], inCpu: [] as number[], cliWall: [] as number[], bootWall: [] as number[], bootCpu: [] as number[], objective: NaN };
  const bootCpu: number[] = [];
  let ours = null as Awaited<ReturnType<typeof chinchilla.fit>> | null;
  let pyBest = NaN, cliBest = NaN;
  for (let r = 0; r < rounds; r++) {
    const fit = await timeFit(() => chinchilla.fit(data, data.map((x) => x.loss), { grid: "hoffmann" }));
    ours = fit.result;
    inWall.push(fit.wall);
    inCpu.push(fit.cpu);
    if (baseline) {
      const b = await timeFit(() => baseline.fit(data, data.map((x) => x.loss), { grid: "hoffmann" }));
      base.inWall.push(b.wall);
      base.inCpu.push(b.cpu);
      base.objective = b.result.objective;
    }

    const c = timeProcess(process.execPath, cliArgs);
    cliWall.push(c.seconds);
    cliBest = (JSON.parse(c.stdout) as { objective: number }).objective;
    if (baselineDist) base.cliWall.push(timeProcess(process.execPath, [path.join(baselineDist, "kernel", "cli", "cli.js"), ...cliArgs.slice(1)]).seconds);

    const proc = timeProcess(py, [path.join(root(), "bench/fit-vs-scipy.py"), csv]);
    const p = JSON.parse(proc.stdout) as { seconds: number; cpu_seconds: number; best: number; starts: number };
    // Whole-process wall (interpreter, numpy and scipy imports) against the CLI's; the script's own timing of its
    // loop against our in-process fit.
    pyProc.push(proc.seconds);
    pyWall.push(p.seconds);
    pyCpu.push(p.cpu_seconds);
    pyBest = p.best;

    const boot = await timeFit(() => chinchilla.fit(data, data.map((x) => x.loss), { init: ours!.params, bootstrap: 4000, seed: 42 }));
    bootWall.push(boot.wall);
    bootCpu.push(boot.cpu);
    if (baseline) {
      const b = await timeFit(() => baseline.fit(data, data.map((x) => x.loss), { init: ours!.params, bootstrap: 4000, seed: 42 }));
      base.bootWall.push(b.wall);
      base.bootCpu.push(b.cpu);
    }
    if (r === rounds - 1) {
      const se = boot.result.se;
      console.log(`bootstrap SEs (seed 42): A ${se.A!.toFixed(1)}, B ${se.B!.toFixed(0)}, E ${se.E!.toFixed(4)}, ` +
        `α ${se.alpha!.toFixed(4)}, β ${se.beta!.toFixed(4)}; ${boot.result.bootstrap!.notConverged} refits not converged`);
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
  row("4,000-resample bootstrap (wall)", `${f(median(bootWall))} (CPU ${f(median(bootCpu))})`, "—", "—", "≤ 1 s", median(bootWall) <= 1);
  if (baselineDist) {
    console.log(`\nthis build vs the baseline ${baselineDist} (same rounds, interleaved; baseline best objective ${base.objective.toPrecision(10)})`);
    console.log("| what | this build | baseline | speed-up |");
    console.log("|---|---|---|---|");
    const vs = (what: string, ours: number[], theirs: number[]) =>
      console.log(`| ${what} | ${f(median(ours))} | ${f(median(theirs))} | ${(median(theirs) / median(ours)).toFixed(2)}× |`);
    vs("`scalinglab fit`, whole process (wall)", cliWall, base.cliWall);
    vs("grid fit in process (wall)", inWall, base.inWall);
    vs("grid fit in process (CPU)", inCpu, base.inCpu);
    vs("4,000-resample bootstrap (wall)", bootWall, base.bootWall);
    vs("4,000-resample bootstrap (CPU)", bootCpu, base.bootCpu);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
