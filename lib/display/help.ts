/**
 * `help()`: the browsable catalogue of the notebook scope (namespaces → members, one line each, with status
 * badge and citation for laws and rules), and `help(x)`: the card of any law, rule, dataset or function — its
 * path in the scope, signature, documentation, examples and citation. Documentation comes from
 * dist/lib/api-docs.json, written at build time from the same declarations Shift-Tab reads.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { JUPYTER_DISPLAY, listLaws, type LawCard, type MimeBundle } from "../core";
import { escapeHtml } from "./format";
import { renderLaw, shortCitation, statusBadgeHtml, TOPIC_ORDER } from "./law";

/** One documented public path (see kernel/engine/api-docs.ts, which writes them). */
export interface ApiDocEntry {
  readonly kind: "function" | "law" | "object" | "class" | "value";
  readonly signature: string;
  readonly summary: string;
  readonly doc: string;
  readonly examples: readonly string[];
  readonly see: readonly string[];
}

let apiDocs: Record<string, ApiDocEntry> | undefined;

function docs(): Record<string, ApiDocEntry> {
  if (!apiDocs) {
    // Compiled, this module is dist/lib/display/help.js and the docs sit in dist/lib; from sources, look in dist too.
    const candidates = [path.join(__dirname, "..", "api-docs.json"), path.join(__dirname, "..", "..", "dist", "lib", "api-docs.json")];
    const file = candidates.find((f) => fs.existsSync(f));
    apiDocs = file ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, ApiDocEntry>) : {};
  }
  return apiDocs;
}

/** The notebook scope help() describes: namespaces and top-level names. */
export type HelpScope = Readonly<Record<string, unknown>>;

interface Found { readonly path: string; readonly value: unknown }

/** Every public path whose value is `x` (identity), shortest first. */
function pathsOf(scope: HelpScope, x: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, p: string, depth: number) => {
    if (value === x) out.push(p);
    if (depth >= 2 || !value || (typeof value !== "object" && typeof value !== "function") || seen.has(value)) return;
    seen.add(value);
    if (typeof value === "function" || Array.isArray(value)) return;
    for (const [k, v] of Object.entries(value)) walk(v, `${p}.${k}`, depth + 1);
  };
  for (const [k, v] of Object.entries(scope)) walk(v, k, 0);
  return out.sort((a, b) => a.length - b.length);
}

function lookup(scope: HelpScope, p: string): Found | undefined {
  let value: unknown = scope;
  for (const part of p.split(".")) {
    if (!value || (typeof value !== "object" && typeof value !== "function")) return undefined;
    value = (value as Record<string, unknown>)[part];
    if (value === undefined) return undefined;
  }
  return { path: p, value };
}

function cardOf(value: unknown, p: string | undefined): LawCard | undefined {
  const v = value as Partial<LawCard> | undefined;
  if (v && typeof v === "object" && typeof v.api === "string" && v.citation && typeof v.formula === "string") return v as LawCard;
  return p ? listLaws().find((c) => c.api === p) : undefined;
}

function entryHtml(p: string, e: ApiDocEntry | undefined): string {
  if (!e) return `<p><code>${escapeHtml(p)}</code></p>`;
  const ex = e.examples.length ? `<p><b>Example</b></p>${e.examples.map((x) => `<pre>${escapeHtml(x)}</pre>`).join("")}` : "";
  const see = e.see.length ? `<p><b>See</b> ${e.see.map(escapeHtml).join("; ")}</p>` : "";
  return `<p><code>${escapeHtml(p)}</code> — ${escapeHtml(e.kind)}</p><pre>${escapeHtml(e.signature)}</pre>` +
    `<p>${escapeHtml(e.doc).replace(/\n\n/g, "</p><p>")}</p>${ex}${see}`;
}

function entryText(p: string, e: ApiDocEntry | undefined): string {
  if (!e) return p;
  return [`${p} (${e.kind})`, `  ${e.signature.replace(/\n/g, "\n  ")}`, "", e.doc,
    ...e.examples.map((x) => `Example: ${x}`), ...e.see.map((x) => `See: ${x}`)].filter((l, i) => i < 3 || l).join("\n");
}

