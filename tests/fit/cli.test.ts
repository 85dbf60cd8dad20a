/**
 * `scalinglab fit` (kernel/cli/fit.ts), run in-process through its CliCommand.run with console captured.
 * Expected fit values: Besiroglu et al. 2024's "Replicate exactly" numbers (reference check (a) 23).
 * Exit codes: 0 fitted, 2 bad usage or data, 3 unidentifiable (FitError), 1 anything else.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fitCommand } from "../../kernel/cli/fit";
import { main } from "../../kernel/cli/cli";

const CSV = path.join(process.env.SCALINGLAB_DATA_MIRROR!, "chinchilla-epoch", "svg_extracted_data.csv");
let out: string[] = [];
let err: string[] = [];
let dir: string;

beforeEach(() => {
  out = []; err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => { out.push(a.join(" ")); });
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => { err.push(a.join(" ")); });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scalinglab-fit-"));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const base = ["--law", "chinchilla", "--n", "Model Size", "--flops", "Training FLOP", "--loss", "loss"];

describe("scalinglab fit", () => {
  it("--flops without --d, --drop-top 5, --json: Besiroglu et al.'s replication of Hoffmann's fit", async () => {
    const code = await fitCommand.run([...base, "--data", CSV, "--drop-top", "5", "--json"]);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const j = JSON.parse(out[0]);
    expect(Object.keys(j)).toEqual(["law", "params", "objective", "n", "converged", "warnings"]);
    // A healthy fit: no warnings (in particular no false "Hessian not positive definite").
    expect(j).toMatchObject({ law: "chinchilla", n: 240, converged: true, warnings: [] });
    expect(Math.abs(j.params.A / 477.84 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(j.params.B / 2143.86 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(j.objective / 1.01827e-3 - 1)).toBeLessThan(1e-3);
  });

  it("--bootstrap adds se and ci95 objects with the parameter keys", async () => {
    const code = await fitCommand.run([...base, "--data", CSV, "--drop-top", "5", "--bootstrap", "40", "--seed", "1", "--json"]);
    expect(code).toBe(0);
    const j = JSON.parse(out[0]);
    expect(Object.keys(j.se)).toEqual(["E", "A", "B", "alpha", "beta"]);
    expect(Object.keys(j.ci95)).toEqual(["E", "A", "B", "alpha", "beta"]);
    expect(j.ci95.alpha[0]).toBeLessThan(j.params.alpha);
    expect(j.ci95.alpha[1]).toBeGreaterThan(j.params.alpha);
  });

  it("without --json prints the estimate (SE) [95% CI] table", async () => {
    const file = csv("ok.csv", "N,D,L\n" + [[1e8, 2e9], [4e8, 8e9], [1.6e9, 3.2e10], [1e8, 3.2e10], [1.6e9, 2e9], [4e8, 2e9], [6e9, 1e11]]
      .map(([N, D]) => `${N},${D},${1.8 + 480 * N ** -0.35 + 2100 * D ** -0.37}`).join("\n"));
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--n", "N", "--d", "D", "--loss", "L"])).toBe(0);
    expect(out.join("\n")).toMatch(/param\s+estimate\s+\(SE\)\s+\[95% CI\]/);
  });

  it("a wrong --law points to --law list", async () => {
    await expect(fitCommand.run(["--law", "kaplann", "--data", CSV])).rejects.toThrow(
      'unknown law "kaplann"; see scalinglab fit --law list (e.g. chinchilla, kaplan, muennighoff)');
  });

  it("a missing file exits 2 with one line naming it", async () => {
    const file = path.join(dir, "nope.csv");
    expect(await fitCommand.run([...base, "--data", file])).toBe(2);
    expect(err).toEqual([`scalinglab fit: data.read: cannot read ${file}: ENOENT (check the path (relative paths start at the notebook's folder))`]);
  });

  it("a missing column exits 2 naming the file and the column", async () => {
    const file = csv("cols.csv", "N,D\n1,2\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--n", "N", "--d", "D", "--loss", "loss"])).toBe(2);
    expect(err).toEqual([`scalinglab fit: ${file}: no column "loss" (for the observed value); columns: N, D`]);
  });

  it("a string value exits 2 naming the file, row and column", async () => {
    const file = csv("bad.csv", "N,D,L\n1e9,2e10,2.5\n2e9,abc,2.4\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--n", "N", "--d", "D", "--loss", "L"])).toBe(2);
    expect(err).toEqual([`scalinglab fit: data.read: ${file} row 2, column "D": "abc" is not a number, unlike 1 of the column's 2 cells ` +
      `(fix or drop that row (numbers may carry a scale letter or an exponent: 125M, 1.4T, 3e21), or read the column as text: { text: ["D"] })`]);
    const words = csv("words.csv", "N,D,L\n1e9,abc,2.5\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", words, "--n", "N", "--d", "D", "--loss", "L"])).toBe(2);
    expect(err[1]).toBe(`scalinglab fit: ${words}: row 1, column "D": not a number ("abc")`);
  });

  it("NaN, empty and negative values are rejected with their row and column", async () => {
    const nan = csv("nan.csv", "N,D,L\n1e9,2e10,NaN\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", nan, "--n", "N", "--d", "D", "--loss", "L"])).toBe(2);
    expect(err[0]).toBe(`scalinglab fit: ${nan}: row 1, column "L": not a number ("NaN")`);
    const neg = csv("neg.csv", "N,D,L\n1e9,-2e10,2.5\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", neg, "--n", "N", "--d", "D", "--loss", "L"])).toBe(2);
    expect(err[1]).toBe(`scalinglab fit: ${neg}: row 1, column "D": must be > 0, got -20000000000`);
    const empty = csv("hole.csv", "N,D,L\n1e9,2e10,2.5\n2e9,,2.4\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", empty, "--n", "N", "--d", "D", "--loss", "L"])).toBe(2);
    expect(err[2]).toBe(`scalinglab fit: ${empty}: row 2, column "D": not a number ("")`);
  });

  it("a shifted column (an unquoted 1,234) exits 2 naming the row and the column", async () => {
    const file = csv("shift.csv", "N,D,L\n1e9,2e10,2.5\n2,000,3e10,2.4\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--n", "N", "--d", "D", "--loss", "L"])).toBe(2);
    expect(err).toEqual([`scalinglab fit: data.read: ${file} row 2, column 1: 4 fields, the header has 3 ` +
      `(column "N" holds "2,000": a number with unquoted thousands separators; write 2000 or quote it)`]);
  });

  it("an empty file and a header-only file exit 2", async () => {
    const empty = csv("empty.csv", "");
    expect(await fitCommand.run([...base, "--data", empty])).toBe(2);
    expect(err[0]).toBe(`scalinglab fit: data.read: ${empty} is empty (the first line must name the columns)`);
    const header = csv("header.csv", "Model Size,Training FLOP,loss\n");
    expect(await fitCommand.run([...base, "--data", header])).toBe(2);
    expect(err[1]).toBe(`scalinglab fit: ${header}: no data rows after the header`);
  });

  it("fewer rows than the law's 5 parameters exit 2", async () => {
    const file = csv("few.csv", "N,D,L\n1e9,2e10,2.5\n2e9,3e10,2.4\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--n", "N", "--d", "D", "--loss", "L"])).toBe(2);
    expect(err).toEqual([`scalinglab fit: ${file}: 2 usable rows; laws.chinchilla has 5 parameters, need at least 5`]);
  });

  it("usage errors: missing --d/--flops, bad --grid, --seed without --bootstrap", async () => {
    await expect(fitCommand.run(["--law", "chinchilla", "--data", CSV, "--n", "Model Size", "--loss", "loss"])).rejects.toThrow(
      "no column for input D of laws.chinchilla (training tokens); map it with --columns D=COLUMN");
    await expect(fitCommand.run([...base, "--data", CSV, "--grid", "huge"])).rejects.toThrow(/--grid must be one of hoffmann, default/);
    await expect(fitCommand.run([...base, "--data", CSV, "--seed", "3"])).rejects.toThrow(/--seed only applies with --bootstrap/);
  });

  it("exit codes through the command line: 2 for usage, no stack trace", async () => {
    expect(await main(["fit", "--law", "chinchilla", "--data", CSV, "--bootstrap", "0"])).toBe(2);
    expect(err).toEqual(['scalinglab fit: --bootstrap expects an integer ≥ 1, got "0"']);
  });
});

/** Noiseless Chinchilla runs (E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28) on budgets 1e18 … 1e21, 8 sizes each. */
function sweepRows(constantD?: number): { N: number; D: number; loss: number }[] {
  const rows: { N: number; D: number; loss: number }[] = [];
  for (const C of [1e18, 1e19, 1e20, 1e21]) {
    for (let k = 0; k < 8; k++) {
      const N = 10 ** (Math.log10(Math.sqrt(C / 120)) - 0.8 + (1.6 * k) / 7);
      const D = constantD ?? C / (6 * N);
      rows.push({ N, D, loss: 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28 });
    }
  }
  return rows;
}

