/**
 * complete_request, inspect_request and is_complete_request on top of the engine's TypeScript services.
 * Jupyter counts cursor positions in Unicode code points; TypeScript in UTF-16 units, hence the conversions.
 */
import * as util from "node:util";
import type * as TS from "@tslab/typescript-for-tslab";
import type { ContentByType, MimeData } from "../server/messages";
import type { Engine } from "./engine";

export function codePointsToUtf16(s: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) i += (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

export function utf16ToCodePoints(s: string, index: number): number {
  return [...s.slice(0, index)].length;
}

export function complete(engine: Engine, code: string, cursorPos: number): Omit<ContentByType["complete_reply"], "status"> {
  const pos = codePointsToUtf16(code, cursorPos);
  const info = engine.complete(code, pos);
  const kinds = new Map((info.original?.entries ?? []).map((e) => [e.name, e.kind as string]));
  const start = utf16ToCodePoints(code, info.start);
  const end = utf16ToCodePoints(code, info.end);
  return {
    matches: info.candidates,
    cursor_start: start,
    cursor_end: end,
    metadata: {
      _jupyter_types_experimental: info.candidates.map((text) => ({ start, end, text, type: kinds.get(text) ?? "" })),
    },
  };
}

function partsText(parts: readonly { text: string }[] | undefined): string {
  return (parts ?? []).map((p) => p.text).join("");
}

/** The identifier the cursor is in or just after (for looking up its value at run time). */
function identifierAt(code: string, pos: number): { name: string; start: number } | null {
  const isId = (ch: string | undefined) => ch !== undefined && /[\w$]/.test(ch);
  let s = pos;
  while (s > 0 && isId(code[s - 1])) s--;
  let e = pos;
  while (e < code.length && isId(code[e])) e++;
  return e > s ? { name: code.slice(s, e), start: s } : null;
}

/**
 * The value of the dotted name the cursor is in, from the cells' scope: `laws.chinchilla` for the cursor in
 * `chinchilla` of `laws.chinchilla.predict`. Proxies are not entered (a lazy module would load) and a throwing
 * getter means no value.
 */
function valueAt(locals: Record<string, unknown>, code: string, pos: number): unknown {
  const id = identifierAt(code, pos);
  if (!id) return undefined;
  const chain = /((?:[\w$]+\s*\.\s*)*)$/.exec(code.slice(0, id.start))![1]!.split(".").map((s) => s.trim()).filter((s) => s !== "");
  const [first, ...rest] = [...chain, id.name];
  let v: unknown = Object.prototype.hasOwnProperty.call(locals, first!) ? locals[first!] : undefined;
  for (const key of rest) {
    if ((typeof v !== "object" && typeof v !== "function") || v === null || util.types.isProxy(v)) return undefined;
    try {
      v = (v as Record<string, unknown>)[key];
    } catch {
      return undefined;
    }
  }
  return v;
}

interface CitationLike {
  authors: string;
  year: number;
  title: string;
  arxiv?: string;
  where?: string;
}

function isCitation(c: unknown): c is CitationLike {
  const o = c as Partial<CitationLike> | null;
  return typeof o === "object" && o !== null && typeof o.authors === "string" && typeof o.title === "string";
}

function formatCitation(c: CitationLike): string {
  return `${c.authors} (${c.year}). ${c.title}.${c.arxiv ? ` arXiv:${c.arxiv}.` : ""}${c.where ? ` ${c.where}.` : ""}`;
}

/** Signature, doc comment, tags and (for laws, constants, datasets) the citation of the value. */
export function inspect(engine: Engine, code: string, cursorPos: number): MimeData | null {
  const pos = codePointsToUtf16(code, cursorPos);
  let info: TS.QuickInfo | undefined = engine.inspect(code, pos);
  if (!info && pos > 0) info = engine.inspect(code, pos - 1);
  if (!info) return null;
  const signature = partsText(info.displayParts)
    .replace(/^\(alias\) /, "")
    .replace(/\nimport [\w$]+(, .*)?$/, "")
    .trim();
  const doc = partsText(info.documentation).trim();
  const md: string[] = ["```typescript", signature, "```"];
  const txt: string[] = [signature];
  if (doc) {
    md.push("", doc);
    txt.push("", doc);
  }
  const sections: Record<string, string[]> = {};
  for (const tag of info.tags ?? []) {
    const text = partsText(tag.text).trim();
    (sections[tag.name] ??= []).push(text);
  }
  const params = sections["param"] ?? [];
  if (params.length) {
    md.push("", "**Parameters**", ...params.map((p) => `- \`${p.split(/\s/)[0]}\` ${p.slice(p.split(/\s/)[0]!.length).trim()}`));
    txt.push("", "Parameters:", ...params.map((p) => `  ${p}`));
  }
  for (const [tag, title] of [["returns", "Returns"], ["throws", "Throws"]] as const) {
    for (const t of sections[tag] ?? []) {
      md.push("", `**${title}** ${t}`);
      txt.push("", `${title}: ${t}`);
    }
  }
  for (const ex of sections["example"] ?? []) {
    md.push("", "**Example**", "```typescript", ex, "```");
    txt.push("", "Example:", ...ex.split("\n").map((l) => `  ${l}`));
  }
  const see = sections["see"] ?? [];
  const citation = (valueAt(engine.locals, code, pos) as { citation?: unknown } | undefined)?.citation;
  if (isCitation(citation)) see.push(formatCitation(citation));
  for (const s of see) {
    md.push("", `**See** ${s}`);
    txt.push("", `See: ${s}`);
  }
  return { "text/plain": txt.join("\n"), "text/markdown": md.join("\n") };
}

/** complete / incomplete (with the indent for the next line) / invalid, from TypeScript's parser. */
export function isComplete(ts: typeof TS, code: string): ContentByType["is_complete_reply"] {
  const text = code.replace(/\s+$/, "");
  if (!text) return { status: "complete" };
  const sf = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diags = (sf as unknown as { parseDiagnostics: TS.DiagnosticWithLocation[] }).parseDiagnostics;
  if (diags.length === 0) return { status: "complete" };
  // Only errors at the very end ("'}' expected.", "Unterminated template literal.") mean "keep typing".
  if (diags.every((d) => d.start >= text.length)) return { status: "incomplete", indent: nextIndent(code) };
  return { status: "invalid" };
}

function nextIndent(code: string): string {
  const line = /[^\n]*$/.exec(code.replace(/\s+$/, ""))?.[0] ?? "";
  const current = /^\s*/.exec(line)?.[0] ?? "";
  return /[{([]\s*$/.test(line) || /=>\s*$/.test(line) ? current + "  " : current;
}
