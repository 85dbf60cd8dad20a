/**
 * `scalinglab plan`: a training plan from a budget on the command line (the same `plan` as the notebook's).
 * Prints the text card, `--json` the plan's JSON, `--html FILE` writes the HTML card.
 */
import * as fs from "node:fs";
import type { CliCommand } from "./command";
import { UsageError } from "./command";
import { parseCommandArgs, str } from "./args";
import {
  chinchilla, DataError, InvalidInputError, plan, planHtml, planText, readRuns, ScalingLabError, type FitResult, type PlanSpec,
} from "../../lib/internal";

const usage = `usage: scalinglab plan (--compute FLOPS | --gpus N --days D [--gpu ID] [--mfu X] | --params N --tokens D)
                       [--params N | --tokens D] [--unique-tokens U] [--inference-tokens T]
                       [--experts E --active-experts K] [--seq-len L] [--vocab V] [--law NAME]
                       [--mup-base-width W --mup-base-lr LR [--mup-base-batch B]] [--schedule wsd|cosine]
                       [--aspect-ratio R] [--level P] [--json] [--html out.html]
                       [--fit RUNS.csv [--n-col N] [--d-col D] [--loss-col LOSS] [--bootstrap B] [--seed S]]

Plans a training run from a budget: N and D, the predicted loss with its interval, a concrete shape, peak LR,
batch and schedule from every applicable rule, FLOPs and GPU-hours, and the compute-optimal / inference-optimal /
data-constrained alternatives. Every number comes with its rule and citation; every default is stated.

  --compute FLOPS       training budget, C = 6ND (e.g. 1e24)
  --gpus N --days D     budget from hardware: N × peak × D days × MFU
  --gpu ID              accelerator (default h100): ${Object.keys(plan.accelerators).join(", ")}
  --mfu X               model FLOPs utilisation on 6ND, in (0, 1] (default 0.4)
  --params N            fix the model size (total parameters)
  --tokens D            fix the training tokens
  --unique-tokens U     unique tokens available (data-constrained: Muennighoff et al. 2023)
  --inference-tokens T  tokens served over the model's life (inference-aware: Sardana et al. 2023)
  --experts E --active-experts K   mixture of experts (the law's N is then the active parameters)
  --seq-len L, --vocab V           context length (default 2048) and vocabulary (default 32000)
  --law NAME            besiroglu (default), hoffmann, hoffmannUnrounded, besirogluGrid
  --fit RUNS.csv        instead of --law: fit the Chinchilla law to your runs (CSV/TSV/JSON/JSONL; columns --n-col,
                        --d-col, --loss-col, default N, D, loss) with B bootstrap resamples (--bootstrap, default 200;
                        --seed, default 0); the loss interval then comes from the resamples
  --mup-base-width W --mup-base-lr LR [--mup-base-batch B]   μP transfer from a tuned base run
  --schedule S          wsd (default) or cosine
  --aspect-ratio R      target d_model / n_layers (default 100)
  --level P             loss interval coverage (default 0.95)
  --json                print the plan as JSON: N, D, tokensPerParam, loss, lossCI, lr, batchTokens, flops, rules, warnings, …
  --html FILE           also write the HTML plan card to FILE

Bad input exits 2 with one line naming the option and the fix.`;

/** Resamples of `--fit` unless --bootstrap says otherwise: enough for a 95% percentile interval, seconds to run. */
const FIT_BOOTSTRAP = 200;

const NUMERIC: Record<string, keyof PlanSpec | null> = {
  compute: "compute", gpus: "gpus", days: "days", mfu: "mfu", params: "N", tokens: "D", "unique-tokens": "uniqueTokens",
  "inference-tokens": "inferenceTokens", "seq-len": "seqLen", vocab: "vocab", "aspect-ratio": "aspectRatio", level: "level",
  experts: null, "active-experts": null, "mup-base-width": null, "mup-base-lr": null, "mup-base-batch": null, bootstrap: null, seed: null,
};

function number(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x)) throw new UsageError(`--${flag} expects a number, got ${JSON.stringify(v)}`);
  return x;
}

/** `--fit`: the runs file, its columns and the bootstrap. */
export interface FitRequest {
  readonly file: string;
  readonly columns: { readonly N: string; readonly D: string; readonly loss: string };
  readonly bootstrap: number;
  readonly seed: number;
}

