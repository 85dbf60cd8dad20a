/**
 * The cell scope's declarations as text (tslab's `prevDecl`, a .d.ts) and what a failed cell leaves in it.
 * tslab keeps a cell's declarations only when the whole cell succeeded; a failed or interrupted cell would
 * lose everything it declared, although its values already sit in the shared `exports`. The rule here:
 * a value name the cell declared is kept when its declaring statement ran (the converter's `exports.x = x`
 * after it did); its type comes from the cell's declarations; a name that did not run keeps what it had
 * before the cell. Types and interfaces the cell declared are kept (they do not run).
 */
import type * as TS from "@tslab/typescript-for-tslab";

/** Value names a top-level declaration statement introduces; `types` also gets type-only names. */
export function statementNames(ts: typeof TS, st: TS.Statement, types?: Set<string>): string[] {
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.flatMap((d) => bindingNames(ts, d.name));
  if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
    types?.add(st.name.text);
    return [];
  }
  if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st)) &&
    st.name && ts.isIdentifier(st.name)) return [st.name.text];
  if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st)) return importNames(ts, st);
  return [];
}

function bindingNames(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(ts, e.name)));
}

function importNames(ts: typeof TS, st: TS.ImportDeclaration | TS.ImportEqualsDeclaration): string[] {
  if (ts.isImportEqualsDeclaration(st)) return [st.name.text];
  const c = st.importClause;
  if (!c) return [];
  const names = c.name ? [c.name.text] : [];
  const b = c.namedBindings;
  if (b && ts.isNamespaceImport(b)) names.push(b.name.text);
  else if (b) names.push(...b.elements.map((e) => e.name.text));
  return names;
}

/** Top-level names (values and types) a cell declares. */
export function declaredNames(ts: typeof TS, code: string): Set<string> {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  for (const st of sf.statements) for (const n of statementNames(ts, st, names)) names.add(n);
  return names;
}

/** The parts of declaration statement `st` whose value names pass `keep`; `types` says whether type-only statements stay. */
function keepParts(ts: typeof TS, sf: TS.SourceFile, st: TS.Statement, keep: (name: string) => boolean, types: boolean): string[] {
  const text = st.getText(sf);
  if (ts.isVariableStatement(st)) {
    const decls = st.declarationList.declarations;
    const kept = decls.filter((d) => bindingNames(ts, d.name).every(keep));
    if (kept.length === decls.length) return [text];
    if (kept.length === 0) return [];
    const head = sf.text.slice(st.getStart(sf), decls[0]!.getStart(sf));
    return [`${head}${kept.map((d) => d.getText(sf)).join(", ")};`];
  }
  const bindings = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
  if (ts.isImportDeclaration(st) && bindings && ts.isNamedImports(bindings)) {
    const c = st.importClause!;
    const elements = bindings.elements;
    const kept = elements.filter((e) => keep(e.name.text));
    const def = c.name && keep(c.name.text) ? `${c.name.text}, ` : "";
    if (kept.length === elements.length && (!c.name || def)) return [text];
    if (kept.length === 0) return def ? [`import ${def.slice(0, -2)} from ${st.moduleSpecifier.getText(sf)};`] : [];
    return [`import ${c.isTypeOnly ? "type " : ""}${def}{ ${kept.map((e) => e.getText(sf)).join(", ")} } from ${st.moduleSpecifier.getText(sf)};`];
  }
  const names = statementNames(ts, st);
  if (names.length === 0) return types ? [text] : [];
  return names.every(keep) ? [text] : [];
}

/**
 * The declarations to carry on after a cell failed: `next` (what the converter produced for the cell, as if it
 * had succeeded) without the value names in `notRun`, plus `prev`'s declarations of those names.
 */
export function keepDeclarationsThatRan(ts: typeof TS, prev: string, next: string, notRun: Set<string>): string {
  const parse = (text: string) => ts.createSourceFile("decl.d.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const p = parse(prev), n = parse(next);
  const restored = p.statements.flatMap((st) => keepParts(ts, p, st, (x) => notRun.has(x), false));
  const kept = n.statements.flatMap((st) => keepParts(ts, n, st, (x) => !notRun.has(x), true));
  return [...restored, ...kept].join("\n") + "\n";
}
