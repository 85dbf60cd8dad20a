/**
 * Every notebook in notebooks/ (and notebooks/teaching/) runs top to bottom on the scalinglab kernel and every published number it
 * checks (checkReproduces) is reproduced. Runs `scalinglab reproduce --json` once; the executed notebooks
 * land in tests/artifacts/notebooks with the report, reproduce.json (CI artifacts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectNotebooks, type ReproduceReport } from "../../kernel/cli/reproduce";
import { formatFailure } from "../../kernel/runner/runner";
import { ROOT, runCli } from "../cli/helpers";

const NOTEBOOK_DIR = path.join(ROOT, "notebooks");
// notebooks/*.ipynb, then the course in notebooks/teaching/ (named "teaching/x.ipynb").
const notebooks = projectNotebooks(NOTEBOOK_DIR);
// Each notebook must run in well under a minute in CI (two at a time); the budget covers a busy 2-core machine.
const BUDGET_MS = 60_000 * Math.max(1, notebooks.length) + 30_000;

describe("notebooks/*.ipynb reproduce their published numbers", () => {
  let report: ReproduceReport;
  let stderr = "";
  const out = path.join(ROOT, "tests", "artifacts", "notebooks");

  beforeAll(async () => {
    const r = await runCli(["reproduce", "--json", "--jobs", "2", "--timeout", "120", "--out", out]);
    stderr = r.stderr;
    if (r.stdout.trim() === "") throw new Error(`scalinglab reproduce printed no report (exit ${r.code}):\n${r.stderr}`);
    report = JSON.parse(r.stdout) as ReproduceReport;
    fs.writeFileSync(path.join(out, "reproduce.json"), r.stdout);
  }, BUDGET_MS);

  it("there are notebooks to run", () => {
    expect(notebooks.length).toBeGreaterThan(0);
    expect(report.notebooks.map((n) => n.notebook)).toEqual(notebooks);
  });

  describe.each(notebooks)("%s", (name) => {
    it("runs top to bottom without an error", () => {
      const nb = report.notebooks.find((n) => n.notebook === name);
      const f = nb?.failure;
      expect(f, f && `cell ${f.cell}: ${formatFailure(f)}\n${stderr}`).toBeUndefined();
    });

    it("asserts its key numbers with checkReproduces, and every check is ok", () => {
      const checks = report.checks.filter((c) => c.notebook === name);
      expect(checks.length, `${name} records no checkReproduces`).toBeGreaterThan(0);
      const bad = checks.filter((c) => !c.ok).map((c) => `${c.figure} · ${c.quantity}: ours ${c.ours} vs published ${c.published}`);
      expect(bad).toEqual([]);
    });

    // Figures keep their plotly JSON and static SVG; plotly.js (4.8 MB) stays out of the notebook and goes into
    // HTML exports only (kernel/runner/html.ts). A notebook that inlined it would weigh over 5 MB.
    it("its executed file is under 1 MB", () => {
      const file = path.join(out, name.replace(/\.ipynb$/, ".out.ipynb"));
      expect(fs.statSync(file).size).toBeLessThan(1_000_000);
    });
  });
});
