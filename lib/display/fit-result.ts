/**
 * FitResult as notebook output: a parameter table (estimate, SE, interval), the objective, convergence with its
 * reason, iterations, method, the multi-start grid summary and any warnings. The text form is the fit module's
 * own `formatFitResultText`, so console and notebook agree.
 */
import type { MimeBundle } from "../core";
import { type FitResult, formatFitNumber, formatFitResultText } from "../fit/result";
import { escapeHtml } from "./format";

const td = (s: string, left = false) => `<td${left ? ' style="text-align:left"' : ""}>${escapeHtml(s)}</td>`;

function uncertaintyText(r: FitResult): string {
  switch (r.uncertainty) {
    case "bootstrap":
      return r.bootstrap
        ? `bootstrap (${r.bootstrap.resamples} resamples of ${r.bootstrap.units} ${r.bootstrap.unit === "row" ? "rows" : `clusters by ${r.bootstrap.unit}`}, seed ${r.bootstrap.seed}${r.bootstrap.failed ? `, ${r.bootstrap.failed} failed` : ""}${r.bootstrap.notConverged ? `, ${r.bootstrap.notConverged} not converged` : ""})`
        : "bootstrap";
    case "hessian-inverse":
      return "inverse Hessian of the objective";
    case "hessian-least-squares":
      return "least-squares Hessian (σ² (JᵀJ)⁻¹)";
    case "hessian-sandwich":
      return "sandwich (robust) covariance";
    case "none":
      return "none (SEs unavailable)";
  }
}

/**
 * The mime bundle of a fit result: text/html (parameter table and run summary) and text/plain.
 * @param r - a FitResult from the fitting engine
 * @returns the bundle
 */
export function renderFitResult(r: FitResult): MimeBundle {
  const pct = Math.round(r.ciLevel * 100);
  const rows = r.paramNames.map((n) => {
    const ci = r.ci[n];
    return `<tr><th style="text-align:left">${escapeHtml(n)}</th>${td(formatFitNumber(r.params[n]))}${td(formatFitNumber(r.se[n]))}` +
      td(ci ? `[${formatFitNumber(ci[0])}, ${formatFitNumber(ci[1])}]` : "—") + "</tr>";
  }).join("\n");
  const m = r.method;
  const status = r.converged
    ? `<span style="color:#1e6b34">✓ converged</span>`
    : `<span style="color:#b00020;font-weight:bold">✗ NOT converged</span>`;
  const g = r.grid;
  const optima = g.optima.length > 1
    ? `<details><summary>${g.distinctOptima} distinct optima (best ${Math.min(g.optima.length, 5)} shown)</summary><table class="dataframe scalinglab-table" border="1">` +
      `<thead><tr><th>objective</th><th>starts</th><th>converged</th>${r.paramNames.map((n) => `<th>${escapeHtml(n)}</th>`).join("")}</tr></thead><tbody>` +
      g.optima.slice(0, 5).map((o) => `<tr>${td(formatFitNumber(o.objective))}${td(String(o.count))}${td(String(o.converged))}${r.paramNames.map((n) => td(formatFitNumber(o.params[n]))).join("")}</tr>`).join("") +
      "</tbody></table></details>"
    : "";
  const warnings = r.warnings.length
    ? `<ul style="color:#8a4b00;margin:4px 0">${r.warnings.map((w) => `<li>⚠ ${escapeHtml(w)}</li>`).join("")}</ul>`
    : "";
  const html = [
    `<div class="scalinglab-fit" data-model="${escapeHtml(r.model)}">`,
    `<div><b>Fit of ${escapeHtml(r.model)}</b> · ${escapeHtml(m.objective)}${m.objective !== "mse" ? ` δ = ${m.delta}` : ""}, ${escapeHtml(m.space)} residuals, ${escapeHtml(m.reduction)} · n = ${r.diagnostics.n}</div>`,
    `<table class="dataframe scalinglab-table" border="1"><thead><tr><th>parameter</th><th>estimate</th><th>SE</th><th>${pct}% CI</th></tr></thead><tbody>`,
    rows,
    "</tbody></table>",
    `<div>objective ${escapeHtml(r.objective.toPrecision(6))} · ${status} (${escapeHtml(r.message)}) after ${r.iterations} iterations, ${r.evaluations} evaluations</div>`,
    `<div>uncertainty: ${escapeHtml(uncertaintyText(r))} · condition number ${escapeHtml(formatFitNumber(r.diagnostics.conditionNumber))}</div>`,
    `<div>method: ${escapeHtml(m.optimizer)}, ${escapeHtml(m.gradients)} gradients, gtol ${m.gtol}, ftol ${m.ftol}, ≤ ${m.maxIterations} iterations · grid: ${g.starts} starts, ${g.converged} converged, ${g.distinctOptima} distinct optima</div>`,
    optima,
    warnings,
    "</div>",
  ].filter(Boolean).join("\n");
  return { "text/plain": formatFitResultText(r), "text/html": html };
}
