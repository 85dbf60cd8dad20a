/**
 * Law cards and the law catalogue as notebook output: the formula as LaTeX (typeset by MathJax in Lab, Notebook 7
 * and nbconvert exports), variables with units, each published constant set with a status badge ("unverified"
 * marked in orange), the citation, and where the law lives in the notebook scope.
 */
import {
  formatCitation,
  type Citation,
  listLaws,
  makeDisplayable,
  type LawCard,
  type LawTopic,
  type MimeBundle,
  type PublishedConstants,
  type SourceStatus,
  JUPYTER_DISPLAY,
} from "../core";
import { escapeHtml, formatCell } from "./format";
import { textTable } from "./table";

/**
 * The LaTeX of a law: its `latex` field, or its plain `formula` converted by mathjs when `latex` is empty.
 * mathjs reads single capitals such as N, A, B as units and wraps them in \mathrm; scaling-law symbols are
 * variables, so they are unwrapped.
 * @param law - the law card (needs `latex` or `formula`)
 * @returns LaTeX without math delimiters
 * @example
 * lawLatex({ latex: "", formula: "E + A / N^alpha" }) // => "E+\\frac{A}{{N}^{\\alpha}}"
 */
export function lawLatex(law: Pick<LawCard, "latex" | "formula">): string {
  if (law.latex.trim()) return law.latex.trim();
  return formulaToLatex(law.formula);
}

function formulaToLatex(formula: string): string {
  // mathjs costs ~0.7 s to load: only pay for it when a law has no hand-written LaTeX.
  const { parse } = require("mathjs") as typeof import("mathjs");
  const tex = (s: string): string => {
    try {
      return parse(s).toTex().trim().replace(/\\mathrm\{([A-Za-z])\}/g, "$1").replace(/\{ ([A-Za-z])\}/g, "{$1}");
    } catch {
      return `\\text{${s.replace(/[\\{}]/g, "")}}`;
    }
  };
  // "L = E + …" would parse as an assignment (rendered ":="); convert each side instead.
  const eq = formula.indexOf("=");
  return eq > 0 && !/[<>!=]/.test(formula[eq - 1]) && formula[eq + 1] !== "="
    ? `${tex(formula.slice(0, eq))} = ${tex(formula.slice(eq + 1))}`
    : tex(formula);
}

const GREEK = new Set(["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
  "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi",
  "Sigma", "Phi", "Psi", "Omega"]);

/** A name as one upright symbol: `\mathrm{fan\_in}`, or `\text{…}` for a phrase. */
function upright(name: string): string {
  return /\s/.test(name) ? `\\text{${name.replace(/[\\{}$]/g, "")}}` : `\\mathrm{${name.replace(/[\\{}$]/g, "").replace(/_/g, "\\_")}}`;
}

/** One symbol (a letter, a Greek letter, a Greek name) as LaTeX, or undefined if it is not one. */
function oneSymbol(s: string): string | undefined {
  if (GREEK.has(s)) return `\\${s}`;
  if ([...s].length === 1) return s;
  return undefined;
}

/**
 * A variable's name as LaTeX for the card's symbol column: Greek names become letters (`alpha` → `\alpha`), a
 * subscripted name keeps one symbol with an upright label (`B_crit` → `B_{\mathrm{crit}}`, `S1` → `S_{1}`), any
 * other multi-letter name is one upright word (`fan_in` → `\mathrm{fan\_in}`), so MathJax never reads a name as
 * a product of italic letters.
 * @param name - the key of a law card's `variables`
 * @example
 * symbolLatex("B_crit") // => "B_{\\mathrm{crit}}"
 */
