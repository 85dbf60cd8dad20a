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

type CompleteContent = Omit<ContentByType["complete_reply"], "status">;

/**
 * Completion from the type checker; while it still loads the library's declarations after a start (a second or
 * more, and JupyterLab drops a completion reply after 1 s), from the values in scope instead (`scopeComplete`).
 */
export function complete(engine: Engine, code: string, cursorPos: number): CompleteContent {
  const pos = codePointsToUtf16(code, cursorPos);
  if (engine.checkerWarming) return scopeComplete(engine.locals, code, pos);
  const info = engine.complete(code, pos);
  const kinds = new Map((info.original?.entries ?? []).map((e) => [e.name, e.kind as string]));
  const owner = ownerOf(engine.locals, code, info.start);
  return reply(code, info.start, info.end, info.candidates.map((name) => ({ name, type: jupyterType(kinds.get(name), owner, name) })));
}

function reply(code: string, start16: number, end16: number, items: { name: string; type: string }[]): CompleteContent {
  const start = utf16ToCodePoints(code, start16);
  const end = utf16ToCodePoints(code, end16);
  return {
    matches: items.map((i) => i.name),
    cursor_start: start,
    cursor_end: end,
    metadata: { _jupyter_types_experimental: items.map((i) => ({ start, end, text: i.name, type: i.type })) },
  };
}

/** Jupyter completion types for TypeScript's element kinds (ScriptElementKind). */
const TYPE_OF_KIND: Record<string, string> = {
  function: "function", "local function": "function", method: "function", construct: "function", call: "function",
  class: "class", "local class": "class", interface: "interface", type: "type", enum: "enum", "type parameter": "type",
  "primitive type": "type", module: "namespace", "external module name": "module", keyword: "keyword",
  property: "property", getter: "property", setter: "property", accessor: "property", index: "property",
  const: "constant", "enum member": "constant", let: "variable", var: "variable", "local var": "variable", parameter: "variable",
};

/** Kinds that say how a name was declared rather than what it holds: the value in scope tells more. */
const REFINED_BY_VALUE = new Set(["alias", "property", "const", "let", "var", "local var", undefined]);

/** "function", "class" or "namespace" for values that are one (a library namespace is a compiled ES module). */
function typeOfValue(v: unknown): string | undefined {
  if (typeof v === "function") return /^class[\s{]/.test(Function.prototype.toString.call(v)) ? "class" : "function";
  if (typeof v === "object" && v !== null && !util.types.isProxy(v) && (v as { __esModule?: unknown }).__esModule === true) return "namespace";
  return undefined;
}

/**
 * The completion item type: a name imported from the library is an `alias` to TypeScript; what it is
 * (function, class, namespace, constant) comes from its value, and a type-only import has none.
 */
function jupyterType(kind: string | undefined, owner: Owner, name: string): string {
  if (REFINED_BY_VALUE.has(kind)) {
    const v = memberValue(owner, name);
    const t = typeOfValue(v);
    if (t) return t;
    if (kind === "alias") return v === undefined ? "type" : "constant";
    // Without the checker: a namespace's members are its constants, an object's its properties.
    if (kind === undefined) return owner.kind === "scope" ? "variable" : owner.kind === "member" && typeOfValue(owner.value) === "namespace" ? "constant" : "property";
  }
  return TYPE_OF_KIND[kind!] ?? kind!;
}

/** Where the names being completed live: the cells' scope (and the globals), or the members of a value. */
type Owner = { kind: "scope"; locals: Record<string, unknown> } | { kind: "member"; value: unknown } | { kind: "unknown" };

/** A property read that never runs user code by surprise: proxies are not entered, a throwing getter is no value. */
function safeGet(v: unknown, key: string): unknown {
  if ((typeof v !== "object" && typeof v !== "function") || v === null || util.types.isProxy(v)) return undefined;
  try {
    return (v as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function memberValue(owner: Owner, name: string): unknown {
  if (owner.kind === "member") return safeGet(owner.value, name);
  if (owner.kind === "scope") return Object.prototype.hasOwnProperty.call(owner.locals, name) ? owner.locals[name] : safeGet(globalThis, name);
  return undefined;
}

/** The dotted names before `start` (`laws.` → ["laws"]), or null when the receiver is not a plain name chain (`f().`). */
function chainBefore(code: string, start: number): string[] | null {
  const before = code.slice(0, start);
  const chain = /((?:[\w$]+\s*\.\s*)*)$/.exec(before)![1]!;
  if (chain === "" && /\.\s*$/.test(before)) return null;
  return chain.split(".").map((p) => p.trim()).filter((p) => p !== "");
}

/** The owner of the names completed at `start`, walking the dotted chain through the values in scope. */
function ownerOf(locals: Record<string, unknown>, code: string, start: number): Owner {
  const chain = chainBefore(code, start);
  if (chain === null) return { kind: "unknown" };
  if (chain.length === 0) return { kind: "scope", locals };
  let owner: Owner = { kind: "scope", locals };
  for (const key of chain) owner = { kind: "member", value: memberValue(owner, key) };
  return owner;
}

/** Property names of `v` up its prototype chain, without Object's and Function's own members. */
function memberNames(v: unknown): string[] {
  const names = new Set<string>();
  const stop = new Set<unknown>([Object.prototype, Function.prototype, null]);
  for (let o: unknown = v; (typeof o === "object" || typeof o === "function") && !stop.has(o) && !util.types.isProxy(o); o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) if (/^[A-Za-z_$][\w$]*$/.test(k) && !k.startsWith("__") && k !== "constructor") names.add(k);
  }
  return [...names];
}

/**
 * Completion from the values in scope, without the type checker: the cells' names and the globals, or the
 * members of the value a dotted chain leads to. Ranked as tslab ranks: prefix, prefix ignoring case, substring.
 */
export function scopeComplete(locals: Record<string, unknown>, code: string, pos: number): CompleteContent {
  let start = pos;
  while (start > 0 && /[\w$]/.test(code[start - 1]!)) start--;
  let end = pos;
  while (end < code.length && /[\w$]/.test(code[end]!)) end++;
  const owner = ownerOf(locals, code, start);
  const typed = code.slice(start, pos);
  const names = owner.kind === "scope" ? [...new Set([...Object.keys(locals), ...Object.getOwnPropertyNames(globalThis)])]
    : owner.kind === "member" ? memberNames(owner.value) : [];
  const lower = typed.toLowerCase();
  const rank = (n: string) => (n.startsWith(typed) ? 0 : n.toLowerCase().startsWith(lower) ? 1 : n.toLowerCase().includes(lower) ? 2 : -1);
  const ranked = names.map((name) => ({ name, r: rank(name) })).filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.name.localeCompare(b.name));
  return reply(code, start, end, ranked.map(({ name }) => ({ name, type: jupyterType(undefined, owner, name) })));
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
  const owner = ownerOf(locals, code, id.start);
  return owner.kind === "scope" ? (Object.prototype.hasOwnProperty.call(locals, id.name) ? locals[id.name] : undefined) : memberValue(owner, id.name);
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
