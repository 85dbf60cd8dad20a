/**
 * `scalinglab fit` (kernel/commands/fit.ts), run in-process through its CliCommand.run with console captured.
 * Expected fit values: Besiroglu et al. 2024's "Replicate exactly" numbers (reference check (a) 23).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fitCommand } from "../../kernel/commands/fit";

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

  it("a wrong --law lists the valid laws", async () => {
    await expect(fitCommand.run(["--law", "kaplan", "--data", CSV])).rejects.toThrow(/unknown law "kaplan"; valid laws: chinchilla/);
  });

  it("a missing file exits 1 with one line naming it", async () => {
    expect(await fitCommand.run([...base, "--data", path.join(dir, "nope.csv")])).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^scalinglab fit: .*nope\.csv: cannot read the file \(ENOENT\)$/);
  });

  it("a missing column exits 1 naming the file and the column", async () => {
    const file = csv("cols.csv", "N,D\n1,2\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--n", "N", "--d", "D", "--loss", "loss"])).toBe(1);
    expect(err[0]).toMatch(/cols\.csv: no column "loss"; columns: N, D$/);
  });

  it("a non-numeric value exits 1 naming the file, row and column", async () => {
    const file = csv("bad.csv", "N,D,L\n1e9,2e10,2.5\n2e9,abc,2.4\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--n", "N", "--d", "D", "--loss", "L"])).toBe(1);
    expect(err).toEqual([expect.stringMatching(/bad\.csv: row 2, column "D": not a number \("abc"\)$/)]);
  });

  it("NaN and non-positive values are rejected with their row and column", async () => {
    const nan = csv("nan.csv", "N,D,L\n1e9,2e10,NaN\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", nan, "--n", "N", "--d", "D", "--loss", "L"])).toBe(1);
    expect(err[0]).toMatch(/nan\.csv: row 1, column "L": not a number \("NaN"\)$/);
    const neg = csv("neg.csv", "N,D,L\n1e9,-2e10,2.5\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", neg, "--n", "N", "--d", "D", "--loss", "L"])).toBe(1);
    expect(err[1]).toMatch(/neg\.csv: row 1, column "D": must be > 0, got -2e10$/);
  });

  it("an empty file and a header-only file exit 1", async () => {
    expect(await fitCommand.run([...base, "--data", csv("empty.csv", "")])).toBe(1);
    expect(err[0]).toMatch(/empty\.csv: the file is empty$/);
    expect(await fitCommand.run([...base, "--data", csv("header.csv", "Model Size,Training FLOP,loss\n")])).toBe(1);
    expect(err[1]).toMatch(/header\.csv: no data rows after the header$/);
  });

  it("fewer rows than the law's 5 parameters exit 1", async () => {
    const file = csv("few.csv", "N,D,L\n1e9,2e10,2.5\n2e9,3e10,2.4\n");
    expect(await fitCommand.run(["--law", "chinchilla", "--data", file, "--n", "N", "--d", "D", "--loss", "L"])).toBe(1);
    expect(err[0]).toMatch(/few\.csv: 2 usable rows; the Chinchilla law has 5 parameters, need at least 5$/);
  });

  it("usage errors: missing --d/--flops, bad --grid, --seed without --bootstrap", async () => {
    await expect(fitCommand.run(["--law", "chinchilla", "--data", CSV, "--n", "N", "--loss", "L"])).rejects.toThrow(/give --d COL, or --flops COL/);
    await expect(fitCommand.run([...base, "--data", CSV, "--grid", "huge"])).rejects.toThrow(/--grid must be one of hoffmann, default/);
    await expect(fitCommand.run([...base, "--data", CSV, "--seed", "3"])).rejects.toThrow(/--seed only applies with --bootstrap/);
  });
});
