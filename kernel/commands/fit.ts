/** `scalinglab fit`: fits a scaling law to a CSV from the command line (for scripts and other projects' CI). */
import * as fs from "node:fs";
import type { CliCommand } from "./command";
import { UsageError } from "./command";
import { parseCommandArgs, str } from "./args";
import { formatFitResultText, type FitResult } from "../../lib/fit/result";
import { chinchilla } from "../../lib/laws/chinchilla-law";
import type { ChinchillaFitOptions } from "../../lib/laws/chinchilla-fit";
import { ScalingLabError } from "../../lib/core";
import { parseCsv } from "../../lib/data/csv";

const LAWS = ["chinchilla"] as const;
const GRIDS = ["hoffmann", "default"] as const;
const OBJECTIVES = ["huber", "huber-likelihood", "mse"] as const;

const usage = `usage: scalinglab fit --law chinchilla --data FILE.csv --n COL (--d COL | --flops COL) --loss COL
                      [--flops COL] [--drop-top K] [--grid hoffmann|default] [--objective huber|huber-likelihood|mse]
                      [--delta X] [--bootstrap B [--seed S]] [--json]

Fits L(N, D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Approach 3) to the rows of a CSV file:
Huber (delta 1e-3) on log loss, summed, multi-start L-BFGS.

  --law chinchilla      the law to fit (valid: ${LAWS.join(", ")})
  --data FILE.csv       comma-separated file with a header row
  --n COL               column with parameter counts N
  --d COL               column with training tokens D
  --flops COL           column with training FLOP C; without --d, D = C / (6 N)
  --loss COL            column with the loss (nats/token)
  --drop-top K          drop the K highest-loss rows first (Besiroglu et al. 2024 drop 5)
  --grid G              start grid: hoffmann (4,500 starts) or default (243 starts; the default)
  --objective O         huber (default), huber-likelihood (Besiroglu et al.) or mse
  --delta X             Huber threshold (default 1e-3)
  --bootstrap B         B bootstrap resamples over rows for SEs and 95% intervals
  --seed S              bootstrap seed (integer, default 0)
  --json                print one JSON object instead of the table:
                        {"law","params":{E,A,B,alpha,beta},"objective","n","converged","warnings"} (+ "se", "ci95" with --bootstrap)

Bad input (missing file or column, non-numeric or non-positive values, too few rows) exits 1 with one line
naming the file, row and column.`;

/** A data problem, reported as one line naming the file (and row/column where known). */
class FitInputError extends Error {}

function positiveInt(flag: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} expects an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  return n;
}

function choice<T extends string>(flag: string, v: string | undefined, valid: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(valid as readonly string[]).includes(v)) throw new UsageError(`${flag} must be one of ${valid.join(", ")}; got ${JSON.stringify(v)}`);
  return v as T;
}

interface Columns { n: string; d?: string; flops?: string; loss: string }

/** Reads N, D, loss from the CSV, checking every value; row numbers count data rows from 1 (header excluded). */
function readRows(file: string, cols: Columns): { N: number; D: number; loss: number }[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new FitInputError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let table: string[][];
  try {
    table = parseCsv(text, { source: file });
  } catch (e) {
    throw new FitInputError(`${file}: ${(e as Error).message}`);
  }
  if (table.length === 0) throw new FitInputError(`${file}: the file is empty`);
  const header = table[0].map((h) => h.trim());
  const index = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new FitInputError(`${file}: no column "${name}"; columns: ${header.join(", ")}`);
    return i;
  };
  const iN = index(cols.n), iL = index(cols.loss);
  const iD = cols.d !== undefined ? index(cols.d) : undefined;
  const iC = cols.flops !== undefined ? index(cols.flops) : undefined;
  if (table.length === 1) throw new FitInputError(`${file}: no data rows after the header`);
  return table.slice(1).map((fields, r) => {
    const value = (i: number, name: string) => {
      const raw = (fields[i] ?? "").trim();
      const x = Number(raw);
      if (raw === "" || !Number.isFinite(x)) throw new FitInputError(`${file}: row ${r + 1}, column "${name}": not a number (${JSON.stringify(raw)})`);
      if (!(x > 0)) throw new FitInputError(`${file}: row ${r + 1}, column "${name}": must be > 0, got ${raw}`);
      return x;
    };
    const N = value(iN, cols.n);
    const D = iD !== undefined ? value(iD, cols.d!) : value(iC!, cols.flops!) / (6 * N);
    return { N, D, loss: value(iL, cols.loss) };
  });
}

