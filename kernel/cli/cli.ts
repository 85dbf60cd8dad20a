#!/usr/bin/env node
/** The `scalinglab` command: dispatches to the subcommands in kernel/cli/. */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliCommand, UsageError } from "./command";
import { fitCommand } from "./fit";
import { installCommand } from "./install";
import { planCommand } from "./plan";
import { reproduceCommand } from "./reproduce";
import { runCommand } from "./run";
import { setupCommand } from "./setup";
import { startCommand } from "./start";
import { uninstallCommand } from "./uninstall";

const COMMANDS: CliCommand[] = [setupCommand, startCommand, runCommand, reproduceCommand, fitCommand, planCommand, installCommand, uninstallCommand];

/** Errors whose message is already a complete one-line explanation for the user (no stack trace). */
const USER_ERRORS = new Set(["EnvironmentError", "NotebookFormatError", "HtmlExportError", "ParameterError"]);

function version(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

function overview(commands: readonly CliCommand[]): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return `usage: scalinglab <command> [options]     (scalinglab <command> --help for details)

${commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join("\n")}`;
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(overview(commands));
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    console.log(version());
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    console.error(`scalinglab: unknown command ${JSON.stringify(name)}; valid commands: ${commands.map((c) => c.name).join(", ")}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    const err = e as Error;
    if (err instanceof UsageError || err.name === "UsageError") {
      console.error(`scalinglab ${cmd.name}: ${err.message}`);
      return 2;
    }
    if (USER_ERRORS.has(err.name) || process.env.SCALINGLAB_DEBUG === undefined) {
      console.error(`scalinglab ${cmd.name}: ${err.message ?? String(e)}`);
      return 1;
    }
    console.error(err.stack ?? String(e));
    return 1;
  }
}

/** Kernels run in each notebook's own directory, so folder settings given relative to the caller's cwd are made absolute. */
function absolutizePathSettings(env: NodeJS.ProcessEnv): void {
  for (const name of ["SCALINGLAB_DATA_MIRROR", "SCALINGLAB_CACHE_DIR"]) {
    const v = env[name];
    if (v && !path.isAbsolute(v)) env[name] = path.resolve(v);
  }
}

if (require.main === module) {
  absolutizePathSettings(process.env);
  // stdout carries what a command prints as its result (run: the output paths); libraries' diagnostics, such as
  // @jupyterlab/services' "Starting WebSocket", go to stderr with the progress lines.
  console.debug = console.info = console.error;
  // Signals end the CLI through process.exit so the kernels it started are killed on the way out
  // (unless a command, like start, handles the signal itself).
  for (const [sig, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.on(sig, () => { if (process.listenerCount(sig) === 1) process.exit(code); });
  }
  main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    console.error(`scalinglab: ${(e as Error).message}`);
    process.exit(1);
  });
}
