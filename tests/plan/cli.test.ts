/**
 * `scalinglab plan` (kernel/cli/plan.ts): flags → the same `plan` as the notebook, `--json`, `--html`, one-line
 * errors with exit 2, and the start-up bench (< 1.5 s for `--compute 1e24 --json` including process start).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../kernel/cli/cli";
import { planCommand, planSpecFromArgs } from "../../kernel/cli/plan";
import { plan } from "../../lib/plan";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((s: unknown) => { out.push(String(s)); });
  const error = vi.spyOn(console, "error").mockImplementation((s: unknown) => { err.push(String(s)); });
  try {
    const code = await main(["plan", ...args], [planCommand]);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe("scalinglab plan", () => {
  it("maps flags onto the plan spec", () => {
    const { spec, json, html } = planSpecFromArgs(["--gpus", "256", "--gpu", "h100", "--days", "14", "--mfu", "0.4", "--unique-tokens", "1e11",
      "--experts", "64", "--active-experts", "8", "--mup-base-width", "256", "--mup-base-lr", "1e-2", "--json"]);
    expect(spec).toEqual({ gpus: 256, gpu: "h100", days: 14, mfu: 0.4, uniqueTokens: 1e11, moe: { experts: 64, active: 8 }, base: { width: 256, lr: 1e-2 } });
    expect(json).toBe(true);
    expect(html).toBeUndefined();
  });

  it("--json prints the plan's JSON: the same numbers as plan() in the notebook", async () => {
    const r = await run(["--compute", "1e24", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const p = plan({ compute: 1e24 });
    for (const k of ["N", "D", "tokensPerParam", "loss", "lr", "batchTokens", "flops"] as const) expect(j[k]).toBe(p[k]);
    expect(j.lossCI).toEqual([...p.lossCI!]);
    expect(j.rules.length).toBe(p.rules.length);
  });

  it("prints the text card by default and writes the HTML card with --html", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-plan-")), "plan.html");
    const r = await run(["--compute", "1e22", "--inference-tokens", "1e12", "--html", file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Training plan — inference-optimal/);
    expect(fs.readFileSync(file, "utf8")).toMatch(/<div class="scalinglab-plan">/);
  });

  it("--fit RUNS.csv fits the Chinchilla law to your runs and propagates its bootstrap into the loss interval", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-plan-"));
    const file = path.join(dir, "runs.csv");
    const p = { E: 1.8, A: 480, B: 2100, alpha: 0.35, beta: 0.37 };
    const lines = ["params,tokens,val_loss"];
    let i = 0;
    for (const N of [1e8, 3e8, 1e9, 3e9, 1e10]) for (const D of [2e9, 6e9, 2e10, 6e10, 2e11]) {
      lines.push(`${N},${D},${(p.E + p.A / N ** p.alpha + p.B / D ** p.beta) * (1 + 0.004 * Math.sin(++i))}`);
    }
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const r = await run(["--compute", "1e22", "--fit", file, "--n-col", "params", "--d-col", "tokens", "--loss-col", "val_loss", "--bootstrap", "40", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.law.name).toBe("your fit of the Chinchilla law (n = 25)");
    expect(j.lossMethod).toMatch(/percentile interval over the fit's 40 bootstrap resamples/);
    expect(j.extrapolation.rangeSource).toBe("the fit's data ranges");
    expect(j.lossCI[0]).toBeLessThan(j.loss);
    expect(j.lossCI[1]).toBeGreaterThan(j.loss);
  }, 120_000);

  it("--fit with a bad runs file is one line, exit 1", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-plan-")), "runs.csv");
    fs.writeFileSync(file, "N,D,loss\n1e8,2e9,3.1\n2e8,oops,3.0\n");
    const r = await run(["--compute", "1e22", "--fit", file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`scalinglab plan: data.read: ${file} row 2, column "D": "oops" is not a number, unlike 1 of the column's 2 cells ` +
      `(fix or drop that row (numbers may carry a scale letter or an exponent: 125M, 1.4T, 3e21), or read the column as text: { text: ["D"] })`);
  });

  it.each([
    [["--compute=-1e24"], "scalinglab plan: compute must be a finite number > 0, got -1e+24 (give the training budget in FLOPs, e.g. compute: 1e24)"],
    [["--gpus", "0", "--days", "3"], "scalinglab plan: gpus must be a whole number ≥ 1, got 0 (give the number of accelerators, e.g. gpus: 256)"],
    [["--compute", "1e22", "--mfu", "1.2"], "scalinglab plan: mfu must be in (0, 1], got 1.2 (MFU is a fraction of peak: 0.4 means 40%)"],
    [["--gpus", "8", "--days", "1", "--gpu", "k80"], "scalinglab plan: unknown accelerator \"k80\" (use one of v100, a100, h100, h200, b200, mi300x, tpu-v4, tpu-v5e, tpu-v5p)"],
    [["--compute", "lots"], "scalinglab plan: --compute expects a number, got \"lots\""],
    [["--compute", "1e22", "--budget", "3"], "scalinglab plan: unknown option --budget"],
    [["--compute", "1e22", "--bootstrap", "100"], "scalinglab plan: --bootstrap only applies with --fit RUNS.csv"],
    [["--compute", "1e22", "--fit", "runs.csv", "--law", "hoffmann"], "scalinglab plan: give --law or --fit, not both"],
  ])("bad input %j is one line, exit 2", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(message);
  });
});