function jsonOf(r: FitResult, n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    law: "chinchilla", params: { ...r.params }, objective: r.objective, n, converged: r.converged, warnings: [...r.warnings],
  };
  if (r.bootstrap) {
    out.se = { ...r.bootstrap.se };
    out.ci95 = Object.fromEntries(Object.entries(r.bootstrap.ci).map(([k, v]) => [k, [v[0], v[1]]]));
  }
  return out;
}

export const fitCommand: CliCommand = {
  name: "fit",
  summary: "fit a scaling law (Chinchilla) to a CSV file; table or JSON with SEs",
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      law: { type: "string" }, data: { type: "string" }, n: { type: "string" }, d: { type: "string" },
      loss: { type: "string" }, flops: { type: "string" }, "drop-top": { type: "string" }, grid: { type: "string" },
      objective: { type: "string" }, delta: { type: "string" }, bootstrap: { type: "string" }, seed: { type: "string" },
      json: { type: "boolean" },
    }, false);
    const law = str(values.law);
    if (law === undefined) throw new UsageError(`--law is required; valid laws: ${LAWS.join(", ")}`);
    if (!(LAWS as readonly string[]).includes(law)) throw new UsageError(`unknown law ${JSON.stringify(law)}; valid laws: ${LAWS.join(", ")}`);
    const file = str(values.data);
    if (file === undefined) throw new UsageError("--data FILE.csv is required");
    const n = str(values.n), loss = str(values.loss), d = str(values.d), flops = str(values.flops);
    if (n === undefined || loss === undefined) throw new UsageError("--n COL and --loss COL are required");
    if (d === undefined && flops === undefined) throw new UsageError("give --d COL, or --flops COL to use D = C / (6N)");
    const dropTop = positiveInt("--drop-top", str(values["drop-top"]), 0) ?? 0;
    const bootstrap = positiveInt("--bootstrap", str(values.bootstrap), 1);
    const seedText = str(values.seed);
    if (seedText !== undefined && bootstrap === undefined) throw new UsageError("--seed only applies with --bootstrap B");
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed expects an integer, got ${JSON.stringify(seedText)}`);
    const deltaText = str(values.delta);
    const delta = deltaText === undefined ? undefined : Number(deltaText);
    if (delta !== undefined && !(delta > 0 && Number.isFinite(delta))) throw new UsageError(`--delta expects a number > 0, got ${JSON.stringify(deltaText)}`);
    const options: ChinchillaFitOptions = {
      grid: choice("--grid", str(values.grid), GRIDS),
      objective: choice("--objective", str(values.objective), OBJECTIVES),
      ...(delta !== undefined ? { delta } : {}),
      ...(bootstrap !== undefined ? { bootstrap, seed: seed ?? 0 } : {}),
    };

    let rows: { N: number; D: number; loss: number }[];
    try {
      rows = readRows(file, { n, d, flops, loss });
    } catch (e) {
      if (e instanceof FitInputError) { console.error(`scalinglab fit: ${e.message}`); return 1; }
      throw e;
    }
    if (dropTop > 0) {
      if (dropTop >= rows.length) { console.error(`scalinglab fit: ${file}: --drop-top ${dropTop} leaves no rows (the file has ${rows.length})`); return 1; }
      rows = [...rows].sort((a, b) => a.loss - b.loss).slice(0, rows.length - dropTop);
    }
    if (rows.length < 5) {
      console.error(`scalinglab fit: ${file}: ${rows.length} usable rows; the Chinchilla law has 5 parameters, need at least 5`);
      return 1;
    }
    let result: FitResult;
    try {
      result = await chinchilla.fit(rows, rows.map((r) => r.loss), options);
    } catch (e) {
      if (e instanceof ScalingLabError) { console.error(`scalinglab fit: ${file}: ${e.message}`); return 1; }
      throw e;
    }
    console.log(values.json ? JSON.stringify(jsonOf(result, rows.length)) : formatFitResultText(result));
    return 0;
  },
};