export function symbolLatex(name: string): string {
  const s = name.trim();
  const single = oneSymbol(s);
  if (single !== undefined) return single;
  let m: RegExpExecArray | null;
  if (/,\s*/.test(s)) return s.split(/,\s*/).map(symbolLatex).join(", ");
  if ((m = /^(.+)\*$/.exec(s))) return `${symbolLatex(m[1])}^*`;
  if ((m = /^(.)\u0302$/.exec(s))) return `\\hat{${symbolLatex(m[1])}}`;
  if ((m = /^([^()]+)\(([^()]+)\)$/.exec(s))) return `${symbolLatex(m[1])}(${symbolLatex(m[2])})`;
  if ((m = /^([^_]+)_(.+)$/.exec(s) ?? /^(\D+?)(\d+)$/.exec(s) ?? /^([A-Z])(min|max|opt|act|crit)$/.exec(s))) {
    // B_crit, S1, and "Cmin"/"Nact" (a capital and a label, as in the formulas' C_{\mathrm{min}}).
    const base = oneSymbol(m[1]);
    if (base !== undefined) return `${base}_{${oneSymbol(m[2]) ?? (/^\d+$/.test(m[2]) ? m[2] : upright(m[2]))}}`;
  }
  return upright(s);
}

/** The order topics are listed in (the catalogue, help()). */
export const TOPIC_ORDER: readonly LawTopic[] = ["loss", "allocation", "flops", "downstream", "hparams", "batch", "schedule", "mixing", "other"];

/** "Hoffmann et al. 2022": first author's surname, "et al." for more, and the year. */
export function shortCitation(c: Citation): string {
  const etAl = /\bet al\.?/.test(c.authors);
  const authors = c.authors.replace(/,?\s*\bet al\.?/, "").split(/,\s*|\s+and\s+|\s*&\s*/).map((x) => x.trim()).filter(Boolean);
  const surname = (a: string) => a.split(/\s+/).pop() ?? a;
  const first = authors.length ? surname(authors[0]) : c.authors;
  return `${first}${etAl || authors.length > 2 ? " et al." : authors.length === 2 ? ` & ${surname(authors[1])}` : ""} ${c.year}`;
}

const BADGE_STYLE: Record<SourceStatus, string> = {
  confirmed: "background:#e6f4ea;color:#1e6b34;border:1px solid #9bd3ae",
  unverified: "background:#fff3e0;color:#8a4b00;border:1px solid #f0a040;font-weight:bold",
};

/** An inline status badge; "unverified" carries a warning sign and a tooltip saying it must not be asserted. */
export function statusBadgeHtml(status: SourceStatus): string {
  const label = status === "unverified" ? "⚠ unverified" : "✓ confirmed";
  const title = status === "unverified"
    ? "recalled from the paper, not checked against its text: do not rely on it"
    : "read in the source or recomputed from public data";
  return `<span class="scalinglab-badge scalinglab-${status}" title="${title}" style="${BADGE_STYLE[status]};border-radius:3px;padding:0 4px;font-size:85%;white-space:nowrap">${label}</span>`;
}

function statusText(status: SourceStatus): string {
  return status === "unverified" ? "[UNVERIFIED]" : "[confirmed]";
}

function paramRows(c: PublishedConstants<object>): { name: string; value: string }[] {
  return Object.entries(c.params as Record<string, unknown>).map(([name, v]) => ({ name, value: formatCell(v, 6) }));
}

/** One published constant set: name, status badge, the constants, its note, and its source unless it is the law's. */
export function constantSetHtml(c: PublishedConstants<object>, lawCitation?: Citation): string {
  const rows = paramRows(c);
  const cite = !lawCitation || c.citation.key !== lawCitation.key || c.citation.where !== lawCitation.where
    ? `<div style="font-size:85%">Source: ${escapeHtml(formatCitation(c.citation))}</div>` : "";
  return `<div class="scalinglab-constant-set" style="margin:6px 0"><b>${escapeHtml(c.name)}</b> ${statusBadgeHtml(c.status)}` +
    `<div style="overflow-x:auto;max-width:100%"><table class="scalinglab-constants"><tr>${rows.map((r) => `<th>${escapeHtml(r.name)}</th>`).join("")}</tr>` +
    `<tr>${rows.map((r) => `<td>${escapeHtml(r.value)}</td>`).join("")}</tr></table></div>` +
    (c.note ? `<div style="font-size:85%">${escapeHtml(c.note)}</div>` : "") + cite + "</div>";
}

