/**
 * `scalinglab fit`: fits any law of the catalogue to a table of runs from the command line (for scripts and other
 * projects' CI). Rows come through the notebook's reader (`data.read`: CSV, TSV, JSON, JSONL, field counts checked,
 * "125M"/"3e21" numbers); the fit is the law's own `fit`, so its warnings, cluster bootstrap and FitError are the
 * library's. Exit codes: 0 fitted, 2 bad usage or bad data, 3 the data cannot determine the law (FitError), 1 other.
 */
import type { CliCommand } from "./command";
import { UsageError } from "./command";
import { parseCommandArgs, str } from "./args";
// The notebook scope loads every law of the catalogue, so `--law` can name any of them.
import {
  extrapolations, formatFactor, formatFitResultText, listLaws, readRuns, ScalingLabError, shortNumber, type FitResult, type Law,
} from "../../lib/internal";

type AnyLaw = Law<Record<string, number>, string, string>;

/** Short names for the laws people fit most, beside every law's id and notebook path. */
const ALIASES: Readonly<Record<string, string>> = { kaplan: "kaplan-loss-ND", muennighoff: "muennighoff-data-constrained" };
const OBJECTIVES = ["huber", "huber-likelihood", "mse"] as const;
const FORMATS = ["csv", "tsv", "json", "jsonl"] as const;

const usage = `usage: scalinglab fit --law LAW --data FILE [--columns NAME=COL,…] [--n COL] [--d COL] [--flops COL] [--loss COL]
                      [--format csv|tsv|json|jsonl] [--drop-top K] [--grid NAME] [--objective huber|huber-likelihood|mse]
                      [--delta X] [--bootstrap B [--by COL] [--seed S]] [--fixed P=V,…] [--range [INPUT=]VALUE] [--json]
       scalinglab fit --law list

Fits a law of the catalogue to the rows of a table with the law's own fit (multi-start L-BFGS, Huber on log y by
default) and prints estimate (SE) [95% CI] per parameter, then every warning of the fit.

  --law LAW             a law id (chinchilla, kaplan-loss-ND, step-law-lr, …), its notebook path (laws.chinchilla)
                        or a short name (${Object.keys(ALIASES).join(", ")}); --law list lists them all
  --data FILE           the runs: .csv, .tsv, .json (array of objects) or .jsonl, header row naming the columns
  --columns NAME=COL,…  which column holds each input of the law and the observed value (loss= or y=),
                        e.g. N=params,D=tokens,loss=val_loss (default: columns named like the inputs, and loss or y)
  --n, --d, --loss COL  shorthands for N=COL, D=COL, loss=COL
  --flops COL           training FLOP C; for a law of N and D without a D column, D = C / (6 N)
  --format F            file format (default: from the extension)
  --drop-top K          drop the K rows with the highest observed value first (Besiroglu et al. 2024 drop 5)
  --grid NAME           one of the law's named start grids (chinchilla: hoffmann, default)
  --objective O         huber (default), huber-likelihood (Besiroglu et al.) or mse
  --delta X             Huber threshold (default 1e-3)
  --bootstrap B         B bootstrap resamples for SEs and 95% intervals (over rows, or over clusters with --by)
  --by COL              resample clusters of rows sharing COL (e.g. --by run when rows are checkpoints of runs)
  --seed S              bootstrap seed (integer, default 0)
  --fixed P=V,…         hold parameters at these values and fit the others (e.g. B=410.7,beta=0.28 when D is constant)
  --range [INPUT=]V     how far V lies outside the fit's data: INPUT is an input of the law or its budget
                        (C for chinchilla; the default when the law has one, else its only input)
  --json                one JSON object: {"law","params","objective","n","converged","warnings"}
                        (+ "se", "ci95", "resampled" with --bootstrap; + "range" with --range)

Exit codes: 0 fitted (read the warnings), 2 bad usage or data (one line naming file, row and column),
3 the data cannot determine the law (e.g. a constant D for chinchilla), 1 anything else.`;

/** Bad data: one line naming the file, row and column; exit 2. */
class FitInputError extends Error {}

/** Exit codes of `scalinglab fit`. */
const EXIT = { ok: 0, internal: 1, input: 2, unidentifiable: 3 } as const;

function fittableLaws(): AnyLaw[] {
  return listLaws().filter((l) => (l as { kind?: string }).kind === "law") as unknown as AnyLaw[];
}

function findLaw(name: string): AnyLaw {
  const laws = fittableLaws();
  const id = ALIASES[name] ?? name;
  const law = laws.find((l) => l.id === id || l.api === name || l.api.split(".").slice(1).join(".") === name);
  if (!law) throw new UsageError(`unknown law ${JSON.stringify(name)}; see scalinglab fit --law list (e.g. ${["chinchilla", ...Object.keys(ALIASES)].join(", ")})`);
  return law;
}

