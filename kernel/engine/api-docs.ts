/**
 * Build step: reads the public API's declarations (dist/lib/index.d.ts) and writes dist/lib/api-docs.json, the
 * signature, summary, documentation, examples and @see lines of every public path ("laws.chinchilla.optimal"),
 * so `help(x)` in a cell shows the same documentation as Shift-Tab without loading a compiler at run time.
 * Run by `npm run build` after tsc.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";
import type { ApiDocEntry as ApiDoc } from "../../lib/internal";


/** How deep below a namespace paths are documented: laws.chinchilla (1) and laws.chinchilla.optimal (2). */
const MAX_DEPTH = 2;

function firstSentence(text: string): string {
  // "e.g. x" and "vs. y" do not end a sentence: a sentence ends before a capital, a bracket, a quote or the end.
  const m = text.match(/^[\s\S]*?[.!?](?=\s+[A-Z(`"]|\s*$)/);
  return (m ? m[0] : text).replace(/\s+/g, " ").trim();
}

/** Documentation of every public value path of the module `indexDts`. */
export function collectApiDocs(ts: typeof TS, indexDts: string): Record<string, ApiDoc> {
  const program = ts.createProgram([indexDts], { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(indexDts);
  if (!source) throw new Error(`api-docs: cannot read ${indexDts}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`api-docs: ${indexDts} is not a module`);
  const docs: Record<string, ApiDoc> = {};

  const docOf = (sym: TS.Symbol, type: TS.Type, at: TS.Node): ApiDoc => {
    // A member of a group (`mup: { transferLR: typeof mupTransferLR }`) carries no comment of its own: its
    // documentation is the function's (through its call signature) or the value's type symbol's.
    const calls = type.getCallSignatures();
    const sources: { getDocumentationComment(c: TS.TypeChecker): TS.SymbolDisplayPart[]; getJsDocTags(c?: TS.TypeChecker): TS.JSDocTagInfo[] }[] =
      [sym, ...calls.slice(0, 1), ...(type.getSymbol() ? [type.getSymbol()!] : [])];
    const documented = sources.find((x) => ts.displayPartsToString(x.getDocumentationComment(checker)).trim()) ?? sym;
    const doc = ts.displayPartsToString(documented.getDocumentationComment(checker));
    const tags = documented.getJsDocTags(checker);
    const tagText = (name: string) => tags.filter((t) => t.name === name).map((t) => ts.displayPartsToString(t.text).trim());
    const isLaw = !!type.getProperty("predict") && !!type.getProperty("published");
    const isClass = !!(sym.flags & ts.SymbolFlags.Class);
    const kind: ApiDoc["kind"] = isLaw ? "law" : isClass ? "class" : calls.length ? "function" : type.getProperties().length && !(type.flags & ts.TypeFlags.StringLike) ? "object" : "value";
    // A group's full type is pages of text; its member names say what it holds (help lists them with summaries).
    const signature = calls.length
      ? calls.map((s) => checker.signatureToString(s, at, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.WriteArrowStyleSignature)).join("\n")
      : kind === "object" || kind === "law"
        ? `{ ${type.getProperties().map((p) => p.name).filter((n) => !n.startsWith("__")).join(", ")} }`
        : checker.typeToString(type, at, ts.TypeFormatFlags.NoTruncation).slice(0, 400);
    return { kind, signature, summary: firstSentence(doc), doc, examples: tagText("example"), see: tagText("see") };
  };

  const visit = (sym: TS.Symbol, pathName: string, depth: number, at: TS.Node) => {
    const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    if (!(target.flags & ts.SymbolFlags.Value)) return; // types are documented by the kernel's inspect, not help()
    if (target.flags & ts.SymbolFlags.Module) {
      for (const member of checker.getExportsOfModule(target)) visit(member, `${pathName}.${member.name}`, 1, at);
      return;
    }
    const type = checker.getTypeOfSymbolAtLocation(target, at);
    docs[pathName] = docOf(target, type, at);
    if (depth >= MAX_DEPTH || type.getCallSignatures().length) return;
    for (const prop of type.getProperties()) {
      if (prop.name.startsWith("__") || prop.name.startsWith("[")) continue;
      const propType = checker.getTypeOfSymbolAtLocation(prop, at);
      const d = docOf(prop, propType, at);
      if (d.doc || d.kind === "function" || d.kind === "law") docs[`${pathName}.${prop.name}`] = d;
      if (d.kind === "law" || d.kind === "object") visit(prop, `${pathName}.${prop.name}`, depth + 1, at);
    }
  };
  for (const sym of checker.getExportsOfModule(moduleSymbol)) visit(sym, sym.name, 0, source);
  return docs;
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..", "..");
  const index = path.join(root, "dist", "lib", "index.d.ts");
  const out = path.join(root, "dist", "lib", "api-docs.json");
  const ts = require("@tslab/typescript-for-tslab") as typeof TS;
  const docs = collectApiDocs(ts, index);
  fs.writeFileSync(out, JSON.stringify(docs));
  console.log(`api-docs: ${Object.keys(docs).length} public paths documented in ${path.relative(root, out)}`);
}