/** Plain text of one published constant set. */
export function constantSetText(c: PublishedConstants<object>): string {
  const out = [`Constants: ${c.name} ${statusText(c.status)}`];
  out.push(...textTable(paramRows(c).map((r) => ({ parameter: r.name, value: r.value })), { index: false }).split("\n").map((l) => "  " + l));
  if (c.note) out.push(`  ${c.note}`);
  return out.join("\n");
}

function constantsHtml(law: LawCard): string {
  if (!law.constants?.length) return "";
  return `<div><b>Published constants</b>${law.constants.map((c) => constantSetHtml(c, law.citation)).join("")}</div>`;
}

function lawHtml(law: LawCard, latex: string): string {
  const vars = Object.entries(law.variables)
    .map(([s, m]) => `<tr><td style="text-align:left">$${escapeHtml(symbolLatex(s))}$</td><td style="text-align:left">${escapeHtml(m)}</td></tr>`).join("");
  return [
    `<div class="scalinglab-law" data-law-id="${escapeHtml(law.id)}" style="max-width:100%;overflow-wrap:anywhere">`,
    `<div style="font-size:115%"><b>${escapeHtml(law.name)}</b> <code>${escapeHtml(law.id)}</code> · ${escapeHtml(law.topic)} · ${statusBadgeHtml(law.status)}</div>`,
    // A long formula or a wide constants table scrolls inside the card instead of widening the output area.
    `<div class="scalinglab-formula" style="overflow-x:auto;max-width:100%">$$${escapeHtml(latex)}$$</div>`,
    vars ? `<table class="scalinglab-variables"><thead><tr><th>symbol</th><th>meaning (units)</th></tr></thead><tbody>${vars}</tbody></table>` : "",
    constantsHtml(law),
    `<div style="margin-top:4px">Citation: ${escapeHtml(formatCitation(law.citation))}` +
      (law.citation.url ? ` <a href="${escapeHtml(law.citation.url)}">${escapeHtml(law.citation.url)}</a>` : "") + "</div>",
    `<div>In the notebook: <code>${escapeHtml(law.api)}</code></div>`,
    "</div>",
  ].join("\n");
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function lawMarkdown(law: LawCard, latex: string): string {
  const out = [`**${law.name}** (\`${law.id}\`, ${law.topic}) ${statusText(law.status)}`, "", `$$${latex}$$`, ""];
  const vars = Object.entries(law.variables);
  if (vars.length) {
    out.push("| symbol | meaning (units) |", "|---|---|", ...vars.map(([s, m]) => `| $${mdCell(symbolLatex(s))}$ | ${mdCell(m)} |`), "");
  }
  for (const c of law.constants ?? []) {
    const rows = paramRows(c);
    out.push(`**${c.name}** ${statusText(c.status)}`, "", `| ${rows.map((r) => mdCell(r.name)).join(" | ")} |`,
      `|${rows.map(() => "---").join("|")}|`, `| ${rows.map((r) => r.value).join(" | ")} |`, "");
    if (c.note) out.push(c.note, "");
  }
  out.push(`Citation: ${formatCitation(law.citation)}`);
  out.push("", `In the notebook: \`${law.api}\``);
  return out.join("\n");
}

/** Plain-text law card (the text/plain of the bundle). */
export function lawText(law: LawCard): string {
  const out = [`${law.name} (${law.id}, ${law.topic}) ${statusText(law.status)}`, `  ${law.formula}`];
  const vars = Object.entries(law.variables);
  if (vars.length) out.push("Variables:", ...vars.map(([s, m]) => `  ${s}: ${m}`));
  for (const c of law.constants ?? []) out.push(constantSetText(c));
  out.push(`Citation: ${formatCitation(law.citation)}`);
  out.push(`In the notebook: ${law.api}`);
  return out.join("\n");
}

/**
 * The mime bundle of a law card: text/html (formula typeset by MathJax, status badges), text/markdown,
 * text/latex and text/plain.
 * @param law - a law card from `defineCard`
 * @returns the bundle
 */
export function renderLaw(law: LawCard): MimeBundle {
  const latex = lawLatex(law);
  return {
    "text/plain": lawText(law),
    "text/html": lawHtml(law, latex),
    "text/markdown": lawMarkdown(law, latex),
    "text/latex": `$$${latex}$$`,
  };
}

/** The registered laws as a displayable list (see {@link lawCatalogue}). */
export interface LawCatalogue {
  readonly topic: LawTopic | "all";
  readonly laws: readonly LawCard[];
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

/**
 * Every registered law (or those of one topic), grouped by topic and sorted by name: name, status, api, citation, formula.
 * @param topic - optional topic filter ("loss", "allocation", "hparams", "mixing", …)
 * @returns a displayable {@link LawCatalogue}; `.laws` holds the law cards
 * @example
 * lawCatalogue("loss").topic // => "loss"
 */
export function lawCatalogue(topic?: LawTopic): LawCatalogue {
  // By topic, then by name: 100 laws in registration order were hard to browse.
  const laws = listLaws(topic).sort((a, b) => TOPIC_ORDER.indexOf(a.topic) - TOPIC_ORDER.indexOf(b.topic) || a.name.localeCompare(b.name));
  const cat = { topic: topic ?? ("all" as const), laws };
  return makeDisplayable("law-catalogue", cat, () => catalogueText(cat)) as unknown as LawCatalogue;
}

function catalogueRows(laws: readonly LawCard[]) {
  return laws.map((l) => ({
    id: l.id,
    name: l.name,
    topic: l.topic,
    formula: l.formula,
    status: l.status,
    citation: `${l.citation.authors} (${l.citation.year})${l.citation.arxiv ? ` arXiv:${l.citation.arxiv}` : ""}`,
    api: l.api,
  }));
}

function catalogueText(cat: Pick<LawCatalogue, "topic" | "laws">): string {
  const head = `Law catalogue (${cat.topic}): ${cat.laws.length} law${cat.laws.length === 1 ? "" : "s"}`;
  if (!cat.laws.length) return head;
  const rows = catalogueRows(cat.laws).map((r) => ({ ...r, status: statusText(r.status as SourceStatus) }));
  return `${head}\n${textTable(rows, { index: false, maxRows: 1000, columns: ["id", "formula", "status", "citation"] })}`;
}

/** The mime bundle of the law catalogue: laws grouped by topic with typeset formulas and badges (wrapping, no wide table), dataresource, text. */
export function renderLawCatalogue(cat: Pick<LawCatalogue, "topic" | "laws">): MimeBundle {
  const groups = TOPIC_ORDER.map((t) => [t, cat.laws.filter((l) => l.topic === t).sort((a, b) => a.name.localeCompare(b.name))] as const).filter(([, ls]) => ls.length);
  const entry = (l: LawCard) => `<div class="scalinglab-catalogue-entry" style="margin:4px 0 4px 1em">` +
    `<b>${escapeHtml(l.name)}</b> ${statusBadgeHtml(l.status)} <code>${escapeHtml(l.api)}</code> ` +
    `<span style="color:#666;font-size:90%">${escapeHtml(shortCitation(l.citation))}${l.citation.arxiv ? `, arXiv:${escapeHtml(l.citation.arxiv)}` : ""}</span>` +
    `<div style="overflow-x:auto;max-width:100%">$${escapeHtml(lawLatex(l))}$</div></div>`;
  const html = `<div class="scalinglab-law-catalogue" style="max-width:100%;overflow-wrap:anywhere">` +
    `<p><b>Law catalogue (${escapeHtml(cat.topic)})</b>: ${cat.laws.length} law${cat.laws.length === 1 ? "" : "s"}</p>` +
    groups.map(([t, ls]) => `<details open><summary><b>${escapeHtml(t)}</b> (${ls.length})</summary>${ls.map(entry).join("\n")}</details>`).join("\n") +
    `</div>`;
  const fields = ["id", "name", "topic", "formula", "status", "citation", "api"].map((name) => ({ name, type: "string" }));
  return {
    "text/plain": catalogueText(cat),
    "text/html": html,
    "application/vnd.dataresource+json": { schema: { fields, primaryKey: ["id"] }, data: catalogueRows(cat.laws) },
  };
}
