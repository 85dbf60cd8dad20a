/**
 * The plan card (HTML + text + JSON) and the frontier figure. Importing this module registers the "plan" renderer,
 * so a Plan made by the math code renders as a card in the notebook.
 */
import { registerRenderer, type MimeBundle } from "../core";
import { escapeHtml, formatValue } from "../display/format";
import { htmlTable, textTable } from "../display/table";
import { makeFigure, type PlotFigure } from "../plot/plot-figure";
import type { Plan } from "./plan";

const f = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined ? "—" : formatValue(x, digits));
const ci = (c: readonly [number, number] | null): string => (c ? `[${f(c[0])}, ${f(c[1])}]` : "—");

/** The headline numbers as label/value/rule rows. */
function headline(p: Plan): { quantity: string; value: string; rule: string }[] {
  const rows = [
    { quantity: "N (law's N: total params" + (p.shape.experts > 1 ? ", active per token)" : ")"), value: f(p.N), rule: p.rules.find((r) => r.quantity === "N")!.name },
    { quantity: "D (training tokens)", value: f(p.D), rule: p.choice.why },
    { quantity: "tokens per parameter", value: f(p.tokensPerParam, 3), rule: "D / N" },
    ...(p.epochs !== null ? [{ quantity: "epochs over unique data", value: f(p.epochs, 3), rule: "D / unique tokens" }] : []),
    { quantity: `loss (nats/token), ${Math.round(p.level * 100)}% interval`, value: `${f(p.loss)} ${ci(p.lossCI)}`, rule: p.lossMethod },
    { quantity: "extrapolation beyond fitted range", value: `×${f(p.extrapolation.factor, 3)}`, rule: p.extrapolation.rangeSource },
    { quantity: "peak learning rate", value: f(p.lr), rule: `${p.hyperparameters.recommended.rule}: ${p.hyperparameters.recommended.why}` },
    { quantity: "batch", value: `${f(p.batchTokens)} tokens (${p.hyperparameters.recommended.batchSequences} × ${p.shape.seqLen})`, rule: p.hyperparameters.recommended.rule },
    { quantity: "schedule", value: `${p.hyperparameters.schedule.kind}: ${p.hyperparameters.schedule.steps} steps, warmup ${p.hyperparameters.schedule.warmupSteps}, decay ${p.hyperparameters.schedule.decaySteps} (${p.hyperparameters.schedule.decay})`, rule: p.hyperparameters.schedule.rule },
    { quantity: "training FLOPs (6ND / exact for the shape)", value: `${f(p.flops)} / ${f(p.flopsExact)}`, rule: "C = 6ND; exact: Hoffmann et al. App. F" },
    { quantity: "GPU-hours" + (p.hardware.wallClockDays !== null ? " / wall-clock days" : ""), value: f(p.hardware.gpuHours) + (p.hardware.wallClockDays !== null ? ` / ${f(p.hardware.wallClockDays, 3)}` : ""), rule: `${p.hardware.accelerator} at MFU ${p.hardware.mfu} [${p.hardware.status}]` },
  ];
  return rows;
}

function shapeLine(p: Plan): string {
  const s = p.shape;
  const moe = s.experts > 1 ? `, ${s.experts} experts (${s.activeExperts} active)` : "";
  return `${s.nLayers} layers × d_model ${s.dModel}, ${s.nHeads} heads of ${s.dHead}, SwiGLU d_ff ${s.dFF}${moe}, vocab ${s.vocab}, seq ${s.seqLen}: ` +
    `${f(p.params.total)} total, ${f(p.params.nonEmbedding)} non-embedding${s.experts > 1 ? `, ${f(p.params.active)} active` : ""} parameters ` +
    `(${(p.shapeError * 100).toFixed(2)}% from N; aspect ratio ${(s.dModel / s.nLayers).toFixed(0)})`;
}

function hparamRows(p: Plan) {
  return p.hyperparameters.rows.map((r) => ({ rule: r.rule, lr: r.lr, batchTokens: r.batchTokens, status: r.status, fittedRange: r.outside ? "outside" : "inside", note: r.outside ? `${r.note}; ${r.outside}` : r.note }));
}

function alternativeRows(p: Plan) {
  return p.alternatives.map((a) => ({
    option: a.kind + (a.kind === p.choice.kind ? " ✓" : ""), N: a.N, D: a.D, tokensPerParam: a.tokensPerParam, epochs: a.epochs, loss: a.loss,
    lossCI: ci(a.lossCI), trainingFlops: a.trainingFlops, lifetimeFlops: a.lifetimeFlops, gpuHours: a.gpuHours, rule: a.rule,
  }));
}

/**
 * The plan card as text.
 * @param p a Plan
 */
export function planText(p: Plan): string {
  const sp = p.hyperparameters.spread;
  return [
    `Training plan — ${p.choice.kind} (${p.choice.why}); law: ${p.law.name}`,
    textTable(headline(p), { index: false }),
    "",
    `shape: ${shapeLine(p)}`,
    `  rule: ${p.shapeRule}`,
    "",
    `learning rate and batch by rule (spread max/min: lr ×${f(sp.lr, 3)}, batch ×${f(sp.batchTokens, 3)}):`,
    textTable(hparamRows(p), { index: false, columns: ["rule", "lr", "batchTokens", "status", "fittedRange"] }),
    "",
    "alternatives:",
    textTable(alternativeRows(p), { index: false, columns: ["option", "N", "D", "tokensPerParam", "epochs", "loss", "lossCI", "trainingFlops", "lifetimeFlops", "gpuHours"] }),
    "",
    "defaults applied:",
    ...p.defaults.map((d) => `  ${d.input} = ${d.value}: ${d.why}`),
    ...(p.warnings.length ? ["", "warnings:", ...p.warnings.map((w) => `  ⚠ ${w}`)] : []),
  ].join("\n");
}