const sweepCsv = (name: string, rows: { N: number; D: number; loss: number }[], extra = (_i: number) => "") =>
  csv(name, `params,tokens,val_loss${extra(-1)}\n` + rows.map((r, i) => `${r.N},${r.D},${r.loss}${extra(i)}`).join("\n") + "\n");

describe("scalinglab fit: every law, column mapping, identifiability, clusters, ranges", () => {
  it("--law list lists every law of the catalogue by id and notebook path", async () => {
    expect(await fitCommand.run(["--law", "list"])).toBe(0);
    const text = out.join("\n");
    expect(text.split("\n")[0]).toMatch(/^id\s+notebook\s+inputs → output$/);
    expect(text).toMatch(/^chinchilla\s+laws\.chinchilla\s+N, D → loss, nats\/token \(MassiveText\)$/m);
    expect(text).toMatch(/^step-law-lr\s+hparams\.stepLaw\.lr\s+N, D → /m);
    expect(text).toMatch(/^short names: kaplan = kaplan-loss-ND, muennighoff = muennighoff-data-constrained$/m);
  });

  it("--columns maps the inputs and the loss; SI suffixes read as numbers; kaplan by its short name", async () => {
    const file = csv("si.csv", "params,tokens,val_loss\n" + sweepRows().map((r) => `${(r.N / 1e6).toFixed(3)}M,${(r.D / 1e9).toFixed(4)}B,${r.loss}`).join("\n") + "\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--columns", "N=params,D=tokens,loss=val_loss", "--json"])).toBe(0);
    const j = JSON.parse(out[0]);
    // The generator's constants, to the rounding of N and D in the file.
    expect(j.params.alpha).toBeCloseTo(0.34, 3);
    expect(j.params.beta).toBeCloseTo(0.28, 3);
    expect(await fitCommand.run(["--law", "kaplan", "--data", file, "--columns", "N=params,D=tokens,loss=val_loss", "--json"])).toBe(0);
    expect(JSON.parse(out[1])).toMatchObject({ law: "kaplan-loss-ND", n: 32, converged: true });
    expect(Object.keys(JSON.parse(out[1]).params)).toEqual(["Nc", "Dc", "alphaN", "alphaD"]);
  });

  it("all-identical points: exit 3 with the FitError line, no output", async () => {
    const file = csv("same.csv", "N,D,loss\n" + Array(8).fill("1e9,2e10,2.5").join("\n") + "\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file])).toBe(3);
    expect(out).toEqual([]);
    expect(err).toEqual([`scalinglab fit: ${file}: laws.chinchilla.fit: all 8 rows have the same inputs (N = 1e9, D = 2e10), ` +
      "so none of the 5 parameters (E, A, B, alpha, beta) can be determined (fit rows measured at different inputs)"]);
  });

  it("constant D: exit 3 naming D, its value and B, beta", async () => {
    const file = sweepCsv("constD.csv", sweepRows(4e9));
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--columns", "N=params,D=tokens,loss=val_loss", "--bootstrap", "20"])).toBe(3);
    expect(err).toEqual([`scalinglab fit: ${file}: laws.chinchilla.fit: D takes 1 distinct value (4e9) but the law needs D to vary ` +
      "to determine B, beta (add runs at other D, or hold B, beta at known values with the fit option fixed)"]);
  });

  it("constant D with --fixed B=410.7,beta=0.28 fits the rest (the fix the exit-3 message names)", async () => {
    const file = sweepCsv("constD-fixed.csv", sweepRows(4e9));
    const args = ["--law", "chinchilla", "--data", file, "--columns", "N=params,D=tokens,loss=val_loss", "--fixed", "B=410.7,beta=0.28"];
    expect(await fitCommand.run([...args, "--json"])).toBe(0);
    const j = JSON.parse(out[0]);
    // Noiseless data from E = 1.69, A = 406.4, α = 0.34.
    expect(j.params).toMatchObject({ B: 410.7, beta: 0.28 });
    expect(j.params.alpha).toBeCloseTo(0.34, 5);
    expect(await fitCommand.run(args)).toBe(0);
    expect(out[1]).toContain("fixed: B = 410.7, beta = 0.28 (not fitted)");
    await expect(fitCommand.run([...args.slice(0, -1), "gamma=1"])).rejects.toThrow(
      '--fixed: "gamma" is not a parameter of laws.chinchilla (parameters: E, A, B, alpha, beta)');
  });

  it("implausible units (D in billions) exit 2", async () => {
    const file = csv("billions.csv", "N,D,loss\n" + sweepRows().map((r) => `${r.N},${r.D / 1e9},${r.loss}`).join("\n") + "\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file])).toBe(2);
    expect(err[0]).toMatch(new RegExp(`^scalinglab fit: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: laws\\.chinchilla\\.fit: row 0: ` +
      "D = \\S+ tokens is implausible \\(below 1e5\\); did you mean \\S+\\? \\(D is in tokens, not billions\\)$"));
  });

  it("--range 1e24 on budgets ≤ 1e21: 1,000× (= 1e24 / 1e21) in the table, the warnings and the JSON", async () => {
    const file = sweepCsv("sweep.csv", sweepRows());
    const cols = ["--columns", "N=params,D=tokens,loss=val_loss"];
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, ...cols, "--range", "1e24"])).toBe(0);
    const lines = out[0].split("\n");
    expect(lines.slice(-2)).toEqual([
      "range: C = 1e24 is 1,000× above the fit's data (C 1e18 … 1e21)",
      "warning: C = 1e24 is 1,000× above the range of the fit's data (C 1e18 … 1e21): the value is an extrapolation",
    ]);
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, ...cols, "--range", "C=5e20", "--json"])).toBe(0);
    const j = JSON.parse(out[1]);
    expect(j.range).toMatchObject({ input: "C", value: 5e20, factor: 1 });
    expect(j.warnings).toEqual([]);
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, ...cols, "--range", "N=7e11", "--json"])).toBe(0);
    const k = JSON.parse(out[2]);
    // Largest N in the sweep: √(1e21/120)·10^0.8 = 1.821e10, so 7e11 is 38× above it.
    expect(k.range.factor).toBeCloseTo(7e11 / (Math.sqrt(1e21 / 120) * 10 ** 0.8), 6);
    expect(k.warnings).toEqual(["N = 7e11 is 38× above the range of the fit's data (N 1.447e7 … 1.821e10): the value is an extrapolation"]);
    await expect(fitCommand.run(["--law", "chinchilla", "--data", file, ...cols, "--range", "U=3"])).rejects.toThrow(
      '--range: "U" is not an input or the budget of laws.chinchilla (valid: N, D, C)');
  });

  it("--by run: a cluster bootstrap over runs (4 checkpoints each), reported in the JSON and the table", async () => {
    const rows = sweepRows().flatMap((r, run) => [0.25, 0.5, 0.75, 1].map((f) => ({ ...r, D: r.D * f, loss: 1.69 + 406.4 / r.N ** 0.34 + 410.7 / (r.D * f) ** 0.28, run })));
    const file = csv("ckpt.csv", "params,tokens,val_loss,run\n" + rows.map((r) => `${r.N},${r.D},${r.loss},run-${r.run}`).join("\n") + "\n");
    const args = ["--law", "chinchilla", "--data", file, "--columns", "N=params,D=tokens,loss=val_loss", "--bootstrap", "20", "--seed", "2"];
    expect(await fitCommand.run([...args, "--by", "run", "--json"])).toBe(0);
    expect(JSON.parse(out[0]).resampled).toEqual({ unit: "run", units: 32, resamples: 20, seed: 2 });
    expect(await fitCommand.run([...args, "--by", "run"])).toBe(0);
    expect(out[1]).toContain("uncertainty: bootstrap (20 resamples of 32 clusters by run, seed 2)");
    expect(await fitCommand.run([...args, "--by", "seed"])).toBe(2);
    expect(err).toEqual([`scalinglab fit: ${file}: no column "seed" (for --by); columns: params, tokens, val_loss, run`]);
  });

  it("a fit warning (E driven to 0) is in the table and in the JSON", async () => {
    // Generated with E = −0.5: the best E ≥ 0 is E → 0 (tests/fit/honest.test.ts, case (a)).
    const rows = sweepRows().map((r) => ({ ...r, loss: r.loss - 1.69 - 0.5 }));
    const file = sweepCsv("neg-e.csv", rows);
    const args = ["--law", "chinchilla", "--data", file, "--columns", "N=params,D=tokens,loss=val_loss"];
    expect(await fitCommand.run([...args, "--json"])).toBe(0);
    const w = JSON.parse(out[0]).warnings as string[];
    expect(w.some((x) => /^E = \S+ was driven to its limit 0 and no longer affects the fit: the data want E ≤ 0 or do not determine it/.test(x))).toBe(true);
    expect(await fitCommand.run(args)).toBe(0);
    expect(out[1]).toMatch(/^warning: E = \S+ was driven to its limit 0 and no longer affects the fit/m);
  });
});
