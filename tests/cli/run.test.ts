import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, CliResult, startJupyter, JupyterServer, tempDir, writeNotebook } from "./helpers";

const tmp = tempDir("run");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// A value implementing the display protocol (Symbol.for("Jupyter.display")), like lib's laws and figures.
const CARD = `const card = { [Symbol.for("Jupyter.display")]() {
  return { "text/html": "<b class='sl-card'>Chinchilla card</b>", "text/plain": "Chinchilla card" }; } };`;

const OK_CELLS = [
  "md:# A small notebook",
  { source: "let steps = 3;\nlet label = \"default\";", tags: ["parameters"] },
  "console.log(JSON.stringify({ steps: steps, label: label, twice: steps * 2 }));",
  "console.error(\"a warning\");",
  CARD + "\ndisplay(card);",
  "6 * 7",
  "const here: string = process.cwd();\nhere",
];

function readOut(file: string): any {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function outputsOf(nb: any, text: string): any[] {
  const cell = nb.cells.find((c: any) => c.cell_type === "code" && [].concat(c.source).join("").includes(text));
  return cell.outputs;
}

function joined(x: string | string[]): string {
  return Array.isArray(x) ? x.join("") : x;
}

describe("scalinglab run (local kernel)", () => {
  const dir = path.join(tmp, "ok");
  const input = path.join(dir, "small.ipynb");
  let before: Buffer;
  let r: CliResult;

  beforeAll(async () => {
    fs.mkdirSync(dir);
    writeNotebook(input, OK_CELLS);
    before = fs.readFileSync(input);
    r = await runCli(["run", input, "--param", "steps=7", "-p", "label=from cli"]);
  });

  it("exits 0, prints the new file's path and leaves the input byte-identical", () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(path.join(dir, "small.out.ipynb"));
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  it("streams one progress line per code cell to stderr", () => {
    const lines = r.stderr.split("\n").filter((l) => /\[\d+\/7\] ok/.test(l));
    expect(lines).toHaveLength(7);
  });

  it("injects the parameters after the parameters cell and the notebook uses them", () => {
    const nb = readOut(path.join(dir, "small.out.ipynb"));
    const injected = nb.cells[2];
    expect(injected.metadata.tags).toEqual(["injected-parameters"]);
    expect(joined(injected.source)).toBe("// Parameters injected by `scalinglab run`\nsteps = 7;\nlabel = \"from cli\";\nundefined; // no cell result");
    expect(injected.outputs).toEqual([]);
    expect(joined(outputsOf(nb, "twice")[0].text)).toBe('{"steps":7,"label":"from cli","twice":14}\n');
  });

  it("records stdout, stderr, display_data, execute_result and execution counts like nbclient", () => {
    const nb = readOut(path.join(dir, "small.out.ipynb"));
    expect(outputsOf(nb, "a warning")).toEqual([{ output_type: "stream", name: "stderr", text: ["a warning\n"] }]);
    const shown = outputsOf(nb, "display(card)").filter((o: any) => o.output_type === "display_data");
    expect(shown).toHaveLength(1);
    expect(joined(shown[0].data["text/html"])).toBe("<b class='sl-card'>Chinchilla card</b>");
    const result = outputsOf(nb, "6 * 7")[0];
    expect(result).toMatchObject({ output_type: "execute_result", data: { "text/plain": ["42"] } });
    const counts = nb.cells.filter((c: any) => c.cell_type === "code").map((c: any) => c.execution_count);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("runs the kernel in the notebook's own directory", () => {
    const nb = readOut(path.join(dir, "small.out.ipynb"));
    expect(joined(outputsOf(nb, "process.cwd()")[0].data["text/plain"])).toContain(dir);
  });
});

describe("scalinglab run failures", () => {
  it("a failing cell exits 1 with its traceback on stderr, writes the partial notebook and runs nothing after it", async () => {
    const input = path.join(tmp, "fails.ipynb");
    writeNotebook(input, ["let knob = 1;", "function check(k: number) { if (k < 2) throw new RangeError(`knob ${k} is below 2`); }\ncheck(knob);", "console.log(\"after\");"]);
    const r = await runCli(["run", input, "-o", path.join(tmp, "fails-out.ipynb")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed in cell 2:\nRangeError: knob 1 is below 2/);
    expect(r.stderr).not.toMatch(/\u001b\[/);
    const nb = readOut(path.join(tmp, "fails-out.ipynb"));
    expect(nb.cells[1].outputs[0]).toMatchObject({ output_type: "error", ename: "RangeError", evalue: "knob 1 is below 2" });
    expect(nb.cells[2].outputs).toEqual([]);
    expect(nb.cells[2].execution_count).toBeNull();
  });

  it("a rejected promise as a cell's value, or an unhandled rejection in a cell, fails the run (issue 11 item 7)", async () => {
    for (const [name, cell] of [["rejected", 'Promise.reject(new Error("async broke"))'], ["unhandled", 'Promise.reject(new Error("async broke")); "ok?"']]) {
      const input = path.join(tmp, `${name}.ipynb`);
      writeNotebook(input, [cell, 'console.log("after")']);
      const r = await runCli(["run", input, "-o", path.join(tmp, `${name}-out.ipynb`)]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/failed in cell 1:[\s\S]*Error: async broke/);
      const nb = readOut(path.join(tmp, `${name}-out.ipynb`));
      expect(nb.cells[0].outputs.at(-1)).toMatchObject({ output_type: "error", evalue: "async broke" });
      expect(nb.cells[1].execution_count).toBeNull();
    }
  });

  it("a type error fails the run with TSError and the cell line:col", async () => {
    const input = path.join(tmp, "typeerr.ipynb");
    writeNotebook(input, ["const n: number = 1;", "\nconst s: string = n;"]);
    const r = await runCli(["run", input]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/TSError/);
    expect(r.stderr).toMatch(/2:7/);
  });

  it("--timeout interrupts a cell that runs too long and fails the run", async () => {
    const input = path.join(tmp, "slow.ipynb");
    writeNotebook(input, ["let i = 0;\nwhile (true) { i++; }"]);
    const r = await runCli(["run", input, "--timeout", "2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CellTimeoutError: cell 1 did not finish within 2 s/);
  });

  it("--param on a notebook without a parameters cell is a one-line usage error", async () => {
    const input = path.join(tmp, "noparams.ipynb");
    writeNotebook(input, ["let a = 1;"]);
    const r = await runCli(["run", input, "-p", "a=2"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${input}: running on kernel scalinglab\n` +
      'scalinglab run: noparams.ipynb has no cell tagged "parameters" to take --param values; tag the cell that declares the knobs');
    expect(fs.existsSync(path.join(tmp, "noparams.out.ipynb"))).toBe(false);
  });
});

describe("scalinglab run never overwrites its inputs (issue 16, defects 6 and 8)", () => {
  const dir = path.join(tmp, "clash");
  const nbA = path.join(dir, "a.ipynb");
  const nbC = path.join(dir, "c.ipynb");
  const nbCOut = path.join(dir, "c.out.ipynb");
  const bytes = new Map<string, Buffer>();

  beforeAll(() => {
    fs.mkdirSync(path.join(dir, "x"), { recursive: true });
    fs.mkdirSync(path.join(dir, "y"));
    for (const f of [nbA, nbC, nbCOut, path.join(dir, "x", "same.ipynb"), path.join(dir, "y", "same.ipynb")]) {
      writeNotebook(f, ["1 + 1"]);
      bytes.set(f, fs.readFileSync(f));
    }
    fs.symlinkSync(nbA, path.join(dir, "link.ipynb"));
    fs.linkSync(nbA, path.join(dir, "hard.ipynb"));
    fs.writeFileSync(path.join(dir, "plain.txt"), "not a folder");
    fs.mkdirSync(path.join(dir, "folder.ipynb"));
    fs.writeFileSync(path.join(dir, "null-cell.ipynb"), JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [null] }));
    fs.writeFileSync(path.join(dir, "no-source.ipynb"), JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", metadata: {} }] }));
  });

  /** One line `scalinglab run: ...`, no kernel started (no "running on" line), every input byte-identical. */
  async function refused(args: string[], pattern: RegExp, code = 2): Promise<void> {
    const r = await runCli(["run", ...args], { cwd: dir });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^scalinglab run: /);
    expect(r.stderr.trimEnd()).toMatch(pattern);
    for (const [f, b] of bytes) expect(fs.readFileSync(f).equals(b)).toBe(true);
  }

  it("refuses -o through a symlink or a hard link to the input", async () => {
    await refused(["a.ipynb", "-o", "link.ipynb"], /the output link\.ipynb of a\.ipynb is the input notebook a\.ipynb \(same file\)/);
    await refused(["a.ipynb", "-o", "hard.ipynb"], /the output hard\.ipynb of a\.ipynb is the input notebook a\.ipynb/);
  });

  it("refuses `run c.ipynb c.out.ipynb`, whose first output is the second input", async () => {
    await refused(["c.ipynb", "c.out.ipynb"], /the output c\.out\.ipynb of c\.ipynb is the input notebook c\.out\.ipynb/);
  });

  it("refuses two inputs with one base name into one -o folder", async () => {
    await refused(["x/same.ipynb", "y/same.ipynb", "-o", "out"], /x\/same\.ipynb and y\/same\.ipynb would both be written to out\/same\.ipynb/);
  });

  it("checks that the output can be written before running", async () => {
    await refused(["a.ipynb", "-o", "plain.txt/a.ipynb"], /cannot write plain\.txt\/a\.ipynb: plain\.txt is not a directory/);
    await refused(["a.ipynb", "-o", "folder.ipynb"], /cannot write folder\.ipynb: it is a directory/);
  });

  it("names the cell of a malformed notebook and a notebook path that is a directory, in one line", async () => {
    await refused(["null-cell.ipynb"], /null-cell\.ipynb: cells\[0\] must be an object, got null$/, 1);
    await refused(["no-source.ipynb"], /no-source\.ipynb: cells\[0\] needs a source \(a string or a list of strings\), got nothing$/, 1);
    await refused(["folder.ipynb"], /folder\.ipynb is a directory, not a notebook file$/);
  });
});

describe("scalinglab run --html", () => {
  it("also writes an HTML export that contains the cell's rich output", async () => {
    const input = path.join(tmp, "html.ipynb");
    writeNotebook(input, [CARD + "\ncard"]);
    const r = await runCli(["run", input, "--html"]);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(path.join(tmp, "html.out.html"), "utf8");
    expect(html).toMatch(/<b class=["']sl-card["']>Chinchilla card<\/b>/);
  });
});

describe("scalinglab run --server (a real jupyter server on 127.0.0.1)", () => {
  let server: JupyterServer;
  const root = path.join(tmp, "server-root");

  beforeAll(async () => {
    fs.mkdirSync(root);
    const prefix = path.join(tmp, "server-prefix");
    expect((await runCli(["install", "--prefix", prefix])).code).toBe(0);
    server = await startJupyter("server", root, path.join(prefix, "share", "jupyter"));
  });
  afterAll(async () => { await server?.stop(); });

  it("executes the notebook on the server's scalinglab kernel and writes the same outputs", async () => {
    const input = path.join(tmp, "remote.ipynb");
    writeNotebook(input, [{ source: "let n = 1;", tags: ["parameters"] }, CARD + "\ndisplay(card);", "n * 10"]);
    const r = await runCli(["run", input, "--server", server.url, "--token", server.token, "-p", "n=4"]);
    expect(r.code, r.stderr).toBe(0);
    // stdout lists the output paths only; the server client library's diagnostics go to stderr.
    expect(r.stdout).toBe(`${path.join(tmp, "remote.out.ipynb")}\n`);
    const nb = readOut(path.join(tmp, "remote.out.ipynb"));
    expect(joined(outputsOf(nb, "display(card)")[0].data["text/html"])).toContain("Chinchilla card");
    expect(outputsOf(nb, "n * 10")[0]).toMatchObject({ output_type: "execute_result", data: { "text/plain": ["40"] } });
    // The session is shut down afterwards: the server has no kernel left running.
    const kernels = await (await fetch(`${server.url}api/kernels`, { headers: { Authorization: `token ${server.token}` } })).json();
    expect(kernels).toEqual([]);
  });

  it("a wrong token is one line saying the server refused it", async () => {
    const input = path.join(tmp, "remote-bad.ipynb");
    writeNotebook(input, ["1"]);
    const r = await runCli(["run", input, "--server", server.url, "--token", "not-the-token"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scalinglab run: \S*remote-bad\.ipynb failed before the first cell:\nKernelStartError: the server at .* refused the token/);
  });
});