/** The plan spec of a command line. */
export function planSpecFromArgs(argv: readonly string[]): { spec: PlanSpec; json: boolean; html: string | undefined; fit: FitRequest | undefined } {
  const options = Object.fromEntries(Object.keys(NUMERIC).map((k) => [k, { type: "string" as const }]));
  const { values } = parseCommandArgs(argv, {
    ...options, gpu: { type: "string" }, law: { type: "string" }, schedule: { type: "string" }, json: { type: "boolean" }, html: { type: "string" },
    fit: { type: "string" }, "n-col": { type: "string" }, "d-col": { type: "string" }, "loss-col": { type: "string" },
  }, false);
  const spec: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(NUMERIC)) {
    const x = number(flag, str(values[flag]));
    if (x !== undefined && key) spec[key] = x;
  }
  const experts = number("experts", str(values.experts)), active = number("active-experts", str(values["active-experts"]));
  if ((experts === undefined) !== (active === undefined)) throw new UsageError("--experts and --active-experts go together");
  if (experts !== undefined) spec.moe = { experts, active };
  const width = number("mup-base-width", str(values["mup-base-width"])), lr = number("mup-base-lr", str(values["mup-base-lr"]));
  const batch = number("mup-base-batch", str(values["mup-base-batch"]));
  if ((width === undefined) !== (lr === undefined)) throw new UsageError("--mup-base-width and --mup-base-lr go together");
  if (width !== undefined) spec.base = { width, lr, ...(batch !== undefined ? { batchTokens: batch } : {}) };
  else if (batch !== undefined) throw new UsageError("--mup-base-batch needs --mup-base-width and --mup-base-lr");
  for (const k of ["gpu", "law", "schedule"] as const) if (str(values[k]) !== undefined) spec[k] = str(values[k]);
  const file = str(values.fit);
  const bootstrap = number("bootstrap", str(values.bootstrap)), seed = number("seed", str(values.seed));
  if (file === undefined) {
    const stray = ["n-col", "d-col", "loss-col", "bootstrap", "seed"].find((k) => values[k] !== undefined);
    if (stray) throw new UsageError(`--${stray} only applies with --fit RUNS.csv`);
  } else if (spec.law !== undefined) throw new UsageError("give --law or --fit, not both");
  if (bootstrap !== undefined && !(Number.isInteger(bootstrap) && bootstrap >= 20)) throw new UsageError(`--bootstrap expects an integer ≥ 20, got ${bootstrap}`);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed expects an integer, got ${seed}`);
  const fit = file === undefined ? undefined : {
    file,
    columns: { N: str(values["n-col"]) ?? "N", D: str(values["d-col"]) ?? "D", loss: str(values["loss-col"]) ?? "loss" },
    bootstrap: bootstrap ?? FIT_BOOTSTRAP, seed: seed ?? 0,
  };
  return { spec: spec as PlanSpec, json: values.json === true, html: str(values.html), fit };
}

/** Fits the Chinchilla law to the runs of `--fit`. */
async function fitRuns(req: FitRequest): Promise<FitResult> {
  const table = readRuns(req.file, { columns: req.columns });
  // A column with one unreadable cell is read as text: name the first cell that is not a positive number.
  for (const k of ["N", "D", "loss"] as const) {
    const i = table.rows.findIndex((r) => !(Number(r[k]) > 0) || r[k] === null || typeof r[k] === "boolean");
    if (i >= 0) throw new DataError("plan", `${req.file} row ${i + 1}, column "${req.columns[k]}": must be a number > 0, got ${String(table.rows[i][k])}`);
  }
  const rows = table.rows.map((r) => ({ N: Number(r.N), D: Number(r.D), loss: Number(r.loss) }));
  return chinchilla.fit(rows.map(({ N, D }) => ({ N, D })), rows.map((r) => r.loss), { bootstrap: req.bootstrap, seed: req.seed });
}

export const planCommand: CliCommand = {
  name: "plan",
  summary: "plan a training run from a budget: N, D, loss ± CI, shape, LR/batch/schedule, cost; cited",
  usage,
  async run(argv) {
    const { spec, json, html, fit } = planSpecFromArgs(argv);
    let p;
    try {
      p = plan(fit ? { ...spec, law: await fitRuns(fit) } : spec);
    } catch (e) {
      // The planner's own one-line errors ("plan: mfu must be in (0, 1] …") become usage errors of the command.
      // A problem in the runs file or its fit is a data error: one line, exit 1 (as `scalinglab fit`).
      if (e instanceof ScalingLabError && !(e instanceof InvalidInputError && e.fn === "plan")) { console.error(`scalinglab plan: ${e.message.replace(/^plan: /, "")}`); return 1; }
      if (e instanceof ScalingLabError) throw new UsageError(e.message.replace(/^plan: /, ""));
      throw e;
    }
    if (html !== undefined) fs.writeFileSync(html, `<!doctype html><meta charset="utf-8"><title>scalinglab plan</title>\n${planHtml(p)}\n`);
    console.log(json ? JSON.stringify(p.toJSON()) : planText(p));
    return 0;
  },
};
