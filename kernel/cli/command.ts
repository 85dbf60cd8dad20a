/** One subcommand of `scalinglab`. Each lives in its own file under kernel/cli/. */
export interface CliCommand {
  readonly name: string;
  /** One line for `scalinglab --help`. */
  readonly summary: string;
  /** Full text for `scalinglab <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}

/** A bad command line: the CLI prints `scalinglab <command>: <message>` on one line and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
