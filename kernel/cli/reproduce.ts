import * as fs from "node:fs";
import * as path from "node:path";
import { CHECK_MIME, type CheckRecord } from "../../lib/internal";
import { Notebook } from "../runner/nbformat";
import { displayPath, formatFailure, stripAnsi } from "../runner/runner";
import { runNotebookFile } from "../runner/runFile";
import { CliCommand, UsageError } from "./command";
import { parseCommandArgs, parseSeconds, str } from "./args";
import { projectRoot } from "../root";
import { KERNEL_HELP, KERNEL_OPTIONS, kernelTarget } from "./notebookTarget";

export interface NotebookOutcome {
  notebook: string;
  output: string;
  ok: boolean;
  seconds: number;
  cells: number;
  failure?: { cell: number; ename: string; evalue: string; traceback: string[] };
}

export interface CheckRow extends CheckRecord {
  notebook: string;
}

export interface ReproduceReport {
  ok: boolean;
  notebooks: NotebookOutcome[];
  checks: CheckRow[];
}

/** Every check record (mime application/vnd.scalinglab.check+json) among the notebook's outputs, in order. */
/** The folders of notebooks/ whose notebooks `reproduce` runs too (the course). */
export const NOTEBOOK_SUBFOLDERS = ["teaching"] as const;

/** The notebooks `reproduce` runs: notebooks/*.ipynb, then notebooks/teaching/*.ipynb, relative to `nbDir`. */
export function projectNotebooks(nbDir: string): string[] {
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb") && !f.endsWith(".out.ipynb")).sort() : []);
  return [...list(nbDir), ...NOTEBOOK_SUBFOLDERS.flatMap((sub) => list(path.join(nbDir, sub)).map((f) => `${sub}/${f}`))];
}

export function collectChecks(nb: Notebook, notebook: string): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    for (const out of cell.outputs) {
      if ((out.output_type === "display_data" || out.output_type === "execute_result") && out.data[CHECK_MIME]) {
        rows.push({ notebook, ...(out.data[CHECK_MIME] as CheckRecord) });
      }
    }
  }
  return rows;
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? x.toExponential(4) : String(+x.toPrecision(6));
}

/** Long figure/quantity labels are cut to this many characters so rows fit a terminal (--json keeps them whole). */
export const LABEL_WIDTH = 48;

function clip(s: string): string {
  return s.length > LABEL_WIDTH ? `${s.slice(0, LABEL_WIDTH - 1)}…` : s;
}

