/**
 * The `scalinglab` command installed from the checkout (`npm install -g --prefix P <checkout>`, what README's
 * `npm link` does with the default prefix) and run from an unrelated directory: it finds its own dist/ (the
 * compiled kernel and library, api-docs.json) and datasets relative to its install, not to the working directory.
 * Also: a notebook that asks for input() fails under `scalinglab run` (allow_stdin is false) instead of hanging.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCommand, tempDir, writeNotebook } from "./helpers";

const prefix = tempDir("prefix");
const elsewhere = tempDir("elsewhere");
const bin = path.join(prefix, "bin", "scalinglab");
afterAll(() => {
  for (const d of [prefix, elsewhere]) fs.rmSync(d, { recursive: true, force: true });
});

beforeAll(() => {
  // A folder install is a link to the checkout: nothing to fetch (offline), nothing to build (dist/ is built).
  const r = spawnSync("npm", ["install", "-g", "--prefix", prefix, "--offline", "--ignore-scripts", "--no-audit", "--no-fund", ROOT], {
    encoding: "utf8", cwd: elsewhere,
  });
  if (r.status !== 0) throw new Error(`npm install -g --prefix failed: ${r.stderr}`);
}, 120_000);

const runInstalled = (args: string[]) => runCommand(bin, args, { cwd: elsewhere });

const outputsText = (file: string) => (JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { outputs?: unknown[] }[] })
  .cells.map((c) => JSON.stringify(c.outputs ?? [])).join("\n");

describe("the installed scalinglab command, run from another directory", () => {
  it("is on the prefix's bin and prints its overview", async () => {
    expect(fs.existsSync(bin)).toBe(true);
    const r = await runInstalled([]);
    expect(r.stdout).toMatch(/^usage: scalinglab <command>/);
  });

  it("runs a notebook there with the library, its api docs and a dataset from the install", async () => {
    const nb = path.join(elsewhere, "check.ipynb");
    const out = path.join(elsewhere, "check.out.ipynb");
    writeNotebook(nb, [
      'help(laws.chinchilla).text.includes("Hoffmann")',
      'const { rows } = await loadDataset("chinchilla-epoch"); rows.length > 100',
    ]);
    const r = await runInstalled(["run", "check.ipynb", "-o", "check.out.ipynb"]);
    expect(r.code, r.stderr).toBe(0);
    const text = outputsText(out);
    // nbformat stores text as a list of lines.
    expect(text.match(/"text\/plain":\["true"\]/g)).toHaveLength(2);
  }, 180_000);

  it("fails a notebook that asks for input() with InputNotAllowedError instead of waiting forever", async () => {
    writeNotebook(path.join(elsewhere, "ask.ipynb"), ['const name = await input("Name? ")', 'console.log("not reached")']);
    const r = await runInstalled(["run", "ask.ipynb", "-o", "ask.out.ipynb"]);
    expect(r.code).toBe(1);
    const text = outputsText(path.join(elsewhere, "ask.out.ipynb"));
    expect(text).toContain("InputNotAllowedError");
    expect(text).toContain("allow_stdin is false");
    expect(text).not.toContain("not reached");
  }, 180_000);
});