/**
 * The plan card as HTML.
 * @param p a Plan
 */
export function planHtml(p: Plan): string {
  const sp = p.hyperparameters.spread;
  const rules = p.rules.map((r) => ({ quantity: r.quantity, value: r.value, rule: r.name, status: r.status, citation: r.citation }));
  return [
    `<div class="scalinglab-plan">`,
    `<div><b>Training plan</b> · ${escapeHtml(p.choice.kind)} (${escapeHtml(p.choice.why)}) · law: ${escapeHtml(p.law.name)}</div>`,
    htmlTable(headline(p), { index: false }),
    `<div><b>Shape</b>: ${escapeHtml(shapeLine(p))}<br><i>${escapeHtml(p.shapeRule)}</i></div>`,
    htmlTable(hparamRows(p), { index: false, caption: `Learning rate and batch by rule · spread (max/min): lr ×${f(sp.lr, 3)}, batch ×${f(sp.batchTokens, 3)}` }),
    htmlTable(alternativeRows(p), { index: false, caption: "Alternatives for this budget" }),
    `<details><summary>Every number with its rule and citation (${rules.length})</summary>${htmlTable(rules, { index: false, maxRows: 200 })}</details>`,
    `<details><summary>Defaults applied (${p.defaults.length})</summary><ul>${p.defaults.map((d) => `<li><code>${escapeHtml(d.input)} = ${escapeHtml(d.value)}</code>: ${escapeHtml(d.why)}</li>`).join("")}</ul></details>`,
    p.warnings.length ? `<ul style="color:#8a4b00;margin:4px 0">${p.warnings.map((w) => `<li>⚠ ${escapeHtml(w)}</li>`).join("")}</ul>` : "",
    "</div>",
  ].filter(Boolean).join("\n");
}

/**
 * The plan's mime bundle: HTML card, text card and the JSON of `toJSON()`.
 * @param p a Plan
 */
export function renderPlan(p: Plan): MimeBundle {
  return { "text/plain": planText(p), "text/html": planHtml(p), "application/json": p.toJSON() };
}

/**
 * The compute-optimal loss frontier with its interval band and the plan's point.
 * @param p a Plan
 * @returns a displayable figure (log budget axis)
 */
export function planFrontierFigure(p: Plan): PlotFigure {
  const x = p.frontier.map((q) => q.C);
  const band = p.frontier.every((q) => q.lo !== null && q.hi !== null);
  return makeFigure([
    ...(band ? [{ type: "band" as const, x, lower: p.frontier.map((q) => q.lo as number), upper: p.frontier.map((q) => q.hi as number), name: `${Math.round(p.level * 100)}% interval` }] : []),
    { type: "scatter", mode: "lines", x, y: p.frontier.map((q) => q.loss), name: "compute-optimal loss" },
    { type: "scatter", mode: "markers", x: [p.budget], y: [p.loss], name: `plan (${p.choice.kind})`, symbol: "diamond", size: 11 },
  ], {
    title: `Loss frontier · ${p.law.name}`,
    x: { title: "training FLOPs (6ND)", scale: "log" },
    y: { title: "loss (nats/token)", scale: "linear" },
  });
}

/**
 * Peak LR against batch size for every rule that gives both (log-log), the recommendation marked, and the critical
 * batch as a ceiling line.
 * @param p a Plan
 * @returns a displayable figure
 */
export function planHparamFigure(p: Plan): PlotFigure {
  const rows = p.hyperparameters.rows;
  const both = rows.filter((r) => r.lr !== null && r.batchTokens !== null);
  const lrs = rows.flatMap((r) => (r.lr !== null ? [r.lr] : []));
  const ceiling = rows.filter((r) => r.lr === null && r.batchTokens !== null);
  const rec = p.hyperparameters.recommended;
  return makeFigure([
    ...both.map((r) => ({ type: "scatter" as const, mode: "markers" as const, x: [r.batchTokens as number], y: [r.lr as number], name: r.rule, size: 9 })),
    ...ceiling.map((r) => ({
      type: "scatter" as const, mode: "lines" as const, x: [r.batchTokens as number, r.batchTokens as number],
      y: [Math.min(...lrs) / 1.5, Math.max(...lrs) * 1.5], name: r.rule, dash: "dash" as const,
    })),
    { type: "scatter", mode: "markers", x: [rec.batchTokens], y: [rec.lr], name: `recommended (${rec.rule})`, symbol: "circle-open", size: 16 },
  ], {
    title: `Peak LR and batch by rule · lr spread ×${f(p.hyperparameters.spread.lr, 3)}`,
    x: { title: "batch (tokens)", scale: "log" },
    y: { title: "peak learning rate", scale: "log" },
  });
}

/**
 * The planned learning-rate schedule (warmup, stable, decay) over optimizer steps.
 * @param p a Plan
 * @returns a displayable figure
 */
export function planScheduleFigure(p: Plan): PlotFigure {
  const s = p.hyperparameters.schedule;
  return makeFigure([{ type: "scatter", mode: "lines", x: s.curve.map((q) => q.step), y: s.curve.map((q) => q.lr), name: s.rule }], {
    title: `${s.kind}: ${s.steps} steps, warmup ${s.warmupSteps}, decay ${s.decaySteps} (${s.decay})`,
    x: { title: "step", scale: "linear" },
    y: { title: "learning rate", scale: "linear" },
  });
}

registerRenderer("plan", renderPlan);