/** The data fields every Law has; its card shows them, so the member list keeps to what the law does. */
const LAW_FIELDS = new Set(["kind", "id", "api", "name", "topic", "latex", "formula", "variables", "citation", "status", "constants",
  "inputs", "output", "paramNames", "params", "ranges", "model", "defaults"]);

/** Members of a law or group with their one-line summaries (methods first). */
function membersOf(p: string, isLaw: boolean): [string, ApiDocEntry][] {
  const prefix = p + ".";
  return Object.entries(docs()).filter(([k]) => k.startsWith(prefix) && !k.slice(prefix.length).includes("."))
    .filter(([k]) => !isLaw || !LAW_FIELDS.has(k.slice(prefix.length)))
    .sort(([, a], [, b]) => Number(b.kind === "function") - Number(a.kind === "function"));
}

function helpFor(scope: HelpScope, x: unknown): MimeBundle {
  const found = typeof x === "string" ? lookup(scope, x) : undefined;
  if (typeof x === "string" && !found) return searchBundle(scope, x);
  const value = found ? found.value : x;
  const p = found?.path ?? pathsOf(scope, value)[0];
  const card = cardOf(value, p);
  const entry = p ? docs()[p] : undefined;
  const members = p ? membersOf(p, !!card) : [];
  const memberHtml = members.length
    ? `<div class="scalinglab-help" style="max-width:100%;overflow-wrap:anywhere"><p><b>Members</b></p>${members.map(([k, e]) => rowHtml({ p: k, summary: e.summary })).join("")}</div>`
    : "";
  const memberText = members.map(([k, e]) => `  ${k}  ${e.summary}`).join("\n");
  if (card) {
    const bundle = renderLaw(card) as Record<string, string>;
    return {
      ...bundle,
      "text/html": `${bundle["text/html"]}${memberHtml}`,
      "text/plain": `${bundle["text/plain"]}${memberText ? `\nMembers:\n${memberText}` : ""}`,
    };
  }
  if (!p) {
    return { "text/plain": `help: this value is not part of the notebook scope; try help() for the catalogue or help("name") to search` };
  }
  return {
    "text/plain": entryText(p, entry) + (memberText ? `\nMembers:\n${memberText}` : ""),
    "text/html": `<div class="scalinglab-help">${entryHtml(p, entry)}${memberHtml}</div>`,
  };
}

/** Paths whose name or summary contains `query` (case-insensitive). */
function searchBundle(scope: HelpScope, query: string): MimeBundle {
  const q = query.toLowerCase();
  const hits = Object.entries(docs()).filter(([k, e]) => k.toLowerCase().includes(q) || e.summary.toLowerCase().includes(q))
    .filter(([k]) => lookup(scope, k)).slice(0, 40);
  if (!hits.length) return { "text/plain": `help: nothing in the notebook scope matches "${query}"; help() lists everything` };
  return {
    "text/plain": [`help("${query}"): ${hits.length} match${hits.length === 1 ? "" : "es"}`, ...hits.map(([k, e]) => `  ${k}  ${e.summary}`)].join("\n"),
    "text/html": `<p>help("${escapeHtml(query)}")</p><table class="scalinglab-table"><tbody>${hits.map(([k, e]) =>
      `<tr><td style="text-align:left"><code>${escapeHtml(k)}</code></td><td style="text-align:left">${escapeHtml(e.summary)}</td></tr>`).join("")}</tbody></table>`,
  };
}

interface CatalogueRow { readonly p: string; readonly summary: string; readonly card?: LawCard }

/** One catalogue line that wraps inside the output area: path, summary, and for a card its badge and short citation. */
function rowHtml(r: CatalogueRow): string {
  const card = r.card ? ` ${statusBadgeHtml(r.card.status)} <span style="color:#666;font-size:90%">${escapeHtml(shortCitation(r.card.citation))}</span>` : "";
  return `<div class="scalinglab-help-entry" style="margin:1px 0 1px 1em;text-indent:-1em;padding-left:1em">` +
    `<code>${escapeHtml(r.p)}</code> ${escapeHtml(r.summary)}${card}</div>`;
}

