import * as fs from "node:fs";
import * as path from "node:path";
import { exportHtml } from "../runner/html";
import { parseParam } from "../runner/parameters";
import { displayPath, formatFailure } from "../runner/runner";
import { runNotebookFile } from "../runner/runFile";
import { readNotebook } from "../runner/nbformat";
import { CliCommand, UsageError } from "./command";
import { parseCommandArgs, parseSeconds, str } from "./args";
import { KERNEL_HELP, KERNEL_OPTIONS, kernelTarget } from "./notebookTarget";

/** Where the executed copy of `input` goes (checkOutputs refuses one that is an input, unless --inplace). */
export function outputPath(input: string, output: string | undefined, inplace: boolean, several: boolean): string {
  if (inplace) return input;
  if (output === undefined) return input.replace(/\.ipynb$/, ".out.ipynb");
  const isFile = output.endsWith(".ipynb");
  if (isFile && several) throw new UsageError("-o must be a directory when running several notebooks");
  return path.resolve(isFile ? output : path.join(output, path.basename(input)));
}

/** Device and inode of the file at `p` (symlinks followed), or undefined when nothing is there. */
function fileId(p: string): string | undefined {
  try {
    const st = fs.statSync(p);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** `p` with the symlinks of its existing part resolved (the file itself need not exist yet). */
function realTarget(p: string): string {
  const abs = path.resolve(p);
  if (fs.existsSync(abs)) return fs.realpathSync(abs);
  const parent = path.dirname(abs);
  return parent === abs ? abs : path.join(realTarget(parent), path.basename(abs));
}

/** Throws a UsageError when `out` cannot be written: checked before any kernel starts, not after the run. */
function checkWritable(out: string): void {
  if (fs.existsSync(out)) {
    if (fs.statSync(out).isDirectory()) throw new UsageError(`cannot write ${displayPath(out)}: it is a directory`);
    try { fs.accessSync(out, fs.constants.W_OK); } catch { throw new UsageError(`cannot write ${displayPath(out)}: permission denied`); }
    return;
  }
  let dir = path.dirname(path.resolve(out));
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`cannot write ${displayPath(out)}: ${displayPath(dir)} is not a directory`);
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    throw new UsageError(`cannot write ${displayPath(out)}: ${displayPath(dir)} is not writable`);
  }
}

/**
 * Refuses, before any kernel starts, an output that is one of the inputs (same real path or inode, so also
 * through a symlink or hard link) unless --inplace asks for exactly that, two inputs written to one output,
 * and outputs that cannot be written.
 */
export function checkOutputs(inputs: readonly string[], outputs: readonly string[], inplace: boolean): void {
  const inputAt = new Map<string, string>();
  for (const input of inputs) {
    inputAt.set(fileId(input)!, input);
    inputAt.set(realTarget(input), input);
  }
  const writtenBy = new Map<string, string>();
  outputs.forEach((out, i) => {
    const input = inputs[i]!;
    const id = fileId(out);
    const real = realTarget(out);
    const clash = (id !== undefined ? inputAt.get(id) : undefined) ?? inputAt.get(real);
    if (clash !== undefined && !(inplace && clash === input)) {
      throw new UsageError(`the output ${displayPath(out)} of ${displayPath(input)} is the input notebook ${displayPath(clash)} ` +
        "(same file); give -o another file or folder, or --inplace to overwrite inputs");
    }
    const key = id ?? real;
    const other = writtenBy.get(key);
    if (other !== undefined) {
      throw new UsageError(`${displayPath(other)} and ${displayPath(input)} would both be written to ${displayPath(out)}; run them with different -o folders`);
    }
    writtenBy.set(key, input);
    checkWritable(out);
  });
}

export const runCommand: CliCommand = {
  name: "run",
  summary: "execute notebooks headless with the scalinglab kernel and write executed copies",
  usage: `usage: scalinglab run NOTEBOOK.ipynb... [-o OUT] [--html] [--timeout S] [--param key=value]... [--inplace]
                      [--kernel NAME] [--server URL --token T]

Executes every code cell in order (the kernel's working directory is the notebook's own directory), streams
one progress line per cell to stderr and writes the executed notebook to a NEW file. Stops at the first
failing cell, prints its traceback, still writes the partial notebook, and exits 1.

  -o, --output OUT     output file (one notebook) or directory (default: NAME.out.ipynb next to the input)
  --inplace            overwrite the input notebook with the executed one
  --html               also write an HTML export next to the output (jupyter nbconvert --to html)
  -p, --param k=v      set a parameter: the cell tagged "parameters" must declare it with let; an
                       "injected-parameters" cell after it assigns k = v (numbers, booleans and JSON as
                       written, anything else as a string)
${KERNEL_HELP}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      output: { type: "string", short: "o" }, html: { type: "boolean" }, inplace: { type: "boolean" },
      param: { type: "string", short: "p", multiple: true }, ...KERNEL_OPTIONS,
    }, true);
    if (positionals.length === 0) throw new UsageError("give at least one notebook (.ipynb) to run");
    for (const nb of positionals) {
      if (!nb.endsWith(".ipynb")) throw new UsageError(`${nb} is not a notebook (.ipynb)`);
      if (!fs.existsSync(nb)) throw new UsageError(`no such notebook: ${nb}`);
      if (!fs.statSync(nb).isFile()) throw new UsageError(`${nb} is a directory, not a notebook file`);
      readNotebook(nb); // a malformed notebook fails now, in one line, not after earlier notebooks ran
    }
    if (values.inplace && values.output !== undefined) throw new UsageError("--inplace and -o exclude each other");
    const params = ((values.param as string[] | undefined) ?? []).map((p) => {
      try { return parseParam(p); } catch (e) { throw new UsageError((e as Error).message); }
    });
    const timeoutS = parseSeconds("--timeout", str(values.timeout), 300);
    const target = kernelTarget(values);
    const outputs = positionals.map((nb) => outputPath(nb, str(values.output), values.inplace === true, positionals.length > 1));
    checkOutputs(positionals, outputs, values.inplace === true);
    for (const [i, input] of positionals.entries()) {
      const output = outputs[i];
      const name = displayPath(input);
      console.error(`${name}: running on ${target.kind === "local" ? `kernel ${target.name}` : `${target.url} (kernel ${target.kernelName})`}`);
      let result;
      try {
        result = await runNotebookFile(input, output, { target, params, timeoutS, log: (l) => console.error(`${name} ${l}`) });
      } catch (e) {
        if ((e as Error).name === "ParameterError") throw new UsageError((e as Error).message);
        throw e;
      }
      if (result.failure) {
        const f = result.failure;
        console.error(`scalinglab run: ${name} failed ${f.cell > 0 ? `in cell ${f.cell}` : "before the first cell"}:\n${formatFailure(f)}`);
        if (f.cell > 0) console.error(`(partial output written to ${displayPath(output)})`);
        return 1;
      }
      console.error(`${name}: ${result.executed} cells ok in ${result.seconds.toFixed(1)} s`);
      console.log(displayPath(output));
      if (values.html) console.log(displayPath(exportHtml(output)));
    }
    return 0;
  },
};