/** One plain-text table: notebook, figure/table, quantity, published, ours, rel. diff, ok. */
export function summaryTable(checks: readonly CheckRow[]): string {
  const head = ["notebook", "figure/table", "quantity", "published", "ours", "rel. diff", "ok"];
  const rows = checks.map((c) => [c.notebook.replace(/\.ipynb$/, ""), clip(c.figure), clip(c.quantity), num(c.published), num(c.ours),
    c.relDiff.toExponential(1), c.ok ? "ok" : "FAIL"]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = new Set([3, 4, 5]);
  const line = (r: string[]) => r.map((v, i) => (numeric.has(i) ? v.padStart(width[i]) : v.padEnd(width[i]))).join("  ").trimEnd();
  return [line(head), width.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export const reproduceCommand: CliCommand = {
  name: "reproduce",
  summary: "run every notebook in notebooks/ and print one table of reproduced published numbers",
  usage: `usage: scalinglab reproduce [NOTEBOOK.ipynb...] [--out DIR] [--json] [-j N] [--verbose] [--timeout S]
                            [--kernel NAME] [--server URL --token T]

Runs every notebooks/*.ipynb and notebooks/teaching/*.ipynb headless (or only the notebooks given), writing executed copies to
notebooks/_build/NAME.out.ipynb (or --out DIR), collects every checkReproduces() record and prints one
summary table (notebook, figure/table, quantity, published, ours, rel. diff, ok) plus the failing notebooks.
Exits 1 when a notebook fails or a check is not ok.

  --out DIR            where executed notebooks go (default notebooks/_build)
  --json               print the report as JSON on stdout instead of the table
  -j, --jobs N         run N notebooks at a time, each on its own kernel (default 1)
  --verbose            one progress line per cell (default: one per notebook)
${KERNEL_HELP}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: "string" }, json: { type: "boolean" }, verbose: { type: "boolean" }, jobs: { type: "string", short: "j" },
      ...KERNEL_OPTIONS,
    }, true);
    const timeoutS = parseSeconds("--timeout", str(values.timeout), 300);
    const target = kernelTarget(values);
    const nbDir = path.join(projectRoot(), "notebooks");
    const outDir = path.resolve(str(values.out) ?? path.join(nbDir, "_build"));
    const inputs = positionals.length > 0 ? positionals : projectNotebooks(nbDir).map((f) => path.join(nbDir, f));
    for (const nb of inputs) if (!nb.endsWith(".ipynb") || !fs.existsSync(nb)) throw new UsageError(`no such notebook: ${nb}`);
    if (inputs.length === 0) throw new UsageError(`no notebooks found in ${nbDir}`);

    const jobs = Number(str(values.jobs) ?? 1);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs expects a whole number ≥ 1, got ${JSON.stringify(str(values.jobs))}`);

    const runOne = async (input: string): Promise<{ outcome: NotebookOutcome; checks: CheckRow[] }> => {
      // Notebooks of notebooks/ subfolders (teaching/) keep their folder in the report and the output path.
      const rel = path.relative(nbDir, path.resolve(input));
      const name = positionals.length === 0 && !rel.startsWith("..") ? rel : path.basename(input);
      const output = path.join(outDir, name.replace(/\.ipynb$/, ".out.ipynb"));
      const r = await runNotebookFile(input, output, {
        target, timeoutS, log: values.verbose ? (l) => console.error(`${name} ${l}`) : undefined,
      });
      const checks = collectChecks(r.notebook, name);
      const ok = !r.failure && checks.every((c) => c.ok);
      const nOk = checks.filter((c) => c.ok).length;
      console.error(`${ok ? "ok    " : "FAILED"} ${name}  ${r.seconds.toFixed(1)} s, ${r.executed} cells, ${nOk}/${checks.length} checks ok`);
      return {
        checks,
        outcome: {
          notebook: name, output, ok, seconds: +r.seconds.toFixed(2), cells: r.executed,
          ...(r.failure && { failure: { ...r.failure, traceback: r.failure.traceback.map(stripAnsi) } }),
        },
      };
    };
    // A small pool: `jobs` notebooks at a time, each on its own kernel; results keep the input order.
    const results: Array<Awaited<ReturnType<typeof runOne>>> = new Array(inputs.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(jobs, inputs.length) }, async () => {
      while (next < inputs.length) {
        const i = next++;
        results[i] = await runOne(inputs[i]);
      }
    }));
    const report: ReproduceReport = {
      ok: results.every((r) => r.outcome.ok),
      notebooks: results.map((r) => r.outcome),
      checks: results.flatMap((r) => r.checks),
    };

    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(report.checks.length > 0 ? summaryTable(report.checks) : "(no checkReproduces records in these notebooks)");
      const failed = report.notebooks.filter((n) => !n.ok);
      const nOk = report.checks.filter((c) => c.ok).length;
      console.log(`\n${nOk}/${report.checks.length} checks ok; ${report.notebooks.length - failed.length}/${report.notebooks.length} notebooks ran clean` +
        ` (executed copies in ${displayPath(outDir)})`);
      for (const f of failed) {
        console.log(`\nFAILED ${f.notebook}` + (f.failure ? ` at cell ${f.failure.cell}:\n${formatFailure(f.failure)}` : ": a check is not ok"));
      }
    }
    return report.ok ? 0 : 1;
  },
};