function rowText(r: CatalogueRow): string {
  return `  ${r.p}  ${r.summary}${r.card ? ` [${r.card.status}] ${shortCitation(r.card.citation)}` : ""}`;
}

/** A namespace's members: cards grouped by topic (in TOPIC_ORDER, by name within), then the other members by path. */
function groupRows(rows: readonly CatalogueRow[]): [string | undefined, CatalogueRow[]][] {
  const byName = (a: CatalogueRow, b: CatalogueRow) => a.summary.localeCompare(b.summary);
  const topics = TOPIC_ORDER.map((t) => [t, rows.filter((r) => r.card?.topic === t).sort(byName)] as [string, CatalogueRow[]]).filter(([, rs]) => rs.length);
  const rest = rows.filter((r) => !r.card).sort((a, b) => a.p.localeCompare(b.p));
  if (!topics.length) return [[undefined, rest]];
  return [...topics, ...(rest.length ? [["other members", rest] as [string, CatalogueRow[]]] : [])];
}

/**
 * The catalogue: each namespace with its members (laws and rules grouped by topic, with status and short
 * citation), then top-level names. The HTML is wrapping text, no wide table, so it fits the output area.
 */
function catalogueBundle(scope: HelpScope): MimeBundle {
  const d = docs();
  const text: string[] = ["scalinglab: everything in scope. help(x) shows one entry; help(\"word\") searches."];
  const html: string[] = [`<div class="scalinglab-help scalinglab-catalogue" style="max-width:100%;overflow-wrap:anywhere"><p>Everything in scope. <code>help(x)</code> shows one entry; <code>help("word")</code> searches.</p>`];
  const top: CatalogueRow[] = [];
  for (const [name, ns] of Object.entries(scope)) {
    const isNamespace = ns && typeof ns === "object" && !cardOf(ns, name) && Object.keys(ns).length > 0 && d[`${name}`] === undefined;
    if (!isNamespace) { top.push({ p: name, summary: d[name]?.summary ?? "" }); continue; }
    const rows = Object.entries(ns as Record<string, unknown>).map(([k, v]): CatalogueRow => {
      const p = `${name}.${k}`;
      const card = cardOf(v, p);
      return { p, summary: card ? card.name : d[p]?.summary ?? "", card };
    });
    text.push("", `${name} (${rows.length})`);
    html.push(`<details open><summary><b><code>${escapeHtml(name)}</code></b> (${rows.length})</summary>`);
    for (const [topic, rs] of groupRows(rows)) {
      if (topic) {
        text.push(` ${topic} (${rs.length})`);
        html.push(`<div style="margin:4px 0 0 0.5em"><i>${escapeHtml(topic)}</i> (${rs.length})</div>`);
      }
      text.push(...rs.map(rowText));
      html.push(...rs.map(rowHtml));
    }
    html.push(`</details>`);
  }
  top.sort((a, b) => a.p.localeCompare(b.p));
  text.push("", `top-level (${top.length})`, ...top.map(rowText));
  html.push(`<details open><summary><b>top-level</b> (${top.length})</summary>${top.map(rowHtml).join("")}</details></div>`);
  return { "text/plain": text.join("\n"), "text/html": html.join("") };
}

/** What help() returns: displayable, and its text is also its string form. */
export interface HelpPage {
  readonly text: string;
  [JUPYTER_DISPLAY](): MimeBundle;
}

/**
 * Builds `help` over a scope (lib/index.ts passes the notebook scope).
 * @returns `help()`: the catalogue; `help(x)`: the card of x (a law, rule, dataset, function or namespace);
 *   `help("word")`: a path ("laws.chinchilla") or a search over names and summaries
 */
export function makeHelp(scope: () => HelpScope): (x?: unknown) => HelpPage {
  return (...args: unknown[]) => {
    const bundle = args.length === 0 ? catalogueBundle(scope()) : helpFor(scope(), args[0]);
    return Object.defineProperty({ text: String(bundle["text/plain"]) }, JUPYTER_DISPLAY, { value: () => bundle, enumerable: false }) as HelpPage;
  };
}
