import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir, VENV_JUPYTER } from "./helpers";

const COMMANDS = ["setup", "start", "run", "reproduce", "fit", "plan", "install", "uninstall"];
const tmp = tempDir("cli");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A one-line error: `scalinglab <cmd>: ...`, exit 2, no stack trace. */
function expectOneLineUsageError(r: { code: number | null; stderr: string; stdout: string }, cmd: string, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`scalinglab ${cmd}: `)).toBe(true);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("scalinglab command line", () => {
  it("without a command prints the overview listing every command and exits 2", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
  });

  it("an unknown command is one line that lists the valid commands", async () => {
    const r = await runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`scalinglab: unknown command "frobnicate"; valid commands: ${COMMANDS.join(", ")}`);
  });

  it.each(COMMANDS)("%s --help prints its usage and exits 0", async (cmd) => {
    const r = await runCli([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`usage: scalinglab ${cmd}`)).toBe(true);
  });

  it.each([
    [["run"], "run", /give at least one notebook/],
    [["run", "--frob", "a.ipynb"], "run", /unknown option --frob$/],
    [["run", "a.ipynb", "-o"], "run", /option --output needs a value/],
    [["run", "notes.txt"], "run", /notes\.txt is not a notebook/],
    [["run", "missing.ipynb"], "run", /no such notebook: missing\.ipynb/],
    [["run", "package.json.ipynb", "--server", "ftp://x"], "run", /no such notebook/],
    [["install", "--user", "--prefix", "/tmp/x"], "install", /choose one of --user, --sys-prefix, --prefix/],
    [["install", "extra"], "install", /unexpected argument extra/],
    [["uninstall", "--html"], "uninstall", /unknown option --html/],
    [["reproduce", "--timeout", "soon"], "reproduce", /--timeout expects a number of seconds/],
    [["reproduce", "--timeout", "-1"], "reproduce", /--timeout expects a number of seconds ≥ 0, got "-1"$/],
    [["reproduce", "--timeout", ""], "reproduce", /--timeout expects a number of seconds ≥ 0, got ""$/],
    [["reproduce", "-j", "0"], "reproduce", /--jobs expects a whole number ≥ 1/],
    [["start", "--port", "http"], "start", /--port expects a port number/],
    [["setup", "now"], "setup", /unexpected argument now/],
  ] as const)("bad arguments %j get one line and exit 2", async (args, cmd, pattern) => {
    expectOneLineUsageError(await runCli([...args]), cmd, pattern);
  });
});

describe("scalinglab install / uninstall", () => {
  it("install --prefix P writes P/share/jupyter/kernels/scalinglab/kernel.json that starts this checkout's kernel", async () => {
    const prefix = path.join(tmp, "prefix");
    const r = await runCli(["install", "--prefix", prefix]);
    expect(r.code).toBe(0);
    const file = path.join(prefix, "share", "jupyter", "kernels", "scalinglab", "kernel.json");
    const spec = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(spec).toMatchObject({ display_name: "TypeScript (scalinglab)", language: "typescript", interrupt_mode: "message" });
    expect(spec.argv).toEqual([process.execPath, path.join(ROOT, "dist", "kernel", "server", "main.js"), "-f", "{connection_file}"]);
    expect(fs.existsSync(spec.argv[1])).toBe(true);
  });

  it("Jupyter itself finds the installed kernelspec (jupyter kernelspec list with JUPYTER_PATH)", async () => {
    const prefix = path.join(tmp, "prefix-list");
    await runCli(["install", "--prefix", prefix]);
    const r = spawnSync(VENV_JUPYTER, ["kernelspec", "list", "--json"], {
      encoding: "utf8", env: { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter") },
    });
    const specs = JSON.parse(r.stdout).kernelspecs;
    expect(specs.scalinglab.resource_dir).toBe(path.join(prefix, "share", "jupyter", "kernels", "scalinglab"));
    expect(specs.scalinglab.spec.display_name).toBe("TypeScript (scalinglab)");
  });

  it("install --user honours JUPYTER_DATA_DIR, then XDG_DATA_HOME/jupyter, like jupyter_core", async () => {
    const data = path.join(tmp, "jdata");
    expect((await runCli(["install", "--user"], { env: { JUPYTER_DATA_DIR: data } })).code).toBe(0);
    expect(fs.existsSync(path.join(data, "kernels", "scalinglab", "kernel.json"))).toBe(true);
    const xdg = path.join(tmp, "xdg");
    expect((await runCli(["install", "--user"], { env: { JUPYTER_DATA_DIR: "", XDG_DATA_HOME: xdg } })).code).toBe(0);
    expect(fs.existsSync(path.join(xdg, "jupyter", "kernels", "scalinglab", "kernel.json"))).toBe(true);
  });

  it("uninstall --prefix P removes it again and says so; a second uninstall reports it is not installed", async () => {
    const prefix = path.join(tmp, "prefix-rm");
    await runCli(["install", "--prefix", prefix]);
    const dir = path.join(prefix, "share", "jupyter", "kernels", "scalinglab");
    const r = await runCli(["uninstall", "--prefix", prefix]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`removed kernelspec scalinglab from ${dir}`);
    expect(fs.existsSync(dir)).toBe(false);
    expect((await runCli(["uninstall", "--prefix", prefix])).stdout).toContain("is not installed");
  });

  it("--sys-prefix targets the project venv", async () => {
    const r = await runCli(["install", "--sys-prefix"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(path.join(ROOT, ".venv", "share", "jupyter", "kernels", "scalinglab"));
  });
});