function lawList(): string {
  const laws = fittableLaws();
  const rows = laws.map((l) => [l.id, l.api, `${Object.keys(l.inputs).join(", ")} → ${l.output}`]);
  const w = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length), ["id", "notebook"][c].length));
  const line = (r: string[]) => `${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2]}`;
  return [line(["id", "notebook", "inputs → output"]), ...rows.map(line),
    `short names: ${Object.entries(ALIASES).map(([a, id]) => `${a} = ${id}`).join(", ")}`].join("\n");
}

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

/** `N=params,D=tokens` → { N: "params", D: "tokens" } (`flag` names the option in errors). */
function parsePairs(flag: string, text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const m = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(part);
    if (!m) throw new UsageError(`${flag} expects NAME=VALUE pairs separated by commas, got ${JSON.stringify(part)}`);
    out[m[1]] = m[2];
  }
  return out;
}

/** `--fixed B=410.7,beta=0.28` → { B: 410.7, beta: 0.28 }, each a parameter of the law. */
function parseFixed(law: AnyLaw, text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  return Object.fromEntries(Object.entries(parsePairs("--fixed", text)).map(([k, v]) => {
    if (!law.paramNames.includes(k)) throw new UsageError(`--fixed: ${JSON.stringify(k)} is not a parameter of ${law.api} (parameters: ${law.paramNames.join(", ")})`);
    const x = Number(v);
    if (!Number.isFinite(x)) throw new UsageError(`--fixed: ${k} needs a number, got ${JSON.stringify(v)}`);
    return [k, x];
  }));
}

interface Mapping {
  /** Law input → source column. */
  readonly inputs: Record<string, string>;
  /** Column of the observed value. */
  readonly y: string;
  /** Column of training FLOP to derive D from, when D has no column. */
  readonly flops?: string;
  /** Column whose values define bootstrap clusters. */
  readonly by?: string;
}

function mappingOf(file: string, law: AnyLaw, header: readonly string[], given: Record<string, string>, flops: string | undefined, by: string | undefined): Mapping {
  const names = Object.keys(law.inputs);
  const { loss, y, ...rest } = given;
  if (loss !== undefined && y !== undefined) throw new UsageError("give the observed column once: loss=COL or y=COL");
  for (const k of Object.keys(rest)) {
    if (!names.includes(k)) throw new UsageError(`--columns names ${JSON.stringify(k)}, which is not an input of ${law.api} (inputs: ${names.join(", ")}; observed value: loss or y)`);
  }
  const inputs: Record<string, string> = {};
  const deriveD = flops !== undefined && names.includes("N") && names.includes("D") && rest.D === undefined && !header.includes("D");
  for (const k of names) {
    if (rest[k] !== undefined) inputs[k] = rest[k];
    else if (k === "D" && deriveD) continue;
    else if (header.includes(k)) inputs[k] = k;
    else throw new UsageError(`no column for input ${k} of ${law.api} (${law.inputs[k]}); map it with --columns ${k}=COLUMN`);
  }
  const yCol = loss ?? y ?? ["loss", "y"].find((c) => header.includes(c));
  if (yCol === undefined) throw new UsageError(`no column for the observed value (${law.output}); map it with --columns loss=COLUMN`);
  const m: Mapping = { inputs, y: yCol, ...(deriveD ? { flops } : {}), ...(by !== undefined ? { by } : {}) };
  const wanted: [string, string][] = [...Object.entries(inputs), ["the observed value", yCol], ...(m.flops ? [["D = C/(6N)", m.flops] as [string, string]] : []),
    ...(by !== undefined ? [["--by", by] as [string, string]] : [])];
  for (const [what, col] of wanted) {
    if (!header.includes(col)) throw new FitInputError(`${file}: no column "${col}" (for ${what}); columns: ${header.join(", ")}`);
  }
  return m;
}

type Row = Record<string, number | string>;
type RunRows = ReturnType<typeof readRuns>["rows"];

