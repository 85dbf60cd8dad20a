/** Command-line parsing shared by the subcommands: node's parseArgs, with its errors turned into one-line UsageErrors. */
import { parseArgs } from "node:util";
import { UsageError } from "./command";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
}

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses `argv` strictly; `--help`/`-h` is always accepted. Unknown options and missing values throw UsageError. */
export function parseCommandArgs(argv: readonly string[], options: Record<string, OptionSpec>, allowPositionals: boolean): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: attachNegativeNumbers(argv, options), options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals, strict: true,
    });
    return { values: values as Parsed["values"], positionals };
  } catch (e) {
    const err = e as { code?: string; message: string };
    const opt = /'(-[^']*)'/.exec(err.message)?.[1] ?? "";
    switch (err.code) {
      case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
        throw new UsageError(`unknown option ${opt.split(",")[0]}`);
      case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
        const name = /--[\w-]+/.exec(err.message)?.[0] ?? opt;
        throw new UsageError(/argument missing/.test(err.message) ? `option ${name} needs a value` : `option ${name} takes no value`);
      }
      case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
        throw new UsageError(`unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ""}`.trim());
      default:
        throw new UsageError(err.message.split("\n")[0]);
    }
  }
}

/**
 * `--timeout -1` → `--timeout=-1`: parseArgs would read a negative number as an option and report that
 * --timeout "takes no value"; attached, it reaches the option's own check, which says what is wrong.
 */
function attachNegativeNumbers(argv: readonly string[], options: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([\w-]+)$/.exec(argv[i]!)?.[1] ?? Object.entries(options).find(([, o]) => o.short !== undefined && argv[i] === `-${o.short}`)?.[0];
    if (name !== undefined && options[name]?.type === "string" && /^-\d/.test(argv[i + 1] ?? "")) out.push(`--${name}=${argv[++i]}`);
    else out.push(argv[i]!);
  }
  return out;
}

/** A positive number of seconds from an option value. */
export function parseSeconds(option: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const s = value.trim() === "" ? NaN : Number(value); // Number("") is 0, which would silently mean "no limit"
  if (!Number.isFinite(s) || s < 0) throw new UsageError(`${option} expects a number of seconds ≥ 0, got ${JSON.stringify(value)}`);
  return s;
}

export function str(v: Parsed["values"][string]): string | undefined {
  return typeof v === "string" ? v : undefined;
}
