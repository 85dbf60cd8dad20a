/**
 * `scalinglab plan`: a training plan from a budget on the command line (the same `plan` as the notebook's).
 * Prints the text card, `--json` the plan's JSON, `--html FILE` writes the HTML card.
 */
import * as fs from "node:fs";
import type { CliCommand } from "./commands/command";
import { UsageError } from "./commands/command";
import { parseCommandArgs, str } from "./commands/args";
import { ScalingLabError } from "../lib/core";
import { plan, type PlanSpec } from "../lib/plan";
import { planHtml, planText } from "../lib/plan/display";

const usage = `usage: scalinglab plan (--compute FLOPS | --gpus N --days D [--gpu ID] [--mfu X] | --params N --tokens D)
                       [--params N | --tokens D] [--unique-tokens U] [--inference-tokens T]
                       [--experts E --active-experts K] [--seq-len L] [--vocab V] [--law NAME]
                       [--mup-base-width W --mup-base-lr LR [--mup-base-batch B]] [--schedule wsd|cosine]
                       [--aspect-ratio R] [--level P] [--json] [--html out.html]

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
  --mup-base-width W --mup-base-lr LR [--mup-base-batch B]   μP transfer from a tuned base run
  --schedule S          wsd (default) or cosine
  --aspect-ratio R      target d_model / n_layers (default 100)
  --level P             loss interval coverage (default 0.95)
  --json                print the plan as JSON: N, D, tokensPerParam, loss, lossCI, lr, batchTokens, flops, rules, warnings, …
  --html FILE           also write the HTML plan card to FILE

Bad input exits 2 with one line naming the option and the fix.`;

const NUMERIC: Record<string, keyof PlanSpec | null> = {
  compute: "compute", gpus: "gpus", days: "days", mfu: "mfu", params: "N", tokens: "D", "unique-tokens": "uniqueTokens",
  "inference-tokens": "inferenceTokens", "seq-len": "seqLen", vocab: "vocab", "aspect-ratio": "aspectRatio", level: "level",
  experts: null, "active-experts": null, "mup-base-width": null, "mup-base-lr": null, "mup-base-batch": null,
};

function number(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x)) throw new UsageError(`--${flag} expects a number, got ${JSON.stringify(v)}`);
  return x;
}

/** The plan spec of a command line. */
export function planSpecFromArgs(argv: readonly string[]): { spec: PlanSpec; json: boolean; html: string | undefined } {
  const options = Object.fromEntries(Object.keys(NUMERIC).map((k) => [k, { type: "string" as const }]));
  const { values } = parseCommandArgs(argv, {
    ...options, gpu: { type: "string" }, law: { type: "string" }, schedule: { type: "string" }, json: { type: "boolean" }, html: { type: "string" },
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
  return { spec: spec as PlanSpec, json: values.json === true, html: str(values.html) };
}

export const planCommand: CliCommand = {
  name: "plan",
  summary: "plan a training run from a budget: N, D, loss ± CI, shape, LR/batch/schedule, cost; cited",
  usage,
  async run(argv) {
    const { spec, json, html } = planSpecFromArgs(argv);
    let p;
    try {
      p = plan(spec);
    } catch (e) {
      // The planner's own one-line errors ("plan: mfu must be in (0, 1] …") become usage errors of the command.
      if (e instanceof ScalingLabError) throw new UsageError(e.message.replace(/^plan: /, ""));
      throw e;
    }
    if (html !== undefined) fs.writeFileSync(html, `<!doctype html><meta charset="utf-8"><title>scalinglab plan</title>\n${planHtml(p)}\n`);
    console.log(json ? JSON.stringify(p.toJSON()) : planText(p));
    return 0;
  },
};