/** Rows of law inputs (+ the cluster column) and y; every value checked, rows numbered from 1 after the header. */
function checkedRows(file: string, law: AnyLaw, m: Mapping, table: RunRows): { rows: Row[]; y: number[] } {
  if (table.length === 0) throw new FitInputError(`${file}: no data rows after the header`);
  const signed = new Set<string>(law.signedInputs);
  const positiveY = law.fitDefaults.space !== "linear";
  const rows: Row[] = [], y: number[] = [];
  table.forEach((raw, i) => {
    const value = (key: string, col: string, positive: boolean) => {
      // data.read already refused a numeric column with a few text cells: a string here is a column of text.
      const v = raw[key];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new FitInputError(`${file}: row ${i + 1}, column "${col}": not a number (${JSON.stringify(v === null ? "" : String(v))})`);
      if (positive && !(v > 0)) throw new FitInputError(`${file}: row ${i + 1}, column "${col}": must be > 0, got ${v}`);
      return v;
    };
    const row: Row = {};
    for (const [k, col] of Object.entries(m.inputs)) row[k] = value(col, col, !signed.has(k));
    if (m.flops) row.D = value(m.flops, m.flops, true) / (6 * (row.N as number));
    if (m.by) {
      const c = raw[m.by];
      if (c === null || c === undefined || c === "") throw new FitInputError(`${file}: row ${i + 1}, column "${m.by}": empty (every row needs a ${m.by} for --by)`);
      row[m.by] = typeof c === "boolean" ? String(c) : c;
    }
    rows.push(row);
    y.push(value(m.y, m.y, positiveY));
  });
  return { rows, y };
}

interface RangeReport { readonly input: string; readonly value: number; readonly factor: number; readonly range: readonly [number, number] | null; readonly warning: string | null }

function parseRange(law: AnyLaw, text: string | undefined): { input: string; value: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(?:([^=]+)=)?(.+)$/.exec(text.trim())!;
  const inputs = Object.keys(law.inputs);
  const input = m[1]?.trim() ?? law.budget?.name ?? (inputs.length === 1 ? inputs[0] : undefined);
  if (input === undefined) throw new UsageError(`--range needs INPUT=VALUE for ${law.api} (inputs: ${inputs.join(", ")})`);
  const valid = [...inputs, ...(law.budget ? [law.budget.name] : [])];
  if (!valid.includes(input)) throw new UsageError(`--range: ${JSON.stringify(input)} is not an input or the budget of ${law.api} (valid: ${valid.join(", ")})`);
  const value = Number(m[2]);
  if (!(value > 0 && Number.isFinite(value))) throw new UsageError(`--range expects a number > 0, got ${JSON.stringify(m[2])}`);
  return { input, value };
}

/** How far the target lies outside the fit's data range of that input (factor 1 inside). */
function rangeReport(fit: FitResult, target: { input: string; value: number }): RangeReport {
  const r = fit.dataRanges[target.input] ?? null;
  const factor = r ? Math.max(1, target.value / r[1], r[0] / target.value) : NaN;
  const warning = r ? extrapolations([{ [target.input]: target.value }], { [target.input]: r }, "of the fit's data")[0]?.message ?? null : null;
  return { ...target, factor, range: r, warning };
}

function rangeLine(r: RangeReport): string {
  if (!r.range) return `range: the fit's data have no range for ${r.input}`;
  const span = `${r.input} ${shortNumber(r.range[0])} … ${shortNumber(r.range[1])}`;
  if (r.factor === 1) return `range: ${r.input} = ${shortNumber(r.value)} lies inside the fit's data (${span})`;
  return `range: ${r.input} = ${shortNumber(r.value)} is ${formatFactor(r.factor)} ${r.value > r.range[1] ? "above" : "below"} the fit's data (${span})` +
    `${r.warning ? "" : ", within the 3× the guards allow"}`;
}

function jsonOf(law: AnyLaw, r: FitResult, n: number, range: RangeReport | undefined): Record<string, unknown> {
  const warnings = [...r.warnings, ...(range?.warning ? [range.warning] : [])];
  const out: Record<string, unknown> = { law: law.id, params: { ...r.params }, objective: r.objective, n, converged: r.converged, warnings };
  if (r.bootstrap) {
    out.se = { ...r.bootstrap.se };
    out.ci95 = Object.fromEntries(Object.entries(r.bootstrap.ci).map(([k, v]) => [k, [v[0], v[1]]]));
    out.resampled = { unit: r.bootstrap.unit, units: r.bootstrap.units, resamples: r.bootstrap.resamples, seed: r.bootstrap.seed };
  }
  if (range) out.range = { input: range.input, value: range.value, factor: range.factor, dataRange: range.range };
  return out;
}

