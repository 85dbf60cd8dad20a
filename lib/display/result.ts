/**
 * Displays for the library's plain result values: citations, published constant sets, and result objects made
 * displayable with `displayResult` (optima, frontiers, allocations) — a titled field table whose numbers are
 * formatted, nested rows shown as a table, constant sets and citations by name, and warnings marked.
 */
import {
  formatCitation, resultTitle, type Citation, type MimeBundle, type PublishedConstants,
} from "../core";
import { escapeHtml, formatCell, warningHtml } from "./format";
import { constantSetHtml, constantSetText } from "./law";
import { htmlTable, textTable } from "./table";

/** A citation: formatted reference with its arXiv and URL links. */
export function renderCitation(c: Citation): MimeBundle {
  const links = [
    c.arxiv ? `<a href="https://arxiv.org/abs/${escapeHtml(c.arxiv)}">arXiv:${escapeHtml(c.arxiv)}</a>` : "",
    c.url ? `<a href="${escapeHtml(c.url)}">${escapeHtml(c.url)}</a>` : "",
  ].filter(Boolean).join(" · ");
  return {
    "text/plain": formatCitation(c) + (c.url ? ` ${c.url}` : ""),
    "text/html": `<div class="scalinglab-citation">${escapeHtml(formatCitation(c))}${links ? ` ${links}` : ""}</div>`,
  };
}

/** A published constant set: its constants, status badge, note and source. */
export function renderPublishedConstants(c: PublishedConstants<object>): MimeBundle {
  return {
    "text/plain": `${constantSetText(c)}\n  Source: ${formatCitation(c.citation)}`,
    "text/html": constantSetHtml(c),
  };
}

const isCitation = (v: unknown): v is Citation => !!v && typeof v === "object" && typeof (v as Citation).key === "string" && typeof (v as Citation).authors === "string";
const isConstantSet = (v: unknown): v is PublishedConstants<object> =>
  !!v && typeof v === "object" && typeof (v as PublishedConstants<object>).name === "string" && !!(v as PublishedConstants<object>).params && isCitation((v as PublishedConstants<object>).citation);
const isRowList = (v: unknown): v is Record<string, unknown>[] =>
  Array.isArray(v) && v.length > 0 && v.every((r) => r && typeof r === "object" && !Array.isArray(r));

/** One field value as short text: numbers formatted, short number lists in full, long ones summarised. */
function fieldText(v: unknown): string {
  if (isConstantSet(v)) return `${v.name} [${v.status}]`;
  if (isCitation(v)) return formatCitation(v);
  if (Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) || ArrayBuffer.isView(r))) {
    return `${v.length} × ${(v[0] as ArrayLike<unknown>).length} matrix`;
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const a = Array.from(v as ArrayLike<unknown>);
    if (a.length <= 6) return `[${a.map((x) => formatCell(x, 4)).join(", ")}]`;
    const nums = a.filter((x): x is number => typeof x === "number");
    return nums.length === a.length ? `${a.length} values, ${formatCell(Math.min(...nums), 4)} … ${formatCell(Math.max(...nums), 4)}` : `${a.length} items`;
  }
  if (v && typeof v === "object") return Object.entries(v).map(([k, x]) => `${k}: ${fieldText(x)}`).join(", ");
  return formatCell(v, 6);
}

/** A result made displayable by `displayResult`: its title, a field table, nested row lists as tables, warnings. */
export function renderResult(value: object): MimeBundle {
  const title = resultTitle(value) ?? "Result";
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
  const warnings = entries.filter(([k, v]) => k === "warnings" && Array.isArray(v)).flatMap(([, v]) => (v as unknown[]).map(String));
  const fields = entries.filter(([k, v]) => k !== "warnings" && !isRowList(v));
  const nested = entries.filter(([k, v]) => k !== "warnings" && isRowList(v)) as [string, Record<string, unknown>[]][];
  const flat = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? v : fieldText(v)])));
  const text = [title, ...fields.map(([k, v]) => `  ${k}: ${fieldText(v)}`)];
  for (const [k, rows] of nested) text.push(`  ${k}:`, ...textTable(flat(rows), { index: false, maxRows: 12 }).split("\n").map((l) => "    " + l));
  text.push(...warnings.map((w) => `  warning: ${w}`));
  const html = [
    `<div class="scalinglab-result" style="max-width:100%;overflow-wrap:anywhere"><div><b>${escapeHtml(title)}</b></div>`,
    `<table class="scalinglab-table"><tbody>${fields.map(([k, v]) =>
      `<tr><th style="text-align:left">${escapeHtml(k)}</th><td style="text-align:left">${escapeHtml(fieldText(v))}</td></tr>`).join("")}</tbody></table>`,
    ...nested.map(([k, rows]) => `<div><b>${escapeHtml(k)}</b></div>${htmlTable(flat(rows), { index: false, maxRows: 12 })}`),
    ...warnings.map(warningHtml),
    "</div>",
  ];
  return { "text/plain": text.join("\n"), "text/html": html.join("") };
}