export const fitCommand: CliCommand = {
  name: "fit",
  summary: "fit any law of the catalogue to a table of runs; table or JSON with SEs and warnings",
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      law: { type: "string" }, data: { type: "string" }, columns: { type: "string" }, n: { type: "string" }, d: { type: "string" },
      loss: { type: "string" }, flops: { type: "string" }, format: { type: "string" }, "drop-top": { type: "string" }, grid: { type: "string" },
      objective: { type: "string" }, delta: { type: "string" }, bootstrap: { type: "string" }, by: { type: "string" }, seed: { type: "string" },
      range: { type: "string" }, fixed: { type: "string" }, json: { type: "boolean" },
    }, false);
    const lawName = str(values.law);
    if (lawName === undefined) throw new UsageError("--law is required (scalinglab fit --law list shows the laws)");
    if (lawName === "list") {
      console.log(lawList());
      return EXIT.ok;
    }
    const law = findLaw(lawName);
    const file = str(values.data);
    if (file === undefined) throw new UsageError("--data FILE is required");
    const given = parsePairs("--columns", str(values.columns));
    for (const [flag, key] of [["n", "N"], ["d", "D"], ["loss", "loss"]] as const) {
      const v = str(values[flag]);
      if (v === undefined) continue;
      if (given[key] !== undefined) throw new UsageError(`--${flag} and --columns both map ${key}`);
      given[key] = v;
    }
    const format = choice("--format", str(values.format), FORMATS);
    const dropTop = positiveInt("--drop-top", str(values["drop-top"]), 0) ?? 0;
    const bootstrap = positiveInt("--bootstrap", str(values.bootstrap), 1);
    const by = str(values.by);
    if (by !== undefined && bootstrap === undefined) throw new UsageError("--by only applies with --bootstrap B");
    const seedText = str(values.seed);
    if (seedText !== undefined && bootstrap === undefined) throw new UsageError("--seed only applies with --bootstrap B");
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed expects an integer, got ${JSON.stringify(seedText)}`);
    const deltaText = str(values.delta);
    const delta = deltaText === undefined ? undefined : Number(deltaText);
    if (delta !== undefined && !(delta > 0 && Number.isFinite(delta))) throw new UsageError(`--delta expects a number > 0, got ${JSON.stringify(deltaText)}`);
    const gridNames = Object.keys(law.grids);
    const grid = str(values.grid);
    if (grid !== undefined && !gridNames.includes(grid)) {
      throw new UsageError(gridNames.length ? `--grid must be one of ${gridNames.join(", ")}; got ${JSON.stringify(grid)}` : `${law.api} has no named start grids`);
    }
    const target = parseRange(law, str(values.range));
    const fixed = parseFixed(law, str(values.fixed));
    const options = {
      ...(grid !== undefined ? { grid } : {}),
      ...(values.objective !== undefined ? { objective: choice("--objective", str(values.objective), OBJECTIVES) } : {}),
      ...(delta !== undefined ? { delta } : {}),
      ...(fixed ? { fixed } : {}),
      ...(bootstrap !== undefined ? { bootstrap: by !== undefined ? { n: bootstrap, by } : bootstrap, seed: seed ?? 0 } : {}),
    };

    let rows: Row[], y: number[];
    try {
      const table = readRuns(file, format ? { format } : {});
      ({ rows, y } = checkedRows(file, law, mappingOf(file, law, table.columns, given, str(values.flops), by), table.rows));
    } catch (e) {
      if (e instanceof FitInputError || e instanceof ScalingLabError) { console.error(`scalinglab fit: ${e.message}`); return EXIT.input; }
      throw e;
    }
    if (dropTop > 0) {
      if (dropTop >= rows.length) { console.error(`scalinglab fit: ${file}: --drop-top ${dropTop} leaves no rows (the file has ${rows.length})`); return EXIT.input; }
      const keep = y.map((v, i) => i).sort((a, b) => y[a] - y[b]).slice(0, rows.length - dropTop);
      rows = keep.map((i) => rows[i]);
      y = keep.map((i) => y[i]);
    }
    const p = law.paramNames.length;
    if (rows.length < p) {
      console.error(`scalinglab fit: ${file}: ${rows.length} usable rows; ${law.api} has ${p} parameters, need at least ${p}`);
      return EXIT.input;
    }
    let result: FitResult;
    try {
      // Rows keep the cluster column (a string) beside the inputs; the law reads only its inputs.
      result = await law.fit(rows as Record<string, number>[], y, options);
    } catch (e) {
      if (!(e instanceof ScalingLabError)) throw e;
      console.error(`scalinglab fit: ${file}: ${e.message}`);
      return e.name === "FitError" ? EXIT.unidentifiable : e.name === "DidNotConvergeError" ? EXIT.internal : EXIT.input;
    }
    const range = target ? rangeReport(result, target) : undefined;
    if (values.json) console.log(JSON.stringify(jsonOf(law, result, rows.length, range)));
    else console.log([formatFitResultText(result), ...(range ? [rangeLine(range), ...(range.warning ? [`warning: ${range.warning}`] : [])] : [])].join("\n"));
    return EXIT.ok;
  },
};
